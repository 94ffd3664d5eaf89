/*
 * arch/arm/mmu.c - short-descriptor page tables (DDI 0406C, B3.5).
 *
 * This file is the only place that builds descriptors.  Generic mm/ code
 * calls arch_mmu_map/unmap/query (include/mm/arch_mmu.h) with arch-neutral
 * MMU_* flags.
 *
 * Second-level tables are 1 KiB (256 entries x 4 KiB = 1 MiB).  They are
 * allocated a page at a time: one 4 KiB page holds the four tables of an
 * aligned 4 MiB stretch of address space, so first-level entries 4n..4n+3
 * all point into the same page.  Entry i of the group uses bytes
 * (i % 4) * 1 KiB of it:
 *
 *     L1[4n+0] --> page + 0x000      L1[4n+2] --> page + 0x800
 *     L1[4n+1] --> page + 0x400      L1[4n+3] --> page + 0xC00
 *
 * An entry of the group that holds a section keeps it; its quarter of the
 * page stays unused.
 *
 * Every descriptor write is followed by clean_pte() (clean to the PoU +
 * DSB) so that the table walker sees it (B3.10.1); removing or changing a
 * valid entry is followed by a TLB invalidate (break-before-make).
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/string.h>
#include <kernel/sched.h>
#include <asm/hw.h>
#include <asm/memory.h>
#include <asm/cp15.h>
#include <asm/mmu.h>
#include <asm/tlbflush.h>
#include <asm/cacheflush.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <mm/memblock.h>
#include <mm/gfp.h>
#include <mm/mm.h>

struct tlb_stats tlb_stats;
struct mm_struct init_mm;
bool arch_pgtable_use_buddy;	/* false until mem_init() has run */

/* ---- descriptor construction ---------------------------------------- */

/* L1 section descriptor for pa with the given MMU_* flags. */
u32 mk_sect(paddr_t pa, unsigned flags)
{
	u32 d = (pa & L1_SECT_BASE_MASK) | L1_TYPE_SECT | L1_DOMAIN(DOMAIN_KERNEL);

	if (flags & MMU_DEVICE)
		d |= L1_SECT_DEVICE | L1_SECT_XN;
	else if (flags & MMU_UNCACHED)
		d |= L1_SECT_NORMAL_NC;
	else
		d |= L1_SECT_NORMAL_WBWA;
	if (!(flags & MMU_EXEC))
		d |= L1_SECT_XN;
	if ((flags & MMU_USER) && !(flags & MMU_READ))
		d |= L1_SECT_NG | L1_SECT_AP_NONE;	/* PROT_NONE: see pte_prot_bits */
	else if (flags & MMU_USER)
		d |= L1_SECT_NG | ((flags & MMU_WRITE) ? L1_SECT_AP_URW : L1_SECT_AP_UROKRO);
	else
		d |= (flags & MMU_WRITE) ? L1_SECT_AP_KRW : L1_SECT_AP_KRO;
	return d;
}

/*
 * The attribute bits of a small-page descriptor for MMU_* flags, computed
 * from the flags the long way (once per combination, at boot: see
 * pte_prot_table below).
 */
static u32 pte_prot_bits(unsigned flags)
{
	u32 d = L2_TYPE_SMALL;

	if (flags & MMU_DEVICE)
		d |= L2_DEVICE | L2_XN;
	else if (flags & MMU_UNCACHED)
		d |= L2_NORMAL_NC;
	else
		d |= L2_NORMAL_WBWA;
	if (!(flags & MMU_EXEC))
		d |= L2_XN;
	/*
	 * PROT_NONE: the page is kept, but AP[2:0] = 000 gives no access in
	 * any mode (B3.7.1, Table B3-8), not even the kernel's.  That matters:
	 * copy_to_user and copy_from_user move blocks with plain LDM/STM
	 * (arch/arm/uaccess.S), checked with the kernel's rights, so any user
	 * address the kernel could reach but the program could not would be a
	 * hole.  (Linux/ARM makes such entries invalid in hardware instead.)
	 */
	if ((flags & MMU_USER) && !(flags & MMU_READ))
		d |= L2_NG | L2_AP_NONE;
	else if (flags & MMU_USER)
		d |= L2_NG | ((flags & MMU_WRITE) ? L2_AP_URW : L2_AP_UROKRO);
	else
		d |= (flags & MMU_WRITE) ? L2_AP_KRW : L2_AP_KRO;
	return d;
}

/*
 * pte_prot_table[flags]: the descriptor bits for every combination of
 * the six MMU_* rights/type flags, like Linux's protection_map[].  mk_pte()
 * is then one OR, on the page-fault path.
 */
