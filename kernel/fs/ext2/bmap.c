/*
 * kernel/fs/ext2/bmap.c - the block map of an inode: from a block of the
 * file to a block of the disk (get_block, for the page cache and for
 * directory blocks), growing it, and cutting it back (truncate).
 *
 * The map is a tree of at most four levels whose root is i_block[15]
 * (ext2.h).  With P = block_size / 4 pointers per indirect block:
 *
 *   file block b              depth  path (offsets[])
 *   ------------------------  -----  ----------------------------------------
 *   0 .. 11                   1      i_block[b]
 *   12 .. 12+P-1              2      i_block[12] -> [b - 12]
 *   .. +P^2                   3      i_block[13] -> [r / P] -> [r % P]
 *   .. +P^3                   4      i_block[14] -> [r / P^2] -> [r / P % P] -> [r % P]
 *
 *   (r: b minus the blocks the earlier levels cover)
 *
 * A walk down the path keeps a "chain": for each level, where the
 * pointer is (in i_data, or in an indirect block's buffer) and what it
 * holds.  A pointer 0 is a hole: reading it gives zeros; with create,
 * the missing indirect blocks and the data block are allocated there,
 * each near the block before it, so that a file written in order lies in
 * order on the disk (goal = previous block + 1).
 *
 * Every pointer read from the disk is checked (ext2_data_block_valid)
 * before it is followed, read or freed: a corrupt map gives -EUCLEAN for
 * that file, never a read or write of metadata.
 *
 * Locking: ei->truncate_mutex is held across a walk and an allocation,
 * and across a truncation, so neither sees the other's half-made tree.
 * Order: file page lock -> truncate_mutex -> s_lock -> buffer locks.
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "ext2.h"

struct branch {
	__le32 *p;			/* where the pointer is */
	u32 key;			/* what it held when read */
	struct buffer_head *bh;		/* the indirect block holding p (NULL: i_data) */
};

static inline u32 ptrs_per_block(struct super_block *sb)
{
	return 1u << EXT2_SB(sb)->s_addr_per_block_bits;
}

/* block_to_path - the path of file block `block` (table above): its depth, 0 if too far. */
static int block_to_path(struct super_block *sb, u64 block, unsigned offsets[4])
{
	unsigned bits = EXT2_SB(sb)->s_addr_per_block_bits;
	u64 p = 1ull << bits;

	if (block < EXT2_NDIR_BLOCKS) {
		offsets[0] = (unsigned)block;
		return 1;
	}
	block -= EXT2_NDIR_BLOCKS;
	if (block < p) {
		offsets[0] = EXT2_IND_BLOCK;
		offsets[1] = (unsigned)block;
		return 2;
	}
	block -= p;
	if (block < p * p) {
		offsets[0] = EXT2_DIND_BLOCK;
		offsets[1] = (unsigned)(block >> bits);
		offsets[2] = (unsigned)(block & (p - 1));
		return 3;
	}
	block -= p * p;
	if (block < p * p * p) {
		offsets[0] = EXT2_TIND_BLOCK;
		offsets[1] = (unsigned)(block >> (2 * bits));
		offsets[2] = (unsigned)((block >> bits) & (p - 1));
		offsets[3] = (unsigned)(block & (p - 1));
		return 4;
	}
	return 0;
}

static void release_chain(struct branch *chain, int filled)
{
	int i;

	for (i = 1; i < filled; i++)
		brelse(chain[i].bh);
}

/* A bad block pointer of inode: reported, and -EUCLEAN for the caller. */
static int bad_pointer(struct inode *inode, u32 block, const char *what)
{
	ext2_error(inode->i_sb, "ext2_get_block", "inode %lu: %s block %u outside the data zone",
		   inode->i_ino, what, block);
	return -EUCLEAN;
}

/*
 * get_branch - walk the path of depth levels from i_data, reading the
 * indirect blocks (checked first).  Fills chain[0..*filled-1], stopping
 * after the first pointer that is 0; chain[1..] hold buffer references
 * (release_chain).  0, or -EIO / -EUCLEAN.
 */
static int get_branch(struct inode *inode, int depth, const unsigned *offsets,
		      struct branch *chain, int *filled)
{
	struct super_block *sb = inode->i_sb;
	int n;

