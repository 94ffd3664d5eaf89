/*
 * zero_page - reading fresh memory gives zeros and costs no RAM.
 * The first write is what allocates.
 *
 * In a child:
 *   1. map NPAGES anonymous private pages; read every word of every page:
 *      all zero, and VmRSS does not grow (the kernel maps its one shared,
 *      read-only zero page for a read fault);
 *   2. write one word per page: VmRSS grows by NPAGES pages (each write fault
 *      allocates a zeroed page, replacing the zero-page mapping);
 *   3. the data reads back, and the rest of each page is still zero;
 *   4. .bss is zero: bss_area spans three pages, the first of which starts
 *      inside the last file page of .data, whose tail the ELF loader must
 *      clear.
 * MemFree must be back where it was once the child has exited.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

/*
 * VmRSS is checked with a margin of an eighth of the region: on mmkernel the
 * read pass adds nothing, but under qemu-arm VmRSS is the emulator's, which
 * also grows with its own bookkeeping.  Mapping real pages for the reads
 * would still add 4 MiB, eight times the margin.
 */
#define NPAGES		1024

/* What the measured child saw, for the ok line (a shared page: the child's
 * figures outlive it). */
static struct figures {
	long read_kb, write_kb;
} *fig;
#define SLACK_KB	(NPAGES * 4 / 8)

static char bss_area[3 * T_PAGE];

static void child(void)
{
	unsigned long i, j;
	long rss0, rss1, rss2;
	uint32_t *p, sum = 0;

	for (i = 0; i < sizeof(bss_area); i++)
		if (bss_area[i])
			t_fail(".bss byte %lu (address %p) is 0x%02x, not 0", i,
			       (void *)&bss_area[i], bss_area[i]);

	p = mmap(NULL, NPAGES * T_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		t_fail("mmap of %d pages failed", NPAGES);
	t_status_kb("VmRSS:");			/* warm the /proc reading path */
	rss0 = t_status_kb("VmRSS:");

	for (i = 0; i < NPAGES * T_PAGE / 4; i++)
		sum |= ((volatile uint32_t *)p)[i];
	if (sum)
		t_fail("a fresh anonymous page is not all zeros");
	rss1 = t_status_kb("VmRSS:");
	if (rss1 - rss0 > SLACK_KB)
		t_fail("reading %d fresh pages grew VmRSS by %ld kB (the zero page "
		       "should be shared, so about 0)", NPAGES, rss1 - rss0);

	for (i = 0; i < NPAGES; i++)
		p[i * T_PAGE / 4 + (i % 1024)] = 0xA5000000u | (uint32_t)i;
	rss2 = t_status_kb("VmRSS:");
	fig->read_kb = rss1 - rss0;
	fig->write_kb = rss2 - rss1;
	if (rss2 - rss1 < (long)(NPAGES * 4) - 8 ||
	    rss2 - rss1 > (long)(NPAGES * 4) + SLACK_KB)
		t_fail("writing %d pages grew VmRSS by %ld kB, expected %d kB",
		       NPAGES, rss2 - rss1, NPAGES * 4);

	for (i = 0; i < NPAGES; i++)
		for (j = 0; j < T_PAGE / 4; j++) {
			uint32_t want = j == i % 1024 ? (0xA5000000u | (uint32_t)i) : 0;

			if (p[i * T_PAGE / 4 + j] != want)
				t_fail("page %lu word %lu is 0x%08x after the write, "
				       "expected 0x%08x", i, j,
				       (unsigned)p[i * T_PAGE / 4 + j], (unsigned)want);
		}
	if (munmap(p, NPAGES * T_PAGE) < 0)
		t_fail("munmap failed");
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "zero-page child");
}

int main(void)
{
	t_begin("zero_page");
	fig = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fig == MAP_FAILED)
		t_fail("mmap of a shared page failed");
	t_leak_check(work);
	printf("zero_page: reading %d fresh pages: VmRSS %+ld kB (the shared zero page); "
	       "writing them: %+ld kB\n", NPAGES, fig->read_kb, fig->write_kb);
	t_ok();
}
