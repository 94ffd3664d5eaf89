/*
 * kernel/fs/ext2/ialloc.c - allocating and freeing inodes.
 *
 * Each group's inode bitmap says which of its s_inodes_per_group inodes
 * are in use; its descriptor counts the free ones and the directories
 * (bg_used_dirs_count), the super block the free ones of all groups.
 * They change together under sbi->s_lock.
 *
 * Which group a new inode goes to decides where its blocks will go (near
 * it), so it decides the layout of the disk:
 *
 *   kind                    group
 *   ----------------------  -----------------------------------------------
 *   directory in the root   spread out (Orlov's rule for top-level
 *                           directories): among the groups with at least
 *                           the average of free inodes, the one with the
 *                           most free blocks
 *   other directory         its parent's group if that has at least the
 *                           average of free inodes and of free blocks,
 *                           else spread out as above
 *   anything else           its directory's group if it has a free inode
 *                           and a free block; else a quadratic probe from
 *                           there, then any group with a free inode
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "ext2.h"

static bool group_has_room(struct super_block *sb, unsigned long g, bool need_block)
{
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, NULL);

	if (EXT2_SB(sb)->s_group_state[g] & EXT2_BAD_INODE_BITMAP || !gd->bg_free_inodes_count)
		return false;
	return !need_block || gd->bg_free_blocks_count;
}

/* A group for a directory spread out over the disk: -1 if none has room. */
static long find_group_dir(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 avefreei = sbi->s_es->s_free_inodes_count / (u32)sbi->s_groups_count;
	u32 best_blocks = 0;
	long best = -1;
	unsigned long g;

	for (g = 0; g < sbi->s_groups_count; g++) {
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, g, NULL);

		if (!group_has_room(sb, g, false) || gd->bg_free_inodes_count < avefreei)
			continue;
		if (best < 0 || gd->bg_free_blocks_count > best_blocks) {
			best = (long)g;
			best_blocks = gd->bg_free_blocks_count;
		}
	}
	return best;
}

/* A group for a subdirectory: near its parent while the parent's group is not full. */
static long find_group_subdir(struct super_block *sb, struct inode *parent)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long pg = EXT2_I(parent)->i_block_group;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, pg, NULL);
	u32 avefreei = sbi->s_es->s_free_inodes_count / (u32)sbi->s_groups_count;
	u32 avefreeb = sbi->s_es->s_free_blocks_count / (u32)sbi->s_groups_count;

	if (parent->i_ino == EXT2_ROOT_INO || !gd)
		return find_group_dir(sb);
	if (group_has_room(sb, pg, false) && gd->bg_free_inodes_count >= avefreei &&
	    gd->bg_free_blocks_count >= avefreeb)
		return (long)pg;
	return find_group_dir(sb);
}

/* A group for a file, device or symlink: see the table at the top. */
static long find_group_other(struct super_block *sb, struct inode *parent)
{
	unsigned long ngroups = EXT2_SB(sb)->s_groups_count;
	unsigned long pg = EXT2_I(parent)->i_block_group % ngroups, g, i;

	if (group_has_room(sb, pg, true))
		return (long)pg;
	g = (pg + parent->i_ino) % ngroups;
	for (i = 1; i < ngroups; i <<= 1) {
		g = (g + i) % ngroups;
		if (group_has_room(sb, g, true))
			return (long)g;
	}
	for (i = 1, g = pg; i <= ngroups; i++) {
		g = (g + 1) % ngroups;
		if (group_has_room(sb, g, false))
			return (long)g;
	}
	return -1;
}

static struct buffer_head *read_inode_bitmap(struct super_block *sb, unsigned long group)
{
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh = gd ? sb_bread(sb, gd->bg_inode_bitmap) : NULL;

	if (!bh)
		ext2_error(sb, __func__, "cannot read the inode bitmap of group %lu", group);
	return bh;
}

/*
 * take_free_inode - claim a free inode of group: its number, or 0.  A
 * reserved inode that the bitmap calls free means the bitmap is corrupt:
 * reported, and the group no longer used.  s_lock held.
 */
static u32 take_free_inode(struct super_block *sb, unsigned long group)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *bh = read_inode_bitmap(sb, group);
	u8 *map;
	u32 bit, ino = 0;

	if (!bh)
		return 0;
	map = (u8 *)bh->b_data;
	for (bit = 0; bit < sbi->s_inodes_per_group; bit++) {
		if (map[bit >> 3] & (1u << (bit & 7)))
			continue;
		ino = (u32)group * sbi->s_inodes_per_group + bit + 1;
		if (ino < sbi->s_first_ino) {
			ext2_error(sb, __func__, "reserved inode %u is free in the bitmap", ino);
			sbi->s_group_state[group] |= EXT2_BAD_INODE_BITMAP;
			ino = 0;
			break;
		}
		map[bit >> 3] |= (u8)(1u << (bit & 7));
		mark_buffer_dirty(bh);
		break;
	}
	brelse(bh);
	return ino;
}