	chain[0].bh = NULL;
	chain[0].p = &EXT2_I(inode)->i_data[offsets[0]];
	chain[0].key = *chain[0].p;
	*filled = 1;
	for (n = 1; n < depth && chain[n - 1].key; n++) {
		struct buffer_head *bh;

		if (!ext2_data_block_valid(sb, chain[n - 1].key, 1))
			return bad_pointer(inode, chain[n - 1].key, "indirect");
		bh = sb_bread(sb, chain[n - 1].key);
		if (!bh) {
			ext2_error(sb, __func__, "inode %lu: cannot read indirect block %u",
				   inode->i_ino, chain[n - 1].key);
			return -EIO;
		}
		chain[n].bh = bh;
		chain[n].p = (__le32 *)bh->b_data + offsets[n];
		chain[n].key = *chain[n].p;
		*filled = n + 1;
	}
	return 0;
}

/*
 * find_goal - where a new block at chain[level] should go: after the
 * nearest block pointed to before it in the same array, else after the
 * indirect block holding the array, else the start of the inode's group.
 */
static u32 find_goal(struct inode *inode, struct branch *chain, int level)
{
	struct branch *b = &chain[level];
	__le32 *start = b->bh ? (__le32 *)b->bh->b_data : EXT2_I(inode)->i_data, *p;

	for (p = b->p - 1; p >= start; p--)
		if (*p)
			return *p + 1;
	if (b->bh)
		return (u32)b->bh->b_blocknr + 1;
	return ext2_group_first_block_no(inode->i_sb, EXT2_I(inode)->i_block_group %
					 EXT2_SB(inode->i_sb)->s_groups_count);
}

/* Point at blk from chain[level] and dirty whatever holds the pointer. */
static void set_pointer(struct inode *inode, struct branch *b, u32 blk)
{
	*b->p = blk;
	b->key = blk;
	if (b->bh)
		mark_buffer_dirty(b->bh);
	else
		mark_inode_dirty(inode);
}

/*
 * alloc_branch - fill the hole at chain[level..depth-1]: new indirect
 * blocks (zeroed through the buffer cache) and the data block, each
 * linked in as soon as it exists (a failure leaves empty indirect blocks
 * in the map, which is consistent; truncate frees them).  Returns the data
 * block, or 0 with *err set.  *filled grows with the chain.
 */
static u32 alloc_branch(struct inode *inode, int depth, const unsigned *offsets,
			struct branch *chain, int *filled, int *err)
{
	struct super_block *sb = inode->i_sb;
	int level = *filled - 1;
	u32 goal = find_goal(inode, chain, level), blk = 0, one;

	for (; level < depth; level++) {
		struct buffer_head *bh;

		one = 1;
		blk = ext2_new_blocks(inode, goal, &one, err);
		if (!blk)
			return 0;
		goal = blk + 1;
		if (level == depth - 1) {
			set_pointer(inode, &chain[level], blk);
			break;
		}
		bh = sb_getblk(sb, blk);	/* zeroed before anything points at it */
		if (!bh) {
			ext2_free_blocks(inode, blk, 1);
			*err = -ENOMEM;
			return 0;
		}
		lock_buffer(bh);
		memset(bh->b_data, 0, sb->s_blocksize);
		set_buffer_uptodate(bh);
		unlock_buffer(bh);
		mark_buffer_dirty(bh);
		set_pointer(inode, &chain[level], blk);
		chain[level + 1].bh = bh;
		chain[level + 1].p = (__le32 *)bh->b_data + offsets[level + 1];
		chain[level + 1].key = 0;
		*filled = level + 2;
	}
	return blk;
}

/*
 * count_contiguous - how many blocks from the mapped chain[depth-1] on
 * (at most max) follow each other on the disk, in the same array.  The
 * run is checked as a whole; if some block of it is metadata (a corrupt
 * map), only the first, already checked, is given.
 */
static unsigned count_contiguous(struct inode *inode, struct branch *leaf, int depth,
				 const unsigned *offsets, unsigned max)
{
	unsigned limit = depth == 1 ? EXT2_NDIR_BLOCKS - offsets[0] :
			 ptrs_per_block(inode->i_sb) - offsets[depth - 1];
	unsigned n = 1;

	while (n < max && n < limit && leaf->p[n] == leaf->key + n)
		n++;
	if (n > 1 && !ext2_data_block_valid(inode->i_sb, leaf->key, n))
		n = 1;
	return n;
}

/*
 * ext2_get_block - the get_block_t of ext2 (include/kernel/buffer_head.h):
 * map file block iblock; with create, allocate a hole (BH_New).  On
 * return bh->b_size covers the contiguous mapped blocks, at most what was
 * asked.  0, or -ENOSPC, -EIO, -EUCLEAN, -EFBIG (past what the map can
 * address).  May sleep.
 */
