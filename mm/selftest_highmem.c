/*
 * Self-tests of kmap.
 *
 * SELFTEST(kmap_highmem): take every free HighMem page, kmap each one,
 *   write a pattern of its own, kunmap; then kmap each again and read the
 *   pattern back.  With more pages than the 512 pkmap slots, the slot
 *   search wraps many times and each wrap must flush (and reuse) the
 *   slots left at count 1.  Skipped, saying so, without HighMem (MEM=512).
 * SELFTEST(kmap_exhaust): hold 512 kmaps of different HighMem pages: the
 *   513th kmap fails cleanly (NULL, counted); after one kunmap it works.
 *
 * Pages are held on a list through page->lru (an allocated page's link
 * belongs to its owner), so the tests need no memory of their own.
 */
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "alloc_internal.h"

static u32 hm_pattern(pfn_t pfn, unsigned int word)
{
	return (pfn << 10 | word) ^ 0x6b6b0000u;
}

/* Up to max free HighMem pages onto held; returns how many. */
static unsigned long take_highmem(struct list_head *held, unsigned long max)
{
	unsigned long n = 0;
	struct page *page;

	while (n < max && (page = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC | __GFP_NOWARN))) {
		if (!PageHighMem(page)) {	/* HighMem is empty: Normal now */
			__free_page(page);
			break;
		}
		list_add(&page->lru, held);
		n++;
	}
	return n;
}

static void give_back(struct list_head *held)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* One pass over the held pages: write (check = false) or verify. */
static int kmap_pass(struct list_head *held, bool check)
{
	struct page *page;
	unsigned int w;

	list_for_each_entry(page, held, lru) {
		u32 *p = kmap(page);

		if (!p)
			return selftest_fail("kmap_highmem: kmap(pfn 0x%lx) failed",
					     (unsigned long)page_to_pfn(page));
		for (w = 0; w < PAGE_SIZE / 4; w++) {
			if (!check) {
				p[w] = hm_pattern(page_to_pfn(page), w);
			} else if (p[w] != hm_pattern(page_to_pfn(page), w)) {
				kunmap(page);
				return selftest_fail("kmap_highmem: pfn 0x%lx word %u is "
						     "0x%08x", (unsigned long)page_to_pfn(page),
						     w, p[w]);
			}
		}
		kunmap(page);
	}
	return 0;
}

int selftest_kmap_highmem(void)
{
	unsigned long n, flushes = kmap_stats.flushes;
	LIST_HEAD(held);
	int err;

	if (!totalhigh_pages) {
		printk("selftest kmap_highmem: no HighMem (all RAM is lowmem, e.g. "
		       "MEM=512): skipped\n");
		return 0;
	}
	n = take_highmem(&held, ~0UL);
	err = kmap_pass(&held, false);
	if (!err)
		err = kmap_pass(&held, true);
	if (!err && n > LAST_PKMAP && kmap_stats.flushes == flushes)
		err = selftest_fail("kmap_highmem: %lu pages through 512 slots and no flush",
				    n);
	if (!err)
		printk("selftest kmap_highmem: %lu HighMem pages, %lu pkmap flushes\n", n,
		       kmap_stats.flushes - flushes);
	give_back(&held);
	return err;
}
SELFTEST(kmap_highmem, selftest_kmap_highmem);

/* kmap every page of pages[0..n) and expect all to work. */
static int kmap_all(struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!kmap(pages[i])) {
			while (i--)
				kunmap(pages[i]);
			return selftest_fail("kmap_exhaust: kmap %u of %u failed", i, n);
		}
	return 0;
}

static int exhaust(struct page **pages)
{
	unsigned long failures = kmap_stats.failures;
	unsigned int i;
	void *extra;

	if (kmap_all(pages, LAST_PKMAP))
		return -1;
	extra = kmap(pages[LAST_PKMAP]);
	if (extra || kmap_stats.failures != failures + 1) {
		if (extra)
			kunmap(pages[LAST_PKMAP]);
		for (i = 0; i < LAST_PKMAP; i++)
			kunmap(pages[i]);
		return selftest_fail("kmap_exhaust: kmap #%d gave %p (failures %lu -> %lu)",
				     LAST_PKMAP + 1, extra, failures, kmap_stats.failures);
	}
	kunmap(pages[0]);
	extra = kmap(pages[LAST_PKMAP]);	/* recovers: the wrap frees slot 0's */
	for (i = 1; i <= LAST_PKMAP; i++)
		if (i < LAST_PKMAP || extra)
			kunmap(pages[i]);
	if (!extra)
		return selftest_fail("kmap_exhaust: no recovery after a kunmap");
	return 0;
}

int selftest_kmap_exhaust(void)
{
	struct page **pages, *page;
	unsigned int i = 0, nr;
	LIST_HEAD(held);
	int err;

	for (nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr] > 1)
			return selftest_fail("kmap_exhaust: slot %u is in use by someone else",
					     nr);
	if (take_highmem(&held, LAST_PKMAP + 1) < LAST_PKMAP + 1) {
		give_back(&held);
		printk("selftest kmap_exhaust: fewer than %d free HighMem pages: skipped\n",
		       LAST_PKMAP + 1);
		return 0;
	}
	pages = kmalloc((LAST_PKMAP + 1) * sizeof(*pages), GFP_KERNEL);
	if (pages) {
		list_for_each_entry(page, &held, lru)
			pages[i++] = page;
		err = exhaust(pages);
	} else {
		err = selftest_fail("kmap_exhaust: no memory");
	}
	kfree(pages);
	for (nr = 0; !err && nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr] > 1)
			err = selftest_fail("kmap_exhaust: slot %u still in use", nr);
	give_back(&held);
	return err;
}
SELFTEST(kmap_exhaust, selftest_kmap_exhaust);
