/*
 * arch/arm/fault.c - data and prefetch aborts.
 *
 * The abort handlers read the fault status and address registers
 * (DFSR/DFAR for data, IFSR/IFAR for instruction fetches), then decide:
 * a fault on a kernel access that has an exception-table entry is fixed
 * up (copy_from_user and friends); anything else taken in kernel mode is
 * a kernel bug and dies with the decoded status.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <asm/hw.h>
#include <asm/cp15.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

void do_data_abort(struct pt_regs *regs)
{
	u32 fsr = read_dfsr(), far = read_dfar();

	die("Unable to handle kernel data abort", regs, fsr, far, false);
}

void do_prefetch_abort(struct pt_regs *regs)
{
	u32 fsr = read_ifsr(), far = read_ifar();

	die("Unable to handle kernel prefetch abort", regs, fsr, far, true);
}
