/*
 * kernel/fs/libfs.c - helpers for file systems that live in memory only
 * (tmpfs, devtmpfs, sysfs): the dentry cache IS their directory.
 *
 * Such a file system never has a lookup miss to resolve: a name exists
 * exactly when a positive dentry for it does.  To keep those dentries
 * from being freed as "unused", each one carries an extra reference from
 * its creation (dget in simple_instantiate) until it is unlinked.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/string.h>
#include <kernel/errno.h>

/* A name that is not in the dcache does not exist: cache that as negative. */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned flags)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	d_add(dentry, NULL);
	return NULL;
}

/* The new inode is reachable for good: pin its dentry. */
void simple_instantiate(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	d_rehash(dentry);
	dget(dentry);
}

int simple_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time();
	inc_nlink(inode);
	ihold(inode);
	simple_instantiate(dentry, inode);
	return 0;
}

int simple_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
		if (child->d_inode && !d_unhashed(child))
			return 0;
	return 1;
}

int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode->i_ctime = dir->i_ctime = dir->i_mtime = current_time();
	drop_nlink(inode);
	dput(dentry);		/* the pin */
	return 0;
}

int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);	/* its "." */
	simple_unlink(dir, dentry);
	drop_nlink(dir);		/* its ".." */
	return 0;
}

int simple_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		  struct dentry *new, unsigned flags)
{
	struct inode *inode = old->d_inode;
	bool is_dir = S_ISDIR(inode->i_mode);

	if (!simple_empty(new) && new->d_inode && S_ISDIR(new->d_inode->i_mode))
		return -ENOTEMPTY;
	if (new->d_inode) {
		simple_unlink(new_dir, new);
		if (is_dir) {
			drop_nlink(new->d_inode);
			drop_nlink(old_dir);
		}
	} else if (is_dir) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	old_dir->i_ctime = old_dir->i_mtime = new_dir->i_ctime = new_dir->i_mtime =
		inode->i_ctime = current_time();
	return 0;
}

/*
 * dcache_readdir - list a directory from its dentries: ".", "..", then
 * each positive child in creation order.  ctx->pos counts entries, so a
 * reader continues where it stopped (a name removed meanwhile may make it
 * skip one, never repeat one).
 */
int dcache_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *child;
	loff_t i = 2;

	if (!dir_emit_dots(f, ctx))
		return 0;
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		struct inode *inode = child->d_inode;

		if (!inode || d_unhashed(child))
			continue;
		if (i++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->d_name.name, (int)child->d_name.len, inode->i_ino,
			      dt_type(inode->i_mode)))
			break;
		ctx->pos = i;
	}
	return 0;
}

static loff_t dcache_dir_lseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

int simple_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = (long)sb->s_magic;
	buf->f_bsize = (long)sb->s_blocksize;
	buf->f_namelen = NAME_MAX;
	return 0;
}

int simple_get_link(struct inode *inode, char *buf, int size)
{
	int len = (int)strlen(inode->i_link);

	if (len >= size)
		return -ENAMETOOLONG;
	memcpy(buf, inode->i_link, (size_t)len + 1);
	return len;
}

int noop_fsync(struct file *f, loff_t start, loff_t end, bool datasync)
{
	return 0;
}

const struct file_operations simple_dir_operations = {
	.llseek = dcache_dir_lseek,
	.iterate = dcache_readdir,
	.fsync = noop_fsync,
};

const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};

const struct inode_operations simple_symlink_inode_operations = {
	.get_link = simple_get_link,
};
