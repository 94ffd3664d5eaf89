/*
 * Swap entries: where an anonymous page that reclaim took out of memory
 * lives now (docs/swap.md).
 *
 * A swap entry names one page-sized slot of one swap area: the area's
 * number ("type", its index in swap_info[], the order of swapon) and
 * the slot's number in it ("offset", in pages from the start of the
 * area; slot 0 holds the header and is never handed out, so no entry is
 * 0).  This is the generic form; page tables hold an architecture's
 * encoding of it (arch/arm/include/asm/mmu.h draws ours next to
 * Linux/ARM's), reached only through the arch_mmu_* calls.
 */
#ifndef MM_SWAPOPS_H
#define MM_SWAPOPS_H

#include <kernel/types.h>

typedef struct {
	unsigned long val;
} swp_entry_t;

/*
 * Bits of an entry in a page-table entry (arch/arm: 4 for the type, 25
 * for the offset), hence at most 16 areas of at most 2^25 pages (128 GiB)
 * each.  Linux/ARM has 5 type bits and subtracts the entries its
 * migration and hardware-poison code uses; there are none here.
 */
#define SWP_TYPE_BITS		4
#define SWP_OFFSET_BITS		25
#define MAX_SWAPFILES		(1 << SWP_TYPE_BITS)
#define SWP_OFFSET_LIMIT	(1UL << SWP_OFFSET_BITS)	/* pages an area may have */

static inline swp_entry_t swp_entry(unsigned type, unsigned long offset)
{
	swp_entry_t e = { ((unsigned long)type << SWP_OFFSET_BITS) | offset };

	return e;
}

static inline unsigned swp_type(swp_entry_t e)
{
	return (unsigned)(e.val >> SWP_OFFSET_BITS);
}

static inline unsigned long swp_offset(swp_entry_t e)
{
	return e.val & (SWP_OFFSET_LIMIT - 1);
}

#endif
