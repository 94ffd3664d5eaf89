/*
 * mmbench - the cost of the memory-management paths a process exercises,
 * one line per case:   name value ns
 *
 * Time is CLOCK_MONOTONIC.  On mmkernel under `qemu -icount shift=0` a
 * virtual nanosecond is one instruction, so the figures repeat exactly and
 * compare with the same program run on Linux in the same emulator.
 *
 *   anon_write_fault_ns_per_page       first write to each page of a fresh
 *                                      anonymous mapping
 *   anon_read_fault_ns_per_page        first read of each page (zero page)
 *   cow_write_fault_ns_per_page        write to each page shared after fork
 *                                      (the child is alive: every write copies)
 *   young_fault_ns_per_page            read of each page after MADV_COLD made
 *                                      its entry old: the referenced-bit fault
 *                                      (an old entry is invalid to the MMU;
 *                                      the fault marks it young again)
 *   fork_small_ns_per_fork             fork() of this small process
 *   fork_exit_wait_small_ns_per_round  fork + child _exit + waitpid
 *   fork_16m_rss_ns_per_fork           fork() with 16 MiB resident
 *   brk_grow_touch_ns_per_page         brk up by one page, then write it
 *   mmap_munmap_1m_ns_per_pair         mmap + munmap of 1 MiB never touched
 *   context_switch_ns_per_roundtrip    two processes alternating with
 *                                      sched_yield (one round trip per yield)
 *   pipe_pingpong_ns_per_roundtrip     one byte there and back over two pipes
 *
 * The floor: what every path above is built from.
 *
 *   svc_null_ns_per_call               getpid(): an svc into the kernel and
 *                                      back, with the system call dispatch
 *   dabt_reuse_ns_per_fault            a write to a page whose entry is
 *                                      read-only only because of a fork whose
 *                                      child has exited: the fault handler
 *                                      finds the VMA and rewrites the entry
 *                                      writable (copy-on-write "reuse"), no
 *                                      page allocated, none copied
 *   clear_page_ns_per_page             the kernel's clear_page (arch/arm/page.S,
 *                                      linked into this program) on a hot page
 *   copy_page_ns_per_page              the kernel's copy_page, the same way
 *
 * Each case is run twice: fresh, and "_warm" (the same name with _warm
 * appended): in a process with a history.  Before the timed run, the warm
 * process runs the whole suite once itself (not in children), then maps,
 * touches and unmaps 16 MiB in 64 KiB pieces in a scattered order, builds
 * a long VMA tree (512 one-page mappings of alternating rights, touched,
 * every other one unmapped again: fragmented) and grows its heap by 2 MiB,
 * touched.  For the cases that time fork() itself the tree and the heap
 * are unmapped again before the timed run: fork copies every VMA and entry
 * that is live (Linux too), so only the history is left there.  The warm
 * figure of a case should not exceed the fresh one by more than 10%.
 *
 * With a disk (/dev/vda, ext2: mounted on /mnt here if nothing is), the
 * page-cache workload, on a 16 MiB file, per 4 KiB page:
 *
 *   file_write_new_ns_per_page         write() into the page cache (new file)
 *   file_fsync_ns_per_page             fsync of it
 *   file_read_cached_ns_per_page       read() back, cached
 *   file_read_cold_ns_per_page         read() after sync; drop_caches=3
 *   mmap_shared_first_write_ns_per_page  a MAP_SHARED mapping of it written
 *                                      one byte per page (the write faults)
 *   msync_ns_per_page                  msync(MS_SYNC) of those pages
 *   unlink_16m_ns_per_file             unlink of the whole file
 *
 * Disk completions arrive in host time: run QEMU's drive with cache=unsafe,
 * and the file cases count busy time only (busy_now: idle time subtracted),
 * so that the figures are instructions executed, whatever the host's speed.
 * `mmbench file PATH` runs the same on another file (/tmp/x: tmpfs).
 *
 * `mmbench pressure` (make bench boots it at MEM=128, with a disk whose
 * /big is a file of three times RAM): reclaim and the OOM killer
 * (docs/reclaim.md), busy time as above, so kswapd's work is counted:
 *
 *   reclaim_read_ns_per_page           read() of /big in 4 KiB reads,
 *                                      passes 2-4 (pass 1 fills memory)
 *   reclaim_steal_permille             pgsteal / pgscan over those passes
 *   reclaim_kswapd_permille            the share of pgsteal done by kswapd
 *   oom_touch_ns_per_page              a child with oom_score_adj 1000
 *                                      writes anonymous pages until the OOM
 *                                      killer kills it: fork to waitpid,
 *                                      per page it wrote
 *   oom_pages_touched                  how many it wrote
 *   oom_last_mib_to_reaped_ns          from the start of the last MiB the
 *                                      child touched to its parent's waitpid
 *                                      returning (the kill, the reaping and
 *                                      the exit: its memory is free by then)
 *   oom_*_clean                        the same again after drop_caches: no
 *                                      page cache to reclaim first, so the
 *                                      fault, the kill and the freeing alone
 *
 * `mmbench oom` runs the OOM case alone (no disk needed).
 *
 * Every case runs in a fresh child (so each starts from the same small
 * process), first with an eighth of its iterations as a warm-up, then timed.
 * Forked children in the fork cases block on a pipe until the timing is
 * over, so their exit is not counted.  The whole run is about 0.3 s of
 * virtual time on Linux's costs.  `mmbench NAME [N]` runs one case (NAME
 * fresh, NAME_warm warm), N times instead of its usual count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/swap.h>

#include "mmk.h"

#define PAGE		4096UL
#define FAULT_PAGES	4096		/* 16 MiB */

