/*
 * brk_shrink - the heap shrinks with brk and gives its memory back.
 *
 * In a child, with the raw brk call (Linux semantics: it returns the new
 * break, or the old one when the request is refused):
 *   1. brk(0) reports the break; growing it by GROW_KB works, the new pages
 *      read zero and VmRSS grows only as they are written;
 *   2. brk back down: VmRSS falls by what was freed (and on mmkernel
 *      MemFree rises by as much), and touching the released range kills a
 *      grandchild with SIGSEGV;
 *   3. growing again gives zero-filled pages, not the old data;
 *   4. requests that cannot be met are refused and leave the break alone:
 *      3 GiB more, and a break below the start of the heap (in .bss).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"
#include "mmk_test.h"

#define GROW_KB		4096
#define SLACK_KB	64

extern char end[];			/* end of .bss, from user.ld */

static void child(void)
{
	char *b0 = mmk_brk(0), *top = b0 + GROW_KB * 1024, *r;
	long rss0, rss1, rss2, free1, free2;
	unsigned long i;
	pid_t pid;
	int st;

	if (b0 < end)
		t_fail("brk(0) = %p is below the end of .bss %p", (void *)b0, (void *)end);
	t_status_kb("VmRSS:");
	rss0 = t_status_kb("VmRSS:");
	if ((r = mmk_brk(top)) != top)
		t_fail("brk(%p) to grow by %d kB returned %p", (void *)top, GROW_KB, (void *)r);
	if (mmk_brk(0) != top)
		t_fail("brk(0) after growing does not report the new break");
	for (i = 0; i < GROW_KB * 1024; i += T_PAGE) {
		if (b0[i])
			t_fail("new heap memory at %p is not zero", (void *)(b0 + i));
		b0[i] = 'h';
	}
	rss1 = t_status_kb("VmRSS:");
	free1 = t_memfree_kb();
	if (rss1 - rss0 < GROW_KB - SLACK_KB)
		t_fail("writing %d kB of new heap grew VmRSS by only %ld kB", GROW_KB,
		       rss1 - rss0);

	if ((r = mmk_brk(b0)) != b0)
		t_fail("brk(%p) to shrink back returned %p", (void *)b0, (void *)r);
	rss2 = t_status_kb("VmRSS:");
	free2 = t_memfree_kb();
	if (rss1 - rss2 < GROW_KB - SLACK_KB)
		t_note("shrinking the heap by %d kB lowered VmRSS by only %ld kB",
		       GROW_KB, rss1 - rss2);
	if (!mmk_on_linux() && free2 - free1 < GROW_KB - SLACK_KB)
		t_note("shrinking the heap by %d kB raised MemFree by only %ld kB",
		       GROW_KB, free2 - free1);
	pid = t_fork();
	if (pid == 0) {
		(void)*(volatile char *)(top - T_PAGE);
		exit(0);
	}
	st = t_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGSEGV)
		t_note("reading heap memory released by brk: the child %s, expected "
		       "killed by signal 11 (SEGV)", t_status_str(st));

	if (mmk_brk(top) != top)
		t_fail("growing the heap a second time failed");
	for (i = 0; i < GROW_KB * 1024; i += T_PAGE)
		if (b0[i])
			t_fail("heap memory given back and taken again still holds old data");
	if (mmk_brk(b0) != b0)
		t_fail("second shrink failed");

	if ((r = mmk_brk(b0 + 0xC0000000UL)) != b0)
		t_fail("brk 3 GiB up returned %p, expected the unchanged break %p",
		       (void *)r, (void *)b0);
	if ((r = mmk_brk((char *)((uintptr_t)end - 2 * T_PAGE))) != b0)
		t_fail("brk below the start of the heap returned %p, expected the "
		       "unchanged break %p", (void *)r, (void *)b0);
	t_check_notes();
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "brk child");
}

int main(void)
{
	t_begin("brk_shrink");
	t_leak_check(work);
	t_ok();
}
