/*
 * One accessor per CP15 register, named after it (DDI 0406C, B4.1), with
 * its encoding in the trailing comment.  No mcr/mrc appears in C logic
 * elsewhere, so a student can `break write_ttbr0` in GDB.
 *
 * Operations (TLB and cache maintenance) live in asm/tlbflush.h and
 * asm/cacheflush.h.
 */
#ifndef ASM_CP15_H
#define ASM_CP15_H

#include <kernel/types.h>

#define CP15_READ(name, op1, crn, crm, op2) \
static inline u32 read_##name(void) \
{ \
	u32 v; \
	__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
			 : "=r"(v)); \
	return v; \
}

#define CP15_WRITE(name, op1, crn, crm, op2) \
static inline void write_##name(u32 v) \
{ \
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
			 : : "r"(v) : "memory"); \
}

#define CP15_RW(name, op1, crn, crm, op2) \
	CP15_READ(name, op1, crn, crm, op2) \
	CP15_WRITE(name, op1, crn, crm, op2)

CP15_READ(midr, 0, c0, c0, 0)		/* MIDR: main ID */
CP15_READ(ctr, 0, c0, c0, 1)		/* CTR: cache type */
CP15_READ(mpidr, 0, c0, c0, 5)		/* MPIDR: multiprocessor affinity */
CP15_READ(id_mmfr0, 0, c0, c1, 4)	/* ID_MMFR0: memory model features */
CP15_READ(id_mmfr3, 0, c0, c1, 7)	/* ID_MMFR3 */
CP15_READ(ccsidr, 1, c0, c0, 0)		/* CCSIDR: geometry of selected cache */
CP15_READ(clidr, 1, c0, c0, 1)		/* CLIDR: cache levels */
CP15_RW(csselr, 2, c0, c0, 0)		/* CSSELR: selects the cache CCSIDR shows */
CP15_RW(sctlr, 0, c1, c0, 0)		/* SCTLR: system control */
CP15_RW(actlr, 0, c1, c0, 1)		/* ACTLR: auxiliary control */
CP15_RW(cpacr, 0, c1, c0, 2)		/* CPACR: coprocessor access */
CP15_RW(ttbr0, 0, c2, c0, 0)		/* TTBR0: translation table base 0 */
CP15_RW(ttbr1, 0, c2, c0, 1)		/* TTBR1: translation table base 1 */
CP15_RW(ttbcr, 0, c2, c0, 2)		/* TTBCR: TTBR0/TTBR1 split */
CP15_RW(dacr, 0, c3, c0, 0)		/* DACR: domain access control */
CP15_RW(dfsr, 0, c5, c0, 0)		/* DFSR: data fault status */
CP15_RW(ifsr, 0, c5, c0, 1)		/* IFSR: instruction fault status */
CP15_RW(dfar, 0, c6, c0, 0)		/* DFAR: data fault address */
CP15_RW(ifar, 0, c6, c0, 2)		/* IFAR: instruction fault address */
CP15_READ(par, 0, c7, c4, 0)		/* PAR: result of an ATS1C* translation */
CP15_WRITE(ats1cpr, 0, c7, c8, 0)	/* ATS1CPR: translate VA, PL1 read */
CP15_WRITE(ats1cpw, 0, c7, c8, 1)	/* ATS1CPW: translate VA, PL1 write */
CP15_RW(prrr, 0, c10, c2, 0)		/* PRRR: primary region remap */
CP15_RW(nmrr, 0, c10, c2, 1)		/* NMRR: normal memory remap */
CP15_RW(vbar, 0, c12, c0, 0)		/* VBAR: vector base (low vectors) */
CP15_RW(contextidr, 0, c13, c0, 1)	/* CONTEXTIDR: ASID and PROCID */
CP15_RW(tpidrurw, 0, c13, c0, 2)	/* TPIDRURW: user read/write thread id */
CP15_RW(tpidruro, 0, c13, c0, 3)	/* TPIDRURO: user read-only thread id */
CP15_RW(tpidrprw, 0, c13, c0, 4)	/* TPIDRPRW: PL1-only thread id */
CP15_RW(pmcr, 0, c9, c12, 0)		/* PMCR: performance monitor control */
CP15_RW(pmcntenset, 0, c9, c12, 1)	/* PMCNTENSET */
CP15_READ(pmccntr, 0, c9, c13, 0)	/* PMCCNTR: cycle counter */

/* Generic timer (ARMv7 with the Generic Timer extension: A7, A15; B4.1.21-) */
CP15_READ(cntfrq, 0, c14, c0, 0)	/* CNTFRQ: counter frequency (Hz) */
CP15_RW(cntv_tval, 0, c14, c3, 0)	/* CNTV_TVAL: virtual timer countdown */
CP15_RW(cntv_ctl, 0, c14, c3, 1)	/* CNTV_CTL: virtual timer control */

/* CNTVCT: the 64-bit virtual count (mrrc p15, 1, lo, hi, c14) */
static inline u64 read_cntvct(void)
{
	u32 lo, hi;

	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void isb(void) { __asm__ volatile("isb" : : : "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" : : : "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" : : : "memory"); }

#endif
