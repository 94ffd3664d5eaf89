/*
 * The page cache: the pages of every file kept in memory, found
 * by (address_space, index).  An inode's address_space (inode->i_data)
 * holds its pages in a radix tree indexed by file offset in pages; the
 * tree's tags find the dirty and the under-writeback pages without a
 * walk over the clean ones.  read() and write() copy through these pages,
 * and mmap maps them: a file has one copy in memory, whoever uses it.
 *
 * A page-cache page, by its flags (include/mm/mm.h):
 *
 *   PG_locked     I/O or a state change is in progress: others wait
 *                 (lock_page sleeps); a new page is added locked and
 *                 unlocked when its read completes
 *   PG_uptodate   its bytes are the file's (read, or wholly written)
 *   PG_dirty      newer than the disk: writeback must write it
 *                 (tag PAGECACHE_TAG_DIRTY in the tree)
 *   PG_writeback  being written now (tag PAGECACHE_TAG_WRITEBACK)
 *   PG_error      the last read or write of it failed
 *   PG_private    page->private points at buffer heads (metadata,
 *                 kernel/fs/buffer.c)
 *   PG_swapbacked its only backing is memory or swap (tmpfs, shared
 *                 anonymous): counted as Shmem
 *   PG_mappedtodisk  every block under the page, which lies wholly
 *                 inside the file, has its place on disk (seen when the
 *                 page was read or written back): the first write through
 *                 a shared mapping need not ask the file system again.
 *                 Cleared when the page leaves the cache or the file's end
 *                 moves into it (truncate)
 *   PG_waiters    a task sleeps until PG_locked or PG_writeback clears:
 *                 only then does unlock_page or end_page_writeback pay
 *                 for a wake-up (Linux's PG_waiters, for the same reason)
 *
 *   refcount: one for the cache, one per mapping entry, one per
 *   temporary user (a read copying from it).
 *
 * There is no hardware dirty bit on ARMv7 short descriptors: a shared
 * writable mapping maps a page read-only until the first write faults
 * (page_mkwrite: the page becomes dirty, the entry writable), and
 * writeback makes the entries read-only again (page_mkclean, mm/rmap.c)
 * before it writes the page, so the next store faults and re-dirties.
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <mm/radix_tree.h>
#include <mm/gfp.h>

struct page;
struct inode;
struct file;
struct address_space;
struct kiocb;
struct iov_iter;
struct vm_area_struct;
struct writeback_control;
struct readahead_control;

#define PAGECACHE_TAG_DIRTY	0
#define PAGECACHE_TAG_WRITEBACK	1

struct address_space_operations {
	/* readpage - fill a locked, not uptodate page; unlock it when done
	 * (maybe later, from the I/O completion).  0 or -errno. */
	int (*readpage)(struct file *f, struct page *page);
	/* readahead - start reading rac's pages (locked, in the cache) */
	void (*readahead)(struct readahead_control *rac);
	/* writepage - write a locked page whose dirty bit was cleared
	 * (clear_page_dirty_for_io): set_page_writeback, unlock, start I/O;
	 * end_page_writeback when it is done.  0 or -errno. */
	int (*writepage)(struct page *page, struct writeback_control *wbc);
	int (*writepages)(struct address_space *mapping, struct writeback_control *wbc);
	/* write_begin - a locked page for [pos, pos+len), read first if the
	 * write covers only part of it; blocks allocated (ENOSPC here). */
	int (*write_begin)(struct file *f, struct address_space *mapping, loff_t pos,
			   unsigned len, struct page **pagep);
	/* write_end - copied bytes are in: mark dirty, grow i_size, unlock.
	 * Returns how many bytes count as written. */
	int (*write_end)(struct file *f, struct address_space *mapping, loff_t pos,
			 unsigned len, unsigned copied, struct page *page);
	/* page_mkwrite - a shared mapping's first write to page: allocate
	 * its blocks.  0, or -ENOSPC/-EIO (the writer gets SIGBUS). */
	int (*page_mkwrite)(struct vm_area_struct *vma, struct page *page);
	/* releasepage - drop private data before the page leaves the cache;
	 * false if it cannot (a buffer still in use). */
	bool (*releasepage)(struct page *page);
	/* set_page_dirty - mark page (and its buffers) dirty */
	bool (*set_page_dirty)(struct page *page);
	/* freepage - the page has left the cache (tmpfs counts its space) */
	void (*freepage)(struct page *page);
	/* bmap - the device block under file block `block`, 0 for a hole
	 * (swapon maps a swap file with it) */
	u64 (*bmap)(struct address_space *mapping, u64 block);
};

/* flags (mapping->flags) */
#define AS_EIO		0	/* a writeback of some page failed: fsync says EIO */
#define AS_ENOSPC	1	/* ... ran out of space */
#define AS_UNEVICTABLE	2	/* pages never go (ramfs) */

struct address_space {
	struct inode *host;
	struct radix_tree_root i_pages;
	unsigned long nrpages;
	const struct address_space_operations *a_ops;
	unsigned long flags;
	gfp_t gfp_mask;			/* for its pages */
	struct list_head i_mmap;	/* VMAs mapping it (vm_shared links) */
	unsigned int i_mmap_writable;	/* ... of which VM_SHARED and VM_WRITE-able */
	unsigned int wb_err;		/* counts writeback errors (f_wb_err compares) */
	struct list_head private_list;	/* buffer heads an fsync must write (ext2 metadata) */
	struct address_space *assoc_mapping;	/* ... and where they live */
};

