#ifndef MM_MEMINFO_H
#define MM_MEMINFO_H

/*
 * The computed lines of /proc/meminfo (mm/meminfo.c; mm/vmstat.c prints
 * them).  All counts are in pages unless the name says kB.
 */

/* One pass over mem_map: anonymous pages mapped, file pages mapped, shared memory. */
struct page_census {
	unsigned long anon, mapped, shmem;
};
void meminfo_census(struct page_census *c);

/*
 * si_mem_available - MemAvailable: what a new program could get without
 * swapping, computed as Linux computes it (see mm/meminfo.c).  free is
 * the free page count, file_cache the page cache less shared memory.
 */
unsigned long si_mem_available(unsigned long free, unsigned long file_cache);

/* VmallocUsed: pages that vmalloc() itself mapped into the vmalloc area. */
unsigned long vmalloc_used_pages(void);

/* KernelStack: kernel/stat.c walks the tasks for it.  (Committed_AS and
 * CommitLimit: mm/util.c.) */
unsigned long kernel_stack_kb(void);

#endif
