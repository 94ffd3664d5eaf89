/*
 * Host tests of the page allocator (mm/page_alloc.c, mm/mm_init.c,
 * mm/vmstat.c): zones, split and merge, alignment, coalescing after long
 * random runs, zonelists, migrate-type fallback, per-CPU lists,
 * watermarks, debug checks, poisoning and the text views.
 *
 * Every test boots a fresh allocator with host_mm_boot(ram, lowmem):
 * "64/48" below means 64 MiB of RAM of which 48 MiB are lowmem, so the
 * zones are DMA 16 MiB, Normal 32 MiB, HighMem 16 MiB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/vmstat.h>
#include <host_mm.h>
#include "../../mm/internal.h"

#define MIB(n)		((unsigned long)(n) << 20)
#define PAGES(mib)	(MIB(mib) >> PAGE_SHIFT)

static struct zone *Z(enum zone_type t)
{
	return &contig_page_data.node_zones[t];
}

static void boot(unsigned long ram_mib, unsigned long low_mib, const char *cmdline)
{
	host_mm_boot(MIB(ram_mib), MIB(low_mib), cmdline);
}

static int teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

static void buddyinfo(char *buf, size_t size)
{
	struct seq_buf s;

	seq_buf_init(&s, buf, size);
	show_buddyinfo(&s);
	assert_false(s.overflow);
}

/* ------------------------------------------------------------ invariants */

/*
 * Walk every free list and per-CPU list of every zone and check what a
 * correct buddy allocator guarantees: each free block heads PG_buddy with
 * its order, is aligned to its size, lies inside its zone, overlaps no
 * other free page, has no free buddy of the same order left unmerged; the
 * counters match the lists.
 */
static void check_zone(struct zone *zone)
{
	unsigned long span = zone->spanned_pages, pages = 0;
	unsigned char *seen = calloc(span ? span : 1, 1);
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct page *page;
	int order, mt, n = 0;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				pfn_t pfn = page_to_pfn(page), buddy = pfn ^ (1u << order);
				unsigned long i;

				assert_true(PageBuddy(page));
				assert_int_equal(page->private, order);
				assert_int_equal(page_ref_count(page), 0);
				assert_int_equal(pfn & ((1u << order) - 1), 0);
				assert_true(pfn >= zone->zone_start_pfn);
				assert_true(pfn + (1u << order) <= zone->zone_end_pfn);
				assert_ptr_equal(page_zone(page), zone);
				for (i = 0; i < (1u << order); i++) {
					assert_false(seen[pfn - zone->zone_start_pfn + i]);
					seen[pfn - zone->zone_start_pfn + i] = 1;
				}
				if (order < MAX_ORDER - 1 && zone_spans_pfn(zone, buddy)) {
					struct page *b = pfn_to_page(buddy);

					assert_false(PageBuddy(b) && b->private == (unsigned long)order);
				}
				blocks++;
				pages += 1u << order;
			}
		}
		assert_int_equal(blocks, zone->free_area[order].nr_free);
	}
	assert_int_equal(pages, zone->free_pages);
	for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		list_for_each_entry(page, &pcp->lists[mt], lru) {
			pfn_t pfn = page_to_pfn(page);

			assert_false(PageBuddy(page));
			assert_int_equal(page_ref_count(page), 0);
			assert_int_equal(page->private, mt);
			assert_true(zone_spans_pfn(zone, pfn));
			assert_false(seen[pfn - zone->zone_start_pfn]);
			seen[pfn - zone->zone_start_pfn] = 1;
			n++;
		}
	}
	assert_int_equal(n, pcp->count);
	free(seen);
}

static void check_invariants(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (zone->spanned_pages)
			check_zone(zone);
}

/* --------------------------------------------------------------- zones */

static void test_zones_1024(void **state)
{
	boot(1024, 768, NULL);
	assert_int_equal(min_low_pfn, 0x60000);
	assert_int_equal(max_low_pfn, 0x90000);
	assert_int_equal(max_pfn, 0xa0000);
	assert_int_equal(Z(ZONE_DMA)->zone_start_pfn, 0x60000);
	assert_int_equal(Z(ZONE_DMA)->spanned_pages, PAGES(16));
	assert_int_equal(Z(ZONE_NORMAL)->zone_start_pfn, 0x61000);
	assert_int_equal(Z(ZONE_NORMAL)->spanned_pages, PAGES(752));
	assert_int_equal(Z(ZONE_HIGHMEM)->zone_start_pfn, 0x90000);
	assert_int_equal(Z(ZONE_HIGHMEM)->spanned_pages, PAGES(256));
	/* the kernel image (256 pages) is in DMA; mem_map at the top of lowmem */
	assert_int_equal(Z(ZONE_DMA)->managed_pages, PAGES(16) - 256);
	assert_true(Z(ZONE_NORMAL)->managed_pages < PAGES(752));
	assert_int_equal(Z(ZONE_HIGHMEM)->managed_pages, PAGES(256));
	assert_int_equal(totalhigh_pages, PAGES(256));
	assert_int_equal(totalram_pages, Z(ZONE_DMA)->managed_pages +
			 Z(ZONE_NORMAL)->managed_pages + PAGES(256));
	assert_int_equal(nr_free_pages(), totalram_pages);
	assert_int_equal(contig_page_data.nr_zones, 3);
	/* mem_map itself was allocated in lowmem, below the limit */
	assert_true((uintptr_t)mem_map >= host_lowmem_base);
	assert_true((uintptr_t)(mem_map + (max_pfn - PHYS_PFN_OFFSET)) <=
		    (uintptr_t)high_memory);
	check_invariants();
}

static void test_zones_512_no_highmem(void **state)
{
	char buf[1024];

	boot(512, 768, NULL);
	assert_int_equal(max_low_pfn, max_pfn);
	assert_int_equal(Z(ZONE_HIGHMEM)->spanned_pages, 0);
	assert_false(populated_zone(Z(ZONE_HIGHMEM)));
	assert_int_equal(contig_page_data.nr_zones, 2);
	assert_int_equal(totalhigh_pages, 0);
	buddyinfo(buf, sizeof(buf));
	assert_null(strstr(buf, "HighMem"));
	assert_non_null(strstr(buf, "zone   Normal"));
	check_invariants();
}

