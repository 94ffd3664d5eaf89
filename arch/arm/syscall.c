/*
 * arch/arm/syscall.c - the SVC exception: a system call (Linux ARM EABI),
 * and Linux's ARM private calls.
 *
 *   user:   r7 = number, r0..r5 = arguments, `svc #0`
 *   entry:  vector_svc saves the trap frame (entry.S)
 *   here:   interrupts back on, dispatch, result into the frame's r0
 *   exit:   ret_from_exception -> exit_to_user -> back after the svc
 *
 * Numbers, as Linux's entry-common.S and arm_syscall() sort them:
 *
 *   0 .. NR_SYSCALLS-1     the table (kernel/syscall.c); a hole is -ENOSYS
 *   up to 0x0effff         -ENOSYS
 *   0x0f0000 .. 0x0f07ff   ARM private calls (below); unknown ones -ENOSYS
 *   0x0f0800 .. 0x0fffff   SIGILL ("bad syscall"), r0 left as it was
 *   0x100000 and above     SIGILL
 *
 *   0x0f0000  (branch through zero)  SIGSEGV
 *   0x0f0001  breakpoint             SIGTRAP
 *   0x0f0002  cacheflush(start, end, flags)
 *   0x0f0003/4 usr26/usr32           SIGILL (no 26-bit mode)
 *   0x0f0005  set_tls(value)         TPIDRURO = value
 *   0x0f0006  get_tls()              the value set_tls gave
 */
#include <kernel/types.h>
#include <kernel/syscalls.h>
#include <kernel/irqflags.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/printk.h>
#include <kernel/uaccess.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/tls.h>
#include <asm/cacheflush.h>
#include <mm/mm_types.h>
#include <mm/memory.h>
#include <mm/arch_mmu.h>


void do_svc(struct pt_regs *regs)
{
	if (!user_mode(regs))
		die("SVC from kernel mode", regs, NO_FSR, 0, false);
	local_irq_enable();
	regs->r[0] = (u32)syscall_dispatch(regs->r[7], regs);
}

static long arm_private_signal(struct pt_regs *regs, int sig, const char *why)
{
	if (__ratelimit(&user_fault_rs))
		printk("%s: pid %d (%s) pc 0x%08x: %s (r7 0x%08x)\n",
		       sig == SIGILL ? "sigill" : sig == SIGTRAP ? "sigtrap" : "segfault",
		       current->pid, current->comm, regs->pc, why, regs->r[7]);
	force_sig(current, sig);
	return (long)regs->r[0];	/* the caller's r0 stays as it was */
}

/*
 * do_cache_op - cacheflush(start, end, 0): make [start, end) of the
 * caller's memory coherent between the data and instruction sides, for
 * code it has just written (a JIT).  As Linux: -EINVAL for end < start or
 * flags != 0, -EFAULT outside user space or for a page in no VMA (or one
 * that cannot be read); pages not yet present are faulted in first.
 *
 * Each page is cleaned to the PoU by its user address (DCCMVAU), then
 * the whole I-cache and branch predictor are invalidated once (ICIALLU,
 * BPIALL; the IS forms on MP cores): an I-cache may be VIPT with
 * aliases (Cortex-A9, 32 KiB 4-way), so invalidating through a kernel
 * alias would miss the user's lines (ARM ARM B3.11.2, B2.2.9).  The
 * maintenance by user address cannot fault: every page was just checked
 * to be present, and nothing unmaps it in between (one CPU, and the
 * kernel is not preempted).
 */
static long do_cache_op(vaddr_t start, vaddr_t end, u32 flags)
{
	struct mm_struct *mm = current->mm;
	vaddr_t va = start;

	if (end < start || flags)
		return -EINVAL;
	if (!access_ok(start, end - start))
		return -EFAULT;
	while (va < end) {
		vaddr_t next = (va & PAGE_MASK) + PAGE_SIZE;
		const char *why;
		bool major;

		if (next > end || next == 0)
			next = end;
		if (signal_pending(current))
			return 0;		/* dying anyway */
		if (arch_mmu_query(mm, va & PAGE_MASK, NULL, NULL) &&
		    handle_user_fault(mm, va, 0, &major, &why))
			return -EFAULT;
		clean_dcache_range_pou(va, next);
		va = next;
	}
	invalidate_icache_all();
	return 0;
}

long arm_syscall(u32 nr, struct pt_regs *regs)
{
	if ((nr >> 16) != (ARM_NR_BASE >> 16))
		return arm_private_signal(regs, SIGILL, "bad system call");
	switch (nr & 0xffff) {
	case 0:
		return arm_private_signal(regs, SIGSEGV, "branch through zero");
	case 1:
		regs->pc -= 4;		/* report the svc itself, as Linux */
		return arm_private_signal(regs, SIGTRAP, "breakpoint");
	case 2:
		return do_cache_op(regs->r[0], regs->r[1], regs->r[2]);
	case 5:
		arch_set_tls(regs->r[0]);
		return 0;
	case 6:
		return (long)current->context.tpidruro;
	default:
		if ((nr & 0xffff) <= 0x7ff && (nr & 0xffff) != 3 && (nr & 0xffff) != 4)
			return -ENOSYS;
		return arm_private_signal(regs, SIGILL, "bad system call");
	}
}
