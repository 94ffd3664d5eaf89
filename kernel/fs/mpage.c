/*
 * kernel/fs/mpage.c - file data between the page cache and the disk,
 * through a file system's block map (get_block): read-ahead, readpage,
 * writepage(s), and the block allocation of write() and of a shared
 * mapping's first write.
 *
 * A page whose blocks are contiguous on the disk travels in one bio, and
 * pages that follow each other on the disk share a bio: a sequential
 * read of a file laid out in order is one request per read-ahead window.
 * A page with a hole among its blocks (1 KiB blocks, sparse file) is read
 * or written block by block, synchronously: rare, and simple.
 *
 * Completions run in the disk's interrupt: a read marks each page
 * uptodate (or PG_error) and unlocks it; a write ends its writeback.
 */
#include <kernel/fs.h>
#include <kernel/buffer_head.h>
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/writeback.h>

#define MPAGE_BIO_PAGES	64	/* the most pages one bio is built with */
#define MPAGE_MAX_EXTENT 1024	/* the most blocks one get_block call is asked to map */

struct mpage_data {
	struct bio *bio;
	sector_t next_sector;		/* where the bio's data ends on the disk */
	struct buffer_head map;		/* the last extent get_block gave */
	sector_t map_first;		/* its first file block (map.b_size bytes long) */
	bool map_valid;
	get_block_t *get_block;
};

static void mpage_end_io_read(struct bio *bio)
{
	unsigned i;

	for (i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i].bv_page;

		if (!bio->bi_status)
			SetPageUptodate(page);
		else
			SetPageError(page);
		unlock_page(page);
	}
	bio_put(bio);
}

static void mpage_end_io_write(struct bio *bio)
{
	unsigned i;

	for (i = 0; i < bio->bi_vcnt; i++) {
		struct page *page = bio->bi_io_vec[i].bv_page;

		if (bio->bi_status) {
			SetPageError(page);
			mapping_set_error(page->mapping, -EIO);
		}
		end_page_writeback(page);
	}
	bio_put(bio);
}

static void mpage_submit(struct mpage_data *mpd)
{
	struct bio *bio = mpd->bio;

	if (!bio)
		return;
	if (bio_op(bio) == REQ_OP_READ)
		pgpgin_kb += bio->bi_size / 1024;
	else
		pgpgout_kb += bio->bi_size / 1024;
	submit_bio(bio);
	mpd->bio = NULL;
}

/*
 * map_blocks - the disk block of file block `block`, and how many blocks
 * from it are contiguous (*len), through the cached extent or get_block.
 * Returns 0 with *disk = 0 for a hole, or -errno.
 */
static int map_blocks(struct inode *inode, struct mpage_data *mpd, sector_t block,
		      unsigned want, int create, sector_t *disk, unsigned *len)
{
	unsigned bits = inode->i_blkbits;
	int err;

	if (!create && mpd->map_valid && block >= mpd->map_first &&
	    block < mpd->map_first + (mpd->map.b_size >> bits)) {
		sector_t off = block - mpd->map_first;

		*disk = buffer_mapped(&mpd->map) ? mpd->map.b_blocknr + off : 0;
		*len = (unsigned)((mpd->map.b_size >> bits) - off);
		return 0;
	}
	memset(&mpd->map, 0, sizeof(mpd->map));
	mpd->map.b_size = (size_t)want << bits;
	err = mpd->get_block(inode, block, &mpd->map, create);
	mpd->map_valid = !err;
	if (err)
		return err;
	if (!mpd->map.b_size)
		mpd->map.b_size = 1u << bits;
	mpd->map_first = block;
	*disk = buffer_mapped(&mpd->map) ? mpd->map.b_blocknr : 0;
	*len = (unsigned)(mpd->map.b_size >> bits);
	return 0;
}

/*
 * page_extent_walk - page_extent when the last extent does not cover the
 * page: ask get_block (through map_blocks) block by block of the page.
 */
static __noinline int page_extent_walk(struct inode *inode, sector_t block, struct mpage_data *mpd,
				       unsigned nr_pages, sector_t *first)
{
	unsigned bits = inode->i_blkbits, per_page = 1u << (PAGE_SHIFT - bits), i = 0, len, want;
	sector_t last = (sector_t)((i_size_read(inode) + (1 << bits) - 1) >> bits), disk;
	unsigned mapped = 0, holes = 0;
	int err;

	*first = 0;
	while (i < per_page) {
		if (block + i >= last) {	/* past the end of the file: a hole */
			holes += per_page - i;
			break;
		}
		want = nr_pages ? nr_pages * per_page - i : MPAGE_MAX_EXTENT;
		err = map_blocks(inode, mpd, block + i, (unsigned)MIN(last - (block + i),
				 (sector_t)MIN(want, MPAGE_MAX_EXTENT)), 0, &disk, &len);
		if (err)
			return err;
		if (len > per_page - i)
			len = per_page - i;
		if (!disk) {
			holes += len;
		} else {
			if (!mapped)
				*first = disk - i;
			else if (disk != *first + i)
				return -1;	/* not contiguous */
			mapped += len;
		}
		i += len;
	}
	if (!mapped)
		return 0;
	return holes ? -1 : 1;
}

