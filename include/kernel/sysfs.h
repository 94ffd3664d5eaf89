/*
 * sysfs (kernel/fs/sysfs.c): directories and one-value attribute files
 * under /sys.  An attribute's show() writes its text (at most a page);
 * store() gets what a program wrote (NUL-terminated) and returns 0 or
 * -errno.  priv is handed to both.  Either may be NULL: the file's mode
 * is 0644 with both, 0444 without store, 0200 without show (reading it
 * then fails with EIO, as Linux's write-only attributes do for root).
 */
#ifndef KERNEL_SYSFS_H
#define KERNEL_SYSFS_H

#include <kernel/types.h>
#include <kernel/printk.h>

struct sysfs_node;

struct sysfs_attr {
	const char *name;
	void (*show)(struct seq_buf *s, void *priv);
	int (*store)(const char *buf, size_t n, void *priv);
};

struct sysfs_node *sysfs_create_dir(struct sysfs_node *parent, const char *name);
int sysfs_create_file(struct sysfs_node *dir, const struct sysfs_attr *attr, void *priv);
void sysfs_init(void);

/* Where subsystems hang their entries. */
extern struct sysfs_node *sysfs_kernel_mm, *sysfs_block, *sysfs_fs;

#endif
