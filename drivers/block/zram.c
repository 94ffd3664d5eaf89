/*
 * drivers/block/zram.c - /dev/zram0, a disk in RAM that keeps each page
 * compressed: what Linux's zram is, with its interface (Linux 6.1:
 * Documentation/admin-guide/blockdev/zram.rst), so that the same
 * commands give the same answers here.  Its use is as a swap area: pages
 * swapped out stay in memory, in a third or so of the room.
 *
 *   echo 64M > /sys/block/zram0/disksize    size it (memory is taken as
 *                                           pages are written, not now)
 *   ... use /dev/zram0 ...                  4 KiB blocks
 *   cat /sys/block/zram0/mm_stat            how much is stored, in how much
 *   echo 1 > /sys/block/zram0/reset         free everything, size 0 again
 *
 * Writing a page (zram_write_page), with the table of slot states in
 * zram.h:
 *
 *   every word the same (a zero page, most often)   -> same-filled: the
 *                                                      word in the slot
 *   LZ4 gets it under huge_size (3261) bytes        -> compressed in
 *                                                      zsmalloc
 *   else (random data, already compressed data)     -> huge: the page whole
 *                                                      in zsmalloc
 *
 * and the slot's old object is freed.  A read decompresses straight
 * into the page (or fills it, or copies it, or zeroes it for a slot
 * never written).  The compressor's output buffer and hash table are
 * the device's, made at disksize time: nothing is allocated per page
 * but the object itself.
 *
 * The block layer hands zram whole bios (gendisk.submit_bio: no
 * requests), or single pages without a bio (gendisk.rw_page, what
 * bdev_write_page and bdev_read_page call: the swap code's cheaper way
 * in, as in Linux 6.1), and every piece is one whole page: the logical block size
 * is 4 KiB as in Linux, so submit_bio refuses anything smaller or out of
 * line.  A write of 512 bytes to /dev/zram0 is a read-modify-write of
 * its page in the page cache (blkdev_write_begin), as it is on Linux,
 * where zram's own partial-page path exists only for pages above 4 KiB.
 *
 * Memory.  Objects come from zsmalloc with __GFP_KSWAPD_RECLAIM |
 * __GFP_NOWARN | __GFP_HIGHMEM: the write path runs in memory reclaim
 * (swap-out), so it must not reclaim itself; it may use HighMem (mapped
 * with kmap_atomic), which is what little else can use.  When that
 * fails, or the pool would go past mem_limit, the write fails with
 * -ENOMEM inside (the bio with -EIO, failed_writes counts it): the page
 * stays where it was; the swap code keeps it.  Linux's second attempt
 * with direct reclaim is left out: there is no task here to sleep in.
 *
 * Errors that are bugs: a stored object that LZ4 cannot decompress is
 * data corruption; the read fails with -EIO and the console says which
 * page, nothing crashes.
 *
 * Contexts.  Each page's work runs with interrupts masked, start to end
 * (one CPU: the compression buffers and the pool are then never shared),
 * so a bio may come from any context.  sysfs stores run in process
 * context; a reset is refused while the disk is open (bd_openers: open
 * files, mounts, a swap area's claim).
 */
#include <kernel/blk-mq.h>
#include <kernel/bug.h>
#include <kernel/cmdline.h>
#include <kernel/errno.h>
#include <kernel/irqflags.h>
#include <kernel/lz4.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/sysfs.h>
#include <kernel/zram.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/zsmalloc.h>
#include "zram.h"

/* Objects are allocated in reclaim: wake kswapd, never reclaim, never warn. */
#define ZRAM_GFP	(__GFP_KSWAPD_RECLAIM | __GFP_NOWARN | __GFP_HIGHMEM)
/* The most slots a table may have: 64 Mi (a 256 GiB disk, a 512 MiB table). */
#define ZRAM_MAX_PAGES	(1ul << 26)

struct zram *zram_dev;

static const char *const zram_backends[] = { "lz4" };

static bool init_done(const struct zram *zram)
{
	return zram->disksize != 0;
}