/* Count one inode of group as taken (n = 1) or given back (n = -1). */
static void account_inode(struct super_block *sb, unsigned long group, int n, bool dir)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdbh;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, &gdbh);
	struct ext2_super_block *es = sbi->s_es;

	if (n > 0) {
		gd->bg_free_inodes_count -= gd->bg_free_inodes_count ? 1 : 0;
		gd->bg_used_dirs_count += dir && gd->bg_used_dirs_count < sbi->s_inodes_per_group;
		es->s_free_inodes_count -= es->s_free_inodes_count ? 1 : 0;
	} else {
		gd->bg_free_inodes_count += gd->bg_free_inodes_count < sbi->s_inodes_per_group;
		gd->bg_used_dirs_count -= dir && gd->bg_used_dirs_count;
		es->s_free_inodes_count += es->s_free_inodes_count < sbi->s_inodes_count;
	}
	mark_buffer_dirty(gdbh);
	mark_buffer_dirty(sbi->s_sbh);
}

/* Find a group and an inode in it (s_lock held): the inode number, or 0. */
static u32 alloc_inode_number(struct super_block *sb, struct inode *dir, umode_t mode,
			      unsigned long *group)
{
	unsigned long ngroups = EXT2_SB(sb)->s_groups_count, i;
	long g = S_ISDIR(mode) ? find_group_subdir(sb, dir) : find_group_other(sb, dir);
	u32 ino;

	if (g < 0)
		g = find_group_other(sb, dir);
	if (g < 0)
		return 0;
	for (i = 0; i < ngroups; i++) {
		unsigned long gi = ((unsigned long)g + i) % ngroups;

		if (!group_has_room(sb, gi, false))
			continue;
		ino = take_free_inode(sb, gi);
		if (ino) {
			account_inode(sb, gi, 1, S_ISDIR(mode));
			*group = gi;
			return ino;
		}
	}
	return 0;
}

/* The fields of a brand-new inode of dir. */
static void init_new_inode(struct inode *inode, struct inode *dir, umode_t mode, u32 ino,
			   unsigned long group)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 flags = EXT2_I(dir)->i_flags & EXT2_FL_INHERITED;

	inode->i_ino = ino;
	inode->i_mode = mode;
	inode->i_uid = 0;
	inode->i_gid = (dir->i_mode & S_ISGID) ? dir->i_gid : 0;
	if (S_ISDIR(mode) && (dir->i_mode & S_ISGID))
		inode->i_mode |= S_ISGID;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	memset(ei->i_data, 0, sizeof(ei->i_data));
	ei->i_flags = S_ISDIR(mode) ? flags : S_ISREG(mode) || S_ISLNK(mode) ?
		      flags & EXT2_REG_FLMASK : flags & EXT2_OTHER_FLMASK;
	ei->i_faddr = ei->i_file_acl = ei->i_dir_acl = ei->i_dtime = 0;
	ei->i_block_group = (u32)group;
	ei->i_dir_start_lookup = 0;
	ei->i_state = EXT2_STATE_NEW;
	ei->i_generation = EXT2_SB(inode->i_sb)->s_next_generation++;
}

/*
 * ext2_new_inode - a new inode of mode in directory dir (i_mutex held):
 * in memory, hashed, dirty, link count 1, no blocks.  The caller sets its
 * operations.  ERR_PTR(-ENOSPC: no free inode; -ENOMEM).  May sleep.
 */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode)
{
	struct super_block *sb = dir->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct inode *inode = new_inode(sb), *old;
	unsigned long group = 0;
	u32 ino = 0;
	int tries;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	for (tries = 0; tries < 4; tries++) {
		mutex_lock(&sbi->s_lock);
		ino = sbi->s_es->s_free_inodes_count ? alloc_inode_number(sb, dir, mode, &group) : 0;
		mutex_unlock(&sbi->s_lock);
		old = ino ? ilookup(sb, ino) : NULL;	/* may sleep: not under s_lock */
		if (!old)
			break;
		/* the bitmap had it free: its bit is set now, which is right */
		ext2_error(sb, __func__, "inode %u is free in the bitmap but in use", ino);
		iput(old);
		ino = 0;
	}
	if (!ino) {
		EXT2_I(inode)->i_state = EXT2_STATE_BAD;	/* nothing on disk to free */
		clear_nlink(inode);
		iput(inode);
		return ERR_PTR(-ENOSPC);
	}
	init_new_inode(inode, dir, mode, ino, group);
	insert_inode_hash(inode);
	mark_inode_dirty(inode);
	return inode;
}

/*
 * ext2_free_inode - the last step of deleting inode (evict_inode, after
 * its blocks went and it was written with i_dtime): its bit and counts.
 * May sleep.
 */
void ext2_free_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long ino = inode->i_ino, group;
	struct buffer_head *bh;
	u32 bit;

	if (ino < sbi->s_first_ino || ino > sbi->s_inodes_count) {
		ext2_error(sb, __func__, "freeing reserved or nonexistent inode %lu", ino);
		return;
	}
	group = (ino - 1) / sbi->s_inodes_per_group;
	bit = (u32)((ino - 1) % sbi->s_inodes_per_group);
	mutex_lock(&sbi->s_lock);
	bh = read_inode_bitmap(sb, group);
	if (bh) {
		u8 *map = (u8 *)bh->b_data;

		if (!(map[bit >> 3] & (1u << (bit & 7)))) {
			ext2_error(sb, __func__, "bit already cleared for inode %lu", ino);
		} else {
			map[bit >> 3] &= (u8)~(1u << (bit & 7));
			mark_buffer_dirty(bh);
			account_inode(sb, group, -1, S_ISDIR(inode->i_mode));
		}
		brelse(bh);
	}
	mutex_unlock(&sbi->s_lock);
}
