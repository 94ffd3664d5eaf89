/*
 * Broken kernel invariants.  panic() prints the message, the registers of
 * the caller and a backtrace, then stops the machine.  BUG_ON is always on.
 */
#ifndef KERNEL_BUG_H
#define KERNEL_BUG_H

#include <kernel/types.h>

void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG() panic("BUG at %s:%d (%s)", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("BUG_ON(%s) at %s:%d (%s)", #cond, __FILE__, __LINE__, __func__); \
} while (0)
/* VM_BUG_ON - checked in debug builds (CONFIG_DEBUG_MM) only: hot paths. */
#ifdef CONFIG_DEBUG_MM
#define VM_BUG_ON(cond) BUG_ON(cond)
#else
#define VM_BUG_ON(cond) do { (void)sizeof(cond); } while (0)
#endif
#define KASSERT(cond, ...) do { \
	if (unlikely(!(cond))) \
		panic(__VA_ARGS__); \
} while (0)

#endif
