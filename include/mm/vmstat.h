/*
 * Event counters of the memory manager, printed by the "vmstat" view
 * (later /proc/vmstat) under the names in mm/vmstat.c.  New counters are
 * appended by the issues that need them (page faults, reclaim, swap).
 *
 *   counter                 counts
 *   ----------------------  ------------------------------------------------
 *   PGALLOC_DMA..HIGH       pages allocated from each zone
 *   PGFREE                  pages freed
 *   ALLOC_BELOW_LOW         allocations that found their zones at or below
 *                           the low watermark: kswapd would wake here
 *   ALLOC_BELOW_MIN_ATOMIC  atomic/high-priority allocations that dipped
 *                           under the min watermark (and succeeded)
 *   ALLOC_BELOW_MIN_FAIL    allocations that failed: every zone at min (or
 *                           no free block of the order)
 *   ALLOCSTALL              calls of the direct-reclaim hook
 *   PCP_REFILL, PCP_DRAIN   batches moved buddy -> per-CPU list and back
 *   MT_FALLBACK             allocations served from another migrate type
 *   MT_PAGEBLOCK_CLAIMED    pageblocks whose migrate type changed on a steal
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include <kernel/types.h>
#include <kernel/printk.h>

enum vm_event_item {
	PGALLOC_DMA,
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGFREE,
	ALLOC_BELOW_LOW,
	ALLOC_BELOW_MIN_ATOMIC,
	ALLOC_BELOW_MIN_FAIL,
	ALLOCSTALL,
	PCP_REFILL,
	PCP_DRAIN,
	MT_FALLBACK,
	MT_PAGEBLOCK_CLAIMED,
	PGFAULT,		/* page faults handled (mm/memory.c) */
	PGMAJFAULT,		/* ... of which needed I/O (a page-cache fill) */
	PGCOW_COPY,		/* copy-on-write faults that copied */
	PGCOW_REUSE,		/* ... that reused the page (last user) */
	NR_DIRTIED,		/* page-cache pages that became dirty */
	NR_WRITTEN,		/* ... whose write-back completed */
	/* reclaim (mm/vmscan.c, mm/swap.c; docs/reclaim.md) */
	PGSCAN_KSWAPD,		/* inactive pages looked at by kswapd */
	PGSCAN_DIRECT,		/* ... by direct reclaim */
	PGSTEAL_KSWAPD,		/* ... and freed */
	PGSTEAL_DIRECT,
	PGREFILL,		/* active pages looked at (aging) */
	PGACTIVATE,		/* pages moved to an active list */
	PGDEACTIVATE,		/* ... to an inactive list */
	PGROTATED,		/* written for reclaim, then moved to the inactive tail */
	PGPAGEOUT,		/* dirty pages reclaim wrote itself (nr_vmscan_write) */
	PAGEOUTRUN,		/* kswapd runs (balance_pgdat) */
	KSWAPD_LOW_WMARK_HIT_QUICKLY,	/* kswapd woken again during its 100 ms nap */
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,	/* ... below high again after it */
	PGFAULT_YOUNG,		/* faults that only made an old entry young again */
	OOM_KILL,		/* processes the OOM killer killed */
	/* swap (mm/swapfile.c, mm/swap_state.c, mm/page_io.c; docs/swap.md) */
	PSWPIN,			/* pages read from swap */
	PSWPOUT,		/* pages written to swap */
	SWAP_RA,		/* pages read ahead around a swap-in */
	SWAP_RA_HIT,		/* ... then faulted in from the swap cache */
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

/*
 * Not atomic: a count can be lost if an interrupt counts the same item in
 * between the load and the store.  Counters are statistics; the hot paths
 * count inside their interrupt-masked sections anyway.
 */
static inline void count_vm_event(enum vm_event_item item)
{
	vm_events[item]++;
}

static inline void count_vm_events(enum vm_event_item item, unsigned long n)
{
	vm_events[item] += n;
}

/* The views (each also registered with VIEW() under the same name). */
void show_vmstat(struct seq_buf *s);
void show_buddyinfo(struct seq_buf *s);
void show_pagetypeinfo(struct seq_buf *s);
void show_zoneinfo(struct seq_buf *s);
void show_meminfo(struct seq_buf *s);

#endif
