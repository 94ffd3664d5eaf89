/*
 * kernel/fs/namespace.c - the mount tree: mount(2), umount2(2),
 * /proc/mounts, and each task's root and working directory.
 *
 * A mount is referenced by the tree (one count while it is attached) and
 * by every path into it (open files, working directories, walks in
 * progress).  umount refuses with EBUSY while anything but the tree and
 * the umount call itself holds one, or while something is mounted on it;
 * MNT_DETACH ("lazy") takes it out of the tree at once and lets the last
 * user free it.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <kernel/bug.h>
#include <kernel/selftest.h>
#include <mm/slab.h>

struct fs_struct {
	int users;
	struct path root, pwd;
};

static LIST_HEAD(mount_list);
struct vfsmount *root_mnt;
static struct fs_struct init_fs = { .users = 1 };

void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		mnt->mnt_count++;
	return mnt;
}

void mntput(struct vfsmount *mnt)
{
	if (!mnt)
		return;
	BUG_ON(mnt->mnt_count <= 0);
	if (--mnt->mnt_count)
		return;
	/* only a detached mount gets here: the tree held a count otherwise */
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(mnt->mnt_devname);
	kfree(mnt);
}

static struct vfsmount *alloc_vfsmnt(struct super_block *sb, struct dentry *root,
				     const char *devname)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt), GFP_KERNEL);

	if (!mnt)
		return NULL;
	mnt->mnt_devname = kstrdup(devname ? devname : "none", GFP_KERNEL);
	if (!mnt->mnt_devname) {
		kfree(mnt);
		return NULL;
	}
	mnt->mnt_sb = sb;
	mnt->mnt_root = dget(root);
	mnt->mnt_count = 1;
	mnt->mnt_parent = mnt;
	INIT_LIST_HEAD(&mnt->mnt_list);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_child);
	return mnt;
}

/* vfs_kern_mount - a new, unattached mount of a new or shared super_block. */
static struct vfsmount *vfs_kern_mount(struct file_system_type *type, unsigned flags,
				       const char *devname, void *data)
{
	struct super_block *sb = mount_fs(type, flags, devname, data);
	struct vfsmount *mnt;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	mnt = alloc_vfsmnt(sb, sb->s_root, devname);
	if (!mnt) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return mnt;
}

/* kern_mount - an internal mount, in no tree (tmpfs for shared memory). */
struct vfsmount *kern_mount(struct file_system_type *type)
{
	return vfs_kern_mount(type, SB_KERNMOUNT, type->name, NULL);
}

/* lookup_mnt - what is mounted on path (the last mount there), or NULL. */
struct vfsmount *lookup_mnt(const struct path *path)
{
	struct vfsmount *m, *found = NULL;

	list_for_each_entry(m, &path->mnt->mnt_mounts, mnt_child)
		if (m->mnt_mountpoint == path->dentry)
			found = m;
	return found;
}

/* follow_down - from a mountpoint to the root of what is mounted on it. */
bool follow_down(struct path *path)
{
	bool moved = false;

	while (d_mountpoint(path->dentry)) {
		struct vfsmount *m = lookup_mnt(path);

		if (!m)
			break;
		path_put(path);
		path->mnt = mntget(m);
		path->dentry = dget(m->mnt_root);
		moved = true;
	}
	return moved;
}

/* follow_up - from a mount's root to the mountpoint it covers; false at the top. */
bool follow_up(struct path *path)
{
	struct vfsmount *parent = path->mnt->mnt_parent;
	struct dentry *mp = path->mnt->mnt_mountpoint;

	if (parent == path->mnt)
		return false;
	mntget(parent);
	dget(mp);
	path_put(path);
	path->dentry = mp;
	path->mnt = parent;
	return true;
}

