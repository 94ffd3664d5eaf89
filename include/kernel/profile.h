#ifndef KERNEL_PROFILE_H
#define KERNEL_PROFILE_H

#include <kernel/types.h>

struct pt_regs;

extern struct pt_regs *irq_regs;
unsigned profile_init(const char *cmdline);
void profile_hit(const struct pt_regs *regs);

#endif
