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
 *   fork_small_ns_per_fork             fork() of this small process
 *   fork_exit_wait_small_ns_per_round  fork + child _exit + waitpid
 *   fork_16m_rss_ns_per_fork           fork() with 16 MiB resident
 *   brk_grow_touch_ns_per_page         brk up by one page, then write it
 *   mmap_munmap_1m_ns_per_pair         mmap + munmap of 1 MiB never touched
 *   context_switch_ns_per_roundtrip    two processes alternating with
 *                                      sched_yield (one round trip per yield)
 *   pipe_pingpong_ns_per_roundtrip     one byte there and back over two pipes
 *
 * With a disk (/dev/vda, ext2: mounted on /mnt here if nothing is), the
 * page-cache workload of issue 9, on a 16 MiB file, per 4 KiB page:
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
 * Every case runs in a fresh child (so each starts from the same small
 * process), first with an eighth of its iterations as a warm-up, then timed.
 * Forked children in the fork cases block on a pipe until the timing is
 * over, so their exit is not counted.  The whole run is about 0.3 s of
 * virtual time on Linux's costs.  `mmbench NAME` runs one case.
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

static const struct bench {
	const char *name;
	ns_t (*fn)(unsigned long n);
	unsigned long n;
} benches[] = {
	{ "anon_write_fault_ns_per_page", anon_write, FAULT_PAGES },
	{ "anon_read_fault_ns_per_page", anon_read, FAULT_PAGES },
	{ "cow_write_fault_ns_per_page", cow_write, FAULT_PAGES },
	{ "fork_small_ns_per_fork", fork_small, 200 },
	{ "fork_exit_wait_small_ns_per_round", fork_exit_wait, 200 },
	{ "fork_16m_rss_ns_per_fork", fork_16m, 40 },
	{ "brk_grow_touch_ns_per_page", brk_touch, FAULT_PAGES },
	{ "mmap_munmap_1m_ns_per_pair", mmap_munmap, 1000 },
	{ "context_switch_ns_per_roundtrip", yield_pingpong, 2000 },
	{ "pipe_pingpong_ns_per_roundtrip", pipe_pingpong, 2000 },
};

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

/* Run one case in a fresh child: warm-up, then the timed run. */
static void run(const struct bench *b)
{
	pid_t pid;
	ns_t t;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		b->fn(b->n / 8 ? b->n / 8 : 1);
		t = b->fn(b->n);
		printf("%s %llu ns\n", b->name, (unsigned long long)(t / b->n));
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0)
		die("mmbench: fork");
	waitpid(pid, NULL, 0);
}

int main(int argc, char **argv)
{
	unsigned i;
	int found = argc < 2;

	for (i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (argc < 2 || strcmp(argv[1], benches[i].name) == 0) {
			run(&benches[i]);
			found = 1;
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
