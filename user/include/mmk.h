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
 *     raw brk/fstat64/clock_gettime/nanosleep);
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
#define NR_reboot		88
#define NR_munmap		91
#define NR_wait4		114
#define NR_uname		122
#define NR_mprotect		125
#define NR_getpgid		132
#define NR_getsid		147
#define NR_sched_yield		158
#define NR_nanosleep		162
#define NR_mmap2		192
#define NR_fstat64		197
#define NR_getdents64		217
#define NR_exit_group		248
#define NR_clock_gettime	263

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
 * The buffer fstat64 (197) fills, Linux ARM EABI layout.  Only st_mode and
 * st_size are meaningful on mmkernel.  Offsets in the comments; the 64-bit
 * members are 8-byte aligned (EABI), hence the holes before st_size and
 * st_blocks.
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
#define MMK_DT_DIR	4
#define MMK_DT_REG	8

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
#define LINUX_O_DIRECTORY	0x4000
#define LINUX_O_NOFOLLOW	0x8000
#define LINUX_O_CLOEXEC		0x80000

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

/* Nanoseconds of CLOCK_MONOTONIC (virtual ns on mmkernel). */
uint64_t mmk_now_ns(void);

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

#endif /* MMK_H */