static void test_mem_dma_cmdline(void **state)
{
	boot(64, 64, "console=ttyAMA0 mem_dma=32M quiet");
	assert_int_equal(Z(ZONE_DMA)->spanned_pages, PAGES(32));
	assert_int_equal(Z(ZONE_NORMAL)->zone_start_pfn, 0x62000);
	host_mm_teardown();

	boot(64, 64, "mem_dma=0");		/* no DMA zone at all */
	assert_false(populated_zone(Z(ZONE_DMA)));
	assert_null(gfp_zonelist(GFP_KERNEL | GFP_DMA)->zones[0]);
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN));
	assert_non_null(alloc_page(GFP_KERNEL));
	host_mm_teardown();

	boot(64, 48, "mem_dma=1G");		/* DMA takes all of lowmem */
	assert_int_equal(Z(ZONE_DMA)->spanned_pages, PAGES(48));
	assert_int_equal(Z(ZONE_NORMAL)->spanned_pages, 0);
	assert_ptr_equal(gfp_zonelist(GFP_KERNEL)->zones[0], Z(ZONE_DMA));
	assert_null(gfp_zonelist(GFP_KERNEL)->zones[1]);
	assert_int_equal(page_zonenum(alloc_page(GFP_KERNEL)), ZONE_DMA);
	check_invariants();
}

/* --------------------------------------------------------- split, merge */

static void test_split_and_merge(void **state)
{
	char before[1024], after[1024];
	unsigned long nr_before[MAX_ORDER];
	struct zone *zone = Z(ZONE_HIGHMEM);
	struct page *page;
	pfn_t pfn;
	int o;

	boot(64, 48, NULL);
	buddyinfo(before, sizeof(before));
	for (o = 0; o < MAX_ORDER; o++)
		nr_before[o] = zone->free_area[o].nr_free;
	/* nothing is reserved in HighMem: 16 MiB = four order-10 blocks */
	for (o = 0; o < MAX_ORDER - 1; o++)
		assert_int_equal(nr_before[o], 0);
	assert_int_equal(nr_before[MAX_ORDER - 1], 4);

	/* movable: no fallback; order 0 from an order-10 block: expand 10 times */
	page = __alloc_pages_buddy(GFP_HIGHUSER_MOVABLE, 0);
	assert_non_null(page);
	assert_ptr_equal(page_zone(page), zone);
	pfn = page_to_pfn(page);
	assert_int_equal(pfn & (MAX_ORDER_NR_PAGES - 1), 0);
	for (o = 0; o < MAX_ORDER - 1; o++) {
		struct page *half = pfn_to_page(pfn + (1u << o));

		assert_true(PageBuddy(half));		/* the upper halves */
		assert_int_equal(half->private, o);
		assert_int_equal(zone->free_area[o].nr_free, nr_before[o] + 1);
	}
	assert_int_equal(zone->free_area[MAX_ORDER - 1].nr_free, nr_before[MAX_ORDER - 1] - 1);
	assert_int_equal(page_ref_count(page), 1);
	assert_int_equal(page_alloc_order(page), 0);
	assert_false(PageBuddy(page));
	check_invariants();

	/* freeing it merges all the way back up */
	__free_pages_buddy(page, 0);
	buddyinfo(after, sizeof(after));
	assert_string_equal(before, after);
	assert_true(PageBuddy(page));
	assert_int_equal(page->private, MAX_ORDER - 1);
	check_invariants();
}

static void test_every_order_aligned(void **state)
{
	struct page *pages[MAX_ORDER];
	unsigned long free0;
	int o;

	boot(64, 48, NULL);
	free0 = nr_free_pages();
	for (o = 0; o < MAX_ORDER; o++) {
		pages[o] = alloc_pages(GFP_KERNEL, o);
		assert_non_null(pages[o]);
		assert_int_equal(page_to_pfn(pages[o]) & ((1u << o) - 1), 0);
		assert_int_equal((uintptr_t)page_address(pages[o]) & ((PAGE_SIZE << o) - 1), 0);
		assert_int_equal(page_alloc_order(pages[o]), o);
	}
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));	/* too big */
	for (o = 0; o < MAX_ORDER; o++)
		__free_pages(pages[o], o);
	drain_all_pages();
	assert_int_equal(nr_free_pages(), free0);
	check_invariants();
}

/* -------------------------------------------------- random coalescing */

struct held {
	struct page *page;
	unsigned int order;
};

static unsigned int rng_state = 12345;

static unsigned int rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* Mostly small orders, sometimes up to 10. */
static unsigned int random_order(void)
{
	static const unsigned char orders[16] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 7, 10 };

	return orders[rng() % 16];
}

static gfp_t random_gfp(void)
{
	static const gfp_t masks[] = {
		GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER,
		GFP_KERNEL | __GFP_RECLAIMABLE, GFP_KERNEL | GFP_DMA, GFP_USER,
	};

	return masks[rng() % ARRAY_SIZE(masks)] | __GFP_NOWARN;
}

/* Mark (or unmark) the pages of a block; an allocated page is marked once. */
static void mark(unsigned char *owned, struct page *page, unsigned int order, int v)
{
	pfn_t pfn = page_to_pfn(page) - min_low_pfn;
	unsigned int i;

	for (i = 0; i < (1u << order); i++) {
		assert_int_not_equal(owned[pfn + i], v);
		owned[pfn + i] = (unsigned char)v;
	}
}

static void check_block(struct page *page, unsigned int order, gfp_t gfp)
{
	enum zone_type z = page_zonenum(page);

	assert_int_equal(page_to_pfn(page) & ((1u << order) - 1), 0);
	assert_true(page_to_pfn(page) + (1u << order) <= page_zone(page)->zone_end_pfn);
	assert_true(z <= gfp_zone(gfp));
	if (gfp & __GFP_DMA)
		assert_int_equal(z, ZONE_DMA);
}

