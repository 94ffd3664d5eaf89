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
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/time.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/mmu_context.h>
#include <asm/tls.h>
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
	int pid = alloc_pid();

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
	child->files = dup_fd(current->files);
	child->fs = copy_fs_struct(current->fs);
	if (!child->files || !child->fs) {
		if (child->files)
			put_files_struct(child->files);
		free_fs_struct(child->fs);
		mmput(child->mm);
		free_task(child);
		return -ENOMEM;
	}
	child->umask = current->umask;
	child->oom_score_adj = current->oom_score_adj;
	child->make_it_fail = current->make_it_fail;
	child->pgid = current->pgid;
	child->sid = current->sid;
	cregs = task_pt_regs(child);
	*cregs = *regs;
	cregs->r[0] = 0;			/* fork() returns 0 in the child */
	child->context.sp = (u32)(uintptr_t)cregs;
	child->context.pc = (u32)(uintptr_t)ret_from_fork;
	arch_fork_tls(child);
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

	if (t->pid == 1)	/* as Linux: nothing could reap orphans any more */
		panic("Attempted to kill init! exit code 0x%08x", status);
	if (t->files) {
		put_files_struct(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		free_fs_struct(t->fs);
		t->fs = NULL;
	}
	if (mm) {
		t->maxrss_kb = get_mm_hiwater_rss(mm) * (PAGE_SIZE / 1024);
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

/* Does child c match wait4's pid argument (Linux's meanings)? */
static bool wait_matches(const struct task_struct *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->pgid == current->pgid;	/* our process group */
	return c->pgid == -pid;			/* process group -pid */
}

/* A zombie child of current matching pid, or NULL; *any_child: a match exists. */
static struct task_struct *find_zombie(int pid, bool *any_child)
{
	struct task_struct *c;

	*any_child = false;
	list_for_each_entry(c, &current->children, sibling) {
		if (!wait_matches(c, pid))
			continue;
		*any_child = true;
		if (c->state == TASK_ZOMBIE)
			return c;
	}
	return NULL;
}

/* struct rusage as 32-bit ARM Linux lays it out (two timevals, 14 longs). */
struct rusage32 {
	s32 ru_utime_sec, ru_utime_usec, ru_stime_sec, ru_stime_usec;
	s32 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	s32 ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct rusage32) == 72, "struct rusage is 72 bytes on ARM");

static void ticks_to_timeval(unsigned long ticks, s32 *sec, s32 *usec)
{
	*sec = (s32)(ticks / HZ);
	*usec = (s32)((ticks % HZ) * (1000000 / HZ));
}

/*
 * reap - c (a zombie child) is gone: fold what it used, with what its
 * own reaped children used, into current's children totals (Linux's
 * signal->c* fields), and describe it in *ru (RUSAGE_BOTH of the child).
 */
static void reap(struct task_struct *c, struct rusage32 *ru)
{
	memset(ru, 0, sizeof(*ru));
	ticks_to_timeval(c->utime + c->cutime, &ru->ru_utime_sec, &ru->ru_utime_usec);
	ticks_to_timeval(c->stime + c->cstime, &ru->ru_stime_sec, &ru->ru_stime_usec);
	ru->ru_maxrss = (s32)(c->maxrss_kb > c->cmaxrss_kb ? c->maxrss_kb : c->cmaxrss_kb);
	ru->ru_minflt = (s32)(c->min_flt + c->cmin_flt);
	ru->ru_majflt = (s32)(c->maj_flt + c->cmaj_flt);
	ru->ru_nvcsw = (s32)(c->nvcsw + c->cnvcsw);
	ru->ru_nivcsw = (s32)(c->nivcsw + c->cnivcsw);
	current->cutime += c->utime + c->cutime;
	current->cstime += c->stime + c->cstime;
	current->cmin_flt += c->min_flt + c->cmin_flt;
	current->cmaj_flt += c->maj_flt + c->cmaj_flt;
	current->cnvcsw += c->nvcsw + c->cnvcsw;
	current->cnivcsw += c->nivcsw + c->cnivcsw;
	if ((unsigned long)ru->ru_maxrss > current->cmaxrss_kb)
		current->cmaxrss_kb = (unsigned long)ru->ru_maxrss;
}

/*
 * wait4 (114): Linux's semantics.  pid > 0 that child, -1 any child, 0
 * any child in our process group, < -1 any child in group -pid.  Unknown
 * option bits are EINVAL.  The child is reaped first; a status or rusage
 * pointer that cannot be written then gives EFAULT (as Linux: the child
 * is gone all the same).
 */
long do_wait4(int pid, vaddr_t status_ptr, int options, vaddr_t rusage_ptr)
{
	struct task_struct *c;
	struct rusage32 ru;
	unsigned long flags;
	bool any;
	int cpid, status;

	if ((u32)options & ~(u32)(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL |
				  __WCLONE))
		return -EINVAL;
	if (pid == INT_MIN)
		return -ESRCH;		/* -pid would overflow (Linux's check) */
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
	reap(c, &ru);
	free_task(c);
	if (status_ptr && put_user_u32((u32)status, status_ptr))
		return -EFAULT;
	if (rusage_ptr && copy_to_user(rusage_ptr, &ru, sizeof(ru)))
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

/*
 * Send sig to one task found by kill.  Signal 0 only checks that it
 * exists.  A zombie still exists (until reaped) but takes no signal.
 * init (pid 1) ignores every signal it has no handler for, SIGKILL
 * included, as on Linux (SIGNAL_UNKILLABLE); here it has none.
 */
static void kill_one(struct task_struct *t, int sig)
{
	if (!sig || t->state == TASK_ZOMBIE || t->pid == 1)
		return;
	force_sig(t, sig);
}

/*
 * kill (37), Linux's targets: pid > 0 that process; 0 our process group;
 * -1 every process but init and ourselves; < -1 process group -pid.
 * Signals 0..64 (SIGRTMAX) are valid; there are no handlers, so every
 * one ends its target (the default action of almost all of them).
 * ESRCH when nothing matched.
 */
long do_kill(int pid, int sig)
{
	struct task_struct *t;
	int found = 0;

	if (sig < 0 || sig > SIGRTMAX)
		return -EINVAL;
	if (pid > 0) {
		t = find_task(pid);
		if (!t)
			return -ESRCH;
		kill_one(t, sig);
		return 0;
	}
	if (pid == INT_MIN)
		return -ESRCH;
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->pid)
			continue;		/* the idle task is not a process */
		if (pid == -1 ? (t->pid == 1 || t == current) :
		    t->pgid != (pid ? -pid : current->pgid))
			continue;
		found++;
		kill_one(t, sig);
	}
	return found ? 0 : -ESRCH;
}