u32 pte_prot_table[MMU_PROT_COMBINATIONS];
_Static_assert((MMU_READ | MMU_WRITE | MMU_EXEC | MMU_USER | MMU_DEVICE | MMU_UNCACHED) ==
	       MMU_PROT_COMBINATIONS - 1, "pte_prot_table covers every rights/type flag");

void pte_prot_table_init(void)
{
	unsigned f;

	for (f = 0; f < MMU_PROT_COMBINATIONS; f++)
		pte_prot_table[f] = pte_prot_bits(f);
}

/* MMU_* flags described by an L2 small-page descriptor (the inverse). */
_Static_assert(L2_AP0 == 1u << 4 && L2_AP1 == 1u << 5 && L2_AP2 == 1u << 9,
	       "ap_to_flags[] indexes AP[2] << 2 | AP[1:0]");
/*
 * The rights that each value of AP[2:0] (B3.7.1, Table B3-8, AFE = 0)
 * gives, as MMU_* flags, indexed by AP[2] << 2 | AP[1:0].
 */
static const u8 ap_to_flags[8] = {
	[0] = 0,					/* 000: no access (PROT_NONE) */
	[1] = MMU_READ | MMU_WRITE,			/* 001: kernel RW */
	[2] = MMU_READ | MMU_USER,			/* 010: user RO (kernel RW) */
	[3] = MMU_READ | MMU_WRITE | MMU_USER,		/* 011: both RW */
	[5] = MMU_READ,					/* 101: kernel RO */
	[6] = MMU_READ | MMU_USER,			/* 110: both RO (deprecated) */
	[7] = MMU_READ | MMU_USER,			/* 111: both RO */
};

unsigned pte_to_flags(u32 pte)
{
	unsigned f = ap_to_flags[((pte >> 4) & 3) | ((pte >> 7) & 4)];

	if (!(pte & L2_XN))
		f |= MMU_EXEC;
	if ((pte & L2_MEMTYPE_MASK) == L2_DEVICE)
		f |= MMU_DEVICE;
	else if ((pte & L2_MEMTYPE_MASK) == L2_NORMAL_NC)
		f |= MMU_UNCACHED;
	return f;
}

/* The same for a section descriptor. */
static unsigned sect_to_flags(u32 d)
{
	u32 ap = d & (L1_SECT_AP2 | L1_SECT_AP1 | L1_SECT_AP0);
	u32 mem = d & (L1_SECT_TEX(7) | L1_SECT_C | L1_SECT_B);
	unsigned f = MMU_READ;

	if (ap == L1_SECT_AP_NONE)
		return 0;		/* PROT_NONE: no rights, whatever the type */
	if (ap == L1_SECT_AP_URW || ap == L1_SECT_AP_URO || ap == L1_SECT_AP_UROKRO)
		f |= MMU_USER;
	if (ap == L1_SECT_AP_URW || ap == L1_SECT_AP_KRW)
		f |= MMU_WRITE;
	if (!(d & L1_SECT_XN))
		f |= MMU_EXEC;
	if (mem == L1_SECT_DEVICE)
		f |= MMU_DEVICE;
	else if (mem == L1_SECT_NORMAL_NC)
		f |= MMU_UNCACHED;
	return f;
}

/* ---- second-level tables --------------------------------------------- */

/*
 * alloc_table_page - a zeroed page for kernel page tables.  Before
 * mem_init() it comes from memblock (below the limit paging_init() sets,
 * so that it is already mapped); afterwards from the buddy allocator.
 * User tables come from user_table_page_alloc() (pgtable.c) instead.
 */
unsigned long nr_kernel_pagetable_pages;	/* from the buddy allocator, kept for good */

