/*
 * mm/swap.c - the LRU lists and their per-CPU batch (include/mm/swap.h).
 * (Linux's file of the same name; it is about the lists, not swap.)
 *
 * The second chance, as mark_page_accessed gives it to a page that is
 * read() or written (mapped pages are judged by their young bits
 * instead, at reclaim time: mm/vmscan.c, page_check_references):
 *
 *   page is                          after an access
 *   -------------------------------  ---------------------------------
 *   inactive, not referenced         inactive, referenced
 *   inactive, referenced             active, not referenced (pgactivate)
 *   active, not referenced           active, referenced
 *   active, referenced               unchanged
 *
 * So a page read once stays inactive and is the first to go; a page read
 * twice while it was on the inactive list is promoted.
 */
#include <kernel/types.h>
#include <kernel/bug.h>
#include <kernel/irqflags.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/swap.h>
#include <mm/filemap.h>
#include <mm/vmstat.h>
#include <mm/mmzone.h>

const char *const lru_list_names[NR_LRU_LISTS] = {
	[LRU_INACTIVE_ANON] = "inactive_anon",
	[LRU_ACTIVE_ANON] = "active_anon",
	[LRU_INACTIVE_FILE] = "inactive_file",
	[LRU_ACTIVE_FILE] = "active_file",
	[LRU_UNEVICTABLE] = "unevictable",
};

struct lru_batch lru_add_batch[NR_CPUS];

struct lruvec *node_lruvec(void)
{
	return &contig_page_data.lruvec;
}

void lruvec_init(struct lruvec *lruvec)
{
	int i;

	for (i = 0; i < NR_LRU_LISTS; i++) {
		INIT_LIST_HEAD(&lruvec->lists[i]);
		lruvec->nr_pages[i] = 0;
	}
}

unsigned long lruvec_lru_size(enum lru_list lru)
{
	return node_lruvec()->nr_pages[lru];
}

/* The list for a page with these flags. */
static inline enum lru_list flags_lru(unsigned long f)
{
	if (f & (1UL << PG_unevictable))
		return LRU_UNEVICTABLE;
	return (enum lru_list)((f & (1UL << PG_swapbacked) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE) +
			       (f & (1UL << PG_active) ? LRU_ACTIVE : 0));
}

/*
 * page_lru - the list a page belongs on, by its flags (flags_lru).
 * Anonymous memory and tmpfs are "anon": only swap could take them.
 * Both carry PG_swapbacked, which stays until the page is freed, so that
 * the page leaves the list it is on even after its mapping is gone.  A
 * mapping marked unevictable (ramfs) and mlocked pages go to the
 * unevictable list.
 */
enum lru_list page_lru(const struct page *page)
{
	return flags_lru(page->flags);
}

/* Add at the head (the young end) / the tail (the old end); irqs masked. */
static void add_page_to_lru(struct lruvec *lv, struct page *page, bool tail)
{
	enum lru_list lru = flags_lru(page->flags);

	if (tail)
		list_add_tail(&page->lru, &lv->lists[lru]);
	else
		list_add(&page->lru, &lv->lists[lru]);
	lv->nr_pages[lru]++;
}

static void del_page_from_lru(struct lruvec *lv, struct page *page)
{
	list_del(&page->lru);
	lv->nr_pages[flags_lru(page->flags)]--;
}

/* Does page belong on the unevictable list?  (ramfs; mlock is mm/mlock.c's.) */
static bool page_evictable(const struct page *page)
{
	return !PageMlocked(page) &&
	       !(page->mapping && !PageAnon(page) && mapping_unevictable(page->mapping));
}

/*
 * The batch goes onto the lists: one masked section for all of it, one
 * pass.  The batch's reference of each page is dropped on the way (the
 * page has another: its mapping or the page cache), except for a page
 * whose only reference is the batch's (unmapped or truncated while it
 * waited): that one is moved to the front of the batch and freed after
 * the pass instead of being listed.  The flags are written with a plain
 * store: interrupts are masked, and there is one CPU, so nothing else can
 * change them meanwhile (with several CPUs, a lock over the lists and
 * atomic flag updates take over here).
 */
void lru_add_batch_drain(struct lru_batch *b)
{
	struct lruvec *lv = node_lruvec();
	unsigned long irqflags;
	unsigned int i, n = b->nr, orphans = 0;

	local_irq_save(irqflags);
	for (i = 0; i < n; i++) {
		struct page *page = b->pages[i];
		unsigned long f = page->flags;
		enum lru_list lru;

		if (page->_refcount == 1) {
			b->pages[orphans++] = page;	/* a slot already read */
			continue;
		}
		if (page_evictable(page))
			f &= ~(1UL << PG_unevictable);
		else
			f |= 1UL << PG_unevictable;
		page->flags = f | (1UL << PG_lru);
		lru = flags_lru(f);
		list_add(&page->lru, &lv->lists[lru]);
		lv->nr_pages[lru]++;
		page->_refcount--;	/* the batch's: not the last */
	}
	local_irq_restore(irqflags);
	for (i = 0; i < orphans; i++)
		put_page(b->pages[i]);	/* the last reference: freed */
	b->nr = 0;
}

