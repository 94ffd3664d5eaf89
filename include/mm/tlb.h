/*
 * The mmu_gather: unmap, flush the TLB, then free (as Linux's
 * asm-generic/tlb.h, reduced to what one process needs).
 *
 * A page whose entry was just cleared may still be in the TLB, of this
 * CPU or, on SMP, of another one running the same address space.  Freeing
 * it before the TLB entry is invalidated would let that entry reach a
 * page the allocator has already handed to someone else.  So unmapping
 * collects the pages in a batch, and frees them only after the flush:
 *
 *   tlb_gather_mmu(&tlb, mm)
 *   for each entry:  clear it; tlb_remove_page(&tlb, page, va)
 *                    (a full batch is flushed and freed on the way)
 *   tlb_finish_mmu(&tlb)      TLB flush for the range, then the frees
 *
 * The architecture must have made the cleared entries visible to the
 * table walker before a flush (arch_mmu_zap_range cleans them first):
 * otherwise a walk after the flush could load the old entry again.
 *
 * Page tables freed on munmap (arch_mmu_free_tables, Linux's
 * free_pgtables) wait in the same way: tlb_remove_table() queues the page,
 * the flush then covers the whole ASID and its walk caches, and only then
 * does the page go back (arch_free_table_page).
 *
 * Debug builds mark each page PG_tlb_pending between the two steps, and
 * __free_pages refuses a page so marked (mm/page_alloc.c): a path that
 * frees before flushing is caught in QEMU, which has no TLB to show it.
 */
#ifndef MM_TLB_H
#define MM_TLB_H

#include <mm/mm_types.h>

#define MMU_GATHER_BATCH	32

struct mmu_gather {
	struct mm_struct *mm;
	bool fullmm;			/* tearing down all of mm: flush its whole ASID */
	bool freed_tables;		/* tables queued: flush the ASID's walks too */
	vaddr_t start, end;		/* the range unmapped since the last flush */
	unsigned int nr;		/* pages waiting in pages[] */
	struct list_head tables;	/* table pages waiting, by page->lru */
	struct page *pages[MMU_GATHER_BATCH];
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);

/*
 * tlb_gather_mmu_fullmm - for exit: the last flush covers mm's whole ASID,
 * walk caches included, so its page tables may be freed after it.
 */
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm);

/* Is the batch full (the next tlb_remove_page flushes)? */
static inline bool tlb_batch_full(const struct mmu_gather *tlb)
{
	return tlb->nr == MMU_GATHER_BATCH;
}

/*
 * tlb_remove_page - the entry for va that mapped page has been cleared
 * (and its rmap count dropped): free the page after the next flush.  The
 * zero page is only noted for the flush.  Flushes first if the batch is
 * full: the caller must have made its cleared entries visible by then.
 */
void tlb_remove_page(struct mmu_gather *tlb, struct page *page, vaddr_t va);

/* tlb_remove_table - a page of page tables to free after the next flush. */
void tlb_remove_table(struct mmu_gather *tlb, struct page *page);

/* tlb_flush_mmu - flush the TLB for what was unmapped, free the batch. */
void tlb_flush_mmu(struct mmu_gather *tlb);

/* tlb_finish_mmu - the last flush and frees. */
void tlb_finish_mmu(struct mmu_gather *tlb);

#endif
