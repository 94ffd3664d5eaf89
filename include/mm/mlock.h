/*
 * Locked memory (mm/mlock.c): mlock, munlock, mlockall, munlockall.
 *
 * A VMA with VM_LOCKED keeps its pages in RAM: each page it maps carries
 * PG_mlocked (nr_mlock counts them: Mlocked in /proc/meminfo), which
 * reclaim must respect.  When a page gains and loses the flag:
 *
 *   event                                   page
 *   --------------------------------------  ----------------------------------
 *   mlock / mlockall(MCL_CURRENT)           present pages: mlock_page; the
 *                                             rest are faulted in (not with
 *                                             VM_LOCKONFAULT)
 *   a fault maps a page into a locked VMA   mlock_page (mm/memory.c)
 *   copy-on-write in a locked VMA           the new page locked, the old one
 *                                             unlocked (unless locked elsewhere)
 *   munlock, munmap, exit of a locked VMA   munlock_vma_page: unlocked unless
 *                                             another locked VMA maps it
 *   the last mapping of a page goes         munlock_page (page_remove_rmap)
 *
 * "Another locked VMA maps it" is checked exactly, through the reverse
 * map (mm/rmap.c: the mapping's i_mmap list for a file page, the
 * anon_vma chain for an anonymous one), for each page as a locked VMA
 * goes.  Linux 6.1 counts locked mappings per page instead (mlock_count,
 * kept in page->lru while the page is unevictable).
 */
#ifndef MM_MLOCK_H
#define MM_MLOCK_H

#include <mm/mm_types.h>

extern long nr_mlock;		/* pages with PG_mlocked (nr_mlock in /proc/vmstat) */

/* Set / clear PG_mlocked, counting it (and later: move to/from the unevictable list). */
void mlock_page(struct page *page);
void munlock_page(struct page *page);

/*
 * munlock_vma_page - a locked mapping of page, in VMA `gone`, is going
 * (munlock, munmap): clear PG_mlocked, unless another locked VMA (not
 * `gone`) maps the page (see the rule above).
 */
void munlock_vma_page(struct page *page, const struct vm_area_struct *gone);

/* munlock_vma_page for every page v maps in [start, end). */
void munlock_vma_pages_range(struct vm_area_struct *v, vaddr_t start, vaddr_t end);

/*
 * mm_populate - fault in every page of the VMAs in [start, end) (page
 * aligned), as mlock and MAP_POPULATE do: a write fault in a private
 * writable VMA (to break copy-on-write now), a read fault elsewhere;
 * VM_LOCKONFAULT VMAs are left to their faults.  `how`: MM_POPULATE_ALL,
 * or the bits MM_POPULATE_LOCKED (VMAs without VM_LOCKED skipped) and
 * MM_POPULATE_IGNORE_ERRORS (go on with the next VMA after an error).
 * Returns 0, -ENOMEM (a page could not be had), -EFAULT (a PROT_NONE
 * VMA, or a file page beyond the end of the file) or -EINTR (a signal
 * came: that one always stops it).
 */
#define MM_POPULATE_ALL			0
#define MM_POPULATE_LOCKED		1
#define MM_POPULATE_IGNORE_ERRORS	2
int mm_populate(struct mm_struct *mm, vaddr_t start, vaddr_t end, int how);

/* The system calls (Linux ARM EABI 150-153 and 390). */
long sys_mlock(vaddr_t start, size_t len);
long sys_mlock2(vaddr_t start, size_t len, int flags);
long sys_munlock(vaddr_t start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

#endif
