/*
 * kernel/fs/sync.c - sync, syncfs, fsync, fdatasync: writing data back
 * on request, and waiting until it is on the disk.
 *
 *   call        what reaches the disk before it returns
 *   ---------   ------------------------------------------------------------
 *   sync        every file system's dirty pages, inodes and metadata
 *   syncfs(fd)  the same for the file system fd is on
 *   fsync(fd)   fd's file: its pages, its inode, the metadata needed to
 *               find them; then a cache flush of the disk
 *   fdatasync   the same, but the inode only if a size or block change
 *               needs it (I_DIRTY_DATASYNC), not for a timestamp alone
 */
#include <kernel/fs.h>
#include <kernel/mount.h>
#include <kernel/dcache.h>
#include <kernel/errno.h>
#include <kernel/blkdev.h>
#include <mm/filemap.h>
#include <mm/writeback.h>

/* ksys_sync - everything, everywhere (sync(2), power-off, umount of all). */
void ksys_sync(void)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list)
		if (sb->s_root && !(sb->s_flags & SB_RDONLY))
			sync_filesystem(sb);
	sync_all_blockdevs();
}

long sys_sync(void)
{
	ksys_sync();
	return 0;
}

long sys_syncfs(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return sync_filesystem(f->f_path.dentry->d_sb);
}

/*
 * generic_file_fsync - for a file system whose metadata lives in the
 * buffer cache: write and wait for the range's pages, then the inode (if
 * it must), then the buffers and a flush of the disk's write cache.
 */
int generic_file_fsync(struct file *f, loff_t start, loff_t end, bool datasync)
{
	struct inode *inode = f->f_mapping->host;
	int err = filemap_write_and_wait_range(inode->i_mapping, start, end), err2;

	if (!(inode->i_state & I_DIRTY_INODE) ||
	    (datasync && !(inode->i_state & I_DIRTY_DATASYNC))) {
		err2 = 0;
	} else {
		err2 = write_inode_now(inode, true);
	}
	if (!err)
		err = err2;
	err2 = inode->i_sb->s_bdev ? sync_blockdev(inode->i_sb->s_bdev) : 0;
	if (!err)
		err = err2;
	if (!err && inode->i_sb->s_bdev)
		err = blkdev_issue_flush(inode->i_sb->s_bdev);
	return err;
}

int vfs_fsync_range(struct file *f, loff_t start, loff_t end, bool datasync)
{
	int err, wb;

	if (!f->f_op || !f->f_op->fsync)
		return -EINVAL;
	err = f->f_op->fsync(f, start, end, datasync);
	/* a writeback error since this file was opened is reported once */
	wb = filemap_check_wb_err(f->f_mapping, f->f_wb_err);
	f->f_wb_err = f->f_mapping->wb_err;
	return err ? err : wb;
}

int vfs_fsync(struct file *f, bool datasync)
{
	return vfs_fsync_range(f, 0, LLONG_MAX, datasync);
}

long sys_fsync(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return vfs_fsync(f, false);
}

long sys_fdatasync(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return vfs_fsync(f, true);
}
