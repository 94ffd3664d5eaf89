/*
 * lazy_heap - malloc does not allocate memory, touching does.
 *
 * In a child: malloc(64 MiB) moves the program break (brk) by 64 MiB:
 * VmData grows by that much, VmRSS hardly at all.  Writing every 16th page
 * (1024 pages, 4 MiB) grows VmRSS by about 4 MiB, not 64.  The data reads
 * back; free() and exit give everything back (MemFree checked).
 */
#include <stdio.h>
#include <stdlib.h>

#include "mmk.h"
#include "mmk_test.h"

#define HEAP_MB		64
#define STRIDE		16		/* touch one page in 16 */
#define TOUCHED		(HEAP_MB * 256 / STRIDE)
/* Margin for malloc's headers, the stack, and (under qemu-arm, where VmRSS
 * is the emulator's) qemu's own page bookkeeping: 1/64 of the heap. */
#define SLACK_KB	(HEAP_MB * 1024 / 64)

static void child(void)
{
	long rss0, rss1, rss2, data0, data1;
	unsigned long i;
	char *p;

	t_status_kb("VmRSS:");
	rss0 = t_status_kb("VmRSS:");
	data0 = t_status_kb("VmData:");
	p = malloc(HEAP_MB << 20);
	if (!p)
		t_fail("malloc(%d MiB) returned NULL", HEAP_MB);
	rss1 = t_status_kb("VmRSS:");
	data1 = t_status_kb("VmData:");
	if (data1 - data0 < (HEAP_MB << 10))
		t_fail("malloc(%d MiB) grew VmData by only %ld kB", HEAP_MB, data1 - data0);
	if (rss1 - rss0 > SLACK_KB)
		t_fail("malloc(%d MiB) alone grew VmRSS by %ld kB (nothing touched yet)",
		       HEAP_MB, rss1 - rss0);

	for (i = 0; i < TOUCHED; i++)
		p[i * STRIDE * T_PAGE] = (char)(i | 1);
	rss2 = t_status_kb("VmRSS:");
	if (rss2 - rss1 < TOUCHED * 4 - 16 || rss2 - rss1 > TOUCHED * 4 + SLACK_KB)
		t_fail("touching %d of %d pages grew VmRSS by %ld kB, expected about %d kB",
		       TOUCHED, HEAP_MB * 256, rss2 - rss1, TOUCHED * 4);
	for (i = 0; i < TOUCHED; i++)
		if (p[i * STRIDE * T_PAGE] != (char)(i | 1) || p[i * STRIDE * T_PAGE + 1])
			t_fail("heap page %lu does not hold what was written", i * STRIDE);
	free(p);
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "lazy-heap child");
}

int main(void)
{
	t_begin("lazy_heap");
	t_leak_check(work);
	t_ok();
}
