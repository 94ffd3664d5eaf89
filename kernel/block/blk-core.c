/*
 * kernel/block/blk-core.c - from a submitted bio to device requests, and
 * back to bio_endio.
 *
 * submit_bio checks the bio, then cuts it into requests, each one device
 * command within the queue's limits.  A bio that asks for flushes
 * (REQ_PREFLUSH, REQ_FUA on a device without FUA, or REQ_OP_FLUSH) gets
 * them as requests of their own, in stages that must not overlap,
 * because a device may finish its commands in any order:
 *
 *   stage         requests                  queued when
 *   ------------  ------------------------  ---------------------------------
 *   RQ_PREFLUSH   one flush                 at submit
 *   RQ_DATA       the data, cut to limits   the preflush ended (or at submit)
 *   RQ_POSTFLUSH  one flush                 every data request ended
 *
 * A bio keeps the requests of later stages on bi_rq_list and counts the
 * current stage's in bi_rq_pending; the last one to end queues the next
 * stage, or (none left, or an error) calls bio_endio.  On a device
 * without a volatile write cache there are no flushes at all.
 *
 * Queued requests wait on q->dispatch (first in, first out) until the
 * driver takes them: at most q->nr_requests at a time, and queue_rq
 * says -EBUSY when the device itself is full (virtio: no free
 * descriptors).  Each completion makes room, and the driver's
 * blk_mq_run_hw_queue hands over more.  A task that submits while
 * requests wait sleeps until the list is empty (it cannot flood the
 * memory with requests); pid 0 polls instead, an interrupt handler
 * leaves them to the next completion.
 *
 * Statistics (Linux 6.1's meaning, /proc/diskstats): a data request
 * counts from when it is queued (in flight, io_ticks) to its end (ios,
 * sectors, nsecs), for its partition and for the whole disk; a flush
 * counts for the whole disk only, at its end.  Merges stay 0: nothing
 * is merged here.
 *
 * A bio-based driver (gendisk.submit_bio: zram) skips the requests and
 * the dispatch list: submit_bio checks the bio and hands it over, the
 * driver does the work in the caller's context and ends the bio; it
 * counts each bio as one I/O with bio_start_io_acct/bio_end_io_acct, as
 * Linux's bio-based drivers do.  Such a driver may also offer rw_page,
 * one page with no bio at all (bdev_read_page, bdev_write_page): the
 * swap code's way to zram, as in Linux 6.1.
 *
 * All queue state changes with interrupts masked (one CPU; the
 * interrupt handler is the other party).
 */
#include <kernel/blk-mq.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "blk.h"

/* ------------------------------------------------------------ checking */

/* Is every piece of bio a multiple of the logical block size, in place and length? */
static bool bio_aligned(const struct bio *bio, unsigned int lbs)
{
	unsigned int i;

	if ((bio->bi_size & (lbs - 1)) || ((bio->bi_sector << SECTOR_SHIFT) & (lbs - 1)))
		return false;
	for (i = 0; i < bio->bi_vcnt; i++)
		if ((bio->bi_io_vec[i].bv_offset | bio->bi_io_vec[i].bv_len) & (lbs - 1))
			return false;
	return true;
}

/*
 * bio_check - 0 if the bio may go to the device; -EIO (with a message)
 * if it reaches past its device or partition, is not aligned, or writes
 * a read-only device; -EOPNOTSUPP for an unknown operation.
 */
static int bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	sector_t nr = bio->bi_size >> SECTOR_SHIFT;
	enum req_op op = bio_op(bio);

	if (op > REQ_OP_FLUSH)
		return -EOPNOTSUPP;
	if (op == REQ_OP_FLUSH)
		return bio->bi_size ? -EIO : 0;
	if (!bio_aligned(bio, bdev_logical_block_size(bdev))) {
		printk_ratelimited("%s: I/O at sector %llu, %u bytes, is not aligned to %u bytes\n",
				   bdev->bd_name, (unsigned long long)bio->bi_sector,
				   bio->bi_size, bdev_logical_block_size(bdev));
		return -EIO;
	}
	if (bio->bi_sector > bdev->bd_nr_sectors || nr > bdev->bd_nr_sectors - bio->bi_sector) {
		printk_ratelimited("%s: attempt to access beyond end of device: sector %llu, "
				   "%llu sectors, limit %llu\n", bdev->bd_name,
				   (unsigned long long)bio->bi_sector, (unsigned long long)nr,
				   (unsigned long long)bdev->bd_nr_sectors);
		return -EIO;
	}
	if (op == REQ_OP_WRITE && (bdev->bd_read_only || bdev->bd_disk->read_only)) {
		printk_ratelimited("%s: write to a read-only device\n", bdev->bd_name);
		return -EIO;
	}
	return 0;
}

