/*
 * ARM Dual-Timer SP804 (DDI 0271): the periodic tick on vexpress-a9.
 * Timer 1 of the pair counts down from LOAD at 1 MHz (QEMU's clock for
 * it) and interrupts on reaching zero, then reloads: HZ times a second.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <mm/ioremap.h>
#include <asm/io.h>
#include <kernel/profile.h>
#include <kernel/cmdline.h>

#define TIMER2		0x20	/* the second timer of the pair */
#define T_MIS		0x14
#define T_LOAD		0x00
#define T_VALUE		0x04
#define T_CTRL		0x08
#define T_INTCLR	0x0C
#define CTRL_ENABLE	(1u << 7)
#define CTRL_PERIODIC	(1u << 6)
#define CTRL_INTEN	(1u << 5)
#define CTRL_32BIT	(1u << 1)

static void __iomem *sp804;

/* Both timers of the pair share the interrupt: see which one fired. */
static void sp804_irq(int irq, void *dev)
{
	if (readl_relaxed(sp804 + TIMER2 + T_MIS)) {
		writel_relaxed(1, sp804 + TIMER2 + T_INTCLR);
		profile_hit(irq_regs);
	}
	if (readl_relaxed(sp804 + T_MIS)) {
		writel_relaxed(1, sp804 + T_INTCLR);
		timer_tick();
	}
}

/* profile=HZ: the second timer samples the interrupted pc (kernel/profile.c). */
static void sp804_start_profiling(u32 clk_hz)
{
	unsigned rate = profile_init(boot_command_line);

	if (!rate)
		return;
	writel_relaxed(0, sp804 + TIMER2 + T_CTRL);
	writel_relaxed(clk_hz / rate ? clk_hz / rate : 1, sp804 + TIMER2 + T_LOAD);
	writel_relaxed(CTRL_ENABLE | CTRL_PERIODIC | CTRL_INTEN | CTRL_32BIT,
		       sp804 + TIMER2 + T_CTRL);
	printk("profile: sampling at %u Hz\n", rate);
}

static int sp804_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	u32 hz = fdt_prop_u32(f, node, "clock-frequency", 1000000);
	int irq = fdt_irq(f, node, 0);

	if (sp804 || tick_source_name)	/* one tick source is enough */
		return 0;
	if (!fdt_reg(f, node, 0, &pa, &size) || irq < 0)
		return -EINVAL;
	sp804 = ioremap((paddr_t)pa, (size_t)size);
	if (!sp804)
		return -ENOMEM;
	writel_relaxed(0, sp804 + T_CTRL);
	writel_relaxed(hz / HZ, sp804 + T_LOAD);
	writel_relaxed(CTRL_ENABLE | CTRL_PERIODIC | CTRL_INTEN | CTRL_32BIT,
		       sp804 + T_CTRL);
	tick_source_name = "sp804";
	sp804_start_profiling(hz);
	printk("timer: SP804 at 0x%08x, irq %d, %u Hz tick\n", (u32)pa, irq, HZ);
	return request_irq(irq, sp804_irq, NULL, "sp804");
}

DRIVER(sp804, "arm,sp804", 1, sp804_probe);
