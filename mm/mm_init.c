/*
 * Bringing up the page allocator (docs/physical-memory.md): the RAM bounds, the zones,
 * mem_map, the pageblock types, the hand-over from memblock, the
 * zonelists, the watermarks and the per-CPU list sizes.  Entry point:
 * mem_init() (contract in include/mm/mmzone.h).
 */
#include <kernel/bug.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/swap.h>
#include <mm/vmstat.h>
#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
pfn_t min_low_pfn;
pfn_t max_low_pfn;
pfn_t max_pfn;
unsigned long totalram_pages;
unsigned long totalhigh_pages;
unsigned long min_free_kbytes;
u64 memmap_init_ns;
unsigned long memmap_init_pages;

#define DMA_ZONE_DEFAULT	(16ULL << 20)	/* mem_dma= overrides it */

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
};

/* -------------------------------------------------------- RAM and zones */

static void find_pfn_bounds(void)
{
	paddr_t start = memblock_start_of_DRAM();
	u64 end = memblock_end_of_DRAM();

	if (start < PHYS_OFFSET)
		panic("mem_init: RAM starts at 0x%08lx, below PHYS_OFFSET 0x%08lx",
		      (unsigned long)start, (unsigned long)PHYS_OFFSET);
	if (!arm_lowmem_limit)
		panic("mem_init: arm_lowmem_limit is not set (paging_init sets it)");
	min_low_pfn = PFN_UP(start);
	max_pfn = (pfn_t)(end >> PAGE_SHIFT);
	max_low_pfn = MIN(max_pfn, PFN_DOWN(arm_lowmem_limit));
	if (max_low_pfn <= min_low_pfn)
		panic("mem_init: no lowmem: RAM 0x%08lx.., lowmem limit 0x%08lx",
		      (unsigned long)start, (unsigned long)arm_lowmem_limit);
}

/* Bytes of ZONE_DMA: "mem_dma=<size>" (K/M/G suffix) or 16 MiB. */
static u64 dma_zone_bytes(const char *cmdline)
{
	char val[32];

	if (cmdline && cmdline_get(cmdline, "mem_dma", val, sizeof(val)))
		return memparse(val, NULL);
	return DMA_ZONE_DEFAULT;
}

static void zone_init(enum zone_type idx, pfn_t start, pfn_t end)
{
	struct zone *zone = &contig_page_data.node_zones[idx];
	struct per_cpu_pages *pcp;
	int order, mt;

	zone->name = zone_names[idx];
	zone->zone_pgdat = &contig_page_data;
	zone->zone_start_pfn = start;
	zone->zone_end_pfn = end;
	zone->spanned_pages = end - start;
	zone->present_pages = memblock_memory_pages(start, end);
	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[mt]);
	for (pcp = zone->pageset; pcp < zone->pageset + NR_CPUS; pcp++)
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
}

/*
 * Cut [min_low_pfn, max_pfn) into DMA | Normal | HighMem.  A zone can be
 * empty (no HighMem when RAM fits in lowmem; no Normal if mem_dma covers
 * all of lowmem).  Boundaries need no alignment: merges check the span.
 */
static void zones_init(const char *cmdline)
{
	u64 dma_pages = dma_zone_bytes(cmdline) >> PAGE_SHIFT;
	pfn_t dma_end = (pfn_t)MIN((u64)min_low_pfn + dma_pages, (u64)max_low_pfn);
	pg_data_t *pgdat = &contig_page_data;

	zone_init(ZONE_DMA, min_low_pfn, dma_end);
	zone_init(ZONE_NORMAL, dma_end, max_low_pfn);
	zone_init(ZONE_HIGHMEM, max_low_pfn, max_pfn);
	pgdat->node_id = 0;
	pgdat->node_start_pfn = min_low_pfn;
	pgdat->node_spanned_pages = max_pfn - min_low_pfn;
	pgdat->node_present_pages = memblock_memory_pages(min_low_pfn, max_pfn);
}

/* ------------------------------------------------------------ mem_map */

/*
 * Every page starts reserved, with one reference, mapped nowhere, linked
 * to nothing; memblock_free_all() then frees the unreserved ones.  This
 * loop runs once per page of RAM: keep it to plain stores.
 */
void memmap_init_range(struct page *page, unsigned long nr, enum zone_type zone)
{
	unsigned long flags = ((unsigned long)zone << ZONES_PGSHIFT) |
			      (1UL << PG_reserved);
	struct page *end = page + nr;

	for (; page < end; page++) {
		page->flags = flags;
		page->_refcount = 1;
		page->_mapcount = -1;
		page->lru.next = &page->lru;
		page->lru.prev = &page->lru;
		page->private = 0;
		page->mapping = NULL;
		page->index = 0;
	}
}

/*
 * mem_map: one struct page per frame from PHYS_OFFSET to the end of RAM
 * (frames below the first bank, if any, are described too, as holes),
 * taken from memblock in lowmem.  Its initialisation is timed for the
 * benchmark (memmap_init_ns_per_page).
 */
