/*
 * kernel/fs/ext2/balloc.c - block groups and the allocation of blocks.
 *
 * Each group's block bitmap says which of its blocks are in use; its
 * descriptor and the super block count the free ones.  All three change
 * together under sbi->s_lock (reading a bitmap sleeps), so that the
 * counts always equal what the bitmaps say: e2fsck checks exactly that.
 *
 * Where a new block goes: at the goal the caller gives (the block after
 * the file's previous one, so that a file written in order lies in
 * order), else at the first free block after it in the goal's group,
 * else in the following groups.  A group whose bitmap turned out corrupt
 * (its own metadata marked free) is never allocated from again.
 *
 * A block number that comes from the disk (a block pointer, a bitmap
 * bit) is checked before it is used: ext2_data_block_valid() refuses
 * anything outside [s_first_data_block, s_blocks_count) or inside a
 * group's metadata, so a corrupt inode can neither overwrite nor free
 * the super block, a descriptor, a bitmap or the inode table.
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "ext2.h"

/* ---- bitmaps: bit i is bit (i % 8) of byte (i / 8) ----------------------- */

static inline bool bm_test(const u8 *map, u32 i)
{
	return map[i >> 3] & (1u << (i & 7));
}

static inline void bm_set(u8 *map, u32 i)
{
	map[i >> 3] |= (u8)(1u << (i & 7));
}

static inline void bm_clear(u8 *map, u32 i)
{
	map[i >> 3] &= (u8)~(1u << (i & 7));
}

/* The first clear bit in [start, end) of map, or end. */
static u32 bm_find_zero(const u8 *map, u32 start, u32 end)
{
	u32 i = start;

	while (i < end) {
		if (!(i & 7) && map[i >> 3] == 0xff) {	/* a full byte: skip it */
			i += 8;
			continue;
		}
		if (!bm_test(map, i))
			return i;
		i++;
	}
	return end;
}

/* ---- groups ------------------------------------------------------------ */

/*
 * ext2_get_group_desc - the descriptor of group, in its (held) GDT
 * buffer, which *bh is set to if bh is not NULL.  NULL for a group past
 * the end (a caller's bug, reported).
 */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *b;

	if (group >= sbi->s_groups_count) {
		ext2_error(sb, __func__, "group %lu past the last (%lu)", group,
			   sbi->s_groups_count);
		return NULL;
	}
	b = sbi->s_group_desc[group / sbi->s_desc_per_block];
	if (bh)
		*bh = b;
	return (struct ext2_group_desc *)b->b_data + group % sbi->s_desc_per_block;
}

/* Is g 0, 1 or a power of 3, 5 or 7?  (sparse_super: those have copies) */
static bool is_sparse_group(unsigned long g)
{
	static const unsigned bases[] = { 3, 5, 7 };
	unsigned i;

	if (g <= 1)
		return true;
	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		unsigned long p = bases[i];

		while (p < g)
			p *= bases[i];
		if (p == g)
			return true;
	}
	return false;
}

