/*
 * kernel/initramfs.c - the root file system: the initrd the boot loader
 * loaded (a "newc" cpio archive, as Linux's initramfs), unpacked into a
 * tree of inodes whose data stays where it is in the initrd.
 *
 * newc entry:  "070701", 13 fields of 8 hex digits (ino, mode, uid, gid,
 *              nlink, mtime, filesize, devmajor, devminor, rdevmajor,
 *              rdevminor, namesize, check), the name (NUL-terminated),
 *              padding to 4, the data, padding to 4.  "TRAILER!!!" ends.
 *
 * A malformed entry is refused with a message; the entries before it stay.
 */
#include <kernel/file.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <kernel/cmdline.h>
#include <asm/memory.h>
#include <mm/slab.h>
#include <mm/filemap.h>

struct inode *initramfs_root;
static unsigned long next_ino = 1;
static unsigned nr_files;

static struct inode *new_inode(struct inode *parent, const char *name, size_t len,
			       unsigned mode)
{
	struct inode *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return NULL;
	if (len >= sizeof(n->name))
		len = sizeof(n->name) - 1;
	memcpy(n->name, name, len);
	n->mode = mode;
	n->ino = next_ino++;
	n->parent = parent;
	INIT_LIST_HEAD(&n->children);
	if (parent) {
		list_add_tail(&n->sibling, &parent->children);
		snprintf(n->path, sizeof(n->path), "%s/%s",
			 parent == initramfs_root ? "" : parent->path, n->name);
	} else {
		strlcpy(n->path, "/", sizeof(n->path));
	}
	return n;
}

static struct inode *child(struct inode *dir, const char *name, size_t len)
{
	struct inode *c;

	list_for_each_entry(c, &dir->children, sibling)
		if (!strncmp(c->name, name, len) && c->name[len] == '\0')
			return c;
	return NULL;
}

/*
 * walk - follow path from the root, component by component ("." stays,
 * ".." goes up; relative paths start at the root too: there is no
 * working directory).  With mode != 0 (unpacking) missing components are
 * created.  Returns the inode, or NULL with *err as Linux's lookup gives
 * it:
 *   -ENOENT        a component does not exist
 *   -ENOTDIR       a component before a '/' is not a directory
 *                  ("file/" and "file/x" both)
 *   -ENAMETOOLONG  a component is longer than NAME_MAX
 */
static struct inode *walk(const char *path, unsigned mode, long *err)
{
	struct inode *n = initramfs_root;

	for (;;) {
		const char *end;
		size_t len;
		struct inode *c;

		while (*path == '/')
			path++;
		if (!*path)
			return n;
		end = strchr(path, '/');
		len = end ? (size_t)(end - path) : strlen(path);
		if (len > NAME_MAX) {
			*err = -ENAMETOOLONG;
			return NULL;
		}
		if (len == 1 && path[0] == '.') {
			c = n;
		} else if (len == 2 && path[0] == '.' && path[1] == '.') {
			c = n->parent ? n->parent : n;
		} else {
			c = child(n, path, len);
			if (!c && mode)
				c = new_inode(n, path, len, (end ? S_IFDIR | 0755 : mode));
			if (!c) {
				*err = mode ? -ENOMEM : -ENOENT;
				return NULL;
			}
		}
		if (end && (c->mode & S_IFMT) != S_IFDIR) {
			*err = -ENOTDIR;
			return NULL;
		}
		n = c;
		path += len;
	}
}

struct inode *initramfs_lookup(const char *path, long *err)
{
	long dummy;

	if (!err)
		err = &dummy;
	if (!initramfs_root) {
		*err = -ENOENT;
		return NULL;
	}
	return walk(path, 0, err);
}

static bool hex8(const char *p, u32 *v)
{
	const char *end;
	char tmp[9];

	memcpy(tmp, p, 8);
	tmp[8] = '\0';
	*v = (u32)simple_strtoul(tmp, &end, 16);
	return end == tmp + 8;
}

/* One entry at p (avail bytes left); returns bytes consumed, 0 at the
 * trailer, or -1 (with *why) if malformed. */
static long unpack_entry(const u8 *p, size_t avail, const char **why)
{
	u32 f[13], namesize, filesize, mode;
	size_t off, end;
	const char *name;
	struct inode *n;
	long err;
	int i;

	if (avail < 110 || memcmp(p, "070701", 6)) {
		*why = avail < 110 ? "truncated header" : "bad magic (not newc)";
		return -1;
	}
	for (i = 0; i < 13; i++)
		if (!hex8((const char *)p + 6 + 8 * i, &f[i])) {
			*why = "bad hex field in header";
			return -1;
		}
	mode = f[1];
	filesize = f[6];
	namesize = f[11];
	name = (const char *)p + 110;
	if (namesize == 0 || namesize > 1024 || 110 + (size_t)namesize > avail ||
	    name[namesize - 1] != '\0') {
		*why = "bad name size";
		return -1;
	}
	off = ALIGN_UP(110 + (size_t)namesize, 4);
	if (!strcmp(name, "TRAILER!!!"))
		return 0;
	if (filesize > avail || off > avail - filesize) {
		*why = "file data runs past the end of the archive";
		return -1;
	}
	end = ALIGN_UP(off + filesize, 4);
	if ((mode & S_IFMT) != S_IFREG && (mode & S_IFMT) != S_IFDIR)
		return (long)(end > avail ? avail : end);	/* skip devices, links */
	n = walk(name, mode, &err);
	if (!n) {
		*why = err == -ENAMETOOLONG ? "name component too long" :
		       err == -ENOMEM ? "out of memory" : "path goes through a file";
		return -1;
	}
	n->mode = mode;
	if ((mode & S_IFMT) == S_IFREG) {
		n->data = p + off;
		n->size = filesize;
		nr_files++;
	}
	return (long)(end > avail ? avail : end);
}