static void random_run(unsigned long ram_mib, unsigned long low_mib,
		       const char *cmdline, int steps)
{
	enum { MAX_HELD = 3000 };
	struct held *held = calloc(MAX_HELD, sizeof(*held));
	unsigned char *owned;
	char before[1024], after[1024];
	unsigned long free0;
	int n = 0, step, allocated = 0;

	boot(ram_mib, low_mib, cmdline);
	owned = calloc(max_pfn - min_low_pfn, 1);
	buddyinfo(before, sizeof(before));
	free0 = nr_free_pages();
	for (step = 0; step < steps; step++) {
		if (n < MAX_HELD && (n == 0 || rng() % 100 < 55)) {
			gfp_t gfp = random_gfp();
			unsigned int order = random_order();
			struct page *page = alloc_pages(gfp, order);

			if (page) {
				check_block(page, order, gfp);
				mark(owned, page, order, 1);
				held[n].page = page;
				held[n++].order = order;
				allocated++;
			}
		} else {
			int i = (int)(rng() % (unsigned)n);

			mark(owned, held[i].page, held[i].order, 0);
			if (held[i].order == 0 && rng() % 4 == 0)
				free_cold_page(held[i].page);
			else
				__free_pages(held[i].page, held[i].order);
			held[i] = held[--n];
		}
		if (step % 1000 == 0)
			check_invariants();
	}
	while (n > 0) {
		n--;
		__free_pages(held[n].page, held[n].order);
	}
	drain_all_pages();
	check_invariants();
	buddyinfo(after, sizeof(after));
	assert_string_equal(before, after);	/* fully coalesced again */
	assert_int_equal(nr_free_pages(), free0);
	assert_true(allocated > steps / 3);	/* the run really ran */
	free(owned);
	free(held);
}

static void test_random_coalescing_three_zones(void **state)
{
	random_run(64, 48, NULL, 30000);
}

static void test_random_coalescing_lowmem_only(void **state)
{
	random_run(32, 64, NULL, 20000);
}

/*
 * mem_dma=17M puts the DMA/Normal boundary at pfn 0x61100, inside what
 * would be an order-9 block: the buddy of DMA's last order-8 block is
 * Normal's first, and they must never merge.
 */
static void test_random_coalescing_unaligned_zones(void **state)
{
	random_run(48, 40, "mem_dma=17M", 20000);
}

static void test_no_merge_across_zones(void **state)
{
	struct zone *dma = Z(ZONE_DMA), *normal = Z(ZONE_NORMAL);

	boot(48, 40, "mem_dma=17M");
	assert_int_equal(dma->zone_end_pfn, 0x61100);
	assert_int_equal(normal->zone_start_pfn, 0x61100);
	/* both sides of the boundary are free order-8 blocks, unmerged */
	assert_true(PageBuddy(pfn_to_page(0x61000)));
	assert_int_equal(pfn_to_page(0x61000)->private, 8);
	assert_true(PageBuddy(pfn_to_page(0x61100)));
	assert_int_equal(pfn_to_page(0x61100)->private, 8);
	check_invariants();
}

/* ------------------------------------------------------------ zonelists */

static void assert_zonelist(gfp_t gfp, enum zone_type a, enum zone_type b,
			    enum zone_type c, int n)
{
	struct zone *const *zl = gfp_zonelist(gfp)->zones;
	enum zone_type want[3] = { a, b, c };
	int i;

	for (i = 0; i < n; i++)
		assert_ptr_equal(zl[i], Z(want[i]));
	assert_null(zl[n]);
}

static void test_zonelists_per_gfp(void **state)
{
	boot(64, 48, NULL);
	assert_zonelist(GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA, 3);
	assert_zonelist(GFP_HIGHUSER, ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA, 3);
	assert_zonelist(GFP_KERNEL, ZONE_NORMAL, ZONE_DMA, 0, 2);
	assert_zonelist(GFP_ATOMIC, ZONE_NORMAL, ZONE_DMA, 0, 2);
	assert_zonelist(GFP_USER, ZONE_NORMAL, ZONE_DMA, 0, 2);
	assert_zonelist(GFP_KERNEL | GFP_DMA, ZONE_DMA, 0, 0, 1);
	host_mm_teardown();

	boot(32, 64, NULL);		/* no HighMem: highmem masks start at Normal */
	assert_zonelist(GFP_HIGHUSER_MOVABLE, ZONE_NORMAL, ZONE_DMA, 0, 2);
}

/*
 * Allocate with gfp until a page comes from another zone than `from`;
 * return it, with all the earlier ones left allocated.
 */
static struct page *alloc_until_zone_changes(gfp_t gfp, enum zone_type from)
{
	struct page *page;

	while ((page = alloc_page(gfp | __GFP_NOWARN)) && page_zonenum(page) == from)
		;
	return page;
}

static void test_zone_fallback_order(void **state)
{
	struct page *page;

	boot(64, 48, NULL);
	/* HighMem first; the next zone once HighMem is down to its low mark */
	page = alloc_until_zone_changes(GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_NORMAL);
	assert_int_equal(Z(ZONE_HIGHMEM)->free_pages, low_wmark_pages(Z(ZONE_HIGHMEM)));
	/* GFP_KERNEL: Normal, then DMA, never HighMem */
	page = alloc_until_zone_changes(GFP_KERNEL, ZONE_NORMAL);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_DMA);
	assert_int_equal(Z(ZONE_NORMAL)->free_pages, low_wmark_pages(Z(ZONE_NORMAL)));
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		assert_int_not_equal(page_zonenum(page), ZONE_HIGHMEM);
	/* exhausted down to min in both lowmem zones: GFP_KERNEL fails */
	assert_true(Z(ZONE_NORMAL)->free_pages <= min_wmark_pages(Z(ZONE_NORMAL)));
	assert_true(Z(ZONE_DMA)->free_pages <= min_wmark_pages(Z(ZONE_DMA)));
	assert_true(vm_events[ALLOC_BELOW_MIN_FAIL] >= 1);
	/* HighMem still has pages above its min: highmem masks get them */
	page = alloc_page(GFP_HIGHUSER);
	assert_non_null(page);
	assert_int_equal(page_zonenum(page), ZONE_HIGHMEM);
}

