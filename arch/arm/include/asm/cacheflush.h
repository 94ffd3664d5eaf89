/*
 * Cache maintenance (DDI 0406C, B4.2.1; B2.2.6 for the points of
 * coherency and unification).
 *
 *   PoU (point of unification): where the instruction and data sides and
 *        the table walker see the same copy.  Clean to the PoU after
 *        writing a descriptor, and before running freshly written code.
 *   PoC (point of coherency): where every observer, DMA masters included,
 *        sees the same copy.  Clean/invalidate to the PoC around DMA.
 *
 * The range functions (arch/arm/cache-v7.S) work on whole cache lines;
 * the line size comes from CTR at run time.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <kernel/types.h>

void v7_invalidate_dcache_all(void);	/* by set/way; boot only */
void v7_clean_dcache_all(void);		/* by set/way, every level to the LoC */
void v7_flush_dcache_all(void);		/* clean + invalidate by set/way */
void clean_dcache_range_pou(vaddr_t start, vaddr_t end);	/* DCCMVAU */
void clean_dcache_range_poc(vaddr_t start, vaddr_t end);	/* DCCMVAC */
void inv_dcache_range_poc(vaddr_t start, vaddr_t end);		/* DCIMVAC */
void flush_dcache_range_poc(vaddr_t start, vaddr_t end);	/* DCCIMVAC */
void invalidate_icache_all(void);	/* ICIALLU(IS) + BPIALL(IS) */

/*
 * sync_icache_range - make code just written to [start, end) executable:
 * clean D to the PoU, invalidate the whole I-cache and branch predictor.
 */
void sync_icache_range(vaddr_t start, vaddr_t end);

/*
 * Does the table walker see the data cache?  ID_MMFR3.CoherentWalk
 * (bits 23:20) = 1 says translation table updates need no clean to the
 * PoU (Cortex-A9, A15); otherwise (Cortex-A8) every descriptor write must
 * be cleaned before the walker can see it.  Set by paging_init().
 */
extern bool pgtable_walk_coherent;

/*
 * clean_pte - make a descriptor write visible to the table walker: clean
 * its cache line to the PoU unless walks are coherent, then DSB (B3.10.1,
 * "synchronization of changes of translation tables").
 */
static inline void clean_pte(const void *p)
{
	if (!pgtable_walk_coherent)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(p) : "memory");
	__asm__ volatile("dsb" : : : "memory");
}

/* clean_pgtable_range - the same for a run of descriptors. */
static inline void clean_pgtable_range(vaddr_t start, vaddr_t end)
{
	if (!pgtable_walk_coherent)
		clean_dcache_range_pou(start, end);
	else
		__asm__ volatile("dsb" : : : "memory");
}

#endif
