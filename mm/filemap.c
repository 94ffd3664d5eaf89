/*
 * mm/filemap.c - the page cache (include/mm/filemap.h): finding, adding
 * and removing pages, the page lock, read(), write() and the fault
 * handler of file mappings.
 *
 * The radix tree of a mapping is changed with interrupts masked: the
 * completion of a write, in the disk's interrupt handler, clears the
 * WRITEBACK tag of a page of the same tree (end_page_writeback).
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/fs.h>
#include <kernel/uio.h>
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/signal.h>
#include <kernel/mount.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/memory.h>
#include <mm/writeback.h>
#include <mm/vmstat.h>
#include <mm/mm_types.h>
#include <mm/swap.h>

long nr_file_pages, nr_shmem_pages, nr_bdev_pages, nr_file_dirty, nr_writeback, nr_file_mapped;

/* ---- finding, adding, removing ----------------------------------------- */

struct page *find_get_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = radix_tree_lookup(&mapping->i_pages, index);

	if (page)
		get_page(page);
	return page;
}

/* find_lock_page - the page locked, with a reference, if it is (still) cached. */
struct page *find_lock_page(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	while ((page = find_get_page(mapping, index))) {
		lock_page(page);
		if (page->mapping == mapping)
			return page;
		unlock_page(page);	/* truncated while we slept: look again */
		put_page(page);
	}
	return NULL;
}

static bool mapping_is_shmem(const struct address_space *mapping)
{
	return mapping->a_ops->freepage != NULL && !mapping->a_ops->writepage;
}

/*
 * add_to_page_cache - insert a new page (locked by the caller, or about
 * to be) at index.  The cache takes a reference, and the page joins the
 * LRU lists (Linux's add_to_page_cache_lru).  0, -EEXIST (someone was
 * first) or -ENOMEM.
 */
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index)
{
	unsigned long flags;
	int err;

	/* the nodes first, while we may still reclaim (mm/radix_tree.c) */
	if (radix_tree_preload(mapping->i_pages.gfp))
		return -ENOMEM;
	page->mapping = mapping;
	page->index = index;
	local_irq_save(flags);
	err = radix_tree_insert(&mapping->i_pages, index, page);
	if (!err) {
		get_page(page);
		mapping->nrpages++;
		nr_file_pages++;
		if (mapping_is_shmem(mapping)) {
			__set_bit(PG_swapbacked, &page->flags);
			nr_shmem_pages++;
		}
		if (mapping->host && S_ISBLK(mapping->host->i_mode))
			nr_bdev_pages++;
	}
	local_irq_restore(flags);
	if (err)
		page->mapping = NULL;
	else
		lru_cache_add(page);	/* inactive: reclaim may take it (mm/vmscan.c) */
	return err;
}

/* A new locked page at index, or the one already there (locked); a reference. */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index, gfp_t gfp)
{
	struct page *page;
	int err;

	for (;;) {
		page = find_lock_page(mapping, index);
		if (page)
			return page;
		page = alloc_page(gfp);
		if (!page)
			return ERR_PTR(-ENOMEM);
		__set_bit(PG_locked, &page->flags);
		err = add_to_page_cache(page, mapping, index);
		if (!err)
			return page;
		__clear_bit(PG_locked, &page->flags);
		put_page(page);
		if (err != -EEXIST)
			return ERR_PTR(err);
	}
}

struct page *grab_cache_page_write_begin(struct address_space *mapping, unsigned long index)
{
	struct page *page = find_or_create_page(mapping, index, mapping->gfp_mask);

	return IS_ERR(page) ? NULL : page;
}

/*
 * delete_from_page_cache - take a locked page out of its mapping (the
 * caller made sure it is clean and unmapped) and drop the cache's
 * reference.
 */
