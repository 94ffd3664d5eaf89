/*
 * kernel/fs/dcache.c - the dentry cache (include/kernel/dcache.h).
 *
 * Every dentry is in its parent's d_subdirs; a looked-up one is also in
 * the hash table, where d_lookup finds a (parent, name) pair in O(1).
 * Unused hashed dentries wait on an LRU list, oldest at the tail, for the
 * next lookup of their name or for the shrinker (drop_caches=2, memory
 * pressure), which frees from the tail.  Freeing a dentry drops its
 * inode reference and its parent's: the inode goes to the inode LRU, the
 * parent, if now unused, to the dentry LRU.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <mm/shrinker.h>

#define D_HASH_BITS	9
#define D_HASH_SIZE	(1u << D_HASH_BITS)

static struct list_head dentry_hashtable[D_HASH_SIZE];
static LIST_HEAD(dentry_lru);
static struct kmem_cache *dentry_cachep;
static unsigned long nr_dentry, nr_unused;

/* FNV-1a over the name, seeded with the parent's address. */
u32 full_name_hash(const struct dentry *parent, const char *name, u32 len)
{
	u32 h = 2166136261u ^ (u32)((uintptr_t)parent >> 4);
	u32 i;

	for (i = 0; i < len; i++)
		h = (h ^ (u8)name[i]) * 16777619u;
	return h;
}

static struct list_head *d_hash(u32 hash)
{
	return &dentry_hashtable[(hash ^ (hash >> D_HASH_BITS)) & (D_HASH_SIZE - 1)];
}

unsigned long nr_dentry_total(void)
{
	return nr_dentry;
}

unsigned long nr_dentry_unused(void)
{
	return nr_unused;
}

/* __d_alloc - a new dentry named name, its own parent, count 1. */
static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *d = kmem_cache_alloc(dentry_cachep, GFP_KERNEL);
	char *dname = NULL;

	if (!d)
		return NULL;
	memset(d, 0, sizeof(*d));
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cachep, d);
			return NULL;
		}
	} else {
		dname = d->d_iname;
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = '\0';
	d->d_name.name = dname;
	d->d_name.len = name->len;
	d->d_name.hash = name->hash;
	d->d_count = 1;
	d->d_parent = d;
	d->d_sb = sb;
	INIT_LIST_HEAD(&d->d_hash);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_lru);
	INIT_LIST_HEAD(&d->d_alias);
	nr_dentry++;
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	d->d_parent = dget(parent);
	d->d_op = parent->d_op;
	if (d->d_op && d->d_op->d_delete)
		d->d_flags |= DCACHE_OP_DELETE;
	list_add_tail(&d->d_child, &parent->d_subdirs);
	return d;
}

struct dentry *d_alloc_name(struct dentry *parent, const char *name)
{
	struct qstr q = { name, (u32)strlen(name), 0 };

	q.hash = full_name_hash(parent, name, q.len);
	return d_alloc(parent, &q);
}

struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name)
{
	struct qstr q = { name, (u32)strlen(name), 0 };
	struct dentry *d = __d_alloc(sb, &q);

	if (d)
		d->d_flags |= DCACHE_DISCONNECTED;
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	static const struct qstr slash = { "/", 1, 0 };
	struct dentry *d;

	if (!root)
		return NULL;
	d = __d_alloc(root->i_sb, &slash);
	if (!d) {
		iput(root);
		return NULL;
	}
	d_instantiate(d, root);
	return d;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	BUG_ON(dentry->d_inode);
	if (inode)
		list_add(&dentry->d_alias, &inode->i_dentry);
	dentry->d_inode = inode;
}

void d_rehash(struct dentry *dentry)
{
	if (dentry->d_flags & DCACHE_HASHED)
		return;
	list_add(&dentry->d_hash, d_hash(dentry->d_name.hash));
	dentry->d_flags |= DCACHE_HASHED;
}

void d_add(struct dentry *dentry, struct inode *inode)
{
	d_instantiate(dentry, inode);
	d_rehash(dentry);
}

void d_drop(struct dentry *dentry)
{
	if (!(dentry->d_flags & DCACHE_HASHED))
		return;
	list_del(&dentry->d_hash);
	dentry->d_flags &= ~DCACHE_HASHED;
}

bool d_unhashed(const struct dentry *dentry)
{
	return !(dentry->d_flags & DCACHE_HASHED);
}

