/*
 * arch/arm/entry.S - exception vectors, entry and exit.
 *
 * The vector table is copied to the high vector page (0xFFFF0000, SCTLR.V)
 * by trap_init(); until then VBAR points at it in the image.  Each vector
 * loads the absolute address of its handler from the literal table that
 * follows it, so the copy works wherever it lands.
 *
 * Every exception is handled on the SVC stack (the current task's kernel
 * stack), as Linux does: the handler stores the return address and SPSR
 * with `srsdb sp!, #MODE_SVC` straight onto that stack, switches to SVC
 * mode, and saves the rest of the trap frame (asm/ptrace.h).
 *
 *   higher addresses      +-------------+  <- sp before the exception
 *                         | cpsr (SPSR) |     (pushed by srsdb)
 *                         | pc          |
 *                         | lr          |  interrupted mode's lr
 *                         | sp          |  interrupted mode's sp
 *                         | r12 .. r0   |
 *   lower addresses       +-------------+  <- sp = struct pt_regs *
 *
 * The return address correction (B1.8.3, Table B1-7): IRQ/FIQ and prefetch
 * abort return to lr - 4, data abort to lr - 8 (the faulting instruction is
 * retried), SVC and undefined to lr.
 */
#include <asm/hw.h>
#include <asm/ptrace.h>

	.arm
	.section .vectors, "ax"
	.globl	vectors_table
vectors_table:
	ldr	pc, .Lreset		@ 0x00 reset
	ldr	pc, .Lundef		@ 0x04 undefined instruction
	ldr	pc, .Lsvc		@ 0x08 supervisor call
	ldr	pc, .Lpabt		@ 0x0C prefetch abort
	ldr	pc, .Ldabt		@ 0x10 data abort
	ldr	pc, .Lreserved		@ 0x14 (hypervisor trap; unused)
	ldr	pc, .Lirq		@ 0x18 IRQ
	ldr	pc, .Lfiq		@ 0x1C FIQ
.Lreset:	.word	vector_reset
.Lundef:	.word	vector_undef
.Lsvc:		.word	vector_svc
.Lpabt:		.word	vector_pabt
.Ldabt:		.word	vector_dabt
.Lreserved:	.word	vector_reserved
.Lirq:		.word	vector_irq
.Lfiq:		.word	vector_fiq

	.text
/*
 * save_frame: in the exception mode with lr already corrected.  Leaves
 * sp = r4 = the frame (struct pt_regs *) in SVC mode, r0 = r4, and sp
 * rounded down to 8 bytes for the C call (AAPCS).
 */
.macro save_frame
	srsdb	sp!, #MODE_SVC		@ push pc, cpsr onto the SVC stack
	cps	#MODE_SVC
	sub	sp, sp, #S_PC		@ room for r0-r12, sp, lr
	stmia	sp, {r0-r12}
	ldr	r0, [sp, #S_CPSR]
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	add	r1, sp, #S_SP
	stmeqia	r1, {sp, lr}^		@ from user: the user sp and lr
	nop				@ no banked access right after stm ^
	addne	r2, sp, #S_FRAME_SIZE	@ from the kernel: sp before the frame
	stmneia	r1, {r2, lr}
	mov	r4, sp
	mov	r0, sp
	bic	sp, sp, #7
.endm

/*
 * restore_frame: r4 = frame.  Restores everything and returns to the
 * interrupted code with rfeia, which loads pc and cpsr together.
 */
.macro restore_frame
	mov	sp, r4
	clrex				@ no exclusive monitor crosses an exception
	ldr	r0, [sp, #S_CPSR]
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	add	r1, sp, #S_SP
	ldmeqia	r1, {sp, lr}^		@ to user: user sp and lr
	nop
	ldrne	lr, [sp, #S_LR]		@ to the kernel: its lr (sp comes from rfe)
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_PC
	rfeia	sp!
.endm

vector_undef:
	save_frame
	bl	do_undefinstr
	b	ret_from_exception

vector_svc:
	save_frame
	bl	do_svc
	b	ret_from_exception

vector_pabt:
	sub	lr, lr, #4
	save_frame
	bl	do_prefetch_abort
	b	ret_from_exception

vector_dabt:
	sub	lr, lr, #8
	save_frame
	bl	do_data_abort
	b	ret_from_exception

vector_irq:
	sub	lr, lr, #4
	save_frame
	bl	do_irq
	b	ret_from_exception

vector_fiq:
	sub	lr, lr, #4
	save_frame
	bl	do_fiq
	b	ret_from_exception

vector_reserved:
	save_frame
	bl	do_reserved
	b	ret_from_exception

vector_reset:
	save_frame
	bl	do_reset
	b	.

/*
 * ret_from_exception - r4 = the frame.  Before returning to user mode the
 * kernel may switch tasks or deliver a pending kill: if need_resched or
 * current->pending_sig is set, exit_to_user() does it (and returns the
 * frame to restore).  Interrupts stay masked from the check to the rfe.
 */
	.globl	ret_from_exception
ret_from_exception:
	ldr	r0, [r4, #S_CPSR]
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	bne	1f
	cpsid	i			@ nothing may set the flags unseen now
	ldr	r1, =need_resched
	ldrb	r1, [r1]
	ldr	r2, =current
	ldr	r2, [r2]
	ldr	r2, [r2, #TASK_PENDING_SIG]
	orrs	r1, r1, r2
	beq	1f			@ the common case: straight back
	mov	r0, r4
	bl	exit_to_user		@ switch tasks, or die of a signal
	mov	r4, r0
1:	restore_frame

	.ltorg

/*
 * ret_to_user_from_frame(regs) - start a task in user mode from a frame
 * built by the kernel (exec, the first return of a forked child).
 */
	.globl	ret_to_user_from_frame
ret_to_user_from_frame:
	mov	r4, r0
	restore_frame

#ifdef CONFIG_DEBUG_MM
/*
 * sp_misaligned - check_sp_aligned (asm/assembler.h) found sp not 8-byte
 * aligned before a call into C; lr says where.  Realign and report.
 */
	.globl	sp_misaligned
sp_misaligned:
	mov	r1, sp
	bic	sp, sp, #7
	sub	r0, lr, #8		@ the check_sp_aligned that failed
	b	bad_stack_alignment
#endif
