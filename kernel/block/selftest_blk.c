/*
 * SELFTEST(blk): the block layer and the disk driver, on vda.  Skipped
 * (passing) when there is no disk.  Never writes unless the disk says it
 * may: sector 0 must begin with the scratch mark that the system tests
 * put there (tests/system/test_block.py), naming a range of sectors to
 * write; the default disk has no mark, so it is only read.
 *
 *   scratch mark (sector 0, in the MBR's boot code area)
 *   offset  size  field
 *   0       16    "mmkernel scratch"
 *   16      4     first scratch sector on vda, little-endian
 *   20      4     number of scratch sectors (at least SCRATCH_SECTORS)
 *
 * Read-only part, in pid 0 (polling: there is nothing to switch to):
 *   - device numbers: vda is 254:0 = 0xfe00, vda1 0xfe01 (the encoding
 *     user space sees), found by blkdev_get_by_dev and bdev_next
 *   - sector 0 into a lowmem page and into a HighMem page, the same bytes;
 *     the DMA log shows the invalidates on each page's physical address,
 *     the HighMem one through a kmap_atomic (fixmap) address
 *   - /proc/diskstats' counters went up by those reads
 *   - I/O past the end of the disk or of a partition, or not aligned to
 *     512 bytes, ends with -EIO
 *   - 18 sectors read in one request, and again with the limits cut to 2
 *     pieces of 1 KiB per request and a queue depth of 1: five requests,
 *     the same bytes, and the submitter had to wait for room
 * The same reads again from a kernel task: it sleeps and the interrupt
 * wakes it (no polling).
 *
 * Scratch part:
 *   - a write of 18 sectors from three pieces (lowmem, HighMem, part of a
 *     page) with REQ_PREFLUSH | REQ_FUA: one flush, the data, one flush;
 *     the DMA log shows the cleans of the pieces; read back and compared
 *   - the same with the limits cut (five requests, waits for room), in
 *     pid 0 and in the kernel task
 *   - a write through vda1 lands at vda1's start + sector (if the scratch
 *     range is inside vda1); a write past vda1's end is refused
 *   - blkdev_issue_flush
 * The system test checks afterwards, on the host, that the scratch range
 * holds the pattern and that no other sector changed.
 */
#include <kernel/blk-mq.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/task.h>
#include <asm/memory.h>
#include <mm/dma.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "blk.h"

#define SCRATCH_MAGIC	"mmkernel scratch"
#define SCRATCH_SECTORS	18		/* one test write: 8 + 8 + 2 sectors */

struct blk_test {
	struct block_device *vda;
	struct page *pages[3], *check[3];	/* [1] is HighMem if there is any */
	sector_t scratch;			/* first scratch sector, 0: none */
	unsigned int pass;			/* makes each write's pattern different */
};

/* The pattern byte i of sector s (tests/system/test_block.py computes it too). */
static u8 pattern(sector_t s, unsigned int i, unsigned int pass)
{
	return (u8)((s * 7 + i + pass * 13) ^ 0x5a);
}

/* The three pieces of every test bio: two whole pages and 1 KiB of a third. */
static const unsigned int piece_off[3] = { 0, 0, SECTOR_SIZE };
static const unsigned int piece_len[3] = { PAGE_SIZE, PAGE_SIZE, 2 * SECTOR_SIZE };

