/*
 * A task's file descriptors (kernel/fs/file_table.c).
 */
#ifndef KERNEL_FDTABLE_H
#define KERNEL_FDTABLE_H

#include <kernel/types.h>

struct file;

#define NR_OPEN_DEFAULT		32	/* slots inside files_struct */
#define RLIMIT_NOFILE_CUR	1024	/* Linux's default soft limit: EMFILE past it */
#ifndef BITS_PER_LONG
#define BITS_PER_LONG		(8 * (int)sizeof(unsigned long))
#endif

struct files_struct {
	unsigned int max_fds;			/* slots in fd[] */
	unsigned int next_fd;			/* no free slot below this */
	struct file **fd;			/* fd_array, or a bigger table */
	unsigned long *close_on_exec;		/* a bit per slot */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long cloexec_init[NR_OPEN_DEFAULT / (8 * sizeof(unsigned long))];
};

void files_init(void);
struct files_struct *alloc_files(void);
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *fs);
void do_close_on_exec(struct files_struct *fs);
int get_unused_fd_flags(unsigned flags);
void fd_install(unsigned fd, struct file *f);
void put_unused_fd(unsigned fd);
int install_file(struct file *f, unsigned flags);
int close_fd(unsigned fd);

struct fs_struct;
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void free_fs_struct(struct fs_struct *fs);

#endif
