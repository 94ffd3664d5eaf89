/*
 * fuzz - a system-call fuzzer in the manner of trinity: worker processes
 * issue random system calls with hostile arguments, and at the end the
 * kernel must be alive with every page and slab object given back.
 *
 *   fuzz [-s SEED] [-n CALLS] [-w WORKERS] [-f] [-v]
 *
 *   -s SEED     the pseudo-random sequence (default 1).  Worker k's n-th
 *               incarnation draws its calls from a generator seeded with
 *               (SEED, k, n) alone, so a run can be repeated; -w 1 -v
 *               prints every call before it is made, to find the one
 *               that broke something
 *   -n CALLS    how many calls in all (default 10000)
 *   -w WORKERS  how many run at once (default 4)
 *   -f          fault injection in the workers (/proc/self/make-it-fail):
 *               with a kernel booted with fail_page_alloc= or failslab=,
 *               their allocations fail now and then too
 *
 * The arguments are drawn by kind (fd, buffer the kernel reads, buffer it
 * writes, length, path, address range, protection, flags, pid, signal):
 * a valid value most of the time, and otherwise NULL, kernel addresses,
 * the vectors page, a page with no access, a read-only page, unmapped
 * memory, strings running off a page or past PATH_MAX, lengths of 0, -1
 * and 2^31, wrapping ranges.  Every call number is used, unknown ones
 * included, and Linux's ARM private calls.
 *
 * File system calls work in a playground directory, /tmp/fuzz, made
 * afresh before each snapshot (files, a directory, symlinks, a symlink
 * loop); the workers' working directory is there.  Every call that could
 * change a file names one inside it: a path that is absolute, or climbs
 * with "..", is replaced by a playground name, and so is the target of a
 * symlink or link.  Elsewhere the workers may look, open for reading,
 * and fail.
 *
 * What a worker may not do, so that the campaign tests the kernel and
 * not the test rig: signal processes outside its own process group
 * (other than init, which ignores them, or pids that do not exist), join
 * another process group (the shell's, with setpgid),
 * write to the console (its fds 0-2 are files), execute anything but
 * /bin/true and the malformed ELF files of /bad, power off, or change
 * the global /proc/sys knobs other than drop_caches, make device nodes, or mount
 * anything but memory file systems (proc, sysfs, tmpfs) in the playground,
 * or fault in more than 64 pages in one call (MAP_POPULATE, MAP_LOCKED,
 * mlock; mlockall only with MCL_ONFAULT): with no OOM killer yet, a
 * worker that locked the whole machine would starve the others.
 *
 * Workers die all the time (a random munmap of their own stack, a
 * SIGSEGV, exit); the parent starts another.  One that makes no progress
 * for 1 s (asleep for a week, blocked on a pipe) is killed.  At the end
 * every process the run left is killed, and then, with caches dropped:
 *
 *   MemFree        back to its value before the run (less only what this
 *                  process itself grew, its VmRSS, and second-level tables
 *                  the kernel made for its own mappings and keeps:
 *                  nr_kernel_pagetables in /proc/vmstat, and slab pages
 *                  that hold the same objects more spread out)
 *   slab objects   no cache holding more objects than before the run
 *                  (the playground removed and made again first, so that
 *                  the dentries and inodes of what the workers created are
 *                  gone; fewer is fine: caches shrink)
 *
 * The last line is "fuzz: ok ..." or "fuzz: FAIL ...".
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

#define MAX_WORKERS	8
#define STUCK_NS	1000000000ull
#define PLAY_PAGES	32
#define KADDR		0xc0000000ul
#define PLAYDIR		"/tmp/fuzz"

/* Linux ARM numbers of the file calls the parent uses (raw, as the workers) */
#define NR_unlink	10
#define NR_mkdir	39
#define NR_rmdir	40
#define NR_umount2	52
#define NR_symlink	83
#ifndef AT_FDCWD
#define AT_FDCWD	(-100)
#endif

/*
 * Progress, shared with the workers.  A worker's random call can write
 * anywhere it can reach, this page included (read() into it...), so each
 * count has its complement beside it; the parent trusts a count only when
 * the two agree, and otherwise puts back the last good value and stops
 * that worker.  The page sits at an address no argument generator aims at.
 */
struct shared {
	volatile unsigned long calls[MAX_WORKERS];	/* made by worker k (and its children) */
	volatile unsigned long check[MAX_WORKERS];	/* ~calls[k] */
};
#define SHARED_ADDR	0x7d5a0000ul

static struct shared *sh;
static int verbose, inject;
static FILE *vlog;		/* -v: the console, kept on fd 9 */

/* ---------------------------------------------------------------- random */

static uint32_t rng;

static uint32_t rnd(void)		/* xorshift32 */
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int one_in(uint32_t n)
{
	return below(n) == 0;
}

/* ------------------------------------------------------- the playground */

/*
 * Memory the worker owns and can hand to calls: PLAY_PAGES read-write
 * pages, then one read-only, one with no access, and one unmapped, in a
 * row, so that buffers can run from one kind into the next.
 */
static char *play, *ro_page, *none_page, *hole;
static int myfds[16], nmyfds;

static uint32_t interesting(void)
{
	static const uint32_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 255, 256, 4095, 4096, 4097,
		65535, 65536, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
		0xfffff000, 0xfffff001, 0xbf000000, 0xbeffffff, 0xbefff000, 0xc0000000,
		0xffff0000, 0x40000000, 0x3f000000, 0x10000, 0x100000, 0x1000000,
	};

	return v[below(sizeof(v) / sizeof(v[0]))];
}

