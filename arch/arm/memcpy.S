/*
 * arch/arm/memcpy.S - memcpy and memset, the kernel's hottest loops
 * (zeroing a new page, copying a page for copy-on-write, clearing page
 * tables).  When both addresses are word aligned they move 32 bytes per
 * LDM/STM pair of eight registers; otherwise, and for the tail, bytes.
 * A 4 KiB page then takes about 400 instructions instead of about 1500
 * for a C word loop.
 */
	.arm
	.text

/* void *memcpy(void *dst, const void *src, size_t n) */
	.globl	memcpy
memcpy:
	push	{r0, r4-r10, lr}
	orr	r3, r0, r1
	tst	r3, #3
	bne	3f			@ unaligned: bytes only
0:	subs	r2, r2, #256	@ 256-byte blocks: eight LDM/STM pairs
	blo	5f
	.rept	8
	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	.endr
	bhi	0b
	beq	4f
5:	add	r2, r2, #256
1:	subs	r2, r2, #32		@ 32-byte blocks
	ldmhsia	r1!, {r3-r10}
	stmhsia	r0!, {r3-r10}
	bhi	1b
	beq	4f
	add	r2, r2, #32
2:	subs	r2, r2, #4		@ words
	ldrhs	r3, [r1], #4
	strhs	r3, [r0], #4
	bhi	2b
	beq	4f
	add	r2, r2, #4
3:	subs	r2, r2, #1		@ bytes
	ldrhsb	r3, [r1], #1
	strhsb	r3, [r0], #1
	bhi	3b
4:	pop	{r0, r4-r10, pc}

/* void *memset(void *dst, int c, size_t n) */
	.globl	memset
memset:
	push	{r0, r4-r10, lr}
	and	r1, r1, #0xff
	tst	r0, #3
	bne	3f
	orr	r1, r1, r1, lsl #8
	orr	r1, r1, r1, lsl #16
	mov	r3, r1
	mov	r4, r1
	mov	r5, r1
	mov	r6, r1
	mov	r7, r1
	mov	r8, r1
	mov	r9, r1
0:	subs	r2, r2, #256	@ 256-byte blocks: eight STMs
	blo	5f
	.rept	8
	stmia	r0!, {r1, r3-r9}
	.endr
	bhi	0b
	beq	4f
5:	add	r2, r2, #256
1:	subs	r2, r2, #32
	stmhsia	r0!, {r1, r3-r9}
	bhi	1b
	beq	4f
	add	r2, r2, #32
2:	subs	r2, r2, #4
	strhs	r1, [r0], #4
	bhi	2b
	beq	4f
	add	r2, r2, #4
3:	subs	r2, r2, #1
	strhsb	r1, [r0], #1
	bhi	3b
4:	pop	{r0, r4-r10, pc}
