/*
 * The vmalloc area: a range allocator for [vmalloc_start, VMALLOC_END),
 * and vmalloc, vfree, vmap, vunmap on top of it (docs/kernel-allocators.md).  ioremap
 * (mm/ioremap.c) and dma_alloc_coherent (mm/dma.c) use the range layer.
 *
 * ---------------------------------------------------------------------
 * The ranges.  The area is cut into struct vmap_area pieces, free or
 * busy, that cover it without gaps; all of them are on vmap_area_list in
 * address order, so the neighbours of a piece are its list neighbours.
 * A busy piece is a vm_struct's range plus its guard page.
 *
 *   vmalloc_start                                            VMALLOC_END
 *   |busy+guard|  free  |busy+guard|busy+guard|      free              |
 *
 * Finding a free piece.  Free pieces also sit on one of VA_NR_CLASSES
 * lists by size (a segregated free list, the idea of TLSF):
 *
 *   class c holds the free pieces of 2^c to 2^(c+1) - 1 pages
 *   free_class_map bit c is set while list c is not empty
 *
 * A request needs n = size + guard (+ align - PAGE_SIZE for alignments
 * above a page) bytes.  Every piece of the smallest class whose pieces
 * are all >= n fits, so the allocator takes the first piece of the
 * first non-empty class from there, found with one bit scan of the map:
 * O(1), no walk over the areas.  Only when no such class has a piece
 * (the area is nearly full, or badly fragmented) are the lists of the
 * classes below walked, first fit, so that a request fails only if no
 * free piece can hold it.  Freeing merges a piece with free neighbours
 * (O(1) through the address list) and puts the result on its class
 * list.  vfree finds its busy piece through a hash of start addresses.
 *
 * Why not Linux's augmented red-black tree (free pieces by address, each
 * node knowing the largest free piece below it)?  It gives the lowest
 * fitting address in O(log n), which keeps the area compact, at the cost
 * of a balanced tree with an augmented rebalance: several hundred lines
 * to read.  The class lists give O(1) with lists and a bit map, a policy
 * that is easy to follow in GDB (p free_class_map), and the same
 * guarantee that nothing fitting is missed.  The price: the address
 * chosen is a "good fit", not the lowest.
 *
 * Within the chosen piece, ranges aligned to 1 MiB or more (huge vmalloc,
 * huge ioremap) are cut from its top, all others from its bottom.  The
 * architecture never frees second-level tables, and a 1 MiB slot that
 * ever held a table can no longer take a section (arch_mmu_map says
 * -EEXIST, and vm_map_phys falls back to pages); keeping the two kinds at
 * opposite ends keeps the high megabytes free of tables.
 *
 * ---------------------------------------------------------------------
 * How these kernel mappings reach the processes.  Each process has its
 * own first-level table whose kernel half was copied from init_mm's when
 * the process was made.  Mappings in the pkmap and fixmap areas change
 * only second-level entries of tables that paging_init() made at boot,
 * shared by every copy: nothing to do.  A vmalloc-area mapping may add a
 * first-level entry (a new second-level table, or a section) after a
 * process was made; the architecture then increments init_mm.vmalloc_seq,
 * and a process whose copy is older re-copies the kernel's vmalloc-area
 * entries when it is switched to, or when it takes a translation fault
 * there (arch/arm: Linux/ARM's check_vmalloc_seq()).  vfree and iounmap
 * unmap, flush the TLB (global entries, all ASIDs) and bump the sequence
 * when a section goes.
 */
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/arch_mmu.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

#define VA_NR_CLASSES		20	/* 4 KiB .. 2 GiB: more than the area */
#define VA_HASH_SIZE		64
#define SECTION_ORDER		(SECTION_SHIFT - PAGE_SHIFT)	/* 8: 1 MiB */
#define SECTION_PAGES		(1u << SECTION_ORDER)

