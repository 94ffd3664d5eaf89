/*
 * fs.c - the file-system calls: paths and directories, links, 64-bit
 * offsets, stat and statfs, mounts, sync, fcntl and the kernel log.
 *
 * Every wrapper is a thin layer over mmk_syscall() (syscalls.c) with the
 * name and prototype a C programmer expects, returning -1 and setting errno
 * on failure.  What they translate, each in one place:
 *
 *   newlib                         Linux ARM
 *   O_CREAT 0x200, O_EXCL 0x800..  O_CREAT 0x40, O_EXCL 0x80..   mmk_linux_open_flags()
 *   AT_FDCWD -2                    AT_FDCWD -100                 at_fd()
 *   AT_SYMLINK_NOFOLLOW 2, ...     0x100, ...                    at_flags()
 *   F_DUPFD_CLOEXEC 14             1030                          fcntl()
 *   struct stat (16-bit st_ino,    struct stat64 (64-bit ino,    stat_from_linux()
 *     32-bit st_size, timespec     size, blocks; 32-bit times)
 *     with 64-bit seconds)
 *   struct timespec (64-bit s)     32-bit timespec               utimensat()
 *
 * A 64-bit argument travels in an even/odd register pair, low word first
 * (EABI): pread64/pwrite64 skip r3, truncate64/ftruncate64 skip r1.
 * _llseek takes the offset as two words, high first, and writes the result
 * through a pointer.
 *
 * Every open is a large-file open (O_LARGEFILE, as glibc's open64 does), so
 * that a file past 2 GiB can be written through the 64-bit calls on a
 * 32-bit kernel; creat() is the raw call 8, which does not add it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "mmk.h"

_Static_assert(sizeof(struct linux_statfs64) == LINUX_STATFS64_SIZE, "statfs64 is 84 bytes");
_Static_assert(offsetof(struct linux_statfs64, f_blocks) == 8, "f_blocks at 8");
_Static_assert(offsetof(struct linux_statfs64, f_fsid) == 48, "f_fsid at 48");
_Static_assert(offsetof(struct linux_statfs64, f_flags) == 64, "f_flags at 64");
_Static_assert(offsetof(struct linux_stat64, st_blocks) == 64, "st_blocks at 64");
_Static_assert(offsetof(struct linux_stat64, st_atime_sec) == 72, "st_atime at 72");

#define SC(n, a, b, c, d, e, f) \
	mmk_ret(mmk_syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))
#define SC1(n, a)		SC(n, a, 0, 0, 0, 0, 0)
#define SC2(n, a, b)		SC(n, a, b, 0, 0, 0, 0)
#define SC3(n, a, b, c)		SC(n, a, b, c, 0, 0, 0)
#define SC4(n, a, b, c, d)	SC(n, a, b, c, d, 0, 0)
#define SC5(n, a, b, c, d, e)	SC(n, a, b, c, d, e, 0)

/* The two halves of a 64-bit argument, for a register pair. */
#define LO(x)	((long)(uint32_t)(uint64_t)(x))
#define HI(x)	((long)(uint32_t)((uint64_t)(x) >> 32))

static long fail(int e)
{
	errno = e;
	return -1;
}

/* ------------------------------------------------------------ translation */
long mmk_linux_open_flags(int flags)
{
	long f = flags & O_ACCMODE;		/* 0, 1, 2 agree */

	if (flags & O_CREAT)	f |= LINUX_O_CREAT;
	if (flags & O_EXCL)	f |= LINUX_O_EXCL;
	if (flags & O_NOCTTY)	f |= LINUX_O_NOCTTY;
	if (flags & O_TRUNC)	f |= LINUX_O_TRUNC;
	if (flags & O_APPEND)	f |= LINUX_O_APPEND;
	if (flags & O_NONBLOCK)	f |= LINUX_O_NONBLOCK;
	if (flags & O_SYNC)	f |= LINUX_O_SYNC;
	if (flags & O_DIRECT)	f |= LINUX_O_DIRECT;
	if (flags & O_DIRECTORY) f |= LINUX_O_DIRECTORY;
	if (flags & O_NOFOLLOW)	f |= LINUX_O_NOFOLLOW;
	if (flags & O_CLOEXEC)	f |= LINUX_O_CLOEXEC;
	return f;
}

