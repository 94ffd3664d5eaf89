/*
 * TI AM335x DMTimer (AM335x TRM SPRUH73, 20.1): the periodic tick on the
 * BeagleBone Black, from DMTimer2 (0x48040000, INTC line 68).  U-Boot
 * uses the same timer for its delays, so its clock is already on; the DTB
 * may still name the PRCM registers that turn it on (see below).
 *
 * The counter TCRR counts *up* from the load value TLDR at the timer's
 * clock (24 MHz from the crystal, CLK_M_OSC) and interrupts on overflow
 * (0xFFFFFFFF -> 0), when auto-reload puts TLDR back:
 *
 *   TLDR = 2^32 - clock / HZ        (24 MHz, HZ 100: 0xFFFC5680)
 *   TCLR = ST (start) | AR (auto-reload), prescaler off
 *
 * Write posting (TRM 20.1.3.7): a write to TCLR, TCRR, TLDR or TTGR is
 * taken by the timer's own clock domain some cycles later, and TWPS shows
 * which writes are still pending; writing the same register again before
 * that loses the first write.  tmr_write() waits for the register's
 * pending bit first, which is correct in posted and non-posted mode.
 *
 * mmkernel-specific DTB properties (both optional):
 *   ti,clkctrl = <PA>         CM_PER_TIMERn_CLKCTRL: set MODULEMODE to
 *                             ENABLE (2) and wait until IDLEST says
 *                             the module is functional
 *   ti,clksel  = <PA VALUE>   CLKSEL_TIMERn_CLK: clock source (1 = CLK_M_OSC)
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#ifndef HOST_TEST	/* tests/host/test_am335x.c supplies a register model */
#include <mm/ioremap.h>
#include <asm/io.h>
#endif

#define TIOCP_CFG		0x10
#define IRQSTATUS		0x28
#define IRQENABLE_SET		0x2C
#define IRQENABLE_CLR		0x30
#define TCLR			0x38
#define TCRR			0x3C
#define TLDR			0x40
#define TTGR			0x44
#define TWPS			0x48

#define TIOCP_SOFTRESET		0x1
#define IRQ_MAT			0x1	/* match */
#define IRQ_OVF			0x2	/* overflow */
#define IRQ_TCAR		0x4	/* capture */
#define TCLR_ST			0x1	/* start */
#define TCLR_AR			0x2	/* auto-reload */
/* TWPS: write pending for ... */
#define W_PEND_TCLR		0x1
#define W_PEND_TCRR		0x2
#define W_PEND_TLDR		0x4
#define W_PEND_TTGR		0x8

#define CLKCTRL_MODULEMODE_ENABLE 0x2
#define CLKCTRL_IDLEST_MASK	(0x3u << 16)	/* 0 = fully functional */
#define DMTIMER_POLL_LIMIT		100000

static void __iomem *tmr;

/* tmr_write - write reg once the previous write to it has been taken. */
static void tmr_write(unsigned reg, unsigned pend, u32 v)
{
	int i;

	for (i = 0; i < DMTIMER_POLL_LIMIT && (readl_relaxed(tmr + TWPS) & pend); i++)
		;
	writel_relaxed(v, tmr + reg);
}

static void dmtimer_irq(int irq, void *dev)
{
	writel_relaxed(IRQ_OVF, tmr + IRQSTATUS);	/* write 1 to clear */
	timer_tick();
}

/* dmtimer_load - the TLDR value that overflows hz / HZ times a second. */
static u32 dmtimer_load(u32 hz)
{
	return 0u - hz / HZ;
}

/*
 * dmtimer_hw_init - soft reset, then a periodic overflow interrupt HZ
 * times a second from a clock of hz.  Returns 0 or -ETIMEDOUT if the
 * reset never completes (the module's clock is off).
 */
static int dmtimer_hw_init(u32 hz)
{
	u32 load = dmtimer_load(hz);
	int i;

	writel_relaxed(TIOCP_SOFTRESET, tmr + TIOCP_CFG);
	for (i = 0; readl_relaxed(tmr + TIOCP_CFG) & TIOCP_SOFTRESET; i++)
		if (i == DMTIMER_POLL_LIMIT)
			return -ETIMEDOUT;
	tmr_write(TCLR, W_PEND_TCLR, 0);			/* stopped */
	tmr_write(TLDR, W_PEND_TLDR, load);
	tmr_write(TCRR, W_PEND_TCRR, load);
	writel_relaxed(IRQ_MAT | IRQ_OVF | IRQ_TCAR, tmr + IRQSTATUS);
	writel_relaxed(IRQ_MAT | IRQ_TCAR, tmr + IRQENABLE_CLR);
	writel_relaxed(IRQ_OVF, tmr + IRQENABLE_SET);
	tmr_write(TCLR, W_PEND_TCLR, TCLR_ST | TCLR_AR);
	return 0;
}

/* prcm_enable - the optional clock set-up described at the top. */
static int prcm_enable(const struct fdt *f, int node)
{
	u32 len;
	const u8 *p;
	void __iomem *reg;
	int i;

	p = fdt_prop(f, node, "ti,clksel", &len);
	if (p && len == 8) {
		reg = ioremap(fdt32(p), 4);
		if (!reg)
			return -ENOMEM;
		writel(fdt32(p + 4), reg);
	}
	p = fdt_prop(f, node, "ti,clkctrl", &len);
	if (p && len == 4) {
		reg = ioremap(fdt32(p), 4);
		if (!reg)
			return -ENOMEM;
		writel(CLKCTRL_MODULEMODE_ENABLE, reg);
		for (i = 0; readl(reg) & CLKCTRL_IDLEST_MASK; i++)
			if (i == DMTIMER_POLL_LIMIT)
				return -ETIMEDOUT;
	}
	return 0;
}

static int dmtimer_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	u32 hz = fdt_prop_u32(f, node, "clock-frequency", 24000000);
	int irq = fdt_irq(f, node, 0), err;

	if (tmr || tick_source_name)	/* one tick source is enough */
		return 0;
	if (!fdt_reg(f, node, 0, &pa, &size) || irq < 0)
		return -EINVAL;
	err = prcm_enable(f, node);
	if (err)
		return err;
	tmr = ioremap((paddr_t)pa, (size_t)size);
	if (!tmr)
		return -ENOMEM;
	err = dmtimer_hw_init(hz);
	if (err)
		return err;
	tick_source_name = "dmtimer";
	printk("timer: AM335x DMTimer at 0x%08x, irq %d, %u Hz clock, %u Hz tick\n",
	       (u32)pa, irq, hz, HZ);
	return request_irq(irq, dmtimer_irq, NULL, "dmtimer");
}

DRIVER(am335x_dmtimer, "ti,am335x-timer", 1, dmtimer_probe);
