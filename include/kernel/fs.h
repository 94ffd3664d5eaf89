/*
 * The virtual file system: the objects every file system shares, with
 * Linux's names (docs/storage.md draws them).
 *
 *   struct file_system_type   a kind of file system (tmpfs, ext2, proc, ...)
 *   struct super_block        one mounted instance: its device, block size,
 *                             root, inodes, and the operations of its kind
 *   struct inode              one file, directory, symlink or device node:
 *                             mode, size, link count, times, and its pages
 *                             (i_data, the page cache: include/mm/filemap.h)
 *   struct dentry             one name in one directory, pointing at an
 *                             inode (or at none: a cached "no such file");
 *                             include/kernel/dcache.h
 *   struct vfsmount           a super_block's tree attached at a dentry of
 *                             another (include/kernel/mount.h)
 *   struct file               an open file: a path, a position, the mode it
 *                             was opened with; fds point at these
 *
 * Reference counts and lifetimes:
 *
 *   object     count      held by                       at zero
 *   ---------  ---------  ----------------------------  ------------------------------
 *   file       f_count    fds (dup, fork), VMAs         release, dput, mntput
 *   dentry     d_count    files, children, cwd, walks   kept on the dentry LRU (cache)
 *                                                       unless unhashed: freed
 *   inode      i_count    dentries, open-but-unlinked   i_nlink > 0: kept on the inode
 *                         through the file's dentry     LRU; 0: evicted (blocks freed)
 *   vfsmount   mnt_count  paths (files, cwd)            freed at umount if unused
 *   super      s_active   mounts                        written back and freed
 *
 * Both caches give their unused objects back through shrinkers
 * (mm/shrinker.c): drop_caches=2 and, later, reclaim.
 *
 * Concurrency: one CPU and a kernel that switches tasks only where a task
 * sleeps.  What may sleep (a disk read, a page lock) is marked in the
 * contracts; a directory's i_mutex is held across every operation that
 * looks a name up and then changes it, since the lookup may sleep.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/mutex.h>
#include <kernel/kdev_t.h>
#include <mm/filemap.h>

struct file;
struct inode;
struct dentry;
struct vfsmount;
struct super_block;
struct kstatfs;
struct vm_area_struct;
struct seq_buf;
struct block_device;
struct dir_context;
struct iov_iter;
struct kiocb;

typedef unsigned short umode_t;

/*
 * dev_t is kept in the encoding user space sees in stat64's st_dev and
 * st_rdev (Linux's new_encode_dev: minor bits 7..0, major 19..8, minor
 * 31..20; include/kernel/kdev_t.h), so passing one out is a copy.
 */
static inline u32 new_encode_dev(dev_t dev)
{
	return (u32)dev;
}

static inline dev_t new_decode_dev(u32 dev)
{
	return (dev_t)dev;
}

/* ------------------------------------------------------------- modes */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISUID		0004000
#define S_ISGID		0002000
#define S_ISVTX		0001000
#define S_IALLUGO	07777

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* d_type of getdents64, from a mode */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
static inline unsigned char dt_type(umode_t mode)
{
	return (unsigned char)((mode >> 12) & 15);
}

/* Linux's limits: a whole path (with its NUL), one component, symlinks. */
#define PATH_MAX	4096
#define NAME_MAX	255
#define MAXSYMLINKS	40

/* ------------------------------------------------------- open flags */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_DIRECTORY	00040000	/* ARM's values for these four */
#define O_NOFOLLOW	00100000
#define O_DIRECT	00200000
#define O_LARGEFILE	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000

#define AT_FDCWD		(-100)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_EACCESS		0x200
#define AT_EMPTY_PATH		0x1000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* file->f_mode: what this open file may do (from O_ACCMODE and the kind) */
#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u
#define FMODE_LSEEK	0x4u
#define FMODE_PREAD	0x8u
#define FMODE_PWRITE	0x10u

/* The largest file offset: 2^63 - 1 (s_maxbytes says what a fs allows). */
#define MAX_LFS_FILESIZE	((loff_t)0x7fffffffffffffffLL)

/* ------------------------------------------------------------- times */
struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};
struct timespec64 current_time(void);

static inline bool timespec64_after(const struct timespec64 *a, const struct timespec64 *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* -------------------------------------------------------- attributes */
struct kstat {
	u64 ino;
	dev_t dev;
	umode_t mode;
	unsigned int nlink;
	u32 uid, gid;
	dev_t rdev;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	u32 blksize;
	u64 blocks;		/* 512-byte units */
};

struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	long f_namelen, f_frsize, f_flags;
};