typedef uint64_t ns_t;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static char *anon(size_t len, int flags)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmbench: mmap");
	return p;
}

static void touch_all(char *p, unsigned long pages)
{
	unsigned long i;

	for (i = 0; i < pages; i++)
		p[i * PAGE] = (char)i;
}

/* ---------------------------------------------------------------- cases */
static ns_t anon_write(unsigned long n)
{
	char *p = anon(n * PAGE, MAP_PRIVATE);
	ns_t t0 = mmk_now_ns(), t;

	touch_all(p, n);
	t = mmk_now_ns() - t0;
	munmap(p, n * PAGE);
	return t;
}

static ns_t young_fault(unsigned long n)
{
	volatile char *p = anon(n * PAGE, MAP_PRIVATE);
	unsigned long i;
	ns_t t0, t;
	char sum = 0;

	touch_all((char *)p, n);
	if (madvise((void *)p, n * PAGE, MADV_COLD))
		die("mmbench: madvise(MADV_COLD)");
	t0 = mmk_now_ns();
	for (i = 0; i < n; i++)
		sum += p[i * PAGE];
	t = mmk_now_ns() - t0;
	munmap((void *)p, n * PAGE);
	return sum ? 0 : t;
}

static ns_t anon_read(unsigned long n)
{
	volatile char *p = anon(n * PAGE, MAP_PRIVATE);
	unsigned long i;
	ns_t t0 = mmk_now_ns(), t;
	char sum = 0;

	for (i = 0; i < n; i++)
		sum += p[i * PAGE];
	t = mmk_now_ns() - t0;
	munmap((void *)p, n * PAGE);
	return sum ? 0 : t;
}

/* Fork a child that waits until *release is closed; returns its pid. */
static pid_t fork_blocked(int fds[2])
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &c, 1);
		_exit(0);
	}
	if (pid < 0)
		die("mmbench: fork");
	return pid;
}

static void release(int fds[2], pid_t *pids, int n)
{
	int i;

	close(fds[0]);
	close(fds[1]);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
}

static ns_t cow_write(unsigned long n)
{
	char *p = anon(n * PAGE, MAP_PRIVATE);
	int fds[2];
	pid_t pid;
	ns_t t0, t;

	touch_all(p, n);
	if (pipe(fds) < 0)
		die("mmbench: pipe");
	pid = fork_blocked(fds);
	t0 = mmk_now_ns();
	touch_all(p, n);
	t = mmk_now_ns() - t0;
	release(fds, &pid, 1);
	munmap(p, n * PAGE);
	return t;
}

