/*
 * Counters and text views of the page allocator: vmstat, buddyinfo,
 * pagetypeinfo, zoneinfo, meminfo.  Each view fills a seq_buf in the
 * format of the Linux file of the same name under /proc, so that procfs
 * serves them unchanged later; until then "show=buddyinfo,..." prints
 * them after boot.  Every view is a snapshot taken with interrupts masked
 * zone by zone, not across zones.
 */
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/vmstat.h>
#include <mm/swapfile.h>
#include <mm/slab.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <mm/writeback.h>
#include <kernel/buffer_head.h>
#include <mm/meminfo.h>
#include <mm/swap.h>
#include <mm/mman.h>
#include <mm/mlock.h>
#include "internal.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC_DMA] = "pgalloc_dma",
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGALLOC_HIGH] = "pgalloc_high",
	[PGFREE] = "pgfree",
	[ALLOC_BELOW_LOW] = "alloc_below_low",
	[ALLOC_BELOW_MIN_ATOMIC] = "alloc_below_min_atomic",
	[ALLOC_BELOW_MIN_FAIL] = "alloc_below_min_fail",
	[ALLOCSTALL] = "allocstall",
	[PCP_REFILL] = "pcp_refill",
	[PCP_DRAIN] = "pcp_drain",
	[MT_FALLBACK] = "mt_fallback",
	[MT_PAGEBLOCK_CLAIMED] = "mt_pageblock_claimed",
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PGCOW_COPY] = "cow_copy",
	[PGCOW_REUSE] = "cow_reuse",
	[NR_DIRTIED] = "nr_dirtied",
	[NR_WRITTEN] = "nr_written",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[PGREFILL] = "pgrefill",
	[PGACTIVATE] = "pgactivate",
	[PGDEACTIVATE] = "pgdeactivate",
	[PGROTATED] = "pgrotated",
	[PGPAGEOUT] = "nr_vmscan_write",
	[PAGEOUTRUN] = "pageoutrun",
	[KSWAPD_LOW_WMARK_HIT_QUICKLY] = "kswapd_low_wmark_hit_quickly",
	[KSWAPD_HIGH_WMARK_HIT_QUICKLY] = "kswapd_high_wmark_hit_quickly",
	[PGFAULT_YOUNG] = "pgfault_young",
	[OOM_KILL] = "oom_kill",
	[PSWPIN] = "pswpin",
	[PSWPOUT] = "pswpout",
	[SWAP_RA] = "swap_ra",
	[SWAP_RA_HIT] = "swap_ra_hit",
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = "Unmovable",
	[MIGRATE_MOVABLE] = "Movable",
	[MIGRATE_RECLAIMABLE] = "Reclaimable",
};

/* Free pages of one zone, the per-CPU lists included. */
static unsigned long zone_free_pages(struct zone *zone)
{
	return zone->free_pages + (unsigned long)this_cpu_pcp(zone)->count;
}

/* "name value" per line, like /proc/vmstat. */
void show_vmstat(struct seq_buf *s)
{
	int i;

	unsigned long bg, thresh;

	global_dirty_limits(&bg, &thresh);
	seq_printf(s, "nr_free_pages %lu\n", nr_free_pages());
	seq_printf(s, "nr_inactive_anon %lu\n", lruvec_lru_size(LRU_INACTIVE_ANON));
	seq_printf(s, "nr_active_anon %lu\n", lruvec_lru_size(LRU_ACTIVE_ANON));
	seq_printf(s, "nr_inactive_file %lu\n", lruvec_lru_size(LRU_INACTIVE_FILE));
	seq_printf(s, "nr_active_file %lu\n", lruvec_lru_size(LRU_ACTIVE_FILE));
	seq_printf(s, "nr_unevictable %lu\n", lruvec_lru_size(LRU_UNEVICTABLE));
	seq_printf(s, "nr_file_pages %ld\n", nr_file_pages);
	seq_printf(s, "nr_mapped %ld\n", nr_file_mapped);
	seq_printf(s, "nr_dirty %ld\n", nr_file_dirty);
	seq_printf(s, "nr_writeback %ld\n", nr_writeback);
	seq_printf(s, "nr_mlock %ld\n", nr_mlock);
	seq_printf(s, "nr_shmem %ld\n", nr_shmem_pages);
	seq_printf(s, "nr_swapcached %lu\n", nr_swapcache);
	seq_printf(s, "nr_kernel_pagetables %lu\n", nr_kernel_pagetable_pages);
	seq_printf(s, "nr_dirty_threshold %lu\n", thresh);
	seq_printf(s, "nr_dirty_background_threshold %lu\n", bg);
	seq_printf(s, "pgpgin %lu\n", pgpgin_kb);
	seq_printf(s, "pgpgout %lu\n", pgpgout_kb);
	seq_printf(s, "dirty_throttled %lu\n", nr_dirty_throttled);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(s, "%s %lu\n", vm_event_names[i], vm_events[i]);
}