static struct zram *bdev_zram(void *bdev)
{
	return ((struct block_device *)bdev)->bd_disk->private_data;
}

/* ---------------------------------------------------------------- slots */

/* zram_free_page - slot index back to empty; its object, if any, freed. */
static void zram_free_page(struct zram *zram, unsigned long index)
{
	struct zram_table_entry *e = &zram->table[index];

	if (e->flags & ZRAM_SAME) {
		zram->stats.same_pages--;
	} else if (e->handle) {
		if (e->flags & ZRAM_HUGE)
			zram->stats.huge_pages--;
		zs_free(zram->mem_pool, e->handle);
		zram->stats.compr_data_size -= e->size;
	} else {
		return;			/* empty already */
	}
	zram->stats.pages_stored--;
	e->handle = 0;
	e->size = 0;
	e->flags = 0;
}

/* Linux's test: is every unsigned long of the page the same?  Which one in *word. */
static bool page_same_filled(const unsigned long *p, unsigned long *word)
{
	unsigned int i, last = PAGE_SIZE / sizeof(*p) - 1;

	if (p[0] != p[last])
		return false;
	for (i = 1; i < last; i++)
		if (p[i] != p[0])
			return false;
	*word = p[0];
	return true;
}

static void fill_page(unsigned long *p, unsigned long word)
{
	unsigned int i;

	if (!word) {
		memset(p, 0, PAGE_SIZE);
		return;
	}
	for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		p[i] = word;
}

/* The pool grew: its high-water mark, and whether it is now past mem_limit. */
static bool zram_over_limit(struct zram *zram)
{
	unsigned long pages = zs_get_total_pages(zram->mem_pool);

	if (pages > zram->stats.max_used_pages)
		zram->stats.max_used_pages = pages;
	return zram->limit_pages && pages > zram->limit_pages;
}

/*
 * zram_store - the page mapped at src into slot index: compressed, or
 * whole when LZ4 cannot get it under huge_size (it is told so: it stops
 * as soon as the output reaches that).  0 or -ENOMEM (nothing changed).
 */
static int zram_store(struct zram *zram, const void *src, unsigned long index)
{
	int len = lz4_compress(src, PAGE_SIZE, zram->comp_buf, zram->huge_size - 1,
			       zram->workmem);
	bool huge = len <= 0;
	unsigned int size = huge ? PAGE_SIZE : (unsigned int)len;
	unsigned long handle = zs_malloc(zram->mem_pool, size, ZRAM_GFP);
	struct zram_table_entry *e = &zram->table[index];

	if (!handle)
		return -ENOMEM;
	if (zram_over_limit(zram)) {
		zs_free(zram->mem_pool, handle);
		return -ENOMEM;
	}
	memcpy(zs_map_object(zram->mem_pool, handle, ZS_MM_WO), huge ? src : zram->comp_buf, size);
	zs_unmap_object(zram->mem_pool, handle);
	zram_free_page(zram, index);
	e->handle = handle;
	e->size = (u16)size;
	zram->stats.compr_data_size += size;
	if (huge) {
		e->flags = ZRAM_HUGE;
		zram->stats.huge_pages++;
		zram->stats.huge_pages_since++;
	}
	zram->stats.pages_stored++;
	return 0;
}

/* zram_write_page - page into slot index (the table at the top).  0 or -ENOMEM. */
static int zram_write_page(struct zram *zram, struct page *page, unsigned long index)
{
	void *src = kmap_atomic(page);
	unsigned long word;
	int err = 0;

	if (page_same_filled(src, &word)) {
		zram_free_page(zram, index);
		zram->table[index].handle = word;
		zram->table[index].flags = ZRAM_SAME;
		zram->stats.same_pages++;
		zram->stats.pages_stored++;
	} else {
		err = zram_store(zram, src, index);
	}
	kunmap_atomic(src);
	return err;
}

