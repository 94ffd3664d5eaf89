/*
 * crt0.S - the first instructions of every mmkernel user program.
 *
 * The kernel enters _start in ARM state, in user mode, with every register
 * 0 except sp and pc, and sp pointing at the initial stack Linux defines:
 *
 *     sp ->  argc
 *            argv[0] ... argv[argc-1]    pointers to the strings above
 *            NULL
 *            envp[0] ... envp[n-1]
 *            NULL
 *            auxv: (type, value) pairs   ending with (AT_NULL = 0, 0)
 *            ... the strings themselves, higher up
 *
 * We find argc/argv/envp/auxv from sp, set `environ` (what getenv reads) and
 * `mmk_auxv`, run the C constructors (__libc_init_array), register the
 * destructors with atexit, call main(argc, argv, envp) and hand its result to
 * exit(), which flushes stdio and ends the process through _exit ->
 * exit_group(2).
 *
 * .bss is not cleared here: the kernel maps it as zero-filled anonymous
 * memory and zeroes the tail of the last file page, as Linux does.
 * (zero_page checks that.)
 */
	.syntax	unified
	.arm
	.section .text._start, "ax", %progbits
	.global	_start
	.type	_start, %function
_start:
	mov	fp, #0			@ end of the frame-pointer chain for GDB
	mov	lr, #0			@ and of the return-address chain
	ldr	r4, [sp]		@ r4 = argc
	add	r5, sp, #4		@ r5 = argv
	add	r6, r5, r4, lsl #2
	add	r6, r6, #4		@ r6 = envp = &argv[argc + 1]
	mov	r0, r6
1:	ldr	r1, [r0], #4		@ skip envp up to and past its NULL
	cmp	r1, #0
	bne	1b
	ldr	r1, =mmk_auxv
	str	r0, [r1]		@ mmk_auxv = first auxv pair
	ldr	r1, =environ
	str	r6, [r1]		@ environ = envp
	bic	sp, sp, #7		@ the AAPCS wants an 8-byte aligned sp at calls

	bl	__libc_init_array	@ .preinit_array, _init, .init_array
	ldr	r0, =__libc_fini_array
	bl	atexit			@ .fini_array runs from exit()

	mov	r0, r4
	mov	r1, r5
	mov	r2, r6
	bl	main
	bl	exit			@ never returns
	udf	#0
	.size	_start, . - _start

/*
 * newlib's __libc_init_array / __libc_fini_array call _init / _fini, which
 * crti.o would supply; with -nostartfiles we have nothing to put there.
 */
	.text
	.global	_init
	.type	_init, %function
_init:	bx	lr
	.size	_init, . - _init
	.global	_fini
	.type	_fini, %function
_fini:	bx	lr
	.size	_fini, . - _fini

	.bss
	.align	2
	.global	mmk_auxv
mmk_auxv:
	.space	4
