/*
 * Macros for the assembly files.
 */
#ifndef ASM_ASSEMBLER_H
#define ASM_ASSEMBLER_H

#ifdef __ASSEMBLER__
/*
 * check_sp_aligned - before a call into C: the AAPCS (5.2.1.2) requires
 * sp to be 8-byte aligned at every public interface, and code the
 * compiler generates relies on it (ldrd/strd on the stack, va_arg of a
 * 64-bit value).  Debug builds stop with a message if it is not
 * (sp_misaligned, entry.S); QEMU would never notice.
 */
.macro check_sp_aligned
#ifdef CONFIG_DEBUG_MM
	tst	sp, #7
	blne	sp_misaligned
#endif
.endm

/*
 * lines op: run op (an instruction on the address in r0) on each cache
 * line from r0 (line aligned) up to r1; r2 is the line size.  Eight lines
 * per pass while eight remain, then one at a time: a loop of one line
 * per pass spent three instructions on itself for each (a 4 KiB page is
 * 128 lines of 32 bytes on the A8 and A9, 64 of 64 bytes on the A15).
 * r0 >= r1 does nothing; ranges are under 2 GiB, so the signed compare
 * of r1 - r0 is exact.  Clobbers r0, r3, r12 (cache-v7.S; tested through
 * lines_record by selftest=cache_lines).  The order of the lines does
 * not matter: maintenance by MVA to different lines needs no ordering
 * among itself, and the caller's DSB waits for all of it to complete
 * (DDI 0406C B2.2.9), the same on the A8, A9-MP and A15.
 */
.macro lines op:vararg
	mov	r3, r2, lsl #3			@ eight lines, in bytes
1:	sub	r12, r1, r0
	cmp	r12, r3
	blt	2f
	.rept	8
	\op
	add	r0, r0, r2
	.endr
	b	1b
2:	cmp	r0, r1
	bhs	3f
	\op
	add	r0, r0, r2
	b	2b
3:
.endm
#endif

#endif
