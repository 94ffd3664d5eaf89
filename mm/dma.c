/*
 * DMA mapping: the coherent pool and streaming maintenance (docs/kernel-allocators.md).
 * The API and the direction table are in include/mm/dma.h.
 *
 * Why a pool.  ARMv7 forbids mapping one physical page with two memory
 * types at once, e.g. cacheable in the linear map and non-cacheable for
 * the device (mismatched memory attributes, ARM ARM A3.5.7): a line of
 * the cacheable alias may be written back over the device's data at any
 * time.  So coherent buffers never come from the buddy allocator, whose
 * lowmem pages are all mapped cacheable.  paging_init() carves the pool
 * out of lowmem at boot (dma_pool=SIZE on the command line, default 2 MiB,
 * 1 MiB aligned), reserves it in memblock so that the buddy allocator
 * never sees it, and leaves its sections out of the linear map: the only
 * mapping its pages ever get is the uncached one made here.
 *
 *   pool page state   bit in pool_map   mapped
 *   ----------------  ----------------  ---------------------------------
 *   free              0                 nowhere
 *   allocated         1                 once, uncached, in the vmalloc area
 *
 * Allocation is first fit over the bitmap (the pool is a few hundred
 * pages; a buffer is a run of contiguous pages).
 *
 * Streaming maintenance of a HighMem page (dma_map_page).  The cache is
 * maintained by virtual address (DCCMVAC, DCIMVAC, DCCIMVAC), and a HighMem
 * page has no address in the linear map.  It gets one for the length of
 * the maintenance through kmap_atomic (a fixmap slot), and that is enough:
 * ARMv7 requires data and unified caches to behave as physically indexed
 * and physically tagged (ARM ARM, VMSA chapter, "Address mapping
 * restrictions"), so an operation by any virtual address acts on the
 * lines of the physical address behind it, whichever alias filled them
 * (a user mapping of the same page cache page, an earlier kmap).  The temporary
 * mapping has the attributes of every other mapping of RAM (Normal,
 * write-back), so it adds no mismatched alias.  Maintenance by set/way
 * would be wrong here: it is for whole-cache operations at boot, is not
 * broadcast to other cores and cannot name one buffer.
 */
#include <kernel/bug.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/arch_cache.h>
#include <mm/arch_mmu.h>
#include <mm/dma.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

#define BITS_PER_MAP_WORD	BITS_PER_LONG

struct dma_log dma_log;
static unsigned long *pool_map;		/* one bit per pool page */
static unsigned int pool_pages, pool_free;

static bool pool_bit(unsigned int i)
{
	return pool_map[i / BITS_PER_MAP_WORD] & (1UL << (i % BITS_PER_MAP_WORD));
}

static void pool_set(unsigned int first, unsigned int n, bool used)
{
	unsigned int i;

	for (i = first; i < first + n; i++) {
		if (used)
			pool_map[i / BITS_PER_MAP_WORD] |= 1UL << (i % BITS_PER_MAP_WORD);
		else
			pool_map[i / BITS_PER_MAP_WORD] &= ~(1UL << (i % BITS_PER_MAP_WORD));
	}
	pool_free = used ? pool_free - n : pool_free + n;
}

/* First run of n free pool pages, marked used; -1 if none.  IRQs masked. */
static int pool_take(unsigned int n)
{
	unsigned int i, run = 0;

	for (i = 0; i < pool_pages; i++) {
		run = pool_bit(i) ? 0 : run + 1;
		if (run == n) {
			pool_set(i + 1 - n, n, true);
			return (int)(i + 1 - n);
		}
	}
	return -1;
}

bool dma_debug = IS_ENABLED_DEBUG_MM;

/*
 * dma_init - also checks, once, what QEMU never would: kmalloc's
 * alignment (ARCH_DMA_MINALIGN) covers the largest data cache line this
 * CPU reports at any level (arch_max_dcache_line: CTR, CLIDR, CCSIDR), or
 * kmalloc buffers could share lines.
 */