/* zram_read_page - slot index into page.  0, or -EIO for an object LZ4 cannot undo. */
static int zram_read_page(struct zram *zram, struct page *page, unsigned long index)
{
	const struct zram_table_entry *e = &zram->table[index];
	void *dst, *src;
	int ret = 0;

	if ((e->flags & ZRAM_SAME) || !e->handle) {
		dst = kmap_atomic(page);
		fill_page(dst, e->handle);	/* the word, or 0 for an empty slot */
		kunmap_atomic(dst);
		return 0;
	}
	src = zs_map_object(zram->mem_pool, e->handle, ZS_MM_RO);
	dst = kmap_atomic(page);
	if (e->size == PAGE_SIZE)
		memcpy(dst, src, PAGE_SIZE);
	else
		ret = lz4_decompress(src, e->size, dst, PAGE_SIZE);
	kunmap_atomic(dst);
	zs_unmap_object(zram->mem_pool, e->handle);
	if (ret < 0 || (e->size != PAGE_SIZE && ret != PAGE_SIZE)) {
		printk_ratelimited("zram: Decompression failed! err=%d, page=%lu\n",
				   ret < 0 ? ret : -EINVAL, index);
		return -EIO;
	}
	return 0;
}

/* ---------------------------------------------------------------- the disk */

/*
 * zram_rw - one page to or from slot index, with interrupts masked; a
 * failure is counted.  0, -ENOMEM (a write found no room), -EIO.
 */
static int zram_rw(struct zram *zram, struct page *page, unsigned long index, bool write)
{
	unsigned long flags;
	int err = -EIO;

	local_irq_save(flags);
	if (zram->table)	/* not reset under an I/O: the disk is open */
		err = write ? zram_write_page(zram, page, index) : zram_read_page(zram, page, index);
	if (err && write)
		zram->stats.failed_writes++;
	else if (err)
		zram->stats.failed_reads++;
	local_irq_restore(flags);
	return err;
}

/*
 * zram_submit_bio - every page of the bio, in order; the first failure
 * ends the bio with -EIO (as Linux: the pages before it are done).
 * Counted in the disk's statistics.
 */
static void zram_submit_bio(struct bio *bio)
{
	struct zram *zram = bio->bi_bdev->bd_disk->private_data;
	unsigned long index = (unsigned long)(bio->bi_sector >> SECTORS_PER_PAGE_SHIFT);
	bool write = bio_op(bio) == REQ_OP_WRITE;
	u64 start = bio_start_io_acct(bio);
	unsigned int i;
	int err = 0;

	for (i = 0; i < bio->bi_vcnt && !err; i++, index++) {
		const struct bio_vec *bv = &bio->bi_io_vec[i];

		if (bv->bv_offset || bv->bv_len != PAGE_SIZE) {
			zram->stats.invalid_io++;	/* never: 4 KiB logical blocks */
			err = -EIO;
		} else {
			err = zram_rw(zram, bv->bv_page, index, write);
		}
	}
	bio->bi_status = err ? -EIO : 0;
	bio_end_io_acct(bio, start);
	bio_endio(bio);
}

/*
 * gendisk.rw_page: one page, no bio (bdev_read_page, bdev_write_page:
 * the swap code's path).  The error as zram_rw says, as Linux's
 * zram_rw_page returns it.
 */
static int zram_rw_page(struct block_device *bdev, sector_t sector, struct page *page,
			enum req_op op)
{
	struct zram *zram = bdev->bd_disk->private_data;
	u64 start = bdev_start_io_acct(bdev, op);
	int err = zram_rw(zram, page, (unsigned long)(sector >> SECTORS_PER_PAGE_SHIFT),
			  op == REQ_OP_WRITE);

	bdev_end_io_acct(bdev, op, PAGE_SIZE >> SECTOR_SHIFT, start);
	return err;
}

/* gendisk.swap_slot_free_notify: the swap code freed slot index; so does zram. */
static void zram_slot_free_notify(struct block_device *bdev, unsigned long index)
{
	struct zram *zram = bdev->bd_disk->private_data;
	unsigned long flags;

	local_irq_save(flags);
	zram->stats.notify_free++;
	if (zram->table && index < (unsigned long)(zram->disksize >> PAGE_SHIFT))
		zram_free_page(zram, index);
	local_irq_restore(flags);
}

