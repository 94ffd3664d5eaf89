/*
 * What the files of mm/ share with each other (and with the host tests),
 * but not with the rest of the kernel.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <kernel/types.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>

/* ------------------------------------------------ mm/page_alloc.c */

/*
 * The migrate-type fallback table: when the free lists of type t are
 * empty, try migrate_fallbacks[t][0], then [1].
 */
extern const u8 migrate_fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1];

/* Pageblock migrate type of pfn (which zone spans). */
static inline int get_pageblock_migratetype(const struct zone *zone, pfn_t pfn)
{
	return zone->pageblock_mt[(pfn - zone->pageblock_base_pfn) >> pageblock_order];
}

static inline void set_pageblock_migratetype(struct zone *zone, pfn_t pfn, int mt)
{
	zone->pageblock_mt[(pfn - zone->pageblock_base_pfn) >> pageblock_order] = (u8)mt;
}

static inline int gfp_migratetype(gfp_t gfp)
{
	return (int)((gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/*
 * __free_pages_core - give a block that memblock held (PG_reserved,
 * _refcount 1 in every page) to the buddy lists for the first time, and
 * count it in the zone's managed pages.  Boot only.
 */
void __free_pages_core(struct page *page, unsigned int order);

/*
 * __alloc_pages_buddy, __free_pages_buddy - alloc_pages and __free_pages
 * without the per-CPU lists, straight to the buddy lists even for order
 * 0.  For the benchmark and the tests, which measure or check the buddy
 * lists themselves.
 */
struct page *__alloc_pages_buddy(gfp_t gfp, unsigned int order);
void __free_pages_buddy(struct page *page, unsigned int order);

/* drain_zone_pages - empty this CPU's list of one zone into the buddy. */
void drain_zone_pages(struct zone *zone);

/*
 * gfp_zone - the highest zone a mask allows (the table in mm/gfp.h), read
 * from a constant holding 2 bits per value of the zone bits, so that the
 * fast path needs no memory access for it (Linux's GFP_ZONE_TABLE idea):
 *
 *   gfp & GFP_ZONEMASK         zone           bits of GFP_ZONE_TABLE
 *   -------------------------  -------------  ----------------------
 *   0                          ZONE_NORMAL    1..0
 *   __GFP_DMA                  ZONE_DMA       3..2
 *   __GFP_HIGHMEM              ZONE_HIGHMEM   5..4
 *   __GFP_DMA | __GFP_HIGHMEM  ZONE_DMA       7..6 (a bug; debug builds panic)
 */
#define GFP_ZONE_TABLE	((ZONE_NORMAL << 0) | (ZONE_DMA << 2) | \
			 (ZONE_HIGHMEM << 4) | (ZONE_DMA << 6))

static inline enum zone_type gfp_zone(gfp_t gfp)
{
	return (enum zone_type)((GFP_ZONE_TABLE >> ((gfp & GFP_ZONEMASK) * 2)) & 3);
}

/* The zonelist that gfp walks. */
static inline const struct zonelist *gfp_zonelist(gfp_t gfp)
{
	return &contig_page_data.node_zonelists[gfp_zone(gfp)];
}

/* ------------------------------------------------ mm/mm_init.c */

/* free_boot_pages - release frames [start, end) (memblock_free_all). */
void free_boot_pages(pfn_t start, pfn_t end);

/*
 * memmap_init_range - initialise nr struct pages from `page` on as boot
 * does: reserved, in zone `zone`, one reference, unmapped.
 */
void memmap_init_range(struct page *page, unsigned long nr, enum zone_type zone);

/* Cost of initialising mem_map at boot, for the benchmark. */
extern u64 memmap_init_ns;
extern unsigned long memmap_init_pages;

/* ------------------------------------------------ mm/vmscan.c */

/* Reclaim hooks, called by the allocator (see mm/vmscan.c). */
void wakeup_kswapd(struct zone *zone, unsigned int order, gfp_t gfp);
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order);

/* ------------------------------------------------ mm/selftest_page_alloc.c */

int selftest_buddy(void);

#ifdef HOST_TEST
/* Forget every allocator structure, so that a test can boot again. */
void mm_reset_for_test(void);
#endif

/* ------------------------------------------------------ mm/mmap.c */

struct vm_area_struct;

/* vma_split_alloc - split v at addr with a new VMA; -ENOMEM if none (or too many). */
int vma_split_alloc(struct mm_struct *mm, struct vm_area_struct *v, vaddr_t addr);

/* vma_free - a VMA no list holds any more: its file let go, the VMA freed. */
void vma_free(struct vm_area_struct *v);

#endif
