/*
 * Cache maintenance that generic mm/ code asks of the architecture, for
 * streaming DMA (docs/kernel-allocators.md).  All work on [start, end) kernel virtual
 * addresses, line by line, to the point of coherency (where a DMA master
 * sees memory).  QEMU models no cache, so tests check which operations
 * were asked for (mm/dma.c keeps a log), not their effect.
 *
 *   arch_dma_clean_range  write dirty lines back (CPU wrote, device reads)
 *   arch_dma_inv_range    discard lines (device wrote, CPU will read)
 *   arch_dma_flush_range  both
 */
#ifndef MM_ARCH_CACHE_H
#define MM_ARCH_CACHE_H

#include <kernel/types.h>

void arch_dma_clean_range(vaddr_t start, vaddr_t end);
void arch_dma_inv_range(vaddr_t start, vaddr_t end);
void arch_dma_flush_range(vaddr_t start, vaddr_t end);
unsigned arch_dcache_line_size(void);	/* the smallest line (CTR.DminLine) */
unsigned arch_max_dcache_line(void);	/* the largest line at any level */

/*
 * arch_sync_icache_range - [start, end) (a kernel address) was just
 * written with what may be code that a process will execute: clean the
 * data cache to the point of unification and invalidate the instruction
 * cache, so that instruction fetches see the new bytes (B2.2.9).
 */
void arch_sync_icache_range(vaddr_t start, vaddr_t end);

/*
 * clear_page / copy_page - zero or copy one whole page given by
 * page-aligned kernel addresses (lowmem, or a kmap_atomic slot): the
 * fault path's page loops, as fast as the architecture allows.
 */
void clear_page(void *to);
void copy_page(void *to, const void *from);

/*
 * The uncached DMA pool: physically contiguous RAM that the cacheable
 * linear map does not cover (paging_init leaves its sections unmapped),
 * so mapping it uncached never creates mismatched attributes (ARM ARM
 * A3.5.7).  Reserved in memblock: the buddy allocator never sees it.
 */
extern paddr_t dma_pool_pa;
extern size_t dma_pool_size;

#endif