/* ------------------------------------------------------------ requests */

/* Where the cutting of a bio into requests stands. */
struct bio_pos {
	unsigned int idx;		/* bio_vec */
	unsigned int done;		/* bytes of it already taken */
};

/*
 * rq_take - the pieces of the next request, from *pos on: at most
 * max_segments pieces of at most max_segment_size bytes, at most
 * max_hw_sectors in all.  Fills sg if not NULL (a first pass only
 * counts).  Returns the number of pieces and their bytes in *bytes.
 * Every piece stays a multiple of the logical block size: bio_check saw
 * to the bio, add_disk to the limits.
 */
static unsigned int rq_take(const struct request_queue *q, const struct bio *bio,
			    struct bio_pos *pos, struct scatterlist *sg, unsigned int *bytes)
{
	const struct queue_limits *l = &q->limits;
	/* in bytes, in 32 bits: a request is part of one bio, and bi_size is 32 bits */
	unsigned int room = l->max_hw_sectors >= (~0u >> SECTOR_SHIFT) ?
			    ~0u << SECTOR_SHIFT : l->max_hw_sectors << SECTOR_SHIFT;
	unsigned int n = 0;

	*bytes = 0;
	while (pos->idx < bio->bi_vcnt && n < l->max_segments && room) {
		const struct bio_vec *bv = &bio->bi_io_vec[pos->idx];
		unsigned int len = MIN(bv->bv_len - pos->done, l->max_segment_size);

		if (len > room)
			len = room;
		if (sg) {
			sg[n].page = bv->bv_page;
			sg[n].offset = bv->bv_offset + pos->done;
			sg[n].length = len;
			sg[n].dma_address = 0;
		}
		n++;
		*bytes += len;
		room -= len;
		pos->done += len;
		if (pos->done == bv->bv_len) {
			pos->idx++;
			pos->done = 0;
		}
	}
	return n;
}

/*
 * rq_alloc - a request with room for nsegs pieces and the driver's
 * cmd_size bytes, laid out in one kmalloc object:
 *
 *   | struct request | nsegs x scatterlist | pad to 64 | driver's part |
 *
 * The driver's part is last and ARCH_DMA_MINALIGN-aligned, so a buffer
 * the device writes at its end (virtio-blk's status byte) owns its cache
 * line.  NULL on no memory.
 */
static struct request *rq_alloc(struct request_queue *q, struct bio *bio, unsigned int op,
				enum rq_stage stage, unsigned int nsegs, gfp_t gfp)
{
	size_t pdu = ALIGN_UP(sizeof(struct request) + nsegs * sizeof(struct scatterlist),
			      (size_t)ARCH_DMA_MINALIGN);
	struct request *rq = kzalloc(pdu + q->cmd_size, gfp);

	if (!rq)
		return NULL;
	INIT_LIST_HEAD(&rq->queuelist);
	rq->q = q;
	rq->bio = bio;
	rq->part = bio->bi_bdev;
	rq->cmd_flags = op;
	rq->stage = stage;
	rq->sgt.sgl = (struct scatterlist *)(rq + 1);
	rq->sgt.nents = nsegs;
	rq->pdu_offset = (unsigned int)pdu;
	list_add_tail(&rq->queuelist, &bio->bi_rq_list);
	q->requests++;
	return rq;
}

static void bio_free_requests(struct bio *bio)
{
	struct request *rq, *tmp;

	list_for_each_entry_safe(rq, tmp, &bio->bi_rq_list, queuelist) {
		list_del(&rq->queuelist);
		kfree(rq);
	}
}

