/*
 * linux_abi - system calls behave as Linux 6.1's do.
 * Where a program written for Linux would notice: the errno for every odd argument, the
 * signals for odd accesses, and sleeping that never ends early.  Each case
 * below was once different here (and several crashed the kernel):
 *
 *   open("") / execve("")                ENOENT
 *   open("file/"), open("file/x")        ENOTDIR
 *   kill(zombie, 0), kill(0, 0)          0
 *   kill(pid, 64)                        0 (SIGRTMAX), 65 is EINVAL
 *   kill(1, SIGTERM)                     0, and init lives on
 *   mprotect(..., PROT_SEM)              0
 *   mprotect(0xbf000000, 0xffffffff)     ENOMEM (length rounds to 0), no split
 *   mprotect(0xc0000000, 4096)           ENOMEM
 *   mmap(MAP_SHARED_VALIDATE)            works; unknown flags EOPNOTSUPP
 *   mmap2 with offset + length wrapping  EOVERFLOW
 *   brk(0xfffff000), brk(0xfffff001..)   refused: the old break comes back
 *   wait4 with unknown options           EINVAL, the child is not reaped
 *   wait4 rusage                         filled; EFAULT on a bad pointer
 *   nanosleep, bad rem, not interrupted  0
 *   nanosleep(d)                         CLOCK_MONOTONIC advanced >= d
 *   nanosleep(0x7fffffff s)              sleeps (no overflow)
 *   read(fd, buf, 0) on an empty pipe    0 at once
 *   execve with 299 args, a 40 KiB arg   runs
 *   touching a file mapping past EOF     SIGBUS
 *   bkpt                                 SIGTRAP
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

extern char **environ;

static long raw(long nr, long a, long b, long c, long d, long e, long f)
{
	return mmk_ret(mmk_syscall(nr, a, b, c, d, e, f));
}

static void paths(void)
{
	char *argv[] = { "x", NULL };

	t_check_err(open("", O_RDONLY), ENOENT, "open(\"\")");
	t_check_err(execve("", argv, environ), ENOENT, "execve(\"\")");
	t_check_err(open("/data/hello.txt/", O_RDONLY), ENOTDIR, "open(\"file/\")");
	t_check_err(open("/data/hello.txt/x", O_RDONLY), ENOTDIR, "open(\"file/x\")");
	t_check_err(open("/nonexistent/x", O_RDONLY), ENOENT, "open(\"missing/x\")");
}

/* The state letter of /proc/<pid>/stat, or 0. */
static char proc_state(pid_t pid)
{
	char path[32], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (mmk_read_file(path, buf, sizeof(buf)) < 0 || !(p = strrchr(buf, ')')))
		return 0;
	return p[2];
}

static void signals(void)
{
	pid_t pid = t_fork();
	int st, i;

	if (pid == 0)
		_exit(0);
	for (i = 0; i < 200 && proc_state(pid) != 'Z'; i++)
		sched_yield();
	if (proc_state(pid) != 'Z')
		t_note("the child never became a zombie");
	if (kill(pid, 0) != 0)
		t_note("kill(zombie, 0) failed: %s", strerror(errno));
	if (kill(pid, LINUX_SIGTERM) != 0)
		t_note("kill(zombie, SIGTERM) failed: %s", strerror(errno));
	t_wait(pid);
	if (kill(0, 0) != 0)
		t_note("kill(0, 0) failed: %s", strerror(errno));
	t_check_err(kill(getpid(), 65), EINVAL, "kill(self, 65)");
	t_check_err(kill(getpid(), -1), EINVAL, "kill(self, -1)");

	pid = t_fork();
	if (pid == 0) {
		kill(getpid(), 64);		/* SIGRTMAX: ends us */
		sched_yield();
		_exit(3);
	}
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != 64)
		t_note("kill(self, 64): child %s, expected killed by signal 64", t_status_str(st));

	if (!mmk_on_linux()) {	/* under qemu-user, "1" is the host's init */
		if (kill(1, LINUX_SIGTERM) != 0)
			t_note("kill(1, SIGTERM) failed: %s", strerror(errno));
		sched_yield();
		if (kill(1, 0) != 0 || proc_state(1) == 'Z')
			t_note("init did not survive kill(1, SIGTERM)");
	}
}