/* n forks in batches of 20 blocked children; only fork() itself is timed. */
static ns_t forks(unsigned long n)
{
	pid_t pids[20];
	int fds[2], k;
	ns_t t = 0, t0;

	while (n) {
		if (pipe(fds) < 0)
			die("mmbench: pipe");
		for (k = 0; k < 20 && n; k++, n--) {
			t0 = mmk_now_ns();
			pids[k] = fork_blocked(fds);
			t += mmk_now_ns() - t0;
		}
		release(fds, pids, k);
	}
	return t;
}

static ns_t fork_small(unsigned long n)
{
	return forks(n);
}

static ns_t fork_16m(unsigned long n)
{
	char *p = anon(FAULT_PAGES * PAGE, MAP_PRIVATE);
	ns_t t;

	touch_all(p, FAULT_PAGES);
	t = forks(n);
	munmap(p, FAULT_PAGES * PAGE);
	return t;
}

static ns_t fork_exit_wait(unsigned long n)
{
	ns_t t0 = mmk_now_ns();
	pid_t pid;

	while (n--) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			die("mmbench: fork");
		waitpid(pid, NULL, 0);
	}
	return mmk_now_ns() - t0;
}

static ns_t brk_touch(unsigned long n)
{
	char *b = mmk_brk(0);
	unsigned long i;
	ns_t t0 = mmk_now_ns(), t;

	for (i = 0; i < n; i++) {
		if (mmk_brk(b + (i + 1) * PAGE) != b + (i + 1) * PAGE)
			die("mmbench: brk");
		b[i * PAGE] = 1;
	}
	t = mmk_now_ns() - t0;
	mmk_brk(b);
	return t;
}

static ns_t mmap_munmap(unsigned long n)
{
	ns_t t0 = mmk_now_ns();
	void *p;

	while (n--) {
		p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmbench: mmap");
		munmap(p, 1 << 20);
	}
	return mmk_now_ns() - t0;
}

/*
 * The child counts its turns in a shared page: if it did not run about once
 * per parent yield (sched_yield did not switch, or the two ran on different
 * CPUs), the figure is not a round trip, and stderr says so.
 */
static ns_t yield_pingpong(unsigned long n)
{
	volatile unsigned long *shared = (volatile unsigned long *)anon(PAGE, MAP_SHARED);
	unsigned long turns, count = n;
	int ready[2];
	pid_t pid;
	ns_t t0, t;
	char c;

	if (pipe(ready) < 0)
		die("mmbench: pipe");
	pid = fork();
	if (pid == 0) {
		write(ready[1], "r", 1);
		while (!shared[0]) {
			shared[1]++;
			sched_yield();
		}
		_exit(0);
	}
	if (pid < 0)
		die("mmbench: fork");
	read(ready[0], &c, 1);
	turns = shared[1];
	t0 = mmk_now_ns();
	while (n--)
		sched_yield();
	t = mmk_now_ns() - t0;
	turns = shared[1] - turns;
	shared[0] = 1;
	waitpid(pid, NULL, 0);
	if (turns < count / 2 || turns > count * 2)
		fprintf(stderr, "mmbench: the other process ran %lu times during %lu "
			"sched_yield calls: not a round trip per yield\n", turns, count);
	close(ready[0]);
	close(ready[1]);
	munmap((void *)shared, PAGE);
	return t;
}

static ns_t pipe_pingpong(unsigned long n)
{
	int there[2], back[2];
	pid_t pid;
	ns_t t0, t;
	char c = 'x';

	if (pipe(there) < 0 || pipe(back) < 0)
		die("mmbench: pipe");
	pid = fork();
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			write(back[1], &c, 1);
		_exit(0);
	}
	if (pid < 0)
		die("mmbench: fork");
	close(there[0]);
	close(back[1]);
	t0 = mmk_now_ns();
	while (n--) {
		write(there[1], &c, 1);
		read(back[0], &c, 1);
	}
	t = mmk_now_ns() - t0;
	close(there[1]);
	waitpid(pid, NULL, 0);
	close(back[0]);
	return t;
}

