#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <kernel/types.h>
#include <kernel/sched.h>

struct pt_regs;

/* Linux's wait status word */
#define W_EXITCODE(ret, sig)	(((ret) & 0xFF) << 8 | ((sig) & 0x7F))
#define WNOHANG			1
#define WUNTRACED		2
#define WCONTINUED		8
#define __WNOTHREAD		0x20000000
#define __WALL			0x40000000
#define __WCLONE		0x80000000u

void task_init(void);
struct task_struct *alloc_task(const char *name);
void free_task(struct task_struct *t);
long do_fork(struct pt_regs *regs);
void do_exit(int status) __noreturn;
long do_wait4(int pid, vaddr_t status_ptr, int options, vaddr_t rusage_ptr);
long do_kill(int pid, int sig);
void reparent_children(struct task_struct *t);

/* The first user process: exec /init (or init=PATH) as pid 1. */
void start_user(const char *cmdline) __noreturn;

#endif
