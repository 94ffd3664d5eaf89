/*
 * arch/arm/switch.S - switching between tasks' kernel contexts.
 *
 * cpu_switch_to(prev, next): save the callee-saved registers (AAPCS:
 * r4-r11), sp and the return address in prev->context, load next's, and
 * "return" into next where it last called cpu_switch_to.  The caller-saved
 * registers need no saving: the C caller already assumes they are lost.
 *
 * The two thread-id registers a user program can read are per task too
 * (struct cpu_context in kernel/sched.h): TPIDRURW, which the program may
 * have written since it last ran, is saved; both are loaded with next's
 * values, so nothing of prev's shows in next.  The exception return to
 * user mode (rfeia) is a context synchronization event, so no ISB is
 * needed before user code reads them (ARM ARM B3.15.5, "Synchronization
 * of changes to system control registers").
 */
#include <asm/ptrace.h>
#include <asm/assembler.h>

	.arm
	.text
	.globl	cpu_switch_to
cpu_switch_to:
	stmia	r0, {r4-r11, sp, lr}	@ prev->context = r4..fp, sp, pc
	mrc	p15, 0, r2, c13, c0, 2	@ TPIDRURW as prev's program left it
	str	r2, [r0, #CTX_TPIDRURW]
	ldr	r2, [r1, #CTX_TPIDRURW]
	ldr	r3, [r1, #CTX_TPIDRURO]
	mcr	p15, 0, r2, c13, c0, 2	@ TPIDRURW = next's
	mcr	p15, 0, r3, c13, c0, 3	@ TPIDRURO = next's TLS pointer
	ldmia	r1, {r4-r11, sp, pc}	@ resume next

/*
 * ret_from_fork - where a new task first runs (its context.pc).  Its
 * trap frame (the user registers to start with) is at the top of its
 * kernel stack, which is where context.sp points; the frame is a
 * multiple of 8 bytes (asm/ptrace.h), so sp is 8-byte aligned for the
 * call into C, as the AAPCS requires (checked in debug builds).
 */
	.globl	ret_from_fork
ret_from_fork:
	check_sp_aligned
	bl	schedule_tail
	mov	r0, sp
	b	ret_to_user_from_frame
