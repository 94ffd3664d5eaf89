#ifndef ASM_SETUP_H
#define ASM_SETUP_H

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

#endif
