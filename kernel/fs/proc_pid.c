/*
 * kernel/procfs_pid.c - the text of /proc/<pid>/ files and of the
 * /proc/sys/vm knobs.  Formats follow Linux's, so that the same tools
 * read them on both kernels.
 *
 * Memory accounting per VMA (smaps), page by page:
 *   Rss   pages mapped here (the zero page is not counted, as in Linux)
 *   Pss   each page divided by the number of page tables that map it
 *   Uss   (smem) pages mapped only here: Private_Clean + Private_Dirty
 *   Anonymous: pages with no file behind them
 * There is no hardware dirty bit here: an anonymous page, or a page of a
 * writable shared mapping, counts as dirty; a file page mapped read-only
 * as clean.
 */
#include <kernel/procfs.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <mm/writeback.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/vma.h>
#include <mm/arch_mmu.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <mm/mman.h>
#include <asm/mmu_context.h>
#include <mm/oom.h>
#include <mm/swap.h>
#include <mm/swapfile.h>
#include <mm/arch_mmu.h>

/*
 * One line of maps: the path starts at column 74 (49 on 32-bit Linux),
 * as Linux pads it; a file shows its device (major:minor, hex), inode
 * number and path.
 */
static void show_vma_line(struct seq_buf *s, const struct vm_area_struct *v)
{
	const char *name = v->vm_name;
	unsigned long ino = 0;
	dev_t dev = 0;
	char line[80], *buf = NULL;
	int len;

	if (v->vm_file) {
		struct inode *inode = file_inode(v->vm_file);

		ino = inode->i_ino;
		dev = inode->i_sb->s_dev;
		buf = kmalloc(PATH_MAX, GFP_KERNEL);
		name = buf ? d_path(&v->vm_file->f_path, buf, PATH_MAX) : NULL;
		if (IS_ERR(name))
			name = NULL;
	}
	len = snprintf(line, sizeof(line), "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
		       (unsigned long)v->vm_start, (unsigned long)v->vm_end,
		       (v->vm_flags & VM_READ) ? 'r' : '-', (v->vm_flags & VM_WRITE) ? 'w' : '-',
		       (v->vm_flags & VM_EXEC) ? 'x' : '-', (v->vm_flags & VM_SHARED) ? 's' : 'p',
		       v->vm_file ? v->vm_pgoff << 12 : 0, MAJOR(dev), MINOR(dev), ino);
	if (name)
		seq_printf(s, "%s%*s%s\n", line, len < 49 ? 49 - len : 1, "", name);
	else
		seq_printf(s, "%s\n", line);
	kfree(buf);
}

void proc_show_maps(struct seq_buf *s, void *task)
{
	struct task_struct *t = task;
	struct vm_area_struct *v;

	if (!t->mm)
		return;
	list_for_each_entry(v, &t->mm->mmap, vm_list)
		show_vma_line(s, v);
}

struct mem_size_stats {
	unsigned long rss, pss_x1000, shared_clean, shared_dirty;
	unsigned long private_clean, private_dirty, anon, swap;
};

static void smaps_account(const struct vm_area_struct *v, struct mem_size_stats *mss)
{
	vaddr_t a;

	memset(mss, 0, sizeof(*mss));
	for (a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
		swp_entry_t e;

		a = arch_mmu_next_swap(v->vm_mm, a, v->vm_end, -1, &e);
		if (a >= v->vm_end)
			break;
		mss->swap++;
	}
	for (a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
		paddr_t pa;
		struct page *page;
		int maps;
		bool dirty;

		if (arch_mmu_query(v->vm_mm, a, &pa, NULL))
			continue;
		page = phys_to_page(pa);
		if (page == zero_page)
			continue;
		maps = page_mapcount(page) > 0 ? page_mapcount(page) : 1;
		dirty = PageAnon(page) || PageDirty(page);
		mss->rss++;
		mss->pss_x1000 += 1000 / (unsigned long)maps;
		if (PageAnon(page))
			mss->anon++;
		if (maps > 1) {
			if (dirty)
				mss->shared_dirty++;
			else
				mss->shared_clean++;
		} else if (dirty) {
			mss->private_dirty++;
		} else {
			mss->private_clean++;
		}
	}
}

