/*
 * SELFTEST(lz4): kernel/lz4.c on the target itself.  The host tests check
 * the format against liblz4, but they build the C versions of the long
 * copies and compares; this runs the ARM ones (LDM/STM, unaligned LDR):
 *   1. workload pages (below) compress to the very bytes the host makes
 *      (LZ4T_GOLDEN_*: tests/host/test_lz4.c checks the same figures), and
 *      decode back; a zero page and a page of kernel code round-trip; a
 *      page of random bytes does not fit in a page (lz4_compress returns
 *      0, and zram would keep that page as it is);
 *   2. every alignment: pages of runs (periods 1 ... 70 and 1000, broken
 *      now and then by another byte) compressed from src + a and decoded
 *      to out + b, a and b = 0 ... 3, so that every case of lining one
 *      side up for LDM/STM and not the other is taken;
 *   3. a workload page's block with each byte in turn changed decodes to
 *      -EINVAL or to at most a page, and the bytes after the page stay.
 * Prints "lz4: N pages round-tripped, workload X -> Y bytes".
 *
 * BENCH(lz4): per 4 KiB page, in ktime nanoseconds, which under `qemu
 * -icount shift=0` count instructions (the timer reads subtracted):
 *   lz4_compress_ns_per_page        a workload page, into a page's room
 *   lz4_decompress_ns_per_page      its block
 *   lz4_compress_code_ns_per_page   a page of kernel code
 *   lz4_decompress_code_ns_per_page its block
 *
 * The workload page (tests/host/test_lz4.c makes the same): the page index
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
#define LZ4T_ORDER	3	/* 32 KiB for struct lz4t */
#define SLACK		8	/* room for the alignments, then a guard */
#define GUARD		0xA5

/* The workload pages 0 ... 7 compressed: total length and FNV-1a hash. */
#define LZ4T_GOLDEN_LEN		8816u
#define LZ4T_GOLDEN_HASH	0xe8a171cdu

struct lz4t {
	u8 src[PAGE_SIZE + SLACK];
	u8 out[PAGE_SIZE + SLACK];
	u8 blk[PAGE_SIZE + SLACK];
	u8 work[LZ4_WORKMEM_SIZE];
};

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

static u32 fnv1a(u32 h, const u8 *p, u32 n)
{
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

/*
 * round_trip - compress the page at src into t->blk (a page's room, as
 * zram gives), decode it to out, compare, and check that the SLACK bytes
 * after out's page were not touched.  Returns the block's length, or 0
 * (after selftest_fail) on any failure.
 */
static u32 round_trip(struct lz4t *t, const u8 *src, u8 *out, const char *what)
{
	int n = lz4_compress(src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work);
	u32 i;
	int r;

	if (n <= 0) {
		selftest_fail("lz4: %s did not compress", what);
		return 0;
	}
	memset(out + PAGE_SIZE, GUARD, t->out + sizeof(t->out) - (out + PAGE_SIZE));
	r = lz4_decompress(t->blk, (unsigned int)n, out, PAGE_SIZE);
	if (r != PAGE_SIZE || memcmp(out, src, PAGE_SIZE)) {
		selftest_fail("lz4: %s came back wrong (%d)", what, r);
		return 0;
	}
	for (i = PAGE_SIZE; out + i < t->out + sizeof(t->out); i++) {
		if (out[i] != GUARD) {
			selftest_fail("lz4: %s: wrote past the page", what);
			return 0;
		}
	}
	return (u32)n;
}

/* A page of runs of the given period, broken every 97 bytes or so. */
static void runs_page(u8 *p, u32 period, u32 seed)
{
	u32 i;

	for (i = 0; i < PAGE_SIZE; i++)
		p[i] = i < period ? (u8)(i * 7 + seed) : p[i - period];
	for (i = seed % 89; i < PAGE_SIZE; i += 90 + (i * seed) % 17)
		p[i] ^= 0x5A;
}

static int alignments(struct lz4t *t)
{
	static const u32 periods[] = { 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 31, 32, 33, 45, 64,
				       70, 1000 };
	u32 k, a, b;

	for (k = 0; k < sizeof(periods) / sizeof(periods[0]); k++)
		for (a = 0; a < 4; a++)
			for (b = 0; b < 4; b++) {
				runs_page(t->src + a, periods[k], k * 16 + a * 4 + b);
				if (!round_trip(t, t->src + a, t->out + b, "a page of runs"))
					return selftest_fail("lz4: period %u, src + %u, out + %u",
							     periods[k], a, b);
			}
	return 0;
}

static int corrupted_blocks(struct lz4t *t)
{
	u32 i, len;
	int r;

	workload_page(t->src, 7);
	len = round_trip(t, t->src, t->out, "page 7");
	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		t->blk[i] ^= 0x5A;
		r = lz4_decompress(t->blk, len, t->out, PAGE_SIZE);
		t->blk[i] ^= 0x5A;
		if ((r != -EINVAL && (r < 0 || r > (int)PAGE_SIZE)) ||
		    t->out[PAGE_SIZE] != GUARD)
			return selftest_fail("lz4: byte %u changed: %d", i, r);
	}
	return 0;
}

