/*
 * Signals, reduced to what a memory-management kernel needs: every signal
 * terminates its target (the default action of SIGKILL, SIGSEGV, SIGTERM,
 * SIGINT, ...); there are no handlers.  The target dies the next time it
 * would return to user mode, and its parent's wait4 sees
 * WIFSIGNALED(status) with WTERMSIG(status) = the signal, Linux-encoded.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

struct task_struct;

#define SIGHUP	1
#define SIGINT	2
#define SIGQUIT	3
#define SIGILL	4
#define SIGTRAP	5
#define SIGABRT	6
#define SIGBUS	7
#define SIGFPE	8
#define SIGKILL	9
#define SIGSEGV	11
#define SIGPIPE	13
#define SIGTERM	15
#define SIGXFSZ	25
#define SIGRTMAX 64	/* the highest signal number (Linux's _NSIG) */
#define NSIG	64

void force_sig(struct task_struct *t, int sig);

bool signal_pending(const struct task_struct *t);

#endif
