/*
 * LZ4 block compression for zram: a swapped-out page is compressed on its
 * way out and decompressed on its way back in, so both directions are on
 * the paging path and both are written for speed.  The block format and
 * the API are in include/kernel/lz4.h.  Portable: the host tests build
 * this file as is and check it against liblz4 (tests/host/test_lz4.c).
 *
 * Speed comes from moving data a word at a time.  The words are often
 * unaligned: ARMv7 allows an unaligned LDR/STR/LDRH/STRH to Normal memory
 * when SCTLR.A is clear (DDI 0406C A3.2.1), and boot/head.S clears it
 * before the MMU goes on.  The packed structs below make GCC emit plain
 * LDR/STR for them.  LDM/STM/LDRD still need alignment: long copies line
 * their stores up first, so that they can use STM (copy_long).
 *
 * Compression (lz4_compress) is the classic greedy LZ4 search:
 *
 *   hash the 4 bytes at ip --> table[hash] = the last position with that
 *   hash; if the 4 bytes there are equal, extend the match backwards and
 *   forwards, emit (literals since the last match, offset, length);
 *   otherwise step on, taking longer steps the longer nothing matched
 *   (incompressible data is then skipped over fast).
 *
 * Decompression (lz4_decompress) trusts nothing in the block: every length
 * and offset is checked before a byte moves, against both buffers' ends.
 *
 * What a 4 KiB page costs, in instructions (bench=lz4 under qemu -icount,
 * kernel/selftest_lz4.c):
 *
 *                                   compress   decompress   block
 *   text pattern, a random quarter    6000        1700      1100 bytes
 *   kernel code                      57000       12900      3000-3600
 *
 * Code is the hard case: short matches, so a probe for nearly every byte.
 */
#include <kernel/errno.h>
#include <kernel/lz4.h>
#include <kernel/string.h>
#include <kernel/types.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "lz4.c reads offsets and finds mismatches as little-endian words"
#endif

#define MIN_MATCH	4	/* a match is at least 4 bytes long */
#define LAST_LITERALS	5	/* a block ends with at least 5 literals */
#define MF_LIMIT	12	/* the last match starts >= 12 bytes before the end */
#define MAX_OFFSET	65535	/* offsets are 16 bits */
#define RUN_MASK	15	/* a nibble of 15: the length goes on in more bytes */

/* ------------------------------------------------------ unaligned access */

struct una16 { u16 v; } __packed;
struct una32 { u32 v; } __packed;

static __always_inline u32 get16(const u8 *p)
{
	return ((const struct una16 *)p)->v;
}

static __always_inline void put16(u8 *p, u32 v)
{
	((struct una16 *)p)->v = (u16)v;
}

static __always_inline u32 get32(const u8 *p)
{
	return ((const struct una32 *)p)->v;
}

static __always_inline void put32(u8 *p, u32 v)
{
	((struct una32 *)p)->v = v;
}

/*
 * copy8 - copy 8 bytes, both loads before both stores.  Right for a match
 * whose source starts at least 8 bytes before d: every byte read was
 * written before this call.
 */
static __always_inline void copy8(u8 *d, const u8 *s)
{
	u32 a = get32(s), b = get32(s + 4);

	put32(d, a);
	put32(d + 4, b);
}

/*
 * Long runs, 32 bytes a step, are where the time goes (a page is mostly
 * a few long matches or long literal runs), so on ARM they are written
 * out: LDM and STM move eight words in one instruction each, but only
 * to and from word-aligned addresses.  The callers line d (or p) up
 * first; the other side may stay unaligned, and is then read with
 * eight LDRs.  Instructions per 32 bytes, against GCC's best C:
 *
 *   copy_blocks, source unaligned    11 (8 LDR, STM, CMP, BLO)    16
 *   copy_blocks, both aligned         4 (LDM, STM, CMP, BLO)      10
 *   equal_blocks                     22 (LDM, 8 LDR, 8 CMP ...)   36
 *
 * The host builds the C versions, which do the same.
 */
#if defined(__arm__) && !defined(__thumb__)

/*
 * copy_blocks - copy 32 bytes at a time from *sp to *dp while *dp < stop
 * (at least once); *dp word aligned.  d - s >= 32 if they overlap.
 */
