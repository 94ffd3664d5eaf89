/*
 * arch/arm/uaccess.S - copying between the kernel and user space.
 *
 * Two kinds of access reach user memory here:
 *
 *   - Blocks of 128 bytes, when both pointers are word aligned, move with
 *     plain LDM/STM.  The MMU checks those with the kernel's rights, so
 *     they are safe only because (1) the caller has checked the whole
 *     range against TASK_SIZE (access_ok, include/kernel/uaccess.h), and
 *     (2) no page below TASK_SIZE gives the kernel a right the program
 *     lacks: user pages are AP 011 (both RW) or 111 (both read-only), and
 *     PROT_NONE pages are AP 000, no access at all (arch/arm/mmu.c,
 *     pte_prot_bits).  A write to a read-only page (copy-on-write, the
 *     zero page, a clean MAP_SHARED page) therefore faults for the kernel
 *     just as it would for the program.  This is Linux/ARM's choice too
 *     (without CONFIG_CPU_USE_DOMAINS it copies with LDM/STM).
 *   - Everything else (short or unaligned copies, the tail of a block
 *     copy, strings) uses the "unprivileged" forms LDRT/STRT, LDRBT/STRBT
 *     (ARM ARM A8.8.x), checked with user-mode rights.
 *
 * Each such instruction has an entry in __ex_table: (its address, where
 * to continue if it faults and the fault cannot be fixed).  The abort
 * handler (arch/arm/fault.c) first tries to service the fault like any
 * user fault (demand paging, COW) and then runs the instruction again;
 * only a bad address ends up at the fixup, which returns how many bytes
 * were NOT copied.
 *
 * A block that faults for good falls back to the word and byte loops,
 * from the first byte of that block, so the count returned is exact.
 * That relies on ARMv7's base-restored abort model (B1.9.6 / "Data
 * Abort exception": an aborted LDM/STM with writeback leaves its base
 * register unchanged; the loaded registers are UNKNOWN and are reloaded).
 */
	.arm
	.text

.macro USER insn:vararg
9999:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.word	9999b, uaccess_fault
	.popsection
.endm

/* A block access: its fixup goes back to the exact loops (from_blk_fault,
 * to_blk_fault). */
.macro BLOCK fixup, insn:vararg
9996:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.word	9996b, \fixup
	.popsection
.endm

.macro USER_LEN insn:vararg
9997:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.word	9997b, len_fault
	.popsection
.endm

.macro USER_STR insn:vararg
9998:	\insn
	.pushsection __ex_table, "a"
	.balign	4
	.word	9998b, str_fault
	.popsection
.endm

/* unsigned long __copy_from_user(void *to, const void *from, unsigned long n) */
	.globl	__copy_from_user
__copy_from_user:
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
	cmp	r2, #128
	bhs	from_blocks
1:	cmp	r2, #4			@ words while both are aligned
	blo	2f
	USER	ldrt	r3, [r1], #4
	str	r3, [r0], #4
	sub	r2, r2, #4
	b	1b
2:	cmp	r2, #0			@ then bytes
	beq	uaccess_done
	USER	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	sub	r2, r2, #1
	b	2b

/*
 * 128 bytes a turn, both pointers aligned, n >= 128.  r12 holds the end of
 * the user range: after a fault the bytes left are recomputed from it.
 */
from_blocks:
	push	{r4-r10}
	add	r12, r1, r2
	sub	r2, r2, #128
3:	BLOCK	from_blk_fault, ldm	r1!, {r3-r10}
	stm	r0!, {r3-r10}
	BLOCK	from_blk_fault, ldm	r1!, {r3-r10}
	stm	r0!, {r3-r10}
	BLOCK	from_blk_fault, ldm	r1!, {r3-r10}
	stm	r0!, {r3-r10}
	BLOCK	from_blk_fault, ldm	r1!, {r3-r10}
	stm	r0!, {r3-r10}
	subs	r2, r2, #128
	bhs	3b
	add	r2, r2, #128
	pop	{r4-r10}
	b	1b
from_blk_fault:				@ r0, r1 at the block that faulted
	sub	r2, r12, r1
	pop	{r4-r10}
	b	1b

/* unsigned long __copy_to_user(void *to, const void *from, unsigned long n) */
	.globl	__copy_to_user
__copy_to_user:
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
	cmp	r2, #128
	bhs	to_blocks
1:	cmp	r2, #4
	blo	2f
	ldr	r3, [r1], #4
	USER	strt	r3, [r0], #4
	sub	r2, r2, #4
	b	1b
2:	cmp	r2, #0
	beq	uaccess_done
	ldrb	r3, [r1], #1
	USER	strbt	r3, [r0], #1
	sub	r2, r2, #1
	b	2b

/* The same for stores; a faulting STM follows its LDM, so r1 is one
 * block (32 bytes) ahead of r0 then. */
to_blocks:
	push	{r4-r10}
	add	r12, r0, r2
	sub	r2, r2, #128
3:	ldm	r1!, {r3-r10}
	BLOCK	to_blk_fault, stm	r0!, {r3-r10}
	ldm	r1!, {r3-r10}
	BLOCK	to_blk_fault, stm	r0!, {r3-r10}
	ldm	r1!, {r3-r10}
	BLOCK	to_blk_fault, stm	r0!, {r3-r10}
	ldm	r1!, {r3-r10}
	BLOCK	to_blk_fault, stm	r0!, {r3-r10}
	subs	r2, r2, #128
	bhs	3b
	add	r2, r2, #128
	pop	{r4-r10}
	b	1b
to_blk_fault:
	sub	r1, r1, #32
	sub	r2, r12, r0
	pop	{r4-r10}
	b	1b

uaccess_done:
	mov	r0, #0
	bx	lr
uaccess_fault:				@ r2 = bytes left, the faulting one included
	mov	r0, r2
	bx	lr

/*
 * long __strncpy_from_user(char *dst, const char *src, unsigned long n):
 * copy up to n bytes (n >= 1), stopping after a NUL.  Returns the
 * string's length (without the NUL), n if no NUL was found, or -14
 * (-EFAULT).  The caller has limited n to the user part of the address
 * space (include/kernel/uaccess.h).
 */
	.globl	__strncpy_from_user
__strncpy_from_user:
	mov	r12, r0
1:	cmp	r2, #0
	beq	3f
	USER_STR	ldrbt	r3, [r1], #1
	strb	r3, [r0], #1
	cmp	r3, #0
	beq	2f
	sub	r2, r2, #1
	b	1b
2:	sub	r0, r0, r12		@ bytes stored, NUL included
	sub	r0, r0, #1
	bx	lr
3:	sub	r0, r0, r12
	bx	lr
str_fault:
	mvn	r0, #13			@ -14 = -EFAULT
	bx	lr

/*
 * long __strnlen_user(const char *src, unsigned long n): the size of the
 * string with its NUL (1..n), n + 1 if there is no NUL in the first n
 * bytes, or 0 if a byte could not be read (Linux's strnlen_user).
 */
	.globl	__strnlen_user
__strnlen_user:
	mov	r12, r0
1:	cmp	r1, #0
	beq	3f
	USER_LEN	ldrbt	r3, [r0], #1
	cmp	r3, #0
	beq	2f
	sub	r1, r1, #1
	b	1b
2:	sub	r0, r0, r12		@ bytes read, NUL included
	bx	lr
3:	sub	r0, r0, r12
	add	r0, r0, #1		@ n + 1: too long
	bx	lr
len_fault:
	mov	r0, #0
	bx	lr
