/*
 * arch/arm/tlblog.c - the last TLB operations and the user faults around
 * them, with their operands (debug builds only).
 *
 * /proc/tlbinfo counts flushes; this log says what each one flushed, so a
 * test can tell a right flush from a plausible wrong one: the right page
 * but the wrong ASID (ASID 0, which no process owns, removes nothing of
 * the process's), or the right ASID but the wrong page.  Invalidations of
 * kernel (global) pages are not logged: kmap_atomic makes thousands.
 * Each entry keeps
 *
 *   op       all | asid | mva (the TLBI* operation), or fault
 *   va       the page of an mva operation; the address of a fault
 *   asid     the ASID operand of asid/mva (the low 8 bits of the register)
 *   ctx      the ASID in CONTEXTIDR when it happened: whose entries the
 *            CPU was loading at the time
 *   pid      current's pid
 *   caller   the function that issued it (for a fault: the FSR)
 *
 * /proc/tlblog prints the last TLB_LOG_SIZE entries, oldest first:
 *
 *   seq     op     va          asid  ctx  pid  caller
 *   1041    fault  0xbeffff38  -       5    3  fsr 0x80f
 *   1042    mva    0xbefff000  5       5    3  arch_flush_user_page+0x2c
 *
 * A user write to a shared page faults; the kernel copies the page and
 * invalidates that one page for that one ASID.  seq counts every entry
 * since boot, so a reader can tell which entries are new since it last
 * looked, and whether some were overwritten meanwhile.
 *
 * The ring forgets; the totals after it do not: the operations since boot
 * by kind and by the function that issued them, so a test can tell the
 * ASID allocator's rollover flushes from a page flush gone wrong:
 *
 *   totals: op     count  caller
 *           all        2  switch_mm
 *           mva     8441  arch_flush_user_page
 */
#include <kernel/types.h>
#include <kernel/irqflags.h>
#include <kernel/kallsyms.h>
#include <kernel/sched.h>
#include <kernel/selftest.h>
#include <asm/cp15.h>
#include <asm/tlbflush.h>

#ifdef CONFIG_DEBUG_MM

#define TLB_LOG_SIZE 512		/* a power of two */

struct tlb_log_entry {
	u32 seq;
	u8 op;
	u8 ctx;				/* CONTEXTIDR's ASID */
	u16 pid;
	u32 operand;			/* the register value, or the fault address */
	u32 fsr;			/* faults only */
	unsigned long caller;
};

static struct tlb_log_entry tlb_log[TLB_LOG_SIZE];
static u32 tlb_log_seq;

/* Totals by (operation, exact call site); the last slot takes the rest. */
#define TLB_SITES 48
static struct {
	unsigned long caller;
	u8 op;
	unsigned long count;
} tlb_sites[TLB_SITES];

static void count_site(unsigned op, unsigned long caller)
{
	int i;

	for (i = 0; i < TLB_SITES - 1; i++) {
		if (!tlb_sites[i].count) {
			tlb_sites[i].caller = caller;
			tlb_sites[i].op = (u8)op;
		}
		if (tlb_sites[i].caller == caller && tlb_sites[i].op == op)
			break;
	}
	tlb_sites[i].count++;
}

static void tlb_log_add(unsigned op, u32 operand, u32 fsr, unsigned long caller)
{
	struct tlb_log_entry *e;
	unsigned long flags;

	local_irq_save(flags);
	e = &tlb_log[tlb_log_seq % TLB_LOG_SIZE];
	e->seq = ++tlb_log_seq;
	e->op = (u8)op;
	e->ctx = (u8)(read_contextidr() & 0xFF);
	e->pid = (u16)current->pid;
	e->operand = operand;
	e->fsr = fsr;
	e->caller = caller;
	if (op != TLB_EV_FAULT)
		count_site(op, caller);
	local_irq_restore(flags);
}

/*
 * From the local_flush_tlb_* helpers: the caller is the function that
 * inlined them, named by the address of its call (the return address
 * less 4): a return address can be the first instruction of the next
 * function when the call is its caller's last (arch/arm/traps.c).
 */