LIST_HEAD(vmap_area_list);
static struct list_head free_class[VA_NR_CLASSES];
static unsigned long free_class_map;
static struct list_head busy_hash[VA_HASH_SIZE];
static struct kmem_cache *vmap_area_cachep;
struct vmalloc_stats vmalloc_stats;

/* ------------------------------------------------ the range allocator */

/* The class of a free piece of size bytes: floor(log2(pages)). */
static inline unsigned int size_class(size_t size)
{
	return MIN(fls_long(size >> PAGE_SHIFT) - 1, VA_NR_CLASSES - 1u);
}

static struct list_head *busy_bucket(vaddr_t start)
{
	return &busy_hash[(start >> PAGE_SHIFT) % VA_HASH_SIZE];
}

static void free_piece_insert(struct vmap_area *va)
{
	unsigned int c = size_class(va->va_end - va->va_start);

	va->busy = false;
	list_add(&va->link, &free_class[c]);
	free_class_map |= 1UL << c;
}

static void free_piece_remove(struct vmap_area *va)
{
	unsigned int c = size_class(va->va_end - va->va_start);

	list_del(&va->link);
	if (list_empty(&free_class[c]))
		free_class_map &= ~(1UL << c);
}

/*
 * fit_in - where a range of size bytes aligned to align goes in the free
 * piece va (from its top for align >= 1 MiB, else from its bottom), or 0
 * if it does not fit.
 */
static vaddr_t fit_in(const struct vmap_area *va, size_t size, size_t align)
{
	vaddr_t addr;

	if (va->va_end - va->va_start < size)
		return 0;
	if (align >= SECTION_SIZE) {
		addr = ALIGN_DOWN(va->va_end - size, (vaddr_t)align);
		return addr >= va->va_start ? addr : 0;
	}
	addr = ALIGN_UP(va->va_start, (vaddr_t)align);
	return addr <= va->va_end - size ? addr : 0;
}

/*
 * find_free_piece - the free piece to cut size bytes (guard included)
 * from, and where in it (*addr); NULL if none fits.  The policy is in the
 * header comment.
 */
static struct vmap_area *find_free_piece(size_t size, size_t align, vaddr_t *addr)
{
	size_t need = size + (align > PAGE_SIZE ? align - PAGE_SIZE : 0);
	unsigned int c = size_class(need), k;
	unsigned long map;
	struct vmap_area *va;

	if (need > (PAGE_SIZE << c))	/* not a power of two: class c may hold smaller */
		c++;
	map = c < VA_NR_CLASSES ? free_class_map & ~((1UL << c) - 1) : 0;
	if (map) {
		va = list_first_entry(&free_class[__builtin_ctzl(map)], struct vmap_area, link);
		*addr = fit_in(va, size, align);
		if (!*addr)
			panic("vmalloc: free piece 0x%08lx-0x%08lx of class %d does not "
			      "hold %lu bytes: class lists corrupted",
			      (unsigned long)va->va_start, (unsigned long)va->va_end,
			      __builtin_ctzl(map), (unsigned long)need);
		return va;
	}
	vmalloc_stats.slow_searches++;
	for (k = size_class(size); k < c && k < VA_NR_CLASSES; k++)
		list_for_each_entry(va, &free_class[k], link)
			if ((*addr = fit_in(va, size, align)))
				return va;
	return NULL;
}

/*
 * carve - cut [addr, addr + size) out of free piece va, which becomes the
 * busy piece; what is left below and above becomes free pieces made of
 * spare[0] and spare[1] (either may stay unused: *used counts them).
 */
static void carve(struct vmap_area *va, vaddr_t addr, size_t size,
		  struct vmap_area *spare[2], unsigned int *used)
{
	struct vmap_area *piece;

