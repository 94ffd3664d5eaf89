/*
 * mm/mmap.c - address spaces and their VMAs: create, fork, tear down;
 * mmap, munmap, mprotect and brk (docs/page-faults.md).  Creating a mapping only makes
 * a VMA: the pages arrive later, one fault at a time (mm/memory.c).
 *
 * Every operation validates first and commits second: the VMAs a split
 * will need are allocated before anything is changed, so a failure leaves
 * the address space as it was.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vma.h>
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/filemap.h>
#include <mm/rmap.h>
#include <kernel/fs.h>
#include <mm/arch_mmu.h>
#include <mm/tlb.h>
#include <mm/mman.h>
#include <mm/mlock.h>
#include "internal.h"

static struct kmem_cache *vm_area_cachep, *mm_cachep;

/* Linux's vm.max_map_count: a process cannot make the kernel keep more VMAs. */
#define MAX_MAP_COUNT 65530

void mmap_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
					   0, 0, NULL);
	anon_vma_init();
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0, 0, NULL);
	BUG_ON(!vm_area_cachep || !mm_cachep);
	init_overcommit_reserves(nr_free_pages());
}

static struct vm_area_struct *vma_alloc(void)
{
	return kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);
}

void vma_free(struct vm_area_struct *v)
{
	if (v->vm_file) {
		vma_unlink_file(v);
		fput(v->vm_file);
	}
	unlink_anon_vmas(v);
	kmem_cache_free(vm_area_cachep, v);
}

/*
 * vma_gone - v's pages [start, end) are about to be unmapped for good:
 * they leave the commit charge, and if v was locked, its pages are
 * unlocked unless another locked VMA still maps them (mm/mlock.c).
 */
static void vma_gone(struct vm_area_struct *v, vaddr_t start, vaddr_t end)
{
	if (v->vm_flags & VM_ACCOUNT)
		vm_unacct_memory((long)((end - start) >> PAGE_SHIFT));
	if (v->vm_flags & VM_LOCKED)
		munlock_vma_pages_range(v, start, end);
}

/* A VMA copied from another (split, fork) shares its file: one more user. */
static void vma_dup_file(struct vm_area_struct *v)
{
	if (v->vm_file) {
		get_file(v->vm_file);
		vma_link_file(v);
	}
}

/* vma_split_alloc - split v at addr with a new VMA; -ENOMEM if none. */
int vma_split_alloc(struct mm_struct *mm, struct vm_area_struct *v, vaddr_t addr)
{
	struct vm_area_struct *tail;

	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	tail = vma_alloc();
	if (!tail)
		return -ENOMEM;
	if (anon_vma_clone(tail, v)) {	/* both halves map v's pages */
		kmem_cache_free(vm_area_cachep, tail);
		return -ENOMEM;
	}
	vma_split(mm, v, addr, tail);
	vma_dup_file(tail);
	return 0;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	mm_vmas_init(mm);
	if (arch_mmu_create(mm)) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	mm->mm_users = 1;
	return mm;
}

/* exit_mmap - unmap and free every VMA (the pages go with their last map). */
static void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *v, *n;
	struct mmu_gather tlb;

	tlb_gather_mmu_fullmm(&tlb, mm);
	list_for_each_entry(v, &mm->mmap, vm_list) {
		vma_gone(v, v->vm_start, v->vm_end);
		arch_mmu_zap_range(&tlb, v->vm_start, v->vm_end);
	}
	tlb_finish_mmu(&tlb);		/* the ASID flushed, and only then pages freed */
	list_for_each_entry_safe(v, n, &mm->mmap, vm_list) {
		vma_unlink(mm, v);
		vma_free(v);
	}
	mm->total_vm = 0;
}

void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	exit_mmap(mm);
	arch_mmu_destroy(mm);
	kmem_cache_free(mm_cachep, mm);
}

/*
 * dup_mm - fork: a copy of old's VMAs and page tables.  Private pages are
 * shared copy-on-write (read-only in both, counted once more); shared
 * mappings stay writable in both.  No page is copied here.  Each charged
 * VMA is charged again for the child (it may write all of it too), with
 * the parent's size for the reserve, as Linux's dup_mmap; ENOMEM in mode
 * 2 fails the fork.  Locks are not inherited: the child's VMAs lose
 * VM_LOCKED, and its def_flags start empty (mlockall(MCL_FUTURE) is not
 * inherited either, as in Linux).
 */
