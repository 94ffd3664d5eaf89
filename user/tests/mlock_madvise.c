/*
 * mlock_madvise - locked memory and madvise, errnos and counts.
 *
 * mlock, munlock, mlock2, mlockall, munlockall:
 *   - Linux's errnos: EINVAL for bad flags and ranges that wrap, ENOMEM
 *     for holes and kernel addresses; mlock(p, -1) is 0 (the length
 *     rounds to 0 in 32 bits, as on a 32-bit Linux);
 *   - VmLck (/proc/self/status) and Mlocked (/proc/meminfo) rise by
 *     exactly the pages locked and fall back after munlock (of a piece
 *     too), munmap and exit; MLOCK_ONFAULT counts pages as they come;
 *   - copy-on-write after fork keeps the count: the parent's copy is
 *     locked, the page left to the (unlocked) child is not;
 *   - mlockall(MCL_CURRENT | MCL_FUTURE) locks every VMA and later ones,
 *     munlockall unlocks them.
 * madvise:
 *   - EINVAL for unaligned start, unknown advice, wrapping ranges, len
 *     -1; 0 for len 0; ENOMEM for a hole, the advice applied around it;
 *   - DONTNEED: anonymous memory reads zeros, a private file mapping the
 *     file again; EINVAL on a locked VMA; FREE: zeros too, EINVAL on a
 *     file; WILLNEED, COLD, PAGEOUT: 0, the data kept.
 *
 * On Linux (qemu-arm), only the mlock calls are checked: qemu-arm passes
 * them on to the host, but answers madvise itself (7.2: always 0), maps
 * kernel addresses and holes to its own reservation, and /proc/meminfo
 * is the host's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

static long locked_kb(void)
{
	return mmk_on_linux() ? 0 : mmk_proc_value("/proc/meminfo", "Mlocked:");
}

/* VmLck and (on mmkernel) Mlocked must be base + kb. */
static void expect(long vmlck0, long mlocked0, long vmlck, long mlocked, const char *what)
{
	long v = t_status_kb("VmLck:") - vmlck0, m = locked_kb() - mlocked0;

	if (v != vmlck || (!mmk_on_linux() && m != mlocked))
		t_note("%s: VmLck %+ld kB, Mlocked %+ld kB; expected %+ld, %+ld", what, v, m,
		       vmlck, mlocked);
}