	free_piece_remove(va);
	if (addr > va->va_start) {
		piece = spare[(*used)++];
		piece->va_start = va->va_start;
		piece->va_end = addr;
		list_add_tail(&piece->list, &va->list);
		free_piece_insert(piece);
	}
	if (addr + size < va->va_end) {
		piece = spare[(*used)++];
		piece->va_start = addr + size;
		piece->va_end = va->va_end;
		list_add(&piece->list, &va->list);
		free_piece_insert(piece);
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->busy = true;
	list_add(&va->link, busy_bucket(addr));
}

/*
 * alloc_vmap_area - a busy piece of size bytes (guard included) aligned
 * to align.  The descriptors a split may need are allocated first, so
 * that once the lists change nothing can fail.  NULL if nothing fits or
 * there is no memory for descriptors.
 */
static struct vmap_area *alloc_vmap_area(size_t size, size_t align)
{
	struct vmap_area *spare[2], *va;
	unsigned int used = 0;
	unsigned long flags;
	vaddr_t addr = 0;

	spare[0] = kmem_cache_alloc(vmap_area_cachep, GFP_KERNEL);
	spare[1] = kmem_cache_alloc(vmap_area_cachep, GFP_KERNEL);
	va = NULL;
	if (spare[0] && spare[1]) {
		local_irq_save(flags);
		va = find_free_piece(size, align, &addr);
		if (va)
			carve(va, addr, size, spare, &used);
		local_irq_restore(flags);
	}
	while (used < 2)
		kmem_cache_free(vmap_area_cachep, spare[used++]);
	if (va)
		vmalloc_stats.nr_busy++;
	else
		vmalloc_stats.failures++;
	return va;
}

/* Merge free piece `other` (a list neighbour of va) into va; NULL-safe. */
static struct vmap_area *absorb(struct vmap_area *va, struct vmap_area *other)
{
	free_piece_remove(other);
	if (other->va_start < va->va_start)
		va->va_start = other->va_start;
	else
		va->va_end = other->va_end;
	list_del(&other->list);
	return other;
}

/* free_vmap_area - a busy piece becomes free, merged with free neighbours. */
static void free_vmap_area(struct vmap_area *va)
{
	struct vmap_area *prev, *next, *gone[2] = { NULL, NULL };
	unsigned long flags;

	local_irq_save(flags);
	list_del(&va->link);
	prev = list_entry(va->list.prev, struct vmap_area, list);
	next = list_entry(va->list.next, struct vmap_area, list);
	if (&prev->list != &vmap_area_list && !prev->busy)
		gone[0] = absorb(va, prev);
	if (&next->list != &vmap_area_list && !next->busy)
		gone[1] = absorb(va, next);
	free_piece_insert(va);
	vmalloc_stats.nr_busy--;
	local_irq_restore(flags);
	kmem_cache_free(vmap_area_cachep, gone[0]);
	kmem_cache_free(vmap_area_cachep, gone[1]);
}

/* ------------------------------------------------ the range layer */

struct vm_struct *get_vm_area(size_t size, unsigned int flags, size_t align,
			      unsigned long caller)
{
	struct vmap_area *va;

	if (!vmap_area_cachep)
		panic("get_vm_area: called before vmalloc_init() (start_kernel order)");
	if (!size || size > VMALLOC_END - vmalloc_start)
		return NULL;
	size = ALIGN_UP(size, PAGE_SIZE);
	va = alloc_vmap_area(size + PAGE_SIZE, MAX(align, (size_t)PAGE_SIZE));
	if (!va)
		return NULL;
	memset(&va->vm, 0, sizeof(va->vm));
	va->vm.addr = (void *)va->va_start;
	va->vm.size = size + PAGE_SIZE;
	va->vm.flags = flags;
	va->vm.caller = caller;
	return &va->vm;
}

struct vm_struct *find_vm_area(const void *addr)
{
	vaddr_t start = (vaddr_t)addr & PAGE_MASK;
	struct vmap_area *va, *found = NULL;
	unsigned long flags;

