/*
 * arch/arm/pgtable.c - the page tables of processes.
 *
 * A process's first-level table is 16 KiB (an order-2 block: buddy blocks
 * are aligned to their size, as TTBR0 requires).  Entries below TASK_SIZE
 * are its own; entries from TASK_SIZE up are copied from init_mm (kernel
 * mappings are global, the same in every table).  User pages live in
 * second-level tables, four to a page as in mmu.c; user space never gets
 * sections.
 *
 * The walks here (fork copy, unmap) run once per entry and are the fork
 * and exit hot paths: they touch only present entries' pages, skip empty
 * first-level entries a MiB at a time, clean whole tables to the PoU at
 * once, and flush the TLB by ASID once per operation where that is
 * cheaper than page by page.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <asm/hw.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/tlbflush.h>
#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <mm/arch_mmu.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/rmap.h>
#include <mm/tlb.h>

#define USER_L1_ENTRIES	L1_INDEX(TASK_SIZE)	/* 0xBF0 */

/*
 * Quicklists (as Linux once had for page tables): freed first-level
 * tables and second-level table pages are kept, a few dozen at most, in a
 * state where they can be reused at once.  A table page is only kept when
 * every entry in it is zero (exit zapped them all), and its lines have
 * been cleaned then; a first-level table only with its user half zero.
 * fork and exit then skip zeroing 16 KiB + 4 KiB and cleaning it.
 *
 *   list            holds                          reused by
 *   pgd_quicklist   order-2 blocks, user half 0    arch_mmu_create
 *   pt_quicklist    pages of four empty L2 tables  user_table_page_alloc
 */
#define PGD_QUICKLIST_MAX	16
#define PT_QUICKLIST_MAX	64

unsigned long nr_pagetable_pages;
static LIST_HEAD(pgd_quicklist);
static LIST_HEAD(pt_quicklist);
static unsigned nr_pgd_quick, nr_pt_quick;

void *user_table_page_alloc(struct mm_struct *mm, unsigned first)
{
	struct page *page;

	if (nr_pt_quick) {
		page = list_first_entry(&pt_quicklist, struct page, lru);
		list_del(&page->lru);
		nr_pt_quick--;
	} else {
		page = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!page)
			return NULL;
	}
	page->index = first;			/* which group of the pgd it serves */
	nr_pagetable_pages++;
	list_add(&page->lru, &mm->pgtables);
	mm->nr_pgtables++;
	return page_address(page);
}

int arch_mmu_create(struct mm_struct *mm)
{
	struct page *page;
	u32 *pgd;

	INIT_LIST_HEAD(&mm->pgtables);
	mm->nr_pgtables = 0;
	if (nr_pgd_quick) {
		page = list_first_entry(&pgd_quicklist, struct page, lru);
		list_del(&page->lru);
		nr_pgd_quick--;
		pgd = page_address(page);
		mm->pgd = pgd;
		mm->vmalloc_seq = page->index;	/* as it was when it was freed */
	} else {
		page = alloc_pages(GFP_KERNEL, 2);
		if (!page)
			return -ENOMEM;
		pgd = page_address(page);
		memset(pgd, 0, USER_L1_ENTRIES * sizeof(u32));
		memcpy(pgd + USER_L1_ENTRIES, init_mm.pgd + USER_L1_ENTRIES,
		       (L1_ENTRIES - USER_L1_ENTRIES) * sizeof(u32));
		clean_pgtable_range((vaddr_t)pgd, (vaddr_t)pgd + L1_TABLE_SIZE);
		mm->pgd = pgd;
		mm->vmalloc_seq = init_mm.vmalloc_seq;
	}
	mm->pgd_pa = kva_to_pa(pgd);
	mm->context_id = 0;
	nr_pagetable_pages += 4;
	if (mm->vmalloc_seq != init_mm.vmalloc_seq)
		sync_kernel_mappings(mm);
	return 0;
}

