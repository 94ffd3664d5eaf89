/*
 * Dirty pages and writing them back.  A page becomes dirty when
 * write() copies into it or a shared mapping first writes it; it becomes
 * clean when its write to disk completes.  Three things start writeback:
 *
 *   time     the flusher thread of each disk wakes every
 *            dirty_writeback_centisecs and writes inodes dirtied more than
 *            dirty_expire_centisecs ago (kupdate-style)
 *   amount   above dirty_background_ratio % of dirtyable memory the
 *            flusher writes until below it (background); above
 *            dirty_ratio % a writing task is held in balance_dirty_pages()
 *            until the flusher has brought the count back down
 *   request  sync, syncfs, fsync, fdatasync, msync(MS_SYNC), umount
 *
 * "Dirtyable memory" is, as in Linux, free pages plus file pages.
 */
#ifndef MM_WRITEBACK_H
#define MM_WRITEBACK_H

#include <kernel/types.h>
#include <kernel/list.h>

struct inode;
struct super_block;
struct address_space;
struct task_struct;

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* don't wait on anything (background, kupdate) */
	WB_SYNC_ALL,	/* wait on every page (data integrity: fsync, sync) */
};

enum wb_reason {
	WB_REASON_BACKGROUND,
	WB_REASON_VMSCAN,
	WB_REASON_SYNC,
	WB_REASON_PERIODIC,
	WB_REASON_FS_FREE_SPACE,
	WB_REASON_FORKER_THREAD,
	WB_REASON_MAX
};

struct writeback_control {
	long nr_to_write;		/* pages still to write; decremented */
	long pages_skipped;
	loff_t range_start, range_end;	/* bytes, inclusive end */
	enum writeback_sync_modes sync_mode;
	bool for_kupdate, for_background, for_sync, range_cyclic, for_reclaim;
	unsigned long older_than_this;	/* jiffies: only inodes dirtied before */
	void *bio;			/* an mpage bio being built (kernel/fs/mpage.c) */
};

/*
 * backing_dev_info: a disk's writeback state and its flusher thread
 * (kernel/fs/fs-writeback.c).  Every super_block on the disk points here.
 */
struct backing_dev_info {
	char name[16];			/* "vda": the flusher is "flush-vda" */
	struct task_struct *flusher;
	struct list_head bdi_list;	/* all of them */
	struct list_head b_dirty;	/* dirty inodes, by dirtied_when (i_io_list) */
	unsigned long last_old_flush;	/* jiffies of the last kupdate pass */
	bool work_pending;		/* sync or background work asked for */
	bool sync_pending;
	unsigned long written;		/* pages written back since boot */
	unsigned int ra_pages;
};

/* The knobs (/proc/sys/vm/dirty_*), Linux's defaults. */
extern unsigned int dirty_background_ratio;	/* 10 % */
extern unsigned int vm_dirty_ratio;		/* 20 % */
extern unsigned int dirty_expire_interval;	/* 3000 centiseconds */
extern unsigned int dirty_writeback_interval;	/* 500 centiseconds */

void global_dirty_limits(unsigned long *background, unsigned long *dirty);
void balance_dirty_pages_ratelimited(struct address_space *mapping);
unsigned long global_dirtyable_memory(void);
extern unsigned long nr_dirty_throttled;	/* times a writer was held */

/* fs-writeback.c */
void bdi_init(struct backing_dev_info *bdi, const char *name);
int bdi_register(struct backing_dev_info *bdi);
void bdi_unregister(struct backing_dev_info *bdi);
void wakeup_flusher_threads(enum wb_reason reason);
void wb_start_background_writeback(struct backing_dev_info *bdi);
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc);
int write_inode_now(struct inode *inode, bool sync);
void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason);
void sync_inodes_sb(struct super_block *sb);
void ksys_sync(void);
void emergency_sync(void);
extern struct list_head bdi_list;

#endif