static void *alloc_table_page(void)
{
	void *p;

	if (arch_pgtable_use_buddy) {
		p = (void *)get_zeroed_page(GFP_KERNEL);
		if (p)
			nr_kernel_pagetable_pages++;
		return p;
	}
	p = pa_to_kva(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	memset(p, 0, PAGE_SIZE);
	return p;
}

/*
 * l2_table - the second-level table of mm covering va, allocating the
 * group's page if alloc is set.  Returns NULL if there is none (or no
 * memory), ERR_PTR(-EEXIST) if va lies in a section.
 */
u32 *l2_table(struct mm_struct *mm, vaddr_t va, bool alloc)
{
	u32 *pgd = mm->pgd;
	unsigned idx = L1_INDEX(va), first = idx & ~3u, i;
	u32 d = pgd[idx];
	u8 *page;

	if ((d & L1_TYPE_MASK) == L1_TYPE_TABLE)
		return pa_to_kva(d & L1_TABLE_BASE_MASK);
	if ((d & L1_TYPE_MASK) != L1_TYPE_FAULT)
		return ERR_PTR(-EEXIST);
	if (!alloc)
		return NULL;
	/* A sibling of the group may already own a page: reuse it. */
	page = NULL;
	for (i = first; i < first + 4; i++)
		if ((pgd[i] & L1_TYPE_MASK) == L1_TYPE_TABLE)
			page = (u8 *)pa_to_kva(pgd[i] & L1_TABLE_BASE_MASK) -
			       (i - first) * L2_TABLE_SIZE;
	if (!page) {
		page = mm == &init_mm ? alloc_table_page() : user_table_page_alloc(mm, first);
		if (!page)
			return NULL;
	}
	pgd[idx] = (kva_to_pa(page) + (idx - first) * L2_TABLE_SIZE) |
		   L1_TYPE_TABLE | L1_DOMAIN(DOMAIN_KERNEL);
	clean_pte(&pgd[idx]);
	if (mm == &init_mm && va >= TASK_SIZE)
		init_mm.vmalloc_seq++;	/* processes must copy this entry */
	return (u32 *)(page + (idx - first) * L2_TABLE_SIZE);
}

/* ---- the contract ----------------------------------------------------- */

static void flush_one(struct mm_struct *mm, vaddr_t va)
{
	if (mm == &init_mm)
		local_flush_tlb_kernel_page(va);
	else
		arch_flush_user_page(mm, va);
}

int arch_mmu_map(struct mm_struct *mm, vaddr_t va, paddr_t pa, size_t size,
		 unsigned flags)
{
	u32 *pgd = mm->pgd;

	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || va + size < va)
		return -EINVAL;
	while (size) {
		unsigned idx = L1_INDEX(va);
		u32 *l2;

		if ((flags & MMU_SECTION_OK) && IS_ALIGNED(va | pa, SECTION_SIZE) &&
		    size >= SECTION_SIZE) {
			if ((pgd[idx] & L1_TYPE_MASK) != L1_TYPE_FAULT)
				return -EEXIST;
			pgd[idx] = mk_sect(pa, flags);
			clean_pte(&pgd[idx]);
			if (mm == &init_mm && va >= TASK_SIZE)
				init_mm.vmalloc_seq++;
			va += SECTION_SIZE;
			pa += SECTION_SIZE;
			size -= SECTION_SIZE;
			continue;
		}
		l2 = l2_table(mm, va, true);
		if (!l2)
			return -ENOMEM;
		if (IS_ERR(l2))
			return (int)PTR_ERR(l2);
		if (l2[L2_INDEX(va)])
			return -EEXIST;
		l2[L2_INDEX(va)] = mk_pte(pa, flags);
		clean_pte(&l2[L2_INDEX(va)]);
		va += PAGE_SIZE;
		pa += PAGE_SIZE;
		size -= PAGE_SIZE;
	}
	return 0;
}

/*
 * A kernel section just went away.  Other processes re-copy the kernel's
 * entries when they are next switched to (vmalloc_seq); the table the
 * MMU walks now must lose its copy at once, or it could still reach the
 * old memory.  That is TTBR0's table (active_pgd), whichever task runs.
 */
static void drop_stale_copy(unsigned idx)
{
	u32 *pgd = active_pgd();

	if (pgd != init_mm.pgd && pgd[idx]) {
		pgd[idx] = 0;
		clean_pte(&pgd[idx]);
	}
}

/*
 * Remove the mappings of [va, va+size); flush each page's TLB entry if
 * `flush` (otherwise the caller flushes the range later).
 */
static int unmap_range(struct mm_struct *mm, vaddr_t va, size_t size, bool flush)
{
	u32 *pgd = mm->pgd;

	if (!IS_ALIGNED(va | size, PAGE_SIZE) || va + size < va)
		return -EINVAL;
	while (size) {
		unsigned idx = L1_INDEX(va);
		u32 d = pgd[idx];
		u32 *l2;

		if ((d & L1_TYPE_MASK) == L1_TYPE_SECT) {
			if (!IS_ALIGNED(va, SECTION_SIZE) || size < SECTION_SIZE)
				return -EINVAL;	/* would split a section */
			pgd[idx] = 0;
			clean_pte(&pgd[idx]);
			if (mm == &init_mm && va >= TASK_SIZE) {
				init_mm.vmalloc_seq++;
				drop_stale_copy(idx);
			}
			if (flush)
				flush_tlb_kernel_range(va, va + SECTION_SIZE);
			va += SECTION_SIZE;
			size -= SECTION_SIZE;
			continue;
		}
		l2 = l2_table(mm, va, false);
		if (!l2) {		/* no table: the rest of this MiB in one step */
			size_t left = SECTION_SIZE - (va & ~SECTION_MASK);

			if (left > size)
				left = size;
			va += left;
			size -= left;
			continue;
		}
		if (!IS_ERR(l2) && l2[L2_INDEX(va)]) {
			l2[L2_INDEX(va)] = 0;
			clean_pte(&l2[L2_INDEX(va)]);
			if (flush)
				flush_one(mm, va);
		}
		va += PAGE_SIZE;
		size -= PAGE_SIZE;
	}
	return 0;
}