void proc_show_smaps(struct seq_buf *s, void *task)
{
	struct task_struct *t = task;
	struct vm_area_struct *v;
	struct mem_size_stats m;

	if (!t->mm)
		return;
	list_for_each_entry(v, &t->mm->mmap, vm_list) {
		show_vma_line(s, v);
		smaps_account(v, &m);
		seq_printf(s, "Size:           %8lu kB\n", vma_pages(v) * 4);
		seq_printf(s, "Rss:            %8lu kB\n", m.rss * 4);
		seq_printf(s, "Pss:            %8lu kB\n", m.pss_x1000 * 4 / 1000);
		seq_printf(s, "Shared_Clean:   %8lu kB\n", m.shared_clean * 4);
		seq_printf(s, "Shared_Dirty:   %8lu kB\n", m.shared_dirty * 4);
		seq_printf(s, "Private_Clean:  %8lu kB\n", m.private_clean * 4);
		seq_printf(s, "Private_Dirty:  %8lu kB\n", m.private_dirty * 4);
		seq_printf(s, "Anonymous:      %8lu kB\n", m.anon * 4);
		seq_printf(s, "Swap:           %8lu kB\n", m.swap * 4);
	}
}

static char state_char(const struct task_struct *t)
{
	if (t->state == TASK_ZOMBIE)
		return 'Z';
	return t->state == TASK_RUNNING ? 'R' : 'S';
}

/* Pages of the VMAs of one kind: 0 data (VmData), 1 stack, 2 code, 3 locked (VmLck). */
static unsigned long vma_kind_pages(struct mm_struct *mm, unsigned want)
{
	struct vm_area_struct *v;
	unsigned long n = 0;

	list_for_each_entry(v, &mm->mmap, vm_list) {
		bool stack = v->vm_flags & VM_GROWSDOWN;
		bool data = (v->vm_flags & VM_WRITE) && !(v->vm_flags & VM_SHARED) && !stack;
		bool exe = (v->vm_flags & VM_EXEC) && !(v->vm_flags & VM_WRITE);
		bool locked = v->vm_flags & VM_LOCKED;

		if ((want == 0 && data) || (want == 1 && stack) || (want == 2 && exe) ||
		    (want == 3 && locked))
			n += vma_pages(v);
	}
	return n;
}

void proc_show_status(struct seq_buf *s, void *task)
{
	struct task_struct *t = task;
	struct mm_struct *mm = t->mm;

	seq_printf(s, "Name:\t%s\nState:\t%c\nPid:\t%d\nPPid:\t%d\n", t->comm,
		   state_char(t), t->pid, t->parent ? t->parent->pid : 0);
	if (mm) {
		long rss = mm->rss[MM_ANONPAGES] + mm->rss[MM_FILEPAGES] + mm->rss[MM_SHMEMPAGES];

		seq_printf(s, "VmSize:\t%8lu kB\n", mm->total_vm * 4);
		seq_printf(s, "VmLck:\t%8lu kB\n", vma_kind_pages(mm, 3) * 4);
		seq_printf(s, "VmHWM:\t%8lu kB\n", get_mm_hiwater_rss(mm) * 4);
		seq_printf(s, "VmRSS:\t%8ld kB\n", rss * 4);
		seq_printf(s, "RssAnon:\t%8ld kB\n", mm->rss[MM_ANONPAGES] * 4);
		seq_printf(s, "RssFile:\t%8ld kB\n", mm->rss[MM_FILEPAGES] * 4);
		seq_printf(s, "RssShmem:\t%8ld kB\n", mm->rss[MM_SHMEMPAGES] * 4);
		seq_printf(s, "VmData:\t%8lu kB\n", vma_kind_pages(mm, 0) * 4);
		seq_printf(s, "VmStk:\t%8lu kB\n", vma_kind_pages(mm, 1) * 4);
		seq_printf(s, "VmExe:\t%8lu kB\n", vma_kind_pages(mm, 2) * 4);
		/* its page tables: the 16 KiB first-level one and the L2 pages */
		seq_printf(s, "VmPTE:\t%8lu kB\n", (mm->nr_pgtables + 4) * 4);
		seq_printf(s, "VmSwap:\t%8ld kB\n", mm->rss[MM_SWAPENTS] * 4);
	}
	seq_printf(s, "Threads:\t1\n");
	seq_printf(s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   t->nvcsw, t->nivcsw);
}

/*
 * Linux's /proc/<pid>/stat, its first 24 fields: 5 pgrp, 6 session,
 * 10/11 minflt/cminflt, 12/13 majflt/cmajflt, 14-17 utime, stime,
 * cutime, cstime (in ticks of 1/100 s, Linux's USER_HZ), 23 vsize, 24 rss.
 */
void proc_show_stat(struct seq_buf *s, void *task)
{
	struct task_struct *t = task;
	unsigned long vsize = t->mm ? t->mm->total_vm * PAGE_SIZE : 0;
	long rss = t->mm ? t->mm->rss[0] + t->mm->rss[1] + t->mm->rss[2] : 0;

	seq_printf(s, "%d (%s) %c %d %d %d 0 -1 0 %lu %lu %lu %lu %lu %lu %lu %lu "
		   "20 0 1 0 0 %lu %ld\n",
		   t->pid, t->comm, state_char(t), t->parent ? t->parent->pid : 0,
		   t->pgid, t->sid, t->min_flt, t->cmin_flt, t->maj_flt, t->cmaj_flt,
		   t->utime, t->stime, t->cutime, t->cstime, vsize, rss);
}