void dma_init(void)
{
	unsigned int line = arch_max_dcache_line();

	if (line > ARCH_DMA_MINALIGN)
		panic("dma_init: the CPU has %u-byte cache lines, but kmalloc aligns to "
		      "ARCH_DMA_MINALIGN = %u: DMA buffers could share lines", line,
		      ARCH_DMA_MINALIGN);
	pool_pages = (unsigned int)(dma_pool_size >> PAGE_SHIFT);
	pool_free = pool_pages;
	pool_map = NULL;
	memset(&dma_log, 0, sizeof(dma_log));
	if (!pool_pages) {
		printk("dma: no coherent pool (dma_pool=0): dma_alloc_coherent will fail\n");
		return;
	}
	if (!IS_ALIGNED(dma_pool_pa, PAGE_SIZE))
		panic("dma_init: pool at 0x%08x is not page aligned", dma_pool_pa);
	pool_map = kzalloc(DIV_ROUND_UP(pool_pages, BITS_PER_MAP_WORD) * sizeof(long),
			   GFP_KERNEL);
	if (!pool_map)
		panic("dma_init: no memory for the pool bitmap");
	printk("dma: coherent pool of %u KiB at 0x%08x (uncached; not in the "
	       "linear map)\n", pool_pages * (unsigned int)(PAGE_SIZE / 1024),
	       dma_pool_pa);
}

void dma_pool_get_info(struct dma_pool_info *info)
{
	info->pa = dma_pool_pa;
	info->pages = pool_pages;
	info->free_pages = pool_free;
}

/* ------------------------------------------------------------- coherent */

/* Zero a fresh buffer through its uncached mapping, a page at a time. */
static void zero_mapping(const struct vm_struct *vm, unsigned int pages)
{
	unsigned int i;

	for (i = 0; i < pages; i++)
		memset(mapped_ptr((vaddr_t)vm->addr + ((vaddr_t)i << PAGE_SHIFT)), 0,
		       PAGE_SIZE);
}

void *dma_alloc_coherent(size_t size, dma_addr_t *handle)
{
	unsigned int n = (unsigned int)(ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT);
	struct vm_struct *vm = NULL;
	unsigned long flags;
	paddr_t pa;
	int first;

	if (!size || !pool_map || n > pool_pages)
		return NULL;
	local_irq_save(flags);
	first = pool_take(n);
	local_irq_restore(flags);
	if (first < 0)
		return NULL;
	pa = dma_pool_pa + ((paddr_t)first << PAGE_SHIFT);
	if (IS_ALIGNED(pa, SECTION_SIZE) && ((size_t)n << PAGE_SHIFT) >= SECTION_SIZE)
		vm = get_vm_area((size_t)n << PAGE_SHIFT, VM_DMA_COHERENT, SECTION_SIZE, _RET_IP_);
	if (!vm)
		vm = get_vm_area((size_t)n << PAGE_SHIFT, VM_DMA_COHERENT, PAGE_SIZE, _RET_IP_);
	if (vm) {
		vm->phys_addr = pa;
		if (!vm_map_phys(vm, pa, MMU_KERNEL_RW | MMU_UNCACHED)) {
			zero_mapping(vm, n);
			*handle = pa;
			return vm->addr;
		}
		free_vm_area(vm);
	}
	local_irq_save(flags);
	pool_set((unsigned int)first, n, false);
	local_irq_restore(flags);
	return NULL;
}

void dma_free_coherent(size_t size, void *cpu_addr, dma_addr_t handle)
{
	struct vm_struct *vm = find_vm_area(cpu_addr);
	size_t len = ALIGN_UP(size, PAGE_SIZE);
	unsigned long flags;

	if (!vm || vm->addr != cpu_addr || !(vm->flags & VM_DMA_COHERENT) ||
	    vm->phys_addr != handle || vm->size - PAGE_SIZE != len)
		panic("dma_free_coherent(%lu, %p, 0x%08x): not what dma_alloc_coherent "
		      "returned (wrong address, handle or size)", (unsigned long)size,
		      cpu_addr, handle);
	free_vm_area(vm);
	local_irq_save(flags);
	pool_set((unsigned int)((handle - dma_pool_pa) >> PAGE_SHIFT),
		 (unsigned int)(len >> PAGE_SHIFT), false);
	local_irq_restore(flags);
}

/* ------------------------------------------------------------ streaming */

/*
 * Log one cache operation on [start, end) (whole lines), and do it.
 * pa is the physical address behind start (the log shows which page a
 * kmap_atomic address stood for).
 */
static void cache_op_lines(enum dma_cache_op op, vaddr_t start, vaddr_t end, paddr_t pa)
{
	struct dma_log_entry *e;
	unsigned long flags;

	local_irq_save(flags);
	e = &dma_log.entry[dma_log.count++ % DMA_LOG_SIZE];
	e->op = op;
	e->start = start;
	e->end = end;
	e->pa = pa;
	local_irq_restore(flags);
	if (op == DMA_OP_CLEAN)
		arch_dma_clean_range(start, end);
	else if (op == DMA_OP_INV)
		arch_dma_inv_range(start, end);
	else
		arch_dma_flush_range(start, end);
}