static void lru_del(struct dentry *d)
{
	if (d->d_flags & DCACHE_LRU) {
		list_del(&d->d_lru);
		d->d_flags &= ~DCACHE_LRU;
		nr_unused--;
	}
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry->d_count++ == 0)
		lru_del(dentry);
	return dentry;
}

struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name)
{
	struct dentry *d;

	list_for_each_entry(d, d_hash(name->hash), d_hash) {
		if (d->d_name.hash != name->hash || d->d_parent != parent ||
		    d->d_name.len != name->len || memcmp(d->d_name.name, name->name, name->len))
			continue;
		return dget(d);
	}
	return NULL;
}

/* Drop the inode a dentry names (it becomes negative). */
static void dentry_unlink_inode(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (!inode)
		return;
	d->d_inode = NULL;
	list_del(&d->d_alias);
	iput(inode);
}

/* Free an unused dentry; returns its parent (whose count we held), or NULL. */
static struct dentry *dentry_kill(struct dentry *d)
{
	struct dentry *parent = IS_ROOT(d) ? NULL : d->d_parent;

	BUG_ON(d->d_count != 0 || !list_empty(&d->d_subdirs));
	lru_del(d);
	d_drop(d);
	list_del(&d->d_child);
	dentry_unlink_inode(d);
	if (d->d_name.name != d->d_iname)
		kfree((void *)d->d_name.name);
	kmem_cache_free(dentry_cachep, d);
	nr_dentry--;
	return parent;
}

/* Keep an unused dentry for later?  Not if unhashed or its fs says no. */
static bool retain_dentry(const struct dentry *d)
{
	if (d_unhashed(d))
		return false;
	if ((d->d_flags & DCACHE_OP_DELETE) && d->d_op->d_delete(d))
		return false;
	return true;
}

void dput(struct dentry *dentry)
{
	while (dentry) {
		BUG_ON(dentry->d_count <= 0);
		if (--dentry->d_count > 0)
			return;
		if (retain_dentry(dentry)) {
			list_add(&dentry->d_lru, &dentry_lru);
			dentry->d_flags |= DCACHE_LRU;
			nr_unused++;
			return;
		}
		dentry = dentry_kill(dentry);
	}
}

/*
 * d_delete - after an unlink: if nobody else uses the dentry it just
 * becomes negative (the name is known not to exist); else it leaves the
 * hash, and its users (an open file) keep the inode until they let go.
 */
void d_delete(struct dentry *dentry)
{
	if (dentry->d_count == 1) {
		dentry_unlink_inode(dentry);
		return;
	}
	d_drop(dentry);
}

/* d_move - rename: dentry takes target's name and parent; target leaves. */
void d_move(struct dentry *dentry, struct dentry *target)
{
	struct dentry *old_parent = dentry->d_parent;
	char *name = dentry->d_iname;

	if (target->d_name.len >= DNAME_INLINE_LEN) {
		name = kmalloc(target->d_name.len + 1, GFP_KERNEL);
		if (!name)
			panic("d_move: no memory for a %u-byte name", target->d_name.len);
	}
	d_drop(dentry);
	d_drop(target);
	if (dentry->d_name.name != dentry->d_iname)
		kfree((void *)dentry->d_name.name);
	memcpy(name, target->d_name.name, target->d_name.len + 1);
	dentry->d_name.name = name;
	dentry->d_name.len = target->d_name.len;
	dentry->d_name.hash = target->d_name.hash;
	if (old_parent != target->d_parent) {
		list_del(&dentry->d_child);
		dentry->d_parent = dget(target->d_parent);
		list_add(&dentry->d_child, &dentry->d_parent->d_subdirs);
		dput(old_parent);
	}
	d_rehash(dentry);
}

bool is_subdir(const struct dentry *d, const struct dentry *ancestor)
{
	for (;;) {
		if (d == ancestor)
			return true;
		if (IS_ROOT(d))
			return false;
		d = d->d_parent;
	}
}

/*
 * Free every unused dentry below parent, children before their parents;
 * returns how many.  The caller holds parent, so no count we drop here
 * reaches zero above the dentry being freed.
 */