/* bio_data_requests - the data of bio as requests, appended to bi_rq_list. */
static int bio_data_requests(struct request_queue *q, struct bio *bio, gfp_t gfp)
{
	sector_t sector = bio->bi_sector + bio->bi_bdev->bd_start_sect;
	unsigned int op = bio_op(bio) | (q->fua ? bio->bi_opf & REQ_FUA : 0);
	struct bio_pos pos = { 0, 0 };

	while (pos.idx < bio->bi_vcnt) {
		struct bio_pos start = pos;
		unsigned int bytes, n = rq_take(q, bio, &pos, NULL, &bytes);
		struct request *rq = rq_alloc(q, bio, op, RQ_DATA, n, gfp);

		if (!rq)
			return -ENOMEM;
		rq_take(q, bio, &start, rq->sgt.sgl, &bytes);
		rq->__sector = sector;
		rq->__data_len = bytes;
		sector += bytes >> SECTOR_SHIFT;
	}
	return 0;
}

/* bio_make_requests - every request of the bio, stage by stage (the table above). */
static int bio_make_requests(struct request_queue *q, struct bio *bio, gfp_t gfp)
{
	enum req_op op = bio_op(bio);
	bool pre = q->write_cache && (op == REQ_OP_FLUSH || (bio->bi_opf & REQ_PREFLUSH));
	/* after data, a flush for FUA; an empty PREFLUSH|FUA bio needs only the one */
	bool post = q->write_cache && !q->fua && op == REQ_OP_WRITE &&
		    (bio->bi_opf & REQ_FUA) && (bio->bi_size || !pre);

	if (pre && !rq_alloc(q, bio, REQ_OP_FLUSH, RQ_PREFLUSH, 0, gfp))
		goto nomem;
	if (op != REQ_OP_FLUSH && bio_data_requests(q, bio, gfp))
		goto nomem;
	if (post && !rq_alloc(q, bio, REQ_OP_FLUSH, RQ_POSTFLUSH, 0, gfp))
		goto nomem;
	return 0;
nomem:
	bio_free_requests(bio);
	return -ENOMEM;
}

/* ------------------------------------------------------------ statistics */

static bool time_after(unsigned long a, unsigned long b)
{
	return (long)(b - a) < 0;
}

/*
 * update_io_ticks - Linux 6.1's rule: io_ticks counts the jiffies during
 * which the device had I/O in flight.  When I/O starts after a quiet
 * spell, one jiffy; when it ends, every jiffy since the last update.
 * For a partition, its disk too.
 */
void update_io_ticks(struct block_device *part, unsigned long now, bool end)
{
	for (;;) {
		if (time_after(now, part->bd_stamp)) {
			part->bd_stats.io_ticks += end ? now - part->bd_stamp : 1;
			part->bd_stamp = now;
		}
		if (!bdev_is_partition(part))
			return;
		part = part->bd_disk->part0;
	}
}

/* A data transfer starts on part (and its whole disk): in flight, io_ticks. */
static void account_io_start(struct block_device *part, int rw)
{
	struct block_device *whole = part->bd_disk->part0;

	update_io_ticks(part, jiffies, false);
	part->bd_in_flight[rw]++;
	if (part != whole)
		whole->bd_in_flight[rw]++;
}

static void blk_account_io_start(struct request *rq, u64 now)
{
	rq->start_time_ns = now;
	if (req_op(rq) != REQ_OP_FLUSH)
		account_io_start(rq->part, req_op(rq) == REQ_OP_WRITE);
}

static void stat_add(struct block_device *bdev, enum stat_group g, unsigned int sectors,
		     u64 nsecs)
{
	bdev->bd_stats.ios[g]++;
	bdev->bd_stats.sectors[g] += sectors;
	bdev->bd_stats.nsecs[g] += nsecs;
}

