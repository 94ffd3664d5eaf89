/*
 * mm/page-writeback.c - dirty pages: marking them, the dirty limits and
 * the throttling of writers, and writing a mapping's dirty pages
 * (include/mm/writeback.h).
 *
 * A page's way back to the disk:
 *
 *   write() / page_mkwrite  set_page_dirty       PG_dirty, tag DIRTY, Dirty+1,
 *                                                inode on its disk's dirty list
 *   writeback (flusher,     clear_page_dirty_    entries write-protected (page_mkclean),
 *     fsync, sync)            for_io             PG_dirty off, Dirty-1
 *                           set_page_writeback   PG_writeback, tag WRITEBACK, Writeback+1
 *   disk interrupt          end_page_writeback   PG_writeback off, Writeback-1, waiters woken
 */
#include <kernel/types.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/bug.h>
#include <kernel/time.h>
#include <kernel/signal.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/filemap.h>
#include <mm/writeback.h>
#include <mm/swap.h>
#include <mm/rmap.h>
#include <mm/vmstat.h>

unsigned int dirty_background_ratio = 10;
unsigned int vm_dirty_ratio = 20;
unsigned int dirty_expire_interval = 30 * 100;
unsigned int dirty_writeback_interval = 5 * 100;
unsigned long nr_dirty_throttled;
static unsigned int nr_throttled_now;
static int dirty_throttle_chan;

/*
 * global_dirtyable_memory - what dirty pages may be a share of: free
 * pages plus page-cache pages that could be written back (tmpfs pages
 * cannot).  Linux leaves HighMem out unless vm.highmem_is_dirtyable is
 * set; this kernel counts it (as with that knob at 1), since its file
 * pages are mostly there.
 */
unsigned long global_dirtyable_memory(void)
{
	return nr_free_pages() + (unsigned long)(nr_file_pages - nr_shmem_pages);
}

void global_dirty_limits(unsigned long *background, unsigned long *dirty)
{
	unsigned long avail = global_dirtyable_memory();
	unsigned long thresh = avail * vm_dirty_ratio / 100;
	unsigned long bg = avail * dirty_background_ratio / 100;

	if (bg >= thresh)
		bg = thresh / 2;
	*background = bg;
	*dirty = thresh;
}

static struct backing_dev_info *mapping_bdi(struct address_space *mapping)
{
	struct inode *host = mapping->host;

	if (!host)
		return NULL;
	if (S_ISBLK(host->i_mode))
		return host->i_bdev ? bdev_bdi(host->i_bdev) : NULL;
	return host->i_sb->s_bdi;
}

/*
 * balance_dirty_pages_ratelimited - after a page was dirtied: above the
 * background limit, wake the flusher.  Past the middle of the background
 * and dirty_ratio limits (Linux's "freerun" ceiling) the writer pauses
 * once, until a write completes or a tick passes, so that the flusher
 * gets the CPU before the hard limit is reached; above dirty_ratio it
 * is held until writeback has brought the count back under it (sleeping
 * on the completions, at most a tick at a time, re-checking).  The
 * writer is what is throttled; the flusher does the writing.
 *
 *   dirty + writeback        the writer
 *   -----------------------  -------------------------------------
 *   up to (bg + limit) / 2   goes on (above bg: flusher woken)
 *   up to the limit          pauses once
 *   above the limit          waits until it is under the limit
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	struct backing_dev_info *bdi = mapping_bdi(mapping);
	unsigned long bg, thresh, flags;
	bool counted = false;

	if (!bdi)
		return;
	for (;;) {
		unsigned long dirty = (unsigned long)(nr_file_dirty + nr_writeback);

		global_dirty_limits(&bg, &thresh);
		if (dirty > bg)
			wb_start_background_writeback(bdi);
		if (dirty <= bg + (thresh - bg) / 2 || signal_pending(current))
			break;
		if (counted && dirty <= thresh)
			break;		/* paused once, and under the limit */
		if (!counted) {
			nr_dirty_throttled++;
			counted = true;
		}
		local_irq_save(flags);
		nr_throttled_now++;
		current->in_iowait = true;
		sleep_on_timeout(&dirty_throttle_chan, 1);
		current->in_iowait = false;
		nr_throttled_now--;
		local_irq_restore(flags);
	}
}

