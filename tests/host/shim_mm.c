/*
 * What mm/ needs on the host beyond shim_kernel.c:
 *   - a second arena standing for HighMem (mm/highmem.c's kmap and
 *     kmap_atomic map its pages through the fake MMU; shim_alloc.c's
 *     host_mapped_ptr finds them here);
 *   - ktime_get_ns, selftest_fail and bench_report (kernel/ on target);
 *   - host_mm_boot(): a fake RAM layout handed to memblock and mem_init,
 *     as start_kernel would, so that each test starts from a fresh boot.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <kernel/selftest.h>
#include <kernel/time.h>
#include <mm/highmem.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <host_mm.h>
#include <host_alloc.h>
#include "../../mm/internal.h"

uintptr_t host_highmem_base;
size_t host_highmem_size;

void *host_highmem_setup(size_t bytes)
{
	void *p = NULL;

	free((void *)host_highmem_base);
	if (posix_memalign(&p, PAGE_SIZE, bytes))
		abort();
	host_highmem_base = (uintptr_t)p;
	host_highmem_size = bytes;
	return p;
}

u64 ktime_get_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

int selftest_fail(const char *fmt, ...)
{
	va_list ap;

	printf("selftest FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return -1;
}

void bench_report(const char *name, unsigned long long value, const char *unit)
{
	printf("%s %llu %s\n", name, value, unit);
}

void host_mm_boot(unsigned long ram_bytes, unsigned long lowmem_bytes,
		  const char *cmdline)
{
	unsigned long low = ram_bytes < lowmem_bytes ? ram_bytes : lowmem_bytes;

	mm_reset_for_test();
	host_mmu_reset();	/* kmap_atomic (page zeroing, poison) maps through it */
	kmap_init();
	free((void *)host_lowmem_base);
	host_lowmem_base = 0;
	host_lowmem_setup(low);
	if (ram_bytes > lowmem_bytes)
		host_highmem_setup(ram_bytes - lowmem_bytes);
	arm_lowmem_limit = (paddr_t)(PHYS_OFFSET + low);
	memblock_add(PHYS_OFFSET, (paddr_t)ram_bytes);
	memblock_reserve(PHYS_OFFSET + TEXT_OFFSET, HOST_KERNEL_IMAGE_SIZE);
	mem_init(cmdline);
}

void host_mm_teardown(void)
{
	mm_reset_for_test();
	free((void *)host_lowmem_base);
	host_lowmem_base = 0;
	high_memory = NULL;
	free((void *)host_highmem_base);
	host_highmem_base = 0;
	host_highmem_size = 0;
}
