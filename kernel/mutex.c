/*
 * kernel/mutex.c - sleeping locks (include/kernel/mutex.h).
 *
 * The waiter sleeps on the mutex's address and re-checks when woken: the
 * unlocking task wakes every waiter, and the first to run takes it.
 * Interrupts are masked around the check-then-sleep, so a wakeup cannot
 * fall between the two (sleep_on's rule).
 */
#include <kernel/mutex.h>
#include <kernel/sched.h>
#include <kernel/irqflags.h>
#include <kernel/bug.h>

void mutex_lock(struct mutex *m)
{
	unsigned long flags;

	if (IS_ENABLED_DEBUG_MM && m->owner == current)
		panic("mutex_lock: %s (pid %d) already holds %p", current->comm, current->pid,
		      (void *)m);
	local_irq_save(flags);
	while (m->owner) {
		m->waiters++;
		sleep_on(m);
		m->waiters--;
	}
	m->owner = current;
	local_irq_restore(flags);
}

bool mutex_trylock(struct mutex *m)
{
	if (m->owner)
		return false;
	m->owner = current;
	return true;
}

void mutex_unlock(struct mutex *m)
{
	if (IS_ENABLED_DEBUG_MM && m->owner != current)
		panic("mutex_unlock: %p is not held by %s (pid %d)", (void *)m, current->comm,
		      current->pid);
	m->owner = NULL;
	if (m->waiters)
		wakeup(m);
}
