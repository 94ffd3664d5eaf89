/*
 * kernel/task.c - making and ending tasks: fork, exit, wait4, kill.
 *
 * fork (do_fork) copies the caller: a new task_struct and kernel stack,
 * the address space through dup_mm() (copy-on-write, nothing copied
 * yet), the open files (shared, counted), and the user registers with r0
 * = 0 so that the child sees fork() return 0.  The child starts in
 * ret_from_fork (arch/arm/switch.S) and returns to user mode.
 *
 * exit (do_exit) releases what the task owns except its task_struct and
 * kernel stack (it is running on it): the parent's wait4 frees those.
 */
#include <kernel/task.h>
#include <kernel/signal.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/irqflags.h>
#include <kernel/uaccess.h>
#include <kernel/bug.h>
#include <kernel/file.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/mmu_context.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/mmap.h>
#include <mm/arch_mmu.h>

static struct kmem_cache *task_cachep;
unsigned long nr_forks;

void task_init(void)
{
	task_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct), 8, 0, NULL);
	BUG_ON(!task_cachep);
}

/* alloc_task - a task_struct and an 8 KiB kernel stack, not yet runnable. */
struct task_struct *alloc_task(const char *name)
{
	struct task_struct *t = kmem_cache_alloc(task_cachep, GFP_KERNEL);

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->stack = get_free_pages(GFP_KERNEL, 1);	/* 8 KiB, 8 KiB aligned */
	if (!t->stack) {
		kmem_cache_free(task_cachep, t);
		return NULL;
	}
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	strlcpy(t->comm, name, sizeof(t->comm));
	t->state = TASK_SLEEPING;	/* not on the run queue yet */
	return t;
}

void free_task(struct task_struct *t)
{
	free_pages(t->stack, 1);
	kmem_cache_free(task_cachep, t);
}

/* Link a new task under parent, in the task list, with pid. */
static void attach_task(struct task_struct *t, struct task_struct *parent, int pid)
{
	t->pid = pid;
	t->parent = parent;
	list_add_tail(&t->sibling, &parent->children);
	list_add_tail(&t->tasks, &task_list);
}

long do_fork(struct pt_regs *regs)
{
	struct task_struct *child;
	struct pt_regs *cregs;
	int i, pid = alloc_pid();

	if (pid < 0)
		return pid;
	child = alloc_task(current->comm);
	if (!child)
		return -ENOMEM;
	child->mm = dup_mm(current->mm);
	if (!child->mm) {
		free_task(child);
		return -ENOMEM;
	}
	for (i = 0; i < NR_OPEN; i++)
		if ((child->files[i] = current->files[i]))
			file_get(child->files[i]);
	child->oom_score_adj = current->oom_score_adj;
	cregs = task_pt_regs(child);
	*cregs = *regs;
	cregs->r[0] = 0;			/* fork() returns 0 in the child */
	child->context.sp = (u32)(uintptr_t)cregs;
	child->context.pc = (u32)(uintptr_t)ret_from_fork;
	attach_task(child, current, pid);
	nr_forks++;
	wake_up_new_task(child);
	return child->pid;
}

/* reparent_children - t's children get init (pid 1) as their parent. */
void reparent_children(struct task_struct *t)
{
	struct task_struct *c, *n, *init = find_task(1);
	bool zombies = false;

	if (!init || init == t)
		init = &init_task;
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = init;
		list_add_tail(&c->sibling, &init->children);
		zombies |= c->state == TASK_ZOMBIE;
	}
	if (zombies)
		wakeup(init);
}

void do_exit(int status)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;
	int i;

	if (t->pid == 1)	/* as Linux: nothing could reap orphans any more */
		panic("Attempted to kill init! exit code 0x%08x", status);
	for (i = 0; i < NR_OPEN; i++) {
		if (t->files[i]) {
			file_put(t->files[i]);
			t->files[i] = NULL;
		}
	}
	if (mm) {
		switch_mm(mm, &init_mm);	/* leave the tables before freeing them */
		t->mm = NULL;
		mmput(mm);
	}
	local_irq_disable();
	reparent_children(t);
	t->exit_code = status;
	t->state = TASK_ZOMBIE;
	wakeup(t->parent);
	schedule();
	BUG();		/* a zombie is never scheduled again */
}

/* A zombie child of current matching pid (-1: any), or NULL. */
static struct task_struct *find_zombie(int pid, bool *any_child)
{
	struct task_struct *c;

	*any_child = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (pid != -1 && c->pid != pid)
			continue;
		*any_child = true;
		if (c->state == TASK_ZOMBIE)
			return c;
	}
	return NULL;
}

long do_wait4(int pid, vaddr_t status_ptr, int options)
{
	struct task_struct *c;
	unsigned long flags;
	bool any;
	int cpid, status;

	if (pid < -1 || pid == 0)
		pid = -1;	/* process groups do not exist: any child */
	local_irq_save(flags);
	while (!(c = find_zombie(pid, &any))) {
		if (!any || (options & WNOHANG) || signal_pending(current)) {
			local_irq_restore(flags);
			return !any ? -ECHILD : (options & WNOHANG) ? 0 : -EINTR;
		}
		sleep_on(current);
	}
	list_del(&c->sibling);
	list_del(&c->tasks);
	local_irq_restore(flags);
	cpid = c->pid;
	status = c->exit_code;
	current->min_flt += c->min_flt;	/* as Linux's cmin_flt, folded in */
	free_task(c);
	if (status_ptr && copy_to_user(status_ptr, &status, sizeof(status)))
		return -EFAULT;
	return cpid;
}

void force_sig(struct task_struct *t, int sig)
{
	if (!t->pending_sig)
		t->pending_sig = sig;
	if (t->state == TASK_SLEEPING)
		wakeup(t->wait_chan);
}

bool signal_pending(const struct task_struct *t)
{
	return t->pending_sig != 0;
}

long do_kill(int pid, int sig)
{
	struct task_struct *t = find_task(pid);

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (!t || t->state == TASK_ZOMBIE || pid == 0)
		return -ESRCH;
	if (pid == 1 && sig != 0)
		return -EPERM;		/* init cannot be killed */
	if (sig)
		force_sig(t, sig);
	return 0;
}

/*
 * exit_to_user - last stop before returning to user mode (entry.S): a
 * pending signal ends the task; an expired time slice switches tasks.
 */
struct pt_regs *exit_to_user(struct pt_regs *regs)
{
	local_irq_disable();
	while (need_resched || current->pending_sig) {
		if (current->pending_sig) {
			local_irq_enable();
			do_exit(W_EXITCODE(0, current->pending_sig));
		}
		schedule();
	}
	return regs;
}
