/*
 * The vmalloc area (docs/kernel-allocators.md): kernel virtual ranges between vmalloc_start
 * and VMALLOC_END, each followed by an unmapped guard page, for
 *
 *   user             flag             backed by                       mapped as
 *   ---------------  ---------------  ------------------------------  ----------------
 *   vmalloc/vzalloc  VM_ALLOC         pages it allocates (HighMem     normal memory;
 *                                     first), scattered; 1 MiB        1 MiB sections
 *                                     blocks when size >= 1 MiB       where it can
 *   vmap             VM_MAP           the caller's pages              caller's prot
 *   ioremap          VM_IOREMAP       device registers (DTB address)  device, XN
 *   dma_alloc_       VM_DMA_COHERENT  the uncached DMA pool           normal uncached
 *   coherent
 *
 * The range allocator and the way these kernel mappings reach every
 * process's first-level table are described in mm/vmalloc.c and
 * docs/kernel-allocators.md.
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <kernel/types.h>
#include <kernel/printk.h>
#include <mm/gfp.h>

struct page;

/* vm_struct.flags */
#define VM_IOREMAP		0x01u	/* ioremap: device registers */
#define VM_ALLOC		0x02u	/* vmalloc: pages allocated for it */
#define VM_MAP			0x04u	/* vmap: the caller's pages */
#define VM_DMA_COHERENT		0x08u	/* dma_alloc_coherent: the DMA pool */
#define VM_HUGE			0x10u	/* at least one 1 MiB section maps it */

/*
 * One busy range.  size includes the guard page, as in Linux (so a
 * one-page vmalloc shows 8192 in vmallocinfo); the mapped part is
 * [addr, addr + size - PAGE_SIZE).
 */
struct vm_struct {
	void *addr;
	size_t size;
	unsigned int flags;		/* VM_* */
	struct page **pages;		/* VM_ALLOC: one per 4 KiB page, in order */
	unsigned int nr_pages;		/* VM_ALLOC, VM_MAP: pages mapped */
	paddr_t phys_addr;		/* VM_IOREMAP, VM_DMA_COHERENT: first byte */
	unsigned long caller;		/* return address of who asked for it */
};

/*
 * vmalloc_init - the whole of [vmalloc_start, VMALLOC_END) becomes one
 * free range.  Called once by start_kernel after kmem_init() (the range
 * descriptors come from a slab cache) and before drivers probe (ioremap
 * panics before it).
 */
void vmalloc_init(void);

/*
 * vmalloc - size bytes (rounded up to pages), virtually contiguous,
 * physically scattered, from HighMem first (GFP_KERNEL | __GFP_HIGHMEM).
 * From 1 MiB up, 1 MiB physically contiguous blocks are used where
 * available and mapped with sections at a 1 MiB-aligned address.
 * Process context only.  Returns NULL when pages, range or memory for
 * the page list run out, with everything taken so far given back.
 * vzalloc also zeroes the memory.  Free with vfree.
 */
void *vmalloc(size_t size);
void *vzalloc(size_t size);

/*
 * vfree - unmap and free what vmalloc returned (that exact address).
 * NULL does nothing; any other address panics.
 */
void vfree(const void *addr);

/*
 * vmap - map count pages (any zone, kept by the caller) contiguously in
 * the vmalloc area with MMU_* prot (e.g. MMU_KERNEL_RW); flags are added
 * to VM_MAP.  Returns the address, or NULL.  vunmap removes the mapping
 * and frees the range, not the pages.
 */
void *vmap(struct page **pages, unsigned int count, unsigned int flags, unsigned int prot);
void vunmap(const void *addr);

/* vmalloc_to_page - the page mapped at a vmalloc-area address, or NULL. */
struct page *vmalloc_to_page(const void *addr);

/* is_vmalloc_addr - addr lies in [vmalloc_start, VMALLOC_END). */
bool is_vmalloc_addr(const void *addr);

/* ---- the range layer, for ioremap and the DMA code ---------------------- */

/*
 * get_vm_area - reserve a range of size bytes (rounded up to pages; the
 * guard page is added) aligned to align (a power of two, at least
 * PAGE_SIZE), mapping nothing.  Ranges aligned to 1 MiB or more are taken
 * from the top of a free range, others from the bottom, so that section
 * mappings and page-table mappings stay apart.  Returns NULL if no free
 * range fits or there is no memory for the descriptor.
 */
struct vm_struct *get_vm_area(size_t size, unsigned int flags, size_t align,
			      unsigned long caller);

/* find_vm_area - the busy range starting at addr's page, or NULL. */
struct vm_struct *find_vm_area(const void *addr);

/*
 * vm_map_phys - map [pa, pa + mapped size) at vm->addr with prot, using
 * 1 MiB sections wherever vm->addr and pa are both 1 MiB aligned (then
 * VM_HUGE is set), page by page where the architecture already has a
 * second-level table there.  Returns 0 or the arch_mmu_map error, with
 * nothing left mapped.
 */
int vm_map_phys(struct vm_struct *vm, paddr_t pa, unsigned int prot);

/*
 * free_vm_area - unmap the range (with a TLB flush) and free it.  Frees
 * no page: that is the caller's business, after this returns.
 */
void free_vm_area(struct vm_struct *vm);

/* The view (VIEW(vmallocinfo)). */
void show_vmallocinfo(struct seq_buf *s);

#endif