void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page->mapping;
	unsigned long flags;

	BUG_ON(!PageLocked(page) || PageWriteback(page));
	local_irq_save(flags);
	radix_tree_delete(&mapping->i_pages, page->index);
	mapping->nrpages--;
	nr_file_pages--;
	if (PageSwapBacked(page))
		nr_shmem_pages--;
	if (mapping->host && S_ISBLK(mapping->host->i_mode))
		nr_bdev_pages--;
	local_irq_restore(flags);
	if (mapping->a_ops->freepage)
		mapping->a_ops->freepage(page);
	ClearPageDirty(page);		/* tmpfs pages stay dirty to the end */
	/* PG_swapbacked stays: it says which LRU list the page is on (mm/swap.c) */
	ClearPageUptodate(page);
	ClearPageError(page);
	ClearPageReadahead(page);
	ClearPageMappedToDisk(page);
	page->mapping = NULL;
	put_page(page);
}

/* Up to nr pages tagged tag from *index on, with references; *index moves past them. */
unsigned find_get_pages_tag(struct address_space *mapping, unsigned long *index,
			    unsigned tag, unsigned nr, struct page **pages)
{
	unsigned long flags;
	unsigned i, n;

	local_irq_save(flags);
	n = radix_tree_gang_lookup_tag(&mapping->i_pages, (void **)pages, *index, nr, tag);
	for (i = 0; i < n; i++)
		get_page(pages[i]);
	local_irq_restore(flags);
	if (n)
		*index = pages[n - 1]->index + 1;
	return n;
}

/* ---- the page lock -------------------------------------------------------- */

bool trylock_page(struct page *page)
{
	return !test_and_set_bit_lock(PG_locked, &page->flags);
}

/*
 * page_sleep - sleep until page is unlocked or its writeback ends, with
 * interrupts off (the test and the sleep are one step against the
 * interrupt that ends the I/O).  PG_waiters tells the waker that there
 * is someone to wake: most unlocks have no waiter, and wakeup() walks
 * every task.
 */
static void page_sleep(struct page *page)
{
	set_bit(PG_waiters, &page->flags);
	io_sleep_on(page);
}

/* wake_up_page - the page was unlocked or its writeback ended. */
void wake_up_page(struct page *page)
{
	if (test_and_clear_bit(PG_waiters, &page->flags))
		wakeup(page);
}

/* lock_page - sleep until the page is ours (a read in flight holds it). */
void lock_page(struct page *page)
{
	unsigned long flags;

	if (trylock_page(page))
		return;
	local_irq_save(flags);
	while (!trylock_page(page))
		page_sleep(page);
	local_irq_restore(flags);
}

void unlock_page(struct page *page)
{
	clear_bit_unlock(PG_locked, &page->flags);
	wake_up_page(page);
}

void wait_on_page_locked(struct page *page)
{
	unsigned long flags;

	if (!PageLocked(page))
		return;
	local_irq_save(flags);
	while (PageLocked(page))
		page_sleep(page);
	local_irq_restore(flags);
}

void wait_on_page_writeback(struct page *page)
{
	unsigned long flags;

	if (!PageWriteback(page))	/* the common case: no interrupt masking */
		return;
	local_irq_save(flags);
	while (PageWriteback(page))
		page_sleep(page);
	local_irq_restore(flags);
}

/* ---- reading ---------------------------------------------------------------- */

/*
 * read_page_sync - have a locked, not uptodate page read; wait for it.
 * Returns the page unlocked and uptodate (0) or -EIO.
 */
static int read_page_sync(struct file *f, struct page *page)
{
	int err;

	ClearPageError(page);
	err = page->mapping->a_ops->readpage(f, page);
	if (err)
		return err;
	wait_on_page_locked(page);
	return PageUptodate(page) ? 0 : -EIO;
}

/*
 * get_uptodate_page - the page at index, read if needed; a reference.
 * *major is set if it had to be read.  ERR_PTR(-ENOMEM / -EIO).
 */
