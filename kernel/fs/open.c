/*
 * kernel/fs/open.c - opening files, and the calls that change a file or
 * the caller's place in the tree: open, openat, creat, close,
 * truncate64, ftruncate64, chmod, fchmod, fchmodat, chdir, fchdir,
 * getcwd, access, faccessat.
 *
 * There is one user, root, so permissions are not checked beyond what
 * Linux enforces even for root: nothing is written on a read-only mount
 * (EROFS), a directory is not opened for writing (EISDIR), and only a
 * file with an execute bit runs (kernel/exec.c).
 */
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/syscalls.h>
#include <mm/slab.h>

int mnt_want_write(const struct vfsmount *mnt)
{
	if ((mnt->mnt_flags & MNT_READONLY) || (mnt->mnt_sb->s_flags & SB_RDONLY))
		return -EROFS;
	return 0;
}

/* dentry_open - a file open on path with flags; *err on failure. */
struct file *dentry_open(const struct path *path, unsigned flags, long *err)
{
	struct inode *inode = path->dentry->d_inode;
	struct file *f = alloc_file(path, flags, (flags & O_PATH) ? NULL : inode->i_fop);
	int e;

	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (flags & O_PATH)
		return f;
	if (f->f_op && f->f_op->open) {
		e = f->f_op->open(inode, f);
		if (e) {
			f->f_op = NULL;		/* never opened: no release */
			fput(f);
			*err = e;
			return NULL;
		}
	}
	return f;
}

/* may_open - the checks between finding the file and opening it. */
static int may_open(const struct path *path, unsigned flags)
{
	struct inode *inode = path->dentry->d_inode;
	bool write = (flags & O_ACCMODE) == O_WRONLY || (flags & O_ACCMODE) == O_RDWR;

	if (flags & O_PATH)
		return 0;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;
	if (S_ISDIR(inode->i_mode) && (write || (flags & O_CREAT)))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if ((write || (flags & O_TRUNC)) && S_ISREG(inode->i_mode))
		return mnt_want_write(path->mnt);
	return 0;
}

/*
 * open_last - the last component of an O_CREAT open, in the locked
 * parent: create it if missing, or step onto it.  A symlink there is
 * followed (open creates what a dangling link names, as Linux does):
 * returns 1 with *link filled for the caller to walk on.
 */
static int open_last(struct path *parent, const char *last, int len, unsigned flags,
		     umode_t mode, struct path *res, bool *created)
{
	struct inode *dir = parent->dentry->d_inode;
	struct dentry *d;
	int err;

	inode_lock(dir);
	d = lookup_one_len(last, parent->dentry, len);
	if (IS_ERR(d)) {
		inode_unlock(dir);
		return (int)PTR_ERR(d);
	}
	if (d_is_negative(d)) {
		err = mnt_want_write(parent->mnt);
		if (!err)
			err = vfs_create(dir, d, (umode_t)((mode & ~current->umask & S_IALLUGO) | S_IFREG),
					 flags & O_EXCL);
		inode_unlock(dir);
		if (err) {
			dput(d);
			return err;
		}
		*created = true;
		res->mnt = mntget(parent->mnt);
		res->dentry = d;
		return 0;
	}
	inode_unlock(dir);
	if (flags & O_EXCL) {
		dput(d);
		return -EEXIST;
	}
	res->mnt = mntget(parent->mnt);
	res->dentry = d;
	follow_down(res);
	if (S_ISLNK(res->dentry->d_inode->i_mode) && !(flags & O_NOFOLLOW))
		return 1;
	return 0;
}

/*
 * open_creat - open with O_CREAT: find the parent, then open_last; a
 * symlink as last component goes on from its target's parent.
 */
static int open_creat(int dfd, const char *name, unsigned flags, umode_t mode,
		      struct path *res, bool *created)
{
	struct path parent, dir;
	const char *last;
	char *linkbuf = NULL;
	int len, err, links = 0;
	enum last_type type;

	if (name[strlen(name) - 1] == '/')
		return -EISDIR;
	err = path_parentat(dfd, name, &parent, &last, &len, &type);
	if (err)
		return err;
	for (;;) {
		struct inode *link;

		if (type != LAST_NORM) {
			err = -EISDIR;
			break;
		}
		err = open_last(&parent, last, len, flags, mode, res, created);
		if (err != 1)
			break;
		link = res->dentry->d_inode;	/* a symlink: follow it */
		err = ++links > MAXSYMLINKS ? -ELOOP : 0;
		if (!err && !linkbuf) {
			linkbuf = getname_kernel("");
			err = IS_ERR(linkbuf) ? (int)PTR_ERR(linkbuf) : 0;
			linkbuf = IS_ERR(linkbuf) ? NULL : linkbuf;
		}
		len = err ? err : link->i_op->get_link(link, linkbuf, PATH_MAX);
		path_put(res);
		if (len <= 0 || linkbuf[len - 1] == '/') {
			err = len < 0 ? len : len ? -EISDIR : -ENOENT;
			break;
		}
		dir = parent;
		err = vfs_parentat(&dir, linkbuf, &parent, &last, &len, &type);
		path_put(&dir);
		if (err) {
			putname(linkbuf);
			return err;
		}
	}
	path_put(&parent);
	if (linkbuf)
		putname(linkbuf);
	return err;
}

