/*
 * The LRU lists: which pages reclaim looks at, in which order
 * (docs/reclaim.md).  Linux keeps the same lists under the same names.
 *
 * Every page that reclaim could take back is on one of five lists of its
 * node (struct lruvec in pglist_data):
 *
 *   list            holds
 *   --------------  -------------------------------------------------------
 *   inactive_anon   process memory (anonymous, tmpfs/shared anonymous),
 *   active_anon       which only swap could take back
 *   inactive_file   page-cache pages of files and block devices, which can
 *   active_file       be dropped (clean) or written and dropped (dirty)
 *   unevictable     pages reclaim must not touch: mlocked, ramfs
 *
 * Per node, as Linux does since 4.8, not per zone as before: one set of
 * lists ages all the pages of the node at one rate, so that a busy
 * HighMem zone does not make lowmem's page cache old (or the other way
 * round).  A reclaim for a lowmem request skips the pages of zones it
 * cannot use (scan_control.reclaim_idx in mm/vmscan.c).  There is one
 * node here; the lists would not change with more.
 *
 * The page flags (include/mm/mm.h) that go with them:
 *
 *   PG_lru          on a list (reclaim isolated it: off, PG_lru clear)
 *   PG_active       on the active list of its kind
 *   PG_referenced   second chance: used once since reclaim or
 *                   mark_page_accessed last looked; a second use activates
 *   PG_unevictable  on the unevictable list
 *   PG_mlocked      mapped by an mlocked VMA (mm/mlock.c)
 *   PG_reclaim      reclaim started its writeback: when it ends, the page
 *                   goes to the tail of its inactive list to be freed next
 *
 * A page joins its list through a per-CPU batch (Linux's pagevec, the
 * "LRU cache" of the page allocator's per-CPU lists): lru_cache_add puts
 * it in the batch with a reference, and the batch goes onto the lists in
 * one masked section when it fills or someone needs the lists complete
 * (lru_add_drain: reclaim, drop_caches).  New pages go to the inactive
 * list (the head: the tail is the oldest).
 *
 * The lists hold no reference of their own: a page leaves its list when
 * its last reference goes (the page allocator's free path calls
 * lru_del_freed).  Reclaim isolates a page (takes it off with a
 * reference) before looking at it closely, and puts it back if it stays.
 *
 * Locking: one CPU, and the lists are changed from interrupt handlers too
 * (the end of a write calls rotate_reclaimable_page), so every change
 * masks interrupts: that is the node's lru_lock on this kernel.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>

struct page;
struct pglist_data;

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define LRU_ACTIVE	1	/* added to an inactive list: its active one */
#define LRU_FILE	2	/* added to LRU_INACTIVE_ANON: the file lists */

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
};

extern const char *const lru_list_names[NR_LRU_LISTS];

/* The lruvec of the (only) node. */
struct lruvec *node_lruvec(void);
void lruvec_init(struct lruvec *lruvec);

/* Pages on one list / on all lists of one kind, now. */
unsigned long lruvec_lru_size(enum lru_list lru);

/* The batch size of lru_cache_add (Linux's PAGEVEC_SIZE). */
#define LRU_BATCH	15

/*
 * The per-CPU batch of lru_cache_add: pages with a reference each.  Only
 * task context adds to it (interrupt handlers never add pages to the
 * page cache or to a process), so filling it needs no masking; the drain
 * masks interrupts while it changes the lists.
 */
struct lru_batch {
	unsigned int nr;
	struct page *pages[LRU_BATCH];
};
extern struct lru_batch lru_add_batch[];
void lru_add_batch_drain(struct lru_batch *b);

/*
 * lru_cache_add - page is new to the page cache or to a process: onto the
 * inactive list of its kind, through this CPU's batch (inline: the
 * anonymous fault path calls it for every new page).
 */
static inline void lru_cache_add(struct page *page)
{
	struct lru_batch *b = &lru_add_batch[0];

	page->_refcount++;		/* get_page: the batch's reference */
	b->pages[b->nr++] = page;
	if (b->nr == LRU_BATCH)
		lru_add_batch_drain(b);
}

void lru_add_drain(void);
void mark_page_accessed(struct page *page);
void activate_page(struct page *page);
void deactivate_page(struct page *page);
void rotate_reclaimable_page(struct page *page);
void lru_refile_page(struct page *page);
void reclaim_page(struct page *page);
void lru_del_freed(struct page *page);

/* Reclaim's side: isolate and put back (mm/vmscan.c). */
bool isolate_lru_page(struct page *page);
void putback_lru_page(struct page *page);

/* Which list a page belongs on, by its flags. */
enum lru_list page_lru(const struct page *page);

/*
 * Free swap slots (include/mm/swapfile.h): without any, anonymous pages
 * cannot be reclaimed and reclaim does not scan them (get_scan_count).
 */
static inline unsigned long total_swap_pages_avail(void)
{
	extern long nr_swap_pages;

	return nr_swap_pages > 0 ? (unsigned long)nr_swap_pages : 0;
}

/* Reclaim (mm/vmscan.c). */
extern int vm_swappiness;		/* /proc/sys/vm/swappiness, 0..200 */
void kswapd_run(void);
void reclaim_writeback_done(void);
/* Could more rounds of reclaim still free pages?  (the allocator's retry rule) */
bool reclaim_may_progress(gfp_t gfp, int no_progress, unsigned int order);
/* The scan split of get_scan_count, pure (host-tested). */
void scan_balance(const unsigned long size[NR_LRU_LISTS], int priority, int swappiness,
		  bool have_swap, unsigned long nr[NR_LRU_LISTS]);

#endif