struct mm_struct *dup_mm(struct mm_struct *old)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v, *n;

	if (!mm)
		return NULL;
	list_for_each_entry(v, &old->mmap, vm_list) {
		if ((v->vm_flags & VM_ACCOUNT) && vm_enough_memory(old, (long)vma_pages(v)))
			goto fail;
		n = vma_alloc();
		if (!n) {
			if (v->vm_flags & VM_ACCOUNT)
				vm_unacct_memory((long)vma_pages(v));
			goto fail;
		}
		*n = *v;
		n->vm_mm = mm;
		n->vm_flags &= ~VM_LOCKED_MASK;
		if (anon_vma_fork(n, v)) {	/* the child may map the parent's pages */
			kmem_cache_free(vm_area_cachep, n);
			if (v->vm_flags & VM_ACCOUNT)
				vm_unacct_memory((long)vma_pages(v));
			goto fail;
		}
		vma_dup_file(n);
		vma_link(mm, n);
		if (arch_mmu_copy_range(mm, old, v->vm_start, v->vm_end,
					!(v->vm_flags & VM_SHARED)))
			goto fail;
	}
	mm->start_code = old->start_code;
	mm->end_code = old->end_code;
	mm->start_data = old->start_data;
	mm->end_data = old->end_data;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->start_stack = old->start_stack;
	mm->total_vm = old->total_vm;
	memcpy(mm->rss, old->rss, sizeof(mm->rss));
	mm->hiwater_rss = get_mm_hiwater_rss(old);
	return mm;
fail:
	mmput(mm);	/* undoes whatever part was copied */
	return NULL;
}

/*
 * The lowest address >= low where len bytes fit in a gap of subtree n,
 * or 0.  Gaps are visited in address order; a subtree is skipped when its
 * largest gap is too small (rb_subtree_gap), and a left subtree when all
 * its gaps end below low.  O(log n): the search follows one path down,
 * backing up only out of subtrees whose gaps turned out to lie below low.
 */
static vaddr_t subtree_fit(const struct vm_area_struct *n, vaddr_t low, size_t len)
{
	const struct vm_area_struct *prev;
	vaddr_t start, end, a;

	if (!n || n->rb_subtree_gap < len)
		return 0;
	if (n->rb_left && vma_start_gap(n) > low && (a = subtree_fit(n->rb_left, low, len)))
		return a;
	prev = n->vm_list.prev == &n->vm_mm->mmap ? NULL :
	       list_entry(n->vm_list.prev, struct vm_area_struct, vm_list);
	start = prev ? prev->vm_end : 0;
	if (start < low)
		start = low;
	end = vma_start_gap(n);
	if (end > start && end - start >= len)
		return start;
	return subtree_fit(n->rb_right, low, len);
}

/*
 * get_unmapped_area - the lowest free range of len bytes from
 * TASK_UNMAPPED_BASE up (bottom-up, as Linux's legacy layout), leaving a
 * stack the room it may grow into; 0 if there is none.  The VMA tree's
 * gap values make it O(log n) however many mappings there are.
 */
vaddr_t get_unmapped_area(struct mm_struct *mm, size_t len)
{
	vaddr_t low = TASK_UNMAPPED_BASE, addr = subtree_fit(mm->mm_rb, low, len);
	struct vm_area_struct *last;

	if (addr)
		return addr;
	if (list_empty(&mm->mmap))
		addr = low;
	else {				/* above the last VMA */
		last = list_last_entry(&mm->mmap, struct vm_area_struct, vm_list);
		addr = last->vm_end > low ? last->vm_end : low;
	}
	return len <= TASK_SIZE && addr <= TASK_SIZE - len ? addr : 0;
}

/*
 * munmap_trim - [start, end) is one end of the anonymous VMA v (not all
 * of it): the common munmap of a piece that mmap merged into a neighbour,
 * and brk shrinking the heap.  v gets shorter in place - no split, no VMA
 * allocated or freed, no tree rebalanced: cutting off one end keeps the
 * order of vm_start values.  (A file VMA takes the general path, which
 * keeps its place in the file's mapping list right.)
 */
