/*
 * kernel/fs/sysfs.c - /sys: a tree of small attribute files, one value
 * each, mounted by the kernel on /sys before init starts.
 *
 * Subsystems hang directories and attributes in the tree at boot
 * (sysfs_create_dir, sysfs_create_file): the block layer a directory per
 * disk under /sys/block with its size and I/O statistics; later memory
 * features their knobs under /sys/kernel/mm.  As in Linux, reading an
 * attribute gives at most a page of text, and writing one hands the text
 * to its store() function, whose error (EINVAL...) the writer sees.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/sysfs.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <mm/gfp.h>

#define SYSFS_MAGIC	0x62656572

struct sysfs_node {
	char name[32];
	umode_t mode;
	unsigned long ino;
	struct sysfs_node *parent;
	struct list_head children, sibling;
	const struct sysfs_attr *attr;	/* files */
	void *priv;
};

static struct sysfs_node sysfs_root = {
	.name = "", .mode = S_IFDIR | 0755, .ino = 1,
	.children = LIST_HEAD_INIT(sysfs_root.children),
};
struct sysfs_node *sysfs_kernel_mm, *sysfs_block, *sysfs_fs;

static struct sysfs_node *new_node(struct sysfs_node *parent, const char *name, umode_t mode)
{
	static unsigned long next_ino = 2;
	struct sysfs_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return NULL;
	strlcpy(n->name, name, sizeof(n->name));
	n->mode = mode;
	n->ino = next_ino++;
	n->parent = parent ? parent : &sysfs_root;
	INIT_LIST_HEAD(&n->children);
	list_add_tail(&n->sibling, &n->parent->children);
	return n;
}

struct sysfs_node *sysfs_create_dir(struct sysfs_node *parent, const char *name)
{
	return new_node(parent, name, S_IFDIR | 0755);
}

int sysfs_create_file(struct sysfs_node *dir, const struct sysfs_attr *attr, void *priv)
{
	/* Linux's modes: read-write 0644, read-only 0444, write-only 0200 */
	umode_t mode = !attr->store ? 0444 : attr->show ? 0644 : 0200;
	struct sysfs_node *n = new_node(dir, attr->name, (umode_t)(S_IFREG | mode));

	if (!n)
		return -ENOMEM;
	n->attr = attr;
	n->priv = priv;
	return 0;
}

/* ---- the file system ------------------------------------------------------ */

static const struct inode_operations sysfs_dir_iops;
static const struct file_operations sysfs_dir_fops, sysfs_file_fops;

static struct inode *sysfs_inode(struct super_block *sb, struct sysfs_node *n)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = n->ino;
	inode->i_mode = n->mode;
	inode->i_private = n;
	if (S_ISDIR(n->mode)) {
		inode->i_nlink = 2;
		inode->i_op = &sysfs_dir_iops;
		inode->i_fop = &sysfs_dir_fops;
	} else {
		inode->i_size = PAGE_SIZE;	/* as Linux shows attributes */
		inode->i_fop = &sysfs_file_fops;
	}
	return inode;
}

static struct dentry *sysfs_lookup(struct inode *dir, struct dentry *dentry, unsigned flags)
{
	struct sysfs_node *parent = dir->i_private, *n;
	struct inode *inode = NULL;

	list_for_each_entry(n, &parent->children, sibling) {
		if (strlen(n->name) != dentry->d_name.len ||
		    memcmp(n->name, dentry->d_name.name, dentry->d_name.len))
			continue;
		inode = sysfs_inode(dir->i_sb, n);
		if (!inode)
			return ERR_PTR(-ENOMEM);
		break;
	}
	d_add(dentry, inode);
	return NULL;
}

static int sysfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct sysfs_node *dir = f->f_inode->i_private, *n;
	loff_t i = 2;

	if (!dir_emit_dots(f, ctx))
		return 0;
	list_for_each_entry(n, &dir->children, sibling) {
		if (i++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, n->name, (int)strlen(n->name), n->ino, dt_type(n->mode)))
			break;
		ctx->pos = i;
	}
	return 0;
}

static const struct inode_operations sysfs_dir_iops = { .lookup = sysfs_lookup };
static const struct file_operations sysfs_dir_fops = {
	.llseek = generic_file_llseek, .iterate = sysfs_iterate,
};

static ssize_t sysfs_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct sysfs_node *node = f->f_inode->i_private;
	char *page;
	struct seq_buf s;
	size_t len;

	if (!node->attr->show)
		return -EIO;		/* a write-only file, read by root: as Linux's dev_attr_show */
	page = get_free_pages(GFP_KERNEL, 0);
	if (!page)
		return -ENOMEM;
	seq_buf_init(&s, page, PAGE_SIZE);
	node->attr->show(&s, node->priv);
	len = s.len;
	if (*pos >= (loff_t)len) {
		n = 0;
	} else {
		if (n > len - (size_t)*pos)
			n = len - (size_t)*pos;
		if (copy_to_user(buf, page + *pos, n)) {
			free_pages(page, 0);
			return -EFAULT;
		}
		*pos += (loff_t)n;
	}
	free_pages(page, 0);
	return (ssize_t)n;
}

static ssize_t sysfs_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct sysfs_node *node = f->f_inode->i_private;
	char kbuf[64];
	int err;

	if (!node->attr->store)
		return -EIO;
	if (n >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, n))
		return -EFAULT;
	kbuf[n] = '\0';
	err = node->attr->store(kbuf, n, node->priv);
	return err ? err : (ssize_t)n;
}

static int sysfs_open(struct inode *inode, struct file *f)
{
	if ((f->f_mode & FMODE_WRITE) && !(inode->i_mode & 0200))
		return -EACCES;
	return 0;
}

static const struct file_operations sysfs_file_fops = {
	.llseek = generic_file_llseek, .open = sysfs_open, .read = sysfs_read,
	.write = sysfs_write,
};

static bool sysfs_d_delete(const struct dentry *d)
{
	return true;
}

static const struct dentry_operations sysfs_dentry_ops = { .d_delete = sysfs_d_delete };

static int sysfs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = SYSFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations sysfs_sops = { .statfs = sysfs_statfs };

static int sysfs_fill_super(struct super_block *sb, void *data, int silent)
{
	sb->s_magic = SYSFS_MAGIC;
	sb->s_op = &sysfs_sops;
	sb->s_root = d_make_root(sysfs_inode(sb, &sysfs_root));
	if (!sb->s_root)
		return -ENOMEM;
	sb->s_root->d_op = &sysfs_dentry_ops;
	return 0;
}

struct file_system_type sysfs_fs_type = {
	.name = "sysfs", .fs_flags = FS_SINGLE, .fill_super = sysfs_fill_super,
};

void sysfs_init(void)
{
	struct sysfs_node *kernel = sysfs_create_dir(NULL, "kernel");

	sysfs_kernel_mm = sysfs_create_dir(kernel, "mm");
	sysfs_block = sysfs_create_dir(NULL, "block");
	sysfs_fs = sysfs_create_dir(NULL, "fs");
	sysfs_create_dir(NULL, "devices");
	register_filesystem(&sysfs_fs_type);
}
