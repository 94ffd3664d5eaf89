/*
 * cow_reuse - the last sharer of a COW page reuses it, no copy.
 * When the other sharer of a copy-on-write page is gone, a write makes
 * the page writable again instead of copying it.
 *
 * A worker maps NPAGES private anonymous pages and writes them all.
 *   1. Control: fork a child that stays alive (blocked on a pipe); writing
 *      every page now copies each one: MemFree drops by about NPAGES pages.
 *   2. Let that child exit; fork another child that exits at once, and reap
 *      it.  The worker's pages are still write-protected (fork did that) but
 *      it is their only user: writing every page takes a fault per page
 *      (minflt, /proc/self/stat field 10, grows by NPAGES) yet MemFree
 *      does not move: the "last sharer" reuses its page.
 * Data is checked after each step.  MemFree being system-wide on Linux, the
 * MemFree comparisons are only made on mmkernel; the fault count is checked
 * wherever /proc/self/stat reports one (qemu-arm reports 0).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define NPAGES		1024
#define REUSE_SLACK_KB	32

static char *buf;

static void fill(uint32_t tag)
{
	unsigned long i;

	for (i = 0; i < NPAGES; i++)
		t_fill_page(buf + i * T_PAGE, tag, i);
}

static void expect(uint32_t tag, const char *when)
{
	unsigned long i;

	for (i = 0; i < NPAGES; i++)
		if (!t_check_page(buf + i * T_PAGE, tag, i))
			t_fail("page %lu holds wrong data %s", i, when);
}

static void worker(void)
{
	int hold[2];
	long f0, f1;
	unsigned long flt0, flt1;
	char c;
	pid_t pid;

	buf = mmap(NULL, NPAGES * T_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		t_fail("mmap of %d pages failed", NPAGES);
	fill(1);

	/* 1. a sharer is alive: each write copies */
	if (pipe(hold) < 0)
		t_fail("pipe failed");
	pid = t_fork();
	if (pid == 0) {
		close(hold[1]);
		read(hold[0], &c, 1);		/* returns when the parent closes */
		expect(1, "in the sharing child");
		exit(0);
	}
	close(hold[0]);
	f0 = t_memfree_kb();
	fill(2);
	f1 = t_memfree_kb();
	if (!mmk_on_linux() && f0 - f1 < NPAGES * 4 * 7 / 8)
		t_fail("writing %d shared pages used only %ld kB of MemFree: "
		       "copy-on-write did not copy?", NPAGES, f0 - f1);
	close(hold[1]);
	t_wait_ok(pid, "sharing child");
	expect(2, "after the sharing child exited");

	/* 2. the sharer is gone: each write reuses */
	pid = t_fork();
	if (pid == 0)
		exit(0);
	t_wait_ok(pid, "short-lived child");
	flt0 = t_minflt();
	f0 = t_memfree_kb();
	fill(3);
	f1 = t_memfree_kb();
	flt1 = t_minflt();
	if (!mmk_on_linux() && f0 - f1 > REUSE_SLACK_KB)
		t_fail("writing %d pages whose only other user has exited used %ld kB "
		       "of MemFree: the last sharer copied instead of reusing", NPAGES,
		       f0 - f1);
	if (flt0 > 0 && flt1 - flt0 < NPAGES)
		t_fail("writing %d write-protected pages took only %lu minor faults",
		       NPAGES, flt1 - flt0);
	expect(3, "after the reusing writes");
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		worker();
		exit(0);
	}
	t_wait_ok(pid, "cow_reuse worker");
}

int main(void)
{
	t_begin("cow_reuse");
	t_leak_check(work);
	t_ok();
}