static struct page *get_uptodate_page(struct address_space *mapping, struct file *f,
				      unsigned long index, bool *major)
{
	struct page *page = find_get_page(mapping, index);
	int err;

	if (!page) {
		page = find_or_create_page(mapping, index, mapping->gfp_mask);
		if (IS_ERR(page))
			return page;
		if (PageUptodate(page)) {	/* someone read it while we slept */
			unlock_page(page);
			return page;
		}
		*major = true;
		err = read_page_sync(f, page);
		if (err) {
			put_page(page);
			return ERR_PTR(err);
		}
		return page;
	}
	if (PageUptodate(page))
		return page;
	lock_page(page);		/* a read in flight: wait for it */
	if (PageUptodate(page) || !page->mapping) {
		unlock_page(page);
		if (page->mapping)
			return page;
		put_page(page);		/* truncated: try again */
		return get_uptodate_page(mapping, f, index, major);
	}
	*major = true;
	err = read_page_sync(f, page);	/* the read failed: try once more */
	if (err) {
		put_page(page);
		return ERR_PTR(err);
	}
	return page;
}

struct page *read_cache_page(struct address_space *mapping, unsigned long index, struct file *f)
{
	bool major = false;

	return get_uptodate_page(mapping, f, index, &major);
}

/*
 * generic_file_read_iter - read() of a file in the page cache: for each
 * page the cache has (or read-ahead brings), copy the part asked for.
 * Stops at i_size; a page that cannot be read gives -EIO (or the bytes
 * already copied).
 */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *f = iocb->ki_filp;
	struct address_space *mapping = f->f_mapping;
	struct inode *inode = mapping->host;
	size_t copied = 0;
	int err = 0;

	if (!iov_iter_count(to))
		return 0;
	while (iov_iter_count(to)) {
		loff_t size = i_size_read(inode), pos = iocb->ki_pos;
		unsigned long index = (unsigned long)(pos >> PAGE_SHIFT);
		size_t off = (size_t)(pos & ~PAGE_MASK), n, done;
		unsigned long last = (unsigned long)((pos + (loff_t)iov_iter_count(to) - 1) >> PAGE_SHIFT);
		struct page *page;
		bool major = false;

		if (pos >= size)
			break;
		page = find_get_page(mapping, index);
		if (unlikely(!page)) {
			page_cache_sync_readahead(mapping, f, index, last - index + 1);
			page = get_uptodate_page(mapping, f, index, &major);
		} else {
			if (unlikely(PageReadahead(page)))
				page_cache_async_readahead(mapping, f, page, index,
							   last - index + 1);
			if (unlikely(!PageUptodate(page))) {	/* a read in flight */
				put_page(page);
				page = get_uptodate_page(mapping, f, index, &major);
			}
		}
		if (IS_ERR(page)) {
			err = (int)PTR_ERR(page);
			break;
		}
		/* a use, for the LRU's second chance: once per page, not per read() */
		if (off == 0 || index != (unsigned long)((f->f_ra.prev_pos - 1) >> PAGE_SHIFT) ||
		    copied)
			mark_page_accessed(page);
		size = i_size_read(inode);	/* it may have shrunk while we read */
		n = PAGE_SIZE - off;
		if ((loff_t)n > size - pos)
			n = (size_t)(size - pos);
		if (n > iov_iter_count(to))
			n = iov_iter_count(to);
		done = pos < size ? copy_page_to_iter(page, off, n, to) : 0;
		put_page(page);
		iocb->ki_pos += (loff_t)done;
		copied += done;
		if (done < n) {
			err = done || pos >= size ? 0 : -EFAULT;
			break;
		}
	}
	f->f_ra.prev_pos = iocb->ki_pos;
	touch_atime(f);
	return copied ? (ssize_t)copied : err;
}

/*
 * touch_atime - a read sets the access time, the "relatime" way (Linux's
 * default): only if it is not newer than the last change, or a day old.
 * Most reads of a file then change nothing, and write nothing back.
 */