/* ----------------------------------------------------------- the floor */
static ns_t svc_null(unsigned long n)
{
	ns_t t0 = mmk_now_ns();

	while (n--)
		mmk_syscall(NR_getpid, 0, 0, 0, 0, 0, 0);
	return mmk_now_ns() - t0;
}

/*
 * n pages written, then shared with a child that exits at once: each page
 * is the parent's alone again (refcount 1) but its entry is still the
 * read-only one fork made.  The timed writes each take one permission
 * fault that only makes the entry writable.
 */
static ns_t dabt_reuse(unsigned long n)
{
	char *p = anon(n * PAGE, MAP_PRIVATE);
	pid_t pid;
	ns_t t0, t;

	touch_all(p, n);
	pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0)
		die("mmbench: fork");
	waitpid(pid, NULL, 0);
	t0 = mmk_now_ns();
	touch_all(p, n);
	t = mmk_now_ns() - t0;
	munmap(p, n * PAGE);
	return t;
}

/* arch/arm/page.S, assembled into this program as it is into the kernel. */
void clear_page(void *to);
void copy_page(void *to, const void *from);

static ns_t clear_one(unsigned long n)
{
	char *p = anon(PAGE, MAP_PRIVATE);
	ns_t t0, t;

	p[0] = 1;
	t0 = mmk_now_ns();
	while (n--)
		clear_page(p);
	t = mmk_now_ns() - t0;
	munmap(p, PAGE);
	return t;
}

static ns_t copy_one(unsigned long n)
{
	char *p = anon(2 * PAGE, MAP_PRIVATE);
	ns_t t0, t;

	touch_all(p, 2);
	t0 = mmk_now_ns();
	while (n--)
		copy_page(p, p + PAGE);
	t = mmk_now_ns() - t0;
	munmap(p, 2 * PAGE);
	return t;
}

static const struct bench {
	const char *name;
	ns_t (*fn)(unsigned long n);
	unsigned long n;
	int forks_timed;	/* fork() itself is timed: see the warm process */
} benches[] = {
	{ "anon_write_fault_ns_per_page", anon_write, FAULT_PAGES, 0 },
	{ "anon_read_fault_ns_per_page", anon_read, FAULT_PAGES, 0 },
	{ "cow_write_fault_ns_per_page", cow_write, FAULT_PAGES, 0 },
	{ "young_fault_ns_per_page", young_fault, FAULT_PAGES, 0 },
	{ "fork_small_ns_per_fork", fork_small, 200, 1 },
	{ "fork_exit_wait_small_ns_per_round", fork_exit_wait, 200, 1 },
	{ "fork_16m_rss_ns_per_fork", fork_16m, 40, 1 },
	{ "brk_grow_touch_ns_per_page", brk_touch, FAULT_PAGES, 0 },
	{ "mmap_munmap_1m_ns_per_pair", mmap_munmap, 1000, 0 },
	{ "context_switch_ns_per_roundtrip", yield_pingpong, 2000, 0 },
	{ "pipe_pingpong_ns_per_roundtrip", pipe_pingpong, 2000, 0 },
	{ "svc_null_ns_per_call", svc_null, 4000, 0 },
	{ "dabt_reuse_ns_per_fault", dabt_reuse, FAULT_PAGES, 0 },
	{ "clear_page_ns_per_page", clear_one, 1000, 0 },
	{ "copy_page_ns_per_page", copy_one, 1000, 0 },
};
#define NR_BENCHES	(sizeof(benches) / sizeof(benches[0]))

/* ---------------------------------------------------------- the disk */

#define FILE_PAGES	4096		/* 16 MiB */
static const char *bench_file = "/mnt/mmbench.dat";

static void report(const char *name, ns_t t, unsigned long n)
{
	printf("%s %llu ns\n", name, (unsigned long long)(t / n));
	fflush(stdout);
}

static void drop_caches3(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd < 0 || write(fd, "3\n", 2) != 2)
		die("mmbench: drop_caches");
	close(fd);
}