/* Free blocks of each order, per populated zone (/proc/buddyinfo). */
void show_buddyinfo(struct seq_buf *s)
{
	unsigned long nr[MAX_ORDER];
	struct zone *zone;
	unsigned long flags;
	int order;

	for_each_zone(zone) {
		if (!populated_zone(zone))
			continue;
		local_irq_save(flags);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] = zone->free_area[order].nr_free;
		local_irq_restore(flags);
		seq_printf(s, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			seq_printf(s, "%6lu ", nr[order]);
		seq_printf(s, "\n");
	}
}

static unsigned long list_length(const struct list_head *head)
{
	const struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, head)
		n++;
	return n;
}

/* Rows "Node 0, zone X, type T  n0 .. n10": free blocks per order and type. */
static void show_free_per_type(struct seq_buf *s, struct zone *zone)
{
	unsigned long nr[MAX_ORDER];
	unsigned long flags;
	int mt, order;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		local_irq_save(flags);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] = list_length(&zone->free_area[order].free_list[mt]);
		local_irq_restore(flags);
		seq_printf(s, "Node %4d, zone %8s, type %12s ", zone->zone_pgdat->node_id,
			   zone->name, migratetype_names[mt]);
		for (order = 0; order < MAX_ORDER; order++)
			seq_printf(s, "%6lu ", nr[order]);
		seq_printf(s, "\n");
	}
}

/* Row "Node 0, zone X  u m r": pageblocks of each migrate type. */
static void show_blocks_per_type(struct seq_buf *s, const struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };
	pfn_t pfn;
	int mt;

	for (pfn = zone->pageblock_base_pfn; pfn < zone->zone_end_pfn;
	     pfn += (pfn_t)pageblock_nr_pages)
		count[get_pageblock_migratetype(zone, pfn)]++;
	seq_printf(s, "Node %d, zone %8s ", zone->zone_pgdat->node_id, zone->name);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(s, "%12lu ", count[mt]);
	seq_printf(s, "\n");
}