static char *anon(size_t pages, int prot)
{
	char *p = mmap(NULL, pages * T_PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap of %lu pages: %s", (unsigned long)pages, strerror(errno));
	return p;
}

static void mlock_errors(void)
{
	char *p = anon(3, PROT_READ | PROT_WRITE);

	t_check_err(mlockall(0), EINVAL, "mlockall(0)");
	t_check_err(mlockall(8), EINVAL, "mlockall(8)");
	t_check_err(mlockall(MCL_ONFAULT), EINVAL, "mlockall(MCL_ONFAULT)");
	if (mlock(p + 5, 10) || munlock(p + 5, 10))	/* rounded to the page */
		t_note("mlock of an unaligned start failed: %s", strerror(errno));
	if (mmk_on_linux()) {
		munmap(p, 3 * T_PAGE);
		return;
	}
	munmap(p + T_PAGE, T_PAGE);
	t_check_err(mlock(p, 3 * T_PAGE), ENOMEM, "mlock over a hole");
	t_check_err(munlock(p, 3 * T_PAGE), ENOMEM, "munlock over a hole");
	t_check_err(mlock(T_KADDR, T_PAGE), ENOMEM, "mlock(kernel address)");
	t_check_err(mlock((void *)0xfffff000, 0x2000), EINVAL, "mlock of a range that wraps");
	if (mlock(p, (size_t)-1))
		t_note("mlock(p, -1) failed: %s (its length rounds to 0)", strerror(errno));
	t_check_err(mlock2(p, T_PAGE, 2), EINVAL, "mlock2 with flag 2");
	if (madvise(p, T_PAGE, MADV_DONTNEED))
		t_note("madvise(DONTNEED) of unlocked memory: %s", strerror(errno));
	munmap(p, 3 * T_PAGE);
}

static void mlock_counts(void)
{
	long v0 = t_status_kb("VmLck:"), m0 = locked_kb();
	char *p = anon(16, PROT_READ | PROT_WRITE), *r;

	if (mlock(p, 16 * T_PAGE))
		t_fail("mlock of 16 pages: %s", strerror(errno));
	expect(v0, m0, 64, 64, "mlock of 16 pages");
	munlock(p + 4 * T_PAGE, 4 * T_PAGE);
	expect(v0, m0, 48, 48, "munlock of 4 in the middle");
	munlock(p, 16 * T_PAGE);
	expect(v0, m0, 0, 0, "munlock of all");
	mlock(p, 16 * T_PAGE);
	munmap(p, 16 * T_PAGE);
	expect(v0, m0, 0, 0, "munmap of a locked mapping");
	r = anon(8, PROT_READ);			/* read faults: the zero page, never counted */
	mlock(r, 8 * T_PAGE);
	expect(v0, m0, 32, 0, "mlock of a read-only mapping");
	munmap(r, 8 * T_PAGE);
	if (mmk_on_linux())
		return;
	p = anon(8, PROT_READ | PROT_WRITE);
	if (mlock2(p, 8 * T_PAGE, MLOCK_ONFAULT))
		t_fail("mlock2(MLOCK_ONFAULT): %s", strerror(errno));
	expect(v0, m0, 32, 0, "mlock2(MLOCK_ONFAULT)");
	p[0] = p[T_PAGE] = p[2 * T_PAGE] = 1;
	expect(v0, m0, 32, 12, "3 pages written after MLOCK_ONFAULT");
	t_check_err(madvise(p, T_PAGE, MADV_DONTNEED), EINVAL, "madvise(DONTNEED) of locked memory");
	munmap(p, 8 * T_PAGE);
	expect(v0, m0, 0, 0, "munmap after MLOCK_ONFAULT");
}

/* The parent's locked pages after fork: COW copies are locked, what the child keeps is not. */
static void mlock_fork(void)
{
	long v0 = t_status_kb("VmLck:"), m0 = locked_kb();
	char *p = anon(8, PROT_READ | PROT_WRITE), buf;
	int up[2], down[2];
	pid_t pid;

	mlock(p, 8 * T_PAGE);
	if (pipe(up) || pipe(down))
		t_fail("pipe: %s", strerror(errno));
	pid = t_fork();
	if (pid == 0) {
		if (t_status_kb("VmLck:") != v0)
			t_fail("the child inherited VmLck %ld kB", t_status_kb("VmLck:"));
		p[T_PAGE] = 2;			/* a copy of its own */
		write(up[1], "x", 1);
		read(down[0], &buf, 1);
		_exit(0);
	}
	read(up[0], &buf, 1);
	expect(v0, m0, 32, 32, "fork, the child writing");
	p[0] = 3;				/* COW in the locked parent */
	expect(v0, m0, 32, 32, "fork, the parent writing");
	write(down[1], "x", 1);
	t_wait_ok(pid, "mlock fork child");
	expect(v0, m0, 32, 32, "fork, the child gone");
	munmap(p, 8 * T_PAGE);
	expect(v0, m0, 0, 0, "munmap after fork");
	close(up[0]); close(up[1]); close(down[0]); close(down[1]);
}

static void mlock_all(void)
{
	long m0 = locked_kb();
	pid_t pid = t_fork();
	char *p;

	if (pid == 0) {
		if (mlockall(MCL_CURRENT | MCL_FUTURE))
			t_fail("mlockall: %s", strerror(errno));
		if (t_status_kb("VmLck:") != t_status_kb("VmSize:"))
			t_fail("after mlockall VmLck %ld kB, VmSize %ld kB", t_status_kb("VmLck:"),
			       t_status_kb("VmSize:"));
		p = anon(4, PROT_READ | PROT_WRITE);
		if (locked_kb() - m0 < 16 || t_status_kb("VmLck:") != t_status_kb("VmSize:"))
			t_fail("a mapping after MCL_FUTURE is not locked and faulted in");
		munlockall();
		if (t_status_kb("VmLck:") != 0 || locked_kb() != m0)
			t_fail("munlockall left VmLck %ld kB, Mlocked %+ld kB", t_status_kb("VmLck:"),
			       locked_kb() - m0);
		mlockall(MCL_CURRENT);
		munmap(p, 4 * T_PAGE);
		_exit(0);			/* exit unlocks what is left */
	}
	t_wait_ok(pid, "mlockall child");
	if (locked_kb() != m0)
		t_note("Mlocked %+ld kB after the mlockall child exited", locked_kb() - m0);
}

static void madvise_errors(void)
{
	char *p = anon(3, PROT_READ | PROT_WRITE);
	int fd = open("/data/hello.txt", O_RDONLY);
	char *f = mmap(NULL, T_PAGE, PROT_READ, MAP_PRIVATE, fd, 0);

	t_check_err(madvise(p + 1, T_PAGE, MADV_NORMAL), EINVAL, "madvise(unaligned)");
	t_check_err(madvise(p, T_PAGE, 999), EINVAL, "madvise(advice 999)");
	t_check_err(madvise(p, (size_t)-1, MADV_NORMAL), EINVAL, "madvise(len -1)");
	t_check_err(madvise((void *)0xfffff000, 0x2000, MADV_NORMAL), EINVAL, "madvise wrapping");
	if (madvise(p, 0, MADV_NORMAL))
		t_note("madvise(len 0): %s", strerror(errno));
	t_check_err(madvise(T_KADDR, T_PAGE, MADV_DONTNEED), ENOMEM, "madvise(kernel address)");
	t_check_err(madvise(f, T_PAGE, MADV_FREE), EINVAL, "madvise(FREE) of a file mapping");
	memset(p, 7, 3 * T_PAGE);
	munmap(p + T_PAGE, T_PAGE);
	t_check_err(madvise(p, 3 * T_PAGE, MADV_DONTNEED), ENOMEM, "madvise over a hole");
	if (p[0] || p[2 * T_PAGE])
		t_note("madvise over a hole did not zap the mapped pages around it");
	munmap(p, 3 * T_PAGE);
	munmap(f, T_PAGE);
	close(fd);
}

static void madvise_effects(void)
{
	char *p = anon(4, PROT_READ | PROT_WRITE), *f;
	int fd = open("/data/hello.txt", O_RDONLY), i;
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED,
				      MADV_COLD, MADV_PAGEOUT };

	memset(p, 'a', 4 * T_PAGE);
	for (i = 0; i < (int)(sizeof(advice) / sizeof(advice[0])); i++)
		if (madvise(p, 4 * T_PAGE, advice[i]))
			t_note("madvise(%d): %s", advice[i], strerror(errno));
	if (p[0] != 'a' || p[4 * T_PAGE - 1] != 'a')
		t_note("madvise NORMAL..PAGEOUT lost the data");
	madvise(p, 2 * T_PAGE, MADV_DONTNEED);
	if (p[0] || p[2 * T_PAGE - 1] || p[2 * T_PAGE] != 'a')
		t_note("after MADV_DONTNEED of 2 pages: %d %d %d", p[0], p[2 * T_PAGE - 1],
		       p[2 * T_PAGE]);
	madvise(p + 2 * T_PAGE, 2 * T_PAGE, MADV_FREE);
	if (p[2 * T_PAGE] || p[4 * T_PAGE - 1])
		t_note("after MADV_FREE the pages did not read zero");
	munmap(p, 4 * T_PAGE);

	f = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (f == MAP_FAILED)
		t_fail("private mapping of /data/hello.txt: %s", strerror(errno));
	f[0] = 'J';
	if (madvise(f, T_PAGE, MADV_WILLNEED) || madvise(f, T_PAGE, MADV_DONTNEED))
		t_note("madvise of a file mapping: %s", strerror(errno));
	if (f[0] != 'H')
		t_note("after MADV_DONTNEED a private file mapping reads '%c', not the file's 'H'",
		       f[0]);
	munmap(f, T_PAGE);
	close(fd);
}

