/*
 * mm/vmscan.c - reclaim: taking pages back from the LRU lists when free
 * memory runs low (docs/reclaim.md; the lists are in mm/swap.c).
 *
 * Two callers, one engine:
 *
 *   who             when                               until
 *   --------------  ---------------------------------  ----------------------
 *   kswapd          an allocation found a zone below   a zone of the
 *   (background)    its low watermark (wakeup_kswapd)  request is above high
 *   direct reclaim  an allocation found every zone at  32 pages are freed
 *   (the allocator) min (try_to_free_pages)            (SWAP_CLUSTER_MAX)
 *
 * Both call shrink_node at falling priorities: at priority p, each list
 * is scanned by size >> p pages, so DEF_PRIORITY (12) looks at 1/4096 of
 * the lists and priority 0 at all of them.
 *
 *   shrink_node          split the scan between anon and file (swappiness),
 *   |                    then ask the slab shrinkers for their share
 *   +- shrink_list       per list, 32 pages at a time:
 *      +- shrink_active_list    active list too long?  age it: its oldest
 *      |                        pages go to the inactive list, except
 *      |                        mapped code that was used (second chance)
 *      +- shrink_inactive_list  isolate the oldest pages, then
 *         +- shrink_page_list   decide each one (below), free what can go
 *
 * What shrink_page_list does with an isolated inactive page:
 *
 *   page                                  fate
 *   ------------------------------------  -------------------------------
 *   locked by someone (I/O in flight)     kept
 *   under writeback                       kept, marked PG_reclaim: its end
 *                                         rotates it to the tail
 *   referenced by two page tables, or     activated (pgactivate)
 *     by one and recently used, or by an
 *     executable mapping
 *   referenced once, by one page table    kept, PG_referenced (second chance)
 *   anonymous (or of the swap cache)      to swap: shrink_anon_page
 *   tmpfs                                 activated (not swapped here)
 *   mapped, otherwise                     unmapped from every page table
 *                                         (try_to_unmap), then as below
 *   dirty, first sighting (or direct)     PG_reclaim, flusher woken, activated;
 *                                         its writeback's end puts it at the
 *                                         inactive tail for the next pass
 *   dirty, seen again by kswapd           written now (pageout), same
 *   buffers that cannot be released       kept
 *   clean, only we hold it                out of the page cache, freed
 *                                         (pgsteal)
 */
#include <kernel/types.h>
#include <kernel/bug.h>
#include <kernel/fs.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/rmap.h>
#include <mm/swap.h>
#include <mm/filemap.h>
#include <mm/writeback.h>
#include <mm/shrinker.h>
#include <mm/vmstat.h>
#include <mm/vma.h>
#include <mm/swapfile.h>
#include <kernel/selftest.h>
#include "internal.h"

#define DEF_PRIORITY		12
#define SWAP_CLUSTER_MAX	32UL
#define MAX_RECLAIM_RETRIES	16

int vm_swappiness = 60;

struct scan_control {
	unsigned long nr_to_reclaim;	/* stop once this many are freed */
	unsigned long nr_scanned;	/* inactive pages looked at */
	unsigned long nr_reclaimed;	/* ... and freed */
	gfp_t gfp_mask;
	unsigned int order;
	int priority;
	enum zone_type reclaim_idx;	/* pages of higher zones do not help */
	bool kswapd;			/* kswapd, not direct reclaim */
	bool may_writepage;		/* may write dirty pages itself */
	bool ignore_references;		/* MADV_PAGEOUT: recent use does not save a page */
	unsigned long nr_dirty;		/* dirty pages met, left to the flusher */
	unsigned long nr_writeback;	/* pages met under writeback */
};

/* ---- the trace ring (/proc/vmscan_trace) ---------------------------------- */

/*
 * One entry per shrink_node pass: who reclaimed, at which priority, and
 * what it looked at and freed.  The last VMSCAN_TRACE_LEN passes are kept.
 */
