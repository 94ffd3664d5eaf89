/*
 * The OOM killer (mm/oom_kill.c, docs/reclaim.md): when reclaim cannot
 * free anything more, one process dies so that the others can go on.
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <kernel/types.h>
#include <mm/gfp.h>

struct task_struct;

#define OOM_SCORE_ADJ_MIN	(-1000)		/* never chosen */
#define OOM_SCORE_ADJ_MAX	1000

extern int sysctl_panic_on_oom;			/* /proc/sys/vm/panic_on_oom */
extern int sysctl_oom_kill_allocating_task;	/* /proc/sys/vm/oom_kill_allocating_task */

/* LONG_MIN (never) or rss + swap entries + page tables, adjusted (pages). */
long oom_badness(const struct task_struct *t, unsigned long totalpages);
/* What /proc/<pid>/oom_score shows: Linux 6.1's scale, 0 .. ~1333. */
unsigned long oom_score(const struct task_struct *t);

/*
 * out_of_memory - reclaim gave up on a request of gfp and order: kill the
 * process with the highest badness (or wait for the last victim).  True
 * if the request should be tried again.
 */
bool out_of_memory(gfp_t gfp, unsigned int order);

/* The OOM killer chose t and it has not exited yet. */
bool oom_victim_dying(const struct task_struct *t);

/* A page fault found no memory after reclaim and the killer (arch fault path). */
void pagefault_out_of_memory(void);

#endif
