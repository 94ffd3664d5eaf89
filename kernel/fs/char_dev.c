/*
 * kernel/fs/char_dev.c - character devices, and the memory devices of
 * major 1 (/dev/null, /dev/zero, /dev/full, /dev/urandom).
 *
 * A character device node (S_IFCHR, with a device number) opens through
 * def_chr_fops: chrdev_open looks its major up in the table filled by
 * register_chrdev() and takes that driver's file operations.  No such
 * driver: ENXIO, as Linux.
 */
#include <kernel/fs.h>
#include <kernel/uio.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/time.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/memory.h>
#include <mm/mm_types.h>

#define MAX_CHRDEV	256

static struct {
	const char *name;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEV];

int register_chrdev(unsigned major, const char *name, const struct file_operations *fops)
{
	if (major >= MAX_CHRDEV || chrdevs[major].fops)
		return -EBUSY;
	chrdevs[major].name = name;
	chrdevs[major].fops = fops;
	return 0;
}

int chrdev_open(struct inode *inode, struct file *f)
{
	unsigned major = MAJOR(inode->i_rdev);

	if (major >= MAX_CHRDEV || !chrdevs[major].fops)
		return -ENXIO;
	f->f_op = chrdevs[major].fops;
	return f->f_op->open ? f->f_op->open(inode, f) : 0;
}

const struct file_operations def_chr_fops = { .open = chrdev_open };

/* /proc/devices: the character majors (the block ones come with the block layer). */
void show_chrdevs(struct seq_buf *s)
{
	unsigned i;

	seq_printf(s, "Character devices:\n");
	for (i = 0; i < MAX_CHRDEV; i++)
		if (chrdevs[i].fops)
			seq_printf(s, "%3u %s\n", i, chrdevs[i].name);
}

/* ---- major 1: memory devices ------------------------------------------ */

static ssize_t null_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	return (ssize_t)n;
}

static loff_t null_lseek(struct file *f, loff_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

/* Zeros for every read; at most a page a call would do, but any size is fine. */
static ssize_t zero_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	static const char zeros[256];
	size_t done = 0;

	while (done < n) {
		size_t c = n - done < sizeof(zeros) ? n - done : sizeof(zeros);

		if (copy_to_user(buf + done, zeros, c))
			return done ? (ssize_t)done : -EFAULT;
		done += c;
		if (signal_pending(current))
			break;
	}
	return (ssize_t)done;
}

/* mmap of /dev/zero: private is anonymous memory, shared is shmem. */
static int zero_mmap(struct file *f, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	fput(vma->vm_file);
	vma->vm_file = NULL;
	vma->vm_ops = NULL;
	return 0;
}

static ssize_t full_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	return -ENOSPC;
}

/* /dev/urandom: xorshift64, seeded from the clock.  Not for cryptography. */
static ssize_t urandom_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	static u64 state;
	size_t done = 0;

	if (!state)
		state = ktime_get_ns() | 1;
	while (done < n) {
		u64 x;
		size_t c = n - done < sizeof(x) ? n - done : sizeof(x);

		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		x = state;
		if (copy_to_user(buf + done, &x, c))
			return done ? (ssize_t)done : -EFAULT;
		done += c;
	}
	return (ssize_t)done;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek, .read = null_read, .write = null_write,
};
static const struct file_operations zero_fops = {
	.llseek = null_lseek, .read = zero_read, .write = null_write, .mmap = zero_mmap,
};
static const struct file_operations full_fops = {
	.llseek = null_lseek, .read = zero_read, .write = full_write,
};
static const struct file_operations urandom_fops = {
	.llseek = null_lseek, .read = urandom_read, .write = null_write,
};

static int memory_open(struct inode *inode, struct file *f)
{
	switch (MINOR(inode->i_rdev)) {
	case 3: f->f_op = &null_fops; return 0;
	case 5: f->f_op = &zero_fops; return 0;
	case 7: f->f_op = &full_fops; return 0;
	case 8: case 9: f->f_op = &urandom_fops; return 0;
	default: return -ENXIO;
	}
}

static const struct file_operations memory_fops = { .open = memory_open };

void chrdev_init(void)
{
	register_chrdev(1, "mem", &memory_fops);
	devtmpfs_create_node("null", S_IFCHR | 0666, MKDEV(1, 3));
	devtmpfs_create_node("zero", S_IFCHR | 0666, MKDEV(1, 5));
	devtmpfs_create_node("full", S_IFCHR | 0666, MKDEV(1, 7));
	devtmpfs_create_node("random", S_IFCHR | 0666, MKDEV(1, 8));
	devtmpfs_create_node("urandom", S_IFCHR | 0666, MKDEV(1, 9));
}