static unsigned long shrink_children(struct dentry *parent)
{
	struct dentry *d, *n;
	unsigned long freed = 0;

	list_for_each_entry_safe(d, n, &parent->d_subdirs, d_child) {
		if (!list_empty(&d->d_subdirs)) {
			dget(d);
			freed += shrink_children(d);
			if (d->d_count > 1 || !list_empty(&d->d_subdirs)) {
				dput(d);
				continue;
			}
			d->d_count = 0;
		}
		if (d->d_count == 0) {
			dentry_kill(d);
			parent->d_count--;	/* the reference d held */
			freed++;
		}
	}
	return freed;
}

void shrink_dcache_parent(struct dentry *parent)
{
	dget(parent);
	shrink_children(parent);
	dput(parent);
}

/*
 * d_genocide - drop the pin of every name below root (tmpfs unmount:
 * each positive dentry held one reference of its own, libfs.c).
 */
void d_genocide(struct dentry *root)
{
	struct dentry *d, *n;

	list_for_each_entry_safe(d, n, &root->d_subdirs, d_child) {
		if (!d->d_inode || d_unhashed(d))
			continue;
		dget(d);
		d_genocide(d);
		n = list_entry(d->d_child.next, struct dentry, d_child);
		dput(d);	/* ours */
		dput(d);	/* the pin: may free d */
	}
}

void d_invalidate(struct dentry *dentry)
{
	d_drop(dentry);
	shrink_dcache_parent(dentry);
}

/* shrink_dcache_sb - before an unmount: every unused dentry of sb. */
void shrink_dcache_sb(struct super_block *sb)
{
	if (sb->s_root)
		shrink_dcache_parent(sb->s_root);
}

/* prune_dcache - free up to nr unused dentries, oldest first. */
unsigned long prune_dcache(unsigned long nr)
{
	unsigned long freed = 0;

	while (freed < nr && !list_empty(&dentry_lru)) {
		struct dentry *d = list_last_entry(&dentry_lru, struct dentry, d_lru);
		struct dentry *parent;

		lru_del(d);
		parent = dentry_kill(d);
		freed++;
		if (parent)
			dput(parent);
	}
	return freed;
}

/* ---- d_path -------------------------------------------------------- */

static int prepend(char **p, int *left, const char *s, int len)
{
	if (len > *left)
		return -ENAMETOOLONG;
	*left -= len;
	*p -= len;
	memcpy(*p, s, (size_t)len);
	return 0;
}

char *d_path(const struct path *path, char *buf, int buflen)
{
	struct path root;
	struct dentry *d = path->dentry;
	struct vfsmount *mnt = path->mnt;
	char *p = buf + buflen;
	int left = buflen, err = 0;

	if (d->d_op && d->d_op->d_dname)
		return d->d_op->d_dname(d, buf, buflen);
	get_fs_root(&root);
	err = prepend(&p, &left, "", 1);
	if (!err && (d->d_flags & DCACHE_DISCONNECTED || (d_unhashed(d) && !IS_ROOT(d))))
		err = prepend(&p, &left, " (deleted)", 10);
	while (!err && !(d == root.dentry && mnt == root.mnt)) {
		if (d == mnt->mnt_root || IS_ROOT(d)) {
			if (mnt->mnt_parent == mnt || d != mnt->mnt_root)
				break;		/* the top of the tree (or an unlinked file) */
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		err = prepend(&p, &left, d->d_name.name, (int)d->d_name.len);
		if (!err)
			err = prepend(&p, &left, "/", 1);
		d = d->d_parent;
	}
	if (!err && (d->d_flags & DCACHE_DISCONNECTED))
		err = prepend(&p, &left, d->d_name.name, (int)d->d_name.len);
	if (!err && (*p != '/'))
		err = prepend(&p, &left, "/", 1);
	path_put(&root);
	return err ? ERR_PTR(err) : p;
}

/* ---- the shrinker and setup ---------------------------------------- */

static unsigned long dcache_count(struct shrinker *s)
{
	return nr_unused;
}

static unsigned long dcache_scan(struct shrinker *s, unsigned long nr)
{
	return prune_dcache(nr);
}

static struct shrinker dcache_shrinker = {
	.name = "dcache", .count_objects = dcache_count, .scan_objects = dcache_scan,
};

void dcache_init(void)
{
	unsigned i;

	for (i = 0; i < D_HASH_SIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
	dentry_cachep = kmem_cache_create("dentry", sizeof(struct dentry), 0, SLAB_PANIC, NULL);
	register_shrinker(&dcache_shrinker);
}