/*
 * MADV_COLD ages the entries too (Linux's madvise_cold_or_pageout_pte_range):
 * on this kernel an old entry is invalid to the MMU, so each page's next
 * use takes the young fault, counted as pgfault_young.  A second pass
 * takes none.
 */
static void madvise_cold_ages(void)
{
	volatile char *p = anon(8, PROT_READ | PROT_WRITE);
	long y0, y1, y2;
	int i, sum = 0;

	memset((char *)p, 'c', 8 * T_PAGE);
	if (madvise((char *)p, 8 * T_PAGE, MADV_COLD))
		t_fail("madvise(MADV_COLD): %s", strerror(errno));
	y0 = mmk_proc_value("/proc/vmstat", "pgfault_young ");
	for (i = 0; i < 8; i++)
		sum += p[i * T_PAGE];
	y1 = mmk_proc_value("/proc/vmstat", "pgfault_young ");
	for (i = 0; i < 8; i++)
		sum += p[i * T_PAGE];
	y2 = mmk_proc_value("/proc/vmstat", "pgfault_young ");
	if (sum != 16 * 'c')
		t_fail("the pages MADV_COLD aged read back wrong");
	if (y1 - y0 < 8)
		t_note("8 pages aged by MADV_COLD took %ld young faults when read, not 8", y1 - y0);
	if (y2 - y1 > 1)	/* reading /proc/vmstat itself may touch an old page of ours */
		t_note("a second read of 8 young pages took %ld young faults", y2 - y1);
	munmap((char *)p, 8 * T_PAGE);
}

static void child(void)
{
	mlock_errors();
	mlock_counts();
	if (!mmk_on_linux()) {
		mlock_fork();
		mlock_all();
		madvise_errors();
		madvise_effects();
		madvise_cold_ages();
	}
	t_check_notes();
}

static void work(int measured)
{
	long m0 = locked_kb();
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "mlock_madvise child");
	if (locked_kb() != m0)
		t_fail("Mlocked is %+ld kB after the test", locked_kb() - m0);
}

int main(void)
{
	t_begin("mlock_madvise");
	t_leak_check(work);
	t_ok();
}
