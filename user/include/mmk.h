/*
 * mmk.h - what a user program of mmkernel needs beyond newlib.
 *
 * mmkernel speaks the Linux ARM EABI (DESIGN.md, "ABI"): `svc #0`, the
 * call number in r7, arguments in r0-r5, the result in r0 and -errno on
 * failure, with Linux's call numbers and structure layouts.  newlib knows
 * nothing about a kernel, so this header supplies:
 *
 *   - the call numbers (NR_*) and a raw entry point, mmk_syscall();
 *   - the structures the kernel writes, in Linux's layout (linux_stat64,
 *     linux_timespec32, linux_dirent64, linux_utsname);
 *   - the Linux-only calls newlib lacks (wait4, getdents64, uname, reboot,
 *     mount, statfs64, raw brk/stat64/clock_gettime/nanosleep, ...);
 *   - Linux signal numbers (newlib's <signal.h> uses BSD numbers for some);
 *   - small helpers for reading /proc, used by the tools and the tests.
 *
 * Everything here works unchanged under Linux (qemu-arm), which is how the
 * programs are checked against the real thing.
 */
#ifndef MMK_H
#define MMK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* ---------------------------------------------------------------- numbers */
/* Linux ARM EABI system call numbers (the ones mmkernel implements). */
#define NR_exit			1
#define NR_fork			2
#define NR_read			3
#define NR_write		4
#define NR_open			5
#define NR_close		6
#define NR_execve		11
#define NR_chdir		12
#define NR_lseek		19
#define NR_getpid		20
#define NR_kill			37
#define NR_dup			41
#define NR_pipe			42
#define NR_brk			45
#define NR_ioctl		54
#define NR_setpgid		57
#define NR_dup2			63
#define NR_getppid		64
#define NR_getpgrp		65
#define NR_setsid		66
#define NR_swapon		87	/* <sys/swap.h>, lib/swap.c */
#define NR_reboot		88
#define NR_munmap		91
#define NR_wait4		114
#define NR_swapoff		115
#define NR_uname		122
#define NR_mprotect		125
#define NR_getpgid		132
#define NR_getsid		147
#define NR_mlock		150
#define NR_munlock		151
#define NR_mlockall		152
#define NR_munlockall		153
#define NR_sched_yield		158
#define NR_nanosleep		162
#define NR_mmap2		192
#define NR_fstat64		197
#define NR_getdents64		217
#define NR_madvise		220
#define NR_exit_group		248
#define NR_clock_gettime	263
#define NR_getrandom		384	/* mmkernel: ENOSYS (mkswap falls back to /dev/urandom) */
#define NR_mlock2		390

/*
 * File-system calls (Linux ARM EABI numbers, arch/arm/tools/syscall.tbl).
 * The wrappers are in lib/fs.c.  A 64-bit argument (an offset or a length)
 * goes in an even/odd register pair, low word first: pread64 and pwrite64
 * leave r3 unused and take the offset in r4:r5; truncate64 and ftruncate64
 * leave r1 unused and take the length in r2:r3.  _llseek is the exception:
 * (fd, offset_high, offset_low, loff_t *result, whence).
 */
#define NR_creat		8
#define NR_link			9
#define NR_unlink		10
#define NR_chmod		15
#define NR_mount		21
#define NR_access		33
#define NR_sync			36
#define NR_rename		38
#define NR_mkdir		39
#define NR_rmdir		40
#define NR_umount2		52
#define NR_symlink		83
#define NR_readlink		85
#define NR_fchmod		94
#define NR_syslog		103
#define NR_fsync		118
#define NR_fchdir		133
#define NR_llseek		140	/* "_llseek" in Linux's table */
#define NR_msync		144
#define NR_fdatasync		148
#define NR_pread64		180
#define NR_pwrite64		181
#define NR_getcwd		183
#define NR_truncate64		193
#define NR_ftruncate64		194
#define NR_stat64		195
#define NR_lstat64		196
#define NR_fcntl64		221
#define NR_statfs64		266
#define NR_fstatfs64		267
#define NR_openat		322
#define NR_mkdirat		323
#define NR_fstatat64		327
#define NR_unlinkat		328
#define NR_renameat		329
#define NR_linkat		330
#define NR_symlinkat		331
#define NR_readlinkat		332
#define NR_fchmodat		333
#define NR_faccessat		334
#define NR_utimensat		348	/* 32-bit timespecs */
#define NR_dup3			358
#define NR_pipe2		359
#define NR_syncfs		373
#define NR_renameat2		382