int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	unsigned bits = inode->i_blkbits, offsets[4], max = (unsigned)(bh->b_size >> bits);
	struct branch chain[4];
	int depth = block_to_path(inode->i_sb, iblock, offsets), filled = 0, err;
	u32 blk;

	clear_buffer_mapped(bh);
	clear_buffer_new(bh);
	bh->b_size = (size_t)1 << bits;
	if (!depth)
		return create ? -EFBIG : 0;
	mutex_lock(&ei->truncate_mutex);
	err = get_branch(inode, depth, offsets, chain, &filled);
	if (err)
		goto out;
	blk = chain[filled - 1].key;
	if (filled == depth && blk) {
		if (!ext2_data_block_valid(inode->i_sb, blk, 1)) {
			err = bad_pointer(inode, blk, "data");
			goto out;
		}
		map_bh(bh, inode->i_sb, blk);
		bh->b_size = (size_t)count_contiguous(inode, &chain[depth - 1], depth, offsets,
						      max ? max : 1) << bits;
	} else if (create) {
		blk = alloc_branch(inode, depth, offsets, chain, &filled, &err);
		if (blk) {
			map_bh(bh, inode->i_sb, blk);
			set_buffer_new(bh);
		}
	}
out:
	release_chain(chain, filled);
	mutex_unlock(&ei->truncate_mutex);
	return err;
}

/*
 * ext2_bread - the buffer of block `block` of inode (a directory or a
 * slow symlink: their blocks live in the buffer cache), allocated and
 * zeroed if create and it was a hole.  A reference taken.  NULL with
 * *err = 0 for a hole without create, or -errno.
 */
struct buffer_head *ext2_bread(struct inode *inode, u32 block, bool create, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head map, *bh;

	memset(&map, 0, sizeof(map));
	map.b_size = sb->s_blocksize;
	*err = ext2_get_block(inode, block, &map, create);
	if (*err || !buffer_mapped(&map))
		return NULL;
	if (!buffer_new(&map)) {
		bh = sb_bread(sb, map.b_blocknr);
		if (!bh)
			*err = -EIO;
		return bh;
	}
	bh = sb_getblk(sb, map.b_blocknr);
	if (!bh) {
		*err = -ENOMEM;
		return NULL;
	}
	lock_buffer(bh);
	memset(bh->b_data, 0, sb->s_blocksize);
	set_buffer_uptodate(bh);
	unlock_buffer(bh);
	mark_buffer_dirty(bh);
	return bh;
}

/* ---- truncation ------------------------------------------------------------ */

/* Free the blocks p[0..count-1] point to (runs in one go) and zero the pointers. */
static void free_data(struct inode *inode, __le32 *p, u32 count)
{
	u32 run = 0, len = 0, i;

	for (i = 0; i < count; i++) {
		u32 b = p[i];

		if (!b)
			continue;
		p[i] = 0;
		if (len && b == run + len) {
			len++;
			continue;
		}
		if (len)
			ext2_free_blocks(inode, run, len);
		run = b;
		len = 1;
	}
	if (len)
		ext2_free_blocks(inode, run, len);
}

/*
 * free_branches - free the indirect block blk with `level` levels of
 * pointers under it (1: it points at data), all of it.  A block that is
 * not data, or cannot be read, is reported and left (with what is under
 * it): e2fsck will find it.
 */
static void free_branches(struct inode *inode, u32 blk, int level)
{
	struct super_block *sb = inode->i_sb;
	struct buffer_head *bh;
	__le32 *a;
	u32 i, p = ptrs_per_block(sb);

	if (!ext2_data_block_valid(sb, blk, 1)) {
		bad_pointer(inode, blk, "indirect");
		return;
	}
	bh = sb_bread(sb, blk);
	if (!bh) {
		ext2_error(sb, __func__, "inode %lu: cannot read indirect block %u", inode->i_ino, blk);
		return;
	}
	a = (__le32 *)bh->b_data;
	if (level == 1) {
		free_data(inode, a, p);
	} else {
		for (i = 0; i < p; i++)
			if (a[i])
				free_branches(inode, a[i], level - 1);
	}
	bforget(bh);
	ext2_free_blocks(inode, blk, 1);
}

/*
 * trim_branch - of the tree under *p (level levels of pointers), free the
 * file blocks from `from` on (0 < from < P^level); the indirect blocks
 * holding what stays are kept.
 */
