/*
 * kernel/fs/block_dev.c - block devices seen from the VFS: /dev/vda as a
 * file, the page cache of a device (the buffer cache lives in it), and
 * the writeback state of each disk.
 *
 * Every block device gets an inode of an internal file system ("bdev",
 * as in Linux), whose mapping caches the device's blocks: read(2) and
 * write(2) of /dev/vda go through it, and so do ext2's metadata buffers.
 * Each disk (not each partition) has one backing_dev_info and flusher.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/uio.h>
#include <kernel/blkdev.h>
#include <kernel/buffer_head.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/sysfs.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/filemap.h>
#include <mm/writeback.h>

struct bdev_info {
	struct inode *inode;		/* its page cache */
};

struct disk_bdi {
	struct gendisk *disk;
	struct backing_dev_info bdi;
	struct list_head list;
};

static LIST_HEAD(disk_bdis);
static struct vfsmount *bdev_mnt;
static const struct address_space_operations def_blk_aops;

/* bdev_bdi - the disk's writeback state, its flusher started on first use. */
struct backing_dev_info *bdev_bdi(struct block_device *bdev)
{
	struct disk_bdi *d;
	char name[16];

	list_for_each_entry(d, &disk_bdis, list)
		if (d->disk == bdev->bd_disk)
			return &d->bdi;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	d->disk = bdev->bd_disk;
	snprintf(name, sizeof(name), "%d:%d", bdev->bd_disk->major, bdev->bd_disk->first_minor);
	bdi_init(&d->bdi, name);
	if (bdi_register(&d->bdi)) {
		kfree(d);
		return NULL;
	}
	list_add_tail(&d->list, &disk_bdis);
	return &d->bdi;
}

/* The largest block size up to a page that divides the device's size. */
static unsigned init_blkbits(struct block_device *bdev)
{
	unsigned bits = PAGE_SHIFT;
	u64 bytes = bdev->bd_nr_sectors << SECTOR_SHIFT;

	while (bits > SECTOR_SHIFT && (bytes & ((1ull << bits) - 1)))
		bits--;
	return bits;
}

/* bdev_inode - the device's inode in the bdev file system, made on first use. */
struct inode *bdev_inode(struct block_device *bdev)
{
	struct bdev_info *bi = bdev->bd_fs_private;
	struct inode *inode;

	if (bi)
		return bi->inode;
	bi = kzalloc(sizeof(*bi), GFP_KERNEL);
	inode = bi ? new_inode(bdev_mnt->mnt_sb) : NULL;
	if (!inode) {
		kfree(bi);
		return NULL;
	}
	inode->i_ino = bdev->bd_dev;
	inode->i_mode = S_IFBLK | 0600;
	inode->i_rdev = bdev->bd_dev;
	inode->i_bdev = bdev;
	inode->i_size = (loff_t)(bdev->bd_nr_sectors << SECTOR_SHIFT);
	inode->i_blkbits = init_blkbits(bdev);
	inode->i_data.a_ops = &def_blk_aops;
	inode->i_data.gfp_mask = GFP_KERNEL;	/* lowmem: buffers are plain pointers */
	bi->inode = inode;
	bdev->bd_fs_private = bi;
	return inode;
}

void bdev_set_nr_sectors(struct block_device *bdev, sector_t sectors)
{
	struct bdev_info *bi = bdev->bd_fs_private;

	bdev->bd_nr_sectors = sectors;
	if (!bi)
		return;
	i_size_write(bi->inode, (loff_t)(sectors << SECTOR_SHIFT));
	if (!bi->inode->i_mapping->nrpages)
		bi->inode->i_blkbits = init_blkbits(bdev);
}

struct address_space *bdev_mapping(struct block_device *bdev)
{
	struct inode *inode = bdev_inode(bdev);

	return inode ? inode->i_mapping : NULL;
}