int mmk_newlib_open_flags(long lf)
{
	int f = lf & O_ACCMODE;

	if (lf & LINUX_O_CREAT)		f |= O_CREAT;
	if (lf & LINUX_O_EXCL)		f |= O_EXCL;
	if (lf & LINUX_O_NOCTTY)	f |= O_NOCTTY;
	if (lf & LINUX_O_TRUNC)		f |= O_TRUNC;
	if (lf & LINUX_O_APPEND)	f |= O_APPEND;
	if (lf & LINUX_O_NONBLOCK)	f |= O_NONBLOCK;
	if (lf & LINUX_O_DSYNC)		f |= O_SYNC;	/* newlib has one flag for both */
	if (lf & LINUX_O_DIRECT)	f |= O_DIRECT;
	if (lf & LINUX_O_DIRECTORY)	f |= O_DIRECTORY;
	if (lf & LINUX_O_NOFOLLOW)	f |= O_NOFOLLOW;
	if (lf & LINUX_O_CLOEXEC)	f |= O_CLOEXEC;
	return f;			/* O_LARGEFILE has no newlib name: dropped */
}

/* newlib's AT_FDCWD is -2; anything else is a descriptor (or a bad one). */
static long at_fd(int dirfd)
{
	return dirfd == AT_FDCWD ? LINUX_AT_FDCWD : dirfd;
}

/* newlib's AT_* flag bits -> Linux's; -1 for a bit we do not know. */
static long at_flags(int flags)
{
	long f = 0;

	if (flags & AT_SYMLINK_NOFOLLOW) f |= LINUX_AT_SYMLINK_NOFOLLOW;
	if (flags & AT_SYMLINK_FOLLOW)	f |= LINUX_AT_SYMLINK_FOLLOW;
	if (flags & AT_REMOVEDIR)	f |= LINUX_AT_REMOVEDIR;
	if (flags & AT_EACCESS)		f |= LINUX_AT_EACCESS;
	if (flags & AT_EMPTY_PATH)	f |= LINUX_AT_EMPTY_PATH;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_SYMLINK_FOLLOW | AT_REMOVEDIR |
		      AT_EACCESS | AT_EMPTY_PATH))
		return -1;
	return f;
}

/*
 * Linux's stat64 record -> newlib's struct stat.  A size that does not fit
 * newlib's 32-bit off_t is EOVERFLOW, as Linux's own 32-bit stat() says;
 * the inode and device numbers are cut to newlib's 16 bits (mmk_stat64()
 * has them whole).
 */
static int stat_from_linux(const struct linux_stat64 *ls, struct stat *st)
{
	if (ls->st_size > LONG_MAX)
		return fail(EOVERFLOW);
	memset(st, 0, sizeof(*st));
	st->st_dev = (dev_t)ls->st_dev;
	st->st_ino = (ino_t)ls->st_ino;
	st->st_mode = ls->st_mode;
	st->st_nlink = (nlink_t)ls->st_nlink;
	st->st_uid = (uid_t)ls->st_uid;
	st->st_gid = (gid_t)ls->st_gid;
	st->st_rdev = (dev_t)ls->st_rdev;
	st->st_size = (off_t)ls->st_size;
	st->st_blksize = ls->st_blksize;
	st->st_blocks = (blkcnt_t)ls->st_blocks;
	st->st_atim.tv_sec = ls->st_atime_sec;
	st->st_atim.tv_nsec = ls->st_atime_nsec;
	st->st_mtim.tv_sec = ls->st_mtime_sec;
	st->st_mtim.tv_nsec = ls->st_mtime_nsec;
	st->st_ctim.tv_sec = ls->st_ctime_sec;
	st->st_ctim.tv_nsec = ls->st_ctime_nsec;
	return 0;
}

/* ------------------------------------------------------------------ stat */
/*
 * The kernel before the VFS had fstat64 but no stat64/lstat64: there, open
 * the path and fstat it (it had no symbolic links, so lstat is the same).
 */
static int stat_by_open(const char *path, struct linux_stat64 *st)
{
	int fd = open(path, O_RDONLY), r, e;

	if (fd < 0)
		return -1;
	r = mmk_fstat64(fd, st);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

int mmk_stat64(const char *path, struct linux_stat64 *st)
{
	if (SC2(NR_stat64, path, st) == 0)
		return 0;
	return errno == ENOSYS ? stat_by_open(path, st) : -1;
}

int mmk_lstat64(const char *path, struct linux_stat64 *st)
{
	if (SC2(NR_lstat64, path, st) == 0)
		return 0;
	return errno == ENOSYS ? stat_by_open(path, st) : -1;
}

int mmk_fstatat64(int dirfd, const char *path, struct linux_stat64 *st, int flags)
{
	long f = at_flags(flags);

	if (f < 0 || (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)))
		return fail(EINVAL);
	return SC4(NR_fstatat64, at_fd(dirfd), path, st, f);
}

