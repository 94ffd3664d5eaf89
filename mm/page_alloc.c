/*
 * The buddy allocator, the per-CPU page lists and the watermark checks
 * (docs/physical-memory.md).  Setup (mem_map, zones, watermark values, list sizes)
 * is in mm/mm_init.c; the text views are in mm/vmstat.c.
 *
 * ---------------------------------------------------------------------
 * Buddy math
 *
 * A free block of 2^order pages starts at a pfn that is a multiple of
 * 2^order.  Its buddy is the other half of the block of the next order,
 * found by flipping bit `order` of the pfn; the two merge into the block
 * at pfn & ~(1 << order) (the lower of the two).  Freeing pfn 0x61005:
 *
 *   order  block    buddy = pfn ^ (1 << order)  buddy is            then
 *   -----  -------  --------------------------  ------------------  ------------------
 *     0    0x61005  0x61004                     free, order 0       merge: 0x61004/1
 *     1    0x61004  0x61006                     free, order 1       merge: 0x61004/2
 *     2    0x61004  0x61000                     free, order 2       merge: 0x61000/3
 *     3    0x61000  0x61008                     allocated           stop: 0x61000 goes
 *                                                                   on free_area[3]
 *
 * Allocation is the reverse (expand): asking for order 0 when the
 * smallest free block is 0x61000/3, the caller gets 0x61000 and the upper
 * halves go back on the lists: 0x61004/2, 0x61002/1, 0x61001/0.
 *
 * A buddy is only looked at if the zone spans its pfn (never across zones,
 * never off mem_map), and is only merged if it heads a free block of the
 * same order: PG_buddy set and page->private == order.
 *
 * ---------------------------------------------------------------------
 * Migrate-type fallback (when the lists of the wanted type are empty)
 *
 *   wanted        try first     then
 *   ------------  ------------  ----------
 *   Unmovable     Reclaimable   Movable
 *   Movable       Reclaimable   Unmovable
 *   Reclaimable   Unmovable     Movable
 *
 * The search starts at the LARGEST order and goes down: stealing one big
 * block and making its whole pageblock ours mixes fewer pageblocks than
 * nibbling small blocks everywhere.  When the stolen block is at least
 * half a pageblock's order (>= order 5) or the thief is not movable
 * (kernel pages are worth clustering at any cost), every free block of
 * that pageblock moves to the thief's lists, and if that was at least
 * half the pageblock, the pageblock's type changes too
 * (MT_PAGEBLOCK_CLAIMED).  Otherwise only the one block is taken and its
 * split-off halves stay with their old type.
 *
 * ---------------------------------------------------------------------
 * Watermarks, for a request of 2^order pages ("ok" = the zone keeps at
 * least `mark` free pages on its buddy lists after the allocation):
 *
 *   attempt                 mark                       on failure
 *   ----------------------  -------------------------  ---------------------------
 *   1. fast path            low                        next zone of the zonelist
 *   2. slow path            min, less 1/2 if __GFP_HIGH next zone; count
 *                           and a further 1/4 if       ALLOC_BELOW_LOW and call
 *                           __GFP_ATOMIC (GFP_ATOMIC:  wakeup_kswapd() first
 *                           3/8 of min)
 *   3. __GFP_MEMALLOC,      none                       next zone
 *      PF_MEMALLOC (reclaim
 *      itself), OOM victim
 *   4. __GFP_DIRECT_RECLAIM try_to_free_pages(), then attempt 2 again
 *                           (retries: alloc_pages_slowpath)
 *   5. __GFP_FS, order <= 3 the OOM killer (mm/oom_kill.c), then 2 again
 *   6. fail                 count ALLOC_BELOW_MIN_FAIL, warn unless __GFP_NOWARN
 *
 * ---------------------------------------------------------------------
 * Interrupts: every list and counter of a zone is touched with interrupts
 * masked (local_irq_save), so interrupt handlers may allocate with
 * GFP_ATOMIC.  The watermark reads are not locked: a stale value only
 * makes one allocation a little more or less cautious.
 */