/* An address the kernel must never accept for a user buffer. */
static uint32_t bad_pointer(void)
{
	static const uint32_t v[] = {
		0, 1, 0xfff, KADDR, KADDR + 0x10000, 0xe0000000, 0xf0000000, 0xffff0000,
		0xffff0ffc, 0xfffffff0, 0xffffffff, 0xbf000000, 0xbefffffc,
	};

	switch (below(4)) {
	case 0:
		return v[below(sizeof(v) / sizeof(v[0]))];
	case 1:
		return (uint32_t)(uintptr_t)hole + below(4096);
	case 2:
		return (uint32_t)(uintptr_t)none_page + below(4096);
	default:
		return 0xbf000000u + below(0x40000000);	/* kernel space */
	}
}

/* A buffer the kernel reads (in) or writes (out). */
static uint32_t buffer(int out)
{
	switch (below(12)) {
	case 0:
		return bad_pointer();
	case 1:		/* runs off the read-write pages */
		return (uint32_t)(uintptr_t)(ro_page - 1 - below(64));
	case 2:
		return out ? (uint32_t)(uintptr_t)ro_page + below(4096)
			   : (uint32_t)(uintptr_t)(none_page - 1 - below(32));
	case 3:
		return rnd();
	default:
		return (uint32_t)(uintptr_t)play + below(PLAY_PAGES * 4096);
	}
}

static uint32_t length(void)
{
	switch (below(6)) {
	case 0:
		return interesting();
	case 1:
		return rnd();
	case 2:
		return below(PLAY_PAGES * 4096 + 8192);
	default:
		return below(512);
	}
}

/* Names inside the playground (the working directory). */
static const char *const play_names[] = {
	"f", "g", "d", "d/f", "d/g", "d/e", "l", "loop1", "dangling", "new", "newdir",
	"newdir/x", "d/../f", "./f", "f/", "d/", "f/x", "nodir/x", "e", "fifo", "d/d2",
	PLAYDIR "/f", PLAYDIR "/d/f", PLAYDIR "/new",
};

/* A playground name in the playground memory; its address. */
static uint32_t play_name(void)
{
	char *s = play + below(PLAY_PAGES * 4096 - 64);

	strcpy(s, play_names[below(sizeof(play_names) / sizeof(play_names[0]))]);
	return (uint32_t)(uintptr_t)s;
}

/* Paths: real ones, odd ones, long ones, ones that run into a hole. */
static uint32_t path(int writable)
{
	static const char *const names[] = {
		"/", "/bin", "/bin/true", "/data/hello.txt", "/data/pages.txt", "/proc",
		"/proc/self/maps", "/proc/self/smaps", "/proc/self/status", "/proc/meminfo",
		"/proc/self/oom_score_adj", "/proc/self/make-it-fail", "/proc/sys/vm/drop_caches",
		"/proc/1/status", "/proc/99999/maps", "/nonexistent", "", ".", "..", "/..",
		"/data/hello.txt/", "/data/hello.txt/x", "/bad/magic", "/proc/sys", "//bin//./true",
		"/proc/self/", "/proc/self/fd", "/proc/buddyinfo", "/proc/slabinfo",
		"/dev/null", "/dev/zero", "/dev", "/sys", "/tmp", "/proc/mounts",
	};
	char *s;
	uint32_t n, i;

	switch (below(10)) {
	case 0:
		return bad_pointer();
	case 1:		/* a long string: up to past PATH_MAX, some slashes */
		n = below(5000);
		s = play + below(PLAY_PAGES * 4096 - n - 1);
		for (i = 0; i < n; i++)
			s[i] = one_in(8) ? '/' : one_in(16) ? '.' : 'a' + (char)below(26);
		s[n] = '\0';
		return (uint32_t)(uintptr_t)s;
	case 2:		/* no NUL before the read-only page, then a hole */
		s = none_page - 1 - below(16);
		return (uint32_t)(uintptr_t)s;
	case 3: case 4: case 5:
		return play_name();
	default:
		i = below(sizeof(names) / sizeof(names[0]));
		if (writable && !strncmp(names[i], "/proc/sys", 9) &&
		    strcmp(names[i], "/proc/sys/vm/drop_caches"))
			i = 0;
		s = play + below(PLAY_PAGES * 4096 - 64);
		strcpy(s, names[i]);
		return (uint32_t)(uintptr_t)s;
	}
}

static uint32_t fd_arg(void)
{
	if (nmyfds && below(3))
		return (uint32_t)myfds[below((uint32_t)nmyfds)];
	switch (below(4)) {
	case 0:
		return interesting();
	case 1:
		return (uint32_t)-1;
	default:
		return below(20);
	}
}

/* Addresses for mmap, munmap, mprotect, brk: mostly our own ranges. */
static uint32_t addr_arg(void)
{
	switch (below(16)) {
	case 0:
		return interesting();
	case 1:
		return rnd() & ~0xfffu;
	case 2:
		return rnd();
	case 3:
		return (uint32_t)(uintptr_t)mmk_brk(0) + (below(64) - 32) * 4096;
	default:
		return (uint32_t)(uintptr_t)play + below(PLAY_PAGES + 3) * 4096 +
		       (one_in(8) ? below(4096) : 0);
	}
}

static uint32_t prot_arg(void)
{
	return one_in(6) ? rnd() : below(8) | (one_in(8) ? 0x8 : 0) |
	       (one_in(16) ? 0x01000000 : 0) | (one_in(16) ? 0x02000000 : 0);
}

static uint32_t mmap_flags(void)
{
	static const uint32_t bits[] = {
		0x01, 0x02, 0x03, 0x10, 0x20, 0x100, 0x800, 0x1000, 0x2000, 0x4000,
		0x8000, 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x4000000,
	};
	uint32_t f = one_in(2) ? 0x02 : 0x01, i;

	if (one_in(8))
		return rnd();
	for (i = 0; i < 3; i++)
		if (one_in(2))
			f |= bits[below(sizeof(bits) / sizeof(bits[0]))];
	return f;
}

