/*
 * ioremap: map device registers (physical addresses from the DTB) into the
 * vmalloc area as device memory, execute-never; 1 MiB sections where the
 * physical range allows.  Drivers never touch a device through its
 * physical address once the MMU is on.
 */
#ifndef MM_IOREMAP_H
#define MM_IOREMAP_H

#include <kernel/types.h>

/* ioremap - returns the virtual address of pa, or NULL (out of space/memory). */
void *ioremap(paddr_t pa, size_t size);
void iounmap(void *va);

#endif
