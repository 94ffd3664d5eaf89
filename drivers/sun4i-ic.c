/*
 * Allwinner A10 interrupt controller ("allwinner,sun4i-a10-ic"; A10 user
 * manual, "Interrupt Controller"): the interrupt controller of QEMU's
 * cubieboard, mmkernel's Cortex-A8 check board.  96 lines in 3 banks of
 * 32 (UART0 is line 1, timer 0 line 22), one cell in the DTB.
 *
 *   offset       register       meaning
 *   -----------  -------------  -------------------------------------------
 *   0x00         VECTOR         4 * the highest-priority pending line
 *   0x10 + 4n    IRQ_PENDINGn   pending lines (level: follows the device)
 *   0x40 + 4n    ENABLEn        1 = the line may interrupt
 *   0x50 + 4n    MASKn          1 = the line is masked
 *
 * A line interrupts when it is pending, enabled and not masked.  (QEMU's
 * model ignores ENABLE and looks only at MASK, so mask() and unmask()
 * write both.)  Lines are level-triggered: the device's handler clears the
 * cause at the device, and there is no end-of-interrupt to signal.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/ioremap.h>
#include <asm/io.h>

#define IC_VECTOR		0x00
#define IC_IRQ_PENDING(n)	(0x10 + 4 * (n))
#define IC_ENABLE(n)		(0x40 + 4 * (n))
#define IC_MASK(n)		(0x50 + 4 * (n))

#define IC_NR_IRQS		96
#define IC_BANKS		(IC_NR_IRQS / 32)

static void __iomem *ic;

static void ic_mask(int irq)
{
	u32 bit = 1u << (irq % 32);

	writel(readl(ic + IC_ENABLE(irq / 32)) & ~bit, ic + IC_ENABLE(irq / 32));
	writel(readl(ic + IC_MASK(irq / 32)) | bit, ic + IC_MASK(irq / 32));
}

static void ic_unmask(int irq)
{
	u32 bit = 1u << (irq % 32);

	writel(readl(ic + IC_MASK(irq / 32)) & ~bit, ic + IC_MASK(irq / 32));
	writel(readl(ic + IC_ENABLE(irq / 32)) | bit, ic + IC_ENABLE(irq / 32));
}

/*
 * ic_ack - the pending line VECTOR names, or -1.  VECTOR reads 0 both for
 * line 0 (the NMI pin) and when nothing is pending: check the pending bit.
 */
static int ic_ack(void)
{
	int irq = (int)(readl(ic + IC_VECTOR) >> 2);

	if (irq != 0)
		return irq;
	if (readl(ic + IC_IRQ_PENDING(0)) & ~readl(ic + IC_MASK(0)) & 1u)
		return 0;
	return -1;
}

static void ic_eoi(int irq)
{
}

static const struct irq_chip ic_chip = {
	.name = "sun4i-ic", .unmask = ic_unmask, .mask = ic_mask,
	.ack = ic_ack, .eoi = ic_eoi,
};

static int ic_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	int i;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	ic = ioremap((paddr_t)pa, (size_t)size);
	if (!ic)
		return -ENOMEM;
	for (i = 0; i < IC_BANKS; i++) {
		writel(0, ic + IC_ENABLE(i));
		writel(0xFFFFFFFFu, ic + IC_MASK(i));
	}
	irq_set_chip(&ic_chip);
	printk("IC: Allwinner A10 interrupt controller at 0x%08x, %u lines\n",
	       (u32)pa, IC_NR_IRQS);
	return 0;
}

DRIVER(sun4i_ic, "allwinner,sun4i-a10-ic", 0, ic_probe);
