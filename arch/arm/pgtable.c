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

#define USER_L1_ENTRIES	L1_INDEX(TASK_SIZE)	/* 0xBF0 */
#define ZAP_FLUSH_ASID_PAGES 32		/* above this, one TLBIASID */

int arch_mmu_create(struct mm_struct *mm)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	u32 *pgd;

	if (!page)
		return -ENOMEM;
	pgd = page_address(page);
	memset(pgd, 0, USER_L1_ENTRIES * sizeof(u32));
	memcpy(pgd + USER_L1_ENTRIES, init_mm.pgd + USER_L1_ENTRIES,
	       (L1_ENTRIES - USER_L1_ENTRIES) * sizeof(u32));
	clean_dcache_range_pou((vaddr_t)pgd, (vaddr_t)pgd + L1_TABLE_SIZE);
	mm->pgd = pgd;
	mm->pgd_pa = kva_to_pa(pgd);
	mm->vmalloc_seq = init_mm.vmalloc_seq;
	mm->context_id = 0;
	return 0;
}

void arch_mmu_destroy(struct mm_struct *mm)
{
	unsigned i, j;

	for (i = 0; i < USER_L1_ENTRIES; i += 4) {
		for (j = i; j < i + 4; j++) {
			if ((mm->pgd[j] & L1_TYPE_MASK) == L1_TYPE_TABLE) {
				/* the group's page starts at entry i's quarter */
				u32 pa = (mm->pgd[j] & L1_TABLE_BASE_MASK) -
					 (j - i) * L2_TABLE_SIZE;

				free_page(pa_to_kva(pa));
				break;
			}
		}
	}
	free_pages(mm->pgd, 2);
	mm->pgd = NULL;
}

/* The second-level table for va in pgd, or NULL. */
static u32 *user_l2(const u32 *pgd, vaddr_t va)
{
	u32 d = pgd[L1_INDEX(va)];

	return (d & L1_TYPE_MASK) == L1_TYPE_TABLE ? pa_to_kva(d & L1_TABLE_BASE_MASK) : NULL;
}

int arch_mmu_set(struct mm_struct *mm, vaddr_t va, paddr_t pa, unsigned flags)
{
	u32 *l2 = l2_table(mm->pgd, va, true), *pte;

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
			d = l2_table(dst->pgd, va, true);
			if (!d || IS_ERR(d))
				return -ENOMEM;
			copy_l2(d, s, first, last, cow);
			clean_dcache_range_pou((vaddr_t)&d[first], (vaddr_t)&d[last]);
			if (cow)
				clean_dcache_range_pou((vaddr_t)&s[first], (vaddr_t)&s[last]);
		}
		va = next;
	}
	if (cow)
		arch_flush_user_mm(src);	/* src's writable entries are gone */
	return 0;
}

void arch_mmu_zap_range(struct mm_struct *mm, vaddr_t start, vaddr_t end)
{
	unsigned long zapped = 0;
	vaddr_t va = start;

	while (va < end) {
		vaddr_t next = (va & SECTION_MASK) + SECTION_SIZE;
		u32 *l2 = user_l2(mm->pgd, va);
		unsigned i, first = L2_INDEX(va), last;

		if (next > end || next == 0)
			next = end;
		last = L2_INDEX(next - 1) + 1;
		for (i = first; l2 && i < last; i++) {
			u32 pte = l2[i];

			if (!pte)
				continue;
			l2[i] = 0;
			zapped++;
			page_zap_rmap(mm, phys_to_page(pte & L2_BASE_MASK));
		}
		if (l2)
			clean_dcache_range_pou((vaddr_t)&l2[first], (vaddr_t)&l2[last]);
		va = next;
	}
	if (!zapped)
		return;
	if ((end - start) >> PAGE_SHIFT > ZAP_FLUSH_ASID_PAGES) {
		arch_flush_user_mm(mm);
		return;
	}
	for (va = start; va < end; va += PAGE_SIZE)
		arch_flush_user_page(mm, va);
}