#define VMSCAN_TRACE_LEN 128
struct vmscan_trace_entry {
	unsigned long jiffies;
	int pid;
	char who;			/* 'k' kswapd, 'd' direct */
	signed char priority;
	unsigned int order;
	unsigned long scanned, reclaimed, slab;
};
static struct vmscan_trace_entry vmscan_trace[VMSCAN_TRACE_LEN];
static unsigned long vmscan_trace_next;	/* entries written since boot */

static void trace_pass(const struct scan_control *sc, unsigned long scanned,
		       unsigned long reclaimed, unsigned long slab)
{
	struct vmscan_trace_entry *e = &vmscan_trace[vmscan_trace_next++ % VMSCAN_TRACE_LEN];

	e->jiffies = jiffies;
	e->pid = current->pid;
	e->who = sc->kswapd ? 'k' : 'd';
	e->priority = (signed char)sc->priority;
	e->order = sc->order;
	e->scanned = scanned;
	e->reclaimed = reclaimed;
	e->slab = slab;
}

/*
 * /proc/vmscan_trace: one line per reclaim pass, oldest first, with the
 * time in seconds since boot and the task that reclaimed.
 */
static void show_vmscan_trace(struct seq_buf *s)
{
	unsigned long i = vmscan_trace_next > VMSCAN_TRACE_LEN ?
			  vmscan_trace_next - VMSCAN_TRACE_LEN : 0;

	seq_printf(s, "%12s %-7s %5s %4s %5s %8s %9s %6s\n", "time", "who", "pid",
		   "prio", "order", "scanned", "reclaimed", "slab");
	for (; i < vmscan_trace_next; i++) {
		const struct vmscan_trace_entry *e = &vmscan_trace[i % VMSCAN_TRACE_LEN];

		seq_printf(s, "%8lu.%03lu %-7s %5d %4d %5u %8lu %9lu %6lu\n",
			   e->jiffies / HZ, (e->jiffies % HZ) * (1000 / HZ),
			   e->who == 'k' ? "kswapd" : "direct", e->pid, e->priority,
			   e->order, e->scanned, e->reclaimed, e->slab);
	}
}
VIEW(vmscan_trace, show_vmscan_trace);

/* ---- isolating ------------------------------------------------------------ */

static struct page *lru_to_page(struct list_head *head)
{
	return list_entry(head->prev, struct page, lru);
}

/*
 * isolate_lru_pages - take up to nr pages from the tail (the oldest end)
 * of list lru onto dst, each with a reference and PG_lru clear.  Pages of
 * zones above sc->reclaim_idx would not help the request: they go to the
 * head of the list instead, and do not count as scanned.  *scanned gets
 * the pages looked at.  Interrupts masked by the caller.
 */
static unsigned long isolate_lru_pages(unsigned long nr, enum lru_list lru,
				       struct list_head *dst, struct scan_control *sc,
				       unsigned long *scanned)
{
	struct lruvec *lv = node_lruvec();
	struct list_head *src = &lv->lists[lru];
	unsigned long taken = 0, looked = 0, budget = nr * 4;
	LIST_HEAD(skipped);

	while (taken < nr && looked < budget && !list_empty(src)) {
		struct page *page = lru_to_page(src);

		looked++;
		if (page_zonenum(page) > sc->reclaim_idx) {
			list_move(&page->lru, &skipped);
			continue;
		}
		get_page(page);
		ClearPageLRU(page);
		list_move(&page->lru, dst);
		lv->nr_pages[lru]--;
		taken++;
	}
	list_splice(&skipped, src);
	*scanned = taken;
	return taken;
}

/* Isolated pages back onto the lists their flags say; references dropped. */
static void putback_pages(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = lru_to_page(list);

		list_del(&page->lru);
		putback_lru_page(page);
	}
}

/* ---- deciding ------------------------------------------------------------- */

enum page_references {
	PAGEREF_RECLAIM,
	PAGEREF_RECLAIM_CLEAN,
	PAGEREF_KEEP,
	PAGEREF_ACTIVATE,
};

