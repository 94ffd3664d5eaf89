/*
 * Mounts.  A vfsmount attaches the tree of a super_block (from its root
 * dentry, mnt_root) over a dentry of another mount (mnt_mountpoint in
 * mnt_parent).  A path is always a (mount, dentry) pair: the same dentry
 * can be reached through two mounts of one file system.
 *
 *   /            rootfs (tmpfs)        mnt_parent = itself
 *   /proc        proc                  mnt_parent = rootfs's, mountpoint = "proc"
 *   /mnt         ext2 on /dev/vda      mnt_parent = rootfs's, mountpoint = "mnt"
 *
 * A path walk that reaches a dentry with DCACHE_MOUNTED asks lookup_mnt()
 * what is mounted there and goes on at that mount's root; ".." from a
 * mount's root goes back to the mountpoint first.  The mount list is kept
 * in mount order, which is the order of /proc/mounts.
 */
#ifndef KERNEL_MOUNT_H
#define KERNEL_MOUNT_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/fs.h>

/* mnt_flags */
#define MNT_NOSUID	0x01u
#define MNT_NODEV	0x02u
#define MNT_NOEXEC	0x04u
#define MNT_NOATIME	0x08u
#define MNT_READONLY	0x40u

/* umount2 flags */
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

/* mount(2) flags (MS_*) */
#define MS_RDONLY	1ul
#define MS_NOSUID	2ul
#define MS_NODEV	4ul
#define MS_NOEXEC	8ul
#define MS_SYNCHRONOUS	16ul
#define MS_REMOUNT	32ul
#define MS_MANDLOCK	64ul
#define MS_DIRSYNC	128ul
#define MS_NOSYMFOLLOW	256ul
#define MS_NOATIME	1024ul
#define MS_NODIRATIME	2048ul
#define MS_BIND		4096ul
#define MS_MOVE		8192ul
#define MS_REC		16384ul
#define MS_SILENT	32768ul
#define MS_RELATIME	(1ul << 21)
#define MS_STRICTATIME	(1ul << 24)
#define MS_LAZYTIME	(1ul << 25)
#define MS_MGC_VAL	0xC0ED0000ul
#define MS_MGC_MSK	0xffff0000ul

struct vfsmount {
	struct dentry *mnt_root;
	struct super_block *mnt_sb;
	unsigned int mnt_flags;
	int mnt_count;
	struct vfsmount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct list_head mnt_list;	/* all mounts, in mount order */
	struct list_head mnt_mounts;	/* mounts on us */
	struct list_head mnt_child;	/* in mnt_parent->mnt_mounts */
	char *mnt_devname;
};

struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
struct vfsmount *lookup_mnt(const struct path *path);
struct vfsmount *kern_mount(struct file_system_type *type);
bool follow_down(struct path *path);
bool follow_up(struct path *path);
void path_get(const struct path *path);
void path_put(const struct path *path);
bool path_equal(const struct path *a, const struct path *b);
void get_fs_root(struct path *root);
void get_fs_pwd(struct path *pwd);
void set_fs_pwd(const struct path *path);
void set_fs_root(const struct path *path);
int mnt_want_write(const struct vfsmount *mnt);
void show_mounts(struct seq_buf *s);
bool sb_is_mounted(const struct super_block *sb);
extern struct vfsmount *root_mnt;

#endif