void touch_atime(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct timespec64 now;

	if ((f->f_flags & O_NOATIME) || (f->f_path.mnt->mnt_flags & MNT_NOATIME) ||
	    (inode->i_sb->s_flags & SB_RDONLY))
		return;
	if (timespec64_after(&inode->i_atime, &inode->i_mtime) &&
	    timespec64_after(&inode->i_atime, &inode->i_ctime)) {
		now = current_time();
		if (now.tv_sec - inode->i_atime.tv_sec < 24 * 60 * 60)
			return;
	}
	inode->i_atime = current_time();
	__mark_inode_dirty(inode, I_DIRTY_SYNC);
}

/* ---- writing ---------------------------------------------------------------- */

/* simple_write_end - for caches with nothing behind them but memory. */
int simple_write_end(struct file *f, struct address_space *mapping, loff_t pos,
		     unsigned len, unsigned copied, struct page *page)
{
	struct inode *inode = mapping->host;
	loff_t end = pos + copied;

	if (copied < len && !PageUptodate(page))
		copied = 0;
	else
		SetPageUptodate(page);
	if (copied) {
		if (end > inode->i_size)
			i_size_write(inode, end);
		set_page_dirty(page);
	}
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

/*
 * generic_perform_write - copy from the iterator into the cache, a page
 * at a time: the file system's write_begin gives a locked page (reading
 * it first if the write covers only part of it, allocating disk blocks),
 * the copy runs with page faults disabled (the source might be a mapping
 * of this very page: faulting it in would wait for the lock we hold),
 * write_end marks it dirty.  A copy cut short by a fault is retried after
 * the source was faulted in with no lock held.
 */
ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *f = iocb->ki_filp;
	struct address_space *mapping = f->f_mapping;
	const struct address_space_operations *a = mapping->a_ops;
	ssize_t written = 0;
	int err = 0;

	while (iov_iter_count(from)) {
		loff_t pos = iocb->ki_pos;
		unsigned off = (unsigned)(pos & ~PAGE_MASK), bytes = PAGE_SIZE - off, copied;
		struct page *page;

		if (bytes > iov_iter_count(from))
			bytes = (unsigned)iov_iter_count(from);
		if (fault_in_iov_iter_readable(from, bytes) == bytes) {
			err = -EFAULT;
			break;
		}
		err = a->write_begin(f, mapping, pos, bytes, &page);
		if (err)
			break;
		pagefault_disable();
		copied = (unsigned)copy_page_from_iter(page, off, bytes, from);
		pagefault_enable();
		flush_dcache_page(page);
		mark_page_accessed(page);
		err = a->write_end(f, mapping, pos, bytes, copied, page);
		if (err < 0)
			break;
		copied = (unsigned)err;
		err = 0;
		iocb->ki_pos += copied;
		written += copied;
		balance_dirty_pages_ratelimited(mapping);
		if (signal_pending(current)) {
			err = -EINTR;
			break;
		}
	}
	return written ? written : err;
}

/* file_update_time - a write changes the file's mtime and ctime. */
static void file_update_time(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct timespec64 now = current_time();

	if (inode->i_mtime.tv_sec == now.tv_sec && inode->i_mtime.tv_nsec == now.tv_nsec)
		return;
	inode->i_mtime = inode->i_ctime = now;
	__mark_inode_dirty(inode, I_DIRTY_SYNC);
}

/*
 * generic_file_write_iter - write(): under the inode lock (writes to one
 * file do not interleave), at the end for O_APPEND, within the size the
 * file system allows (EFBIG, and SIGXFSZ as Linux sends it), then the
 * data to the disk at once for O_SYNC/O_DSYNC.
 */
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *f = iocb->ki_filp;
	struct inode *inode = f->f_mapping->host;
	loff_t max = inode->i_sb->s_maxbytes;
	ssize_t ret;

	if (inode->i_flags & S_SWAPFILE)
		return -ETXTBSY;	/* an active swap area (as Linux) */
	inode_lock(inode);
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(inode);
	if (iocb->ki_pos >= max) {
		inode_unlock(inode);
		force_sig(current, SIGXFSZ);
		return -EFBIG;
	}
	iov_iter_truncate(from, (size_t)MIN((loff_t)iov_iter_count(from), max - iocb->ki_pos));
	file_update_time(f);
	ret = generic_perform_write(iocb, from);
	inode_unlock(inode);
	if (ret > 0 && (iocb->ki_flags & (IOCB_DSYNC | IOCB_SYNC))) {
		int err = vfs_fsync_range(f, iocb->ki_pos - ret, iocb->ki_pos - 1,
					  !(iocb->ki_flags & IOCB_SYNC));

		if (err)
			ret = err;
	}
	return ret;
}