int fstat(int fd, struct stat *st)
{
	struct linux_stat64 ls;

	if (mmk_fstat64(fd, &ls) < 0)
		return -1;
	return stat_from_linux(&ls, st);
}

int stat(const char *path, struct stat *st)
{
	struct linux_stat64 ls;

	if (mmk_stat64(path, &ls) < 0)
		return -1;
	return stat_from_linux(&ls, st);
}

int lstat(const char *path, struct stat *st)
{
	struct linux_stat64 ls;

	if (mmk_lstat64(path, &ls) < 0)
		return -1;
	return stat_from_linux(&ls, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	struct linux_stat64 ls;

	if (mmk_fstatat64(dirfd, path, &ls, flags) < 0)
		return -1;
	return stat_from_linux(&ls, st);
}

int statfs64(const char *path, struct linux_statfs64 *buf)
{
	return SC3(NR_statfs64, path, LINUX_STATFS64_SIZE, buf);
}

int fstatfs64(int fd, struct linux_statfs64 *buf)
{
	return SC3(NR_fstatfs64, fd, LINUX_STATFS64_SIZE, buf);
}

/* ---------------------------------------------------------- opening, I/O */
int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return SC3(NR_open, path, mmk_linux_open_flags(flags) | LINUX_O_LARGEFILE, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return SC4(NR_openat, at_fd(dirfd), path,
		   mmk_linux_open_flags(flags) | LINUX_O_LARGEFILE, mode);
}

int creat(const char *path, mode_t mode)
{
	return SC2(NR_creat, path, mode);
}

ssize_t pread64(int fd, void *buf, size_t n, int64_t off)
{
	return SC(NR_pread64, fd, buf, n, 0, LO(off), HI(off));
}

ssize_t pwrite64(int fd, const void *buf, size_t n, int64_t off)
{
	return SC(NR_pwrite64, fd, buf, n, 0, LO(off), HI(off));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	return pread64(fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite64(fd, buf, n, off);
}

int64_t lseek64(int fd, int64_t off, int whence)
{
	int64_t result;

	if (SC5(NR_llseek, fd, HI(off), LO(off), &result, whence) < 0)
		return -1;
	return result;
}

int ftruncate64(int fd, int64_t len)
{
	return SC4(NR_ftruncate64, fd, 0, LO(len), HI(len));
}

int truncate64(const char *path, int64_t len)
{
	return SC4(NR_truncate64, path, 0, LO(len), HI(len));
}

int ftruncate(int fd, off_t len)		{ return ftruncate64(fd, len); }
int truncate(const char *path, off_t len)	{ return truncate64(path, len); }

/*
 * fcntl: the descriptor flags (F_GETFD/F_SETFD with FD_CLOEXEC = 1) and
 * F_DUPFD agree with Linux; the file status flags are translated both
 * ways; newlib's record-lock commands have other numbers than Linux's and
 * are refused with EINVAL.
 */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg, r;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	switch (cmd) {
	case F_DUPFD:
	case F_GETFD:
	case F_SETFD:
		return SC3(NR_fcntl64, fd, cmd, arg);
	case F_DUPFD_CLOEXEC:
		return SC3(NR_fcntl64, fd, LINUX_F_DUPFD_CLOEXEC, arg);
	case F_GETFL:
		r = SC3(NR_fcntl64, fd, F_GETFL, 0);
		return r < 0 ? -1 : mmk_newlib_open_flags(r);
	case F_SETFL:
		return SC3(NR_fcntl64, fd, F_SETFL, mmk_linux_open_flags((int)arg));
	default:
		return fail(EINVAL);
	}
}

int dup3(int fd, int to, int flags)
{
	return SC3(NR_dup3, fd, to, mmk_linux_open_flags(flags));
}

int pipe2(int fds[2], int flags)
{
	return SC2(NR_pipe2, fds, mmk_linux_open_flags(flags));
}

/* ------------------------------------------------------- names and links */
int unlink(const char *path)			{ return SC1(NR_unlink, path); }
int rmdir(const char *path)			{ return SC1(NR_rmdir, path); }
int mkdir(const char *path, mode_t mode)	{ return SC2(NR_mkdir, path, mode); }
int rename(const char *from, const char *to)	{ return SC2(NR_rename, from, to); }
int link(const char *from, const char *to)	{ return SC2(NR_link, from, to); }
int symlink(const char *target, const char *path) { return SC2(NR_symlink, target, path); }

ssize_t readlink(const char *__restrict path, char *__restrict buf, size_t size)
{
	return SC3(NR_readlink, path, buf, size);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return SC3(NR_mkdirat, at_fd(dirfd), path, mode);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	long f = at_flags(flags);

	return f < 0 ? fail(EINVAL) : SC3(NR_unlinkat, at_fd(dirfd), path, f);
}

int renameat(int olddirfd, const char *from, int newdirfd, const char *to)
{
	return SC4(NR_renameat, at_fd(olddirfd), from, at_fd(newdirfd), to);
}

int renameat2(int olddirfd, const char *from, int newdirfd, const char *to,
	      unsigned int flags)
{
	return SC5(NR_renameat2, at_fd(olddirfd), from, at_fd(newdirfd), to, flags);
}

int linkat(int olddirfd, const char *from, int newdirfd, const char *to, int flags)
{
	long f = at_flags(flags);

	if (f < 0)
		return fail(EINVAL);
	return SC5(NR_linkat, at_fd(olddirfd), from, at_fd(newdirfd), to, f);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	return SC3(NR_symlinkat, target, at_fd(dirfd), path);
}

ssize_t readlinkat(int dirfd, const char *__restrict path, char *__restrict buf,
		   size_t size)
{
	return SC4(NR_readlinkat, at_fd(dirfd), path, buf, size);
}

/* --------------------------------------------------- modes, access, times */
int chmod(const char *path, mode_t mode)	{ return SC2(NR_chmod, path, mode); }
int fchmod(int fd, mode_t mode)			{ return SC2(NR_fchmod, fd, mode); }
int access(const char *path, int mode)		{ return SC2(NR_access, path, mode); }

/* Call 333 has no flags argument (fchmodat2, 452, does): only 0 here, as
 * glibc's answer for a symbolic link is EOPNOTSUPP too. */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags)
		return fail(flags & AT_SYMLINK_NOFOLLOW ? EOPNOTSUPP : EINVAL);
	return SC3(NR_fchmodat, at_fd(dirfd), path, mode);
}