static void test_gfp_dma_only_dma(void **state)
{
	struct page *page;
	unsigned long n = 0;

	boot(64, 48, NULL);
	while ((page = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN))) {
		assert_int_equal(page_zonenum(page), ZONE_DMA);
		n++;
	}
	assert_int_equal(n, Z(ZONE_DMA)->managed_pages);	/* every DMA page */
	assert_int_equal(Z(ZONE_NORMAL)->free_pages, Z(ZONE_NORMAL)->managed_pages);
}

/* ----------------------------------------------------- migrate types */

static unsigned long list_len(struct list_head *head)
{
	struct list_head *p;
	unsigned long n = 0;

	list_for_each(p, head)
		n++;
	return n;
}

static void test_fallback_table(void **state)
{
	/* the table documented in mm/page_alloc.c and docs/physical-memory.md */
	assert_int_equal(migrate_fallbacks[MIGRATE_UNMOVABLE][0], MIGRATE_RECLAIMABLE);
	assert_int_equal(migrate_fallbacks[MIGRATE_UNMOVABLE][1], MIGRATE_MOVABLE);
	assert_int_equal(migrate_fallbacks[MIGRATE_MOVABLE][0], MIGRATE_RECLAIMABLE);
	assert_int_equal(migrate_fallbacks[MIGRATE_MOVABLE][1], MIGRATE_UNMOVABLE);
	assert_int_equal(migrate_fallbacks[MIGRATE_RECLAIMABLE][0], MIGRATE_UNMOVABLE);
	assert_int_equal(migrate_fallbacks[MIGRATE_RECLAIMABLE][1], MIGRATE_MOVABLE);
}

static void test_steal_whole_pageblock(void **state)
{
	struct zone *zone = Z(ZONE_NORMAL);
	struct page *a, *b;
	pfn_t pfn;
	int o;

	boot(64, 64, NULL);
	/* every pageblock starts movable, so a kernel page must fall back */
	a = __alloc_pages_buddy(GFP_KERNEL, 0);
	pfn = page_to_pfn(a);
	assert_int_equal(vm_events[MT_FALLBACK], 1);
	assert_int_equal(vm_events[MT_PAGEBLOCK_CLAIMED], 1);
	assert_int_equal(get_pageblock_migratetype(zone, pfn), MIGRATE_UNMOVABLE);
	/* it took a whole order-10 block: the split halves are unmovable now */
	for (o = 0; o < MAX_ORDER - 1; o++)
		assert_int_equal(list_len(&zone->free_area[o].free_list[MIGRATE_UNMOVABLE]), 1);
	assert_int_equal(list_len(&zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_UNMOVABLE]), 0);
	/* the next kernel page comes from the same block, without fallback */
	b = __alloc_pages_buddy(GFP_KERNEL, 0);
	assert_int_equal(page_to_pfn(b), pfn + 1);
	assert_int_equal(vm_events[MT_FALLBACK], 1);
	check_invariants();
}

static void test_steal_prefers_table_order(void **state)
{
	struct zone *zone = Z(ZONE_NORMAL);
	struct page *big, *page;
	pfn_t block;

	boot(64, 64, NULL);
	/* make one unmovable order-10 block: claim it, then free it whole */
	big = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	block = page_to_pfn(big);
	__free_pages(big, MAX_ORDER - 1);
	assert_int_equal(get_pageblock_migratetype(zone, block), MIGRATE_UNMOVABLE);
	assert_int_equal(list_len(&zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_UNMOVABLE]), 1);
	/*
	 * Reclaimable runs dry; unmovable and movable both have order-10
	 * blocks: the table says unmovable first.
	 */
	page = __alloc_pages_buddy(GFP_KERNEL | __GFP_RECLAIMABLE, 0);
	assert_int_equal(page_to_pfn(page), block);
	assert_int_equal(get_pageblock_migratetype(zone, block), MIGRATE_RECLAIMABLE);
	assert_int_equal(vm_events[MT_FALLBACK], 2);
	assert_int_equal(vm_events[MT_PAGEBLOCK_CLAIMED], 2);
	check_invariants();
}

static void test_small_steal_keeps_pageblock(void **state)
{
	struct zone *dma = Z(ZONE_DMA);
	LIST_HEAD(held);
	struct page *page, *next, *a = NULL, *b = NULL;
	unsigned long claimed;

	boot(64, 64, NULL);
	/* fill DMA with kernel pages: every DMA pageblock becomes unmovable */
	while ((page = alloc_page(GFP_KERNEL | GFP_DMA | __GFP_MEMALLOC | __GFP_NOWARN)))
		list_add_tail(&page->lru, &held);
	/* give two buddies back: one order-1 unmovable block */
	list_for_each_entry(page, &held, lru) {
		if (!(page_to_pfn(page) & 1) && page_to_pfn(list_entry(page->lru.next,
				struct page, lru)) == page_to_pfn(page) + 1) {
			a = page;
			b = list_entry(page->lru.next, struct page, lru);
			break;
		}
	}
	assert_non_null(a);
	list_del(&a->lru);
	list_del(&b->lru);
	__free_page(a);		/* DMA's per-CPU list has high 0: straight through */
	__free_page(b);
	assert_int_equal(dma->free_area[1].nr_free, 1);
	assert_int_equal(dma->free_pages, 2);
	claimed = vm_events[MT_PAGEBLOCK_CLAIMED];
	/* a movable page in DMA: only an order-1 unmovable block exists */
	page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA | __GFP_MOVABLE | __GFP_MEMALLOC, 0);
	assert_ptr_equal(page, a);
	assert_int_equal(vm_events[MT_PAGEBLOCK_CLAIMED], claimed);	/* too small */
	assert_int_equal(get_pageblock_migratetype(dma, page_to_pfn(a)), MIGRATE_UNMOVABLE);
	/* the other half stayed with its own type */
	assert_int_equal(list_len(&dma->free_area[0].free_list[MIGRATE_UNMOVABLE]), 1);
	assert_int_equal(list_len(&dma->free_area[0].free_list[MIGRATE_MOVABLE]), 0);
	__free_page(page);
	list_for_each_entry_safe(page, next, &held, lru)
		__free_page(page);
	check_invariants();
}

/* ------------------------------------------------------ per-CPU lists */