static uint32_t open_flags(void)
{
	static const uint32_t bits[] = { 0x1, 0x2, 0x40, 0x80, 0x200, 0x400, 0x800,
					 0x4000, 0x8000, 0x80000, 0x10000 };
	uint32_t f = 0, i;

	if (one_in(8))
		return rnd();
	for (i = 0; i < 2; i++)
		if (one_in(2))
			f |= bits[below(sizeof(bits) / sizeof(bits[0]))];
	return f;
}

static pid_t last_child;

/* kill's targets: never a process outside our own group but init. */
static uint32_t pid_arg(int for_kill)
{
	switch (below(8)) {
	case 0:
		return 0;			/* our group */
	case 1:
		return (uint32_t)getpid();
	case 2:
		return (uint32_t)-(int)mmk_syscall(NR_getpgrp, 0, 0, 0, 0, 0, 0);
	case 3:
		return 1;			/* init ignores every signal */
	case 4:
		return 0x80000000u;		/* INT_MIN */
	case 5:
		return last_child > 0 ? (uint32_t)last_child : 40000 + below(1000);
	case 6:
		return for_kill ? 40000 + below(100000) : (uint32_t)-1;
	default:
		return 33000 + below(0x7fff0000);	/* no such process */
	}
}

/* a file system type for mount: real ones, unknown, bad pointers */
static uint32_t fstype_arg(void)
{
	static const char *const types[] = { "tmpfs", "proc", "sysfs", "ext2", "devtmpfs",
					     "nosuchfs", "", "rootfs", "bdev", "pipefs" };
	char *s;

	if (one_in(6))
		return bad_pointer();
	s = play + below(PLAY_PAGES * 4096 - 16);
	strcpy(s, types[below(sizeof(types) / sizeof(types[0]))]);
	return (uint32_t)(uintptr_t)s;
}

/* an argv or envp array: strings the path generator makes, or bad pointers */
static uint32_t argv_arg(void)
{
	uint32_t *v, n, i;

	if (one_in(5))
		return one_in(2) ? 0 : bad_pointer();
	n = below(8);
	v = (uint32_t *)(play + 4 * below(PLAY_PAGES * 1024 - 16));
	for (i = 0; i < n; i++)
		v[i] = one_in(6) ? bad_pointer() : path(0);
	v[n] = one_in(10) ? rnd() : 0;
	return (uint32_t)(uintptr_t)v;
}

/* ------------------------------------------------------------ the calls */

enum kind { NONE, ANY, FD, IN, OUT, LEN, PATH, WPATH, ADDR, PROT, MFLAGS, OFLAGS, PID,
	    KPID, SIG, ARGV, SMALL, DIRFD, MODE, ATFLAGS, FSTYPE, MSFLAGS, DEV };

struct sc {
	uint32_t nr;
	const char *name;
	enum kind a[6];
	unsigned weight;
};

