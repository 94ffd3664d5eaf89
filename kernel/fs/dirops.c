/*
 * kernel/fs/dirops.c - the calls that add, remove and rename names:
 * mkdir, mknod, rmdir, unlink, symlink, link, rename, readlink, with
 * their *at forms.  Each one walks to the parent directory, locks it,
 * looks the last name up, checks Linux's conditions (in Linux's order, so
 * that the same bad call gets the same errno), then lets the file system
 * do it (inode_operations) and updates the dentry cache to match.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <mm/slab.h>

static struct mutex rename_mutex = MUTEX_INIT;

/* ---- the VFS side of each operation ----------------------------------- */

int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, mode, excl);
}

int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, (umode_t)((mode & (S_IALLUGO)) | S_IFDIR));
}

int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new)
{
	struct inode *inode = old->d_inode;

	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op->link)
		return -EPERM;
	if (inode->i_nlink == 0)
		return -ENOENT;		/* a file unlinked while open */
	return dir->i_op->link(old, dir, new);
}

int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	int err;

	if (S_ISDIR(dentry->d_inode->i_mode))
		return -EISDIR;
	if (!dir->i_op->unlink)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	err = dir->i_op->unlink(dir, dentry);
	if (!err)
		d_delete(dentry);
	return err;
}

int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;
	int err;

	if (!S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	inode_lock(inode);
	shrink_dcache_parent(dentry);
	err = dir->i_op->rmdir(dir, dentry);
	if (!err)
		inode->i_flags |= S_DEAD;
	inode_unlock(inode);
	if (!err)
		d_delete(dentry);
	return err;
}

/* ---- mkdir, mknod, symlink, link ------------------------------------- */

long sys_mkdirat(int dfd, vaddr_t uname, int mode)
{
	char *name = getname(uname);
	struct path path;
	struct dentry *d;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	d = kern_path_create(dfd, name, &path, LOOKUP_DIRECTORY);
	putname(name);
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_mkdir(path.dentry->d_inode, d, (umode_t)(mode & ~current->umask & 01777));
	done_path_create(&path, d);
	return err;
}

long sys_mkdir(vaddr_t uname, int mode)
{
	return sys_mkdirat(AT_FDCWD, uname, mode);
}