/* /proc/pagetypeinfo: free blocks per migrate type, then pageblock types. */
void show_pagetypeinfo(struct seq_buf *s)
{
	struct zone *zone;
	int order, mt;

	seq_printf(s, "Page block order: %d\n", pageblock_order);
	seq_printf(s, "Pages per block:  %lu\n\n", pageblock_nr_pages);
	seq_printf(s, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		seq_printf(s, "%6d ", order);
	seq_printf(s, "\n");
	for_each_zone(zone)
		if (populated_zone(zone))
			show_free_per_type(s, zone);
	seq_printf(s, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(s, "%12s ", migratetype_names[mt]);
	seq_printf(s, "\n");
	for_each_zone(zone)
		if (populated_zone(zone))
			show_blocks_per_type(s, zone);
}

/* Pages of zone on each LRU list: a walk of the node's lists. */
static void zone_lru_pages(const struct zone *zone, unsigned long nr[NR_LRU_LISTS])
{
	struct lruvec *lv = node_lruvec();
	enum zone_type idx = zone_idx(zone);
	unsigned long flags;
	struct page *page;
	int lru;

	local_irq_save(flags);
	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		nr[lru] = 0;
		list_for_each_entry(page, &lv->lists[lru], lru)
			nr[lru] += page_zonenum(page) == idx;
	}
	local_irq_restore(flags);
}

/* The node's lines, in the block of its first zone as Linux prints them. */
static void show_node_stats(struct seq_buf *s, const pg_data_t *pgdat)
{
	int lru;

	seq_printf(s, "  per-node stats\n");
	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		seq_printf(s, "      nr_%s %lu\n", lru_list_names[lru],
			   lruvec_lru_size((enum lru_list)lru));
	seq_printf(s, "      nr_file_pages %ld\n", nr_file_pages);
	seq_printf(s, "      nr_dirty %ld\n", nr_file_dirty);
	seq_printf(s, "      nr_writeback %ld\n", nr_writeback);
	seq_printf(s, "      kswapd_failures %d\n", pgdat->kswapd_failures);
}

static void show_one_zone(struct seq_buf *s, struct zone *zone)
{
	unsigned long nr[NR_LRU_LISTS];
	int cpu, lru;

	seq_printf(s, "Node %d, zone %8s\n", zone->zone_pgdat->node_id, zone->name);
	if (zone == zone->zone_pgdat->node_zones)
		show_node_stats(s, zone->zone_pgdat);
	seq_printf(s, "  pages free     %lu\n", zone->free_pages);
	seq_printf(s, "        min      %lu\n", min_wmark_pages(zone));
	seq_printf(s, "        low      %lu\n", low_wmark_pages(zone));
	seq_printf(s, "        high     %lu\n", high_wmark_pages(zone));
	seq_printf(s, "        spanned  %lu\n", zone->spanned_pages);
	seq_printf(s, "        present  %lu\n", zone->present_pages);
	seq_printf(s, "        managed  %lu\n", zone->managed_pages);
	zone_lru_pages(zone, nr);
	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		seq_printf(s, "      nr_zone_%s %lu\n", lru_list_names[lru], nr[lru]);
	seq_printf(s, "  pagesets\n");
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &zone->pageset[cpu];

		seq_printf(s, "    cpu: %d\n", cpu);
		seq_printf(s, "              count: %d\n", pcp->count);
		seq_printf(s, "              high:  %d\n", pcp->high);
		seq_printf(s, "              batch: %d\n", pcp->batch);
	}
	seq_printf(s, "  start_pfn:           %lu\n", (unsigned long)zone->zone_start_pfn);
}

/*
 * /proc/zoneinfo, per zone: free pages on the buddy lists (the per-CPU
 * ones are under pagesets/count), the watermarks, the three sizes
 * (spanned >= present >= managed), the zone's pages on each LRU list
 * (what reclaim for a request limited to the zone can scan) and the
 * per-CPU list of each CPU; the node's LRU totals and kswapd's state
 * come first, in the first zone's block, as in Linux.
 */
void show_zoneinfo(struct seq_buf *s)
{
	struct zone *zone;

	for_each_zone(zone)
		if (zone->spanned_pages)
			show_one_zone(s, zone);
}

