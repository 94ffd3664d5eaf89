/*
 * ARM Generic Interrupt Controller v1/v2 (GIC architecture spec IHI 0048B):
 * the Cortex-A9 MPCore's and the A15's (QEMU virt).  The distributor
 * (GICD) routes interrupts to the CPU interface (GICC), which the CPU
 * reads to learn which interrupt it is taking.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/ioremap.h>
#include <asm/io.h>

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(n)	(0x400 + 4 * (n))
#define GICD_ITARGETSR(n)	(0x800 + 4 * (n))
#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_IAR		0x0C
#define GICC_EOIR		0x10
#define GIC_SPURIOUS		1023

static void __iomem *gicd, *gicc;
static unsigned gic_lines;

static void gic_unmask(int irq)
{
	writel(1u << (irq % 32), gicd + GICD_ISENABLER(irq / 32));
}

static void gic_mask(int irq)
{
	writel(1u << (irq % 32), gicd + GICD_ICENABLER(irq / 32));
}

static int gic_ack(void)
{
	u32 id = readl(gicc + GICC_IAR) & 0x3FF;

	return id >= 1020 ? -1 : (int)id;
}

static void gic_eoi(int irq)
{
	writel((u32)irq, gicc + GICC_EOIR);
}

static const struct irq_chip gic_chip = {
	.name = "GIC", .unmask = gic_unmask, .mask = gic_mask,
	.ack = gic_ack, .eoi = gic_eoi,
};

static int gic_probe(const struct fdt *f, int node)
{
	u64 dpa, dsz, cpa, csz;
	unsigned i;

	if (!fdt_reg(f, node, 0, &dpa, &dsz) || !fdt_reg(f, node, 1, &cpa, &csz))
		return -EINVAL;
	gicd = ioremap((paddr_t)dpa, (size_t)dsz);
	gicc = ioremap((paddr_t)cpa, (size_t)csz);
	if (!gicd || !gicc)
		return -ENOMEM;
	gic_lines = ((readl(gicd + GICD_TYPER) & 0x1F) + 1) * 32;
	writel(0, gicd + GICD_CTLR);
	for (i = 32; i < gic_lines; i += 32)
		writel(0xFFFFFFFF, gicd + GICD_ICENABLER(i / 32));
	for (i = 32; i < gic_lines; i += 4) {
		writel(0xA0A0A0A0, gicd + GICD_IPRIORITYR(i / 4));
		writel(0x01010101, gicd + GICD_ITARGETSR(i / 4));	/* CPU 0 */
	}
	writel(1, gicd + GICD_CTLR);
	writel(0xF0, gicc + GICC_PMR);		/* let every priority through */
	writel(1, gicc + GICC_CTLR);
	irq_set_chip(&gic_chip);
	printk("GIC: distributor 0x%08x, CPU interface 0x%08x, %u lines\n",
	       (u32)dpa, (u32)cpa, gic_lines);
	return 0;
}

DRIVER(gic_a9, "arm,cortex-a9-gic", 0, gic_probe);
DRIVER(gic_a15, "arm,cortex-a15-gic", 0, gic_probe);