/* Call 334 has no flags argument either (faccessat2, 439, does). */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags)
		return fail(EINVAL);
	return SC3(NR_faccessat, at_fd(dirfd), path, mode);
}

/* times NULL means "now" for both; a tv_nsec of LINUX_UTIME_NOW or
 * LINUX_UTIME_OMIT passes through.  path NULL with a descriptor is futimens. */
int utimensat(int dirfd, const char *path, const struct timespec *times, int flags)
{
	struct linux_timespec32 t[2];
	long f = at_flags(flags);
	int i;

	if (f < 0)
		return fail(EINVAL);
	for (i = 0; times && i < 2; i++) {
		t[i].tv_sec = (int32_t)times[i].tv_sec;
		t[i].tv_nsec = (int32_t)times[i].tv_nsec;
	}
	return SC4(NR_utimensat, at_fd(dirfd), path, times ? t : NULL, f);
}

int futimens(int fd, const struct timespec *times)
{
	return utimensat(fd, NULL, times, 0);
}

/* ------------------------------------------------------------ directories */
int fchdir(int fd)				{ return SC1(NR_fchdir, fd); }

int mmk_getcwd(char *buf, size_t size)
{
	return SC2(NR_getcwd, buf, size);
}

/* getcwd(NULL, 0) allocates (a glibc extension that shells rely on). */
char *getcwd(char *buf, size_t size)
{
	char *mine = NULL;

	if (!buf) {
		if (size == 0)
			size = LINUX_PATH_MAX;
		buf = mine = malloc(size);
		if (!buf)
			return NULL;
	}
	if (mmk_getcwd(buf, size) < 0) {
		free(mine);
		return NULL;
	}
	return buf;
}

/* ---------------------------------------------------- mounts and syncing */
int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data)
{
	return SC5(NR_mount, source, target, fstype, flags, data);
}

int umount2(const char *target, int flags)	{ return SC2(NR_umount2, target, flags); }
int umount(const char *target)			{ return umount2(target, 0); }
void sync(void)					{ SC1(NR_sync, 0); }
int syncfs(int fd)				{ return SC1(NR_syncfs, fd); }
int fsync(int fd)				{ return SC1(NR_fsync, fd); }
int fdatasync(int fd)				{ return SC1(NR_fdatasync, fd); }

int msync(void *addr, size_t len, int flags)
{
	return SC3(NR_msync, addr, len, flags);
}

int klogctl(int type, char *buf, int len)
{
	return SC3(NR_syslog, type, buf, len);
}
