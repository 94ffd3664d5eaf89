/*
 * kernel/fs/devtmpfs.c - /dev: a tmpfs whose device nodes the kernel
 * makes itself as drivers find devices (console, null, zero, vda, vda1,
 * ...).  There is one instance: every mount of devtmpfs shows the same
 * tree, and the kernel mounts it on /dev before starting init, as Linux
 * does with CONFIG_DEVTMPFS_MOUNT.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include "internal.h"

static struct vfsmount *dev_mnt;

static int devtmpfs_fill_super(struct super_block *sb, void *data, int silent)
{
	char opts[] = "mode=0755";

	return shmem_fill_super(sb, opts, silent);
}

struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs", .fs_flags = FS_SINGLE, .fill_super = devtmpfs_fill_super,
	.kill_sb = shmem_kill_sb,
};

/*
 * devtmpfs_create_node - /dev/name (no '/' in it here) as a device node
 * of mode and dev.  Before devtmpfs exists, or if the name is taken, it
 * says why and returns the error.
 */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *root, *d;
	struct inode *dir;
	int err;

	if (!dev_mnt)
		return -ENODEV;
	root = dev_mnt->mnt_root;
	dir = root->d_inode;
	inode_lock(dir);
	d = lookup_one_len(name, root, (int)strlen(name));
	err = IS_ERR(d) ? (int)PTR_ERR(d) : d->d_inode ? -EEXIST : vfs_mknod(dir, d, mode, dev);
	if (!IS_ERR(d))
		dput(d);
	inode_unlock(dir);
	if (err)
		printk("devtmpfs: cannot make /dev/%s (%d)\n", name, err);
	return err;
}

void devtmpfs_init(void)
{
	register_filesystem(&devtmpfs_fs_type);
	dev_mnt = kern_mount(&devtmpfs_fs_type);
	if (IS_ERR(dev_mnt))
		panic("devtmpfs_init: cannot make devtmpfs (%ld)", PTR_ERR(dev_mnt));
}