/* Linux's ARM private calls (svc with r7 = 0x0f0000 + n). */
#define ARM_NR_BASE		0x0f0000
#define ARM_NR_breakpoint	(ARM_NR_BASE + 1)
#define ARM_NR_cacheflush	(ARM_NR_BASE + 2)
#define ARM_NR_set_tls		(ARM_NR_BASE + 5)
#define ARM_NR_get_tls		(ARM_NR_BASE + 6)

/*
 * mmk_syscall - issue system call `nr` with up to six arguments.
 * Returns what the kernel put in r0: a value, or -errno in [-4095, -1].
 * errno is NOT set; the named wrappers (read, fork, mmap, ...) do that.
 */
long mmk_syscall(long nr, long a, long b, long c, long d, long e, long f);
#define MMK_IS_ERR(r)	((unsigned long)(r) >= (unsigned long)-4095L)

/* What the named wrappers do with a raw result: -errno -> -1 and errno
 * (in newlib's numbering), anything else returned as it is. */
long mmk_ret(long r);

/* ------------------------------------------------------------- structures */
/* struct timespec as the 32-bit Linux calls (162, 263) read and write it. */
struct linux_timespec32 {
	int32_t tv_sec;
	int32_t tv_nsec;
};

/*
 * The buffer stat64, lstat64, fstat64 and fstatat64 (195, 196, 197, 327)
 * fill, Linux ARM EABI layout.  Offsets in the comments; the 64-bit
 * members are 8-byte aligned (EABI), hence the holes before st_size and
 * st_blocks.  st_ino32 is the inode number cut to 32 bits (old programs);
 * st_ino at the end is the whole one.  Times are seconds since 1970 as
 * unsigned 32-bit numbers, plus nanoseconds.  newlib's struct stat is
 * narrower (16-bit st_ino and st_dev, 32-bit st_size): tools that need every
 * bit use this structure through mmk_stat64() and friends.
 */
struct linux_stat64 {
	uint64_t st_dev;		/*   0 */
	uint32_t __pad0;		/*   8 */
	uint32_t st_ino32;		/*  12 */
	uint32_t st_mode;		/*  16 */
	uint32_t st_nlink;		/*  20 */
	uint32_t st_uid;		/*  24 */
	uint32_t st_gid;		/*  28 */
	uint64_t st_rdev;		/*  32 */
	uint32_t __pad1;		/*  40 (+4 bytes of alignment) */
	int64_t  st_size;		/*  48 */
	uint32_t st_blksize;		/*  56 (+4 bytes of alignment) */
	uint64_t st_blocks;		/*  64 */
	uint32_t st_atime_sec, st_atime_nsec;	/*  72 */
	uint32_t st_mtime_sec, st_mtime_nsec;	/*  80 */
	uint32_t st_ctime_sec, st_ctime_nsec;	/*  88 */
	uint64_t st_ino;		/*  96 */
};					/* 104 bytes */

/* One record of the buffer getdents64 (217) fills; records are d_reclen long. */
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t  d_off;
	uint16_t d_reclen;
	uint8_t  d_type;		/* DT_DIR 4, DT_REG 8, DT_UNKNOWN 0 */
	char     d_name[];
};
#define MMK_DT_UNKNOWN	0
#define MMK_DT_FIFO	1
#define MMK_DT_CHR	2
#define MMK_DT_DIR	4
#define MMK_DT_BLK	6
#define MMK_DT_REG	8
#define MMK_DT_LNK	10
#define MMK_DT_SOCK	12