/* ---- dirty and clean ---------------------------------------------------- */

static void account_page_dirtied(struct page *page, struct address_space *mapping)
{
	unsigned long flags;

	local_irq_save(flags);
	nr_file_dirty++;
	radix_tree_tag_set(&mapping->i_pages, page->index, PAGECACHE_TAG_DIRTY);
	local_irq_restore(flags);
	count_vm_event(NR_DIRTIED);
	if (mapping->host)
		__mark_inode_dirty(mapping->host, I_DIRTY_PAGES);
}

/* account_page_cleaned - a dirty page's data was dropped or written. */
void account_page_cleaned(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	local_irq_save(flags);
	nr_file_dirty--;
	if (mapping)
		radix_tree_tag_clear(&mapping->i_pages, page->index, PAGECACHE_TAG_DIRTY);
	local_irq_restore(flags);
}

bool __set_page_dirty_nobuffers(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (TestSetPageDirty(page))
		return false;
	if (mapping && !PageAnon(page))
		account_page_dirtied(page, mapping);
	return true;
}

bool set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;

	if (mapping && !PageAnon(page) && mapping->a_ops->set_page_dirty)
		return mapping->a_ops->set_page_dirty(page);
	return __set_page_dirty_nobuffers(page);
}

/*
 * clear_page_dirty_for_io - before writing a locked page: write-protect
 * every shared mapping of it (the next store faults and dirties it again:
 * no write can slip past this writeback unnoticed), then clear PG_dirty.
 * Returns whether it was dirty.
 */
bool clear_page_dirty_for_io(struct page *page)
{
	BUG_ON(!PageLocked(page));
	if (page_mapcount(page))
		page_mkclean(page);
	if (!TestClearPageDirty(page))
		return false;
	account_page_cleaned(page);
	return true;
}

void set_page_writeback(struct page *page)
{
	unsigned long flags;

	local_irq_save(flags);
	if (!TestSetPageWriteback(page)) {
		if (!PageSwapCache(page))	/* the swap cache's tree keeps no tags */
			radix_tree_tag_set(&page->mapping->i_pages, page->index,
					   PAGECACHE_TAG_WRITEBACK);
		nr_writeback++;
	}
	local_irq_restore(flags);
}

/* end_page_writeback - from the I/O completion (interrupt context). */
void end_page_writeback(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	local_irq_save(flags);
	if (TestClearPageWriteback(page)) {
		if (mapping && !PageSwapCache(page))
			radix_tree_tag_clear(&mapping->i_pages, page->index,
					     PAGECACHE_TAG_WRITEBACK);
		nr_writeback--;
		count_vm_event(NR_WRITTEN);
	}
	local_irq_restore(flags);
	if (TestClearPageReclaim(page)) {	/* reclaim waits to free it */
		rotate_reclaimable_page(page);
		reclaim_writeback_done();
	}
	wake_up_page(page);
	if (nr_throttled_now)
		wakeup(&dirty_throttle_chan);
}

bool mapping_tagged(struct address_space *mapping, unsigned tag)
{
	return radix_tree_tagged(&mapping->i_pages, tag);
}

/* ---- errors ------------------------------------------------------------- */

/* A write of some page failed: fsync must say so (once per opener). */
void mapping_set_error(struct address_space *mapping, int err)
{
	if (!err)
		return;
	set_bit(err == -ENOSPC ? AS_ENOSPC : AS_EIO, &mapping->flags);
	mapping->wb_err++;
}

int filemap_check_wb_err(struct address_space *mapping, unsigned int since)
{
	if (mapping->wb_err == since)
		return 0;
	return test_bit(AS_ENOSPC, &mapping->flags) ? -ENOSPC : -EIO;
}

/* ---- writing a mapping ---------------------------------------------------- */

#define WB_BATCH	16

