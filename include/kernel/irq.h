/*
 * Interrupt dispatch.  An interrupt controller driver (GIC, AM335x INTC)
 * registers an irq_chip; device drivers attach handlers to interrupt
 * numbers as the controller numbers them (for the GIC, interrupt IDs:
 * SPI n is 32 + n).
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <kernel/types.h>

#define NR_IRQS 256

typedef void (*irq_handler_t)(int irq, void *dev);

struct irq_chip {
	const char *name;
	void (*unmask)(int irq);
	void (*mask)(int irq);
	int (*ack)(void);	/* the pending interrupt, or -1 if none */
	void (*eoi)(int irq);
};

void irq_set_chip(const struct irq_chip *chip);
int request_irq(int irq, irq_handler_t handler, void *dev, const char *name);

extern unsigned long irq_count[NR_IRQS];

/* Interrupt handlers running (nested ones count); do_irq keeps it. */
extern int irq_nesting;

/* in_interrupt - true while an interrupt handler runs: no sleeping, and
 * no fault injection (kernel/fault_inject.c). */
static inline bool in_interrupt(void)
{
	return irq_nesting > 0;
}

#endif
