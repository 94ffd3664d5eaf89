/*
 * kernel/kthread.c - kernel threads: tasks that run a kernel function and
 * never return to user mode (the writeback flushers, later kswapd).  They
 * have no mm of their own; on a switch to one the previous task's tables
 * stay loaded (it only touches kernel addresses, the same in every
 * table), as Linux's lazy TLB switching does.  ps shows them with their
 * name in brackets.
 */
#include <kernel/sched.h>
#include <kernel/task.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/printk.h>

/* The first code a kernel thread runs (its context.pc). */
static void kthread_entry(void)
{
	int ret;

	local_irq_enable();
	ret = current->threadfn(current->thread_data);
	panic("kthread %s returned %d: kernel threads here run for ever", current->comm, ret);
}

struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *t;
	int pid = alloc_pid();

	if (pid < 0)
		return NULL;
	t = alloc_task(name);
	if (!t)
		return NULL;
	t->threadfn = fn;
	t->thread_data = data;
	t->context.sp = (u32)(uintptr_t)task_pt_regs(t);
	t->context.pc = (u32)(uintptr_t)kthread_entry;
	t->pid = pid;
	t->pgid = t->sid = 0;
	t->parent = &init_task;
	list_add_tail(&t->sibling, &init_task.children);
	list_add_tail(&t->tasks, &task_list);
	wake_up_new_task(t);
	return t;
}