/* ext2_bg_has_super - does group hold a copy of the super block and GDT? */
bool ext2_bg_has_super(struct super_block *sb, unsigned long group)
{
	if (!ext2_has_ro_compat(sb, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return is_sparse_group(group);
}

/* ext2_bg_num_gdb - the GDT blocks in group (0, or all of them: no meta_bg). */
unsigned long ext2_bg_num_gdb(struct super_block *sb, unsigned long group)
{
	return ext2_bg_has_super(sb, group) ? EXT2_SB(sb)->s_gdb_count : 0;
}

/* ext2_group_blocks - the blocks in group (the last one may be short). */
u32 ext2_group_blocks(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 first = ext2_group_first_block_no(sb, group);

	return MIN(sbi->s_blocks_per_group, sbi->s_blocks_count - first);
}

/* The first block of group after its super block copy, GDT and reserved GDT. */
static u32 group_meta_end(struct super_block *sb, unsigned long group)
{
	u32 first = ext2_group_first_block_no(sb, group);

	if (!ext2_bg_has_super(sb, group))
		return first;
	return first + 1 + (u32)EXT2_SB(sb)->s_gdb_count + EXT2_SB(sb)->s_reserved_gdt;
}

/* Do [a, a + alen) and [b, b + blen) share a block? */
static inline bool overlaps(u32 a, u32 alen, u32 b, u32 blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * ext2_data_block_valid - may [block, block + count) hold file data or
 * indirect blocks?  Inside the file system and clear of every group's
 * metadata.  Checked range against range, group by group (a run of a
 * thousand blocks costs what one block does): it is on every path that
 * follows a block pointer.
 */
bool ext2_data_block_valid(struct super_block *sb, u32 block, u32 count)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long g;

	if (!count || block < sbi->s_first_data_block || block >= sbi->s_blocks_count ||
	    count > sbi->s_blocks_count - block)
		return false;
	for (g = ext2_block_group(sb, block); g < sbi->s_groups_count; g++) {
		u32 first = ext2_group_first_block_no(sb, g);
		struct ext2_group_desc *gd;

		if (first >= block + count)
			break;
		gd = ext2_get_group_desc(sb, g, NULL);
		if (!gd || overlaps(block, count, first, group_meta_end(sb, g) - first) ||
		    overlaps(block, count, gd->bg_block_bitmap, 1) ||
		    overlaps(block, count, gd->bg_inode_bitmap, 1) ||
		    overlaps(block, count, gd->bg_inode_table, sbi->s_itb_per_group))
			return false;
	}
	return true;
}

/* Is [start, start + len) inside group's blocks, after its super block copy? */
static bool in_group_data(struct super_block *sb, unsigned long group, u32 start, u32 len)
{
	u32 first = ext2_group_first_block_no(sb, group), end = first + ext2_group_blocks(sb, group);

	return start >= group_meta_end(sb, group) && start < end && len <= end - start;
}

/*
 * ext2_check_group_desc - at mount: group's bitmaps and inode table lie
 * inside the group, past its super block copy, apart from each other,
 * and its counts fit the group.  0, or -EUCLEAN (reported; the mount
 * is then refused with Linux's -EINVAL).
 */
int ext2_check_group_desc(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	u32 bb = gd->bg_block_bitmap, ib = gd->bg_inode_bitmap, it = gd->bg_inode_table;
	const char *bad = NULL;

	if (!in_group_data(sb, group, bb, 1))
		bad = "block bitmap";
	else if (!in_group_data(sb, group, ib, 1) || ib == bb)
		bad = "inode bitmap";
	else if (!in_group_data(sb, group, it, sbi->s_itb_per_group) ||
		 (bb >= it && bb - it < sbi->s_itb_per_group) ||
		 (ib >= it && ib - it < sbi->s_itb_per_group))
		bad = "inode table";
	else if (gd->bg_free_blocks_count > ext2_group_blocks(sb, group) ||
		 gd->bg_free_inodes_count > sbi->s_inodes_per_group ||
		 gd->bg_used_dirs_count > sbi->s_inodes_per_group)
		bad = "free counts";
	if (!bad)
		return 0;
	printk("EXT2-fs (%s): error: group descriptor %lu: bad %s (block bitmap %u, "
	       "inode bitmap %u, inode table %u)\n", sb->s_id, group, bad, bb, ib, it);
	return -EUCLEAN;
}

/* ---- block bitmaps ---------------------------------------------------------- */

/*
 * bitmap_marks_metadata - does group's block bitmap mark all of the
 * group's own metadata (super block copy, descriptors, bitmaps, inode
 * table) in use?  If not, it is corrupt: allocating from it would hand
 * out the inode table.
 */
static bool bitmap_marks_metadata(struct super_block *sb, unsigned long group, const u8 *map)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	u32 first = ext2_group_first_block_no(sb, group), i;

	for (i = 0; i < group_meta_end(sb, group) - first; i++)
		if (!bm_test(map, i))
			return false;
	if (!bm_test(map, gd->bg_block_bitmap - first) || !bm_test(map, gd->bg_inode_bitmap - first))
		return false;
	for (i = 0; i < sbi->s_itb_per_group; i++)
		if (!bm_test(map, gd->bg_inode_table - first + i))
			return false;
	return true;
}

/*
 * read_block_bitmap - group's block bitmap (a reference).  It is checked
 * (bitmap_marks_metadata) the first time it is read in this mount: after
 * that only this code changes it, and never a metadata bit.  The last
 * group's bitmap stays held in sbi, so that a file written block by
 * block does not look it up in the buffer cache each time.  NULL with
 * *err -EIO or -EUCLEAN (the group is then never allocated from again).
 * Called with s_lock held.
 */
static struct buffer_head *read_block_bitmap(struct super_block *sb, unsigned long group,
					     int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh;

	if (!gd || (sbi->s_group_state[group] & EXT2_BAD_BLOCK_BITMAP)) {
		*err = -EUCLEAN;
		return NULL;
	}
	if (sbi->s_bitmap_bh && sbi->s_bitmap_group == group) {
		get_bh(sbi->s_bitmap_bh);
		return sbi->s_bitmap_bh;
	}
	bh = sb_bread(sb, gd->bg_block_bitmap);
	if (!bh) {
		ext2_error(sb, __func__, "cannot read the block bitmap of group %lu (block %u)",
			   group, gd->bg_block_bitmap);
		*err = -EIO;
		return NULL;
	}
	if (!(sbi->s_group_state[group] & EXT2_BLOCK_BITMAP_CHECKED)) {
		if (!bitmap_marks_metadata(sb, group, (const u8 *)bh->b_data)) {
			ext2_error(sb, __func__, "block bitmap of group %lu marks its own metadata "
				   "free", group);
			sbi->s_group_state[group] |= EXT2_BAD_BLOCK_BITMAP;
			brelse(bh);
			*err = -EUCLEAN;
			return NULL;
		}
		sbi->s_group_state[group] |= EXT2_BLOCK_BITMAP_CHECKED;
	}
	brelse(sbi->s_bitmap_bh);
	get_bh(bh);
	sbi->s_bitmap_bh = bh;
	sbi->s_bitmap_group = group;
	return bh;
}

/* Count n blocks of group as taken (n > 0) or given back (n < 0). */
static void account_blocks(struct super_block *sb, unsigned long group, long n)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdbh;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, &gdbh);
	long bg = (long)gd->bg_free_blocks_count - n, total = (long)sbi->s_es->s_free_blocks_count - n;

	gd->bg_free_blocks_count = (u16)(bg < 0 ? 0 : MIN(bg, (long)ext2_group_blocks(sb, group)));
	sbi->s_es->s_free_blocks_count = (u32)(total < 0 ? 0 : MIN(total, (long)sbi->s_blocks_count));
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(sbi->s_sbh);
}

