/*
 * kernel/fs/ext2/inode.c - inodes between the disk and memory: reading
 * one (checked), writing it back, deleting it when its last user goes,
 * and changing its size or mode.
 *
 * Inode n lives in group (n - 1) / s_inodes_per_group, at index
 * (n - 1) % s_inodes_per_group of that group's inode table, s_inode_size
 * bytes each; only the first 128 bytes are used here (a larger inode's
 * extra space is kept as it is, and zero in a new one).
 *
 * An inode read from the disk is checked before anyone may use it; a bad
 * one gives an error for the operation that needed it (a lookup, a
 * stat), with a message naming it: -EUCLEAN, but Linux's own answers
 * where it has one (a number out of range: -EINVAL; a deleted inode:
 * -ESTALE, which ext2_lookup turns into -EIO):
 *
 *   check                      why
 *   -------------------------  ------------------------------------------
 *   number                     root, or s_first_ino .. s_inodes_count
 *   link count not 0           a name pointing at a deleted inode
 *   a known file type          anything else cannot be handled
 *   size                       regular: at most s_maxbytes; directory: a
 *                              non-zero multiple of the block size;
 *                              symlink: 1..59 bytes in i_block or less than
 *                              a block
 *   i_blocks                   no more than a dense file of that size
 *                              could own (bmap.c: ext2_max_blocks_for)
 *
 * Block pointers are checked where they are followed (bmap.c).
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/kdev_t.h>
#include <mm/filemap.h>
#include "ext2.h"

#ifndef S_ISSOCK
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#endif

/*
 * get_raw_inode - ino's on-disk inode, in its inode table buffer (a
 * reference in *bh).  NULL with *err = -EINVAL (a number that names no
 * ordinary inode, as Linux's ext2_get_inode) or -EIO.
 */
static struct ext2_inode *get_raw_inode(struct super_block *sb, unsigned long ino,
					struct buffer_head **bh, int *err)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_group_desc *gd;
	u32 offset, block;

	if ((ino != EXT2_ROOT_INO && ino < sbi->s_first_ino) || ino > sbi->s_inodes_count) {
		ext2_error(sb, __func__, "bad inode number: %lu", ino);
		*err = -EINVAL;
		return NULL;
	}
	gd = ext2_get_group_desc(sb, (ino - 1) / sbi->s_inodes_per_group, NULL);
	offset = (u32)((ino - 1) % sbi->s_inodes_per_group) * sbi->s_inode_size;
	block = gd->bg_inode_table + (offset >> sb->s_blocksize_bits);
	*bh = sb_bread(sb, block);
	if (!*bh) {
		ext2_error(sb, __func__, "unable to read inode block %u (inode %lu)", block, ino);
		*err = -EIO;
		return NULL;
	}
	return (struct ext2_inode *)((*bh)->b_data + (offset & (sb->s_blocksize - 1)));
}

/* The table above, for an inode just read; 0, -ESTALE or -EUCLEAN (reported). */
static int check_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	umode_t mode = inode->i_mode;
	const char *bad = NULL;

	if (!inode->i_nlink)
		bad = "deleted inode referenced";
	else if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode) && !S_ISCHR(mode) &&
		 !S_ISBLK(mode) && !S_ISFIFO(mode) && !S_ISSOCK(mode))
		bad = "bad file type";
	else if (inode->i_size < 0 || inode->i_size > sb->s_maxbytes)
		bad = "bad size";
	else if (S_ISDIR(mode) && (!inode->i_size || (inode->i_size & (sb->s_blocksize - 1))))
		bad = "directory size not a multiple of the block size";
	else if (S_ISLNK(mode) && (!inode->i_size || (ext2_inode_is_fast_symlink(inode) ?
			inode->i_size > EXT2_FAST_SYMLINK_MAX : inode->i_size >= (loff_t)sb->s_blocksize)))
		bad = "bad symlink size";
	else if ((inode->i_blocks >> (sb->s_blocksize_bits - 9)) >
		 ext2_max_blocks_for(sb, (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)) ?
				     inode->i_size : 0))
		bad = "i_blocks too large for the size";
	if (!bad)
		return 0;
	ext2_error(sb, "ext2_iget", "inode %lu: %s (mode 0%o, size %lld, links %u, blocks %llu)",
		   inode->i_ino, bad, mode, (long long)inode->i_size, inode->i_nlink,
		   (unsigned long long)inode->i_blocks);
	return inode->i_nlink ? -EUCLEAN : -ESTALE;
}

