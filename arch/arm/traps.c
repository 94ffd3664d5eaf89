/*
 * arch/arm/traps.c - what happens on an exception nobody handles: print
 * the mode, every register, the decoded fault status, a backtrace with
 * symbol names, and stop.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/kallsyms.h>
#include <kernel/bug.h>
#include <asm/hw.h>
#include <asm/cp15.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <kernel/sched.h>
#include <kernel/signal.h>

/*
 * The fault status encodings of the short-descriptor format (B3.13.3,
 * Table B3-23), indexed by FS[4:0].  level: 1 or 2 for faults found while
 * walking the tables (section / page), 0 otherwise.
 */
const struct fault_info fault_info[32] = {
	[FS_ALIGNMENT]		= { "alignment fault", 0 },
	[FS_DEBUG]		= { "debug event", 0 },
	[FS_ACCESS_FLAG_SECT]	= { "access flag fault (section)", 1 },
	[FS_ICACHE_MAINT]	= { "fault on instruction cache maintenance", 0 },
	[FS_TRANSLATION_SECT]	= { "translation fault (section)", 1 },
	[FS_ACCESS_FLAG_PAGE]	= { "access flag fault (page)", 2 },
	[FS_TRANSLATION_PAGE]	= { "translation fault (page)", 2 },
	[FS_SYNC_EXTERNAL]	= { "synchronous external abort", 0 },
	[FS_DOMAIN_SECT]	= { "domain fault (section)", 1 },
	[FS_DOMAIN_PAGE]	= { "domain fault (page)", 2 },
	[FS_EXT_WALK_L1]	= { "external abort on table walk", 1 },
	[FS_PERMISSION_SECT]	= { "permission fault (section)", 1 },
	[FS_EXT_WALK_L2]	= { "external abort on table walk", 2 },
	[FS_PERMISSION_PAGE]	= { "permission fault (page)", 2 },
	[FS_TLB_CONFLICT]	= { "TLB conflict abort", 0 },
	[FS_LOCKDOWN]		= { "lockdown abort", 0 },
	[FS_ASYNC_EXTERNAL]	= { "asynchronous external abort", 0 },
	[FS_ASYNC_PARITY]	= { "asynchronous parity error", 0 },
	[FS_SYNC_PARITY]	= { "synchronous parity error", 0 },
	[FS_COPROC]		= { "coprocessor abort", 0 },
	[FS_PARITY_WALK_L1]	= { "parity error on table walk", 1 },
	[FS_PARITY_WALK_L2]	= { "parity error on table walk", 2 },
};

const char *fsr_describe(u32 fsr)
{
	const char *name = fault_info[FSR_FS(fsr)].name;

	return name ? name : "unknown fault status";
}

const char *mode_name(u32 cpsr)
{
	switch (cpsr & MODE_MASK) {
	case MODE_USR: return "USR";
	case MODE_FIQ: return "FIQ";
	case MODE_IRQ: return "IRQ";
	case MODE_SVC: return "SVC";
	case MODE_MON: return "MON";
	case MODE_ABT: return "ABT";
	case MODE_HYP: return "HYP";
	case MODE_UND: return "UND";
	case MODE_SYS: return "SYS";
	default: return "???";
	}
}

static void print_symbol(const char *label, u32 addr)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		printk("%s[<%08x>] %s+0x%lx\n", label, addr, name, off);
	else
		printk("%s[<%08x>]\n", label, addr);
}

/*
 * A return address names the function of the call before it, not the
 * one at it: a call that never returns (do_exit, panic) may be the last
 * instruction of its function, so the return address is the first of
 * the next one (w_exit's `bl do_exit` returned "into" w_reboot+0x0).
 * Look up addr - 4, the bl itself, and print the offset of addr from
 * that symbol (Linux's %pB does the same with addr - 1).
 */
static void print_return_symbol(const char *label, u32 addr)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr - 4, &off);

	if (name)
		printk("%s[<%08x>] %s+0x%lx\n", label, addr, name, off + 4);
	else
		printk("%s[<%08x>]\n", label, addr);
}