int sync_blockdev(struct block_device *bdev)
{
	struct address_space *mapping = bdev_mapping(bdev);

	return mapping ? filemap_write_and_wait(mapping) : 0;
}

/* invalidate_bdev - drop the device's cached pages (after a sync). */
void invalidate_bdev(struct block_device *bdev)
{
	struct address_space *mapping = bdev_mapping(bdev);

	invalidate_bh_lrus();		/* its references would keep pages */
	if (mapping)
		invalidate_mapping_pages(mapping, 0, ~0UL);
}

/* kill_bdev - write the device's page cache back, then drop all of it. */
static void kill_bdev(struct block_device *bdev)
{
	struct bdev_info *bi = bdev->bd_fs_private;

	if (!bi)
		return;
	filemap_write_and_wait(bi->inode->i_mapping);
	invalidate_bh_lrus();		/* their references would keep pages */
	truncate_inode_pages(bi->inode->i_mapping, 0);
}

/* ---- openers and holders (bd_openers in blkdev.h) ------------------------- */

/* May holder claim bdev?  Linux's bd_may_claim, without "being partitioned". */
static bool bd_may_claim(struct block_device *bdev, void *holder)
{
	struct block_device *whole = bdev->bd_disk->part0;

	if (bdev->bd_holder)
		return bdev->bd_holder == holder;
	return whole == bdev || !whole->bd_holder || whole->bd_holder == holder;
}

int blkdev_get(struct block_device *bdev, void *holder)
{
	struct block_device *whole = bdev->bd_disk->part0;

	if (holder && !bd_may_claim(bdev, holder))
		return -EBUSY;
	if (holder) {
		bdev->bd_holder = holder;
		bdev->bd_holders++;
	}
	bdev->bd_openers++;
	if (whole != bdev)
		whole->bd_openers++;
	return 0;
}

void blkdev_put(struct block_device *bdev, void *holder)
{
	struct block_device *whole = bdev->bd_disk->part0;

	if (!bdev->bd_openers || (holder && bdev->bd_holder != holder))
		panic("blkdev_put(%s, %p): not open (%u openers) or not its holder (%p)",
		      bdev->bd_name, holder, bdev->bd_openers, bdev->bd_holder);
	if (holder && !--bdev->bd_holders)
		bdev->bd_holder = NULL;
	if (whole != bdev)
		whole->bd_openers--;
	if (!--bdev->bd_openers)
		kill_bdev(bdev);
}

/*
 * set_blocksize - the size of the device's buffers from now on (a file
 * system's block size).  The cached pages carry buffers of the old size:
 * they are written and dropped first.  -EINVAL for a size that is not a
 * power of two between the device's sector and a page; -EBUSY if a page
 * cannot be dropped (a buffer in use).
 */
int set_blocksize(struct block_device *bdev, unsigned size)
{
	struct inode *inode = bdev_inode(bdev);

	if (!inode || size > PAGE_SIZE || size < bdev_logical_block_size(bdev) ||
	    (size & (size - 1)))
		return -EINVAL;
	if ((1u << inode->i_blkbits) == size)
		return 0;
	sync_blockdev(bdev);
	invalidate_bdev(bdev);
	if (inode->i_mapping->nrpages)
		return -EBUSY;
	inode->i_blkbits = (unsigned)__builtin_ctz(size);
	return 0;
}

int sb_set_blocksize(struct super_block *sb, unsigned size)
{
	int err = set_blocksize(sb->s_bdev, size);

	if (err)
		return err;
	sb->s_blocksize = size;
	sb->s_blocksize_bits = (unsigned char)__builtin_ctz(size);
	return 0;
}

void sync_all_blockdevs(void)
{
	struct inode *inode;

	if (!bdev_mnt)
		return;
	list_for_each_entry(inode, &bdev_mnt->mnt_sb->s_inodes, i_sb_list)
		filemap_write_and_wait(inode->i_mapping);
}

/* ---- the device's page cache ----------------------------------------------- */

