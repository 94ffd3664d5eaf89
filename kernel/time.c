/*
 * Time: jiffies counted by the periodic tick, and ktime_get_ns() from the
 * best free-running counter a driver registered; before one is, from the
 * board's own counter (vexpress: SYS_24MHZ), else from jiffies (10 ms).
 *
 * One clock: when a counter is registered, it takes over where the early
 * clock was (cs_offset_ns), so times printed before and after the switch
 * compare ("mem_map initialised in ..." then "Boot complete at ...").
 */
#include <kernel/time.h>
#include <kernel/timer.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscalls.h>
#include <kernel/driver.h>
#include <kernel/fs.h>

volatile unsigned long jiffies;
const char *tick_source_name;

static u64 (*cs_read)(void);
static u32 cs_hz;
static u32 cs_ns_per_tick;	/* 1e9 / cs_hz when that is whole (100 MHz: 10), else 0 */
static const char *cs_name;
static u64 cs_offset_ns;	/* added to the counter: the early clock's time at the switch */

/*
 * Convert ticks to ns without 64-bit overflow for any realistic uptime.
 * A whole number of ns per tick (the A9 global timer's 100 MHz: 10, the
 * generic timer's 62.5 MHz: 16): one multiply, where three 64-bit
 * divisions in software cost hundreds of instructions, twice per block
 * I/O.  Else whole seconds and the remainder separately.
 */
static u64 cs_ns(void)
{
	u64 t = cs_read();

	if (cs_ns_per_tick)
		return t * cs_ns_per_tick;
	return (t / cs_hz) * 1000000000ull + (t % cs_hz) * 1000000000ull / cs_hz;
}

static u64 early_ns(void)
{
	u64 ns = board_uptime_ns();	/* the board's counter, if it has one */

	return ns ? ns : (u64)jiffies * (1000000000ull / HZ);
}

void clocksource_register(const char *name, u64 (*read)(void), u32 hz)
{
	u64 now = ktime_get_ns();

	cs_read = read;
	cs_hz = hz;
	cs_ns_per_tick = 1000000000u % hz ? 0 : 1000000000u / hz;
	cs_name = name;
	cs_offset_ns = now - cs_ns();	/* modulo 2^64: the sum below is right */
	printk("clocksource: %s at %u Hz\n", name, hz);
}

u64 ktime_get_ns(void)
{
	return cs_read ? cs_ns() + cs_offset_ns : early_ns();
}

static u64 realtime_offset_ns;
static struct timespec64 xtime;		/* wall clock at the last tick */

static void update_xtime(void)
{
	u64 ns = ktime_get_real_ns();

	xtime.tv_sec = (s64)(ns / 1000000000u);
	xtime.tv_nsec = (long)(ns % 1000000000u);
}

void timekeeping_set_realtime(u64 seconds)
{
	realtime_offset_ns = seconds * 1000000000ull - ktime_get_ns();
	update_xtime();
}

/*
 * current_time - the wall clock to a tick (10 ms), for file times: read
 * on every write() and read(), so it must cost nothing (Linux's coarse
 * clock, ktime_get_coarse_real_ts64, for the same reason).
 */
struct timespec64 current_time(void)
{
	return xtime;
}

u64 ktime_get_real_ns(void)
{
	return realtime_offset_ns + ktime_get_ns();
}

void timer_tick(void)
{
	jiffies++;
	update_xtime();
	sched_tick();
	sleepers_tick();
	timed_sleepers_tick();
}