/* ---- file mappings ----------------------------------------------------------- */

/*
 * filemap_fault - a missing page of a file mapping: from the cache, or
 * read (with read-ahead around it; VM_FAULT_MAJOR).  Beyond the end of
 * the file: SIGBUS, as Linux gives.
 */
int filemap_fault(struct vm_fault *vmf)
{
	struct file *f = vmf->vma->vm_file;
	struct address_space *mapping = f->f_mapping;
	struct inode *inode = mapping->host;
	unsigned long max = (unsigned long)((i_size_read(inode) + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct page *page;
	bool major = false;

	if (vmf->pgoff >= max)
		return VM_FAULT_SIGBUS;
	page = find_get_page(mapping, vmf->pgoff);
	if (!page) {
		unsigned long start = vmf->pgoff > VM_READAHEAD_PAGES / 2 ?
				      vmf->pgoff - VM_READAHEAD_PAGES / 2 : 0;

		page_cache_sync_readahead(mapping, f, start, VM_READAHEAD_PAGES);
	} else {
		put_page(page);
	}
	page = get_uptodate_page(mapping, f, vmf->pgoff, &major);
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	if (vmf->pgoff >= (unsigned long)((i_size_read(inode) + PAGE_SIZE - 1) >> PAGE_SHIFT)) {
		put_page(page);
		return VM_FAULT_SIGBUS;	/* truncated while we read */
	}
	vmf->page = page;
	return major ? VM_FAULT_MAJOR : 0;
}

/*
 * filemap_page_mkwrite - the first write through a shared mapping to a
 * page: the file system allocates what the page needs on disk (ENOSPC
 * becomes SIGBUS), and the page becomes dirty.  From now on its entry is
 * writable, until writeback write-protects it again (page_mkclean).
 * Returns with the page locked (VM_FAULT_LOCKED) or an error.
 */
int filemap_page_mkwrite(struct vm_fault *vmf)
{
	struct page *page = vmf->page;
	struct address_space *mapping = vmf->vma->vm_file->f_mapping;
	int err;

	lock_page(page);
	if (page->mapping != mapping) {
		unlock_page(page);
		return VM_FAULT_NOPAGE;		/* truncated meanwhile: fault again */
	}
	if (mapping->a_ops->page_mkwrite) {
		err = mapping->a_ops->page_mkwrite(vmf->vma, page);
		if (err) {
			unlock_page(page);
			return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
		}
	}
	set_page_dirty(page);
	file_update_time(vmf->vma->vm_file);
	return VM_FAULT_LOCKED;
}

const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
	.page_mkwrite = filemap_page_mkwrite,
};

int generic_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	if (!f->f_mapping->a_ops->readpage)
		return -ENOEXEC;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}

int generic_file_readonly_mmap(struct file *f, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_WRITE))
		return -EINVAL;
	return generic_file_mmap(f, vma);
}

/* ---- drop_caches ----------------------------------------------------------------- */

/* drop_pagecache - drop_caches=1: every clean, unmapped page of every inode. */
unsigned long drop_pagecache(void)
{
	struct super_block *sb;
	struct inode *inode;
	unsigned long freed = 0;

	list_for_each_entry(sb, &super_blocks, s_list) {
		list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
			if ((inode->i_state & (I_NEW | I_FREEING)) || !inode->i_mapping->nrpages)
				continue;
			freed += invalidate_mapping_pages(inode->i_mapping, 0, ~0UL);
		}
	}
	return freed;
}
