/*
 * kernel/block/genhd.c - disks and block devices: majors, names, device
 * numbers, adding a disk and its partitions, finding a device, and the
 * two /proc files Linux has for them.
 *
 *   disk  struct gendisk      one per device a driver found ("vda")
 *   bdev  struct block_device the whole disk (partno 0, disk->part0) and
 *                             each partition ("vda1"); what I/O names
 *
 * Device numbers: a disk has `minors` consecutive minors from first_minor
 * (virtio-blk: 16, so vda is 254:0, vda1 254:1, vdb 254:16), partition n
 * is first_minor + n.  Partition names add the number to the disk's
 * name, with a "p" between if the disk's name ends in a digit (as
 * Linux: mmcblk0p1).
 *
 * Disks are added at boot (drivers probe before user space) and never
 * removed, so the lists need no locking.
 */
#include <kernel/blk-mq.h>
#include <kernel/buffer_head.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "blk.h"
#include "partitions.h"

#define BLKDEV_MAJOR_MAX	255	/* majors 1..254 (Linux's register_blkdev range) */

LIST_HEAD(disk_list);
static LIST_HEAD(all_bdevs);
static const char *major_names[BLKDEV_MAJOR_MAX];

int register_blkdev(unsigned int major, const char *name)
{
	if (major >= BLKDEV_MAJOR_MAX)
		return -EINVAL;
	if (!major) {
		for (major = BLKDEV_MAJOR_MAX - 1; major > 0 && major_names[major]; major--)
			;
		if (!major)
			return -EBUSY;
	}
	if (major_names[major])
		return strcmp(major_names[major], name) ? -EBUSY : (int)major;
	major_names[major] = name;
	return (int)major;
}

struct gendisk *blk_mq_alloc_disk(const struct blk_mq_ops *ops, unsigned int cmd_size,
				  void *queuedata)
{
	struct gendisk *disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!disk || !q) {
		kfree(disk);
		kfree(q);
		return NULL;
	}
	q->limits.logical_block_size = SECTOR_SIZE;
	q->limits.max_segments = 1;
	q->limits.max_segment_size = PAGE_SIZE;
	q->limits.max_hw_sectors = 0xffffffffu;
	q->nr_requests = 64;
	q->mq_ops = ops;
	q->cmd_size = cmd_size;
	q->queuedata = queuedata;
	q->disk = disk;
	INIT_LIST_HEAD(&q->dispatch);
	disk->queue = q;
	INIT_LIST_HEAD(&disk->disk_list);
	return disk;
}

struct gendisk *blk_alloc_disk(void)
{
	return blk_mq_alloc_disk(NULL, 0, NULL);
}

void set_capacity_and_notify(struct gendisk *disk, sector_t sectors)
{
	sector_t old = disk->capacity;

	disk->capacity = sectors;
	if (!disk->part0)
		return;
	bdev_set_nr_sectors(disk->part0, sectors);
	if (old != sectors)
		printk_ratelimited("%s: detected capacity change from %llu to %llu\n",
				   disk->disk_name, (unsigned long long)old,
				   (unsigned long long)sectors);
}

/* "vda" + 1 -> "vda1"; "mmcblk0" + 1 -> "mmcblk0p1". */
static void part_name(char *buf, size_t size, const struct gendisk *disk, unsigned int partno)
{
	size_t len = strlen(disk->disk_name);

	if (!partno)
		snprintf(buf, size, "%s", disk->disk_name);
	else if (len && disk->disk_name[len - 1] >= '0' && disk->disk_name[len - 1] <= '9')
		snprintf(buf, size, "%sp%u", disk->disk_name, partno);
	else
		snprintf(buf, size, "%s%u", disk->disk_name, partno);
}

static struct block_device *bdev_add(struct gendisk *disk, unsigned int partno, sector_t start,
				     sector_t nr_sectors)
{
	struct block_device *bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);

	if (!bdev)
		return NULL;
	bdev->bd_dev = MKDEV(disk->major, disk->first_minor + (int)partno);
	bdev->bd_start_sect = start;
	bdev->bd_nr_sectors = nr_sectors;
	bdev->bd_disk = disk;
	bdev->bd_partno = (u8)partno;
	bdev->bd_read_only = disk->read_only;
	part_name(bdev->bd_name, sizeof(bdev->bd_name), disk, partno);
	bdev->bd_stamp = jiffies;
	disk->part_tbl[partno] = bdev;
	list_add_tail(&bdev->bd_list, &all_bdevs);
	return bdev;
}

/* ------------------------------------------------------------ partitions */

