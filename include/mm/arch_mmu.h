/*
 * The contract between generic mm/ code and the MMU of the architecture.
 *
 * mm/ never builds a descriptor bit: it asks the architecture to map,
 * unmap and query ranges with the arch-neutral MMU_* flags below, and the
 * architecture (arch/arm/mmu.c) turns them into short descriptors.  Host
 * unit tests provide a fake implementation of these calls.
 *
 * One argument order everywhere: (mm, va, pa, size, flags).
 */
#ifndef MM_ARCH_MMU_H
#define MM_ARCH_MMU_H

#include <kernel/types.h>
#include <mm/swapops.h>

struct mm_struct;

/* Access rights */
#define MMU_READ	0x0001u
#define MMU_WRITE	0x0002u
#define MMU_EXEC	0x0004u
#define MMU_USER	0x0008u		/* reachable from user mode (and non-global);
					 * without MMU_READ: a user page kept but
					 * not accessible (PROT_NONE) */
/* Memory type (default: normal, write-back write-allocate cacheable) */
#define MMU_DEVICE	0x0010u		/* shareable device memory, never executable */
#define MMU_UNCACHED	0x0020u		/* normal memory, non-cacheable (coherent DMA) */
/* How to map */
#define MMU_SECTION_OK	0x0100u		/* 1 MiB sections where va/pa/size allow */

#define MMU_KERNEL_RW	(MMU_READ | MMU_WRITE)
#define MMU_KERNEL_RO	(MMU_READ)

/* The kernel's own address space (kernel half of every table). */
extern struct mm_struct init_mm;

/*
 * arch_mmu_map - map [va, va+size) to [pa, pa+size) with flags.
 * va, pa and size must be page aligned.  Creates second-level tables as
 * needed.  Returns 0, or -ENOMEM (a table could not be allocated; the
 * part already mapped stays mapped: the caller unmaps it), -EINVAL (bad
 * alignment), -EEXIST (something is mapped there already).
 */
int arch_mmu_map(struct mm_struct *mm, vaddr_t va, paddr_t pa, size_t size,
		 unsigned flags);

/*
 * arch_mmu_unmap - remove every mapping in [va, va+size) and invalidate the
 * TLB for it.  Does not free the pages; frees no tables either (they are
 * freed with the address space).  Returns 0 or -EINVAL.
 */
int arch_mmu_unmap(struct mm_struct *mm, vaddr_t va, size_t size);

/*
 * arch_mmu_unmap_noflush - the same without the TLB invalidate: the
 * caller flushes once for many pages (kmap's bulk flush) with
 * arch_flush_tlb_kernel_range() before the addresses are reused.
 */
int arch_mmu_unmap_noflush(struct mm_struct *mm, vaddr_t va, size_t size);

/* arch_flush_tlb_kernel_range - invalidate kernel translations of a range. */
void arch_flush_tlb_kernel_range(vaddr_t start, vaddr_t end);

/*
 * arch_mmu_query - what is mapped at va.  Returns 0 and fills *pa (the
 * physical address of va itself) and *flags, or -ENOENT if nothing is.
 * Either pointer may be NULL.
 */
int arch_mmu_query(struct mm_struct *mm, vaddr_t va, paddr_t *pa,
		   unsigned *flags);

/*
 * arch_kmap_slot_set / arch_kmap_slot_clear - the fast path of
 * kmap_atomic: map one page (kernel RW) at a fixmap address whose
 * second-level table exists since boot, and remove it again (with its
 * TLB entry).  A few instructions each, where arch_mmu_map walks.
 */
void arch_kmap_slot_set(vaddr_t va, paddr_t pa);
#ifdef CONFIG_DEBUG_MM
void arch_kmap_slot_clear(vaddr_t va);
#else
/* Without debugging the entry stays until the slot's next use, which
 * replaces it and flushes its TLB entry (Linux/ARM did the same). */
static inline void arch_kmap_slot_clear(vaddr_t va) { (void)va; }
#endif

/* ---- process address spaces (user half: below TASK_SIZE) ------------ */

/* arch_mmu_create - a new table: empty user half, the kernel half copied
 * from init_mm.  Returns 0 or -ENOMEM. */
int arch_mmu_create(struct mm_struct *mm);

/* arch_mmu_destroy - free mm's tables.  Its user pages must have been
 * released already (arch_mmu_zap_range), and mm must not be running. */
void arch_mmu_destroy(struct mm_struct *mm);

/*
 * arch_mmu_set - map one user page at va, replacing whatever was there
 * (break-before-make: the old entry is invalidated and its TLB entry
 * flushed before the new one is written).  Returns 0 or -ENOMEM.
 */
int arch_mmu_set(struct mm_struct *mm, vaddr_t va, paddr_t pa, unsigned flags);

/*
 * arch_mmu_wrprotect_page - make the present entry at va read-only
 * (writeback's page_mkclean), with its TLB entry flushed.
 */
void arch_mmu_wrprotect_page(struct mm_struct *mm, vaddr_t va);