/*
 * page_extent - where page's blocks are: returns 1 if they are all mapped
 * and contiguous (*first = the first disk block), 0 if they are all holes
 * (or past the end of the file), -1 if mixed; -errno on error.  nr_pages
 * is how many pages from this one the caller is about to map (a
 * read-ahead batch), 0 if it cannot tell: get_block is asked for that
 * much, so the extent serves the next pages too without ext2 counting
 * a run of blocks nobody reads (up to MPAGE_MAX_EXTENT).  The common
 * case, a page inside the last extent (it lies within the file: get_block
 * was asked for no more), is answered here.
 */
static inline int page_extent(struct inode *inode, struct page *page, struct mpage_data *mpd,
			      unsigned nr_pages, sector_t *first)
{
	unsigned bits = inode->i_blkbits, per_page = 1u << (PAGE_SHIFT - bits);
	sector_t block = (sector_t)page->index << (PAGE_SHIFT - bits);

	if (mpd->map_valid && buffer_mapped(&mpd->map) && block >= mpd->map_first &&
	    block - mpd->map_first + per_page <= (mpd->map.b_size >> bits)) {
		*first = mpd->map.b_blocknr + (block - mpd->map_first);
		return 1;
	}
	return page_extent_walk(inode, block, mpd, nr_pages, first);
}

/* Add page (whose data is at disk block `disk`) to mpd's bio, starting a new one if needed. */
static int mpage_add(struct inode *inode, struct mpage_data *mpd, struct page *page,
		     sector_t disk, unsigned opf, unsigned nr_left)
{
	struct block_device *bdev = inode->i_sb->s_bdev;
	sector_t sector = disk << (inode->i_blkbits - SECTOR_SHIFT);

	if (mpd->bio && (sector != mpd->next_sector ||
			 !bio_add_page(mpd->bio, page, PAGE_SIZE, 0)))
		mpage_submit(mpd);
	if (!mpd->bio) {
		mpd->bio = bio_alloc(bdev, nr_left < MPAGE_BIO_PAGES ? nr_left : MPAGE_BIO_PAGES,
				     opf, GFP_NOIO);
		if (!mpd->bio)
			return -ENOMEM;
		mpd->bio->bi_sector = sector;
		mpd->bio->bi_end_io = (opf & REQ_OP_MASK) == REQ_OP_READ ? mpage_end_io_read :
								    mpage_end_io_write;
		if (!bio_add_page(mpd->bio, page, PAGE_SIZE, 0))
			return -EIO;
	}
	mpd->next_sector = sector + (PAGE_SIZE >> SECTOR_SHIFT);
	return 0;
}

/* One block of page, read or written now (the slow path). */
static int block_io_sync(struct inode *inode, struct page *page, unsigned off, sector_t disk,
			 unsigned opf)
{
	unsigned size = 1u << inode->i_blkbits;
	struct bio *bio = bio_alloc(inode->i_sb->s_bdev, 1, opf, GFP_NOIO);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = disk << (inode->i_blkbits - SECTOR_SHIFT);
	bio_add_page(bio, page, size, off);
	if ((opf & REQ_OP_MASK) == REQ_OP_READ)
		pgpgin_kb += size / 1024;
	else
		pgpgout_kb += size / 1024;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err ? -EIO : 0;
}

/*
 * read_page_blocks - fill a locked page block by block: mapped blocks
 * from the disk, holes (and what lies past the end) as zeros.  The page
 * stays locked; uptodate on success.
 */
static int read_page_blocks(struct page *page, struct mpage_data *mpd)
{
	struct inode *inode = page->mapping->host;
	unsigned bits = inode->i_blkbits, size = 1u << bits, off, len;
	sector_t block = (sector_t)page->index << (PAGE_SHIFT - bits), disk;
	sector_t last = (sector_t)((i_size_read(inode) + size - 1) >> bits);
	int err;

	for (off = 0; off < PAGE_SIZE; off += size, block++) {
		disk = 0;
		if (block < last) {
			err = map_blocks(inode, mpd, block, 1, 0, &disk, &len);
			if (err)
				return err;
		}
		if (!disk)
			zero_user(page, off, size);
		else if ((err = block_io_sync(inode, page, off, disk, REQ_OP_READ)))
			return err;
	}
	SetPageUptodate(page);
	return 0;
}

