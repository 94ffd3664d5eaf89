/*
 * kernel/fs/namei.c - from a path name to a dentry (include/kernel/namei.h),
 * and open(2)'s last step.
 *
 * A walk keeps a (mount, dentry) pair and a reference on both.  For each
 * component it asks the dentry cache first (d_lookup: no lock, no I/O);
 * on a miss it locks the directory, looks again (someone may have added
 * the name while we slept) and calls the file system's lookup(), which
 * may read the disk.  The answer, even "no such name", is cached as a
 * dentry, so the next walk through the same name costs a hash lookup.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/bug.h>
#include <mm/slab.h>

#define MAX_NESTED_LINKS	8	/* a symlink to a symlink to ... (Linux's limit) */

struct nameidata {
	struct path path;		/* where the walk is */
	struct path root;		/* "/" for it */
	unsigned int flags;		/* LOOKUP_* */
	int total_links;		/* symlinks followed so far */
	int depth;			/* ... nested inside each other now */
};

/* ---- names from user space (PATH_MAX buffers of their own cache) ---- */

static struct kmem_cache *names_cachep;

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

/* getname_flags - as getname, but "" is allowed (AT_EMPTY_PATH). */
static char *getname_flags(vaddr_t upath, bool empty_ok)
{
	char *name = kmem_cache_alloc(names_cachep, GFP_KERNEL);
	long n;

	if (!name)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(name, upath, PATH_MAX);
	if (n < 0 || n == PATH_MAX || (n == 0 && !empty_ok)) {
		kmem_cache_free(names_cachep, name);
		return ERR_PTR(n < 0 ? n : n ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

char *getname_kernel(const char *kname)
{
	char *name = kmem_cache_alloc(names_cachep, GFP_KERNEL);

	if (!name)
		return ERR_PTR(-ENOMEM);
	if (strlcpy(name, kname, PATH_MAX) >= PATH_MAX) {
		kmem_cache_free(names_cachep, name);
		return ERR_PTR(-ENAMETOOLONG);
	}
	return name;
}

void putname(char *name)
{
	kmem_cache_free(names_cachep, name);
}

void names_cache_init(void)
{
	names_cachep = kmem_cache_create("names_cache", PATH_MAX, 0, SLAB_PANIC, NULL);
}

/* ---- one step ------------------------------------------------------- */

/*
 * __lookup_hash - the child `name` of base, whose i_mutex the caller
 * holds: cached, or a new dentry the file system's lookup() filled in
 * (maybe negative).  A reference taken; ERR_PTR on error.
 */
static struct dentry *__lookup_hash(const struct qstr *name, struct dentry *base)
{
	struct inode *dir = base->d_inode;
	struct dentry *d = d_lookup(base, name), *old;

	if (d)
		return d;
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	d = d_alloc(base, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, d, 0);
	if (old) {
		dput(d);
		return old;		/* an error, or a dentry the fs preferred */
	}
	return d;
}

static int make_qstr(struct qstr *q, const struct dentry *base, const char *name, int len)
{
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	q->name = name;
	q->len = (u32)len;
	q->hash = full_name_hash(base, name, (u32)len);
	return 0;
}

/* lookup - a child of dir for a walk: the cache, else the fs with dir locked */
static struct dentry *lookup(struct dentry *dir, const char *name, int len)
{
	struct qstr q;
	struct dentry *d;
	int err = make_qstr(&q, dir, name, len);

	if (err)
		return ERR_PTR(err);
	d = d_lookup(dir, &q);
	if (d)
		return d;
	inode_lock(dir->d_inode);
	d = __lookup_hash(&q, dir);
	inode_unlock(dir->d_inode);
	return d;
}

struct dentry *lookup_one_len(const char *name, struct dentry *base, int len)
{
	struct qstr q;
	int err;

	if (!len || (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'))))
		return ERR_PTR(-EACCES);
	if (memchr(name, '/', (size_t)len))
		return ERR_PTR(-EACCES);
	err = make_qstr(&q, base, name, len);
	return err ? ERR_PTR(err) : __lookup_hash(&q, base);
}

/* ".." : up one dentry, out of mount roots first, never above the root. */
static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct dentry *parent;

		if (path_equal(&nd->path, &nd->root))
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			parent = dget(nd->path.dentry->d_parent);
			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;
	}
	follow_down(&nd->path);
}

static int link_path_walk(const char *name, struct nameidata *nd, bool follow_last);

/*
 * follow_link - go on at what the symlink at `link` names: from the
 * root for "/...", from nd's directory otherwise.  Consumes link.  Used
 * for a symlink in the middle of a path: it nests, at most
 * MAX_NESTED_LINKS deep (ELOOP beyond, as Linux).
 */
static char *read_link(struct nameidata *nd, struct path *link);

static int follow_link(struct nameidata *nd, struct path *link)
{
	char *buf;
	int err;

	if (nd->depth >= MAX_NESTED_LINKS) {
		path_put(link);
		return -ELOOP;
	}
	buf = read_link(nd, link);
	if (IS_ERR(buf))
		return (int)PTR_ERR(buf);
	nd->depth++;
	err = link_path_walk(buf, nd, true);
	nd->depth--;
	kmem_cache_free(names_cachep, buf);
	return err;
}

/*
 * walk_component - take one name (not "." or "..") from nd's directory.
 * A symlink is followed (a nested walk) if follow; as the last component
 * it is left to the caller instead when *last_link is given: the caller
 * goes on with its target without nesting (a chain of symlinks, each
 * naming the next, costs no depth, only the 40-link budget).
 */
static int walk_component(struct nameidata *nd, const char *name, int len, bool follow,
			  struct path *last_link)
{
	struct path next;
	struct dentry *d;

	d = lookup(nd->path.dentry, name, len);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d_is_negative(d)) {
		dput(d);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	follow_down(&next);
	if (S_ISLNK(next.dentry->d_inode->i_mode) && follow) {
		if (!last_link)
			return follow_link(nd, &next);
		*last_link = next;
		return 1;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * read_link - the target of the symlink at link (consumed) into a new
 * PATH_MAX buffer, counting it against the 40-link budget.
 */
static char *read_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	char *buf;
	int len;

	if (++nd->total_links > MAXSYMLINKS) {
		path_put(link);
		return ERR_PTR(-ELOOP);
	}
	buf = kmem_cache_alloc(names_cachep, GFP_KERNEL);
	if (!buf) {
		path_put(link);
		return ERR_PTR(-ENOMEM);
	}
	len = inode->i_op->get_link ? inode->i_op->get_link(inode, buf, PATH_MAX) : -EINVAL;
	path_put(link);
	if (len <= 0) {
		kmem_cache_free(names_cachep, buf);
		return ERR_PTR(len ? len : -ENOENT);
	}
	return buf;
}

/*
 * link_path_walk - walk all of name from nd->path.  Every component but
 * the last must be a directory (a symlink to one is followed, nested);
 * the last is followed if follow_last, by going on with its target in
 * this same loop.  A trailing '/' makes the last component one that must
 * be a directory.
 */
static int link_path_walk(const char *name, struct nameidata *nd, bool follow_last)
{
	char *own = NULL;	/* the target we are walking now, if a symlink's */
	int err = 0;

again:
	if (*name == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	for (;;) {
		struct path link;
		const char *start;
		int len;
		bool last, slash;

		while (*name == '/')
			name++;
		if (!*name)
			break;
		err = -ENOTDIR;
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			break;
		start = name;
		while (*name && *name != '/')
			name++;
		len = (int)(name - start);
		while (*name == '/')
			name++;
		last = !*name;
		slash = name[-1] == '/';
		err = -ENAMETOOLONG;
		if (len > NAME_MAX)
			break;
		err = 0;
		if (len == 1 && start[0] == '.')
			continue;
		if (len == 2 && start[0] == '.' && start[1] == '.') {
			follow_dotdot(nd);
			continue;
		}
		err = walk_component(nd, start, len, !last || follow_last || slash,
				     last ? &link : NULL);
		if (err == 1) {		/* the last component is a symlink: go on with it */
			char *target = read_link(nd, &link);

			err = IS_ERR(target) ? (int)PTR_ERR(target) : 0;
			if (err)
				break;
			if (own)
				kmem_cache_free(names_cachep, own);
			own = target;
			name = own;
			follow_last = true;
			goto again;
		}
		if (err)
			break;
		if (last && slash && !S_ISDIR(nd->path.dentry->d_inode->i_mode)) {
			err = -ENOTDIR;
			break;
		}
	}
	if (own)
		kmem_cache_free(names_cachep, own);
	return err;
}

/* Where a walk starts: the root, the cwd, or the directory dfd. */
static int path_init(int dfd, const char *name, struct nameidata *nd, unsigned flags)
{
	nd->flags = flags;
	nd->total_links = 0;
	nd->depth = 0;
	get_fs_root(&nd->root);
	if (*name == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	if (dfd == AT_FDCWD) {
		get_fs_pwd(&nd->path);
		return 0;
	}
	{
		struct file *f = fget(dfd);

		if (!f) {
			path_put(&nd->root);
			return -EBADF;
		}
		if (*name && !S_ISDIR(f->f_inode->i_mode)) {
			path_put(&nd->root);
			return -ENOTDIR;
		}
		nd->path = f->f_path;
		path_get(&nd->path);
	}
	return 0;
}

static void terminate_walk(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
}

int path_lookupat(int dfd, const char *name, unsigned flags, struct path *path)
{
	struct nameidata nd;
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	err = path_init(dfd, name, &nd, flags);
	if (err)
		return err;
	err = link_path_walk(name, &nd, flags & LOOKUP_FOLLOW);
	if (!err && (flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*path = nd.path;
		path_get(path);
	}
	terminate_walk(&nd);
	return err;
}

int kern_path(const char *name, unsigned flags, struct path *path)
{
	return path_lookupat(AT_FDCWD, name, flags, path);
}

int vfs_path_lookup(const struct path *start, const char *name, unsigned flags,
		    struct path *path)
{
	struct nameidata nd;
	int err;

	nd.flags = flags;
	nd.total_links = nd.depth = 0;
	get_fs_root(&nd.root);
	nd.path = *start;
	path_get(&nd.path);
	err = link_path_walk(name, &nd, flags & LOOKUP_FOLLOW);
	if (!err) {
		*path = nd.path;
		path_get(path);
	}
	terminate_walk(&nd);
	return err;
}

int user_path_at(int dfd, vaddr_t uname, unsigned flags, struct path *path)
{
	char *name = getname_flags(uname, flags & LOOKUP_EMPTY);
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	err = path_lookupat(dfd, name, flags, path);
	putname(name);
	return err;
}

/* Split name into its directory part (walked) and its last component. */
static int parentat_walk(struct nameidata *nd, const char *name, struct path *parent,
			 const char **last, int *lastlen, enum last_type *type)
{
	const char *end = name + strlen(name), *s;
	char *dir;
	int err;

	while (end > name && end[-1] == '/')
		end--;
	for (s = end; s > name && s[-1] != '/'; s--)
		;
	*last = s;
	*lastlen = (int)(end - s);
	*type = end == name ? LAST_ROOT : (*lastlen == 1 && s[0] == '.') ? LAST_DOT :
		(*lastlen == 2 && s[0] == '.' && s[1] == '.') ? LAST_DOTDOT : LAST_NORM;
	if (*lastlen > NAME_MAX)
		return -ENAMETOOLONG;
	dir = kmem_cache_alloc(names_cachep, GFP_KERNEL);
	if (!dir)
		return -ENOMEM;
	memcpy(dir, name, (size_t)(s - name));
	dir[s - name] = '\0';
	err = link_path_walk(dir, nd, true);
	kmem_cache_free(names_cachep, dir);
	if (!err && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	if (!err) {
		*parent = nd->path;
		path_get(parent);
	}
	return err;
}

/*
 * path_parentat - walk all but the last component of name; *last points
 * at it.  A name ending in '/' keeps the slash out of *last (the caller
 * sees *lastlen).  "/" alone gives LAST_ROOT.
 */
int path_parentat(int dfd, const char *name, struct path *parent,
		  const char **last, int *lastlen, enum last_type *type)
{
	struct nameidata nd;
	int err;

	if (!*name)
		return -ENOENT;
	err = path_init(dfd, name, &nd, 0);
	if (err)
		return err;
	err = parentat_walk(&nd, name, parent, last, lastlen, type);
	terminate_walk(&nd);
	return err;
}

/* vfs_parentat - the same from the directory start (a symlink's target). */
int vfs_parentat(const struct path *start, const char *name, struct path *parent,
		 const char **last, int *lastlen, enum last_type *type)
{
	struct nameidata nd;
	int err;

	if (!*name)
		return -ENOENT;
	nd.flags = 0;
	nd.total_links = nd.depth = 0;
	get_fs_root(&nd.root);
	nd.path = *start;
	path_get(&nd.path);
	err = parentat_walk(&nd, name, parent, last, lastlen, type);
	terminate_walk(&nd);
	return err;
}

/*
 * kern_path_create - for mkdir, symlink, mknod, link: the parent locked
 * and a negative dentry for the new name.  EEXIST if the name exists;
 * a trailing '/' is only allowed for directories (LOOKUP_DIRECTORY).
 */
struct dentry *kern_path_create(int dfd, const char *name, struct path *path,
				unsigned lookup_flags)
{
	const char *last;
	int len, err;
	enum last_type type;
	struct dentry *d;
	bool slash = *name && name[strlen(name) - 1] == '/';

	err = path_parentat(dfd, name, path, &last, &len, &type);
	if (err)
		return ERR_PTR(err);
	if (type != LAST_NORM) {
		path_put(path);
		return ERR_PTR(-EEXIST);
	}
	err = mnt_want_write(path->mnt);
	if (err) {
		path_put(path);
		return ERR_PTR(err);
	}
	inode_lock(path->dentry->d_inode);
	d = lookup_one_len(last, path->dentry, len);
	if (IS_ERR(d))
		goto fail;
	if (!d_is_negative(d)) {
		dput(d);
		d = ERR_PTR(-EEXIST);
		goto fail;
	}
	if (slash && !(lookup_flags & LOOKUP_DIRECTORY)) {
		dput(d);
		d = ERR_PTR(-ENOENT);
		goto fail;
	}
	return d;
fail:
	inode_unlock(path->dentry->d_inode);
	path_put(path);
	return d;
}

void done_path_create(struct path *path, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(path->dentry->d_inode);
	path_put(path);
}
