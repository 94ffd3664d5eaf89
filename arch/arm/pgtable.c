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
#include <mm/shrinker.h>
#include <mm/swapfile.h>

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
 *
 * Together up to 128 pages.  Reclaim takes them back through the
 * "pgtables" shrinker (/proc/shrinkers), and drop_caches=2 all at once.
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
		arch_free_table_page(page);
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

/*
 * The quicklists as a shrinker, counted in pages: up to nr of them back
 * to the buddy allocator, second-level table pages first (a first-level
 * table is four pages, and saves a fork more work).  Task context only,
 * like every user of the lists (fork, exit, munmap): no masking needed.
 * Freeing them needs no TLB or cache work: a table reached the list only
 * after the flush that ended every walk through it (tlb_remove_table,
 * exit_mmap's full-ASID flush), with its entries zero and cleaned, and a
 * first-level table on the list is in no TTBR0.
 */
static unsigned long pgtable_cache_count(struct shrinker *s)
{
	return nr_pt_quick + 4UL * nr_pgd_quick;
}

static unsigned long pgtable_cache_scan(struct shrinker *s, unsigned long nr)
{
	unsigned long freed = 0;
	struct page *page;

	while (freed < nr && nr_pt_quick) {
		page = list_first_entry(&pt_quicklist, struct page, lru);
		list_del(&page->lru);
		nr_pt_quick--;
		__free_page(page);
		freed++;
	}
	while (freed < nr && nr_pgd_quick) {
		page = list_first_entry(&pgd_quicklist, struct page, lru);
		list_del(&page->lru);
		nr_pgd_quick--;
		__free_pages(page, 2);
		freed += 4;
	}
	return freed;
}

static struct shrinker pgtable_shrinker = {
	.name = "pgtables", .count_objects = pgtable_cache_count,
	.scan_objects = pgtable_cache_scan,
};

/* arch_pgtable_cache_init - the quicklists' shrinker (at boot). */
void arch_pgtable_cache_init(void)
{
	register_shrinker(&pgtable_shrinker);
}

/* arch_drop_caches - give every cached table back (drop_caches=2). */
unsigned long arch_drop_caches(void)
{
	return pgtable_cache_scan(&pgtable_shrinker, ~0UL);
}

static bool is_table(u32 d)
{
	return (d & L1_TYPE_MASK) == L1_TYPE_TABLE;
}

/* The second-level table for va in pgd, or NULL. */
static u32 *user_l2(const u32 *pgd, vaddr_t va)
{
	u32 d = pgd[L1_INDEX(va)];

	return (d & L1_TYPE_MASK) == L1_TYPE_TABLE ? pa_to_kva(d & L1_TABLE_BASE_MASK) : NULL;
}

int arch_mmu_set(struct mm_struct *mm, vaddr_t va, paddr_t pa, unsigned flags)
{
	u32 *l2 = user_l2(mm->pgd, va), *pte;	/* the common case: a table is there */

	if (unlikely(!l2)) {
		l2 = l2_table(mm, va, true);
		if (!l2 || IS_ERR(l2))
			return -ENOMEM;
	}
	pte = &l2[L2_INDEX(va)];
	/*
	 * Break before make, for a valid entry only: a TLB never holds an
	 * entry whose walk faulted (DDI 0406C B3.10.1), so an old entry (its
	 * TLB entry went when it was made old) or a swap entry is simply
	 * overwritten.
	 */
	if (*pte & L2_TYPE_SMALL) {	/* break ... */
		*pte = 0;
		clean_pte(pte);
		arch_flush_user_page(mm, va);
	}
	*pte = mk_pte(pa, flags | MMU_USER);	/* ... before make */
	clean_pte(pte);
	return 0;
}

/*
 * The referenced bit (asm/mmu.h: young and old entries).
 *
 * arch_mmu_test_and_clear_young - if the entry at va maps pa and is
 * young, make it old and return true.  Making it old is the "break"
 * half of break-before-make: the entry is written invalid, cleaned to
 * where the walk reads it, and then the TLB entry of (va, ASID) is
 * invalidated, with the DSB between (DDI 0406C B3.10.1, "Ordering of
 * translation table changes and TLB maintenance"; in
 * arch_flush_user_page).  Without the invalidate a cached translation
 * would let the page be used without a fault, and reclaim would take it
 * for unused.  That flush is the cost of the bit: one TLBIMVA per
 * mapping looked at, and one fault per old page used again.
 */
bool arch_mmu_test_and_clear_young(struct mm_struct *mm, vaddr_t va, paddr_t pa)
{
	u32 *l2 = user_l2(mm->pgd, va), *pte;

	if (!l2)
		return false;
	pte = &l2[L2_INDEX(va)];
	if (!(*pte & L2_TYPE_SMALL) || (*pte & L2_BASE_MASK) != pa)
		return false;		/* none, old already, a swap entry, another page */
	*pte = pte_mkold(*pte);
	clean_pte(pte);
	arch_flush_user_page(mm, va);
	return true;
}

