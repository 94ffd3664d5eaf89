/*
 * The PL310 (L2C-310) outer cache of Cortex-A9 boards (ARM DDI 0246).
 *
 * This kernel's cache maintenance reaches the caches the architecture
 * defines (CLIDR: the L1 and, on the Cortex-A8 and A15, their integrated
 * L2); an outer cache like the PL310 is a separate device with its own
 * clean and invalidate registers, which the DMA and page-table paths do
 * not use.  With it on, a DMA buffer cleaned to the "PoC" would still sit
 * in the PL310.  So the rule here is simple: the PL310 stays off.  QEMU
 * starts it off; a boot loader may have turned it on, and then this
 * driver cleans and invalidates it and switches it off:
 *
 *   1. clean+invalidate L1 by set/way: dirty lines go down into the PL310
 *   2. PL310: clean+invalidate by way (all ways), wait, cache sync
 *   3. PL310 control register: enable = 0
 *
 * The control register is writable only from the Secure state.  If the
 * write does not stick (a Non-secure kernel on a board whose firmware
 * enabled it), the kernel stops with a message rather than run with an
 * outer cache it does not maintain.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/irqflags.h>
#include <kernel/bug.h>
#include <mm/ioremap.h>
#include <asm/io.h>
#include <asm/cacheflush.h>

#define L2X0_CTRL		0x100	/* bit 0: the cache is on */
#define L2X0_AUX_CTRL		0x104	/* bit 16: 16 ways (else 8) */
#define L2X0_CACHE_SYNC		0x730
#define L2X0_CLEAN_INV_WAY	0x7FC

#define L2X0_CTRL_EN		(1u << 0)
#define L2X0_AUX_16WAY		(1u << 16)

static void __iomem *l2x0;

/* Clean and invalidate every way, then drain (DDI 0246 3.3.10, 3.3.4). */
static void pl310_flush_all(void)
{
	u32 ways = (readl(l2x0 + L2X0_AUX_CTRL) & L2X0_AUX_16WAY) ? 0xffff : 0xff;

	writel(ways, l2x0 + L2X0_CLEAN_INV_WAY);
	while (readl(l2x0 + L2X0_CLEAN_INV_WAY) & ways)
		;
	writel(0, l2x0 + L2X0_CACHE_SYNC);
	while (readl(l2x0 + L2X0_CACHE_SYNC) & 1)
		;
}

static int pl310_probe(const struct fdt *f, int node)
{
	unsigned long flags;
	u64 pa, size;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	l2x0 = ioremap((paddr_t)pa, (size_t)size);
	if (!l2x0)
		return -ENOMEM;
	if (!(readl(l2x0 + L2X0_CTRL) & L2X0_CTRL_EN)) {
		printk("outer cache: PL310 at 0x%08x, off (this kernel keeps it off)\n",
		       (u32)pa);
		return 0;
	}
	local_irq_save(flags);
	v7_flush_dcache_all();			/* L1's dirty lines into the PL310 */
	pl310_flush_all();			/* and from there to memory */
	writel(0, l2x0 + L2X0_CTRL);
	local_irq_restore(flags);
	if (readl(l2x0 + L2X0_CTRL) & L2X0_CTRL_EN)
		panic("outer cache: the PL310 at 0x%08x is on and cannot be turned off from "
		      "here (Non-secure state?): this kernel does no outer-cache maintenance, "
		      "so DMA would not be coherent; have the firmware leave it off", (u32)pa);
	printk("outer cache: PL310 at 0x%08x was on (left by the boot loader): "
	       "cleaned, invalidated and turned off\n", (u32)pa);
	return 0;
}

DRIVER(pl310, "arm,pl310-cache", 0, pl310_probe);
