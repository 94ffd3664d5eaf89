#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <kernel/types.h>
#include <kernel/printk.h>

/* A knob under /proc/sys/vm: shown by read(), set by write() (or NULL). */
struct proc_knob {
	const char *name;
	long (*read)(void);
	int (*write)(long value);	/* 0 or -errno */
};
extern const struct proc_knob proc_knobs[];

/* The per-process files; arg is the struct task_struct *. */
void proc_show_maps(struct seq_buf *s, void *task);
void proc_show_smaps(struct seq_buf *s, void *task);
void proc_show_status(struct seq_buf *s, void *task);
void proc_show_stat(struct seq_buf *s, void *task);
void proc_show_oom_score(struct seq_buf *s, void *task);
void proc_show_oom_score_adj(struct seq_buf *s, void *task);
void proc_show_knob(struct seq_buf *s, void *knob);
int proc_set_oom_score_adj(int pid, long v);
void proc_show_make_it_fail(struct seq_buf *s, void *task);
void proc_show_asid(struct seq_buf *s, void *task);
int proc_set_make_it_fail(int pid, long v);

/*
 * Binary files, made at each read() from the position asked for rather
 * than snapshotted at open (kernel/fs/proc_page.c): file_operations.read's
 * contract, with pid the directory's (0 for a file at the root).
 */
ssize_t proc_kpagecount_read(int pid, vaddr_t buf, size_t n, loff_t *pos);
ssize_t proc_kpageflags_read(int pid, vaddr_t buf, size_t n, loff_t *pos);
ssize_t proc_pagemap_read(int pid, vaddr_t buf, size_t n, loff_t *pos);

#endif
