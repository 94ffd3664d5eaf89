/*
 * Bit operations on a word that an interrupt handler may change too:
 * page->flags of a page under I/O (the completion clears PG_locked or
 * PG_writeback from the disk's interrupt while a task sets PG_dirty).
 * A plain `flags |= bit` is a load, an OR and a store; an interrupt
 * between the load and the store would lose its own change.
 *
 * These use the compiler's atomic builtins, which on ARMv7 become
 * LDREX/STREX loops (ARM ARM A3.4, "Synchronization and semaphores"):
 * the STREX fails, and the loop retries, if anything (an interrupt
 * handler's own exclusive pair, or a CLREX on exception return, see
 * arch/arm/entry.S) cleared the exclusive monitor in between.
 *
 *   set_bit / clear_bit / change_bit  no ordering (as Linux's)
 *   test_and_set_bit / ..._clear_bit  full ordering
 *   test_and_set_bit_lock             acquire (taking a bit lock)
 *   clear_bit_unlock                  release (dropping it)
 *
 * The non-atomic __set_bit and friends are for words nobody else can see
 * (a page not yet in any cache).
 */
#ifndef KERNEL_BITOPS_H
#define KERNEL_BITOPS_H

#include <kernel/types.h>

static inline unsigned long bit_mask(unsigned nr)
{
	return 1UL << nr;
}

static inline void set_bit(unsigned nr, unsigned long *w)
{
	__atomic_fetch_or(w, bit_mask(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned nr, unsigned long *w)
{
	__atomic_fetch_and(w, ~bit_mask(nr), __ATOMIC_RELAXED);
}

static inline bool test_and_set_bit(unsigned nr, unsigned long *w)
{
	return __atomic_fetch_or(w, bit_mask(nr), __ATOMIC_SEQ_CST) & bit_mask(nr);
}

static inline bool test_and_clear_bit(unsigned nr, unsigned long *w)
{
	return __atomic_fetch_and(w, ~bit_mask(nr), __ATOMIC_SEQ_CST) & bit_mask(nr);
}

static inline bool test_and_set_bit_lock(unsigned nr, unsigned long *w)
{
	return __atomic_fetch_or(w, bit_mask(nr), __ATOMIC_ACQUIRE) & bit_mask(nr);
}

static inline void clear_bit_unlock(unsigned nr, unsigned long *w)
{
	__atomic_fetch_and(w, ~bit_mask(nr), __ATOMIC_RELEASE);
}

static inline bool test_bit(unsigned nr, const unsigned long *w)
{
	return __atomic_load_n(w, __ATOMIC_RELAXED) & bit_mask(nr);
}

static inline void __set_bit(unsigned nr, unsigned long *w)
{
	*w |= bit_mask(nr);
}

static inline void __clear_bit(unsigned nr, unsigned long *w)
{
	*w &= ~bit_mask(nr);
}

/* Counters an interrupt handler changes too (nr_writeback at completion). */
static inline void atomic_long_add(long v, long *c)
{
	__atomic_fetch_add(c, v, __ATOMIC_RELAXED);
}

static inline void atomic_long_sub(long v, long *c)
{
	__atomic_fetch_sub(c, v, __ATOMIC_RELAXED);
}

static inline long atomic_long_read(const long *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

#endif
