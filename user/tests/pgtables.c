/*
 * pgtables - page tables are freed with the mappings that needed them
 * (free_pgtables): a process's page tables, and PageTables in
 * /proc/meminfo, come back to their baseline after any map/unmap churn.
 *
 * In a child, each pattern maps, touches (so that second-level tables
 * exist) and unmaps, after which VmPTE (/proc/self/status: the process's
 * page-table pages) must be what it was before:
 *   1. 16 MiB unmapped whole;
 *   2. 16 MiB unmapped in 64 KiB pieces in a scattered order;
 *   3. 8 MiB: the middle 4 MiB (a split), then the head, then the tail;
 *   4. MAP_FIXED over a touched range, then unmapped;
 *   5. the heap grown by 8 MiB with brk, touched, shrunk back;
 *   6. mprotect of every other 64 KiB (32 VMAs), then unmapped;
 *   7. two mappings sharing a MiB: unmapping one keeps the table the other
 *      needs (its data still reads back), unmapping both frees it;
 *   8. 1 MiB mappings that merge with a neighbour and are unmapped again.
 * After the child exits, PageTables in /proc/meminfo is back where it was.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "mmk.h"
#include "mmk_test.h"

#define MiB	(1024 * 1024UL)

static char *map(char *at, unsigned long len, int prot)
{
	char *p = mmap(at, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | (at ? MAP_FIXED : 0), -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap of %lu kB failed", len / 1024);
	return p;
}

static void touch(char *p, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i += T_PAGE)
		p[i] = (char)(i >> 12 | 1);
}

static void unmap(char *p, unsigned long len)
{
	if (munmap(p, len))
		t_fail("munmap(%p, %lu kB) failed", (void *)p, len / 1024);
}

static long vmpte(void)
{
	return mmk_on_linux() ? 0 : t_status_kb("VmPTE:");
}

static void expect(long base, const char *pattern)
{
	long now = vmpte();

	if (now != base)
		t_note("%s: VmPTE %ld kB, %ld kB before", pattern, now, base);
}

static void patterns(long base)
{
	unsigned long i, n = 256;
	char *p, *q, *b0;

	p = map(NULL, 16 * MiB, PROT_READ | PROT_WRITE);
	touch(p, 16 * MiB);
	unmap(p, 16 * MiB);
	expect(base, "16 MiB unmapped whole");

	p = map(NULL, 16 * MiB, PROT_READ | PROT_WRITE);
	touch(p, 16 * MiB);
	for (i = 0; i < n; i++)			/* 7 is prime to 256 */
		unmap(p + (i * 7 % n) * 64 * 1024, 64 * 1024);
	expect(base, "16 MiB unmapped in scattered pieces");

	p = map(NULL, 8 * MiB, PROT_READ | PROT_WRITE);
	touch(p, 8 * MiB);
	unmap(p + 2 * MiB, 4 * MiB);
	unmap(p, 2 * MiB);
	unmap(p + 6 * MiB, 2 * MiB);
	expect(base, "8 MiB unmapped middle, head, tail");

	p = map(NULL, 4 * MiB, PROT_READ | PROT_WRITE);
	touch(p, 4 * MiB);
	q = map(p + MiB + 3 * T_PAGE, 2 * MiB, PROT_READ | PROT_WRITE);
	touch(q, 2 * MiB);
	unmap(p, 4 * MiB);
	expect(base, "MAP_FIXED over a touched range");

	b0 = mmk_brk(0);
	if (mmk_brk(b0 + 8 * MiB) != b0 + 8 * MiB)
		t_fail("brk up by 8 MiB failed");
	touch(b0, 8 * MiB);
	if (mmk_brk(b0) != b0)
		t_fail("brk back down failed");
	expect(base, "the heap grown and shrunk");

	p = map(NULL, 4 * MiB, PROT_READ | PROT_WRITE);
	touch(p, 4 * MiB);
	for (i = 0; i < 4 * MiB; i += 128 * 1024)
		if (mprotect(p + i, 64 * 1024, PROT_READ))
			t_fail("mprotect failed");
	unmap(p, 4 * MiB);
	expect(base, "mprotect pieces unmapped");

	p = map(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE);
	touch(p, 2 * T_PAGE);
	unmap(p, T_PAGE);
	if (p[T_PAGE] != 1)
		t_fail("the page beside an unmapped one lost its data (its table went)");
	unmap(p + T_PAGE, T_PAGE);
	expect(base, "two neighbours in one MiB");

	q = map(NULL, T_PAGE, PROT_READ | PROT_WRITE);	/* a neighbour to merge with */
	touch(q, T_PAGE);
	for (i = 0; i < 16; i++) {
		p = map(NULL, MiB, PROT_READ | PROT_WRITE);
		touch(p, MiB);
		unmap(p, MiB);
	}
	if (q[0] != 1)
		t_fail("a mapping lost its data when a neighbour merged and went");
	unmap(q, T_PAGE);
	expect(base, "1 MiB merged into a neighbour and unmapped");
}

static void child(void)
{
	long base;

	vmpte();			/* its buffers are set up: no table from them later */
	base = vmpte();
	patterns(base);
	patterns(base);
	t_check_notes();
}

static void work(int measured)
{
	long before = mmk_proc_value("/proc/meminfo", "PageTables:"), after;
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "pgtables child");
	after = mmk_proc_value("/proc/meminfo", "PageTables:");
	if (measured && !mmk_on_linux() && after != before)
		t_fail("PageTables %ld kB after the child exited, %ld kB before", after, before);
}

int main(void)
{
	t_begin("pgtables");
	t_leak_check(work);
	t_ok();
}