/* st_dev / st_rdev of linux_stat64 -> major, minor (Linux's encoding:
 * minor bits 0-7 and 20-31, major bits 8-19). */
#define MMK_MAJOR(dev)	((unsigned)(((dev) >> 8) & 0xfff))
#define MMK_MINOR(dev)	((unsigned)(((dev) & 0xff) | (((dev) >> 12) & 0xfff00)))

/*
 * The buffer statfs64 and fstatfs64 (266, 267) fill.  On ARM Linux packs
 * the structure to 4-byte alignment, so it is 84 bytes, not 88 (EABI would
 * pad the end to a multiple of 8); the size is also the calls' second
 * argument, and the kernel refuses any other (Linux's ARM entry code
 * quietly turns 88 into 84).  Counts are in units of f_frsize (= f_bsize
 * on every file system here).
 */
struct linux_statfs64 {
	uint32_t f_type;		/*  0: magic, e.g. 0xef53 ext2, 0x01021994 tmpfs */
	uint32_t f_bsize;		/*  4: the preferred I/O size */
	uint64_t f_blocks;		/*  8: size of the file system */
	uint64_t f_bfree;		/* 16: free blocks */
	uint64_t f_bavail;		/* 24: free blocks for non-root users */
	uint64_t f_files;		/* 32: inodes */
	uint64_t f_ffree;		/* 40: free inodes */
	int32_t  f_fsid[2];		/* 48 */
	uint32_t f_namelen;		/* 56: longest file name */
	uint32_t f_frsize;		/* 60: fragment size: the unit of f_blocks */
	uint32_t f_flags;		/* 64: ST_RDONLY 1, ST_NOSUID 2, ... (mount flags) */
	uint32_t f_spare[4];		/* 68 */
} __attribute__((packed, aligned(4)));	/* 84 bytes */
#define LINUX_STATFS64_SIZE	84

/* What uname (122) fills: six NUL-terminated strings of 65 bytes. */
struct linux_utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

/* Linux open(2) flags on ARM.  open() below translates newlib's O_* to these. */
#define LINUX_O_WRONLY		0x1
#define LINUX_O_RDWR		0x2
#define LINUX_O_CREAT		0x40
#define LINUX_O_EXCL		0x80
#define LINUX_O_NOCTTY		0x100
#define LINUX_O_TRUNC		0x200
#define LINUX_O_APPEND		0x400
#define LINUX_O_NONBLOCK	0x800
#define LINUX_O_DSYNC		0x1000
#define LINUX_O_DIRECTORY	0x4000
#define LINUX_O_NOFOLLOW	0x8000
#define LINUX_O_DIRECT		0x10000
#define LINUX_O_LARGEFILE	0x20000	/* open() always adds it, as glibc's open64 */
#define LINUX_O_NOATIME		0x40000
#define LINUX_O_CLOEXEC		0x80000
#define LINUX_O_SYNC		0x101000	/* __O_SYNC | O_DSYNC */
#define LINUX_O_PATH		0x200000
#define LINUX_O_TMPFILE		0x404000	/* __O_TMPFILE | O_DIRECTORY */

/* The *at() calls' "current directory" and flags: Linux's values, which
 * are not newlib's (AT_FDCWD is -2 there); the wrappers translate. */
#define LINUX_AT_FDCWD			(-100)
#define LINUX_AT_SYMLINK_NOFOLLOW	0x100
#define LINUX_AT_REMOVEDIR		0x200
#define LINUX_AT_EACCESS		0x200
#define LINUX_AT_SYMLINK_FOLLOW		0x400
#define LINUX_AT_NO_AUTOMOUNT		0x800
#define LINUX_AT_EMPTY_PATH		0x1000
#ifndef AT_EMPTY_PATH			/* newlib shows it to _GNU_SOURCE only */
#define AT_EMPTY_PATH			16
#endif

/* Longest path (with its NUL) and file name Linux accepts. */
#define LINUX_PATH_MAX		4096
#define LINUX_NAME_MAX		255

