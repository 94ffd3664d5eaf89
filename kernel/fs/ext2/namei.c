/*
 * kernel/fs/ext2/namei.c - the inode_operations of directories: lookup,
 * create, mknod, link, unlink, symlink, mkdir, rmdir, rename.  The VFS
 * holds the directories' i_mutex and has checked Linux's conditions
 * (kernel/fs/dirops.c); these change the disk and the link counts:
 *
 *   operation            link counts
 *   -------------------  ------------------------------------------------
 *   create, mknod,       new inode 1
 *   symlink
 *   link                 inode +1 (at most EXT2_LINK_MAX: EMLINK)
 *   unlink               inode -1 (freed at the last iput if 0)
 *   mkdir                new directory 2 ("." and its name), parent +1 ("..")
 *   rmdir                directory -2 (to 0), parent -1
 *   rename of a dir      old parent -1, new parent +1 (its ".." moves);
 *   to another parent    over an empty directory: that one -2, new parent
 *                        unchanged
 *
 * A count read from a corrupt disk may be too small for the names there
 * are: it is never dropped below 0 (ext2_dec_count reports it).
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "ext2.h"

static void ext2_dec_count(struct inode *inode)
{
	if (!inode->i_nlink) {
		ext2_error(inode->i_sb, __func__, "inode %lu: link count already 0", inode->i_ino);
		return;
	}
	drop_nlink(inode);
	mark_inode_dirty(inode);
}

static void ext2_inc_count(struct inode *inode)
{
	inc_nlink(inode);
	mark_inode_dirty(inode);
}

/*
 * ext2_lookup - name in dir: the inode it names, or a negative dentry.
 * A directory that already has a dentry elsewhere (two names for one
 * directory: only a corrupt disk has that) is refused with -EUCLEAN: the
 * dentry tree must stay a tree.
 */
static struct dentry *ext2_lookup(struct inode *dir, struct dentry *dentry, unsigned flags)
{
	struct inode *inode = NULL;
	u32 ino;
	int err;

	if (dentry->d_name.len > EXT2_NAME_LEN)
		return ERR_PTR(-ENAMETOOLONG);
	err = ext2_inode_by_name(dir, &dentry->d_name, &ino);
	if (err)
		return ERR_PTR(err);
	if (ino) {
		inode = ext2_iget(dir->i_sb, ino);
		if (inode == ERR_PTR(-ESTALE))	/* a name of a deleted inode: Linux says EIO */
			return ERR_PTR(-EIO);
		if (IS_ERR(inode))
			return ERR_CAST(inode);
		if (S_ISDIR(inode->i_mode) && !list_empty(&inode->i_dentry)) {
			ext2_error(dir->i_sb, __func__, "directory %lu has a second name in "
				   "directory %lu", inode->i_ino, dir->i_ino);
			iput(inode);
			return ERR_PTR(-EUCLEAN);
		}
	}
	d_add(dentry, inode);
	return NULL;
}

/* Name a new non-directory inode; on failure it goes again (and its inode). */
static int add_nondir(struct dentry *dentry, struct inode *inode)
{
	int err = ext2_add_link(dentry, inode);

	if (err) {
		ext2_dec_count(inode);
		iput(inode);
		return err;
	}
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	struct inode *inode = ext2_new_inode(dir, mode);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	ext2_set_inode_ops(inode);
	return add_nondir(dentry, inode);
}

static int ext2_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t rdev)
{
	struct inode *inode = ext2_new_inode(dir, mode);

	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->i_rdev = rdev;
	if (S_ISREG(mode))
		ext2_set_inode_ops(inode);
	else {
		init_special_inode(inode, mode, rdev);
		inode->i_op = &ext2_special_inode_operations;
	}
	mark_inode_dirty(inode);
	return add_nondir(dentry, inode);
}

/*
 * ext2_symlink - target in the inode itself if it is short (a fast
 * symlink, < 60 bytes), else in one block (at most a block less one).
 */
static int ext2_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	struct super_block *sb = dir->i_sb;
	size_t len = strlen(target);
	struct inode *inode;
	struct buffer_head *bh;
	int err;

	if (len >= sb->s_blocksize)
		return -ENAMETOOLONG;
	inode = ext2_new_inode(dir, S_IFLNK | 0777);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	inode->i_size = (loff_t)len;
	if (len <= EXT2_FAST_SYMLINK_MAX) {
		memcpy(EXT2_I(inode)->i_data, target, len);
		inode->i_op = &ext2_fast_symlink_inode_operations;
	} else {
		inode->i_op = &ext2_symlink_inode_operations;
		inode->i_mapping->a_ops = &ext2_aops;
		bh = ext2_bread(inode, 0, true, &err);
		if (!bh) {
			ext2_dec_count(inode);
			iput(inode);
			return err ? err : -EIO;
		}
		memcpy(bh->b_data, target, len);
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	mark_inode_dirty(inode);
	return add_nondir(dentry, inode);
}