/* setattr: which fields of struct iattr to apply */
#define ATTR_MODE	(1u << 0)
#define ATTR_SIZE	(1u << 3)
#define ATTR_ATIME	(1u << 4)
#define ATTR_MTIME	(1u << 5)
#define ATTR_CTIME	(1u << 6)

struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

/* ----------------------------------------------------------- inodes */

/* i_state */
#define I_NEW			(1u << 0)	/* being read in: not yet usable */
#define I_DIRTY_SYNC		(1u << 1)	/* timestamps etc. changed */
#define I_DIRTY_DATASYNC	(1u << 2)	/* size or blocks changed (fdatasync needs it) */
#define I_DIRTY_PAGES		(1u << 3)	/* some page of i_data is dirty */
#define I_FREEING		(1u << 4)	/* being evicted */
#define I_SYNC			(1u << 5)	/* writeback is writing it now */
#define I_DIRTY_INODE		(I_DIRTY_SYNC | I_DIRTY_DATASYNC)
#define I_DIRTY			(I_DIRTY_INODE | I_DIRTY_PAGES)

struct inode_operations {
	/*
	 * lookup - find dentry's name in dir (i_mutex held; may sleep) and
	 * d_add() the inode, or NULL for a negative dentry.  Returns NULL,
	 * or ERR_PTR (-EIO, -EUCLEAN for a corrupt directory).
	 */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned flags);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	/* rename - old (in old_dir) to new (in new_dir), new maybe positive:
	 * the fs replaces it.  Both directories' i_mutex held. */
	int (*rename)(struct inode *old_dir, struct dentry *old,
		      struct inode *new_dir, struct dentry *new, unsigned flags);
	/* get_link - a symlink's target into buf (PATH_MAX bytes, NUL added);
	 * its length, or -errno. */
	int (*get_link)(struct inode *inode, char *buf, int size);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
	void (*getattr)(struct inode *inode, struct kstat *stat);
};

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	u32 i_uid, i_gid;
	dev_t i_rdev;			/* device nodes */
	unsigned long i_ino;
	loff_t i_size;
	struct timespec64 i_atime, i_mtime, i_ctime;
	u64 i_blocks;			/* 512-byte units allocated */
	unsigned int i_blkbits;
	unsigned int i_state;		/* I_* */
	unsigned int i_flags;		/* S_DEAD, ... */
	int i_count;
	unsigned long dirtied_when;	/* jiffies when first dirtied (writeback) */
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;
	struct address_space *i_mapping;	/* &i_data, or a block device's */
	struct address_space i_data;
	struct mutex i_mutex;		/* directories: name operations */
	struct list_head i_hash;	/* icache hash chain, by (sb, ino) */
	struct list_head i_sb_list;	/* sb->s_inodes */
	struct list_head i_lru;		/* the unused-inode LRU */
	struct list_head i_io_list;	/* s_bdi->b_dirty, while dirty */
	struct list_head i_dentry;	/* dentries naming it */
	union {
		struct pipe_inode_info *i_pipe;
		struct block_device *i_bdev;
		char *i_link;		/* in-memory symlink target (tmpfs) */
	};
	void *i_private;		/* the file system's */
};

/* i_flags */
#define S_DEAD		16u	/* a removed directory: no new names in it */
#define S_SWAPFILE	256u	/* an active swap area: writes get ETXTBSY (as Linux) */
#define IS_DEADDIR(inode)	((inode)->i_flags & S_DEAD)

static inline void i_size_write(struct inode *inode, loff_t size)
{
	inode->i_size = size;
}

static inline loff_t i_size_read(const struct inode *inode)
{
	return inode->i_size;
}

/* ------------------------------------------------------ superblocks */

#define SB_RDONLY	1u
#define SB_NOSUID	2u
#define SB_NODEV	4u
#define SB_NOEXEC	8u
#define SB_SYNCHRONOUS	16u
#define SB_NOATIME	1024u
#define SB_KERNMOUNT	(1u << 22)

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*destroy_inode)(struct inode *inode);
	/* write_inode - the inode's fields to its on-disk place (with sync:
	 * and wait until they are there).  0 or -errno. */
	int (*write_inode)(struct inode *inode, bool sync);
	/* evict_inode - the last reference is gone: with i_nlink 0, free its
	 * blocks and its on-disk inode; always drop its pages. */
	void (*evict_inode)(struct inode *inode);
	void (*put_super)(struct super_block *sb);
	int (*sync_fs)(struct super_block *sb, bool wait);
	int (*statfs)(struct super_block *sb, struct kstatfs *buf);
	int (*remount_fs)(struct super_block *sb, unsigned *flags, char *data);
	void (*show_options)(struct seq_buf *s, struct super_block *sb);
};

