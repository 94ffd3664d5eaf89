/*
 * arch/arm/dma.c - cache maintenance that generic mm/ code asks for
 * (include/mm/arch_cache.h): to the point of coherency for DMA, and to the
 * point of unification for code loaded into a process; and the uncached
 * DMA pool.
 */
#include <kernel/types.h>
#include <asm/cacheflush.h>
#include <asm/cp15.h>
#include <mm/arch_cache.h>

paddr_t dma_pool_pa;
size_t dma_pool_size;

void arch_dma_clean_range(vaddr_t start, vaddr_t end)
{
	clean_dcache_range_poc(start, end);
}

void arch_dma_inv_range(vaddr_t start, vaddr_t end)
{
	inv_dcache_range_poc(start, end);
}

void arch_dma_flush_range(vaddr_t start, vaddr_t end)
{
	flush_dcache_range_poc(start, end);
}

void arch_sync_icache_range(vaddr_t start, vaddr_t end)
{
	sync_icache_range(start, end);
}

/* CTR.DminLine (B4.1.42): log2 of the smallest line in words. */
unsigned arch_dcache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xF);
}
