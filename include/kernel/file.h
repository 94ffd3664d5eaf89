/*
 * Files: a minimal VFS over the initramfs (read-only), procfs, the
 * console and pipes.  A struct file is an open file; file descriptors
 * index current->files[].  Operations take user-space buffers and return
 * a count or -errno, as the system calls do.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <kernel/types.h>
#include <kernel/list.h>

struct file;
struct inode;
struct address_space;

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_IFLNK		0120000

/* Linux's limits: a whole path (with its NUL), one component. */
#define PATH_MAX	4096
#define NAME_MAX	255

#define O_ACCMODE	3
#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define O_APPEND	02000
#define O_DIRECTORY	040000

struct file_operations {
	ssize_t (*read)(struct file *f, vaddr_t buf, size_t n);
	ssize_t (*write)(struct file *f, vaddr_t buf, size_t n);
	long (*getdents)(struct file *f, vaddr_t buf, size_t n);
	void (*release)(struct file *f);
};

struct file {
	const struct file_operations *ops;
	int refcount;
	unsigned flags;			/* O_* */
	long long pos;
	unsigned mode;			/* S_IF* of what is open */
	long long size;			/* for fstat and lseek(SEEK_END) */
	struct inode *inode;		/* initramfs file or directory, or NULL */
	void *priv;			/* pipe, procfs buffer, ... */
};

/* An initramfs file or directory (kernel/initramfs.c). */
struct inode {
	char name[64];
	unsigned mode;
	unsigned long ino;
	const u8 *data;			/* file bytes, inside the initrd */
	size_t size;
	struct address_space *mapping;	/* page cache, made on first mmap */
	struct inode *parent;
	struct list_head children;	/* directories */
	struct list_head sibling;
	char path[128];			/* full path, for /proc/<pid>/maps */
};

struct file *file_alloc(const struct file_operations *ops, unsigned flags);
void file_get(struct file *f);
void file_put(struct file *f);
int fd_install(struct file *f);		/* lowest free fd, or -EMFILE */
struct file *fget(int fd);			/* no reference taken */

/* Paths from user space (kernel/file.c). */
void vfs_caches_init(void);
char *getname(vaddr_t upath);
void putname(char *name);

/*
 * Path lookup in the initramfs: the inode, or NULL with *err = -ENOENT,
 * -ENOTDIR (a component that is not a directory, trailing '/' included)
 * or -ENAMETOOLONG (a component longer than NAME_MAX).
 */
struct inode *initramfs_lookup(const char *path, long *err);
struct address_space *inode_mapping(struct inode *inode);
void initramfs_init(paddr_t start, paddr_t end);
unsigned long initramfs_drop_caches(void);
extern struct inode *initramfs_root;

/* Opening: initramfs, /proc, the console. */
struct file *vfs_open(const char *path, unsigned flags, long *err);
struct file *console_file_open(void);
struct file *procfs_open(const char *path, unsigned flags, long *err);
int pipe_create(struct file **rd, struct file **wr);

/* The console line discipline (kernel/tty.c). */
void tty_receive(char c);
ssize_t tty_read_line(char *kbuf, size_t n, bool block);

/* getdents64 record helper: append one entry; false when buf is full. */
struct dirent_buf {
	vaddr_t ubuf;
	size_t size, used;
	int error;
	unsigned count;		/* entries written */
};
bool dirent_emit(struct dirent_buf *d, unsigned long ino, const char *name, unsigned type);
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

#endif
