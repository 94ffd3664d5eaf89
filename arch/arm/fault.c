/*
 * arch/arm/fault.c - data and prefetch aborts: the hardware half of the
 * page-fault path.
 *
 *   vector_dabt (entry.S)            saves the trap frame
 *   do_data_abort                    reads DFSR (why) and DFAR (where)
 *   do_page_fault                    decodes the status (table in traps.c):
 *     - translation fault on an old entry (reclaim's referenced bit,
 *       asm/mmu.h) -> made young again, retried (pgfault_young)
 *     - translation / permission fault at a user address
 *         -> handle_user_fault() (mm/memory.c): demand paging, COW, stack
 *         no memory even after reclaim -> pagefault_out_of_memory
 *         (mm/oom_kill.c): the OOM killer's victim dies, this task retries
 *     - translation fault in the vmalloc area, kernel mode
 *         -> copy the kernel's first-level entry (vmalloc_fault)
 *     - anything else from user mode -> the process dies (SIGSEGV)
 *     - anything else from the kernel -> exception table fixup, or die
 *   return through ret_from_exception: the instruction is retried
 *
 * Prefetch aborts (instruction fetches) take the same path with IFSR/IFAR.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/irqflags.h>
#include <kernel/errno.h>
#include <asm/hw.h>
#include <asm/cp15.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/memory.h>
#include <asm/cacheflush.h>
#include <asm/mmu.h>
#include <asm/tlbflush.h>
#include <mm/mm_types.h>
#include <mm/memory.h>
#include <mm/arch_mmu.h>
#include <mm/oom.h>
#include <mm/vmstat.h>

struct exception_table_entry {
	u32 insn, fixup;
};
extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

/* fixup_exception - a kernel access to user memory faulted: continue at
 * its fixup, if it has one.  Returns true if it did. */
static bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e;

	for (e = __start_ex_table; e < __stop_ex_table; e++) {
		if (e->insn == regs->pc) {
			regs->pc = e->fixup;
			return true;
		}
	}
	return false;
}

/*
 * vmalloc_fault - a kernel access to the vmalloc area missed in the
 * active table: its copy of the kernel's first-level entries is older
 * than a vmalloc/ioremap made since.  Copy the entry and retry (as
 * Linux/ARM's do_translation_fault, which also reads TTBR0).
 */
static bool vmalloc_fault(vaddr_t addr)
{
	u32 *pgd = active_pgd();
	unsigned idx = L1_INDEX(addr);

	if (addr < vmalloc_start || addr >= VMALLOC_END || !init_mm.pgd[idx])
		return false;
	if (pgd == init_mm.pgd || pgd[idx] == init_mm.pgd[idx])
		return false;		/* same entry: a real fault */
	pgd[idx] = init_mm.pgd[idx];
	clean_pte(&pgd[idx]);
	return true;
}

/*
 * The one-line report of a process killed by a fault.  A program that
 * forks and faults in a loop must not flood the console: 20 reports
 * every 5 s at most (then "N callbacks suppressed").
 */
RATELIMIT_STATE(user_fault_rs, "user fault reports", DEFAULT_RATELIMIT_INTERVAL, 20);

/* Print the one-line report and make the task die of sig on its way out. */
static void user_fault_kill(struct pt_regs *regs, vaddr_t addr, const char *why, int sig)
{
	if (__ratelimit(&user_fault_rs))
		printk("%s: pid %d (%s) address 0x%08x pc 0x%08x: %s\n",
		       sig == SIGKILL ? "killed" : sig == SIGBUS ? "sigbus" :
		       sig == SIGTRAP ? "sigtrap" : "segfault", current->pid, current->comm,
		       (u32)addr, regs->pc, why);
	force_sig(current, sig);
}

static bool is_translation(u32 fs)
{
	return fs == FS_TRANSLATION_SECT || fs == FS_TRANSLATION_PAGE;
}

static bool is_permission(u32 fs)
{
	return fs == FS_PERMISSION_SECT || fs == FS_PERMISSION_PAGE;
}

/*
 * do_page_fault - what an abort at addr with status fsr means.  A fault
 * by a cache maintenance instruction (DFSR.CM, B4.1.52) is taken as a
 * read, whatever WnR says, as Linux does: it needs the page present, not
 * writable.
 */
static void do_page_fault(vaddr_t addr, u32 fsr, struct pt_regs *regs, bool ifetch)
{
	u32 fs = FSR_FS(fsr);
	unsigned access = ifetch ? FAULT_FLAG_EXEC :
			  (fsr & (FSR_WNR | FSR_CM)) == FSR_WNR ? FAULT_FLAG_WRITE : 0;
	const char *why;
	int sig = SIGSEGV;
	bool major;
	int err;

	if (!(regs->cpsr & PSR_I))
		local_irq_enable();	/* faults may take a while; IRQs as before */
	/* the common case first: a translation or permission fault below TASK_SIZE */
	if (likely(addr < TASK_SIZE && current->mm &&
		   (is_translation(fs) || is_permission(fs)))) {
		if (is_permission(fs)) {
			access |= FAULT_FLAG_PRESENT;
		} else {
			const u32 *pte = user_pte_at(current->mm->pgd, addr);
			u32 entry = pte ? *pte : 0;

			if (unlikely(pte_is_old(entry)) && arch_mmu_make_young(current->mm, addr)) {
				count_vm_event(PGFAULT_YOUNG);	/* an old entry: reclaim looked at it */
				return;
			}
			if (likely(!entry))
				access |= FAULT_FLAG_EMPTY;	/* not a swap entry either */
		}
		tlb_log_fault((u32)addr, fsr);		/* debug builds: /proc/tlblog */
		err = handle_user_fault(current->mm, addr, access, &major, &why);
		if (likely(!err)) {
			if (major)
				current->maj_flt++;
			else
				current->min_flt++;
			return;
		}
		if (err == -ENOMEM) {
			/* reclaim and the OOM killer ran in the allocator; see mm/oom_kill.c */
			pagefault_out_of_memory();
			if (user_mode(regs))
				return;		/* retried, or the task dies on its way out */
			why = "out of memory";	/* a user copy: it fails (EFAULT) */
		}
		if (err == -EIO)
			sig = SIGBUS;	/* a file page that does not exist */
		goto bad;
	}
	why = fault_info[fs].name ? fault_info[fs].name : "unknown fault";
	if (ifetch && fs == FS_DEBUG && user_mode(regs)) {
		user_fault_kill(regs, regs->pc, "breakpoint (bkpt)", SIGTRAP);	/* IFAR is UNKNOWN */
		return;
	}
	if (!is_translation(fs) && !is_permission(fs))
		goto bad;		/* alignment, external abort, ... */
	if (addr >= TASK_SIZE) {
		if (!user_mode(regs) && is_translation(fs) && vmalloc_fault(addr))
			return;
		why = "kernel address";
		goto bad;
	}
	why = "user address in a kernel thread";	/* what the fast path left */
bad:
	if (user_mode(regs)) {
		user_fault_kill(regs, addr, why, sig);
		return;
	}
	if (fixup_exception(regs))
		return;
	die(ifetch ? "Unable to handle kernel prefetch abort" :
		     "Unable to handle kernel data abort", regs, fsr, addr, ifetch);
}

void do_data_abort(struct pt_regs *regs)
{
	do_page_fault(read_dfar(), read_dfsr(), regs, false);
}

void do_prefetch_abort(struct pt_regs *regs)
{
	do_page_fault(read_ifar(), read_ifsr(), regs, true);
}
