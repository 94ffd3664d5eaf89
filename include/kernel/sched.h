/*
 * Tasks and the scheduler.  One CPU; preemptive round-robin driven by the
 * tick for user code (a task that used its time slice is switched out when
 * it returns to user mode); the kernel itself is not preempted: it gives
 * the CPU up only by sleeping (sleep_on) or yielding.
 *
 * A task's kernel stack is THREAD_SIZE (8 KiB) from the buddy allocator;
 * the trap frame of its user context sits at the top of it.
 *
 *   state          meaning
 *   -------------  -----------------------------------------------
 *   TASK_RUNNING   on the run queue (or running: `current`)
 *   TASK_SLEEPING  waiting for wakeup(chan) on wait_chan
 *   TASK_ZOMBIE    exited; its parent has not yet reaped it (wait4)
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <asm/ptrace.h>		/* TASK_PENDING_SIG */

struct mm_struct;
struct file;
struct pt_regs;
struct files_struct;
struct fs_struct;

#define TASK_RUNNING	0
#define TASK_SLEEPING	1
#define TASK_ZOMBIE	2

#define TASK_COMM_LEN	16
#define TIMESLICE_TICKS	5	/* 50 ms at HZ = 100 */

/*
 * What cpu_switch_to (arch/arm/switch.S) keeps of a task that is not
 * running: the callee-saved registers, and the two thread-id registers
 * user code can see (ARM ARM B4.1: TPIDRURW, TPIDRURO).  TPIDRURW is the user's to
 * write at any time, so it is saved at every switch; TPIDRURO (the TLS
 * pointer) only changes through set_tls.  Neither may carry one
 * process's value into another (CVE-2014-9870).
 */
struct cpu_context {
	u32 r4, r5, r6, r7, r8, r9, r10, fp, sp, pc;
	u32 tpidrurw;		/* CTX_TPIDRURW */
	u32 tpidruro;		/* CTX_TPIDRURO */
};

struct task_struct {
	struct cpu_context context;	/* first: switch.S uses offset 0 */
	int pending_sig;		/* a signal to die of at the next return to
					 * user (entry.S reads it: TASK_PENDING_SIG) */
	int pid;
	int state;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;		/* NULL for kernel threads */
	void *stack;			/* THREAD_SIZE bytes */
	struct task_struct *parent;
	struct list_head children;	/* our children, via sibling */
	struct list_head sibling;
	struct list_head run_list;	/* run queue link while RUNNING */
	struct list_head tasks;		/* every task, for ps and procfs */
	const void *wait_chan;		/* what a SLEEPING task waits for */
	int ticks;			/* left in this time slice */
	int exit_code;			/* wait4 status word, Linux encoding */
	struct files_struct *files;	/* open files (kernel/fs/file_table.c) */
	struct fs_struct *fs;		/* root and working directory */
	unsigned int umask;
	int (*threadfn)(void *data);	/* kernel threads: what they run */
	void *thread_data;
	unsigned long sleep_until;	/* jiffies: a timed sleep ends then (0: none) */
	bool in_iowait;			/* asleep waiting for a disk (vmstat "b") */
	int pagefault_disabled;		/* > 0: a fault on a user address fails at once */
	int kmap_local_nr;		/* kmap_local_page mappings held (mm/highmem.c) */
	paddr_t kmap_local_pa[4];	/* ... their pages, to map again after a switch */
	int pgid, sid;			/* process group and session (kill, wait4) */
	bool did_exec;			/* since fork: setpgid on it is EACCES */
	bool make_it_fail;		/* fault injection applies (inherited) */
	unsigned long min_flt, maj_flt;	/* page faults without / with I/O */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */
	unsigned long utime, stime;	/* ticks spent in user / kernel mode */
	unsigned long maxrss_kb;	/* VmHWM when the address space went */
	/* the same, summed over every reaped child and its reaped children */
	unsigned long cmin_flt, cmaj_flt, cnvcsw, cnivcsw, cutime, cstime;
	unsigned long cmaxrss_kb;
	int oom_score_adj;
	unsigned int flags;		/* PF_*, below */
	bool in_fault;			/* inside handle_user_fault (the OOM reaper waits) */
	bool in_page_alloc;		/* in the allocator's slow path, which may sleep
					 * in the middle of an mm operation (the reaper waits) */
	bool oom_victim;		/* the OOM killer chose it (mm/oom_kill.c) */
};

/* task_struct.flags (Linux's values) */
#define PF_MEMALLOC	0x00000800u	/* reclaiming: allocate from the reserves, never reclaim */
#define PF_KSWAPD	0x00020000u	/* the reclaim thread */

#ifndef HOST_TEST	/* the offsets assembly code uses (asm/ptrace.h) */
_Static_assert(__builtin_offsetof(struct cpu_context, tpidrurw) == CTX_TPIDRURW &&
	       __builtin_offsetof(struct cpu_context, tpidruro) == CTX_TPIDRURO,
	       "switch.S saves the thread-id registers at CTX_TPIDRURW/CTX_TPIDRURO");
_Static_assert(__builtin_offsetof(struct task_struct, pending_sig) == TASK_PENDING_SIG,
	       "entry.S reads current->pending_sig at TASK_PENDING_SIG");
#endif

extern struct task_struct *current;
extern struct task_struct init_task;	/* pid 0: the boot thread, then idle */
extern struct list_head task_list;
extern bool need_resched;

void sched_init(void);
void schedule(void);
void sched_tick(void);
void wake_up_new_task(struct task_struct *t);
void sleep_on(const void *chan);	/* IRQs must be disabled by the caller */
/* sleep_on_timeout - the same, or until `timeout` jiffies have passed;
 * returns the jiffies left (0: timed out). */
unsigned long sleep_on_timeout(const void *chan, unsigned long timeout);
/* io_sleep_on - sleep_on for a disk: counted as waiting for I/O. */
void io_sleep_on(const void *chan);
void wakeup(const void *chan);
void timed_sleepers_tick(void);
unsigned long nr_iowait(void);
unsigned long nr_running(void);

/* Kernel threads (kernel/kthread.c): run fn(data) in the kernel, with no
 * user address space; started at once. */
struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name);

static inline void pagefault_disable(void)
{
	current->pagefault_disabled++;
}

static inline void pagefault_enable(void)
{
	current->pagefault_disabled--;
}
struct task_struct *find_task(int pid);
int alloc_pid(void);
void cpu_idle(void) __noreturn;

/* arch/arm/switch.S */
void cpu_switch_to(struct task_struct *prev, struct task_struct *next);
void ret_from_fork(void);

/* The user trap frame at the top of a task's kernel stack. */
struct pt_regs *task_pt_regs(struct task_struct *t);

#endif
