/*
 * LZ4 block compression (kernel/lz4.c): the raw block format, with no frame
 * header, as zram stores a compressed page.
 *
 * A block is a run of sequences; each one is
 *
 *   token     one byte: high nibble = literal count, low nibble = match
 *             length - 4; a nibble of 15 means "and more bytes follow"
 *   [+lit]    extra literal count bytes, each added; a 255 means another
 *   literals  copied as they are
 *   offset    two bytes, little endian: how far back the match starts
 *             (1 ... 65535; 0 is invalid)
 *   [+match]  extra match length bytes, as for the literal count
 *
 * The last sequence has literals only and ends the block.  End-of-block
 * rules (what lets a decoder copy in whole words): the last 5 bytes are
 * literals, and the last match starts at least 12 bytes before the end.
 * Blocks from liblz4's LZ4_compress_default decode here, and blocks from
 * here decode with liblz4's LZ4_decompress_safe.
 */
#ifndef KERNEL_LZ4_H
#define KERNEL_LZ4_H

/* The most a block of n input bytes can take (incompressible input). */
#define LZ4_COMPRESS_BOUND(n)	((n) + (n) / 255 + 16)

/*
 * Bytes of scratch memory lz4_compress needs (its hash table), aligned to
 * 4 bytes.  The caller's contents do not matter: lz4_compress clears what
 * it uses.  One per concurrent compressor (zram: one per CPU).
 */
#define LZ4_WORKMEM_SIZE	8192

/* The largest input lz4_compress takes: liblz4's limit, spelled as it does. */
#define LZ4_MAX_INPUT_SIZE	0x7E000000

int lz4_compress(const void *src, unsigned int srclen, void *dst,
		 unsigned int dstcap, void *workmem);
int lz4_decompress(const void *src, unsigned int srclen, void *dst,
		   unsigned int dstcap);

#endif
