/*
 * Host-test helpers for mm/ (tests/host/shim_mm.c and shim_kernel.c).
 */
#ifndef HOST_MM_H
#define HOST_MM_H

#include <kernel/types.h>

/* The size of the fake kernel image that host_mm_boot() reserves. */
#define HOST_KERNEL_IMAGE_SIZE	(1u << 20)

/* shim_kernel.c */
extern int host_printk_verbose;
extern char host_last_panic[256];
extern char host_last_printk[256];	/* the last printk message */
extern unsigned long host_printk_count;
void *host_lowmem_setup(size_t bytes);

/* shim_mm.c */
extern uintptr_t host_highmem_base;
extern size_t host_highmem_size;
void *host_highmem_setup(size_t bytes);

/*
 * host_mm_boot - a fresh boot of the page allocator: RAM of ram_bytes at
 * PHYS_OFFSET, of which the first lowmem_bytes are lowmem (the rest is
 * HighMem, backed by the HighMem arena), a 1 MiB kernel image reserved at
 * PHYS_OFFSET + TEXT_OFFSET, then mem_init(cmdline).
 */
void host_mm_boot(unsigned long ram_bytes, unsigned long lowmem_bytes,
		  const char *cmdline);

/* host_mm_teardown - forget everything and free both arenas. */
void host_mm_teardown(void);

#endif
