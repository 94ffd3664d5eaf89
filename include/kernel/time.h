#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>

/*
 * ktime_get_ns - nanoseconds since boot from the board's free-running
 * counter.  Under `qemu -icount shift=0` one guest instruction is one
 * virtual nanosecond, so differences count instructions (make bench).
 */
u64 ktime_get_ns(void);

extern volatile unsigned long jiffies;	/* ticks since boot */
#define HZ 100

#endif
