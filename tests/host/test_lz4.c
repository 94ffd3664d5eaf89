/*
 * Host tests of LZ4 (kernel/lz4.c), checked against Debian's liblz4 and
 * against a plain byte-at-a-time reference decoder written here:
 *
 *   1. compatibility both ways: our blocks decode with LZ4_decompress_safe,
 *      LZ4_compress_default's blocks decode with lz4_decompress, over a
 *      corpus (the repository's docs and sources, a kernel ELF if built,
 *      zeros, one byte repeated, random bytes, the zram workload page) at
 *      sizes 0, 1, 4, 5, 12, 13, 4095, 4096, 4097, 65536 and past 64 KiB;
 *      our blocks keep the end-of-block rules; ratio close to liblz4's;
 *   2. round trips of our own, an output that does not depend on what
 *      workmem held, and the same blocks as the ARM build makes;
 *   3. buffers of exactly the needed size (malloc'd so, for ASan) work,
 *      one byte less fails cleanly, for every capacity in between;
 *   4. adversarial blocks: every truncation, thousands of mutations,
 *      offset 0, offsets before the output's start, 0xFF length runs that
 *      would wrap 32 bits, trailing garbage;
 *   5. on all of those, lz4_decompress agrees with liblz4: what liblz4
 *      refuses, we refuse; what we accept, liblz4 decodes to the same
 *      bytes.  We are stricter in two ways only, rules of the block
 *      format that liblz4's fast paths do not check (offset 0, and the
 *      8 input bytes a non-last sequence's literals leave); the
 *      reference decoder names the rule each time.
 *
 * Run from the top of the repository (make host-tests does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <cmocka.h>

#include <lz4.h>		/* liblz4 */
#include <kernel/lz4.h>
#include <kernel/errno.h>
#include <kernel/types.h>

#define PAGE	4096

/* ----------------------------------------------------------- helpers */

static u64 rng_state;

static void rng_seed(u64 seed)
{
	rng_state = seed ? seed : 1;
}

static u32 rng(void)		/* xorshift64 */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 32);
}

static void fill_random(u8 *p, size_t n)
{
	while (n--)
		*p++ = (u8)rng();
}

/*
 * The zram workload page (the same as kernel/selftest_lz4.c's): the page
 * index in the first 4 bytes, then a fixed pattern, with the third
 * quarter random bytes.
 */
static void workload_page(u8 *p, u32 index)
{
	static const char pattern[] = "mmkernel zram page: swapped out, swapped in. ";
	u32 i, x = index * 2654435761u + 1;

	memcpy(p, &index, 4);
	for (i = 4; i < PAGE; i++)
		p[i] = (u8)pattern[(i - 4) % (sizeof(pattern) - 1)];
	for (i = PAGE / 2; i < PAGE * 3 / 4; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (u8)(x >> 24);
	}
}

/* A copy in a buffer of exactly n bytes, so ASan sees any byte past it. */
static u8 *exact_copy(const void *p, size_t n)
{
	u8 *c = malloc(n ? n : 1);

	assert_non_null(c);
	memcpy(c, p, n);
	return c;
}

static void *workmem(void)
{
	void *w = malloc(LZ4_WORKMEM_SIZE);

	assert_non_null(w);
	memset(w, 0xA5, LZ4_WORKMEM_SIZE);	/* not zeroed: lz4_compress must cope */
	return w;
}

/* ------------------------------------------------------------ corpus */

struct sample {
	char name[96];
	u8 *data;
	size_t len;
};

#define MAX_SAMPLES 1000
static struct sample corpus[MAX_SAMPLES];
static int ncorpus;
static int nfiles;

static void add_sample(const char *name, u8 *data, size_t len)
{
	struct sample *s;

	assert_true(ncorpus < MAX_SAMPLES);
	s = &corpus[ncorpus++];
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->data = data;
	s->len = len;
}

static void add_file(const char *path, size_t max)
{
	FILE *f = fopen(path, "rb");
	u8 *buf;
	size_t n;

	if (!f)
		return;
	buf = malloc(max);
	assert_non_null(buf);
	n = fread(buf, 1, max, f);
	fclose(f);
	add_sample(path, buf, n);
	nfiles++;
}