/*
 * alloc_in_group - up to *count free blocks in a row in group, the first
 * in [start, end) of its bitmap; 0 if there is none.  Takes them (bits,
 * counts) and sets *count to how many.  s_lock held.
 */
static u32 alloc_in_group(struct super_block *sb, unsigned long group, u32 start, u32 end,
			  u32 *count, int *err)
{
	struct buffer_head *bh = read_block_bitmap(sb, group, err);
	u32 first = ext2_group_first_block_no(sb, group), bit, n = 1, i;
	u8 *map;

	if (!bh)
		return 0;
	map = (u8 *)bh->b_data;
	bit = bm_find_zero(map, start, end);
	if (bit >= end) {
		brelse(bh);
		return 0;
	}
	while (n < *count && bit + n < end && !bm_test(map, bit + n))
		n++;
	if (!ext2_data_block_valid(sb, first + bit, n)) {	/* a bitmap gone wrong */
		ext2_error(sb, __func__, "free bit for block %u of group %lu is metadata",
			   first + bit, group);
		EXT2_SB(sb)->s_group_state[group] |= EXT2_BAD_BLOCK_BITMAP;
		brelse(bh);
		*err = -EUCLEAN;
		return 0;
	}
	for (i = 0; i < n; i++)
		bm_set(map, bit + i);
	mark_buffer_dirty(bh);
	brelse(bh);
	account_blocks(sb, group, n);
	*count = n;
	return first + bit;
}

