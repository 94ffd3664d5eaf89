/*
 * kernel/fs/inode.c - the inode cache.
 *
 * An inode read from a disk stays in memory while anything uses it, and
 * after that on an LRU list of unused inodes, so that opening the same
 * file again needs no disk read.  The hash finds an inode by
 * (super_block, inode number); iget_locked() returns a cached one or a
 * new one marked I_NEW for the file system to fill in (others looking for
 * it wait until unlock_new_inode()).
 *
 *   i_count  i_nlink  what iput() does at the last reference
 *   -------  -------  -------------------------------------------------
 *   0        > 0      keep it on the LRU (the shrinker may evict it later)
 *   0        0        evict: the file is gone; its blocks are freed now
 *                     (this is how a file deleted while open survives
 *                     until the last close)
 *
 * Eviction drops the inode's page cache (truncate_inode_pages_final) and
 * lets the file system free what it holds (evict_inode).
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/bug.h>
#include <kernel/time.h>
#include <kernel/irqflags.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include <mm/writeback.h>

#define I_HASH_BITS	8
#define I_HASH_SIZE	(1u << I_HASH_BITS)

static struct list_head inode_hashtable[I_HASH_SIZE];
static LIST_HEAD(inode_lru);
static struct kmem_cache *inode_cachep;
static unsigned long nr_inodes, nr_unused_inodes;

static const struct address_space_operations empty_aops;
static const struct inode_operations empty_iops;

static int no_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

static const struct file_operations no_open_fops = { .open = no_open };

unsigned long nr_inodes_in_use(void)
{
	return nr_inodes - nr_unused_inodes;
}

unsigned long nr_inodes_unused(void)
{
	return nr_unused_inodes;
}

void address_space_init_once(struct address_space *mapping)
{
	memset(mapping, 0, sizeof(*mapping));
	radix_tree_init_root(&mapping->i_pages, GFP_KERNEL);
	INIT_LIST_HEAD(&mapping->i_mmap);
	INIT_LIST_HEAD(&mapping->private_list);
	mapping->a_ops = &empty_aops;
	mapping->gfp_mask = GFP_HIGHUSER_MOVABLE;
}

void inode_init_once(struct inode *inode)
{
	memset(inode, 0, sizeof(*inode));
	INIT_LIST_HEAD(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_lru);
	INIT_LIST_HEAD(&inode->i_io_list);
	INIT_LIST_HEAD(&inode->i_dentry);
	mutex_init(&inode->i_mutex);
	address_space_init_once(&inode->i_data);
}

/* A zeroed inode of sb with count 1, from the fs's own cache if it has one. */
static struct inode *alloc_inode(struct super_block *sb)
{
	struct inode *inode = sb->s_op && sb->s_op->alloc_inode ? sb->s_op->alloc_inode(sb) :
			      kmem_cache_alloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode_init_once(inode);
	inode->i_sb = sb;
	inode->i_blkbits = sb->s_blocksize_bits;
	inode->i_count = 1;
	inode->i_nlink = 1;
	inode->i_op = &empty_iops;
	inode->i_fop = &no_open_fops;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	nr_inodes++;
	return inode;
}

static void destroy_inode(struct inode *inode)
{
	BUG_ON(inode->i_data.nrpages);
	nr_inodes--;
	if (inode->i_sb->s_op && inode->i_sb->s_op->destroy_inode)
		inode->i_sb->s_op->destroy_inode(inode);
	else
		kmem_cache_free(inode_cachep, inode);
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = alloc_inode(sb);

	if (inode)
		list_add(&inode->i_sb_list, &sb->s_inodes);
	return inode;
}

unsigned long get_next_ino(void)
{
	static unsigned long last_ino = 1000;

	return ++last_ino;
}

static struct list_head *i_hash(const struct super_block *sb, unsigned long ino)
{
	unsigned long h = ino ^ ((uintptr_t)sb >> 4);

	return &inode_hashtable[(h ^ (h >> I_HASH_BITS)) & (I_HASH_SIZE - 1)];
}

static void inode_lru_del(struct inode *inode)
{
	if (!list_empty(&inode->i_lru)) {
		list_del(&inode->i_lru);
		nr_unused_inodes--;
	}
}

void ihold(struct inode *inode)
{
	if (inode->i_count++ == 0)
		inode_lru_del(inode);
}

/* Wait until a new or dying inode settles (unlock_new_inode, evict). */
static void wait_on_inode(struct inode *inode)
{
	unsigned long flags;

	local_irq_save(flags);
	sleep_on(inode);
	local_irq_restore(flags);
}

/* The cached inode (sb, ino) with a reference, or NULL. */
static struct inode *find_inode(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

again:
	list_for_each_entry(inode, i_hash(sb, ino), i_hash) {
		if (inode->i_sb != sb || inode->i_ino != ino)
			continue;
		if (inode->i_state & (I_NEW | I_FREEING)) {
			wait_on_inode(inode);
			goto again;
		}
		ihold(inode);
		return inode;
	}
	return NULL;
}

struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	return find_inode(sb, ino);
}

struct inode *iget_locked(struct super_block *sb, unsigned long ino)
{
	struct inode *inode = find_inode(sb, ino), *old;

	if (inode)
		return inode;
	inode = alloc_inode(sb);
	if (!inode)
		return NULL;
	old = find_inode(sb, ino);	/* the allocation may have slept */
	if (old) {
		destroy_inode(inode);
		return old;
	}
	inode->i_ino = ino;
	inode->i_state = I_NEW;
	list_add(&inode->i_hash, i_hash(sb, ino));
	list_add(&inode->i_sb_list, &sb->s_inodes);
	return inode;
}