static const struct sc calls[] = {
	{ 3, "read", { FD, OUT, LEN }, 8 },
	{ 4, "write", { FD, IN, LEN }, 8 },
	{ 5, "open", { PATH, OFLAGS, MODE }, 10 },
	{ 6, "close", { FD }, 6 },
	{ 11, "execve", { PATH, ARGV, ARGV }, 2 },
	{ 12, "chdir", { WPATH }, 1 },
	{ 19, "lseek", { FD, ANY, SMALL }, 4 },
	{ 20, "getpid", { NONE }, 1 },
	{ 37, "kill", { KPID, SIG }, 3 },
	{ 41, "dup", { FD }, 3 },
	{ 42, "pipe", { OUT }, 3 },
	{ 45, "brk", { ADDR }, 6 },
	{ 54, "ioctl", { FD, ANY, ANY }, 2 },
	{ 57, "setpgid", { PID, PID }, 2 },
	{ 63, "dup2", { FD, FD }, 3 },
	{ 64, "getppid", { NONE }, 1 },
	{ 65, "getpgrp", { NONE }, 1 },
	{ 66, "setsid", { NONE }, 1 },
	{ 88, "reboot", { ANY, ANY, ANY }, 1 },
	{ 91, "munmap", { ADDR, LEN }, 6 },
	{ 114, "wait4", { PID, OUT, SMALL, OUT }, 3 },
	{ 122, "uname", { OUT }, 2 },
	{ 125, "mprotect", { ADDR, LEN, PROT }, 8 },
	{ 132, "getpgid", { PID }, 1 },
	{ 147, "getsid", { PID }, 1 },
	{ 158, "sched_yield", { NONE }, 1 },
	{ 162, "nanosleep", { IN, OUT }, 2 },
	{ 192, "mmap2", { ADDR, LEN, PROT, MFLAGS, FD, ANY }, 12 },
	{ 197, "fstat64", { FD, OUT }, 3 },
	{ 217, "getdents64", { FD, OUT, LEN }, 4 },
	{ 263, "clock_gettime", { SMALL, OUT }, 2 },
	{ 2, "fork", { NONE }, 2 },
	{ 248, "exit_group", { SMALL }, 1 },
	{ 8, "creat", { WPATH, MODE }, 3 },
	{ 9, "link", { WPATH, WPATH }, 2 },
	{ 10, "unlink", { WPATH }, 3 },
	{ 14, "mknod", { WPATH, MODE, DEV }, 1 },
	{ 15, "chmod", { WPATH, MODE }, 1 },
	{ 21, "mount", { PATH, WPATH, FSTYPE, MSFLAGS, IN }, 2 },
	{ 33, "access", { PATH, SMALL }, 1 },
	{ 36, "sync", { NONE }, 1 },
	{ 38, "rename", { WPATH, WPATH }, 3 },
	{ 39, "mkdir", { WPATH, MODE }, 3 },
	{ 40, "rmdir", { WPATH }, 2 },
	{ 52, "umount2", { WPATH, SMALL }, 2 },
	{ 60, "umask", { MODE }, 1 },
	{ 83, "symlink", { WPATH, WPATH }, 2 },
	{ 85, "readlink", { PATH, OUT, LEN }, 2 },
	{ 87, "swapon", { WPATH, ANY }, 2 },
	{ 115, "swapoff", { PATH }, 1 },
	{ 94, "fchmod", { FD, MODE }, 1 },
	{ 103, "syslog", { SMALL, OUT, LEN }, 2 },
	{ 118, "fsync", { FD }, 2 },
	{ 133, "fchdir", { FD }, 1 },
	{ 140, "_llseek", { FD, ANY, ANY, OUT, SMALL }, 2 },
	{ 144, "msync", { ADDR, LEN, SMALL }, 3 },
	{ 145, "readv", { FD, IN, SMALL }, 2 },
	{ 146, "writev", { FD, IN, SMALL }, 2 },
	{ 148, "fdatasync", { FD }, 1 },
	{ 150, "mlock", { ADDR, LEN }, 2 },
	{ 151, "munlock", { ADDR, LEN }, 2 },
	{ 152, "mlockall", { SMALL }, 1 },
	{ 153, "munlockall", { NONE }, 1 },
	{ 220, "madvise", { ADDR, LEN, SMALL }, 3 },
	{ 390, "mlock2", { ADDR, LEN, SMALL }, 1 },
	{ 180, "pread64", { FD, OUT, LEN, ANY, ANY, ANY }, 3 },
	{ 181, "pwrite64", { FD, IN, LEN, ANY, ANY, ANY }, 3 },
	{ 183, "getcwd", { OUT, LEN }, 1 },
	{ 193, "truncate64", { WPATH, ANY, ANY, ANY }, 2 },
	{ 194, "ftruncate64", { FD, ANY, ANY, ANY }, 2 },
	{ 195, "stat64", { PATH, OUT }, 2 },
	{ 196, "lstat64", { PATH, OUT }, 2 },
	{ 221, "fcntl64", { FD, SMALL, ANY }, 2 },
	{ 266, "statfs64", { PATH, ANY, OUT }, 1 },
	{ 267, "fstatfs64", { FD, ANY, OUT }, 1 },
	{ 322, "openat", { DIRFD, PATH, OFLAGS, MODE }, 5 },
	{ 323, "mkdirat", { DIRFD, WPATH, MODE }, 1 },
	{ 324, "mknodat", { DIRFD, WPATH, MODE, DEV }, 1 },
	{ 327, "fstatat64", { DIRFD, PATH, OUT, ATFLAGS }, 2 },
	{ 328, "unlinkat", { DIRFD, WPATH, ATFLAGS }, 2 },
	{ 329, "renameat", { DIRFD, WPATH, DIRFD, WPATH }, 1 },
	{ 330, "linkat", { DIRFD, WPATH, DIRFD, WPATH, ATFLAGS }, 1 },
	{ 331, "symlinkat", { WPATH, DIRFD, WPATH }, 1 },
	{ 332, "readlinkat", { DIRFD, PATH, OUT, LEN }, 1 },
	{ 333, "fchmodat", { DIRFD, WPATH, MODE }, 1 },
	{ 334, "faccessat", { DIRFD, PATH, SMALL }, 1 },
	{ 358, "dup3", { FD, FD, ANY }, 1 },
	{ 359, "pipe2", { OUT, ANY }, 1 },
	{ 373, "syncfs", { FD }, 1 },
	{ 382, "renameat2", { DIRFD, WPATH, DIRFD, WPATH, SMALL }, 1 },
	{ 348, "utimensat", { DIRFD, WPATH, IN, ATFLAGS }, 1 },
	{ 0xf0002, "cacheflush", { ADDR, ADDR, SMALL }, 2 },
	{ 0xf0005, "set_tls", { ANY }, 1 },
	{ 0xf0006, "get_tls", { NONE }, 1 },
};

static uint32_t arg(enum kind k)
{
	switch (k) {
	case FD: return fd_arg();
	case IN: return buffer(0);
	case OUT: return buffer(1);
	case LEN: return length();
	case PATH: return path(0);
	case WPATH: return path(1);
	case ADDR: return addr_arg();
	case PROT: return prot_arg();
	case MFLAGS: return mmap_flags();
	case OFLAGS: return open_flags();
	case PID: return pid_arg(0);
	case KPID: return pid_arg(1);
	case SIG: return one_in(8) ? rnd() : below(66);
	case ARGV: return argv_arg();
	case SMALL: return one_in(6) ? rnd() : below(16);
	case DIRFD: return one_in(2) ? (uint32_t)AT_FDCWD : fd_arg();
	case MODE: return one_in(8) ? rnd() : (below(8) << 12) | below(07777);
	case ATFLAGS: return one_in(4) ? rnd() : (below(2) ? 0x100 : 0) | (below(2) ? 0x200 : 0) |
						  (below(2) ? 0x400 : 0) | (below(2) ? 0x1000 : 0);
	case FSTYPE: return fstype_arg();
	case MSFLAGS: return one_in(4) ? rnd() : below(2) | (below(2) ? 0x20 : 0) |
						 (below(2) ? 0x1000 : 0) | (below(2) ? 0xc0ed0000 : 0);
	case DEV: return one_in(2) ? rnd() : (below(300) << 8) | below(256);
	case NONE: return one_in(2) ? 0 : rnd();	/* an unused register: junk */
	default: return one_in(3) ? interesting() : rnd();
	}
}