/*
 * page_check_references - the second chance, from the young bits of the
 * page-table entries (page_referenced clears them as it reads them) and
 * from PG_referenced (mark_page_accessed: read() and write()).
 */
static enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags = 0;
	int ptes = page_referenced(page, &vm_flags);
	bool referenced = TestClearPageReferenced(page);

	if (vm_flags & VM_LOCKED)
		return PAGEREF_ACTIVATE;	/* putback moves it to unevictable */
	if (ptes) {
		SetPageReferenced(page);
		if (referenced || ptes > 1)
			return PAGEREF_ACTIVATE;	/* used twice */
		if ((vm_flags & VM_EXEC) && !PageSwapBacked(page))
			return PAGEREF_ACTIVATE;	/* code: keep it, it is small */
		return PAGEREF_KEEP;
	}
	if (referenced && !PageSwapBacked(page))
		return PAGEREF_RECLAIM_CLEAN;		/* read once: may go if clean */
	return PAGEREF_RECLAIM;
}

enum pageout_result { PAGE_KEEP, PAGE_ACTIVATE, PAGE_SUCCESS, PAGE_CLEAN };

/*
 * pageout - kswapd writes a dirty page that it met twice (the flusher did
 * not get to it).  The page is locked; writepage unlocks it and starts
 * the write.  PG_reclaim makes the end of the write rotate it to the
 * inactive tail.
 */
static enum pageout_result pageout(struct page *page, struct address_space *mapping)
{
	struct writeback_control wbc = {
		.sync_mode = WB_SYNC_NONE, .nr_to_write = SWAP_CLUSTER_MAX, .for_reclaim = true,
	};
	int err;

	if (!mapping || !mapping->a_ops->writepage)
		return PAGE_ACTIVATE;
	if (!clear_page_dirty_for_io(page))
		return PAGE_CLEAN;
	SetPageReclaim(page);
	err = mapping->a_ops->writepage(page, &wbc);
	if (err < 0)
		mapping_set_error(mapping, err);
	if (!PageWriteback(page))
		ClearPageReclaim(page);		/* done already, or never started */
	count_vm_event(PGPAGEOUT);
	return PAGE_SUCCESS;
}

/*
 * remove_mapping - take a clean, locked, unmapped page out of the page
 * cache if nobody else holds it: the cache's reference and ours
 * (isolation) are the only ones.  True if it is out.
 */
static bool remove_mapping(struct address_space *mapping, struct page *page)
{
	if (page_ref_count(page) != 2 || PageDirty(page) || page_mapcount(page))
		return false;
	delete_from_page_cache(page);
	return true;
}

/*
 * shrink_anon_page - an anonymous page (or one of the swap cache) that
 * the references let go, locked.  Its way out:
 *
 *   not in the swap cache      a slot for it (add_to_swap), or, with
 *                              every area full, activated
 *   mapped                     each entry becomes its swap entry
 *                              (try_to_unmap)
 *   no entry holds its slot    (an orphan: its users went) out of the
 *                              cache, no write
 *   dirty                      written to its slot (swap_writepage); on
 *                              zram the write is over on return, else
 *                              the page waits on the list for its end
 *   clean, only we hold it     out of the swap cache, freed
 *
 * Returns PAGE_SUCCESS (freed, and unlocked), PAGE_KEEP (unlocked),
 * PAGE_CLEAN (keep, still locked) or PAGE_ACTIVATE (still locked).
 */
static enum pageout_result shrink_anon_page(struct page *page)
{
	swp_entry_t e;

