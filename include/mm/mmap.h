#ifndef MM_MMAP_H
#define MM_MMAP_H

#include <mm/mm_types.h>

struct address_space;

void mmap_init(void);
struct mm_struct *mm_alloc(void);
struct mm_struct *dup_mm(struct mm_struct *old);
void mmput(struct mm_struct *mm);
vaddr_t get_unmapped_area(struct mm_struct *mm, size_t len);
struct file;
long do_mmap(struct mm_struct *mm, vaddr_t addr, size_t len, unsigned vm_flags,
	     bool fixed, struct file *file, unsigned long pgoff, const char *name);
int do_munmap(struct mm_struct *mm, vaddr_t start, size_t len);
int do_mprotect(struct mm_struct *mm, vaddr_t start, size_t len, unsigned prot);
vaddr_t do_brk(struct mm_struct *mm, vaddr_t newbrk);

#endif