static int count_maps(void)
{
	struct mmk_lines lr;
	int n = 0;

	if (mmk_lines_open(&lr, "/proc/self/maps") < 0)
		t_fail("cannot read /proc/self/maps");
	while (mmk_lines_next(&lr))
		n++;
	mmk_lines_close(&lr);
	return n;
}

static void protections(void)
{
	char *p = mmap(NULL, 4 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int before;

	if (p == MAP_FAILED)
		t_fail("mmap: %s", strerror(errno));
	if (mprotect(p, T_PAGE, PROT_READ | LINUX_PROT_SEM) != 0)
		t_note("mprotect(PROT_SEM) failed: %s", strerror(errno));
	t_check_err(mprotect(p, T_PAGE, 0x10), EINVAL, "mprotect(prot 0x10)");
	t_check_err(mprotect(p, T_PAGE, PROT_READ | LINUX_PROT_GROWSDOWN), EINVAL,
		    "mprotect(PROT_GROWSDOWN) outside a stack");
	t_check_err(mprotect((void *)0xbf000000, 0xffffffff, PROT_READ), ENOMEM,
		    "mprotect(0xbf000000, 0xffffffff)");
	before = count_maps();
	t_check_err(mprotect(p + T_PAGE, 0xffffffff, PROT_READ), ENOMEM,
		    "mprotect(mapped, 0xffffffff)");
	if (count_maps() != before)
		t_note("mprotect(mapped, 0xffffffff) changed the mappings");
	t_check_err(mprotect((void *)0xc0000000, T_PAGE, PROT_READ), ENOMEM,
		    "mprotect(0xc0000000)");
	t_check_err(mprotect(p + 1, T_PAGE, PROT_READ), EINVAL, "mprotect(unaligned)");
	if (mprotect(p, 0, PROT_READ) != 0)
		t_note("mprotect(len 0) failed");
	munmap(p, 4 * T_PAGE);
}

static void mappings(void)
{
	long r;
	int fd = open("/data/hello.txt", O_RDONLY);
	char *p;

	if (fd < 0)
		t_fail("open /data/hello.txt: %s", strerror(errno));
	p = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE,
		 LINUX_MAP_SHARED_VALIDATE | LINUX_MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		t_note("mmap(MAP_SHARED_VALIDATE | MAP_ANONYMOUS) failed: %s", strerror(errno));
	else
		munmap(p, T_PAGE);
	p = mmap(NULL, T_PAGE, PROT_READ, LINUX_MAP_SHARED_VALIDATE, fd, 0);
	if (p == MAP_FAILED || memcmp(p, "Hello", 5))
		t_note("mmap(file, MAP_SHARED_VALIDATE) failed: %s", strerror(errno));
	else
		munmap(p, T_PAGE);
	t_check_err((long)mmap(NULL, T_PAGE, PROT_READ, LINUX_MAP_SHARED_VALIDATE | LINUX_MAP_SYNC,
			       fd, 0), EOPNOTSUPP, "mmap(MAP_SHARED_VALIDATE | MAP_SYNC)");
	p = mmap(NULL, T_PAGE, PROT_READ, LINUX_MAP_SHARED | LINUX_MAP_SYNC, fd, 0);
	if (p == MAP_FAILED)
		t_note("mmap(MAP_SHARED | unknown flag) failed: %s (Linux ignores it)",
		       strerror(errno));
	else
		munmap(p, T_PAGE);
	r = raw(NR_mmap2, 0, 2 * T_PAGE, PROT_READ, LINUX_MAP_PRIVATE, fd, 0xffffffffL);
	t_check_err(r, EOVERFLOW, "mmap2(pgoff + length wrapping)");
	if (r != -1)
		munmap((void *)r, 2 * T_PAGE);
	t_check_err((long)mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL,
		    "mmap(length 0)");
	t_check_err((long)mmap(NULL, 0xfffff001, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		    ENOMEM, "mmap(length rounding to 0)");
	t_check_err((long)mmap((void *)0xbffff000, T_PAGE, PROT_READ,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ENOMEM,
		    "mmap(MAP_FIXED in kernel space)");
	t_check_err((long)mmap(NULL, T_PAGE, PROT_READ, LINUX_MAP_ANONYMOUS, -1, 0), EINVAL,
		    "mmap(neither shared nor private)");
	t_check_err((long)mmap(NULL, T_PAGE, PROT_READ, MAP_PRIVATE, 1000, 0), EBADF,
		    "mmap(bad fd)");
	close(fd);
}

static void heap(void)
{
	char *old = mmk_brk(0), *grown = mmk_brk(old + 3 * T_PAGE);
	unsigned long tries[] = { 0xfffff000UL, 0xfffff001UL, 0xfffffffeUL, 0xffffffffUL,
				  0xbf000000UL, 0xc0000000UL };
	unsigned i;

	if (grown != old + 3 * T_PAGE)
		t_fail("brk could not grow the heap by 3 pages");
	memset(old, 0x5a, 3 * T_PAGE);
	for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		char *r = mmk_brk((void *)tries[i]);

		if (r != grown && !mmk_on_linux())
			t_note("brk(0x%lx) returned %p, not the old break %p", tries[i], r, grown);
	}
	if (old[3 * T_PAGE - 1] != 0x5a)
		t_note("the heap lost its contents after the refused brk calls");
	mmk_brk(old);
}

static void waiting(void)
{
	struct linux_rusage ru;
	pid_t pid = t_fork();
	int st, i;

	if (pid == 0) {
		char *p = mmap(NULL, 64 * T_PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		for (i = 0; p != MAP_FAILED && i < 64; i++)
			p[i * T_PAGE] = 1;
		_exit(7);
	}
	t_check_err(wait4(pid, &st, 0x10, NULL), EINVAL, "wait4(options 0x10)");
	memset(&ru, 0xff, sizeof(ru));
	if (wait4(pid, &st, 0, &ru) != pid)
		t_fail("wait4 after the invalid one: %s (the child was reaped too early?)",
		       strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 7)
		t_note("wait4 status %s, expected exited 7", t_status_str(st));
	if (ru.ru_minflt < 64 || ru.ru_maxrss <= 0 || ru.ru_utime_sec < 0 || ru.ru_nswap != 0)
		t_note("wait4 rusage not filled in: minflt %d maxrss %d", (int)ru.ru_minflt,
		       (int)ru.ru_maxrss);

	pid = t_fork();
	if (pid == 0)
		_exit(0);
	t_check_err(wait4(pid, &st, 0, T_KADDR), EFAULT, "wait4(rusage in kernel space)");
	t_check_err(wait4(pid, &st, 0, NULL), ECHILD, "wait4 after the EFAULT (reaped)");
}

static uint64_t now_ns(void)
{
	struct linux_timespec32 ts;

	mmk_clock_gettime(LINUX_CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void sleeping(void)
{
	static const int32_t ns[] = { 1000000, 5000000, 19999999, 20000000, 33000001 };
	struct linux_timespec32 req, *bad_rem = T_KADDR;
	unsigned i;
	pid_t pid;
	int st;

	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
		uint64_t t0 = now_ns(), t1;

		req.tv_sec = 0;
		req.tv_nsec = ns[i];
		if (mmk_nanosleep(&req, bad_rem) != 0)
			t_note("nanosleep(%d ns, bad rem) failed: %s", (int)ns[i], strerror(errno));
		t1 = now_ns();
		if (t1 - t0 < (uint64_t)ns[i])
			t_note("nanosleep(%d ns) returned after %llu ns", (int)ns[i],
			       (unsigned long long)(t1 - t0));
	}
	req.tv_sec = 0;
	req.tv_nsec = 1000000000;
	t_check_err(mmk_nanosleep(&req, NULL), EINVAL, "nanosleep(tv_nsec 1e9)");
	req.tv_sec = -1;
	req.tv_nsec = 0;
	t_check_err(mmk_nanosleep(&req, NULL), EINVAL, "nanosleep(tv_sec -1)");

	pid = t_fork();
	if (pid == 0) {
		req.tv_sec = 0x7fffffff;
		req.tv_nsec = 0;
		mmk_nanosleep(&req, NULL);
		_exit(5);			/* returned: it did not sleep */
	}
	req.tv_sec = 0;
	req.tv_nsec = 50000000;
	mmk_nanosleep(&req, NULL);
	kill(pid, LINUX_SIGKILL);
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGKILL)
		t_note("nanosleep(0x7fffffff s): child %s, expected still asleep when killed",
		       t_status_str(st));
}

static void pipes(void)
{
	int p[2];
	char c;

	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	if (read(p[0], &c, 0) != 0)
		t_note("read(empty pipe, 0 bytes) did not return 0");
	if (write(p[1], &c, 0) != 0)
		t_note("write(pipe, 0 bytes) did not return 0");
	close(p[0]);
	if (write(p[1], &c, 0) != 0)
		t_note("write(pipe without readers, 0 bytes) did not return 0");
	close(p[1]);
}

/* execve /bin/true with argc arguments of len bytes each; its wait status. */
static int exec_with(int argc, size_t len)
{
	char **argv = malloc((size_t)(argc + 1) * sizeof(char *));
	char *s = malloc(len + 1);
	pid_t pid;
	int i;

	if (!argv || !s)
		t_fail("malloc failed");
	memset(s, 'a', len);
	s[len] = '\0';
	argv[0] = "true";
	for (i = 1; i < argc; i++)
		argv[i] = s;
	argv[argc] = NULL;
	pid = t_fork();
	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(errno == E2BIG ? 100 : 101);
	}
	free(argv);
	free(s);
	return t_wait(pid);
}

static void exec_args(void)
{
	int st;

	st = exec_with(299, 8);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("execve with 299 arguments: %s", t_status_str(st));
	st = exec_with(2, 40 * 1024);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("execve with a 40 KiB argument: %s", t_status_str(st));
	st = exec_with(2, 128 * 1024 - 1);	/* MAX_ARG_STRLEN with its NUL */
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("execve with a 128 KiB - 1 argument: %s", t_status_str(st));
	st = exec_with(2, 128 * 1024);		/* one past */
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 100)
		t_note("execve with a 128 KiB argument: %s, expected E2BIG", t_status_str(st));
	st = exec_with(17, 127 * 1024);		/* 16 x 127 KiB: just under stack/4 */
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("execve with 2.0 MiB of arguments: %s", t_status_str(st));
	st = exec_with(18, 127 * 1024);		/* 17 x 127 KiB: past stack/4 = 2 MiB */
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 100)
		t_note("execve with 2.1 MiB of arguments: %s, expected E2BIG", t_status_str(st));
}

