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

/*
 * arch_max_dcache_line - the largest data cache line this CPU has at any
 * level: CTR.CWG (B4.1.42, the cache writeback granule, log2 words; 0 if
 * not given) and each data or unified level of CLIDR (B4.1.20) through
 * CCSIDR.LineSize (B4.1.19, log2(words) - 2).  Boot time only: it
 * selects levels through CSSELR.
 */
unsigned arch_max_dcache_line(void)
{
	u32 clidr = read_clidr(), cwg = (read_ctr() >> 24) & 0xF;
	unsigned level, max = cwg ? 4u << cwg : 0;

	for (level = 0; level < 7; level++) {
		u32 type = (clidr >> (3 * level)) & 7, line;

		if (type < 2)		/* none, or instructions only */
			continue;
		write_csselr(level << 1);
		isb();
		line = 16u << (read_ccsidr() & 7);
		if (line > max)
			max = line;
	}
	write_csselr(0);
	isb();
	return max;
}

/* CTR.DminLine (B4.1.42): log2 of the smallest line in words. */
unsigned arch_dcache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xF);
}