/*
 * /proc/<pid>/asid (this kernel's own file, for ps): the ASID that tags
 * the task's TLB entries, or "-" for a kernel thread and for an mm whose
 * ASID is from an older generation (it gets a new one when it next runs).
 */
void proc_show_asid(struct seq_buf *s, void *task)
{
	struct task_struct *t = task;
	int asid = t->mm ? mm_asid(t->mm) : -1;

	if (asid > 0)
		seq_printf(s, "%d\n", asid);
	else
		seq_printf(s, "-\n");
}

/* oom_score: the OOM killer's badness on Linux 6.1's scale (mm/oom_kill.c). */
void proc_show_oom_score(struct seq_buf *s, void *task)
{
	seq_printf(s, "%lu\n", oom_score(task));
}

void proc_show_oom_score_adj(struct seq_buf *s, void *task)
{
	seq_printf(s, "%d\n", ((struct task_struct *)task)->oom_score_adj);
}

int proc_set_oom_score_adj(int pid, long v)
{
	struct task_struct *t = find_task(pid);

	if (!t)
		return -ESRCH;
	if (v < -1000 || v > 1000)
		return -EINVAL;
	t->oom_score_adj = (int)v;
	return 0;
}

/* make-it-fail: 1 if fault injection applies to the task (Linux's file). */
void proc_show_make_it_fail(struct seq_buf *s, void *task)
{
	seq_printf(s, "%d\n", ((struct task_struct *)task)->make_it_fail);
}

int proc_set_make_it_fail(int pid, long v)
{
	struct task_struct *t = find_task(pid);

	if (!t)
		return -ESRCH;
	if (v < 0)
		return -EINVAL;
	t->make_it_fail = v != 0;	/* any positive number means yes, as Linux */
	return 0;
}

/* ---- /proc/sys/vm ---------------------------------------------------- */

static long read_zero(void)
{
	return 0;
}

/*
 * drop_caches: 1 frees clean, unmapped page-cache pages (dirty ones stay
 * until written); 2 frees the reclaimable slab objects (unused dentries
 * and inodes, through the shrinkers) and what the kernel keeps for reuse
 * (empty slabs, cached page tables); 3 both.
 * The per-CPU page lists are drained too, so that every free page is
 * back on the buddy lists (buddyinfo then shows the whole picture).
 */
static int write_drop_caches(long v)
{
	if (v < 1 || v > 3)
		return -EINVAL;
	if (v & 1)
		drop_pagecache();
	if (v & 2)
		drop_slab();
	drain_all_pages();
	return 0;
}

static long read_min_free_kbytes(void)
{
	return (long)min_free_kbytes;
}

static int write_min_free_kbytes(long v)
{
	if (v < 128 || v > 65536)
		return -EINVAL;
	min_free_kbytes = (unsigned long)v;
	setup_per_zone_wmarks();
	return 0;
}

/*
 * The dirty-page knobs (include/mm/writeback.h), with Linux's ranges:
 * the ratios are percentages, the intervals centiseconds;
 * dirty_writeback_centisecs = 0 turns the periodic writeback off.
 */
static long read_dirty_background_ratio(void) { return dirty_background_ratio; }
static long read_dirty_ratio(void) { return vm_dirty_ratio; }
static long read_dirty_expire(void) { return dirty_expire_interval; }
static long read_dirty_writeback(void) { return dirty_writeback_interval; }

static int write_dirty_background_ratio(long v)
{
	if (v < 0 || v > 100)
		return -EINVAL;
	dirty_background_ratio = (unsigned)v;
	return 0;
}

static int write_dirty_ratio(long v)
{
	if (v < 0 || v > 100)
		return -EINVAL;
	vm_dirty_ratio = (unsigned)v;
	return 0;
}

static int write_dirty_expire(long v)
{
	if (v < 0 || v > INT_MAX)
		return -EINVAL;
	dirty_expire_interval = (unsigned)v;
	return 0;
}

static int write_dirty_writeback(long v)
{
	if (v < 0 || v > INT_MAX)
		return -EINVAL;
	dirty_writeback_interval = (unsigned)v;
	wakeup_flusher_threads(WB_REASON_PERIODIC);	/* the new period starts now */
	return 0;
}

/*
 * Reclaim and the OOM killer (docs/reclaim.md), Linux's ranges:
 * swappiness 0..200; panic_on_oom 0..2 (2 would mean "even for a
 * cpuset/memcg OOM"; there are none, so it acts as 1); any value of
 * oom_kill_allocating_task, non-zero meaning yes.
 */
