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

/*
 * page->mapping of an anonymous page (private memory of a process, not
 * backed by a file): a marker, not a real address_space.
 */
#define PAGE_MAPPING_ANON ((struct address_space *)1)

static inline bool PageAnon(const struct page *page)
{
	return page->mapping == PAGE_MAPPING_ANON;
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
struct vm_area_struct;
void vma_link_file(struct vm_area_struct *vma);
void vma_unlink_file(struct vm_area_struct *vma);
int page_mkclean(struct page *page);
/* Reclaim (mm/rmap.c): young entries counted and made old; every entry removed. */
int page_referenced(struct page *page, unsigned long *vm_flags);
bool try_to_unmap(struct page *page);
bool page_in_locked_vma(struct page *page, const struct vm_area_struct *except);

#endif