/* Linux's batch formula, computed here independently. */
static int expected_batch(unsigned long managed)
{
	unsigned long b = managed / 1024, p = 1;

	if (b > 256)
		b = 256;
	b /= 4;
	if (b < 1)
		b = 1;
	while (p * 2 <= b + b / 2)
		p *= 2;
	return (int)p - 1;
}

static void test_pcp_sizes(void **state)
{
	struct zone *zone;

	boot(1024, 768, NULL);
	for_each_zone(zone) {
		int b = expected_batch(zone->managed_pages);

		assert_int_equal(this_cpu_pcp(zone)->batch, b > 1 ? b : 1);
		assert_int_equal(this_cpu_pcp(zone)->high, 6 * b);
	}
	/* the figures quoted in the docs */
	assert_int_equal(this_cpu_pcp(Z(ZONE_NORMAL))->batch, 63);
	assert_int_equal(this_cpu_pcp(Z(ZONE_NORMAL))->high, 378);
	assert_int_equal(this_cpu_pcp(Z(ZONE_HIGHMEM))->batch, 15);
	assert_int_equal(this_cpu_pcp(Z(ZONE_HIGHMEM))->high, 90);
	assert_int_equal(this_cpu_pcp(Z(ZONE_DMA))->batch, 1);
	assert_int_equal(this_cpu_pcp(Z(ZONE_DMA))->high, 0);
}

static void test_pcp_refill_hot_cold(void **state)
{
	struct zone *zone = Z(ZONE_NORMAL);
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	unsigned long free0;
	struct page *p, *q;
	int batch;

	boot(256, 256, NULL);
	batch = pcp->batch;
	assert_int_equal(batch, 15);
	free0 = zone->free_pages;
	p = alloc_page(GFP_KERNEL);
	assert_ptr_equal(page_zone(p), zone);
	assert_int_equal(pcp->count, batch - 1);		/* refilled by one batch */
	assert_int_equal(zone->free_pages, free0 - batch);
	assert_int_equal(vm_events[PCP_REFILL], 1);

	__free_page(p);						/* hot: to the head */
	assert_int_equal(pcp->count, batch);
	assert_ptr_equal(list_first_entry(&pcp->lists[MIGRATE_UNMOVABLE], struct page, lru), p);
	assert_ptr_equal(alloc_page(GFP_KERNEL), p);		/* and back first */

	free_cold_page(p);					/* cold: to the tail */
	assert_ptr_equal(list_last_entry(&pcp->lists[MIGRATE_UNMOVABLE], struct page, lru), p);
	q = alloc_page(GFP_KERNEL);				/* a hot one first */
	assert_ptr_not_equal(q, p);
	__free_page(q);
	assert_ptr_equal(alloc_page(GFP_KERNEL | __GFP_COLD), p);	/* the cold one */
	__free_page(p);
	assert_int_equal(vm_events[PCP_REFILL], 1);		/* no refill needed */
	check_invariants();
}

static void test_pcp_drain_at_high(void **state)
{
	struct zone *zone = Z(ZONE_NORMAL);
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct page *pages[200];
	unsigned long free0;
	int i, n, high, batch, drains;

	boot(256, 256, NULL);
	high = pcp->high;
	batch = pcp->batch;
	n = high + batch;
	assert_true(n <= (int)ARRAY_SIZE(pages));
	free0 = zone->free_pages;
	for (i = 0; i < n; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	drains = (int)vm_events[PCP_DRAIN];
	for (i = 0; i < n; i++) {
		__free_page(pages[i]);
		assert_true(pcp->count < high);
		if (i + 1 == high) {
			/* reaching high sent the `batch` coldest back */
			assert_int_equal(vm_events[PCP_DRAIN], drains + 1);
			assert_int_equal(pcp->count, high - batch);
		}
	}
	/* the first pages freed went in hot and sank to the tail: drained */
	assert_int_equal(page_ref_count(pages[0]), 0);
	for (i = 0; i < batch; i++) {
		struct page *p;
		bool on_pcp = false;

		list_for_each_entry(p, &pcp->lists[MIGRATE_UNMOVABLE], lru)
			on_pcp |= p == pages[i];
		assert_false(on_pcp);
	}
	drain_all_pages();
	assert_int_equal(pcp->count, 0);
	assert_int_equal(zone->free_pages, free0);
	check_invariants();
}

static void test_pcp_passthrough_small_zone(void **state)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(Z(ZONE_DMA));
	unsigned long free0;
	struct page *p;

	boot(64, 64, NULL);
	assert_int_equal(pcp->high, 0);
	free0 = Z(ZONE_DMA)->free_pages;
	p = alloc_page(GFP_KERNEL | GFP_DMA);
	assert_int_equal(page_zonenum(p), ZONE_DMA);
	assert_int_equal(pcp->count, 0);	/* a batch of 1, handed out */
	assert_int_equal(Z(ZONE_DMA)->free_pages, free0 - 1);
	__free_page(p);
	assert_int_equal(pcp->count, 0);	/* high 0: drained at once */
	assert_int_equal(Z(ZONE_DMA)->free_pages, free0);
}

/* ------------------------------------------------------------ watermarks */

/* The largest r with r * r <= x, by counting up (slow, obviously right). */
static unsigned long ref_isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* The arithmetic of mm_init.c, redone here from the zones' sizes. */
static void check_watermarks(unsigned long lo_kb, unsigned long hi_kb)
{
	unsigned long lowmem = Z(ZONE_DMA)->managed_pages + Z(ZONE_NORMAL)->managed_pages;
	unsigned long mfk = ref_isqrt(lowmem * 4 * 16), pages_min;
	struct zone *zone;

	if (mfk < 128)
		mfk = 128;
	assert_int_equal(min_free_kbytes, mfk);
	assert_in_range(min_free_kbytes, lo_kb, hi_kb);		/* the docs' figure */
	pages_min = mfk / 4;
	for_each_zone(zone) {
		unsigned long min;

		if (!populated_zone(zone))
			continue;
		if (is_highmem(zone)) {
			min = zone->managed_pages / 1024;
			min = min < 32 ? 32 : min > 128 ? 128 : min;
		} else {
			min = pages_min * zone->managed_pages / lowmem;
		}
		assert_int_equal(min_wmark_pages(zone), min);
		assert_int_equal(low_wmark_pages(zone), min * 5 / 4);
		assert_int_equal(high_wmark_pages(zone), min * 3 / 2);
	}
}

