/*
 * kernel/file.c - open files, file descriptors, and the file system
 * calls: open, close, read, write, lseek, dup, dup2, pipe, getdents64,
 * fstat64.
 */
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/syscalls.h>
#include <kernel/printk.h>
#include <mm/slab.h>

struct file *file_alloc(const struct file_operations *ops, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->ops = ops;
	f->refcount = 1;
	f->flags = flags;
	return f;
}

void file_get(struct file *f)
{
	f->refcount++;
}

void file_put(struct file *f)
{
	if (--f->refcount)
		return;
	if (f->ops->release)
		f->ops->release(f);
	kfree(f);
}

int fd_install(struct file *f)
{
	int fd;

	for (fd = 0; fd < NR_OPEN; fd++) {
		if (!current->files[fd]) {
			current->files[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fget(int fd)
{
	if (fd < 0 || fd >= NR_OPEN)
		return NULL;
	return current->files[fd];
}

/* getdents64's struct linux_dirent64: ino, off, reclen, type, name. */
bool dirent_emit(struct dirent_buf *d, unsigned long ino, const char *name, unsigned type)
{
	struct {
		u64 d_ino;
		s64 d_off;
		u16 d_reclen;
		u8 d_type;
	} __packed hdr;
	size_t namelen = strlen(name) + 1;
	size_t reclen = ALIGN_UP(sizeof(hdr) + namelen, 8);
	static const char zeros[8];

	if (d->used + reclen > d->size)
		return false;
	hdr.d_ino = ino;
	hdr.d_off = (s64)(d->used + reclen);
	hdr.d_reclen = (u16)reclen;
	hdr.d_type = (u8)type;
	if (copy_to_user(d->ubuf + d->used, &hdr, sizeof(hdr)) ||
	    copy_to_user(d->ubuf + d->used + sizeof(hdr), name, namelen) ||
	    copy_to_user(d->ubuf + d->used + sizeof(hdr) + namelen, zeros,
			 reclen - sizeof(hdr) - namelen)) {
		d->error = -EFAULT;
		return false;
	}
	d->used += reclen;
	d->count++;
	return true;
}

/*
 * Paths from user space live in buffers of PATH_MAX bytes from their own
 * slab cache (as Linux's names_cache): a path may be 4095 characters
 * long, far too much for an 8 KiB kernel stack.
 */
static struct kmem_cache *names_cachep;

void vfs_caches_init(void)
{
	names_cachep = kmem_cache_create("names_cache", PATH_MAX, 0, SLAB_PANIC, NULL);
}

/*
 * getname - copy the path at upath into a new PATH_MAX buffer.  Returns
 * it (free it with putname), or ERR_PTR: -EFAULT (unreadable, or running
 * into kernel space), -ENAMETOOLONG (no NUL in PATH_MAX bytes), -ENOENT
 * (the empty string, as Linux), -ENOMEM.
 */
char *getname(vaddr_t upath)
{
	char *name = kmem_cache_alloc(names_cachep, GFP_KERNEL);
	long n;

	if (!name)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(name, upath, PATH_MAX);
	if (n < 0 || n == PATH_MAX || n == 0) {
		kmem_cache_free(names_cachep, name);
		return ERR_PTR(n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

void putname(char *name)
{
	kmem_cache_free(names_cachep, name);
}

long sys_open(vaddr_t upath, int flags, int mode)
{
	char *path = getname(upath);
	long err;
	struct file *f;
	int fd;

	if (IS_ERR(path))
		return PTR_ERR(path);
	f = vfs_open(path, (unsigned)flags, &err);
	putname(path);
	if (!f)
		return err;
	fd = fd_install(f);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	current->files[fd] = NULL;
	file_put(f);
	return 0;
}

/*
 * Linux's checks for read and write (vfs_read, rw_verify_area): the
 * buffer must lie in user space (EFAULT), the count must not look
 * negative (EINVAL), and one call moves at most MAX_RW_COUNT bytes.
 */
#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)

long sys_read(int fd, vaddr_t buf, size_t n)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_WRONLY || !f->ops->read)
		return (f->mode & S_IFMT) == S_IFDIR ? -EISDIR : -EBADF;
	if (!access_ok(buf, n))
		return -EFAULT;
	if ((ssize_t)n < 0)
		return -EINVAL;
	return f->ops->read(f, buf, n > MAX_RW_COUNT ? MAX_RW_COUNT : n);
}

long sys_write(int fd, vaddr_t buf, size_t n)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_RDONLY || !f->ops->write)
		return -EBADF;
	if (!access_ok(buf, n))
		return -EFAULT;
	if ((ssize_t)n < 0)
		return -EINVAL;
	return f->ops->write(f, buf, n > MAX_RW_COUNT ? MAX_RW_COUNT : n);
}

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = fget(fd);
	long long pos;

	if (!f)
		return -EBADF;
	if ((f->mode & S_IFMT) == S_IFIFO || (f->mode & S_IFMT) == S_IFCHR)
		return -ESPIPE;
	switch (whence) {
	case 0: pos = off; break;
	case 1: pos = f->pos + off; break;
	case 2: pos = f->size + off; break;
	default: return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->pos = pos;
	return (long)pos;
}

long sys_dup(int fd)
{
	struct file *f = fget(fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = fd_install(f);
	if (nfd >= 0)
		file_get(f);
	return nfd;
}

long sys_dup2(int fd, int nfd)
{
	struct file *f = fget(fd);

	if (!f || nfd < 0 || nfd >= NR_OPEN)
		return -EBADF;
	if (fd == nfd)
		return nfd;
	if (current->files[nfd])
		file_put(current->files[nfd]);
	file_get(f);
	current->files[nfd] = f;
	return nfd;
}

long sys_pipe(vaddr_t ufds)
{
	struct file *rd, *wr;
	int fds[2];
	int err;

	if (!access_ok(ufds, sizeof(fds)))
		return -EFAULT;
	err = pipe_create(&rd, &wr);
	if (err)
		return err;
	fds[0] = fd_install(rd);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(wr);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			current->files[fds[0]] = NULL;
		file_put(rd);
		file_put(wr);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		sys_close(fds[0]);
		sys_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_getdents64(int fd, vaddr_t buf, size_t n)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!f->ops->getdents)
		return -ENOTDIR;
	if (!access_ok(buf, n))
		return -EFAULT;
	return f->ops->getdents(f, buf, n);
}

/* ARM EABI struct stat64 (only what we know is filled in). */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid, st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
};
_Static_assert(sizeof(struct stat64) == 104, "ARM EABI stat64 is 104 bytes");

long sys_fstat64(int fd, vaddr_t ubuf)
{
	struct file *f = fget(fd);
	struct stat64 st;

	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	st.st_mode = f->mode;
	st.st_nlink = 1;
	st.st_size = f->size;
	st.st_blksize = 4096;
	st.st_blocks = (u64)(f->size + 511) / 512;
	st.st_ino = st.__st_ino = f->inode ? (u32)f->inode->ino : 0;
	if (copy_to_user(ubuf, &st, sizeof(st)))
		return -EFAULT;
	return 0;
}

long sys_ioctl(int fd, unsigned cmd, vaddr_t arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return -ENOTTY;
}
