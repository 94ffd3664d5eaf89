/*
 * kernel/fs/buffer.c - the buffer cache (include/kernel/buffer_head.h):
 * metadata blocks in the block device's page cache, read and written one
 * buffer at a time.
 *
 * A buffer's I/O is one bio of b_size bytes at sector b_blocknr * (b_size
 * / 512) of the device; its completion (in the disk's interrupt) marks it
 * uptodate or not, unlocks it and wakes whoever waits.  Writeback of a
 * block device page writes its dirty buffers only; the page's writeback
 * ends when the last of them completes.
 */
#include <kernel/fs.h>
#include <kernel/buffer_head.h>
#include <kernel/blkdev.h>
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/filemap.h>
#include <mm/writeback.h>

static struct kmem_cache *bh_cachep;
unsigned long nr_buffer_heads;
unsigned long pgpgin_kb, pgpgout_kb;

void buffer_init(void)
{
	bh_cachep = kmem_cache_create("buffer_head", sizeof(struct buffer_head), 0, SLAB_PANIC, NULL);
}

void map_bh(struct buffer_head *bh, struct super_block *sb, sector_t block)
{
	set_buffer_mapped(bh);
	bh->b_bdev = sb->s_bdev;
	bh->b_blocknr = block;
}

/* ---- locking ------------------------------------------------------------ */

void lock_buffer(struct buffer_head *bh)
{
	unsigned long flags;

	local_irq_save(flags);
	while (test_and_set_bit_lock(BH_Lock, &bh->b_state))
		io_sleep_on(bh);
	local_irq_restore(flags);
}

void unlock_buffer(struct buffer_head *bh)
{
	clear_bit_unlock(BH_Lock, &bh->b_state);
	wakeup(bh);
}

void wait_on_buffer(struct buffer_head *bh)
{
	unsigned long flags;

	local_irq_save(flags);
	while (buffer_locked(bh))
		io_sleep_on(bh);
	local_irq_restore(flags);
}

/* ---- buffers of a page --------------------------------------------------- */

/*
 * create_page_buffers - the ring of size-byte buffers of a locked bdev
 * page, made if it has none.  If the page is uptodate, so are they.
 */
struct buffer_head *create_page_buffers(struct page *page, struct block_device *bdev,
					       unsigned size)
{
	struct buffer_head *head = NULL, *tail = NULL, *bh;
	unsigned off;
	sector_t first;

	if (PagePrivate(page))
		return page_buffers(page);
	first = (sector_t)page->index << (PAGE_SHIFT - __builtin_ctz(size));
	for (off = 0; off < PAGE_SIZE; off += size) {
		bh = kmem_cache_alloc(bh_cachep, GFP_KERNEL);
		if (!bh)
			goto fail;
		memset(bh, 0, sizeof(*bh));
		bh->b_page = page;
		bh->b_size = size;
		bh->b_data = (char *)page_address(page) + off;
		bh->b_bdev = bdev;
		bh->b_blocknr = first + off / size;
		set_buffer_mapped(bh);
		if (PageUptodate(page))
			set_buffer_uptodate(bh);
		if (tail)
			tail->b_this_page = bh;
		else
			head = bh;
		tail = bh;
		nr_buffer_heads++;
	}
	tail->b_this_page = head;
	page->private = (unsigned long)head;
	SetPagePrivate(page);
	return head;
fail:
	while (head) {
		bh = head->b_this_page;
		kmem_cache_free(bh_cachep, head);
		nr_buffer_heads--;
		head = bh;
	}
	return NULL;
}

/*
 * try_to_free_buffers - drop a page's buffers if none is in use, dirty
 * or under I/O (the page may then leave the cache).  true if it has none now.
 */
bool try_to_free_buffers(struct page *page)
{
	struct buffer_head *head, *bh, *next;

	if (!PagePrivate(page))
		return true;
	head = page_buffers(page);
	bh = head;
	do {
		if (bh->b_count || buffer_dirty(bh) || buffer_locked(bh))
			return false;
		bh = bh->b_this_page;
	} while (bh != head);
	bh = head;
	do {
		next = bh->b_this_page;
		kmem_cache_free(bh_cachep, bh);
		nr_buffer_heads--;
		bh = next;
	} while (bh != head);
	page->private = 0;
	ClearPagePrivate(page);
	return true;
}