/* ... and ends, after ns: counted for part and its whole disk. */
static void account_io_done(struct block_device *part, int rw, unsigned int sectors, u64 ns)
{
	struct block_device *whole = part->bd_disk->part0;
	enum stat_group g = rw ? STAT_WRITE : STAT_READ;

	update_io_ticks(part, jiffies, true);
	stat_add(part, g, sectors, ns);
	part->bd_in_flight[rw]--;
	if (part != whole) {
		stat_add(whole, g, sectors, ns);
		whole->bd_in_flight[rw]--;
	}
}

static void blk_account_io_done(struct request *rq, u64 now)
{
	u64 ns = now - rq->start_time_ns;

	if (req_op(rq) == REQ_OP_FLUSH)
		stat_add(rq->part->bd_disk->part0, STAT_FLUSH, 0, ns);
	else
		account_io_done(rq->part, req_op(rq) == REQ_OP_WRITE,
				blk_rq_bytes(rq) >> SECTOR_SHIFT, ns);
}

u64 bdev_start_io_acct(struct block_device *bdev, enum req_op op)
{
	unsigned long flags;

	local_irq_save(flags);
	account_io_start(bdev, op == REQ_OP_WRITE);
	local_irq_restore(flags);
	return ktime_get_ns();
}

void bdev_end_io_acct(struct block_device *bdev, enum req_op op, unsigned int sectors, u64 start)
{
	u64 ns = ktime_get_ns() - start;
	unsigned long flags;

	local_irq_save(flags);
	account_io_done(bdev, op == REQ_OP_WRITE, sectors, ns);
	local_irq_restore(flags);
}

u64 bio_start_io_acct(struct bio *bio)
{
	return bdev_start_io_acct(bio->bi_bdev, bio_op(bio));
}

void bio_end_io_acct(struct bio *bio, u64 start)
{
	bdev_end_io_acct(bio->bi_bdev, bio_op(bio), bio->bi_size >> SECTOR_SHIFT, start);
}

/* ------------------------------------------------------------ dispatch */

/*
 * bio_queue_stage - move the requests of the bio's next stage (the first
 * on bi_rq_list, and those of the same stage after it) to the dispatch
 * list.  Interrupts masked.
 */
static void bio_queue_stage(struct request_queue *q, struct bio *bio)
{
	struct request *rq, *tmp;
	enum rq_stage stage = list_first_entry(&bio->bi_rq_list, struct request,
					       queuelist)->stage;
	u64 now = ktime_get_ns();

	list_for_each_entry_safe(rq, tmp, &bio->bi_rq_list, queuelist) {
		if (rq->stage != stage)
			break;
		list_move_tail(&rq->queuelist, &q->dispatch);
		blk_account_io_start(rq, now);
		bio->bi_rq_pending++;
	}
}

/*
 * blk_mq_dispatch - hand the driver the waiting requests, in order, while
 * the queue depth and the device allow; then one commit_rqs for the
 * batch (one doorbell).  Wakes the submitters waiting for room once the
 * list is empty.  Interrupts masked.
 */
static void blk_mq_dispatch(struct request_queue *q)
{
	bool queued = false;

	while (!list_empty(&q->dispatch) && q->in_driver < q->nr_requests) {
		struct request *rq = list_first_entry(&q->dispatch, struct request, queuelist);
		int err = q->mq_ops->queue_rq(rq);

		if (err == -EBUSY) {
			q->dispatch_busy++;
			break;
		}
		list_del(&rq->queuelist);
		if (err) {
			blk_mq_end_request(rq, err);
			continue;
		}
		rq->rq_flags |= RQF_IN_DRIVER;
		q->in_driver++;
		queued = true;
	}
	if (queued && q->mq_ops->commit_rqs)
		q->mq_ops->commit_rqs(q);
	if (list_empty(&q->dispatch))
		wakeup(&q->dispatch);
}

void blk_mq_run_hw_queue(struct request_queue *q)
{
	blk_mq_dispatch(q);
}

void blk_poll(struct request_queue *q, u64 *since)
{
	u64 now = ktime_get_ns();

	q->polls++;
	q->mq_ops->poll(q);
	if (!*since) {
		*since = now ? now : 1;
	} else if (now - *since > 5000000000ull) {
		printk("%s: no completion for 5 s; still polling\n", q->disk->disk_name);
		*since = now;
	}
}

