/*
 * kernel/fs/read_write.c - read, write, pread64, pwrite64, lseek,
 * _llseek, readv, writev, and the kernel's own reads (kernel_read).
 *
 * A file's operations either take a user buffer (read/write: devices,
 * pipes, /proc) or an iov_iter (read_iter/write_iter: files in the page
 * cache); vfs_read and vfs_write pick whichever the file has, after
 * Linux's checks:
 *
 *   EBADF      not open for that direction
 *   EFAULT     the buffer is not in user space
 *   EINVAL     a count that looks negative, a negative position, a
 *              file that cannot be read or written at all
 *   EISDIR     read() of a directory
 *   ESPIPE     pread/pwrite/lseek on a pipe or a terminal
 *
 * One call moves at most MAX_RW_COUNT bytes (a short count beyond).
 */
#include <kernel/fs.h>
#include <kernel/uio.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/string.h>

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)

loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	struct inode *inode = f->f_inode;
	loff_t size = i_size_read(inode), pos;

	switch (whence) {
	case SEEK_SET: pos = off; break;
	case SEEK_CUR: pos = f->f_pos + off; break;
	case SEEK_END: pos = size + off; break;
	case 3:		/* SEEK_DATA: all of a file counts as data here */
		if (off < 0 || off >= size)
			return -ENXIO;
		pos = off;
		break;
	case 4:		/* SEEK_HOLE: the implicit hole at the end */
		if (off < 0 || off >= size)
			return -ENXIO;
		pos = size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0 || pos > inode->i_sb->s_maxbytes)
		return -EINVAL;
	if (pos != f->f_pos) {
		f->f_pos = pos;
		f->f_ra.prev_pos = -1;
	}
	return pos;
}

loff_t no_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

static loff_t vfs_llseek(struct file *f, loff_t off, int whence)
{
	if (!(f->f_mode & FMODE_LSEEK) || (f->f_op && f->f_op->llseek == no_llseek))
		return -ESPIPE;
	if (f->f_op && f->f_op->llseek)
		return f->f_op->llseek(f, off, whence);
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	return generic_file_llseek(f, off, whence);	/* devices with a size */
}

/* rw_verify_area - Linux's position checks before a read or write. */
static int rw_verify_area(struct file *f, const loff_t *pos, size_t count)
{
	if (*pos < 0 && S_ISREG(f->f_inode->i_mode))
		return -EINVAL;
	if (*pos > 0 && (loff_t)count > MAX_LFS_FILESIZE - *pos)
		return -EINVAL;
	return 0;
}

static ssize_t new_sync_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct kiocb kiocb = { f, *pos, 0 };
	struct iov_iter iter;
	ssize_t ret;

	iov_iter_ubuf(&iter, buf, n);
	ret = f->f_op->read_iter(&kiocb, &iter);
	*pos = kiocb.ki_pos;
	return ret;
}

static ssize_t new_sync_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct kiocb kiocb = { f, *pos, 0 };
	struct iov_iter iter;
	ssize_t ret;

	if (f->f_flags & O_APPEND)
		kiocb.ki_flags |= IOCB_APPEND;
	if (f->f_flags & O_DSYNC)
		kiocb.ki_flags |= IOCB_DSYNC;
	if (f->f_flags & __O_SYNC)
		kiocb.ki_flags |= IOCB_SYNC;
	iov_iter_ubuf(&iter, buf, n);
	ret = f->f_op->write_iter(&kiocb, &iter);
	*pos = kiocb.ki_pos;
	return ret;
}

ssize_t vfs_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	int err;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || (!f->f_op->read && !f->f_op->read_iter))
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if ((ssize_t)n < 0)
		return -EINVAL;
	err = rw_verify_area(f, pos, n);
	if (err)
		return err;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (f->f_op->read)
		return f->f_op->read(f, buf, n, pos);
	return new_sync_read(f, buf, n, pos);
}

ssize_t vfs_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	int err;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || (!f->f_op->write && !f->f_op->write_iter))
		return -EINVAL;
	if (!access_ok(buf, n))
		return -EFAULT;
	if ((ssize_t)n < 0)
		return -EINVAL;
	err = rw_verify_area(f, pos, n);
	if (err)
		return err;
	if (n > MAX_RW_COUNT)
		n = MAX_RW_COUNT;
	if (f->f_op->write)
		return f->f_op->write(f, buf, n, pos);
	return new_sync_write(f, buf, n, pos);
}

/* Files whose position several tasks may share (after fork) lock it. */
static bool atomic_pos(const struct file *f)
{
	/*
	 * Only a file shared by two fd tables (fork) can have two tasks
	 * moving its position at once; Linux's fdget_pos takes the lock on
	 * the same condition.  An unshared one saves a mutex per read().
	 */
	return f->f_count > 1 &&
	       (S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode));
}