static int workload(struct lz4t *t, u32 *total)
{
	u32 i, len, hash = 2166136261u;

	*total = 0;
	for (i = 0; i < 8; i++) {
		workload_page(t->src, i);
		len = round_trip(t, t->src, t->out, "a workload page");
		if (!len)
			return -1;
		hash = fnv1a(hash, t->blk, len);
		*total += len;
	}
	if (*total != LZ4T_GOLDEN_LEN || hash != LZ4T_GOLDEN_HASH)
		return selftest_fail("lz4: workload blocks %u bytes, hash %08x, not as on the host",
				     *total, hash);
	return 0;
}

static int selftest_lz4(void)
{
	struct lz4t *t = get_free_pages(GFP_KERNEL, LZ4T_ORDER);
	u32 i, total;
	int ret = -1;

	if (!t)
		return selftest_fail("lz4: no memory");
	if (workload(t, &total))
		goto out;
	memset(t->src, 0, PAGE_SIZE);
	if (!round_trip(t, t->src, t->out, "the zero page"))
		goto out;
	memcpy(t->src, _text + PAGE_SIZE, PAGE_SIZE);
	if (!round_trip(t, t->src, t->out, "a page of code"))
		goto out;
	for (i = 0; i < PAGE_SIZE; i++)
		t->src[i] = (u8)((i * 2654435761u) >> 13 ^ i * 40503u);
	if (lz4_compress(t->src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work) != 0) {
		selftest_fail("lz4: a random page fit in a page");
		goto out;
	}
	if (alignments(t) || corrupted_blocks(t))
		goto out;
	printk("lz4: %u pages round-tripped, workload %u -> %u bytes\n", 8 + 2 + 17 * 16 + 1,
	       8 * (u32)PAGE_SIZE, total);
	ret = 0;
out:
	free_pages(t, LZ4T_ORDER);
	return ret;
}
SELFTEST(lz4, selftest_lz4);

/* Instructions (under -icount shift=0) to compress and decode src. */
static void time_page(struct lz4t *t, const u8 *src, u64 timer, u64 *comp, u64 *decomp)
{
	u64 t0, t1;
	int n;

	t0 = ktime_get_ns();
	n = lz4_compress(src, PAGE_SIZE, t->blk, PAGE_SIZE, t->work);
	t1 = ktime_get_ns();
	*comp += t1 - t0 - timer;
	t0 = ktime_get_ns();
	lz4_decompress(t->blk, (unsigned int)n, t->out, PAGE_SIZE);
	t1 = ktime_get_ns();
	*decomp += t1 - t0 - timer;
}

static void bench_lz4(void)
{
	struct lz4t *t = get_free_pages(GFP_KERNEL, LZ4T_ORDER);
	u64 t1, timer = 0, comp = 0, decomp = 0;
	int i;

	if (!t)
		return;
	for (i = 0; i < LZ4T_PAGES; i++) {	/* the cost of reading the timer */
		t1 = ktime_get_ns();
		timer += ktime_get_ns() - t1;
	}
	timer /= LZ4T_PAGES;
	for (i = 0; i < LZ4T_PAGES; i++) {
		workload_page(t->src, (u32)i);
		time_page(t, t->src, timer, &comp, &decomp);
	}
	bench_report("lz4_compress_ns_per_page", comp / LZ4T_PAGES, "ns");
	bench_report("lz4_decompress_ns_per_page", decomp / LZ4T_PAGES, "ns");
	comp = decomp = 0;
	for (i = 0; i < LZ4T_PAGES; i++)
		time_page(t, (const u8 *)_text + (u32)i * PAGE_SIZE, timer, &comp, &decomp);
	bench_report("lz4_compress_code_ns_per_page", comp / LZ4T_PAGES, "ns");
	bench_report("lz4_decompress_code_ns_per_page", decomp / LZ4T_PAGES, "ns");
	free_pages(t, LZ4T_ORDER);
}
BENCH(lz4, bench_lz4);
