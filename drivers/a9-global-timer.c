/*
 * Cortex-A9 MPCore global timer (DDI 0407, 4.3): a 64-bit up-counter
 * shared by the cores.  Here it is the clock behind ktime_get_ns(); QEMU
 * runs it at 100 MHz unless the DTB says otherwise (clock-frequency).
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/timer.h>
#include <mm/ioremap.h>
#include <asm/io.h>

#define GT_COUNT_LO	0x00
#define GT_COUNT_HI	0x04
#define GT_CTRL		0x08
#define GT_CTRL_ENABLE	1u

static void __iomem *gt;

/* Read hi, lo, hi again: retry if the low word wrapped in between. */
static u64 gt_read(void)
{
	u32 hi, lo, hi2;

	do {
		hi = readl_relaxed(gt + GT_COUNT_HI);
		lo = readl_relaxed(gt + GT_COUNT_LO);
		hi2 = readl_relaxed(gt + GT_COUNT_HI);
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

static int gt_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	u32 hz = fdt_prop_u32(f, node, "clock-frequency", 100000000);

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	gt = ioremap((paddr_t)pa, (size_t)size);
	if (!gt)
		return -ENOMEM;
	writel_relaxed(GT_CTRL_ENABLE, gt + GT_CTRL);	/* prescaler 0 */
	clocksource_register("a9-global-timer", gt_read, hz);
	return 0;
}

DRIVER(a9_gt, "arm,cortex-a9-global-timer", 1, gt_probe);
