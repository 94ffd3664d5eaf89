/*
 * testlib.c - see mmk_test.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"
#include "mmk_test.h"

static const char *test_name = "test";

void t_begin(const char *name)
{
	test_name = name;
}

/* One write() per line, so lines from parent and children never interleave. */
static void say(const char *fmt, va_list ap, const char *prefix)
{
	char buf[1536];
	int n;

	n = snprintf(buf, sizeof(buf), "%s: %s", test_name, prefix);
	n += vsnprintf(buf + n, sizeof(buf) - 1 - n, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	fflush(stdout);
	write(1, buf, n);
}

void t_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap, "FAIL ");
	va_end(ap);
	exit(1);
}

static void say_ok(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap, "");
	va_end(ap);
}

static char notes[1280];
static size_t notes_len;

void t_note(const char *fmt, ...)
{
	char one[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(one, sizeof(one), fmt, ap);
	va_end(ap);
	if (strstr(notes, one))		/* the warm-up run found it already */
		return;
	if (notes_len && notes_len < sizeof(notes) - 2) {
		strcpy(notes + notes_len, "; ");
		notes_len += 2;
	}
	if (notes_len < sizeof(notes) - 1) {
		snprintf(notes + notes_len, sizeof(notes) - notes_len, "%s", one);
		notes_len = strlen(notes);
	}
}

void t_check_notes(void)
{
	if (notes_len)
		t_fail("%s", notes);
}

void t_ok(void)
{
	t_check_notes();
	say_ok("ok");
	exit(0);
}

pid_t t_fork(void)
{
	pid_t pid;

	fflush(NULL);		/* or the child would print our buffered output again */
	pid = fork();
	if (pid < 0)
		t_fail("fork: %s", strerror(errno));
	return pid;
}

int t_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid)
		t_fail("waitpid(%d) returned %d: %s", (int)pid, (int)r, strerror(errno));
	return status;
}

const char *t_status_str(int status)
{
	static char buf[64];

	if (WIFEXITED(status))
		snprintf(buf, sizeof(buf), "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof(buf), "killed by signal %d (%s)", WTERMSIG(status),
			 mmk_signame(WTERMSIG(status)) ? mmk_signame(WTERMSIG(status)) : "?");
	else
		snprintf(buf, sizeof(buf), "status 0x%x", status);
	return buf;
}

void t_wait_ok(pid_t pid, const char *what)
{
	int st = t_wait(pid);

	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		exit(1);			/* the child printed why */
	t_fail("%s: child %s", what, t_status_str(st));
}

void t_wait_segv(pid_t pid, const char *what)
{
	int st = t_wait(pid);

	if (WIFSIGNALED(st) && WTERMSIG(st) == LINUX_SIGSEGV)
		return;
	t_fail("%s: child %s, expected killed by signal 11 (SEGV)", what, t_status_str(st));
}

/* Why ret/errno is not "-1 with err", or NULL if it is. */
static const char *err_mismatch(long ret, int e, int err, const char *what)
{
	static char buf[256];

	if (ret != -1)
		snprintf(buf, sizeof(buf), "%s returned %ld, not -1 (%s)", what, ret,
			 strerror(err));
	else if (e != err)
		snprintf(buf, sizeof(buf), "%s failed with %s, not %s", what,
			 strerror(e), strerror(err));
	else
		return NULL;
	return buf;
}

void t_expect_err(long ret, int err, const char *what)
{
	const char *why = err_mismatch(ret, errno, err, what);

	if (why)
		t_fail("%s", why);
}

void t_check_err(long ret, int err, const char *what)
{
	const char *why = err_mismatch(ret, errno, err, what);

	if (why)
		t_note("%s", why);
}

long t_memfree_kb(void)
{
	long v = mmk_proc_value("/proc/meminfo", "MemFree:");

	if (v < 0)
		t_fail("cannot read MemFree from /proc/meminfo");
	return v;
}

long t_status_kb(const char *key)
{
	long v = mmk_proc_value("/proc/self/status", key);

	if (v < 0)
		t_fail("no %s line in /proc/self/status", key);
	return v;
}

unsigned long t_minflt(void)
{
	unsigned long v;

	if (mmk_proc_stat_field(0, 10, &v) < 0)
		t_fail("cannot read field 10 (minflt) of /proc/self/stat");
	return v;
}

/*
 * A kernel keeps some memory after a run on purpose: slab pages kept for
 * reuse, page-cache pages of the program file, cached page tables, pages
 * on the per-CPU lists.  `echo 3 > /proc/sys/vm/drop_caches` gives every
 * one of them back, so the check drops caches before each reading and
 * then asks for exact accounting: after the warm-up, one measured run must
 * give back every page it took, except pages this process itself gained
 * (its VmRSS growth: code run for the first time).  (On Linux, which keeps memory in ways
 * drop_caches does not reach, only a loss is reported, never checked.)
 */
static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "3\n", 2) != 2 && !mmk_on_linux())
			t_fail("writing /proc/sys/vm/drop_caches failed");
		close(fd);
	}
}

void t_leak_check(void (*work)(int measured))
{
	long before, after;

	long rss_before, rss_after;

	work(0);
	drop_caches();
	rss_before = t_status_kb("VmRSS:");
	before = t_memfree_kb();
	work(1);
	drop_caches();
	rss_after = t_status_kb("VmRSS:");
	after = t_memfree_kb();
	if (getenv("MMK_TEST_VERBOSE"))
		fprintf(stderr, "%s: MemFree %ld -> %ld kB, own VmRSS %ld -> %ld kB\n",
			test_name, before, after, rss_before, rss_after);
	/*
	 * The only memory allowed to stay taken is this process's own growth
	 * (code it ran for the first time, faulted in from the page cache).
	 */
	if (before - after > (rss_after > rss_before ? rss_after - rss_before : 0) &&
	    !mmk_on_linux())
		t_fail("MemFree %ld kB before, %ld kB after the children exited "
		       "(caches dropped both times; this process grew by %ld kB): "
		       "%ld kB not given back", before, after, rss_after - rss_before,
		       before - after - (rss_after - rss_before));
}

void t_fill_page(void *page, uint32_t tag, unsigned long index)
{
	uint32_t *w = page;
	unsigned i;

	for (i = 0; i < T_PAGE / 4; i += 64)
		w[i] = tag ^ (uint32_t)(index << 12) ^ i;
	w[T_PAGE / 4 - 1] = ~tag ^ (uint32_t)index;
}

int t_check_page(const void *page, uint32_t tag, unsigned long index)
{
	const uint32_t *w = page;
	unsigned i;

	for (i = 0; i < T_PAGE / 4; i += 64)
		if (w[i] != (tag ^ (uint32_t)(index << 12) ^ i))
			return 0;
	return w[T_PAGE / 4 - 1] == (~tag ^ (uint32_t)index);
}
