/*
 * TI AM335x interrupt controller, INTC (AM335x TRM SPRUH73, chapter 6):
 * 128 interrupt lines in 4 banks of 32, a priority sorter, and one IRQ
 * output to the Cortex-A8.  The BeagleBone Black's; interrupt numbers are
 * the TRM's (UART0 72, DMTimer2 68), one cell in the DTB.
 *
 * Taking an interrupt (TRM 6.2.2, "IRQ processing sequence"):
 *
 *   ack:  any bit in INTC_PENDING_IRQn (pending and not masked)?
 *         no  -> nothing to do (-1)
 *         yes -> INTC_SIR_IRQ: the winner of the priority sort, in
 *                ActiveIRQ (bits 6:0); SpuriousIRQFlag (bits 31:7) set
 *                means it went away while being sorted
 *   the device's handler clears the cause at the device
 *   eoi:  INTC_CONTROL = NewIRQAgr: the sorter may raise the next one;
 *         then a DSB so the write reaches the INTC before interrupts are
 *         unmasked again (TRM 6.2.2 step 7)
 *
 * Masking is per line: INTC_MIR_SETn masks, INTC_MIR_CLEARn unmasks.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#ifndef HOST_TEST	/* tests/host/test_am335x.c supplies a register model */
#include <mm/ioremap.h>
#include <asm/io.h>
#define dsb() __asm__ volatile("dsb" : : : "memory")
#endif

#define INTC_SYSCONFIG		0x10
#define INTC_SYSSTATUS		0x14
#define INTC_SIR_IRQ		0x40
#define INTC_CONTROL		0x48
#define INTC_THRESHOLD		0x68
#define INTC_MIR_CLEAR(n)	(0x88 + 0x20 * (n))
#define INTC_MIR_SET(n)		(0x8C + 0x20 * (n))
#define INTC_PENDING_IRQ(n)	(0x98 + 0x20 * (n))
#define INTC_ILR(m)		(0x100 + 4 * (m))

#define SYSCONFIG_SOFTRESET	0x2
#define SYSCONFIG_AUTOIDLE	0x1
#define SYSSTATUS_RESETDONE	0x1
#define SIR_ACTIVEIRQ_MASK	0x7F
#define SIR_SPURIOUS_MASK	0xFFFFFF80u
#define CONTROL_NEWIRQAGR	0x1
#define THRESHOLD_DISABLED	0xFF	/* no priority threshold */
#define ILR_PRIORITY(p)		((p) << 2)	/* bit 0 = 0: IRQ, not FIQ */

#define INTC_NR_IRQS		128
#define INTC_BANKS		(INTC_NR_IRQS / 32)
#define RESET_POLL_LIMIT	100000

static void __iomem *intc;

static void intc_mask(int irq)
{
	writel_relaxed(1u << (irq % 32), intc + INTC_MIR_SET(irq / 32));
}

static void intc_unmask(int irq)
{
	writel_relaxed(1u << (irq % 32), intc + INTC_MIR_CLEAR(irq / 32));
}

/* intc_ack - the pending interrupt of highest priority, or -1. */
static int intc_ack(void)
{
	u32 sir;
	int bank;

	for (bank = 0; bank < INTC_BANKS; bank++)
		if (readl_relaxed(intc + INTC_PENDING_IRQ(bank)))
			break;
	if (bank == INTC_BANKS)
		return -1;
	sir = readl_relaxed(intc + INTC_SIR_IRQ);
	if (sir & SIR_SPURIOUS_MASK) {
		/* gone while sorted: let the sorter restart, report nothing */
		writel_relaxed(CONTROL_NEWIRQAGR, intc + INTC_CONTROL);
		dsb();
		return -1;
	}
	return (int)(sir & SIR_ACTIVEIRQ_MASK);
}

/* intc_eoi - the handler is done: allow the next interrupt. */
static void intc_eoi(int irq)
{
	writel_relaxed(CONTROL_NEWIRQAGR, intc + INTC_CONTROL);
	dsb();
}

static const struct irq_chip intc_chip = {
	.name = "AM335x INTC", .unmask = intc_unmask, .mask = intc_mask,
	.ack = intc_ack, .eoi = intc_eoi,
};

/*
 * intc_hw_init - soft reset (waits for ResetDone), every line masked and
 * routed to IRQ at priority 0, no threshold.  Returns 0 or -ETIMEDOUT.
 */
static int intc_hw_init(void)
{
	int i;

	writel_relaxed(SYSCONFIG_SOFTRESET, intc + INTC_SYSCONFIG);
	for (i = 0; !(readl_relaxed(intc + INTC_SYSSTATUS) & SYSSTATUS_RESETDONE); i++)
		if (i == RESET_POLL_LIMIT)
			return -ETIMEDOUT;
	writel_relaxed(SYSCONFIG_AUTOIDLE, intc + INTC_SYSCONFIG);
	for (i = 0; i < INTC_BANKS; i++)
		writel_relaxed(0xFFFFFFFFu, intc + INTC_MIR_SET(i));
	for (i = 0; i < INTC_NR_IRQS; i++)
		writel_relaxed(ILR_PRIORITY(0), intc + INTC_ILR(i));
	writel_relaxed(THRESHOLD_DISABLED, intc + INTC_THRESHOLD);
	writel_relaxed(CONTROL_NEWIRQAGR, intc + INTC_CONTROL);
	return 0;
}

static int intc_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	int err;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	intc = ioremap((paddr_t)pa, (size_t)size);
	if (!intc)
		return -ENOMEM;
	err = intc_hw_init();
	if (err)
		return err;
	irq_set_chip(&intc_chip);
	printk("INTC: AM335x interrupt controller at 0x%08x, %u lines\n",
	       (u32)pa, INTC_NR_IRQS);
	return 0;
}

DRIVER(am335x_intc, "ti,am33xx-intc", 0, intc_probe);
