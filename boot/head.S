/*
 * boot/head.S - from the boot loader to start_kernel().
 *
 * Entry (Linux image conventions, as QEMU's -kernel and U-Boot's bootz/bootm
 * provide): r0 = 0, r1 = machine id, r2 = physical address of the DTB,
 * MMU and D-cache off.  The code up to `mmu_on` runs at its physical
 * address and uses only PC-relative addressing (adr) and values computed
 * from link-time constants, so it is position-independent until the MMU
 * is on.  Step by step (docs/boot.md shows what GDB sees at each one):
 *
 *   1. SVC mode, interrupts masked; from HYP mode (a Cortex-A15/A7 boot
 *      loader may enter there) through an exception return, after
 *      opening the timer and coprocessors to PL1.
 *   2. If the boot loader left the MMU or the data cache on: clean and
 *      invalidate the data cache to the PoC, then turn both off.
 *   3. If the image is not at PHYS_OFFSET + TEXT_OFFSET, copy it there.
 *   4. Invalidate I-cache, branch predictor, D-cache and TLB: nothing the
 *      boot loader left behind may be used once they are turned on.
 *   5. Coprocessors: the FPU off (FPEXC.EN = 0, CPACR = 0), so no FP state
 *      can pass between programs; ACTLR.SMP set on multiprocessor cores
 *      (Cortex-A9 MP, A15, A7), which must happen before the caches and
 *      the MMU are on for the caches to take part in coherency.
 *   6. Build the early first-level table (swapper_pg_dir) with 1 MiB
 *      sections: an identity map of this code, the kernel's linear map at
 *      PAGE_OFFSET, the DTB, and the early console UART.
 *   7. TTBCR = 0, TTBR0 = table, DACR = client; caches, branch prediction
 *      and MMU on.
 *   8. Jump to the linked (virtual) address; drop the identity map with
 *      the TLB maintenance that requires.
 *   9. Clear .bss, set up a stack for every exception mode, record what
 *      steps 1, 2 and 5 found (boot_entry_flags), call
 *      start_kernel(dtb_pa).
 *
 * Register use until start_kernel:
 *   r8  = PHYS_OFFSET (start of RAM)      r10 = DTB physical address
 *   r9  = physical address of swapper_pg_dir
 *   r12 = boot_entry_flags (BOOT_* in asm/setup.h)
 */
#include <asm/hw.h>
#include <asm/memory.h>
#include <asm/setup.h>

	.arch_extension virt		@ eret and the HYP registers, used only from HYP mode
	.fpu	vfpv3			@ vmsr fpexc, used once to turn the FPU off

#define EXC_STACK_SIZE	256
/* Lowmem mapped beyond the image, for memblock allocations in paging_init(). */
#define EARLY_EXTRA_SECTIONS 16
#define INIT_STACK_SIZE	8192

/* physical address of a linked (virtual) kernel symbol */
#define PA(sym) ((sym) - PAGE_OFFSET + PHYS_OFFSET)

/* Section attributes of the early table (ARM ARM B3.5.1, B3.8.2) */
#define EARLY_MEM  (L1_TYPE_SECT | L1_SECT_NORMAL_WBWA | L1_SECT_AP_KRW | L1_DOMAIN(DOMAIN_KERNEL))
#define EARLY_DEV  (L1_TYPE_SECT | L1_SECT_DEVICE | L1_SECT_XN | L1_SECT_AP_KRW | L1_DOMAIN(DOMAIN_KERNEL))

	.arm
	.section .head.text, "ax"
	.globl	_start
_start:
	/*
	 * 1. SVC mode, IRQ/FIQ/asynchronous aborts masked (B1.3.3).  A loader
	 * may start us in HYP mode (a Cortex-A15 or A7 with the
	 * Virtualization Extensions): leave it through leave_hyp.
	 */
	mov	r10, r2			@ keep the DTB pointer
	mov	r12, #0			@ boot_entry_flags
	mrs	r0, cpsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_HYP
	bleq	leave_hyp		@ returns in SVC mode (and sets BOOT_FROM_HYP)
	cpsid	aif, #MODE_SVC

	/*
	 * 2. The Linux boot protocol asks for the MMU and the data cache off;
	 * a loader that left them on may also have left dirty lines (our own
	 * image among them).  Clean and invalidate every level to the PoC
	 * while the cache is still on, then turn it and the MMU off (B2.2.7;
	 * with only set/way operations nothing new is allocated).  This code
	 * runs where the loader jumped, identity mapped if the MMU was on.
	 */
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR
	tst	r0, #(SCTLR_M | SCTLR_C)
	beq	1f
	orr	r12, r12, #BOOT_CACHES_WERE_ON
	bl	early_flush_dcache	@ DCCISW, every level (clobbers r0-r7, r11)
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(SCTLR_M | SCTLR_C)
	mcr	p15, 0, r0, c1, c0, 0	@ MMU and data cache off
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL: the loader's translations
	dsb
	isb
