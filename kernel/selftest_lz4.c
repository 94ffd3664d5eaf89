/*
 * SELFTEST(lz4): kernel/lz4.c on pages as zram hands them over, on the
 * target itself (the host tests cover the format; this checks the ARM
 * build: unaligned words, the word-at-a-time match search):
 *   1. workload pages (below), a zero page and a text page compress into
 *      less than a page and decode back to the same bytes; a page of
 *      random bytes does not fit in a page (lz4_compress returns 0, and
 *      zram would store it as it is);
 *   2. a workload page's block with each byte in turn changed decodes to
 *      -EINVAL or to at most a page, and the guard word after the page is
 *      untouched.
 * Prints "lz4: N pages round-tripped, workload X -> Y bytes".
 *
 * BENCH(lz4): per 4 KiB workload page, in ktime nanoseconds, which under
 * `qemu -icount shift=0` count instructions (the timer reads subtracted):
 *   lz4_compress_ns_per_page      lz4_compress into a page's room
 *   lz4_decompress_ns_per_page    lz4_decompress of that block
 *
 * The workload page (tests/host/test_lz4.c has the same): the page index
 * in the first 4 bytes, then a fixed text pattern, with the third quarter
 * random bytes.
 */
#include <kernel/errno.h>
#include <kernel/lz4.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/mm.h>

#define LZ4T_PAGES	64
#define GUARD		0x5AFEC0DEu

/*
 * One allocation (order 3, 32 KiB): the buffers, a guard word after the
 * decoder's page, and the compressor's hash table.
 */
struct lz4t {
	u8 src[PAGE_SIZE];
	u8 out[PAGE_SIZE];
	u32 guard;
	u8 blk[PAGE_SIZE];
	u8 work[LZ4_WORKMEM_SIZE];
};
#define LZ4T_ORDER	3

extern const char _text[];

static void workload_page(u8 *p, u32 index)
{
	static const char pattern[] = "mmkernel zram page: swapped out, swapped in. ";
	u32 i, x = index * 2654435761u + 1;

	memcpy(p, &index, 4);
	for (i = 4; i < PAGE_SIZE; i++)
		p[i] = (u8)pattern[(i - 4) % (sizeof(pattern) - 1)];
	for (i = PAGE_SIZE / 2; i < PAGE_SIZE * 3 / 4; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (u8)(x >> 24);
	}
}

/* Compress t->src into t->blk (a page's room), decode into t->out, compare. */
static int round_trip(struct lz4t *t, const char *what, u32 *len)
{
	int n = lz4_compress(t->src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work);
	int r;

	if (n <= 0)
		return selftest_fail("lz4: %s did not compress", what);
	r = lz4_decompress(t->blk, (unsigned)n, t->out, PAGE_SIZE);
	if (r != PAGE_SIZE || memcmp(t->out, t->src, PAGE_SIZE))
		return selftest_fail("lz4: %s came back wrong (%d)", what, r);
	*len = (u32)n;
	return 0;
}

static int corrupted_blocks(struct lz4t *t)
{
	u32 i, len;
	int r;

	workload_page(t->src, 7);
	if (round_trip(t, "page 7", &len))
		return -1;
	for (i = 0; i < len; i++) {
		t->blk[i] ^= 0x5A;
		r = lz4_decompress(t->blk, len, t->out, PAGE_SIZE);
		t->blk[i] ^= 0x5A;
		if ((r != -EINVAL && (r < 0 || r > (int)PAGE_SIZE)) || t->guard != GUARD)
			return selftest_fail("lz4: byte %u changed: %d, guard %08x", i, r,
					     t->guard);
	}
	return 0;
}

static int selftest_lz4(void)
{
	struct lz4t *t = get_free_pages(GFP_KERNEL, LZ4T_ORDER);
	u32 i, len, pages = 0, in = 0, outlen = 0;
	int ret = -1;

	if (!t)
		return selftest_fail("lz4: no memory");
	t->guard = GUARD;
	for (i = 0; i < 8; i++) {
		workload_page(t->src, i);
		if (round_trip(t, "a workload page", &len))
			goto out;
		pages++;
		in += PAGE_SIZE;
		outlen += len;
	}
	memset(t->src, 0, PAGE_SIZE);
	if (round_trip(t, "the zero page", &len))
		goto out;
	memcpy(t->src, _text + PAGE_SIZE, PAGE_SIZE);	/* kernel code */
	if (round_trip(t, "a page of code", &len))
		goto out;
	pages += 2;
	for (i = 0; i < PAGE_SIZE; i++)
		t->src[i] = (u8)((i * 2654435761u) >> 13 ^ i * 40503u);
	if (lz4_compress(t->src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work) != 0) {
		selftest_fail("lz4: a random page fit in a page");
		goto out;
	}
	if (corrupted_blocks(t))
		goto out;
	printk("lz4: %u pages round-tripped, workload %u -> %u bytes\n", pages, in, outlen);
	ret = 0;
out:
	free_pages(t, LZ4T_ORDER);
	return ret;
}
SELFTEST(lz4, selftest_lz4);

static void bench_lz4(void)
{
	struct lz4t *t = get_free_pages(GFP_KERNEL, LZ4T_ORDER);
	u64 t0, t1, timer = 0, comp = 0, decomp = 0;
	int i, n;

	if (!t)
		return;
	for (i = 0; i < LZ4T_PAGES; i++) {	/* the cost of reading the timer */
		t1 = ktime_get_ns();
		timer += ktime_get_ns() - t1;
	}
	timer /= LZ4T_PAGES;
	for (i = 0; i < LZ4T_PAGES; i++) {
		workload_page(t->src, (u32)i);
		t0 = ktime_get_ns();
		n = lz4_compress(t->src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work);
		t1 = ktime_get_ns();
		comp += t1 - t0 - timer;
		t0 = ktime_get_ns();
		lz4_decompress(t->blk, (unsigned)n, t->out, PAGE_SIZE);
		t1 = ktime_get_ns();
		decomp += t1 - t0 - timer;
	}
	bench_report("lz4_compress_ns_per_page", comp / LZ4T_PAGES, "ns");
	bench_report("lz4_decompress_ns_per_page", decomp / LZ4T_PAGES, "ns");
	free_pages(t, LZ4T_ORDER);
}
BENCH(lz4, bench_lz4);