static __always_inline void copy_blocks(u8 **dp, const u8 **sp, const u8 *stop)
{
	u8 *d = *dp;
	const u8 *s = *sp;

	if (((uintptr_t)s & 3) == 0)
		asm volatile("1:	ldmia	%1!, {r3-r10}\n"
			     "	stmia	%0!, {r3-r10}\n"
			     "	cmp	%0, %2\n"
			     "	blo	1b\n"
			     : "+r" (d), "+r" (s) : "r" (stop)
			     : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
	else
		asm volatile("1:	ldr	r3, [%1], #4\n"
			     "	ldr	r4, [%1], #4\n"
			     "	ldr	r5, [%1], #4\n"
			     "	ldr	r6, [%1], #4\n"
			     "	ldr	r7, [%1], #4\n"
			     "	ldr	r8, [%1], #4\n"
			     "	ldr	r9, [%1], #4\n"
			     "	ldr	r10, [%1], #4\n"
			     "	stmia	%0!, {r3-r10}\n"
			     "	cmp	%0, %2\n"
			     "	blo	1b\n"
			     : "+r" (d), "+r" (s) : "r" (stop)
			     : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
	*dp = d;
	*sp = s;
}

/*
 * equal_blocks - step *pp and *mp on by 32 while the 32 bytes there are
 * equal and *pp < stop (the first block is compared unconditionally);
 * *pp word aligned.  They stop at the first block that differs.
 */
static __always_inline void equal_blocks(const u8 **pp, const u8 **mp, const u8 *stop)
{
	const u8 *p = *pp, *m = *mp;
	u32 w;

	asm volatile("1:	ldmia	%0, {r3-r10}\n"
		     "	ldr	%2, [%1]\n"
		     "	cmp	r3, %2\n"
		     "	ldreq	%2, [%1, #4]\n"
		     "	cmpeq	r4, %2\n"
		     "	ldreq	%2, [%1, #8]\n"
		     "	cmpeq	r5, %2\n"
		     "	ldreq	%2, [%1, #12]\n"
		     "	cmpeq	r6, %2\n"
		     "	ldreq	%2, [%1, #16]\n"
		     "	cmpeq	r7, %2\n"
		     "	ldreq	%2, [%1, #20]\n"
		     "	cmpeq	r8, %2\n"
		     "	ldreq	%2, [%1, #24]\n"
		     "	cmpeq	r9, %2\n"
		     "	ldreq	%2, [%1, #28]\n"
		     "	cmpeq	r10, %2\n"
		     "	bne	2f\n"
		     "	add	%0, %0, #32\n"
		     "	add	%1, %1, #32\n"
		     "	cmp	%0, %3\n"
		     "	blo	1b\n"
		     "2:\n"
		     : "+r" (p), "+r" (m), "=&r" (w) : "r" (stop)
		     : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
	*pp = p;
	*mp = m;
}

#else

static __always_inline void copy_blocks(u8 **dp, const u8 **sp, const u8 *stop)
{
	u8 *d = *dp;
	const u8 *s = *sp;

	do {
		__builtin_memcpy(__builtin_assume_aligned(d, 4), s, 32);
		d += 32;
		s += 32;
	} while (d < stop);
	*dp = d;
	*sp = s;
}

static __always_inline void equal_blocks(const u8 **pp, const u8 **mp, const u8 *stop)
{
	const u8 *p = *pp, *m = *mp;

	while (!__builtin_memcmp(p, m, 32)) {
		p += 32;
		m += 32;
		if (p >= stop)
			break;
	}
	*pp = p;
	*mp = m;
}

#endif

/*
 * copy_long - as wild_copy below, for runs of over 32 bytes; d - s >= 32
 * if they overlap.  First 8 bytes, then d moves on only to the next
 * multiple of 4 (the overlap rewrites bytes with what they hold), and
 * copy_blocks takes over.
 */
static __noinline void copy_long(u8 *d, const u8 *s, u8 *e)
{
	size_t skew = 4 - ((uintptr_t)d & 3);

	copy8(d, s);
	d += skew;
	s += skew;
	if (e - d >= 32)
		copy_blocks(&d, &s, e - 31);
	while (d < e) {
		copy8(d, s);
		d += 8;
		s += 8;
	}
}

/*
 * wild_copy - copy [s, s + (e - d)) to [d, e) in 8-byte steps: may read up
 * to 7 bytes past the source's end and write up to 7 past e, so callers
 * check that both buffers have that room.  No overlap.
 */
static __always_inline void wild_copy(u8 *d, const u8 *s, u8 *e)
{
	if (e - d > 32) {
		copy_long(d, s, e);
		return;
	}
	while (d < e) {
		copy8(d, s);
		d += 8;
		s += 8;
	}
}

/*
 * copy_exact - copy n bytes, not one more read or written.  From 8 bytes
 * up, whole words, the last 8 bytes copied again from the end (the
 * overlap rewrites bytes with what they already hold).  No overlap.
 */
static __always_inline void copy_exact(u8 *d, const u8 *s, size_t n)
{
	u8 *const e = d + n;

	if (n < 8) {
		while (d < e)
			*d++ = *s++;
		return;
	}
	wild_copy(d, s, e - 8);		/* up to e - 1 */
	copy8(e - 8, s + n - 8);
}

/* ------------------------------------------------------------ compress */

/*
 * The hash table (the caller's workmem) maps the hash of 4 input bytes to
 * the last position (from src) they were seen at: 2^11 u32 entries, 8
 * KiB.  u32 rather than u16 (which would do for a page): "entry h" is then
 * one instruction, LDR r, [table, h, LSL #2], where u16 needs an ADD
 * first, in the loop that runs once per probe.  It is cleared every call
 * (about 380 instructions), so that the output depends on the input alone.
 * Past 64 KiB of input ("wide"), a candidate more than 65535 bytes back
 * is no match.
 */
#define HASH_LOG	11
#define HASH_MUL	2654435761u	/* about 2^32 / golden ratio (Knuth) */

/*
 * Skipping: after 2^SKIP_TRIGGER probes without a match, step 2 bytes at
 * a time, after as many more 3 bytes, and so on; each match restarts at
 * 1.  So incompressible data costs few probes: a random KiB takes about
 * 170 (liblz4 waits 2^6 probes: about 330).  Against liblz4 on 4 KiB
 * pages of this repository's text and kernel, the blocks come out about
 * 2% bigger: half a percent for the smaller table, the rest for the
 * earlier skipping.
 */
#define SKIP_TRIGGER	4

_Static_assert((4 << HASH_LOG) <= LZ4_WORKMEM_SIZE, "the table fits workmem");

static __always_inline u32 hash4(u32 v)
{
	return (v * HASH_MUL) >> (32 - HASH_LOG);
}

/*
 * count_match - how many bytes from p on equal those from m, stopping at
 * limit (p < limit).  Four words a step while they are equal (GCC makes
 * the test a chain of CMP, CMPEQ); past 32 equal bytes, p is lined up
 * and equal_blocks takes 32 a step.  The first differing byte is then the
 * lowest set byte of the XOR of two words (little-endian).
 */
static __always_inline u32 count_match(const u8 *p, const u8 *m, const u8 *limit)
{
	const u8 *const start = p;
	size_t steps = (size_t)(limit - p) / 16;

	while (steps--) {
		u32 a0 = get32(p), a1 = get32(p + 4), a2 = get32(p + 8), a3 = get32(p + 12);
		u32 b0 = get32(m), b1 = get32(m + 4), b2 = get32(m + 8), b3 = get32(m + 12);

		if (!(a0 == b0 && a1 == b1 && a2 == b2 && a3 == b3))
			break;
		p += 16;
		m += 16;
		if (p - start == 32 && limit - p >= 36) {
			size_t skew = get32(p) == get32(m) ? 4 - ((uintptr_t)p & 3) : 0;

			p += skew;
			m += skew;
			if (skew)
				equal_blocks(&p, &m, limit - 31);
			steps = (size_t)(limit - p) / 16;
		}
	}
	while (limit - p >= 4) {
		u32 d = get32(p) ^ get32(m);

		if (d)
			return (u32)(p - start) + ((u32)__builtin_ctz(d) >> 3);
		p += 4;
		m += 4;
	}
	while (p < limit && *p == *m) {
		p++;
		m++;
	}
	return (u32)(p - start);
}

/* How many bytes of 255... a length code of len takes after its nibble. */
static __always_inline size_t extra_bytes(size_t len)
{
	return len < RUN_MASK ? 0 : (len - RUN_MASK) / 255 + 1;
}

/* put_length - the bytes after a nibble of 15 for a length of 15 + n. */
static __always_inline u8 *put_length(u8 *op, size_t n)
{
	while (n >= 255) {
		*op++ = 255;
		n -= 255;
	}
	*op++ = (u8)n;
	return op;
}

/*
 * emit_sequence - write one sequence at op: litlen literals from lit, then
 * a match of mlen (>= 4) bytes offset back.  Returns the new op, or NULL
 * if the rest of the block cannot fit before oend.  The check is exact:
 * the sequence plus the smallest possible last sequence (a token and 5
 * literals) must fit, so a block that fits in oend - dst is never
 * refused, and the literals' wild copy (7 bytes over) stays in bounds.
 * The literals are read up to 7 bytes past their end: the caller's
 * match starts at least 12 bytes before the input's end.
 */
static __always_inline u8 *emit_sequence(u8 *op, u8 *oend, const u8 *lit, size_t litlen,
					 u32 offset, size_t mlen)
{
	size_t mcode = mlen - MIN_MATCH;
	size_t need = 1 + extra_bytes(litlen) + litlen + 2 + extra_bytes(mcode) +
		      1 + LAST_LITERALS;
	u8 *token = op++;

	if (unlikely(need > (size_t)(oend - token)))
		return NULL;
	if (litlen >= RUN_MASK) {
		*token = RUN_MASK << 4;
		op = put_length(op, litlen - RUN_MASK);
	} else {
		*token = (u8)(litlen << 4);
	}
	wild_copy(op, lit, op + litlen);
	op += litlen;
	put16(op, offset);
	op += 2;
	if (mcode >= RUN_MASK) {
		*token |= RUN_MASK;
		op = put_length(op, mcode - RUN_MASK);
	} else {
		*token |= (u8)mcode;
	}
	return op;
}

/* emit_last - the last sequence: literals only.  NULL if it does not fit. */
static u8 *emit_last(u8 *op, u8 *oend, const u8 *lit, size_t litlen)
{
	if (1 + extra_bytes(litlen) + litlen > (size_t)(oend - op))
		return NULL;
	if (litlen >= RUN_MASK) {
		*op++ = RUN_MASK << 4;
		op = put_length(op, litlen - RUN_MASK);
	} else {
		*op++ = (u8)(litlen << 4);
	}
	copy_exact(op, lit, litlen);
	return op + litlen;
}

/*
 * find_match - probe positions from *pos on (hashing each into the table)
 * until one has the same 4 bytes as an earlier position; store both and
 * return true.  False when the probes pass mflimit, the last position a
 * match may start at.
 */
static __always_inline bool find_match(const u8 *src, u32 *pos, u32 *mpos, u32 mflimit,
				       u32 *table, bool wide)
{
	u32 i = *pos, searches = 1u << SKIP_TRIGGER;

	do {
		u32 v = get32(src + i);
		u32 h = hash4(v);
		u32 cand = table[h];

		table[h] = i;
		if (unlikely(get32(src + cand) == v) && (!wide || i - cand <= MAX_OFFSET)) {
			/* (keeps GCC from computing src + i in the loop, for later) */
			asm("" : "+r" (i), "+r" (cand));
			*pos = i;
			*mpos = cand;
			return true;
		}
		i += searches >> SKIP_TRIGGER;
		searches++;
	} while (i <= mflimit);
	return false;
}

/*
 * compress_block - the compressor, built twice: wide is a constant in
 * each.  Positions are offsets from src.  Needs
 * n > MF_LIMIT; returns the block's length or 0.
 */
static __always_inline int compress_block(const u8 *src, u32 n, u8 *dst, u32 cap,
					  u32 *table, bool wide)
{
	const u32 mflimit = n - MF_LIMIT;	/* a match starts at or before */
	const u8 *const matchlimit = src + n - LAST_LITERALS;	/* and ends at or before */
	u8 *op = dst, *const oend = dst + cap;
	u32 anchor = 0, i = 1, m, h;

	memset(table, 0, 4u << HASH_LOG);
	while (find_match(src, &i, &m, mflimit, table, wide)) {
		/* the match may start earlier than the probe that found it */
		while (i > anchor && m > 0 && src[i - 1] == src[m - 1]) {
			i--;
			m--;
		}
		for (;;) {
			u32 len = MIN_MATCH + count_match(src + i + MIN_MATCH,
							  src + m + MIN_MATCH, matchlimit);

			op = emit_sequence(op, oend, src + anchor, i - anchor, i - m, len);
			if (!op)
				return 0;
			i += len;
			anchor = i;
			if (i > mflimit)
				goto last;
			/* fill the table's gap behind us, then try right here */
			table[hash4(get32(src + i - 2))] = i - 2;
			h = hash4(get32(src + i));
			m = table[h];
			table[h] = i;
			if (get32(src + m) != get32(src + i) || (wide && i - m > MAX_OFFSET))
				break;
		}
		i++;
		if (i > mflimit)
			break;
	}
last:
	op = emit_last(op, oend, src + anchor, n - anchor);
	return op ? (int)(op - dst) : 0;
}

/*
 * lz4_compress - compress srclen bytes at src into one LZ4 block at dst.
 * workmem: LZ4_WORKMEM_SIZE bytes, 4-byte aligned, any contents; src and
 * dst must not overlap.  Returns the block's length (> 0), or 0 when it
 * would not fit in dstcap (nothing is written past dst + dstcap; a dstcap
 * of LZ4_COMPRESS_BOUND(srclen) always fits) or srclen is over
 * LZ4_MAX_INPUT_SIZE.  The output depends on the input alone.
 */
int lz4_compress(const void *src, unsigned int srclen, void *dst, unsigned int dstcap,
		 void *workmem)
{
	if (srclen > LZ4_MAX_INPUT_SIZE)
		return 0;
	if (srclen <= MF_LIMIT) {	/* too short for any match */
		u8 *op = emit_last(dst, (u8 *)dst + dstcap, src, srclen);

		return op ? (int)(op - (u8 *)dst) : 0;
	}
	if (srclen <= 65536)
		return compress_block(src, srclen, dst, dstcap, workmem, false);
	return compress_block(src, srclen, dst, dstcap, workmem, true);
}

/* ---------------------------------------------------------- decompress */

/*
 * Margins for the decoder's fast path, which copies 16 literal bytes and
 * up to 24 match bytes without looking at the lengths first:
 *
 *   input, after the token: 16 literal bytes read, and 14 literals + the
 *     8 bytes a non-last sequence's literals leave = 22
 *   output: at most 14 literals + an 18-byte match + the 5 last literals
 *     = 37; the match's third 8-byte copy writes up to 14 + 24 = 38
 */
#define FAST_IN		22
#define FAST_OUT	38

/*
 * read_length - add the bytes at *ipp to *len: each byte counts, and a
 * 255 says another follows.  False when a byte would have to come from
 * limit or beyond, or the length passes max (so it cannot wrap either).
 */
static __always_inline bool read_length(const u8 **ipp, const u8 *limit, size_t *len,
					size_t max)
{
	const u8 *ip = *ipp;
	u32 b;

	do {
		if (unlikely(ip >= limit))
			return false;
		b = *ip++;
		*len += b;
		if (unlikely(*len > max))
			return false;
	} while (b == 255);
	*ipp = ip;
	return true;
}

/*
 * copy_match - write len (>= 4) bytes at op from offset (>= 1) bytes back,
 * the overlap repeating the last offset bytes.  Reads only bytes already
 * written; writes up to 5 bytes past op + len, which the end-of-block rule
 * leaves free.  Words are copied from dist bytes back, dist >= 8; an
 * offset under 8 is first spread byte by byte, until op is a multiple of
 * offset (and at least 8) ahead of the match's start:
 *
 *   offset      1  2  3  4  5   6   7
 *   spread      7  6  6  4  5   6   7   bytes, then
 *   dist        8  8  9  8  10  12  14  (= offset + spread)
 */
static __always_inline void copy_match(u8 *op, u32 offset, size_t len)
{
	static const u8 spread[8] = { 0, 7, 6, 6, 4, 5, 6, 7 };
	u8 *const end = op + len;
	size_t dist = offset;

	if (unlikely(offset < 8)) {
		size_t i, n = spread[offset] < len ? spread[offset] : len;

		for (i = 0; i < n; i++)
			op[i] = (op - offset)[i];
		op += n;
		dist += spread[offset];
	}
	if (end - op > 72 && dist < 32) {
		/*
		 * 32 bytes 8 at a time; from then on, copy from a whole number
		 * of periods back that is >= 32, so that copy_long can.
		 */
		static const u8 dist32[32] = {
			[8] = 32, 36, 40, 33, 36, 39, 42, 45,		/* 8 ... 15 */
			32, 34, 36, 38, 40, 42, 44, 46,			/* 16 ... 23 */
			48, 50, 52, 54, 56, 58, 60, 62,			/* 24 ... 31 */
		};

		copy8(op, op - dist);
		copy8(op + 8, op + 8 - dist);
		copy8(op + 16, op + 16 - dist);
		copy8(op + 24, op + 24 - dist);
		op += 32;
		dist = dist32[dist];
	}
	if (end - op >= 8) {
		if (end - op > 40 && dist >= 32) {
			copy_long(op, op - dist, end - 8);	/* up to end - 1 */
		} else {
			for (; end - op > 8; op += 8)
				copy8(op, op - dist);
		}
		copy8(end - 8, end - 8 - dist);
	} else if (end - op >= 3) {
		copy8(op, op - dist);		/* over by up to 5 */
	} else {
		for (; op < end; op++)
			*op = *(op - dist);
	}
}

/*
 * lz4_decompress - decode the LZ4 block of srclen bytes at src into dst.
 * Returns the decoded length, or -EINVAL if the block is malformed or
 * would not fit in dstcap.  Never reads outside [src, src + srclen), never
 * writes outside [dst, dst + dstcap), never reads output not yet written.
 * src and dst must not overlap.
 *
 * The rules it enforces, with oend = dst + dstcap (liblz4's
 * LZ4_decompress_safe enforces the same, except where marked):
 *   - a sequence whose literals end within 12 bytes of oend, or leave
 *     fewer than 8 input bytes, is the last: its literals end exactly at
 *     the input's end, and at or before oend (liblz4's fast paths skip
 *     the 8 bytes for a sequence of under 15 literals);
 *   - a match's offset is 1 ... bytes written so far (liblz4 takes 0);
 *   - a match ends at least 5 bytes before oend;
 *   - a match length's extra bytes leave at least 4 input bytes.
 * So what this decodes, liblz4 decodes to the same bytes, and what liblz4
 * refuses, this refuses.  A block that keeps the format's end-of-block
 * rules keeps all of these for any dstcap >= its decoded length.
 */
int lz4_decompress(const void *src, unsigned int srclen, void *dst, unsigned int dstcap)
{
	const u8 *ip = src, *const iend = ip + srclen;
	u8 *op = dst, *const ostart = op;
	u8 *const oend = op + (dstcap > INT_MAX ? INT_MAX : dstcap);
	/* fast path while ip < ifast and op < ofast (never, for tiny buffers) */
	const u8 *const ifast = srclen >= FAST_IN ? iend - (FAST_IN - 1) : ip;
	u8 *const ofast = (size_t)(oend - op) >= FAST_OUT ? oend - (FAST_OUT - 1) : op;

	if (unlikely(srclen == 0))
		return -EINVAL;
	for (;;) {
		u32 token = *ip++, offset;
		size_t lit = token >> 4, ml = token & RUN_MASK;

		if (likely(lit != RUN_MASK && ip < ifast && op < ofast)) {
			copy8(op, ip);
			copy8(op + 8, ip + 8);
			op += lit;
			ip += lit;
			offset = get16(ip);
			ip += 2;
			if (likely(ml != RUN_MASK && offset >= 8 &&
				   offset <= (size_t)(op - ostart))) {
				const u8 *m = op - offset;

				copy8(op, m);
				copy8(op + 8, m + 8);
				if (ml > 16 - MIN_MATCH)
					copy8(op + 16, m + 16);
				op += ml + MIN_MATCH;
				continue;
			}
		} else {
			if (lit == RUN_MASK && !read_length(&ip, iend, &lit, srclen))
				return -EINVAL;
			if (lit + MF_LIMIT > (size_t)(oend - op) ||
			    lit + 8 > (size_t)(iend - ip)) {
				/* the last sequence: exactly the rest of the input */
				if (lit != (size_t)(iend - ip) || lit > (size_t)(oend - op))
					return -EINVAL;
				copy_exact(op, ip, lit);
				return (int)(op + lit - ostart);
			}
			wild_copy(op, ip, op + lit);
			op += lit;
			ip += lit;
			offset = get16(ip);
			ip += 2;
		}
		if (unlikely(offset == 0 || offset > (size_t)(op - ostart)))
			return -EINVAL;
		if (ml == RUN_MASK && !read_length(&ip, iend - 4, &ml, oend - op))
			return -EINVAL;
		ml += MIN_MATCH;
		if (unlikely(ml + LAST_LITERALS > (size_t)(oend - op)))
			return -EINVAL;
		copy_match(op, offset, ml);
		op += ml;
	}
}
