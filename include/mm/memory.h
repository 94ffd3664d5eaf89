#ifndef MM_MEMORY_H
#define MM_MEMORY_H

#include <mm/mm_types.h>

#define FAULT_FLAG_WRITE	0x1u
#define FAULT_FLAG_EXEC		0x2u
#define FAULT_FLAG_PRESENT	0x4u	/* a permission fault: the entry exists */
#define FAULT_FLAG_EMPTY	0x8u	/* the caller saw the entry: 0, not a swap entry */

#define VM_FAULT_MAJOR		0x1
#define VM_FAULT_OOM		0x2
#define VM_FAULT_SIGBUS		0x4
#define VM_FAULT_LOCKED		0x8	/* vmf->page comes back locked */
#define VM_FAULT_RETRY		0x10	/* nothing mapped: take the fault again */
#define VM_FAULT_NOPAGE		0x20	/* the handler mapped it itself */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS)

struct page;

/* What a file VMA's fault handlers get and give back. */
struct vm_fault {
	struct vm_area_struct *vma;
	vaddr_t address;		/* page aligned */
	unsigned long pgoff;		/* the page's index in the file */
	unsigned int flags;		/* FAULT_FLAG_* */
	struct page *page;		/* out: the page, with a reference */
};

/*
 * vm_operations_struct - how the pages of a file VMA come in:
 *   fault         a missing page: find or read it (filemap_fault)
 *   page_mkwrite  the first write to a page of a shared mapping: it is
 *                 about to become dirty (allocate its blocks now, so that
 *                 a full disk is a SIGBUS here, not lost data later)
 */
struct vm_operations_struct {
	int (*fault)(struct vm_fault *vmf);
	int (*page_mkwrite)(struct vm_fault *vmf);
};

int filemap_fault(struct vm_fault *vmf);
int filemap_page_mkwrite(struct vm_fault *vmf);
extern const struct vm_operations_struct generic_file_vm_ops;

extern unsigned long stack_guard_gap, stack_limit;

void zero_page_init(void);
int handle_mm_fault(struct vm_area_struct *vma, vaddr_t addr, unsigned flags);
int handle_user_fault(struct mm_struct *mm, vaddr_t addr, unsigned access,
		      bool *major, const char **why);
struct page *get_user_page_write(struct mm_struct *mm, vaddr_t addr);
int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, vaddr_t addr);

#endif
