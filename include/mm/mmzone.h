/*
 * Nodes, zones, free areas, per-CPU page lists, watermarks (docs/physical-memory.md).
 *
 * One node (UMA) whose RAM is cut into up to three zones:
 *
 *   zone          physical range                       kernel address
 *   ------------  -----------------------------------  ----------------------
 *   ZONE_DMA      RAM start .. + mem_dma (16 MiB)      linear map (lowmem)
 *   ZONE_NORMAL   end of DMA .. arm_lowmem_limit       linear map (lowmem)
 *   ZONE_HIGHMEM  arm_lowmem_limit .. end of RAM       none: kmap() it
 *
 * Each zone runs its own buddy allocator: free_area[order] holds the free
 * blocks of 2^order pages, one list per migrate type.  Single pages go
 * through a per-CPU list first (struct per_cpu_pages).  The watermarks
 * decide when an allocation must fall back, wake reclaim, or fail.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <mm/mm_types.h>
#include <mm/swap.h>

/* Orders 0..MAX_ORDER-1: 4 KiB .. 4 MiB blocks. */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

/*
 * A pageblock is the unit that carries a migrate type: here one
 * largest-order block (4 MiB, as on Linux/ARM without huge pages).
 */
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1UL << pageblock_order)

#ifndef NR_CPUS
#define NR_CPUS			1	/* uniprocessor; the lists are still per CPU */
#endif

/*
 * Migrate types: what the pages of a pageblock are used for, so that pages
 * that can never move (kernel data) are not scattered over every 4 MiB
 * block and large free blocks can still be formed.  Blocks start MOVABLE
 * at boot; when a type runs dry it borrows from another (the fallback
 * table in mm/page_alloc.c).
 */
enum migratetype {
	MIGRATE_UNMOVABLE,	/* kernel allocations: slab, page tables */
	MIGRATE_MOVABLE,	/* user pages: could be migrated to compact memory */
	MIGRATE_RECLAIMABLE,	/* caches that can be freed on demand */
	MIGRATE_TYPES
};
#define MIGRATE_PCPTYPES	MIGRATE_TYPES	/* every type has a per-CPU list */

extern const char *const migratetype_names[MIGRATE_TYPES];

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,	/* below: only __GFP_HIGH/__GFP_ATOMIC may allocate */
	WMARK_LOW,	/* below: background reclaim (kswapd) would wake */
	WMARK_HIGH,	/* above: background reclaim would stop */
	NR_WMARK
};

/* The free blocks of one order in one zone. */
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;	/* blocks (not pages) on all the lists */
};

/*
 * One CPU's cache of single free pages for one zone.  Hot pages (just
 * freed, likely still in the data cache) go to the head and are handed out
 * first; cold ones go to the tail.  When the list of a type is empty it is
 * refilled with `batch` pages from the buddy lists; when `count` reaches
 * `high`, `batch` pages (the coldest) go back.  Pages here have
 * _refcount 0, no PG_buddy, and page->private = the list's migrate type.
 */
struct per_cpu_pages {
	int count;		/* pages on all the lists */
	int high;		/* drain when count reaches this */
	int batch;		/* pages moved to or from the buddy lists at a time */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct pglist_data;

struct zone {
	/* Read by every allocation: kept first. */
	unsigned long watermark[NR_WMARK];	/* in pages */
	unsigned long free_pages;	/* pages on the buddy lists (not the pcp) */
	pfn_t zone_start_pfn;
	pfn_t zone_end_pfn;		/* one past the last pfn */
	/* migrate type of each pageblock, from pageblock_base_pfn on */
	u8 *pageblock_mt;
	pfn_t pageblock_base_pfn;

	struct per_cpu_pages pageset[NR_CPUS];
	struct free_area free_area[MAX_ORDER];

	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn */
	unsigned long present_pages;	/* spanned minus holes in RAM */
	unsigned long managed_pages;	/* present minus reserved: the buddy's */
	const char *name;
	struct pglist_data *zone_pgdat;
};

/* Zones to try, in order, NULL-terminated. */
struct zonelist {
	struct zone *zones[MAX_NR_ZONES + 1];
};

/*
 * A node: a bank of memory with its zones.  node_zonelists[i] is the
 * zonelist of a request whose highest allowed zone is i.
 */
struct task_struct;

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_NR_ZONES];
	int nr_zones;			/* zones with managed pages */
	int node_id;
	struct page *node_mem_map;
	pfn_t node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;

	struct lruvec lruvec;		/* the LRU lists (include/mm/swap.h) */
	/* background reclaim (mm/vmscan.c) */
	struct task_struct *kswapd;	/* kswapd0 */
	int kswapd_wait;		/* its wait channel */
	bool kswapd_wake;		/* wakeup_kswapd asked for a run */
	unsigned int kswapd_order;	/* the largest order asked for */
	enum zone_type kswapd_highest_zoneidx;	/* the highest zone asked for */
	int kswapd_failures;		/* runs in a row that freed nothing */
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

/* RAM bounds in page frames (Linux's names), set by mem_init(). */
extern pfn_t min_low_pfn;	/* first page of RAM */
extern pfn_t max_low_pfn;	/* end of lowmem (one past) */
extern pfn_t max_pfn;		/* end of RAM (one past) */
extern unsigned long totalram_pages;	/* managed pages, all zones */
extern unsigned long totalhigh_pages;	/* managed pages of ZONE_HIGHMEM */
extern unsigned long min_free_kbytes;

static inline bool populated_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

static inline bool zone_spans_pfn(const struct zone *zone, pfn_t pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone->zone_end_pfn;
}

static inline enum zone_type zone_idx(const struct zone *zone)
{
	return (enum zone_type)(zone - zone->zone_pgdat->node_zones);
}

static inline bool is_highmem(const struct zone *zone)
{
	return zone_idx(zone) == ZONE_HIGHMEM;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_MIN];
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_LOW];
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->watermark[WMARK_HIGH];
}

/* This CPU's page lists for zone (CPU 0: the kernel is uniprocessor). */
static inline struct per_cpu_pages *this_cpu_pcp(struct zone *zone)
{
	return &zone->pageset[0];
}

#define for_each_zone(zone) \
	for (zone = contig_page_data.node_zones; \
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

/*
 * mem_init - bring up the page allocator (mm/mm_init.c).  Called once by
 * start_kernel after paging_init().  Expects:
 *   - memblock to hold every RAM bank (memblock_add) and every range that
 *     must never be handed out (memblock_reserve: kernel image, DTB,
 *     initrd, page tables, anything memblock_alloc() gave out already);
 *   - RAM to start at or above PHYS_OFFSET;
 *   - arm_lowmem_limit = first physical address of HighMem (or the end of
 *     RAM, or above, when there is none), with all RAM below it mapped
 *     through pa_to_kva();
 *   - ktime_get_ns() to work (it times the mem_map initialisation; a 0
 *     reading only spoils that figure).
 * Reads "mem_dma=<size>" from cmdline (default 16M).  Builds mem_map, the
 * zones, zonelists, watermarks and per-CPU lists; prints memblock's
 * regions, releases every unreserved page to the buddy lists and retires
 * memblock; prints the zone map.  Panics if memory is missing or
 * inconsistent.
 */
void mem_init(const char *cmdline);

/*
 * setup_per_zone_wmarks - recompute every zone's min/low/high from
 * min_free_kbytes (after it is changed, e.g. by a sysctl later).
 */
void setup_per_zone_wmarks(void);

#endif
