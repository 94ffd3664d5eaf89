/*
 * mm/page_io.c - reading and writing one swap slot: a bio of one page to
 * the area's device (docs/swap.md).
 *
 * A slot of a block device is at page `offset` of it; a slot of a swap
 * file at the block swapon found under that page of the file
 * (swap_info_struct.blocks), on the device of its file system: the file
 * system itself is not involved, as in Linux.
 *
 * Both run with the page locked.  The write: the caller cleared
 * PG_dirty; PG_writeback is set and the page unlocked before the bio
 * goes, and the bio's end clears PG_writeback (reclaim then frees the
 * page).  The read: the bio's end sets PG_uptodate (or PG_error) and
 * unlocks the page; lock_page waits for it.  On a device with rw_page
 * (zram) neither needs a bio: the page is compressed or decompressed in
 * the call (bdev_write_page, bdev_read_page), and stays locked until it
 * returns; no PG_writeback at all.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/blkdev.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/swapfile.h>
#include <mm/filemap.h>
#include <mm/vmstat.h>

static sector_t swap_sector(const struct swap_info_struct *si, unsigned long off)
{
	unsigned long page = si->blocks ? si->blocks[off] : off;

	return (sector_t)page << (PAGE_SHIFT - SECTOR_SHIFT);
}

static void end_swap_bio_write(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (bio->bi_status) {
		/* it stays in memory, dirty: a later pass tries again */
		SetPageDirty(page);
		ClearPageReclaim(page);
		printk_ratelimited("Write-error on swap-device (%u:%u:%llu)\n", MAJOR(bio->bi_bdev->bd_dev),
		       MINOR(bio->bi_bdev->bd_dev), (unsigned long long)bio->bi_sector);
	}
	end_page_writeback(page);
	bio_put(bio);
}

/* swap_writepage - write a locked page of the swap cache to its slot; 0 or -ENOMEM. */
int swap_writepage(struct page *page)
{
	swp_entry_t e = { page->private };
	struct swap_info_struct *si = swp_info(e);
	struct bio *bio;
	int err;

	if (si->flags & SWP_SYNC_IO) {
		/* zram: compressed and stored before the call returns */
		err = bdev_write_page(si->bdev, swap_sector(si, swp_offset(e)), page);
		if (err != -EOPNOTSUPP) {
			if (err) {
				SetPageDirty(page);	/* stays in memory; tried again later */
				printk_ratelimited("Write-error on swap-device (%u:%u:%llu)\n",
				       MAJOR(si->bdev->bd_dev), MINOR(si->bdev->bd_dev),
				       (unsigned long long)swap_sector(si, swp_offset(e)));
			} else {
				count_vm_event(PSWPOUT);
			}
			unlock_page(page);
			return 0;
		}
	}
	bio = bio_alloc(si->bdev, 1, REQ_OP_WRITE, GFP_NOIO);
	if (!bio) {
		SetPageDirty(page);
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_sector = swap_sector(si, swp_offset(e));
	bio_add_page(bio, page, PAGE_SIZE, 0);
	bio->bi_end_io = end_swap_bio_write;
	set_page_writeback(page);
	unlock_page(page);
	count_vm_event(PSWPOUT);
	submit_bio(bio);
	return 0;
}

static void end_swap_bio_read(struct bio *bio)
{
	struct page *page = bio->bi_io_vec[0].bv_page;

	if (bio->bi_status) {
		SetPageError(page);
		ClearPageUptodate(page);
		printk_ratelimited("Read-error on swap-device (%u:%u:%llu)\n", MAJOR(bio->bi_bdev->bd_dev),
		       MINOR(bio->bi_bdev->bd_dev), (unsigned long long)bio->bi_sector);
	} else {
		SetPageUptodate(page);
	}
	unlock_page(page);
	bio_put(bio);
}

/*
 * swap_readpage - fill a locked page from the slot in page->private (a
 * page of the swap cache, or one read past it: then private holds the
 * entry only for this read).  Unlocked when the read ends; with
 * `synchronous` that is before the return.  0 or -ENOMEM.
 */
int swap_readpage(struct page *page, bool synchronous)
{
	swp_entry_t e = { page->private };
	struct swap_info_struct *si = swp_info(e);
	struct bio *bio;
	int err;

	if (si->flags & SWP_SYNC_IO) {
		err = bdev_read_page(si->bdev, swap_sector(si, swp_offset(e)), page);
		if (err != -EOPNOTSUPP) {
			count_vm_event(PSWPIN);
			if (err) {
				SetPageError(page);
				printk_ratelimited("Read-error on swap-device (%u:%u:%llu)\n",
				       MAJOR(si->bdev->bd_dev), MINOR(si->bdev->bd_dev),
				       (unsigned long long)swap_sector(si, swp_offset(e)));
			} else {
				SetPageUptodate(page);
			}
			unlock_page(page);
			return 0;
		}
	}
	bio = bio_alloc(si->bdev, 1, REQ_OP_READ, GFP_KERNEL);
	if (!bio) {
		SetPageError(page);
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_sector = swap_sector(si, swp_offset(e));
	bio_add_page(bio, page, PAGE_SIZE, 0);
	bio->bi_end_io = end_swap_bio_read;
	count_vm_event(PSWPIN);
	submit_bio(bio);
	if (synchronous)
		wait_on_page_locked(page);
	return 0;
}

/* swap_slot_freed - a slot's count reached 0: a device that keeps
 * something per slot (zram) lets it go now. */
void swap_slot_freed(struct swap_info_struct *si, unsigned long off)
{
	struct gendisk *disk = si->bdev ? si->bdev->bd_disk : NULL;

	if (disk && disk->swap_slot_free_notify)
		disk->swap_slot_free_notify(si->bdev, si->blocks ? si->blocks[off] : off);
}