static int munmap_trim(struct mm_struct *mm, struct vm_area_struct *v, vaddr_t start,
		       vaddr_t end)
{
	struct vm_area_struct *prev = vma_prev(mm, v), *next = vma_next(mm, v);
	struct mmu_gather tlb;

	vma_gone(v, start, end);
	tlb_gather_mmu(&tlb, mm);
	arch_mmu_zap_range(&tlb, start, end);
	mm->total_vm -= (end - start) >> PAGE_SHIFT;
	if (v->vm_start == start) {		/* the head goes */
		v->vm_start = end;
		v->vm_pgoff += (end - start) >> PAGE_SHIFT;	/* still its start in pages */
		vma_gap_update(mm, v);		/* the gap in front of v grew */
		arch_mmu_free_tables(&tlb, start, end, prev ? prev->vm_end : 0, end);
	} else {				/* the tail goes */
		v->vm_end = start;
		if (next)
			vma_gap_update(mm, next);
		arch_mmu_free_tables(&tlb, start, end, start, next ? next->vm_start : TASK_SIZE);
	}
	tlb_finish_mmu(&tlb);
	return 0;
}

/*
 * do_munmap - remove [start, start+len): split the VMAs at both ends,
 * release their pages, free them, and free the page tables no VMA needs
 * any more (so that a process's tables do not grow with its history).  0, or -EINVAL (start not aligned,
 * range not inside user space or empty: Linux's checks), -ENOMEM (a
 * split needs a VMA there is no room for).
 */
int do_munmap(struct mm_struct *mm, vaddr_t start, size_t len)
{
	vaddr_t end;
	struct vm_area_struct *v, *next, *last, *prev;
	struct mmu_gather tlb;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end == start)
		return -EINVAL;
	v = find_vma(mm, start);
	if (!v || v->vm_start >= end)
		return 0;
	if (!v->vm_file && ((v->vm_start < start && v->vm_end == end) ||
			    (v->vm_start == start && v->vm_end > end)))
		return munmap_trim(mm, v, start, end);
	if (v->vm_start < start && vma_split_alloc(mm, v, start))
		return -ENOMEM;
	v = find_vma(mm, start);
	last = v;			/* split the last VMA too, before unmapping */
	while (vma_next(mm, last) && vma_next(mm, last)->vm_start < end)
		last = vma_next(mm, last);
	if (last->vm_end > end && vma_split_alloc(mm, last, end))
		return -ENOMEM;
	prev = vma_prev(mm, v);
	tlb_gather_mmu(&tlb, mm);
	while (v && v->vm_start < end) {
		next = vma_next(mm, v);
		vma_gone(v, v->vm_start, v->vm_end);
		arch_mmu_zap_range(&tlb, v->vm_start, v->vm_end);
		mm->total_vm -= vma_pages(v);
		vma_unlink(mm, v);
		vma_free(v);
		v = next;
	}
	/* free_pgtables: tables no VMA reaches into any more go too */
	arch_mmu_free_tables(&tlb, start, end, prev ? prev->vm_end : 0,
			     v ? v->vm_start : TASK_SIZE);
	tlb_finish_mmu(&tlb);
	return 0;
}

/*
 * mmap_expand - a new anonymous private mapping [addr, addr+len) in free
 * space: if the VMA just below ends at addr, or the one just above starts
 * at addr+len, and would merge with it anyway, that VMA grows to cover it
 * in place (Linux's vma_merge before a VMA is made: no allocation, no
 * tree insert and removal).  Returns true if it did.
 */
