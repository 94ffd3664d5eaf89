/*
 * The buffer cache: a file system's metadata blocks (super block, group
 * descriptors, bitmaps, inode tables, directories and indirect blocks of
 * ext2) cached in the page cache of the block device itself, one
 * buffer_head per block.  The pages of a block device mapping are lowmem
 * (b_data is a plain pointer) and count as "Buffers" in meminfo.
 *
 *        bdev page (4 KiB), 1 KiB blocks
 *   +---------+---------+---------+---------+
 *   | block 8 | block 9 | block 10| block 11|   page->private -> bh(8)
 *   +---------+---------+---------+---------+   bh->b_this_page: 8->9->10->11->8
 *
 * A buffer is read and written on its own (one bio of b_size bytes), so
 * that a page can hold blocks of different owners: writing one dirty
 * buffer never writes its neighbours.
 *
 *   bit            set while the buffer ...
 *   -------------  -------------------------------------------------------
 *   BH_Uptodate    holds the block's current contents
 *   BH_Dirty       is newer than the disk (the page is dirty too)
 *   BH_Lock        has I/O in flight (or someone is about to start it)
 *   BH_Async_Write is being written by the page's writeback
 *   BH_Mapped      (get_block results) b_blocknr is valid
 *   BH_New         (get_block results) the block was just allocated
 *   BH_Boundary    (get_block results) the next block needs metadata I/O
 */
#ifndef KERNEL_BUFFER_HEAD_H
#define KERNEL_BUFFER_HEAD_H

#include <kernel/types.h>
#include <kernel/blkdev.h>
#include <kernel/bitops.h>
#include <kernel/fs.h>
#include <mm/mm.h>

struct page;
struct super_block;
struct inode;
struct address_space;
struct writeback_control;

enum bh_state_bits {
	BH_Uptodate,
	BH_Dirty,
	BH_Lock,
	BH_Req,
	BH_Mapped,
	BH_New,
	BH_Async_Read,
	BH_Async_Write,
	BH_Boundary,
	BH_Write_EIO,
};

struct buffer_head {
	unsigned long b_state;
	struct buffer_head *b_this_page;	/* the next buffer of the page (a ring) */
	struct page *b_page;
	sector_t b_blocknr;			/* in b_size units */
	size_t b_size;
	char *b_data;
	struct block_device *b_bdev;
	int b_count;				/* users (brelse drops one) */
};

#define BUFFER_FNS(name, bit)							\
static inline bool buffer_##name(const struct buffer_head *bh)			\
{ return test_bit(bit, &bh->b_state); }						\
static inline void set_buffer_##name(struct buffer_head *bh)			\
{ set_bit(bit, &bh->b_state); }							\
static inline void clear_buffer_##name(struct buffer_head *bh)			\
{ clear_bit(bit, &bh->b_state); }

BUFFER_FNS(uptodate, BH_Uptodate)
BUFFER_FNS(dirty, BH_Dirty)
BUFFER_FNS(locked, BH_Lock)
BUFFER_FNS(mapped, BH_Mapped)
BUFFER_FNS(new, BH_New)
BUFFER_FNS(boundary, BH_Boundary)
BUFFER_FNS(write_io_error, BH_Write_EIO)

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

static inline struct buffer_head *page_buffers(struct page *page)
{
	return (struct buffer_head *)page->private;
}

static inline void get_bh(struct buffer_head *bh)
{
	bh->b_count++;
}

/* map_bh - a get_block result: bh maps sb's block (on sb's device). */
void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block);

/*
 * get_block_t - a file system's block map: the disk block of file block
 * iblock in bh->b_blocknr (BH_Mapped), or unmapped for a hole; with
 * create, a hole gets a new block (BH_New).  On entry bh->b_size says
 * how many bytes the caller would like mapped; on return how many
 * contiguous bytes are.  0, or -ENOSPC / -EIO / -EUCLEAN.
 */
typedef int (get_block_t)(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create);

/* ---- the buffer cache (kernel/fs/buffer.c) ------------------------------ */
struct buffer_head *__bread(struct block_device *bdev, sector_t block, unsigned size);
struct buffer_head *__getblk(struct block_device *bdev, sector_t block, unsigned size);
struct buffer_head *sb_bread(struct super_block *sb, sector_t block);
struct buffer_head *sb_getblk(struct super_block *sb, sector_t block);
void brelse(struct buffer_head *bh);
void bforget(struct buffer_head *bh);
void mark_buffer_dirty(struct buffer_head *bh);
int sync_dirty_buffer(struct buffer_head *bh);
void lock_buffer(struct buffer_head *bh);
void unlock_buffer(struct buffer_head *bh);
void wait_on_buffer(struct buffer_head *bh);
int bh_submit_read(struct buffer_head *bh);
void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len);
bool try_to_free_buffers(struct page *page);
void invalidate_bh_lrus(void);
struct buffer_head *create_page_buffers(struct page *page, struct block_device *bdev, unsigned size);
int block_write_full_page(struct page *page, struct writeback_control *wbc);
int blkdev_readpage_buffers(struct page *page);
extern unsigned long nr_buffer_heads;

/* ---- block devices as files (kernel/fs/block_dev.c) --------------------- */
struct inode *bdev_inode(struct block_device *bdev);
struct address_space *bdev_mapping(struct block_device *bdev);
/* bdev_set_nr_sectors - a new size for bdev and its /dev file (set_capacity_and_notify). */
void bdev_set_nr_sectors(struct block_device *bdev, sector_t sectors);
int set_blocksize(struct block_device *bdev, unsigned size);
int sb_set_blocksize(struct super_block *sb, unsigned size);
int sync_blockdev(struct block_device *bdev);
void invalidate_bdev(struct block_device *bdev);
void sync_all_blockdevs(void);
void bdev_init(void);

/* ---- file data through get_block (kernel/fs/mpage.c) --------------------- */
int mpage_readpage(struct page *page, get_block_t *get_block);
void mpage_readahead(struct readahead_control *rac, get_block_t *get_block);
int mpage_writepage(struct page *page, get_block_t *get_block, struct writeback_control *wbc);
int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t *get_block);
int block_read_page_sync(struct page *page, get_block_t *get_block);
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len,
		      struct page **pagep, get_block_t *get_block);
int block_page_mkwrite(struct page *page, get_block_t *get_block);
int generic_write_end(struct file *f, struct address_space *mapping, loff_t pos,
		      unsigned len, unsigned copied, struct page *page);
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block);
extern unsigned long pgpgin_kb, pgpgout_kb;

#endif
