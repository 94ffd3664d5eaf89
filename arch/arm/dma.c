/*
 * arch/arm/dma.c - the architecture's half of DMA support: cache
 * maintenance to the point of coherency, and the uncached pool.
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

/* CTR.DminLine (B4.1.42): log2 of the smallest line in words. */
unsigned arch_dcache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xF);
}