/* ---- I/O of one buffer ------------------------------------------------------ */

static void end_bio_bh_io_sync(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private;

	if (bio_op(bio) == REQ_OP_READ) {
		if (!bio->bi_status)
			set_buffer_uptodate(bh);
		else
			clear_buffer_uptodate(bh);
	} else if (bio->bi_status) {
		set_buffer_write_io_error(bh);
	}
	unlock_buffer(bh);
	bio_put(bio);
}

/* submit_bh - start bh's read or write (bh locked); completion unlocks it. */
static int submit_bh(unsigned opf, struct buffer_head *bh, void (*end_io)(struct bio *))
{
	unsigned shift = (unsigned)__builtin_ctz(bh->b_size) - SECTOR_SHIFT;
	struct bio *bio = bio_alloc(bh->b_bdev, 1, opf, GFP_NOIO);

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = bh->b_blocknr << shift;
	bio->bi_end_io = end_io;
	bio->bi_private = bh;
	bio_add_page(bio, bh->b_page, (unsigned)bh->b_size, (unsigned)offset_in_page(bh->b_data));
	if ((opf & REQ_OP_MASK) == REQ_OP_READ)
		pgpgin_kb += bh->b_size / 1024;
	else
		pgpgout_kb += bh->b_size / 1024;
	submit_bio(bio);
	return 0;
}

/* bh_submit_read - read a locked buffer and wait: 0, or -EIO. */
int bh_submit_read(struct buffer_head *bh)
{
	int err = submit_bh(REQ_OP_READ, bh, end_bio_bh_io_sync);

	if (err) {
		unlock_buffer(bh);
		return err;
	}
	wait_on_buffer(bh);
	return buffer_uptodate(bh) ? 0 : -EIO;
}

/* Is every buffer of the page uptodate?  Then the page is too. */
static void page_uptodate_from_buffers(struct page *page)
{
	struct buffer_head *head = page_buffers(page), *bh = head;

	do {
		if (!buffer_uptodate(bh))
			return;
		bh = bh->b_this_page;
	} while (bh != head);
	SetPageUptodate(page);
}

/*
 * The buffers looked up last, most recent first (Linux's bh_lrus): a file
 * system asks for the same few blocks over and over (the indirect block
 * of a file being written, a directory's block, the inode table block),
 * and finding one here costs a few compares instead of a page cache
 * lookup with the page locked and unlocked.  Each entry holds a
 * reference, so its page stays in the cache; invalidate_bh_lrus lets
 * them all go (before a device's pages are dropped).
 */
#define BH_LRU_SIZE	8
static struct buffer_head *bh_lru[BH_LRU_SIZE];

static struct buffer_head *bh_lru_lookup(struct block_device *bdev, sector_t block,
					 unsigned size)
{
	struct buffer_head *bh = NULL;
	unsigned long flags;
	unsigned i;

	local_irq_save(flags);
	for (i = 0; i < BH_LRU_SIZE && bh_lru[i]; i++) {
		struct buffer_head *b = bh_lru[i];

		if (b->b_blocknr == block && b->b_bdev == bdev && b->b_size == size) {
			for (; i > 0; i--)		/* to the front */
				bh_lru[i] = bh_lru[i - 1];
			bh_lru[0] = b;
			get_bh(b);
			bh = b;
			break;
		}
	}
	local_irq_restore(flags);
	return bh;
}

/* bh_lru_install - bh (referenced by the caller) goes first in the LRU. */
static void bh_lru_install(struct buffer_head *bh)
{
	struct buffer_head *evicted;
	unsigned long flags;
	unsigned i;

	local_irq_save(flags);
	evicted = bh_lru[BH_LRU_SIZE - 1];
	for (i = BH_LRU_SIZE - 1; i > 0; i--)
		bh_lru[i] = bh_lru[i - 1];
	bh_lru[0] = bh;
	get_bh(bh);
	local_irq_restore(flags);
	brelse(evicted);
}