/* ---- process groups and sessions (setpgid 57, getpgid 132, setsid 66, getsid 147) */

long sys_getpgid(int pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	return t && t->pid ? t->pgid : -ESRCH;
}

long sys_getsid(int pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	return t && t->pid ? t->sid : -ESRCH;
}

/* Is there a process (other than skip) in group pgid of session sid? */
static bool pgrp_exists(int pgid, int sid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid && t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

/*
 * setpgid: pid 0 is the caller, pgid 0 is pid.  The target must be the
 * caller or one of its children (ESRCH), in the caller's session and not
 * a session leader (EPERM), and a child must not have exec'd yet
 * (EACCES); a group joined must exist in that session (EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *t = pid ? find_task(pid) : current;

	if (pgid < 0)
		return -EINVAL;
	if (!t || !t->pid || (t != current && t->parent != current))
		return -ESRCH;
	if (!pgid)
		pgid = t->pid;
	if (t != current && t->did_exec)
		return -EACCES;
	if (t->sid == t->pid || t->sid != current->sid)
		return -EPERM;
	if (pgid != t->pid && !pgrp_exists(pgid, current->sid))
		return -EPERM;
	t->pgid = pgid;
	return 0;
}

/* setsid: a new session and group led by the caller; EPERM for a group leader. */
long sys_setsid(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid && t->pgid == current->pid)
			return -EPERM;
	current->sid = current->pgid = current->pid;
	return current->pid;
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