int arch_mmu_unmap(struct mm_struct *mm, vaddr_t va, size_t size)
{
	return unmap_range(mm, va, size, true);
}

int arch_mmu_unmap_noflush(struct mm_struct *mm, vaddr_t va, size_t size)
{
	return unmap_range(mm, va, size, false);
}

void arch_flush_tlb_kernel_range(vaddr_t start, vaddr_t end)
{
	flush_tlb_kernel_range(start, end);
}

int arch_mmu_query(struct mm_struct *mm, vaddr_t va, paddr_t *pa, unsigned *flags)
{
	u32 d = mm->pgd[L1_INDEX(va)];
	u32 *l2, pte;

	switch (d & L1_TYPE_MASK) {
	case L1_TYPE_SECT:
		if (pa)
			*pa = (d & L1_SECT_BASE_MASK) | (va & ~SECTION_MASK);
		if (flags)
			*flags = sect_to_flags(d) | MMU_SECTION_OK;
		return 0;
	case L1_TYPE_TABLE:
		l2 = pa_to_kva(d & L1_TABLE_BASE_MASK);
		pte = l2[L2_INDEX(va)];
		if (pte_is_old(pte))
			pte = pte_mkyoung(pte);	/* present, only not accessed lately */
		if (!(pte & L2_TYPE_SMALL))
			return -ENOENT;
		if (pa)
			*pa = (pte & L2_BASE_MASK) | (va & ~PAGE_MASK);
		if (flags)
			*flags = pte_to_flags(pte);
		return 0;
	default:
		return -ENOENT;
	}
}

/* flush_tlb_kernel_range - invalidate kernel (global) entries of a range. */
void flush_tlb_kernel_range(vaddr_t start, vaddr_t end)
{
	if (end - start > 64 * PAGE_SIZE) {
		local_flush_tlb_all();
		return;
	}
	for (; start < end; start += PAGE_SIZE)
		local_flush_tlb_kernel_page(start);
}

/*
 * The first MiB of the fixmap holds the kmap_atomic slots; its
 * second-level table exists from boot (paging_init), so kmap_atomic
 * writes an entry directly: one OR, one store, one clean.
 */
static u32 *kmap_l2;

void kmap_slots_init(void)
{
	kmap_l2 = l2_table(&init_mm, FIXADDR_START, false);
	BUG_ON(!kmap_l2 || IS_ERR(kmap_l2));
}

static inline u32 *kmap_pte(vaddr_t va)
{
#ifdef CONFIG_DEBUG_MM
	BUG_ON(va - FIXADDR_START >= SECTION_SIZE);	/* not a kmap_atomic slot */
#endif
	return &kmap_l2[L2_INDEX(va)];
}

/*
 * As Linux/ARM does it: the TLB entry of the slot is flushed when the
 * slot is (re)used, not when it is released, so a kmap_atomic/
 * kunmap_atomic pair costs one flush.  Without CONFIG_DEBUG_MM the entry
 * is even left in place after kunmap_atomic (the next user replaces it);
 * debug builds clear it, so that a use after kunmap_atomic faults.
 */
/*
 * The slot may still hold its previous page (a valid entry, maybe in the
 * TLB): write the new entry, make it visible to the walker (clean to the
 * PoU where walks do not snoop, then DSB: B3.10.1), then invalidate the
 * slot's old translation for every ASID (TLBIMVAA, or TLBIMVA on the A8),
 * DSB, and ISB before the caller's first access.  clean_pte's DSB also
 * orders the write before the TLBI, so no second DSB in front of it.
 */
void arch_kmap_slot_set(vaddr_t va, paddr_t pa)
{
	u32 *pte = kmap_pte(va);

	*pte = mk_pte(pa, MMU_KERNEL_RW);
	clean_pte(pte);
	tlb_stats.mva++;
	__asm__ volatile(TLBI_MVAA "\n\tdsb\n\tisb" : : "r"(va & PAGE_MASK) : "memory");
}

#ifdef CONFIG_DEBUG_MM
void arch_kmap_slot_clear(vaddr_t va)
{
	u32 *pte = kmap_pte(va);

	*pte = 0;
	clean_pte(pte);
	local_flush_tlb_kernel_page(va);
}
#endif