/* A string argument we may look at: inside the playground, NUL before its end. */
static const char *play_string(uint32_t p)
{
	char *s = (char *)(uintptr_t)p;

	/* a string that runs to the end of the play pages still ends: the
	 * read-only page after them is all zeros, so the kernel reads a NUL
	 * there, and taming must see the same string (it once let a path
	 * through that created /nonexistent outside the playground) */
	if (s < play || s >= ro_page)
		return NULL;
	return s;
}

/* May kill() aim at pid?  Our group, our pid, our children, init, or none. */
static int kill_target_ok(uint32_t pid)
{
	int32_t p = (int32_t)pid;
	long pgrp = mmk_syscall(NR_getpgrp, 0, 0, 0, 0, 0, 0);

	return p == 0 || p == getpid() || p == -pgrp || p == 1 || p == INT32_MIN ||
	       (last_child > 0 && p == last_child) || p > 32768 || p < -32768;
}

/*
 * May a call change things through this path?  Only inside the
 * playground: a relative path (the working directory is the
 * playground's) with no ".." component, or one under PLAYDIR.
 */
static int safe_path(const char *s)
{
	if (!strncmp(s, PLAYDIR "/", sizeof(PLAYDIR)))
		s += sizeof(PLAYDIR);
	else if (s[0] == '/')
		return 0;
	while (*s) {
		size_t n = strcspn(s, "/");

		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 0;
		s += n;
		while (*s == '/')
			s++;
	}
	return 1;
}

/* A path argument that would change things: kept inside the playground. */
static void tame_wpath(uint32_t *a)
{
	const char *s = play_string(*a);

	if (s && !safe_path(s))
		*a = play_name();
}

/* A directory fd of an *at call that changes things: only AT_FDCWD or a bad one. */
static void tame_dirfd(uint32_t *a)
{
	if (*a != (uint32_t)AT_FDCWD && mmk_syscall(221 /* fcntl64 */, (long)*a, 1 /* F_GETFD */, 0, 0, 0, 0) >= 0)
		*a = (uint32_t)AT_FDCWD;
}

/* open and openat: writing, creating or truncating only in the playground or
 * our own /proc files and drop_caches; elsewhere the open is made read-only. */
static void tame_open(uint32_t path, uint32_t *flags)
{
	const char *s = play_string(path);

	uint32_t change = 3 | LINUX_O_CREAT | LINUX_O_TRUNC;	/* the kernel's values */

	if (!(*flags & change) || !s || safe_path(s))
		return;
	if (!strcmp(s, "/proc/self/oom_score_adj") || !strcmp(s, "/proc/self/make-it-fail") ||
	    !strcmp(s, "/proc/sys/vm/drop_caches"))
		*flags &= ~(uint32_t)(LINUX_O_CREAT | LINUX_O_TRUNC);
	else
		*flags &= ~change;
}

/* Keep a call from reaching outside the worker (see the top of the file). */
static void tame(uint32_t nr, uint32_t *a)
{
	const struct sc *c;
	const char *s;
	unsigned i;

	for (c = calls; c < calls + sizeof(calls) / sizeof(calls[0]); c++)
		if (c->nr == nr)
			break;
	for (i = 0; c < calls + sizeof(calls) / sizeof(calls[0]) && i < 6; i++) {
		if (c->a[i] == WPATH && !(nr == 5 && i == 0))
			tame_wpath(&a[i]);
		if (c->a[i] == DIRFD && nr != 322 && nr != 327 && nr != 332 && nr != 334)
			tame_dirfd(&a[i]);
	}
	switch (nr) {
	case 5:
		tame_open(a[0], &a[1]);
		break;
	case 322:
		if (a[2] & (3 | LINUX_O_CREAT | LINUX_O_TRUNC))
			tame_dirfd(&a[0]);
		tame_open(a[1], &a[2]);
		break;
	case 14:	/* mknod: no device nodes (one could be /dev/vda's twin) */
		if ((a[1] & 0170000) == 0060000 || (a[1] & 0170000) == 0020000)
			a[1] = (a[1] & ~0170000u) | 0010000;
		break;
	case 324:
		if ((a[2] & 0170000) == 0060000 || (a[2] & 0170000) == 0020000)
			a[2] = (a[2] & ~0170000u) | 0010000;
		break;
	case 21:	/* mount: memory file systems only, no bind or move */
		if ((s = play_string(a[2])) && !strcmp(s, "devtmpfs"))
			strcpy((char *)(uintptr_t)a[2], "tmpfs");
		a[3] &= ~(uint32_t)(0x1000 | 0x2000);	/* MS_BIND, MS_MOVE */
		break;
	case 330:	/* linkat: not through an fd (it may be any file) */
		a[4] &= ~(uint32_t)0x1000;
		break;
	case 94: case 133:	/* fchmod, fchdir: the fd may be any file or directory */
		a[0] = (uint32_t)-1;
		break;
	case 11: {	/* execve: nothing that runs for long or reads the console */
		static const char *const ok[] = { "/bin/true", "/bad/magic", "/bad/entry",
						   "/bad/phnum", "/data/hello.txt", "/bin",
						   "/nonexistent", "" };

		if ((s = play_string(a[0])) && strcmp(s, "/bin/true") && strcmp(s, "//bin//./true"))
			strcpy((char *)(uintptr_t)a[0], ok[below(sizeof(ok) / sizeof(ok[0]))]);
		break;
	}
	case 37:	/* kill: never the shell, never kill(-1, sig) */
		if (!kill_target_ok(a[0]) || (a[0] == 0xffffffffu && a[1]))
			a[0] = 0;
		break;
	/*
	 * What faults a range in at once (MAP_POPULATE, MAP_LOCKED, mlock,
	 * mlockall) holds what it got until the worker dies, and a 2 GiB
	 * range would take the machine, which has no OOM killer yet: at most
	 * 64 pages at once, and mlockall only as MCL_ONFAULT.
	 */
	case 192:
		if (a[1] > 64 * 4096)
			a[3] &= ~(uint32_t)(0x2000 | 0x8000);	/* MAP_LOCKED, MAP_POPULATE */
		break;
	case 150: case 390:
		if (a[1] > 64 * 4096 && a[1] < 0xfffff000u)	/* -1 and friends round to 0 */
			a[1] = 64 * 4096;
		break;
	case 152:
		if (a[0] & 3)
			a[0] |= 4;
		break;
	case 57:	/* setpgid: no joining another group (the shell's, the parent's) */
		if (a[1] != 0 && (int32_t)a[1] != getpid())
			a[1] = one_in(2) ? 0 : 0x80000000u;	/* new group, or EINVAL */
		break;
	case 88:	/* never the real reboot magic */
		if (a[0] == 0xfee1dead)
			a[0] = 0;
		break;
	case 162:	/* mostly short sleeps; the watchdog handles the rest */
		if (!one_in(50) && play_string(a[0]) && (char *)(uintptr_t)a[0] + 8 < ro_page) {
			((int32_t *)(uintptr_t)a[0])[0] = 0;
			((int32_t *)(uintptr_t)a[0])[1] = (int32_t)below(2000000);
		}
		break;
	case 114:	/* wait4: mostly WNOHANG */
		if (!one_in(10))
			a[2] |= 1;
		break;
	}
}

