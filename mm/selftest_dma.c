/*
 * Self-tests of DMA mapping (QEMU models no cache: these check what was
 * done, not its effect).
 *
 * SELFTEST(dma_coherent): a buffer from dma_alloc_coherent is zeroed,
 *   physically contiguous inside the pool, mapped MMU_UNCACHED (normal
 *   memory, not device), listed in vmallocinfo as dma-coherent, and its
 *   pages have no linear-map alias (arch_mmu_query(pa_to_kva(pa)) says
 *   -ENOENT): no cacheable mapping of the same RAM exists.  Freed, it is
 *   unmapped and its pool pages are free again.
 * SELFTEST(dma_streaming): dma_map_single/dma_unmap_single in each
 *   direction log the operations of the table in include/mm/dma.h, on
 *   bounds aligned to the cache line around an unaligned buffer.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/arch_cache.h>
#include <mm/arch_mmu.h>
#include <mm/dma.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

#define DMA_ST_PAGES	3

/* Every page: uncached, in the pool, contiguous, zero, no linear alias. */
static int check_coherent(u8 *cpu, dma_addr_t handle, const struct dma_pool_info *pool)
{
	unsigned int i, b;
	unsigned flags;
	paddr_t pa;

	for (i = 0; i < DMA_ST_PAGES; i++) {
		vaddr_t va = (vaddr_t)cpu + ((vaddr_t)i << PAGE_SHIFT);
		u8 *p;

		if (arch_mmu_query(&init_mm, va, &pa, &flags) ||
		    pa != handle + ((paddr_t)i << PAGE_SHIFT) || !(flags & MMU_UNCACHED) ||
		    (flags & MMU_DEVICE) || pa < pool->pa ||
		    pa >= pool->pa + ((paddr_t)pool->pages << PAGE_SHIFT))
			return selftest_fail("dma_coherent: page %u at 0x%08lx -> 0x%08x "
					     "flags 0x%x", i, (unsigned long)va, pa, flags);
		if (arch_mmu_query(&init_mm, (vaddr_t)pa_to_kva(pa), NULL, NULL) != -ENOENT)
			return selftest_fail("dma_coherent: pool page 0x%08x is also in the "
					     "cacheable linear map", pa);
		p = mapped_ptr(va);
		for (b = 0; b < PAGE_SIZE; b++)
			if (p[b])
				return selftest_fail("dma_coherent: byte %u of page %u not zero",
						     b, i);
		memset(p, 0x5a, PAGE_SIZE);
	}
	return 0;
}

int selftest_dma_coherent(void)
{
	struct dma_pool_info pool, during, after;
	dma_addr_t handle;
	u8 *cpu;
	int err;

	dma_pool_get_info(&pool);
	if (!pool.pages) {
		printk("selftest dma_coherent: no coherent pool (dma_pool=0): skipped\n");
		return 0;
	}
	cpu = dma_alloc_coherent(DMA_ST_PAGES * PAGE_SIZE - 100, &handle);
	if (!cpu)
		return selftest_fail("dma_coherent: dma_alloc_coherent failed");
	dma_pool_get_info(&during);
	err = check_coherent(cpu, handle, &pool);
	if (!err && during.free_pages != pool.free_pages - DMA_ST_PAGES)
		err = selftest_fail("dma_coherent: pool free %u -> %u", pool.free_pages,
				    during.free_pages);
	if (!err && !(find_vm_area(cpu)->flags & VM_DMA_COHERENT))
		err = selftest_fail("dma_coherent: not a VM_DMA_COHERENT range");
	dma_free_coherent(DMA_ST_PAGES * PAGE_SIZE - 100, cpu, handle);
	dma_pool_get_info(&after);
	if (!err && (after.free_pages != pool.free_pages ||
		     !arch_mmu_query(&init_mm, (vaddr_t)cpu, NULL, NULL)))
		err = selftest_fail("dma_coherent: not given back (free %u of %u)",
				    after.free_pages, pool.free_pages);
	if (!err && dma_alloc_coherent(((size_t)pool.pages + 1) << PAGE_SHIFT, &handle))
		err = selftest_fail("dma_coherent: more than the pool was handed out");
	return err;
}
SELFTEST(dma_coherent, selftest_dma_coherent);

/* The last logged operation must be op on the line-aligned span of [p, p+n). */
static int expect_op(const char *what, unsigned long count, enum dma_cache_op op,
		     const u8 *p, size_t n)
{
	vaddr_t line = arch_dcache_line_size();
	const struct dma_log_entry *e = dma_log_last(0);

	if (dma_log.count != count + 1 || !e || e->op != op ||
	    e->start != ALIGN_DOWN((vaddr_t)p, line) || e->end != ALIGN_UP((vaddr_t)p + n, line))
		return selftest_fail("dma_streaming: %s: %lu ops (want %lu), last op %d "
				     "0x%08lx-0x%08lx (want %d on 0x%08lx-0x%08lx)", what,
				     dma_log.count - count, 1UL, e ? (int)e->op : -1,
				     e ? (unsigned long)e->start : 0UL,
				     e ? (unsigned long)e->end : 0UL, op,
				     (unsigned long)ALIGN_DOWN((vaddr_t)p, line),
				     (unsigned long)ALIGN_UP((vaddr_t)p + n, line));
	return 0;
}

static int streaming_case(u8 *p, size_t n, enum dma_data_direction dir,
			  enum dma_cache_op on_map, int on_unmap)
{
	unsigned long count = dma_log.count;
	dma_addr_t h = dma_map_single(p, n, dir);

	if (h != kva_to_pa(p))
		return selftest_fail("dma_streaming: handle 0x%08x for pa 0x%08x", h,
				     kva_to_pa(p));
	if (expect_op("map", count, on_map, p, n))
		return -1;
	count = dma_log.count;
	dma_unmap_single(h, n, dir);
	if (on_unmap < 0) {
		if (dma_log.count != count)
			return selftest_fail("dma_streaming: unmap TO_DEVICE did maintenance");
		return 0;
	}
	return expect_op("unmap", count, (enum dma_cache_op)on_unmap, p, n);
}

int selftest_dma_streaming(void)
{
	u8 *buf = kmalloc(512, GFP_KERNEL);
	int err;

	if (!buf)
		return selftest_fail("dma_streaming: no memory");
	err = streaming_case(buf + 5, 100, DMA_TO_DEVICE, DMA_OP_CLEAN, -1);
	if (!err)
		err = streaming_case(buf + 64, 192, DMA_FROM_DEVICE, DMA_OP_INV, DMA_OP_INV);
	if (!err)
		err = streaming_case(buf + 64, 64, DMA_BIDIRECTIONAL, DMA_OP_FLUSH, DMA_OP_INV);
	kfree(buf);
	return err;
}
SELFTEST(dma_streaming, selftest_dma_streaming);