/* The in-memory fields from a raw inode. */
static void read_fields(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid | ((u32)raw->i_uid_high << 16);
	inode->i_gid = raw->i_gid | ((u32)raw->i_gid_high << 16);
	set_nlink(inode, raw->i_links_count);
	inode->i_size = raw->i_size;
	if (S_ISREG(inode->i_mode))
		inode->i_size |= (loff_t)((u64)raw->i_size_high << 32);
	else
		ei->i_dir_acl = raw->i_size_high;
	inode->i_atime.tv_sec = raw->i_atime;
	inode->i_ctime.tv_sec = raw->i_ctime;
	inode->i_mtime.tv_sec = raw->i_mtime;
	inode->i_atime.tv_nsec = inode->i_ctime.tv_nsec = inode->i_mtime.tv_nsec = 0;
	inode->i_blocks = raw->i_blocks;
	ei->i_dtime = raw->i_dtime;
	ei->i_flags = raw->i_flags;
	ei->i_faddr = raw->i_faddr;
	ei->i_file_acl = raw->i_file_acl;
	ei->i_generation = raw->i_generation;
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_block_group = (u32)((inode->i_ino - 1) / EXT2_SB(inode->i_sb)->s_inodes_per_group);
	ei->i_dir_start_lookup = 0;
	ei->i_state = 0;
}

/*
 * A device number in i_block: the old 16-bit encoding (major:8 minor:8)
 * in i_block[0] when it fits, else Linux's new encoding (the one dev_t
 * has here) in i_block[1].
 */
static dev_t decode_dev(const __le32 *i_block)
{
	if (i_block[0])
		return MKDEV((i_block[0] >> 8) & 255, i_block[0] & 255);
	return new_decode_dev(i_block[1]);
}

static void encode_dev(__le32 *i_block, dev_t dev)
{
	memset(i_block, 0, EXT2_N_BLOCKS * sizeof(__le32));
	if (MAJOR(dev) < 256 && MINOR(dev) < 256)
		i_block[0] = (MAJOR(dev) << 8) | MINOR(dev);
	else
		i_block[1] = new_encode_dev(dev);
}

/* ext2_set_inode_ops - the operations that go with inode's file type. */
void ext2_set_inode_ops(struct inode *inode)
{
	inode->i_mapping->a_ops = &ext2_aops;
	if (S_ISREG(inode->i_mode)) {
		inode->i_op = &ext2_file_inode_operations;
		inode->i_fop = &ext2_file_operations;
	} else if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &ext2_dir_inode_operations;
		inode->i_fop = &ext2_dir_operations;
	} else if (S_ISLNK(inode->i_mode)) {
		inode->i_op = ext2_inode_is_fast_symlink(inode) ? &ext2_fast_symlink_inode_operations :
								  &ext2_symlink_inode_operations;
	} else {
		inode->i_op = &ext2_special_inode_operations;
		init_special_inode(inode, inode->i_mode, decode_dev(EXT2_I(inode)->i_data));
	}
}

/*
 * ext2_iget - inode ino of sb, from the icache or read from the disk and
 * checked.  A reference taken.  ERR_PTR(-EUCLEAN, -ESTALE, -EINVAL, -EIO,
 * -ENOMEM).  May
 * sleep.
 */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino)
{
	struct inode *inode = iget_locked(sb, ino);
	struct ext2_inode *raw;
	struct buffer_head *bh;
	int err;

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (!(inode->i_state & I_NEW))
		return inode;
	raw = get_raw_inode(sb, ino, &bh, &err);
	if (!raw)
		goto bad;
	read_fields(inode, raw);
	brelse(bh);
	err = check_inode(inode);
	if (err)
		goto bad;
	ext2_set_inode_ops(inode);
	unlock_new_inode(inode);
	return inode;
bad:
	EXT2_I(inode)->i_state = EXT2_STATE_BAD;	/* eviction must not free it */
	iget_failed(inode);
	return ERR_PTR(err);
}

