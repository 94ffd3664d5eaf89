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
 * (its VmRSS growth: code run for the first time) and slab pages whose
 * caches hold no more objects than before (t_leak_check below).  (On
 * Linux, which keeps memory in ways drop_caches does not reach, only a
 * loss is reported, never checked.)
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

/* Objects of every slab cache (/proc/slabinfo), to tell a leak from spread. */
struct slab_objs {
	int n;
	char name[40][24];
	long active[40];
};

static void read_slab_objs(struct slab_objs *s)
{
	struct mmk_lines lr;
	char *line;

	s->n = 0;
	if (mmk_lines_open(&lr, "/proc/slabinfo") < 0)
		return;
	while ((line = mmk_lines_next(&lr)) && s->n < 40)
		if (line[0] != '#' && strncmp(line, "slabinfo", 8) &&
		    sscanf(line, "%23s %ld", s->name[s->n], &s->active[s->n]) == 2)
			s->n++;
	mmk_lines_close(&lr);
}

/* Did some cache end with more objects than it started with?  Its name, or NULL. */
static const char *slab_grew(const struct slab_objs *a, const struct slab_objs *b)
{
	int i, j;

	for (j = 0; j < b->n; j++) {
		for (i = 0; i < a->n && strcmp(a->name[i], b->name[j]); i++)
			;
		if (i == a->n ? b->active[j] > 0 : b->active[j] > a->active[i])
			return b->name[j];
	}
	return NULL;
}

/*
 * The pages allowed to stay taken: this process's own growth (code it
 * ran for the first time, faulted in from the page cache), and slab
 * pages that hold no more objects than before, only spread wider
 * (objects freed and allocated in another order leave partly used slabs
 * that drop_caches cannot give back).  A slab cache with more objects
 * than before is a leak of its own.
 */
void t_leak_check(void (*work)(int measured))
{
	static struct slab_objs objs_before, objs_after;
	long before, after, rss_before, rss_after, slab_before, slab_after, allowed;
	const char *grew;

	/*
	 * Write to both buffers first: the first write to a VMA of ours
	 * gives it an anon_vma (mm/rmap.c), our own growth like a page,
	 * and must not land between the two counts.
	 */
	memset(&objs_before, 0, sizeof(objs_before));
	memset(&objs_after, 0, sizeof(objs_after));
	work(0);
	drop_caches();
	rss_before = t_status_kb("VmRSS:");
	slab_before = mmk_proc_value("/proc/meminfo", "Slab:");
	read_slab_objs(&objs_before);
	before = t_memfree_kb();
	work(1);
	drop_caches();
	rss_after = t_status_kb("VmRSS:");
	slab_after = mmk_proc_value("/proc/meminfo", "Slab:");
	read_slab_objs(&objs_after);
	after = t_memfree_kb();
	if (getenv("MMK_TEST_VERBOSE"))
		fprintf(stderr, "%s: MemFree %ld -> %ld kB, own VmRSS %ld -> %ld kB, Slab %ld -> %ld kB\n",
			test_name, before, after, rss_before, rss_after, slab_before, slab_after);
	if (mmk_on_linux())
		return;
	grew = slab_grew(&objs_before, &objs_after);
	if (grew)
		t_fail("slab cache %s holds more objects after the children exited than before",
		       grew);
	allowed = (rss_after > rss_before ? rss_after - rss_before : 0) +
		  (slab_after > slab_before ? slab_after - slab_before : 0);
	if (before - after > allowed)
		t_fail("MemFree %ld kB before, %ld kB after the children exited "
		       "(caches dropped both times; this process grew by %ld kB, slab "
		       "pages by %ld kB): %ld kB not given back", before, after,
		       rss_after - rss_before, slab_after - slab_before, before - after - allowed);
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
