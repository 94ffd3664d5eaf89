/*
 * mm/madvise.c - madvise(2): what a process tells the kernel about how it
 * will use a range of its memory.
 *
 *   advice              here
 *   ------------------  -----------------------------------------------------
 *   NORMAL, RANDOM,     accepted, nothing done (Linux tunes read-ahead for
 *     SEQUENTIAL (0-2)    the VMA; the fault path here reads one page)
 *   WILLNEED (3)        a file mapping: read-ahead of the range starts;
 *                         anonymous memory: nothing (no swap to read from)
 *   DONTNEED (4)        the pages are unmapped now: private anonymous
 *                         memory reads back zeros, a file mapping the file
 *   FREE (8)            private anonymous memory only: the pages are freed
 *                         at once (allowed: Linux may free them any time
 *                         before the next write, and reads zeros after)
 *   COLD (20),          each present page, mapped only here, is offered to
 *     PAGEOUT (21)        the LRU (madvise_cold_page, madvise_pageout_page);
 *                         COLD also makes its entry old, as Linux, so the
 *                         next access takes the young fault (docs/reclaim.md)
 *
 * Any other advice is EINVAL, including ones Linux has (REMOVE, DONTFORK,
 * DONTDUMP, ...) and this kernel does not yet.  DONTNEED, FREE, COLD and
 * PAGEOUT refuse a locked VMA (EINVAL), as Linux does: its pages must
 * stay.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/fs.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <mm/rmap.h>
#include <mm/tlb.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <mm/madvise.h>
#include <mm/swap.h>
#include <mm/memory.h>

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_COLD	20
#define MADV_PAGEOUT	21

/* MADV_COLD on page: move it to the inactive list. */
void madvise_cold_page(struct page *page)
{
	deactivate_page(page);
}

/* MADV_PAGEOUT on page: reclaim it now (write it out if it must be). */
void madvise_pageout_page(struct page *page)
{
	reclaim_page(page);
}

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_COLD: case MADV_PAGEOUT:
		return true;
	default:
		return false;
	}
}

/* DONTNEED and FREE: unmap [start, end) of v, pages freed after the TLB flush. */
static void zap_range(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, v->vm_mm);
	arch_mmu_zap_range(&tlb, start, end);
	tlb_finish_mmu(&tlb);	/* the tables stay: the VMA still covers them */
}

/*
 * WILLNEED on a file: read-ahead of the file pages [start, end) of v
 * maps, as Linux's fadvise(WILLNEED), at most one read-ahead window
 * (ra_pages) per call.  The reads are started, not waited for.
 */
static void willneed(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	struct file *f = v->vm_file;
	unsigned long index = v->vm_pgoff + ((start - v->vm_start) >> PAGE_SHIFT);

	if (!f || v->vm_ops != &generic_file_vm_ops)
		return;		/* anonymous or shared memory (tmpfs): nothing to read */
	force_page_cache_ra(f->f_mapping, f, index, (end - start) >> PAGE_SHIFT);
}

/* COLD and PAGEOUT: each present page mapped by this VMA alone (Linux 6.1's rule). */
static void lru_walk(struct vm_area_struct *v, vaddr_t start, vaddr_t end, int behavior)
{
	paddr_t pa;

	for (; start < end; start += PAGE_SIZE) {
		struct page *page;

		if (arch_mmu_query(v->vm_mm, start, &pa, NULL))
			continue;
		page = phys_to_page(pa & PAGE_MASK);
		if (page == zero_page || page_mapcount(page) != 1)
			continue;
		if (behavior == MADV_COLD) {
			arch_mmu_test_and_clear_young(v->vm_mm, start, pa & PAGE_MASK);
			madvise_cold_page(page);
		} else {
			madvise_pageout_page(page);
		}
	}
}

/* The advice for [start, end), inside v.  0 or -EINVAL (Linux's refusals). */
static int madvise_vma(struct vm_area_struct *v, vaddr_t start, vaddr_t end, int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
		willneed(v, start, end);
		return 0;
	case MADV_FREE:
		if (v->vm_ops || (v->vm_flags & VM_SHARED))
			return -EINVAL;		/* private anonymous memory only */
		/* fall through */
	case MADV_DONTNEED:
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;
		zap_range(v, start, end);
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;
		lru_walk(v, start, end, behavior);
		return 0;
	default:
		return 0;		/* NORMAL, RANDOM, SEQUENTIAL */
	}
}

/*
 * sys_madvise (220) - Linux's checks in its order: unknown advice, start
 * not page aligned, a length that rounds up to 0 from near 4 GiB, a range
 * that wraps: EINVAL; length 0: 0.  The advice goes to each mapped piece
 * of the range; holes make the result ENOMEM after the rest is done (an
 * error from a VMA stops at once), as Linux's madvise_walk_vmas.
 */
long sys_madvise(vaddr_t start, size_t len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	size_t len = ALIGN_UP(len_in, PAGE_SIZE);
	vaddr_t end = start + len, stop;
	struct vm_area_struct *v;
	int unmapped = 0, err;

	if (!madvise_behavior_valid(behavior) || (start & ~PAGE_MASK))
		return -EINVAL;
	if ((len_in && !len) || end < start)
		return -EINVAL;
	while (start < end) {
		v = find_vma(mm, start);
		if (!v)
			return -ENOMEM;
		if (v->vm_start > start) {
			unmapped = -ENOMEM;
			start = v->vm_start;
			if (start >= end)
				break;
		}
		stop = MIN(v->vm_end, end);
		err = madvise_vma(v, start, stop, behavior);
		if (err)
			return err;
		start = stop;
	}
	return unmapped;
}
