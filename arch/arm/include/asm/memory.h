/*
 * The virtual memory layout of the kernel: every constant is defined here
 * once.  The boot banner prints its "Virtual kernel memory layout" table
 * from these names, and tests/system checks docs/memory-layout.md against
 * the banner (docs/memory-layout.md).
 *
 *   0x00000000  page 0, never mapped (catches NULL)
 *   0x00001000  user space ..................... TASK_SIZE
 *   0xBF000000  modules (reserved, as in Linux)  MODULES_VADDR..MODULES_END
 *   0xBFE00000  pkmap: kmap() slots ............ PKMAP_BASE..PAGE_OFFSET
 *   0xC0000000  lowmem linear map .............. PAGE_OFFSET..high_memory
 *               8 MiB gap (VMALLOC_OFFSET)
 *   vmalloc_start  vmalloc/ioremap/vmap ........ ..VMALLOC_END
 *   0xFFC00000  fixmap ......................... FIXADDR_START..FIXADDR_END
 *   0xFFFF0000  exception vectors .............. VECTORS_BASE
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

/* Constants usable from C (unsigned long), assembly and the linker script. */
#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(_UL(1) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define SECTION_SHIFT		20
#define SECTION_SIZE		(_UL(1) << SECTION_SHIFT)
#define SECTION_MASK		(~(SECTION_SIZE - 1))

#define PAGE_OFFSET		_UL(0xC0000000)	/* start of the kernel's 1 GiB */
#define TASK_SIZE		_UL(0xBF000000)	/* end of user space */
#define TASK_UNMAPPED_BASE	_UL(0x40000000)	/* where mmap() starts looking */
#define MODULES_VADDR		_UL(0xBF000000)
#define MODULES_END		_UL(0xBFE00000)
#define PKMAP_BASE		_UL(0xBFE00000)
#define LAST_PKMAP		512		/* 512 slots of 4 KiB = 2 MiB */
#define PKMAP_END		(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)
#define VMALLOC_OFFSET		(_UL(8) << 20)	/* gap after lowmem */
#define VMALLOC_END		_UL(0xFF800000)
#define VMALLOC_DEFAULT_SIZE	(_UL(240) << 20)
#define FIXADDR_START		_UL(0xFFC00000)
#define FIXADDR_END		_UL(0xFFF00000)
#define VECTORS_BASE		_UL(0xFFFF0000)

/*
 * Where the image sits: loaded at PHYS_OFFSET + TEXT_OFFSET, linked at
 * PAGE_OFFSET + TEXT_OFFSET.  PHYS_OFFSET is the start of RAM, given per
 * board by the Makefile (-DPHYS_OFFSET=...).
 */
#define TEXT_OFFSET		_UL(0x00010000)

/*
 * The early console: boot/head.S maps the 1 MiB section holding the UART
 * here (device memory), and paging_init() keeps one 4 KiB page of it at the
 * same address, so printk works from the first line of C.
 */
#define FIX_EARLYCON_SECTION	_UL(0xFFE00000)

#ifndef __ASSEMBLER__
#include <kernel/types.h>

/*
 * Linear map conversions.  Valid for lowmem only (ZONE_DMA + ZONE_NORMAL,
 * below high_memory); a HighMem page has no kernel address until kmap().
 */
#define pa_to_kva(pa)	((void *)((vaddr_t)(pa) - PHYS_OFFSET + PAGE_OFFSET))
#define kva_to_pa(va)	((paddr_t)((vaddr_t)(va) - PAGE_OFFSET + PHYS_OFFSET))
#define virt_addr_valid(va) \
	((vaddr_t)(va) >= PAGE_OFFSET && (vaddr_t)(va) < (vaddr_t)high_memory)

extern void *high_memory;		/* end of the lowmem linear map (VA) */
extern vaddr_t vmalloc_start;		/* high_memory + VMALLOC_OFFSET, 8 MiB aligned */
extern paddr_t arm_lowmem_limit;	/* first physical address of HighMem */
#endif

#endif
