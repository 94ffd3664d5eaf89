/*
 * segv_kills - a bad access kills its process (SIGSEGV), only it.
 *
 * Each case runs in its own child, which must die by signal 11 as seen by
 * wait4 (WIFSIGNALED && WTERMSIG == 11); the parent carries on to the next
 * case and finally prints ok.  The kernel prints one line per kill (pid,
 * name, address, pc, reason) on the console.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define ARM_BX_LR	0xe12fff1eu	/* "bx lr": returns at once if it runs */

typedef void (*fn_t)(void);

static const char rodata_string[] = "in .rodata, inside the text segment";

static void run_code_at(uint32_t *code)
{
	code[0] = ARM_BX_LR;
	((fn_t)(void *)code)();
}

static void null_read(void)	{ (void)*(volatile int *)0; }
static void null_write(void)	{ *(volatile int *)0 = 1; }
static void text_write(void)	{ *(volatile uint32_t *)(void *)null_read = 0; }
static void rodata_write(void)	{ *(volatile char *)rodata_string = 'X'; }
static void kernel_read(void)	{ (void)*(volatile int *)T_KADDR; }
static void kernel_write(void)	{ *(volatile int *)T_KADDR = 1; }
static void kernel_exec(void)	{ ((fn_t)T_KADDR)(); }
static void null_exec(void)	{ ((fn_t)0)(); }

static void heap_exec(void)
{
	run_code_at(malloc(64));
}

static void stack_exec(void)
{
	uint32_t code[4];

	run_code_at(code);
}

static void rw_mmap_exec(void)
{
	void *p = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap failed");
	run_code_at(p);
}

static void ro_mmap_write(void)
{
	volatile int *p = mmap(NULL, T_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap failed");
	(void)p[0];			/* reading is fine */
	p[0] = 1;
}

static void none_mmap_read(void)
{
	volatile int *p = mmap(NULL, T_PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap failed");
	(void)p[0];
}

static void unmapped_read(void)
{
	volatile int *p = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap failed");
	p[0] = 1;
	munmap((void *)p, T_PAGE);
	(void)p[0];
}

static const struct {
	const char *what;
	void (*fn)(void);
} cases[] = {
	{ "read of NULL", null_read },
	{ "write to NULL", null_write },
	{ "jump to NULL", null_exec },
	{ "write to our own text", text_write },
	{ "write to .rodata", rodata_write },
	{ "execute from the heap", heap_exec },
	{ "execute from the stack", stack_exec },
	{ "execute from a read-write mmap", rw_mmap_exec },
	{ "read of kernel address 0xc0000000", kernel_read },
	{ "write to kernel address 0xc0000000", kernel_write },
	{ "jump to kernel address 0xc0000000", kernel_exec },
	{ "write to a PROT_READ mmap", ro_mmap_write },
	{ "read of a PROT_NONE mmap", none_mmap_read },
	{ "read after munmap", unmapped_read },
};

static void work(int measured)
{
	unsigned i;
	pid_t pid;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pid = t_fork();
		if (pid == 0) {
			cases[i].fn();
			t_fail("%s did not fault", cases[i].what);
		}
		t_wait_segv(pid, cases[i].what);
	}
}

int main(void)
{
	t_begin("segv_kills");
	t_leak_check(work);
	t_ok();
}
