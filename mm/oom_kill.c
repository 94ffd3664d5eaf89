/*
 * mm/oom_kill.c - the OOM killer (docs/reclaim.md, "When reclaim fails").
 *
 * The allocator calls out_of_memory when direct reclaim has made no
 * progress MAX_RECLAIM_RETRIES times in a row, for a request that may
 * sleep, may call into file systems and is not costly (order <= 3):
 * GFP_ATOMIC and large requests fail instead, as in Linux.  Then:
 *
 *   a victim from before is still exiting   wait for it (a short sleep)
 *   panic_on_oom                            panic, as asked
 *   oom_kill_allocating_task, and the       kill the allocating task
 *     allocating task may be killed
 *   otherwise                               kill the task with the
 *                                           highest oom_badness
 *
 * oom_badness (Linux's arithmetic, in pages):
 *
 *   points = rss + swap entries + page-table pages
 *          + oom_score_adj * (totalpages / 1000)
 *
 * with totalpages = RAM + swap.  oom_score_adj -1000 means never; +1000
 * adds all of memory, so such a task goes first whatever its size.  init
 * (pid 1) and kernel threads are never chosen.  /proc/<pid>/oom_score is
 * (1000 + points * 1000 / totalpages) * 2 / 3, as Linux 6.1 shows it.
 *
 * The victim gets SIGKILL.  Its memory must come back even if it cannot
 * run to its exit soon (the oom_reaper idea): if it sleeps outside a page
 * fault and the allocator and not waiting for a disk, its anonymous
 * memory is unmapped and freed at once, here.  (Linux does this from a thread, oom_reaper,
 * because on SMP the victim may be running; on one CPU, the victim is
 * not running while we are.)  Its file pages stay: the page cache keeps
 * them, and reclaim can take them.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/irqflags.h>
#include <kernel/time.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/swap.h>
#include <mm/swapfile.h>
#include <mm/tlb.h>
#include <mm/vma.h>
#include <mm/vmstat.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <mm/arch_mmu.h>

int sysctl_panic_on_oom;
int sysctl_oom_kill_allocating_task;

static unsigned long oom_totalpages(void)
{
	return totalram_pages + (unsigned long)total_swap_pages;
}

/* Page-table pages of mm: its second-level tables and the 16 KiB pgd. */
static unsigned long mm_pgtable_pages(const struct mm_struct *mm)
{
	return mm->nr_pgtables + 4;
}

static bool oom_unkillable(const struct task_struct *t)
{
	return t->pid <= 1 || !t->mm || t->state == TASK_ZOMBIE;
}

long oom_badness(const struct task_struct *t, unsigned long totalpages)
{
	long points, adj;

	if (oom_unkillable(t))
		return LONG_MIN;
	adj = t->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || t->mm->oom_skip)
		return LONG_MIN;
	points = (long)(get_mm_rss(t->mm) + t->mm->rss[MM_SWAPENTS] + mm_pgtable_pages(t->mm));
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

unsigned long oom_score(const struct task_struct *t)
{
	unsigned long total = oom_totalpages();
	long badness = oom_badness(t, total);

	if (badness == LONG_MIN || !total)
		return 0;
	badness = (1000 + badness * 1000 / (long)total) * 2 / 3;
	return badness < 0 ? 0 : (unsigned long)badness;
}

bool oom_victim_dying(const struct task_struct *t)
{
	return t->oom_victim && t->state != TASK_ZOMBIE;
}

/* The report, Linux's lines (ratelimited as Linux's dump_header is). */
RATELIMIT_STATE(oom_rs, "oom reports", DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

static void dump_tasks(void)
{
	struct task_struct *t;

	printk("Tasks state (memory values in pages):\n");
	printk("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(t, &task_list, tasks) {
		if (oom_unkillable(t))
			continue;
		printk("[%7d] %5d %5d %8lu %8lu %14lu %8lu %13d %s\n", t->pid, 0, t->pid,
			t->mm->total_vm, get_mm_rss(t->mm), mm_pgtable_pages(t->mm) * PAGE_SIZE,
			(unsigned long)t->mm->rss[MM_SWAPENTS], t->oom_score_adj, t->comm);
	}
}

static void dump_header(gfp_t gfp, unsigned int order, const struct task_struct *victim)
{
	printk("%s invoked oom-killer: gfp_mask=0x%x, order=%u, oom_score_adj=%d\n",
		current->comm, gfp, order, current->oom_score_adj);
	printk("Mem-Info:\n");
	printk("active_anon:%lu inactive_anon:%lu isolated_anon:0\n",
		lruvec_lru_size(LRU_ACTIVE_ANON), lruvec_lru_size(LRU_INACTIVE_ANON));
	printk(" active_file:%lu inactive_file:%lu isolated_file:0\n",
		lruvec_lru_size(LRU_ACTIVE_FILE), lruvec_lru_size(LRU_INACTIVE_FILE));
	printk(" unevictable:%lu dirty:%ld writeback:%ld\n",
		lruvec_lru_size(LRU_UNEVICTABLE), nr_file_dirty, nr_writeback);
	printk(" slab_reclaimable:%lu slab_unreclaimable:%lu\n",
		nr_slab_reclaimable, nr_slab_pages - nr_slab_reclaimable);
	printk(" mapped:%ld shmem:%ld pagetables:%lu\n",
		nr_file_mapped, nr_shmem_pages, nr_pagetable_pages);
	printk(" free:%lu\n", nr_free_pages());
	dump_tasks();
	printk("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom,task_memcg=/,task=%s,pid=%d,uid=0\n", victim->comm, victim->pid);
}

static unsigned long kb(long pages)
{
	return (unsigned long)pages << (PAGE_SHIFT - 10);
}

/*
 * oom_reap - the victim's anonymous memory, unmapped and freed now.  Only
 * while it sleeps outside a page fault, outside the allocator's slow path
 * (reclaim and the killer sleep there, maybe in the middle of fork's copy
 * of this very mm) and not waiting for a disk: it holds no pointer into
 * those page tables then.  The VMAs stay (its exit
 * removes them); an access before that just faults a zeroed page in.
 */
static void oom_reap(struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;
	struct vm_area_struct *vma;
	struct mmu_gather tlb;

	if (victim == current || victim->state != TASK_SLEEPING || victim->in_iowait ||
	    victim->in_fault || victim->in_page_alloc || mm->mm_users != 1 || mm->oom_skip)
		return;
	tlb_gather_mmu(&tlb, mm);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!vma->vm_file)
			arch_mmu_zap_range(&tlb, vma->vm_start, vma->vm_end);
	tlb_finish_mmu(&tlb);
	mm->oom_skip = true;		/* nothing more to get from it */
	printk("oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, "
		"shmem-rss:%lukB\n", victim->pid, victim->comm, kb(mm->rss[MM_ANONPAGES]),
		kb(mm->rss[MM_FILEPAGES]), kb(mm->rss[MM_SHMEMPAGES]));
}

