#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

/*
 * ktime_get_ns - nanoseconds since boot from the board's free-running
 * counter.  Under `qemu -icount shift=0` one guest instruction is one
 * virtual nanosecond, so differences count instructions (make bench).
 */
u64 ktime_get_ns(void);

/*
 * ktime_get_real_ns - wall-clock time (CLOCK_REALTIME): nanoseconds since
 * 1970, the monotonic clock plus what an RTC said at boot
 * (timekeeping_set_realtime); without an RTC the clock starts at 1970.
 */
u64 ktime_get_real_ns(void);
void timekeeping_set_realtime(u64 seconds_since_1970);

extern volatile unsigned long jiffies;	/* ticks since boot */
#define HZ 100

#endif