void show_regs(const struct pt_regs *r)
{
	print_symbol("pc : ", r->pc);
	print_symbol("lr : ", r->lr);
	printk("sp : %08x  ip : %08x  fp : %08x\n", r->sp, r->r[12], r->r[11]);
	printk("r10: %08x  r9 : %08x  r8 : %08x\n", r->r[10], r->r[9], r->r[8]);
	printk("r7 : %08x  r6 : %08x  r5 : %08x  r4 : %08x\n",
	       r->r[7], r->r[6], r->r[5], r->r[4]);
	printk("r3 : %08x  r2 : %08x  r1 : %08x  r0 : %08x\n",
	       r->r[3], r->r[2], r->r[1], r->r[0]);
	printk("cpsr: %08x  mode %s  IRQs %s  FIQs %s  %s\n", r->cpsr,
	       mode_name(r->cpsr), (r->cpsr & PSR_I) ? "off" : "on",
	       (r->cpsr & PSR_F) ? "off" : "on", (r->cpsr & PSR_T) ? "Thumb" : "ARM");
}

/*
 * dump_backtrace - walk the frame-pointer chain.  With GCC's ARM frames
 * (-fno-omit-frame-pointer, not APCS) a function that calls others saves
 * {fp, lr} and points fp at the saved lr, so
 *     [fp] = return address, [fp - 4] = caller's fp.
 * A leaf saves only fp and points fp at it ([fp] = caller's fp); its
 * return address is still in lr.  That is told apart by whether [fp] is a
 * code address.  pc = 0: start from the frame chain alone (panic).  The walk stops at fp = 0 (set by head.S), on a frame
 * outside the stack, or after 32 frames.
 */
void dump_backtrace(u32 pc, u32 lr, u32 fp, u32 sp)
{
	u32 stack_lo = sp & ~(u32)(THREAD_SIZE - 1);
	u32 stack_hi = stack_lo + THREAD_SIZE;
	int depth;

	printk("Backtrace:\n");
	if (pc)
		print_symbol("  ", pc);
	for (depth = 0; depth < 32; depth++) {
		u32 ret, next;

		if (fp < stack_lo + 4 || fp >= stack_hi || (fp & 3))
			break;
		ret = *(u32 *)fp;
		if (kernel_text_address(ret)) {
			next = *(u32 *)(fp - 4);
		} else {		/* leaf frame: [fp] is the caller's fp */
			if (depth > 0)
				break;
			ret = lr;
			next = *(u32 *)fp;
		}
		if (!kernel_text_address(ret))
			break;
		print_return_symbol("  ", ret);
		if (next <= fp)
			break;		/* frames must go up the stack */
		fp = next;
	}
}

/* die - report an exception the kernel cannot handle, and stop. */
void die(const char *what, struct pt_regs *regs, u32 fsr, u32 far, bool ifetch)
{
	local_irq_disable_hard();
	printk("\n*** %s in %s mode ***\n", what, mode_name(regs->cpsr));
	if (fsr != NO_FSR) {
		printk("fault: %s", fsr_describe(fsr));
		if (fault_info[FSR_FS(fsr)].level)
			printk(", level %d", fault_info[FSR_FS(fsr)].level);
		printk(", %s at address 0x%08x\n",
		       ifetch ? "instruction fetch" : (fsr & FSR_WNR) ? "write" : "read", far);
		printk("FSR 0x%08x  FAR 0x%08x\n", fsr, far);
	}
	show_regs(regs);
	if (!user_mode(regs))
		dump_backtrace(regs->pc, regs->lr, regs->r[11], regs->sp);
	halt_machine();
}

/*
 * An undefined instruction: from a user program (a stray FPU instruction,
 * a corrupt jump) the program dies of SIGILL; from the kernel, a bug.
 */
void do_undefinstr(struct pt_regs *regs)
{
	if (user_mode(regs)) {
		if (__ratelimit(&user_fault_rs))
			printk("sigill: pid %d (%s) pc 0x%08x: undefined instruction\n",
			       current->pid, current->comm, regs->pc);
		force_sig(current, SIGILL);
		return;
	}
	die("Undefined instruction", regs, NO_FSR, 0, false);
}

void do_fiq(struct pt_regs *regs)
{
	die("Unexpected FIQ", regs, NO_FSR, 0, false);
}

void do_reserved(struct pt_regs *regs)
{
	die("Exception through the reserved vector", regs, NO_FSR, 0, false);
}

void do_reset(struct pt_regs *regs)
{
	die("Branch through the reset vector (a jump to a NULL function?)", regs, NO_FSR, 0, false);
}

#ifdef CONFIG_DEBUG_MM
/* From sp_misaligned (entry.S): a call into C with sp not 8-byte aligned. */
void bad_stack_alignment(u32 where, u32 sp)
{
	unsigned long off;
	const char *name = kallsyms_lookup(where, &off);

	panic("sp 0x%08x is not 8-byte aligned before a call into C at %s+0x%lx "
	      "(AAPCS 5.2.1.2)", sp, name ? name : "?", off);
}
#endif