	if (!vmap_area_cachep)
		return NULL;
	local_irq_save(flags);
	list_for_each_entry(va, busy_bucket(start), link)
		if (va->va_start == start) {
			found = va;
			break;
		}
	local_irq_restore(flags);
	return found ? &found->vm : NULL;
}

void free_vm_area(struct vm_struct *vm)
{
	arch_mmu_unmap(&init_mm, (vaddr_t)vm->addr, vm->size - PAGE_SIZE);
	free_vmap_area(container_of(vm, struct vmap_area, vm));
}

/*
 * map_with_sections - arch_mmu_map with MMU_SECTION_OK, or page by page
 * where the architecture already has a second-level table in the way
 * (-EEXIST).  Sets VM_HUGE if sections were used.
 */
static int map_with_sections(struct vm_struct *vm, vaddr_t va, paddr_t pa,
			     size_t size, unsigned int prot)
{
	int err;

	if (IS_ALIGNED(va, SECTION_SIZE) && IS_ALIGNED(pa, SECTION_SIZE) &&
	    size >= SECTION_SIZE) {
		err = arch_mmu_map(&init_mm, va, pa, size, prot | MMU_SECTION_OK);
		if (!err) {
			vm->flags |= VM_HUGE;
			return 0;
		}
		arch_mmu_unmap(&init_mm, va, size);
		if (err != -EEXIST)
			return err;
		vmalloc_stats.section_fallbacks++;
	}
	err = arch_mmu_map(&init_mm, va, pa, size, prot);
	if (err)
		arch_mmu_unmap(&init_mm, va, size);
	return err;
}

int vm_map_phys(struct vm_struct *vm, paddr_t pa, unsigned int prot)
{
	return map_with_sections(vm, (vaddr_t)vm->addr, pa, vm->size - PAGE_SIZE, prot);
}

/* ------------------------------------------------ vmalloc, vfree */

/*
 * vm_alloc_pages - fill vm->pages with npages pages of gfp: whole 1 MiB
 * blocks (order 8) first if `huge`, until one fails, then single pages.
 * vm->nr_pages counts what was taken, also on failure (-ENOMEM), so that
 * vm_free_pages gives exactly that back.
 */
static int vm_alloc_pages(struct vm_struct *vm, unsigned int npages, gfp_t gfp,
			  bool huge)
{
	while (vm->nr_pages < npages) {
		struct page *page = NULL;
		unsigned int i;

		if (huge && npages - vm->nr_pages >= SECTION_PAGES) {
			page = alloc_pages(gfp | __GFP_NOWARN, SECTION_ORDER);
			if (page) {
				for (i = 0; i < SECTION_PAGES; i++)
					vm->pages[vm->nr_pages++] = page + i;
				continue;
			}
			huge = false;	/* no 1 MiB block now: no point asking again */
		}
		page = alloc_page(gfp);
		if (!page)
			return -ENOMEM;
		vm->pages[vm->nr_pages++] = page;
	}
	return 0;
}

/*
 * vm_free_pages - give back vm->pages.  A 1 MiB block's first page
 * carries its order (page_alloc_order, set by the page allocator): the
 * block goes back whole and its other 255 entries are skipped.
 */
static void vm_free_pages(struct vm_struct *vm)
{
	unsigned int i = 0;

	while (i < vm->nr_pages) {
		unsigned int order = page_alloc_order(vm->pages[i]);

		__free_pages(vm->pages[i], order);
		i += 1u << order;
	}
	vm->nr_pages = 0;
}

/*
 * vm_map_pages - map vm->pages in order: a 1 MiB block with a section
 * when its virtual address is 1 MiB aligned, everything else page by page.
 */
static int vm_map_pages(struct vm_struct *vm, unsigned int prot)
{
	vaddr_t va = (vaddr_t)vm->addr;
	unsigned int i = 0;
	int err;

	while (i < vm->nr_pages) {
		struct page *page = vm->pages[i];
		unsigned int n = 1u << page_alloc_order(page);

		if (n == SECTION_PAGES)
			err = map_with_sections(vm, va + ((vaddr_t)i << PAGE_SHIFT),
						page_to_pa(page), SECTION_SIZE, prot);
		else
			err = arch_mmu_map(&init_mm, va + ((vaddr_t)i << PAGE_SHIFT),
					   page_to_pa(page), PAGE_SIZE, prot);
		if (err)
			return err;
		i += n;
	}
	return 0;
}

/*
 * vm_release - undo a vmalloc, whole or half made: unmap first (the pages
 * must not be reachable once they are free), then the pages, the page
 * list, the range.
 */
static void vm_release(struct vm_struct *vm)
{
	arch_mmu_unmap(&init_mm, (vaddr_t)vm->addr, vm->size - PAGE_SIZE);
	if (vm->pages)
		vm_free_pages(vm);
	kfree(vm->pages);
	free_vmap_area(container_of(vm, struct vmap_area, vm));
}

static void *__vmalloc(size_t size, gfp_t gfp, unsigned long caller)
{
	struct vm_struct *vm = NULL;
	unsigned int npages;
	bool huge;

	if (!size || size > VMALLOC_END - vmalloc_start)
		return NULL;
	size = ALIGN_UP(size, PAGE_SIZE);
	npages = (unsigned int)(size >> PAGE_SHIFT);
	huge = size >= SECTION_SIZE;
	if (huge)
		vm = get_vm_area(size, VM_ALLOC, SECTION_SIZE, caller);
	if (!vm)
		vm = get_vm_area(size, VM_ALLOC, PAGE_SIZE, caller);
	if (!vm)
		goto fail_range;
	huge = huge && IS_ALIGNED((vaddr_t)vm->addr, SECTION_SIZE);
	vm->pages = kmalloc(npages * sizeof(struct page *), GFP_KERNEL | (gfp & __GFP_NOWARN));
	if (!vm->pages || vm_alloc_pages(vm, npages, gfp, huge) ||
	    vm_map_pages(vm, MMU_KERNEL_RW)) {
		vm_release(vm);
		goto fail_range;
	}
	return vm->addr;
fail_range:
	if (!(gfp & __GFP_NOWARN))
		pr_warn("vmalloc: allocation of %lu bytes failed\n", (unsigned long)size);
	return NULL;
}

void *vmalloc(size_t size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM, _RET_IP_);
}

