/*
 * kernel/fs/shmem.c - tmpfs: files whose only home is the page cache.
 *
 * A tmpfs file is an inode and its pages, nothing else: there is no disk
 * to read them from or write them to.  A page holding data is therefore
 * kept dirty for good (nothing could write it back: drop_caches must
 * leave it), and it counts as Shmem in meminfo.  A hole reads as zeros.
 * Swap (a later issue) is the one place such pages could go.
 *
 * Three users:
 *   rootfs    "/" itself: the initramfs is unpacked into it at boot, as
 *             into Linux's rootfs
 *   tmpfs     mount -t tmpfs anywhere (size= and nr_inodes= limits)
 *   shm       shared anonymous memory: mmap(MAP_SHARED|MAP_ANONYMOUS) is
 *             an unlinked file of an internal tmpfs mount ("/dev/zero
 *             (deleted)" in /proc/<pid>/maps, as in Linux)
 *
 * Limits, as Linux's defaults: half of RAM in pages, and as many inodes
 * as half of RAM's pages (fewer on HighMem machines in Linux; here the
 * same).  ENOSPC past either.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/uio.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/memory.h>
#include <mm/mmzone.h>

#define TMPFS_MAGIC	0x01021994

struct shmem_sb_info {
	unsigned long max_blocks, used_blocks;	/* pages */
	unsigned long max_inodes, free_inodes;
	umode_t root_mode;
};

static struct kmem_cache *shmem_inode_cachep;
static struct vfsmount *shm_mnt;
static const struct super_operations shmem_ops;
static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_inode_operations;
static const struct file_operations shmem_file_operations;
static const struct address_space_operations shmem_aops;
static const struct vm_operations_struct shmem_vm_ops;

static struct shmem_sb_info *SHMEM_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* ---- pages ---------------------------------------------------------- */

/* A hole is read as zeros; the page stays clean until written. */
static int shmem_readpage(struct file *f, struct page *page)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(page->mapping->host->i_sb);

	clear_highpage(page);
	SetPageUptodate(page);
	sbinfo->used_blocks++;
	page->mapping->host->i_blocks += PAGE_SIZE / 512;
	unlock_page(page);
	return 0;
}

/* Called as a page leaves the cache (truncate, eviction). */
static void shmem_freepage(struct page *page)
{
	struct inode *inode = page->mapping->host;

	if (!PageUptodate(page))
		return;
	SHMEM_SB(inode->i_sb)->used_blocks--;
	inode->i_blocks -= PAGE_SIZE / 512;
}

/* Dirty for good, and not counted as Dirty: nothing will write it back. */
static bool shmem_set_page_dirty(struct page *page)
{
	return !TestSetPageDirty(page);
}

static int shmem_write_begin(struct file *f, struct address_space *mapping, loff_t pos,
			     unsigned len, struct page **pagep)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(mapping->host->i_sb);
	struct page *page = find_lock_page(mapping, (unsigned long)(pos >> PAGE_SHIFT));

	if (!page) {
		if (sbinfo->used_blocks >= sbinfo->max_blocks)
			return -ENOSPC;
		page = grab_cache_page_write_begin(mapping, (unsigned long)(pos >> PAGE_SHIFT));
		if (!page)
			return -ENOMEM;
	}
	if (!PageUptodate(page)) {	/* new: zero it, and count it */
		clear_highpage(page);
		SetPageUptodate(page);
		sbinfo->used_blocks++;
		mapping->host->i_blocks += PAGE_SIZE / 512;
	}
	*pagep = page;
	return 0;
}

static int shmem_page_mkwrite(struct vm_area_struct *vma, struct page *page)
{
	return 0;
}

static const struct address_space_operations shmem_aops = {
	.readpage = shmem_readpage,
	.write_begin = shmem_write_begin,
	.write_end = simple_write_end,
	.set_page_dirty = shmem_set_page_dirty,
	.freepage = shmem_freepage,
	.page_mkwrite = shmem_page_mkwrite,
};

/* ---- inodes --------------------------------------------------------- */

static struct inode *shmem_alloc_inode(struct super_block *sb)
{
	return kmem_cache_alloc(shmem_inode_cachep, GFP_KERNEL);
}

static void shmem_destroy_inode(struct inode *inode)
{
	if (S_ISLNK(inode->i_mode))
		kfree(inode->i_link);
	if (SHMEM_SB(inode->i_sb))
		SHMEM_SB(inode->i_sb)->free_inodes++;
	kmem_cache_free(shmem_inode_cachep, inode);
}

static void shmem_evict_inode(struct inode *inode)
{
	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
}

static struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir,
				     umode_t mode, dev_t dev)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);
	struct inode *inode;

	if (!sbinfo->free_inodes)
		return NULL;
	inode = new_inode(sb);
	if (!inode)
		return NULL;
	sbinfo->free_inodes--;
	inode->i_ino = get_next_ino();
	inode->i_mode = mode;
	inode->i_mapping->a_ops = &shmem_aops;
	inode->i_mapping->gfp_mask = GFP_HIGHUSER_MOVABLE;
	(void)dir;
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inc_nlink(inode);	/* "." */
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &simple_symlink_inode_operations;
		break;
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static int shmem_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	dir->i_size += 20;	/* a directory's size grows with its entries, as tmpfs's */
	dir->i_ctime = dir->i_mtime = current_time();
	simple_instantiate(dentry, inode);
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return shmem_mknod(dir, dentry, (umode_t)(mode | S_IFREG), 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = shmem_mknod(dir, dentry, (umode_t)(mode | S_IFDIR), 0);

	if (!err)
		inc_nlink(dir);		/* the new ".." */
	return err;
}

static int shmem_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	if (!inode)
		return -ENOSPC;
	inode->i_link = kstrdup(target, GFP_KERNEL);
	if (!inode->i_link) {
		iput(inode);
		return -ENOMEM;
	}
	inode->i_size = (loff_t)len;
	dir->i_size += 20;
	dir->i_ctime = dir->i_mtime = current_time();
	simple_instantiate(dentry, inode);
	return 0;
}

static int shmem_unlink(struct inode *dir, struct dentry *dentry)
{
	dir->i_size -= 20;
	return simple_unlink(dir, dentry);
}

static int shmem_rmdir(struct inode *dir, struct dentry *dentry)
{
	int err = simple_rmdir(dir, dentry);

	if (!err)
		dir->i_size -= 20;
	return err;
}

static int shmem_link(struct dentry *old, struct inode *dir, struct dentry *dentry)
{
	dir->i_size += 20;
	return simple_link(old, dir, dentry);
}

static int shmem_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			struct dentry *new, unsigned flags)
{
	int err = simple_rename(old_dir, old, new_dir, new, flags);

	if (!err && !new->d_inode) {
		old_dir->i_size -= 20;
		new_dir->i_size += 20;
	} else if (!err) {
		old_dir->i_size -= 20;
	}
	return err;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = shmem_create,
	.link = shmem_link,
	.unlink = shmem_unlink,
	.symlink = shmem_symlink,
	.mkdir = shmem_mkdir,
	.rmdir = shmem_rmdir,
	.mknod = shmem_mknod,
	.rename = shmem_rename,
	.setattr = simple_setattr,
};

static const struct inode_operations shmem_inode_operations = {
	.setattr = simple_setattr,
};

static int shmem_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = shmem_mmap,
	.fsync = noop_fsync,
};

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = filemap_fault,
	.page_mkwrite = filemap_page_mkwrite,
};

/* ---- super blocks --------------------------------------------------- */

static int shmem_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_blocks = sbinfo->max_blocks;
	buf->f_bavail = buf->f_bfree = sbinfo->max_blocks - sbinfo->used_blocks;
	buf->f_files = sbinfo->max_inodes;
	buf->f_ffree = sbinfo->free_inodes;
	return 0;
}

static void shmem_show_options(struct seq_buf *s, struct super_block *sb)
{
	struct shmem_sb_info *sbinfo = SHMEM_SB(sb);

	seq_printf(s, ",size=%luk,nr_inodes=%lu", sbinfo->max_blocks * (PAGE_SIZE / 1024),
		   sbinfo->max_inodes);
	if (sbinfo->root_mode != 01777)
		seq_printf(s, ",mode=%o", sbinfo->root_mode);
}

static void shmem_put_super(struct super_block *sb)
{
	kfree(sb->s_fs_info);
	sb->s_fs_info = NULL;
}

static const struct super_operations shmem_ops = {
	.alloc_inode = shmem_alloc_inode,
	.destroy_inode = shmem_destroy_inode,
	.evict_inode = shmem_evict_inode,
	.statfs = shmem_statfs,
	.put_super = shmem_put_super,
	.show_options = shmem_show_options,
};

