#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/types.h>

/* Called by the tick source's interrupt handler, HZ times a second. */
void timer_tick(void);

/* Name of the driver that provides the tick (NULL until one probed). */
extern const char *tick_source_name;

/* A free-running counter of `hz` ticks a second, behind ktime_get_ns(). */
void clocksource_register(const char *name, u64 (*read)(void), u32 hz);

#endif