static void add_files(const char *pattern, size_t max)
{
	glob_t g;
	size_t i;

	if (glob(pattern, 0, NULL, &g))
		return;
	for (i = 0; i < g.gl_pathc; i++)
		add_file(g.gl_pathv[i], max);
	globfree(&g);
}

static const size_t sizes[] = { 0, 1, 4, 5, 12, 13, 4095, 4096, 4097, 65536, 65537, 300000 };

static void add_synthetic(const char *kind, size_t len)
{
	u8 *p = malloc(len ? len : 1);
	char name[64];
	size_t i;

	assert_non_null(p);
	if (!strcmp(kind, "zero")) {
		memset(p, 0, len);
	} else if (!strcmp(kind, "byte")) {
		memset(p, 0x5A, len);
	} else if (!strcmp(kind, "random")) {
		fill_random(p, len);
	} else {		/* workload: pages of it, cut to len */
		u8 page[PAGE];

		for (i = 0; i < len; i += PAGE) {
			workload_page(page, (u32)(i / PAGE));
			memcpy(p + i, page, len - i < PAGE ? len - i : PAGE);
		}
	}
	snprintf(name, sizeof(name), "%s-%zu", kind, len);
	add_sample(name, p, len);
}

static int corpus_setup(void **state)
{
	static const char *const kinds[] = { "zero", "byte", "random", "workload" };
	size_t k, s;

	rng_seed(0x1234567);
	add_files("docs/*.md", 1 << 20);
	add_files("kernel/*.c", 1 << 20);
	add_files("mm/*.c", 1 << 20);
	add_files("build/vexpress-a9/kernel.elf", 4 << 20);
	for (k = 0; k < 4; k++)
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
			add_synthetic(kinds[k], sizes[s]);
	return 0;
}

static int corpus_teardown(void **state)
{
	while (ncorpus)
		free(corpus[--ncorpus].data);
	return 0;
}

/* Our block for s (in a buffer of its exact length); *len set. */
static u8 *our_block(const u8 *in, size_t n, int *len)
{
	size_t cap = LZ4_COMPRESS_BOUND(n);
	u8 *buf = malloc(cap), *blk;
	void *w = workmem();

	assert_non_null(buf);
	*len = lz4_compress(in, (unsigned)n, buf, (unsigned)cap, w);
	assert_true(*len > 0);
	assert_true((size_t)*len <= cap);
	blk = exact_copy(buf, (size_t)*len);
	free(buf);
	free(w);
	return blk;
}

static u8 *lib_block(const u8 *in, size_t n, int *len)
{
	int cap = LZ4_compressBound((int)n);
	u8 *buf = malloc((size_t)cap), *blk;

	assert_non_null(buf);
	*len = LZ4_compress_default((const char *)in, (char *)buf, (int)n, cap);
	assert_true(*len > 0);
	blk = exact_copy(buf, (size_t)*len);
	free(buf);
	return blk;
}

/* --------------------------------------------------- reference decoder */

/*
 * Why a block was refused.  liblz4 refuses for the first five too, and
 * for the last; it lets OFFSET_0 and IN_MARGIN through on its fast paths.
 */
enum why {
	WHY_OK,
	WHY_TRUNCATED,		/* a length, offset or literals past the input */
	WHY_TOO_LONG,		/* the output would not fit in dstcap */
	WHY_OFFSET_FAR,		/* a match before the output's start */
	WHY_NOT_LAST,		/* literals near the end, but input left over */
	WHY_OFFSET_0,
	WHY_IN_MARGIN,		/* a non-last sequence leaves < 8 input bytes */
	WHY_MATCH_MARGIN,	/* a match ends within 5 bytes of dstcap */
};

/*
 * ref_decode - the block at src into dst, a byte at a time, with the rules
 * lz4_decompress documents.  lenient: liblz4's fast path instead, which
 * skips the margins (a non-last sequence then needs only its offset and
 * one more token after it, a match only to fit).  Returns the length or
 * -1 with *why set.
 */
