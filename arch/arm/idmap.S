/*
 * arch/arm/idmap.S - switching the kernel from one page table to another
 * without ever having two translations for one address in the TLB.
 *
 * paging_init() moves the kernel from the early table (1 MiB sections,
 * all read-write-execute) to the final one (the image in 4 KiB pages with
 * per-part rights, the early console in pages).  The same virtual
 * addresses are translated differently in the two: if an entry of each
 * were in the TLB at once, that is a TLB multiple hit, whose result is
 * UNPREDICTABLE (ARM ARM B3.10.1 "break-before-make"; the Cortex-A15 and
 * A7 raise a TLB conflict abort).  Writing TTBR0 and then invalidating
 * the TLB leaves a window where an instruction fetch or a speculative
 * walk can load a new entry next to an old one.
 *
 * So the switch runs from code whose mapping is the same in every table
 * involved: an identity-mapped section (VA = PA) around this function,
 * one descriptor value written into the old table, the new one, and a
 * third table holding nothing else.  Nothing here touches memory:
 *
 *   1. TTBR0 = the identity-only table; ISB.  Walks now find only the
 *      identity section; the old table's entries are still in the TLB,
 *      but none of them can be matched by a walk of this table.
 *   2. TLBIALL, BPIALL, DSB, ISB: the TLB now holds at most the identity
 *      section, loaded from the identity-only table.
 *   3. TTBR0 = the new table; ISB.  The identity entry is the same in it.
 *   4. Return to the caller at its linked address: its first fetch walks
 *      the new table, and nothing of the old one is left to conflict.
 *
 * Caller: IRQs masked (boot), the three tables cleaned to the PoU, and
 * the identity entries present in all three.
 */
	.arm
	.text
	.balign	32
	.globl	idmap_switch_ttbr0
/* idmap_switch_ttbr0(u32 ttbr_idmap_only, u32 ttbr_new), called at its PA */
idmap_switch_ttbr0:
	dsb
	mcr	p15, 0, r0, c2, c0, 0	@ 1. TTBR0 = identity-only table
	isb
	mov	r0, #0
#ifdef CONFIG_CPU_MP
	mcr	p15, 0, r0, c8, c3, 0	@ 2. TLBIALLIS
	mcr	p15, 0, r0, c7, c1, 6	@    BPIALLIS
#else
	mcr	p15, 0, r0, c8, c7, 0	@ 2. TLBIALL
	mcr	p15, 0, r0, c7, c5, 6	@    BPIALL
#endif
	dsb
	isb
	mcr	p15, 0, r1, c2, c0, 0	@ 3. TTBR0 = the new table
	isb
	bx	lr			@ 4. back at the caller's linked address
	.globl	idmap_switch_ttbr0_end
idmap_switch_ttbr0_end:
