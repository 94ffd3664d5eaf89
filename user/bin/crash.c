/*
 * crash [HOW] - die on purpose, to see the reports of a crash.
 * The kernel's report and the shell's "Segmentation fault (pid N)".
 * HOW is one of
 *   null     read address 0 (the default)
 *   write    write address 0
 *   text     write to our own code
 *   kernel   read 0xC0000000 (kernel memory)
 *   exec     jump to the heap (not executable)
 *   stack    recurse until the stack runs into its guard gap
 *   undef    execute an undefined instruction (dies of SIGILL)
 *   fpu      execute a VFP instruction (no FPU is enabled: SIGILL)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*fn_t)(void);

/* 1 KiB of stack per call, until depth reaches limit (never, in practice). */
static int recurse(int depth, int limit)
{
	volatile char pad[1024];

	pad[0] = (char)depth;
	if (depth == limit)
		return 0;
	return recurse(depth + 1, limit) + pad[0];
}

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "null";

	printf("crash: %s\n", how);
	fflush(stdout);
	if (strcmp(how, "null") == 0)
		return *(volatile int *)0;
	if (strcmp(how, "write") == 0)
		*(volatile int *)0 = 1;
	else if (strcmp(how, "text") == 0)
		*(volatile unsigned *)(void *)main = 0;
	else if (strcmp(how, "kernel") == 0)
		return *(volatile int *)0xC0000000;
	else if (strcmp(how, "exec") == 0) {
		unsigned *code = malloc(16);

		code[0] = 0xe12fff1e;			/* bx lr */
		((fn_t)(void *)code)();
	} else if (strcmp(how, "stack") == 0) {
		return recurse(0, -1);
	} else if (strcmp(how, "undef") == 0) {
		__asm__ volatile(".word 0xe7f000f0");	/* permanently undefined */
	} else if (strcmp(how, "fpu") == 0) {
		__asm__ volatile(".word 0xeeb00a40");	/* vmov.f32 s0, s0 */
	}
	else
		fprintf(stderr, "crash: unknown way: %s\n", how);
	printf("crash: still alive\n");
	return 1;
}