/* Write one locked, dirty page of a batch; true to go on with the batch. */
static bool write_one_page(struct page *page, struct address_space *mapping,
			   struct writeback_control *wbc, int *ret,
			   int (*writepage)(struct page *, struct writeback_control *, void *),
			   void *data)
{
	int err;

	lock_page(page);
	if (page->mapping != mapping || !PageDirty(page)) {
		unlock_page(page);
		return true;
	}
	if (PageWriteback(page)) {
		if (wbc->sync_mode == WB_SYNC_NONE) {
			unlock_page(page);
			return true;
		}
		wait_on_page_writeback(page);
	}
	if (!clear_page_dirty_for_io(page)) {
		unlock_page(page);
		return true;
	}
	err = writepage(page, wbc, data);	/* unlocks the page */
	if (err) {
		mapping_set_error(mapping, err);
		if (!*ret)
			*ret = err;
	}
	return --wbc->nr_to_write > 0 || wbc->sync_mode != WB_SYNC_NONE;
}

/*
 * write_cache_pages - write the dirty pages of wbc's range through
 * writepage(), in index order.  WB_SYNC_NONE skips pages already being
 * written and stops after nr_to_write; WB_SYNC_ALL waits for those and
 * writes everything.  Returns 0 or the first error.
 */
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      int (*writepage)(struct page *, struct writeback_control *, void *),
		      void *data)
{
	unsigned long index = (unsigned long)(wbc->range_start >> PAGE_SHIFT);
	unsigned long end = wbc->range_end == LLONG_MAX ? ~0UL :
			    (unsigned long)(wbc->range_end >> PAGE_SHIFT);
	struct page *pages[WB_BATCH];
	int ret = 0;
	bool more = true;

	while (more && index <= end) {
		unsigned n = find_get_pages_tag(mapping, &index, PAGECACHE_TAG_DIRTY, WB_BATCH, pages);
		unsigned i;

		if (!n)
			break;
		for (i = 0; i < n; i++) {
			if (more && pages[i]->index <= end)
				more = write_one_page(pages[i], mapping, wbc, &ret, writepage, data);
			else
				more = false;
			put_page(pages[i]);
		}
	}
	return ret;
}

static int __writepage(struct page *page, struct writeback_control *wbc, void *data)
{
	struct address_space *mapping = data;

	return mapping->a_ops->writepage(page, wbc);
}

int generic_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	if (!mapping->a_ops->writepage)
		return 0;
	return write_cache_pages(mapping, wbc, __writepage, mapping);
}

int do_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	if (wbc->nr_to_write <= 0)
		return 0;
	if (mapping->a_ops->writepages)
		return mapping->a_ops->writepages(mapping, wbc);
	return generic_writepages(mapping, wbc);
}

int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX, .range_start = start, .range_end = end,
		.sync_mode = WB_SYNC_ALL,
	};

	if (!mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		return 0;
	return do_writepages(mapping, &wbc);
}

int filemap_fdatawrite(struct address_space *mapping)
{
	return filemap_fdatawrite_range(mapping, 0, LLONG_MAX);
}

/* filemap_fdatawait_range - wait for every write in flight in the range. */
int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	unsigned long index = (unsigned long)(start >> PAGE_SHIFT);
	unsigned long last = end == LLONG_MAX ? ~0UL : (unsigned long)(end >> PAGE_SHIFT);
	struct page *pages[WB_BATCH];
	unsigned n, i;
	int err = 0;

	while (index <= last &&
	       (n = find_get_pages_tag(mapping, &index, PAGECACHE_TAG_WRITEBACK, WB_BATCH, pages))) {
		for (i = 0; i < n; i++) {
			if (pages[i]->index <= last) {
				wait_on_page_writeback(pages[i]);
				if (TestClearPageError(pages[i]))
					err = -EIO;
			}
			put_page(pages[i]);
		}
		if (!index)
			break;
	}
	if (test_and_clear_bit(AS_ENOSPC, &mapping->flags))
		err = -ENOSPC;
	if (test_and_clear_bit(AS_EIO, &mapping->flags))
		err = -EIO;
	return err;
}

int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end)
{
	int err = filemap_fdatawrite_range(mapping, start, end);
	int err2 = filemap_fdatawait_range(mapping, start, end);

	return err ? err : err2;
}

int filemap_write_and_wait(struct address_space *mapping)
{
	return filemap_write_and_wait_range(mapping, 0, LLONG_MAX);
}
