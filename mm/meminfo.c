/*
 * The lines of /proc/meminfo that take a computation rather than a
 * counter: the page census (AnonPages, Mapped, Shmem), MemAvailable and
 * VmallocUsed.  mm/vmstat.c prints them in Linux's order.
 */
#include <kernel/types.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/meminfo.h>
#include <mm/rmap.h>
#include <mm/filemap.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "internal.h"
#include "alloc_internal.h"

/*
 * meminfo_census - one pass over mem_map for the anonymous pages that
 * some process maps (AnonPages); the mapped file pages and the shared
 * memory pages come from the page cache's counters.
 */
void meminfo_census(struct page_census *c)
{
	pfn_t pfn;

	c->anon = c->mapped = c->shmem = 0;
	for (pfn = min_low_pfn; pfn < max_pfn; pfn++) {
		const struct page *page = pfn_to_page(pfn);

		if (!page->mapping || PageSlab(page) || PageBuddy(page))
			continue;
		if (PageAnon(page))
			c->anon += page_mapcount(page) > 0;
	}
	/* the page cache keeps these two as counters (mm/filemap.c) */
	c->mapped = (unsigned long)nr_file_mapped;
	c->shmem = (unsigned long)nr_shmem_pages;
}

/*
 * KernelStack.  kernel/stat.c, which can walk the tasks, defines the
 * real one; the host tests of mm/ have no tasks and get this.
 */
unsigned long __attribute__((weak)) kernel_stack_kb(void)
{
	return 0;
}

/*
 * What every zone keeps back: its high watermark (at most the zone; the
 * sum is Linux's totalreserve_pages), and the sum of the low watermarks.
 */
static void zone_reserves(unsigned long *reserve, unsigned long *low)
{
	struct zone *zone;

	*reserve = *low = 0;
	for_each_zone(zone) {
		unsigned long r = high_wmark_pages(zone);

		*reserve += r < zone->managed_pages ? r : zone->managed_pages;
		*low += low_wmark_pages(zone);
	}
}

/*
 * si_mem_available - Linux's rule (si_mem_available() in its
 * mm/page_alloc.c), from the same quantities:
 *
 *   available = free - reserve
 *             + file cache      - min(file cache / 2,      low)
 *             + reclaimable slab - min(reclaimable slab / 2, low)
 *
 * The reserve is what the zones keep for the kernel; of the caches,
 * reclaim could free all but what is in use, which the rule guesses as
 * half, or the low watermarks if smaller.  Never below 0.
 */
unsigned long si_mem_available(unsigned long free, unsigned long file_cache)
{
	unsigned long reserve, low, cache_part, slab_part;
	long avail;

	zone_reserves(&reserve, &low);
	cache_part = file_cache - MIN(file_cache / 2, low);
	slab_part = nr_slab_reclaimable - MIN(nr_slab_reclaimable / 2, low);
	avail = (long)free - (long)reserve + (long)cache_part + (long)slab_part;
	return avail < 0 ? 0 : (unsigned long)avail;
}

/* vmalloc_used_pages - the pages vmalloc() mapped (not ioremap's, not vmap's). */
unsigned long vmalloc_used_pages(void)
{
	struct vmap_area *va;
	unsigned long n = 0;

	list_for_each_entry(va, &vmap_area_list, list)
		if (va->busy && (va->vm.flags & VM_ALLOC))
			n += va->vm.nr_pages;
	return n;
}