static int ext2_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;
	int err;

	if (inode->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode->i_ctime = current_time();
	ext2_inc_count(inode);
	ihold(inode);
	err = ext2_add_link(dentry, inode);
	if (err) {
		ext2_dec_count(inode);
		iput(inode);
		return err;
	}
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	struct buffer_head *bh;
	struct ext2_dir_entry_2 *de;
	int err;

	de = ext2_find_entry(dir, &dentry->d_name, &bh, &err);
	if (!de)
		return err ? err : -ENOENT;
	if (de->inode != inode->i_ino) {
		ext2_error(dir->i_sb, __func__, "directory %lu: entry changed under the dcache",
			   dir->i_ino);
		brelse(bh);
		return -EUCLEAN;
	}
	err = ext2_delete_entry(dir, de, bh);
	brelse(bh);
	if (err)
		return err;
	inode->i_ctime = dir->i_ctime;
	ext2_dec_count(inode);
	return 0;
}

static int ext2_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	struct inode *inode;
	int err;

	if (dir->i_nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | mode);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	ext2_set_inode_ops(inode);
	ext2_inc_count(inode);			/* "." */
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dentry, inode);
	if (err) {
		clear_nlink(inode);		/* freed, blocks and all, at the iput */
		mark_inode_dirty(inode);
		iput(inode);
		return err;
	}
	ext2_inc_count(dir);			/* its ".." */
	d_instantiate(dentry, inode);
	return 0;
}

static int ext2_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err = ext2_empty_dir(inode);

	if (err <= 0)
		return err ? err : -ENOTEMPTY;
	err = ext2_unlink(dir, dentry);
	if (err)
		return err;
	inode->i_size = 0;
	ext2_dec_count(inode);			/* "." */
	ext2_dec_count(dir);			/* its ".." */
	return 0;
}

/* Rename over an existing name: it now names old's inode; the target loses a link. */
static int rename_over(struct inode *new_dir, struct dentry *new, struct inode *old_inode,
		       bool is_dir)
{
	struct inode *target = new->d_inode;
	struct buffer_head *bh;
	struct ext2_dir_entry_2 *de;
	int err;

	if (is_dir) {
		err = ext2_empty_dir(target);
		if (err <= 0)
			return err ? err : -ENOTEMPTY;
	}
	de = ext2_find_entry(new_dir, &new->d_name, &bh, &err);
	if (!de)
		return err ? err : -ENOENT;
	ext2_set_link(new_dir, de, bh, old_inode);
	brelse(bh);
	target->i_ctime = current_time();
	if (is_dir)
		ext2_dec_count(target);		/* its "." */
	ext2_dec_count(target);
	return 0;
}

/*
 * ext2_rename - old (in old_dir) becomes new (in new_dir), replacing
 * what new named.  The new name is made first, then the old one removed;
 * a directory that changes parent has its ".." pointed at the new one.
 */
static int ext2_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		       struct dentry *new, unsigned flags)
{
	struct inode *old_inode = old->d_inode;
	bool is_dir = S_ISDIR(old_inode->i_mode);
	struct buffer_head *old_bh, *dir_bh = NULL;
	struct ext2_dir_entry_2 *old_de, *dir_de = NULL;
	int err;

	if (is_dir && old_dir != new_dir) {
		dir_de = ext2_dotdot(old_inode, &dir_bh, &err);
		if (!dir_de)
			return err;
		if (!new->d_inode && new_dir->i_nlink >= EXT2_LINK_MAX) {
			err = -EMLINK;
			goto out;
		}
	}
	if (new->d_inode) {
		err = rename_over(new_dir, new, old_inode, is_dir);
	} else {
		err = ext2_add_link(new, old_inode);
		if (!err && is_dir)
			ext2_inc_count(new_dir);
	}
	if (err)
		goto out;
	old_de = ext2_find_entry(old_dir, &old->d_name, &old_bh, &err);
	if (old_de) {
		err = ext2_delete_entry(old_dir, old_de, old_bh);
		brelse(old_bh);
	} else if (!err) {
		err = -ENOENT;
	}
	old_inode->i_ctime = current_time();
	mark_inode_dirty(old_inode);
	if (dir_de)
		ext2_set_link(old_inode, dir_de, dir_bh, new_dir);
	if (is_dir)
		ext2_dec_count(old_dir);
out:
	brelse(dir_bh);
	return err;
}

const struct inode_operations ext2_dir_inode_operations = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.symlink = ext2_symlink,
	.mkdir = ext2_mkdir,
	.rmdir = ext2_rmdir,
	.mknod = ext2_mknod,
	.rename = ext2_rename,
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_special_inode_operations = {
	.setattr = ext2_setattr,
};