/* A file over 2 GiB needs LARGE_FILE in the super block (revision 1). */
static void note_large_file(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (sbi->s_es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
		return;
	sbi->s_es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	mark_buffer_dirty(sbi->s_sbh);
}

/* Copy inode's fields into raw (zeroed first if the inode is new). */
static void fill_raw_inode(struct inode *inode, struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	if (ei->i_state & EXT2_STATE_NEW)
		memset(raw, 0, EXT2_SB(inode->i_sb)->s_inode_size);
	raw->i_mode = inode->i_mode;
	raw->i_uid = (u16)inode->i_uid;
	raw->i_uid_high = (u16)(inode->i_uid >> 16);
	raw->i_gid = (u16)inode->i_gid;
	raw->i_gid_high = (u16)(inode->i_gid >> 16);
	raw->i_links_count = (u16)MIN(inode->i_nlink, 0xffffu);
	raw->i_size = (u32)inode->i_size;
	raw->i_size_high = S_ISREG(inode->i_mode) ? (u32)((u64)inode->i_size >> 32) : ei->i_dir_acl;
	if (S_ISREG(inode->i_mode) && inode->i_size > 0x7fffffff)
		note_large_file(inode->i_sb);
	raw->i_atime = (u32)inode->i_atime.tv_sec;
	raw->i_ctime = (u32)inode->i_ctime.tv_sec;
	raw->i_mtime = (u32)inode->i_mtime.tv_sec;
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = (u32)MIN(inode->i_blocks, 0xffffffffull);
	raw->i_flags = ei->i_flags;
	raw->i_faddr = ei->i_faddr;
	raw->i_file_acl = ei->i_file_acl;
	raw->i_generation = ei->i_generation;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode))
		encode_dev(raw->i_block, inode->i_rdev);
	else
		memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
}

/*
 * ext2_write_inode - inode's fields into its inode table block, which is
 * then dirty (written and waited for, with sync).  An inode that could
 * not be read is never written.  0, -EIO.  May sleep.
 */
int ext2_write_inode(struct inode *inode, bool sync)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct buffer_head *bh;
	struct ext2_inode *raw;
	int err = 0;

	if (ei->i_state & EXT2_STATE_BAD)
		return -EIO;
	raw = get_raw_inode(inode->i_sb, inode->i_ino, &bh, &err);
	if (!raw)
		return err;
	fill_raw_inode(inode, raw);
	ei->i_state &= ~EXT2_STATE_NEW;
	mark_buffer_dirty(bh);
	if (sync && sync_dirty_buffer(bh)) {
		ext2_error(inode->i_sb, __func__, "I/O error syncing inode %lu", inode->i_ino);
		err = -EIO;
	}
	brelse(bh);
	return err;
}

/*
 * ext2_evict_inode - the last reference is gone.  With no name left
 * (i_nlink 0: unlinked, perhaps while it was open) the file is deleted:
 * its blocks and its attribute block are freed, the inode is written
 * with i_dtime set, and only then its bitmap bit is cleared.  Nothing is
 * freed for an inode that could not be read, or on a read-only mount.
 */
void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	bool delete = !inode->i_nlink && !(ei->i_state & EXT2_STATE_BAD) &&
		      !(inode->i_sb->s_flags & SB_RDONLY);

	truncate_inode_pages_final(&inode->i_data);
	if (delete) {
		ei->i_dtime = (u32)current_time().tv_sec;
		inode->i_size = 0;
		if (inode->i_blocks)
			ext2_truncate_blocks(inode, 0);
		ext2_xattr_delete_inode(inode);
		ext2_write_inode(inode, false);
		ext2_free_inode(inode);
	}
	clear_inode(inode);
}

/*
 * ext2_setsize - truncate(2), ftruncate(2), O_TRUNC (i_mutex held).
 * Shrinking zeroes the rest of the new last block (block_truncate_page),
 * drops the pages past the end, then frees the blocks; growing only sets
 * the size (the new part is a hole).
 */
static int ext2_setsize(struct inode *inode, loff_t newsize)
{
	int err;

	if (!(S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)) ||
	    ext2_inode_is_fast_symlink(inode))
		return -EINVAL;
	if (newsize < i_size_read(inode)) {
		err = block_truncate_page(inode->i_mapping, newsize, ext2_get_block);
		if (err)
			return err;
	}
	truncate_setsize(inode, newsize);
	ext2_truncate_blocks(inode, newsize);
	inode->i_mtime = inode->i_ctime = current_time();
	return 0;
}

/* ext2_setattr - chmod and the size (the VFS holds i_mutex). */
int ext2_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err = setattr_prepare(dentry, attr);

	if (err)
		return err;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != i_size_read(inode)) {
		err = ext2_setsize(inode, attr->ia_size);
		if (err)
			return err;
	}
	setattr_copy(inode, attr);
	mark_inode_dirty(inode);
	return 0;
}