static void test_watermarks_1024(void **state)
{
	boot(1024, 768, NULL);
	check_watermarks(3500, 3547);		/* sqrt(786432 * 16) = 3547 */
	assert_int_equal(min_wmark_pages(Z(ZONE_HIGHMEM)), 64);	/* 65536 / 1024 */
	assert_int_equal(low_wmark_pages(Z(ZONE_HIGHMEM)), 80);
	assert_int_equal(high_wmark_pages(Z(ZONE_HIGHMEM)), 96);
	/* DMA gets about 16/768 of the lowmem minimum */
	assert_in_range(min_wmark_pages(Z(ZONE_DMA)), 17, 19);
}

static void test_watermarks_512(void **state)
{
	boot(512, 768, NULL);
	check_watermarks(2850, 2896);		/* sqrt(524288 * 16) = 2896 */
	assert_int_equal(min_wmark_pages(Z(ZONE_HIGHMEM)), 0);
}

static void test_watermarks_256(void **state)
{
	boot(256, 768, NULL);
	check_watermarks(2000, 2048);		/* sqrt(262144 * 16) = 2048 */
}

static void test_watermarks_recomputed(void **state)
{
	boot(256, 768, NULL);
	min_free_kbytes = 8192;
	setup_per_zone_wmarks();
	/* 2048 pages split between DMA and Normal, each share rounded down */
	assert_in_range(min_wmark_pages(Z(ZONE_DMA)) + min_wmark_pages(Z(ZONE_NORMAL)),
			2047, 2048);
	assert_int_equal(low_wmark_pages(Z(ZONE_NORMAL)),
			 min_wmark_pages(Z(ZONE_NORMAL)) * 5 / 4);
}

/*
 * Drive the DMA zone (pages straight from the buddy lists) down through
 * low, min and the atomic reserve, and check where each kind of request
 * stops and what it counts.
 */
static void test_watermark_behaviour(void **state)
{
	struct zone *dma = Z(ZONE_DMA);
	unsigned long min, low, atomic_mark, free_start;
	struct page *page;
	LIST_HEAD(held);

	boot(64, 64, NULL);
	min = min_wmark_pages(dma);
	low = low_wmark_pages(dma);
	atomic_mark = (min - min / 2) - (min - min / 2) / 4;	/* 3/8 of min */
	free_start = dma->free_pages;

	while (dma->free_pages > low) {
		page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA, 0);
		list_add(&page->lru, &held);
	}
	assert_int_equal(vm_events[ALLOC_BELOW_LOW], 0);	/* fast path so far */
	page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA, 0);	/* below low: slow path */
	list_add(&page->lru, &held);
	assert_int_equal(vm_events[ALLOC_BELOW_LOW], 1);
	while ((page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 0)))
		list_add(&page->lru, &held);
	assert_int_equal(dma->free_pages, min);		/* normal requests stop at min */
	assert_int_equal(vm_events[ALLOC_BELOW_MIN_FAIL], 1);
	assert_int_equal(vm_events[ALLOCSTALL], 1);	/* the reclaim hook was called */

	while ((page = __alloc_pages_buddy(GFP_ATOMIC | GFP_DMA | __GFP_NOWARN, 0)))
		list_add(&page->lru, &held);
	assert_int_equal(dma->free_pages, atomic_mark);	/* atomic ones go to 3/8 */
	assert_int_equal(vm_events[ALLOC_BELOW_MIN_ATOMIC], min - atomic_mark);
	assert_int_equal(vm_events[ALLOCSTALL], 1);	/* atomic never reclaims */

	page = __alloc_pages_buddy(GFP_ATOMIC | GFP_DMA | __GFP_MEMALLOC, 0);
	assert_non_null(page);				/* no watermark at all */
	list_add(&page->lru, &held);
	while (!list_empty(&held)) {
		page = list_first_entry(&held, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	assert_int_equal(dma->free_pages, free_start);
}

/*
 * The mark applies to what is left *after* the request: with `low + 8`
 * pages free, 8 pages still pass the fast path and 16 do not (they go to
 * the slow path, which counts ALLOC_BELOW_LOW).  A check that looks at
 * the free count alone, or adds one page whatever the order, lets the
 * order-4 request through.
 */
static void test_watermark_counts_the_request(void **state)
{
	struct zone *dma = Z(ZONE_DMA);
	unsigned long low;
	struct page *page;
	LIST_HEAD(held);

	boot(64, 64, NULL);
	low = low_wmark_pages(dma);
	while (dma->free_pages > low + 8) {
		page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA, 0);	/* no per-CPU list */
		assert_non_null(page);
		list_add(&page->lru, &held);
	}
	assert_int_equal(dma->free_pages, low + 8);
	assert_int_equal(vm_events[ALLOC_BELOW_LOW], 0);

	page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA, 3);	/* leaves low: fast path */
	assert_non_null(page);
	assert_int_equal(vm_events[ALLOC_BELOW_LOW], 0);
	__free_pages(page, 3);
	assert_int_equal(dma->free_pages, low + 8);

	page = __alloc_pages_buddy(GFP_KERNEL | GFP_DMA, 4);	/* would leave low - 8 */
	assert_int_equal(vm_events[ALLOC_BELOW_LOW], 1);
	if (page)
		__free_pages(page, 4);
	while (!list_empty(&held)) {
		page = list_first_entry(&held, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
}

/* ------------------------------------------------------- debug checks */

static void test_double_free_detected(void **state)
{
	struct page *p;

	boot(256, 256, NULL);		/* Normal's per-CPU list keeps pages */
	p = alloc_page(GFP_KERNEL);
	__free_page(p);
	assert_int_equal(this_cpu_pcp(Z(ZONE_NORMAL))->count,
			 this_cpu_pcp(Z(ZONE_NORMAL))->batch);
	expect_assert_failure(__free_page(p));		/* on the per-CPU list */
	assert_non_null(strstr(host_last_panic, "is already free (double free?)"));

	p = alloc_pages(GFP_KERNEL, 3);
	__free_pages(p, 3);
	expect_assert_failure(__free_pages(p, 3));	/* on the buddy lists */
	assert_non_null(strstr(host_last_panic, "already free"));
	check_invariants();				/* and nothing was touched */
}

static void test_wrong_order_detected(void **state)
{
	struct page *p;
	char msg[128];

	boot(64, 48, NULL);
	p = alloc_pages(GFP_KERNEL, 2);
	expect_assert_failure(__free_pages(p, 1));
	snprintf(msg, sizeof(msg), "page pfn 0x%lx freed with order 1 but allocated with order 2",
		 (unsigned long)page_to_pfn(p));
	assert_non_null(strstr(host_last_panic, msg));
	expect_assert_failure(__free_pages(p + 1, 0));	/* a tail page */
	assert_non_null(strstr(host_last_panic, "is inside the order-2 block"));
	__free_pages(p, 2);				/* the right call still works */
	expect_assert_failure(__free_page(pfn_to_page(0x60010)));	/* kernel image */
	assert_non_null(strstr(host_last_panic, "is reserved"));
	check_invariants();
}

static void test_bad_arguments(void **state)
{
	char buf[64];

	boot(64, 48, NULL);
	expect_assert_failure(get_free_page(GFP_HIGHUSER));
	assert_non_null(strstr(host_last_panic, "__GFP_HIGHMEM"));
	expect_assert_failure(alloc_page(__GFP_DMA | __GFP_HIGHMEM));
	expect_assert_failure(free_page(buf));		/* not lowmem */
	free_page(NULL);				/* allowed, does nothing */
}

static void test_refcount_get_put(void **state)
{
	unsigned long free0;
	struct page *p;

	boot(64, 48, NULL);
	p = alloc_page(GFP_KERNEL);
	free0 = nr_free_pages();
	get_page(p);
	assert_int_equal(page_ref_count(p), 2);
	put_page(p);
	assert_int_equal(nr_free_pages(), free0);	/* still held */
	put_page(p);
	assert_int_equal(nr_free_pages(), free0 + 1);	/* last reference */
}

/* ------------------------------------------------- poisoning, zeroing */

static bool all_bytes(const void *p, unsigned char v)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < PAGE_SIZE; i++)
		if (b[i] != v)
			return false;
	return true;
}