static int blkdev_readpage(struct file *f, struct page *page)
{
	return blkdev_readpage_buffers(page);
}

static int blkdev_writepage(struct page *page, struct writeback_control *wbc)
{
	return block_write_full_page(page, wbc);
}

/* write_begin: the page with its buffers; read first unless wholly overwritten. */
static int blkdev_write_begin(struct file *f, struct address_space *mapping, loff_t pos,
			      unsigned len, struct page **pagep)
{
	struct page *page = grab_cache_page_write_begin(mapping, (unsigned long)(pos >> PAGE_SHIFT));
	int err;

	if (!page)
		return -ENOMEM;
	if (!PageUptodate(page) && len < PAGE_SIZE) {
		err = blkdev_readpage_buffers(page);	/* unlocks it */
		lock_page(page);
		if (err || !PageUptodate(page)) {
			unlock_page(page);
			put_page(page);
			return err ? err : -EIO;
		}
	}
	*pagep = page;
	return 0;
}

/* write_end: the buffers written to are dirty (only they will be written). */
static int blkdev_write_end(struct file *f, struct address_space *mapping, loff_t pos,
			    unsigned len, unsigned copied, struct page *page)
{
	struct inode *inode = mapping->host;
	unsigned size = 1u << inode->i_blkbits, from = (unsigned)(pos & ~PAGE_MASK), off;
	struct buffer_head *bh;

	if (copied < len && !PageUptodate(page))
		copied = 0;
	if (!PagePrivate(page))
		create_page_buffers(page, inode->i_bdev, size);
	if (copied && PagePrivate(page)) {
		bh = page_buffers(page);
		for (off = 0; off < PAGE_SIZE; off += size, bh = bh->b_this_page) {
			if (off + size <= from || off >= from + copied)
				continue;
			set_buffer_uptodate(bh);
			mark_buffer_dirty(bh);
		}
	}
	if (copied == PAGE_SIZE)
		SetPageUptodate(page);
	unlock_page(page);
	put_page(page);
	return (int)copied;
}

static bool blkdev_releasepage(struct page *page)
{
	return try_to_free_buffers(page);
}

static const struct address_space_operations def_blk_aops = {
	.readpage = blkdev_readpage,
	.writepage = blkdev_writepage,
	.write_begin = blkdev_write_begin,
	.write_end = blkdev_write_end,
	.releasepage = blkdev_releasepage,
};

/* ---- /dev/vda as a file ---------------------------------------------------------- */

static int blkdev_open(struct inode *inode, struct file *f)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev);
	struct inode *bi;

	if (!bdev)
		return -ENXIO;
	if ((f->f_mode & FMODE_WRITE) && bdev->bd_read_only)
		return -EACCES;
	bi = bdev_inode(bdev);
	if (!bi)
		return -ENOMEM;
	f->f_mapping = bi->i_mapping;
	f->f_wb_err = f->f_mapping->wb_err;
	return blkdev_get(bdev, NULL);
}

/* The last close of the device writes its cache back and drops it (blkdev_put). */
static void blkdev_release(struct inode *inode, struct file *f)
{
	blkdev_put(f->f_mapping->host->i_bdev, NULL);
}

static ssize_t blkdev_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	return generic_file_read_iter(iocb, to);
}

/* Writes stop at the end of the device: ENOSPC there, as Linux. */
static ssize_t blkdev_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = iocb->ki_filp->f_mapping->host;
	loff_t size = i_size_read(inode);
	ssize_t ret;

	if (inode->i_flags & S_SWAPFILE)
		return -ETXTBSY;	/* an active swap partition (as Linux) */
	if (iocb->ki_pos >= size)
		return -ENOSPC;
	iov_iter_truncate(from, (size_t)MIN((loff_t)iov_iter_count(from), size - iocb->ki_pos));
	inode_lock(inode);
	ret = generic_perform_write(iocb, from);
	inode_unlock(inode);
	if (ret > 0 && (iocb->ki_flags & (IOCB_DSYNC | IOCB_SYNC)))
		ret = vfs_fsync_range(iocb->ki_filp, iocb->ki_pos - ret, iocb->ki_pos - 1, true) ?: ret;
	return ret;
}