/* invalidate_bh_lrus - drop the LRU's references (its pages may go then). */
void invalidate_bh_lrus(void)
{
	unsigned long flags;
	unsigned i;

	local_irq_save(flags);
	for (i = 0; i < BH_LRU_SIZE; i++) {
		brelse(bh_lru[i]);
		bh_lru[i] = NULL;
	}
	local_irq_restore(flags);
}

/*
 * __getblk - the buffer of block (size bytes) of bdev, cached or new (not
 * uptodate then); a reference taken.  NULL if there is no memory, or if
 * the device's pages hold buffers of another size (a bug of the caller).
 */
struct buffer_head *__getblk(struct block_device *bdev, sector_t block, unsigned size)
{
	struct address_space *mapping = bdev_mapping(bdev);
	unsigned per_page = PAGE_SIZE / size;
	struct page *page;
	struct buffer_head *bh;
	unsigned i;

	if (!mapping || size < 512 || size > PAGE_SIZE || (size & (size - 1)))
		return NULL;
	bh = bh_lru_lookup(bdev, block, size);
	if (bh)
		return bh;
	page = find_or_create_page(mapping, (unsigned long)(block / per_page), mapping->gfp_mask);
	if (IS_ERR(page))
		return NULL;
	bh = create_page_buffers(page, bdev, size);
	if (bh && bh->b_size != size)
		bh = NULL;
	for (i = 0; bh && i < block % per_page; i++)
		bh = bh->b_this_page;
	if (bh) {
		get_bh(bh);
		bh_lru_install(bh);
	}
	unlock_page(page);
	put_page(page);		/* the buffer's count keeps the page in the cache */
	return bh;
}

/* __bread - the buffer, read from the disk if needed; NULL on error. */
struct buffer_head *__bread(struct block_device *bdev, sector_t block, unsigned size)
{
	struct buffer_head *bh = __getblk(bdev, block, size);

	if (!bh || buffer_uptodate(bh))
		return bh;
	lock_buffer(bh);
	if (!buffer_uptodate(bh) && bh_submit_read(bh)) {
		brelse(bh);
		return NULL;
	}
	if (buffer_locked(bh))
		unlock_buffer(bh);
	page_uptodate_from_buffers(bh->b_page);
	return bh;
}

struct buffer_head *sb_bread(struct super_block *sb, sector_t block)
{
	return __bread(sb->s_bdev, block, (unsigned)sb->s_blocksize);
}

struct buffer_head *sb_getblk(struct super_block *sb, sector_t block)
{
	return __getblk(sb->s_bdev, block, (unsigned)sb->s_blocksize);
}

void brelse(struct buffer_head *bh)
{
	if (!bh)
		return;
	BUG_ON(bh->b_count <= 0);
	bh->b_count--;
}

/* mark_buffer_dirty - the block changed: it and its page will be written. */
void mark_buffer_dirty(struct buffer_head *bh)
{
	if (test_and_set_bit(BH_Dirty, &bh->b_state))
		return;
	__set_page_dirty_nobuffers(bh->b_page);
}

/* bforget - the block is no longer used (freed): never write it again. */
void bforget(struct buffer_head *bh)
{
	if (!bh)
		return;
	clear_buffer_dirty(bh);
	brelse(bh);
}

/* sync_dirty_buffer - write bh now and wait: 0 or -EIO. */
int sync_dirty_buffer(struct buffer_head *bh)
{
	int err = 0;

	lock_buffer(bh);
	if (!test_and_clear_bit(BH_Dirty, &bh->b_state)) {
		unlock_buffer(bh);
		return 0;
	}
	clear_buffer_write_io_error(bh);
	err = submit_bh(REQ_OP_WRITE | REQ_SYNC, bh, end_bio_bh_io_sync);
	if (err) {
		set_buffer_dirty(bh);
		unlock_buffer(bh);
		return err;
	}
	wait_on_buffer(bh);
	return buffer_write_io_error(bh) ? -EIO : 0;
}

/*
 * clean_bdev_aliases - blocks [block, block+len) now hold file data:
 * any cached metadata buffer of them is stale and must never be written
 * over the data.
 */