static void setup_worker(void)
{
	int fd;

	play = mmap(NULL, (PLAY_PAGES + 3) * 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (play == MAP_FAILED)
		_exit(90);
	ro_page = play + PLAY_PAGES * 4096;
	none_page = ro_page + 4096;
	hole = none_page + 4096;
	if (mprotect(ro_page, 4096, PROT_READ) || mprotect(none_page, 4096, PROT_NONE) ||
	    munmap(hole, 4096))
		_exit(91);
	/* fds 0-2: files that swallow nothing onto the console */
	if (verbose && !vlog && dup2(2, 9) == 9)
		vlog = fdopen(9, "w");
	for (fd = 0; fd < 3; fd++)
		close(fd);
	open("/data/hello.txt", O_RDONLY);
	open("/proc/self/stat", O_RDONLY);
	open("/data/pages.txt", O_RDONLY);
	nmyfds = 0;
}

static void note_result(uint32_t nr, long r)
{
	if (MMK_IS_ERR(r))
		return;
	if ((nr == 5 || nr == 41 || nr == 63) && r >= 0 && r < 64 && nmyfds < 16)
		myfds[nmyfds++] = (int)r;
	if (nr == 42 && nmyfds < 15) {
		/* pipe wrote two fds somewhere; we cannot know where reliably */
	}
}

/* Worker k, incarnation gen: `budget` calls, or until it dies. */
static void worker(uint32_t seed, int k, unsigned gen, unsigned long budget)
{
	unsigned total_weight = 0, i;
	unsigned long n;
	int child = 0;

	rng = seed * 2654435761u ^ (uint32_t)k * 40503u ^ gen * 7919u;
	if (!rng)
		rng = 1;
	mmk_syscall(NR_setpgid, 0, 0, 0, 0, 0, 0);
	if (inject) {		/* fault injection for this worker and its children */
		int fd = open("/proc/self/make-it-fail", O_WRONLY);

		if (fd < 0 || write(fd, "1", 1) != 1)
			_exit(92);
		close(fd);
	}
	setup_worker();
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		total_weight += calls[i].weight;
	for (n = 0; n < budget; n++) {
		uint32_t a[6] = { 0 }, nr;
		const char *name = "random";
		long r;

		if (one_in(20)) {		/* any number at all */
			nr = one_in(10) ? rnd() : one_in(3) ? 0xf0000 + below(0x900) : below(460);
			for (i = 0; i < 6; i++)
				a[i] = arg(ANY);
		} else {
			unsigned w = below(total_weight);
			const struct sc *c = calls;

			while (w >= c->weight)
				w -= c++->weight;
			nr = c->nr;
			name = c->name;
			for (i = 0; i < 6; i++)
				a[i] = arg(c->a[i]);
		}
		if (nr == 1 || nr == 248 || nr == 0xf0001 || nr == 0xf0000)
			if (!one_in(4))
				continue;		/* ending the worker: now and then */
		tame(nr, a);
		sh->calls[k]++;
		sh->check[k] = ~sh->calls[k];
		if (vlog) {
			fprintf(vlog, "fuzz[%d.%u] %lu: %s(%u) 0x%x 0x%x 0x%x 0x%x 0x%x 0x%x\n",
				k, gen, n, name, (unsigned)nr, (unsigned)a[0], (unsigned)a[1],
				(unsigned)a[2], (unsigned)a[3], (unsigned)a[4], (unsigned)a[5]);
			fflush(vlog);
		}
		r = mmk_syscall((long)nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3],
				(long)a[4], (long)a[5]);
		if (nr == 2 && r == 0) {		/* a forked child: a few calls, then out */
			child = 1;
			budget = n + 1 + below(16);
		} else if (nr == 2 && r > 0) {
			last_child = (pid_t)r;
		}
		note_result(nr, r);
	}
	_exit(child ? 0 : 0);
}

/* ------------------------------------------------------------ the parent */

struct slabcount {
	char name[24];
	long active;
};