static void alloc_node_mem_map(void)
{
	unsigned long nr = max_pfn - PHYS_PFN_OFFSET;
	paddr_t pa = memblock_alloc((paddr_t)(nr * sizeof(struct page)), PAGE_SIZE);
	const struct zone *zone;
	u64 t0;

	mem_map = pa_to_kva(pa);
	contig_page_data.node_mem_map = mem_map;
	t0 = ktime_get_ns();
	memmap_init_range(mem_map, min_low_pfn - PHYS_PFN_OFFSET, ZONE_DMA);
	for_each_zone(zone)
		memmap_init_range(pfn_to_page(zone->zone_start_pfn),
				  zone->spanned_pages, zone_idx(zone));
	memmap_init_ns = ktime_get_ns() - t0;
	memmap_init_pages = nr;
	pr_info("mem_map: %lu pages x %u bytes = %lu KiB at 0x%08lx, "
		"initialised in %llu ns\n", nr, (unsigned)sizeof(struct page),
		(unsigned long)(nr * sizeof(struct page) >> 10), (unsigned long)pa,
		(unsigned long long)memmap_init_ns);
}

/* One byte per pageblock of each zone; every block starts MOVABLE. */
static void alloc_pageblock_flags(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		pfn_t base = zone->zone_start_pfn & ~(pfn_t)(pageblock_nr_pages - 1);
		unsigned long n = DIV_ROUND_UP(zone->zone_end_pfn - base,
					       pageblock_nr_pages);

		zone->pageblock_base_pfn = base;
		if (!zone->spanned_pages)
			continue;
		zone->pageblock_mt = pa_to_kva(memblock_alloc((paddr_t)n, 8));
		memset(zone->pageblock_mt, MIGRATE_MOVABLE, n);
	}
}

/*
 * free_boot_pages - frames [start, end) are free RAM: give them to the
 * buddy lists in the largest blocks that are aligned, inside the range
 * and inside one zone.
 */
void free_boot_pages(pfn_t start, pfn_t end)
{
	while (start < end) {
		const struct zone *zone = page_zone(pfn_to_page(start));
		pfn_t limit = MIN(end, zone->zone_end_pfn);
		unsigned int order = MAX_ORDER - 1;

		while (order > 0 && ((start & ((1U << order) - 1)) ||
				     start + (1U << order) > limit))
			order--;
		__free_pages_core(pfn_to_page(start), order);
		start += 1U << order;
	}
}

/*
 * free_reserved_area - give pages reserved at boot back to the allocator
 * once their contents are no longer needed (the initrd, after it was
 * unpacked): only the whole pages inside [start, end), as Linux's
 * free_initrd_mem.  Returns how many.  MemTotal grows by them.
 */
unsigned long free_reserved_area(paddr_t start, paddr_t end)
{
	pfn_t first = PFN_UP(start), last = PFN_DOWN(end), pfn;

	if (last <= first)
		return 0;
	for (pfn = first; pfn < last; pfn++) {
		struct page *page = pfn_to_page(pfn);

		ClearPageReserved(page);
		set_page_count(page, 1);
		page->flags &= ZONES_MASK;
		__free_pages(page, 0);
		page_zone(page)->managed_pages++;
	}
	totalram_pages += last - first;
	if (page_zonenum(pfn_to_page(first)) == ZONE_HIGHMEM)
		totalhigh_pages += last - first;
	return last - first;
}

/* ------------------------------------------------------------ zonelists */

/*
 * node_zonelists[high] lists the populated zones from `high` down to
 * ZONE_DMA: HighMem, Normal, DMA for __GFP_HIGHMEM; Normal, DMA for no
 * zone bit; DMA for __GFP_DMA (the table in include/mm/gfp.h).
 */
static void build_zonelists(pg_data_t *pgdat)
{
	int high, z, n;

	pgdat->nr_zones = 0;
	for (high = 0; high < MAX_NR_ZONES; high++) {
		struct zone **list = pgdat->node_zonelists[high].zones;

		n = 0;
		for (z = high; z >= 0; z--)
			if (populated_zone(&pgdat->node_zones[z]))
				list[n++] = &pgdat->node_zones[z];
		list[n] = NULL;
		if (populated_zone(&pgdat->node_zones[high]))
			pgdat->nr_zones++;
	}
}

/* ------------------------------------------------------------ watermarks */

/* Integer square root, one bit of the result per step. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

static unsigned long lowmem_managed_pages(void)
{
	return contig_page_data.node_zones[ZONE_DMA].managed_pages +
	       contig_page_data.node_zones[ZONE_NORMAL].managed_pages;
}

/*
 * Linux's default: min_free_kbytes = sqrt(lowmem_kbytes * 16), kept
 * within [128, 65536].  It grows with the square root of memory, so big
 * machines do not set aside a fixed share.  1 GiB (768 MiB lowmem):
 * sqrt(786432 * 16) = 3547 kB; 512 MiB: 2896 kB; 256 MiB: 2048 kB (a few
 * kB less at boot, since reserved pages are not managed).
 */
