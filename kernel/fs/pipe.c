/*
 * kernel/fs/pipe.c - pipes: a 4 KiB ring between a reading and a writing
 * file.  Readers sleep while it is empty (and a writer exists); writers
 * sleep while it is full (and a reader exists).  Writing with no reader
 * left is -EPIPE and kills the writer with SIGPIPE, as Linux does by
 * default.
 *
 * Both ends are files on one inode of an internal file system (pipefs,
 * as in Linux), so fstat shows a FIFO with an inode number and
 * /proc/<pid>/fd-style names read "pipe:[ino]".
 */
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/irqflags.h>
#include <kernel/uaccess.h>
#include <kernel/errno.h>
#include <mm/slab.h>

#define PIPE_SIZE 4096

struct pipe_inode_info {
	char buf[PIPE_SIZE];
	unsigned head, tail;	/* free-running: head - tail bytes are in */
	int readers, writers;
};

static ssize_t pipe_read(struct file *f, vaddr_t ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;

	if (!n)
		return 0;		/* Linux: a null read returns at once */
	while (p->head == p->tail) {
		if (!p->writers)
			return 0;			/* end of file */
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -EINTR;
		sleep_on(p);
	}
	while (done < n && p->head != p->tail) {
		unsigned idx = p->tail % PIPE_SIZE;
		size_t chunk = PIPE_SIZE - idx;

		if (chunk > p->head - p->tail)
			chunk = p->head - p->tail;
		if (chunk > n - done)
			chunk = n - done;
		if (copy_to_user(ubuf + done, p->buf + idx, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->tail += (unsigned)chunk;
		done += chunk;
	}
	wakeup(p);
	return (ssize_t)done;
}

static ssize_t pipe_write(struct file *f, vaddr_t ubuf, size_t n, loff_t *pos)
{
	struct pipe_inode_info *p = f->f_inode->i_pipe;
	size_t done = 0;

	if (!n)
		return 0;		/* a null write succeeds, readers or not */
	while (done < n) {
		unsigned idx;
		size_t chunk;

		if (!p->readers) {
			force_sig(current, SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->head - p->tail == PIPE_SIZE) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (signal_pending(current))
				return done ? (ssize_t)done : -EINTR;
			wakeup(p);
			sleep_on(p);
			continue;
		}
		idx = p->head % PIPE_SIZE;
		chunk = PIPE_SIZE - idx;
		if (chunk > PIPE_SIZE - (p->head - p->tail))
			chunk = PIPE_SIZE - (p->head - p->tail);
		if (chunk > n - done)
			chunk = n - done;
		if (copy_from_user(p->buf + idx, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->head += (unsigned)chunk;
		done += chunk;
	}
	wakeup(p);
	return (ssize_t)done;
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = inode->i_pipe;

	if (f->f_mode & FMODE_READ)
		p->readers--;
	else
		p->writers--;
	wakeup(p);
	if (!p->readers && !p->writers) {
		kfree(p);
		inode->i_pipe = NULL;
	}
}

static const struct file_operations pipefifo_fops = {
	.llseek = no_llseek, .read = pipe_read, .write = pipe_write, .release = pipe_release,
};

static struct vfsmount *pipe_mnt;

static char *pipefs_dname(struct dentry *dentry, char *buf, int buflen)
{
	int n = snprintf(buf, (size_t)buflen, "pipe:[%lu]", dentry->d_inode->i_ino);

	return n < buflen ? buf : ERR_PTR(-ENAMETOOLONG);
}

static const struct dentry_operations pipefs_dentry_ops = { .d_dname = pipefs_dname };

static int pipefs_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = 0x50495045;	/* PIPEFS_MAGIC */
	buf->f_bsize = PAGE_SIZE;
	return 0;
}

static const struct super_operations pipefs_ops = { .statfs = pipefs_statfs };

static int pipefs_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root = new_inode(sb);

	sb->s_op = &pipefs_ops;
	sb->s_magic = 0x50495045;
	if (!root)
		return -ENOMEM;
	root->i_mode = S_IFDIR | 0600;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct file_system_type pipe_fs_type = {
	.name = "pipefs", .fill_super = pipefs_fill_super,
};

void pipe_init(void)
{
	pipe_mnt = kern_mount(&pipe_fs_type);
	if (IS_ERR(pipe_mnt))
		panic("pipe_init: no pipefs (%ld)", PTR_ERR(pipe_mnt));
}

/* create_pipe_files - res[0] the read end, res[1] the write end. */
int create_pipe_files(struct file **res, unsigned flags)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct inode *inode = p ? new_inode(pipe_mnt->mnt_sb) : NULL;
	struct file *r, *w;

	if (!inode) {
		kfree(p);
		return -ENOMEM;
	}
	inode->i_ino = get_next_ino();
	inode->i_mode = S_IFIFO | 0600;
	inode->i_pipe = p;
	clear_nlink(inode);		/* no name anywhere: freed with the last end */
	p->readers = p->writers = 1;
	w = alloc_file_pseudo(inode, pipe_mnt, "", O_WRONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (!w) {
		kfree(p);
		return -ENOMEM;
	}
	w->f_path.dentry->d_op = &pipefs_dentry_ops;
	r = alloc_file(&w->f_path, O_RDONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (!r) {
		p->readers = 0;
		fput(w);
		return -ENOMEM;
	}
	r->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	w->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	res[0] = r;
	res[1] = w;
	return 0;
}

static long do_pipe2(vaddr_t ufds, int flags)
{
	struct file *files[2];
	int fds[2];
	int err;

	if ((unsigned)flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if (!access_ok(ufds, sizeof(fds)))
		return -EFAULT;
	err = create_pipe_files(files, (unsigned)flags);
	if (err)
		return err;
	fds[0] = get_unused_fd_flags((unsigned)flags);
	fds[1] = fds[0] < 0 ? fds[0] : get_unused_fd_flags((unsigned)flags);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			put_unused_fd((unsigned)fds[0]);
		fput(files[0]);
		fput(files[1]);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		put_unused_fd((unsigned)fds[0]);
		put_unused_fd((unsigned)fds[1]);
		fput(files[0]);
		fput(files[1]);
		return -EFAULT;
	}
	fd_install((unsigned)fds[0], files[0]);
	fd_install((unsigned)fds[1], files[1]);
	return 0;
}

long sys_pipe(vaddr_t ufds)
{
	return do_pipe2(ufds, 0);
}

long sys_pipe2(vaddr_t ufds, int flags)
{
	return do_pipe2(ufds, flags);
}
