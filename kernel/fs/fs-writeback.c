/*
 * kernel/fs/fs-writeback.c - dirty inodes and the flusher threads
 * (include/mm/writeback.h).
 *
 * Each disk has a backing_dev_info with a list of its dirty inodes,
 * oldest first (by dirtied_when, the jiffies of the first dirtying since
 * the inode was last clean), and a kernel thread, "flush-MAJ:MIN", that
 * writes them back:
 *
 *   every dirty_writeback_centisecs   kupdate: the inodes dirtied more than
 *                                     dirty_expire_centisecs ago
 *   when woken by a writer            background: oldest first, until the
 *   over dirty_background_ratio       dirty count is below that limit
 *
 * Writing an inode back (writeback_single_inode) writes its dirty pages
 * (do_writepages: the file system's writepages or writepage), then, if
 * its own fields changed, the inode itself (write_inode).  I_SYNC marks
 * an inode being written: a second writer waits (or, in the background,
 * skips it), and eviction waits for it.
 */
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <mm/filemap.h>
#include <mm/writeback.h>

LIST_HEAD(bdi_list);

#define MAX_WRITEBACK_PAGES	1024	/* per inode per pass: 4 MiB, as Linux */

static unsigned long centisecs_to_jiffies(unsigned int cs)
{
	return (unsigned long)cs * HZ / 100;
}

static struct backing_dev_info *inode_to_bdi(struct inode *inode)
{
	if (S_ISBLK(inode->i_mode) && inode->i_bdev)
		return bdev_bdi(inode->i_bdev);
	return inode->i_sb->s_bdi;
}

/*
 * __mark_inode_dirty - flags (I_DIRTY_SYNC, _DATASYNC, _PAGES) of inode
 * changed.  An inode that was clean joins the end of its disk's dirty
 * list, stamped with the time; one on a file system without a disk
 * (tmpfs, proc) only records the flags.
 */
void __mark_inode_dirty(struct inode *inode, unsigned flags)
{
	struct backing_dev_info *bdi;
	bool was_dirty;

	if ((inode->i_state & flags) == flags)
		return;
	was_dirty = inode->i_state & I_DIRTY;
	inode->i_state |= flags;
	bdi = inode_to_bdi(inode);
	if (!bdi || (inode->i_state & I_FREEING) || was_dirty || (inode->i_state & I_SYNC))
		return;		/* writeback re-queues an I_SYNC inode itself */
	inode->dirtied_when = jiffies;
	list_del(&inode->i_io_list);
	list_add_tail(&inode->i_io_list, &bdi->b_dirty);
}

void mark_inode_dirty(struct inode *inode)
{
	__mark_inode_dirty(inode, I_DIRTY_SYNC | I_DIRTY_DATASYNC);
}

static void wait_inode_sync(struct inode *inode)
{
	unsigned long flags;

	local_irq_save(flags);
	while (inode->i_state & I_SYNC)
		sleep_on(inode);
	local_irq_restore(flags);
}

/*
 * After a writeback: a clean inode leaves the lists; one still dirty goes
 * to the end of its disk's list (re-stamped if it was dirtied again while
 * being written).
 */
static void requeue_inode(struct inode *inode, struct backing_dev_info *bdi, bool redirtied)
{
	list_del(&inode->i_io_list);
	if (!(inode->i_state & I_DIRTY) || !bdi)
		return;
	if (redirtied)
		inode->dirtied_when = jiffies;
	list_add_tail(&inode->i_io_list, &bdi->b_dirty);
}

/*
 * writeback_single_inode - write inode's dirty pages and, if needed, the
 * inode.  WB_SYNC_ALL waits for everything to be on the disk (and for a
 * writeback already running on it); WB_SYNC_NONE starts the writes and
 * skips an inode another writer is busy with.  0 or the first error.
 */
