/*
 * Interrupt dispatch: do_irq() asks the controller which interrupt is
 * pending, runs its handler, and signals the end of it, until none is left.
 */
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <kernel/profile.h>

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
};

static struct irq_desc irq_desc[NR_IRQS];
static const struct irq_chip *irq_chip;
unsigned long irq_count[NR_IRQS];
int irq_nesting;

void irq_set_chip(const struct irq_chip *chip)
{
	irq_chip = chip;
}

/*
 * request_irq - run handler(irq, dev) when irq fires, and unmask it.
 * Returns 0, -EINVAL (bad number or no controller) or -EBUSY (taken).
 */
int request_irq(int irq, irq_handler_t handler, void *dev, const char *name)
{
	if (irq < 0 || irq >= NR_IRQS || !irq_chip)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq].handler = handler;
	irq_desc[irq].dev = dev;
	irq_desc[irq].name = name;
	irq_chip->unmask(irq);
	return 0;
}

void do_irq(struct pt_regs *regs)
{
	int irq;

	if (!irq_chip)
		die("IRQ before any interrupt controller", regs, NO_FSR, 0, false);
	irq_regs = regs;
	irq_nesting++;
	while ((irq = irq_chip->ack()) >= 0) {
		if (irq < NR_IRQS && irq_desc[irq].handler) {
			irq_count[irq]++;
			irq_desc[irq].handler(irq, irq_desc[irq].dev);
		} else {
			printk("irq: spurious interrupt %d (masked again)\n", irq);
			if (irq < NR_IRQS)
				irq_chip->mask(irq);
		}
		irq_chip->eoi(irq);
	}
	irq_nesting--;
}
