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