void initramfs_init(paddr_t start, paddr_t end)
{
	const u8 *p;
	size_t avail, pos = 0;
	const char *why = NULL;
	long n;

	initramfs_root = new_inode(NULL, "", 0, S_IFDIR | 0755);
	new_inode(initramfs_root, "proc", 4, S_IFDIR | 0555);
	if (!end || end <= start) {
		printk("initramfs: none (boot with -initrd, or make builds one from user/)\n");
		return;
	}
	if (end > arm_lowmem_limit) {
		printk("initramfs: refused: 0x%08x-0x%08x is not in lowmem\n", start, end);
		return;
	}
	p = pa_to_kva(start);
	avail = end - start;
	while (pos < avail && (n = unpack_entry(p + pos, avail - pos, &why)) > 0)
		pos += (size_t)n;
	if (n < 0)
		printk("initramfs: entry at offset %u refused: %s\n", (unsigned)pos, why);
	printk("initramfs: %u files from 0x%08x (%u bytes)\n", nr_files, start,
	       (unsigned)(end - start));
}

struct address_space *inode_mapping(struct inode *inode)
{
	if (!inode->mapping)
		inode->mapping = address_space_create(inode->data, inode->size, false);
	return inode->mapping;
}

static unsigned long drop_tree(struct inode *dir)
{
	struct inode *c;
	unsigned long freed = 0;

	list_for_each_entry(c, &dir->children, sibling) {
		if ((c->mode & S_IFMT) == S_IFDIR) {
			freed += drop_tree(c);
		} else if (c->mapping) {
			freed += drop_pagecache(c->mapping);
			/* no page left and no VMA: the cache itself goes too, as
			 * Linux frees unused inodes (made again at the next mmap) */
			if (!c->mapping->nrpages && c->mapping->refcount == 1) {
				address_space_put(c->mapping);
				c->mapping = NULL;
			}
		}
	}
	return freed;
}

unsigned long initramfs_drop_caches(void)
{
	return initramfs_root ? drop_tree(initramfs_root) : 0;
}

/* ---- open files of the initramfs ------------------------------------ */

static ssize_t ramfs_read(struct file *f, vaddr_t buf, size_t n)
{
	struct inode *in = f->inode;
	size_t left;

	if (f->pos >= (long long)in->size)
		return 0;
	left = in->size - (size_t)f->pos;
	if (n > left)
		n = left;
	if (copy_to_user(buf, in->data + f->pos, n))
		return -EFAULT;
	f->pos += (long long)n;
	return (ssize_t)n;
}

static long ramfs_getdents(struct file *f, vaddr_t buf, size_t n)
{
	struct dirent_buf d = { buf, n, 0, 0, 0 };
	struct inode *c;
	long long i = 0;
	bool full = false;

	list_for_each_entry(c, &f->inode->children, sibling) {
		if (i++ < f->pos)
			continue;
		if (!dirent_emit(&d, c->ino, c->name,
				 (c->mode & S_IFMT) == S_IFDIR ? DT_DIR : DT_REG)) {
			full = true;
			break;
		}
		f->pos++;
	}
	if (d.error)
		return d.error;
	if (!d.used && full)
		return -EINVAL;		/* buffer too small for one entry */
	return (long)d.used;
}

static const struct file_operations ramfs_file_ops = { .read = ramfs_read };
static const struct file_operations ramfs_dir_ops = { .getdents = ramfs_getdents };

struct file *vfs_open(const char *path, unsigned flags, long *err)
{
	struct inode *in;
	struct file *f;

	if (!strncmp(path, "/proc", 5) && (path[5] == '/' || !path[5]))
		return procfs_open(path + 5, flags, err);
	in = initramfs_lookup(path, err);
	if (!in)
		return NULL;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC))) {
		*err = (in->mode & S_IFMT) == S_IFDIR ? -EISDIR : -EROFS;
		return NULL;
	}
	if ((flags & O_DIRECTORY) && (in->mode & S_IFMT) != S_IFDIR) {
		*err = -ENOTDIR;
		return NULL;
	}
	f = file_alloc((in->mode & S_IFMT) == S_IFDIR ? &ramfs_dir_ops : &ramfs_file_ops, flags);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	f->inode = in;
	f->mode = in->mode;
	f->size = (long long)in->size;
	return f;
}
