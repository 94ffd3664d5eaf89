/*
 * kernel/sched.c - round-robin scheduling on one CPU.
 *
 * The run queue is a list of TASK_RUNNING tasks other than `current`; the
 * idle task (pid 0) is never on it and runs only when it is empty.  The
 * tick takes one from current->ticks; at zero it sets need_resched, and
 * the task is switched out on its way back to user mode (exit_to_user).
 */
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <asm/traps.h>
#include <asm/mmu_context.h>
#include <kernel/profile.h>
#include <mm/highmem.h>
#include <kernel/time.h>
#include <kernel/selftest.h>
#include <kernel/stat.h>

struct task_struct init_task = {
	.pid = 0,
	.state = TASK_RUNNING,
	.comm = "swapper",
};
struct task_struct *current = &init_task;
LIST_HEAD(task_list);
bool need_resched;

static LIST_HEAD(run_queue);
static int last_pid;
unsigned long nr_context_switches;

void sched_init(void)
{
	INIT_LIST_HEAD(&init_task.children);
	INIT_LIST_HEAD(&init_task.sibling);
	INIT_LIST_HEAD(&init_task.run_list);
	list_add_tail(&init_task.tasks, &task_list);
}

/*
 * alloc_pid - the next free pid above the last one handed out (wraps at
 * 32768), or -EAGAIN if every one is taken.
 */
int alloc_pid(void)
{
	int tries;

	for (tries = 0; tries < 32767; tries++) {
		last_pid = last_pid >= 32767 ? 1 : last_pid + 1;
		if (!find_task(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

struct task_struct *find_task(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

struct pt_regs *task_pt_regs(struct task_struct *t)
{
	return (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
}

void wake_up_new_task(struct task_struct *t)
{
	unsigned long flags;

	local_irq_save(flags);
	t->state = TASK_RUNNING;
	t->ticks = TIMESLICE_TICKS;
	list_add_tail(&t->run_list, &run_queue);
	local_irq_restore(flags);
}

/*
 * schedule - give the CPU to the next runnable task.  If current is still
 * RUNNING it goes to the back of the queue.  Interrupt state is saved and
 * restored around the switch: each task gets its own back.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	local_irq_save(flags);
	need_resched = false;
	if (prev->state == TASK_RUNNING && prev != &init_task)
		list_add_tail(&prev->run_list, &run_queue);
	if (list_empty(&run_queue)) {
		next = &init_task;
	} else {
		next = list_first_entry(&run_queue, struct task_struct, run_list);
		list_del(&next->run_list);
	}
	next->ticks = TIMESLICE_TICKS;
	if (next != prev) {
		nr_context_switches++;
		if (prev->state == TASK_RUNNING)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		if (next->mm)
			switch_mm(prev->mm, next->mm);
		if (unlikely(prev->kmap_local_nr | next->kmap_local_nr)) {
			kmap_local_sched_out(prev);
			kmap_local_sched_in(next);
		}
		current = next;
		cpu_switch_to(prev, next);
	}
	local_irq_restore(flags);
}

/* schedule_tail - first thing a new task does (from ret_from_fork). */
void schedule_tail(void)
{
	local_irq_enable();
}

/*
 * sched_tick - from the timer interrupt: charge the tick to the
 * interrupted task's user or system time (and to the CPU's, kernel/stat.c),
 * and count down its slice.
 */
void sched_tick(void)
{
	bool user = irq_regs && user_mode(irq_regs);

	account_tick(user);
	if (current != &init_task) {
		if (user)
			current->utime++;
		else
			current->stime++;
	}
	if (current != &init_task && --current->ticks <= 0)
		need_resched = true;
	if (current == &init_task && !list_empty(&run_queue))
		need_resched = true;
}

/* sleep_on - wait for wakeup(chan).  Call with IRQs disabled, in a loop
 * that re-checks the condition (a wakeup may be for someone else). */
void sleep_on(const void *chan)
{
	current->wait_chan = chan;
	current->state = TASK_SLEEPING;
	schedule();
	current->wait_chan = NULL;
}

unsigned long sleep_on_timeout(const void *chan, unsigned long timeout)
{
	unsigned long until = jiffies + (timeout ? timeout : 1);

	current->sleep_until = until ? until : 1;
	sleep_on(chan);
	current->sleep_until = 0;
	return (long)(until - jiffies) > 0 ? until - jiffies : 0;
}

void io_sleep_on(const void *chan)
{
	current->in_iowait = true;
	sleep_on(chan);
	current->in_iowait = false;
}

/* From the tick: end the timed sleeps that are due. */
void timed_sleepers_tick(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks) {
		if (t->state == TASK_SLEEPING && t->sleep_until &&
		    (long)(jiffies - t->sleep_until) >= 0) {
			t->sleep_until = 0;
			t->state = TASK_RUNNING;
			list_add_tail(&t->run_list, &run_queue);
		}
	}
}

unsigned long nr_iowait(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n += t->state == TASK_SLEEPING && t->in_iowait;
	return n;
}

unsigned long nr_running(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		n += t->state == TASK_RUNNING && t != &init_task;
	return n;
}

void wakeup(const void *chan)
{
	struct task_struct *t;
	unsigned long flags;

	local_irq_save(flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (t->state == TASK_SLEEPING && t->wait_chan == chan) {
			t->state = TASK_RUNNING;
			list_add_tail(&t->run_list, &run_queue);
		}
	}
	local_irq_restore(flags);
}

/*
 * Nanoseconds spent waiting in WFI since boot.  Under `-icount shift=0`
 * an instruction is a nanosecond, and an idle CPU's clock jumps to the
 * next timer event: a benchmark that waits for a disk subtracts this to
 * count the instructions it cost, not the wait (/proc/idle_ns, mmbench).
 */
static u64 idle_ns;

/* cpu_idle - the boot thread's last job: run others, or wait for an IRQ. */
void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!list_empty(&run_queue)) {
			schedule();
		} else {
			u64 t0 = ktime_get_ns();

			cpu_in_idle = true;		/* the ticks until then are idle time */
			__asm__ volatile("wfi");	/* an IRQ wakes us, masked or not */
			idle_ns += ktime_get_ns() - t0;
			local_irq_enable();		/* the tick is taken here ... */
			local_irq_disable();
			cpu_in_idle = false;		/* ... and what follows is work */
		}
		local_irq_enable();
	}
}

static void show_idle_ns(struct seq_buf *s)
{
	seq_printf(s, "%llu\n", (unsigned long long)idle_ns);
}
VIEW(idle_ns, show_idle_ns);