static void access_signals(void)
{
	int fd = open("/data/hello.txt", O_RDONLY), st;
	pid_t pid;

	if (fd < 0)
		t_fail("open: %s", strerror(errno));
	pid = t_fork();
	if (pid == 0) {
		volatile char *p = mmap(NULL, 2 * T_PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED)
			_exit(2);
		(void)p[0];
		(void)p[T_PAGE];		/* past EOF: SIGBUS */
		_exit(3);
	}
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGBUS)
		t_note("touching a file mapping past EOF: child %s, expected SIGBUS",
		       t_status_str(st));
	close(fd);

	pid = t_fork();
	if (pid == 0) {
		__asm__ volatile("bkpt #0");
		_exit(3);
	}
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGTRAP)
		t_note("bkpt: child %s, expected SIGTRAP", t_status_str(st));
}

/* Failed mounts give back what they allocated (the fuzzer found a tmpfs
 * with bad options leaking its private data). */
static void failed_mounts(void)
{
	const char *dir = "/linux_abi.mnt";
	int i;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return;
	for (i = 0; i < 16; i++) {
		long r = mount("tmpfs", dir, "tmpfs", 0, i & 1 ? "size=lots" : "nosuchoption");

		if (r == 0) {
			umount(dir);
			t_note("mount of a tmpfs with a bad option succeeded");
			break;
		}
		if (errno == EPERM)	/* Linux in a user namespace without the right */
			break;
		if (errno != EINVAL) {
			t_note("mount of a tmpfs with a bad option: %s, expected EINVAL",
			       strerror(errno));
			break;
		}
	}
	rmdir(dir);
}

static void all(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		paths();
		signals();
		protections();
		mappings();
		heap();
		waiting();
		sleeping();
		pipes();
		exec_args();
		access_signals();
		failed_mounts();
		t_check_notes();
		exit(0);
	}
	t_wait_ok(pid, "linux_abi");
}

int main(void)
{
	t_begin("linux_abi");
	t_leak_check(all);
	t_ok();
}