/*
 * arch_mmu_make_young - a translation fault at va: if the entry is only
 * old, make it young again and return true (the access is retried).  No
 * TLB maintenance: a TLB never holds an entry whose walk gave a
 * Translation fault (DDI 0406C B3.10.1, "General TLB maintenance
 * requirements": such entries are not cached), and the exception return
 * is a context synchronisation event, so the clean (for walks that do
 * not snoop the D-cache: the A8) is all it needs.  On SMP another core's
 * walk may still read the old value until the clean: it faults and
 * finds the entry young.
 */
bool arch_mmu_make_young(struct mm_struct *mm, vaddr_t va)
{
	u32 *pte = user_pte_at(mm->pgd, va);

	if (!pte || !pte_is_old(*pte))
		return false;
	*pte = pte_mkyoung(*pte);
	clean_pte(pte);
	return true;
}

/*
 * unmap_pte - reclaim's unmap of one page: if the entry at va maps pa
 * (young or old), write `to` over it (0, or a swap entry: either is
 * invalid for the hardware), clean it to where the walk reads it, and
 * invalidate the TLB entry of (va, ASID) after a DSB (B3.10.1, as above;
 * in arch_flush_user_page): only then may the page be written out and
 * reused.  True if it did.  The caller uncounts the mapping.
 */
static bool unmap_pte(struct mm_struct *mm, vaddr_t va, paddr_t pa, u32 to)
{
	u32 *l2 = user_l2(mm->pgd, va), *pte;

	if (!l2)
		return false;
	pte = &l2[L2_INDEX(va)];
	if (!*pte || pte_is_swap(*pte) || (*pte & L2_BASE_MASK) != pa)
		return false;
	*pte = to;
	clean_pte(pte);
	arch_flush_user_page(mm, va);
	return true;
}

/* arch_mmu_clear_pte - a file page's entry at va, if it maps pa, cleared. */
bool arch_mmu_clear_pte(struct mm_struct *mm, vaddr_t va, paddr_t pa)
{
	return unmap_pte(mm, va, pa, 0);
}

/*
 * The swap entries of user tables (asm/mmu.h draws them).
 *
 * arch_mmu_set_swap - an anonymous page's entry at va, if it maps pa,
 * becomes the swap entry e.
 */
bool arch_mmu_set_swap(struct mm_struct *mm, vaddr_t va, paddr_t pa, swp_entry_t e)
{
	return unmap_pte(mm, va, pa, pte_mkswap(swp_type(e), swp_offset(e)));
}

/* arch_mmu_get_swap - is the entry at va a swap entry?  Which, in *e. */
bool arch_mmu_get_swap(struct mm_struct *mm, vaddr_t va, swp_entry_t *e)
{
	const u32 *pte = user_pte_at(mm->pgd, va);

	if (!pte || !pte_is_swap(*pte))
		return false;
	*e = swp_entry(pte_swp_type(*pte), pte_swp_offset(*pte));
	return true;
}

/*
 * arch_mmu_next_swap - the first address in [start, end) whose entry is
 * a swap entry of area `type` (any area if type < 0), with the entry in
 * *e; end if there is none.  swapoff and smaps walk with it: a MiB
 * without a table is passed in one step.
 */
vaddr_t arch_mmu_next_swap(struct mm_struct *mm, vaddr_t start, vaddr_t end, int type,
			   swp_entry_t *e)
{
	vaddr_t va = start;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		const u32 *l2 = user_l2(mm->pgd, va);
		unsigned i, last;

		if (next > end || next == 0)
			next = end;
		last = L2_INDEX(next - 1) + 1;
		for (i = l2 ? L2_INDEX(va) : last; i < last; i++) {
			u32 pte = l2[i];

			if (pte_is_swap(pte) && (type < 0 || pte_swp_type(pte) == (unsigned)type)) {
				*e = swp_entry(pte_swp_type(pte), pte_swp_offset(pte));
				return (va & SECTION_MASK) + ((vaddr_t)i << PAGE_SHIFT);
			}
		}
		va = next;
	}
	return end;
}

/*
 * arch_mmu_protect - by first-level entry: a MiB without a table is
 * skipped in one step; in a table, only the run of entries that changed
 * is cleaned (B3.10.1), and the ASID is flushed only if any did (only the
 * rights change, same page and attributes: no break-before-make needed).
 */