/* The same for a page of any zone, through a temporary mapping. */
static bool page_all_bytes(struct page *page, unsigned char v)
{
	void *va = kmap_atomic(page);
	bool ok = all_bytes(va, v);

	kunmap_atomic(va);
	return ok;
}

static void test_poison_and_zero(void **state)
{
	struct page *p, *h;
	void *va;

	boot(64, 48, NULL);
	va = get_free_page(GFP_KERNEL);
	memset(va, 0x11, PAGE_SIZE);
	free_page(va);
	assert_true(all_bytes(va, 0xaa));		/* poisoned on free */
	va = get_zeroed_page(GFP_KERNEL);
	assert_true(all_bytes(va, 0));
	free_page(va);

	h = alloc_page(GFP_HIGHUSER);
	assert_true(PageHighMem(h));
	assert_null(page_address(h));			/* no kernel address */
	va = kmap_atomic(h);
	memset(va, 0x22, PAGE_SIZE);
	kunmap_atomic(va);
	__free_page(h);
	assert_true(page_all_bytes(h, 0xaa));		/* poisoned through kmap_atomic */
	p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 1);
	assert_true(PageHighMem(p));
	assert_true(page_all_bytes(p, 0) && page_all_bytes(p + 1, 0));
	__free_pages(p, 1);
}

/* -------------------------------------------------------------- views */

static void test_view_buddyinfo_format(void **state)
{
	char buf[1024], *line;
	struct zone *zone;
	int o;

	boot(64, 48, NULL);
	buddyinfo(buf, sizeof(buf));
	line = buf;
	for_each_zone(zone) {
		char want[160];
		struct seq_buf s;

		seq_buf_init(&s, want, sizeof(want));
		seq_printf(&s, "Node 0, zone %8s ", zone->name);
		for (o = 0; o < MAX_ORDER; o++)
			seq_printf(&s, "%6lu ", zone->free_area[o].nr_free);
		seq_printf(&s, "\n");
		assert_int_equal(strncmp(line, want, strlen(want)), 0);
		line += strlen(want);
	}
	assert_string_equal(line, "");
	assert_int_equal(strncmp(buf, "Node 0, zone      DMA      ", 27), 0);
}

static unsigned long meminfo_value(const char *buf, const char *name)
{
	const char *p = strstr(buf, name);

	assert_non_null(p);
	assert_int_equal(strlen(name) <= 16 && p[16 + 8] == ' ', 1);	/* %-16s%8lu */
	return strtoul(p + 16, NULL, 10);
}

/* Linux 6.1's /proc/meminfo lines, in its order (a 32-bit ARM with HIGHMEM, ZSWAP, CMA). */
static const char *const meminfo_names[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active",
	"Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
	"Unevictable", "Mlocked", "HighTotal", "HighFree", "LowTotal", "LowFree", "SwapTotal",
	"SwapFree", "Zswap", "Zswapped", "Dirty", "Writeback", "AnonPages", "Mapped", "Shmem",
	"KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables",
	"NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS", "VmallocTotal",
	"VmallocUsed", "VmallocChunk", "Percpu", "CmaTotal", "CmaFree",
};