#include <kernel/bug.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/arch_cache.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include <mm/swap.h>
#include <mm/oom.h>
#include <kernel/sched.h>
#include <kernel/irq.h>
#include "internal.h"
#include <kernel/fault_inject.h>

/* How get_page_from_freelist may take pages (a bit mask). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_MASK	0x03u
#define ALLOC_NO_WATERMARKS	0x04u	/* __GFP_MEMALLOC */
#define ALLOC_HIGH		0x08u	/* __GFP_HIGH: half of min */
#define ALLOC_HARDER		0x10u	/* __GFP_ATOMIC: a further quarter off */
#define ALLOC_NO_PCP		0x20u	/* straight to the buddy lists */

/* Where a freed order-0 page goes. */
enum free_where { FREE_HOT, FREE_COLD, FREE_BUDDY };

/*
 * The fast paths are written as small functions for the reader, and
 * forced inline so that each caller gets a copy specialised for its
 * constant arguments (alloc_flags above all); the rare paths are kept out
 * of line so that they do not crowd the fast ones.
 */
/* (__always_inline and __noinline: include/kernel/types.h) */

/* Freed pages are filled with this in debug builds (Linux's choice too). */
#define PAGE_POISON		0xaa

const u8 migrate_fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/* ------------------------------------------------------ free lists */

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	page->private = order;
	page->flags |= 1UL << PG_buddy;
	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	page->flags &= ~(1UL << PG_buddy);
	page->private = 0;
	zone->free_area[order].nr_free--;
}

/*
 * __free_one_page - put the free block (pfn, order) on zone's lists,
 * merging it with its buddy as long as the buddy is free (table above).
 * Interrupts masked.  Counts the pages in zone->free_pages.
 */
static void __free_one_page(pfn_t pfn, struct zone *zone, unsigned int order,
			    int mt)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_ORDER - 1) {
		pfn_t buddy_pfn = pfn ^ (1U << order);
		struct page *buddy;

		if (!zone_spans_pfn(zone, buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!PageBuddy(buddy) || buddy->private != order)
			break;
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;
		order++;
	}
	add_to_free_list(pfn_to_page(pfn), zone, order, mt);
}

/*
 * expand - the caller took the block (page, high) off the lists and wants
 * only (page, low): put the upper halves back, largest first.
 */
static inline void expand(struct zone *zone, struct page *page,
			  unsigned int low, unsigned int high, int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, mt);
	}
}

/* The smallest free block of the wanted type that is big enough, split. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int mt)
{
	unsigned int cur;

	for (cur = order; cur < MAX_ORDER; cur++) {
		struct list_head *list = &zone->free_area[cur].free_list[mt];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_page_from_free_list(page, zone, cur);
		expand(zone, page, order, cur, mt);
		return page;
	}
	return NULL;
}

/*
 * move_freepages_block - move every free block of page's pageblock (the
 * part the zone spans) to the lists of mt.  Returns the pages moved.
 */
static unsigned long move_freepages_block(struct zone *zone, struct page *page,
					  int mt)
{
	pfn_t pfn = page_to_pfn(page) & ~(pfn_t)(pageblock_nr_pages - 1);
	pfn_t end = pfn + (pfn_t)pageblock_nr_pages;
	unsigned long moved = 0;

	pfn = MAX(pfn, zone->zone_start_pfn);
	end = MIN(end, zone->zone_end_pfn);
	while (pfn < end) {
		struct page *p = pfn_to_page(pfn);
		unsigned long order;

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		order = p->private;
		list_move(&p->lru, &zone->free_area[order].free_list[mt]);
		pfn += 1U << order;
		moved += 1UL << order;
	}
	return moved;
}

/*
 * steal_block - serve (order, start_mt) from the free block (page, cur)
 * found on the lists of another type, mt; claim its pageblock when the
 * rule in the header comment says so.
 */