static long ref_decode(const u8 *src, size_t n, u8 *dst, size_t cap, bool lenient,
		       enum why *why)
{
	size_t ip = 0, op = 0;

#define REFUSE(w) do { *why = (w); return -1; } while (0)
	if (n == 0)
		REFUSE(WHY_TRUNCATED);
	for (;;) {
		unsigned token, b;
		size_t lit, ml, off, i;

		if (ip >= n)
			REFUSE(WHY_TRUNCATED);
		token = src[ip++];
		lit = token >> 4;
		if (lit == 15) {
			do {
				if (ip >= n)
					REFUSE(WHY_TRUNCATED);
				b = src[ip++];
				lit += b;
			} while (b == 255);
		}
		if (ip + lit == n || lit + 12 > cap - op || (!lenient && ip + lit + 8 > n)) {
			if (ip + lit > n)
				REFUSE(WHY_TRUNCATED);
			if (ip + lit != n)
				REFUSE(lenient || lit + 12 > cap - op ? WHY_NOT_LAST : WHY_IN_MARGIN);
			if (lit > cap - op)
				REFUSE(WHY_TOO_LONG);
			memcpy(dst + op, src + ip, lit);
			*why = WHY_OK;
			return (long)(op + lit);
		}
		if (ip + lit + 3 > n)	/* offset and one more token */
			REFUSE(WHY_TRUNCATED);
		memcpy(dst + op, src + ip, lit);
		op += lit;
		ip += lit;
		off = src[ip] | src[ip + 1] << 8;
		ip += 2;
		if (off == 0)
			REFUSE(WHY_OFFSET_0);
		if (off > op)
			REFUSE(WHY_OFFSET_FAR);
		ml = token & 15;
		if (ml == 15) {
			do {
				if (ip + 4 >= n)	/* 4 bytes must be left */
					REFUSE(WHY_TRUNCATED);
				b = src[ip++];
				ml += b;
			} while (b == 255);
		}
		ml += 4;
		if (ml > cap - op)
			REFUSE(WHY_TOO_LONG);
		if (!lenient && ml + 5 > cap - op)
			REFUSE(WHY_MATCH_MARGIN);
		for (i = 0; i < ml; i++, op++)
			dst[op] = dst[op - off];
	}
#undef REFUSE
}

/*
 * check_decode - decode blk (len bytes, copied to an exact buffer) with
 * capacity cap three ways, and assert the contract between them.  Returns
 * our result.  *stricter counts the blocks only liblz4 took.
 */
static int check_decode(const u8 *blk, size_t len, size_t cap, int *stricter)
{
	u8 *in = exact_copy(blk, len);
	u8 *ours = malloc(cap ? cap : 1), *lib = malloc(cap ? cap : 1);
	u8 *ref = malloc(cap ? cap : 1);
	enum why why, lwhy;
	int r, l;
	long s;

	assert_true(ours && lib && ref);
	r = lz4_decompress(in, (unsigned)len, ours, (unsigned)cap);
	l = LZ4_decompress_safe((const char *)in, (char *)lib, (int)len, (int)cap);
	s = ref_decode(in, len, ref, cap, false, &why);
	/* ours is the reference, exactly */
	assert_true(r == -EINVAL || r >= 0);
	assert_int_equal(r < 0 ? -1 : r, s);
	if (r >= 0) {
		assert_true((size_t)r <= cap);
		assert_memory_equal(ours, ref, (size_t)r);
		/* what we accept, liblz4 decodes to the same bytes */
		assert_int_equal(l, r);
		assert_memory_equal(ours, lib, (size_t)r);
	} else if (l >= 0) {
		/* liblz4 took it: only for a rule its fast path skips */
		assert_true(why == WHY_OFFSET_0 || why == WHY_IN_MARGIN);
		if (why != WHY_OFFSET_0) {
			/* and then it decodes as the reference without the margins */
			s = ref_decode(in, len, ref, cap, true, &lwhy);
			if (lwhy != WHY_OFFSET_0) {
				assert_int_equal(s, l);
				assert_memory_equal(ref, lib, (size_t)l);
			}
		}
		(*stricter)++;
	}
	free(in);
	free(ours);
	free(lib);
	free(ref);
	return r;
}

/*
 * Walk a block of ours and check the end-of-block rules: it decodes to n
 * bytes, the last match starts at least 12 bytes before the end, and the
 * last sequence has at least 5 literals (all of them, under 5 bytes).
 */