static void attach_mnt(struct vfsmount *mnt, const struct path *where)
{
	mnt->mnt_parent = mntget(where->mnt);
	mnt->mnt_mountpoint = dget(where->dentry);
	where->dentry->d_flags |= DCACHE_MOUNTED;
	list_add_tail(&mnt->mnt_child, &where->mnt->mnt_mounts);
	list_add_tail(&mnt->mnt_list, &mount_list);
}

static void detach_mnt(struct vfsmount *mnt)
{
	struct vfsmount *parent = mnt->mnt_parent;
	struct dentry *mp = mnt->mnt_mountpoint;
	struct vfsmount *m;
	bool still = false;

	list_del(&mnt->mnt_child);
	list_del(&mnt->mnt_list);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = NULL;
	list_for_each_entry(m, &parent->mnt_mounts, mnt_child)
		still |= m->mnt_mountpoint == mp;
	if (!still)
		mp->d_flags &= ~DCACHE_MOUNTED;
	dput(mp);
	mntput(parent);
}

/*
 * do_add_mount - attach mnt at path.  Linux's checks: the mountpoint must
 * be a directory (ENOTDIR) that is still there (ENOENT), and the same
 * super_block may not be mounted on its own root (EBUSY: "mount proc on
 * /proc" twice).
 */