struct file *do_filp_open(int dfd, const char *name, unsigned flags, umode_t mode, long *err)
{
	struct path path;
	bool created = false;
	struct file *f;
	int e;

	if (flags & O_CREAT) {
		e = open_creat(dfd, name, flags, mode, &path, &created);
	} else {
		unsigned lookup = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;

		if (flags & O_DIRECTORY)
			lookup |= LOOKUP_DIRECTORY;
		e = path_lookupat(dfd, name, lookup, &path);
	}
	if (e) {
		*err = e;
		return NULL;
	}
	e = created ? 0 : may_open(&path, flags);
	if (!e && !created && (flags & O_TRUNC) && S_ISREG(path.dentry->d_inode->i_mode))
		e = do_truncate(path.dentry, 0);
	if (e) {
		path_put(&path);
		*err = e;
		return NULL;
	}
	f = dentry_open(&path, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC), err);
	path_put(&path);
	return f;
}

struct file *filp_open(const char *name, unsigned flags, umode_t mode, long *err)
{
	return do_filp_open(AT_FDCWD, name, flags, mode, err);
}

int filp_close(struct file *f)
{
	fput(f);
	return 0;
}

static long do_sys_open(int dfd, vaddr_t uname, unsigned flags, umode_t mode)
{
	char *name = getname(uname);
	struct file *f;
	long err;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	if (flags & __O_TMPFILE) {
		putname(name);
		return -EOPNOTSUPP;
	}
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		putname(name);
		return fd;
	}
	f = do_filp_open(dfd, name, flags, mode, &err);
	putname(name);
	if (!f) {
		put_unused_fd((unsigned)fd);
		return err;
	}
	fd_install((unsigned)fd, f);
	return fd;
}

long sys_open(vaddr_t uname, int flags, int mode)
{
	return do_sys_open(AT_FDCWD, uname, (unsigned)flags, (umode_t)mode);
}

long sys_openat(int dfd, vaddr_t uname, int flags, int mode)
{
	return do_sys_open(dfd, uname, (unsigned)flags, (umode_t)mode);
}

long sys_creat(vaddr_t uname, int mode)
{
	return do_sys_open(AT_FDCWD, uname, O_CREAT | O_WRONLY | O_TRUNC, (umode_t)mode);
}

/* ---- size and mode --------------------------------------------------- */

int do_truncate(struct dentry *dentry, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = length };
	int err;

	if (length < 0)
		return -EINVAL;
	if (dentry->d_inode->i_flags & S_SWAPFILE)
		return -ETXTBSY;	/* an active swap file */
	attr.ia_mtime = attr.ia_ctime = current_time();
	inode_lock(dentry->d_inode);
	err = notify_change(dentry, &attr);
	inode_unlock(dentry->d_inode);
	return err;
}

int notify_change(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if (inode->i_op->setattr)
		return inode->i_op->setattr(dentry, attr);
	return simple_setattr(dentry, attr);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	err = mnt_want_write(path->mnt);
	return err ? err : do_truncate(path->dentry, length);
}

long sys_truncate64(vaddr_t uname, loff_t length)
{
	struct path path;
	long err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

long sys_ftruncate64(int fd, loff_t length)
{
	struct file *f = fget(fd);
	struct inode *inode;

	if (!f)
		return -EBADF;
	if (length < 0)
		return -EINVAL;
	inode = f->f_inode;
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	if (f->f_flags & O_APPEND)
		return -EPERM;
	return do_truncate(f->f_path.dentry, length);
}

static long chmod_common(const struct path *path, umode_t mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = mode & S_IALLUGO };
	long err = mnt_want_write(path->mnt);

	if (err)
		return err;
	attr.ia_ctime = current_time();
	inode_lock(path->dentry->d_inode);
	err = notify_change(path->dentry, &attr);
	inode_unlock(path->dentry->d_inode);
	return err;
}

long sys_fchmod(int fd, int mode)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_PATH))
		return -EBADF;
	return chmod_common(&f->f_path, (umode_t)mode);
}

