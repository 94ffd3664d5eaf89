/*
 * mm/readahead.c - reading a file ahead of the reader.
 *
 * A reader going through a file page after page would wait for the disk
 * at every page.  Read-ahead guesses: on a miss that looks sequential it
 * reads a window of several pages in one request, and marks a page near
 * the window's end (PG_readahead); when the reader reaches that page, the
 * next, bigger window is started while the reader still has pages to
 * read, so the disk works ahead of it.
 *
 *       window 1 (4 pages)        window 2 (8 pages)
 *   [ 0  1  2  3 ]           [ 4  5  6  7  8  9 10 11 ]
 *            ^ PG_readahead: reaching page 2 starts window 2
 *
 * The window starts at 4 times the request (at least 4 pages), doubles
 * each time, and stops growing at ra_pages (128 KiB, Linux's default
 * read_ahead_kb).  A miss that is not where the last read ended reads
 * just what was asked (random access).
 */
#include <kernel/types.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/filemap.h>

unsigned long ra_pages_read;

void file_ra_state_init(struct file *f)
{
	memset(&f->f_ra, 0, sizeof(f->f_ra));
	f->f_ra.ra_pages = VM_READAHEAD_PAGES;
	f->f_ra.prev_pos = -1;
}

#define RA_BATCH	32

void read_pages(struct readahead_control *rac);

/*
 * do_page_cache_ra - read pages [index, index+nr) that are not cached
 * yet, the one at index+nr-lookahead marked PG_readahead.  Pages already
 * cached end a batch (they need no read); the I/O is started, not waited
 * for.  An allocation that fails just ends the read-ahead early.
 */
static void do_page_cache_ra(struct address_space *mapping, struct file *f,
			     unsigned long index, unsigned long nr, unsigned long lookahead)
{
	struct inode *inode = mapping->host;
	unsigned long end = (unsigned long)((i_size_read(inode) + PAGE_SIZE - 1) >> PAGE_SHIFT);
	struct page *pages[RA_BATCH];
	struct readahead_control rac = { f, mapping, 0, 0, pages };
	unsigned long i;

	if (index >= end)
		return;
	if (nr > end - index)
		nr = end - index;
	for (i = 0; i < nr; i++) {
		struct page *page;

		if (rac.nr_pages == RA_BATCH)
			read_pages(&rac);
		if (radix_tree_lookup(&mapping->i_pages, index + i)) {
			read_pages(&rac);	/* cached: the batch ends here */
			continue;
		}
		page = alloc_page(mapping->gfp_mask | __GFP_NOWARN);
		if (!page)
			break;			/* no memory: read-ahead is only a guess */
		__set_bit(PG_locked, &page->flags);
		if (add_to_page_cache(page, mapping, index + i)) {
			__clear_bit(PG_locked, &page->flags);
			put_page(page);
			read_pages(&rac);
			continue;
		}
		put_page(page);			/* the cache holds it now */
		if (lookahead && i == nr - lookahead)
			SetPageReadahead(page);
		if (!rac.nr_pages)
			rac.index = index + i;
		pages[rac.nr_pages++] = page;
	}
	read_pages(&rac);
}

/* read_pages - start the reads of rac's pages (each locked, in the cache). */
void read_pages(struct readahead_control *rac)
{
	const struct address_space_operations *a = rac->mapping->a_ops;
	unsigned i;

	if (!rac->nr_pages)
		return;
	ra_pages_read += rac->nr_pages;
	if (a->readahead)
		a->readahead(rac);
	else
		for (i = 0; i < rac->nr_pages; i++)
			a->readpage(rac->file, rac->pages[i]);
	rac->nr_pages = 0;
}

static unsigned long init_ra_size(unsigned long req, unsigned long max)
{
	unsigned long size = req * 4;

	if (size < 4)
		size = 4;
	return size > max ? max : size;
}

/*
 * page_cache_sync_readahead - a miss at index for a read of req_count
 * pages: start a window if the access looks sequential, else read what
 * was asked.
 */
void page_cache_sync_readahead(struct address_space *mapping, struct file *f,
			       unsigned long index, unsigned long req_count)
{
	struct file_ra_state *ra = f ? &f->f_ra : NULL;
	unsigned long max = ra && ra->ra_pages ? ra->ra_pages : VM_READAHEAD_PAGES;
	loff_t prev = ra ? ra->prev_pos : -1;
	bool sequential = index == 0 || (prev >= 0 && (unsigned long)(prev >> PAGE_SHIFT) + 1 >= index &&
					  (unsigned long)(prev >> PAGE_SHIFT) <= index);

	if (req_count > max)
		req_count = max;
	if (!ra || !sequential) {
		do_page_cache_ra(mapping, f, index, req_count, 0);
		return;
	}
	ra->start = index;
	ra->size = (unsigned)init_ra_size(req_count, max);
	ra->async_size = ra->size > req_count ? (unsigned)(ra->size - req_count) : 0;
	do_page_cache_ra(mapping, f, ra->start, ra->size, ra->async_size);
}

/*
 * page_cache_async_readahead - the reader reached a PG_readahead page:
 * start the next window (twice the last, up to ra_pages) right after the
 * current one.
 */
void page_cache_async_readahead(struct address_space *mapping, struct file *f,
				struct page *page, unsigned long index, unsigned long req_count)
{
	struct file_ra_state *ra = &f->f_ra;
	unsigned long max = ra->ra_pages ? ra->ra_pages : VM_READAHEAD_PAGES;

	ClearPageReadahead(page);
	if (index != ra->start + ra->size - ra->async_size) {	/* not our marker: restart */
		ra->start = index;
		ra->size = (unsigned)init_ra_size(req_count, max);
		ra->async_size = ra->size;
	} else {
		ra->start += ra->size;
		ra->size = (unsigned)(ra->size * 2 > max ? max : ra->size * 2);
		ra->async_size = ra->size;
	}
	do_page_cache_ra(mapping, f, ra->start, ra->size, ra->async_size);
}

/*
 * force_page_cache_ra - the reader says it will need [index, index+nr)
 * (madvise MADV_WILLNEED): read it, whatever the access pattern, but at
 * most one read-ahead window per call (Linux 6.1 caps it the same way,
 * at the larger of ra_pages and the device's io_pages).
 */
void force_page_cache_ra(struct address_space *mapping, struct file *f, unsigned long index,
			 unsigned long nr)
{
	unsigned long max = f && f->f_ra.ra_pages ? f->f_ra.ra_pages : VM_READAHEAD_PAGES;

	do_page_cache_ra(mapping, f, index, nr < max ? nr : max, 0);
}
