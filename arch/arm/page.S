/*
 * arch/arm/page.S - clear_page and copy_page: the two whole-page loops of
 * the fault path (a zeroed page for a first write, a copy for a
 * copy-on-write), unrolled over the page with no loop counter.
 * clear_page stores 52 bytes per STM of thirteen registers (r1-r12, lr:
 * every register but the pointer, sp and pc): 78 blocks of 52 and one of
 * 40 make 4096.  copy_page needs two pointers, so it moves 48 bytes per
 * LDM/STM pair of twelve registers: 85 blocks of 48 and one of 16.
 *
 * Both take page-aligned kernel addresses (lowmem or a kmap_atomic slot).
 */
	.arm
	.text

/* void clear_page(void *to) */
	.globl	clear_page
clear_page:
	push	{r4-r11, lr}
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r10, #0
	mov	r11, #0
	mov	r12, #0
	mov	lr, #0
	.rept	78
	stmia	r0!, {r1-r12, lr}
	.endr
	stmia	r0!, {r1-r10}
	pop	{r4-r11, pc}

/* void copy_page(void *to, const void *from) */
	.globl	copy_page
copy_page:
	push	{r4-r11, lr}
	.rept	85
	ldmia	r1!, {r2-r12, lr}
	stmia	r0!, {r2-r12, lr}
	.endr
	ldmia	r1!, {r2-r5}
	stmia	r0!, {r2-r5}
	pop	{r4-r11, pc}