struct super_block {
	struct list_head s_list;	/* super_blocks */
	dev_t s_dev;
	unsigned long s_blocksize;
	unsigned char s_blocksize_bits;
	loff_t s_maxbytes;
	unsigned long s_magic;
	unsigned int s_flags;		/* SB_* */
	int s_active;			/* mounts of it */
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	struct block_device *s_bdev;
	struct backing_dev_info *s_bdi;	/* who writes its pages back, or NULL */
	struct list_head s_inodes;	/* every inode in memory */
	struct mutex s_umount;
	char s_id[32];			/* device or fs name, for messages */
	void *s_fs_info;
};

struct file_system_type {
	const char *name;
	unsigned int fs_flags;
#define FS_REQUIRES_DEV		1u
#define FS_SINGLE		2u	/* one instance however often mounted (proc, sysfs, devtmpfs) */
	/* fill_super - read sb's device or make an empty tree: set s_root,
	 * s_op, s_blocksize...  0 or -errno (-EINVAL: not this kind). */
	int (*fill_super)(struct super_block *sb, void *data, int silent);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
	struct super_block *single;	/* FS_SINGLE: the instance */
};

int register_filesystem(struct file_system_type *fs);
struct file_system_type *get_fs_type(const char *name);
struct super_block *mount_fs(struct file_system_type *type, unsigned flags,
			     const char *dev_name, void *data);
void deactivate_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);
void kill_block_super(struct super_block *sb);
extern struct list_head super_blocks;
dev_t get_anon_dev(void);
int vfs_statfs(struct super_block *sb, struct kstatfs *buf);
int sync_filesystem(struct super_block *sb);
void show_filesystems(struct seq_buf *s);

/* ------------------------------------------------------------ files */

struct file_ra_state {
	unsigned long start;		/* the window last read ahead: pages */
	unsigned int size;
	unsigned int async_size;	/* where in it the next read-ahead starts */
	unsigned int ra_pages;		/* the largest window */
	loff_t prev_pos;		/* where the last read ended */
};

struct file_operations {
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	/* read / write: user buffer, the position to use and advance */
	ssize_t (*read)(struct file *f, vaddr_t buf, size_t n, loff_t *pos);
	ssize_t (*write)(struct file *f, vaddr_t buf, size_t n, loff_t *pos);
	/* read_iter / write_iter: a user or kernel buffer (kernel_read) */
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	int (*iterate)(struct file *f, struct dir_context *ctx);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct inode *inode, struct file *f);
	int (*fsync)(struct file *f, loff_t start, loff_t end, bool datasync);
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	const struct file_operations *f_op;
	int f_count;
	unsigned int f_flags;		/* O_* as opened (O_APPEND, O_NONBLOCK changeable) */
	unsigned int f_mode;		/* FMODE_* */
	loff_t f_pos;
	struct path f_path;
	struct inode *f_inode;
	struct address_space *f_mapping;
	struct file_ra_state f_ra;
	struct mutex f_pos_lock;
	unsigned int f_wb_err;		/* writeback errors seen (mapping->wb_err) */
	void *private_data;
};

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	unsigned int ki_flags;
#define IOCB_APPEND	1u
#define IOCB_DSYNC	2u
#define IOCB_SYNC	4u
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

struct file *alloc_file(const struct path *path, unsigned flags, const struct file_operations *fop);
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       unsigned flags, const struct file_operations *fop);
void get_file(struct file *f);
void fput(struct file *f);
struct file *fget(int fd);			/* no reference taken */
struct file *dentry_open(const struct path *path, unsigned flags, long *err);
struct file *filp_open(const char *name, unsigned flags, umode_t mode, long *err);
int filp_close(struct file *f);
ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos);
loff_t generic_file_llseek(struct file *f, loff_t off, int whence);
loff_t no_llseek(struct file *f, loff_t off, int whence);
int vfs_fsync_range(struct file *f, loff_t start, loff_t end, bool datasync);
int vfs_fsync(struct file *f, bool datasync);
void touch_atime(struct file *f);
int generic_file_fsync(struct file *f, loff_t start, loff_t end, bool datasync);
int noop_fsync(struct file *f, loff_t start, loff_t end, bool datasync);

