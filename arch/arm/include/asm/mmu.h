/*
 * ARM-private page-table helpers (arch/arm/mmu.c, arch/arm/paging.c).
 * Generic code uses include/mm/arch_mmu.h instead.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <kernel/types.h>
#include <asm/memory.h>

struct mm_struct;

extern u32 swapper_pg_dir[];		/* the early table (boot/head.S) */
extern bool arch_pgtable_use_buddy;	/* page tables from buddy, not memblock */

u32 mk_sect(paddr_t pa, unsigned flags);
u32 mk_pte(paddr_t pa, unsigned flags);
unsigned pte_to_flags(u32 pte);

/*
 * l2_table - the second-level table covering va in pgd; with alloc, make
 * one (and its group's page) if there is none.  NULL if none / no memory,
 * ERR_PTR(-EEXIST) if va lies in a section.
 */
u32 *l2_table(u32 *pgd, vaddr_t va, bool alloc);
void arch_flush_user_page(struct mm_struct *mm, vaddr_t va);
void arch_flush_user_mm(struct mm_struct *mm);

/*
 * paging_init - build the kernel's final first-level table (init_mm.pgd):
 * lowmem linear map with per-section permissions, the vector page, the
 * fixmap tables and the early console page; then switch TTBR0 to it.
 * ram_end is the end of RAM from the DTB.
 */
void paging_init(paddr_t ram_end);

/* Virtual address of the early console's registers (fixmap). */
#define EARLYCON_VA (FIX_EARLYCON_SECTION | (DEBUG_UART_PHYS & ~SECTION_MASK))

#endif