/*
 * The referenced ("young") bit of user entries, emulated (arch/arm:
 * an old entry is invalid for the hardware, kept in software):
 *   arch_mmu_test_and_clear_young  the entry at va maps pa and was young:
 *                                  now old, TLB entry flushed; true
 *   arch_mmu_make_young            a translation fault found an old
 *                                  entry: young again; true (retry)
 *   arch_mmu_clear_pte             the entry at va maps pa: cleared,
 *                                  TLB entry flushed; true
 */
bool arch_mmu_test_and_clear_young(struct mm_struct *mm, vaddr_t va, paddr_t pa);
bool arch_mmu_make_young(struct mm_struct *mm, vaddr_t va);
bool arch_mmu_clear_pte(struct mm_struct *mm, vaddr_t va, paddr_t pa);

/*
 * Swap entries in user tables (include/mm/swapops.h; the encoding is the
 * architecture's):
 *   arch_mmu_set_swap   the entry at va maps pa: it becomes swap entry e,
 *                       TLB entry flushed; true (reclaim's try_to_unmap)
 *   arch_mmu_get_swap   the entry at va is a swap entry: true, and *e
 *   arch_mmu_next_swap  the first address in [start, end) holding a swap
 *                       entry of area type (< 0: any), *e set; else end
 * arch_mmu_query says -ENOENT for a swap entry (nothing is mapped), and
 * arch_mmu_set overwrites one (the caller has taken its slot's count).
 */
bool arch_mmu_set_swap(struct mm_struct *mm, vaddr_t va, paddr_t pa, swp_entry_t e);
bool arch_mmu_get_swap(struct mm_struct *mm, vaddr_t va, swp_entry_t *e);
vaddr_t arch_mmu_next_swap(struct mm_struct *mm, vaddr_t start, vaddr_t end, int type,
			   swp_entry_t *e);

/* arch_mmu_protect - give every present page of [start, end) these rights. */
void arch_mmu_protect(struct mm_struct *mm, vaddr_t start, vaddr_t end, unsigned flags);

/*
 * arch_mmu_copy_range - fork: copy the present entries of [start, end)
 * from src to dst.  With cow, writable entries become read-only in both
 * (the first write then faults and copies).  Each copied page goes
 * through page_dup_rmap() (include/mm/rmap.h), each swap entry through
 * swap_pte_dup() (include/mm/swapfile.h).  Returns 0 or -ENOMEM
 * (dst then holds a partial copy, which the caller tears down).
 */
int arch_mmu_copy_range(struct mm_struct *dst, struct mm_struct *src,
			vaddr_t start, vaddr_t end, bool cow);

/*
 * arch_mmu_zap_range - clear every entry of [start, end) of tlb->mm,
 * uncount each page (page_remove_rmap, include/mm/rmap.h) and hand it to
 * the gather, which flushes the TLB and then frees (include/mm/tlb.h);
 * a swap entry's slot loses a user at once (swap_pte_zap).
 * The caller ends with tlb_finish_mmu().
 */
struct mmu_gather;
void arch_mmu_zap_range(struct mmu_gather *tlb, vaddr_t start, vaddr_t end);

/*
 * arch_mmu_free_tables - free_pgtables: [start, end) of tlb->mm has just
 * been zapped and its VMAs removed, and no VMA lies in [floor, ceiling)
 * (floor <= start, end <= ceiling: the end of the VMA below, 0 if none;
 * the start of the VMA above, TASK_SIZE if none).  Frees the page tables
 * that served only that stretch, through the gather (tlb_remove_table):
 * after the TLB flush.
 */
void arch_mmu_free_tables(struct mmu_gather *tlb, vaddr_t start, vaddr_t end,
			  vaddr_t floor, vaddr_t ceiling);

/* arch_free_table_page - a page of tables the gather no longer needs. */
struct page;
void arch_free_table_page(struct page *page);

/*
 * arch_flush_user_tables - every cached translation of mm, walk caches
 * included, before its page tables are freed (pgtable.c says why).
 */
void arch_flush_user_tables(struct mm_struct *mm);

/* Pages holding process page tables (first- and second-level), for meminfo. */
extern unsigned long nr_pagetable_pages;

/*
 * Second-level tables of the kernel's own mappings made after boot
 * (vmalloc, ioremap, kmap areas): allocated when a MiB is first used and
 * kept for good, as Linux keeps its kernel page tables.  Not in meminfo's
 * PageTables (Linux does not count them either); /proc/vmstat shows them
 * as nr_kernel_pagetables.
 */
extern unsigned long nr_kernel_pagetable_pages;

/* Give back memory the architecture keeps for reuse (page-table
 * quicklists); returns the pages freed.  Reclaim reaches the same lists
 * through the shrinker arch_pgtable_cache_init registers ("pgtables"). */
unsigned long arch_drop_caches(void);
void arch_pgtable_cache_init(void);

/* Flush every TLB entry of mm's ASID. */
void arch_flush_user_mm(struct mm_struct *mm);
void arch_flush_user_page(struct mm_struct *mm, vaddr_t va);	/* one page of mm's ASID */

#endif
