/*
 * arch/arm/asid.c - Address Space IDentifiers (ARM ARM B3.9.3).
 *
 * User mappings are non-global (nG = 1): the TLB tags each with the ASID
 * that was in CONTEXTIDR when it was loaded, and only entries with the
 * current ASID match.  A context switch therefore needs no TLB flush,
 * as long as no two live address spaces share an ASID.
 *
 * There are only 255 usable ASIDs (0 is reserved, see below).  Each mm
 * remembers the generation its ASID was handed out in:
 *
 *   mm->context_id = generation << 8 | asid
 *
 *   asid_generation  0x00000100 ... bumped by 0x100 at each rollover
 *   next_asid        1 .. 255, handed out in order, never reused inside
 *                    a generation
 *
 * When next_asid passes 255 the generation is bumped and the whole TLB is
 * flushed once; every mm whose context_id carries an older generation gets
 * a fresh ASID the next time it is switched to.
 *
 * The switch itself (B3.10.4, "Synchronization of changes of ASID and
 * TTBR"): CONTEXTIDR and TTBR0 cannot change together, and a walk that
 * happens between the two writes would load the wrong table's entries
 * tagged with the wrong ASID:
 *
 *   unsafe:  CONTEXTIDR = new ASID ... walk of the OLD table tagged NEW
 *            ... TTBR0 = new table      (stale entries for the new process)
 *
 *   ours:    DSB
 *            CONTEXTIDR = 0 (reserved; no process ever owns ASID 0)
 *            ISB
 *            TTBR0 = new table          walks now load correct entries,
 *            ISB                        tagged 0: no process will match them
 *            DSB
 *            CONTEXTIDR = new ASID
 *            ISB
 *
 * The DSB before each CONTEXTIDR write is for Cortex-A9 erratum 754322
 * ("possible faulty MMU translations following an ASID switch"): without
 * it, a TLB entry being allocated for the old ASID can be tagged with the
 * new one.  It costs one barrier per switch on every core, as in Linux,
 * which applies it to all ARMv7 builds that may run on an A9.
 */
#include <kernel/types.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>
#include <asm/hw.h>
#include <asm/cp15.h>
#include <asm/mmu.h>
#include <asm/tlbflush.h>
#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <mm/mm_types.h>
#include <mm/arch_mmu.h>
#include <kernel/selftest.h>

struct asid_stats asid_stats;
static u32 asid_generation = NUM_ASIDS;	/* generation 1; 0 means "none" */
static u32 next_asid = 1;

static bool asid_current(const struct mm_struct *mm)
{
	return mm->context_id && !((mm->context_id ^ asid_generation) >> ASID_BITS);
}

int mm_asid(const struct mm_struct *mm)
{
	return asid_current(mm) ? (int)(mm->context_id & ASID_MASK) : -1;
}

static void cpu_switch_mm(paddr_t pgd_pa, u32 asid);

/*
 * new_context - give mm an ASID of the current generation.  On rollover,
 * first leave every user table (TTBR0 = kernel-only table, reserved ASID
 * 0) so that nothing tagged with an old-generation ASID can be loaded
 * after the flush; then flush the whole TLB once.
 */
static void new_context(struct mm_struct *mm)
{
	if (next_asid == NUM_ASIDS) {		/* rollover */
		cpu_switch_mm(init_mm.pgd_pa, 0);
		asid_generation += NUM_ASIDS;
		if (!asid_generation)		/* 2^24 rollovers: skip "0" */
			asid_generation = NUM_ASIDS;
		next_asid = 1;
		asid_stats.rollovers++;
		local_flush_tlb_all();
	}
	mm->context_id = asid_generation | next_asid++;
	asid_stats.allocated++;
}

/* The register sequence described at the top of this file. */
static void cpu_switch_mm(paddr_t pgd_pa, u32 asid)
{
	dsb();				/* erratum 754322 */
	write_contextidr(0);
	isb();
	write_ttbr0(pgd_pa | TTBR_FLAGS);
	isb();
	dsb();				/* erratum 754322 */
	write_contextidr(asid);
	isb();
}

void sync_kernel_mappings(struct mm_struct *mm)
{
	unsigned from = L1_INDEX(vmalloc_start), to = L1_INDEX(VMALLOC_END);

	mm->vmalloc_seq = init_mm.vmalloc_seq;
	memcpy(&mm->pgd[from], &init_mm.pgd[from], (to - from) * sizeof(u32));
	clean_pgtable_range((vaddr_t)&mm->pgd[from], (vaddr_t)&mm->pgd[to]);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	unsigned long flags;

	local_irq_save(flags);
	if (next != &init_mm && next->vmalloc_seq != init_mm.vmalloc_seq)
		sync_kernel_mappings(next);
	if (next == &init_mm) {
		cpu_switch_mm(next->pgd_pa, 0);	/* kernel only: global entries */
	} else {
		if (!asid_current(next))
			new_context(next);
		if (!(next->context_id & ASID_MASK))
			asid_stats.reserved_asid++;	/* never: ASID 0 is the kernel's */
		cpu_switch_mm(next->pgd_pa, next->context_id & ASID_MASK);
	}
	asid_stats.switches++;
	local_irq_restore(flags);
}

/*
 * arch_flush_user_page - one user page of mm changed: invalidate its
 * entry for mm's ASID.  An mm without a current ASID has no entries
 * that could match (they were flushed at the rollover).
 */
void arch_flush_user_page(struct mm_struct *mm, vaddr_t va)
{
	int asid = mm_asid(mm);

	if (asid > 0)
		local_flush_tlb_page(va, (unsigned)asid);
}

/* arch_flush_user_mm - every user entry of mm (munmap of a big range, mprotect). */
void arch_flush_user_mm(struct mm_struct *mm)
{
	int asid = mm_asid(mm);

	if (asid > 0)
		local_flush_tlb_asid((unsigned)asid);
}

/*
 * arch_flush_user_tables - before page tables of mm are freed: mm's ASID
 * (leaf entries and cached walks) and the reserved ASID 0, under which
 * the switch window (cpu_switch_mm) may have walked mm's tables too.
 */
void arch_flush_user_tables(struct mm_struct *mm)
{
	arch_flush_user_mm(mm);
	local_flush_tlb_asid(0);
}

/*
 * /proc/tlbinfo: the ASID allocator and the TLB maintenance it saves or
 * causes.  mm_switches counts switches of TTBR0; with valid ASIDs none
 * of them flushes anything, which the flush counters show.
 * mm_switches_to_asid_0 must stay 0: a process running with the reserved
 * ASID would share its TLB entries with the kernel-only table.
 */
static void show_tlbinfo(struct seq_buf *s)
{
	seq_printf(s, "asid_bits %u\n", ASID_BITS);
	seq_printf(s, "asid_generation %u\n", asid_generation >> ASID_BITS);
	seq_printf(s, "asid_next %u\n", next_asid);
	seq_printf(s, "asids_allocated %lu\n", asid_stats.allocated);
	seq_printf(s, "asid_rollovers %lu\n", asid_stats.rollovers);
	seq_printf(s, "mm_switches %lu\n", asid_stats.switches);
	seq_printf(s, "mm_switches_to_asid_0 %lu\n", asid_stats.reserved_asid);
	seq_printf(s, "tlb_flush_all %lu\n", tlb_stats.all);
	seq_printf(s, "tlb_flush_asid %lu\n", tlb_stats.asid);
	seq_printf(s, "tlb_flush_mva %lu\n", tlb_stats.mva);
}
VIEW(tlbinfo, show_tlbinfo);
