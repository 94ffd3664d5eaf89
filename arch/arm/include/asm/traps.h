#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <kernel/types.h>
#include <asm/ptrace.h>

/* Kernel stacks are THREAD_SIZE bytes, THREAD_SIZE aligned. */
#define THREAD_SIZE 8192

struct fault_info {
	const char *name;
	int level;	/* translation table level the fault was found at, or 0 */
};
extern const struct fault_info fault_info[32];

#define NO_FSR 0xFFFFFFFFu

const char *fsr_describe(u32 fsr);
void die(const char *what, struct pt_regs *regs, u32 fsr, u32 far, bool ifetch) __noreturn;
void halt_machine(void) __noreturn;

static inline void local_irq_disable_hard(void)
{
	__asm__ volatile("cpsid if" : : : "memory");
}

void do_undefinstr(struct pt_regs *regs);
void do_svc(struct pt_regs *regs);
void do_prefetch_abort(struct pt_regs *regs);
void do_data_abort(struct pt_regs *regs);
void do_irq(struct pt_regs *regs);
void do_fiq(struct pt_regs *regs);
void do_reserved(struct pt_regs *regs);
void do_reset(struct pt_regs *regs);
struct pt_regs *exit_to_user(struct pt_regs *regs);

/* The limit on reports of user processes killed by faults (fault.c). */
extern struct ratelimit_state user_fault_rs;

#endif
