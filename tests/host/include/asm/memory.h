/*
 * Host stand-in for arch/arm/include/asm/memory.h.  The layout constants
 * are the target's; the linear map points into a malloc'ed arena that plays
 * the role of lowmem (tests/host/shim_kernel.c), so code that zeroes or
 * poisons pages through pa_to_kva() really touches memory, under ASan.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#include <kernel/types.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define SECTION_SHIFT		20
#define SECTION_SIZE		(1UL << SECTION_SHIFT)
#define SECTION_MASK		(~(SECTION_SIZE - 1))

#define TASK_SIZE		0xBF000000UL
#define TASK_UNMAPPED_BASE	0x40000000UL
#define MODULES_VADDR		0xBF000000UL
#define MODULES_END		0xBFE00000UL
#define PKMAP_BASE		0xBFE00000UL
#define LAST_PKMAP		512
#define PKMAP_END		(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)
#define VMALLOC_OFFSET		(8UL << 20)
#define VMALLOC_END		0xFF800000UL
#define VMALLOC_DEFAULT_SIZE	(240UL << 20)
#define FIXADDR_START		0xFFC00000UL
#define FIXADDR_END		0xFFF00000UL
#define VECTORS_BASE		0xFFFF0000UL
#define TEXT_OFFSET		0x00010000UL

/* The arena standing for lowmem: host_lowmem_base maps PHYS_OFFSET. */
extern uintptr_t host_lowmem_base;
#define PAGE_OFFSET		host_lowmem_base

#define pa_to_kva(pa)	((void *)((vaddr_t)(pa) - PHYS_OFFSET + PAGE_OFFSET))
#define kva_to_pa(va)	((paddr_t)((vaddr_t)(va) - PAGE_OFFSET + PHYS_OFFSET))
#define virt_addr_valid(va) \
	((vaddr_t)(va) >= PAGE_OFFSET && (vaddr_t)(va) < (vaddr_t)high_memory)

extern void *high_memory;
extern vaddr_t vmalloc_start;
extern paddr_t arm_lowmem_limit;

#endif
