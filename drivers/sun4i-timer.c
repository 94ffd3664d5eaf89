/*
 * Allwinner A10 timers ("allwinner,sun4i-a10-timer"; A10 user manual,
 * "Timer Controller"): the periodic tick on QEMU's cubieboard.  Timer 0
 * counts *down* from its interval at 24 MHz (OSC24M), interrupts at zero
 * (line 22 of the interrupt controller) and reloads: HZ times a second.
 *
 *   offset  register        use here
 *   ------  --------------  ---------------------------------------------
 *   0x00    TMR_IRQ_EN      bit n: timer n may interrupt
 *   0x04    TMR_IRQ_STA     bit n: timer n reached 0 (write 1 to clear)
 *   0x10    TMR0_CTRL       EN (bit 0), RELOAD (bit 1: load the interval
 *                           now), CLK_SRC (bits 3:2, 1 = OSC24M),
 *                           CLK_PRES (bits 6:4, 0 = /1), MODE (bit 7,
 *                           0 = continuous)
 *   0x14    TMR0_INTV_VALUE the interval, in clock ticks
 *   0x18    TMR0_CUR_VALUE  the count
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

#define TMR_IRQ_EN		0x00
#define TMR_IRQ_STA		0x04
#define TMR0_CTRL		0x10
#define TMR0_INTV_VALUE		0x14
#define TMR0_IRQ		(1u << 0)

#define CTRL_EN			(1u << 0)
#define CTRL_RELOAD		(1u << 1)
#define CTRL_SRC_OSC24M		(1u << 2)

static void __iomem *tmr;

static void sun4i_timer_irq(int irq, void *dev)
{
	writel_relaxed(TMR0_IRQ, tmr + TMR_IRQ_STA);	/* write 1 to clear */
	timer_tick();
}

static int sun4i_timer_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	u32 hz = fdt_prop_u32(f, node, "clock-frequency", 24000000);
	int irq = fdt_irq(f, node, 0);

	if (tmr || tick_source_name)	/* one tick source is enough */
		return 0;
	if (!fdt_reg(f, node, 0, &pa, &size) || irq < 0)
		return -EINVAL;
	tmr = ioremap((paddr_t)pa, (size_t)size);
	if (!tmr)
		return -ENOMEM;
	writel(0, tmr + TMR0_CTRL);			/* stopped */
	writel(hz / HZ, tmr + TMR0_INTV_VALUE);
	writel(TMR0_IRQ, tmr + TMR_IRQ_STA);
	writel(readl(tmr + TMR_IRQ_EN) | TMR0_IRQ, tmr + TMR_IRQ_EN);
	/* RELOAD: start from the interval (the hardware clears the bit) */
	writel(CTRL_SRC_OSC24M | CTRL_RELOAD | CTRL_EN, tmr + TMR0_CTRL);
	tick_source_name = "sun4i-timer";
	printk("timer: A10 timer 0 at 0x%08x, irq %d, %u Hz clock, %u Hz tick\n",
	       (u32)pa, irq, hz, HZ);
	return request_irq(irq, sun4i_timer_irq, NULL, "sun4i-timer");
}

DRIVER(sun4i_timer, "allwinner,sun4i-a10-timer", 1, sun4i_timer_probe);
