/*
 * kernel/fs/super.c - file system types and super blocks.
 *
 * mount(2) names a type ("ext2", "tmpfs", "proc") and, for a type that
 * needs one, a block device.  mount_fs() finds or makes the super_block:
 *
 *   kind of type            instance
 *   ---------------------   ----------------------------------------------
 *   on a device (ext2)      one per device: a second mount of /dev/vda
 *                           shares the first one's super_block
 *   single (proc, sysfs,    one for the whole system, made at the first
 *   devtmpfs)               mount
 *   anonymous (tmpfs)       a new one each time, with a device number of
 *                           major 0 (get_anon_dev), as Linux gives
 *
 * s_active counts the mounts; when the last goes, deactivate_super()
 * writes everything back and frees the super_block with all its inodes.
 * A super_block on a device holds it (blkdev_get with the type as
 * holder) from its making to its freeing: no swapon, no zram reset, no
 * other type's mount meanwhile.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/blkdev.h>
#include <mm/slab.h>
#include <mm/writeback.h>

LIST_HEAD(super_blocks);
static struct file_system_type *file_systems;

int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type *p;

	for (p = file_systems; p; p = p->next)
		if (!strcmp(p->name, fs->name))
			return -EBUSY;
	fs->next = file_systems;
	file_systems = fs;
	return 0;
}

struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *p;

	for (p = file_systems; p; p = p->next)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

/* /proc/filesystems: "nodev" before the types that need no device. */
void show_filesystems(struct seq_buf *s)
{
	struct file_system_type *p, *order[16];
	int n = 0;

	for (p = file_systems; p && n < 16; p = p->next)
		order[n++] = p;
	while (n--)		/* registration order, as Linux lists them */
		seq_printf(s, "%s\t%s\n", (order[n]->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev",
			   order[n]->name);
}

dev_t get_anon_dev(void)
{
	static unsigned int next_minor;
	unsigned int minor = ++next_minor;

	return MKDEV(0, minor);
}

static struct super_block *alloc_super(struct file_system_type *type, unsigned flags)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	INIT_LIST_HEAD(&sb->s_list);
	INIT_LIST_HEAD(&sb->s_inodes);
	mutex_init(&sb->s_umount);
	sb->s_type = type;
	sb->s_flags = flags;
	sb->s_active = 1;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_blocksize = 4096;
	sb->s_blocksize_bits = 12;
	strlcpy(sb->s_id, type->name, sizeof(sb->s_id));
	return sb;
}

/* free_super - forget sb; a file system on a device lets the device go. */
static void free_super(struct super_block *sb)
{
	if (sb->s_bdev)
		blkdev_put(sb->s_bdev, sb->s_type);
	list_del(&sb->s_list);
	kfree(sb);
}

/* The super_block already reading bdev, with a new active reference. */
static struct super_block *find_bdev_super(struct file_system_type *type,
					   struct block_device *bdev, long *err)
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_bdev != bdev)
			continue;
		if (sb->s_type != type) {
			*err = -EBUSY;	/* mounted as another type */
			return NULL;
		}
		sb->s_active++;
		return sb;
	}
	return NULL;
}

/* lookup_bdev - the block device a path names: ENOTBLK if it is no device node. */
static struct block_device *lookup_bdev(const char *dev_name, long *err)
{
	struct path path;
	struct inode *inode;
	struct block_device *bdev;
	int e = kern_path(dev_name, LOOKUP_FOLLOW, &path);

	if (e) {
		*err = e;
		return NULL;
	}
	inode = path.dentry->d_inode;
	bdev = S_ISBLK(inode->i_mode) ? blkdev_get_by_dev(inode->i_rdev) : NULL;
	*err = !S_ISBLK(inode->i_mode) ? -ENOTBLK : -ENXIO;
	path_put(&path);
	return bdev;
}