/* /mnt holds the disk's ext2, mounted by init or here (as pid 1). */
static int disk_ready(void)
{
	struct linux_statfs64 st;

	if (statfs64("/mnt", &st) == 0 && st.f_type == 0xEF53)
		return 1;
	mkdir("/mnt", 0755);
	if (mount("/dev/vda", "/mnt", "ext2", 0, NULL) && mount("/dev/vda1", "/mnt", "ext2", 0, NULL))
		return 0;
	return 1;
}

/*
 * busy_now - the clock less the time the CPU spent idle (/proc/idle_ns).
 * The file cases wait for the disk; under -icount the idle CPU's clock
 * jumps to the next timer event, by an amount that depends on when the
 * host completes the I/O.  What is left is the instructions executed.
 */
static ns_t busy_now(void)
{
	char buf[32];
	ns_t now = mmk_now_ns();

	if (mmk_read_file("/proc/idle_ns", buf, sizeof(buf)) < 0)
		return now;
	return now - (ns_t)strtoull(buf, NULL, 10);
}

static ns_t file_pass(int fd, char *buf, int do_write)
{
	ns_t t0 = busy_now();
	unsigned long i;

	lseek(fd, 0, SEEK_SET);
	for (i = 0; i < FILE_PAGES; i++)
		if ((do_write ? write(fd, buf, PAGE) : read(fd, buf, PAGE)) != (ssize_t)PAGE)
			die(do_write ? "mmbench: write" : "mmbench: read");
	return busy_now() - t0;
}

