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
	vaddr_t va;
	paddr_t pa;
	unsigned flags;
	bool used;
};

#define HOST_PTES 65536
static struct host_pte ptes[HOST_PTES];
unsigned long host_mmu_maps, host_mmu_unmaps;

static struct host_pte *find(vaddr_t va, bool create)
{
	size_t h = (va >> PAGE_SHIFT) % HOST_PTES, i;

	for (i = 0; i < HOST_PTES; i++) {
		struct host_pte *p = &ptes[(h + i) % HOST_PTES];

		if (p->used && p->va == va)
			return p;
		if (!p->used && create) {
			p->used = true;
			p->va = va;
			return p;
		}
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
		if (find(va + off, false))
			return -EEXIST;
	for (off = 0; off < size; off += PAGE_SIZE) {
		struct host_pte *p = find(va + off, true);

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
		struct host_pte *p = find(va + off, false);

		if (p)
			memset(p, 0, sizeof(*p));
	}
	host_mmu_unmaps++;
	return 0;
}

int arch_mmu_query(struct mm_struct *mm, vaddr_t va, paddr_t *pa, unsigned *flags)
{
	struct host_pte *p = find(va & PAGE_MASK, false);

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
