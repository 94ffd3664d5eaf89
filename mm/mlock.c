/*
 * mm/mlock.c - locked memory: mlock, mlock2, munlock, mlockall,
 * munlockall, and the page flag they set (include/mm/mlock.h has the
 * table of when a page is locked and unlocked).
 *
 * Locking is a property of VMAs (VM_LOCKED), so mlock splits and merges
 * them as mprotect does; then it faults every page of the range in, so
 * that nothing is left to fault later.  Limits: RLIMIT_MEMLOCK (Linux's
 * 8 MiB for an unprivileged process) is not applied - every process here
 * runs as root, with CAP_IPC_LOCK, for which Linux applies no limit
 * either; there are no credentials and no setrlimit yet.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <mm/rmap.h>
#include <mm/memory.h>
#include <mm/arch_mmu.h>
#include <mm/mlock.h>
#include <mm/swap.h>
#include "internal.h"

#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4
#define MLOCK_ONFAULT	1

long nr_mlock;

/*
 * mlock_page - page is mapped by a VM_LOCKED VMA: mark it, count it, and
 * move it to the unevictable list, where reclaim never looks.
 */
void mlock_page(struct page *page)
{
	if (!TestSetPageMlocked(page)) {
		nr_mlock++;
		lru_refile_page(page);		/* to the unevictable list */
	}
}

/*
 * munlock_page - no locked VMA maps page any more: unmark and uncount it.
 * It moves back from the unevictable list to the list of its kind, where
 * reclaim may find it again.
 */
void munlock_page(struct page *page)
{
	if (TestClearPageMlocked(page)) {
		nr_mlock--;
		lru_refile_page(page);		/* back where reclaim finds it */
	}
}

void munlock_vma_page(struct page *page, const struct vm_area_struct *gone)
{
	if (!PageMlocked(page))
		return;
	munlock_page(page);
	if (page_in_locked_vma(page, gone))
		mlock_page(page);	/* another locked VMA still maps it */
}

/* The page mapped at addr in mm, or NULL (none, or the zero page: never locked). */
static struct page *mapped_page(struct mm_struct *mm, vaddr_t addr)
{
	paddr_t pa;
	struct page *page;

	if (arch_mmu_query(mm, addr, &pa, NULL))
		return NULL;
	page = phys_to_page(pa & PAGE_MASK);
	return page == zero_page ? NULL : page;
}

void munlock_vma_pages_range(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	struct page *page;

	for (; start < end; start += PAGE_SIZE)
		if ((page = mapped_page(v->vm_mm, start)))
			munlock_vma_page(page, v);
}

/* Mark the pages v already maps in [start, end) (the rest come with faults). */
static void mlock_vma_pages_range(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	struct page *page;

	for (; start < end; start += PAGE_SIZE)
		if ((page = mapped_page(v->vm_mm, start)))
			mlock_page(page);
}

/* Fault in [start, end) of v (see mm_populate). */
static int populate_vma_range(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	bool write = (v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
	unsigned mmu;
	paddr_t pa;
	int ret;

	if (v->vm_flags & VM_LOCKONFAULT)
		return 0;
	if (!(v->vm_flags & VM_ACCESS_MASK))
		return -EFAULT;		/* PROT_NONE: no fault can map it (Linux's gup) */
	for (; start < end; start += PAGE_SIZE) {
		unsigned flags = write ? FAULT_FLAG_WRITE : 0;

		if (signal_pending(current))
			return -EINTR;
		if (arch_mmu_query(v->vm_mm, start, &pa, &mmu) == 0) {
			if (!write || (mmu & MMU_WRITE))
				continue;	/* there already, as a fault would leave it */
			flags |= FAULT_FLAG_PRESENT;
		}
		ret = handle_mm_fault(v, start, flags);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_SIGBUS)
			return -EFAULT;
	}
	return 0;
}

int mm_populate(struct mm_struct *mm, vaddr_t start, vaddr_t end, int how)
{
	struct vm_area_struct *v;
	int err;

	for (v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(mm, v)) {
		if ((how & MM_POPULATE_LOCKED) && !(v->vm_flags & VM_LOCKED))
			continue;
		err = populate_vma_range(v, MAX(v->vm_start, start), MIN(v->vm_end, end));
		if (err == -EINTR || (err && !(how & MM_POPULATE_IGNORE_ERRORS)))
			return err;
	}
	return 0;
}

/*
 * mlock_fixup - v (exactly the range to change: split already) gets the
 * lock bits `lock` (VM_LOCKED, VM_LOCKONFAULT, or none).  Pages it maps
 * are locked or unlocked at once (VM_LOCKED set first, cleared first, so
 * that the i_mmap check of munlock_vma_page does not count v itself).
 */