long sys_fchmodat(int dfd, vaddr_t uname, int mode)
{
	struct path path;
	long err = user_path_at(dfd, uname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = chmod_common(&path, (umode_t)mode);
	path_put(&path);
	return err;
}

long sys_chmod(vaddr_t uname, int mode)
{
	return sys_fchmodat(AT_FDCWD, uname, mode);
}

/* ---- where the caller is --------------------------------------------- */

long sys_chdir(vaddr_t uname)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(&path);
	path_put(&path);
	return 0;
}

long sys_fchdir(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	if (!S_ISDIR(f->f_inode->i_mode))
		return -ENOTDIR;
	set_fs_pwd(&f->f_path);
	return 0;
}

/*
 * getcwd (183): the raw call returns the length with the NUL, ERANGE if
 * buf is too small; a cwd that was removed reads "(unreachable)..."
 * in Linux; here its path with " (deleted)" is refused with ENOENT.
 */
long sys_getcwd(vaddr_t ubuf, unsigned long size)
{
	struct path pwd;
	char *page = getname_kernel(""), *p;
	long len;

	if (IS_ERR(page))
		return PTR_ERR(page);
	get_fs_pwd(&pwd);
	if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry)) {
		len = -ENOENT;
		goto out;
	}
	p = d_path(&pwd, page, PATH_MAX);
	len = IS_ERR(p) ? PTR_ERR(p) : (long)(page + PATH_MAX - p);
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	else if (len > 0 && copy_to_user(ubuf, p, (size_t)len))
		len = -EFAULT;
out:
	path_put(&pwd);
	putname(page);
	return len;
}

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* access / faccessat: root may read and write anything (EROFS aside) and
 * execute what has an execute bit, or any directory. */
long sys_faccessat(int dfd, vaddr_t uname, int mode)
{
	struct path path;
	struct inode *inode;
	long err;

	if ((unsigned)mode & ~7u)
		return -EINVAL;
	err = user_path_at(dfd, uname, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	if ((mode & W_OK) && !S_ISCHR(inode->i_mode) && !S_ISBLK(inode->i_mode) &&
	    !S_ISFIFO(inode->i_mode))
		err = mnt_want_write(path.mnt);
	if (!err && (mode & X_OK) && !S_ISDIR(inode->i_mode) && !(inode->i_mode & 0111))
		err = -EACCES;
	path_put(&path);
	return err;
}

long sys_access(vaddr_t uname, int mode)
{
	return sys_faccessat(AT_FDCWD, uname, mode);
}

long sys_umask(int mask)
{
	unsigned old = current->umask;

	current->umask = (unsigned)mask & 0777;
	return old;
}

/* ---- times ------------------------------------------------------------- */

#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)

struct timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

/* One of utimensat's two times into attr (valid bit `bit`); -EINVAL if malformed. */
static int utime_field(const struct timespec32 *t, struct timespec64 *out, unsigned bit,
		       struct iattr *attr)
{
	if (t->tv_nsec == UTIME_OMIT)
		return 0;
	if (t->tv_nsec != UTIME_NOW && (t->tv_nsec < 0 || t->tv_nsec > 999999999))
		return -EINVAL;
	attr->ia_valid |= bit;
	if (t->tv_nsec == UTIME_NOW) {
		*out = current_time();
	} else {
		out->tv_sec = t->tv_sec;
		out->tv_nsec = t->tv_nsec;
	}
	return 0;
}

/*
 * utimensat (348): the access and modification times of a file (now, if
 * times is NULL; UTIME_NOW and UTIME_OMIT per field); a NULL path means
 * the file dfd itself (futimens).  The change time becomes now.
 */
long sys_utimensat(int dfd, vaddr_t uname, vaddr_t utimes, int flags)
{
	struct timespec32 t[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct iattr attr = { .ia_valid = ATTR_CTIME };
	struct path path;
	long err;

	if ((unsigned)flags & ~(unsigned)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes && copy_from_user(t, utimes, sizeof(t)))
		return -EFAULT;
	err = utime_field(&t[0], &attr.ia_atime, ATTR_ATIME, &attr);
	if (!err)
		err = utime_field(&t[1], &attr.ia_mtime, ATTR_MTIME, &attr);
	if (err)
		return err;
	if (!uname) {
		struct file *f = fget(dfd);

		if (!f)
			return -EBADF;
		path = f->f_path;
		path_get(&path);
	} else {
		err = user_path_at(dfd, uname, ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
				   ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &path);
		if (err)
			return err;
	}
	attr.ia_ctime = current_time();
	err = mnt_want_write(path.mnt);
	if (!err && attr.ia_valid != ATTR_CTIME) {
		inode_lock(path.dentry->d_inode);
		err = notify_change(path.dentry, &attr);
		inode_unlock(path.dentry->d_inode);
	}
	path_put(&path);
	return err;
}
