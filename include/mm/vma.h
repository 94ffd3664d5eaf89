/*
 * VMAs of an address space: the sorted list and the AVL tree (mm/vma.c).
 * These functions never allocate: a caller that needs a new VMA (split)
 * allocates it first and passes it in, so nothing here can fail half way.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <mm/mm_types.h>

/* Initialise the VMA list and tree of a new mm. */
void mm_vmas_init(struct mm_struct *mm);

/* find_vma - the first VMA with vm_end > addr (it may start above addr), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, vaddr_t addr);

/* find_vma_prev - as find_vma; *prev = the VMA before it (or the last one). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, vaddr_t addr,
				     struct vm_area_struct **prev);

/* vma_prev / vma_next - list neighbours, NULL at the ends. */
static inline struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *v)
{
	return v->vm_list.prev == &mm->mmap ? NULL :
	       list_entry(v->vm_list.prev, struct vm_area_struct, vm_list);
}

static inline struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *v)
{
	return v->vm_list.next == &mm->mmap ? NULL :
	       list_entry(v->vm_list.next, struct vm_area_struct, vm_list);
}

/* vma_link - add v (which must not overlap any VMA) to list and tree.
 * Returns 0 or -EEXIST if it overlaps. */
int vma_link(struct mm_struct *mm, struct vm_area_struct *v);

/* vma_unlink - remove v from list and tree (v is not freed). */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *v);

/*
 * vma_split - cut v at addr (page aligned, strictly inside v): v keeps
 * [vm_start, addr), `tail` (caller-allocated) becomes [addr, vm_end) with
 * the same flags and backing (pgoff advanced) and is linked in.
 */
void vma_split(struct mm_struct *mm, struct vm_area_struct *v, vaddr_t addr,
	       struct vm_area_struct *tail);

/*
 * vma_merge_neighbours - join v with the VMA just before and/or after it
 * when they touch and are compatible (same flags, same backing, pgoff
 * continuous).  Returns the surviving VMA; merged-away VMAs are passed to
 * free_fn (may be NULL).
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *v,
					    void (*free_fn)(struct vm_area_struct *));

extern unsigned long stack_guard_gap, stack_limit;	/* mm/memory.c */

/*
 * vma_start_gap - where the free space in front of v must end: its start,
 * or for a stack (VM_GROWSDOWN) the lowest address it may grow to
 * (stack_limit below its end) less the guard gap, so that no mapping is
 * placed where the stack will need to be.
 */
static inline vaddr_t vma_start_gap(const struct vm_area_struct *v)
{
	vaddr_t reach;

	if (!(v->vm_flags & VM_GROWSDOWN))
		return v->vm_start;
	reach = stack_limit + stack_guard_gap;
	if (v->vm_end < reach)
		return 0;
	return v->vm_end - reach < v->vm_start ? v->vm_end - reach : v->vm_start;
}

/* vma_gap_update - v's start, or the end of the VMA before it, moved in
 * place: bring the tree's gap values up to date. */
void vma_gap_update(struct mm_struct *mm, struct vm_area_struct *v);

/* vma_tree_check - verify AVL order, balance and heights and list order
 * (tests and debug); returns the number of VMAs or -1 if broken. */
int vma_tree_check(struct mm_struct *mm);

static inline unsigned long vma_pages(const struct vm_area_struct *v)
{
	return (v->vm_end - v->vm_start) >> 12;
}

#endif
