/*
 * kernel/fs/file_table.c - open files and each task's table of file
 * descriptors: close, dup, dup2, dup3, fcntl64.
 *
 * A descriptor is an index into current->files->fd[]; the table starts
 * with NR_OPEN_DEFAULT slots inside struct files_struct and grows (double
 * the size, kmalloc'd) up to RLIMIT_NOFILE, Linux's default soft limit of
 * 1024 descriptors: EMFILE beyond.  close_on_exec is a bitmap beside it.
 * fork copies the table (each file gains a reference); exec closes the
 * descriptors marked close-on-exec.
 */
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/bug.h>
#include <mm/slab.h>

static struct kmem_cache *filp_cachep, *files_cachep;
unsigned long nr_files;

void files_init(void)
{
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
	files_cachep = kmem_cache_create("files_cache", sizeof(struct files_struct), 0,
					 SLAB_PANIC, NULL);
}

static struct file *alloc_empty_file(unsigned flags, const struct file_operations *fop)
{
	struct file *f = kmem_cache_alloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	memset(f, 0, sizeof(*f));
	f->f_count = 1;
	f->f_flags = flags;
	f->f_op = fop;
	mutex_init(&f->f_pos_lock);
	nr_files++;
	return f;
}

/* f_mode from the access mode: what read() and write() will allow. */
static unsigned open_fmode(unsigned flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY: return FMODE_READ;
	case O_WRONLY: return FMODE_WRITE;
	case O_RDWR: return FMODE_READ | FMODE_WRITE;
	default: return 0;	/* 3: neither (ioctl only), as Linux */
	}
}

/* alloc_file - a file open on path (references taken), not yet "opened". */
struct file *alloc_file(const struct path *path, unsigned flags,
			const struct file_operations *fop)
{
	struct file *f = alloc_empty_file(flags, fop);
	struct inode *inode = path->dentry->d_inode;

	if (!f)
		return NULL;
	f->f_path = *path;
	path_get(path);
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_mode = open_fmode(flags);
	if (!(flags & O_PATH))
		f->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	f->f_wb_err = inode->i_mapping->wb_err;
	file_ra_state_init(f);
	return f;
}

/*
 * alloc_file_pseudo - a file on an inode that has no name in any tree
 * (a pipe, shared anonymous memory): a disconnected dentry called name
 * on the inode's internal mount.  Consumes the inode reference.
 */
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       unsigned flags, const struct file_operations *fop)
{
	struct dentry *d = d_alloc_pseudo(inode->i_sb, name);
	struct path path;
	struct file *f;

	if (!d) {
		iput(inode);
		return NULL;
	}
	d_instantiate(d, inode);
	path.mnt = mnt;
	path.dentry = d;
	f = alloc_file(&path, flags, fop);
	dput(d);
	return f;
}

void get_file(struct file *f)
{
	f->f_count++;
}

/* fput - the last reference closes: release, then the path goes. */
void fput(struct file *f)
{
	BUG_ON(f->f_count <= 0);
	if (--f->f_count)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	kmem_cache_free(filp_cachep, f);
	nr_files--;
}

/* ---- the descriptor table -------------------------------------------- */

struct files_struct *alloc_files(void)
{
	struct files_struct *fs = kmem_cache_alloc(files_cachep, GFP_KERNEL);

	if (!fs)
		return NULL;
	memset(fs, 0, sizeof(*fs));
	fs->max_fds = NR_OPEN_DEFAULT;
	fs->fd = fs->fd_array;
	fs->close_on_exec = fs->cloexec_init;
	return fs;
}

static void free_fdtable(struct files_struct *fs)
{
	if (fs->fd != fs->fd_array) {
		kfree(fs->fd);
		kfree(fs->close_on_exec);
	}
}

