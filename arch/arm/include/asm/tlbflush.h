/*
 * TLB maintenance (DDI 0406C, B4.2.2 and B3.10).
 *
 * The CPUs with the Multiprocessing Extensions (Cortex-A9, A15) broadcast
 * with the inner-shareable forms (TLBI*IS); the Cortex-A8 has no such
 * forms (they are UNDEFINED there), so a build without CONFIG_CPU_MP uses
 * the local ones.  The kernel runs on one CPU either way.
 *
 * Every operation is followed by DSB (wait for it to complete) and ISB
 * (so that the next instruction fetch uses the new translations).
 * Counters let tests and the ASID code prove what was flushed; debug
 * builds also keep the last operations with their operands (tlb_log_op,
 * /proc/tlblog), so that a test can check *which* page and ASID were
 * invalidated, not only how many times.
 */
#ifndef ASM_TLBFLUSH_H
#define ASM_TLBFLUSH_H

#include <kernel/types.h>

struct tlb_stats {
	unsigned long all;	/* whole TLB */
	unsigned long asid;	/* every entry of one ASID */
	unsigned long mva;	/* one page */
};
extern struct tlb_stats tlb_stats;

/*
 * The per-operation log of debug builds (arch/arm/tlblog.c): one entry per
 * operation that can touch user entries (TLB_OP_*, with its register
 * operand) and per user fault (TLB_EV_FAULT, with the fault address), read
 * as /proc/tlblog.  Kernel-page invalidations (kmap_atomic's, thousands a
 * second) are left out.  It costs a call per flush, so the build without
 * debug checks leaves it out.
 */
enum { TLB_OP_ALL, TLB_OP_ASID, TLB_OP_MVA, TLB_EV_FAULT };
#ifdef CONFIG_DEBUG_MM
void tlb_log_op(unsigned op, u32 operand);
void tlb_log_fault(u32 addr, u32 fsr);
#else
static inline void tlb_log_op(unsigned op, u32 operand) { }
static inline void tlb_log_fault(u32 addr, u32 fsr) { }
#endif

#ifdef CONFIG_CPU_MP
#define TLBI_ALL	"mcr p15, 0, %0, c8, c3, 0"	/* TLBIALLIS */
#define TLBI_MVA	"mcr p15, 0, %0, c8, c3, 1"	/* TLBIMVAIS */
#define TLBI_ASID	"mcr p15, 0, %0, c8, c3, 2"	/* TLBIASIDIS */
#define TLBI_MVAA	"mcr p15, 0, %0, c8, c3, 3"	/* TLBIMVAAIS */
#define BPI_ALL		"mcr p15, 0, %0, c7, c1, 6"	/* BPIALLIS */
#else
#define TLBI_ALL	"mcr p15, 0, %0, c8, c7, 0"	/* TLBIALL */
#define TLBI_MVA	"mcr p15, 0, %0, c8, c7, 1"	/* TLBIMVA */
#define TLBI_ASID	"mcr p15, 0, %0, c8, c7, 2"	/* TLBIASID */
#define TLBI_MVAA	"mcr p15, 0, %0, c8, c7, 1"	/* no TLBIMVAA: by MVA, ASID 0 */
#define BPI_ALL		"mcr p15, 0, %0, c7, c5, 6"	/* BPIALL */
#endif

/* local_flush_tlb_all - invalidate every entry, global or not. */
static inline void local_flush_tlb_all(void)
{
	tlb_stats.all++;
	tlb_log_op(TLB_OP_ALL, 0);
	__asm__ volatile("dsb\n\t" TLBI_ALL "\n\t" BPI_ALL "\n\tdsb\n\tisb"
			 : : "r"(0) : "memory");
}

/* local_flush_tlb_asid - invalidate the non-global entries of one ASID. */
static inline void local_flush_tlb_asid(unsigned asid)
{
	tlb_stats.asid++;
	tlb_log_op(TLB_OP_ASID, asid & 0xFF);
	__asm__ volatile("dsb\n\t" TLBI_ASID "\n\tdsb\n\tisb"
			 : : "r"(asid & 0xFF) : "memory");
}

/*
 * local_flush_tlb_page - invalidate the entry for one user page of one
 * ASID (operand: VA[31:12] | ASID).
 */
static inline void local_flush_tlb_page(vaddr_t va, unsigned asid)
{
	u32 op = (va & ~0xFFFu) | (asid & 0xFF);

	tlb_stats.mva++;
	tlb_log_op(TLB_OP_MVA, op);
	__asm__ volatile("dsb\n\t" TLBI_MVA "\n\tdsb\n\tisb" : : "r"(op) : "memory");
}

/*
 * local_flush_tlb_kernel_page - invalidate one kernel (global) page, for
 * every ASID.  With the MP Extensions, TLBIMVAA; on the A8, TLBIMVA with
 * any ASID also removes a global entry (B4.2.2).
 */
static inline void local_flush_tlb_kernel_page(vaddr_t va)
{
	tlb_stats.mva++;
	__asm__ volatile("dsb\n\t" TLBI_MVAA "\n\tdsb\n\tisb"
			 : : "r"(va & ~0xFFFu) : "memory");
}

void flush_tlb_kernel_range(vaddr_t start, vaddr_t end);

#endif
