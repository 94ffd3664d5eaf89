/*
 * arch/arm/switch.S - switching between tasks' kernel contexts.
 *
 * cpu_switch_to(prev, next): save the callee-saved registers (AAPCS:
 * r4-r11), sp and the return address in prev->context, load next's, and
 * "return" into next where it last called cpu_switch_to.  The caller-saved
 * registers need no saving: the C caller already assumes they are lost.
 */
	.arm
	.text
	.globl	cpu_switch_to
cpu_switch_to:
	stmia	r0, {r4-r11, sp, lr}	@ prev->context = r4..fp, sp, pc
	ldmia	r1, {r4-r11, sp, pc}	@ resume next

/*
 * ret_from_fork - where a new task first runs (its context.pc).  Its
 * trap frame (the user registers to start with) is at the top of its
 * kernel stack, which is where context.sp points.
 */
	.globl	ret_from_fork
ret_from_fork:
	bl	schedule_tail
	mov	r0, sp
	b	ret_to_user_from_frame