/*
 * cache_op - op on the lines that [start, end) touches; pa is the
 * physical address of start.  Cleaning and flushing a whole line is
 * harmless to whatever else is in it; an invalidate is not: a partial
 * first or last line is cleaned and invalidated (flushed) instead, and
 * only the lines wholly inside the buffer are invalidated.
 */
static void cache_op(enum dma_cache_op op, vaddr_t start, vaddr_t end, paddr_t pa)
{
	vaddr_t line = arch_dcache_line_size();
	vaddr_t first = ALIGN_DOWN(start, line), last = ALIGN_UP(end, line);
	paddr_t pa_first = pa - (paddr_t)(start - first);	/* pa of line `first` */

	if (op != DMA_OP_INV) {
		cache_op_lines(op, first, last, pa_first);
		return;
	}
	if (first != start) {			/* partial first line */
		cache_op_lines(DMA_OP_FLUSH, first, first + line, pa_first);
		first += line;
		pa_first += (paddr_t)line;
	}
	if (last != end && last - line >= first) {	/* partial last line */
		cache_op_lines(DMA_OP_FLUSH, last - line, last,
			       pa_first + (paddr_t)(last - line - first));
		last -= line;
	}
	if (last > first)
		cache_op_lines(DMA_OP_INV, first, last, pa_first);
}

const struct dma_log_entry *dma_log_last(unsigned int n)
{
	if (n >= DMA_LOG_SIZE || n >= dma_log.count)
		return NULL;
	return &dma_log.entry[(dma_log.count - 1 - n) % DMA_LOG_SIZE];
}

/*
 * Does [ptr, ptr + size) own every cache line it touches?  Its start must
 * be on an ARCH_DMA_MINALIGN boundary; its end too, unless the rest of
 * that line belongs to the same allocation: the same kmalloc object
 * (whose slot is a multiple of the alignment) or pages the caller owns.
 */
static bool owns_its_lines(const void *ptr, size_t size)
{
	vaddr_t start = (vaddr_t)ptr, end = start + size;

	if (!IS_ALIGNED(start, ARCH_DMA_MINALIGN))
		return false;
	if (IS_ALIGNED(end, ARCH_DMA_MINALIGN))
		return true;
	return kmem_owns_range(ptr, ALIGN_UP(end, ARCH_DMA_MINALIGN) - start);
}

static void check_streaming(const char *who, const void *ptr, size_t size,
			    enum dma_data_direction dir)
{
	if (dir != DMA_TO_DEVICE && dir != DMA_FROM_DEVICE && dir != DMA_BIDIRECTIONAL)
		panic("%s(%p, %lu): bad direction %d", who, ptr, (unsigned long)size, dir);
	if (!size || !virt_addr_valid(ptr) || !virt_addr_valid((const char *)ptr + size - 1))
		panic("%s(%p, %lu): the buffer must be lowmem (kmalloc or "
		      "get_free_pages), not vmalloc/kmap/ioremap memory, and not empty",
		      who, ptr, (unsigned long)size);
	if (dma_debug && dir != DMA_TO_DEVICE && !owns_its_lines(ptr, size))
		panic("%s(%p, %lu): a buffer the device writes shares a %u-byte cache line "
		      "with other data (align it to ARCH_DMA_MINALIGN: kmalloc does)",
		      who, ptr, (unsigned long)size, ARCH_DMA_MINALIGN);
}

/*
 * The maintenance before the device touches the buffer (map, for_device);
 * ptr is a kernel address of it (linear map or kmap_atomic), pa its
 * physical address.
 */
static void to_device(void *ptr, paddr_t pa, size_t size, enum dma_data_direction dir)
{
	vaddr_t start = (vaddr_t)ptr;

	if (dir == DMA_TO_DEVICE)
		cache_op(DMA_OP_CLEAN, start, start + size, pa);
	else if (dir == DMA_FROM_DEVICE)
		cache_op(DMA_OP_INV, start, start + size, pa);
	else
		cache_op(DMA_OP_FLUSH, start, start + size, pa);
}

/* The maintenance after the device is done (unmap, for_cpu). */
static void to_cpu(void *ptr, paddr_t pa, size_t size, enum dma_data_direction dir)
{
	if (dir != DMA_TO_DEVICE)
		cache_op(DMA_OP_INV, (vaddr_t)ptr, (vaddr_t)ptr + size, pa);
}

dma_addr_t dma_map_single(void *ptr, size_t size, enum dma_data_direction dir)
{
	check_streaming("dma_map_single", ptr, size, dir);
	to_device(ptr, kva_to_pa(ptr), size, dir);
	return kva_to_pa(ptr);
}

