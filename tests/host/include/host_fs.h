/*
 * Host-test helpers for the VFS and the file systems on a disk
 * (tests/host/fs/task.c, block.c, boot.c).
 */
#ifndef HOST_FS_H
#define HOST_FS_H

#include <kernel/types.h>
#include <kernel/kdev_t.h>
#include <kernel/blkdev.h>

/* fs/task.c: the one task */
void host_task_files(void);
vaddr_t host_user_string(const char *s);
extern int host_signals_sent;

/*
 * fs/block.c: one disk, "vda" (254:0), whose sectors are an image file
 * on the host.  submit_bio reads or writes the file at once (pread,
 * pwrite) and ends the bio before it returns; a flush is an fsync.  A bio
 * that is not inside the image, or not sector-aligned, fails with -EIO
 * as the real block layer fails it, and is counted: a file system must
 * never send one.
 */
#define HOST_DISK_DEV	MKDEV(254, 0)

struct host_disk_stats {
	unsigned long reads, writes, flushes;	/* bios completed */
	unsigned long sectors_read, sectors_written;
	unsigned long bad_reads, bad_writes;	/* outside the image or unaligned */
};
extern struct host_disk_stats host_disk;
/* Called after every write that reached the image (a test can undo them). */
extern void (*host_disk_write_hook)(loff_t off, size_t len);
extern struct block_device host_bdev;

/*
 * host_disk_attach - the image at path becomes the disk's contents, of
 * its size; the counters restart.  The device's page cache from an
 * earlier image is dropped first: nothing may still use it (a buffer
 * still held after an unmount fails the test).
 */
void host_disk_attach(const char *path);
void host_disk_detach(void);
/* host_disk_fail_writes - from now, every write fails with -EIO (or not). */
void host_disk_fail_writes(bool fail);

/*
 * fs/boot.c: host_vfs_boot - a fresh 128 MiB machine (all lowmem: the
 * page cache copies through page_address on the host), then the VFS as
 * vfs_caches_init brings it up, with only what a disk file system needs:
 * "/" (rootfs), devtmpfs on /dev with /dev/vda, ext2 registered, and an
 * empty /mnt.  Once per test group: the VFS's caches cannot be torn down.
 */
void host_vfs_boot(void);

#endif