/* Everything disksize made, freed: each slot's object, then the pool. */
static void zram_meta_free(struct zram *zram)
{
	unsigned long index, pages = (unsigned long)(zram->disksize >> PAGE_SHIFT);

	for (index = 0; zram->table && index < pages; index++)
		zram_free_page(zram, index);
	zs_destroy_pool(zram->mem_pool);
	vfree(zram->table);
	kfree(zram->workmem);
	free_page(zram->comp_buf);
	zram->mem_pool = NULL;
	zram->table = NULL;
	zram->workmem = NULL;
	zram->comp_buf = NULL;
}

/*
 * The table for disksize bytes, the pool, the compressor's buffers.  0
 * or -ENOMEM.  A disksize above RAM is fine (it is a limit, the table
 * costs 1/512 of it), but a table that would take more than half of the
 * free memory is refused at once: vzalloc would otherwise reclaim and
 * wake the OOM killer for it.  (Linux's limit is its vmalloc area, 240
 * MiB on ARM.)
 */
static int zram_meta_alloc(struct zram *zram, u64 disksize)
{
	u64 pages = disksize >> PAGE_SHIFT;

	if (pages > ZRAM_MAX_PAGES ||
	    pages * sizeof(*zram->table) / PAGE_SIZE > nr_free_pages() / 2)
		return -ENOMEM;
	zram->table = vzalloc((size_t)pages * sizeof(*zram->table));
	zram->mem_pool = zs_create_pool(zram->disk->disk_name);
	zram->comp_buf = get_free_page(GFP_KERNEL);
	zram->workmem = kmalloc(LZ4_WORKMEM_SIZE, GFP_KERNEL);
	if (!zram->table || !zram->mem_pool || !zram->comp_buf || !zram->workmem) {
		zram_meta_free(zram);
		return -ENOMEM;
	}
	zram->huge_size = (unsigned int)zs_huge_class_size(zram->mem_pool);
	return 0;
}

/* zram_reset_device - back to disksize 0: every page freed, the statistics zeroed. */
static void zram_reset_device(struct zram *zram)
{
	zram->limit_pages = 0;
	if (!init_done(zram))
		return;
	set_capacity_and_notify(zram->disk, 0);
	memset(&zram->disk->part0->bd_stats, 0, sizeof(zram->disk->part0->bd_stats));
	zram_meta_free(zram);
	zram->disksize = 0;
	memset(&zram->stats, 0, sizeof(zram->stats));
}

/* ---------------------------------------------------------------- sysfs */
/*
 * /sys/block/zram0/, Linux 6.1's files and formats (zram_drv.c there):
 *
 *   file              mode  read                          write
 *   ----------------  ----  ----------------------------  -----------------------------
 *   disksize          rw    bytes, "%llu\n"               size (K M G...); EINVAL for 0
 *                                                         or no number, EBUSY once set
 *   initstate         r     "%u\n": 1 once sized          -
 *   reset             w     -                             a number > 0 (u16): free all,
 *                                                         size 0; EBUSY while open
 *   comp_algorithm    rw    "[lz4] \n"                    an algorithm: EINVAL unknown,
 *                                                         EBUSY once sized
 *   mem_limit         w     -                             size, 0: none (any time)
 *   mem_used_max      w     -                             "0": high-water mark to now
 *   max_comp_streams  rw    CPUs, "%d\n"                  ignored (Linux: per-CPU streams)
 *   compact           w     -                             EINVAL if not sized; nothing
 *                                                         to do: objects do not move
 *   mm_stat, io_stat, debug_stat: below
 */

static void disksize_show(struct seq_buf *s, void *bdev)
{
	seq_printf(s, "%llu\n", (unsigned long long)bdev_zram(bdev)->disksize);
}

