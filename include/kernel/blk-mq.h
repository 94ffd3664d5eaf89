/*
 * The block layer's side that drivers see (Linux's blk-mq, reduced to one
 * hardware queue): requests, the queue's limits, and the calls between
 * the layer (kernel/block/blk-core.c) and a driver (virtio_blk.c).
 *
 *   block layer                               driver
 *   -----------------------------------       ------------------------------
 *   blk_mq_alloc_disk(ops, cmd_size) ------>  fills limits, capacity, name
 *   add_disk  (reads the partition table)
 *   dispatch: queue_rq(rq) for each queued -> maps rq->sg, builds the device's
 *             request; -EBUSY: full, try       command, does not notify yet
 *             again after a completion
 *             commit_rqs(q) after a batch --> notifies the device once
 *                                              interrupt (or poll): for each
 *   blk_mq_end_request(rq, error) <--------    finished command: unmap, status
 *   blk_mq_run_hw_queue(q)  <--------------    after them: room again
 *
 * All of these run with interrupts masked: one CPU, and the interrupt
 * handler is the other party.
 *
 * A request is one device command: a piece of one bio (or a flush the
 * layer adds around a bio) with at most limits.max_segments pieces of at
 * most limits.max_segment_size bytes, and at most limits.max_hw_sectors.
 */
#ifndef KERNEL_BLK_MQ_H
#define KERNEL_BLK_MQ_H

#include <kernel/blkdev.h>
#include <mm/dma.h>

struct queue_limits {
	unsigned int logical_block_size;	/* bytes, a power of 2 >= 512 */
	unsigned int max_segments;		/* pieces per request */
	unsigned int max_segment_size;		/* bytes per piece, a multiple of 512 */
	unsigned int max_hw_sectors;		/* sectors per request */
};

struct blk_mq_ops {
	/* Hand rq to the device (see above).  0, -EBUSY, or -errno to fail rq. */
	int (*queue_rq)(struct request *rq);
	/* The batch is over: notify the device.  May be NULL. */
	void (*commit_rqs)(struct request_queue *q);
	/* Reap finished commands without the interrupt (interrupts masked). */
	void (*poll)(struct request_queue *q);
};

struct request_queue {
	struct queue_limits limits;
	unsigned int nr_requests;	/* queue depth: requests at the driver at once */
	unsigned int in_driver;		/* requests queue_rq took and not yet ended */
	bool write_cache;		/* the device has a volatile write cache */
	bool fua;			/* ... and does FUA writes itself */
	const struct blk_mq_ops *mq_ops;
	unsigned int cmd_size;		/* the driver's bytes per request (blk_mq_rq_to_pdu) */
	void *queuedata;		/* the driver's */
	struct gendisk *disk;
	struct list_head dispatch;	/* requests waiting for the driver, in order */
	/* counts, for the self-test and docs/block.md */
	unsigned long requests;		/* requests made */
	unsigned long dispatch_busy;	/* queue_rq said -EBUSY (device full) */
	unsigned long dispatch_waits;	/* a submitter waited for room */
	unsigned long polls;		/* poll calls while waiting without a wakeup */
};

/* Request stages: a bio with REQ_PREFLUSH / REQ_FUA gets flushes around it. */
enum rq_stage { RQ_PREFLUSH, RQ_DATA, RQ_POSTFLUSH };

#define RQF_IN_DRIVER	(1u << 0)	/* queue_rq took it */

struct request {
	struct list_head queuelist;	/* its bio's list, then q->dispatch */
	struct request_queue *q;
	struct bio *bio;
	struct block_device *part;	/* where its statistics go */
	unsigned int cmd_flags;		/* REQ_OP_READ, REQ_OP_WRITE or REQ_OP_FLUSH */
	unsigned int rq_flags;		/* RQF_* */
	enum rq_stage stage;
	sector_t __sector;		/* on the whole disk */
	unsigned int __data_len;	/* bytes */
	u64 start_time_ns;		/* when it was queued */
	struct sg_table sgt;		/* the data pieces: sgt.sgl points into this allocation */
	unsigned int pdu_offset;	/* where the driver's part starts */
};

static inline enum req_op req_op(const struct request *rq)
{
	return (enum req_op)(rq->cmd_flags & REQ_OP_MASK);
}

static inline sector_t blk_rq_pos(const struct request *rq)
{
	return rq->__sector;
}

static inline unsigned int blk_rq_bytes(const struct request *rq)
{
	return rq->__data_len;
}

/* The driver's cmd_size bytes of rq, ARCH_DMA_MINALIGN-aligned, last in
 * its kmalloc object (so a DMA buffer at its end owns its cache line). */
static inline void *blk_mq_rq_to_pdu(struct request *rq)
{
	return (char *)rq + rq->pdu_offset;
}

/*
 * blk_mq_alloc_disk - a disk with a queue for a driver: ops, cmd_size
 * bytes of driver data per request, queuedata.  Limits start at 512-byte
 * blocks, one segment of a page, no transfer limit, depth 64; the driver
 * sets what its device says, then the name, major/minors and capacity,
 * then calls add_disk.  NULL on no memory.  Boot context.
 */
struct gendisk *blk_mq_alloc_disk(const struct blk_mq_ops *ops, unsigned int cmd_size,
				  void *queuedata);

/*
 * add_disk - make the disk and its partitions visible (block device list,
 * /proc/partitions, /proc/diskstats): reads its partition table through
 * the queue, so the driver must be ready for requests.  0 or -errno.
 */
int add_disk(struct gendisk *disk);

/*
 * register_blkdev - major 0: a free major, counting down from 254 as
 * Linux's dynamic majors do (virtio-blk's is 254 when it comes first).
 * Returns the major, or -EBUSY.
 */
int register_blkdev(unsigned int major, const char *name);

/* blk_mq_end_request - the device is done with rq (error 0 or -errno). */
void blk_mq_end_request(struct request *rq, int error);

/* blk_mq_run_hw_queue - hand the driver what waits, and wake waiters. */
void blk_mq_run_hw_queue(struct request_queue *q);

#endif
