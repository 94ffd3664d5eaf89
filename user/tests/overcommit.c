/*
 * overcommit - the commit charge and the overcommit modes.
 *
 * Committed_AS (/proc/meminfo) counts the pages the kernel has promised:
 * private writable mappings, the heap and the stack.  This test checks,
 * in a child, that it moves by exactly the pages of each request and
 * comes back:
 *
 *   mmap of a private writable mapping      +n, munmap -n
 *   munmap of a piece of one                -piece
 *   mprotect of a read-only mapping to RW   +n (and RW -> RO keeps it)
 *   brk up by n pages and back              +n, -n
 *   fork, while the child lives             +the child's private writable VMAs
 *   MAP_SHARED file mapping, read-only      0
 *     private mapping, MAP_NORESERVE (mode 0)
 *
 * and the knobs /proc/sys/vm/overcommit_{memory,ratio,kbytes}: Linux's
 * defaults (0, 50, 0), EINVAL for values out of range, and the last of
 * ratio and kbytes written is the one CommitLimit follows (the other
 * reads 0).  Then the modes:
 *
 *   2 (never)      a mapping beyond CommitLimit is ENOMEM, with
 *                  MAP_NORESERVE too; brk too; a shared file mapping or a
 *                  read-only one that large is allowed; mprotect to RW of
 *                  the read-only one is ENOMEM
 *   1 (always)     a 1.5 GiB mapping (more than RAM + swap) is allowed
 *   0 (heuristic)  one mapping larger than RAM + swap is ENOMEM, one just
 *                  under RAM is allowed
 *
 * On Linux (qemu-arm) the counter is the whole machine's and the knobs
 * belong to the host: there the test checks only what a process can see
 * alone - the knobs' ranges, CommitLimit's formula, and the heuristic
 * refusal when the host's RAM fits in a 32-bit address space.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define TMPFILE		"/overcommit.tmp"	/* the root is a tmpfs */
#define VM		"/proc/sys/vm/"

static long knob(const char *name)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), VM "%s", name);
	if (mmk_read_file(path, buf, sizeof(buf)) < 0)
		t_fail("cannot read %s", path);
	return strtol(buf, NULL, 10);
}