static bool mmap_expand(struct mm_struct *mm, vaddr_t addr, size_t len, unsigned vm_flags,
			const char *name)
{
	struct vm_area_struct *prev, *next = find_vma_prev(mm, addr, &prev);
	vaddr_t end = addr + len;
	/* an anonymous VMA's vm_pgoff is its start in pages: extend those only */
	bool below = prev && prev->vm_end == addr && !prev->vm_file && !prev->vm_ops &&
		     prev->vm_flags == vm_flags && prev->vm_name == name &&
		     prev->vm_pgoff + vma_pages(prev) == addr >> PAGE_SHIFT;
	bool above = next && next->vm_start == end && !next->vm_file && !next->vm_ops &&
		     next->vm_flags == vm_flags && next->vm_name == name &&
		     next->vm_pgoff == end >> PAGE_SHIFT;

	if (below) {
		prev->vm_end = end;
		if (above && anon_vma_mergeable(prev, next)) {
			prev->vm_end = next->vm_end;	/* it closes a hole: one VMA */
			anon_vma_merge(prev, next);
			vma_unlink(mm, next);
			vma_free(next);
		} else if (next) {
			vma_gap_update(mm, next);
		}
	} else if (above) {
		next->vm_start = addr;		/* still above prev: the order holds */
		next->vm_pgoff = addr >> PAGE_SHIFT;
		vma_gap_update(mm, next);
	} else {
		return false;
	}
	mm->total_vm += len >> PAGE_SHIFT;
	return true;
}

/*
 * mmap_region - do_mmap's second half: a new VMA for [addr, addr+len)
 * with its backing, linked in (and merged with its neighbours).  With
 * `fixed`, what was there is unmapped first.  `charge` pages are charged
 * here, after that unmapping (0: nothing to charge, or do_mmap did).
 * Returns addr, or -errno with nothing changed but the unmapping.
 */
static long mmap_region(struct mm_struct *mm, vaddr_t addr, size_t len, unsigned vm_flags,
			bool fixed, struct file *file, unsigned long pgoff, const char *name,
			long charge)
{
	struct vm_area_struct *v = vma_alloc();
	int err;

	if (!v)
		return -ENOMEM;
	memset(v, 0, sizeof(*v));
	INIT_LIST_HEAD(&v->anon_vma_chain);
	v->vm_start = addr;
	v->vm_end = addr + len;
	v->vm_flags = vm_flags;
	v->vm_mm = mm;
	/* anonymous private memory: its start in pages (mm/rmap.c), as Linux */
	v->vm_pgoff = file || (vm_flags & VM_SHARED) ? pgoff : addr >> PAGE_SHIFT;
	v->vm_name = name;
	if (file) {	/* the file's mmap may swap vm_file (/dev/zero: shmem, or none) */
		v->vm_file = file;
		get_file(file);
		err = file->f_op && file->f_op->mmap ? file->f_op->mmap(file, v) : -ENODEV;
	} else {
		err = (vm_flags & VM_SHARED) ? shmem_zero_setup(v) : 0;
	}
	if (!err && fixed && do_munmap(mm, addr, len))
		err = -ENOMEM;
	if (!err && charge && vm_enough_memory(mm, charge))
		err = -ENOMEM;
	if (err) {
		if (v->vm_file)
			fput(v->vm_file);
		kmem_cache_free(vm_area_cachep, v);
		return err;
	}
	if (v->vm_file)
		vma_link_file(v);
	BUG_ON(vma_link(mm, v));
	mm->total_vm += len >> PAGE_SHIFT;
	vma_merge_neighbours(mm, v, vma_free);
	return (long)addr;
}

/*
 * do_mmap - make a VMA for [addr, addr+len) (anywhere if !fixed), backed
 * by file from page pgoff on, or anonymous (file NULL; shared anonymous
 * memory gets a tmpfs file of its own).  MAP_FIXED replaces what was
 * there.  The file's mmap operation says how its pages fault in (and may
 * refuse: its error is returned).  mm->def_flags are added (VM_LOCKED
 * after mlockall(MCL_FUTURE); the caller populates such a mapping).  A
 * private writable mapping is charged (VM_ACCOUNT, include/mm/mman.h)
 * after MAP_FIXED has unmapped what was there, as Linux's mmap_region
 * does: refused, it is -ENOMEM and the old mapping is gone.  Returns the
 * address, or -errno (test with IS_ERR_VALUE: an address above 2 GiB is
 * a negative long too).
 */
