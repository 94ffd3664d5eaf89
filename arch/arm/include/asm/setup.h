#ifndef ASM_SETUP_H
#define ASM_SETUP_H

/*
 * boot_entry_flags: what boot/head.S found and did before the MMU was on
 * (printed by print_boot_entry()).
 */
#define BOOT_FROM_HYP			0x01	/* entered in HYP mode; left it */
#define BOOT_CACHES_WERE_ON		0x02	/* MMU or D-cache on: flushed, off */
#define BOOT_ACTLR_SMP_SET		0x04	/* set ACTLR.SMP (and FW on an A9) */
#define BOOT_ACTLR_SMP_WAS_SET		0x08	/* found it set already */
#define BOOT_ACTLR_SMP_NOT_WRITABLE	0x10	/* it did not stick */

#ifndef __ASSEMBLER__
#include <kernel/types.h>
#include <kernel/fdt.h>

/* What the boot loader told us, read from the DTB by setup_dtb(). */
struct boot_info {
	struct fdt fdt;
	paddr_t dtb_pa;
	paddr_t ram_start, ram_end;		/* end exclusive */
	paddr_t initrd_start, initrd_end;	/* end exclusive; 0 if none */
	const char *model;
};
extern struct boot_info boot_info;
extern unsigned long vmalloc_size;

void setup_dtb(paddr_t dtb_pa);
void setup_memblock(void);
void print_cpu_info(void);
void print_memory_layout(void);
void early_console_init(void);

extern u32 boot_entry_flags;
void print_boot_entry(void);

#endif /* __ASSEMBLER__ */
#endif
