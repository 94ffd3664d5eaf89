/*
 * The block layer (kernel/block/): block devices, bios, disks.  What a
 * file system or the page cache uses; drivers use include/kernel/blk-mq.h
 * as well.  Names, numbers and /proc formats are Linux's (6.1).
 *
 * The path of one I/O (docs/block.md has the picture):
 *
 *   bio_alloc, bio_add_page   pages and a starting sector on a block device
 *   submit_bio                checks it (inside the device, 512-byte aligned),
 *                             adds the partition's start, cuts it into device
 *                             requests the driver's limits allow, queues them
 *   driver (virtio_blk.c)     maps the pages for DMA, rings the doorbell
 *   interrupt                 the driver unmaps, ends each request; the last
 *                             one of a bio calls bio_endio -> bi_end_io
 *   submit_bio_wait           sleeps until then (polls where it cannot sleep)
 *
 * Units: sectors are 512 bytes whatever the device's logical block size;
 * bi_size and bio_vec lengths are bytes.
 *
 * Contexts.  submit_bio: any context; in process context it may sleep
 * while the device's queue is full.  submit_bio_wait and
 * blkdev_issue_flush: not in an interrupt handler; they sleep in a task,
 * and poll the device where nothing could wake them (the boot thread,
 * pid 0, before user space; or interrupts masked).  bi_end_io may run in
 * an interrupt handler.
 */
#ifndef KERNEL_BLKDEV_H
#define KERNEL_BLKDEV_H

#include <kernel/types.h>
#include <kernel/kdev_t.h>
#include <kernel/list.h>
#include <mm/gfp.h>

struct page;
struct gendisk;
struct request;
struct request_queue;
struct seq_buf;
struct sysfs_attr;

typedef u64 sector_t;			/* 512-byte units */
#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1u << SECTOR_SHIFT)

/* ---- operations and flags (bi_opf: op in the low byte, flags above) ----- */
enum req_op {
	REQ_OP_READ = 0,
	REQ_OP_WRITE = 1,
	REQ_OP_FLUSH = 2,		/* empty: make earlier writes durable */
};
#define REQ_OP_MASK	0xff
#define REQ_SYNC	(1u << 8)	/* someone waits for it (no effect here: no scheduler) */
#define REQ_FUA		(1u << 9)	/* write through: issue a flush after, if the device lacks FUA */
#define REQ_PREFLUSH	(1u << 10)	/* flush the device's cache before the write */

/* ---- bios ---------------------------------------------------------------- */

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len, bv_offset;	/* bytes, inside bv_page */
};

struct bio {
	struct block_device *bi_bdev;
	sector_t bi_sector;		/* relative to bi_bdev (partition offset added at submit) */
	unsigned int bi_opf;
	int bi_status;			/* 0 or -errno (-EIO) */
	unsigned short bi_vcnt, bi_max_vecs;
	unsigned int bi_size;		/* bytes */
	struct bio_vec *bi_io_vec;
	void (*bi_end_io)(struct bio *);
	void *bi_private;

	/* the block layer's (kernel/block/blk-core.c) */
	struct list_head bi_rq_list;	/* requests of later stages, not yet queued */
	unsigned int bi_rq_pending;	/* requests of the current stage not yet ended */
	bool bi_submitted;		/* submit_bio was called (once only) */
};

static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

/*
 * bio_alloc - a bio for up to nr_vecs page pieces, to start at sector 0
 * of bdev with operation and flags opf.  NULL when memory is short.
 * Free with bio_put.
 */
struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, unsigned int opf,
		      gfp_t gfp);

/*
 * bio_add_page - append [off, off + len) of page.  A piece that continues
 * the last one in the same page extends it instead of taking a vector.
 * Returns len, or 0 if the bio has no vector left, the piece is empty or
 * runs off the page, or bi_size would overflow.  Before submit only.
 */
int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off);

/*
 * submit_bio - start the I/O; bi_end_io is called exactly once when it is
 * over, perhaps before submit_bio returns, perhaps from an interrupt
 * handler, with bi_status 0 or -errno: -EIO for a bio that reaches past
 * the end of its device or partition, is not aligned to 512 bytes (or to
 * the logical block size), writes to a read-only device, or that the
 * device failed; -ENOMEM if the requests could not be allocated.  A bio
 * is submitted once.
 */
void submit_bio(struct bio *bio);

