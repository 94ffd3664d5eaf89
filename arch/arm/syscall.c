/*
 * arch/arm/syscall.c - the SVC exception: a system call (Linux ARM EABI).
 *
 *   user:   r7 = number, r0..r5 = arguments, `svc #0`
 *   entry:  vector_svc saves the trap frame (entry.S)
 *   here:   interrupts back on, dispatch, result into the frame's r0
 *   exit:   ret_from_exception -> exit_to_user -> back after the svc
 */
#include <kernel/types.h>
#include <kernel/syscalls.h>
#include <kernel/irqflags.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

void do_svc(struct pt_regs *regs)
{
	if (!user_mode(regs))
		die("SVC from kernel mode", regs, NO_FSR, 0, false);
	local_irq_enable();
	regs->r[0] = (u32)syscall_dispatch(regs->r[7], regs);
}
