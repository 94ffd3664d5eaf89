/*
 * arch/arm/uaccess.S - copying between the kernel and user space.
 *
 * Every load from or store to a user address uses the "unprivileged"
 * forms (LDRT/STRT, LDRBT/STRBT; ARM ARM A8.8.x): the MMU checks them
 * with user-mode rights, so a user program cannot make the kernel touch
 * kernel memory for it, and a write to a copy-on-write page faults like
 * the program's own write would.
 *
 * Each such instruction has an entry in __ex_table: (its address, where
 * to continue if it faults and the fault cannot be fixed).  The abort
 * handler (arch/arm/fault.c) first tries to service the fault like any
 * user fault (demand paging, COW); only a bad address ends up at the
 * fixup, which returns how many bytes were NOT copied.
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

/* unsigned long __copy_to_user(void *to, const void *from, unsigned long n) */
	.globl	__copy_to_user
__copy_to_user:
	orr	r3, r0, r1
	tst	r3, #3
	bne	2f
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