/*
 * submit_bio_wait - submit_bio and wait for the end (it uses bi_end_io
 * and bi_private itself).  Returns bi_status; the caller still owns the
 * bio and puts it.
 */
int submit_bio_wait(struct bio *bio);

/* bio_endio - the end of a bio: calls bi_end_io (once). */
void bio_endio(struct bio *bio);

/* bio_put - free a bio (after its end, or one never submitted). */
void bio_put(struct bio *bio);

/*
 * blkdev_issue_flush - make every write the device completed so far
 * durable (a cache flush; nothing to do on a device without a volatile
 * write cache).  0 or -errno.  May sleep.
 */
int blkdev_issue_flush(struct block_device *bdev);

/* ---- disks and block devices --------------------------------------------- */

enum stat_group { STAT_READ, STAT_WRITE, STAT_DISCARD, STAT_FLUSH, NR_STAT_GROUPS };

/* I/O statistics of one block device (/proc/diskstats; Linux's fields). */
struct disk_stats {
	u64 nsecs[NR_STAT_GROUPS];		/* time from queueing to completion */
	unsigned long sectors[NR_STAT_GROUPS];
	unsigned long ios[NR_STAT_GROUPS];	/* requests completed */
	unsigned long merges[NR_STAT_GROUPS];	/* always 0: nothing merges here */
	unsigned long io_ticks;			/* jiffies with I/O in flight */
};

#define DISK_MAX_PARTS	16		/* minors per disk, as virtio-blk: 0 disk, 1..15 */
#define BDEVNAME_SIZE	32

struct gendisk {
	char disk_name[32];		/* "vda" */
	int major, first_minor, minors;
	sector_t capacity;		/* 512-byte sectors */

	struct request_queue *queue;
	void *private_data;		/* the driver's */
	bool read_only;

	/*
	 * A bio-based driver (zram; Linux's block_device_operations.submit_bio)
	 * does the I/O of a whole bio itself, in submit_bio's context, and
	 * ends it with bio_endio: no requests, no dispatch list.  NULL for a
	 * request driver (blk-mq: virtio-blk).  submit_bio has checked the
	 * bio (inside the device, aligned to the logical block size) and
	 * ended an empty flush already when the queue has no write cache.
	 * The driver counts the bio in /proc/diskstats itself, with
	 * bio_start_io_acct and bio_end_io_acct.
	 */
	void (*submit_bio)(struct bio *bio);
	/*
	 * rw_page - one page of I/O, done at once in the caller's context,
	 * without a bio: what the swap code uses when it can (Linux 6.1's
	 * block_device_operations.rw_page, behind bdev_read_page and
	 * bdev_write_page, for zram).  sector is on the whole disk, checked
	 * by the caller.  0 or -errno; NULL if the driver has no such path.
	 */
	int (*rw_page)(struct block_device *bdev, sector_t sector, struct page *page,
		       enum req_op op);
	/*
	 * swap_slot_free_notify - the swap code calls it when it frees slot
	 * `index` (in PAGE_SIZE units from the start of bdev) of a swap area
	 * on this disk: what the slot held is dead, and a device that keeps
	 * data in RAM (zram) frees it now instead of when the slot is next
	 * written.  NULL: the disk does not care.  Process context, perhaps
	 * with the swap code's locks held: it must not sleep.  (Linux has it
	 * in block_device_operations, for zram alone.)
	 */
	void (*swap_slot_free_notify)(struct block_device *bdev, unsigned long index);
	/*
	 * More files for /sys/block/<disk>/ beside dev, size, ro and stat
	 * (zram's knobs): an array ended by an entry with a NULL name; their
	 * priv is the whole-disk block_device.  NULL: none.
	 */
	const struct sysfs_attr *sysfs_attrs;

	struct block_device *part0;	/* the whole disk */
	struct block_device *part_tbl[DISK_MAX_PARTS];	/* [partno], NULL: none */
	struct list_head disk_list;	/* every disk, in the order added */
};

struct block_device {
	dev_t bd_dev;
	sector_t bd_start_sect, bd_nr_sectors;
	struct gendisk *bd_disk;
	u8 bd_partno;			/* 0: the whole disk */
	char bd_name[32];		/* "vda", "vda1" */
	bool bd_read_only;
	void *bd_fs_private;		/* reserved for the VFS (buffer cache mapping) -- leave NULL, never touch */
	struct list_head bd_list;	/* all block devices */