void arch_mmu_protect(struct mm_struct *mm, vaddr_t start, vaddr_t end, unsigned flags)
{
	vaddr_t va = start;
	bool changed = false;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		u32 *l2 = user_l2(mm->pgd, va);
		unsigned i, last, lo = L2_ENTRIES, hi = 0;

		if (next > end || next == 0)
			next = end;
		last = L2_INDEX(next - 1) + 1;
		for (i = l2 ? L2_INDEX(va) : last; i < last; i++) {
			u32 pte = l2[i], new;

			if (!pte || pte_is_swap(pte))
				continue;	/* a swap entry stays: the swap-in takes the VMA's rights */
			new = mk_pte(pte & L2_BASE_MASK, flags | MMU_USER);
			if (new == pte)
				continue;
			l2[i] = new;
			if (lo == L2_ENTRIES)
				lo = i;
			hi = i + 1;
		}
		if (lo < hi) {
			clean_pgtable_range((vaddr_t)&l2[lo], (vaddr_t)&l2[hi]);
			changed = true;
		}
		va = next;
	}
	if (changed)
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
	if (!*pte || pte_is_swap(*pte) || (*pte & L2_AP_MASK) == L2_AP_UROKRO)
		return;
	*pte = (*pte & ~L2_AP_MASK) | L2_AP_UROKRO;
	clean_pte(pte);
	arch_flush_user_page(mm, va);
}

/*
 * Copy entries [first, last) of one second-level table.  With cow, a
 * writable entry (AP = user RW) becomes user RO in both tables.  A swap
 * entry is copied as it is, and its slot counts one more user
 * (swap_pte_dup); -ENOMEM if it cannot (the copy stops there).  (The
 * caller cleans the whole run: tracking which entries were copied costs
 * more per entry, on every core, than the clean of an empty run saves on
 * the cores that need cleans at all.)
 */
static int copy_l2(struct mm_struct *mm, u32 *dst, u32 *src, unsigned first, unsigned last,
		   bool cow)
{
	unsigned i;

	for (i = first; i < last; i++) {
		u32 pte = src[i];

		if (!pte)
			continue;
		if (unlikely(pte_is_swap(pte))) {
			if (swap_pte_dup(mm, swp_entry(pte_swp_type(pte), pte_swp_offset(pte))))
				return -ENOMEM;
			dst[i] = pte;
			continue;
		}
		if (cow && (pte & L2_AP_MASK) == L2_AP_URW) {
			pte = (pte & ~L2_AP_MASK) | L2_AP_UROKRO;
			src[i] = pte;
		}
		dst[i] = pte;
		page_dup_rmap(phys_to_page(pte & L2_BASE_MASK));
	}
	return 0;
}

int arch_mmu_copy_range(struct mm_struct *dst, struct mm_struct *src,
			vaddr_t start, vaddr_t end, bool cow)
{
	vaddr_t va = start;
	int err = 0;

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
			err = copy_l2(dst, d, s, first, last, cow);
			clean_pgtable_range((vaddr_t)&d[first], (vaddr_t)&d[last]);
			if (cow)
				clean_pgtable_range((vaddr_t)&s[first], (vaddr_t)&s[last]);
			if (unlikely(err))
				break;
		}
		va = next;
	}
	if (cow)
		arch_flush_user_mm(src);	/* src's writable entries are gone */
	return err;
}

/*
 * Clear entries [i, last) of one second-level table whose MiB starts at
 * base, handing their pages to the gather.  Only the run of entries
 * actually cleared is cleaned to the PoU (B3.10.1), before any flush the
 * gather does (when the batch is about to fill, the part zapped so far
 * first), so that no walk can load a cleared entry again after it.
 */
static void zap_l2(struct mmu_gather *tlb, u32 *l2, vaddr_t base, unsigned i, unsigned last)
{
	struct mm_struct *mm = tlb->mm;
	unsigned dirty = last, end = 0;		/* cleared, not yet cleaned: [dirty, end) */

	for (; i < last; i++) {
		u32 pte = l2[i];
		struct page *page;

		if (!pte)
			continue;
		if (unlikely(pte_is_swap(pte))) {
			/* never in a TLB: the slot can go at once */
			l2[i] = 0;
			if (dirty == last)
				dirty = i;
			end = i + 1;
			swap_pte_zap(mm, swp_entry(pte_swp_type(pte), pte_swp_offset(pte)));
			continue;
		}
		page = phys_to_page(pte & L2_BASE_MASK);
		if (tlb_batch_full(tlb) && page != zero_page) {
			if (dirty < end)
				clean_pgtable_range((vaddr_t)&l2[dirty], (vaddr_t)&l2[end]);
			dirty = last;
			tlb_flush_mmu(tlb);
		}
		l2[i] = 0;
		if (dirty == last)
			dirty = i;
		end = i + 1;
		rmap_check_zap(mm, page, base + ((vaddr_t)i << PAGE_SHIFT));	/* debug builds */
		page_remove_rmap(mm, page);
		tlb_remove_page(tlb, page, base + ((vaddr_t)i << PAGE_SHIFT));
	}
	if (dirty < end)
		clean_pgtable_range((vaddr_t)&l2[dirty], (vaddr_t)&l2[end]);
}

