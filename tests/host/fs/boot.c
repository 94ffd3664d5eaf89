/*
 * The VFS brought up on the host (host_fs.h): kernel/fs/fs_init.c's
 * vfs_caches_init and bdev_init, reduced to what a file system on a disk
 * needs (no procfs, sysfs, ttys or pipes on the host).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/fdtable.h>
#include <kernel/buffer_head.h>
#include <mm/radix_tree.h>
#include <host_alloc.h>
#include <host_fs.h>
#include "../../../kernel/fs/internal.h"

void buffer_init(void);

static void host_mkdir(const char *name)
{
	struct path parent;
	struct dentry *d = kern_path_create(AT_FDCWD, name, &parent, LOOKUP_DIRECTORY);

	assert_false(IS_ERR(d));
	assert_int_equal(vfs_mkdir(parent.dentry->d_inode, d, 0755), 0);
	done_path_create(&parent, d);
}

void host_vfs_boot(void)
{
	host_alloc_boot(128, 128, NULL);
	radix_tree_init();
	names_cache_init();
	dcache_init();
	inode_init();
	files_init();
	buffer_init();
	shmem_init();
	mnt_init();
	devtmpfs_init();
	register_filesystem(&ext2_fs_type);
	host_task_files();
	bdev_init();			/* /dev/vda in devtmpfs */
	host_mkdir("/dev");
	assert_int_equal(do_mount("devtmpfs", "/dev", "devtmpfs", 0, NULL), 0);
	host_mkdir("/mnt");
}