static void trim_branch(struct inode *inode, __le32 *p, int level, u64 from)
{
	struct super_block *sb = inode->i_sb;
	u32 n = ptrs_per_block(sb), first, i;
	u64 child = 1ull << ((level - 1) * EXT2_SB(sb)->s_addr_per_block_bits);
	struct buffer_head *bh;
	__le32 *a;

	if (!*p)
		return;
	if (!ext2_data_block_valid(sb, *p, 1)) {
		bad_pointer(inode, *p, "indirect");
		return;
	}
	bh = sb_bread(sb, *p);
	if (!bh) {
		ext2_error(sb, __func__, "inode %lu: cannot read indirect block %u", inode->i_ino, *p);
		return;
	}
	a = (__le32 *)bh->b_data;
	first = (u32)(from / child);
	if (level == 1) {
		free_data(inode, a + first, n - first);
	} else {
		if (from % child)
			trim_branch(inode, &a[first++], level - 1, from % child);
		for (i = first; i < n; i++) {
			if (a[i])
				free_branches(inode, a[i], level - 1);
			a[i] = 0;
		}
	}
	mark_buffer_dirty(bh);
	brelse(bh);
}

/* Free the whole tree under *p (level levels) and clear *p. */
static void free_tree(struct inode *inode, __le32 *p, int level)
{
	u32 blk = *p;

	if (!blk)
		return;
	*p = 0;
	free_branches(inode, blk, level);
}

/*
 * ext2_truncate_blocks - free every block of inode past byte offset:
 * data blocks and the indirect blocks with nothing left under them.  The
 * page cache must already be cut (truncate_setsize).  May sleep.
 */
void ext2_truncate_blocks(struct inode *inode, loff_t offset)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_inode_info *ei = EXT2_I(inode);
	u64 n = (u64)(offset + (loff_t)sb->s_blocksize - 1) >> sb->s_blocksize_bits;
	u64 start = EXT2_NDIR_BLOCKS, cover = ptrs_per_block(sb);
	int level;

	if (!(S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)) ||
	    ext2_inode_is_fast_symlink(inode))
		return;
	mutex_lock(&ei->truncate_mutex);
	if (n < EXT2_NDIR_BLOCKS)
		free_data(inode, &ei->i_data[n], EXT2_NDIR_BLOCKS - (u32)n);
	for (level = 1; level <= 3; level++) {
		__le32 *root = &ei->i_data[EXT2_IND_BLOCK + level - 1];

		if (n <= start)
			free_tree(inode, root, level);
		else if (n < start + cover)
			trim_branch(inode, root, level, n - start);
		start += cover;
		cover <<= EXT2_SB(sb)->s_addr_per_block_bits;
	}
	mark_inode_dirty(inode);
	mutex_unlock(&ei->truncate_mutex);
}

/* ---- sizes ----------------------------------------------------------------- */

/*
 * ext2_max_blocks_for - the most blocks a file of size bytes can own:
 * its data blocks if none is a hole, the indirect blocks to map them, and
 * an extended attribute block.  A larger i_blocks means a corrupt inode.
 */
u64 ext2_max_blocks_for(struct super_block *sb, loff_t size)
{
	u64 p = ptrs_per_block(sb), d = ((u64)size + sb->s_blocksize - 1) >> sb->s_blocksize_bits;
	u64 meta = 0, r;

	if (d > EXT2_NDIR_BLOCKS)
		meta++;				/* the indirect block */
	if (d > EXT2_NDIR_BLOCKS + p) {
		r = d - EXT2_NDIR_BLOCKS - p;	/* blocks under the double indirect */
		meta += 1 + DIV_ROUND_UP(MIN(r, p * p), p);
		if (r > p * p) {
			r -= p * p;		/* ... and under the triple */
			meta += 1 + DIV_ROUND_UP(r, p * p) + DIV_ROUND_UP(r, p);
		}
	}
	return d + meta + 1;
}

/*
 * ext2_max_size - the largest file (s_maxbytes): what the map addresses,
 * and no more than i_blocks (32 bits of 512-byte units, indirect blocks
 * included) can count.
 */
loff_t ext2_max_size(unsigned int blkbits)
{
	u64 p = 1ull << (blkbits - 2), tree = EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
	u64 limit = 0xffffffffull >> (blkbits - 9);	/* blocks i_blocks can count */
	u64 meta = 1 + (1 + p) + (1 + p + p * p);	/* indirect blocks of a full tree */

	if (tree + meta > limit)
		tree = limit - meta;
	return (loff_t)(tree << blkbits);
}
