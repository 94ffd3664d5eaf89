/*
 * Versatile Express system registers (ARM DUI 0447, 4.3): the
 * configuration interface powers the board off.  Writing SYS_CFGCTRL with
 * START | WRITE | function 8 (SHUTDOWN) asks the motherboard controller to
 * cut power; QEMU exits.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/ioremap.h>
#include <asm/io.h>
#include <asm/memory.h>

#define SYS_CFGDATA	0xA0
#define SYS_CFGCTRL	0xA4
#define SYS_CFGSTAT	0xA8
#define CFGCTRL_START	(1u << 31)
#define CFGCTRL_WRITE	(1u << 30)
#define CFGCTRL_FUNC(f)	((u32)(f) << 20)
#define FUNC_SHUTDOWN	8

static void __iomem *sysreg;

static void vexpress_poweroff(void)
{
	writel(0, sysreg + SYS_CFGSTAT);
	writel(0, sysreg + SYS_CFGDATA);
	writel(CFGCTRL_START | CFGCTRL_WRITE | CFGCTRL_FUNC(FUNC_SHUTDOWN),
	       sysreg + SYS_CFGCTRL);
}

static int sysreg_probe(const struct fdt *f, int node)
{
	u64 pa, size;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	sysreg = ioremap((paddr_t)pa, (size_t)size);
	if (!sysreg)
		return -ENOMEM;
	machine_poweroff_hook = vexpress_poweroff;
	return 0;
}

DRIVER(vexpress_sysreg, "arm,vexpress-sysreg", 1, sysreg_probe);

/*
 * SYS_24MHZ (offset 0x5C): a counter of 24 MHz ticks since the board was
 * powered on.  Under `qemu -icount shift=0` it follows the virtual clock,
 * so it times the whole boot in instructions (make bench).  Before the
 * driver probes, it is read through the early console's section, which on
 * vexpress also holds the system registers (0x10000000).
 */
#define SYS_24MHZ	0x5C
#define SYSREG_PHYS	0x10000000u

static u64 ticks_to_ns(u32 ticks)
{
	return (u64)ticks * 125 / 3;	/* 1e9 / 24e6 = 125 / 3 */
}

u64 board_uptime_ns(void)
{
	if (sysreg)
		return ticks_to_ns(readl(sysreg + SYS_24MHZ));
	if ((DEBUG_UART_PHYS & 0xFFF00000u) == SYSREG_PHYS)
		return ticks_to_ns(readl((void __iomem *)(FIX_EARLYCON_SECTION + SYS_24MHZ)));
	return 0;
}