/* Pages of this mapping stay in memory whatever the pressure (ramfs). */
static inline bool mapping_unevictable(const struct address_space *mapping)
{
	return mapping->flags & (1UL << AS_UNEVICTABLE);
}

void address_space_init_once(struct address_space *mapping);

/* ---- counters (meminfo, vmstat) ------------------------------------ */
extern long nr_file_pages;		/* every page-cache page (Cached + Buffers + Shmem) */
extern long nr_shmem_pages;		/* ... of tmpfs and shared anonymous memory */
extern long nr_bdev_pages;		/* ... of block devices (Buffers) */
extern long nr_file_dirty;		/* PG_dirty pages */
extern long nr_writeback;		/* PG_writeback pages */
extern long nr_file_mapped;		/* pages mapped into some process */

/* ---- finding and adding pages -------------------------------------- */
struct page *find_get_page(struct address_space *mapping, unsigned long index);
struct page *find_lock_page(struct address_space *mapping, unsigned long index);
/* find_or_create_page - locked, maybe new (not uptodate); ERR_PTR(-ENOMEM) */
struct page *find_or_create_page(struct address_space *mapping, unsigned long index, gfp_t gfp);
struct page *grab_cache_page_write_begin(struct address_space *mapping, unsigned long index);
int add_to_page_cache(struct page *page, struct address_space *mapping, unsigned long index);
void delete_from_page_cache(struct page *page);
unsigned find_get_pages_tag(struct address_space *mapping, unsigned long *index,
			    unsigned tag, unsigned nr, struct page **pages);
/* read_cache_page - the uptodate page at index, read if needed (sleeps);
 * a reference taken.  ERR_PTR(-EIO/-ENOMEM). */
struct page *read_cache_page(struct address_space *mapping, unsigned long index,
			     struct file *f);

/* ---- the page lock and I/O state ----------------------------------- */
void lock_page(struct page *page);
bool trylock_page(struct page *page);
void unlock_page(struct page *page);
void wake_up_page(struct page *page);
void wait_on_page_locked(struct page *page);
void wait_on_page_writeback(struct page *page);
bool set_page_dirty(struct page *page);
bool __set_page_dirty_nobuffers(struct page *page);
bool clear_page_dirty_for_io(struct page *page);
void set_page_writeback(struct page *page);
void end_page_writeback(struct page *page);
void account_page_cleaned(struct page *page);
void mapping_set_error(struct address_space *mapping, int err);
int filemap_check_wb_err(struct address_space *mapping, unsigned int since);

/* ---- read, write, mmap --------------------------------------------- */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *from);
int generic_file_mmap(struct file *f, struct vm_area_struct *vma);
int generic_file_readonly_mmap(struct file *f, struct vm_area_struct *vma);
int simple_write_begin(struct file *f, struct address_space *mapping, loff_t pos,
		       unsigned len, struct page **pagep);
int simple_write_end(struct file *f, struct address_space *mapping, loff_t pos,
		     unsigned len, unsigned copied, struct page *page);
int simple_readpage(struct file *f, struct page *page);

/* ---- read-ahead (mm/readahead.c) ----------------------------------- */
struct readahead_control {
	struct file *file;
	struct address_space *mapping;
	unsigned long index;		/* first page */
	unsigned int nr_pages;		/* pages, all locked and in the cache */
	struct page **pages;
};
#define VM_READAHEAD_PAGES	32	/* 128 KiB: Linux's default read_ahead_kb */
void file_ra_state_init(struct file *f);
void page_cache_sync_readahead(struct address_space *mapping, struct file *f,
			       unsigned long index, unsigned long req_count);
void page_cache_async_readahead(struct address_space *mapping, struct file *f,
				struct page *page, unsigned long index, unsigned long req_count);
/* force_page_cache_ra - start reading [index, index+nr) of f, at most a window (madvise WILLNEED) */
void force_page_cache_ra(struct address_space *mapping, struct file *f, unsigned long index,
			 unsigned long nr);
extern unsigned long ra_pages_read;	/* pages read ahead, for the tests */

/* ---- writeback of one mapping (mm/page-writeback.c) ------------------ */
int filemap_fdatawrite(struct address_space *mapping);
int filemap_fdatawrite_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_fdatawait_range(struct address_space *mapping, loff_t start, loff_t end);
int filemap_write_and_wait(struct address_space *mapping);
int filemap_write_and_wait_range(struct address_space *mapping, loff_t start, loff_t end);
int do_writepages(struct address_space *mapping, struct writeback_control *wbc);
int write_cache_pages(struct address_space *mapping, struct writeback_control *wbc,
		      int (*writepage)(struct page *, struct writeback_control *, void *),
		      void *data);
int generic_writepages(struct address_space *mapping, struct writeback_control *wbc);
bool mapping_tagged(struct address_space *mapping, unsigned tag);

/* ---- truncation (mm/truncate.c) ------------------------------------ */
void truncate_inode_pages(struct address_space *mapping, loff_t start);
void truncate_inode_pages_final(struct address_space *mapping);
void truncate_pagecache(struct inode *inode, loff_t newsize);
void truncate_setsize(struct inode *inode, loff_t newsize);
void pagecache_isize_extended(struct inode *inode, loff_t from, loff_t to);
unsigned long invalidate_mapping_pages(struct address_space *mapping,
				       unsigned long start, unsigned long end);
void unmap_mapping_range(struct address_space *mapping, loff_t start, loff_t len,
			 bool even_cows);

/* drop_pagecache - drop_caches=1: clean, unmapped pages of every inode */
unsigned long drop_pagecache(void);

#endif