/*
 * arch_mmu_destroy - free mm's tables: each table page goes to the
 * quicklist (its entries are all zero: exit_mmap zapped them) or back to
 * the buddy allocator; the first-level entries pointing at it are zeroed,
 * which leaves the user half of the pgd zero for the pgd quicklist.
 * exit_mmap's gather flushed mm's whole ASID first (tlb_gather_mmu_fullmm),
 * cached walks included, so no walk can still reach these tables.
 */
void arch_mmu_destroy(struct mm_struct *mm)
{
	struct page *page, *n;
	struct page *pgd_page = virt_to_page(mm->pgd);

	list_for_each_entry_safe(page, n, &mm->pgtables, lru) {
		u32 *l1 = &mm->pgd[page->index];

		l1[0] = l1[1] = l1[2] = l1[3] = 0;
		clean_pgtable_range((vaddr_t)l1, (vaddr_t)(l1 + 4));
		list_del(&page->lru);
		nr_pagetable_pages--;
#ifdef CONFIG_DEBUG_MM
		for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
			BUG_ON(((u32 *)page_address(page))[i]);	/* a PTE outlived its VMA */
#endif
		if (nr_pt_quick < PT_QUICKLIST_MAX) {
			list_add(&page->lru, &pt_quicklist);
			nr_pt_quick++;
		} else {
			__free_page(page);
		}
	}
	nr_pagetable_pages -= 4;
	if (nr_pgd_quick < PGD_QUICKLIST_MAX) {
		pgd_page->index = mm->vmalloc_seq;
		list_add(&pgd_page->lru, &pgd_quicklist);
		nr_pgd_quick++;
	} else {
		__free_pages(pgd_page, 2);
	}
	mm->pgd = NULL;
}

/* arch_drop_caches - give every cached table back (drop_caches, reclaim). */
unsigned long arch_drop_caches(void)
{
	struct page *page, *n;
	unsigned long freed = 0;

	list_for_each_entry_safe(page, n, &pt_quicklist, lru) {
		list_del(&page->lru);
		__free_page(page);
		freed++;
	}
	list_for_each_entry_safe(page, n, &pgd_quicklist, lru) {
		list_del(&page->lru);
		__free_pages(page, 2);
		freed += 4;
	}
	nr_pt_quick = nr_pgd_quick = 0;
	return freed;
}

/* The second-level table for va in pgd, or NULL. */
static u32 *user_l2(const u32 *pgd, vaddr_t va)
{
	u32 d = pgd[L1_INDEX(va)];

	return (d & L1_TYPE_MASK) == L1_TYPE_TABLE ? pa_to_kva(d & L1_TABLE_BASE_MASK) : NULL;
}

int arch_mmu_set(struct mm_struct *mm, vaddr_t va, paddr_t pa, unsigned flags)
{
	u32 *l2 = l2_table(mm, va, true), *pte;

	if (!l2 || IS_ERR(l2))
		return -ENOMEM;
	pte = &l2[L2_INDEX(va)];
	if (*pte) {			/* break ... */
		*pte = 0;
		clean_pte(pte);
		arch_flush_user_page(mm, va);
	}
	*pte = mk_pte(pa, flags | MMU_USER);	/* ... before make */
	clean_pte(pte);
	return 0;
}

void arch_mmu_protect(struct mm_struct *mm, vaddr_t start, vaddr_t end, unsigned flags)
{
	vaddr_t va;

	for (va = start; va < end; ) {
		u32 *l2 = user_l2(mm->pgd, va), *pte;

		if (!l2) {
			va = (va & SECTION_MASK) + SECTION_SIZE;
			continue;
		}
		pte = &l2[L2_INDEX(va)];
		if (*pte) {
			*pte = mk_pte(*pte & L2_BASE_MASK, flags | MMU_USER);
			clean_pte(pte);
		}
		va += PAGE_SIZE;
	}
	arch_flush_user_mm(mm);
}

/*
 * arch_mmu_wrprotect_page - one present user entry made read-only for
 * user and kernel alike (AP = 111), for writeback: the next store faults.
 * Only the permission bits of a valid entry change, so no break-before-
 * make is needed; the old, writable TLB entry must go before the page is
 * written to disk: the entry is cleaned to where the table walk reads it,
 * then the TLB entry of (va, ASID) invalidated (B3.10.1: DSB between the
 * two, in arch_flush_user_page).
 */