1:	ldr	r8, =PHYS_OFFSET

	/*
	 * 3. Self-relocation.  U-Boot's bootz runs the image where it was
	 * loaded (e.g. 0x82000000 on a BeagleBone); the kernel is linked to run
	 * from PHYS_OFFSET + TEXT_OFFSET, so copy it there first.  Caches are
	 * off, so the copy is in memory when we jump to it.  The copy goes
	 * downwards when the destination is above the source (memmove).
	 */
	adr	r0, _start		@ where we are
	ldr	r1, =PA(_start)		@ where we must be
	cmp	r0, r1
	beq	relocated
	ldr	r2, =__image_end
	ldr	r3, =_start
	sub	r2, r2, r3		@ bytes to copy
	cmp	r1, r0
	bhi	copy_down
copy_up:				@ destination below source: copy forwards
	mov	r3, #0
1:	ldr	r4, [r0, r3]
	str	r4, [r1, r3]
	add	r3, r3, #4
	cmp	r3, r2
	blo	1b
	b	copied
copy_down:				@ destination above source: copy backwards
	subs	r2, r2, #4
	ldr	r4, [r0, r2]
	str	r4, [r1, r2]
	bne	copy_down
copied:
	/*
	 * New code in memory: the stores must be complete (DSB) before the
	 * instruction side forgets what it held for these addresses (ICIALLU,
	 * BPIALL: B2.2.9), and the ISB makes the next fetch see that.
	 */
	dsb
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL
	dsb
	isb
	ldr	r0, =PA(relocated)
	bx	r0			@ continue in the copy
relocated:

	/*
	 * 4. Invalidate before enabling (B2.2.2: the caches' contents are
	 * UNKNOWN after reset; the Cortex-A9 does not invalidate them itself).
	 */
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0	@ ICIALLU: instruction cache
	mcr	p15, 0, r0, c7, c5, 6	@ BPIALL: branch predictor
	mcr	p15, 0, r0, c8, c7, 0	@ TLBIALL: unified TLB
	dsb
	isb
	bl	early_inv_dcache	@ D-cache by set/way (uses r0-r7, r11)

	/*
	 * 5. Coprocessors.  The FPU: open CPACR to cp10/cp11 just long enough
	 * to write FPEXC.EN = 0, then close every coprocessor (CPACR = 0), so
	 * that an FP or NEON instruction is UNDEFINED in user and kernel mode
	 * (ARM ARM: CPACR, FPEXC): no FP register can carry one program's data
	 * into another.  If cp10 does not read back as open (no FPU, or the
	 * Secure side keeps it: NSACR), FPEXC is not ours to write.
	 */
	mrc	p15, 0, r0, c1, c0, 2	@ CPACR
	orr	r0, r0, #(0xf << 20)	@ cp10, cp11: full access
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mrc	p15, 0, r0, c1, c0, 2
	and	r0, r0, #(0xf << 20)
	cmp	r0, #(0xf << 20)
	moveq	r0, #0
	vmsreq	fpexc, r0		@ FPEXC.EN = 0
	mov	r0, #0
	mcr	p15, 0, r0, c1, c0, 2	@ CPACR = 0
	isb
	bl	set_actlr_smp		@ ACTLR.SMP on MP cores (uses r0-r3)

	/* 6. The early first-level table: 4096 entries, all fault first. */
	ldr	r9, =PA(swapper_pg_dir)
	mov	r0, r9
	mov	r1, #0
	add	r2, r9, #L1_TABLE_SIZE