static int do_add_mount(struct vfsmount *mnt, const struct path *path)
{
	if (!S_ISDIR(path->dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (d_unhashed(path->dentry) && !IS_ROOT(path->dentry))
		return -ENOENT;
	if (path->mnt->mnt_sb == mnt->mnt_sb && path->mnt->mnt_root == path->dentry)
		return -EBUSY;
	attach_mnt(mnt, path);
	return 0;
}

static unsigned ms_to_mnt_flags(unsigned long ms)
{
	return ((ms & MS_NOSUID) ? MNT_NOSUID : 0) | ((ms & MS_NODEV) ? MNT_NODEV : 0) |
	       ((ms & MS_NOEXEC) ? MNT_NOEXEC : 0) | ((ms & MS_NOATIME) ? MNT_NOATIME : 0) |
	       ((ms & MS_RDONLY) ? MNT_READONLY : 0);
}

static int do_remount(const struct path *path, unsigned long flags, void *data)
{
	struct super_block *sb = path->mnt->mnt_sb;
	unsigned sbflags = (unsigned)(flags & MS_RDONLY ? SB_RDONLY : 0);
	int err = 0;

	if (path->dentry != path->mnt->mnt_root)
		return -EINVAL;
	if ((sb->s_flags ^ sbflags) & SB_RDONLY) {
		if (sbflags & SB_RDONLY)
			sync_filesystem(sb);
		if (sb->s_op && sb->s_op->remount_fs)
			err = sb->s_op->remount_fs(sb, &sbflags, data);
		if (err)
			return err;
		sb->s_flags = (sb->s_flags & ~SB_RDONLY) | sbflags;
	}
	path->mnt->mnt_flags = ms_to_mnt_flags(flags);
	return 0;
}

static int do_bind_mount(const struct path *path, const char *old_name)
{
	struct path old;
	struct vfsmount *mnt;
	int err = kern_path(old_name, LOOKUP_FOLLOW, &old);

	if (err)
		return err;
	mnt = alloc_vfsmnt(old.mnt->mnt_sb, old.dentry, old.mnt->mnt_devname);
	if (mnt) {
		old.mnt->mnt_sb->s_active++;
		err = do_add_mount(mnt, path);
		if (err)
			mntput(mnt);
	} else {
		err = -ENOMEM;
	}
	path_put(&old);
	return err;
}

static int do_new_mount(const struct path *path, const char *type_name, unsigned long flags,
			const char *name, void *data)
{
	struct file_system_type *type;
	struct vfsmount *mnt;
	int err;

	if (!type_name || !*type_name)
		return -EINVAL;
	type = get_fs_type(type_name);
	if (!type)
		return -ENODEV;
	mnt = vfs_kern_mount(type, (unsigned)(flags & (MS_RDONLY | MS_SILENT | MS_SYNCHRONOUS)),
			     name, data);
	if (IS_ERR(mnt))
		return (int)PTR_ERR(mnt);
	mnt->mnt_flags = ms_to_mnt_flags(flags);
	err = do_add_mount(mnt, path);
	if (err)
		mntput(mnt);
	return err;
}

/*
 * do_mount - mount(2) with kernel strings.  MS_REMOUNT changes the flags
 * of a mount (ro <-> rw), MS_BIND attaches an existing tree again
 * elsewhere, anything else mounts a new file system of `type`.
 */
int do_mount(const char *dev_name, const char *dir_name, const char *type_page,
	     unsigned long flags, void *data)
{
	struct path path;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = kern_path(dir_name, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	if (flags & MS_REMOUNT)
		err = do_remount(&path, flags, data);
	else if (flags & MS_BIND)
		err = dev_name ? do_bind_mount(&path, dev_name) : -EINVAL;
	else if (flags & MS_MOVE)
		err = -EINVAL;		/* not supported here */
	else
		err = do_new_mount(&path, type_page, flags, dev_name, data);
	path_put(&path);
	return err;
}

/* A string argument of mount(2): NULL stays NULL. */
static char *copy_mount_string(vaddr_t u)
{
	return u ? getname(u) : NULL;
}

long sys_mount(vaddr_t udev, vaddr_t udir, vaddr_t utype, unsigned long flags, vaddr_t udata)
{
	char *dev = NULL, *dir, *type = NULL, *data = NULL;
	long err;

	dir = getname(udir);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	dev = copy_mount_string(udev);
	type = IS_ERR(dev) ? NULL : copy_mount_string(utype);
	data = IS_ERR_OR_NULL(type) ? NULL : copy_mount_string(udata);
	err = IS_ERR(dev) ? PTR_ERR(dev) : IS_ERR(type) ? PTR_ERR(type) :
	      IS_ERR(data) ? PTR_ERR(data) : do_mount(dev, dir, type, flags, data);
	if (!IS_ERR_OR_NULL(data))
		putname(data);
	if (!IS_ERR_OR_NULL(type))
		putname(type);
	if (!IS_ERR_OR_NULL(dev))
		putname(dev);
	putname(dir);
	return err;
}

/* may_umount - nothing but the tree and our lookup holds mnt, nothing mounted on it */
static bool may_umount(struct vfsmount *mnt)
{
	return mnt->mnt_count <= 2 && list_empty(&mnt->mnt_mounts);
}

static int do_umount(const struct path *path, int flags)
{
	struct vfsmount *mnt = path->mnt;

	if (path->dentry != mnt->mnt_root || mnt->mnt_parent == mnt)
		return mnt == root_mnt && path->dentry == mnt->mnt_root ? -EBUSY : -EINVAL;
	if (!(flags & MNT_DETACH)) {
		shrink_dcache_sb(mnt->mnt_sb);
		if (!may_umount(mnt))
			return -EBUSY;
	}
	detach_mnt(mnt);
	mntput(mnt);		/* the tree's count: freed now, or by its last user */
	return 0;
}

long sys_umount2(vaddr_t uname, int flags)
{
	struct path path;
	unsigned lookup = LOOKUP_FOLLOW;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (flags & UMOUNT_NOFOLLOW)
		lookup = 0;
	err = user_path_at(AT_FDCWD, uname, lookup, &path);
	if (err)
		return err;
	err = (flags & MNT_EXPIRE) ? -EAGAIN : do_umount(&path, flags);
	path_put(&path);
	return err;
}

/* umount_all - at power-off: every mount, the newest first, lazily. */
void umount_all(void)
{
	while (!list_empty(&mount_list)) {
		struct vfsmount *m = list_last_entry(&mount_list, struct vfsmount, mnt_list);

		sync_filesystem(m->mnt_sb);
		detach_mnt(m);
		mntput(m);
	}
}

/* ---- /proc/mounts -------------------------------------------------- */

static void show_mnt_opts(struct seq_buf *s, const struct vfsmount *mnt)
{
	seq_printf(s, "%s", (mnt->mnt_flags & MNT_READONLY) || (mnt->mnt_sb->s_flags & SB_RDONLY) ?
			    "ro" : "rw");
	if (mnt->mnt_flags & MNT_NOSUID)
		seq_printf(s, ",nosuid");
	if (mnt->mnt_flags & MNT_NODEV)
		seq_printf(s, ",nodev");
	if (mnt->mnt_flags & MNT_NOEXEC)
		seq_printf(s, ",noexec");
	seq_printf(s, "%s", (mnt->mnt_flags & MNT_NOATIME) ? ",noatime" : ",relatime");
	if (mnt->mnt_sb->s_op && mnt->mnt_sb->s_op->show_options)
		mnt->mnt_sb->s_op->show_options(s, mnt->mnt_sb);
}

/* Linux's /proc/mounts line: device, mountpoint, type, options, 0 0. */
void show_mounts(struct seq_buf *s)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vfsmount *m;

	if (!buf)
		return;
	list_for_each_entry(m, &mount_list, mnt_list) {
		struct path p = { m, m->mnt_root };
		char *where = d_path(&p, buf, PATH_MAX);

		if (IS_ERR(where))
			continue;
		seq_printf(s, "%s %s %s ", m->mnt_devname, where, m->mnt_sb->s_type->name);
		show_mnt_opts(s, m);
		seq_printf(s, " 0 0\n");
	}
	kfree(buf);
}

bool sb_is_mounted(const struct super_block *sb)
{
	struct vfsmount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_sb == sb)
			return true;
	return false;
}

/* ---- root and working directory ------------------------------------- */

static struct fs_struct *task_fs(void)
{
	return current->fs ? current->fs : &init_fs;
}

void get_fs_root(struct path *root)
{
	*root = task_fs()->root;
	path_get(root);
}

void get_fs_pwd(struct path *pwd)
{
	*pwd = task_fs()->pwd;
	path_get(pwd);
}

void set_fs_pwd(const struct path *path)
{
	struct fs_struct *fs = task_fs();
	struct path old = fs->pwd;

	path_get(path);
	fs->pwd = *path;
	path_put(&old);
}

void set_fs_root(const struct path *path)
{
	struct fs_struct *fs = task_fs();
	struct path old = fs->root;

	path_get(path);
	fs->root = *path;
	path_put(&old);
}

/* copy_fs_struct - fork: the child starts where the parent is. */
struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!old)
		old = &init_fs;
	if (!fs)
		return NULL;
	fs->users = 1;
	fs->root = old->root;
	fs->pwd = old->pwd;
	path_get(&fs->root);
	path_get(&fs->pwd);
	return fs;
}

void free_fs_struct(struct fs_struct *fs)
{
	if (!fs)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kfree(fs);
}

/*
 * mnt_init - the root of everything: a tmpfs mounted as "/" (Linux's
 * rootfs), which the initramfs is unpacked into.
 */
void mnt_init(void)
{
	struct vfsmount *mnt = vfs_kern_mount(&rootfs_fs_type, 0, "rootfs", NULL);

	if (IS_ERR(mnt))
		panic("mnt_init: cannot make the root file system (%ld)", PTR_ERR(mnt));
	root_mnt = mnt;
	list_add_tail(&mnt->mnt_list, &mount_list);
	init_fs.root.mnt = mntget(mnt);
	init_fs.root.dentry = dget(mnt->mnt_root);
	init_fs.pwd.mnt = mntget(mnt);
	init_fs.pwd.dentry = dget(mnt->mnt_root);
}

static void show_mounts_view(struct seq_buf *s)
{
	show_mounts(s);
}
VIEW(mounts, show_mounts_view);
