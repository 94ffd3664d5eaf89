#ifndef MM_MEMORY_H
#define MM_MEMORY_H

#include <mm/mm_types.h>

#define FAULT_FLAG_WRITE	0x1u
#define FAULT_FLAG_EXEC		0x2u
#define FAULT_FLAG_PRESENT	0x4u	/* a permission fault: the entry exists */

#define VM_FAULT_MAJOR		0x1
#define VM_FAULT_OOM		0x2
#define VM_FAULT_SIGBUS		0x4

extern unsigned long stack_guard_gap, stack_limit;

void zero_page_init(void);
int handle_mm_fault(struct vm_area_struct *vma, vaddr_t addr, unsigned flags);
int handle_user_fault(struct mm_struct *mm, vaddr_t addr, unsigned access,
		      bool *major, const char **why);
struct page *get_user_page_write(struct mm_struct *mm, vaddr_t addr);
int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, vaddr_t addr);

#endif
