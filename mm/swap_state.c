/*
 * mm/swap_state.c - the swap cache (docs/swap.md): anonymous pages on
 * their way to a swap slot or back from one, found by swap entry.
 *
 * Each area has a radix tree of its cached pages by slot (Linux has an
 * address_space per 64 MiB of an area; one tree per area here).  A page
 * in it has PG_swapcache, its entry in page->private, one reference held
 * by the cache, and SWAP_HAS_CACHE in its slot's count.  Why it exists:
 *
 *   - reclaim puts a page in (add_to_swap) before it unmaps it: each
 *     entry that mapped it becomes the swap entry, and a fault on one of
 *     them while the write is under way finds the page here, not on the
 *     device;
 *   - a page read back stays here while other entries still hold its
 *     swap entry (a page shared since a fork): their faults find it, so
 *     it stays one page, shared, as before it went out;
 *   - a page read back and not written since can go again without a
 *     write: its slot still holds its bytes.
 *
 * The rule that keeps the cached copy true: a page in the swap cache is
 * never mapped writable.  A write fault first takes the page out of the
 * swap cache (its slot is freed: the bytes there go stale) or copies it
 * (do_wp_page); reclaim writes a page whose PG_dirty says it changed.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/irqflags.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/swap.h>
#include <mm/swapfile.h>
#include <mm/filemap.h>
#include <mm/rmap.h>
#include <mm/vmstat.h>
#include <mm/vma.h>
#include <kernel/sched.h>

unsigned long nr_swapcache;
int page_cluster = 3;		/* Linux's default: 8 slots read at a time */

/*
 * add_to_swap_cache - page (locked, with no other identity) becomes the
 * cached page of e, whose slot has SWAP_HAS_CACHE already.  0, or
 * -ENOMEM (a radix tree node; nothing changed).
 */
int add_to_swap_cache(struct page *page, swp_entry_t e)
{
	int err;

	err = radix_tree_insert(&swp_info(e)->cache, swp_offset(e), page);
	if (err)
		return err;
	get_page(page);
	page->private = e.val;
	SetPageSwapCache(page);
	nr_swapcache++;
	return 0;
}

/*
 * delete_from_swap_cache - a locked page leaves the swap cache: its
 * slot loses SWAP_HAS_CACHE (and is free if no entry holds it) and the
 * cache's reference is dropped.  page->mapping stays: a caller that
 * drops an unmapped page (whose anon_vma may be gone) clears it.
 */
void delete_from_swap_cache(struct page *page)
{
	swp_entry_t e = { page->private };

	BUG_ON(!PageSwapCache(page) || !PageLocked(page));
	radix_tree_delete(&swp_info(e)->cache, swp_offset(e));
	ClearPageSwapCache(page);
	page->private = 0;
	nr_swapcache--;
	swapcache_free(e);
	put_page(page);
}

struct page *lookup_swap_cache(swp_entry_t e)
{
	struct page *page = radix_tree_lookup(&swp_info(e)->cache, swp_offset(e));

	if (page)
		get_page(page);
	return page;
}

/*
 * add_to_swap - reclaim chose a locked anonymous page: give it a slot
 * and put it in the swap cache, dirty (its bytes are not on the device
 * yet).  False if every area is full (or there is none).
 */
bool add_to_swap(struct page *page)
{
	swp_entry_t e = get_swap_page();

	if (!e.val)
		return false;
	if (add_to_swap_cache(page, e)) {
		swapcache_free(e);
		return false;
	}
	SetPageUptodate(page);		/* its bytes are the page's own (a fault may find it) */
	SetPageDirty(page);
	return true;
}

/*
 * vm_swap_full - more than half of all swap in use: pages read back give
 * their slots up at once rather than keep them for a later clean reclaim
 * (Linux's rule).
 */
bool vm_swap_full(void)
{
	return nr_swap_pages * 2 < total_swap_pages;
}

/*
 * try_to_free_swap - a locked page in the swap cache that no page-table
 * entry refers to by swap entry any more (they all map the page) and is
 * not being written: out of the cache, its slot freed.  It is dirty
 * then: its only copy is in memory.  True if it went.
 */
bool try_to_free_swap(struct page *page)
{
	swp_entry_t e = { page->private };

	if (!PageSwapCache(page) || PageWriteback(page) || swap_count(e))
		return false;
	delete_from_swap_cache(page);
	SetPageDirty(page);
	return true;
}

/*
 * read_swap_cache_async - the page of e: from the swap cache, or a new
 * page put there whose read has started (*new_page then).  With a
 * reference; locked while the read is under way (lock_page waits for
 * it).  NULL if the slot was freed meanwhile or there is no memory.
 */
struct page *read_swap_cache_async(swp_entry_t e, bool *new_page)
{
	struct page *page;
	int err;

	*new_page = false;
	for (;;) {
		page = lookup_swap_cache(e);
		if (page)
			return page;
		err = swapcache_prepare(e);
		if (err == -ENOENT)
			return NULL;		/* freed: no entry holds it any more */
		if (!err)
			break;
		/* -EEXIST: another task is putting a page in (it sleeps in
		 * the allocator): let it finish */
		schedule();
	}
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!page) {
		swapcache_free(e);
		return NULL;
	}
	SetPageLocked(page);
	SetPageSwapBacked(page);
	if (add_to_swap_cache(page, e)) {
		ClearPageLocked(page);
		put_page(page);
		swapcache_free(e);
		return NULL;
	}
	lru_cache_add(page);		/* the inactive anon list (through this CPU's batch) */
	*new_page = true;
	swap_readpage(page, false);	/* unlocks it when the read ends */
	return page;
}

/*
 * swapin_readahead - the page of e, read together with its neighbours
 * on the device: the aligned group of 2^page_cluster slots around it
 * (Linux's swap_cluster_readahead), as slots written together are
 * likely to be wanted together.  Neighbours go on the LRU lists
 * unmapped; a fault on them finds them in the swap cache (a minor
 * fault).  Not for an area whose I/O is synchronous (zram): there
 * read-ahead only costs.
 */
struct page *swapin_readahead(swp_entry_t e, struct vm_area_struct *vma, vaddr_t addr)
{
	struct swap_info_struct *si = swp_info(e);
	unsigned shift = page_cluster < SWP_OFFSET_BITS ? (unsigned)page_cluster : SWP_OFFSET_BITS;
	unsigned long mask = (1UL << shift) - 1, off, start, end;
	bool new_page;
	struct page *page;

	if (mask && !(si->flags & SWP_SYNC_IO)) {
		start = swp_offset(e) & ~mask;
		end = start + mask;
		if (!start)
			start = 1;		/* slot 0 is the header */
		if (end >= si->max)
			end = si->max - 1;
		for (off = start; off <= end; off++) {
			swp_entry_t n = swp_entry(swp_type(e), off);

			if (off == swp_offset(e) || !swap_count(n) ||
			    (si->swap_map[off] & SWAP_HAS_CACHE))
				continue;
			page = read_swap_cache_async(n, &new_page);
			if (page) {
				if (new_page) {
					SetPageReadahead(page);	/* a fault on it counts a hit */
					count_vm_event(SWAP_RA);
				}
				put_page(page);
			}
		}
	}
	return read_swap_cache_async(e, &new_page);
}
