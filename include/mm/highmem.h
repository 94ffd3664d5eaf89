/*
 * Temporary kernel mappings of HighMem pages (docs/kernel-allocators.md), which have no
 * address in the lowmem linear map.  Implemented in mm/highmem.c; the
 * page allocator uses kmap_atomic to zero and poison HighMem pages.
 *
 *   call                     where it maps             may sleep  nests
 *   -----------------------  ------------------------  ---------  ------------
 *   kmap(page)               a pkmap slot, 0xBFE00000  yes (*)    any order
 *   kmap_atomic(page)        a fixmap slot of this     no         LIFO, IRQs
 *                            CPU, 0xFFC00000 up                   too
 *
 * Both return page_address(page) for a lowmem page, without mapping
 * anything.  (*) Linux's kmap sleeps when all 512 slots are taken; this
 * kernel has nothing to wait on yet, so kmap returns NULL then and counts
 * it in kmap_stats.failures.  Callers must check.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include <kernel/types.h>

struct page;

/* kmap_atomic slots per CPU (fixmap pages FIXADDR_START upwards). */
#define KM_TYPE_NR	16

/*
 * kmap - a kernel address for page until kunmap(page).  Mapping the same
 * HighMem page twice gives the same address and takes a second
 * reference.  Process context or interrupts masked; not from an
 * interrupt handler (use kmap_atomic).  Returns NULL when every pkmap
 * slot is in use.
 */
void *kmap(struct page *page);

/* kmap_sleep - kmap that waits for a free slot instead of failing
 * (process context: the page cache's copies to and from user memory). */
void *kmap_sleep(struct page *page);

/*
 * kmap_local_page / kunmap_local - a fixmap slot like kmap_atomic's, but
 * the holder may sleep (a fault on a user page during a copy): the slot
 * follows the task across a switch.  LIFO, at most KM_LOCAL_MAX at once.
 */
#define KM_LOCAL_MAX	4
void *kmap_local_page(struct page *page);
void kunmap_local(void *addr);
struct task_struct;
void kmap_local_sched_out(struct task_struct *prev);
void kmap_local_sched_in(struct task_struct *next);

/* kunmap - drop one kmap reference; panics if the page is not kmapped. */
void kunmap(struct page *page);

/*
 * kmap_atomic - a kernel address for page until kunmap_atomic(addr),
 * through this CPU's next fixmap slot.  Any context.  Mappings nest
 * (KM_TYPE_NR deep, an interrupt handler's inside the task's) and must be
 * undone in the reverse order; deeper nesting, a kunmap_atomic of
 * anything but the innermost mapping, or of an address that is not
 * mapped, panics.
 */
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

/*
 * kmap_init - start with every pkmap slot free and no kmap_atomic
 * mapping (the state at boot; host tests call it between tests).  Any
 * time after mem_init(): kmap_atomic works before it too.
 */
void kmap_init(void);

/* Event counts, shown by the kmapinfo view. */
struct kmap_stats {
	unsigned long maps;		/* kmap calls that mapped a slot anew */
	unsigned long hits;		/* kmap calls that found the page mapped */
	unsigned long flushes;		/* bulk TLB flushes of the pkmap area */
	unsigned long failures;		/* kmap calls that found no free slot */
	unsigned long atomic_maps;	/* kmap_atomic calls of a HighMem page */
};
extern struct kmap_stats kmap_stats;

/* clear_highpage - zero a whole page, HighMem or not. */
void clear_highpage(struct page *page);
/* zero_user - zero [start, start+len) of a page. */
void zero_user(struct page *page, unsigned start, unsigned len);

#endif