static int read_slabs(struct slabcount *s, int max)
{
	struct mmk_lines lr;
	char *line;
	int n = 0;

	if (mmk_lines_open(&lr, "/proc/slabinfo") < 0)
		return -1;
	while ((line = mmk_lines_next(&lr)) && n < max) {
		if (line[0] == '#' || !strncmp(line, "slabinfo", 8))
			continue;
		if (sscanf(line, "%23s %ld", s[n].name, &s[n].active) == 2)
			n++;
	}
	mmk_lines_close(&lr);
	return n;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "3\n", 2) != 2)
			fprintf(stderr, "fuzz: drop_caches failed\n");
		close(fd);
	}
}

/* Every process but init, our shell and us: the run's leftovers. */
static int kill_leftovers(void)
{
	int n, i, left = 0, *pids = mmk_list_pids(&n);
	pid_t me = getpid(), sh_pid = getppid();

	for (i = 0; pids && i < n; i++) {
		if (pids[i] == 1 || pids[i] == me || pids[i] == sh_pid)
			continue;
		kill(pids[i], LINUX_SIGKILL);
		left++;
	}
	free(pids);
	return left;
}

static uint64_t now(void)
{
	return mmk_now_ns();
}

struct stats {
	unsigned respawns, stuck, killed, corrupted;
	unsigned long calls;
};

/* One campaign: `want` calls by nw workers, then every leftover killed. */
static void campaign(uint32_t seed, unsigned long want, int nw, struct stats *stats)
{
	unsigned long done, last[MAX_WORKERS] = { 0 };
	uint64_t since[MAX_WORKERS] = { 0 };
	unsigned gen[MAX_WORKERS] = { 0 };
	pid_t pid[MAX_WORKERS] = { 0 };
	int i, st, rounds;

	for (i = 0; i < nw; i++) {
		sh->calls[i] = 0;
		sh->check[i] = ~0ul;
	}
	memset(stats, 0, sizeof(*stats));
	for (;;) {
		done = 0;
		for (i = 0; i < nw; i++) {
			if (sh->check[i] != ~sh->calls[i]) {	/* a worker hit the page */
				if (pid[i] > 0)
					kill(pid[i], LINUX_SIGKILL);
				sh->calls[i] = last[i];
				sh->check[i] = ~last[i];
				stats->corrupted++;
			}
			done += sh->calls[i];
		}
		for (i = 0; i < nw; i++) {
			pid_t r = pid[i] > 0 ? waitpid(pid[i], &st, 1 /* WNOHANG */) : 0;

			if (r == pid[i] || (r < 0 && errno == ECHILD)) {
				if (r == pid[i] && WIFSIGNALED(st))
					stats->killed++;
				pid[i] = 0;
			}
			if (!pid[i] && done < want) {
				fflush(stdout);
				pid[i] = fork();
				if (pid[i] == 0)
					worker(seed, i, gen[i], want / (unsigned long)nw + 1);
				if (pid[i] < 0) {
					pid[i] = 0;
					continue;
				}
				gen[i]++;
				stats->respawns++;
				last[i] = sh->calls[i];
				since[i] = now();
			} else if (pid[i] > 0) {
				if (sh->calls[i] != last[i]) {
					last[i] = sh->calls[i];
					since[i] = now();
				} else if (now() - since[i] > STUCK_NS) {
					kill(pid[i], LINUX_SIGKILL);	/* asleep or blocked for good */
					stats->stuck++;
					since[i] = now();
				}
			}
		}
		if (done >= want) {
			int alive = 0;

			for (i = 0; i < nw; i++)
				alive += pid[i] > 0;
			if (!alive)
				break;
			for (i = 0; i < nw; i++)
				if (pid[i] > 0)
					kill(pid[i], LINUX_SIGKILL);
		}
		usleep(20000);
	}
	/* leftovers: grandchildren, process groups that ran off with setsid */
	for (rounds = 0; rounds < 100 && kill_leftovers(); rounds++) {
		usleep(100000);
		while (waitpid(-1, &st, 1) > 0)
			;
	}
	if (rounds == 100)
		printf("fuzz: FAIL processes left over after the run would not die\n");
	for (i = 0; i < nw; i++)
		stats->calls += sh->check[i] == ~sh->calls[i] ? sh->calls[i] : last[i];
}

/* ------------------------------------------------------------ the playground dir */

static long sys1(long nr, const char *a, long b)
{
	return mmk_syscall(nr, (long)a, b, 0, 0, 0, 0);
}

/* Remove path and all below it (the workers may have left anything there). */
static void rm_tree(const char *path, int depth);

static int rm_entry(const char *name, int type, void *arg)
{
	char child[512];

	snprintf(child, sizeof(child), "%s/%s", (const char *)arg, name);
	if (type == MMK_DT_DIR)
		rm_tree(child, 1);
	else
		sys1(NR_unlink, child, 0);
	return 0;
}

static void rm_tree(const char *path, int depth)
{
	char copy[512];

	if (depth > 40)
		return;
	snprintf(copy, sizeof(copy), "%s", path);
	while (mmk_list_dir(copy, rm_entry, copy) == 0 && sys1(NR_rmdir, copy, 0) == -39 /* ENOTEMPTY */)
		;
	sys1(NR_rmdir, copy, 0);
}

/* Lazily unmount whatever the workers mounted in the playground, newest first. */
static void umount_playground(void)
{
	char lines[16][256], *line;
	struct mmk_lines lr;
	int n = 0, again;

	do {
		again = 0;
		n = 0;
		if (mmk_lines_open(&lr, "/proc/mounts") < 0)
			return;
		while ((line = mmk_lines_next(&lr)) && n < 16) {
			char dev[64], dir[256];

			if (sscanf(line, "%63s %255s", dev, dir) == 2 &&
			    !strncmp(dir, PLAYDIR, sizeof(PLAYDIR) - 1))
				strcpy(lines[n++], dir);
		}
		mmk_lines_close(&lr);
		while (n-- > 0)
			again |= sys1(NR_umount2, lines[n], 2 /* MNT_DETACH */) == 0;
	} while (again);
}