static unsigned long default_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = lowmem_managed_pages() * (PAGE_SIZE >> 10);

	return MIN(MAX(int_sqrt(lowmem_kbytes * 16), 128UL), 65536UL);
}

/*
 * HighMem cannot hold kernel data, so it needs no reserve for atomic
 * allocations: Linux gives it a small fixed min, managed/1024 within
 * [32, 128] pages, which only paces reclaim.
 */
static unsigned long highmem_min_pages(const struct zone *zone)
{
	return MIN(MAX(zone->managed_pages / 1024, 32UL), 128UL);
}

/*
 * The lowmem zones share min_free_kbytes in proportion to their managed
 * pages; then low = min * 5/4 and high = min * 3/2 in every zone.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = lowmem_managed_pages();
	struct zone *zone;

	for_each_zone(zone) {
		unsigned long min;

		if (is_highmem(zone))
			min = populated_zone(zone) ? highmem_min_pages(zone) : 0;
		else
			min = lowmem ? (unsigned long)((u64)pages_min *
						       zone->managed_pages / lowmem) : 0;
		zone->watermark[WMARK_MIN] = min;
		zone->watermark[WMARK_LOW] = min + min / 4;
		zone->watermark[WMARK_HIGH] = min + min / 2;
	}
}

/* ------------------------------------------------------ per-CPU lists */

static unsigned long rounddown_pow_of_two(unsigned long x)
{
	return 1UL << (BITS_PER_LONG - 1 - __builtin_clzl(x));
}

/*
 * Linux's sizing of the per-CPU lists:
 *   b     = managed_pages / 1024, at most 1 MiB worth (256 pages)
 *   b     = max(b / 4, 1)
 *   b     = rounddown_pow_of_two(b + b / 2) - 1
 *   batch = max(b, 1), high = 6 * b
 * 752 MiB Normal zone: 188 -> 47 -> 64 - 1 = 63: batch 63, high 378.
 * 256 MiB HighMem: batch 15, high 90.  A zone below about 24 MiB (the
 * 16 MiB DMA zone) gets b = 0: high 0, so its list is a pass-through.
 */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages / 1024;

	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (int)(rounddown_pow_of_two(batch + batch / 2) - 1);
}

static void setup_zone_pagesets(void)
{
	struct zone *zone;
	int cpu;

	for_each_zone(zone) {
		int b = zone_batchsize(zone);

		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			zone->pageset[cpu].high = 6 * b;
			zone->pageset[cpu].batch = MAX(b, 1);
		}
	}
}

/* ------------------------------------------------------------ mem_init */

static void print_zone_map(void)
{
	const struct zone *zone;
	unsigned long total = (unsigned long)(memblock_phys_mem_size() >> 10);

	pr_info("Zone ranges:\n");
	for_each_zone(zone) {
		if (!zone->spanned_pages) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		pr_info("  %-8s pfn 0x%05lx-0x%05lx  phys 0x%08lx-0x%08lx  %5lu MiB"
			"  managed %lu pages\n", zone->name,
			(unsigned long)zone->zone_start_pfn,
			(unsigned long)zone->zone_end_pfn - 1,
			(unsigned long)PFN_PHYS(zone->zone_start_pfn),
			(unsigned long)PFN_PHYS(zone->zone_end_pfn) - 1,
			zone->spanned_pages >> (20 - PAGE_SHIFT), zone->managed_pages);
	}
	pr_info("Memory: %luK/%luK available (%luK reserved, %luK highmem), "
		"min_free_kbytes %lu\n", totalram_pages << (PAGE_SHIFT - 10), total,
		total - (totalram_pages << (PAGE_SHIFT - 10)),
		totalhigh_pages << (PAGE_SHIFT - 10), min_free_kbytes);
}

void mem_init(const char *cmdline)
{
	u64 lowmem_end;

	if (mem_map)
		panic("mem_init: called twice");
	find_pfn_bounds();
	lruvec_init(&contig_page_data.lruvec);
	lowmem_end = (u64)max_low_pfn << PAGE_SHIFT;
	memblock_set_limit(MIN(memblock.current_limit, lowmem_end));
	zones_init(cmdline);
	alloc_node_mem_map();
	alloc_pageblock_flags();
	memblock_dump();		/* the boot log: one line per region */
	memblock_free_all();
	build_zonelists(&contig_page_data);
	totalram_pages = lowmem_managed_pages() +
			 contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages;
	totalhigh_pages = contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages;
	min_free_kbytes = default_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_zone_pagesets();
	print_zone_map();
}

#ifdef HOST_TEST
void mm_reset_for_test(void)
{
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	memset(vm_events, 0, sizeof(vm_events));
	mem_map = NULL;
	min_low_pfn = max_low_pfn = max_pfn = 0;
	totalram_pages = totalhigh_pages = min_free_kbytes = 0;
	memmap_init_ns = 0;
	memmap_init_pages = 0;
	memblock_reset_for_test();
	lru_add_batch[0].nr = 0;	/* its pages were the last boot's */
}
#endif
