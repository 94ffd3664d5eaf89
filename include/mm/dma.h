/*
 * DMA mapping (docs/kernel-allocators.md): buffers that a device reads or writes by itself,
 * behind the CPU's data cache.  Bus addresses equal physical addresses on
 * our boards.  Implemented in mm/dma.c.
 *
 * Two kinds, as in Linux:
 *
 *   coherent   dma_alloc_coherent: pages from a pool reserved at boot
 *              outside the cacheable linear map, mapped uncached in the
 *              vmalloc area.  CPU and device always agree; no maintenance.
 *              For descriptor rings and mailboxes.
 *   streaming  dma_map_single on an ordinary (kmalloc'ed, lowmem) buffer,
 *              or dma_map_page on part of any RAM page, HighMem too:
 *              the cache is cleaned and/or invalidated around each
 *              transfer, by direction (below).  For data buffers.
 *
 * Cache maintenance by direction (line-aligned span around the buffer,
 * to the point of coherency):
 *
 *   direction          dma_map_single (before)   dma_unmap_single (after)
 *   -----------------  ------------------------  ------------------------
 *   DMA_TO_DEVICE      clean: RAM gets the CPU's  nothing
 *                      writes
 *   DMA_FROM_DEVICE    invalidate: no dirty line  invalidate: drop lines
 *                      can be written back over   the CPU speculatively
 *                      the device's data          fetched meanwhile
 *   DMA_BIDIRECTIONAL  clean + invalidate         invalidate
 *
 * Invalidating discards whole lines: a streaming buffer must own the
 * cache lines it touches (nothing else in its first or last line), as
 * Linux requires too.  Every kmalloc buffer does (kmalloc aligns to
 * ARCH_DMA_MINALIGN, include/mm/slab.h).  For one that does not, a
 * partial first or last line is cleaned and invalidated instead of only
 * invalidated, so that the neighbour's dirty data reaches memory rather
 * than vanish; that still cannot make sharing safe (the neighbour's
 * writes during the transfer can be lost at the unmap), so debug builds
 * panic on a DMA_FROM_DEVICE or DMA_BIDIRECTIONAL buffer that shares a
 * line (dma_debug, below).
 */
#ifndef MM_DMA_H
#define MM_DMA_H

#include <kernel/types.h>

struct page;

typedef paddr_t dma_addr_t;

enum dma_data_direction {	/* Linux's values */
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

/*
 * dma_init - set up the coherent pool that paging_init reserved
 * (dma_pool_pa, dma_pool_size; none if the size is 0).  Called once by
 * start_kernel after vmalloc_init(), before drivers probe.
 */
void dma_init(void);

/*
 * dma_debug - in debug builds, dma_map_single and friends check that a
 * buffer the device writes owns every cache line it touches (true by
 * default; host tests turn it off to look at the partial-line path).
 */
extern bool dma_debug;

/*
 * dma_alloc_coherent - size bytes (rounded up to pages) of physically
 * contiguous, zeroed memory from the pool, mapped uncached
 * (MMU_UNCACHED) in the vmalloc area.  Stores the bus address in
 * *handle and returns the CPU address, or NULL if the pool has no such
 * run of pages or the vmalloc area no range.  Process context.
 */
void *dma_alloc_coherent(size_t size, dma_addr_t *handle);

/*
 * dma_free_coherent - give back what dma_alloc_coherent returned, with
 * the same size and handle (a mismatch panics).
 */
void dma_free_coherent(size_t size, void *cpu_addr, dma_addr_t handle);

/*
 * dma_map_single - hand [ptr, ptr + size) to a device for a transfer in
 * direction dir: the cache maintenance of the table above, then the bus
 * address of ptr.  The buffer must be lowmem (kmalloc, get_free_pages):
 * a vmalloc, kmap or stack-in-vmalloc address panics, as does size 0 or
 * DMA_NONE.  The CPU must not touch the buffer until dma_unmap_single.
 */
dma_addr_t dma_map_single(void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(dma_addr_t handle, size_t size, enum dma_data_direction dir);

/*
 * dma_map_page - dma_map_single for [offset, offset + size) of a page
 * that may have no kernel address (HighMem, e.g. a page cache page):
 * the same maintenance, done by virtual address through a kmap_atomic
 * mapping for the length of it (mm/dma.c says why that is correct).
 * The range must lie inside the page and not be empty; in debug builds
 * a range the device writes (DMA_FROM_DEVICE, DMA_BIDIRECTIONAL) must
 * start and end on ARCH_DMA_MINALIGN boundaries.  Any of these wrong
 * panics.  Any context (interrupt handlers too).  Returns the bus
 * address of page + offset; the CPU must not touch the range until
 * dma_unmap_page(that address, size, dir).
 */
dma_addr_t dma_map_page(struct page *page, unsigned long offset, size_t size,
			enum dma_data_direction dir);
void dma_unmap_page(dma_addr_t handle, size_t size, enum dma_data_direction dir);

/*
 * A piece of a transfer: part of one page and, once mapped, its bus
 * address (Linux's struct scatterlist, without the chaining).  A table is
 * an array of them; drivers map each entry with dma_map_page and hand
 * dma_address and length to the device.
 */
struct scatterlist {
	struct page *page;
	unsigned int offset, length;	/* inside the page */
	dma_addr_t dma_address;		/* valid while mapped */
};

struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
};

/*
 * dma_sync_single_for_cpu / _for_device - look at a mapped buffer
 * between transfers: the unmap maintenance, then (after the CPU is done)
 * the map maintenance again, without giving the mapping up.
 */
void dma_sync_single_for_cpu(dma_addr_t handle, size_t size, enum dma_data_direction dir);
void dma_sync_single_for_device(dma_addr_t handle, size_t size, enum dma_data_direction dir);

/*
 * The log of cache operations issued (QEMU models no cache, so tests
 * inspect what was asked for): a ring of the last DMA_LOG_SIZE.
 */
enum dma_cache_op { DMA_OP_CLEAN, DMA_OP_INV, DMA_OP_FLUSH };

struct dma_log_entry {
	enum dma_cache_op op;
	vaddr_t start, end;	/* [start, end), cache-line aligned */
	paddr_t pa;		/* physical address of start */
};

#define DMA_LOG_SIZE	16
struct dma_log {
	unsigned long count;	/* operations ever issued */
	struct dma_log_entry entry[DMA_LOG_SIZE];	/* entry[i % DMA_LOG_SIZE] */
};
extern struct dma_log dma_log;

/* dma_log_last - the n-th most recent operation (0: the last), or NULL. */
const struct dma_log_entry *dma_log_last(unsigned int n);

/* Pool state, for the tests and the dmainfo view. */
struct dma_pool_info {
	paddr_t pa;
	unsigned int pages, free_pages;
};
void dma_pool_get_info(struct dma_pool_info *info);

#endif
