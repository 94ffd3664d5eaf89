/*
 * kernel/fs/ext2/file.c - regular files: their data lives in the page
 * cache and reaches the disk through the block map (bmap.c) by the
 * generic page cache code (mm/filemap.c, kernel/fs/mpage.c):
 *
 *   operation          path
 *   -----------------  -------------------------------------------------
 *   read, read-ahead   mpage_readahead / mpage_readpage: one bio per run
 *                      of pages that are contiguous on the disk
 *   write              block_write_begin allocates the blocks the bytes
 *                      land in (ENOSPC here), generic_write_end dirties
 *   writeback          mpage_writepages
 *   mmap, first store  block_page_mkwrite allocates the page's blocks
 *
 * A write or a fault that runs out of space after some blocks of a page
 * were allocated leaves no trace: blocks past the end of the file are
 * freed again, and a page that got blocks inside the file is dirtied so
 * that what the cache holds for them (zeros, for a hole) is written
 * there, never left as stale disk contents.
 */
#include <kernel/errno.h>
#include <mm/filemap.h>
#include <mm/mm.h>
#include "ext2.h"

static int ext2_readpage(struct file *f, struct page *page)
{
	return mpage_readpage(page, ext2_get_block);
}

static void ext2_readahead(struct readahead_control *rac)
{
	mpage_readahead(rac, ext2_get_block);
}

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	return mpage_writepage(page, ext2_get_block, wbc);
}

static int ext2_writepages(struct address_space *mapping, struct writeback_control *wbc)
{
	return mpage_writepages(mapping, wbc, ext2_get_block);
}

/*
 * ext2_write_failed - write_begin of [.., to) failed (i_mutex held): the
 * page at index, if cached and uptodate, is dirtied (see the top), and
 * whatever was allocated past the end of the file is freed.
 */
static void ext2_write_failed(struct address_space *mapping, unsigned long index, loff_t to)
{
	struct inode *inode = mapping->host;
	struct page *page = find_lock_page(mapping, index);

	if (page) {
		if (PageUptodate(page))
			set_page_dirty(page);
		unlock_page(page);
		put_page(page);
	}
	if (to > i_size_read(inode)) {
		truncate_pagecache(inode, i_size_read(inode));
		ext2_truncate_blocks(inode, i_size_read(inode));
	}
}

static int ext2_write_begin(struct file *f, struct address_space *mapping, loff_t pos,
			    unsigned len, struct page **pagep)
{
	int err = block_write_begin(mapping, pos, len, pagep, ext2_get_block);

	if (err)
		ext2_write_failed(mapping, (unsigned long)(pos >> PAGE_SHIFT), pos + len);
	return err;
}

/* A shared mapping's first store to a locked, uptodate page: its blocks. */
static int ext2_page_mkwrite(struct vm_area_struct *vma, struct page *page)
{
	int err = block_page_mkwrite(page, ext2_get_block);

	if (err)
		set_page_dirty(page);	/* blocks it did get hold the cache's bytes */
	return err;
}

/* ext2_bmap - the block under a file block, or 0 for a hole (swapon's map). */
static u64 ext2_bmap(struct address_space *mapping, u64 block)
{
	struct buffer_head bh = { .b_size = 1u << mapping->host->i_blkbits };

	if (ext2_get_block(mapping->host, block, &bh, 0) || !buffer_mapped(&bh))
		return 0;
	return bh.b_blocknr;
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.readahead = ext2_readahead,
	.writepage = ext2_writepage,
	.writepages = ext2_writepages,
	.write_begin = ext2_write_begin,
	.write_end = generic_write_end,
	.page_mkwrite = ext2_page_mkwrite,
	.bmap = ext2_bmap,
};

const struct file_operations ext2_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = generic_file_mmap,
	.fsync = generic_file_fsync,
};

const struct inode_operations ext2_file_inode_operations = {
	.setattr = ext2_setattr,
};