void *vzalloc(size_t size)
{
	return __vmalloc(size, GFP_KERNEL | __GFP_HIGHMEM | __GFP_ZERO, _RET_IP_);
}

void vfree(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = find_vm_area(addr);
	if (!vm || vm->addr != addr || !(vm->flags & VM_ALLOC))
		panic("vfree(%p): not an address returned by vmalloc (%s)", addr,
		      !vm ? "no range starts in its page: freed already?" :
		      vm->addr != addr ? "inside a range, not its start" :
		      "the range is not a vmalloc one");
	vm_release(vm);
}

void *vmap(struct page **pages, unsigned int count, unsigned int flags, unsigned int prot)
{
	struct vm_struct *vm;
	vaddr_t va;
	unsigned int i;

	if (!count || count > (VMALLOC_END - vmalloc_start) >> PAGE_SHIFT)
		return NULL;
	vm = get_vm_area((size_t)count << PAGE_SHIFT, VM_MAP | flags, PAGE_SIZE, _RET_IP_);
	if (!vm)
		return NULL;
	va = (vaddr_t)vm->addr;
	for (i = 0; i < count; i++) {
		if (arch_mmu_map(&init_mm, va + ((vaddr_t)i << PAGE_SHIFT),
				 page_to_pa(pages[i]), PAGE_SIZE, prot)) {
			free_vm_area(vm);	/* unmaps the i pages mapped */
			return NULL;
		}
	}
	vm->nr_pages = count;
	return vm->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = find_vm_area(addr);
	if (!vm || vm->addr != addr || !(vm->flags & VM_MAP))
		panic("vunmap(%p): not an address returned by vmap", addr);
	free_vm_area(vm);
}