/* fcntl commands that differ from newlib's (F_DUPFD..F_SETFL 0-4 agree). */
#define LINUX_F_DUPFD_CLOEXEC	1030

/* renameat2 flags. */
#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

/* utimensat's special nanosecond values. */
#define LINUX_UTIME_NOW		((1L << 30) - 1)
#define LINUX_UTIME_OMIT	((1L << 30) - 2)

/* mount(2) flags (MS_*) and umount2(2) flags (MNT_*), Linux's values. */
#define MS_RDONLY	0x1
#define MS_NOSUID	0x2
#define MS_NODEV	0x4
#define MS_NOEXEC	0x8
#define MS_SYNCHRONOUS	0x10
#define MS_REMOUNT	0x20
#define MS_MANDLOCK	0x40
#define MS_DIRSYNC	0x80
#define MS_NOATIME	0x400
#define MS_NODIRATIME	0x800
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_REC		0x4000
#define MS_SILENT	0x8000
#define MS_RELATIME	0x200000
#define MS_STRICTATIME	0x1000000
#define MS_LAZYTIME	0x2000000
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

/* syslog(2) actions (the call behind dmesg; glibc calls it klogctl). */
#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* Linux mmap flags (the ones newlib's <sys/mman.h> lacks, and all by value). */
#define LINUX_MAP_SHARED	0x01
#define LINUX_MAP_PRIVATE	0x02
#define LINUX_MAP_SHARED_VALIDATE 0x03
#define LINUX_MAP_FIXED		0x10
#define LINUX_MAP_ANONYMOUS	0x20
#define LINUX_MAP_SYNC		0x80000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_PROT_SEM		0x8
#define LINUX_PROT_GROWSDOWN	0x01000000

