/*
 * ARM Generic Timer (ARM ARM B8): the per-CPU timers of the Cortex-A7/A15,
 * read and programmed through CP15.  QEMU's virt board has one.  The
 * virtual timer (CNTV_*) gives the tick; the virtual count (CNTVCT) is the
 * clock behind ktime_get_ns().
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <asm/cp15.h>

#define CNT_CTL_ENABLE	1u
#define CNT_CTL_IMASK	2u

static u32 arch_timer_hz, ticks_per_jiffy;

static u64 arch_counter_read(void)
{
	return read_cntvct();
}

static void arch_timer_irq(int irq, void *dev)
{
	write_cntv_tval(ticks_per_jiffy);	/* rearm: also clears the condition */
	timer_tick();
}

/* The DTB's interrupts: secure phys, non-secure phys, virtual, hyp. */
static int arch_timer_probe(const struct fdt *f, int node)
{
	int irq = fdt_irq(f, node, 2);

	arch_timer_hz = read_cntfrq();
	if (!arch_timer_hz)
		arch_timer_hz = fdt_prop_u32(f, node, "clock-frequency", 0);
	if (!arch_timer_hz || irq < 0)
		return -EINVAL;
	clocksource_register("arch-timer", arch_counter_read, arch_timer_hz);
	if (tick_source_name)
		return 0;
	ticks_per_jiffy = arch_timer_hz / HZ;
	write_cntv_tval(ticks_per_jiffy);
	write_cntv_ctl(CNT_CTL_ENABLE);
	tick_source_name = "arch-timer";
	printk("timer: generic timer (virtual), irq %d, %u Hz counter, %u Hz tick\n",
	       irq, arch_timer_hz, HZ);
	return request_irq(irq, arch_timer_irq, NULL, "arch-timer");
}

DRIVER(armv7_timer, "arm,armv7-timer", 1, arch_timer_probe);