/* getdents64: the directory's iterate() calls dir_emit() per entry */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int len,
		      loff_t pos, u64 ino, unsigned type);
	loff_t pos;			/* the fs's cookie for "where next" */
};
static inline bool dir_emit(struct dir_context *ctx, const char *name, int len,
			    u64 ino, unsigned type)
{
	return ctx->actor(ctx, name, len, ctx->pos, ino, type);
}
bool dir_emit_dots(struct file *f, struct dir_context *ctx);

/* -------------------------------------------------------- inode cache */
struct inode *new_inode(struct super_block *sb);
struct inode *iget_locked(struct super_block *sb, unsigned long ino);
struct inode *ilookup(struct super_block *sb, unsigned long ino);
void unlock_new_inode(struct inode *inode);
void iget_failed(struct inode *inode);
void ihold(struct inode *inode);
void iput(struct inode *inode);
void insert_inode_hash(struct inode *inode);
void clear_inode(struct inode *inode);
void inode_init_once(struct inode *inode);
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
unsigned long get_next_ino(void);
void set_nlink(struct inode *inode, unsigned int n);
void inc_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void clear_nlink(struct inode *inode);
void mark_inode_dirty(struct inode *inode);
void __mark_inode_dirty(struct inode *inode, unsigned flags);
void inode_set_ctime_current(struct inode *inode);
void generic_fillattr(struct inode *inode, struct kstat *stat);
int setattr_prepare(struct dentry *dentry, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
int simple_setattr(struct dentry *dentry, struct iattr *attr);
void evict_inodes(struct super_block *sb);
unsigned long nr_inodes_in_use(void);
unsigned long nr_inodes_unused(void);
void inode_init(void);

/* Linux's i_mutex ordering for two directories: parent before child,
 * else by address (lock_rename). */
void inode_lock(struct inode *inode);
void inode_unlock(struct inode *inode);

/* --------------------------------------------- VFS name operations */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *new);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
	       struct dentry *new, unsigned flags);
int vfs_truncate(const struct path *path, loff_t length);
int do_truncate(struct dentry *dentry, loff_t length);
int vfs_getattr(const struct path *path, struct kstat *stat);
int notify_change(struct dentry *dentry, struct iattr *attr);

/* ------------------------------------------------ simple (libfs) helpers */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned flags);
int simple_link(struct dentry *old, struct inode *dir, struct dentry *dentry);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		  struct dentry *new, unsigned flags);
int simple_empty(struct dentry *dentry);
int dcache_readdir(struct file *f, struct dir_context *ctx);
int simple_statfs(struct super_block *sb, struct kstatfs *buf);
int simple_get_link(struct inode *inode, char *buf, int size);
void simple_instantiate(struct dentry *dentry, struct inode *inode);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_dir_inode_operations;
extern const struct inode_operations simple_symlink_inode_operations;

/* ------------------------------------------------------ devices */
/* Character devices by major (and a minor range): kernel/fs/char_dev.c */
int register_chrdev(unsigned major, const char *name, const struct file_operations *fops);
int chrdev_open(struct inode *inode, struct file *f);
extern const struct file_operations def_chr_fops;
extern const struct file_operations def_blk_fops;
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);
void devtmpfs_init(void);
void chrdev_init(void);

/* Block devices (kernel/fs/block_dev.c; more in kernel/buffer_head.h) */
struct backing_dev_info *bdev_bdi(struct block_device *bdev);
int sync_blockdev(struct block_device *bdev);
void sync_all_blockdevs(void);

/* Pipes: kernel/fs/pipe.c */
int create_pipe_files(struct file **res, unsigned flags);

/* -------------------------------------------------------- file systems */
void vfs_caches_init(void);
void mnt_init(void);
void rootfs_init(void);
void initramfs_unpack(paddr_t start, paddr_t end);
void prepare_namespace(paddr_t initrd_start, paddr_t initrd_end);
int do_mount(const char *dev_name, const char *dir_name, const char *type_page,
	     unsigned long flags, void *data);

/* Paths from user space */
char *getname(vaddr_t upath);
char *getname_kernel(const char *name);
void putname(char *name);

extern struct file_system_type shmem_fs_type, rootfs_fs_type, proc_fs_type, sysfs_fs_type,
	devtmpfs_fs_type, ext2_fs_type;

/* tmpfs */
struct file *shmem_file_setup(const char *name, loff_t size, unsigned flags);
int shmem_zero_setup(struct vm_area_struct *vma);
void shmem_init(void);

/* drop_caches=2: the unused dentries and inodes */
unsigned long drop_slab(void);

#endif
