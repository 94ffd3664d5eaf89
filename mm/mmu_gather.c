/*
 * mm/mmu_gather.c - unmap, flush, then free (include/mm/tlb.h).
 */
#include <kernel/types.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/tlb.h>
#include <mm/arch_mmu.h>

/* Above this many pages, one flush of the whole ASID beats one per page. */
#define FLUSH_ASID_PAGES	32

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	update_hiwater_rss(mm);		/* RSS may fall from here on */
	tlb->mm = mm;
	tlb->fullmm = false;
	tlb->freed_tables = false;
	tlb->start = tlb->end = 0;
	tlb->nr = 0;
	INIT_LIST_HEAD(&tlb->tables);
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb_gather_mmu(tlb, mm);
	tlb->fullmm = true;
}

void tlb_remove_page(struct mmu_gather *tlb, struct page *page, vaddr_t va)
{
	if (tlb->start == tlb->end) {
		tlb->start = va;
		tlb->end = va + PAGE_SIZE;
	} else {
		if (va < tlb->start)
			tlb->start = va;
		if (va + PAGE_SIZE > tlb->end)
			tlb->end = va + PAGE_SIZE;
	}
	if (page == zero_page)
		return;			/* never freed; only the flush matters */
	if (tlb_batch_full(tlb))
		tlb_flush_mmu(tlb);
#ifdef CONFIG_DEBUG_MM
	__SetPageTlbPending(page);
#endif
	tlb->pages[tlb->nr++] = page;
}

void tlb_remove_table(struct mmu_gather *tlb, struct page *page)
{
	tlb->freed_tables = true;
	list_add(&page->lru, &tlb->tables);
}

/* Invalidate mm's entries for [start, end): by page, or the whole ASID. */
static void flush_range(struct mmu_gather *tlb)
{
	vaddr_t va;

	if (tlb->fullmm || tlb->freed_tables) {
		arch_flush_user_tables(tlb->mm);	/* the ASID, walk caches too */
		tlb->freed_tables = false;
		tlb->start = tlb->end = 0;
		return;
	}
	if (tlb->start == tlb->end)
		return;
	if ((tlb->end - tlb->start) >> PAGE_SHIFT > FLUSH_ASID_PAGES) {
		arch_flush_user_mm(tlb->mm);
	} else {
		for (va = tlb->start; va < tlb->end; va += PAGE_SIZE)
			arch_flush_user_page(tlb->mm, va);
	}
	tlb->start = tlb->end = 0;
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	struct page *page, *n;
	unsigned int i;

	flush_range(tlb);
	list_for_each_entry_safe(page, n, &tlb->tables, lru) {
		list_del(&page->lru);
		arch_free_table_page(page);
	}
	for (i = 0; i < tlb->nr; i++) {
#ifdef CONFIG_DEBUG_MM
		__ClearPageTlbPending(tlb->pages[i]);
#endif
		release_user_page(tlb->pages[i]);
	}
	tlb->nr = 0;
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
}
