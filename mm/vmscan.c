/*
 * Reclaim: the two places where the page allocator asks for memory back
 * (docs/physical-memory.md).  Background reclaim (kswapd) wakes when an allocation finds
 * its zones below the low watermark and works until they are above high;
 * direct reclaim runs in the allocating task below min.
 *
 * There is nothing to reclaim yet: no LRU lists, no page cache, no swap.
 * Both hooks are called at the right moments (the vmstat counters
 * alloc_below_low and allocstall count the calls), and free nothing; the
 * reclaim issue puts kswapd and shrink_zones behind them.
 */
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include "internal.h"

/*
 * wakeup_kswapd - zone is at or below its low watermark for a request of
 * `order`: background reclaim should start.  Called with interrupts in
 * any state; must not sleep.  Does nothing until kswapd exists.
 */
void wakeup_kswapd(struct zone *zone, unsigned int order, gfp_t gfp)
{
}

/*
 * try_to_free_pages - direct reclaim for a request of `order` that found
 * every zone at min.  Returns the number of pages freed: 0, since no page
 * is reclaimable yet.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	return 0;
}
