/*
 * Masking interrupts on this CPU.  The kernel is uniprocessor: masking IRQs
 * is what makes the allocators' lists safe against an interrupt handler
 * that allocates (GFP_ATOMIC).
 */
#ifndef KERNEL_IRQFLAGS_H
#define KERNEL_IRQFLAGS_H

#include <kernel/types.h>

#ifdef HOST_TEST
#define local_irq_save(flags) ((flags) = 0)
#define local_irq_restore(flags) ((void)(flags))
#define local_irq_enable() do { } while (0)
#define local_irq_disable() do { } while (0)
#define irqs_disabled() false
#else
/* Returns the CPSR as it was, then masks IRQs (CPSR.I, ARM ARM B1.3.3). */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr cpsr_c, %0" : : "r"(flags) : "memory", "cc");
}

#define local_irq_save(flags) ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_enable() __asm__ volatile("cpsie i" : : : "memory", "cc")
#define local_irq_disable() __asm__ volatile("cpsid i" : : : "memory", "cc")
static inline bool irqs_disabled(void)
{
	unsigned long cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr & 0x80;
}
#endif

#endif
