/*
 * struct page helpers: flags, reference counts, and the conversions
 * between a page, its frame number, its physical and its kernel address.
 * docs/physical-memory.md.
 *
 * page->flags (32 bits on the target; the zone sits in the top bits of an
 * unsigned long on the host too):
 *
 *   bits    field        meaning
 *   ------  -----------  ----------------------------------------------------
 *   31..30  zone         enum zone_type, fixed when mem_map is initialised
 *   27..24  alloc order  order of the block this page heads, while allocated
 *                        (checked by __free_pages in debug builds)
 *   21..0   PG_* flags   below
 *
 *   flag         set while the page ...
 *   -----------  --------------------------------------------------------
 *   PG_reserved  is not the allocator's: kernel image, DTB, initrd, early
 *                page tables, mem_map itself, holes; never freed
 *   PG_buddy     heads a free block on a buddy list; private = its order
 *   PG_slab      belongs to the slab allocator (mm/slab.c)
 *   PG_large_kmalloc  heads a kmalloc block above 8 KiB, straight from
 *                the buddy allocator; private = its order (mm/slab.c)
 *
 * Conversions (FLATMEM: mem_map[0] describes the page at PHYS_OFFSET):
 *
 *   from \ to   pfn            struct page *    physical        kernel virtual
 *   ---------   ------------   --------------   -------------   ---------------------
 *   pfn         -              pfn_to_page      PFN_PHYS        -
 *   page        page_to_pfn    -                page_to_pa      page_address (lowmem)
 *   physical    PHYS_PFN       phys_to_page     -               pa_to_kva (lowmem)
 *   virtual     -              virt_to_page     kva_to_pa       -
 *
 * "lowmem" means ZONE_DMA and ZONE_NORMAL: a HighMem page has no kernel
 * address until kmap() gives it one (page_address returns NULL for it).
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <kernel/types.h>
#include <asm/memory.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/gfp.h>
#include <kernel/bitops.h>

enum pageflags {
	PG_reserved,
	PG_buddy,
	PG_slab,
	PG_large_kmalloc,
	PG_tlb_pending,		/* debug: unmapped, TLB not yet flushed (include/mm/tlb.h) */
	/* a page of the page cache (include/mm/filemap.h explains each) */
	PG_locked,
	PG_uptodate,
	PG_dirty,
	PG_writeback,
	PG_error,
	PG_private,
	PG_swapbacked,
	PG_readahead,		/* reading it means: time to read further ahead */
	PG_dcache_clean,	/* the I-side can see its bytes (asm: sync at exec mapping) */
	PG_waiters,		/* a task sleeps on the page (lock, writeback): wake it */
	PG_mappedtodisk,	/* every block under the page is allocated on disk */
	/* reclaim (include/mm/swap.h explains each) */
	PG_lru,			/* on one of the LRU lists of its node */
	PG_active,		/* ... the active one of its kind */
	PG_referenced,		/* used once since it was last looked at */
	PG_unevictable,		/* ... the unevictable list (mlocked, ramfs) */
	PG_mlocked,		/* mapped by a VM_LOCKED VMA: never reclaimed */
	PG_reclaim,		/* reclaim started its writeback: free it when done */
	PG_swapcache,		/* in the swap cache; private = its swap entry (mm/swap_state.c) */
	NR_PAGEFLAGS
};

#define BITS_PER_LONG		(8 * (int)sizeof(unsigned long))
#define ZONES_WIDTH		2
#define ZONES_PGSHIFT		(BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK		(3UL << ZONES_PGSHIFT)
#define ORDER_PGSHIFT		24
#define ORDER_MASK		(0xFUL << ORDER_PGSHIFT)

_Static_assert(NR_PAGEFLAGS <= ORDER_PGSHIFT, "PG_* flags overflow into the order field");
_Static_assert(MAX_NR_ZONES <= 4, "zone number needs more than 2 bits");

#define PHYS_PFN_OFFSET		((pfn_t)(PHYS_OFFSET >> PAGE_SHIFT))
#define PFN_PHYS(pfn)		((paddr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(pa)		((pfn_t)((pa) >> PAGE_SHIFT))
#define PFN_UP(x)		((pfn_t)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)		((pfn_t)((x) >> PAGE_SHIFT))

extern struct page *mem_map;	/* one struct page per frame from PHYS_OFFSET */

/* Valid for min_low_pfn <= pfn < max_pfn (every RAM page and the holes). */
static inline struct page *pfn_to_page(pfn_t pfn)
{
	return mem_map + (pfn - PHYS_PFN_OFFSET);
}

static inline pfn_t page_to_pfn(const struct page *page)
{
	return (pfn_t)(page - mem_map) + PHYS_PFN_OFFSET;
}

static inline paddr_t page_to_pa(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

static inline struct page *phys_to_page(paddr_t pa)
{
	return pfn_to_page(PHYS_PFN(pa));
}

/* Lowmem kernel addresses only (virt_addr_valid). */
static inline struct page *virt_to_page(const void *kva)
{
	return phys_to_page(kva_to_pa(kva));
}

/* ------------------------------------------------------------ zone */

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)(page->flags >> ZONES_PGSHIFT);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

/*
 * page_address - the kernel virtual address of a lowmem page; NULL for a
 * HighMem page (use kmap/kmap_atomic from mm/highmem.h).
 */
static inline void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return NULL;
	return pa_to_kva(page_to_pa(page));
}