long sys_mknodat(int dfd, vaddr_t uname, int mode, unsigned dev)
{
	char *name;
	struct path path;
	struct dentry *d;
	long err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	name = getname(uname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	d = kern_path_create(dfd, name, &path, 0);
	putname(name);
	if (IS_ERR(d))
		return PTR_ERR(d);
	mode = (mode & S_IFMT) | (mode & ~current->umask & S_IALLUGO);
	if (S_ISREG((umode_t)mode))
		err = vfs_create(path.dentry->d_inode, d, (umode_t)mode, true);
	else
		err = vfs_mknod(path.dentry->d_inode, d, (umode_t)mode, new_decode_dev(dev));
	done_path_create(&path, d);
	return err;
}

long sys_mknod(vaddr_t uname, int mode, unsigned dev)
{
	return sys_mknodat(AT_FDCWD, uname, mode, dev);
}

long sys_symlinkat(vaddr_t utarget, int dfd, vaddr_t uname)
{
	char *target = getname(utarget), *name;
	struct path path;
	struct dentry *d;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(uname);
	if (IS_ERR(name)) {
		putname(target);
		return PTR_ERR(name);
	}
	d = kern_path_create(dfd, name, &path, 0);
	err = IS_ERR(d) ? PTR_ERR(d) : vfs_symlink(path.dentry->d_inode, d, target);
	if (!IS_ERR(d))
		done_path_create(&path, d);
	putname(name);
	putname(target);
	return err;
}

long sys_symlink(vaddr_t utarget, vaddr_t uname)
{
	return sys_symlinkat(utarget, AT_FDCWD, uname);
}

long sys_linkat(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew, int flags)
{
	struct path old, path;
	struct dentry *d;
	char *name;
	long err;

	if ((unsigned)flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(olddfd, uold, ((flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0) |
			   ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &old);
	if (err)
		return err;
	name = getname(unew);
	if (IS_ERR(name)) {
		path_put(&old);
		return PTR_ERR(name);
	}
	d = kern_path_create(newdfd, name, &path, 0);
	putname(name);
	if (IS_ERR(d)) {
		path_put(&old);
		return PTR_ERR(d);
	}
	err = old.mnt != path.mnt ? -EXDEV : vfs_link(old.dentry, path.dentry->d_inode, d);
	done_path_create(&path, d);
	path_put(&old);
	return err;
}

long sys_link(vaddr_t uold, vaddr_t unew)
{
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- unlink and rmdir ------------------------------------------------- */

/*
 * do_remove - unlink or rmdir the last component of name.  Linux's
 * errors for the special names: rmdir "." EINVAL, ".." ENOTEMPTY, "/"
 * EBUSY; unlink of any of them EISDIR.
 */
static long do_remove(int dfd, vaddr_t uname, bool dir)
{
	char *name = getname(uname);
	struct path parent;
	const char *last;
	int len;
	enum last_type type;
	struct dentry *d;
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = path_parentat(dfd, name, &parent, &last, &len, &type);
	if (err)
		goto out;
	if (type != LAST_NORM) {
		err = !dir ? -EISDIR : type == LAST_DOT ? -EINVAL :
		      type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto put;
	}
	err = mnt_want_write(parent.mnt);
	if (err)
		goto put;
	inode_lock(parent.dentry->d_inode);
	d = lookup_one_len(last, parent.dentry, len);
	err = IS_ERR(d) ? PTR_ERR(d) : d_is_negative(d) ? -ENOENT : 0;
	if (!err && !dir && last[len] == '/' && !S_ISDIR(d->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err)
		err = dir ? vfs_rmdir(parent.dentry->d_inode, d) :
			    vfs_unlink(parent.dentry->d_inode, d);
	if (!IS_ERR(d))
		dput(d);
	inode_unlock(parent.dentry->d_inode);
put:
	path_put(&parent);
out:
	putname(name);
	return err;
}

long sys_unlinkat(int dfd, vaddr_t uname, int flags)
{
	if ((unsigned)flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return do_remove(dfd, uname, flags & AT_REMOVEDIR);
}

long sys_unlink(vaddr_t uname)
{
	return do_remove(AT_FDCWD, uname, false);
}

long sys_rmdir(vaddr_t uname)
{
	return do_remove(AT_FDCWD, uname, true);
}

/* ---- rename ------------------------------------------------------------ */

#define RENAME_NOREPLACE	1u
#define RENAME_EXCHANGE		2u
#define RENAME_WHITEOUT		4u

/* Lock both directories of a rename (one if they are the same). */
static void lock_rename(struct inode *a, struct inode *b)
{
	mutex_lock(&rename_mutex);
	inode_lock(a);
	if (b != a)
		inode_lock(b);
}

static void unlock_rename(struct inode *a, struct inode *b)
{
	if (b != a)
		inode_unlock(b);
	inode_unlock(a);
	mutex_unlock(&rename_mutex);
}

/* The checks of vfs_rename between two looked-up dentries. */
static int may_rename(struct dentry *old, struct dentry *new, unsigned flags)
{
	struct inode *src = old->d_inode, *dst = new->d_inode;

	if (!src)
		return -ENOENT;
	if (dst && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (dst && S_ISDIR(src->i_mode) && !S_ISDIR(dst->i_mode))
		return -ENOTDIR;
	if (dst && !S_ISDIR(src->i_mode) && S_ISDIR(dst->i_mode))
		return -EISDIR;
	if (d_mountpoint(old) || d_mountpoint(new))
		return -EBUSY;
	if (S_ISDIR(src->i_mode) && is_subdir(new->d_parent, old))
		return -EINVAL;		/* into its own subtree */
	if (dst && is_subdir(old->d_parent, new))
		return -ENOTEMPTY;	/* over an ancestor of itself */
	return 0;
}

int vfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
	       struct dentry *new, unsigned flags)
{
	struct inode *target = new->d_inode;
	int err;

	if (old->d_inode == target)
		return 0;		/* two names of one file: nothing to do */
	err = may_rename(old, new, flags);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	if (target && S_ISDIR(target->i_mode)) {
		inode_lock(target);
		shrink_dcache_parent(new);
	}
	err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	if (target && S_ISDIR(target->i_mode)) {
		if (!err)
			target->i_flags |= S_DEAD;
		inode_unlock(target);
	}
	if (!err)
		d_move(old, new);
	return err;
}

struct rename_names {
	struct path old_parent, new_parent;
	const char *old_last, *new_last;
	int old_len, new_len;
	enum last_type old_type, new_type;
};

static long rename_locked(struct rename_names *r, unsigned flags)
{
	struct dentry *old, *new;
	long err;

	old = lookup_one_len(r->old_last, r->old_parent.dentry, r->old_len);
	if (IS_ERR(old))
		return PTR_ERR(old);
	err = d_is_negative(old) ? -ENOENT : 0;
	if (!err && !S_ISDIR(old->d_inode->i_mode) &&
	    (r->old_last[r->old_len] == '/' || r->new_last[r->new_len] == '/'))
		err = -ENOTDIR;
	new = err ? NULL : lookup_one_len(r->new_last, r->new_parent.dentry, r->new_len);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		new = NULL;
	}
	if (!err)
		err = vfs_rename(r->old_parent.dentry->d_inode, old,
				 r->new_parent.dentry->d_inode, new, flags);
	if (new)
		dput(new);
	dput(old);
	return err;
}

long sys_renameat2(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew, unsigned flags)
{
	char *oldname, *newname = NULL;
	struct rename_names r;
	long err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;		/* neither is supported by these file systems */
	oldname = getname(uold);
	if (IS_ERR(oldname))
		return PTR_ERR(oldname);
	newname = getname(unew);
	err = IS_ERR(newname) ? PTR_ERR(newname) :
	      path_parentat(olddfd, oldname, &r.old_parent, &r.old_last, &r.old_len, &r.old_type);
	if (err)
		goto out;
	err = path_parentat(newdfd, newname, &r.new_parent, &r.new_last, &r.new_len, &r.new_type);
	if (err)
		goto put_old;
	err = r.old_parent.mnt != r.new_parent.mnt ? -EXDEV :
	      r.old_type != LAST_NORM ? -EBUSY :
	      r.new_type != LAST_NORM ? ((flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY) :
	      mnt_want_write(r.old_parent.mnt);
	if (!err) {
		lock_rename(r.old_parent.dentry->d_inode, r.new_parent.dentry->d_inode);
		err = rename_locked(&r, flags);
		unlock_rename(r.old_parent.dentry->d_inode, r.new_parent.dentry->d_inode);
	}
	path_put(&r.new_parent);
put_old:
	path_put(&r.old_parent);
out:
	if (!IS_ERR(newname))
		putname(newname);
	putname(oldname);
	return err;
}

long sys_renameat(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew)
{
	return sys_renameat2(olddfd, uold, newdfd, unew, 0);
}

long sys_rename(vaddr_t uold, vaddr_t unew)
{
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- readlink ------------------------------------------------------------ */

long sys_readlinkat(int dfd, vaddr_t uname, vaddr_t ubuf, int bufsiz)
{
	struct path path;
	struct inode *inode;
	char *buf;
	long err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dfd, uname, LOOKUP_EMPTY, &path);
	if (err)
		return err;
	inode = path.dentry->d_inode;
	err = -EINVAL;
	if (S_ISLNK(inode->i_mode) && inode->i_op->get_link) {
		buf = getname_kernel("");
		err = IS_ERR(buf) ? PTR_ERR(buf) : inode->i_op->get_link(inode, buf, PATH_MAX);
		if (err > bufsiz)
			err = bufsiz;
		if (err > 0 && copy_to_user(ubuf, buf, (size_t)err))
			err = -EFAULT;
		if (!IS_ERR(buf))
			putname(buf);
	}
	path_put(&path);
	return err;
}

long sys_readlink(vaddr_t uname, vaddr_t ubuf, int bufsiz)
{
	return sys_readlinkat(AT_FDCWD, uname, ubuf, bufsiz);
}