static void mlock_fixup(struct vm_area_struct *v, unsigned lock)
{
	unsigned old = v->vm_flags;

	v->vm_flags = (old & ~VM_LOCKED_MASK) | lock;
	if ((old & VM_LOCKED) && !(lock & VM_LOCKED))
		munlock_vma_pages_range(v, v->vm_start, v->vm_end);
	else if (!(old & VM_LOCKED) && (lock & VM_LOCKED))
		mlock_vma_pages_range(v, v->vm_start, v->vm_end);
}

/*
 * apply_vma_lock_flags - set `lock` on [start, start+len) (page aligned),
 * which must be mapped without holes: -ENOMEM otherwise, with nothing
 * changed (Linux changes the VMAs before the hole, then fails: this
 * kernel validates first, as its mprotect does).  -ENOMEM too when a
 * split finds no VMA.  The VMAs merge again where they can.
 */
static int apply_vma_lock_flags(struct mm_struct *mm, vaddr_t start, size_t len, unsigned lock)
{
	vaddr_t end = start + len, a;
	struct vm_area_struct *v;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (a = start; a < end; a = v->vm_end) {
		v = find_vma(mm, a);
		if (!v || v->vm_start > a)
			return -ENOMEM;
		if (v->vm_end >= end)
			break;
	}
	v = find_vma(mm, start);
	if (v->vm_start < start && vma_split_alloc(mm, v, start))
		return -ENOMEM;
	v = find_vma(mm, end - 1);
	if (v->vm_end > end && vma_split_alloc(mm, v, end))
		return -ENOMEM;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(mm, v))
		mlock_fixup(v, lock);
	for (v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(mm, v))
		v = vma_merge_neighbours(mm, v, vma_free);
	return 0;
}

/*
 * Linux's errors for mlock's populate: a range that cannot be faulted
 * (EFAULT inside) is ENOMEM to the caller, and memory that could not be
 * had is EAGAIN ("some or all of the memory could not be locked").
 */
static long mlock_posix_error(int err)
{
	if (err == -EFAULT)
		return -ENOMEM;
	if (err == -ENOMEM)
		return -EAGAIN;
	return err;
}

/*
 * do_mlock - Linux's argument rules: start need not be aligned (it is
 * rounded down, the length grows by as much and is rounded up, in 32-bit
 * arithmetic: a length of -1 rounds to 0, which is 0, as on Linux);
 * a range that wraps is EINVAL.
 */
static long do_mlock(vaddr_t start, size_t len, unsigned lock)
{
	struct mm_struct *mm = current->mm;
	int err;

	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	err = apply_vma_lock_flags(mm, start, len, lock);
	if (err || !len)
		return err;
	return mlock_posix_error(mm_populate(mm, start, start + len, MM_POPULATE_ALL));
}

long sys_mlock(vaddr_t start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

/* mlock2 (390): MLOCK_ONFAULT locks the pages as they fault in, not now. */
long sys_mlock2(vaddr_t start, size_t len, int flags)
{
	if ((unsigned)flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

long sys_munlock(vaddr_t start, size_t len)
{
	len = ALIGN_UP(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	return apply_vma_lock_flags(current->mm, start, len, 0);
}

/*
 * apply_mlockall_flags - MCL_FUTURE sets def_flags (every later mmap and
 * brk is locked: mm/mmap.c); MCL_CURRENT locks every VMA now.  Without
 * MCL_CURRENT the VMAs are left alone; flags 0 (munlockall) unlocks all.
 */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	struct vm_area_struct *v;
	unsigned lock = 0;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		lock = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	list_for_each_entry(v, &mm->mmap, vm_list)
		mlock_fixup(v, lock);
	if (list_empty(&mm->mmap))
		return;
	for (v = list_first_entry(&mm->mmap, struct vm_area_struct, vm_list); v;
	     v = vma_next(mm, v))
		v = vma_merge_neighbours(mm, v, vma_free);
}

/*
 * mlockall (152): Linux's EINVAL rules - no flag, an unknown flag, or
 * MCL_ONFAULT alone.  With MCL_CURRENT every VMA is faulted in, errors
 * ignored (as Linux: what could be locked is).
 */
long sys_mlockall(int flags)
{
	if (!flags || ((unsigned)flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	apply_mlockall_flags(current->mm, flags);
	if (flags & MCL_CURRENT)
		mm_populate(current->mm, 0, TASK_SIZE, MM_POPULATE_IGNORE_ERRORS);
	return 0;
}

long sys_munlockall(void)
{
	apply_mlockall_flags(current->mm, 0);
	return 0;
}
