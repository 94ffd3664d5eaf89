/*
 * ARM-private page-table helpers (arch/arm/mmu.c, arch/arm/paging.c).
 * Generic code uses include/mm/arch_mmu.h instead.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <kernel/types.h>
#include <asm/memory.h>
#include <asm/hw.h>
#include <asm/cp15.h>
#include <mm/swapops.h>

struct mm_struct;

/*
 * active_pgd - the first-level table the MMU walks now: TTBR0's base
 * (B4.1.154; bits [31:14] with TTBCR.N = 0).  Not current->mm->pgd: the
 * idle task has no mm but runs on the table of the task before it, and
 * exec makes a new mm current around its switch_mm().  Code that patches
 * "the table in use" (a vmalloc fault, a kernel section going away) must
 * patch the one the hardware walks, as Linux/ARM's do_translation_fault
 * does.
 */
static inline u32 *active_pgd(void)
{
	return pa_to_kva(read_ttbr0() & ~(u32)(L1_TABLE_SIZE - 1));
}

extern u32 swapper_pg_dir[];		/* the early table (boot/head.S) */
extern bool arch_pgtable_use_buddy;	/* page tables from buddy, not memblock */

u32 mk_sect(paddr_t pa, unsigned flags);

/* MMU_READ .. MMU_UNCACHED are the low six bits of the MMU_* flags. */
#define MMU_PROT_COMBINATIONS 64
extern u32 pte_prot_table[MMU_PROT_COMBINATIONS];
void pte_prot_table_init(void);

/* L2 small-page descriptor for pa with the given MMU_* flags. */
static inline u32 mk_pte(paddr_t pa, unsigned flags)
{
	return (pa & L2_BASE_MASK) | pte_prot_table[flags & (MMU_PROT_COMBINATIONS - 1)];
}
unsigned pte_to_flags(u32 pte);

/*
 * Young and old user entries: the referenced bit (docs/reclaim.md).
 *
 * ARMv7's short descriptors have no accessed flag that Linux uses (the
 * Access Flag of SCTLR.AFE would cost AP[0], and the A8 and A9 never set
 * it in hardware anyway).  So, as Linux/ARM does, an entry is "old" when
 * it is invalid for the hardware but still holds everything in software,
 * and the next access takes a translation fault that only makes it
 * valid again (arch_mmu_make_young: pgfault_young in /proc/vmstat).
 *
 * A descriptor with bits [1:0] = 00 faults, and the walk ignores its
 * bits [31:2] (DDI 0406C B3.5.1, "Short-descriptor translation table
 * second-level descriptor formats"), so an old entry is the young one
 * with those two bits cleared.  They were 1 (small page) and XN; XN is
 * kept in bit 11, nG, which every user entry has set and so needs no
 * storage:
 *
 *   entry   31..12  11   10..2            1  0
 *   young   base    nG=1 AP,TEX,S,C,B...  1  XN
 *   old     base    XN   AP,TEX,S,C,B...  0  0
 *
 * An old entry is never 0: its memory-type bits are never all zero
 * (normal memory: TEX[0] set; only pages on the LRU lists, which are
 * normal memory, are made old).  Only user entries become old.
 */
#define L2_OLD_XN	L2_NG

/*
 * Swap entries (include/mm/swapops.h): an anonymous page that reclaim
 * wrote to a swap area leaves in each entry that mapped it the place it
 * went.  Such an entry faults too (bits [1:0] = 00), and differs from an
 * old one in bit 6, TEX[0], which an old entry always has set (its
 * memory is normal) and a swap entry never:
 *
 *   entry   31 .............. 7   6   5 .. 2   1  0
 *   swap    offset (25 bits)      0   type     0  0
 *   old     base, attributes ...  1   ...      0  0
 *
 * Linux/ARM's swap entry (arch/arm/include/asm/pgtable.h) sits in its
 * software ("Linux") table, not in the hardware one, so it needs no such
 * marker: there bits [1:0] are 00 too, the type is 5 bits at [6:2] and
 * the offset 25 bits at [31:7].  Here the hardware table is the only
 * one, and the type loses a bit to the marker.  The offset is never 0
 * (slot 0 is the area's header), so a swap entry is never 0 either.
 */
#define PTE_SWP_TYPE_SHIFT	2
#define PTE_SWP_OFFSET_SHIFT	7
#define PTE_NOT_SWAP		(L2_TYPE_MASK | L2_TEX(1))	/* all 0 in a swap entry */

static inline bool pte_is_swap(u32 pte)
{
	return pte && !(pte & PTE_NOT_SWAP);
}

static inline u32 pte_mkswap(unsigned type, unsigned long offset)
{
	return ((u32)offset << PTE_SWP_OFFSET_SHIFT) | ((u32)type << PTE_SWP_TYPE_SHIFT);
}

static inline unsigned pte_swp_type(u32 pte)
{
	return (pte >> PTE_SWP_TYPE_SHIFT) & ((1u << SWP_TYPE_BITS) - 1);
}

static inline unsigned long pte_swp_offset(u32 pte)
{
	return pte >> PTE_SWP_OFFSET_SHIFT;
}

static inline bool pte_is_old(u32 pte)
{
	return (pte & PTE_NOT_SWAP) == L2_TEX(1);
}

static inline u32 pte_mkold(u32 pte)
{
	return (pte & ~(L2_NG | L2_TYPE_MASK)) | ((pte & L2_XN) ? L2_OLD_XN : 0);
}

static inline u32 pte_mkyoung(u32 pte)
{
	return (pte & ~L2_OLD_XN) | L2_NG | L2_TYPE_SMALL | ((pte & L2_OLD_XN) ? L2_XN : 0);
}

/*
 * user_pte_at - the entry for user address va in pgd, or NULL if no
 * second-level table covers va: the fault path's look, inline (every
 * translation fault makes it, to tell old and swap entries from none).
 */
static inline u32 *user_pte_at(const u32 *pgd, vaddr_t va)
{
	u32 d = pgd[L1_INDEX(va)];

	if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
		return NULL;
	return (u32 *)pa_to_kva(d & L1_TABLE_BASE_MASK) + L2_INDEX(va);
}

/*
 * l2_table - the second-level table of mm covering va; with alloc, make
 * one (and its group's page) if there is none.  NULL if none / no memory,
 * ERR_PTR(-EEXIST) if va lies in a section.
 */
u32 *l2_table(struct mm_struct *mm, vaddr_t va, bool alloc);

/* A zeroed page for the second-level tables of group `first` of a
 * process (pgtable.c: from the quicklist when it can). */
void *user_table_page_alloc(struct mm_struct *mm, unsigned first);
void arch_flush_user_page(struct mm_struct *mm, vaddr_t va);
void arch_flush_user_mm(struct mm_struct *mm);

/*
 * paging_init - build the kernel's final first-level table (init_mm.pgd):
 * lowmem linear map with per-section permissions, the vector page, the
 * fixmap tables and the early console's device section; then switch TTBR0 to it.
 * ram_end is the end of RAM from the DTB.
 */
void paging_init(paddr_t ram_end);

/* Find the fixmap table kmap_atomic writes into (paging_init). */
void kmap_slots_init(void);

/* Virtual address of the early console's registers (fixmap). */
#define EARLYCON_VA (FIX_EARLYCON_SECTION | (DEBUG_UART_PHYS & ~SECTION_MASK))

#endif