/* lru_add_drain - every page in this CPU's batch onto its list now. */
void lru_add_drain(void)
{
	struct lru_batch *b = &lru_add_batch[0];

	if (b->nr)
		lru_add_batch_drain(b);
}

/* Is page in this CPU's batch (not yet on a list)? */
static bool page_in_batch(const struct page *page)
{
	const struct lru_batch *b = &lru_add_batch[0];
	unsigned int i;

	for (i = 0; i < b->nr; i++)
		if (b->pages[i] == page)
			return true;
	return false;
}

/*
 * activate_page - to the active list of its kind (a second use).  A page
 * still in the batch just gets PG_active: the drain puts it on the
 * active list.
 */
void activate_page(struct page *page)
{
	struct lruvec *lv = node_lruvec();
	unsigned long flags;

	local_irq_save(flags);
	if (PageLRU(page) && !PageActive(page) && !PageUnevictable(page)) {
		del_page_from_lru(lv, page);
		SetPageActive(page);
		add_page_to_lru(lv, page, false);
		count_vm_event(PGACTIVATE);
	} else if (!PageLRU(page) && !PageActive(page) && page_in_batch(page)) {
		SetPageActive(page);
		count_vm_event(PGACTIVATE);
	}
	local_irq_restore(flags);
}

/*
 * deactivate_page - MADV_COLD's hint: to the inactive list (the head, as
 * Linux's deactivate_page), its referenced bit cleared.
 */
void deactivate_page(struct page *page)
{
	struct lruvec *lv = node_lruvec();
	unsigned long flags;

	local_irq_save(flags);
	if (PageLRU(page) && !PageUnevictable(page)) {
		del_page_from_lru(lv, page);
		if (PageActive(page))
			count_vm_event(PGDEACTIVATE);
		ClearPageActive(page);
		ClearPageReferenced(page);
		add_page_to_lru(lv, page, false);
	}
	local_irq_restore(flags);
}

void mark_page_accessed(struct page *page)
{
	unsigned long f = page->flags;	/* one read for the common cases */

	if ((f & (1UL << PG_active)) && (f & (1UL << PG_referenced)))
		return;			/* hot already: nothing to record */
	if (!(f & (1UL << PG_active)) && !(f & (1UL << PG_unevictable)) &&
	    (f & (1UL << PG_referenced))) {
		activate_page(page);
		ClearPageReferenced(page);
	} else if (!(f & (1UL << PG_referenced))) {
		SetPageReferenced(page);
	}
}

/*
 * rotate_reclaimable_page - the writeback that reclaim asked for
 * (PG_reclaim) is over: the page is clean now, and goes to the tail of
 * its inactive list (from the active one, where reclaim parked it while
 * dirty), where the next reclaim pass finds it first (pgrotated).  Called
 * from the disk's interrupt handler, through end_page_writeback.
 */
void rotate_reclaimable_page(struct page *page)
{
	struct lruvec *lv = node_lruvec();
	unsigned long flags;

	local_irq_save(flags);
	if (PageLRU(page) && !PageUnevictable(page) && !PageLocked(page) && !PageDirty(page)) {
		del_page_from_lru(lv, page);
		ClearPageActive(page);
		add_page_to_lru(lv, page, true);
		count_vm_event(PGROTATED);
	}
	local_irq_restore(flags);
}

/*
 * lru_del_freed - the last reference to page is gone (the page allocator
 * frees it): off its list.  Called with the page's flags intact.
 */
void lru_del_freed(struct page *page)
{
	unsigned long flags;

	local_irq_save(flags);
	del_page_from_lru(node_lruvec(), page);
	ClearPageLRU(page);
	local_irq_restore(flags);
}

/*
 * isolate_lru_page - take page off its list for a closer look, with a
 * reference (so that it cannot be freed under the caller).  False if it
 * is not on a list (in a batch, or isolated already).
 */
bool isolate_lru_page(struct page *page)
{
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	if (PageLRU(page)) {
		get_page(page);
		del_page_from_lru(node_lruvec(), page);
		ClearPageLRU(page);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* putback_lru_page - an isolated page back onto the list its flags say,
 * and the isolation's reference dropped. */
void putback_lru_page(struct page *page)
{
	unsigned long flags;

	local_irq_save(flags);
	if (page_evictable(page))
		ClearPageUnevictable(page);
	else {
		ClearPageActive(page);
		SetPageUnevictable(page);
	}
	SetPageLRU(page);
	add_page_to_lru(node_lruvec(), page, false);
	local_irq_restore(flags);
	put_page(page);
}

/*
 * lru_refile_page - the page's evictability changed (mlock, munlock): onto
 * the list its flags now say.  A page still in the batch is sorted when
 * the batch drains; an isolated one when it is put back.
 */
void lru_refile_page(struct page *page)
{
	if (isolate_lru_page(page))
		putback_lru_page(page);
}
