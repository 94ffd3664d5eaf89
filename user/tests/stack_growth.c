/*
 * stack_growth - the stack grows on demand, up to its limit.
 * A runaway recursion is killed, not the kernel.
 *
 * Child 1 recurses GROW_KB deep in 1 KiB frames (4 MiB: the stack VMA grows
 * down page by page, well inside the 8 MiB limit) and checks every frame's
 * contents on the way back; /proc/self/maps must then show a [stack] of at
 * least that size.
 * Child 2 recurses without end: when the stack reaches its limit (or the
 * guard gap above the next mapping) the fault cannot be satisfied and the
 * child must die by SIGSEGV, seen by wait4 as WIFSIGNALED, WTERMSIG == 11.
 * The parent survives and MemFree comes back after both are gone.
 */
#include <stdio.h>
#include <string.h>

#include "mmk.h"
#include "mmk_test.h"

#define GROW_KB		4096

/* A 1 KiB frame that holds a pattern from its depth and checks it after the
 * deeper calls return; returns the number of frames that checked out. */
static int __attribute__((noinline)) recurse(int depth, int limit)
{
	volatile uint32_t frame[256];
	int i, ok;

	for (i = 0; i < 256; i++)
		frame[i] = (uint32_t)depth * 2654435761u + i;
	ok = depth + 1 < limit || limit < 0 ? recurse(depth + 1, limit) : 0;
	for (i = 0; i < 256; i++)
		if (frame[i] != (uint32_t)depth * 2654435761u + i)
			return ok;
	return ok + 1;
}

/* Size in kB of the [stack] line of /proc/self/maps, or -1. */
static long stack_vma_kb(void)
{
	struct mmk_lines lr;
	unsigned long start, end;
	long kb = -1;
	char *l;

	if (mmk_lines_open(&lr, "/proc/self/maps") < 0)
		return -1;
	while ((l = mmk_lines_next(&lr)) != NULL)
		if (strstr(l, "[stack]") && sscanf(l, "%lx-%lx", &start, &end) == 2)
			kb = (long)((end - start) >> 10);
	mmk_lines_close(&lr);
	return kb;
}

static void grow(void)
{
	int frames = recurse(0, GROW_KB);
	long kb;

	if (frames != GROW_KB)
		t_fail("%d of %d stack frames lost their contents", GROW_KB - frames, GROW_KB);
	kb = stack_vma_kb();
	if (kb < GROW_KB)
		t_fail("after using %d kB of stack, the [stack] line of /proc/self/maps "
		       "is %ld kB", GROW_KB, kb);
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		grow();
		exit(0);
	}
	t_wait_ok(pid, "stack growth to 4 MiB");

	pid = t_fork();
	if (pid == 0) {
		recurse(0, -1);
		t_fail("unbounded recursion returned");
	}
	t_wait_segv(pid, "unbounded recursion into the guard gap");
}

int main(void)
{
	t_begin("stack_growth");
	t_leak_check(work);
	t_ok();
}