void clean_bdev_aliases(struct block_device *bdev, sector_t block, sector_t len)
{
	struct address_space *mapping = bdev_mapping(bdev);
	struct inode *inode = mapping ? mapping->host : NULL;
	sector_t b;

	if (!inode || !mapping->nrpages)
		return;
	for (b = block; b < block + len; b++) {
		unsigned per_page = PAGE_SIZE >> inode->i_blkbits;
		struct page *page = find_get_page(mapping, (unsigned long)(b / per_page));
		struct buffer_head *bh;
		unsigned i;

		if (!page)
			continue;
		if (PagePrivate(page)) {
			bh = page_buffers(page);
			for (i = 0; i < b % per_page; i++)
				bh = bh->b_this_page;
			wait_on_buffer(bh);
			clear_buffer_dirty(bh);
			clear_buffer_uptodate(bh);
			ClearPageUptodate(page);
		}
		put_page(page);
	}
}

/* ---- writeback of a block device page ---------------------------------------- */

static void end_buffer_async_write(struct bio *bio)
{
	struct buffer_head *bh = bio->bi_private, *head, *b;
	struct page *page = bh->b_page;
	unsigned long flags;
	bool busy = false;

	if (bio->bi_status) {
		set_buffer_write_io_error(bh);
		SetPageError(page);
		mapping_set_error(page->mapping, -EIO);
	}
	local_irq_save(flags);
	clear_bit(BH_Async_Write, &bh->b_state);
	head = page_buffers(page);
	b = head;
	do {
		busy |= test_bit(BH_Async_Write, &b->b_state);
		b = b->b_this_page;
	} while (b != head);
	local_irq_restore(flags);
	unlock_buffer(bh);
	bio_put(bio);
	if (!busy)
		end_page_writeback(page);
}

/*
 * block_write_full_page - writepage of a block device page: its dirty
 * buffers, each its own bio; a page without buffers (written through
 * /dev/vda) goes out whole.  The page is locked, its dirty bit cleared.
 */
int block_write_full_page(struct page *page, struct writeback_control *wbc)
{
	struct buffer_head *head, *bh;
	struct inode *inode = page->mapping->host;
	int nr;

	head = create_page_buffers(page, inode->i_bdev, 1u << inode->i_blkbits);
	if (!head) {
		__set_page_dirty_nobuffers(page);	/* try again later */
		unlock_page(page);
		return -ENOMEM;
	}
	set_page_writeback(page);
	bh = head;
	do {				/* lock and claim them all before the first I/O */
		lock_buffer(bh);
		if (test_and_clear_bit(BH_Dirty, &bh->b_state))
			set_bit(BH_Async_Write, &bh->b_state);
		else
			unlock_buffer(bh);
		bh = bh->b_this_page;
	} while (bh != head);
	nr = 0;
	bh = head;
	do {
		struct buffer_head *next = bh->b_this_page;

		if (test_bit(BH_Async_Write, &bh->b_state)) {
			nr++;
			if (submit_bh(REQ_OP_WRITE, bh, end_buffer_async_write)) {
				clear_bit(BH_Async_Write, &bh->b_state);
				set_buffer_dirty(bh);
				unlock_buffer(bh);
				nr--;
			}
		}
		bh = next;
	} while (bh != head);
	unlock_page(page);
	if (!nr)
		end_page_writeback(page);
	return 0;
}

/* readpage of a block device page: each buffer that is not uptodate, then wait. */
int blkdev_readpage_buffers(struct page *page)
{
	struct inode *inode = page->mapping->host;
	struct buffer_head *head = create_page_buffers(page, inode->i_bdev, 1u << inode->i_blkbits);
	struct buffer_head *bh;
	int err = 0;

	if (!head) {
		unlock_page(page);
		return -ENOMEM;
	}
	bh = head;
	do {
		if (!buffer_uptodate(bh)) {
			lock_buffer(bh);
			if (!buffer_uptodate(bh) && bh_submit_read(bh))
				err = -EIO;
			else if (buffer_locked(bh))
				unlock_buffer(bh);
		}
		bh = bh->b_this_page;
	} while (bh != head);
	if (!err)
		page_uptodate_from_buffers(page);
	else
		SetPageError(page);
	unlock_page(page);
	return err;
}
