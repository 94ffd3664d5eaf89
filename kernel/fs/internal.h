/*
 * What the files of kernel/fs/ share among themselves only.
 */
#ifndef KERNEL_FS_INTERNAL_H
#define KERNEL_FS_INTERNAL_H

#include <kernel/fs.h>

int shmem_fill_super(struct super_block *sb, void *data, int silent);
void shmem_kill_sb(struct super_block *sb);
void names_cache_init(void);
void pipe_init(void);
void tty_init(void);
void umount_all(void);

#endif
