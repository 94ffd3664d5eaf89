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
#endif

#endif