static struct page *steal_block(struct zone *zone, struct page *page,
				unsigned int cur, unsigned int order,
				int start_mt, int mt)
{
	count_vm_event(MT_FALLBACK);
	if (cur >= pageblock_order / 2 || start_mt != MIGRATE_MOVABLE) {
		unsigned long moved = move_freepages_block(zone, page, start_mt);

		if (moved >= pageblock_nr_pages / 2 &&
		    get_pageblock_migratetype(zone, page_to_pfn(page)) != start_mt) {
			set_pageblock_migratetype(zone, page_to_pfn(page), start_mt);
			count_vm_event(MT_PAGEBLOCK_CLAIMED);
		}
		mt = start_mt;
	}
	del_page_from_free_list(page, zone, cur);
	expand(zone, page, order, cur, mt);
	return page;
}

/* The largest free block of a fallback type (table in the header). */
static struct page *__rmqueue_fallback(struct zone *zone, unsigned int order,
				       int start_mt)
{
	int cur, i;

	for (cur = MAX_ORDER - 1; cur >= (int)order; cur--) {
		for (i = 0; i < MIGRATE_TYPES - 1; i++) {
			int mt = migrate_fallbacks[start_mt][i];
			struct list_head *list = &zone->free_area[cur].free_list[mt];

			if (!list_empty(list))
				return steal_block(zone, list_first_entry(list, struct page, lru),
						   (unsigned int)cur, order, start_mt, mt);
		}
	}
	return NULL;
}

/* Take a block off the buddy lists.  Interrupts masked. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int mt)
{
	struct page *page = __rmqueue_smallest(zone, order, mt);

	if (unlikely(!page))
		page = __rmqueue_fallback(zone, order, mt);
	return page;
}

static __noinline struct page *rmqueue_buddy(struct zone *zone,
					      unsigned int order, int mt)
{
	unsigned long flags;
	struct page *page;

	local_irq_save(flags);
	page = __rmqueue(zone, order, mt);
	if (page)
		zone->free_pages -= 1UL << order;
	local_irq_restore(flags);
	return page;
}

static __noinline void free_one_page(struct zone *zone, struct page *page,
				      unsigned int order)
{
	pfn_t pfn = page_to_pfn(page);
	int mt = get_pageblock_migratetype(zone, pfn);
	unsigned long flags;

	local_irq_save(flags);
	__free_one_page(pfn, zone, order, mt);
	local_irq_restore(flags);
}

/* ------------------------------------------------- per-CPU lists */

/*
 * rmqueue_bulk - move up to `count` single pages of type mt from the buddy
 * lists to the tail of `list`.  Interrupts masked.  Returns how many.
 *
 * A whole block at a time: the largest order k whose 2^k pages still fit
 * in what is left to take is taken off the lists (from the smallest free
 * block that has one, split as usual), and every page of it goes on the
 * list, in address order.  Taking pages one by one would split the same
 * block k times and take each half off the lists again: about 100
 * instructions a page where this takes about 20.  With count = 15:
 *
 *   order 3 (8 pages), order 2 (4), order 1 (2), order 0 (1)
 *
 * When no block of the type is left, one page at a time with the
 * migrate-type fallback (__rmqueue).
 */
static __noinline int rmqueue_bulk(struct zone *zone, int count, int mt,
				   struct list_head *list)
{
	int i = 0;

	while (i < count) {
		unsigned int k = 31 - (unsigned int)__builtin_clz((unsigned int)(count - i));
		struct page *page;
		unsigned long n;

		if (k > MAX_ORDER - 1)
			k = MAX_ORDER - 1;
		while (!(page = __rmqueue_smallest(zone, k, mt)) && k)
			k--;
		if (!page && !(page = __rmqueue_fallback(zone, 0, mt)))
			break;
		for (n = 0; n < (1UL << k); n++) {
			page[n].private = (unsigned long)mt;
			list_add_tail(&page[n].lru, list);
		}
		i += 1 << k;
	}
	zone->free_pages -= (unsigned long)i;
	count_vm_event(PCP_REFILL);
	return i;
}

