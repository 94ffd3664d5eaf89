/*
 * SELFTEST(buddy): the page allocator gives back exactly what it took.
 *
 *   1. snapshot buddyinfo;
 *   2. allocate every free page, one at a time, zone by zone:
 *        GFP_KERNEL | GFP_DMA  until it fails: every page must be in DMA
 *        GFP_KERNEL            until it fails: never a HighMem page
 *        GFP_HIGHUSER          until it fails: what is left (HighMem)
 *      (with __GFP_MEMALLOC, so the watermarks do not stop us short, and
 *      without reclaim, which could free more), and
 *      check that each zone gave exactly the pages it said were free;
 *   3. free them all, snapshot buddyinfo again: it must be identical;
 *   4. one block of each order 0..10: aligned to its size, inside a zone.
 *
 * The pages are held on a list through page->lru (an allocated page's
 * link belongs to its owner), so the test needs no memory of its own.
 * Interrupts stay masked throughout, so that nothing else allocates
 * between the two snapshots.  Built on the host too, where the unit
 * tests call selftest_buddy() directly.
 */
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include "internal.h"

static char buddyinfo_before[1024];
static char buddyinfo_after[1024];

/*
 * A buddyinfo snapshot.  The per-CPU lists are drained first: pages
 * parked there are free but not on the buddy lists, and how many are
 * parked depends on the recent history, not on what is free; after the
 * drain, the buddy lists are a function of the set of free pages alone
 * (every possible merge is made), so equal sets give equal text.
 */
static void snapshot_buddyinfo(char *buf, size_t size)
{
	struct seq_buf s;

	drain_all_pages();
	seq_buf_init(&s, buf, size);
	show_buddyinfo(&s);
}

/*
 * Allocate single pages with gfp until none is left, onto `held`,
 * counting them per zone.  Returns -1 (after saying why) at the first
 * page from a zone above max_zone.
 */
static int take_all(gfp_t gfp, enum zone_type max_zone, struct list_head *held,
		    unsigned long taken[MAX_NR_ZONES])
{
	struct page *page;

	/* no reclaim: the pages that are free, not what a shrinker (empty
	 * slabs, cached page tables) could free besides */
	gfp = (gfp & ~__GFP_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN;
	while ((page = alloc_page(gfp))) {
		enum zone_type z = page_zonenum(page);

		list_add(&page->lru, held);
		taken[z]++;
		if (z > max_zone)
			return selftest_fail("alloc_page(0x%x) returned pfn 0x%lx from zone %s",
					     gfp, (unsigned long)page_to_pfn(page),
					     page_zone(page)->name);
	}
	return 0;
}

static void free_all(struct list_head *held)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* Step 2: every free page of every zone, and the per-zone counts. */
static int exhaust_zones(void)
{
	unsigned long free[MAX_NR_ZONES], taken[MAX_NR_ZONES] = { 0 };
	LIST_HEAD(held);
	struct zone *zone;
	int err;

	for_each_zone(zone)
		free[zone_idx(zone)] = zone->free_pages;
	err = take_all(GFP_KERNEL | GFP_DMA, ZONE_DMA, &held, taken);
	if (!err)
		err = take_all(GFP_KERNEL, ZONE_NORMAL, &held, taken);
	if (!err)
		err = take_all(GFP_HIGHUSER, ZONE_HIGHMEM, &held, taken);
	if (!err && nr_free_pages() != 0)
		err = selftest_fail("%lu pages still free after allocating until failure",
				    nr_free_pages());
	for_each_zone(zone) {
		if (!err && taken[zone_idx(zone)] != free[zone_idx(zone)])
			err = selftest_fail("zone %s said %lu pages were free but gave %lu",
					    zone->name, free[zone_idx(zone)],
					    taken[zone_idx(zone)]);
	}
	free_all(&held);
	return err;
}

/* Step 4: a block of each order, aligned to its size, inside one zone. */
static int check_orders(void)
{
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		pfn_t pfn;

		if (!page)
			return selftest_fail("no free block of order %u", order);
		pfn = page_to_pfn(page);
		__free_pages(page, order);
		if (pfn & ((1U << order) - 1))
			return selftest_fail("order-%u block at pfn 0x%lx is not aligned",
					     order, (unsigned long)pfn);
		if (pfn + (1U << order) > page_zone(page)->zone_end_pfn)
			return selftest_fail("order-%u block at pfn 0x%lx crosses the end "
					     "of zone %s", order, (unsigned long)pfn,
					     page_zone(page)->name);
	}
	return 0;
}

int selftest_buddy(void)
{
	unsigned long flags;
	int err;

	local_irq_save(flags);
	snapshot_buddyinfo(buddyinfo_before, sizeof(buddyinfo_before));
	err = exhaust_zones();
	if (!err)
		err = check_orders();
	snapshot_buddyinfo(buddyinfo_after, sizeof(buddyinfo_after));
	local_irq_restore(flags);
	if (!err && strcmp(buddyinfo_before, buddyinfo_after))
		err = selftest_fail("buddyinfo differs after freeing everything:\n"
				    "before:\n%safter:\n%s", buddyinfo_before,
				    buddyinfo_after);
	return err;
}

SELFTEST(buddy, selftest_buddy);
