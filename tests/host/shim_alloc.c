/*
 * What the kernel allocators (slab, vmalloc, kmap, DMA) need on the host beyond
 * shim_kernel.c, shim_arch.c and shim_mm.c:
 *
 *   - kallsyms_lookup: no symbol table on the host (callers print as
 *     0x<address>);
 *   - the uncached DMA pool (dma_pool_pa/dma_pool_size, arch/arm/dma.c on
 *     the target), backed by a host buffer of its own, outside the fake
 *     RAM, as the target's pool is outside the linear map;
 *   - arch_dma_*_range recorders and arch_dcache_line_size;
 *   - host_mapped_ptr(): what a kernel mapping made through the fake MMU
 *     points at (see mapped_ptr in mm/alloc_internal.h);
 *   - host_alloc_boot(): a fresh boot of the page allocator and then of
 *     slab, vmalloc, kmap and DMA, in start_kernel's order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/kallsyms.h>
#include <mm/arch_cache.h>
#include <mm/arch_mmu.h>
#include <mm/gfp.h>
#include <mm/dma.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <host_mm.h>
#include <host_alloc.h>

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	return NULL;
}

/* ------------------------------------------------------------ DMA pool */

paddr_t dma_pool_pa;
size_t dma_pool_size;
static void *dma_pool_mem;

void host_dma_pool_setup(paddr_t pa, size_t bytes)
{
	free(dma_pool_mem);
	dma_pool_mem = NULL;
	if (bytes && posix_memalign(&dma_pool_mem, PAGE_SIZE, bytes))
		abort();
	dma_pool_pa = pa;
	dma_pool_size = bytes;
}

/* ------------------------------------------------------- cache recorders */

struct host_cache_op host_cache_ops[HOST_CACHE_OPS_MAX];
unsigned int host_nr_cache_ops;
unsigned int host_dcache_line = 32;

static void record(char op, vaddr_t start, vaddr_t end)
{
	if (host_nr_cache_ops < HOST_CACHE_OPS_MAX) {
		host_cache_ops[host_nr_cache_ops].op = op;
		host_cache_ops[host_nr_cache_ops].start = start;
		host_cache_ops[host_nr_cache_ops].end = end;
	}
	host_nr_cache_ops++;
}

void arch_dma_clean_range(vaddr_t start, vaddr_t end)
{
	record('c', start, end);
}

void arch_dma_inv_range(vaddr_t start, vaddr_t end)
{
	record('i', start, end);
}

void arch_dma_flush_range(vaddr_t start, vaddr_t end)
{
	record('f', start, end);
}

unsigned arch_dcache_line_size(void)
{
	return host_dcache_line;
}

unsigned arch_max_dcache_line(void)
{
	return host_dcache_line;
}

/* ----------------------------------------------------------- mappings */

/*
 * The host memory behind the page that the fake MMU maps at va: the
 * lowmem arena, the HighMem arena or the DMA pool buffer.  A va that is
 * not mapped, or maps something else (a device), fails the test.
 */
void *host_mapped_ptr(vaddr_t va)
{
	char msg[128];
	paddr_t pa;

	if (arch_mmu_query(&init_mm, va, &pa, NULL) == 0) {
		if (pa >= PHYS_OFFSET && pa < arm_lowmem_limit)
			return pa_to_kva(pa);
		if (pa >= arm_lowmem_limit && pa - arm_lowmem_limit < host_highmem_size)
			return (void *)(host_highmem_base + (pa - arm_lowmem_limit));
		if (dma_pool_size && pa >= dma_pool_pa && pa - dma_pool_pa < dma_pool_size)
			return (char *)dma_pool_mem + (pa - dma_pool_pa);
	}
	snprintf(msg, sizeof(msg), "host_mapped_ptr: 0x%lx maps no memory the host has",
		 (unsigned long)va);
	mock_assert(0, msg, __FILE__, __LINE__);
	abort();
}

/* --------------------------------------------------------------- boot */

void host_alloc_boot(unsigned long ram_mib, unsigned long low_mib, const char *cmdline)
{
	host_mm_boot(ram_mib << 20, low_mib << 20, cmdline);
	host_mmu_reset();
	host_tlb_range_flushes = 0;
	host_nr_cache_ops = 0;
	host_dcache_line = 32;
	vmalloc_start = HOST_VMALLOC_START;
	host_dma_pool_setup(HOST_DMA_POOL_PA, HOST_DMA_POOL_SIZE);
	kmem_init();
	vmalloc_init();
	kmap_init();
	dma_init();
}

int host_alloc_setup(void **state)
{
	host_alloc_boot(64, 48, NULL);
	return 0;
}

int host_alloc_teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

unsigned long host_settled_free(void)
{
	kmem_cache_shrink_all();
	return nr_free_pages();
}
