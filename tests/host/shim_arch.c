/*
 * A fake MMU for host tests: arch_mmu_map/unmap/query (include/mm/
 * arch_mmu.h) record page mappings in a table, so generic mm/ code that
 * maps kernel ranges (ioremap, vmalloc, kmap) can be tested and its
 * effects inspected (host_mmu_lookup).  Sections are recorded page by page
 * with MMU_SECTION_OK kept in the flags when one was used.
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/types.h>
#include <kernel/errno.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <asm/memory.h>

struct mm_struct init_mm;

struct host_pte {
	struct mm_struct *mm;
	vaddr_t va;
	paddr_t pa;
	unsigned flags;
	bool used;
	bool deleted;
};

#define HOST_PTES 65536
static struct host_pte ptes[HOST_PTES];
unsigned long host_mmu_maps, host_mmu_unmaps;

/*
 * Open addressing with tombstones would be needed for deletion in a real
 * hash; here a removed slot is marked `deleted` so later probes go on.
 */
static struct host_pte *find_mm(struct mm_struct *mm, vaddr_t va, bool create)
{
	size_t h = ((va >> PAGE_SHIFT) ^ ((uintptr_t)mm >> 4)) % HOST_PTES, i;
	struct host_pte *free_slot = NULL;

	for (i = 0; i < HOST_PTES; i++) {
		struct host_pte *p = &ptes[(h + i) % HOST_PTES];

		if (p->used && p->va == va && p->mm == mm)
			return p;
		if (!p->used && !free_slot)
			free_slot = p;
		if (!p->used && !p->deleted)
			break;
	}
	if (create && free_slot) {
		free_slot->used = true;
		free_slot->deleted = false;
		free_slot->va = va;
		free_slot->mm = mm;
		return free_slot;
	}
	return NULL;
}

void host_mmu_reset(void)
{
	memset(ptes, 0, sizeof(ptes));
	host_mmu_maps = host_mmu_unmaps = 0;
}

