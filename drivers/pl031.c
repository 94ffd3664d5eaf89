/*
 * ARM PrimeCell RTC PL031 (DDI 0224): a counter of seconds since 1970
 * that keeps running while the board is off (QEMU's starts at the host's
 * time).  Read once at boot, it sets the wall clock (CLOCK_REALTIME, and
 * so the times of files); the kernel's own clocks run on from there.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <mm/ioremap.h>
#include <asm/io.h>

#define RTC_DR	0x00	/* data register: the current count */

/* days_to_civil - the date of day n since 1970-01-01 (proleptic Gregorian). */
static void days_to_civil(u32 n, unsigned *y, unsigned *m, unsigned *d)
{
	u32 z = n + 719468, era = z / 146097, doe = z - era * 146097;
	u32 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	u32 doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int pl031_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	void __iomem *rtc;
	unsigned y, mo, d;
	u32 now;

	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	rtc = ioremap((paddr_t)pa, (size_t)size);
	if (!rtc)
		return -ENOMEM;
	now = readl_relaxed(rtc + RTC_DR);
	iounmap((void *)rtc);
	timekeeping_set_realtime(now);
	days_to_civil(now / 86400, &y, &mo, &d);
	printk("rtc: PL031 at 0x%08x: %04u-%02u-%02u %02u:%02u:%02u UTC\n", (u32)pa, y, mo, d,
	       now % 86400 / 3600, now % 3600 / 60, now % 60);
	return 0;
}

DRIVER(pl031, "arm,pl031", 1, pl031_probe);
