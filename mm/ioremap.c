/*
 * ioremap - device memory in the vmalloc area.
 *
 * Boot-time version: ranges are handed out upwards from vmalloc_start and
 * never given back (iounmap only removes the mapping).  The vmalloc range
 * allocator replaces this bump pointer when it exists.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <mm/ioremap.h>
#include <mm/arch_mmu.h>
#include <asm/memory.h>

static vaddr_t io_next;

void *ioremap(paddr_t pa, size_t size)
{
	paddr_t base = pa & PAGE_MASK;
	size_t len = ALIGN_UP(size + (pa - base), PAGE_SIZE);
	vaddr_t va;
	unsigned flags = MMU_KERNEL_RW | MMU_DEVICE;

	if (!io_next)
		io_next = vmalloc_start;
	if (IS_ALIGNED(base, SECTION_SIZE) && len >= SECTION_SIZE) {
		io_next = ALIGN_UP(io_next, SECTION_SIZE);
		flags |= MMU_SECTION_OK;
	}
	va = io_next;
	if (va + len + PAGE_SIZE > VMALLOC_END || va + len < va)
		return NULL;
	if (arch_mmu_map(&init_mm, va, base, len, flags))
		return NULL;
	io_next = va + len + PAGE_SIZE;	/* guard page */
	return (void *)(va + (pa - base));
}

void iounmap(void *va)
{
	(void)va;	/* the boot-time allocator keeps its ranges */
}