/* One bio of the three pieces of pages at sector of bdev, waited for. */
static int rw(struct block_device *bdev, unsigned int opf, sector_t sector,
	      struct page **pages)
{
	struct bio *bio = bio_alloc(bdev, 3, opf, GFP_KERNEL);
	unsigned int p;
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = sector;
	for (p = 0; p < 3; p++)
		bio_add_page(bio, pages[p], piece_len[p], piece_off[p]);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/* Do the pieces hold the pattern of the 18 sectors from s?  (kmap_atomic
 * gives lowmem pages their linear address.) */
static bool pieces_hold(struct page **pages, sector_t s, unsigned int pass)
{
	unsigned int p, i;
	bool ok = true;

	for (p = 0; p < 3; p++) {
		u8 *va = kmap_atomic(pages[p]);

		for (i = 0; i < piece_len[p]; i++)
			ok = ok && va[piece_off[p] + i] ==
				   pattern(s + i / SECTOR_SIZE, i % SECTOR_SIZE, pass);
		kunmap_atomic(va);
		s += piece_len[p] / SECTOR_SIZE;
	}
	return ok;
}

static void fill_pieces(struct page **pages, sector_t s, unsigned int pass)
{
	unsigned int p, i;

	for (p = 0; p < 3; p++) {
		u8 *va = kmap_atomic(pages[p]);

		for (i = 0; i < piece_len[p]; i++)
			va[piece_off[p] + i] = pattern(s + i / SECTOR_SIZE, i % SECTOR_SIZE, pass);
		kunmap_atomic(va);
		s += piece_len[p] / SECTOR_SIZE;
	}
}

/* Is there, among the last DMA log entries, op on page's [off, off + len)? */
static bool dma_logged(enum dma_cache_op op, struct page *page, unsigned int off,
		       unsigned int len)
{
	const struct dma_log_entry *e;
	unsigned int i;

	for (i = 0; (e = dma_log_last(i)); i++) {
		if (e->op != op || e->pa != page_to_pa(page) + off || e->end - e->start != len)
			continue;
		/* a HighMem page is only ever reached through a fixmap slot */
		if (PageHighMem(page) && e->start < FIXADDR_START)
			return false;
		return true;
	}
	return false;
}

/* A one-piece bio expected to fail with -EIO (nothing reaches the device). */
static int expect_eio(struct block_device *bdev, unsigned int opf, sector_t sector,
		      unsigned int len, struct page *page)
{
	struct bio *bio = bio_alloc(bdev, 1, opf, GFP_KERNEL);
	unsigned long before;
	int err;

	if (!bio)
		return -ENOMEM;
	before = bdev->bd_disk->queue->requests;
	bio->bi_sector = sector;
	bio_add_page(bio, page, len, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	if (err != -EIO || bdev->bd_disk->queue->requests != before)
		return selftest_fail("blk: %s op %u at sector %llu, %u bytes: %d, want -EIO "
				     "before any request", bdev->bd_name, opf,
				     (unsigned long long)sector, len, err);
	return 0;
}

/* Sector 0 into a lowmem page and a HighMem page; DMA log; statistics. */
static int test_read(struct blk_test *t)
{
	struct block_device *vda = t->vda;
	unsigned long ios = vda->bd_stats.ios[STAT_READ], sectors = vda->bd_stats.sectors[STAT_READ];
	struct bio *bio;
	unsigned int i;
	int err = 0;
	u8 *a, *b;

	for (i = 0; i < 2 && !err; i++) {
		bio = bio_alloc(vda, 1, REQ_OP_READ, GFP_KERNEL);
		if (!bio)
			return selftest_fail("blk: no memory for a bio");
		bio_add_page(bio, t->check[i], SECTOR_SIZE, 0);
		err = submit_bio_wait(bio);
		bio_put(bio);
		if (err)
			return selftest_fail("blk: reading sector 0 of vda: %d", err);
		if (!dma_logged(DMA_OP_INV, t->check[i], 0, SECTOR_SIZE))
			return selftest_fail("blk: no invalidate of the %s page at 0x%08x in the "
					     "DMA log", PageHighMem(t->check[i]) ? "HighMem" :
					     "lowmem", page_to_pa(t->check[i]));
	}
	a = kmap(t->check[0]);
	b = kmap(t->check[1]);
	err = memcmp(a, b, SECTOR_SIZE);
	if (!err && !memcmp(a, SCRATCH_MAGIC, 16)) {
		t->scratch = (u32)a[16] | (u32)a[17] << 8 | (u32)a[18] << 16 | (u32)a[19] << 24;
		if ((u32)a[20] + ((u32)a[21] << 8) < SCRATCH_SECTORS)
			t->scratch = 0;
	}
	kunmap(t->check[1]);
	kunmap(t->check[0]);
	if (err)
		return selftest_fail("blk: sector 0 read into lowmem and HighMem differs");
	if (vda->bd_stats.ios[STAT_READ] != ios + 2 || vda->bd_stats.sectors[STAT_READ] != sectors + 2)
		return selftest_fail("blk: diskstats counted %lu reads, %lu sectors; want 2, 2",
				     vda->bd_stats.ios[STAT_READ] - ios,
				     vda->bd_stats.sectors[STAT_READ] - sectors);
	return 0;
}

static int test_bounds(struct blk_test *t)
{
	struct block_device *vda1 = blkdev_get_by_name("/dev/vda1");
	struct page *p = t->check[0];

	if (expect_eio(t->vda, REQ_OP_READ, t->vda->bd_nr_sectors, SECTOR_SIZE, p) ||
	    expect_eio(t->vda, REQ_OP_READ, t->vda->bd_nr_sectors - 1, 2 * SECTOR_SIZE, p) ||
	    expect_eio(t->vda, REQ_OP_READ, ~0ULL, SECTOR_SIZE, p) ||
	    expect_eio(t->vda, REQ_OP_READ, 0, 100, p))
		return -1;
	if (vda1 && (expect_eio(vda1, REQ_OP_READ, vda1->bd_nr_sectors, SECTOR_SIZE, p) ||
		     expect_eio(vda1, REQ_OP_WRITE, vda1->bd_nr_sectors - 1, PAGE_SIZE, p)))
		return -1;
	return 0;
}

/* Write the 18 test sectors at sector of bdev, read them back through vda. */
static int write_and_check(struct blk_test *t, struct block_device *bdev, sector_t sector,
			   unsigned int opf)
{
	sector_t abs = sector + bdev->bd_start_sect;
	int err;

	t->pass++;
	fill_pieces(t->pages, abs, t->pass);
	err = rw(bdev, REQ_OP_WRITE | opf, sector, t->pages);
	if (!err && (!dma_logged(DMA_OP_CLEAN, t->pages[1], 0, PAGE_SIZE) ||
		     !dma_logged(DMA_OP_CLEAN, t->pages[2], piece_off[2], piece_len[2])))
		return selftest_fail("blk: no clean of the written pages in the DMA log");
	if (!err)
		err = rw(t->vda, REQ_OP_READ, abs, t->check);
	if (err)
		return selftest_fail("blk: writing/reading %s at %llu: %d", bdev->bd_name,
				     (unsigned long long)sector, err);
	if (!pieces_hold(t->check, abs, t->pass))
		return selftest_fail("blk: %s: sectors %llu.. read back differ from what was "
				     "written (pass %u)", bdev->bd_name,
				     (unsigned long long)abs, t->pass);
	return 0;
}

/*
 * cut_limits - 2 pieces of 1 KiB per request and a queue depth of 1: the
 * 18 test sectors (9 pieces) take 5 requests, and since only one may be
 * at the driver, the submitter finds requests still queued and must wait
 * for room (sleep in a task, poll in pid 0) -- whatever the disk's speed.
 * Returns the old limits for restore_limits.
 */
struct saved_limits {
	struct queue_limits limits;
	unsigned int depth;
	unsigned long requests, waits;
};

static void cut_limits(struct request_queue *q, struct saved_limits *s)
{
	s->limits = q->limits;
	s->depth = q->nr_requests;
	s->requests = q->requests;
	s->waits = q->dispatch_waits;
	q->limits.max_segments = 2;
	q->limits.max_segment_size = 1024;
	q->nr_requests = 1;
}

static int restore_limits(struct request_queue *q, const struct saved_limits *s,
			  const char *what)
{
	q->limits = s->limits;
	q->nr_requests = s->depth;
	if (q->requests - s->requests != 5)
		return selftest_fail("blk: %s made %lu requests, want 5", what,
				     q->requests - s->requests);
	if (q->dispatch_waits == s->waits)
		return selftest_fail("blk: %s: with depth 1 the submitter never waited for room",
				     what);
	return 0;
}

/* The 18 sectors at 0 read in 5 requests are what one request reads. */
static int test_split_read(struct blk_test *t)
{
	struct request_queue *q = t->vda->bd_disk->queue;
	struct saved_limits saved;
	unsigned int i;
	int err;

	err = rw(t->vda, REQ_OP_READ, 0, t->pages);
	if (err)
		return selftest_fail("blk: reading 18 sectors at 0: %d", err);
	cut_limits(q, &saved);
	err = rw(t->vda, REQ_OP_READ, 0, t->check);
	if (restore_limits(q, &saved, "split read"))
		return -1;
	for (i = 0; i < 3 && !err; i++) {
		u8 *a = kmap(t->pages[i]), *b = kmap(t->check[i]);

		err = memcmp(a + piece_off[i], b + piece_off[i], piece_len[i]) ? -EIO : 0;
		kunmap(t->check[i]);
		kunmap(t->pages[i]);
	}
	if (err)
		return selftest_fail("blk: split read: %d, or it differs from one read", err);
	return 0;
}

/* The same for a write, read back with the device's own limits. */
static int test_split_write(struct blk_test *t, sector_t sector)
{
	struct request_queue *q = t->vda->bd_disk->queue;
	struct saved_limits saved;
	int err;

	t->pass++;
	fill_pieces(t->pages, sector, t->pass);
	cut_limits(q, &saved);
	err = rw(t->vda, REQ_OP_WRITE, sector, t->pages);
	if (restore_limits(q, &saved, "split write"))
		return -1;
	if (!err)
		err = rw(t->vda, REQ_OP_READ, sector, t->check);
	if (err || !pieces_hold(t->check, sector, t->pass))
		return selftest_fail("blk: split write at %llu: %d, or read back differs",
				     (unsigned long long)sector, err);
	return 0;
}

static int test_scratch(struct blk_test *t)
{
	struct block_device *vda1 = blkdev_get_by_name("vda1");
	struct block_device *vda = t->vda;
	unsigned long flushes = vda->bd_stats.ios[STAT_FLUSH];
	bool cache = vda->bd_disk->queue->write_cache;
	int err;

	err = write_and_check(t, vda, t->scratch, REQ_PREFLUSH | REQ_FUA);
	if (!err && vda->bd_stats.ios[STAT_FLUSH] != flushes + (cache ? 2 : 0))
		err = selftest_fail("blk: PREFLUSH|FUA write: %lu flushes, want %u",
				    vda->bd_stats.ios[STAT_FLUSH] - flushes, cache ? 2 : 0);
	if (!err)
		err = test_split_write(t, t->scratch);
	if (!err && vda1 && t->scratch >= vda1->bd_start_sect &&
	    t->scratch + SCRATCH_SECTORS <= vda1->bd_start_sect + vda1->bd_nr_sectors)
		err = write_and_check(t, vda1, t->scratch - vda1->bd_start_sect, 0);
	if (!err && blkdev_issue_flush(vda))
		err = selftest_fail("blk: blkdev_issue_flush failed");
	return err;
}

/* ------------------------------------------------------------ a kernel task */

/*
 * The same I/O from a kernel task, so that waiting sleeps: a task of the
 * kernel alone (no mm, pid 0 so that user space's pids are untouched),
 * run while pid 0 idles, reaped by hand when it is done.
 */
static struct {
	struct blk_test *t;
	int err;
	bool done;
	unsigned long slept;
} task_run;

static void blk_test_task(void)
{
	struct blk_test *t = task_run.t;
	unsigned long polls = t->vda->bd_disk->queue->polls;

	local_irq_enable();		/* a new task starts with them masked */
	task_run.err = test_read(t);
	if (!task_run.err)
		task_run.err = test_split_read(t);
	if (!task_run.err && t->scratch)
		task_run.err = test_split_write(t, t->scratch);
	if (!task_run.err && t->vda->bd_disk->queue->polls != polls)
		task_run.err = selftest_fail("blk: the task polled instead of sleeping");
	task_run.slept = current->nvcsw;
	local_irq_disable();
	task_run.done = true;
	current->state = TASK_ZOMBIE;
	schedule();
	BUG();				/* a zombie is not scheduled again */
}

static int run_in_task(struct blk_test *t)
{
	struct task_struct *k = alloc_task("blktest");

	if (!k)
		return selftest_fail("blk: no memory for a task");
	task_run.t = t;
	task_run.done = false;
	k->pid = 0;
	k->parent = &init_task;
	k->context.sp = (u32)(uintptr_t)task_pt_regs(k);
	k->context.pc = (u32)(uintptr_t)blk_test_task;
	list_add_tail(&k->tasks, &task_list);
	wake_up_new_task(k);
	while (!task_run.done) {
		local_irq_disable();
		schedule();			/* to the task, back when it sleeps */
		if (!task_run.done)
			__asm__ volatile("wfi");	/* the disk's interrupt wakes it */
		local_irq_enable();
	}
	list_del(&k->tasks);
	free_task(k);
	if (!task_run.err && !task_run.slept)
		return selftest_fail("blk: the task never slept waiting for the disk");
	return task_run.err;
}

/* ------------------------------------------------------------ the test */

static int blk_test_pages(struct blk_test *t, bool alloc)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		gfp_t gfp = i == 1 ? GFP_HIGHUSER : GFP_KERNEL;

		if (!alloc) {
			if (t->pages[i])
				__free_page(t->pages[i]);
			if (t->check[i])
				__free_page(t->check[i]);
			continue;
		}
		t->pages[i] = alloc_page(gfp);
		t->check[i] = alloc_page(gfp);
		if (!t->pages[i] || !t->check[i])
			return -ENOMEM;
	}
	return 0;
}