long do_mmap(struct mm_struct *mm, vaddr_t addr, size_t len, unsigned vm_flags,
	     bool fixed, struct file *file, unsigned long pgoff, const char *name)
{
	long charge = 0;
	bool charged = false;
	long r;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;	/* the file offset would wrap */
	if (mm->map_count > MAX_MAP_COUNT)
		return -ENOMEM;		/* ">" as Linux's do_mmap */
	if (fixed) {	/* the errors Linux gives, in its order */
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < PAGE_SIZE)
			return -EPERM;	/* below mmap_min_addr: page 0 stays unmapped */
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	if (!file || !(vm_flags & VM_SHARED) || (file->f_mode & FMODE_WRITE))
		vm_flags |= VM_MAYWRITE;
	vm_flags |= mm->def_flags;
	if (accountable_mapping(vm_flags)) {
		charge = (long)(len >> PAGE_SHIFT);
		vm_flags |= VM_ACCOUNT;
	}
	if (!file && !(vm_flags & VM_SHARED)) {
		if (fixed && do_munmap(mm, addr, len))
			return -ENOMEM;
		if (charge && vm_enough_memory(mm, charge))
			return -ENOMEM;
		charged = charge != 0;
		if (mmap_expand(mm, addr, len, vm_flags, name))
			return (long)addr;
		fixed = false;		/* the room is free now */
	}
	r = mmap_region(mm, addr, len, vm_flags, fixed, file, pgoff, name, charged ? 0 : charge);
	if (IS_ERR_VALUE(r) && charged)
		vm_unacct_memory(charge);
	return r;
}

/*
 * Does making v writable (prot) charge it?  A private VMA that was never
 * writable nor charged, unless it is VM_NORESERVE (Linux's mprotect_fixup).
 */
static bool mprotect_charges(const struct vm_area_struct *v, unsigned prot)
{
	return (prot & VM_WRITE) &&
	       !(v->vm_flags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE));
}

/*
 * do_mprotect - new rights (VM_READ/WRITE/EXEC) for [start, start+len),
 * which must be fully mapped.  Private writable pages stay read-only in
 * the tables: a write then takes the copy-on-write path, which reuses the
 * page if it can.  Checks first, changes second: on -ENOMEM (a hole, or
 * no VMA for a split, or a charge refused) or -EACCES nothing has
 * changed.  (Linux changes the VMAs before a hole and then fails; this
 * kernel validates, then commits.)
 *
 * A private VMA that becomes writable for the first time is charged
 * (VM_ACCOUNT), all pieces at once here where Linux charges VMA by VMA;
 * one made read-only keeps its charge (Linux: "without finer accounting
 * we cannot reduce our commit").  A locked private VMA that becomes
 * writable has its pages faulted in for writing at once, so that the
 * copies a write would make are there and locked too (Linux's
 * mprotect_fixup).
 */
int do_mprotect(struct mm_struct *mm, vaddr_t start, size_t len, unsigned prot)
{
	vaddr_t end, a;
	struct vm_area_struct *v;
	long charge = 0;
	bool populate = false;
	unsigned mmu;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end <= start)
		return -ENOMEM;		/* wraps (or rounds to nothing): Linux's ENOMEM */
	for (a = start; a < end; a = v->vm_end) {	/* all mapped? */
		v = find_vma(mm, a);
		if (!v || v->vm_start > a)
			return -ENOMEM;
		if ((prot & VM_WRITE) && !(v->vm_flags & VM_MAYWRITE))
			return -EACCES;	/* a shared mapping of a file not open for writing */
		if (mprotect_charges(v, prot))
			charge += (long)((MIN(v->vm_end, end) - MAX(v->vm_start, start)) >> PAGE_SHIFT);
		if (v->vm_end >= end)
			break;
	}
	if (charge && vm_enough_memory(mm, charge))
		return -ENOMEM;
	v = find_vma(mm, start);		/* both splits before any change */
	if (v->vm_start < start && vma_split_alloc(mm, v, start))
		goto uncharge;
	v = find_vma(mm, end - 1);
	if (v->vm_end > end && vma_split_alloc(mm, v, end))
		goto uncharge;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(mm, v)) {
		if (mprotect_charges(v, prot))
			v->vm_flags |= VM_ACCOUNT;
		if ((v->vm_flags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
		    (prot & VM_WRITE))
			populate = true;
		v->vm_flags = (v->vm_flags & ~VM_ACCESS_MASK) | (prot & VM_ACCESS_MASK);
		/*
		 * No page becomes writable here: a private one takes the
		 * copy-on-write path at its next write, a shared one the
		 * page_mkwrite path, which marks it dirty (no hardware dirty
		 * bit: a writable entry must mean a dirty page).  PROT_NONE
		 * keeps the pages: MMU_USER without MMU_READ.
		 */
		mmu = MMU_USER;
		if (prot & VM_ACCESS_MASK)
			mmu |= MMU_READ;
		if (prot & VM_EXEC)
			mmu |= MMU_EXEC;
		arch_mmu_protect(mm, v->vm_start, v->vm_end, mmu);
	}
	v = find_vma(mm, start);
	while (v && v->vm_start < end) {
		v = vma_merge_neighbours(mm, v, vma_free);
		v = vma_next(mm, v);
	}
	if (populate)
		mm_populate(mm, start, end, MM_POPULATE_LOCKED | MM_POPULATE_IGNORE_ERRORS);
	return 0;
uncharge:
	if (charge)
		vm_unacct_memory(charge);
	return -ENOMEM;
}

