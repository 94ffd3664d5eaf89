/*
 * arch/arm/cache-v7.S - ARMv7 cache maintenance (DDI 0406C, B4.2.1).
 *
 * Range operations go line by line; the smallest data cache line size is
 * CTR.DminLine (B4.1.42), read every time (it is one mrc).
 * All functions follow the AAPCS: r0-r3, r12 clobbered.
 */
#include <asm/hw.h>
#include <asm/assembler.h>

	.arm
	.text

/* dcache_line_size reg, tmp: reg = smallest D-cache line in bytes */
.macro dcache_line_size reg, tmp
	mrc	p15, 0, \tmp, c0, c0, 1		@ CTR
	mov	\tmp, \tmp, lsr #16
	and	\tmp, \tmp, #0xF		@ DminLine: log2(words)
	mov	\reg, #4
	mov	\reg, \reg, lsl \tmp
.endm

/* range_op name, crm, op2: the op on each line that [start, end) touches */
.macro range_op name, crm, op2
	.globl	\name
\name:
	dcache_line_size r2, r3
	sub	r3, r2, #1
	bic	r0, r0, r3			@ round start down to a line
	lines	mcr p15, 0, r0, c7, \crm, \op2
	dsb
	bx	lr
.endm

/* clean_dcache_range_pou(start, end): DCCMVAU, for tables and new code */
	range_op clean_dcache_range_pou, c11, 1
/* clean_dcache_range_poc(start, end): DCCMVAC, before a device reads memory */
	range_op clean_dcache_range_poc, c10, 1
/* flush_dcache_range_poc(start, end): DCCIMVAC, clean and invalidate */
	range_op flush_dcache_range_poc, c14, 1

/*
 * inv_dcache_range_poc(start, end): DCIMVAC, after a device wrote memory.
 * A partial line at either end is cleaned and invalidated instead, so
 * that data sharing the line with the buffer is not thrown away.
 */
	.globl	inv_dcache_range_poc
inv_dcache_range_poc:
	dcache_line_size r2, r3
	sub	r3, r2, #1
	tst	r0, r3
	bic	r0, r0, r3
	mcrne	p15, 0, r0, c7, c14, 1		@ DCCIMVAC: partial first line
	addne	r0, r0, r2
	tst	r1, r3
	bic	r1, r1, r3
	mcrne	p15, 0, r1, c7, c14, 1		@ DCCIMVAC: partial last line
	lines	mcr p15, 0, r0, c7, c6, 1	@ DCIMVAC: the whole lines between
	dsb
	bx	lr

/* invalidate_icache_all(): ICIALLU(IS) and BPIALL(IS), then ISB */
	.globl	invalidate_icache_all
invalidate_icache_all:
	mov	r0, #0
#ifdef CONFIG_CPU_MP
	mcr	p15, 0, r0, c7, c1, 0		@ ICIALLUIS
	mcr	p15, 0, r0, c7, c1, 6		@ BPIALLIS
#else
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
#endif
	dsb
	isb
	bx	lr

/*
 * sync_icache_range(start, end): make freshly written instructions
 * visible to instruction fetch (B2.2.9 "Ordering of cache maintenance
 * operations"): clean D to the PoU, DSB, invalidate I and BP, DSB, ISB.
 */
	.globl	sync_icache_range
sync_icache_range:
	push	{fp, lr}
	add	fp, sp, #4
	bl	clean_dcache_range_pou
	bl	invalidate_icache_all
	pop	{fp, pc}

/*
 * v7_dcache_all_op: walk every data/unified cache level up to the LoC by
 * set/way and run the operation selected by r0 (0 = invalidate, DCISW;
 * 1 = clean, DCCSW; 2 = clean and invalidate, DCCISW).  Only correct on a single CPU.  Clobbers r0-r3, r12
 * and saves r4-r10.
 */
v7_dcache_all_op:
	push	{r4-r10, lr}
	mov	r10, r0
	mrc	p15, 1, r0, c0, c0, 1		@ CLIDR
	mov	r3, r0, lsr #23
	ands	r3, r3, #0xE			@ LoC * 2
	beq	5f
	mov	r12, #0				@ level * 2
1:	add	r2, r12, r12, lsr #1		@ level * 3
	mov	r1, r0, lsr r2
	and	r1, r1, #7
	cmp	r1, #2
	blt	4f				@ no data cache at this level
	mcr	p15, 2, r12, c0, c0, 0		@ CSSELR
	isb
	mrc	p15, 1, r1, c0, c0, 0		@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4			@ log2(line bytes)
	ldr	r4, =0x3FF
	ands	r4, r4, r1, lsr #3		@ ways - 1
	clz	r5, r4
	ldr	r7, =0x7FFF
	ands	r7, r7, r1, lsr #13		@ sets - 1
2:	mov	r6, r4
3:	orr	r9, r12, r6, lsl r5
	orr	r9, r9, r7, lsl r2
	cmp	r10, #1
	mcrlo	p15, 0, r9, c7, c6, 2		@ DCISW
	mcreq	p15, 0, r9, c7, c10, 2		@ DCCSW
	mcrhi	p15, 0, r9, c7, c14, 2		@ DCCISW
	subs	r6, r6, #1
	bge	3b
	subs	r7, r7, #1
	bge	2b
4:	add	r12, r12, #2
	cmp	r3, r12
	bgt	1b
5:	mov	r0, #0
	mcr	p15, 2, r0, c0, c0, 0		@ CSSELR = 0
	dsb
	isb
	pop	{r4-r10, pc}

	.globl	v7_invalidate_dcache_all
v7_invalidate_dcache_all:
	mov	r0, #0
	b	v7_dcache_all_op

	.globl	v7_clean_dcache_all
v7_clean_dcache_all:
	mov	r0, #1
	b	v7_dcache_all_op

	.globl	v7_flush_dcache_all
v7_flush_dcache_all:
	mov	r0, #2
	b	v7_dcache_all_op

/*
 * lines_record(start, end, line, buf): the loop of every range operation
 * above, with the cache operation replaced by a store of the address to
 * buf; returns the end of what it stored.  QEMU models no cache, so only
 * this tells the loop visits each line once (selftest=cache_lines).
 */
	.globl	lines_record
lines_record:
	push	{r4, lr}
	mov	r4, r3
	lines	str r0, [r4], #4
	mov	r0, r4
	pop	{r4, pc}
