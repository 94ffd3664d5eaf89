#ifndef ASM_MMU_CONTEXT_H
#define ASM_MMU_CONTEXT_H

#include <kernel/types.h>

struct mm_struct;

#define ASID_BITS	8
#define ASID_MASK	((1u << ASID_BITS) - 1)
#define NUM_ASIDS	(1u << ASID_BITS)

struct asid_stats {
	unsigned long allocated;	/* ASIDs handed out */
	unsigned long rollovers;	/* generation bumps (each flushes the TLB once) */
	unsigned long switches;		/* switch_mm calls that changed TTBR0 */
	unsigned long reserved_asid;	/* ... to a user mm whose ASID is 0: a bug */
};
extern struct asid_stats asid_stats;

/* switch_mm - run on next's page tables (and ASID); prev may be NULL. */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

/* sync_kernel_mappings - copy the kernel's vmalloc-area entries into mm. */
void sync_kernel_mappings(struct mm_struct *mm);

/* The ASID of mm in the current generation, or -1 if it has none. */
int mm_asid(const struct mm_struct *mm);

#endif