void insert_inode_hash(struct inode *inode)
{
	list_add(&inode->i_hash, i_hash(inode->i_sb, inode->i_ino));
}

void unlock_new_inode(struct inode *inode)
{
	inode->i_state &= ~I_NEW;
	wakeup(inode);
}

/* iget_failed - the fs could not read it: nobody may find it again. */
void iget_failed(struct inode *inode)
{
	list_del(&inode->i_hash);
	inode->i_nlink = 0;
	unlock_new_inode(inode);
	iput(inode);
}

void clear_inode(struct inode *inode)
{
	BUG_ON(inode->i_data.nrpages);
	inode->i_state = I_FREEING;
}

/* evict - free an inode nobody uses: its pages, the fs's part, itself. */
static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	inode->i_state |= I_FREEING;
	inode_lru_del(inode);
	while (inode->i_state & I_SYNC)
		wait_on_inode(inode);		/* the flusher is writing it */
	list_del(&inode->i_io_list);
	if (op && op->evict_inode) {
		op->evict_inode(inode);
	} else {
		truncate_inode_pages_final(&inode->i_data);
		clear_inode(inode);
	}
	list_del(&inode->i_hash);
	list_del(&inode->i_sb_list);
	wakeup(inode);
	destroy_inode(inode);
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	BUG_ON(inode->i_count <= 0);
	if (--inode->i_count > 0)
		return;
	if (inode->i_nlink && !list_empty(&inode->i_hash) && inode->i_sb->s_active > 0) {
		list_add(&inode->i_lru, &inode_lru);
		nr_unused_inodes++;
		return;
	}
	evict(inode);
}

/* evict_inodes - at unmount: every unused inode of sb (they are clean). */
void evict_inodes(struct super_block *sb)
{
	struct inode *inode;

again:
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list) {
		if (inode->i_count || (inode->i_state & I_FREEING))
			continue;
		evict(inode);		/* may sleep: the list may change, start over */
		goto again;
	}
}

/* ---- the LRU shrinker ---------------------------------------------- */

/*
 * An unused inode can go if it is clean and its pages can go too: clean,
 * unmapped pages are dropped first (as Linux's inode LRU does); one with
 * dirty or mapped pages stays.
 */
static bool inode_evictable(struct inode *inode)
{
	if (inode->i_count || (inode->i_state & (I_DIRTY | I_SYNC | I_FREEING)))
		return false;
	if (inode->i_data.nrpages)
		invalidate_mapping_pages(&inode->i_data, 0, ~0UL);
	return inode->i_data.nrpages == 0;
}

static unsigned long prune_icache(unsigned long nr)
{
	unsigned long freed = 0, scanned = 0, total = nr_unused_inodes;

	while (freed < nr && scanned++ < total && !list_empty(&inode_lru)) {
		struct inode *inode = list_last_entry(&inode_lru, struct inode, i_lru);

		if (!inode_evictable(inode)) {
			list_move(&inode->i_lru, &inode_lru);	/* rotate: look later */
			continue;
		}
		evict(inode);
		freed++;
	}
	return freed;
}

static unsigned long icache_count(struct shrinker *s)
{
	return nr_unused_inodes;
}

static unsigned long icache_scan(struct shrinker *s, unsigned long nr)
{
	return prune_icache(nr);
}

static struct shrinker icache_shrinker = {
	.name = "icache", .count_objects = icache_count, .scan_objects = icache_scan,
};

void inode_init(void)
{
	unsigned i;

	for (i = 0; i < I_HASH_SIZE; i++)
		INIT_LIST_HEAD(&inode_hashtable[i]);
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0, SLAB_PANIC, NULL);
	register_shrinker(&icache_shrinker);
}

/* ---- link counts and attributes ------------------------------------ */

void set_nlink(struct inode *inode, unsigned int n)
{
	inode->i_nlink = n;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

void drop_nlink(struct inode *inode)
{
	BUG_ON(inode->i_nlink == 0);
	inode->i_nlink--;
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void inode_set_ctime_current(struct inode *inode)
{
	inode->i_ctime = current_time();
}

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &def_blk_fops;
		inode->i_rdev = rdev;
	}
}

void generic_fillattr(struct inode *inode, struct kstat *st)
{
	st->dev = inode->i_sb->s_dev;
	st->ino = inode->i_ino;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->rdev = inode->i_rdev;
	st->size = i_size_read(inode);
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	st->blksize = 1u << inode->i_blkbits;
	st->blocks = inode->i_blocks;
}

/* setattr_prepare - Linux's checks before a change: a size the fs allows. */
int setattr_prepare(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size > inode->i_sb->s_maxbytes)
		return -EFBIG;
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned v = attr->ia_valid;

	if (v & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (v & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (v & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (v & ATTR_MODE)
		inode->i_mode = (umode_t)((inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO));
}

/* simple_setattr - for file systems whose inodes live only in memory. */
int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err = setattr_prepare(dentry, attr);

	if (err)
		return err;
	if (attr->ia_valid & ATTR_SIZE)
		truncate_setsize(inode, attr->ia_size);
	setattr_copy(inode, attr);
	mark_inode_dirty(inode);
	return 0;
}

void inode_lock(struct inode *inode)
{
	mutex_lock(&inode->i_mutex);
}

void inode_unlock(struct inode *inode)
{
	mutex_unlock(&inode->i_mutex);
}