int zram_disksize_store(const char *buf, size_t n, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	u64 disksize = memparse(buf, NULL);
	int err;

	if (!disksize)
		return -EINVAL;
	if (init_done(zram)) {
		printk_ratelimited("zram: Cannot change disksize for initialized device\n");
		return -EBUSY;
	}
	disksize = (disksize + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1);
	err = disksize ? zram_meta_alloc(zram, disksize) : -ENOMEM;	/* 0: it wrapped */
	if (err)
		return err;
	zram->disksize = disksize;
	set_capacity_and_notify(zram->disk, disksize >> SECTOR_SHIFT);
	return 0;
}

static void initstate_show(struct seq_buf *s, void *bdev)
{
	seq_printf(s, "%u\n", init_done(bdev_zram(bdev)) ? 1u : 0u);
}

int zram_reset_store(const char *buf, size_t n, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	unsigned long long v;
	int err = kstrtoull(buf, 10, &v);

	if (err)
		return err;
	if (v > 0xffff)
		return -ERANGE;		/* Linux parses a u16 */
	if (!v)
		return -EINVAL;
	if (zram->disk->part0->bd_openers)
		return -EBUSY;		/* open, mounted, or a swap area */
	zram_reset_device(zram);
	return 0;
}

static void comp_algorithm_show(struct seq_buf *s, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(zram_backends); i++)
		seq_printf(s, strcmp(zram->compressor, zram_backends[i]) ? "%s " : "[%s] ",
			   zram_backends[i]);
	seq_printf(s, "\n");
}

static int comp_algorithm_store(const char *buf, size_t n, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	char name[ZRAM_MAX_COMP_NAME];
	size_t len;
	unsigned int i;

	strlcpy(name, buf, sizeof(name));
	len = strlen(name);
	if (len && name[len - 1] == '\n')	/* echo's newline */
		name[len - 1] = '\0';
	for (i = 0; i < ARRAY_SIZE(zram_backends); i++)
		if (!strcmp(name, zram_backends[i]))
			break;
	if (i == ARRAY_SIZE(zram_backends))
		return -EINVAL;
	if (init_done(zram)) {
		printk_ratelimited("zram: Can't change algorithm for initialized device\n");
		return -EBUSY;
	}
	strlcpy(zram->compressor, name, sizeof(zram->compressor));
	return 0;
}

int zram_mem_limit_store(const char *buf, size_t n, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	const char *end;
	u64 limit = memparse(buf, &end);

	if (end == buf)
		return -EINVAL;
	zram->limit_pages = (unsigned long)(((limit + PAGE_SIZE - 1) & ~(u64)(PAGE_SIZE - 1)) >>
					    PAGE_SHIFT);
	return 0;
}

static int mem_used_max_store(const char *buf, size_t n, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	unsigned long long v;

	if (kstrtoull(buf, 10, &v) || v)
		return -EINVAL;
	if (init_done(zram))
		zram->stats.max_used_pages = zs_get_total_pages(zram->mem_pool);
	return 0;
}

static void max_comp_streams_show(struct seq_buf *s, void *bdev)
{
	seq_printf(s, "%d\n", 1);	/* num_online_cpus(): one here */
}

static int max_comp_streams_store(const char *buf, size_t n, void *bdev)
{
	return 0;
}

static int compact_store(const char *buf, size_t n, void *bdev)
{
	return init_done(bdev_zram(bdev)) ? 0 : -EINVAL;
}

/*
 * mm_stat: orig_data_size compr_data_size mem_used_total mem_limit
 * mem_used_max same_pages pages_compacted huge_pages huge_pages_since,
 * Linux 6.1's columns and format to the letter (the unsigned long ones
 * wrap at 4 GiB on 32 bits there too).
 */
