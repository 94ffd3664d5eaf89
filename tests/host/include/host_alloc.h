/*
 * Host-test helpers for the kernel allocators (slab, vmalloc, kmap, DMA)
 * (tests/host/shim_alloc.c), and the fake MMU's hooks (shim_arch.c).
 */
#ifndef HOST_ALLOC_H
#define HOST_ALLOC_H

#include <kernel/types.h>

/* shim_arch.c: the fake MMU */
void host_mmu_reset(void);
extern unsigned long host_mmu_maps, host_mmu_unmaps;
extern unsigned long host_tlb_range_flushes;

/*
 * The layout host_alloc_boot() sets up: a 248 MiB vmalloc area (the
 * target's default is 240 MiB) and a 1 MiB DMA pool at a physical address
 * above the fake RAM (the target's pool is RAM outside the linear map).
 */
#define HOST_VMALLOC_START	0xF0000000UL
#define HOST_DMA_POOL_PA	0xB0000000u
#define HOST_DMA_POOL_SIZE	(1u << 20)

/*
 * host_alloc_boot - host_mm_boot(ram, lowmem in MiB, cmdline), then a
 * fresh fake MMU, and kmem_init, vmalloc_init, kmap_init, dma_init.
 */
void host_alloc_boot(unsigned long ram_mib, unsigned long low_mib, const char *cmdline);

/*
 * cmocka fixtures shared by the allocator tests: a 64 MiB machine with
 * 48 MiB of lowmem (host_alloc_boot) before each test, torn down after.
 */
int host_alloc_setup(void **state);
int host_alloc_teardown(void **state);

/* Free pages once the slab has given back its empty slabs. */
unsigned long host_settled_free(void);

void host_dma_pool_setup(paddr_t pa, size_t bytes);

/* The cache operations the DMA code asked the "architecture" for. */
struct host_cache_op {
	char op;		/* 'c' clean, 'i' invalidate, 'f' flush */
	vaddr_t start, end;
};
#define HOST_CACHE_OPS_MAX	64
extern struct host_cache_op host_cache_ops[HOST_CACHE_OPS_MAX];
extern unsigned int host_nr_cache_ops;
extern unsigned int host_dcache_line;	/* arch_dcache_line_size(); 32 by default */

#endif
