#ifndef KERNEL_STAT_H
#define KERNEL_STAT_H

#include <kernel/types.h>

/*
 * Where the CPU's time went, in ticks since boot (kernel/stat.c has the
 * rules; /proc/stat and /proc/uptime show them).
 */
struct cpu_times {
	unsigned long user, system, idle, iowait;
};
extern struct cpu_times cpu_times;
extern bool cpu_in_idle;		/* the idle loop is waiting for an interrupt */

/* account_tick - charge the tick that just interrupted user or kernel code. */
void account_tick(bool user);

/* Tasks waiting for I/O to complete (0 until there is a block layer). */
unsigned long nr_iowait(void);

extern unsigned long nr_context_switches;	/* kernel/sched.c */
extern unsigned long nr_forks;			/* kernel/task.c */

#endif
