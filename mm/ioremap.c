/*
 * ioremap - device registers in the vmalloc area (docs/kernel-allocators.md).
 *
 * A driver gets the physical address of its registers from the DTB and
 * asks for a kernel virtual address here; nothing touches a device through
 * a physical or hard-coded virtual address once the MMU is on (the early
 * console, in the fixmap, excepted).  The range comes from the vmalloc
 * range allocator (mm/vmalloc.c), with a guard page after it; the mapping
 * is device memory: shareable, never cached, execute-never (MMU_DEVICE).
 *
 *   physical range                       virtual range          mapped with
 *   -----------------------------------  ---------------------  -------------------
 *   1 MiB aligned, at least 1 MiB long   1 MiB aligned (taken   1 MiB sections for
 *   ("huge ioremap")                     from the top)          the whole MiBs, pages
 *                                                               for the rest
 *   anything else                        page aligned           4 KiB pages
 *
 * The part of the first page before pa, and of the last page after the
 * end, is mapped too: the MMU maps whole pages.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/arch_mmu.h>
#include <mm/ioremap.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

/* Is any of [pa, pa + len) RAM that the page allocator manages? */
static bool range_is_ram(paddr_t pa, size_t len)
{
	return PHYS_PFN(pa) < max_pfn && PHYS_PFN(pa + len - 1) >= min_low_pfn;
}

/*
 * ioremap - map size bytes of device registers at physical address pa.
 * Returns the virtual address of pa (same offset in its page), or NULL if
 * size is 0, the range wraps, it is RAM (mapping RAM as device memory
 * would give it two sets of attributes: refused), or there is no virtual
 * range or memory left.  Process context.  Undo with iounmap.
 */
void *ioremap(paddr_t pa, size_t size)
{
	paddr_t base = pa & (paddr_t)PAGE_MASK;
	size_t len = ALIGN_UP(size + (pa - base), PAGE_SIZE);
	struct vm_struct *vm = NULL;

	if (!size || (paddr_t)(base + len - 1) < base)
		return NULL;
	if (range_is_ram(base, len)) {
		pr_err("ioremap(0x%08x, %lu): that is RAM, not a device: refused\n",
		       pa, (unsigned long)size);
		return NULL;
	}
	if (IS_ALIGNED(base, SECTION_SIZE) && len >= SECTION_SIZE)
		vm = get_vm_area(len, VM_IOREMAP, SECTION_SIZE, _RET_IP_);
	if (!vm)
		vm = get_vm_area(len, VM_IOREMAP, PAGE_SIZE, _RET_IP_);
	if (!vm)
		return NULL;
	vm->phys_addr = base;
	if (vm_map_phys(vm, base, MMU_KERNEL_RW | MMU_DEVICE)) {
		free_vm_area(vm);
		return NULL;
	}
	return (char *)vm->addr + (pa - base);
}

/*
 * iounmap - remove a mapping made by ioremap (the address it returned),
 * flush it from the TLB and free the range.  NULL does nothing; any
 * other address panics.
 */
void iounmap(void *va)
{
	struct vm_struct *vm;

	if (!va)
		return;
	vm = find_vm_area(va);
	if (!vm || !(vm->flags & VM_IOREMAP))
		panic("iounmap(%p): not an address returned by ioremap", va);
	free_vm_area(vm);
}
