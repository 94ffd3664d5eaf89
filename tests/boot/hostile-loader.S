/*
 * tests/boot/hostile-loader.S - a boot loader that breaks the rules, for
 * the vexpress-a9 boot test (tests/system/test_boot.py).
 *
 * The Linux boot protocol wants the MMU and the data cache off when the
 * kernel is entered.  This loader leaves everything on: it turns on the
 * board's PL310 outer cache, builds an identity map of the 4 GiB as
 * write-back cacheable sections, turns the MMU, caches and branch
 * prediction on, copies the kernel image to another address with the
 * cache on (so on hardware part of the copy would sit dirty in the
 * caches), and jumps to the copy with the DTB in r2.  The kernel must
 * notice, clean, turn it all off, relocate itself and boot.
 *
 * QEMU loads this file with -kernel at 0x60010000 and the kernel's Image
 * with -device loader at IMAGE_SRC; the DTB pointer comes in r2.
 */
#define IMAGE_SRC	0x62000000	/* where QEMU put the Image */
#define IMAGE_COPY	0x63000000	/* where we run it from */
#define IMAGE_MAX	0x00400000	/* bytes copied: more than the Image */
#define TABLE		0x6ffe0000	/* 16 KiB aligned, far from the kernel */
#define PL310_CTRL	0x1e00a100
/* section: normal memory, outer and inner write-back write-allocate
 * (TEX=001 C=1 B=1), full access (AP=11), domain 0 */
#define SECT		0x00001c0e

	.arm
	.text
	.globl	_start
_start:
	mov	r11, r2			@ the DTB
	ldr	r0, =PL310_CTRL		@ the outer cache on (MMU still off)
	mov	r1, #1
	str	r1, [r0]

	ldr	r0, =TABLE		@ identity map, every MiB cacheable
	ldr	r3, =SECT
	mov	r1, #0
1:	orr	r4, r3, r1, lsl #20
	str	r4, [r0, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #4096
	blo	1b

	mov	r1, #0
	mcr	p15, 0, r1, c2, c0, 2	@ TTBCR = 0
	orr	r1, r0, #0x59		@ TTBR0: walks inner/outer write-back
	mcr	p15, 0, r1, c2, c0, 0
	ldr	r1, =0x55555555		@ every domain a client
	mcr	p15, 0, r1, c3, c0, 0
	mov	r1, #0
	mcr	p15, 0, r1, c8, c7, 0	@ TLBIALL
	dsb
	isb
	mrc	p15, 0, r1, c1, c0, 0	@ SCTLR: M, C, Z, I on
	orr	r1, r1, #0x1
	orr	r1, r1, #0x4
	orr	r1, r1, #0x1800
	mcr	p15, 0, r1, c1, c0, 0
	isb

	ldr	r0, =IMAGE_SRC		@ copy the kernel with the cache on
	ldr	r1, =IMAGE_COPY
	ldr	r2, =IMAGE_MAX
2:	ldmia	r0!, {r3-r10}
	stmia	r1!, {r3-r10}
	subs	r2, r2, #32
	bne	2b

	mov	r0, #0			@ and enter it, caches and all
	ldr	r1, =0xffffffff
	mov	r2, r11
	ldr	pc, =IMAGE_COPY
	.ltorg