/*
 * arch_mmu_zap_range - clear the entries of [start, end) and hand their
 * pages to the gather (include/mm/tlb.h), which frees them only after the
 * TLB flush.  Walks by first-level entry: a MiB without a table is
 * skipped in one step.
 */
void arch_mmu_zap_range(struct mmu_gather *tlb, vaddr_t start, vaddr_t end)
{
	const u32 *pgd = tlb->mm->pgd;
	vaddr_t va = start;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		u32 d = pgd[L1_INDEX(va)];

		if (next > end || next == 0)
			next = end;
		if ((d & L1_TYPE_MASK) == L1_TYPE_TABLE)
			zap_l2(tlb, pa_to_kva(d & L1_TABLE_BASE_MASK), va & SECTION_MASK,
			       L2_INDEX(va), L2_INDEX(next - 1) + 1);
		va = next;
	}
}

/*
 * arch_mmu_free_tables - free_pgtables: [start, end) has just been
 * unmapped (its entries zapped into tlb), and no VMA lies in
 * [floor, ceiling) around it.  Every MiB of that stretch that holds no
 * part of a VMA loses its second-level table: the first-level entry is
 * cleared, and the table's page is freed when none of the four tables it
 * holds (see mmu.c) is in use any more - after the TLB flush, by the
 * gather (tlb_remove_table).
 *
 * Why the flush must come first, and which one (DDI 0406C B3.10.1,
 * "translation table walk caching"; Cortex-A15 TRM 5.6): a core may keep
 * the first-level entry in its TLB or an intermediate walk cache (the A15
 * has one, tagged with the ASID; the A9 and A8 cache only leaf entries
 * in their TLBs, but the architecture allows any level).  Until it is
 * invalidated, a walk of any address in the MiB may still read the old
 * table - and by then the page may hold something else.  So:
 *
 *   pgd[i] = 0                the entry
 *   DCCMVAU pgd[i], DSB       when walks do not snoop the D-cache
 *                             (ID_MMFR3.CoherentWalk = 0: Cortex-A8),
 *                             so that no walk reads the old entry again
 *   TLBIASID(IS) mm's ASID    every cached walk of the ASID (in the gather,
 *   TLBIASID(IS) 0            tlb->freed_tables) and of the reserved ASID 0,
 *   DSB, ISB                  which the switch window uses (asid.c: the
 *                             A15 TRM asks for it before freeing tables)
 *   free the page             only now
 *
 * No ASID flush is cheaper on a TLB that holds more than a few entries of
 * the MiB; it is one instruction.  Skips empty MiB in one step.
 */
void arch_mmu_free_tables(struct mmu_gather *tlb, vaddr_t start, vaddr_t end,
			  vaddr_t floor, vaddr_t ceiling)
{
	struct mm_struct *mm = tlb->mm;
	u32 *pgd = mm->pgd;
	vaddr_t lo = start & SECTION_MASK, hi = ALIGN_UP(end, SECTION_SIZE);
	unsigned idx;

	if (lo < floor)			/* the VMA below reaches into lo's MiB */
		lo = ALIGN_UP(floor, SECTION_SIZE);
	if (hi > ceiling || hi == 0)	/* the VMA above reaches into hi's */
		hi = ceiling & SECTION_MASK;
	for (idx = L1_INDEX(lo); idx < L1_INDEX(hi); idx++) {
		u32 d = pgd[idx], *group;
		struct page *page;

		if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
			continue;
		pgd[idx] = 0;
		clean_pte(&pgd[idx]);
		tlb->freed_tables = true;
#ifdef CONFIG_DEBUG_MM
		for (unsigned i = 0; i < L2_ENTRIES; i++)	/* a PTE outlived its VMA */
			BUG_ON(((u32 *)pa_to_kva(d & L1_TABLE_BASE_MASK))[i]);
#endif
		group = &pgd[idx & ~3u];
		if (!is_table(group[0]) && !is_table(group[1]) &&
		    !is_table(group[2]) && !is_table(group[3])) {
			page = virt_to_page(pa_to_kva(d & L1_TABLE_BASE_MASK & PAGE_MASK));
			list_del(&page->lru);
			mm->nr_pgtables--;
			nr_pagetable_pages--;
			tlb_remove_table(tlb, page);
		}
	}
}

/*
 * arch_free_table_page - a page of four unused second-level tables, after
 * the flush: to the quicklist (all its entries are zero, and were cleaned
 * when they were cleared), or back to the buddy allocator.
 */
void arch_free_table_page(struct page *page)
{
	if (nr_pt_quick < PT_QUICKLIST_MAX) {
		list_add(&page->lru, &pt_quicklist);
		nr_pt_quick++;
	} else {
		__free_page(page);
	}
}