/* expand_files - room for descriptor nr: -EMFILE past the limit. */
static int expand_files(struct files_struct *fs, unsigned nr)
{
	unsigned n = fs->max_fds;
	struct file **fd;
	unsigned long *bits;

	if (nr < fs->max_fds)
		return 0;
	if (nr >= RLIMIT_NOFILE_CUR)
		return -EMFILE;
	while (n <= nr)
		n *= 2;
	fd = kzalloc(n * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(n / 8, GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, fs->fd, fs->max_fds * sizeof(*fd));
	memcpy(bits, fs->close_on_exec, fs->max_fds / 8);
	free_fdtable(fs);
	fs->fd = fd;
	fs->close_on_exec = bits;
	fs->max_fds = n;
	return 0;
}

static void set_cloexec(struct files_struct *fs, unsigned fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		fs->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		fs->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

static bool get_cloexec(const struct files_struct *fs, unsigned fd)
{
	return fs->close_on_exec[fd / BITS_PER_LONG] & (1UL << (fd % BITS_PER_LONG));
}

/* alloc_fd - the lowest free descriptor >= start, reserved (NULL in it). */
static int alloc_fd(unsigned start, unsigned flags)
{
	struct files_struct *fs = current->files;
	unsigned fd = start < fs->next_fd ? fs->next_fd : start;
	int err;

	while (fd < fs->max_fds && fs->fd[fd])
		fd++;
	err = expand_files(fs, fd);
	if (err)
		return err;
	if (start <= fs->next_fd)
		fs->next_fd = fd + 1;
	set_cloexec(fs, fd, flags & O_CLOEXEC);
	return (int)fd;
}

void put_unused_fd(unsigned fd)
{
	if (fd < current->files->next_fd)
		current->files->next_fd = fd;
}

/* get_unused_fd_flags / fd_install - Linux's two steps of giving out an fd. */
int get_unused_fd_flags(unsigned flags)
{
	return alloc_fd(0, flags);
}

void fd_install(unsigned fd, struct file *f)
{
	current->files->fd[fd] = f;
}

/* install_file - one step: the lowest free fd for f, or -EMFILE (f unchanged). */
int install_file(struct file *f, unsigned flags)
{
	int fd = get_unused_fd_flags(flags);

	if (fd >= 0)
		fd_install((unsigned)fd, f);
	return fd;
}

struct file *fget(int fd)
{
	struct files_struct *fs = current->files;

	if (!fs || fd < 0 || (unsigned)fd >= fs->max_fds)
		return NULL;
	return fs->fd[fd];
}

int close_fd(unsigned fd)
{
	struct files_struct *fs = current->files;
	struct file *f;

	if (fd >= fs->max_fds || !(f = fs->fd[fd]))
		return -EBADF;
	fs->fd[fd] = NULL;
	put_unused_fd(fd);
	return filp_close(f);
}

/* dup_fd - fork: a copy of fs sharing its files. */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *fs = alloc_files();
	unsigned i;

	if (!fs)
		return NULL;
	if (old->max_fds > fs->max_fds && expand_files(fs, old->max_fds - 1)) {
		put_files_struct(fs);
		return NULL;
	}
	for (i = 0; i < old->max_fds; i++) {
		fs->fd[i] = old->fd[i];
		if (fs->fd[i])
			get_file(fs->fd[i]);
	}
	memcpy(fs->close_on_exec, old->close_on_exec, old->max_fds / 8);
	fs->next_fd = old->next_fd;
	return fs;
}

/* put_files_struct - exit: close every descriptor. */
void put_files_struct(struct files_struct *fs)
{
	unsigned i;

	for (i = 0; i < fs->max_fds; i++)
		if (fs->fd[i])
			filp_close(fs->fd[i]);
	free_fdtable(fs);
	kmem_cache_free(files_cachep, fs);
}

/* do_close_on_exec - exec: close what was marked FD_CLOEXEC. */
void do_close_on_exec(struct files_struct *fs)
{
	unsigned i;

	for (i = 0; i < fs->max_fds; i++) {
		if (fs->fd[i] && get_cloexec(fs, i)) {
			struct file *f = fs->fd[i];

			fs->fd[i] = NULL;
			set_cloexec(fs, i, false);
			put_unused_fd(i);
			filp_close(f);
		}
	}
}

/* ---- the system calls ------------------------------------------------ */

long sys_close(int fd)
{
	long err;

	if (fd < 0)
		return -EBADF;
	err = close_fd((unsigned)fd);
	return err == -EINTR ? -EINTR : err;
}

static long do_dup2(struct file *f, unsigned nfd, unsigned flags)
{
	struct files_struct *fs = current->files;
	struct file *old;
	int err = expand_files(fs, nfd);

	if (err)
		return err == -EMFILE ? -EBADF : err;
	old = fs->fd[nfd];
	get_file(f);
	fs->fd[nfd] = f;
	set_cloexec(fs, nfd, flags & O_CLOEXEC);
	if (old)
		filp_close(old);
	return nfd;
}

long sys_dup(int fd)
{
	struct file *f = fget(fd);
	int nfd;

	if (!f)
		return -EBADF;
	nfd = install_file(f, 0);
	if (nfd >= 0)
		get_file(f);
	return nfd;
}

long sys_dup2(int fd, int nfd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (fd == nfd)
		return nfd;
	if (nfd < 0 || nfd >= RLIMIT_NOFILE_CUR)
		return -EBADF;
	return do_dup2(f, (unsigned)nfd, 0);
}

long sys_dup3(int fd, int nfd, int flags)
{
	struct file *f;

	if ((unsigned)flags & ~O_CLOEXEC)
		return -EINVAL;
	if (fd == nfd)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (nfd < 0 || nfd >= RLIMIT_NOFILE_CUR)
		return -EBADF;
	return do_dup2(f, (unsigned)nfd, (unsigned)flags);
}

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_NOATIME | O_DIRECT)

/* fcntl64 (221): the descriptor and status-flag commands. */
long sys_fcntl64(int fd, unsigned cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	int nfd;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= RLIMIT_NOFILE_CUR)
			return -EINVAL;
		nfd = alloc_fd((unsigned)arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
		if (nfd >= 0) {
			get_file(f);
			fd_install((unsigned)nfd, f);
		}
		return nfd;
	case F_GETFD:
		return get_cloexec(current->files, (unsigned)fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_cloexec(current->files, (unsigned)fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | ((unsigned)arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}