	if (!PageSwapCache(page)) {
		if (!PageSwapBacked(page) || !add_to_swap(page))
			return PAGE_ACTIVATE;	/* no swap, or every area full */
	}
	if (page_mapcount(page) > 0 && !try_to_unmap(page))
		return PAGE_ACTIVATE;
	e.val = page->private;
	if (!swap_count(e)) {
		/* nobody holds the slot any more: neither is worth keeping */
		ClearPageDirty(page);
	} else if (PageDirty(page)) {
		ClearPageDirty(page);
		if (!(swp_info(e)->flags & SWP_SYNC_IO))
			SetPageReclaim(page);	/* the write's end rotates it to the tail */
		swap_writepage(page);		/* unlocks it */
		if (PageWriteback(page) || !trylock_page(page))
			return PAGE_KEEP;
		if (PageWriteback(page) || PageDirty(page) || !PageSwapCache(page))
			return PAGE_CLEAN;
	}
	if (page_ref_count(page) != 2 || page_mapcount(page) > 0)
		return PAGE_CLEAN;		/* someone else holds it: a fault, a read */
	delete_from_swap_cache(page);		/* the cache's reference */
	page->mapping = NULL;
	ClearPageReclaim(page);
	ClearPageActive(page);
	ClearPageReferenced(page);
	unlock_page(page);
	put_page(page);				/* isolation's: the last, frees it */
	return PAGE_SUCCESS;
}

/* shrink_page_list - decide every page of list (the table at the top);
 * the freed ones are gone, the rest stay on list.  Returns pages freed. */
static unsigned long shrink_page_list(struct list_head *list, struct scan_control *sc)
{
	LIST_HEAD(kept);
	unsigned long reclaimed = 0;

	while (!list_empty(list)) {
		struct page *page = lru_to_page(list);
		struct address_space *mapping;
		enum page_references ref;

		list_del(&page->lru);
		if (!trylock_page(page))
			goto keep;
		if (PageWriteback(page)) {
			sc->nr_writeback++;
			SetPageReclaim(page);
			goto keep_locked;
		}
		ref = sc->ignore_references ? PAGEREF_RECLAIM : page_check_references(page);
		if (ref == PAGEREF_ACTIVATE)
			goto activate_locked;
		if (ref == PAGEREF_KEEP)
			goto keep_locked;
		if (PageSwapCache(page) || PageAnon(page)) {
			switch (shrink_anon_page(page)) {
			case PAGE_KEEP:
				goto keep;
			case PAGE_ACTIVATE:
				goto activate_locked;
			case PAGE_CLEAN:
				goto keep_locked;
			default:
				reclaimed++;
				continue;
			}
		}
		if (PageSwapBacked(page))
			goto activate_locked;		/* tmpfs: not swapped here */
		mapping = page->mapping;
		if (page_mapcount(page) > 0 && !try_to_unmap(page))
			goto activate_locked;
		if (PageDirty(page)) {
			sc->nr_dirty++;
			if (ref == PAGEREF_RECLAIM_CLEAN)
				goto keep_locked;	/* in use by write(): leave it */
			if (!sc->ignore_references &&
			    (!sc->kswapd || !sc->may_writepage || !PageReclaim(page))) {
				SetPageReclaim(page);
				wakeup_flusher_threads(WB_REASON_VMSCAN);
				goto activate_locked;
			}
			switch (pageout(page, mapping)) {
			case PAGE_ACTIVATE:
				goto activate_locked;
			case PAGE_KEEP:
				goto keep_locked;
			case PAGE_SUCCESS:
				/* unlocked by writepage; free it now if the write is done */
				if (PageWriteback(page) || PageDirty(page) || !trylock_page(page))
					goto keep;
				if (PageWriteback(page) || PageDirty(page))
					goto keep_locked;
				mapping = page->mapping;
				break;
			case PAGE_CLEAN:
				break;
			}
		}
		if (!mapping)
			goto keep_locked;		/* truncated meanwhile */
		if (PagePrivate(page) && (!mapping->a_ops->releasepage ||
					  !mapping->a_ops->releasepage(page)))
			goto activate_locked;		/* buffers in use */
		if (!remove_mapping(mapping, page))
			goto keep_locked;
		ClearPageReclaim(page);
		ClearPageActive(page);
		ClearPageReferenced(page);
		unlock_page(page);
		put_page(page);			/* isolation's: the last, frees it */
		reclaimed++;
		continue;
activate_locked:
		/* swap more than half full: a kept page gives its slot back (Linux) */
		if (PageSwapCache(page) && (vm_swap_full() || PageMlocked(page)))
			try_to_free_swap(page);
		if (!PageActive(page) && !PageUnevictable(page)) {
			SetPageActive(page);
			count_vm_event(PGACTIVATE);
		}
keep_locked:
		unlock_page(page);
keep:
		list_add(&page->lru, &kept);
	}
	list_splice(&kept, list);
	return reclaimed;
}