int arch_mmu_map(struct mm_struct *mm, vaddr_t va, paddr_t pa, size_t size,
		 unsigned flags)
{
	bool sect = (flags & MMU_SECTION_OK) && !((va | pa) & (SECTION_SIZE - 1)) &&
		    size >= SECTION_SIZE;
	size_t off;

	if ((va | pa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	for (off = 0; off < size; off += PAGE_SIZE)
		if (find_mm(mm, va + off, false))
			return -EEXIST;
	for (off = 0; off < size; off += PAGE_SIZE) {
		struct host_pte *p = find_mm(mm, va + off, true);

		if (!p)
			return -ENOMEM;
		p->pa = pa + (paddr_t)off;
		p->flags = sect ? flags : (flags & ~MMU_SECTION_OK);
	}
	host_mmu_maps++;
	return 0;
}

int arch_mmu_unmap(struct mm_struct *mm, vaddr_t va, size_t size)
{
	size_t off;

	if ((va | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	for (off = 0; off < size; off += PAGE_SIZE) {
		struct host_pte *p = find_mm(mm, va + off, false);

		if (p) {
			memset(p, 0, sizeof(*p));
			p->deleted = true;
		}
	}
	host_mmu_unmaps++;
	return 0;
}

int arch_mmu_query(struct mm_struct *mm, vaddr_t va, paddr_t *pa, unsigned *flags)
{
	struct host_pte *p = find_mm(mm, va & PAGE_MASK, false);

	if (!p)
		return -ENOENT;
	if (pa)
		*pa = p->pa | (paddr_t)(va & ~PAGE_MASK);
	if (flags)
		*flags = p->flags;
	return 0;
}

int arch_mmu_unmap_noflush(struct mm_struct *mm, vaddr_t va, size_t size)
{
	return arch_mmu_unmap(mm, va, size);
}

unsigned long host_tlb_range_flushes;

void arch_flush_tlb_kernel_range(vaddr_t start, vaddr_t end)
{
	host_tlb_range_flushes++;
}

/* ---- process address spaces: the same table, keyed by mm ---------------- */

#include <mm/rmap.h>
#include <mm/tlb.h>

int arch_mmu_create(struct mm_struct *mm)
{
	mm->pgd = (u32 *)mm;	/* non-NULL: "has a table" */
	return 0;
}

void arch_mmu_destroy(struct mm_struct *mm)
{
	for (size_t i = 0; i < HOST_PTES; i++)
		if (ptes[i].used && ptes[i].mm == mm)
			abort();	/* pages left mapped: the caller leaked them */
	mm->pgd = NULL;
}

int arch_mmu_set(struct mm_struct *mm, vaddr_t va, paddr_t pa, unsigned flags)
{
	struct host_pte *p = find_mm(mm, va, true);

	if (!p)
		return -ENOMEM;
	p->pa = pa;
	p->flags = flags | MMU_USER;
	return 0;
}

void arch_mmu_protect(struct mm_struct *mm, vaddr_t start, vaddr_t end, unsigned flags)
{
	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct host_pte *p = find_mm(mm, va, false);

		if (p)
			p->flags = flags | MMU_USER;
	}
}

int arch_mmu_copy_range(struct mm_struct *dst, struct mm_struct *src,
			vaddr_t start, vaddr_t end, bool cow)
{
	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct host_pte *s = find_mm(src, va, false), *d;

		if (!s)
			continue;
		if (cow)
			s->flags &= ~MMU_WRITE;
		d = find_mm(dst, va, true);
		if (!d)
			return -ENOMEM;
		d->pa = s->pa;
		d->flags = s->flags;
		page_dup_rmap(phys_to_page(s->pa));
	}
	return 0;
}

void arch_mmu_zap_range(struct mmu_gather *tlb, vaddr_t start, vaddr_t end)
{
	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct host_pte *p = find_mm(tlb->mm, va, false);

		if (!p)
			continue;
		paddr_t pa = p->pa;

		memset(p, 0, sizeof(*p));
		p->deleted = true;
		page_remove_rmap(tlb->mm, phys_to_page(pa));
		tlb_remove_page(tlb, phys_to_page(pa), va);
	}
}

/* The fake has no tables to free; it checks that the stretch is empty. */
unsigned long host_free_tables_calls;

void arch_mmu_free_tables(struct mmu_gather *tlb, vaddr_t start, vaddr_t end,
			  vaddr_t floor, vaddr_t ceiling)
{
	if (floor > start || end > ceiling)
		abort();		/* a VMA overlaps what was just unmapped */
	for (vaddr_t va = start; va < end; va += PAGE_SIZE)
		if (find_mm(tlb->mm, va, false))
			abort();	/* an entry survived its munmap */
	host_free_tables_calls++;
}

void arch_free_table_page(struct page *page)
{
}

void arch_flush_user_tables(struct mm_struct *mm)
{
}

unsigned long nr_kernel_pagetable_pages;

void arch_flush_user_page(struct mm_struct *mm, vaddr_t va)
{
}

void arch_flush_user_mm(struct mm_struct *mm)
{
}

void arch_kmap_slot_set(vaddr_t va, paddr_t pa)
{
	if (arch_mmu_map(&init_mm, va, pa, PAGE_SIZE, MMU_KERNEL_RW))
		abort();	/* the slot was not free: a kmap_atomic bug */
}

void arch_kmap_slot_clear(vaddr_t va)
{
	arch_mmu_unmap(&init_mm, va, PAGE_SIZE);
}

unsigned long arch_drop_caches(void)
{
	return 0;
}

unsigned long nr_pagetable_pages;

unsigned long host_icache_syncs;

void arch_sync_icache_range(vaddr_t start, vaddr_t end)
{
	host_icache_syncs++;
}

void clear_page(void *to)
{
	memset(to, 0, PAGE_SIZE);
}

void copy_page(void *to, const void *from)
{
	memcpy(to, from, PAGE_SIZE);
}