static long read_swappiness(void) { return vm_swappiness; }
static long read_page_cluster(void) { return page_cluster; }

/* page-cluster: read-ahead of 2^n swap slots; Linux takes any n >= 0 */
static int write_page_cluster(long v)
{
	if (v < 0 || v > INT_MAX)
		return -EINVAL;
	page_cluster = (int)v;		/* read-ahead stops at the area's ends anyway */
	return 0;
}
static long read_panic_on_oom(void) { return sysctl_panic_on_oom; }
static long read_oom_kill_allocating_task(void) { return sysctl_oom_kill_allocating_task; }

static int write_swappiness(long v)
{
	if (v < 0 || v > 200)
		return -EINVAL;
	vm_swappiness = (int)v;
	return 0;
}

static int write_panic_on_oom(long v)
{
	if (v < 0 || v > 2)
		return -EINVAL;
	sysctl_panic_on_oom = (int)v;
	return 0;
}

static int write_oom_kill_allocating_task(long v)
{
	if (v < INT_MIN || v > INT_MAX)
		return -EINVAL;
	sysctl_oom_kill_allocating_task = (int)v;
	return 0;
}

/*
 * The overcommit knobs (include/mm/mman.h).  As in Linux, setting the
 * ratio zeroes overcommit_kbytes and setting overcommit_kbytes zeroes the
 * ratio, so that the last one written is the one CommitLimit uses.
 * Linux takes a negative ratio (its handler reads any int) and makes a
 * nonsense limit of it; here that is EINVAL, as a negative number is for
 * the kbytes knobs in Linux too.
 */
static long read_overcommit_memory(void) { return sysctl_overcommit_memory; }
static long read_overcommit_ratio(void) { return sysctl_overcommit_ratio; }
static long read_overcommit_kbytes(void) { return (long)sysctl_overcommit_kbytes; }
static long read_admin_reserve(void) { return (long)sysctl_admin_reserve_kbytes; }
static long read_user_reserve(void) { return (long)sysctl_user_reserve_kbytes; }

static int write_overcommit_memory(long v)
{
	if (v < OVERCOMMIT_GUESS || v > OVERCOMMIT_NEVER)
		return -EINVAL;
	sysctl_overcommit_memory = (int)v;
	return 0;
}

static int write_overcommit_ratio(long v)
{
	if (v < 0 || v > INT_MAX)
		return -EINVAL;
	sysctl_overcommit_ratio = (int)v;
	sysctl_overcommit_kbytes = 0;
	return 0;
}

static int write_overcommit_kbytes(long v)
{
	if (v < 0)
		return -EINVAL;
	sysctl_overcommit_kbytes = (unsigned long)v;
	sysctl_overcommit_ratio = 0;
	return 0;
}

static int write_admin_reserve(long v)
{
	if (v < 0)
		return -EINVAL;
	sysctl_admin_reserve_kbytes = (unsigned long)v;
	return 0;
}

static int write_user_reserve(long v)
{
	if (v < 0)
		return -EINVAL;
	sysctl_user_reserve_kbytes = (unsigned long)v;
	return 0;
}

const struct proc_knob proc_knobs[] = {
	{ "admin_reserve_kbytes", read_admin_reserve, write_admin_reserve },
	{ "dirty_background_ratio", read_dirty_background_ratio, write_dirty_background_ratio },
	{ "dirty_expire_centisecs", read_dirty_expire, write_dirty_expire },
	{ "dirty_ratio", read_dirty_ratio, write_dirty_ratio },
	{ "dirty_writeback_centisecs", read_dirty_writeback, write_dirty_writeback },
	{ "drop_caches", read_zero, write_drop_caches },
	{ "min_free_kbytes", read_min_free_kbytes, write_min_free_kbytes },
	{ "oom_kill_allocating_task", read_oom_kill_allocating_task,
	  write_oom_kill_allocating_task },
	{ "overcommit_kbytes", read_overcommit_kbytes, write_overcommit_kbytes },
	{ "overcommit_memory", read_overcommit_memory, write_overcommit_memory },
	{ "overcommit_ratio", read_overcommit_ratio, write_overcommit_ratio },
	{ "panic_on_oom", read_panic_on_oom, write_panic_on_oom },
	{ "page-cluster", read_page_cluster, write_page_cluster },
	{ "swappiness", read_swappiness, write_swappiness },
	{ "user_reserve_kbytes", read_user_reserve, write_user_reserve },
	{ NULL, NULL, NULL },
};

void proc_show_knob(struct seq_buf *s, void *knob)
{
	seq_printf(s, "%ld\n", ((const struct proc_knob *)knob)->read());
}
