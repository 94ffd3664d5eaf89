/*
 * What a page-table entry means to the page it points at ("reverse
 * mapping" accounting, without the reverse map itself).
 *
 *   _mapcount  how many page-table entries point at the page, minus one
 *              (-1: none)
 *   _refcount  every reason the page must stay: one per mapping, one for
 *              the page cache if it is in one, one per temporary user
 *
 * The shared zero page is mapped read-only by any number of entries and
 * never counted: it is never freed.
 *
 * The copy-on-write rule (mm/memory.c, do_wp_page), on a write fault to a
 * present read-only page of a private writable VMA:
 *
 *   page                                  action
 *   ------------------------------------  ---------------------------------
 *   the zero page                         allocate a zeroed page, map it RW
 *   anonymous, _refcount == 1             reuse: we are the last user, just
 *     (so mapped only here, not cached)     make the entry writable
 *   anonymous, _refcount > 1              copy: new page, copy, map RW,
 *     (another mm still maps it)            drop our reference to the old one
 *   page-cache page (file-backed)         copy (the cache keeps the original)
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <mm/mm.h>
#include <kernel/list.h>

/*
 * The reverse map of anonymous pages (mm/rmap.c explains it): an
 * anonymous page's mapping is its anon_vma with bit 0 set (no
 * address_space is ever at an odd address), and its index is its
 * address in pages (linear_page_index).
 *
 *   struct anon_vma          one per "generation" of a VMA's private
 *                            pages; head lists every VMA that may map them
 *   struct anon_vma_chain    one link between one VMA and one anon_vma
 *                            (a VMA is on its own and all its ancestors')
 */
#define PAGE_MAPPING_ANON	1UL

struct anon_vma {
	/*
	 * The anon_vma of the first VMA of the family (itself for a VMA
	 * that did not come from a fork; a child's gets its parent's root).
	 * Every VMA linked to any anon_vma of the family is linked to the
	 * root too, and so it outlives them all: a page read back from swap
	 * while other processes still hold its swap entry points here.
	 */
	struct anon_vma *root;
	struct list_head head;		/* anon_vma_chain.same_anon_vma */
	unsigned int nr_vmas;		/* entries on head (the GDB helper shows it) */
};

struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* in vma->anon_vma_chain */
	struct list_head same_anon_vma;	/* in anon_vma->head */
};

static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)page->mapping & PAGE_MAPPING_ANON;
}

/* The anon_vma of an anonymous page (valid while the page is mapped). */
static inline struct anon_vma *page_anon_vma(const struct page *page)
{
	return (struct anon_vma *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON);
}

/* A page's index in vma: its file page, or for anonymous memory its address in pages. */
static inline unsigned long linear_page_index(const struct vm_area_struct *vma, vaddr_t addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

extern pfn_t zero_pfn;			/* the shared zero page */
extern struct page *zero_page;

static inline bool is_zero_pfn(pfn_t pfn)
{
	return pfn == zero_pfn;
}

/* A new page-table entry now points at page (fork's copy of an entry). */
static inline void page_dup_rmap(struct page *page)
{
	if (page != zero_page) {
		page->_refcount++;
		page->_mapcount++;
	}
}

/*
 * An entry of mm that pointed at page is gone.  page_remove_rmap only
 * uncounts the mapping; release_user_page drops the reference the entry
 * held (freeing the page if it was the last), and must wait until no TLB
 * entry can still map the page (include/mm/tlb.h).  page_zap_rmap does
 * both, for an entry whose TLB entry is already flushed.
 */
void page_remove_rmap(struct mm_struct *mm, struct page *page);
void release_user_page(struct page *page);
void page_zap_rmap(struct mm_struct *mm, struct page *page);

/* What the COW rule says (pure; unit-tested on the host). */
enum cow_action { COW_ZERO_NEW, COW_REUSE, COW_COPY };
enum cow_action cow_decide(bool is_zero, bool is_anon, int refcount);

/* File pages (mm/rmap.c): the i_mmap list and write-protecting a page. */
void vma_link_file(struct vm_area_struct *vma);
void vma_unlink_file(struct vm_area_struct *vma);
int page_mkclean(struct page *page);
/* Reclaim (mm/rmap.c): young entries counted and made old; every entry removed. */
int page_referenced(struct page *page, unsigned long *vm_flags);
bool try_to_unmap(struct page *page);
bool page_in_locked_vma(struct page *page, const struct vm_area_struct *except);

/*
 * Anonymous pages (mm/rmap.c).  anon_vma_prepare gives vma an anon_vma
 * before its first private page; anon_vma_clone links a split's new half
 * to everything the old one is on; anon_vma_fork does that for a child's
 * VMA and adds the child's own anon_vma; unlink_anon_vmas undoes it as a
 * VMA goes; anon_vma_merge moves a VMA's links to the neighbour that
 * swallows it.  The allocating ones return 0 or -ENOMEM (nothing left
 * half-done).
 */
void anon_vma_init(void);
int __anon_vma_prepare(struct vm_area_struct *vma);
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void unlink_anon_vmas(struct vm_area_struct *vma);
bool anon_vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b);
void anon_vma_merge(struct vm_area_struct *into, struct vm_area_struct *gone);

/* anon_vma_prepare, inline: every anonymous fault asks, only the first allocates. */
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (likely(vma->anon_vma))
		return 0;
	return __anon_vma_prepare(vma);
}

/* A new private page of vma at addr: its reverse map (and the anon LRU lists). */
static inline void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
					  vaddr_t addr)
{
	page->mapping = (struct address_space *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	page->index = linear_page_index(vma, addr);
	page->flags |= 1UL << PG_swapbacked;	/* a new page: nobody else sees its flags */
}

/*
 * page_move_anon_rmap - copy-on-write reuses page: vma is its only user
 * now, so it joins vma's own anon_vma, and later walks look at fewer
 * VMAs (a page of the parent's anon_vma would be tried in every sibling).
 */
static inline void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma)
{
	page->mapping = (struct address_space *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
}

/*
 * rmap_walk - call fn for every VMA that may map page and the address it
 * would have there (anonymous: the page's anon_vma; file: the mapping's
 * i_mmap), until fn returns false.  fn checks the entry itself: a
 * private VMA may hold its own copy at that address.
 */
typedef bool (*rmap_one_fn)(struct page *page, struct vm_area_struct *vma, vaddr_t addr,
			    void *arg);
void rmap_walk(struct page *page, rmap_one_fn fn, void *arg);
/* Does the reverse map reach (vma, addr) from page?  (debug checks, tests) */
bool rmap_finds(struct page *page, struct vm_area_struct *vma, vaddr_t addr);
#ifdef CONFIG_DEBUG_MM
void rmap_check_zap(struct mm_struct *mm, struct page *page, vaddr_t addr);
#else
static inline void rmap_check_zap(struct mm_struct *mm, struct page *page, vaddr_t addr) { }
#endif

#endif