static void check_end_rules(const u8 *blk, size_t len, size_t n)
{
	size_t ip = 0, op = 0, lit, ml;
	long last_match = -1;

	for (;;) {
		unsigned token = blk[ip++], b;

		lit = token >> 4;
		if (lit == 15)
			do { b = blk[ip++]; lit += b; } while (b == 255);
		ip += lit;
		op += lit;
		if (ip == len)
			break;
		ip += 2;
		ml = token & 15;
		if (ml == 15)
			do { b = blk[ip++]; ml += b; } while (b == 255);
		last_match = (long)op;
		op += ml + 4;
	}
	assert_int_equal(op, n);
	assert_true(lit >= (n < 5 ? n : 5));
	if (last_match >= 0)
		assert_true((size_t)last_match + 12 <= n);
}

/* ------------------------------------------------------------- tests */

/* 1. Our blocks decode with liblz4, liblz4's with ours; same bytes. */
static void test_compat_both_ways(void **state)
{
	int i, stricter = 0;

	assert_true(nfiles >= 20);	/* the docs and sources were found */
	for (i = 0; i < ncorpus; i++) {
		const struct sample *s = &corpus[i];
		int ol, ll;
		u8 *ob = our_block(s->data, s->len, &ol);
		u8 *lb = lib_block(s->data, s->len, &ll);
		u8 *out = malloc(s->len ? s->len : 1);

		assert_non_null(out);
		/* ours -> liblz4, into exactly len bytes */
		assert_int_equal(LZ4_decompress_safe((char *)ob, (char *)out, ol, (int)s->len),
				 (int)s->len);
		assert_memory_equal(out, s->data, s->len);
		/* liblz4 -> ours */
		memset(out, 0, s->len);
		assert_int_equal(lz4_decompress(lb, (unsigned)ll, out, (unsigned)s->len),
				 (int)s->len);
		assert_memory_equal(out, s->data, s->len);
		check_end_rules(ob, (size_t)ol, s->len);
		/* and all three decoders agree on both blocks */
		assert_int_equal(check_decode(ob, (size_t)ol, s->len, &stricter), (int)s->len);
		assert_int_equal(check_decode(lb, (size_t)ll, s->len, &stricter), (int)s->len);
		free(ob);
		free(lb);
		free(out);
	}
	assert_int_equal(stricter, 0);
}

/*
 * 1b. Every 4 KiB page of the files, as zram sees them: both ways, and
 * our blocks within 3% of liblz4's in total (the same algorithm, with a
 * smaller hash table and earlier skipping: kernel/lz4.c says how much).
 */
static void test_pages_and_ratio(void **state)
{
	size_t ours = 0, lib = 0, raw = 0;
	u8 out[PAGE];
	int i;

	for (i = 0; i < nfiles; i++) {
		const struct sample *s = &corpus[i];
		size_t off;

		for (off = 0; off + PAGE <= s->len; off += PAGE) {
			int ol, ll;
			u8 *ob = our_block(s->data + off, PAGE, &ol);
			u8 *lb = lib_block(s->data + off, PAGE, &ll);

			assert_int_equal(LZ4_decompress_safe((char *)ob, (char *)out, ol, PAGE), PAGE);
			assert_memory_equal(out, s->data + off, PAGE);
			assert_int_equal(lz4_decompress(lb, (unsigned)ll, out, PAGE), PAGE);
			assert_memory_equal(out, s->data + off, PAGE);
			assert_int_equal(lz4_decompress(ob, (unsigned)ol, out, PAGE), PAGE);
			assert_memory_equal(out, s->data + off, PAGE);
			ours += (size_t)ol;
			lib += (size_t)ll;
			raw += PAGE;
			free(ob);
			free(lb);
		}
	}
	print_message("pages: %zu bytes -> ours %zu, liblz4 %zu\n", raw, ours, lib);
	assert_true(raw >= 64 * PAGE);
	assert_true(ours * 100 <= lib * 103);
}

/*
 * make_matches - n bytes of literal runs and copies of what came before,
 * at offsets near (1 ... 7), middling (8 ... 64) and far (up to 64 KiB),
 * some of the copies hundreds of bytes long: matches of every shape.
 */