/*
 * free_pcppages_bulk - give `count` pages of pcp back to the buddy lists,
 * the coldest (tail) of each list first, taking the lists in turn.
 * Interrupts masked.
 */
static __noinline void free_pcppages_bulk(struct zone *zone, int count,
					  struct per_cpu_pages *pcp)
{
	int mt = 0;

	count = MIN(count, pcp->count);
	pcp->count -= count;
	while (count > 0) {
		struct list_head *list = &pcp->lists[mt];

		if (!list_empty(list)) {
			struct page *page = list_last_entry(list, struct page, lru);

			list_del(&page->lru);
			__free_one_page(page_to_pfn(page), zone, 0, mt);
			count--;
		}
		if (++mt == MIGRATE_PCPTYPES)
			mt = 0;
	}
	count_vm_event(PCP_DRAIN);
}

/*
 * One page from this CPU's list of type mt, refilling it if empty: the
 * hottest (head), or with __GFP_COLD the coldest (tail).
 */
static __always_inline struct page *rmqueue_pcplist(struct zone *zone, int mt,
						    gfp_t gfp)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct list_head *list = &pcp->lists[mt];
	struct page *page = NULL;
	unsigned long flags;

	local_irq_save(flags);
	if (list_empty(list))
		pcp->count += rmqueue_bulk(zone, pcp->batch, mt, list);
	if (likely(!list_empty(list))) {
		page = list_entry((gfp & __GFP_COLD) ? list->prev : list->next,
				  struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	}
	local_irq_restore(flags);
	return page;
}

/* A freed single page onto this CPU's list; drain a batch at `high`. */
static __always_inline void free_unref_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(zone, page_to_pfn(page));
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	unsigned long flags;

	local_irq_save(flags);
	page->private = (unsigned long)mt;
	if (cold)
		list_add_tail(&page->lru, &pcp->lists[mt]);
	else
		list_add(&page->lru, &pcp->lists[mt]);
	if (++pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	local_irq_restore(flags);
}

void drain_zone_pages(struct zone *zone)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	unsigned long flags;

	local_irq_save(flags);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	local_irq_restore(flags);
}

void drain_all_pages(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone))
			drain_zone_pages(zone);
}

unsigned long nr_free_pages(void)
{
	unsigned long sum = 0;
	struct zone *zone;

	for_each_zone(zone)
		sum += zone->free_pages + (unsigned long)this_cpu_pcp(zone)->count;
	return sum;
}

/* ------------------------------------------ debug checks, poisoning */

/*
 * fill_pages - memset every page of a block, HighMem ones through a
 * temporary mapping (they have no kernel address of their own).
 */
static void fill_pages(struct page *page, unsigned int order, int byte)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		void *va = kmap_atomic(&page[i]);	/* lowmem: its address */

		if (byte)
			memset(va, byte, PAGE_SIZE);
		else
			clear_page(va);
		kunmap_atomic(va);
	}
}

#ifdef CONFIG_DEBUG_MM
/*
 * A free with _refcount already 0: a double free, or a page in the middle
 * of an allocated block (look for a head below it whose order covers it).
 */
static void __noreturn bad_free(struct page *page, unsigned int order)
{
	pfn_t pfn = page_to_pfn(page);
	unsigned int o;

	for (o = 1; o < MAX_ORDER; o++) {
		pfn_t head_pfn = pfn & ~((1U << o) - 1);
		struct page *head;

		if (head_pfn == pfn || head_pfn < min_low_pfn)
			continue;
		head = pfn_to_page(head_pfn);
		if (page_ref_count(head) > 0 && !PageReserved(head) &&
		    page_alloc_order(head) >= o)
			panic("__free_pages: page pfn 0x%lx is inside the order-%u block "
			      "allocated at pfn 0x%lx (free the first page)",
			      (unsigned long)pfn, page_alloc_order(head),
			      (unsigned long)head_pfn);
	}
	panic("__free_pages: page pfn 0x%lx (order %u) is already free (double free?)",
	      (unsigned long)pfn, order);
}