static void mm_stat_show(struct seq_buf *s, void *bdev)
{
	struct zram *zram = bdev_zram(bdev);
	const struct zram_stats *st = &zram->stats;
	struct zs_pool_stats pool_stats = { 0 };
	unsigned long long mem_used = 0;

	if (init_done(zram)) {
		mem_used = zs_get_total_pages(zram->mem_pool);
		zs_pool_stats(zram->mem_pool, &pool_stats);
	}
	seq_printf(s, "%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n",
		   (unsigned long long)st->pages_stored << PAGE_SHIFT,
		   (unsigned long long)st->compr_data_size, mem_used << PAGE_SHIFT,
		   zram->limit_pages << PAGE_SHIFT, (long)(st->max_used_pages << PAGE_SHIFT),
		   (unsigned long long)st->same_pages, pool_stats.pages_compacted,
		   (unsigned long long)st->huge_pages, (unsigned long long)st->huge_pages_since);
}

/* io_stat: failed_reads failed_writes invalid_io notify_free. */
static void io_stat_show(struct seq_buf *s, void *bdev)
{
	const struct zram_stats *st = &bdev_zram(bdev)->stats;

	seq_printf(s, "%8llu %8llu %8llu %8llu\n", (unsigned long long)st->failed_reads,
		   (unsigned long long)st->failed_writes, (unsigned long long)st->invalid_io,
		   (unsigned long long)st->notify_free);
}

/* debug_stat: "version: 1", then writestall miss_free. */
static void debug_stat_show(struct seq_buf *s, void *bdev)
{
	const struct zram_stats *st = &bdev_zram(bdev)->stats;

	seq_printf(s, "version: %d\n%8llu %8llu\n", 1, (unsigned long long)st->writestall,
		   (unsigned long long)st->miss_free);
}

static const struct sysfs_attr zram_attrs[] = {
	{ "disksize", disksize_show, zram_disksize_store },
	{ "initstate", initstate_show, NULL },
	{ "reset", NULL, zram_reset_store },
	{ "compact", NULL, compact_store },
	{ "mem_limit", NULL, zram_mem_limit_store },
	{ "mem_used_max", NULL, mem_used_max_store },
	{ "max_comp_streams", max_comp_streams_show, max_comp_streams_store },
	{ "comp_algorithm", comp_algorithm_show, comp_algorithm_store },
	{ "io_stat", io_stat_show, NULL },
	{ "mm_stat", mm_stat_show, NULL },
	{ "debug_stat", debug_stat_show, NULL },
	{ NULL, NULL, NULL },
};

/*
 * zram_init - zram0, of size 0 until disksize is written.  Major 252:
 * Linux's zram asks for a dynamic major, which on the usual system
 * (virtio_blk 254, device-mapper 253 before it) is 252; a fixed number
 * here keeps it the same whatever other disks there are.  After the
 * drivers (a module, on Linux), before /dev and /sys are populated.
 */
void zram_init(void)
{
	struct zram *zram = kzalloc(sizeof(*zram), GFP_KERNEL);
	struct gendisk *disk = zram ? blk_alloc_disk() : NULL;
	int major = register_blkdev(ZRAM_MAJOR, "zram");

	if (!disk || major < 0) {
		printk("zram: cannot add zram0 (%d)\n", major < 0 ? major : -ENOMEM);
		kfree(zram);
		return;
	}
	strlcpy(zram->compressor, zram_backends[0], sizeof(zram->compressor));
	zram->disk = disk;
	snprintf(disk->disk_name, sizeof(disk->disk_name), "zram0");
	disk->major = major;
	disk->first_minor = 0;
	disk->minors = 1;
	disk->private_data = zram;
	disk->submit_bio = zram_submit_bio;
	disk->rw_page = zram_rw_page;
	disk->swap_slot_free_notify = zram_slot_free_notify;
	disk->sysfs_attrs = zram_attrs;
	disk->queue->limits.logical_block_size = ZRAM_LOGICAL_BLOCK_SIZE;
	disk->queue->limits.max_segment_size = PAGE_SIZE;
	if (add_disk(disk)) {
		printk("zram: cannot add zram0\n");
		return;
	}
	zram_dev = zram;
	printk("zram: Added device: %s\n", disk->disk_name);
}