static void make_matches(u8 *p, size_t n)
{
	size_t i = 0, j, run, off;

	while (i < n) {
		run = rng() % 20;
		for (j = 0; j < run && i < n; j++)
			p[i++] = (u8)rng();
		if (!i)
			continue;
		switch (rng() % 3) {
		case 0: off = 1 + rng() % 7; break;
		case 1: off = 8 + rng() % 57; break;
		default: off = 1 + rng() % 65535; break;
		}
		off = off < i ? off : i;
		run = 4 + ((rng() & 7) ? rng() % 40 : rng() % 700);
		for (j = 0; j < run && i < n; j++, i++)
			p[i] = p[i - off];
	}
}

/* 2. Our own round trip, at every size up to 300 and odd ones past it. */
static void test_round_trip(void **state)
{
	static u8 in[300000], blk[LZ4_COMPRESS_BOUND(300000)], out[300000];
	void *w = workmem();
	size_t n;

	rng_seed(42);
	for (n = 0; n < sizeof(in); n = n < 300 ? n + 1 : n * 5 / 4 + 7) {
		int len;

		make_matches(in, n);
		len = lz4_compress(in, (unsigned)n, blk, sizeof(blk), w);
		assert_true(len > 0 && (size_t)len <= LZ4_COMPRESS_BOUND(n));
		assert_int_equal(lz4_decompress(blk, (unsigned)len, out, (unsigned)n), (int)n);
		assert_memory_equal(out, in, n);
		assert_int_equal(LZ4_decompress_safe((char *)blk, (char *)out, len, (int)n), (int)n);
		if (n)
			check_end_rules(blk, (size_t)len, n);
		if (n > 1000)		/* the matches were found */
			assert_true((size_t)len < n * 3 / 4);
	}
	free(w);
}

/*
 * 2c. The blocks of workload pages 0 ... 7, by length and FNV-1a hash: the
 * kernel's selftest=lz4 checks the same two figures (LZ4T_GOLDEN_* in
 * kernel/selftest_lz4.c), so the ARM build, whose long copies and
 * compares are assembly, makes the very blocks checked here.  A change
 * to the compressor changes them: update both.
 */
static void test_same_blocks_as_the_target(void **state)
{
	u8 page[PAGE], blk[PAGE];
	void *w = workmem();
	u32 i, k, total = 0, hash = 2166136261u;

	for (i = 0; i < 8; i++) {
		int n;

		workload_page(page, i);
		n = lz4_compress(page, PAGE, blk, PAGE, w);
		assert_true(n > 0);
		for (k = 0; k < (u32)n; k++)
			hash = (hash ^ blk[k]) * 16777619u;
		total += (u32)n;
	}
	assert_int_equal(total, 8816);
	assert_int_equal(hash, 0xe8a171cd);
	free(w);
}

/* 2b. The output depends on the input alone, not on workmem's contents. */
static void test_workmem_contents_do_not_matter(void **state)
{
	static u8 a[LZ4_COMPRESS_BOUND(65536)], b[LZ4_COMPRESS_BOUND(65536)];
	void *w = workmem();
	int i;

	for (i = 0; i < ncorpus; i++) {
		const struct sample *s = &corpus[i];
		size_t n = s->len < 65536 ? s->len : 65536;
		int la, lb;

		memset(w, 0, LZ4_WORKMEM_SIZE);
		la = lz4_compress(s->data, (unsigned)n, a, sizeof(a), w);
		fill_random(w, LZ4_WORKMEM_SIZE);
		lb = lz4_compress(s->data, (unsigned)n, b, sizeof(b), w);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, (size_t)la);
	}
	free(w);
}