void __attribute__((noinline)) tlb_log_op(unsigned op, u32 operand)
{
	tlb_log_add(op, operand, 0, (unsigned long)__builtin_return_address(0) - 4);
}

/* From the abort handlers: a fault at addr in user space. */
void tlb_log_fault(u32 addr, u32 fsr)
{
	tlb_log_add(TLB_EV_FAULT, addr, fsr, 0);
}

static const char *const op_names[] = {
	[TLB_OP_ALL] = "all", [TLB_OP_ASID] = "asid", [TLB_OP_MVA] = "mva",
	[TLB_EV_FAULT] = "fault",
};

static void show_one(struct seq_buf *s, const struct tlb_log_entry *e)
{
	unsigned long off;
	const char *fn;

	seq_printf(s, "%-7u %-6s ", e->seq, op_names[e->op]);
	if (e->op == TLB_OP_MVA)
		seq_printf(s, "0x%08x  ", e->operand & ~0xFFFu);
	else if (e->op == TLB_EV_FAULT)
		seq_printf(s, "0x%08x  ", e->operand);
	else
		seq_printf(s, "%-10s  ", "-");
	if (e->op == TLB_OP_MVA || e->op == TLB_OP_ASID)
		seq_printf(s, "%-4u ", e->operand & 0xFF);
	else
		seq_printf(s, "%-4s ", "-");
	seq_printf(s, "%4u %4u  ", e->ctx, e->pid);
	if (e->op == TLB_EV_FAULT)
		seq_printf(s, "fsr 0x%x\n", e->fsr);
	else if ((fn = kallsyms_lookup(e->caller, &off)) != NULL)
		seq_printf(s, "%s+0x%lx\n", fn, off);
	else
		seq_printf(s, "0x%08lx\n", e->caller);
}

/* The totals, one line per operation and function (call sites added up). */
static void show_totals(struct seq_buf *s)
{
	const char *names[TLB_SITES];
	unsigned long count[TLB_SITES], off;
	u8 ops[TLB_SITES];
	int i, j, n = 0;

	for (i = 0; i < TLB_SITES - 1 && tlb_sites[i].count; i++) {
		const char *fn = kallsyms_lookup(tlb_sites[i].caller, &off);

		fn = fn ? fn : "(not in the kernel's text)";
		for (j = 0; j < n; j++)
			if (ops[j] == tlb_sites[i].op && !__builtin_strcmp(names[j], fn))
				break;
		if (j == n) {
			names[n] = fn;
			ops[n] = tlb_sites[i].op;
			count[n++] = 0;
		}
		count[j] += tlb_sites[i].count;
	}
	seq_printf(s, "totals: %-6s %8s  %s\n", "op", "count", "caller");
	for (j = 0; j < n; j++)
		seq_printf(s, "        %-6s %8lu  %s\n", op_names[ops[j]], count[j], names[j]);
	if (tlb_sites[TLB_SITES - 1].count)
		seq_printf(s, "        %-6s %8lu  %s\n", "any", tlb_sites[TLB_SITES - 1].count,
			   "(more call sites than the table holds)");
}

static void show_tlblog(struct seq_buf *s)
{
	unsigned long flags;
	u32 seq, first, i;

	seq_printf(s, "%-7s %-6s %-10s  %-4s %4s %4s  %s\n", "seq", "op", "va", "asid",
		   "ctx", "pid", "caller");
	local_irq_save(flags);		/* a snapshot: no entry changes meanwhile */
	seq = tlb_log_seq;
	first = seq > TLB_LOG_SIZE ? seq - TLB_LOG_SIZE + 1 : 1;
	for (i = first; i <= seq; i++)
		show_one(s, &tlb_log[(i - 1) % TLB_LOG_SIZE]);
	local_irq_restore(flags);
	show_totals(s);
}
VIEW(tlblog, show_tlblog);

#endif /* CONFIG_DEBUG_MM */
