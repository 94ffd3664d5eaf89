/*
 * newlib_stubs.c - the operating-system hooks newlib calls.
 *
 * newlib is a C library without a kernel: stdio ends in _write, malloc in
 * _sbrk, exit in _exit, and so on (the "reentrancy stubs": newlib's _write_r
 * etc. call these and copy errno into the caller's reentrancy structure).
 * Each hook here is a thin shim over the Linux-named call in syscalls.c, so
 * that a student stepping through printf in GDB lands in read/write/...
 * and then in mmk_syscall's `svc`.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

#include "mmk.h"

int _read(int fd, void *buf, size_t n)		{ return read(fd, buf, n); }
int _write(int fd, const void *buf, size_t n)	{ return write(fd, buf, n); }
int _close(int fd)				{ return close(fd); }
off_t _lseek(int fd, off_t off, int whence)	{ return lseek(fd, off, whence); }
int _fstat(int fd, struct stat *st)		{ return fstat(fd, st); }
int _stat(const char *path, struct stat *st)	{ return stat(path, st); }
int _isatty(int fd)				{ return isatty(fd); }
int _kill(int pid, int sig)			{ return kill(pid, sig); }
int _getpid(void)				{ return getpid(); }
int _fork(void)					{ return fork(); }
int _wait(int *status)				{ return wait(status); }

int _open(const char *path, int flags, int mode)
{
	return open(path, flags, mode);
}

int _execve(const char *path, char *const argv[], char *const envp[])
{
	return execve(path, argv, envp);
}

int _unlink(const char *path)			{ return unlink(path); }
int _link(const char *old, const char *new)	{ return link(old, new); }

/*
 * _sbrk - move the program break by incr bytes for malloc; returns the old
 * break, or (void *)-1 with ENOMEM.
 *
 * The kernel keeps the break (brk(0) asks for it, so code that moves it with
 * brk() directly stays consistent with malloc).  The heap VMA grows or
 * shrinks at once, but pages arrive only when touched (lazy allocation).
 */
void *_sbrk(ptrdiff_t incr)
{
	char *cur = mmk_brk(0);
	char *want = cur + incr;

	if (incr == 0)
		return cur;
	if ((incr > 0 && want < cur) || (incr < 0 && want > cur) ||
	    mmk_brk(want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return cur;
}

/* The wall clock, if the kernel has one; otherwise time since boot. */
int _gettimeofday(struct timeval *tv, void *tz)
{
	struct linux_timespec32 t;

	(void)tz;
	if (mmk_clock_gettime(LINUX_CLOCK_REALTIME, &t) < 0 &&
	    mmk_clock_gettime(LINUX_CLOCK_MONOTONIC, &t) < 0)
		return -1;
	tv->tv_sec = t.tv_sec;
	tv->tv_usec = t.tv_nsec / 1000;
	return 0;
}

/* clock() and times(): CPU time is not accounted, report elapsed time. */
clock_t _times(struct tms *buf)
{
	clock_t ticks = (clock_t)(mmk_now_ns() / (1000000000ull / CLOCKS_PER_SEC));

	buf->tms_utime = ticks;
	buf->tms_stime = 0;
	buf->tms_cutime = 0;
	buf->tms_cstime = 0;
	return ticks;
}