bool is_vmalloc_addr(const void *addr)
{
	return (vaddr_t)addr >= vmalloc_start && (vaddr_t)addr < VMALLOC_END;
}

struct page *vmalloc_to_page(const void *addr)
{
	paddr_t pa;

	if (!is_vmalloc_addr(addr) || arch_mmu_query(&init_mm, (vaddr_t)addr, &pa, NULL))
		return NULL;
	if (PHYS_PFN(pa) < min_low_pfn || PHYS_PFN(pa) >= max_pfn)
		return NULL;	/* a device (ioremap) or the DMA pool: no struct page */
	return phys_to_page(pa);
}

/* ------------------------------------------------ view, init */

/*
 * vmallocinfo, as Linux's /proc/vmallocinfo: range, size with the guard,
 * caller, pages=, phys=, kind; "huge" when sections map some of it.
 */
void show_vmallocinfo(struct seq_buf *s)
{
	struct vmap_area *va;
	unsigned long flags;
	char who[64];

	local_irq_save(flags);
	list_for_each_entry(va, &vmap_area_list, list) {
		const struct vm_struct *vm = &va->vm;

		if (!va->busy)
			continue;
		seq_printf(s, "0x%08lx-0x%08lx %7lu %s", (unsigned long)va->va_start,
			   (unsigned long)va->va_end, (unsigned long)vm->size,
			   caller_name(who, sizeof(who), vm->caller));
		if (vm->nr_pages)
			seq_printf(s, " pages=%u", vm->nr_pages);
		if (vm->flags & (VM_IOREMAP | VM_DMA_COHERENT))
			seq_printf(s, " phys=0x%08x", vm->phys_addr);
		seq_printf(s, "%s%s%s%s%s\n", vm->flags & VM_IOREMAP ? " ioremap" : "",
			   vm->flags & VM_ALLOC ? " vmalloc" : "",
			   vm->flags & VM_MAP ? " vmap" : "",
			   vm->flags & VM_DMA_COHERENT ? " dma-coherent" : "",
			   vm->flags & VM_HUGE ? " huge" : "");
	}
	local_irq_restore(flags);
}
VIEW(vmallocinfo, show_vmallocinfo);

void vmalloc_init(void)
{
	struct vmap_area *va;
	unsigned int i;

	INIT_LIST_HEAD(&vmap_area_list);
	for (i = 0; i < VA_NR_CLASSES; i++)
		INIT_LIST_HEAD(&free_class[i]);
	for (i = 0; i < VA_HASH_SIZE; i++)
		INIT_LIST_HEAD(&busy_hash[i]);
	free_class_map = 0;
	memset(&vmalloc_stats, 0, sizeof(vmalloc_stats));
	vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0,
					     SLAB_PANIC, NULL);
	va = kmem_cache_alloc(vmap_area_cachep, GFP_KERNEL);
	if (!va || vmalloc_start >= VMALLOC_END || !IS_ALIGNED(vmalloc_start, PAGE_SIZE))
		panic("vmalloc_init: cannot set up [0x%08lx, 0x%08lx)",
		      (unsigned long)vmalloc_start, (unsigned long)VMALLOC_END);
	va->va_start = vmalloc_start;
	va->va_end = VMALLOC_END;
	list_add(&va->list, &vmap_area_list);
	free_piece_insert(va);
	printk("vmalloc: %lu MiB at 0x%08lx - 0x%08lx\n",
	       (unsigned long)(VMALLOC_END - vmalloc_start) >> 20,
	       (unsigned long)vmalloc_start, (unsigned long)VMALLOC_END);
}