static const char heap_name[] = "[heap]";

/*
 * Where a VMA's free space in front of it ends for the heap: its start,
 * or for a stack, its start less the guard gap (Linux's vm_start_gap).
 */
static vaddr_t brk_limit(const struct vm_area_struct *next)
{
	vaddr_t start = next->vm_start;

	if (next->vm_flags & VM_GROWSDOWN)
		start = start > stack_guard_gap ? start - stack_guard_gap : 0;
	return start;
}

/*
 * do_brk - move the end of the heap (Linux's brk, whose rules these are).
 * Growing extends the [heap] VMA (pages come with faults) if the new end
 * stays inside user space and a page short of the next mapping (or of a
 * stack's guard gap); shrinking unmaps.  Returns the new break, or the
 * old one if the request cannot be met.  All arithmetic is unsigned and
 * checked: a break near 4 GiB must not wrap to a small address.  The
 * heap is charged as it grows (refused in mode 2 beyond the limit:
 * then brk leaves the break where it was, as Linux), and after
 * mlockall(MCL_FUTURE) its new pages are locked and faulted in at once.
 */
vaddr_t do_brk(struct mm_struct *mm, vaddr_t brk)
{
	vaddr_t oldend = ALIGN_UP(mm->brk, PAGE_SIZE), newend;
	struct vm_area_struct *heap, *next;

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	newend = ALIGN_UP(brk, PAGE_SIZE);
	if (newend == oldend) {
		mm->brk = brk;
		return brk;
	}
	if (brk <= mm->brk) {			/* shrink: unmap [newend, oldend) */
		next = find_vma(mm, newend);
		if (!next || next->vm_start >= oldend || do_munmap(mm, newend, oldend - newend))
			return mm->brk;
		mm->brk = brk;
		return brk;
	}
	/* the common case: [heap] ends at the old break; just extend it */
	heap = oldend > mm->start_brk ? find_vma(mm, oldend - 1) : NULL;
	if (heap && heap->vm_end != oldend)
		heap = NULL;
	next = heap ? vma_next(mm, heap) : find_vma(mm, oldend);
	if (next && (newend > brk_limit(next) || brk_limit(next) - newend < PAGE_SIZE))
		return mm->brk;
	if (heap && heap->vm_name == heap_name &&
	    heap->vm_flags == (VM_READ | VM_WRITE | VM_MAYWRITE | VM_ACCOUNT | mm->def_flags)) {
		if (vm_enough_memory(mm, (long)((newend - oldend) >> PAGE_SHIFT)))
			return mm->brk;
		heap->vm_end = newend;
		mm->total_vm += (newend - oldend) >> PAGE_SHIFT;
		if (next && newend > TASK_UNMAPPED_BASE)	/* below, no gap counts (vma.c) */
			vma_gap_update(mm, next);
	} else if (IS_ERR_VALUE(do_mmap(mm, oldend, newend - oldend, VM_READ | VM_WRITE,
					true, NULL, 0, heap_name))) {
		return mm->brk;
	}
	mm->brk = brk;
	if (mm->def_flags & VM_LOCKED)
		mm_populate(mm, oldend, newend, MM_POPULATE_LOCKED | MM_POPULATE_IGNORE_ERRORS);
	return brk;
}