int writeback_single_inode(struct inode *inode, struct writeback_control *wbc)
{
	struct address_space *mapping = inode->i_mapping;
	struct backing_dev_info *bdi = inode_to_bdi(inode);
	unsigned long when = inode->dirtied_when;
	unsigned dirty;
	int ret, err;

	if (inode->i_state & I_SYNC) {
		if (wbc->sync_mode != WB_SYNC_ALL)
			return 0;
		wait_inode_sync(inode);
	}
	inode->i_state |= I_SYNC;
	inode->i_state &= ~I_DIRTY_PAGES;
	ret = do_writepages(mapping, wbc);
	if (wbc->sync_mode == WB_SYNC_ALL) {
		err = filemap_fdatawait_range(mapping, 0, LLONG_MAX);
		if (!ret)
			ret = err;
	}
	dirty = inode->i_state & I_DIRTY_INODE;
	inode->i_state &= ~I_DIRTY_INODE;
	if (mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		inode->i_state |= I_DIRTY_PAGES;
	if (dirty && inode->i_sb->s_op && inode->i_sb->s_op->write_inode &&
	    !(inode->i_state & I_FREEING)) {
		err = inode->i_sb->s_op->write_inode(inode, wbc->sync_mode == WB_SYNC_ALL);
		if (!ret)
			ret = err;
	}
	inode->i_state &= ~I_SYNC;
	requeue_inode(inode, bdi, inode->dirtied_when != when);
	wakeup(inode);
	return ret;
}

int write_inode_now(struct inode *inode, bool sync)
{
	struct writeback_control wbc = {
		.nr_to_write = LONG_MAX, .range_start = 0, .range_end = LLONG_MAX,
		.sync_mode = sync ? WB_SYNC_ALL : WB_SYNC_NONE,
	};

	return writeback_single_inode(inode, &wbc);
}

/* ---- passes over a disk's dirty inodes ------------------------------------ */

/*
 * queue_io - move the inodes a pass will write from bdi's dirty list to
 * io, oldest first: those of sb (if given), and for kupdate only those
 * dirtied before the expiry cutoff.  A pass then visits each inode once.
 */
static void queue_io(struct backing_dev_info *bdi, struct super_block *sb,
		     const struct writeback_control *wbc, struct list_head *io)
{
	struct inode *inode, *n;

	list_for_each_entry_safe(inode, n, &bdi->b_dirty, i_io_list) {
		if (wbc->for_kupdate && (long)(wbc->older_than_this - inode->dirtied_when) < 0)
			continue;
		if (sb && inode->i_sb != sb)
			continue;
		list_move_tail(&inode->i_io_list, io);
	}
}

static bool over_bground_thresh(void)
{
	unsigned long bg, thresh;

	global_dirty_limits(&bg, &thresh);
	return (unsigned long)(nr_file_dirty) > bg;
}

/*
 * wb_writeback - write bdi's dirty inodes (those of sb, if not NULL),
 * oldest first, each at most MAX_WRITEBACK_PAGES pages at a time.
 * Background passes stop below the background limit; every pass stops
 * at inodes dirtied after it began.  Returns the pages written.
 */
static long wb_writeback(struct backing_dev_info *bdi, struct super_block *sb,
			 struct writeback_control *proto)
{
	LIST_HEAD(io);
	long written = 0;

	queue_io(bdi, sb, proto, &io);
	while (!list_empty(&io)) {
		struct inode *inode = list_first_entry(&io, struct inode, i_io_list);
		struct writeback_control wbc = *proto;

		if (proto->for_background && !over_bground_thresh())
			break;
		if ((inode->i_state & (I_FREEING | I_NEW)) ||
		    ((inode->i_state & I_SYNC) && proto->sync_mode != WB_SYNC_ALL)) {
			list_move_tail(&inode->i_io_list, &bdi->b_dirty);
			continue;
		}
		wbc.nr_to_write = wbc.sync_mode == WB_SYNC_ALL ? LONG_MAX : MAX_WRITEBACK_PAGES;
		wbc.range_start = 0;
		wbc.range_end = LLONG_MAX;
		writeback_single_inode(inode, &wbc);	/* takes it off io */
		if (wbc.sync_mode != WB_SYNC_ALL)
			written += MAX_WRITEBACK_PAGES - wbc.nr_to_write;
	}
	while (!list_empty(&io))	/* not reached (background done): back, oldest first */
		list_move(io.prev, &bdi->b_dirty);
	bdi->written += (unsigned long)written;
	return written;
}

void writeback_inodes_sb(struct super_block *sb, enum wb_reason reason)
{
	struct writeback_control wbc = { .sync_mode = WB_SYNC_NONE, .for_sync = true };

	if (sb->s_bdi)
		wb_writeback(sb->s_bdi, sb, &wbc);
}

/* sync_inodes_sb - every dirty inode of sb written, and waited for. */
void sync_inodes_sb(struct super_block *sb)
{
	struct writeback_control wbc = { .sync_mode = WB_SYNC_ALL, .for_sync = true };
	struct inode *inode;

	if (sb->s_bdi)
		wb_writeback(sb->s_bdi, sb, &wbc);
	/* and the writes others started: wait for every page in flight */
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		if (mapping_tagged(inode->i_mapping, PAGECACHE_TAG_WRITEBACK))
			filemap_fdatawait_range(inode->i_mapping, 0, LLONG_MAX);
}

/* ---- the flusher threads ----------------------------------------------------- */

static void wb_do_writeback(struct backing_dev_info *bdi)
{
	unsigned long interval = centisecs_to_jiffies(dirty_writeback_interval);

	if (over_bground_thresh() || bdi->work_pending) {
		struct writeback_control wbc = { .sync_mode = WB_SYNC_NONE, .for_background = true };

		bdi->work_pending = false;
		wb_writeback(bdi, NULL, &wbc);
	}
	if (interval && (long)(jiffies - bdi->last_old_flush) >= (long)interval) {
		struct writeback_control wbc = {
			.sync_mode = WB_SYNC_NONE, .for_kupdate = true,
			.older_than_this = jiffies - centisecs_to_jiffies(dirty_expire_interval),
		};

		bdi->last_old_flush = jiffies;
		wb_writeback(bdi, NULL, &wbc);
	}
}

static int bdi_flusher(void *data)
{
	struct backing_dev_info *bdi = data;
	unsigned long flags;

	for (;;) {
		unsigned long interval = centisecs_to_jiffies(dirty_writeback_interval);

		local_irq_save(flags);
		if (!bdi->work_pending)
			sleep_on_timeout(bdi, interval ? interval : 0x3fffffff);
		local_irq_restore(flags);
		wb_do_writeback(bdi);
	}
	return 0;
}

void bdi_init(struct backing_dev_info *bdi, const char *name)
{
	memset(bdi, 0, sizeof(*bdi));
	strlcpy(bdi->name, name, sizeof(bdi->name));
	INIT_LIST_HEAD(&bdi->b_dirty);
	INIT_LIST_HEAD(&bdi->bdi_list);
	bdi->ra_pages = VM_READAHEAD_PAGES;
}

/* bdi_register - the disk's flusher starts. */
int bdi_register(struct backing_dev_info *bdi)
{
	char comm[TASK_COMM_LEN];

	snprintf(comm, sizeof(comm), "flush-%s", bdi->name);
	bdi->last_old_flush = jiffies;
	bdi->flusher = kthread_run(bdi_flusher, bdi, comm);
	if (!bdi->flusher)
		return -ENOMEM;
	list_add_tail(&bdi->bdi_list, &bdi_list);
	return 0;
}

void wb_start_background_writeback(struct backing_dev_info *bdi)
{
	if (bdi->work_pending)
		return;
	bdi->work_pending = true;
	wakeup(bdi);
}

void wakeup_flusher_threads(enum wb_reason reason)
{
	struct backing_dev_info *bdi;

	list_for_each_entry(bdi, &bdi_list, bdi_list) {
		if (reason != WB_REASON_PERIODIC)
			bdi->work_pending = true;
		wakeup(bdi);
	}
}