/* Read 512-byte sector s of the disk for the parser (a whole logical block, if larger). */
static int scan_read(void *ctx, sector_t s, u8 *buf)
{
	struct gendisk *disk = ctx;
	unsigned int lbs = disk->queue->limits.logical_block_size;
	sector_t per_block = lbs >> SECTOR_SHIFT;
	struct page *page = alloc_page(GFP_KERNEL);
	struct bio *bio = page ? bio_alloc(disk->part0, 1, REQ_OP_READ, GFP_KERNEL) : NULL;
	int err = -ENOMEM;

	if (bio) {
		bio->bi_sector = s - s % per_block;
		bio_add_page(bio, page, lbs, 0);
		err = submit_bio_wait(bio);
		if (!err)
			memcpy(buf, (u8 *)page_address(page) + (s % per_block) * SECTOR_SIZE,
			       SECTOR_SIZE);
		bio_put(bio);
	}
	if (page)
		__free_page(page);
	return err;
}

/* Print " vda: vda1 vda2 < vda5 vda6 >" as Linux does after a scan. */
static void print_partitions(struct gendisk *disk, const struct parsed_partitions *state)
{
	char line[160], name[BDEVNAME_SIZE];
	size_t len = (size_t)scnprintf(line, sizeof(line), " %s:", disk->disk_name);
	bool open = false;
	unsigned int n;

	for (n = 1; n < DISK_MAX_PARTS; n++) {
		if (!state->parts[n].size)
			continue;
		if (state->parts[n].logical && !open) {
			len += (size_t)scnprintf(line + len, sizeof(line) - len, " <");
			open = true;
		}
		part_name(name, sizeof(name), disk, n);
		len += (size_t)scnprintf(line + len, sizeof(line) - len, " %s", name);
	}
	if (open)
		scnprintf(line + len, sizeof(line) - len, " >");
	printk("%s\n", line);
}

/* blk_scan_partitions - read the MBR and add its partitions as block devices. */
static void blk_scan_partitions(struct gendisk *disk)
{
	struct parsed_partitions *state = kzalloc(sizeof(*state), GFP_KERNEL);
	unsigned int n;
	int ret;

	if (!state)
		return;
	state->name = disk->disk_name;
	state->capacity = disk->capacity;
	state->limit = (unsigned int)disk->minors;
	state->read_sector = scan_read;
	state->ctx = disk;
	ret = msdos_partition(state);
	if (ret < 0)
		printk("%s: unable to read the partition table (%d)\n", disk->disk_name, ret);
	for (n = 1; ret > 0 && n < (unsigned int)disk->minors; n++)
		if (state->parts[n].size &&
		    !bdev_add(disk, n, state->parts[n].from, state->parts[n].size))
			printk("%s: no memory for partition %u\n", disk->disk_name, n);
	if (ret > 0)
		print_partitions(disk, state);
	kfree(state);
}

/* Make the limits usable: pieces and requests whole logical blocks. */
static int blk_check_limits(struct gendisk *disk)
{
	struct request_queue *q = disk->queue;
	struct queue_limits *l = &q->limits;
	unsigned int lbs = l->logical_block_size;

	if (lbs < SECTOR_SIZE || lbs > PAGE_SIZE || (lbs & (lbs - 1)))
		return -EINVAL;
	l->max_segment_size = ALIGN_DOWN(MIN(l->max_segment_size, (unsigned int)PAGE_SIZE), lbs);
	l->max_hw_sectors = ALIGN_DOWN(l->max_hw_sectors, lbs >> SECTOR_SHIFT);
	if (!l->max_segment_size || !l->max_hw_sectors || !l->max_segments || !q->nr_requests)
		return -EINVAL;
	return 0;
}

int add_disk(struct gendisk *disk)
{
	int err = blk_check_limits(disk);

	if (err || !disk->major || disk->minors < 1 || disk->minors > DISK_MAX_PARTS ||
	    !disk->disk_name[0])
		return err ? err : -EINVAL;
	disk->part0 = bdev_add(disk, 0, 0, disk->capacity);
	if (!disk->part0)
		return -ENOMEM;
	list_add_tail(&disk->disk_list, &disk_list);
	if (disk->minors > 1 && disk->capacity)
		blk_scan_partitions(disk);
	return 0;
}

/* ------------------------------------------------------------ lookup */

struct block_device *blkdev_get_by_name(const char *name)
{
	struct block_device *bdev;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	list_for_each_entry(bdev, &all_bdevs, bd_list)
		if (!strcmp(bdev->bd_name, name))
			return bdev;
	return NULL;
}

struct block_device *blkdev_get_by_dev(dev_t dev)
{
	struct block_device *bdev;

	list_for_each_entry(bdev, &all_bdevs, bd_list)
		if (bdev->bd_dev == dev)
			return bdev;
	return NULL;
}