/* The issue-9 sequence on one 16 MiB file (see the top of the file). */
static void file_workload(void)
{
	static char buf[PAGE];
	ns_t t0;
	char *p;
	unsigned long i;
	int fd;

	unlink(bench_file);
	sync();
	memset(buf, 0x5a, sizeof(buf));
	fd = open(bench_file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("mmbench: open");
	report("file_write_new_ns_per_page", file_pass(fd, buf, 1), FILE_PAGES);
	t0 = busy_now();
	if (fsync(fd))
		die("mmbench: fsync");
	report("file_fsync_ns_per_page", busy_now() - t0, FILE_PAGES);
	report("file_read_cached_ns_per_page", file_pass(fd, buf, 0), FILE_PAGES);
	sync();
	drop_caches3();
	report("file_read_cold_ns_per_page", file_pass(fd, buf, 0), FILE_PAGES);
	p = mmap(NULL, FILE_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmbench: mmap");
	t0 = busy_now();
	for (i = 0; i < FILE_PAGES; i++)
		p[i * PAGE] = 1;
	report("mmap_shared_first_write_ns_per_page", busy_now() - t0, FILE_PAGES);
	t0 = busy_now();
	if (msync(p, FILE_PAGES * PAGE, MS_SYNC))
		die("mmbench: msync");
	report("msync_ns_per_page", busy_now() - t0, FILE_PAGES);
	munmap(p, FILE_PAGES * PAGE);
	close(fd);
	t0 = busy_now();
	if (unlink(bench_file))
		die("mmbench: unlink");
	report("unlink_16m_ns_per_file", busy_now() - t0, 1);
}

/* ------------------------------------------------- the warm process */

/*
 * A process with a history (see the top): the whole suite run once here,
 * 16 MiB mapped, touched and unmapped in scattered pieces, a long and
 * fragmented VMA tree, a grown heap.  With keep == 0 the tree and the heap
 * go again before the case runs; only their history stays.
 */
static void warm_history(int keep)
{
	static char *tree[512];
	char *brk0 = mmk_brk(0), *p;
	unsigned long i, piece = 16 * PAGE, pieces = FAULT_PAGES * PAGE / piece;
	unsigned k;

	for (k = 0; k < NR_BENCHES; k++)
		benches[k].fn(benches[k].n / 8 ? benches[k].n / 8 : 1);
	p = anon(FAULT_PAGES * PAGE, MAP_PRIVATE);
	touch_all(p, FAULT_PAGES);
	for (i = 0; i < pieces; i++)		/* 7 is prime to the count */
		munmap(p + (i * 7 % pieces) * piece, piece);
	for (i = 0; i < 512; i++) {
		tree[i] = mmap(NULL, PAGE, PROT_READ | (i & 1 ? 0 : PROT_WRITE),
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (tree[i] == MAP_FAILED)
			die("mmbench: mmap");
		if (!(i & 1))
			tree[i][0] = 1;
		else
			(void)*(volatile char *)tree[i];
	}
	for (i = 1; i < 512; i += 2)
		munmap(tree[i], PAGE);
	if (mmk_brk(brk0 + 512 * PAGE) != brk0 + 512 * PAGE)
		die("mmbench: brk");
	touch_all(brk0, 512);
	if (keep)
		return;
	for (i = 0; i < 512; i += 2)
		munmap(tree[i], PAGE);
	mmk_brk(brk0);
}

static unsigned long count_override;

/* Run one case in a child (fresh, or warm: with a history first). */
static void run(const struct bench *b, int warm)
{
	unsigned long n = count_override ? count_override : b->n;
	pid_t pid;
	ns_t t;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (warm)
			warm_history(!b->forks_timed);
		b->fn(n / 8 ? n / 8 : 1);
		t = b->fn(n);
		printf("%s%s %llu ns\n", b->name, warm ? "_warm" : "",
		       (unsigned long long)(t / n));
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0)
		die("mmbench: fork");
	waitpid(pid, NULL, 0);
}

static long vmstat_value(const char *name)
{
	char key[48];

	snprintf(key, sizeof(key), "%s ", name);
	return mmk_proc_value("/proc/vmstat", key);
}

static void report_value(const char *name, unsigned long v, const char *unit)
{
	printf("%s %lu %s\n", name, v, unit);
	fflush(stdout);
}

#define BIG_PASSES	3

static unsigned long read_big_pass(char *buf)
{
	int fd = open("/mnt/big", O_RDONLY);
	unsigned long pages = 0;
	ssize_t n;

	if (fd < 0)
		die("mmbench: /mnt/big");
	while ((n = read(fd, buf, PAGE)) == PAGE)
		pages++;
	if (n < 0)
		die("mmbench: read /mnt/big");
	close(fd);
	return pages;
}

/* The reclaim and OOM figures (see the top of the file). */
static void pressure_workload(void)
{
	static char buf[PAGE];
	long scan0, steal0, kswapd0, scan, steal, kswapd;
	unsigned long pages = 0, i;
	ns_t t0;

	if (!disk_ready())
		die("mmbench pressure: no disk on /mnt");
	read_big_pass(buf);				/* fills memory */
	scan0 = vmstat_value("pgscan_kswapd") + vmstat_value("pgscan_direct");
	steal0 = vmstat_value("pgsteal_kswapd") + vmstat_value("pgsteal_direct");
	kswapd0 = vmstat_value("pgsteal_kswapd");
	t0 = busy_now();
	for (i = 0; i < BIG_PASSES; i++)
		pages += read_big_pass(buf);
	report("reclaim_read_ns_per_page", busy_now() - t0, pages);
	scan = vmstat_value("pgscan_kswapd") + vmstat_value("pgscan_direct") - scan0;
	steal = vmstat_value("pgsteal_kswapd") + vmstat_value("pgsteal_direct") - steal0;
	kswapd = vmstat_value("pgsteal_kswapd") - kswapd0;
	report_value("reclaim_steal_permille", scan > 0 ? (unsigned long)(steal * 1000 / scan) : 0,
		     "permille");
	report_value("reclaim_kswapd_permille",
		     steal > 0 ? (unsigned long)(kswapd * 1000 / steal) : 0, "permille");
}

/*
 * The OOM figures: a child that touches anonymous memory until it is
 * killed.  suffix names the run ("" after the reclaim read: memory full
 * of clean page cache, which reclaim takes first; "_clean" after
 * drop_caches: the fault, the kill and the freeing alone).
 */
static void oom_workload(const char *suffix)
{
	char name[64];
	volatile unsigned long *count;
	volatile ns_t *last_mib;
	unsigned long i;
	ns_t t0, t_end;
	pid_t pid;
	int st;

	count = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (count == MAP_FAILED)
		die("mmbench: mmap");
	*count = 0;
	last_mib = (volatile ns_t *)(count + 2);
	t0 = busy_now();
	pid = fork();
	if (pid == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);

		if (fd < 0 || write(fd, "1000", 4) != 4)
			_exit(3);
		close(fd);
		for (;;) {
			char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);
			*last_mib = mmk_now_ns();
			for (i = 0; i < (1 << 20); i += PAGE) {
				p[i] = 1;
				(*count)++;
			}
		}
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		die("mmbench: fork/waitpid");
	t_end = mmk_now_ns();
	if (!WIFSIGNALED(st) || WTERMSIG(st) != 9)
		die("mmbench: the OOM child was not killed with SIGKILL");
	snprintf(name, sizeof(name), "oom_touch%s_ns_per_page", suffix);
	report(name, busy_now() - t0, *count);
	snprintf(name, sizeof(name), "oom_pages_touched%s", suffix);
	report_value(name, *count, "pages");
	snprintf(name, sizeof(name), "oom_last_mib_to_reaped%s_ns", suffix);
	report(name, t_end - *last_mib, 1);
	munmap((void *)count, PAGE);
}

/*
 * `mmbench swap DEV` (make bench boots it at MEM=128): anonymous memory
 * through swap on DEV, /dev/zram0 (256 MiB of disksize, lz4) or /dev/vda
 * (a raw disk).  The scenario of the Linux figures: one process writes a
 * 192 MiB working set of the swap workload's pages (user/lib/swap.c:
 * unique, a quarter random), rewrites it twice, and the second rewrite
 * is timed; every page is then checked.  Then, on an 8 MiB set made
 * resident after the big one is gone: MADV_PAGEOUT of it (the swap-out
 * per page) and a read of each page (the swap-in, a major fault, per
 * page; on the disk, with read-ahead, after other memory (what was free,
 * and 16 MiB more) has pushed the paged-out pages from the swap cache).
 *
 *   swap_<dev>_rewrite_ns_per_page     the second rewrite
 *   swap_<dev>_rewrite_pswpin/pswpout  pages swapped in/out during it
 *   swap_<dev>_pageout_ns_per_page     MADV_PAGEOUT, per page
 *   swap_<dev>_swapin_ns_per_page      a read of each page paged out
 *   swap_zram_ratio_x100               orig_data_size / compr_data_size
 */
#define SWAP_SET_MIB	192
#define SWAP_SMALL_MIB	8

static void swap_write_set(char *p, unsigned long pages, unsigned gen)
{
	unsigned long i;

	for (i = 0; i < pages; i++)
		mmk_swap_fill(p + i * PAGE, i, gen);
}

static void swap_workload(const char *dev)
{
	const char *tag = strstr(dev, "zram") ? "zram" : "disk";
	unsigned long pages = SWAP_SET_MIB << (20 - 12), small = SWAP_SMALL_MIB << (20 - 12), i;
	long in0, out0;
	char name[64], *p;
	off_t bytes;
	ns_t t0;
	int fd;

	if (!strcmp(tag, "zram")) {
		mkdir("/sys", 0755);
		mount("sysfs", "/sys", "sysfs", 0, NULL);
		fd = open("/sys/block/zram0/disksize", O_WRONLY);
		if (fd < 0 || write(fd, "256M", 4) != 4)
			die("mmbench swap: /sys/block/zram0/disksize");
		close(fd);
	}
	fd = open(dev, O_RDWR);
	if (fd < 0 || (bytes = lseek(fd, 0, SEEK_END)) <= 0 || mmk_mkswap(fd, (unsigned long long)bytes))
		die("mmbench swap: mkswap");
	close(fd);
	if (swapon(dev, 0))
		die("mmbench swap: swapon");
	p = anon(pages * PAGE, MAP_PRIVATE);
	swap_write_set(p, pages, 1);
	swap_write_set(p, pages, 2);
	in0 = vmstat_value("pswpin");
	out0 = vmstat_value("pswpout");
	t0 = busy_now();
	swap_write_set(p, pages, 3);
	snprintf(name, sizeof(name), "swap_%s_rewrite_ns_per_page", tag);
	report(name, busy_now() - t0, pages);
	snprintf(name, sizeof(name), "swap_%s_rewrite_pswpin", tag);
	report_value(name, (unsigned long)(vmstat_value("pswpin") - in0), "pages");
	snprintf(name, sizeof(name), "swap_%s_rewrite_pswpout", tag);
	report_value(name, (unsigned long)(vmstat_value("pswpout") - out0), "pages");
	if (!strcmp(tag, "zram")) {
		char buf[256];
		unsigned long long orig = 0, compr = 0;

		if (mmk_read_file("/sys/block/zram0/mm_stat", buf, sizeof(buf)) > 0 &&
		    sscanf(buf, "%llu %llu", &orig, &compr) == 2 && compr)
			report_value("swap_zram_ratio_x100", (unsigned long)(orig * 100 / compr), "x100");
	}
	for (i = 0; i < pages; i++)
		if (mmk_swap_check(p + i * PAGE, i, 3))
			die("mmbench swap: a page came back wrong");
	munmap(p, pages * PAGE);

	p = anon(small * PAGE, MAP_PRIVATE);
	swap_write_set(p, small, 7);
	t0 = busy_now();
	if (madvise(p, small * PAGE, MADV_PAGEOUT))
		die("mmbench swap: MADV_PAGEOUT");
	snprintf(name, sizeof(name), "swap_%s_pageout_ns_per_page", tag);
	report(name, busy_now() - t0, small);
	sleep(1);				/* the disk's writes end */
	if (strcmp(tag, "zram")) {
		/* a disk's pages were still being written: they stay in the
		 * swap cache, clean, until reclaim needs the memory */
		unsigned long hog_len = ((unsigned long)mmk_proc_value("/proc/meminfo", "MemFree:") +
					 16384) << 10;
		char *hog = anon(hog_len, MAP_PRIVATE);

		for (i = 0; i < hog_len; i += PAGE)
			hog[i] = 1;
		munmap(hog, hog_len);
	}
	in0 = vmstat_value("pswpin");
	t0 = busy_now();
	for (i = 0; i < small; i++)
		(void)*(volatile char *)(p + i * PAGE);
	snprintf(name, sizeof(name), "swap_%s_swapin_ns_per_page", tag);
	report(name, busy_now() - t0, small);
	if (vmstat_value("pswpin") - in0 < (long)small / 2)
		die("mmbench swap: the pages were not paged out");
	for (i = 0; i < small; i++)
		if (mmk_swap_check(p + i * PAGE, i, 7))
			die("mmbench swap: a paged-out page came back wrong");
	munmap(p, small * PAGE);
	swapoff(dev);
}

int main(int argc, char **argv)
{
	size_t len = argc > 1 ? strlen(argv[1]) : 0;
	int found = argc < 2, only_warm = len > 5 && !strcmp(argv[1] + len - 5, "_warm");
	unsigned i;

	if (argc > 2 && strcmp(argv[1], "file"))
		count_override = strtoul(argv[2], NULL, 0);
	for (i = 0; i < NR_BENCHES; i++)
		if (argc < 2 || (strlen(benches[i].name) == len - (only_warm ? 5 : 0) &&
				 !strncmp(argv[1], benches[i].name, strlen(benches[i].name)))) {
			if (argc < 2 || !only_warm)
				run(&benches[i], 0);
			if (argc < 2 || only_warm)
				run(&benches[i], 1);
			found = 1;
		}
	if (argc == 2 && !strcmp(argv[1], "pressure")) {
		pressure_workload();
		oom_workload("");
		drop_caches3();
		oom_workload("_clean");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "swap")) {
		swap_workload(argv[2]);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "oom")) {
		oom_workload("");
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "file"))
		bench_file = argv[2];		/* `mmbench file PATH`: elsewhere (tmpfs) */
	if ((argc < 2 || !strcmp(argv[1], "file")) && (argc > 2 || disk_ready())) {
		file_workload();
		found = 1;
	}
	if (!found) {
		fprintf(stderr, "mmbench: no case named %s\n", argv[1]);
		return 2;
	}
	return 0;
}