static void oom_kill_process(gfp_t gfp, unsigned int order, struct task_struct *victim)
{
	struct mm_struct *mm = victim->mm;

	if (__ratelimit(&oom_rs))
		dump_header(gfp, order, victim);
	printk("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:%lukB, shmem-rss:%lukB, UID:0 pgtables:%lukB oom_score_adj:%d\n",
	       victim->pid, victim->comm, kb((long)mm->total_vm), kb(mm->rss[MM_ANONPAGES]),
	       kb(mm->rss[MM_FILEPAGES]), kb(mm->rss[MM_SHMEMPAGES]),
	       kb((long)mm_pgtable_pages(mm)), victim->oom_score_adj);
	victim->oom_victim = true;
	force_sig(victim, SIGKILL);
	count_vm_event(OOM_KILL);
	oom_reap(victim);
}

/* The task with the highest badness, or NULL; *waiting if a victim is still exiting. */
static struct task_struct *select_bad_process(bool *waiting)
{
	unsigned long total = oom_totalpages();
	struct task_struct *t, *chosen = NULL;
	long chosen_points = LONG_MIN;

	*waiting = false;
	list_for_each_entry(t, &task_list, tasks) {
		long points;

		if (oom_victim_dying(t) && t->mm && !t->mm->oom_skip) {
			*waiting = true;	/* its memory is still coming back */
			return NULL;
		}
		points = oom_badness(t, total);
		if (points == LONG_MIN || points < chosen_points)
			continue;
		chosen = t;
		chosen_points = points;
	}
	return chosen;
}

static int oom_wait_chan;

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	struct task_struct *victim;
	bool waiting;

	if (oom_victim_dying(current))
		return true;		/* we are dying already: let the caller fail */
	if (sysctl_panic_on_oom)
		panic("Out of memory: system-wide panic_on_oom is enabled");
	if (sysctl_oom_kill_allocating_task && oom_badness(current, oom_totalpages()) != LONG_MIN) {
		oom_kill_process(gfp, order, current);
		return true;
	}
	victim = select_bad_process(&waiting);
	if (waiting) {
		unsigned long flags;

		/* give the victim the CPU to die on (10 ms at most) */
		local_irq_save(flags);
		sleep_on_timeout(&oom_wait_chan, 1);
		local_irq_restore(flags);
		return true;
	}
	if (!victim) {
		printk("Out of memory and no killable processes...\n");
		return false;
	}
	oom_kill_process(gfp, order, victim);
	return true;
}

/* Is every zone at or below its low watermark (memory really short)? */
static bool memory_short(void)
{
	struct zone *zone;

	for_each_zone(zone)
		if (populated_zone(zone) && zone->free_pages > low_wmark_pages(zone))
			return false;
	return true;
}

/*
 * pagefault_out_of_memory - a page fault could not get a page.  The
 * allocator has already run reclaim and, if memory was short, the OOM
 * killer.  So, as in Linux:
 *
 *   this task is the victim               it dies on its way out
 *   memory is not short (the failure was  retry the fault (a failure that
 *     injected, or the killer freed some)   was not for want of memory)
 *   short: ask the killer once more       retry if it killed someone
 *   nobody could be killed                this task dies (a fault cannot
 *                                         fail any other way), unless it
 *                                         is init, which retries
 */
void pagefault_out_of_memory(void)
{
	if (oom_victim_dying(current) || !memory_short())
		return;
	if (out_of_memory(GFP_KERNEL, 0))
		return;
	if (current->pid == 1)
		return;
	current->oom_victim = true;
	force_sig(current, SIGKILL);
	count_vm_event(OOM_KILL);
	printk("Out of memory: Killed process %d (%s): no other process could be killed\n",
	       current->pid, current->comm);
}
