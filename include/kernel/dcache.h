/*
 * The dentry cache: one struct dentry per name the kernel has looked up,
 * "positive" (d_inode set) or "negative" (a name known not to exist, so
 * the next lookup of it needs no disk read).  Dentries form the tree of
 * names: d_parent up, d_subdirs/d_child down.  A path walk
 * (kernel/fs/namei.c) goes through them one component at a time, asking
 * the file system (inode_operations.lookup) only on a miss.
 *
 *   d_count   state                           where
 *   -------   -----------------------------   -------------------------------
 *   > 0       in use (a file, a cwd, a child  hashed: found by d_lookup
 *             dentry, a walk holds it)
 *   0         unused, still hashed            on the dentry LRU: found by
 *                                             d_lookup, freed by the shrinker
 *   0         unhashed (deleted, or never     freed at once by dput
 *             hashed)
 *
 * A dentry holds a reference on its inode and on its parent; freeing one
 * (the shrinker) may leave its parent unused in turn.
 */
#ifndef KERNEL_DCACHE_H
#define KERNEL_DCACHE_H

#include <kernel/types.h>
#include <kernel/list.h>

struct inode;
struct super_block;
struct path;

struct qstr {
	const char *name;
	u32 len;
	u32 hash;
};

#define DNAME_INLINE_LEN	36

/* d_flags */
#define DCACHE_MOUNTED		0x1u	/* something is mounted here */
#define DCACHE_HASHED		0x2u	/* in the hash: d_lookup finds it */
#define DCACHE_LRU		0x4u	/* on the unused list */
#define DCACHE_OP_DELETE	0x8u	/* d_op->d_delete: do not cache when unused */
#define DCACHE_DISCONNECTED	0x10u	/* an unlinked file's (shmem_file_setup) */

struct dentry_operations {
	/* d_delete - true: free this dentry as soon as it is unused (procfs:
	 * names that come and go with processes are never cached) */
	bool (*d_delete)(const struct dentry *dentry);
	/* d_dname - the name /proc/<pid>/maps shows for a pseudo file */
	char *(*d_dname)(struct dentry *dentry, char *buf, int buflen);
};

struct dentry {
	unsigned int d_flags;
	int d_count;
	struct inode *d_inode;		/* NULL: negative */
	struct dentry *d_parent;	/* itself at a root */
	struct qstr d_name;
	struct list_head d_hash;	/* hash chain, by (parent, name) */
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;	/* our children */
	struct list_head d_lru;		/* the unused list */
	struct list_head d_alias;	/* in d_inode->i_dentry */
	struct super_block *d_sb;
	const struct dentry_operations *d_op;
	void *d_fsdata;
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

u32 full_name_hash(const struct dentry *parent, const char *name, u32 len);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_name(struct dentry *parent, const char *name);
struct dentry *d_make_root(struct inode *root);
struct dentry *d_alloc_pseudo(struct super_block *sb, const char *name);
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_add(struct dentry *dentry, struct inode *inode);
struct dentry *d_lookup(const struct dentry *parent, const struct qstr *name);
void d_rehash(struct dentry *dentry);
void d_drop(struct dentry *dentry);
void d_delete(struct dentry *dentry);
void d_move(struct dentry *dentry, struct dentry *target);
void d_invalidate(struct dentry *dentry);
void shrink_dcache_parent(struct dentry *parent);
void shrink_dcache_sb(struct super_block *sb);
void d_genocide(struct dentry *root);
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
bool d_unhashed(const struct dentry *dentry);
bool is_subdir(const struct dentry *d, const struct dentry *ancestor);
unsigned long prune_dcache(unsigned long nr);
unsigned long nr_dentry_total(void);
unsigned long nr_dentry_unused(void);
void dcache_init(void);

static inline bool d_mountpoint(const struct dentry *d)
{
	return d->d_flags & DCACHE_MOUNTED;
}

static inline bool d_is_negative(const struct dentry *d)
{
	return d->d_inode == NULL;
}

static inline bool IS_ROOT(const struct dentry *d)
{
	return d->d_parent == d;
}

/*
 * d_path - the path of `path` as the caller's root sees it, written at
 * the END of buf; returns where it starts, or ERR_PTR(-ENAMETOOLONG).
 * An unlinked file gets " (deleted)" after its name, as in Linux.
 */
char *d_path(const struct path *path, char *buf, int buflen);

#endif