static void count_scan(const struct scan_control *sc, unsigned long scanned,
		       unsigned long reclaimed)
{
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, scanned);
	count_vm_events(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, reclaimed);
}

/* shrink_inactive_list - up to nr of the oldest pages of an inactive list. */
static unsigned long shrink_inactive_list(unsigned long nr, enum lru_list lru,
					  struct scan_control *sc)
{
	LIST_HEAD(list);
	unsigned long flags, scanned, reclaimed;

	lru_add_drain();
	local_irq_save(flags);
	isolate_lru_pages(nr, lru, &list, sc, &scanned);
	local_irq_restore(flags);
	if (!scanned)
		return 0;
	reclaimed = shrink_page_list(&list, sc);
	putback_pages(&list);
	sc->nr_scanned += scanned;
	count_scan(sc, scanned, reclaimed);
	return reclaimed;
}

/*
 * shrink_active_list - age an active list: its nr oldest pages go to the
 * inactive list (pgdeactivate), except executable file pages that a page
 * table used since the last look (they stay: a program's code is small
 * and always in use; Linux makes the same exception).
 */
static void shrink_active_list(unsigned long nr, enum lru_list lru, struct scan_control *sc)
{
	LIST_HEAD(hold);
	unsigned long flags, scanned, deactivated = 0;

	lru_add_drain();
	local_irq_save(flags);
	isolate_lru_pages(nr, lru, &hold, sc, &scanned);
	local_irq_restore(flags);
	count_vm_events(PGREFILL, scanned);
	while (!list_empty(&hold)) {
		struct page *page = lru_to_page(&hold);
		unsigned long vm_flags = 0;

		list_del(&page->lru);
		if (page_mapcount(page) > 0 && trylock_page(page)) {
			int ptes = page_referenced(page, &vm_flags);

			unlock_page(page);
			if (ptes && (vm_flags & VM_EXEC) && !PageSwapBacked(page)) {
				putback_lru_page(page);		/* stays active */
				continue;
			}
		}
		ClearPageActive(page);
		deactivated++;
		putback_lru_page(page);
	}
	count_vm_events(PGDEACTIVATE, deactivated);
}

/*
 * inactive_is_low - is the inactive list of this kind too short next to
 * the active one?  Below 1 GiB of such pages Linux wants them equal
 * (above, the active list may be sqrt(10 * GiB) times longer): the
 * inactive list must be long enough for a page to be used a second time
 * before it reaches the tail.
 */
static bool inactive_is_low(enum lru_list inactive)
{
	unsigned long in = lruvec_lru_size(inactive);
	unsigned long act = lruvec_lru_size(inactive + LRU_ACTIVE);
	unsigned long gb = (in + act) >> (30 - PAGE_SHIFT), ratio = 1;

	while (gb && (ratio + 1) * (ratio + 1) <= 10 * gb)
		ratio++;		/* int_sqrt(10 * gb) */
	return in * ratio < act;
}

static unsigned long shrink_list(enum lru_list lru, unsigned long nr, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (inactive_is_low(lru - LRU_ACTIVE))
			shrink_active_list(nr, lru, sc);
		return 0;
	}
	return shrink_inactive_list(nr, lru, sc);
}

/*
 * get_scan_count - how many pages of each evictable list to scan at this
 * priority (scan_balance, which the host tests check).  swappiness is
 * the relative weight of anon (0..200; 100 = as file): anon gets
 * swappiness / 200 of the pressure, file the rest.  Without swap the
 * anon lists cannot be reclaimed and get nothing.
 */
