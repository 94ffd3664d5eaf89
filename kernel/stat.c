/*
 * kernel/stat.c - where the CPU's time went, and /proc/stat and
 * /proc/uptime in Linux's formats (fs/proc/stat.c and uptime.c there).
 *
 * Every tick of the periodic timer (HZ = 100, the same unit as Linux's
 * USER_HZ, so no conversion) is charged to one kind of time, by what the
 * timer interrupted:
 *
 *   interrupted          charged to   (the /proc/stat column)
 *   -------------------  ----------   ---------------------------------
 *   user mode            user         1: time running programs
 *   the idle loop        idle         4: nothing to run ...
 *                        iowait       5: ... while a task waits for I/O
 *   anything else        system       3: the kernel working for a task
 *
 * nice (2), irq (6), softirq (7), steal (8), guest (9) and guest_nice
 * (10) stay 0: there are no nice levels, an interrupt handler runs with
 * interrupts masked so the tick never lands in one, there are no softirqs
 * and no guests.  The sum of the columns is the number of ticks since the
 * timer started, which tools turn into percentages (vmstat, top).
 *
 * /proc/stat, with one CPU:
 *
 *   cpu  30 0 77 9712 0 0 0 0 0 0      the total (two spaces after "cpu")
 *   cpu0 30 0 77 9712 0 0 0 0 0 0      each CPU
 *   intr 10102 0 0 ...                 all interrupts, then one count per IRQ number
 *   ctxt 2873                          context switches since boot
 *   btime 1796310000                   boot time, seconds since 1970 (from the RTC; 0 without one)
 *   processes 57                       forks since boot
 *   procs_running 1                    runnable tasks, the reader included
 *   procs_blocked 0                    tasks waiting for I/O (uninterruptibly)
 *   softirq 0 0 0 0 0 0 0 0 0 0 0      the total, then one per softirq (none here)
 *
 * /proc/uptime: seconds since boot and seconds the CPUs were idle, with
 * two decimals ("98.41 97.12").
 */
#include <kernel/types.h>
#include <kernel/irq.h>
#include <kernel/irqflags.h>
#include <kernel/sched.h>
#include <kernel/selftest.h>
#include <kernel/time.h>
#include <kernel/stat.h>
#include <mm/mm_types.h>
#include <mm/vma.h>
#include <mm/meminfo.h>
#include <asm/traps.h>

struct cpu_times cpu_times;
bool cpu_in_idle;

/* account_tick - charge one tick (from the timer interrupt; see the table above). */
void account_tick(bool user)
{
	if (user)
		cpu_times.user++;
	else if (cpu_in_idle)
		*(nr_iowait() ? &cpu_times.iowait : &cpu_times.idle) += 1;
	else
		cpu_times.system++;
}

/* KernelStack of /proc/meminfo: one THREAD_SIZE stack per task but the boot one. */
unsigned long kernel_stack_kb(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n += t != &init_task && t->stack;
	return n * (THREAD_SIZE >> 10);
}

static void show_cpu_line(struct seq_buf *s, const char *name, const struct cpu_times *t)
{
	seq_printf(s, "%s %lu 0 %lu %lu %lu 0 0 0 0 0\n", name, t->user, t->system,
		   t->idle, t->iowait);
}

static void show_stat(struct seq_buf *s)
{
	struct cpu_times t;
	unsigned long flags, total = 0;
	int i;

	local_irq_save(flags);
	t = cpu_times;
	local_irq_restore(flags);
	show_cpu_line(s, "cpu ", &t);
	show_cpu_line(s, "cpu0", &t);
	for (i = 0; i < NR_IRQS; i++)
		total += irq_count[i];
	seq_printf(s, "intr %lu", total);
	for (i = 0; i < NR_IRQS; i++)
		seq_printf(s, " %lu", irq_count[i]);
	seq_printf(s, "\nctxt %lu\n", nr_context_switches);
	seq_printf(s, "btime %llu\n", (unsigned long long)((ktime_get_real_ns() - ktime_get_ns()) / 1000000000ull));
	seq_printf(s, "processes %lu\n", nr_forks);
	seq_printf(s, "procs_running %lu\n", nr_running());
	seq_printf(s, "procs_blocked %lu\n", nr_iowait());
	seq_printf(s, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}
VIEW(stat, show_stat);

/* "S.CC": seconds with two decimals, from hundredths. */
static void show_hundredths(struct seq_buf *s, u64 cs, const char *end)
{
	seq_printf(s, "%llu.%02u%s", cs / 100, (unsigned)(cs % 100), end);
}

static void show_uptime(struct seq_buf *s)
{
	show_hundredths(s, ktime_get_ns() / 10000000ull, " ");
	show_hundredths(s, (u64)cpu_times.idle * (100 / HZ), "\n");
}
VIEW(uptime, show_uptime);
