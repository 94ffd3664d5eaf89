/*
 * Overcommit: how much memory the processes may be promised (mm/util.c).
 *
 * A private writable mapping, the heap and the stack may each be written
 * all over, and each written page needs a page of RAM (or, later, of
 * swap).  The kernel counts what it has promised that way - the "commit
 * charge", vm_committed_as, in pages - and /proc/sys/vm/overcommit_memory
 * says what it refuses:
 *
 *   mode            a request of n pages is refused (ENOMEM) when ...
 *   --------------  -------------------------------------------------------
 *   0 heuristic     n alone is more than all RAM + swap (an obvious mistake)
 *   1 always        never
 *   2 never         the charge would pass CommitLimit (less the reserves)
 *
 *   CommitLimit = (RAM - huge pages) * overcommit_ratio / 100 + swap,
 *                 or overcommit_kbytes + swap when that is set
 *
 * What is charged (a VMA that is carries VM_ACCOUNT, and gives its pages
 * back when it goes):
 *
 *   mapping                                     charged
 *   ------------------------------------------  ---------------------------
 *   private writable, anonymous or file, heap,  yes, at mmap, brk, stack
 *     stack                                       growth, fork (the copy)
 *   private, read-only now, made writable       yes, at that mprotect
 *   MAP_NORESERVE in modes 0 and 1              no (VM_NORESERVE)
 *   shared file mapping, read-only private      no: the file holds the data
 *   shared anonymous (MAP_SHARED|MAP_ANONYMOUS) no here; Linux charges it
 *                                                 through shmem (to do)
 *
 * The charge of a VMA is dropped at munmap (the part unmapped), exit and
 * exec; a VMA that was made read-only again keeps its charge, as in Linux.
 */
#ifndef MM_MMAN_H
#define MM_MMAN_H

#include <mm/mm_types.h>

#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

extern int sysctl_overcommit_memory;		/* 0 */
extern int sysctl_overcommit_ratio;		/* 50 (%) */
extern unsigned long sysctl_overcommit_kbytes;	/* 0: use the ratio */
extern unsigned long sysctl_user_reserve_kbytes;	/* min(free / 32, 128 MiB) at boot */
extern unsigned long sysctl_admin_reserve_kbytes;	/* min(free / 32, 8 MiB) at boot */
extern long vm_committed_as;			/* pages promised (Committed_AS) */

/* The reserves' boot values, from the free memory then (Linux's initcalls). */
void init_overcommit_reserves(unsigned long free_pages);

/* CommitLimit in pages. */
unsigned long vm_commit_limit(void);

/* Committed_AS in pages (never below 0). */
unsigned long vm_committed_pages(void);

static inline void vm_acct_memory(long pages)
{
	vm_committed_as += pages;
}

static inline void vm_unacct_memory(long pages)
{
	vm_committed_as -= pages;
}

/*
 * __vm_enough_memory - charge `pages` for a request of mm (NULL: no
 * process), and take the charge back and return -ENOMEM if the mode
 * refuses it (table above).  cap_sys_admin: the caller may dip into the
 * admin reserve.  0 when charged.
 */
int __vm_enough_memory(const struct mm_struct *mm, long pages, bool cap_sys_admin);

/*
 * vm_enough_memory - the same for a process of this kernel: every one
 * runs as root, with CAP_SYS_ADMIN, so the admin reserve is always open
 * to it (Linux's security_vm_enough_memory_mm for root).
 */
static inline int vm_enough_memory(const struct mm_struct *mm, long pages)
{
	return __vm_enough_memory(mm, pages, true);
}

/* Does a mapping with these flags take a charge?  (Linux's accountable_mapping) */
static inline bool accountable_mapping(unsigned vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

#endif