/*
 * Device numbers as docs/block.md shows them: the encoding user space
 * sees (include/kernel/kdev_t.h), major 254 for the first virtio disk.
 */
static int test_dev_t(struct blk_test *t)
{
	struct block_device *vda1 = blkdev_get_by_name("vda1");

	if (MKDEV(254, 0) != 0xfe00 || MKDEV(254, 16) != 0xfe10 || MKDEV(8, 300) != 0x10082c ||
	    MAJOR(MKDEV(8, 300)) != 8 || MINOR(MKDEV(8, 300)) != 300 ||
	    MINOR(MKDEV(MAJOR_MAX, MINOR_MAX)) != MINOR_MAX)
		return selftest_fail("blk: MKDEV/MAJOR/MINOR do not give the user-space encoding");
	if (t->vda->bd_dev != 0xfe00 || (vda1 && vda1->bd_dev != 0xfe01) ||
	    blkdev_get_by_dev(0xfe00) != t->vda || bdev_next(NULL) != t->vda)
		return selftest_fail("blk: vda is 0x%x, vda1 0x%x; want 0xfe00 and 0xfe01",
				     t->vda->bd_dev, vda1 ? vda1->bd_dev : 0);
	return 0;
}

static int selftest_blk(void)
{
	struct blk_test t = { .vda = blkdev_get_by_name("vda") };
	int err;

	if (!t.vda) {
		printk("selftest blk: no disk (vda): skipped\n");
		return 0;
	}
	err = test_dev_t(&t);
	if (!err && blk_test_pages(&t, true))
		err = selftest_fail("blk: no memory for the test pages");
	if (!err && !PageHighMem(t.check[1]))
		printk("selftest blk: no HighMem (MEM too small): lowmem pages only\n");
	if (!err)
		err = test_read(&t);
	if (!err)
		err = test_bounds(&t);
	if (!err)
		err = test_split_read(&t);
	if (!err && t.scratch)
		err = test_scratch(&t);
	if (!err)
		err = run_in_task(&t);
	if (t.scratch)
		printk("selftest blk: %s: scratch sectors %llu-%llu hold pattern pass %u\n",
		       t.vda->bd_name, (unsigned long long)t.scratch,
		       (unsigned long long)t.scratch + SCRATCH_SECTORS - 1, t.pass);
	else
		printk("selftest blk: %s: no scratch mark: read only\n", t.vda->bd_name);
	blk_test_pages(&t, false);
	return err;
}
SELFTEST(blk, selftest_blk);