static void meminfo_line(struct seq_buf *s, const char *name, unsigned long pages)
{
	seq_printf(s, "%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

/*
 * /proc/meminfo: Linux 6.1's lines in Linux's order, as a 32-bit ARM
 * kernel with HIGHMEM, ZSWAP and CMA prints them (no LPAE: no huge pages,
 * so no AnonHugePages or HugePages_* lines).  What this kernel does not
 * have yet reads 0: swap and zswap, CMA and per-CPU allocator pages.  MemTotal is what the allocator manages (RAM minus
 * what was reserved at boot), as in Linux; MemFree counts the per-CPU
 * lists as free.  The computed lines are in mm/meminfo.c.
 */
void show_meminfo(struct seq_buf *s)
{
	struct zone *high = &contig_page_data.node_zones[ZONE_HIGHMEM];
	unsigned long free = nr_free_pages();
	unsigned long high_free = zone_free_pages(high);
	unsigned long slab_unreclaim = nr_slab_pages - nr_slab_reclaimable;
	/* Cached: the page cache less the block devices' (Buffers), tmpfs
	 * included, as Linux; what reclaim could write back or drop is the
	 * page cache less tmpfs (which only swap could take) */
	unsigned long cached = (unsigned long)(nr_file_pages - nr_bdev_pages);
	unsigned long file_cache = (unsigned long)(nr_file_pages - nr_shmem_pages);
	struct page_census pc;

	meminfo_census(&pc);

	meminfo_line(s, "MemTotal:", totalram_pages);
	meminfo_line(s, "MemFree:", free);
	meminfo_line(s, "MemAvailable:", si_mem_available(free, file_cache));
	meminfo_line(s, "Buffers:", (unsigned long)nr_bdev_pages);
	meminfo_line(s, "Cached:", cached);
	meminfo_line(s, "SwapCached:", nr_swapcache);
	meminfo_line(s, "Active:", lruvec_lru_size(LRU_ACTIVE_ANON) +
		     lruvec_lru_size(LRU_ACTIVE_FILE));
	meminfo_line(s, "Inactive:", lruvec_lru_size(LRU_INACTIVE_ANON) +
		     lruvec_lru_size(LRU_INACTIVE_FILE));
	meminfo_line(s, "Active(anon):", lruvec_lru_size(LRU_ACTIVE_ANON));
	meminfo_line(s, "Inactive(anon):", lruvec_lru_size(LRU_INACTIVE_ANON));
	meminfo_line(s, "Active(file):", lruvec_lru_size(LRU_ACTIVE_FILE));
	meminfo_line(s, "Inactive(file):", lruvec_lru_size(LRU_INACTIVE_FILE));
	meminfo_line(s, "Unevictable:", lruvec_lru_size(LRU_UNEVICTABLE));
	meminfo_line(s, "Mlocked:", (unsigned long)nr_mlock);
	meminfo_line(s, "HighTotal:", totalhigh_pages);
	meminfo_line(s, "HighFree:", high_free);
	meminfo_line(s, "LowTotal:", totalram_pages - totalhigh_pages);
	meminfo_line(s, "LowFree:", free - high_free);
	meminfo_line(s, "SwapTotal:", (unsigned long)total_swap_pages);
	meminfo_line(s, "SwapFree:", (unsigned long)nr_swap_pages);
	meminfo_line(s, "Zswap:", 0);
	meminfo_line(s, "Zswapped:", 0);
	meminfo_line(s, "Dirty:", (unsigned long)nr_file_dirty);
	meminfo_line(s, "Writeback:", (unsigned long)nr_writeback);
	meminfo_line(s, "AnonPages:", pc.anon);
	meminfo_line(s, "Mapped:", (unsigned long)nr_file_mapped);
	meminfo_line(s, "Shmem:", (unsigned long)nr_shmem_pages);
	meminfo_line(s, "KReclaimable:", nr_slab_reclaimable);
	meminfo_line(s, "Slab:", nr_slab_pages);
	meminfo_line(s, "SReclaimable:", nr_slab_reclaimable);
	meminfo_line(s, "SUnreclaim:", slab_unreclaim);
	seq_printf(s, "%-16s%8lu kB\n", "KernelStack:", kernel_stack_kb());
	meminfo_line(s, "PageTables:", nr_pagetable_pages);
	meminfo_line(s, "NFS_Unstable:", 0);
	meminfo_line(s, "Bounce:", 0);
	meminfo_line(s, "WritebackTmp:", 0);
	meminfo_line(s, "CommitLimit:", vm_commit_limit());
	meminfo_line(s, "Committed_AS:", vm_committed_pages());
	seq_printf(s, "%-16s%8lu kB\n", "VmallocTotal:", (VMALLOC_END - vmalloc_start) >> 10);
	meminfo_line(s, "VmallocUsed:", vmalloc_used_pages());
	meminfo_line(s, "VmallocChunk:", 0);
	meminfo_line(s, "Percpu:", 0);
	meminfo_line(s, "CmaTotal:", 0);
	meminfo_line(s, "CmaFree:", 0);
}

VIEW(vmstat, show_vmstat);
VIEW(buddyinfo, show_buddyinfo);
VIEW(pagetypeinfo, show_pagetypeinfo);
VIEW(zoneinfo, show_zoneinfo);
VIEW(meminfo, show_meminfo);