void scan_balance(const unsigned long size[NR_LRU_LISTS], int priority, int swappiness,
		  bool have_swap, unsigned long nr[NR_LRU_LISTS])
{
	int lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		unsigned long scan = size[lru] >> priority;
		bool file = is_file_lru((enum lru_list)lru);

		if (lru == LRU_UNEVICTABLE) {
			nr[lru] = 0;
			continue;
		}
		/* a small list is still scanned when the pressure is high */
		if (!scan && priority < DEF_PRIORITY - 2)
			scan = size[lru] < SWAP_CLUSTER_MAX ? size[lru] : SWAP_CLUSTER_MAX;
		if (!have_swap || swappiness == 0)
			nr[lru] = file ? scan : 0;
		else if (priority == 0)
			nr[lru] = scan;			/* last resort: everything */
		else
			nr[lru] = scan * (unsigned long)(file ? 200 - swappiness : swappiness) / 200;
	}
}

static void shrink_node(struct scan_control *sc)
{
	unsigned long size[NR_LRU_LISTS], nr[NR_LRU_LISTS];
	unsigned long scanned = sc->nr_scanned, reclaimed = sc->nr_reclaimed, slab;
	int lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		size[lru] = lruvec_lru_size((enum lru_list)lru);
	scan_balance(size, sc->priority, vm_swappiness, total_swap_pages_avail() > 0, nr);
	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_ANON] ||
	       nr[LRU_INACTIVE_FILE] || nr[LRU_ACTIVE_FILE]) {
		for (lru = 0; lru < LRU_UNEVICTABLE; lru++) {
			unsigned long n = nr[lru] < SWAP_CLUSTER_MAX ? nr[lru] : SWAP_CLUSTER_MAX;

			if (!n)
				continue;
			nr[lru] -= n;
			sc->nr_reclaimed += shrink_list((enum lru_list)lru, n, sc);
		}
		/* stop as soon as the pass has what it aimed at */
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
	slab = shrink_slab(sc->priority);
	if (sc->nr_reclaimed > reclaimed)
		contig_page_data.kswapd_failures = 0;	/* progress: kswapd may try again */
	trace_pass(sc, sc->nr_scanned - scanned, sc->nr_reclaimed - reclaimed, slab);
}

static unsigned long zone_free(const struct zone *zone)
{
	return zone->free_pages + (unsigned long)zone->pageset[0].count;
}

/*
 * reclaim_page - MADV_PAGEOUT: reclaim this page now, used or not: clean
 * file pages are freed, dirty ones written first (and freed when the
 * write ends, from the inactive tail); anonymous ones stay (no swap).
 */
void reclaim_page(struct page *page)
{
	struct scan_control sc = {
		.nr_to_reclaim = 1, .gfp_mask = GFP_KERNEL, .reclaim_idx = MAX_NR_ZONES - 1,
		.may_writepage = true, .ignore_references = true,
	};
	LIST_HEAD(list);

	lru_add_drain();
	if (!isolate_lru_page(page))
		return;
	ClearPageActive(page);
	list_add(&page->lru, &list);
	shrink_page_list(&list, &sc);
	putback_pages(&list);
}

/* ---- direct reclaim -------------------------------------------------------- */

/* Direct reclaimers that found only pages under writeback wait here. */
static int reclaim_throttle_chan;

/* end_page_writeback of a PG_reclaim page: a throttled reclaimer may go on. */
void reclaim_writeback_done(void)
{
	wakeup(&reclaim_throttle_chan);
}