/* Catch frees of pages that are not allocated, or with the wrong order. */
static void free_pages_check(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn < min_low_pfn || pfn >= max_pfn)
		panic("__free_pages: %p is not a page of mem_map (pfn 0x%lx)",
		      (void *)page, pfn);
	if (PageReserved(page))
		panic("__free_pages: page pfn 0x%lx is reserved (it never came "
		      "from the page allocator)", pfn);
	if (page_ref_count(page) <= 0)
		bad_free(page, order);
	if (page_alloc_order(page) != order)
		panic("__free_pages: page pfn 0x%lx freed with order %u but "
		      "allocated with order %u", pfn, order, page_alloc_order(page));
	if (page_ref_count(page) == 1 && page_mapcount(page) != 0)
		panic("__free_pages: page pfn 0x%lx is still mapped by %d page tables",
		      pfn, page_mapcount(page));
	if (page_ref_count(page) == 1 && PageSwapCache(page))
		panic("__free_pages: page pfn 0x%lx freed while still in the swap cache "
		      "(entry 0x%lx)", pfn, page->private);
	if (page_ref_count(page) == 1 && PageTlbPending(page))
		panic("__free_pages: page pfn 0x%lx freed while a TLB entry may still map "
		      "it: unmap, flush the TLB, then free (include/mm/tlb.h)", pfn);
}

/* A page coming off a free list must look free. */
static void check_new_page(struct page *page)
{
	if (page_ref_count(page) != 0 || PageBuddy(page) || PageReserved(page) ||
	    page->_mapcount != -1)
		panic("alloc_pages: page pfn 0x%lx on a free list is in use "
		      "(refcount %d, mapcount %d, flags 0x%lx): free lists corrupted",
		      (unsigned long)page_to_pfn(page), page_ref_count(page),
		      page->_mapcount, page->flags);
}

static void poison_pages(struct page *page, unsigned int order)
{
	fill_pages(page, order, PAGE_POISON);
}

static void gfp_check(gfp_t gfp)
{
	if ((gfp & GFP_ZONEMASK) == GFP_ZONEMASK ||
	    (gfp & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK)
		panic("alloc_pages: contradictory gfp mask 0x%x", gfp);
}
#else
static inline void free_pages_check(struct page *page, unsigned int order) { }
static inline void check_new_page(struct page *page) { }
static inline void poison_pages(struct page *page, unsigned int order) { }
static inline void gfp_check(gfp_t gfp) { }
#endif

/* ------------------------------------------------------ allocation */

/* An allocated block: _refcount 1, its order in the head's flags. */
static inline void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	check_new_page(page);
	page->flags = (page->flags & ZONES_MASK) | ((unsigned long)order << ORDER_PGSHIFT);
	set_page_count(page, 1);
	page->private = 0;
	page->mapping = NULL;
	count_vm_events((enum vm_event_item)(PGALLOC_DMA + page_zonenum(page)),
			1UL << order);
	if (gfp & __GFP_ZERO)
		fill_pages(page, order, 0);
}

static inline bool zone_watermark_ok(const struct zone *z, unsigned int order,
				     unsigned int alloc_flags)
{
	unsigned long mark = z->watermark[alloc_flags & ALLOC_WMARK_MASK];

	if (alloc_flags & ALLOC_HIGH)
		mark -= mark / 2;
	if (alloc_flags & ALLOC_HARDER)
		mark -= mark / 4;
	return z->free_pages >= mark + (1UL << order);
}

/*
 * get_page_from_freelist - walk gfp's zonelist and take the block from
 * the first zone that passes the watermark check of alloc_flags.
 */
