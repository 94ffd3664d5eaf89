/*
 * A sleeping lock: the holder may sleep (wait for a disk) while holding
 * it, and whoever else wants it sleeps until it is free.  On one CPU with
 * a kernel that switches tasks only where a task sleeps, code between two
 * sleeps already runs alone; a mutex is needed exactly where a sequence
 * of steps must look atomic although one of them may sleep (a directory
 * lookup that reads a block, then the insertion of the name).
 *
 * Not for interrupt handlers.  Not recursive: locking a mutex one already
 * holds is a bug (debug builds catch it).
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include <kernel/types.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;	/* NULL: free */
	unsigned int waiters;
};

#define MUTEX_INIT { NULL, 0 }

static inline void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	m->waiters = 0;
}

void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

static inline bool mutex_is_locked(const struct mutex *m)
{
	return m->owner != NULL;
}

#endif
