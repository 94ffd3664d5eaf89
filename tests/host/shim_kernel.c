/*
 * What the kernel provides to mm/ that the host must stand in for:
 * printk (to stdout), panic (a cmocka assertion failure, so a test can
 * expect it with expect_assert_failure()), and the lowmem arena.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <kernel/printk.h>
#include <kernel/fault_inject.h>
#include <kernel/bug.h>
#include <asm/memory.h>

uintptr_t host_lowmem_base;
void *high_memory;
vaddr_t vmalloc_start;
paddr_t arm_lowmem_limit;

/*
 * MMK_TEST_FILTER=name runs only the tests whose name matches (cmocka's
 * pattern, * and ?): the grader runs a test on its own when another one
 * crashed the program (a sanitizer report ends the process), so that one
 * exercise's crash does not cost another exercise its tests.
 */
__attribute__((constructor)) static void host_test_filter(void)
{
	const char *f = getenv("MMK_TEST_FILTER");

	if (f && *f)
		cmocka_set_test_filter(f);
}

/* Set to 1 by a test to see printk output; quiet by default. */
int host_printk_verbose;
/* The last panic message, for tests that check what was reported. */
char host_last_panic[256];
/* The last printk message, and how many there were. */
char host_last_printk[256];
unsigned long host_printk_count;

int vprintk(const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (host_printk_verbose)
		fputs(buf, stdout);
	snprintf(host_last_printk, sizeof(host_last_printk), "%s", buf);
	host_printk_count++;
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Fault injection (kernel/fault_inject.c) in the host tests: a test sets
 * fault_injection_on and host_fail_countdown = n to make the n-th next
 * allocation of that kind fail (0: the very next one), to reach the
 * -ENOMEM paths.
 */
struct fault_attr fail_page_alloc_attr, failslab_attr;
bool fault_injection_on;
long host_failslab_countdown = -1, host_fail_page_countdown = -1;

bool should_fail(struct fault_attr *attr)
{
	long *c = attr == &failslab_attr ? &host_failslab_countdown : &host_fail_page_countdown;

	if (*c < 0)
		return false;
	return (*c)-- == 0;
}

/* No clock on the host: every message may print (rate limiting is a
 * console concern, tested in QEMU). */
int __ratelimit(struct ratelimit_state *rs)
{
	rs->printed++;
	return 1;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(host_last_panic, sizeof(host_last_panic), fmt, ap);
	va_end(ap);
	mock_assert(0, host_last_panic, __FILE__, __LINE__);
	abort();	/* not reached when the test expected it */
}

/*
 * host_lowmem_setup - give the tests a lowmem arena of `bytes` bytes that
 * pa_to_kva() maps PHYS_OFFSET onto.  Aligned to 4 MiB, like a real
 * PHYS_OFFSET, so that buddy alignment in pfn and in address agree.
 */
void *host_lowmem_setup(size_t bytes)
{
	void *p = NULL;

	if (posix_memalign(&p, 4u << 20, bytes))
		abort();
	host_lowmem_base = (uintptr_t)p;
	high_memory = (char *)p + bytes;
	return p;
}
