/*
 * SELFTEST(zram) and BENCH(zram) - zram0 from inside, through the block
 * layer as the swap code will use it (bios of whole pages), for what
 * user space cannot reach: HighMem pages, swap_slot_free_notify, an
 * object corrupted in the pool, and the cost of a page.
 *
 *   selftest=zram   sizes zram0 to 1 MiB, writes a zero page, a page of
 *                   one repeated word, a compressible page and a random
 *                   one (the last three in HighMem if there is some),
 *                   checks the slot states in the statistics and reads
 *                   them back; overwrites; frees a slot through the hook
 *                   (it reads zeros after); corrupts an object (the read
 *                   fails with -EIO and a message, nothing else); a bio
 *                   past the end; mem_limit; then resets and checks that
 *                   every page came back.  zram0 must be unused (it is, at
 *                   boot).
 *   bench=zram      per page, one write and one read, in instructions
 *                   under make bench (ktime ns = instructions with
 *                   -icount), of 64 anonymous-memory-like pages (HighMem
 *                   where there is some): text with a random quarter,
 *                   which LZ4 takes to about a third:
 *                     zram_write_ns_per_page  bdev_write_page (rw_page: the swap
 *                                             code's way), LZ4 included
 *                     zram_read_ns_per_page   bdev_read_page, LZ4 included
 *                     zram_bio_write_ns_per_page, zram_bio_read_ns_per_page
 *                                             the same through a bio each
 *                                             (bio_alloc, submit_bio_wait, bio_put)
 *                     zram_bytes_per_page     the average stored size
 *                     zram_lz4_ns_per_page    LZ4 alone, compress + decompress of
 *                                             the same pages
 *                     zram_overhead_ns_per_page  write + read - LZ4: what zram and
 *                                             the block layer add to a page's
 *                                             swap-out and swap-in (rw_page)
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/lz4.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/zsmalloc.h>
#include "zram.h"

#define NPAGES	4

/* One bio of n whole pages from slot index on; its status. */
static int zram_io(unsigned int op, unsigned long index, struct page **pages, unsigned int n)
{
	struct bio *bio = bio_alloc(zram_dev->disk->part0, n, op, GFP_KERNEL);
	unsigned int i;
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = (sector_t)index << SECTORS_PER_PAGE_SHIFT;
	for (i = 0; i < n; i++)
		bio_add_page(bio, pages[i], PAGE_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/* One page through rw_page, as the swap code does it. */
static int zram_page_io(unsigned int op, unsigned long index, struct page **page,
			unsigned int n)
{
	sector_t sector = (sector_t)index << SECTORS_PER_PAGE_SHIFT;

	return op == REQ_OP_WRITE ? bdev_write_page(zram_dev->disk->part0, sector, *page) :
				    bdev_read_page(zram_dev->disk->part0, sector, *page);
}

static u32 xorshift(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Page k of the test: zero, one word, text-like, random. */
static void fill_test_page(struct page *page, unsigned int k)
{
	u32 *p = kmap_atomic(page), seed = 0x1234567;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = k == 0 ? 0 : k == 1 ? 0x5a5a5a5a :
		       k == 2 ? 0x20656874u + (i % 37 == 0 ? i : 0) : xorshift(&seed);
	kunmap_atomic(p);
}

static bool page_equal(struct page *a, struct page *b)
{
	void *x = kmap_atomic(a), *y = kmap_atomic(b);
	bool same = !memcmp(x, y, PAGE_SIZE);

	kunmap_atomic(y);
	kunmap_atomic(x);
	return same;
}

static bool page_is_zero(struct page *page)
{
	u32 *p = kmap_atomic(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 4 && !p[i]; i++)
		;
	kunmap_atomic(p);
	return i == PAGE_SIZE / 4;
}

static unsigned long settled_free(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages();
}

/* The steps of the header, on pages w[] (written) and r[] (read into). */
static int zram_steps(struct zram *zram, struct page **w, struct page **r)
{
	const struct zram_stats *st = &zram->stats;
	void *bdev = zram->disk->part0;
	unsigned int k;
	void *obj;

	if (zram_disksize_store("1M\n", 3, bdev) || zram->disk->capacity != 2048)
		return selftest_fail("disksize 1M: capacity %llu",
				     (unsigned long long)zram->disk->capacity);
	if (zram_disksize_store("2M\n", 3, bdev) != -EBUSY)
		return selftest_fail("disksize set twice");
	if (zram_io(REQ_OP_WRITE, 0, w, NPAGES))
		return selftest_fail("write of 4 pages failed");
	if (st->pages_stored != 4 || st->same_pages != 2 || st->huge_pages != 1 ||
	    st->compr_data_size <= PAGE_SIZE || st->compr_data_size >= 2 * PAGE_SIZE)
		return selftest_fail("after writing: stored %llu same %llu huge %llu bytes %llu",
				     st->pages_stored, st->same_pages, st->huge_pages,
				     st->compr_data_size);
	if (zram_io(REQ_OP_READ, 0, r, NPAGES))
		return selftest_fail("read of 4 pages failed");
	for (k = 0; k < NPAGES; k++)
		if (!page_equal(w[k], r[k]))
			return selftest_fail("page %u read back differs", k);
	if (zram_io(REQ_OP_READ, 100, r, 1) || !page_is_zero(r[0]))
		return selftest_fail("a slot never written does not read zeros");
	if (zram_io(REQ_OP_WRITE, 2, w, 1) || st->compr_data_size != PAGE_SIZE ||
	    st->same_pages != 3 || zram_io(REQ_OP_WRITE, 2, w + 2, 1))
		return selftest_fail("overwrite: bytes %llu same %llu", st->compr_data_size,
				     st->same_pages);
	zram->disk->swap_slot_free_notify(zram->disk->part0, 3);
	if (st->huge_pages || st->pages_stored != 3 || st->notify_free != 1 ||
	    zram_io(REQ_OP_READ, 3, r, 1) || !page_is_zero(r[0]))
		return selftest_fail("slot freed by the hook: huge %llu stored %llu",
				     st->huge_pages, st->pages_stored);
	obj = zs_map_object(zram->mem_pool, zram->table[2].handle, ZS_MM_RW);
	memset(obj, 0xff, zram->table[2].size);		/* a corrupt LZ4 stream */
	zs_unmap_object(zram->mem_pool, zram->table[2].handle);
	if (zram_io(REQ_OP_READ, 2, r, 1) != -EIO || st->failed_reads != 1)
		return selftest_fail("a corrupt object did not fail the read with -EIO");
	if (zram_io(REQ_OP_READ, 256, r, 1) != -EIO ||	/* 1 MiB is slots 0..255 */
	    zram_page_io(REQ_OP_READ, 256, r, 1) != -EIO ||
	    bdev_read_page(zram->disk->part0, 1, r[0]) != -EIO)	/* not on 4 KiB */
		return selftest_fail("a read past the end or misaligned did not fail");
	if (zram_page_io(REQ_OP_WRITE, 7, w + 2, 1) || zram_page_io(REQ_OP_READ, 7, r + 1, 1) ||
	    !page_equal(w[2], r[1]) || zram->table[7].flags || !zram->table[7].handle)
		return selftest_fail("a page through rw_page did not come back");
	zram_mem_limit_store("1", 1, bdev);		/* a page: the pool has that already */
	if (zram_io(REQ_OP_WRITE, 5, w + 3, 1) != -EIO ||
	    zram_page_io(REQ_OP_WRITE, 6, w + 3, 1) != -ENOMEM || st->failed_writes != 2 ||
	    zram->table[5].handle || zram->table[6].handle)
		return selftest_fail("a write past mem_limit did not fail cleanly");
	if (zram_reset_store("1\n", 2, bdev) || zram->disksize || zram->table)
		return selftest_fail("reset");
	return 0;
}

static int selftest_zram(void)
{
	struct zram *zram = zram_dev;
	struct page *w[NPAGES] = { NULL }, *r[NPAGES] = { NULL };
	unsigned long free0;
	unsigned int k;
	int ret = -1;

	if (!zram || zram->disksize)
		return selftest_fail("zram0 is missing or in use");
	free0 = settled_free();
	for (k = 0; k < NPAGES; k++) {
		w[k] = alloc_page(GFP_HIGHUSER);
		r[k] = alloc_page(GFP_HIGHUSER);
		if (!w[k] || !r[k])
			goto out;
		fill_test_page(w[k], k);
	}
	ret = zram_steps(zram, w, r);
out:
	zram_reset_store("1", 1, zram->disk->part0);	/* whatever happened */
	for (k = 0; k < NPAGES; k++) {
		if (w[k])
			__free_page(w[k]);
		if (r[k])
			__free_page(r[k]);
	}
	if (!ret && settled_free() != free0)
		return selftest_fail("%ld pages not back after reset",
				     (long)(free0 - settled_free()));
	return ret;
}
SELFTEST(zram, selftest_zram);

#define BENCH_PAGES	64

/* Bench page k: its number, text, and random bytes in the third quarter. */
static void fill_bench_page(struct page *page, u32 k)
{
	static const char text[] = "anonymous memory, swapped to zram and back: ";
	u8 *p = kmap_atomic(page);
	u32 i, seed = k * 2246822519u + 7;

	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = (u8)text[i % (sizeof(text) - 1)];
	memcpy(p, &k, sizeof(k));
	for (i = PAGE_SIZE / 2; i < PAGE_SIZE * 3 / 4; i += 4)
		*(u32 *)(p + i) = xorshift(&seed);
	kunmap_atomic(p);
}

typedef int (*zram_io_fn)(unsigned int op, unsigned long index, struct page **pages,
			  unsigned int n);

/* Write+read rounds over the pages with io; the average ns of each in *wr, *rd. */
static void bench_rounds(zram_io_fn io, struct page **src, struct page *dst, u64 *wr, u64 *rd)
{
	unsigned int i, round;
	u64 t;

	*wr = *rd = 0;
	for (round = 0; round < 4; round++) {
		for (i = 0; i < BENCH_PAGES; i++) {
			t = ktime_get_ns();
			io(REQ_OP_WRITE, i, &src[i], 1);
			*wr += ktime_get_ns() - t;
			t = ktime_get_ns();
			io(REQ_OP_READ, i, &dst, 1);
			*rd += ktime_get_ns() - t;
		}
	}
	*wr /= 4 * BENCH_PAGES;
	*rd /= 4 * BENCH_PAGES;
}

/* LZ4 alone on the same pages, with zram's buffers: ns per page. */
static u64 bench_lz4_alone(struct zram *zram, struct page **src, struct page *dst)
{
	u64 t = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < BENCH_PAGES; i++) {
		void *s = kmap_atomic(src[i]);
		int n = lz4_compress(s, PAGE_SIZE, zram->comp_buf, zram->huge_size - 1,
				     zram->workmem);

		kunmap_atomic(s);
		if (n > 0)
			lz4_decompress(zram->comp_buf, (unsigned int)n, page_address(dst), PAGE_SIZE);
	}
	return (ktime_get_ns() - t) / BENCH_PAGES;
}

static void bench_zram(void)
{
	struct zram *zram = zram_dev;
	struct page *src[BENCH_PAGES] = { NULL }, *dst = alloc_page(GFP_KERNEL);
	u64 wr, rd, bio_wr, bio_rd, lz4;
	unsigned int i;

	for (i = 0; i < BENCH_PAGES; i++)
		if ((src[i] = alloc_page(GFP_HIGHUSER)))
			fill_bench_page(src[i], i);
	if (!zram || zram->disksize || !dst || !src[BENCH_PAGES - 1] ||
	    zram_disksize_store("16M", 3, zram->disk->part0))
		goto out;
	zram_io(REQ_OP_WRITE, 0, src, BENCH_PAGES);	/* the pool's zspages exist after */
	bench_rounds(zram_page_io, src, dst, &wr, &rd);
	bench_rounds(zram_io, src, dst, &bio_wr, &bio_rd);
	lz4 = bench_lz4_alone(zram, src, dst);
	bench_report("zram_write_ns_per_page", wr, "ns");
	bench_report("zram_read_ns_per_page", rd, "ns");
	bench_report("zram_bio_write_ns_per_page", bio_wr, "ns");
	bench_report("zram_bio_read_ns_per_page", bio_rd, "ns");
	bench_report("zram_bytes_per_page", zram->stats.compr_data_size / BENCH_PAGES, "bytes");
	bench_report("zram_lz4_ns_per_page", lz4, "ns");
	bench_report("zram_overhead_ns_per_page", wr + rd > lz4 ? wr + rd - lz4 : 0, "ns");
out:
	if (zram)
		zram_reset_store("1", 1, zram->disk->part0);
	for (i = 0; i < BENCH_PAGES; i++)
		if (src[i])
			__free_page(src[i]);
	if (dst)
		__free_page(dst);
}
BENCH(zram, bench_zram);
