/*
 * memblock: the boot-time allocator, before the buddy allocator exists.
 *
 * Before the buddy allocator exists, memory is two lists of physical
 * ranges, each kept sorted and with touching ranges merged:
 *
 *   memory    the RAM banks (from the DTB)
 *   reserved  what must not be handed out: the kernel image, the DTB, the
 *             initrd, the early page tables, and every memblock_alloc()
 *
 * memblock_alloc() is first fit over "memory minus reserved", scanning from
 * the top of RAM (below the limit) downwards as Linux does, so that boot
 * structures stay out of ZONE_DMA.  mem_init() then releases every page
 * that is in memory and not reserved to the buddy allocator and retires
 * memblock: any later add, reserve or alloc is a BUG.
 *
 * In GDB: p memblock.reserved.regions[0]@memblock.reserved.cnt
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include <kernel/types.h>
#include <kernel/printk.h>

#define MEMBLOCK_MAX_REGIONS	64
#define MEMBLOCK_ALLOC_ANYWHERE	(~0ULL)

struct memblock_region {
	paddr_t base;
	paddr_t size;
};

struct memblock_type {
	const char *name;
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	u64 current_limit;	/* memblock_alloc stays below this (exclusive) */
	bool retired;		/* set once the buddy allocator took over */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/*
 * memblock_add - declare RAM [base, base+size).  Overlapping or touching
 * ranges are merged.  Panics if the table is full, the range wraps past
 * 4 GiB, or memblock is retired.  size 0 does nothing.
 */
void memblock_add(paddr_t base, paddr_t size);

/* memblock_reserve - keep [base, base+size) from ever being handed out. */
void memblock_reserve(paddr_t base, paddr_t size);

/*
 * memblock_alloc - reserve and return the physical address of `size`
 * bytes aligned to `align` (a power of two), the highest such range that
 * lies in memory, outside every reserved range and below the limit.  The
 * memory is NOT zeroed (it may not be mapped yet): the caller clears it.
 * Never fails: panics with the request and the state when nothing fits.
 */
paddr_t memblock_alloc(paddr_t size, paddr_t align);

/* memblock_free - release [base, base+size) of what memblock_alloc gave. */
void memblock_free(paddr_t base, paddr_t size);

/*
 * memblock_set_limit - memblock_alloc returns memory below `limit` only
 * (exclusive).  Start of day: MEMBLOCK_ALLOC_ANYWHERE; the boot code sets
 * it to what the early page tables map (arm_lowmem_limit after paging_init).
 */
void memblock_set_limit(u64 limit);

paddr_t memblock_start_of_DRAM(void);	/* first byte of the lowest bank */
u64 memblock_end_of_DRAM(void);		/* one past the highest bank */
u64 memblock_phys_mem_size(void);	/* bytes of RAM */
u64 memblock_reserved_size(void);	/* bytes reserved */
bool memblock_is_memory(paddr_t pa);
bool memblock_is_reserved(paddr_t pa);

/* memblock_memory_pages - whole RAM pages in frames [start, end). */
unsigned long memblock_memory_pages(pfn_t start, pfn_t end);

/*
 * memblock_free_all - hand every whole page that is in memory and not
 * reserved to the buddy allocator, then retire memblock.  Called by
 * mem_init() once mem_map and the zones exist.  Returns the pages freed.
 */
unsigned long memblock_free_all(void);

/* memblock_dump - print one line per region to the console. */
void memblock_dump(void);
/* memblock_show - the same lines into a text buffer (the "memblock" view). */
void memblock_show(struct seq_buf *s);

#ifdef HOST_TEST
void memblock_reset_for_test(void);
#endif

#endif
