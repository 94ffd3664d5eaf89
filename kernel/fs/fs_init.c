/*
 * kernel/fs/fs_init.c - bringing the file systems up at boot, in order:
 *
 *   vfs_caches_init    the caches (names, dentries, inodes, files,
 *                      buffer heads), tmpfs and the root file system
 *                      ("/", a tmpfs: Linux's rootfs), pipes, /dev
 *                      (devtmpfs, not mounted yet) with the console and
 *                      the memory devices, and the file system types
 *   bdev_init          (after the drivers) a /dev node per disk and
 *                      partition
 *   prepare_namespace  the initramfs unpacked into "/", then proc on
 *                      /proc, sysfs on /sys, devtmpfs on /dev, so that
 *                      any init= program finds them
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/buffer_head.h>
#include <kernel/sysfs.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/fdtable.h>
#include <mm/radix_tree.h>
#include "internal.h"

void buffer_init(void);

void vfs_caches_init(void)
{
	radix_tree_init();
	names_cache_init();
	dcache_init();
	inode_init();
	files_init();
	buffer_init();
	shmem_init();
	mnt_init();
	pipe_init();
	sysfs_init();
	register_filesystem(&proc_fs_type);
	register_filesystem(&ext2_fs_type);
	devtmpfs_init();
	chrdev_init();
	tty_init();
}

/* A directory the kernel needs, made if the initramfs has none. */
static void make_dir(const char *name)
{
	struct path parent;
	struct dentry *d = kern_path_create(AT_FDCWD, name, &parent, LOOKUP_DIRECTORY);

	if (IS_ERR(d))
		return;		/* EEXIST most likely: fine */
	vfs_mkdir(parent.dentry->d_inode, d, 0755);
	done_path_create(&parent, d);
}

static void mount_early(const char *type, const char *dir, unsigned long flags)
{
	int err;

	make_dir(dir);
	err = do_mount(type, dir, type, flags, NULL);
	if (err)
		printk("VFS: cannot mount %s on %s (%d)\n", type, dir, err);
}

void prepare_namespace(paddr_t initrd_start, paddr_t initrd_end)
{
	initramfs_unpack(initrd_start, initrd_end);
	mount_early("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC);
	mount_early("sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC);
	mount_early("devtmpfs", "/dev", MS_NOSUID);
}