	/*
	 * Who has it open (kernel/fs/block_dev.c: blkdev_get, blkdev_put):
	 *
	 *   field       counts
	 *   ----------  ---------------------------------------------------
	 *   bd_openers  every blkdev_get not yet put: open files of the
	 *               device node, mounted file systems, swap areas; a
	 *               partition's also count on its whole disk
	 *   bd_holder   the one exclusive claimant (a mounted file system's
	 *               type, a swap area), or NULL; Linux's bd_holder
	 *   bd_holders  how many of bd_openers are that claimant's
	 *
	 * A zram reset refuses with EBUSY while its disk has openers (Linux:
	 * disk_openers).  The last put writes the device's page cache back
	 * and drops it (Linux's blkdev_flush_mapping).
	 */
	unsigned int bd_openers;
	void *bd_holder;
	unsigned int bd_holders;

	/* statistics (kernel/block/blk-core.c, genhd.c) */
	struct disk_stats bd_stats;
	unsigned int bd_in_flight[2];	/* reads, writes queued and not yet ended */
	unsigned long bd_stamp;		/* jiffies when io_ticks was last brought up to date */
};

/*
 * blkdev_get - one more opener of bdev (see bd_openers above).  holder
 * NULL: a shared open (an open file).  holder not NULL: an exclusive
 * claim as well, refused with -EBUSY if another holder has bdev, or (for
 * a partition) its whole disk; the same holder may claim again.
 * blkdev_put undoes it with the same holder.  Process context.
 */
int blkdev_get(struct block_device *bdev, void *holder);
void blkdev_put(struct block_device *bdev, void *holder);

/*
 * set_capacity_and_notify - the disk's size is now `sectors` (zram's
 * disksize): its whole-disk device and /dev node follow, and a change is
 * said on the console as Linux says it.
 */
void set_capacity_and_notify(struct gendisk *disk, sector_t sectors);

/*
 * blk_alloc_disk - a disk for a bio-based driver: set submit_bio, the
 * name, numbers, capacity and limits (512-byte blocks to start with),
 * then add_disk.  NULL on no memory.  Boot context.
 */
struct gendisk *blk_alloc_disk(void);

/*
 * bio_start_io_acct, bio_end_io_acct - a bio-based driver's statistics:
 * the bio is in flight from the first to the second (/proc/diskstats,
 * /sys/block/<disk>/stat).  start is what the first returned.
 * bdev_start_io_acct, bdev_end_io_acct: the same for an I/O of `sectors`
 * without a bio (rw_page).
 */
u64 bio_start_io_acct(struct bio *bio);
void bio_end_io_acct(struct bio *bio, u64 start);
u64 bdev_start_io_acct(struct block_device *bdev, enum req_op op);
void bdev_end_io_acct(struct block_device *bdev, enum req_op op, unsigned int sectors, u64 start);

/*
 * bdev_read_page, bdev_write_page - one whole page at sector of bdev (a
 * partition's start is added), synchronously through the driver's
 * rw_page: no bio is allocated and nothing waits.  0, -EOPNOTSUPP when
 * the driver has no rw_page (use a bio), -EIO for a page past the end,
 * not aligned to the logical block size, or a write to a read-only
 * device, or the driver's error (zram: -ENOMEM when it has no room, -EIO
 * for a corrupt page).  Unlike Linux's, they leave the page's flags
 * (locked, writeback) to the caller.  Any context the driver allows
 * (zram: any).
 */
int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page);
int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page);

/* part_stat_show - /sys/block/<disk>/stat of bdev (priv), Linux 6.1's format. */
void part_stat_show(struct seq_buf *s, void *bdev);

/* blkdev_get_by_name - "vda1" or "/dev/vda1"; NULL if there is none. */
struct block_device *blkdev_get_by_name(const char *name);
struct block_device *blkdev_get_by_dev(dev_t dev);

/* bdev_next - iterate over every block device: bdev_next(NULL) is the first. */
struct block_device *bdev_next(struct block_device *prev);

/* bdev_logical_block_size - the smallest unit the device addresses (bytes, >= 512). */
unsigned int bdev_logical_block_size(struct block_device *bdev);

static inline bool bdev_is_partition(const struct block_device *bdev)
{
	return bdev->bd_partno != 0;
}

static inline sector_t bdev_nr_sectors(const struct block_device *bdev)
{
	return bdev->bd_nr_sectors;
}

#endif