void arch_mmu_wrprotect_page(struct mm_struct *mm, vaddr_t va)
{
	u32 *l2 = user_l2(mm->pgd, va), *pte;

	if (!l2)
		return;
	pte = &l2[L2_INDEX(va)];
	if (!*pte || (*pte & L2_AP_MASK) == L2_AP_UROKRO)
		return;
	*pte = (*pte & ~L2_AP_MASK) | L2_AP_UROKRO;
	clean_pte(pte);
	arch_flush_user_page(mm, va);
}

/*
 * Copy entries [first, last) of one second-level table.  With cow, a
 * writable entry (AP = user RW) becomes user RO in both tables.
 */
static void copy_l2(u32 *dst, u32 *src, unsigned first, unsigned last, bool cow)
{
	unsigned i;

	for (i = first; i < last; i++) {
		u32 pte = src[i];

		if (!pte)
			continue;
		if (cow && (pte & L2_AP_MASK) == L2_AP_URW) {
			pte = (pte & ~L2_AP_MASK) | L2_AP_UROKRO;
			src[i] = pte;
		}
		dst[i] = pte;
		page_dup_rmap(phys_to_page(pte & L2_BASE_MASK));
	}
}

int arch_mmu_copy_range(struct mm_struct *dst, struct mm_struct *src,
			vaddr_t start, vaddr_t end, bool cow)
{
	vaddr_t va = start;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		unsigned first = L2_INDEX(va), last;
		u32 *s = user_l2(src->pgd, va), *d;

		if (next > end || next == 0)
			next = end;
		last = L2_INDEX(next - 1) + 1;
		if (s) {
			d = l2_table(dst, va, true);
			if (!d || IS_ERR(d))
				return -ENOMEM;
			copy_l2(d, s, first, last, cow);
			clean_pgtable_range((vaddr_t)&d[first], (vaddr_t)&d[last]);
			if (cow)
				clean_pgtable_range((vaddr_t)&s[first], (vaddr_t)&s[last]);
		}
		va = next;
	}
	if (cow)
		arch_flush_user_mm(src);	/* src's writable entries are gone */
	return 0;
}

/*
 * arch_mmu_zap_range - clear the entries of [start, end) and hand their
 * pages to the gather (include/mm/tlb.h), which frees them only after the
 * TLB flush.  Cleared entries are cleaned to the PoU (B3.10.1) before any
 * flush the gather does, so that no walk can load them again afterwards:
 * when the batch is about to fill, the part of the table zapped so far is
 * cleaned first.  Empty first-level entries are skipped a MiB at a time.
 */
void arch_mmu_zap_range(struct mmu_gather *tlb, vaddr_t start, vaddr_t end)
{
	struct mm_struct *mm = tlb->mm;
	vaddr_t va = start;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		u32 *l2 = user_l2(mm->pgd, va);
		unsigned i, first = L2_INDEX(va), last, dirty;

		if (next > end || next == 0)
			next = end;
		if (!l2) {
			va = next;
			continue;
		}
		last = L2_INDEX(next - 1) + 1;
		for (i = dirty = first; i < last; i++) {
			u32 pte = l2[i];
			struct page *page;

			if (!pte)
				continue;
			page = phys_to_page(pte & L2_BASE_MASK);
			if (tlb_batch_full(tlb) && page != zero_page) {
				clean_pgtable_range((vaddr_t)&l2[dirty], (vaddr_t)&l2[i]);
				dirty = i;
				tlb_flush_mmu(tlb);
			}
			l2[i] = 0;
			page_remove_rmap(mm, page);
			tlb_remove_page(tlb, page, (va & SECTION_MASK) + ((vaddr_t)i << PAGE_SHIFT));
		}
		clean_pgtable_range((vaddr_t)&l2[dirty], (vaddr_t)&l2[last]);
		va = next;
	}
}
