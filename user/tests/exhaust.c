/*
 * exhaust - run out of each thing a process can take, and get it all back:
 *
 *   anon     a helper touches anonymous memory until the kernel refuses a
 *            page; the OOM killer must choose it (oom_score_adj 1000) and
 *            kill it (SIGKILL), not the kernel
 *   fork     a helper forks until fork fails, with EAGAIN or ENOMEM, or
 *            until the OOM killer kills one of its children (they and the
 *            helper have oom_score_adj 1000: the victims are theirs)
 *   vmas     one-page mappings until mmap says ENOMEM: the limit is Linux's
 *            vm.max_map_count (65530), and the search for free space does
 *            not slow down with the count (a tree, not a list)
 *   fds      files are opened until EMFILE
 *   pipes    full and empty pipes, with readers and writers gone in every
 *            order: blocked writers see EPIPE (and SIGPIPE), blocked
 *            readers see end of file, the data that was written is read
 *
 * Each runs in children; t_leak_check runs the whole set twice and fails
 * unless MemFree comes back exactly.  Meant for a small machine (MEM=128):
 * `anon` and `fork` take all of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "mmk.h"
#include "mmk_test.h"

#define MAX_MAP_COUNT	65530

extern char **environ;

/*
 * The two phases that take all memory run in a helper program (this one,
 * exec'd as `exhaust --anon` or `exhaust --fork`).  Without exec, the
 * helper's children would share our pages copy-on-write, and our next
 * write, with memory gone, would need a copy that cannot be had.
 */
static int run_helper(const char *mode)
{
	pid_t pid = t_fork();
	long before = t_memfree_kb(), now;
	int st, i;

	if (pid == 0) {
		execve("/bin/exhaust", (char *[]){ "exhaust", (char *)mode, NULL }, environ);
		_exit(126);
	}
	st = t_wait(pid);
	/*
	 * Orphans are reaped by init in its own time: wait for their memory.
	 * While they still hold it, even opening /proc/meminfo may fail for
	 * want of a page (ENOMEM): that is no reason to stop waiting.
	 */
	for (i = 0; i < 500; i++) {
		now = mmk_proc_value("/proc/meminfo", "MemFree:");
		if (now >= before - 512)
			break;
		usleep(20000);
	}
	return st;
}

/* The OOM killer's first choice: this process (and its children). */
static void prefer_oom_kill(void)
{
	char path[48];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)getpid());
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1000", 4) != 4)
		_exit(7);
	close(fd);
}

/* exhaust --anon: touch anonymous memory until the kernel refuses a page. */
static void helper_anon(void)
{
	prefer_oom_kill();
	for (;;) {		/* 1 MiB at a time, every page touched */
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long i;

		if (p == MAP_FAILED)
			_exit(3);	/* address space full before memory: wrong size */
		for (i = 0; i < (1 << 20); i += T_PAGE)
			p[i] = (char)i;
	}
}

/*
 * exhaust --fork: fork until fork fails, or until the OOM killer takes one
 * of the children (res[1] = -1 then): with memory gone, each fork would
 * otherwise cost one killed child, for ever.  The result goes through a
 * shared page (no copy-on-write there): "ended with e after n children".
 * The helper itself may be the one killed (SIGKILL), when it needs a page
 * of its own: that too is a right answer.
 */
static void helper_fork(void)
{
	volatile int *res = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int p[2];
	char c;

	if (res == MAP_FAILED || pipe(p) < 0)
		_exit(4);
	res[0] = res[1] = 0;
	prefer_oom_kill();
	for (;;) {
		int st;
		pid_t k = waitpid(-1, &st, WNOHANG);

		if (k > 0) {		/* a child died early: the OOM killer's work */
			res[1] = WIFSIGNALED(st) && WTERMSIG(st) == LINUX_SIGKILL ? -1 : 99;
			break;
		}
		k = fork();
		if (k == 0) {		/* wait until the helper lets go */
			close(p[1]);
			read(p[0], &c, 1);
			_exit(0);
		}
		if (k < 0) {
			res[1] = errno;
			break;
		}
		res[0]++;
	}
	close(p[1]);			/* every child sees end of file */
	close(p[0]);
	while (wait(NULL) > 0)
		;
	if (res[1] != EAGAIN && res[1] != ENOMEM && res[1] != -1)
		_exit(5);
	_exit(res[0] < 50 ? 6 : 0);
}

static void anon(void)
{
	int st = run_helper("--anon");

	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGKILL)
		t_fail("touching memory until none is left: helper %s, expected SIGKILL",
		       t_status_str(st));
}

static void forks(void)
{
	int st = run_helper("--fork");

	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0) &&
	    !(WIFSIGNALED(st) && WTERMSIG(st) == LINUX_SIGKILL))
		t_fail("fork until it fails: helper %s (5: not EAGAIN/ENOMEM/OOM kill, 6: too few)",
		       t_status_str(st));
}