int block_read_page_sync(struct page *page, get_block_t *get_block)
{
	struct mpage_data mpd = { .get_block = get_block };

	return read_page_blocks(page, &mpd);
}

/* Start the read of one locked page (mpd's bio collects contiguous ones). */
static void mpage_read_one(struct page *page, struct mpage_data *mpd, unsigned nr_left)
{
	struct inode *inode = page->mapping->host;
	sector_t first;
	int r = page_extent(inode, page, mpd, nr_left, &first);

	if (r == 1)
		SetPageMappedToDisk(page);
	if (r == 1 && !mpage_add(inode, mpd, page, first, REQ_OP_READ, nr_left))
		return;
	if (r == 0) {			/* all holes: zeros, no I/O */
		zero_user(page, 0, PAGE_SIZE);
		SetPageUptodate(page);
	} else {
		mpage_submit(mpd);	/* keep the order of the requests */
		if (r < -1 || read_page_blocks(page, mpd))
			SetPageError(page);
	}
	unlock_page(page);
}

void mpage_readahead(struct readahead_control *rac, get_block_t *get_block)
{
	struct mpage_data mpd = { .get_block = get_block };
	unsigned i;

	for (i = 0; i < rac->nr_pages; i++)
		mpage_read_one(rac->pages[i], &mpd, rac->nr_pages - i);
	mpage_submit(&mpd);
}

int mpage_readpage(struct page *page, get_block_t *get_block)
{
	struct mpage_data mpd = { .get_block = get_block };

	mpage_read_one(page, &mpd, 1);
	mpage_submit(&mpd);
	return 0;
}

/* ---- writing ------------------------------------------------------------------ */

/*
 * __mpage_writepage - write one locked page whose dirty bit was cleared.
 * A page wholly past the end of the file (truncated meanwhile) is just
 * dropped from writeback; the part of the last page past the end is
 * zeroed first (a mapping may have written there).
 */
static int __mpage_writepage(struct page *page, struct writeback_control *wbc, void *data)
{
	struct mpage_data *mpd = data;
	struct inode *inode = page->mapping->host;
	loff_t size = i_size_read(inode);
	unsigned long end_index = (unsigned long)(size >> PAGE_SHIFT);
	unsigned tail = (unsigned)(size & ~PAGE_MASK), bits = inode->i_blkbits, off, len;
	sector_t first, block, disk;
	int r, err = 0;

	if (page->index > end_index || (page->index == end_index && !tail)) {
		unlock_page(page);
		return 0;
	}
	if (page->index == end_index)
		zero_user(page, tail, PAGE_SIZE - tail);
	r = page_extent(inode, page, mpd, 0, &first);
	if (r == 1)
		SetPageMappedToDisk(page);
	set_page_writeback(page);
	unlock_page(page);
	if (r == 1 && !mpage_add(inode, mpd, page, first, REQ_OP_WRITE, MPAGE_BIO_PAGES))
		return 0;
	mpage_submit(mpd);
	if (r == -1) {			/* mapped blocks among holes: one at a time */
		block = (sector_t)page->index << (PAGE_SHIFT - bits);
		for (off = 0; off < PAGE_SIZE && !err; off += 1u << bits, block++) {
			if ((loff_t)((page->index << PAGE_SHIFT) + off) >= size)
				break;
			err = map_blocks(inode, mpd, block, 1, 0, &disk, &len);
			if (!err && disk)
				err = block_io_sync(inode, page, off, disk, REQ_OP_WRITE);
		}
	} else if (r < 0) {
		err = r;
	}
	if (err) {
		SetPageError(page);
		mapping_set_error(page->mapping, err);
	}
	end_page_writeback(page);
	return err;
}

int mpage_writepages(struct address_space *mapping, struct writeback_control *wbc,
		     get_block_t *get_block)
{
	struct mpage_data mpd = { .get_block = get_block };
	int err = write_cache_pages(mapping, wbc, __mpage_writepage, &mpd);

	mpage_submit(&mpd);
	return err;
}

int mpage_writepage(struct page *page, get_block_t *get_block, struct writeback_control *wbc)
{
	struct mpage_data mpd = { .get_block = get_block };
	int err = __mpage_writepage(page, wbc, &mpd);

	mpage_submit(&mpd);
	return err;
}

/* ---- allocating ----------------------------------------------------------------- */

/*
 * alloc_page_blocks - give the blocks of page that [from, to) touches a
 * disk block each (create); returns 1 if any was new, 0, or -errno
 * (-ENOSPC: the disk is full).
 */
