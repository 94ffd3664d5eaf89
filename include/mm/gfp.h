/*
 * gfp ("get free pages") masks: what alloc_pages() may do to find memory,
 * and where it may look (docs/physical-memory.md).
 *
 * A mask is a zone modifier (the low two bits), a migrate type (the next
 * two) and behaviour flags above:
 *
 *   bit  name                  meaning
 *   ---  --------------------  ---------------------------------------------------
 *    0   __GFP_DMA             zone modifier: ZONE_DMA only
 *    1   __GFP_HIGHMEM         zone modifier: ZONE_HIGHMEM first, then lower zones
 *    2   __GFP_MOVABLE         migrate type: the page can be moved (user pages)
 *    3   __GFP_RECLAIMABLE     migrate type: the page can be freed on demand
 *    4   __GFP_HIGH            high priority: may use half of the min reserve
 *    5   __GFP_ATOMIC          cannot sleep: may dip a further quarter below min
 *    6   __GFP_DIRECT_RECLAIM  may sleep and reclaim pages itself
 *    7   __GFP_KSWAPD_RECLAIM  may wake background reclaim (kswapd)
 *    8   __GFP_ZERO            return the pages zero-filled
 *    9   __GFP_NOWARN          say nothing on the console when it fails
 *   10   __GFP_MEMALLOC        ignore the watermarks (reclaim itself, self-tests)
 *   11   __GFP_COLD            a single page from the cold end of the per-CPU
 *                              list (it will be filled by DMA, not by the CPU)
 *
 * No zone bit means ZONE_NORMAL then ZONE_DMA.  __GFP_DMA and __GFP_HIGHMEM
 * together, or __GFP_MOVABLE and __GFP_RECLAIMABLE together, are bugs.
 *
 * The compositions, and the zonelist each one walks (most plentiful and
 * least precious zone first: the cheapest memory to give away goes first):
 *
 *   mask                  behaviour                        zonelist               type
 *   --------------------  -------------------------------  ---------------------  -----------
 *   GFP_KERNEL            may sleep and reclaim            Normal, DMA            unmovable
 *   GFP_ATOMIC            no sleep; uses part of min       Normal, DMA            unmovable
 *   GFP_USER              as GFP_KERNEL (user-visible)     Normal, DMA            unmovable
 *   GFP_HIGHUSER          as GFP_USER, HighMem allowed     HighMem, Normal, DMA   unmovable
 *   GFP_HIGHUSER_MOVABLE  as GFP_HIGHUSER, movable         HighMem, Normal, DMA   movable
 *   GFP_DMA               zone modifier only: combine it   DMA                    unmovable
 *                         (GFP_KERNEL | GFP_DMA), as in Linux
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <kernel/types.h>

struct page;

typedef unsigned int gfp_t;

#define __GFP_DMA		0x001u
#define __GFP_HIGHMEM		0x002u
#define __GFP_MOVABLE		0x004u
#define __GFP_RECLAIMABLE	0x008u
#define __GFP_HIGH		0x010u
#define __GFP_ATOMIC		0x020u
#define __GFP_DIRECT_RECLAIM	0x040u
#define __GFP_KSWAPD_RECLAIM	0x080u
#define __GFP_ZERO		0x100u
#define __GFP_NOWARN		0x200u
#define __GFP_MEMALLOC		0x400u
#define __GFP_COLD		0x800u
#define __GFP_IO		0x1000u	/* reclaim for it may start I/O */
#define __GFP_FS		0x2000u	/* ... and may call into file systems */

#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM)
#define GFP_MOVABLE_SHIFT	2
#define GFP_MOVABLE_MASK	(__GFP_MOVABLE | __GFP_RECLAIMABLE)

#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)	/* inside a file system */
#define GFP_NOIO		(__GFP_RECLAIM)			/* inside the block layer */
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_DMA			(__GFP_DMA)

/*
 * alloc_pages - 2^order physically contiguous pages, the block aligned to
 * its size, from the first zone of gfp's zonelist that can give them
 * without going below its watermark (see mm/page_alloc.c).  Interrupt
 * safe; never sleeps (there is nothing to wait for yet).  order < MAX_ORDER.
 * Returns the first page with _refcount 1, or NULL when memory is short.
 * Free with __free_pages(page, order).  HighMem pages have no kernel
 * address: reach them with kmap()/kmap_atomic().
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);

/*
 * __free_pages - drop one reference to a block from alloc_pages(); the
 * last reference frees it.  order must be the order it was allocated
 * with (debug builds check it, and catch double frees).  Order-0 pages
 * go to the hot end of this CPU's page list.
 */
void __free_pages(struct page *page, unsigned int order);

/*
 * free_cold_page - as __free_page(), but the page goes to the cold end of
 * the per-CPU list: for pages the caller knows are not in the CPU cache
 * (e.g. the target of a DMA transfer).  They are handed out last.
 */
void free_cold_page(struct page *page);

/*
 * get_free_pages - alloc_pages() for lowmem, returning the kernel virtual
 * address of the block (NULL on failure).  gfp must not hold
 * __GFP_HIGHMEM (a BUG).  Linux calls it __get_free_pages and returns an
 * unsigned long; here it is a pointer, which is what callers want.
 */
void *get_free_pages(gfp_t gfp, unsigned int order);

/* get_zeroed_page - one zero-filled lowmem page, or NULL. */
void *get_zeroed_page(gfp_t gfp);

/*
 * free_pages - __free_pages() by kernel virtual address, for blocks from
 * get_free_pages().  addr == NULL does nothing.
 */
void free_pages(void *addr, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

static inline void *get_free_page(gfp_t gfp)
{
	return get_free_pages(gfp, 0);
}

static inline void free_page(void *addr)
{
	free_pages(addr, 0);
}

/*
 * nr_free_pages - free pages in all zones: those on the buddy lists plus
 * those parked on the per-CPU lists (Linux leaves the latter out; counting
 * them makes "free memory came back to where it was" checks exact).
 */
unsigned long nr_free_pages(void);

/*
 * drain_all_pages - give every page on every per-CPU list back to the
 * buddy lists (before comparing buddyinfo snapshots, or when memory is
 * short).  Interrupt safe.
 */
void drain_all_pages(void);

#endif
