/*
 * kernel/block/bio.c - bios: allocation, adding pages, the end, waiting.
 *
 * A bio and its vector are one kmalloc object:
 *
 *   +------------------+-----------------------------------+
 *   | struct bio       | bi_max_vecs x struct bio_vec      |
 *   +------------------+-----------------------------------+
 *                        ^ bi_io_vec
 */
#include <kernel/blkdev.h>
#include <kernel/blk-mq.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/irqflags.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "blk.h"

struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, unsigned int opf,
		      gfp_t gfp)
{
	struct bio *bio;

	if (nr_vecs > 0xffff)		/* bi_max_vecs is 16 bits */
		return NULL;
	bio = kmalloc(sizeof(*bio) + nr_vecs * sizeof(struct bio_vec), gfp);
	if (!bio)
		return NULL;
	memset(bio, 0, sizeof(*bio));
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_max_vecs = (unsigned short)nr_vecs;
	bio->bi_io_vec = (struct bio_vec *)(bio + 1);
	INIT_LIST_HEAD(&bio->bi_rq_list);
	return bio;
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	struct bio_vec *last = bio->bi_vcnt ? &bio->bi_io_vec[bio->bi_vcnt - 1] : NULL;

	if (!len || off >= PAGE_SIZE || len > PAGE_SIZE - off || bio->bi_submitted ||
	    bio->bi_size > 0xffffffffu - len)
		return 0;
	if (last && last->bv_page == page && last->bv_offset + last->bv_len == off) {
		last->bv_len += len;		/* continues the last piece */
	} else {
		if (bio->bi_vcnt >= bio->bi_max_vecs)
			return 0;
		bio->bi_io_vec[bio->bi_vcnt].bv_page = page;
		bio->bi_io_vec[bio->bi_vcnt].bv_offset = off;
		bio->bi_io_vec[bio->bi_vcnt].bv_len = len;
		bio->bi_vcnt++;
	}
	bio->bi_size += len;
	return (int)len;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

void bio_put(struct bio *bio)
{
	if (!bio)
		return;
	if (bio->bi_rq_pending || !list_empty(&bio->bi_rq_list))
		panic("bio_put(%p): the bio is still in flight (%u requests)", bio,
		      bio->bi_rq_pending);
	kfree(bio);
}

/* ---------------------------------------------------------------- waiting */

struct bio_wait {
	bool done;
	bool sleeping;		/* the waiter sleeps on it: wake it */
};

/*
 * The end of a waited-for bio.  A bio that ends inside submit_bio (a
 * bio-based driver: zram) ends before its waiter could sleep: no wakeup,
 * which walks every task.  The waiter sets `sleeping` with interrupts
 * masked, so an interrupt's end sees it.
 */
static void submit_bio_wait_endio(struct bio *bio)
{
	struct bio_wait *w = bio->bi_private;

	w->done = true;
	if (w->sleeping)
		wakeup(w);
}

/*
 * submit_bio_wait - how the wait is done depends on who waits:
 *
 *   caller                                 waits by
 *   -------------------------------------  ---------------------------------
 *   a task, interrupts enabled             sleep_on(&w): the interrupt
 *                                          handler's bio_endio wakes it
 *   pid 0 (boot, self-tests), or           polling the driver (blk_poll):
 *   interrupts masked                      nothing else would run to wake it
 *   an interrupt handler                   not allowed (panics)
 */
int submit_bio_wait(struct bio *bio)
{
	struct request_queue *q = bio->bi_bdev->bd_disk->queue;
	struct bio_wait w = { false, false };
	bool sleep = blk_can_sleep();
	unsigned long flags;
	u64 since = 0;

	if (in_interrupt())
		panic("submit_bio_wait: called from an interrupt handler");
	bio->bi_private = &w;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	local_irq_save(flags);
	while (!w.done) {
		w.sleeping = sleep;
		if (sleep)
			sleep_on(&w);
		else
			blk_poll(q, &since);
	}
	local_irq_restore(flags);
	return bio->bi_status;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio = bio_alloc(bdev, 0, REQ_OP_FLUSH, GFP_KERNEL);
	int err;

	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}