/* Write text to a knob: 0, or the errno. */
static int set_knob(const char *name, const char *text)
{
	char path[64];
	int fd, err = 0;

	snprintf(path, sizeof(path), VM "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = errno;
	close(fd);
	return err;
}

static long meminfo(const char *key)
{
	return mmk_proc_value("/proc/meminfo", key);
}

static long committed_kb(void)
{
	long v = meminfo("Committed_AS:");

	if (v < 0)
		t_fail("no Committed_AS in /proc/meminfo");
	return v;
}

/* Committed_AS must be base + pages (4 kB each) now. */
static void expect(long base, long pages, const char *what)
{
	long got = committed_kb() - base;

	if (got != pages * 4)
		t_note("%s: Committed_AS moved by %ld kB, expected %ld kB", what, got, pages * 4);
}

static void *map(size_t len, int prot, int flags, int fd)
{
	return mmap(NULL, len, prot, flags | (fd < 0 ? MAP_ANONYMOUS : 0), fd, 0);
}

/* The stack grows (and is charged) once, here, not in the middle of a measurement. */
static void __attribute__((noinline)) grow_stack(void)
{
	char pad[64 * 1024];

	*(volatile char *)pad = 0;
	__asm__ volatile("" : : "r"(pad) : "memory");
}

static void knobs(void)
{
	long limit, ratio, kb;

	if (knob("overcommit_memory") != 0 || knob("overcommit_ratio") != 50 ||
	    knob("overcommit_kbytes") != 0)
		t_note("defaults are %ld %ld %ld, expected 0 50 0", knob("overcommit_memory"),
		       knob("overcommit_ratio"), knob("overcommit_kbytes"));
	if (set_knob("overcommit_memory", "3\n") != EINVAL ||
	    set_knob("overcommit_memory", "-1\n") != EINVAL ||
	    set_knob("overcommit_memory", "x\n") != EINVAL ||
	    set_knob("overcommit_ratio", "-1\n") != EINVAL ||
	    set_knob("overcommit_kbytes", "-4\n") != EINVAL)
		t_note("an overcommit knob took a value out of its range");
	if (knob("overcommit_memory") != 0 || knob("overcommit_ratio") != 50)
		t_note("a refused write changed a knob");
	limit = meminfo("CommitLimit:");
	if (set_knob("overcommit_kbytes", "123456\n"))
		t_note("cannot set overcommit_kbytes");
	ratio = knob("overcommit_ratio");
	kb = meminfo("CommitLimit:");
	if (ratio != 0 || kb != 123456)
		t_note("after overcommit_kbytes=123456: ratio %ld, CommitLimit %ld kB", ratio, kb);
	if (set_knob("overcommit_ratio", "50\n"))
		t_note("cannot set overcommit_ratio");
	if (knob("overcommit_kbytes") != 0 || meminfo("CommitLimit:") != limit)
		t_note("overcommit_ratio=50 did not bring back kbytes 0 and CommitLimit %ld kB",
		       limit);
}

static void charge_mmap(void)
{
	long base = committed_kb();
	char *p = map(256 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1), *q;

	if (p == MAP_FAILED)
		t_fail("mmap of 1 MiB: %s", strerror(errno));
	expect(base, 256, "mmap of 256 private writable pages");
	munmap(p + 16 * T_PAGE, 16 * T_PAGE);
	expect(base, 240, "munmap of 16 pages in the middle");
	munmap(p, 256 * T_PAGE);
	expect(base, 0, "munmap of the rest");

	q = map(32 * T_PAGE, PROT_READ, MAP_PRIVATE, -1);
	if (q == MAP_FAILED)
		t_fail("mmap read-only: %s", strerror(errno));
	expect(base, 0, "a read-only private mapping");
	mprotect(q + 8 * T_PAGE, 8 * T_PAGE, PROT_READ | PROT_WRITE);
	expect(base, 8, "mprotect RO -> RW of 8 pages");
	mprotect(q, 32 * T_PAGE, PROT_READ | PROT_WRITE);
	expect(base, 32, "mprotect RO -> RW of all 32");
	mprotect(q, 32 * T_PAGE, PROT_READ);
	expect(base, 32, "mprotect RW -> RO (the charge stays, as Linux)");
	munmap(q, 32 * T_PAGE);
	expect(base, 0, "munmap of the mprotected mapping");

	p = map(64 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, -1);
	if (p == MAP_FAILED)
		t_fail("mmap MAP_NORESERVE: %s", strerror(errno));
	expect(base, 0, "MAP_NORESERVE in mode 0");
	munmap(p, 64 * T_PAGE);
}

static void charge_brk_fork_file(void)
{
	long base = committed_kb(), pages = 0;
	char *b0 = mmk_brk(0), *top = (char *)(((uintptr_t)b0 + T_PAGE - 1) & ~(T_PAGE - 1));
	char buf[16], *p;
	int up[2], down[2], fd;
	pid_t pid;

	if (mmk_brk(top + 100 * T_PAGE) != top + 100 * T_PAGE)
		t_fail("brk up by 100 pages failed");
	expect(base, 100, "brk up by 100 pages");
	mmk_brk(b0);
	expect(base, 0, "brk back down");

	/* the child's charge: its private writable VMAs, as maps shows them */
	if (pipe(up) || pipe(down))
		t_fail("pipe: %s", strerror(errno));
	pid = t_fork();
	if (pid == 0) {
		struct mmk_lines lr;
		unsigned long s, e;
		char perm[8], *line;

		mmk_lines_open(&lr, "/proc/self/maps");
		while ((line = mmk_lines_next(&lr)))
			if (sscanf(line, "%lx-%lx %7s", &s, &e, perm) == 3 && !strcmp(perm, "rw-p"))
				pages += (long)((e - s) / T_PAGE);
		mmk_lines_close(&lr);
		write(up[1], &pages, sizeof(pages));
		read(down[0], buf, 1);		/* until the parent has measured */
		_exit(0);
	}
	if (read(up[0], &pages, sizeof(pages)) != sizeof(pages))
		t_fail("no answer from the child");
	expect(base, pages, "fork (the child's private writable VMAs)");
	write(down[1], "x", 1);
	t_wait_ok(pid, "fork child");
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	expect(base, 0, "the forked child's exit");

	fd = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, 64 * T_PAGE))
		t_fail("cannot make %s: %s", TMPFILE, strerror(errno));
	p = map(64 * T_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
	if (p == MAP_FAILED)
		t_fail("shared file mapping: %s", strerror(errno));
	expect(base, 0, "a MAP_SHARED file mapping");
	munmap(p, 64 * T_PAGE);
	p = map(64 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
	expect(base, 64, "a private writable file mapping");
	munmap(p, 64 * T_PAGE);
	p = map(64 * T_PAGE, PROT_READ, MAP_PRIVATE, fd);
	expect(base, 0, "a read-only private file mapping");
	munmap(p, 64 * T_PAGE);
	close(fd);
	unlink(TMPFILE);
}

/* Mode 2: nothing beyond CommitLimit (our processes are root: no admin reserve). */
static void mode_never(void)
{
	long room, base;
	size_t big;
	char *b0 = mmk_brk(0), *p;
	int fd;

	if (set_knob("overcommit_memory", "2\n"))
		t_fail("cannot set overcommit_memory to 2");
	base = committed_kb();
	room = meminfo("CommitLimit:") - base;
	if (room <= 0) {
		/*
		 * Already committed beyond the limit (a big process runs beside
		 * us): then even one charged page is refused, and only that can
		 * be checked.
		 */
		t_expect_err((long)map(T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1), ENOMEM,
			     "mode 2, over CommitLimit already: one private writable page");
		expect(base, 0, "mode 2, over CommitLimit already: the refused page");
		return;
	}
	big = (size_t)(room + 4) * 1024;
	t_expect_err((long)map(big, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1), ENOMEM,
		     "mode 2: mmap beyond CommitLimit");
	t_expect_err((long)map(big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, -1),
		     ENOMEM, "mode 2: MAP_NORESERVE beyond CommitLimit");
	if (mmk_brk(b0 + big) != b0)
		t_note("mode 2: brk beyond CommitLimit moved the break");
	expect(base, 0, "mode 2: refused requests");
	p = map(16 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, -1);
	if (p == MAP_FAILED)
		t_fail("mode 2: a small mapping was refused");
	expect(base, 16, "mode 2: MAP_NORESERVE is charged");
	munmap(p, 16 * T_PAGE);

	p = map(big, PROT_READ, MAP_PRIVATE, -1);
	if (p == MAP_FAILED)
		t_fail("mode 2: a read-only mapping beyond CommitLimit was refused");
	t_expect_err(mprotect(p, big, PROT_READ | PROT_WRITE), ENOMEM,
		     "mode 2: mprotect to RW beyond CommitLimit");
	munmap(p, big);
	fd = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	p = map(big, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
	if (p == MAP_FAILED)
		t_note("mode 2: a shared file mapping beyond CommitLimit was refused");
	else
		munmap(p, big);
	close(fd);
	unlink(TMPFILE);
	expect(base, 0, "mode 2: after the uncharged mappings");
}

static void mode_always(void)
{
	char *p;

	if (set_knob("overcommit_memory", "1\n"))
		t_fail("cannot set overcommit_memory to 1");
	p = map(1536UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1);
	if (p == MAP_FAILED)
		t_note("mode 1: a 1.5 GiB mapping (more than RAM) was refused: %s", strerror(errno));
	else
		munmap(p, 1536UL << 20);
}

/*
 * Mode 0: only a single request larger than RAM + swap is refused.
 * Possible to ask for only where RAM + swap fit below 2.5 GiB.
 */
static void mode_guess(void)
{
	long ram = meminfo("MemTotal:"), swap = meminfo("SwapTotal:");
	size_t too_big = (size_t)(ram + swap + 4) * 1024;
	char *p;

	if (!mmk_on_linux() && set_knob("overcommit_memory", "0\n"))
		t_fail("cannot set overcommit_memory back to 0");
	if (knob("overcommit_memory") != 0 || ram + swap > 2560L * 1024)
		return;
	t_expect_err((long)map(too_big, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1), ENOMEM,
		     "mode 0: mmap larger than RAM + swap");
	p = map((size_t)(ram - 4) * 1024, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1);
	if (p == MAP_FAILED)
		t_note("mode 0: a mapping just under RAM was refused: %s", strerror(errno));
	else
		munmap(p, (size_t)(ram - 4) * 1024);
}

/* CommitLimit = (RAM - huge pages) * ratio / 100 + swap, in pages, or kbytes + swap. */
static void limit_formula(void)
{
	long ram = meminfo("MemTotal:") / 4, swap = meminfo("SwapTotal:") / 4;
	long huge = meminfo("Hugetlb:"), kb = knob("overcommit_kbytes"), want;

	want = kb ? kb / 4 + swap : (ram - (huge > 0 ? huge / 4 : 0)) * knob("overcommit_ratio") /
				       100 + swap;
	if (meminfo("CommitLimit:") != want * 4)
		t_note("CommitLimit is %ld kB, the formula gives %ld kB", meminfo("CommitLimit:"),
		       want * 4);
	if (knob("overcommit_memory") < 0 || knob("overcommit_memory") > 2)
		t_note("overcommit_memory reads %ld", knob("overcommit_memory"));
}

static void child(void)
{
	grow_stack();
	limit_formula();
	if (!mmk_on_linux()) {
		knobs();
		charge_mmap();
		charge_brk_fork_file();
		mode_never();
		mode_always();
	}
	mode_guess();
	t_check_notes();
}

/*
 * Under fault injection (test_faults.py) a write to a knob may fail for
 * want of memory: try until it is done, so that no later test runs with
 * mode 2 or another CommitLimit.
 */
static void restore_knobs(void)
{
	int i;

	for (i = 0; i < 1000 && set_knob("overcommit_memory", "0\n"); i++)
		sched_yield();
	for (i = 0; i < 1000 && set_knob("overcommit_ratio", "50\n"); i++)
		sched_yield();
}

static void work(int measured)
{
	long base = committed_kb();
	pid_t pid = t_fork();
	int st;

	if (pid == 0) {
		child();
		exit(0);
	}
	st = t_wait(pid);
	if (!mmk_on_linux())		/* whatever the child did, the defaults again */
		restore_knobs();
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		exit(1);		/* it printed why */
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		t_fail("the child %s", t_status_str(st));
	if (!mmk_on_linux() && committed_kb() != base)
		t_fail("Committed_AS is %ld kB after the child, %ld kB before", committed_kb(),
		       base);
}

int main(void)
{
	t_begin("overcommit");
	t_leak_check(work);
	t_ok();
}