long sys_read(int fd, vaddr_t buf, size_t n)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;
	bool lock;

	if (!f)
		return -EBADF;
	lock = atomic_pos(f);
	if (lock)
		mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = vfs_read(f, buf, n, &pos);
	if (ret >= 0)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
	return ret;
}

long sys_write(int fd, vaddr_t buf, size_t n)
{
	struct file *f = fget(fd);
	loff_t pos;
	ssize_t ret;
	bool lock;

	if (!f)
		return -EBADF;
	lock = atomic_pos(f);
	if (lock)
		mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = vfs_write(f, buf, n, &pos);
	if (ret >= 0)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
	return ret;
}

long sys_pread64(int fd, vaddr_t buf, size_t n, loff_t pos)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_PREAD) || S_ISFIFO(f->f_inode->i_mode) ||
	    (f->f_op && f->f_op->llseek == no_llseek))
		return -ESPIPE;
	return vfs_read(f, buf, n, &pos);
}

long sys_pwrite64(int fd, vaddr_t buf, size_t n, loff_t pos)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	if (!(f->f_mode & FMODE_PWRITE) || S_ISFIFO(f->f_inode->i_mode) ||
	    (f->f_op && f->f_op->llseek == no_llseek))
		return -ESPIPE;
	return vfs_write(f, buf, n, &pos);
}

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	if (whence < 0 || whence > 4)
		return -EINVAL;
	pos = vfs_llseek(f, off, whence);
	if (pos >= 0 && pos > 0x7fffffffLL)
		return -EOVERFLOW;	/* 32-bit off_t: use _llseek */
	return (long)pos;
}

/* _llseek (140): a 64-bit offset from two halves, the result stored at uresult. */
long sys_llseek(int fd, unsigned long hi, unsigned long lo, vaddr_t uresult, int whence)
{
	struct file *f = fget(fd);
	loff_t pos;

	if (!f)
		return -EBADF;
	if (whence < 0 || whence > 4)
		return -EINVAL;
	pos = vfs_llseek(f, (loff_t)(((u64)hi << 32) | lo), whence);
	if (pos < 0)
		return (long)pos;
	if (copy_to_user(uresult, &pos, sizeof(pos)))
		return -EFAULT;
	return 0;
}

/* readv / writev: one vfs call per segment, stopping at a short one. */
struct iovec32 {
	u32 iov_base;
	u32 iov_len;
};
#define UIO_MAXIOV	1024

static long do_rw_vector(int fd, vaddr_t uvec, unsigned long vlen, bool write)
{
	struct file *f = fget(fd);
	struct iovec32 v;
	unsigned long i;
	size_t total = 0;
	long ret = 0;

	if (!f)
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (i = 0; i < vlen; i++) {
		loff_t pos = f->f_pos;
		ssize_t n;

		if (copy_from_user(&v, uvec + i * sizeof(v), sizeof(v)))
			return total ? (long)total : -EFAULT;
		if ((s32)v.iov_len < 0 || v.iov_len > MAX_RW_COUNT - total)
			return total ? (long)total : -EINVAL;
		if (!v.iov_len)
			continue;
		n = write ? vfs_write(f, v.iov_base, v.iov_len, &pos) :
			    vfs_read(f, v.iov_base, v.iov_len, &pos);
		if (n < 0) {
			ret = n;
			break;
		}
		f->f_pos = pos;
		total += (size_t)n;
		if ((size_t)n < v.iov_len)
			break;
	}
	return total ? (long)total : ret;
}

long sys_readv(int fd, vaddr_t uvec, unsigned long vlen)
{
	return do_rw_vector(fd, uvec, vlen, false);
}

long sys_writev(int fd, vaddr_t uvec, unsigned long vlen)
{
	return do_rw_vector(fd, uvec, vlen, true);
}

/* kernel_read - read into a kernel buffer (exec reading an ELF file). */
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct kiocb kiocb = { f, *pos, 0 };
	struct iov_iter iter;
	ssize_t ret;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op || !f->f_op->read_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, buf, n);
	ret = f->f_op->read_iter(&kiocb, &iter);
	*pos = kiocb.ki_pos;
	return ret;
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct kiocb kiocb = { f, *pos, 0 };
	struct iov_iter iter;
	ssize_t ret;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write_iter)
		return -EINVAL;
	iov_iter_kvec(&iter, (void *)buf, n);
	ret = f->f_op->write_iter(&kiocb, &iter);
	*pos = kiocb.ki_pos;
	return ret;
}

long sys_ioctl(int fd, unsigned cmd, vaddr_t arg)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (f->f_op && f->f_op->ioctl)
		return f->f_op->ioctl(f, cmd, arg);
	return -ENOTTY;
}
