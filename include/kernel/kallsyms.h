#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include <kernel/types.h>

/*
 * kallsyms_lookup - name of the function containing addr and the offset
 * into it; NULL if addr is not in the kernel's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset);

/* kallsyms_lookup_name - address of a text symbol, 0 if unknown. */
unsigned long kallsyms_lookup_name(const char *name);

/* Is addr inside the kernel's code? */
bool kernel_text_address(unsigned long addr);

#endif