struct block_device *bdev_next(struct block_device *prev)
{
	struct list_head *next = prev ? prev->bd_list.next : all_bdevs.next;

	return next == &all_bdevs ? NULL : list_entry(next, struct block_device, bd_list);
}

unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return bdev->bd_disk->queue->limits.logical_block_size;
}

/* ------------------------------------------------------------ /proc */

/*
 * /proc/partitions, Linux 6.1's format: a header if there is a disk at
 * all, then per disk with a capacity the whole disk and each partition
 * with sectors, #blocks in 1 KiB units.
 */
static void show_partitions(struct seq_buf *s)
{
	struct gendisk *disk;
	unsigned int n;

	if (!list_empty(&disk_list))
		seq_printf(s, "major minor  #blocks  name\n\n");
	list_for_each_entry(disk, &disk_list, disk_list) {
		if (!disk->capacity)
			continue;
		for (n = 0; n < (unsigned int)disk->minors; n++) {
			struct block_device *p = disk->part_tbl[n];

			if (!p || !p->bd_nr_sectors)
				continue;
			seq_printf(s, "%4u  %7u %10llu %s\n", MAJOR(p->bd_dev), MINOR(p->bd_dev),
				   (unsigned long long)(p->bd_nr_sectors >> 1), p->bd_name);
		}
	}
}
VIEW(partitions, show_partitions);

/*
 * The 17 statistics of a block device, as /proc/diskstats (after the
 * name) and /sys/block/<disk>/stat show them: Linux 6.1's fields
 * (Documentation/admin-guide/iostats.rst), times in milliseconds.
 * io_ticks is brought up to date first if I/O is in flight.
 */
static void part_stat_read(struct block_device *p, unsigned long long v[17])
{
	const struct disk_stats *st = &p->bd_stats;
	unsigned int inflight;
	unsigned long flags;
	u64 all_ns;
	int g, i = 0;

	local_irq_save(flags);		/* a consistent set */
	inflight = p->bd_in_flight[0] + p->bd_in_flight[1];
	if (inflight)
		update_io_ticks(p, jiffies, true);
	all_ns = st->nsecs[STAT_READ] + st->nsecs[STAT_WRITE] + st->nsecs[STAT_DISCARD] +
		 st->nsecs[STAT_FLUSH];
	for (g = STAT_READ; g <= STAT_WRITE; g++) {
		v[i++] = st->ios[g];
		v[i++] = st->merges[g];
		v[i++] = st->sectors[g];
		v[i++] = (unsigned int)(st->nsecs[g] / 1000000);
	}
	v[i++] = inflight;
	v[i++] = (unsigned int)(st->io_ticks * (1000 / HZ));
	v[i++] = (unsigned int)(all_ns / 1000000);
	v[i++] = st->ios[STAT_DISCARD];
	v[i++] = st->merges[STAT_DISCARD];
	v[i++] = st->sectors[STAT_DISCARD];
	v[i++] = (unsigned int)(st->nsecs[STAT_DISCARD] / 1000000);
	v[i++] = st->ios[STAT_FLUSH];
	v[i] = (unsigned int)(st->nsecs[STAT_FLUSH] / 1000000);
	local_irq_restore(flags);
}

/* One line of /proc/diskstats: major, minor, name, the 17 fields. */
static void diskstats_line(struct seq_buf *s, struct block_device *p)
{
	unsigned long long v[17];
	int i;

	part_stat_read(p, v);
	seq_printf(s, "%4u %7u %s", MAJOR(p->bd_dev), MINOR(p->bd_dev), p->bd_name);
	for (i = 0; i < 17; i++)
		seq_printf(s, " %llu", v[i]);
	seq_printf(s, "\n");
}

/* /sys/block/<disk>/stat: the same 17 fields, each "%8" wide (Linux's part_stat_show). */
void part_stat_show(struct seq_buf *s, void *bdev)
{
	unsigned long long v[17];
	int i;

	part_stat_read(bdev, v);
	for (i = 0; i < 17; i++)
		seq_printf(s, i ? " %8llu" : "%8llu", v[i]);
	seq_printf(s, "\n");
}

/* /proc/diskstats: every disk and its partitions with sectors, no header. */
static void show_diskstats(struct seq_buf *s)
{
	struct gendisk *disk;
	unsigned int n;

	list_for_each_entry(disk, &disk_list, disk_list) {
		for (n = 0; n < (unsigned int)disk->minors; n++) {
			struct block_device *p = disk->part_tbl[n];

			if (p && (!n || p->bd_nr_sectors))
				diskstats_line(s, p);
		}
	}
}
VIEW(diskstats, show_diskstats);
