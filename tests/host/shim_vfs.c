/*
 * What mm/ calls in the rest of the kernel (the scheduler, user copies,
 * the VFS) when a host test links mm/ alone.  Each stand-in is weak: a
 * test that links the real file (the ext2 tests link kernel/fs/) gets the
 * real one.  They do the least that keeps mm's own logic testable: there
 * is one task that never sleeps, user memory is host memory, no file is
 * ever mapped.
 */
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <kernel/sched.h>
#include <kernel/fs.h>
#include <kernel/uaccess.h>
#include <mm/writeback.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <kernel/blkdev.h>
#include <kernel/dcache.h>

#define WEAK __attribute__((weak))

WEAK struct task_struct init_task;
WEAK struct task_struct *current = &init_task;
WEAK LIST_HEAD(super_blocks);
WEAK unsigned long pgpgin_kb, pgpgout_kb;

WEAK void wakeup(const void *chan) { }
WEAK void sleep_on(const void *chan) { fail_msg("sleep_on: a host test would sleep for ever"); }
WEAK void io_sleep_on(const void *chan) { sleep_on(chan); }
WEAK unsigned long sleep_on_timeout(const void *chan, unsigned long t) { return 0; }
WEAK bool signal_pending(const struct task_struct *t) { return false; }
WEAK void force_sig(struct task_struct *t, int sig) { }

WEAK unsigned long __copy_from_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

WEAK unsigned long __copy_to_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

WEAK void get_file(struct file *f) { f->f_count++; }
WEAK void fput(struct file *f) { f->f_count--; }
WEAK int shmem_zero_setup(struct vm_area_struct *vma) { return -ENOMEM; }
WEAK int vfs_fsync_range(struct file *f, loff_t s, loff_t e, bool d) { return 0; }
WEAK void inode_lock(struct inode *inode) { }
WEAK void inode_unlock(struct inode *inode) { }
WEAK struct timespec64 current_time(void) { struct timespec64 t = { 0, 0 }; return t; }
WEAK void __mark_inode_dirty(struct inode *inode, unsigned flags) { inode->i_state |= flags; }
WEAK void wb_start_background_writeback(struct backing_dev_info *bdi) { }
WEAK struct backing_dev_info *bdev_bdi(struct block_device *bdev) { return NULL; }
WEAK void arch_mmu_wrprotect_page(struct mm_struct *mm, vaddr_t va) { }

/* Reclaim and the OOM killer (mm/vmscan.c, mm/oom_kill.c) on the host:
 * no tasks but current, no interrupts, time stands still, the young-bit
 * operations of a fake MMU that maps nothing. */
WEAK LIST_HEAD(task_list);
WEAK int irq_nesting;
WEAK volatile unsigned long jiffies;
WEAK bool need_resched;
WEAK void schedule(void) { }
WEAK void wakeup_flusher_threads(enum wb_reason reason) { }
WEAK struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	return NULL;
}
WEAK bool arch_mmu_test_and_clear_young(struct mm_struct *mm, vaddr_t va, paddr_t pa) { return false; }
WEAK bool arch_mmu_make_young(struct mm_struct *mm, vaddr_t va) { return false; }
WEAK bool arch_mmu_clear_pte(struct mm_struct *mm, vaddr_t va, paddr_t pa) { return false; }

/* Swap (mm/swapfile.c, mm/page_io.c) on the host: no files, no devices,
 * no bios; the fake MMU holds no swap entries.  The slot allocator and
 * the counts are tested by calling them directly (test_swapfile.c). */
WEAK char *getname(vaddr_t upath) { return ERR_PTR(-EFAULT); }
WEAK void putname(char *name) { }
WEAK struct file *filp_open(const char *name, unsigned flags, umode_t mode, long *err)
{
	*err = -ENOENT;
	return NULL;
}
WEAK ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos) { return -EIO; }
WEAK char *d_path(const struct path *path, char *buf, int buflen) { return ERR_PTR(-ENOENT); }
WEAK struct block_device *blkdev_get_by_dev(dev_t dev) { return NULL; }
WEAK struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, unsigned int opf,
			   gfp_t gfp) { return NULL; }
WEAK int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	return 0;
}
WEAK void submit_bio(struct bio *bio) { }
WEAK void bio_put(struct bio *bio) { }
WEAK bool arch_mmu_set_swap(struct mm_struct *mm, vaddr_t va, paddr_t pa, swp_entry_t e)
{
	return false;
}
WEAK bool arch_mmu_get_swap(struct mm_struct *mm, vaddr_t va, swp_entry_t *e) { return false; }
WEAK vaddr_t arch_mmu_next_swap(struct mm_struct *mm, vaddr_t start, vaddr_t end, int type,
				swp_entry_t *e)
{
	return end;
}
WEAK int blkdev_get(struct block_device *bdev, void *holder) { return 0; }
WEAK void blkdev_put(struct block_device *bdev, void *holder) { }
WEAK int bdev_read_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return -EOPNOTSUPP;
}
WEAK int bdev_write_page(struct block_device *bdev, sector_t sector, struct page *page)
{
	return -EOPNOTSUPP;
}