static __always_inline struct page *get_page_from_freelist(gfp_t gfp,
							   unsigned int order,
							   unsigned int alloc_flags)
{
	struct zone *const *z;
	int mt = gfp_migratetype(gfp);

	for (z = gfp_zonelist(gfp)->zones; *z; z++) {
		struct page *page;

		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_ok(*z, order, alloc_flags))
			continue;
		if (order == 0 && !(alloc_flags & ALLOC_NO_PCP))
			page = rmqueue_pcplist(*z, mt, gfp);
		else
			page = rmqueue_buddy(*z, order, mt);
		if (page) {
			prep_new_page(page, order, gfp);
			return page;
		}
	}
	return NULL;
}

/* The failure report, at most 10 every 5 s (Linux's warn_alloc limit). */
static void warn_alloc(gfp_t gfp, unsigned int order)
{
	static RATELIMIT_STATE(nopage_rs, "warn_alloc", DEFAULT_RATELIMIT_INTERVAL,
			       DEFAULT_RATELIMIT_BURST);

	if (__ratelimit(&nopage_rs))
		pr_warn("page allocation failure: order %u, gfp 0x%x, %lu pages free\n",
			order, gfp, nr_free_pages());
}

/*
 * The slow path: every zone of the zonelist is at its low watermark.
 * Steps 2-6 of the watermark table in the header:
 *
 *   wake kswapd; try at min (less for __GFP_HIGH/__GFP_ATOMIC)
 *   reclaiming already (PF_MEMALLOC)?  no watermark, and never reclaim
 *                                      again from inside reclaim
 *   direct reclaim, then try again; while reclaim frees pages, or writes
 *     are in flight that will free some, go round again (at most
 *     MAX_RECLAIM_RETRIES rounds without progress, as Linux's
 *     should_reclaim_retry)
 *   no progress: the OOM killer, for requests that may call into file
 *     systems and are not costly (order <= 3): mm/oom_kill.c.  It kills
 *     a process and frees its memory, and the request goes round again;
 *     if the victim is this task, it fails at once (the task is dying)
 *   fail
 */
#define MAX_RECLAIM_RETRIES	16
#define PAGE_ALLOC_COSTLY_ORDER	3

static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					   unsigned int nopcp);

/*
 * The sleeps of reclaim and of the OOM killer can come in the middle of
 * any mm operation that allocates (fork copying page tables, a VMA being
 * split): while a task is here, the OOM reaper leaves its memory alone.
 */
static __noinline struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order,
						    unsigned int nopcp)
{
	struct page *page;
	bool outer;

	if (in_interrupt())
		return __alloc_pages_slowpath(gfp, order, nopcp);
	outer = !current->in_page_alloc;
	current->in_page_alloc = true;
	page = __alloc_pages_slowpath(gfp, order, nopcp);
	if (outer)
		current->in_page_alloc = false;
	return page;
}

static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order,
					   unsigned int nopcp)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | nopcp;
	int no_progress = 0, oom_rounds = 0;
	struct zone *const *z;
	struct page *page;

	count_vm_event(ALLOC_BELOW_LOW);
	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_ATOMIC)
		alloc_flags |= ALLOC_HARDER;
retry:
	if (gfp & __GFP_KSWAPD_RECLAIM)
		for (z = gfp_zonelist(gfp)->zones; *z; z++)
			wakeup_kswapd(*z, order, gfp);
	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (page) {
		if ((alloc_flags & (ALLOC_HIGH | ALLOC_HARDER)) &&
		    page_zone(page)->free_pages < min_wmark_pages(page_zone(page)))
			count_vm_event(ALLOC_BELOW_MIN_ATOMIC);
		return page;
	}
	if ((gfp & __GFP_MEMALLOC) ||
	    (!in_interrupt() && (current->flags & PF_MEMALLOC)) ||
	    (!in_interrupt() && oom_victim_dying(current))) {
		page = get_page_from_freelist(gfp, order, ALLOC_NO_WATERMARKS | nopcp);
		if (page)
			return page;
	}
	if (!(gfp & __GFP_DIRECT_RECLAIM) || in_interrupt() ||
	    (current->flags & PF_MEMALLOC) || oom_victim_dying(current))
		goto fail;
	count_vm_event(ALLOCSTALL);
	if (try_to_free_pages(gfp, order)) {
		no_progress = 0;
		page = get_page_from_freelist(gfp, order, alloc_flags);
		if (page)
			return page;
		goto retry;
	}
	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (page)
		return page;
	if (++no_progress <= MAX_RECLAIM_RETRIES && reclaim_may_progress(gfp, no_progress, order))
		goto retry;
	if (order <= PAGE_ALLOC_COSTLY_ORDER && (gfp & __GFP_FS) &&
	    oom_rounds++ < MAX_RECLAIM_RETRIES && out_of_memory(gfp, order)) {
		no_progress = 0;
		if (!oom_victim_dying(current))
			goto retry;
	}
