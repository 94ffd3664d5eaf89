/*
 * syscalls.c - the system-call layer of mmkernel user programs.
 *
 * One raw entry point, mmk_syscall(), puts the number in r7 and the
 * arguments in r0-r5 and executes `svc #0`; the kernel answers in r0 with a
 * value or with -errno (Linux ARM EABI, DESIGN.md "ABI").  On top of it, one
 * wrapper per call with the name and prototype a C programmer expects
 * (read, fork, waitpid, mmap, ...): they return -1 and set errno on failure.
 *
 * Three differences between newlib and Linux are bridged here, each at one
 * place:
 *   - errno values above 34 differ (ENOSYS is 38 in Linux, 88 in newlib):
 *     linux_errno();
 *   - newlib's O_* flags are BSD's (O_CREAT 0x200): open() translates them
 *     (fs.c, with the other file-system calls);
 *   - newlib's time_t is 64 bits and its CLOCK_MONOTONIC is 4, while the
 *     Linux calls 162 and 263 take a 32-bit timespec and clock 1:
 *     clock_gettime() and nanosleep() convert.
 *
 * The hooks newlib itself calls (_read, _sbrk, _fstat, ...) are in
 * newlib_stubs.c.
 */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "mmk.h"

/* Layout checks: the kernel writes these structures byte for byte. */
_Static_assert(sizeof(struct linux_stat64) == 104, "stat64 is 104 bytes");
_Static_assert(offsetof(struct linux_stat64, st_mode) == 16, "st_mode at 16");
_Static_assert(offsetof(struct linux_stat64, st_size) == 48, "st_size at 48");
_Static_assert(offsetof(struct linux_stat64, st_ino) == 96, "st_ino at 96");
_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "d_name at 19");
_Static_assert(sizeof(struct linux_utsname) == 6 * 65, "utsname is 390 bytes");
/* newlib's wait macros must decode Linux's status word:
 * exit(1) -> 0x0100, killed by SIGSEGV -> 0x000b (0x008b with a core). */
_Static_assert(WIFEXITED(0x0100) && WEXITSTATUS(0x0100) == 1, "exit status");
_Static_assert(WIFSIGNALED(0x008b) && WTERMSIG(0x008b) == 11, "signal status");
_Static_assert(!WIFEXITED(0x000b) && !WIFSIGNALED(0x0100), "status kinds");