/* 3. Exactly the length needed works; a byte less fails cleanly. */
static void test_exact_buffers(void **state)
{
	void *w = workmem();
	int i;

	for (i = 0; i < ncorpus; i++) {
		const struct sample *s = &corpus[i];
		int len;
		u8 *blk = our_block(s->data, s->len, &len);
		u8 *dst = malloc((size_t)len), *out = malloc(s->len ? s->len : 1);

		assert_true(dst && out);
		assert_int_equal(lz4_compress(s->data, (unsigned)s->len, dst, (unsigned)len, w), len);
		assert_memory_equal(dst, blk, (size_t)len);
		free(dst);
		dst = malloc((size_t)len - 1 ? (size_t)len - 1 : 1);
		assert_int_equal(lz4_compress(s->data, (unsigned)s->len, dst, (unsigned)len - 1, w), 0);
		assert_int_equal(lz4_decompress(blk, (unsigned)len, out, (unsigned)s->len),
				 (int)s->len);
		assert_memory_equal(out, s->data, s->len);
		if (s->len) {
			free(out);
			out = malloc(s->len - 1 ? s->len - 1 : 1);
			assert_int_equal(lz4_decompress(blk, (unsigned)len, out,
							(unsigned)s->len - 1), -EINVAL);
		}
		free(blk);
		free(dst);
		free(out);
	}
	free(w);
}

/* 3b. Every capacity from 0 up, both directions, on a few inputs. */
static void test_every_capacity(void **state)
{
	static const char *const names[] = { "workload-4096", "random-4097", "docs/boot.md",
					     "zero-4096", "byte-13" };
	void *w = workmem();
	unsigned k;
	int i, stricter = 0;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const struct sample *s = NULL;
		size_t n, cap;
		int len;
		u8 *blk;

		for (i = 0; i < ncorpus; i++)
			if (!strcmp(corpus[i].name, names[k]))
				s = &corpus[i];
		assert_non_null(s);
		n = s->len < 8192 ? s->len : 8192;
		blk = our_block(s->data, n, &len);
		for (cap = 0; cap <= (size_t)len + 2; cap++) {
			u8 *dst = malloc(cap ? cap : 1);

			assert_int_equal(lz4_compress(s->data, (unsigned)n, dst, (unsigned)cap, w),
					 cap >= (size_t)len ? len : 0);
			if (cap >= (size_t)len)
				assert_memory_equal(dst, blk, (size_t)len);
			free(dst);
		}
		for (cap = 0; cap <= n + 64; cap++)
			assert_int_equal(check_decode(blk, (size_t)len, cap, &stricter),
					 cap >= n ? (int)n : -EINVAL);
		free(blk);
	}
	assert_int_equal(stricter, 0);
	free(w);
}

/* 4. Every truncation of valid blocks (ours and liblz4's). */
static void test_truncated(void **state)
{
	static const char *const names[] = { "workload-4096", "docs/memory.md", "random-300000",
					     "byte-65536", "zero-13" };
	unsigned k;
	int i, stricter = 0, refused = 0, total = 0;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const struct sample *s = NULL;
		size_t n, cut;
		int len, lib;
		u8 *blk, *lb;

		for (i = 0; i < ncorpus; i++)
			if (!strcmp(corpus[i].name, names[k]))
				s = &corpus[i];
		if (!s)
			continue;
		n = s->len < 12000 ? s->len : 12000;
		blk = our_block(s->data, n, &len);
		lb = lib_block(s->data, n, &lib);
		for (cut = 0; cut < (size_t)len; cut++, total++)
			refused += check_decode(blk, cut, n, &stricter) < 0;
		for (cut = 0; cut < (size_t)lib; cut++)
			check_decode(lb, cut, n, &stricter);
		free(blk);
		free(lb);
	}
	print_message("truncated: %d of %d refused, %d only by us\n", refused, total, stricter);
	assert_true(total > 5000);
	assert_true(refused > total * 9 / 10);
}