/*
 * try_to_free_pages - direct reclaim for a request of `order` that found
 * every zone at min: free SWAP_CLUSTER_MAX pages, raising the pressure
 * from DEF_PRIORITY to 0.  The task reclaims with PF_MEMALLOC, so the
 * allocations reclaim itself makes (a bio for a write) use the reserves
 * and do not reclaim again.  If nothing could be freed but writes are in
 * flight, wait (up to 100 ms) for one to end: its page is then free to
 * take.  Returns the pages freed.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX, .gfp_mask = gfp, .order = order,
		.reclaim_idx = gfp_zone(gfp), .may_writepage = false,
	};
	unsigned int old = current->flags;

	if (current->flags & PF_MEMALLOC)
		return 0;
	current->flags |= PF_MEMALLOC;
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
		shrink_node(&sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
	}
	if (!sc.nr_reclaimed && (nr_writeback > 0 || sc.nr_dirty)) {
		unsigned long flags;

		wakeup_flusher_threads(WB_REASON_VMSCAN);
		local_irq_save(flags);
		sleep_on_timeout(&reclaim_throttle_chan, HZ / 10);
		local_irq_restore(flags);
	}
	current->flags = old;
	return sc.nr_reclaimed;
}

/*
 * reclaim_may_progress - after no_progress rounds of direct reclaim that
 * freed nothing, is another round worth it for a request of gfp/order?
 * As Linux's should_reclaim_retry: yes while writes are in flight (their
 * pages will be freeable), or while some zone of the request, with a
 * shrinking share of what the LRU lists could still give back (all of it
 * at the first round, none at the MAX_RECLAIM_RETRIES-th), would be above
 * min.  (The lists are per node: the share is the node's, an estimate for
 * each zone, where Linux counts per zone.)
 */
bool reclaim_may_progress(gfp_t gfp, int no_progress, unsigned int order)
{
	unsigned long reclaimable = lruvec_lru_size(LRU_INACTIVE_FILE) +
				    lruvec_lru_size(LRU_ACTIVE_FILE);
	struct zone *const *z;

	if (nr_writeback > 0)
		return true;
	if (total_swap_pages_avail())
		reclaimable += lruvec_lru_size(LRU_INACTIVE_ANON) + lruvec_lru_size(LRU_ACTIVE_ANON);
	reclaimable = reclaimable * (unsigned long)(MAX_RECLAIM_RETRIES - no_progress) /
		      MAX_RECLAIM_RETRIES;
	for (z = gfp_zonelist(gfp)->zones; *z; z++)
		if ((*z)->free_pages + reclaimable > min_wmark_pages(*z) + (1UL << order))
			return true;
	return false;
}

/* ---- kswapd --------------------------------------------------------------- */

/*
 * pgdat_balanced - is a zone that the last request could use above its
 * high watermark?  Linux's rule (since 4.8): any such zone, looked at from
 * the bottom up, not every one.  The lists are per node, so reclaim
 * cannot aim at one zone; insisting that a small zone (DMA) be balanced
 * too would free much more of the others than any request needs.
 */
static bool pgdat_balanced(enum zone_type highest)
{
	int i;

	for (i = 0; i <= (int)highest; i++) {
		const struct zone *zone = &contig_page_data.node_zones[i];

		if (populated_zone(zone) && zone_free(zone) >= high_wmark_pages(zone))
			return true;
	}
	return false;
}

/*
 * balance_pgdat - kswapd's work: reclaim until a zone of the last
 * request is above its high watermark (pgdat_balanced).  The priority falls only when a
 * pass freed less than it aimed at, so a light shortage is met with a
 * light scan.  A run that reaches priority 1 and frees nothing there
 * counts a failure (kswapd_failures); after MAX_RECLAIM_RETRIES of them
 * in a row wakeup_kswapd stops waking it (as Linux: the zones cannot be
 * balanced, and kswapd must not spin), until any reclaim frees a page.
 */
