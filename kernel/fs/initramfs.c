/*
 * kernel/fs/initramfs.c - unpacking the initrd into the root file system,
 * as Linux unpacks its initramfs into rootfs: the boot loader's "newc"
 * cpio archive becomes directories, files, symlinks and device nodes of
 * the tmpfs mounted on "/".  The files' bytes are copied into the page
 * cache (tmpfs pages, Shmem); then the initrd's own pages are given back
 * to the allocator ("Freeing initrd memory").
 *
 * newc entry:  "070701", 13 fields of 8 hex digits (ino, mode, uid, gid,
 *              nlink, mtime, filesize, devmajor, devminor, rdevmajor,
 *              rdevminor, namesize, check), the name (NUL-terminated),
 *              padding to 4, the data, padding to 4.  "TRAILER!!!" ends.
 *
 * A malformed entry is refused with a message; the entries before it stay.
 * Hard links (nlink > 1 with the same ino) are unpacked as copies.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/namei.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <asm/memory.h>
#include <mm/mm.h>
#include <mm/slab.h>

static unsigned nr_files;

static bool hex8(const char *p, u32 *v)
{
	const char *end;
	char tmp[9];

	memcpy(tmp, p, 8);
	tmp[8] = '\0';
	*v = (u32)simple_strtoul(tmp, &end, 16);
	return end == tmp + 8;
}

/* make_node - the name, of mode (S_IFDIR/S_IFLNK/device), in the tree. */
static int make_node(const char *name, umode_t mode, dev_t rdev, const char *link)
{
	struct path parent;
	struct dentry *d = kern_path_create(AT_FDCWD, name, &parent,
					    S_ISDIR(mode) ? LOOKUP_DIRECTORY : 0);
	struct inode *dir;
	int err;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	dir = parent.dentry->d_inode;
	if (S_ISDIR(mode))
		err = vfs_mkdir(dir, d, mode);
	else if (S_ISLNK(mode))
		err = vfs_symlink(dir, d, link);
	else
		err = vfs_mknod(dir, d, mode, rdev);
	if (!err && d->d_inode && !S_ISLNK(mode))
		d->d_inode->i_mode = mode;	/* exactly the archive's bits */
	done_path_create(&parent, d);
	return err;
}

static int write_file(const char *name, umode_t mode, const u8 *data, size_t size)
{
	long err;
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, mode, &err);
	loff_t pos = 0;
	ssize_t n;

	if (!f)
		return (int)err;
	f->f_inode->i_mode = mode;
	n = size ? kernel_write(f, data, size, &pos) : 0;
	fput(f);
	if (n < 0)
		return (int)n;
	nr_files++;
	return (size_t)n == size ? 0 : -ENOSPC;
}

/* One entry at p (avail bytes left); bytes consumed, 0 at the trailer, -1 if malformed. */
static long unpack_entry(const u8 *p, size_t avail, const char **why, char *name)
{
	u32 f[13], namesize, filesize, mode;
	size_t off, end;
	int i, err = 0;

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
	if (namesize == 0 || namesize > PATH_MAX - 1 || 110 + (size_t)namesize > avail ||
	    p[110 + namesize - 1] != '\0') {
		*why = "bad name size";
		return -1;
	}
	off = ALIGN_UP(110 + (size_t)namesize, 4);
	if (!strcmp((const char *)p + 110, "TRAILER!!!"))
		return 0;
	if (filesize > avail || off > avail - filesize) {
		*why = "file data runs past the end of the archive";
		return -1;
	}
	end = ALIGN_UP(off + filesize, 4);
	name[0] = '/';
	memcpy(name + 1, p + 110, namesize);
	if (!strcmp(name, "/.") || !strcmp(name, "/"))
		return (long)(end > avail ? avail : end);
	switch (mode & S_IFMT) {
	case S_IFREG:
		err = write_file(name, (umode_t)mode, p + off, filesize);
		break;
	case S_IFDIR:
		err = make_node(name, (umode_t)mode, 0, NULL);
		if (err == -EEXIST)
			err = 0;
		break;
	case S_IFLNK: {
		char *target = getname_kernel("");

		if (IS_ERR(target) || filesize >= PATH_MAX) {
			err = IS_ERR(target) ? (int)PTR_ERR(target) : -ENAMETOOLONG;
		} else {
			memcpy(target, p + off, filesize);
			target[filesize] = '\0';
			err = make_node(name, (umode_t)mode, 0, target);
		}
		if (!IS_ERR(target))
			putname(target);
		break;
	}
	case S_IFCHR: case S_IFBLK: case S_IFIFO:
		err = make_node(name, (umode_t)mode, MKDEV(f[9], f[10]), NULL);
		break;
	default:
		break;		/* sockets: skipped */
	}
	if (err) {
		printk("initramfs: %s: error %d\n", name, err);
		*why = "cannot create it";
	}
	return (long)(end > avail ? avail : end);
}

/*
 * initramfs_unpack - the archive at [start, end) (physical, reserved at
 * boot) into "/"; then its pages are freed.
 */
void initramfs_unpack(paddr_t start, paddr_t end)
{
	const u8 *p;
	size_t avail, pos = 0;
	const char *why = NULL;
	char *name;
	long n = 0;

	if (!end || end <= start) {
		printk("initramfs: none (boot with -initrd, or make builds one from user/)\n");
		return;
	}
	if (end > arm_lowmem_limit) {
		printk("initramfs: refused: 0x%08x-0x%08x is not in lowmem\n", start, end);
		return;
	}
	name = getname_kernel("");
	if (IS_ERR(name))
		panic("initramfs_unpack: no memory for a name");
	p = pa_to_kva(start);
	avail = end - start;
	while (pos < avail && (n = unpack_entry(p + pos, avail - pos, &why, name)) > 0)
		pos += (size_t)n;
	putname(name);
	if (n < 0)
		printk("initramfs: entry at offset %u refused: %s\n", (unsigned)pos, why);
	printk("initramfs: %u files from 0x%08x (%u bytes) unpacked into rootfs\n", nr_files,
	       start, (unsigned)(end - start));
	printk("Freeing initrd memory: %luK\n", free_reserved_area(start, end) * (PAGE_SIZE / 1024));
}