static int alloc_page_blocks(struct inode *inode, struct page *page, unsigned from, unsigned to,
			     get_block_t *get_block)
{
	unsigned bits = inode->i_blkbits, size = 1u << bits, off;
	sector_t block = (sector_t)page->index << (PAGE_SHIFT - bits);
	struct buffer_head map;
	int err, new = 0;

	for (off = 0; off < PAGE_SIZE; off += size, block++) {
		if (off + size <= from || off >= to)
			continue;
		memset(&map, 0, sizeof(map));
		map.b_size = size;
		err = get_block(inode, block, &map, 1);
		if (err)
			return err;
		if (buffer_new(&map)) {
			clean_bdev_aliases(inode->i_sb->s_bdev, map.b_blocknr, 1);
			new = 1;
		}
	}
	return new;
}

/*
 * block_write_begin - the locked page for a write of [pos, pos+len):
 * read first (holes read as zeros) unless it lies past the end of the
 * file, then blocks for the bytes to be written.  The page is uptodate,
 * except a new page past the end that the write covers whole: zeroing
 * it would cost as much as the copy that overwrites it, so
 * generic_write_end zeroes only what a short copy left.  A page that got
 * new blocks is marked dirty at once: whatever the copy does, those
 * blocks must not stay unwritten garbage on the disk.
 */
int block_write_begin(struct address_space *mapping, loff_t pos, unsigned len,
		      struct page **pagep, get_block_t *get_block)
{
	struct inode *inode = mapping->host;
	struct page *page = grab_cache_page_write_begin(mapping, (unsigned long)(pos >> PAGE_SHIFT));
	unsigned from = (unsigned)(pos & ~PAGE_MASK);
	int err = 0;

	if (!page)
		return -ENOMEM;
	if (!PageUptodate(page)) {
		if (((loff_t)page->index << PAGE_SHIFT) >= i_size_read(inode)) {
			/* a new page: zeros, unless the write covers it all */
			if (from || len < PAGE_SIZE) {
				zero_user(page, 0, PAGE_SIZE);
				SetPageUptodate(page);
			}
		} else {
			err = block_read_page_sync(page, get_block);
		}
	}
	if (!err)
		err = alloc_page_blocks(inode, page, from, from + len, get_block);
	if (err < 0) {
		unlock_page(page);
		put_page(page);
		return err;
	}
	if (err)
		set_page_dirty(page);
	*pagep = page;
	return 0;
}

/* generic_write_end - the copied bytes are in: the size grows, the page is dirty. */
int generic_write_end(struct file *f, struct address_space *mapping, loff_t pos,
		      unsigned len, unsigned copied, struct page *page)
{
	struct inode *inode = mapping->host;

	if (!PageUptodate(page)) {	/* a whole new page (block_write_begin) */
		if (copied < PAGE_SIZE)
			zero_user(page, copied, PAGE_SIZE - copied);
		SetPageUptodate(page);
	}
	if (copied) {
		if (pos + copied > i_size_read(inode)) {
			i_size_write(inode, pos + copied);
			__mark_inode_dirty(inode, I_DIRTY_SYNC | I_DIRTY_DATASYNC);
		}
		set_page_dirty(page);
	}
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

/*
 * block_page_mkwrite - a shared mapping writes a (locked, uptodate) page
 * for the first time: blocks for its part inside the file.  0, -EFAULT
 * (the page lies past the end now), -ENOSPC.
 */
int block_page_mkwrite(struct page *page, get_block_t *get_block)
{
	struct inode *inode = page->mapping->host;
	loff_t size = i_size_read(inode), start = (loff_t)page->index << PAGE_SHIFT;
	unsigned end = size - start >= (loff_t)PAGE_SIZE ? PAGE_SIZE : (unsigned)(size - start);
	int err;

	if (start >= size)
		return -EFAULT;
	if (PageMappedToDisk(page))
		return 0;	/* nothing to allocate: saves a get_block per block */
	err = alloc_page_blocks(inode, page, 0, end, get_block);
	return err < 0 ? err : 0;
}

/*
 * block_truncate_page - a file shrinks to `from`: the rest of the block
 * holding the new end is zeroed and written, so that growing the file
 * again shows zeros there, not the old bytes.
 */
int block_truncate_page(struct address_space *mapping, loff_t from, get_block_t *get_block)
{
	unsigned off = (unsigned)(from & ~PAGE_MASK);
	struct page *page;

	if (!off)
		return 0;
	page = find_or_create_page(mapping, (unsigned long)(from >> PAGE_SHIFT), mapping->gfp_mask);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	if (!PageUptodate(page) && block_read_page_sync(page, get_block)) {
		unlock_page(page);
		put_page(page);
		return -EIO;
	}
	ClearPageMappedToDisk(page);	/* the end of the file is inside it now */
	zero_user(page, off, PAGE_SIZE - off);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	return 0;
}
