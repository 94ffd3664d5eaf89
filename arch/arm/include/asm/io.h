/*
 * Device register access.  Device memory is mapped as such by ioremap(),
 * so accesses are not reordered with each other; the barriers order them
 * against normal memory (a DMA buffer written before a "go" register).
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <kernel/types.h>

#define __iomem volatile

static inline u32 readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	__asm__ volatile("dmb" : : : "memory");
	return v;
}

static inline void writel(u32 v, volatile void *addr)
{
	__asm__ volatile("dmb" : : : "memory");
	*(volatile u32 *)addr = v;
}

static inline u32 readl_relaxed(const volatile void *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writel_relaxed(u32 v, volatile void *addr)
{
	*(volatile u32 *)addr = v;
}

#endif