/* Mount options: size=N[kmg%], nr_inodes=N, mode=OCTAL.  -EINVAL otherwise. */
static int shmem_parse_options(char *data, struct shmem_sb_info *sbinfo)
{
	char *opt = data;

	while (opt && *opt) {
		char *next = strchr(opt, ','), *end;
		unsigned long long v;

		if (next)
			*next++ = '\0';
		/* a value must be all number (and suffix): "size=lots" is
		 * EINVAL, as Linux's "Bad value for 'size'" */
		if (!strncmp(opt, "size=", 5)) {
			v = memparse(opt + 5, (const char **)&end);
			if (*end == '%') {
				v = (unsigned long long)totalram_pages * PAGE_SIZE / 100 * v;
				end++;
			}
			if (end == opt + 5 || *end)
				goto bad_value;
			sbinfo->max_blocks = (unsigned long)(v >> PAGE_SHIFT);
		} else if (!strncmp(opt, "nr_inodes=", 10)) {
			v = memparse(opt + 10, (const char **)&end);
			if (end == opt + 10 || *end)
				goto bad_value;
			sbinfo->max_inodes = sbinfo->free_inodes = (unsigned long)v;
		} else if (!strncmp(opt, "mode=", 5)) {
			v = simple_strtoul(opt + 5, (const char **)&end, 8);
			if (end == opt + 5 || *end)
				goto bad_value;
			sbinfo->root_mode = (umode_t)(v & 07777);
		} else if (*opt && strcmp(opt, "rw") && strcmp(opt, "ro")) {
			printk_ratelimited("tmpfs: Bad mount option %.64s\n", opt);
			return -EINVAL;
		}
		opt = next;
	}
	return 0;
bad_value:
	printk_ratelimited("tmpfs: Bad value in %.64s\n", opt);
	return -EINVAL;
}

int shmem_fill_super(struct super_block *sb, void *data, int silent)
{
	struct shmem_sb_info *sbinfo = kzalloc(sizeof(*sbinfo), GFP_KERNEL);
	struct inode *root;
	int err;

	if (!sbinfo)
		return -ENOMEM;
	sbinfo->max_blocks = totalram_pages / 2;
	sbinfo->max_inodes = sbinfo->free_inodes = totalram_pages / 2;
	sbinfo->root_mode = 01777;
	sb->s_fs_info = sbinfo;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_op = &shmem_ops;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;
	err = shmem_parse_options(data, sbinfo);
	if (!err) {
		root = shmem_get_inode(sb, NULL, (umode_t)(S_IFDIR | sbinfo->root_mode), 0);
		sb->s_root = d_make_root(root);
		if (sb->s_root)
			return 0;
		err = -ENOMEM;
	}
	/* a failed fill is not unmounted (put_super is not called): free here */
	sb->s_fs_info = NULL;
	kfree(sbinfo);
	return err;
}

/* Unmount: every name was pinned; unpin them all, then shut down. */
void shmem_kill_sb(struct super_block *sb)
{
	if (sb->s_root)
		d_genocide(sb->s_root);
	kill_anon_super(sb);
}

struct file_system_type shmem_fs_type = {
	.name = "tmpfs", .fill_super = shmem_fill_super, .kill_sb = shmem_kill_sb,
};

/* rootfs: the same, as "/" (mode 0755: Linux's rootfs root). */
static int rootfs_fill_super(struct super_block *sb, void *data, int silent)
{
	int err = shmem_fill_super(sb, "mode=0755", silent);

	if (!err)
		sb->s_root->d_inode->i_mode = S_IFDIR | 0755;
	return err;
}

struct file_system_type rootfs_fs_type = {
	.name = "rootfs", .fill_super = rootfs_fill_super, .kill_sb = shmem_kill_sb,
};

/* ---- shared anonymous memory --------------------------------------------- */

/*
 * shmem_file_setup - an unlinked tmpfs file of size bytes on the internal
 * mount: nothing can open it by name; it lives while something (a VMA)
 * holds the file.
 */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned flags)
{
	struct inode *inode;
	struct file *f;

	inode = shmem_get_inode(shm_mnt->mnt_sb, NULL, S_IFREG | 0777, 0);
	if (!inode)
		return ERR_PTR(-ENOSPC);
	clear_nlink(inode);		/* unlinked from the start */
	inode->i_size = size;
	f = alloc_file_pseudo(inode, shm_mnt, name, O_RDWR, &shmem_file_operations);
	return f ? f : ERR_PTR(-ENOMEM);
}

/* shmem_zero_setup - back a MAP_SHARED|MAP_ANONYMOUS vma with such a file. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *f = shmem_file_setup("dev/zero", (loff_t)(vma->vm_end - vma->vm_start), 0);

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (vma->vm_file)
		fput(vma->vm_file);	/* a mapping of /dev/zero becomes this file */
	vma->vm_file = f;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return vma->vm_ops == &shmem_vm_ops;
}

void shmem_init(void)
{
	shmem_inode_cachep = kmem_cache_create("shmem_inode_cache", sizeof(struct inode), 0,
					       SLAB_PANIC, NULL);
	register_filesystem(&rootfs_fs_type);
	register_filesystem(&shmem_fs_type);
	shm_mnt = kern_mount(&shmem_fs_type);
	if (IS_ERR(shm_mnt))
		panic("shmem_init: cannot mount the internal tmpfs (%ld)", PTR_ERR(shm_mnt));
}