fail:
	count_vm_event(ALLOC_BELOW_MIN_FAIL);
	if (!(gfp & __GFP_NOWARN))
		warn_alloc(gfp, order);
	return NULL;
}

static __always_inline struct page *__alloc_pages(gfp_t gfp, unsigned int order,
						  unsigned int nopcp)
{
	struct page *page;

	gfp_check(gfp);
	if (unlikely(should_fail_alloc_page())) {	/* fault injection */
		if (!(gfp & __GFP_NOWARN))
			warn_alloc(gfp, order);
		return NULL;
	}
	if (unlikely(order >= MAX_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("alloc_pages: order %u is above the largest (%d)\n",
				order, MAX_ORDER - 1);
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW | nopcp);
	if (unlikely(!page))
		page = alloc_pages_slowpath(gfp, order, nopcp);
	return page;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, 0);
}

struct page *__alloc_pages_buddy(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, ALLOC_NO_PCP);
}

void *get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (gfp & __GFP_HIGHMEM)
		panic("get_free_pages: __GFP_HIGHMEM pages have no kernel address; "
		      "use alloc_pages() and kmap()");
	page = alloc_pages(gfp, order);
	return page ? page_address(page) : NULL;
}

void *get_zeroed_page(gfp_t gfp)
{
	return get_free_pages(gfp | __GFP_ZERO, 0);
}

/* ------------------------------------------------------------ freeing */

static __always_inline void free_the_page(struct page *page, unsigned int order,
					  enum free_where where)
{
	if (unlikely(page->flags & (1UL << PG_lru)))
		lru_del_freed(page);		/* the LRU lists hold no reference */
	page->flags &= ZONES_MASK;
	poison_pages(page, order);
	count_vm_events(PGFREE, 1UL << order);
	if (order == 0 && where != FREE_BUDDY)
		free_unref_page(page, where == FREE_COLD);
	else
		free_one_page(page_zone(page), page, order);
}

void __free_pages(struct page *page, unsigned int order)
{
	free_pages_check(page, order);
	if (page_ref_dec_and_test(page))
		free_the_page(page, order, FREE_HOT);
}

void free_cold_page(struct page *page)
{
	free_pages_check(page, 0);
	if (page_ref_dec_and_test(page))
		free_the_page(page, 0, FREE_COLD);
}

void __free_pages_buddy(struct page *page, unsigned int order)
{
	free_pages_check(page, order);
	if (page_ref_dec_and_test(page))
		free_the_page(page, order, FREE_BUDDY);
}

void free_pages(void *addr, unsigned int order)
{
	if (!addr)
		return;
	if (!virt_addr_valid(addr) || ((vaddr_t)addr & ~PAGE_MASK))
		panic("free_pages: %p is not the address of a lowmem page", addr);
	__free_pages(virt_to_page(addr), order);
}

void __free_pages_core(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long i, n = 1UL << order;

	for (i = 0; i < n; i++) {
		ClearPageReserved(&page[i]);
		set_page_count(&page[i], 0);
	}
	zone->managed_pages += n;
	free_one_page(zone, page, order);
}