long mmk_syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
	register long r7 __asm__("r7") = nr;

	__asm__ volatile("svc	#0"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

#define SC0(n)			mmk_syscall(n, 0, 0, 0, 0, 0, 0)
#define SC1(n, a)		mmk_syscall(n, (long)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b)		mmk_syscall(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c)		mmk_syscall(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d)	mmk_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/*
 * Linux errno -> newlib errno.  1..34 are the same in both; above that,
 * the ones a program of ours can meet.  A number newlib has no name for
 * stays as it is (EUCLEAN 117, "file system corrupted", for one).
 */
static int linux_errno(long e)
{
	switch (e) {
	case 35: return EDEADLK;
	case 36: return ENAMETOOLONG;
	case 37: return ENOLCK;
	case 38: return ENOSYS;
	case 39: return ENOTEMPTY;
	case 40: return ELOOP;
	case 61: return ENODATA;
	case 74: return EBADMSG;
	case 75: return EOVERFLOW;
	case 84: return EILSEQ;
	case 95: return EOPNOTSUPP;
	case 110: return ETIMEDOUT;
	case 116: return ESTALE;
	case 117: return 117;		/* EUCLEAN: newlib has none */
	case 122: return EDQUOT;
	case 125: return ECANCELED;
	default: return (int)e;
	}
}

/* The common tail of every wrapper: -errno -> -1 and errno. */
static long ret(long r)
{
	if (MMK_IS_ERR(r)) {
		errno = linux_errno(-r);
		return -1;
	}
	return r;
}

long mmk_ret(long r)
{
	return ret(r);
}

/* ------------------------------------------------------------ processes */
pid_t fork(void)		{ return ret(SC0(NR_fork)); }
pid_t getpid(void)		{ return SC0(NR_getpid); }
pid_t getppid(void)		{ return SC0(NR_getppid); }
int kill(pid_t pid, int sig)	{ return ret(SC2(NR_kill, pid, sig)); }
int sched_yield(void)		{ return ret(SC0(NR_sched_yield)); }

int execve(const char *path, char *const argv[], char *const envp[])
{
	return ret(SC3(NR_execve, path, argv, envp));
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage)
{
	return ret(SC4(NR_wait4, pid, status, options, rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

void mmk_exit_group(int code)
{
	for (;;)
		SC1(NR_exit_group, code);
}

/* _exit ends the whole process (exit_group), as in Linux's C libraries. */
void _exit(int code)
{
	mmk_exit_group(code);
}

int reboot(unsigned int cmd)
{
	return ret(SC4(NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0));
}

int uname(struct linux_utsname *buf)
{
	return ret(SC1(NR_uname, buf));
}

/* ---------------------------------------------------------------- files */
ssize_t read(int fd, void *buf, size_t n)	{ return ret(SC3(NR_read, fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n){ return ret(SC3(NR_write, fd, buf, n)); }
int close(int fd)				{ return ret(SC1(NR_close, fd)); }
off_t lseek(int fd, off_t off, int whence)	{ return ret(SC3(NR_lseek, fd, off, whence)); }
int dup(int fd)					{ return ret(SC1(NR_dup, fd)); }
int dup2(int fd, int to)			{ return ret(SC2(NR_dup2, fd, to)); }
int pipe(int fds[2])				{ return ret(SC1(NR_pipe, fds)); }
int chdir(const char *path)			{ return ret(SC1(NR_chdir, path)); }
int getdents64(int fd, void *buf, size_t n)	{ return ret(SC3(NR_getdents64, fd, buf, n)); }

int ioctl(int fd, unsigned long req, void *arg)
{
	return ret(SC3(NR_ioctl, fd, req, arg));
}

int mmk_fstat64(int fd, struct linux_stat64 *st)
{
	return ret(SC2(NR_fstat64, fd, st));
}

/* open, stat, fstat and the other file-system calls are in fs.c. */

/* A terminal is a character device (ioctl may be -ENOTTY on mmkernel). */
int isatty(int fd)
{
	struct linux_stat64 ls;

	if (mmk_fstat64(fd, &ls) < 0)
		return 0;
	if ((ls.st_mode & S_IFMT) != S_IFCHR) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}

/* --------------------------------------------------------------- memory */
void *mmk_brk(void *addr)
{
	return (void *)SC1(NR_brk, addr);
}

/* Linux's brk returns the new break on success and the old one on failure. */
int brk(void *addr)
{
	if (mmk_brk(addr) != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r;

	if (off & 4095) {			/* mmap2 counts in 4 KiB units */
		errno = EINVAL;
		return MAP_FAILED;
	}
	r = mmk_syscall(NR_mmap2, (long)addr, (long)len, prot, flags, fd,
			(unsigned long)off >> 12);
	if (MMK_IS_ERR(r)) {
		errno = linux_errno(-r);
		return MAP_FAILED;
	}
	return (void *)r;
}

int munmap(void *addr, size_t len)
{
	return ret(SC2(NR_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return ret(SC3(NR_mprotect, addr, len, prot));
}

int mlock(const void *addr, size_t len)
{
	return ret(SC2(NR_mlock, addr, len));
}

int mlock2(const void *addr, size_t len, unsigned int flags)
{
	return ret(SC3(NR_mlock2, addr, len, flags));
}

int munlock(const void *addr, size_t len)
{
	return ret(SC2(NR_munlock, addr, len));
}

int mlockall(int flags)
{
	return ret(SC1(NR_mlockall, flags));
}

int munlockall(void)
{
	return ret(SC0(NR_munlockall));
}

int madvise(void *addr, size_t len, int advice)
{
	return ret(SC3(NR_madvise, addr, len, advice));
}

int getpagesize(void)
{
	return 4096;
}

/* ----------------------------------------------------------------- time */
int mmk_clock_gettime(int linux_clock, struct linux_timespec32 *ts)
{
	return ret(SC2(NR_clock_gettime, linux_clock, ts));
}

int mmk_nanosleep(const struct linux_timespec32 *req, struct linux_timespec32 *rem)
{
	return ret(SC2(NR_nanosleep, req, rem));
}

/* newlib clock ids -> Linux's. */
static int linux_clock(clockid_t id)
{
	switch (id) {
	case CLOCK_REALTIME:		return LINUX_CLOCK_REALTIME;
	case CLOCK_MONOTONIC:		return LINUX_CLOCK_MONOTONIC;
	default:			return -1;
	}
}

int clock_gettime(clockid_t id, struct timespec *tp)
{
	struct linux_timespec32 t;
	int lc = linux_clock(id);

	if (lc < 0) {
		errno = EINVAL;
		return -1;
	}
	if (mmk_clock_gettime(lc, &t) < 0)
		return -1;
	tp->tv_sec = t.tv_sec;
	tp->tv_nsec = t.tv_nsec;
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	struct linux_timespec32 r, left = { 0, 0 };
	int ok;

	r.tv_sec = (int32_t)req->tv_sec;
	r.tv_nsec = (int32_t)req->tv_nsec;
	ok = mmk_nanosleep(&r, &left);
	if (rem) {
		rem->tv_sec = left.tv_sec;
		rem->tv_nsec = left.tv_nsec;
	}
	return ok;
}

unsigned sleep(unsigned seconds)
{
	struct timespec t = { seconds, 0 }, left = { 0, 0 };

	if (nanosleep(&t, &left) < 0)
		return (unsigned)left.tv_sec;
	return 0;
}

int usleep(useconds_t us)
{
	struct timespec t = { us / 1000000, (long)(us % 1000000) * 1000 };

	return nanosleep(&t, NULL);
}

uint64_t mmk_now_ns(void)
{
	struct linux_timespec32 t;

	if (mmk_clock_gettime(LINUX_CLOCK_MONOTONIC, &t) < 0)
		return 0;
	return (uint64_t)(uint32_t)t.tv_sec * 1000000000ull + (uint32_t)t.tv_nsec;
}
