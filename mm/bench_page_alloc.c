/*
 * BENCH(page_alloc): the cost of the page allocator's common operations,
 * in ktime nanoseconds; under `qemu -icount shift=0` one nanosecond is
 * one guest instruction, so the figures count instructions (the targets
 * set for them in brackets):
 *
 *   page_alloc_order0_pcp_ns_per_pair    alloc_page + __free_page through
 *                                        the per-CPU list           [<= 80]
 *   page_alloc_order0_buddy_ns_per_pair  the same straight on the buddy
 *                                        lists (split + merge)      [<= 250]
 *   page_alloc_order3_ns_per_pair        alloc_pages/__free_pages, order 3
 *                                                                   [<= 400]
 *   memmap_init_ns_per_page              mem_map initialisation, per page
 *                                        of RAM (see memmap_ns_per_page)
 *                                                                   [<= 30]
 *   memmap_init_boot_ns                  all of it at boot (0 if ktime was
 *                                        not counting yet)
 *
 * The loop overhead (a few instructions per pair) is included.  Built
 * with DEBUG=0 by `make bench`: no poisoning, no free checks.
 */
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include "internal.h"

#define BENCH_PAIRS	1000

/* Time BENCH_PAIRS alloc+free pairs; 0 if an allocation failed. */
static u64 time_pairs(struct page *(*alloc)(gfp_t, unsigned int),
		      void (*release)(struct page *, unsigned int), unsigned int order)
{
	struct page *page;
	u64 t0;
	int i;

	page = alloc(GFP_KERNEL, order);	/* warm up: fill the per-CPU list */
	if (!page)
		return 0;
	release(page, order);
	t0 = ktime_get_ns();
	for (i = 0; i < BENCH_PAIRS; i++) {
		page = alloc(GFP_KERNEL, order);
		if (!page)
			return 0;
		release(page, order);
	}
	return (ktime_get_ns() - t0) / BENCH_PAIRS;
}

/*
 * Per-page cost of the mem_map initialisation loop: the boot figure when
 * ktime was already counting at mem_init(); otherwise the same loop run
 * again over a scratch order-10 block (the live mem_map cannot be redone).
 */
static u64 memmap_ns_per_page(void)
{
	unsigned long nr = (PAGE_SIZE << (MAX_ORDER - 1)) / sizeof(struct page);
	struct page *scratch;
	u64 t0, t;

	if (memmap_init_ns && memmap_init_pages)
		return memmap_init_ns / memmap_init_pages;
	scratch = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	if (!scratch)
		return 0;
	t0 = ktime_get_ns();
	memmap_init_range(page_address(scratch), nr, ZONE_NORMAL);
	t = ktime_get_ns() - t0;
	__free_pages(scratch, MAX_ORDER - 1);
	pr_info("bench page_alloc: ktime was not counting at mem_init(); "
		"mem_map cost measured on %lu scratch pages\n", nr);
	return t / nr;
}

static void bench_page_alloc(void)
{
	bench_report("page_alloc_order0_pcp_ns_per_pair",
		     time_pairs(alloc_pages, __free_pages, 0), "ns");
	bench_report("page_alloc_order0_buddy_ns_per_pair",
		     time_pairs(__alloc_pages_buddy, __free_pages_buddy, 0), "ns");
	bench_report("page_alloc_order3_ns_per_pair",
		     time_pairs(alloc_pages, __free_pages, 3), "ns");
	bench_report("memmap_init_ns_per_page", memmap_ns_per_page(), "ns");
	bench_report("memmap_init_boot_ns", memmap_init_ns, "ns");
	bench_report("memmap_init_pages", memmap_init_pages, "pages");
}

BENCH(page_alloc, bench_page_alloc);