static void vmas(void)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		int n = 0;
		char *p;

		/* alternate rights so that neighbours cannot merge */
		while ((p = mmap(NULL, T_PAGE, n & 1 ? PROT_READ : PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) != MAP_FAILED)
			n++;
		if (errno != ENOMEM)
			t_fail("mmap failed with %s after %d mappings, not ENOMEM",
			       strerror(errno), n);
		if (n < MAX_MAP_COUNT - 64 || n > MAX_MAP_COUNT + 1)
			t_fail("%d mappings before ENOMEM; the limit is %d", n, MAX_MAP_COUNT);
		/* at the limit, a split is refused too, and nothing changes */
		p = mmap(NULL, 4 * T_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		exit(0);
	}
	t_wait_ok(pid, "mappings until ENOMEM");
}

static void fds(void)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		int n = 0, fd;

		while ((fd = open("/data/hello.txt", O_RDONLY)) >= 0)
			n++;
		if (errno != EMFILE)
			t_fail("open failed with %s after %d files, not EMFILE", strerror(errno), n);
		t_check_err(dup(0), EMFILE, "dup with every fd taken");
		t_check_err(pipe((int[2]){ 0, 0 }), EMFILE, "pipe with every fd taken");
		for (fd = 3; fd < 3 + n; fd++)
			close(fd);
		fd = open("/data/hello.txt", O_RDONLY);
		if (fd != 3)
			t_fail("after closing them all, open gave fd %d, not 3", fd);
		t_check_notes();
		exit(0);
	}
	t_wait_ok(pid, "files until EMFILE");
}

/* A pipe filled until write() would block: PIPE_SIZE bytes here. */
#define PIPE_BYTES 4096

static void fill(int fd)
{
	static char buf[PIPE_BYTES];

	memset(buf, 'x', sizeof(buf));
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
		t_fail("filling a pipe: %s", strerror(errno));
}

static void pipes(void)
{
	int p[2], st, i;
	char buf[64];
	pid_t pid;

	/* a writer blocked on a full pipe, then the reader goes: EPIPE + SIGPIPE */
	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	fill(p[1]);
	pid = t_fork();
	if (pid == 0) {
		close(p[0]);
		write(p[1], "y", 1);		/* blocks: full */
		_exit(3);			/* must not get here: SIGPIPE */
	}
	close(p[1]);
	usleep(20000);
	close(p[0]);
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGPIPE)
		t_fail("writer blocked on a full pipe whose reader closed: %s, expected SIGPIPE",
		       t_status_str(st));

	/* a reader blocked on an empty pipe, then the writer goes: end of file */
	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	pid = t_fork();
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], buf, sizeof(buf)) == 0 ? 0 : 3);
	}
	close(p[0]);
	usleep(20000);
	close(p[1]);
	t_wait_ok(pid, "reader of an empty pipe whose writer closed");

	/* full, writer closed first: the reader still gets every byte, then EOF */
	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	fill(p[1]);
	close(p[1]);
	for (i = 0; i < PIPE_BYTES; ) {
		ssize_t n = read(p[0], buf, sizeof(buf));

		if (n <= 0)
			t_fail("reading a full pipe after its writer closed: %zd after %d bytes",
			       n, i);
		i += (int)n;
	}
	if (read(p[0], buf, 1) != 0)
		t_fail("no end of file after the last byte");
	close(p[0]);

	/* full, reader closed first, then the writer: nothing left over */
	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	fill(p[1]);
	close(p[0]);
	close(p[1]);

	/* both ends shared with children that exit in either order */
	for (i = 0; i < 2; i++) {
		pid_t a, b;

		if (pipe(p) < 0)
			t_fail("pipe: %s", strerror(errno));
		fill(p[1]);
		a = t_fork();
		if (a == 0)
			_exit(0);		/* holds both ends, drops them */
		b = t_fork();
		if (b == 0) {
			usleep(10000);
			_exit(0);
		}
		if (i)
			close(p[0]);
		close(p[1]);
		if (!i)
			close(p[0]);
		t_wait(i ? b : a);
		t_wait(i ? a : b);
	}
}

static void all(int measured)
{
	anon();
	forks();
	vmas();
	fds();
	pipes();
}

/*
 * Bring in every page of our own text and read-only data before the
 * helpers take all memory.  A page of ours first run after that (a later
 * phase's code) would need a page the kernel cannot give while the
 * helpers' orphans still hold memory, and we would be killed for it.
 * (The text starts at 0x10000, user/lib/user.ld; .ARM.exidx follows it.)
 */
static void touch_own_text(void)
{
	extern const char __exidx_start[];
	const volatile char *p;

	for (p = (const char *)0x10000; p < __exidx_start; p += T_PAGE)
		(void)*p;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--anon"))
		helper_anon();
	if (argc > 1 && !strcmp(argv[1], "--fork"))
		helper_fork();
	touch_own_text();
	t_begin("exhaust");
	t_leak_check(all);
	t_ok();
}