static void test_view_meminfo(void **state)
{
	char buf[4096], name[32];
	const char *line;
	struct seq_buf s;
	struct zone *z;
	unsigned long reserve = 0, low = 0, free;
	unsigned i;

	boot(64, 48, NULL);
	alloc_page(GFP_KERNEL);		/* leaves pages on a per-CPU list */
	seq_buf_init(&s, buf, sizeof(buf));
	show_meminfo(&s);
	assert_int_equal(meminfo_value(buf, "MemTotal:"), totalram_pages * 4);
	assert_int_equal(meminfo_value(buf, "MemFree:"), nr_free_pages() * 4);
	assert_int_equal(meminfo_value(buf, "HighTotal:"), PAGES(16) * 4);
	assert_int_equal(meminfo_value(buf, "LowTotal:") + meminfo_value(buf, "HighTotal:"),
			 meminfo_value(buf, "MemTotal:"));
	assert_int_equal(meminfo_value(buf, "LowFree:") + meminfo_value(buf, "HighFree:"),
			 meminfo_value(buf, "MemFree:"));
	/* every line, in order, "Name:" padded to 16, 8 digits, " kB" */
	for (i = 0, line = buf; i < sizeof(meminfo_names) / sizeof(meminfo_names[0]); i++) {
		assert_non_null(line);
		snprintf(name, sizeof(name), "%s:", meminfo_names[i]);
		assert_int_equal(strncmp(line, name, strlen(name)), 0);
		assert_int_equal(strncmp(line + 24, " kB\n", 4), 0);
		line = strchr(line, '\n') + 1;
	}
	assert_string_equal(line, "");
	/* MemAvailable as Linux: free less the high watermarks (no cache here) */
	for_each_zone(z) {
		reserve += high_wmark_pages(z);
		low += low_wmark_pages(z);
	}
	free = nr_free_pages();
	assert_true(free > reserve && low > 0);
	assert_int_equal(meminfo_value(buf, "MemAvailable:"), (free - reserve) * 4);
}

static void test_view_zoneinfo_pagetypeinfo_vmstat(void **state)
{
	static char buf[8192];
	char want[128];
	struct seq_buf s;

	boot(64, 48, NULL);
	__free_page(alloc_page(GFP_KERNEL));
	seq_buf_init(&s, buf, sizeof(buf));
	show_zoneinfo(&s);
	assert_false(s.overflow);
	snprintf(want, sizeof(want), "Node 0, zone   Normal\n  pages free     %lu\n"
		 "        min      %lu\n", Z(ZONE_NORMAL)->free_pages,
		 min_wmark_pages(Z(ZONE_NORMAL)));
	assert_non_null(strstr(buf, want));
	snprintf(want, sizeof(want), "              count: %d\n              high:  %d\n",
		 this_cpu_pcp(Z(ZONE_NORMAL))->count, this_cpu_pcp(Z(ZONE_NORMAL))->high);
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(buf, "        managed  "));

	seq_buf_init(&s, buf, sizeof(buf));
	show_pagetypeinfo(&s);
	assert_false(s.overflow);
	assert_non_null(strstr(buf, "Page block order: 10\nPages per block:  1024\n"));
	assert_non_null(strstr(buf, "Node    0, zone   Normal, type    Unmovable "));
	/* 32 MiB of Normal = 8 pageblocks: 1 became unmovable above */
	assert_non_null(strstr(buf, "Node 0, zone   Normal            1            7            0 \n"));

	seq_buf_init(&s, buf, sizeof(buf));
	show_vmstat(&s);
	snprintf(want, sizeof(want), "\npgfree %lu\n", vm_events[PGFREE]);
	assert_non_null(strstr(buf, want));
	assert_int_equal(vm_events[PGFREE], 1);
	assert_non_null(strstr(buf, "nr_free_pages "));
}

/* ------------------------------------------------- the kernel self-test */

static void test_selftest_three_zones(void **state)
{
	boot(64, 48, NULL);
	assert_int_equal(selftest_buddy(), 0);
	check_invariants();
}

static void test_selftest_no_highmem(void **state)
{
	boot(32, 64, "mem_dma=8M");
	assert_int_equal(selftest_buddy(), 0);
	check_invariants();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_zones_1024, teardown),
		cmocka_unit_test_teardown(test_zones_512_no_highmem, teardown),
		cmocka_unit_test_teardown(test_mem_dma_cmdline, teardown),
		cmocka_unit_test_teardown(test_split_and_merge, teardown),
		cmocka_unit_test_teardown(test_every_order_aligned, teardown),
		cmocka_unit_test_teardown(test_random_coalescing_three_zones, teardown),
		cmocka_unit_test_teardown(test_random_coalescing_lowmem_only, teardown),
		cmocka_unit_test_teardown(test_random_coalescing_unaligned_zones, teardown),
		cmocka_unit_test_teardown(test_no_merge_across_zones, teardown),
		cmocka_unit_test_teardown(test_zonelists_per_gfp, teardown),
		cmocka_unit_test_teardown(test_zone_fallback_order, teardown),
		cmocka_unit_test_teardown(test_gfp_dma_only_dma, teardown),
		cmocka_unit_test(test_fallback_table),
		cmocka_unit_test_teardown(test_steal_whole_pageblock, teardown),
		cmocka_unit_test_teardown(test_steal_prefers_table_order, teardown),
		cmocka_unit_test_teardown(test_small_steal_keeps_pageblock, teardown),
		cmocka_unit_test_teardown(test_pcp_sizes, teardown),
		cmocka_unit_test_teardown(test_pcp_refill_hot_cold, teardown),
		cmocka_unit_test_teardown(test_pcp_drain_at_high, teardown),
		cmocka_unit_test_teardown(test_pcp_passthrough_small_zone, teardown),
		cmocka_unit_test_teardown(test_watermarks_1024, teardown),
		cmocka_unit_test_teardown(test_watermarks_512, teardown),
		cmocka_unit_test_teardown(test_watermarks_256, teardown),
		cmocka_unit_test_teardown(test_watermarks_recomputed, teardown),
		cmocka_unit_test_teardown(test_watermark_behaviour, teardown),
		cmocka_unit_test_teardown(test_watermark_counts_the_request, teardown),
		cmocka_unit_test_teardown(test_double_free_detected, teardown),
		cmocka_unit_test_teardown(test_wrong_order_detected, teardown),
		cmocka_unit_test_teardown(test_bad_arguments, teardown),
		cmocka_unit_test_teardown(test_refcount_get_put, teardown),
		cmocka_unit_test_teardown(test_poison_and_zero, teardown),
		cmocka_unit_test_teardown(test_view_buddyinfo_format, teardown),
		cmocka_unit_test_teardown(test_view_meminfo, teardown),
		cmocka_unit_test_teardown(test_view_zoneinfo_pagetypeinfo_vmstat, teardown),
		cmocka_unit_test_teardown(test_selftest_three_zones, teardown),
		cmocka_unit_test_teardown(test_selftest_no_highmem, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