/*
 * ext2_new_blocks - up to *count new blocks in a row for inode, as near
 * goal as can be (see the top of this file); at least one.  Returns the
 * first, with *count set to how many and inode->i_blocks counting them;
 * 0 with *err = -ENOSPC (or -EIO, -EUCLEAN if only broken groups had
 * room).  The caller zeroes or writes them.  May sleep.
 */
u32 ext2_new_blocks(struct inode *inode, u32 goal, u32 *count, int *err)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ngroups = sbi->s_groups_count, g0, i;
	u32 goff, block = 0;
	int e = -ENOSPC;

	if (goal < sbi->s_first_data_block || goal >= sbi->s_blocks_count)
		goal = ext2_group_first_block_no(sb, EXT2_I(inode)->i_block_group % ngroups);
	g0 = ext2_block_group(sb, goal);
	goff = ext2_group_offset(sb, goal);
	mutex_lock(&sbi->s_lock);
	for (i = 0; i <= ngroups && !block && sbi->s_es->s_free_blocks_count; i++) {
		unsigned long g = (g0 + i) % ngroups;
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, NULL);
		u32 nblocks = ext2_group_blocks(sb, g);

		if (!gd->bg_free_blocks_count || (sbi->s_group_state[g] & EXT2_BAD_BLOCK_BITMAP))
			continue;
		/* the goal's group from the goal on first, its start last */
		block = alloc_in_group(sb, g, i == 0 ? goff : 0, i == ngroups ? goff : nblocks,
				       count, &e);
	}
	mutex_unlock(&sbi->s_lock);
	if (!block) {
		*err = e;
		return 0;
	}
	inode->i_blocks += (u64)*count << (sb->s_blocksize_bits - 9);
	return block;
}

/* Free [block, block + count) inside one group; returns how many were in use. */
static u32 free_in_group(struct super_block *sb, u32 block, u32 count)
{
	unsigned long group = ext2_block_group(sb, block);
	u32 bit = block - ext2_group_first_block_no(sb, group), freed = 0, i;
	struct buffer_head *bh;
	int err;
	u8 *map;

	bh = read_block_bitmap(sb, group, &err);
	if (!bh)
		return 0;
	map = (u8 *)bh->b_data;
	for (i = 0; i < count; i++) {
		u32 b = bit + i;

		if (!(b & 7) && count - i >= 8 && map[b >> 3] == 0xff) {	/* a whole byte */
			map[b >> 3] = 0;
			freed += 8;
			i += 7;
			continue;
		}
		if (!bm_test(map, b)) {
			ext2_error(sb, __func__, "bit already cleared for block %u", block + i);
			continue;
		}
		bm_clear(map, b);
		freed++;
	}
	mark_buffer_dirty(bh);
	brelse(bh);
	account_blocks(sb, group, -(long)freed);
	return freed;
}

/*
 * ext2_free_blocks - give [block, block + count) back (inode's blocks:
 * its i_blocks drops by what was really in use).  A range that is not
 * data (outside the fs, or metadata) is reported and left alone.  May
 * sleep.
 */
void ext2_free_blocks(struct inode *inode, u32 block, u32 count)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u64 freed = 0;

	if (!ext2_data_block_valid(sb, block, count)) {
		ext2_error(sb, __func__, "freeing blocks not in the data zone: block %u, count %u "
			   "(inode %lu)", block, count, inode->i_ino);
		return;
	}
	mutex_lock(&sbi->s_lock);
	while (count) {
		u32 off = ext2_group_offset(sb, block);
		u32 n = MIN(count, sbi->s_blocks_per_group - off);

		freed += free_in_group(sb, block, n);
		block += n;
		count -= n;
	}
	mutex_unlock(&sbi->s_lock);
	freed <<= sb->s_blocksize_bits - 9;
	inode->i_blocks = inode->i_blocks > freed ? inode->i_blocks - freed : 0;
	mark_inode_dirty(inode);
}