/* 4 + 5. Thousands of mutated blocks: liblz4 and the reference agree. */
static void test_mutations(void **state)
{
	static const char *const names[] = { "workload-4096", "docs/boot.md", "kernel/lz4.c",
					     "byte-4097", "random-4096", "zero-65536", "mm/slab.c" };
	int i, m, stricter = 0, accepted = 0, total = 0;
	unsigned k;

	rng_seed(20261204);
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const struct sample *s = NULL;
		size_t n;
		int len;
		u8 *blk;

		for (i = 0; i < ncorpus; i++)
			if (!strcmp(corpus[i].name, names[k]))
				s = &corpus[i];
		assert_non_null(s);
		n = s->len < 6000 ? s->len : 6000;
		blk = (k & 1) ? lib_block(s->data, n, &len) : our_block(s->data, n, &len);
		for (m = 0; m < 2000; m++, total++) {
			u8 *mut = exact_copy(blk, (size_t)len);
			int j, edits = 1 + (int)(rng() % 4);
			size_t cap = (rng() & 1) ? n : n + rng() % 64;

			for (j = 0; j < edits; j++) {
				size_t at = rng() % (size_t)len;

				switch (rng() % 4) {
				case 0: mut[at] ^= (u8)(1 << (rng() % 8)); break;
				case 1: mut[at] = (u8)rng(); break;
				case 2: mut[at] = 0xFF; break;
				default: mut[at] = 0; break;
				}
			}
			accepted += check_decode(mut, (size_t)len, cap, &stricter) >= 0;
			free(mut);
		}
		free(blk);
	}
	print_message("mutations: %d, %d decoded, %d refused only by us\n",
		      total, accepted, stricter);
	assert_true(total >= 14000);
}

/* A block from a list of bytes: token, [lengths], literals, offset, ... */
static int decode_bytes(const u8 *b, size_t n, size_t cap)
{
	int stricter = 0;

	return check_decode(b, n, cap, &stricter);
}

/* 4. Hand-made bad blocks. */
static void test_crafted(void **state)
{
	/* 8 literals, a match at offset 0, 8 last literals */
	static const u8 off0[] = { 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0x00, 0x00,
				   0x80, '1', '2', '3', '4', '5', '6', '7', '8' };
	/* the match 9 back: one before the output's start */
	static const u8 far[] = { 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0x09, 0x00,
				  0x80, '1', '2', '3', '4', '5', '6', '7', '8' };
	/* 8 back: fine */
	static const u8 ok[] = { 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0x08, 0x00,
				 0x80, '1', '2', '3', '4', '5', '6', '7', '8' };
	u8 out[64];

	assert_int_equal(lz4_decompress(off0, sizeof(off0), out, 20), -EINVAL);
	assert_int_equal(lz4_decompress(far, sizeof(far), out, 20), -EINVAL);
	assert_int_equal(lz4_decompress(ok, sizeof(ok), out, 20), 20);
	assert_memory_equal(out, "abcdefghabcd12345678", 20);
	assert_int_equal(decode_bytes(ok, sizeof(ok), 20), 20);
	assert_int_equal(decode_bytes(far, sizeof(far), 20), -EINVAL);
	assert_int_equal(decode_bytes(off0, sizeof(off0), 20), -EINVAL);
	/* the match must end 5 bytes before dstcap: 19 is a byte short */
	assert_int_equal(decode_bytes(ok, sizeof(ok), 19), -EINVAL);
	/* an offset past the start, early in the output */
	assert_int_equal(decode_bytes((const u8[]){ 0x10, 'x', 0x02, 0x00, 0x50, 1, 2, 3, 4, 5,
						    6, 7 }, 12, 64), -EINVAL);
	/* trailing garbage after a valid block */
	assert_int_equal(decode_bytes((const u8[]){ 0x50, 1, 2, 3, 4, 5, 0 }, 7, 64), -EINVAL);
	assert_int_equal(decode_bytes(ok, sizeof(ok) - 1, 20), -EINVAL);
	assert_int_equal(decode_bytes((const u8[]){ 0x50, 1, 2, 3, 4, 5 }, 6, 64), 5);
	/* empty: one zero token into nothing, and nothing at all */
	assert_int_equal(decode_bytes((const u8[]){ 0x00 }, 1, 0), 0);
	assert_int_equal(decode_bytes((const u8[]){ 0x00 }, 0, 0), -EINVAL);
	assert_int_equal(decode_bytes((const u8[]){ 0x10, 'a' }, 2, 0), -EINVAL);
}

/*
 * 4. 0xFF runs long enough that a 32-bit length would wrap to a small
 * number: 15 + 16843009 * 255 + 2 = 2^32 + 16.  Refused, for a literal
 * length and for a match length, even with dstcap at its largest.
 */
