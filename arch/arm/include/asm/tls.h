/*
 * The user thread-id registers, per task (ARM ARM B4.1, TPIDRURW and TPIDRURO):
 *
 *   TPIDRURW  user read/write: any value a program likes to keep there
 *   TPIDRURO  user read-only: the TLS pointer, set through Linux's ARM
 *             private call set_tls (0xf0005); read back with get_tls
 *             (0xf0006) or `mrc p15, 0, rX, c13, c0, 3`
 *
 * cpu_switch_to saves and loads both (arch/arm/switch.S); fork copies
 * them, exec clears them, so no value crosses from one program to
 * another (the bug class of CVE-2014-9870).
 */
#ifndef ASM_TLS_H
#define ASM_TLS_H

#include <kernel/sched.h>
#include <asm/cp15.h>

/* exec: the new program starts with both registers zero. */
static inline void arch_exec_reset_tls(void)
{
	current->context.tpidrurw = 0;
	current->context.tpidruro = 0;
	write_tpidrurw(0);
	write_tpidruro(0);
}

/* fork: the child starts with the values the parent has now. */
static inline void arch_fork_tls(struct task_struct *child)
{
	child->context.tpidrurw = read_tpidrurw();
	child->context.tpidruro = current->context.tpidruro;
}

/* set_tls: the TLS pointer for current. */
static inline void arch_set_tls(u32 val)
{
	current->context.tpidruro = val;
	write_tpidruro(val);
}

#endif