/* wait4's struct rusage on 32-bit ARM: two timevals and 14 longs. */
struct linux_rusage {
	int32_t ru_utime_sec, ru_utime_usec, ru_stime_sec, ru_stime_usec;
	int32_t ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	int32_t ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* Linux clock ids (newlib's CLOCK_MONOTONIC is 4; clock_gettime() maps it). */
#define LINUX_CLOCK_REALTIME	0
#define LINUX_CLOCK_MONOTONIC	1

/* reboot(2) magic numbers and the power-off command, as Linux defines them. */
#define LINUX_REBOOT_MAGIC1	0xfee1deadU
#define LINUX_REBOOT_MAGIC2	672274793U
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcU

/*
 * Linux signal numbers.  newlib's <signal.h> agrees for 1-6, 8, 9, 11,
 * 13-15 but not for SIGBUS, SIGUSR1, SIGCHLD, SIGSTOP, ...: use these.
 */
#define LINUX_SIGHUP	1
#define LINUX_SIGINT	2
#define LINUX_SIGQUIT	3
#define LINUX_SIGILL	4
#define LINUX_SIGTRAP	5
#define LINUX_SIGABRT	6
#define LINUX_SIGBUS	7
#define LINUX_SIGFPE	8
#define LINUX_SIGKILL	9
#define LINUX_SIGUSR1	10
#define LINUX_SIGSEGV	11
#define LINUX_SIGUSR2	12
#define LINUX_SIGPIPE	13
#define LINUX_SIGALRM	14
#define LINUX_SIGTERM	15
#define LINUX_SIGCHLD	17
#define LINUX_SIGCONT	18
#define LINUX_SIGSTOP	19
#define LINUX_NSIG	32

/* The wait status is Linux-encoded; newlib's <sys/wait.h> macros decode it. */
#ifndef WCOREDUMP
#define WCOREDUMP(w)	((w) & 0x80)
#endif

/* ---------------------------------------------- calls newlib does not have */
pid_t wait4(pid_t pid, int *status, int options, void *rusage);
int getdents64(int fd, void *buf, size_t len);
int uname(struct linux_utsname *buf);
int brk(void *addr);			/* 0, or -1 with ENOMEM */
void *mmk_brk(void *addr);		/* raw: returns the break after the call */
int reboot(unsigned int cmd);		/* adds the two magic numbers */
int chdir(const char *path);
int sched_yield(void);			/* newlib hides it without POSIX threads */
int ioctl(int fd, unsigned long req, void *arg);
int mmk_fstat64(int fd, struct linux_stat64 *st);
int mmk_clock_gettime(int linux_clock, struct linux_timespec32 *ts);
int mmk_nanosleep(const struct linux_timespec32 *req, struct linux_timespec32 *rem);
void mmk_exit_group(int code) __attribute__((noreturn));

/*
 * File-system calls newlib lacks or declares with too narrow a type
 * (lib/fs.c).  newlib's own prototypes cover open, openat, creat, pread,
 * pwrite, ftruncate, truncate, unlink, unlinkat, mkdir, mkdirat, rmdir,
 * rename, renameat, link, linkat, symlink, symlinkat, readlink, readlinkat,
 * stat, fstat, fstatat, chmod, fchmod, fchmodat, getcwd, fchdir, sync,
 * fsync, fdatasync, access, faccessat, fcntl, dup3, pipe2, utimensat and
 * futimens; those take newlib's flag values (O_*, AT_*, F_*) and the
 * wrappers translate them to Linux's.
 */
int lstat(const char *__restrict path, struct stat *__restrict st);
int dup3(int fd, int to, int flags);		/* newlib shows these two */
int pipe2(int fds[2], int flags);		/* only to _GNU_SOURCE */
int64_t lseek64(int fd, int64_t off, int whence);	/* via _llseek */
ssize_t pread64(int fd, void *buf, size_t n, int64_t off);
ssize_t pwrite64(int fd, const void *buf, size_t n, int64_t off);
int ftruncate64(int fd, int64_t len);
int truncate64(const char *path, int64_t len);
int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags);
int statfs64(const char *path, struct linux_statfs64 *buf);
int fstatfs64(int fd, struct linux_statfs64 *buf);
int mount(const char *source, const char *target, const char *fstype,
	  unsigned long flags, const void *data);
int umount2(const char *target, int flags);
int umount(const char *target);
int syncfs(int fd);
int klogctl(int type, char *buf, int len);	/* syslog(2) */

/* The full Linux stat64 record (no narrowing); flags of fstatat64 are
 * newlib's AT_SYMLINK_NOFOLLOW / AT_EMPTY_PATH. */
int mmk_stat64(const char *path, struct linux_stat64 *st);
int mmk_lstat64(const char *path, struct linux_stat64 *st);
int mmk_fstatat64(int dirfd, const char *path, struct linux_stat64 *st, int flags);

/* Raw getcwd(183): the length of the path including its NUL, or -1. */
int mmk_getcwd(char *buf, size_t size);

/* newlib's O_* flags <-> Linux's (open, openat, fcntl F_GETFL/F_SETFL). */
long mmk_linux_open_flags(int flags);
int mmk_newlib_open_flags(long linux_flags);

/* Nanoseconds of CLOCK_MONOTONIC (virtual ns on mmkernel). */
uint64_t mmk_now_ns(void);

/* The swap workload's page contents (user/lib/swap.c), and a plain swap
 * header (mkswap without label or UUID). */
void mmk_swap_fill(void *page, unsigned long index, unsigned gen);
unsigned mmk_swap_check(const void *page, unsigned long index, unsigned gen);	/* 0: right */
int mmk_mkswap(int fd, unsigned long long bytes);

/* The initial stack's auxiliary vector (pairs ending with AT_NULL = 0). */
extern unsigned long *mmk_auxv;

/* Linux signal number <-> "SEGV" name, and the shell's description
 * ("Segmentation fault"); NULL / -1 when unknown. */
const char *mmk_signame(int sig);
const char *mmk_sigdesc(int sig);
int mmk_signum(const char *name);

/* 1 when uname() says "Linux" (qemu-arm), 0 on mmkernel. */
int mmk_on_linux(void);

/* ----------------------------------------------------------- /proc helpers */
/* Line reader over a file, with a fixed buffer: no malloc, any file size. */
struct mmk_lines {
	int fd;
	int pos, len;
	char buf[1024];
	char line[512];		/* longer lines are cut to 511 bytes */
};
int mmk_lines_open(struct mmk_lines *lr, const char *path);	/* 0 or -1 */
char *mmk_lines_next(struct mmk_lines *lr);	/* next line without '\n', or NULL */
void mmk_lines_close(struct mmk_lines *lr);

/* In file `path`, the first number after "key" at the start of a line
 * (e.g. key "MemFree:" gives kB); -1 if the file or the line is missing. */
long mmk_proc_value(const char *path, const char *key);

/* Whole (small) file into buf, NUL-terminated; its length, or -1. */
int mmk_read_file(const char *path, char *buf, size_t size);
void mmk_proc_cmdline(const char *pid, char *buf, size_t size);

/* Field `n` (1-based, as in proc(5)) of /proc/<pid>/stat; pid 0 = self.
 * Returns 0 and *val, or -1. Field 10 is minflt, 12 is majflt. */
int mmk_proc_stat_field(int pid, int n, unsigned long *val);

/* Call fn for every entry of directory `path` except . and ..; stops early
 * when fn returns non-zero (and returns that value).  -1 if it cannot open. */
int mmk_list_dir(const char *path, int (*fn)(const char *name, int type, void *arg),
		 void *arg);

/* The numeric entries of /proc in increasing order: a malloc'ed array
 * (free it) and its length in *n; NULL when /proc cannot be read. */
int *mmk_list_pids(int *n);

/* ------------------------------------------- file tools (lib/fsutil.c) */
/* One entry of a directory, as getdents64 gave it. */
struct mmk_dirent {
	char *name;
	uint64_t ino;
	int type;		/* MMK_DT_* (MMK_DT_UNKNOWN if the fs does not say) */
};

/* All entries of directory `path` sorted by name (with "." and ".." only
 * if with_dots), the directory closed again: safe to recurse.  A malloc'ed
 * array to give to mmk_free_dir(); NULL with errno on failure. */
struct mmk_dirent *mmk_read_dir(const char *path, int with_dots, int *count);
void mmk_free_dir(struct mmk_dirent *v, int count);

/* rm -rf path, without following symbolic links: 0 (also if it did not
 * exist), or -1 with errno of the last failure (the rest is still done). */
int mmk_remove_tree(const char *path);

/* "dir/name" (no doubled '/'), malloc'ed; the last component of a path
 * ("c" for "/a/b/c/"), in a static buffer. */
char *mmk_path_join(const char *dir, const char *name);
const char *mmk_basename(const char *path);

/* Copy from one descriptor to the other until end of file: the number of
 * bytes, or -1 with errno and *write_failed saying which side failed. */
int64_t mmk_copy_fd(int from, int to, int *write_failed);

/* Copy regular file src to dst (created with src's mode bits, or
 * truncated); errors reported as "PROG: ...".  0, or 1 on failure. */
int mmk_copy_file(const char *prog, const char *src, const char *dst);

/* One line of /proc/mounts: "DEV DIR TYPE OPTS 0 0", escapes decoded. */
struct mmk_mount {
	char dev[128], dir[256], type[32], opts[256];
};
/* All of /proc/mounts, malloc'ed (free it); NULL if it cannot be read. */
struct mmk_mount *mmk_read_mounts(int *count);

/* "drwxr-xr-x" (10 characters and a NUL) for a Linux st_mode. */
void mmk_mode_string(uint32_t mode, char out[11]);

/* "16M", "4k", "512b", "1GB" -> bytes (dd's suffixes); 0 or -1. */
int mmk_parse_size(const char *s, uint64_t *out);

/* POSIX cksum: crc = 0; crc = mmk_cksum_update(crc, data, n)...;
 * result = mmk_cksum_final(crc, total length). */
uint32_t mmk_cksum_update(uint32_t crc, const void *buf, size_t n);
uint32_t mmk_cksum_final(uint32_t crc, uint64_t len);

#endif /* MMK_H */