/* ------------------------------------------------------------ flags */

static inline bool PageReserved(const struct page *page)
{
	return page->flags & (1UL << PG_reserved);
}

static inline void SetPageReserved(struct page *page)
{
	page->flags |= 1UL << PG_reserved;
}

static inline void ClearPageReserved(struct page *page)
{
	page->flags &= ~(1UL << PG_reserved);
}

static inline bool PageBuddy(const struct page *page)
{
	return page->flags & (1UL << PG_buddy);
}

static inline bool PageSlab(const struct page *page)
{
	return page->flags & (1UL << PG_slab);
}

static inline void __SetPageSlab(struct page *page)
{
	page->flags |= 1UL << PG_slab;
}

static inline void __ClearPageSlab(struct page *page)
{
	page->flags &= ~(1UL << PG_slab);
}

static inline bool PageTlbPending(const struct page *page)
{
	return page->flags & (1UL << PG_tlb_pending);
}

static inline void __SetPageTlbPending(struct page *page)
{
	page->flags |= 1UL << PG_tlb_pending;
}

static inline void __ClearPageTlbPending(struct page *page)
{
	page->flags &= ~(1UL << PG_tlb_pending);
}

static inline bool PageLargeKmalloc(const struct page *page)
{
	return page->flags & (1UL << PG_large_kmalloc);
}

static inline void __SetPageLargeKmalloc(struct page *page)
{
	page->flags |= 1UL << PG_large_kmalloc;
}

static inline void __ClearPageLargeKmalloc(struct page *page)
{
	page->flags &= ~(1UL << PG_large_kmalloc);
}

/* Order of the allocated block this page heads (see the flags table). */
static inline unsigned int page_alloc_order(const struct page *page)
{
	return (unsigned int)((page->flags & ORDER_MASK) >> ORDER_PGSHIFT);
}

/*
 * The page-cache flags change under I/O: the completion of a read or a
 * write, in the disk's interrupt handler, clears PG_locked or
 * PG_writeback while a task may be setting PG_dirty on the same page.
 * So their accessors are atomic (include/kernel/bitops.h):
 *
 *   PageX(page)  SetPageX(page)  ClearPageX(page)   for X in Locked,
 *   Uptodate, Dirty, Writeback, Error, Private, SwapBacked
 *
 * plus TestSetPageX / TestClearPageX where a caller needs the old value.
 */
#define PAGEFLAG(name, bit)							\
static inline bool Page##name(const struct page *page)				\
{ return test_bit(bit, &page->flags); }						\
static inline void SetPage##name(struct page *page)				\
{ set_bit(bit, &page->flags); }							\
static inline void ClearPage##name(struct page *page)				\
{ clear_bit(bit, &page->flags); }						\
static inline bool TestSetPage##name(struct page *page)				\
{ return test_and_set_bit(bit, &page->flags); }					\
static inline bool TestClearPage##name(struct page *page)			\
{ return test_and_clear_bit(bit, &page->flags); }

PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Uptodate, PG_uptodate)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(Writeback, PG_writeback)
PAGEFLAG(Error, PG_error)
PAGEFLAG(Private, PG_private)
PAGEFLAG(SwapBacked, PG_swapbacked)
PAGEFLAG(Readahead, PG_readahead)
PAGEFLAG(DcacheClean, PG_dcache_clean)
PAGEFLAG(Waiters, PG_waiters)
PAGEFLAG(MappedToDisk, PG_mappedtodisk)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(Unevictable, PG_unevictable)
PAGEFLAG(Mlocked, PG_mlocked)
PAGEFLAG(Reclaim, PG_reclaim)
PAGEFLAG(SwapCache, PG_swapcache)

/*
 * flush_dcache_page - the kernel wrote into a page-cache page through its
 * kernel address: if the page is mapped executable later, the I-side must
 * be synchronised with it first (mm/memory.c, sync_exec_page).
 */
static inline void flush_dcache_page(struct page *page)
{
	ClearPageDcacheClean(page);
}

/* Flags a page must not carry when it goes back to the allocator. */
#define PAGE_FLAGS_CHECK_AT_FREE \
	((1UL << PG_locked) | (1UL << PG_dirty) | (1UL << PG_writeback) | (1UL << PG_private) | \
	 (1UL << PG_swapcache))

/* ------------------------------------------------- reference counts */

static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

/* Drop a reference; true when it was the last one. */
static inline bool page_ref_dec_and_test(struct page *page)
{
	return --page->_refcount == 0;
}

/*
 * get_page - take one more reference to an allocated page.
 * put_page - drop one; the last one frees the page.  Only for order-0
 * pages (a higher-order block is dropped with __free_pages(page, order)).
 * Callers mask interrupts if an interrupt handler may share the page.
 */
static inline void get_page(struct page *page)
{
	page->_refcount++;
}

static inline void put_page(struct page *page)
{
#ifdef CONFIG_DEBUG_MM
	__free_pages(page, 0);		/* with its checks on every put */
#else
	if (page->_refcount > 1)	/* not the last: nothing to free */
		page->_refcount--;
	else
		__free_pages(page, 0);
#endif
}

/* How many page tables map the page (the stored value is that minus one). */
static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

/* free_reserved_area - boot-reserved pages back to the allocator (mm/mm_init.c). */
unsigned long free_reserved_area(paddr_t start, paddr_t end);

#endif