static struct super_block *setup_bdev_super(struct file_system_type *type, unsigned flags,
					    const char *dev_name, long *err)
{
	struct block_device *bdev;
	struct super_block *sb;

	if (!dev_name || !*dev_name) {
		*err = -EINVAL;
		return NULL;
	}
	bdev = lookup_bdev(dev_name, err);
	if (!bdev)
		return NULL;
	*err = 0;
	sb = find_bdev_super(type, bdev, err);
	if (sb || *err)
		return sb;
	*err = blkdev_get(bdev, type);	/* held by the type, as Linux's mount_bdev */
	if (*err)
		return NULL;
	sb = alloc_super(type, flags | (bdev->bd_read_only ? SB_RDONLY : 0));
	if (!sb) {
		blkdev_put(bdev, type);
		*err = -ENOMEM;
		return NULL;
	}
	sb->s_bdev = bdev;
	sb->s_dev = bdev->bd_dev;
	sb->s_bdi = bdev_bdi(bdev);
	strlcpy(sb->s_id, bdev->bd_name, sizeof(sb->s_id));
	return sb;
}

/*
 * mount_fs - the super_block for a mount of type: found (shared) or made
 * and filled.  Returns it with an active reference, or ERR_PTR: -ENOTBLK,
 * -ENXIO (no such device), -EINVAL (not this kind of file system: a bad
 * or corrupt super block), -EIO, -ENOMEM, -EBUSY.
 */
struct super_block *mount_fs(struct file_system_type *type, unsigned flags,
			     const char *dev_name, void *data)
{
	struct super_block *sb;
	long err = 0;
	int e;

	if (type->fs_flags & FS_SINGLE && type->single) {
		type->single->s_active++;
		return type->single;
	}
	if (type->fs_flags & FS_REQUIRES_DEV) {
		sb = setup_bdev_super(type, flags, dev_name, &err);
		if (!sb)
			return ERR_PTR(err);
		if (sb->s_root)
			return sb;	/* already mounted elsewhere: shared */
	} else {
		sb = alloc_super(type, flags);
		if (!sb)
			return ERR_PTR(-ENOMEM);
		sb->s_dev = get_anon_dev();
	}
	list_add_tail(&sb->s_list, &super_blocks);
	e = type->fill_super(sb, data, flags & MS_SILENT);
	if (e) {
		sb->s_active = 0;
		if (sb->s_root)
			dput(sb->s_root);
		evict_inodes(sb);
		free_super(sb);
		return ERR_PTR(e);
	}
	if (type->fs_flags & FS_SINGLE)
		type->single = sb;
	return sb;
}

/* generic_shutdown_super - write back, drop the tree and every inode. */
static void generic_shutdown_super(struct super_block *sb)
{
	struct dentry *root = sb->s_root;

	sync_filesystem(sb);
	shrink_dcache_sb(sb);
	sb->s_root = NULL;
	if (root)
		dput(root);
	evict_inodes(sb);
	if (!list_empty(&sb->s_inodes))
		printk("VFS: Busy inodes after unmount of %s\n", sb->s_id);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
}

void kill_anon_super(struct super_block *sb)
{
	generic_shutdown_super(sb);
}

void kill_block_super(struct super_block *sb)
{
	generic_shutdown_super(sb);
}

void deactivate_super(struct super_block *sb)
{
	BUG_ON(sb->s_active <= 0);
	if (--sb->s_active > 0)
		return;
	if (sb->s_type->kill_sb)
		sb->s_type->kill_sb(sb);
	else
		generic_shutdown_super(sb);
	if (sb->s_type->single == sb)
		sb->s_type->single = NULL;
	free_super(sb);
}

int vfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	memset(buf, 0, sizeof(*buf));
	buf->f_namelen = NAME_MAX;
	buf->f_frsize = (long)sb->s_blocksize;
	if (!sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	return sb->s_op->statfs(sb, buf);
}

/*
 * sync_filesystem - everything of sb on the disk: the dirty pages and
 * inodes (sync_inodes_sb waits for them), then the fs's own metadata
 * (sync_fs: super block, bitmaps).  0 or the first error.
 */
int sync_filesystem(struct super_block *sb)
{
	int err = 0;

	if (sb->s_flags & SB_RDONLY)
		return 0;
	if (sb->s_bdi) {
		writeback_inodes_sb(sb, WB_REASON_SYNC);
		sync_inodes_sb(sb);
	}
	if (sb->s_op && sb->s_op->sync_fs)
		err = sb->s_op->sync_fs(sb, true);
	if (sb->s_bdev && !err)
		err = sync_blockdev(sb->s_bdev);
	return err;
}