void dma_unmap_single(dma_addr_t handle, size_t size, enum dma_data_direction dir)
{
	void *ptr = pa_to_kva(handle);

	check_streaming("dma_unmap_single", ptr, size, dir);
	to_cpu(ptr, handle, size, dir);
}

void dma_sync_single_for_cpu(dma_addr_t handle, size_t size, enum dma_data_direction dir)
{
	void *ptr = pa_to_kva(handle);

	check_streaming("dma_sync_single_for_cpu", ptr, size, dir);
	to_cpu(ptr, handle, size, dir);
}

void dma_sync_single_for_device(dma_addr_t handle, size_t size,
				enum dma_data_direction dir)
{
	void *ptr = pa_to_kva(handle);

	check_streaming("dma_sync_single_for_device", ptr, size, dir);
	to_device(ptr, handle, size, dir);
}

/*
 * The page of a dma_map_page range: a RAM page, the range inside it, a
 * real direction; in debug builds a range the device writes must start
 * and end on ARCH_DMA_MINALIGN boundaries, since another user of the same
 * page (a neighbouring block of a page cache page) may own the rest of
 * an unaligned line.
 */
static void check_page_streaming(const char *who, struct page *page, unsigned long offset,
				 size_t size, enum dma_data_direction dir)
{
	pfn_t pfn = page_to_pfn(page);

	if (dir != DMA_TO_DEVICE && dir != DMA_FROM_DEVICE && dir != DMA_BIDIRECTIONAL)
		panic("%s(pfn 0x%x, %lu, %lu): bad direction %d", who, pfn, offset,
		      (unsigned long)size, dir);
	if (pfn < min_low_pfn || pfn >= max_pfn || !size || offset >= PAGE_SIZE ||
	    size > PAGE_SIZE - offset)
		panic("%s(pfn 0x%x, %lu, %lu): not a RAM page, or the range is empty or "
		      "runs off the page", who, pfn, offset, (unsigned long)size);
	if (dma_debug && dir != DMA_TO_DEVICE &&
	    (!IS_ALIGNED(offset, ARCH_DMA_MINALIGN) || !IS_ALIGNED(offset + size, ARCH_DMA_MINALIGN)))
		panic("%s(pfn 0x%x, %lu, %lu): a range the device writes must start and end "
		      "on %u-byte (ARCH_DMA_MINALIGN) boundaries", who, pfn, offset,
		      (unsigned long)size, ARCH_DMA_MINALIGN);
}

/*
 * Maintain [offset, offset + size) of page for (to_dev) or after (!to_dev)
 * a transfer: through the linear map for lowmem, through a kmap_atomic
 * slot for HighMem (why that is enough: the top of this file).  Any
 * context: kmap_atomic nests inside interrupt handlers.
 */
static void page_maintenance(struct page *page, unsigned long offset, size_t size,
			     enum dma_data_direction dir, bool to_dev)
{
	bool high = PageHighMem(page);
	char *va = high ? kmap_atomic(page) : page_address(page);
	paddr_t pa = page_to_pa(page) + (paddr_t)offset;

	if (to_dev)
		to_device(va + offset, pa, size, dir);
	else
		to_cpu(va + offset, pa, size, dir);
	if (high)
		kunmap_atomic(va);
}

dma_addr_t dma_map_page(struct page *page, unsigned long offset, size_t size,
			enum dma_data_direction dir)
{
	check_page_streaming("dma_map_page", page, offset, size, dir);
	page_maintenance(page, offset, size, dir, true);
	return page_to_pa(page) + (dma_addr_t)offset;
}

void dma_unmap_page(dma_addr_t handle, size_t size, enum dma_data_direction dir)
{
	struct page *page = phys_to_page(handle);
	unsigned long offset = handle & (PAGE_SIZE - 1);

	check_page_streaming("dma_unmap_page", page, offset, size, dir);
	page_maintenance(page, offset, size, dir, false);
}

/* dmainfo: the pool and the last cache operations. */
static void show_dmainfo(struct seq_buf *s)
{
	static const char *const names[] = { "clean", "inv", "flush" };
	unsigned int i;

	seq_printf(s, "coherent pool: 0x%08x, %u pages, %u free\n", dma_pool_pa,
		   pool_pages, pool_free);
	seq_printf(s, "cache operations: %lu issued; the last ones, newest first:\n",
		   dma_log.count);
	for (i = 0; dma_log_last(i); i++) {
		const struct dma_log_entry *e = dma_log_last(i);

		seq_printf(s, "  %-5s 0x%08lx-0x%08lx  pa 0x%08x\n", names[e->op],
			   (unsigned long)e->start, (unsigned long)e->end, e->pa);
	}
}
VIEW(dmainfo, show_dmainfo);