static void balance_pgdat(pg_data_t *pgdat, unsigned int order, enum zone_type highest)
{
	struct scan_control sc = {
		.order = order, .reclaim_idx = highest, .kswapd = true, .may_writepage = true,
		.gfp_mask = GFP_KERNEL, .priority = DEF_PRIORITY,
	};
	int i;

	count_vm_event(PAGEOUTRUN);
	while (!pgdat_balanced(highest)) {
		unsigned long before = sc.nr_reclaimed, target = 0;

		/* a pass aims at the zones' high watermarks (shrink_node
		 * compares the running total, hence before + target) */
		for (i = 0; i <= (int)highest; i++) {
			const struct zone *zone = &pgdat->node_zones[i];
			unsigned long high = high_wmark_pages(zone);

			if (populated_zone(zone))
				target += high > SWAP_CLUSTER_MAX ? high : SWAP_CLUSTER_MAX;
		}
		sc.nr_to_reclaim = before + target;
		shrink_node(&sc);
		if (sc.nr_reclaimed - before < target) {
			if (sc.priority <= 1) {
				if (sc.nr_reclaimed == before)
					pgdat->kswapd_failures++;
				break;
			}
			sc.priority--;
		}
		if (need_resched)
			schedule();		/* let the tasks we freed memory for run */
	}
	if (pgdat_balanced(highest))
		pgdat->kswapd_failures = 0;
}

/*
 * kswapd_try_to_sleep - the zones are balanced (or kswapd gave up).  As
 * Linux: nap 100 ms first; woken during the nap means the zones fell
 * below low again at once (kswapd_low_wmark_hit_quickly); still
 * unbalanced after it, they fell below high (..._high_wmark_hit_quickly).
 * Otherwise sleep until wakeup_kswapd.  Interrupts masked by the caller.
 */
static void kswapd_try_to_sleep(pg_data_t *pgdat)
{
	unsigned long remaining = 0;

	if (pgdat->kswapd_wake)
		return;
	if (pgdat_balanced(pgdat->kswapd_highest_zoneidx) || pgdat->kswapd_failures)
		remaining = sleep_on_timeout(&pgdat->kswapd_wait, HZ / 10);
	if (!remaining && !pgdat->kswapd_wake &&
	    (pgdat_balanced(pgdat->kswapd_highest_zoneidx) || pgdat->kswapd_failures)) {
		sleep_on(&pgdat->kswapd_wait);
	} else if (remaining) {
		count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
	} else {
		count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
	}
}

static int kswapd(void *data)
{
	pg_data_t *pgdat = data;
	unsigned long flags;

	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		unsigned int order;
		enum zone_type highest;

		local_irq_save(flags);
		kswapd_try_to_sleep(pgdat);
		order = pgdat->kswapd_order;
		highest = pgdat->kswapd_highest_zoneidx;
		pgdat->kswapd_wake = false;
		pgdat->kswapd_order = 0;
		local_irq_restore(flags);
		balance_pgdat(pgdat, order, highest);
	}
	return 0;
}

/* kswapd_run - start kswapd0, the node's reclaim thread (at boot). */
void kswapd_run(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	pgdat->kswapd = kthread_run(kswapd, pgdat, "kswapd0");
	if (!pgdat->kswapd)
		panic("kswapd_run: cannot start kswapd0");
}

/*
 * wakeup_kswapd - zone is at or below its low watermark for a request of
 * `order`: background reclaim should start, for zones up to this one.
 * Called from any context (interrupt handlers allocate GFP_ATOMIC); only
 * notes the request and wakes the thread.
 */
void wakeup_kswapd(struct zone *zone, unsigned int order, gfp_t gfp)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	enum zone_type idx = zone_idx(zone);
	unsigned long flags;

	if (!populated_zone(zone) || !pgdat->kswapd ||
	    pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES)
		return;		/* it cannot help until someone frees something */
	local_irq_save(flags);
	if (order > pgdat->kswapd_order)
		pgdat->kswapd_order = order;
	if (!pgdat->kswapd_wake || idx > pgdat->kswapd_highest_zoneidx)
		pgdat->kswapd_highest_zoneidx = idx;
	if (!pgdat->kswapd_wake) {
		pgdat->kswapd_wake = true;
		wakeup(&pgdat->kswapd_wait);
		/*
		 * Let it run as soon as this task next returns to user mode
		 * (Linux's scheduler would prefer the woken thread too):
		 * otherwise the allocating task keeps the CPU for the rest of
		 * its time slice, reaches min, and reclaims itself (allocstall).
		 */
		need_resched = true;
	}
	local_irq_restore(flags);
}
