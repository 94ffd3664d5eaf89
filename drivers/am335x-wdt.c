/*
 * TI AM335x watchdog timer WDT1 (AM335x TRM SPRUH73, 20.4), at 0x44E35000
 * on the BeagleBone Black.  Some boot loaders start it and leave it
 * running: unless the kernel stops it, the board resets itself a minute
 * or so after boot.  mmkernel has no watchdog daemon, so it stops it.
 *
 * The disable sequence (TRM 20.4.3.8, "Start/Stop Sequence for WDT"):
 *
 *   WSPR <- 0xAAAA
 *   wait until WWPS.W_PEND_WSPR = 0    (the write reached the timer's
 *                                       32 kHz clock domain)
 *   WSPR <- 0x5555
 *   wait until WWPS.W_PEND_WSPR = 0
 *
 * Both writes, in that order, with the wait in between: a second write to
 * a register whose previous write is still pending is lost, and then the
 * watchdog keeps running.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#ifndef HOST_TEST	/* tests/host/test_am335x.c supplies a register model */
#include <mm/ioremap.h>
#include <asm/io.h>
#endif

#define WDT_WWPS	0x34	/* write posting status */
#define WDT_WSPR	0x48	/* start/stop */
#define W_PEND_WSPR	(1u << 4)
#define WSPR_STOP1	0xAAAA
#define WSPR_STOP2	0x5555
#define WDT_POLL_LIMIT	1000000	/* the 32 kHz domain takes a few of its cycles */

/* wdt_wait_wspr - wait for the posted WSPR write; false on time-out. */
static bool wdt_wait_wspr(void __iomem *wdt)
{
	int i;

	for (i = 0; i < WDT_POLL_LIMIT; i++)
		if (!(readl_relaxed(wdt + WDT_WWPS) & W_PEND_WSPR))
			return true;
	return false;
}

/* wdt_disable - the TRM's stop sequence.  Returns 0 or -ETIMEDOUT. */
static int wdt_disable(void __iomem *wdt)
{
	writel_relaxed(WSPR_STOP1, wdt + WDT_WSPR);
	if (!wdt_wait_wspr(wdt))
		return -ETIMEDOUT;
	writel_relaxed(WSPR_STOP2, wdt + WDT_WSPR);
	if (!wdt_wait_wspr(wdt))
		return -ETIMEDOUT;
	return 0;
}

static int wdt_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	void __iomem *wdt;
	int err;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	wdt = ioremap((paddr_t)pa, (size_t)size);
	if (!wdt)
		return -ENOMEM;
	err = wdt_disable(wdt);
	if (err)
		return err;
	printk("watchdog: WDT at 0x%08x stopped\n", (u32)pa);
	return 0;
}

DRIVER(am335x_wdt, "ti,omap3-wdt", 1, wdt_probe);