static loff_t blkdev_llseek(struct file *f, loff_t off, int whence)
{
	loff_t size = i_size_read(f->f_mapping->host);
	loff_t pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->f_pos + off :
		     whence == SEEK_END ? size + off : -1;

	if (whence > SEEK_END || pos < 0 || pos > size)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static int blkdev_fsync(struct file *f, loff_t start, loff_t end, bool datasync)
{
	struct inode *inode = f->f_mapping->host;
	int err = filemap_write_and_wait_range(f->f_mapping, start, end);

	return err ? err : blkdev_issue_flush(inode->i_bdev);
}

const struct file_operations def_blk_fops = {
	.open = blkdev_open,
	.release = blkdev_release,
	.llseek = blkdev_llseek,
	.read_iter = blkdev_read_iter,
	.write_iter = blkdev_write_iter,
	.fsync = blkdev_fsync,
};

/* ---- setup --------------------------------------------------------------------- */

static int bdev_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = 0x62646576;	/* BDEVFS_MAGIC */
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0500;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct file_system_type bdev_fs_type = { .name = "bdev", .fill_super = bdev_fill_super };

/* ---- /sys/block/<disk>: dev, size, ro, stat, as Linux shows them ------------ */

static void show_dev(struct seq_buf *s, void *priv)
{
	struct block_device *bdev = priv;

	seq_printf(s, "%u:%u\n", MAJOR(bdev->bd_dev), MINOR(bdev->bd_dev));
}

static void show_size(struct seq_buf *s, void *priv)
{
	seq_printf(s, "%llu\n", (unsigned long long)((struct block_device *)priv)->bd_nr_sectors);
}

static void show_ro(struct seq_buf *s, void *priv)
{
	seq_printf(s, "%d\n", ((struct block_device *)priv)->bd_read_only ? 1 : 0);
}

static const struct sysfs_attr bdev_attrs[] = {
	{ "dev", show_dev, NULL }, { "size", show_size, NULL }, { "ro", show_ro, NULL },
	{ "stat", part_stat_show, NULL },
};

/*
 * /sys/block/vda with its attributes, and vda1... under it, as in Linux;
 * a disk's own files (gendisk.sysfs_attrs: zram's) in its directory.
 */
static void bdev_sysfs(struct block_device *bdev)
{
	static struct sysfs_node *disk_dir;
	const struct sysfs_attr *a;
	struct sysfs_node *dir;
	unsigned i;

	dir = sysfs_create_dir(bdev->bd_partno ? disk_dir : sysfs_block, bdev->bd_name);
	if (!bdev->bd_partno)
		disk_dir = dir;
	for (i = 0; dir && i < ARRAY_SIZE(bdev_attrs); i++)
		sysfs_create_file(dir, &bdev_attrs[i], bdev);
	a = bdev->bd_partno ? NULL : bdev->bd_disk->sysfs_attrs;
	for (; dir && a && a->name; a++)
		sysfs_create_file(dir, a, bdev);
}

/* bdev_init - the bdev file system, and a /dev node for every disk and partition. */
void bdev_init(void)
{
	struct block_device *bdev;

	bdev_mnt = kern_mount(&bdev_fs_type);
	if (IS_ERR(bdev_mnt))
		panic("bdev_init: no bdev file system (%ld)", PTR_ERR(bdev_mnt));
	for (bdev = bdev_next(NULL); bdev; bdev = bdev_next(bdev)) {
		devtmpfs_create_node(bdev->bd_name, S_IFBLK | 0660, bdev->bd_dev);
		bdev_sysfs(bdev);
	}
}