static void test_length_wrap(void **state)
{
	const size_t run = 16843009, n = 1 + 8 + 2 + run + 1 + 32;
	u8 *b = malloc(n), out[64];
	size_t i = 0;

	assert_non_null(b);
	b[i++] = 0xF0;				/* literals: 15 + ... */
	memset(b + i, 0xFF, run);
	i += run;
	b[i++] = 2;
	memset(b + i, 'L', n - i);
	assert_int_equal(decode_bytes(b, n, sizeof(out)), -EINVAL);
	assert_int_equal(lz4_decompress(b, (unsigned)n, out, 0xFFFFFFFFu), -EINVAL);

	i = 0;
	b[i++] = 0x8F;				/* 8 literals, match 4 + 15 + ... */
	memset(b + i, 'm', 8);
	i += 8;
	b[i++] = 8;				/* offset 8 */
	b[i++] = 0;
	memset(b + i, 0xFF, run);
	i += run;
	b[i++] = 2;
	memset(b + i, 0x50, n - i);		/* then tokens of 5 literals */
	assert_int_equal(decode_bytes(b, n, sizeof(out)), -EINVAL);
	assert_int_equal(lz4_decompress(b, (unsigned)n, out, 0xFFFFFFFFu), -EINVAL);
	free(b);
}

/*
 * 5. What liblz4 decodes and we refuse, one of each kind.  Both pass
 * through LZ4_decompress_safe's shortcut for short sequences (dstcap under
 * 64 bytes here), which checks neither the input margin nor a short
 * match's distance to dstcap.  A match that ends within 5 bytes of dstcap
 * always leaves its literals short of the input margin as well (the rest
 * of the block is then at most a token and 4 literals), so the margin is
 * what the reference names for it.
 */
static void test_stricter_only_where_documented(void **state)
{
	/* 14 literals, an 18-byte match 8 back, 3 last literals: 35 bytes */
	static const u8 short_end[] = { 0xEE, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j',
					'k', 'l', 'm', 'n', 8, 0, 0x30, 'x', 'y', 'z' };
	/* 14 literals and a 4-byte match leave 3 input bytes, not 8 */
	static const u8 short_in[] = { 0xE0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j',
				       'k', 'l', 'm', 'n', 14, 0, 0x00 };
	/* 8 literals, a match at offset 0, 8 last literals */
	static const u8 off0[] = { 0x80, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 0, 0,
				   0x80, '1', '2', '3', '4', '5', '6', '7', '8' };
	u8 out[64];
	enum why why;
	int stricter = 0;

	assert_int_equal(LZ4_decompress_safe((const char *)short_end, (char *)out,
					     sizeof(short_end), 35), 35);
	assert_int_equal(check_decode(short_end, sizeof(short_end), 35, &stricter), -EINVAL);
	assert_int_equal(ref_decode(short_end, sizeof(short_end), out, 35, false, &why), -1);
	assert_int_equal(why, WHY_IN_MARGIN);

	assert_int_equal(LZ4_decompress_safe((const char *)short_in, (char *)out,
					     sizeof(short_in), 40), 18);
	assert_int_equal(check_decode(short_in, sizeof(short_in), 40, &stricter), -EINVAL);
	assert_int_equal(ref_decode(short_in, sizeof(short_in), out, 40, false, &why), -1);
	assert_int_equal(why, WHY_IN_MARGIN);

	assert_true(LZ4_decompress_safe((const char *)off0, (char *)out, sizeof(off0), 20) >= 0);
	assert_int_equal(check_decode(off0, sizeof(off0), 20, &stricter), -EINVAL);
	assert_int_equal(ref_decode(off0, sizeof(off0), out, 20, false, &why), -1);
	assert_int_equal(why, WHY_OFFSET_0);
	assert_int_equal(stricter, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compat_both_ways),
		cmocka_unit_test(test_pages_and_ratio),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_workmem_contents_do_not_matter),
		cmocka_unit_test(test_same_blocks_as_the_target),
		cmocka_unit_test(test_exact_buffers),
		cmocka_unit_test(test_every_capacity),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_crafted),
		cmocka_unit_test(test_length_wrap),
		cmocka_unit_test(test_stricter_only_where_documented),
	};
	return cmocka_run_group_tests(tests, corpus_setup, corpus_teardown);
}