1:	str	r1, [r0], #4
	cmp	r0, r2
	blo	1b

	/*
	 * Identity map the 2 MiB around this code: the instruction after the
	 * one that turns the MMU on is fetched at its physical address.
	 */
	adr	r0, _start
	mov	r0, r0, lsr #SECTION_SHIFT
	ldr	r3, =EARLY_MEM
	orr	r1, r3, r0, lsl #SECTION_SHIFT
	str	r1, [r9, r0, lsl #2]
	add	r0, r0, #1
	orr	r1, r3, r0, lsl #SECTION_SHIFT
	str	r1, [r9, r0, lsl #2]

	/*
	 * Linear map of the kernel image (and .bss and this table) and 16 MiB
	 * after it, from PHYS_OFFSET, 1 MiB sections, at PAGE_OFFSET.  The rest
	 * of lowmem is mapped by paging_init() once the DTB says how much RAM
	 * there is; it allocates its tables from those 16 MiB.
	 */
	ldr	r0, =PAGE_OFFSET
	add	r4, r9, r0, lsr #(SECTION_SHIFT - 2)	@ &table[PAGE_OFFSET >> 20]
	ldr	r5, =(__end - PAGE_OFFSET + SECTION_SIZE - 1)
	mov	r5, r5, lsr #SECTION_SHIFT		@ sections holding the image
	add	r5, r5, #EARLY_EXTRA_SECTIONS		@ + room for boot allocations
	orr	r1, r3, r8				@ first section: PHYS_OFFSET
1:	str	r1, [r4], #4
	add	r1, r1, #SECTION_SIZE
	subs	r5, r5, #1
	bne	1b

	/*
	 * The DTB: map the 2 MiB holding it at its linear-map address, if it
	 * lies in the first 768 MiB of RAM (always so with QEMU and U-Boot).
	 * start_kernel() checks the pointer again before using it.
	 */
	sub	r0, r10, r8
	cmp	r0, #(768 << SECTION_SHIFT)
	bhs	1f
	mov	r0, r0, lsr #SECTION_SHIFT		@ section index from PHYS_OFFSET
	add	r4, r9, #((PAGE_OFFSET >> SECTION_SHIFT) << 2)
	add	r4, r4, r0, lsl #2
	orr	r1, r3, r8
	add	r1, r1, r0, lsl #SECTION_SHIFT
	str	r1, [r4], #4
	add	r1, r1, #SECTION_SIZE
	str	r1, [r4]
1:
	/* The early console: the UART's section, device memory, at the fixmap. */
	ldr	r1, =(DEBUG_UART_PHYS & SECTION_MASK)
	ldr	r3, =EARLY_DEV
	orr	r1, r1, r3
	ldr	r0, =FIX_EARLYCON_SECTION
	str	r1, [r9, r0, lsr #(SECTION_SHIFT - 2)]

	/*
	 * 7. Turn the MMU on (B3.2: TTBCR.N = 0 so TTBR0 covers all 4 GiB;
	 * DACR: domain 0 is a client, so the AP bits are checked; B4.1.130:
	 * SCTLR M, C, I, Z).  No TEX remap, no access flag.
	 */
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2	@ TTBCR = 0
	orr	r0, r9, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0	@ TTBR0 = swapper_pg_dir | walk attributes
	mcr	p15, 0, r0, c2, c0, 1	@ TTBR1 (unused with N = 0, kept tidy)
	mov	r0, #DACR_VALUE
	mcr	p15, 0, r0, c3, c0, 0	@ DACR
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 1	@ CONTEXTIDR = 0: ASID 0 for the kernel
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR
	bic	r0, r0, #SCTLR_A
	bic	r0, r0, #SCTLR_V
	bic	r0, r0, #(SCTLR_TRE | SCTLR_AFE | SCTLR_TE)
	orr	r0, r0, #(SCTLR_M | SCTLR_C)
	orr	r0, r0, #(SCTLR_Z | SCTLR_I)
	ldr	r1, =mmu_on		@ virtual address to continue at
mmu_enable:
	mcr	p15, 0, r0, c1, c0, 0	@ SCTLR: MMU, caches, branch prediction on
	isb
	/* 8. Still at the identity-mapped address; now to the linked one. */
	bx	r1

	.ltorg

/*
 * dcache_setway_all name, crm - a function `name` that runs the set/way
 * operation "mcr p15, 0, rX, c7, crm, 2" on every line of every data or
 * unified cache level up to the LoC (B2.2.7 "Performing cache maintenance
 * by set/way"; CLIDR, CSSELR, CCSIDR).  Clobbers r0-r7, r11.
 *   early_inv_dcache    DCISW: before the caches are on (nothing dirty)
 *   early_flush_dcache  DCCISW: a loader left the cache on
 */
.macro dcache_setway_all name, crm
\name:
	mrc	p15, 1, r0, c0, c0, 1	@ CLIDR
	mov	r3, r0, lsr #23
	ands	r3, r3, #0xE		@ LoC * 2
	beq	5f
	mov	r11, #0			@ level * 2
1:	add	r2, r11, r11, lsr #1	@ level * 3
	mov	r1, r0, lsr r2
	and	r1, r1, #7		@ cache type at this level
	cmp	r1, #2
	blt	4f			@ no data cache here
	mcr	p15, 2, r11, c0, c0, 0	@ CSSELR = level
	isb
	mrc	p15, 1, r1, c0, c0, 0	@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4		@ log2(line bytes)
	ldr	r4, =0x3FF
	ands	r4, r4, r1, lsr #3	@ ways - 1
	clz	r5, r4			@ shift of the way field
	ldr	r7, =0x7FFF
	ands	r7, r7, r1, lsr #13	@ sets - 1
2:	mov	r6, r4			@ way loop
3:	orr	r1, r11, r6, lsl r5
	orr	r1, r1, r7, lsl r2
	mcr	p15, 0, r1, c7, \crm, 2	@ by set/way
	subs	r6, r6, #1
	bge	3b
	subs	r7, r7, #1
	bge	2b
4:	add	r11, r11, #2
	cmp	r3, r11
	bgt	1b
5:	mov	r0, #0
	mcr	p15, 2, r0, c0, c0, 0	@ CSSELR back to level 1
	dsb
	isb
	bx	lr
.endm

	dcache_setway_all early_inv_dcache, c6
	dcache_setway_all early_flush_dcache, c14

/*
 * leave_hyp - called in HYP mode; returns to lr in SVC mode with IRQs,
 * FIQs and asynchronous aborts masked (ARM ARM, ERET: from HYP mode it takes
 * the mode and state from SPSR_hyp, the address from ELR_hyp.  Hyp mode
 * writes its own SPSR as "SPSR": the banked form, MSR SPSR_hyp, is for
 * the other modes and is undefined here, as QEMU confirms).  First the
 * hypervisor's controls are opened to PL1, as a kernel that never uses
 * HYP mode needs them: no traps (HCR, HSTR, HCPTR = 0), the
 * generic timer's physical counter and timer usable at PL1 (CNTHCTL
 * PL1PCTEN and PL1PCEN) with a zero virtual offset (CNTVOFF),
 * and the ID registers PL1 reads showing the real CPU (VPIDR, VMPIDR).
 * Clobbers r0, r1.
 */
leave_hyp:
	orr	r12, r12, #BOOT_FROM_HYP
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	@ HCR = 0
	mcr	p15, 4, r0, c1, c1, 2	@ HCPTR = 0
	mcr	p15, 4, r0, c1, c1, 3	@ HSTR = 0
	mrc	p15, 0, r0, c0, c1, 1	@ ID_PFR1
	ubfx	r0, r0, #16, #4		@ GenTimer
	cmp	r0, #0
	beq	1f
	mrc	p15, 4, r0, c14, c1, 0	@ CNTHCTL
	orr	r0, r0, #3		@ PL1PCTEN | PL1PCEN
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14	@ CNTVOFF = 0
1:	mrc	p15, 0, r0, c0, c0, 0	@ MIDR
	mcr	p15, 4, r0, c0, c0, 0	@ VPIDR
	mrc	p15, 0, r0, c0, c0, 5	@ MPIDR
	mcr	p15, 4, r0, c0, c0, 5	@ VMPIDR
	mrs	r0, cpsr
	bic	r0, r0, #MODE_MASK
	orr	r0, r0, #MODE_SVC
	orr	r0, r0, #(PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, r0		@ HYP's own SPSR (the banked form is for other modes)
	msr	elr_hyp, lr		@ ELR_hyp: the one banked access Hyp mode may make
	eret

/*
 * set_actlr_smp - on a multiprocessor Cortex-A9, A15 or A7 (MPIDR[31:30]
 * = 0b10: MP format, not a uniprocessor), ACTLR.SMP must be set before
 * the caches and MMU are enabled, or the data cache takes no part in
 * coherency (and LDREX/STREX on cacheable memory misbehave); on the A9
 * also ACTLR.FW, broadcast of cache and TLB maintenance (the Cortex-A9 and
 * A15 TRMs, Auxiliary Control Register).  Write only when a bit is missing: in the
 * Non-secure state the register may not be writable, so read it back
 * and record the outcome in r12 (BOOT_ACTLR_*).  Not on the Cortex-A8,
 * whose ACTLR bits mean something else.  Clobbers r0-r3.
 */
set_actlr_smp:
	mrc	p15, 0, r0, c0, c0, 0	@ MIDR
	ldr	r1, =0xff00fff0		@ implementer and primary part number
	and	r0, r0, r1
	ldr	r1, =0x4100c090		@ ARM Cortex-A9
	cmp	r0, r1
	moveq	r3, #((1 << 6) | (1 << 0))	@ SMP | FW
	beq	1f
	ldr	r1, =0x4100c0f0		@ Cortex-A15
	cmp	r0, r1
	ldrne	r1, =0x4100c070		@ Cortex-A7
	cmpne	r0, r1
	movne	pc, lr			@ not an MP core we know
	mov	r3, #(1 << 6)		@ SMP
1:	mrc	p15, 0, r0, c0, c0, 5	@ MPIDR
	and	r0, r0, #0xc0000000
	cmp	r0, #0x80000000
	movne	pc, lr			@ a uniprocessor part: no SMP bit
	mrc	p15, 0, r0, c1, c0, 1	@ ACTLR
	and	r1, r0, r3
	cmp	r1, r3
	orreq	r12, r12, #BOOT_ACTLR_SMP_WAS_SET
	moveq	pc, lr
	orr	r0, r0, r3
	mcr	p15, 0, r0, c1, c0, 1	@ ACTLR |= SMP (| FW)
	isb
	mrc	p15, 0, r0, c1, c0, 1
	and	r1, r0, r3
	cmp	r1, r3
	orreq	r12, r12, #BOOT_ACTLR_SMP_SET
	orrne	r12, r12, #BOOT_ACTLR_SMP_NOT_WRITABLE
	mov	pc, lr

	.ltorg

/* ------------------------------------------------------------------------
 * From here on the MMU is on and we run at the linked virtual addresses.
 */
	.text
mmu_on:
	/*
	 * Drop the identity map (it lies in what becomes user space).  The
	 * table is reached through the linear map; clean each entry to the
	 * PoU so that the walker sees it, then invalidate the whole TLB
	 * (B3.10.1).  The exception vectors go to VBAR until paging_init()
	 * maps the high vector page.
	 */
	ldr	r4, =swapper_pg_dir
	ldr	r0, =PA(_start)
	mov	r0, r0, lsr #SECTION_SHIFT
	add	r4, r4, r0, lsl #2
	mov	r1, #0
	str	r1, [r4]
	str	r1, [r4, #4]
	mcr	p15, 0, r4, c7, c11, 1	@ DCCMVAU, first entry
	add	r4, r4, #4
	mcr	p15, 0, r4, c7, c11, 1	@ DCCMVAU, second (may be the next line)
	dsb
	mcr	p15, 0, r1, c8, c7, 0	@ TLBIALL
	mcr	p15, 0, r1, c7, c5, 6	@ BPIALL
	dsb
	isb
	ldr	r0, =vectors_start
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR = the table in the image
	isb

	/* 9. Clear .bss (no stack in use yet). */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b

	/*
	 * A small stack for each exception mode.  Entry code moves to the SVC
	 * stack at once (arch/arm/entry.S), so these only need a few words.
	 */
	cps	#MODE_IRQ
	ldr	sp, =irq_stack + EXC_STACK_SIZE
	cps	#MODE_ABT
	ldr	sp, =abt_stack + EXC_STACK_SIZE
	cps	#MODE_UND
	ldr	sp, =und_stack + EXC_STACK_SIZE
	cps	#MODE_FIQ
	ldr	sp, =fiq_stack + EXC_STACK_SIZE
	cps	#MODE_SVC
	ldr	sp, =init_stack + INIT_STACK_SIZE
	mov	fp, #0			@ end of the frame-pointer chain

	ldr	r0, =boot_dtb_pa
	str	r10, [r0]
	ldr	r0, =boot_entry_flags
	str	r12, [r0]
	mov	r0, r10
	bl	start_kernel
	b	.			@ start_kernel does not return

	.ltorg

	.bss
	.balign	8
irq_stack:	.space	EXC_STACK_SIZE
abt_stack:	.space	EXC_STACK_SIZE
und_stack:	.space	EXC_STACK_SIZE
fiq_stack:	.space	EXC_STACK_SIZE
	.balign	8192
	.globl	init_stack
init_stack:	.space	INIT_STACK_SIZE

	.data
	.globl	boot_dtb_pa
boot_dtb_pa:	.word	0
	.globl	boot_entry_flags
boot_entry_flags:	.word	0