/*
 * blk_mq_end_request - account rq, free it, and move its bio on: the
 * next stage, or bio_endio when the last request of the last stage (or
 * of a failed stage: the rest are dropped) ends.  Interrupts masked.
 */
void blk_mq_end_request(struct request *rq, int error)
{
	struct request_queue *q = rq->q;
	struct bio *bio = rq->bio;

	if (rq->rq_flags & RQF_IN_DRIVER)
		q->in_driver--;
	blk_account_io_done(rq, ktime_get_ns());
	if (error && !bio->bi_status)
		bio->bi_status = error;
	kfree(rq);
	if (--bio->bi_rq_pending)
		return;
	if (!bio->bi_status && !list_empty(&bio->bi_rq_list)) {
		bio_queue_stage(q, bio);	/* dispatched by blk_mq_run_hw_queue */
		return;
	}
	bio_free_requests(bio);
	bio_endio(bio);
}

/*
 * blk_wait_for_room - wait until every queued request went to the driver
 * (see the top of this file): sleep in a task, poll in pid 0 or with
 * interrupts masked, return at once in an interrupt handler.
 * Interrupts masked.
 */
static void blk_wait_for_room(struct request_queue *q, bool sleep)
{
	u64 since = 0;

	while (!list_empty(&q->dispatch) && !in_interrupt()) {
		q->dispatch_waits++;
		if (sleep)
			sleep_on(&q->dispatch);
		else
			blk_poll(q, &since);
	}
}

/* One page through the driver's rw_page, checked as bio_check checks a bio. */
static int bdev_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
			enum req_op op)
{
	struct gendisk *disk = bdev->bd_disk;
	sector_t lbs_sectors = bdev_logical_block_size(bdev) >> SECTOR_SHIFT;

	if (!disk->rw_page)
		return -EOPNOTSUPP;
	if ((sector & (lbs_sectors - 1)) || sector > bdev->bd_nr_sectors ||
	    bdev->bd_nr_sectors - sector < PAGE_SIZE >> SECTOR_SHIFT ||
	    (op == REQ_OP_WRITE && (bdev->bd_read_only || disk->read_only)))
		return -EIO;
	return disk->rw_page(bdev, sector + bdev->bd_start_sect, page, op);
}

int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return bdev_rw_page(bdev, sector, page, REQ_OP_READ);
}

int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return bdev_rw_page(bdev, sector, page, REQ_OP_WRITE);
}

/*
 * A bio-based driver's bio: straight to it.  Without a volatile write
 * cache there is nothing to flush: an empty flush ends at once, and the
 * PREFLUSH and FUA flags of a write mean nothing (as Linux's
 * submit_bio_noacct does).
 */
static void submit_bio_based(struct gendisk *disk, struct bio *bio)
{
	if (bio_op(bio) == REQ_OP_FLUSH && !disk->queue->write_cache) {
		bio_endio(bio);
		return;
	}
	disk->submit_bio(bio);
}

void submit_bio(struct bio *bio)
{
	struct gendisk *disk = bio->bi_bdev->bd_disk;
	struct request_queue *q = disk->queue;
	bool sleep;
	unsigned long flags;
	int err;

	if (bio->bi_submitted)
		panic("submit_bio(%p): submitted twice", bio);
	bio->bi_submitted = true;
	err = bio_check(bio);
	if (!err && disk->submit_bio) {
		submit_bio_based(disk, bio);
		return;
	}
	sleep = blk_can_sleep();
	if (!err)
		err = bio_make_requests(q, bio, in_interrupt() || irqs_disabled() ?
					GFP_ATOMIC : GFP_KERNEL);
	if (err || list_empty(&bio->bi_rq_list)) {	/* an error, or nothing to do */
		bio->bi_status = err;
		bio_endio(bio);
		return;
	}
	local_irq_save(flags);
	bio_queue_stage(q, bio);
	blk_mq_dispatch(q);		/* the bio may be over (and freed) after this */
	blk_wait_for_room(q, sleep);
	local_irq_restore(flags);
}