/* The playground, made afresh: what the workers may change. */
static void make_playground(void)
{
	int fd;

	chdir("/");
	umount_playground();
	rm_tree(PLAYDIR, 0);
	sys1(NR_mkdir, "/tmp", 0777);
	sys1(NR_mkdir, PLAYDIR, 0777);
	if (chdir(PLAYDIR))
		printf("fuzz: cannot make %s: %s\n", PLAYDIR, strerror(errno));
	fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		write(fd, "playground file\n", 16);
		close(fd);
	}
	close(open("g", O_WRONLY | O_CREAT | O_TRUNC, 0600));
	sys1(NR_mkdir, "d", 0755);
	close(open("d/f", O_WRONLY | O_CREAT, 0644));
	mmk_syscall(NR_symlink, (long)"f", (long)"l", 0, 0, 0, 0);
	mmk_syscall(NR_symlink, (long)"loop2", (long)"loop1", 0, 0, 0, 0);
	mmk_syscall(NR_symlink, (long)"loop1", (long)"loop2", 0, 0, 0, 0);
	mmk_syscall(NR_symlink, (long)"nothere", (long)"dangling", 0, 0, 0, 0);
}

/* The memory picture, caches dropped first. */
struct snapshot {
	long memfree, rss, pagetables, slab, kernel_tables;
	int nslabs;
	struct slabcount slabs[64];
};

static void snapshot(struct snapshot *m)
{
	make_playground();
	mmk_syscall(36 /* sync */, 0, 0, 0, 0, 0, 0);
	drop_caches();
	m->rss = mmk_proc_value("/proc/self/status", "VmRSS:");
	m->memfree = mmk_proc_value("/proc/meminfo", "MemFree:");
	m->pagetables = mmk_proc_value("/proc/meminfo", "PageTables:");
	m->slab = mmk_proc_value("/proc/meminfo", "Slab:");
	m->kernel_tables = mmk_proc_value("/proc/vmstat", "nr_kernel_pagetables") * 4;
	m->nslabs = read_slabs(m->slabs, 64);
}

/* What did not come back: "" when everything did. */
static void compare(const struct snapshot *a, const struct snapshot *b, char *why, size_t n)
{
	/* allowed: our own growth, kernel tables kept for good, and slab pages
	 * holding the same objects spread wider (every cache's object count
	 * is checked exactly below) */
	long grown = (b->rss > a->rss ? b->rss - a->rss : 0) + (b->kernel_tables - a->kernel_tables) +
		     (b->slab > a->slab ? b->slab - a->slab : 0);
	size_t len;
	int i;

	why[0] = '\0';
	if (mmk_on_linux())
		return;
	if (a->memfree - b->memfree > grown)
		snprintf(why, n, "MemFree %ld kB before, %ld kB after (own VmRSS %ld -> %ld "
			 "kB, kernel page tables %ld -> %ld kB): %ld kB not given back "
			 "(PageTables %ld -> %ld, Slab %ld -> %ld kB)",
			 a->memfree, b->memfree, a->rss, b->rss, a->kernel_tables, b->kernel_tables,
			 a->memfree - b->memfree - grown, a->pagetables, b->pagetables, a->slab,
			 b->slab);
	for (i = 0; i < a->nslabs && i < b->nslabs; i++) {
		if (!strcmp(a->slabs[i].name, b->slabs[i].name) &&
		    a->slabs[i].active >= b->slabs[i].active)
			continue;	/* a cache may hold fewer objects after: no leak */
		len = strlen(why);
		snprintf(why + len, n - len, "%sslab %.23s: %ld objects before, %ld after",
			 len ? "; " : "", a->slabs[i].name, a->slabs[i].active, b->slabs[i].active);
	}
}

int main(int argc, char **argv)
{
	static struct snapshot before, after;
	unsigned long want = 10000;
	struct stats st;
	int nw = 4, opt;
	uint32_t seed = 1;
	char fail[768];

	while ((opt = getopt(argc, argv, "s:n:w:vf")) != -1) {
		switch (opt) {
		case 'f': inject = 1; break;
		case 's': seed = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'n': want = strtoul(optarg, NULL, 0); break;
		case 'w': nw = atoi(optarg); break;
		case 'v': verbose = 1; break;
		default:
			fprintf(stderr, "usage: fuzz [-s SEED] [-n CALLS] [-w WORKERS] [-f] [-v]\n");
			return 2;
		}
	}
	if (nw < 1 || nw > MAX_WORKERS)
		nw = 4;
	sh = mmap((void *)SHARED_ADDR, 4096, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (sh == MAP_FAILED) {
		printf("fuzz: FAIL mmap of the shared counters: %s\n", strerror(errno));
		return 1;
	}
	printf("fuzz: seed %u, %lu calls, %d workers%s\n", (unsigned)seed, want, nw,
	       inject ? ", fault injection in the workers" : "");
	fflush(stdout);
	/* a short warm-up round, so that this process has grown what it will
	 * grow (heap, stack, tables) before the baseline is taken */
	make_playground();
	campaign(~seed, 100, nw, &st);
	snapshot(&before);
	snapshot(&before);
	campaign(seed, want, nw, &st);
	snapshot(&after);
	compare(&before, &after, fail, sizeof(fail));
	printf("fuzz: %s seed %u: %lu calls by %d workers (%u started: %u killed by "
	       "signals, %u stuck and stopped, %u hit the counters)%s%s\n",
	       fail[0] ? "FAIL" : "ok", (unsigned)seed, st.calls, nw, st.respawns, st.killed,
	       st.stuck, st.corrupted,
	       fail[0] ? ": " : ", kernel alive, memory and slab back", fail);
	return fail[0] ? 1 : 0;
}
