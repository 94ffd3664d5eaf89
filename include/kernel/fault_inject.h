/*
 * Fault injection, as Linux's fail_page_alloc and failslab: make chosen
 * allocations fail, to prove that every caller copes (kernel/fault_inject.c).
 *
 * Boot options, in Linux's format:
 *   fail_page_alloc=<interval>,<probability>,<space>,<times>
 *   failslab=<interval>,<probability>,<space>,<times>
 *   fail_seed=<n>          the pseudo-random sequence (default 1): a run
 *                          repeats exactly under the same seed
 *
 *   interval     fail only every interval-th eligible call (1: any)
 *   probability  percent of the calls passing `interval` that fail
 *   space        let this many eligible calls through first
 *   times        fail at most this many times (-1: no limit)
 *
 * Eligible calls are those of a task that wrote 1 to
 * /proc/<pid>/make-it-fail (children inherit it): as Linux with
 * task-filter=Y.  The kernel's own threads and interrupt handlers never
 * see an injected failure, and neither does boot.  Unlike Linux's
 * defaults, every gfp mask and every order is eligible (Linux:
 * ignore-gfp-wait=N, ignore-gfp-highmem=N, min-order=0).
 *
 * /proc/fault_injection shows the settings, the counts, and the call
 * sites that received failures.
 *
 * Debug builds only (DEBUG=1, the default), as Linux's CONFIG_FAILSLAB
 * and CONFIG_FAIL_PAGE_ALLOC are for test kernels: the DEBUG=0 build
 * keeps the allocators' fast paths free of the check.
 */
#ifndef KERNEL_FAULT_INJECT_H
#define KERNEL_FAULT_INJECT_H

#include <kernel/types.h>

struct fault_attr {
	const char *name;
	bool enabled;
	unsigned long interval;
	unsigned int probability;	/* percent */
	unsigned long space;
	long times;
	unsigned long eligible;		/* calls that could have failed */
	unsigned long injected;		/* calls that were made to fail */
};

extern struct fault_attr fail_page_alloc_attr, failslab_attr;
extern bool fault_injection_on;		/* some attribute is enabled */

/* fault_inject_init - read the boot options (start_kernel). */
void fault_inject_init(const char *cmdline);

/* should_fail - does this call of attr fail?  (counts it if it could) */
bool should_fail(struct fault_attr *attr);

static inline bool should_fail_alloc_page(void)
{
	return IS_ENABLED_DEBUG_MM && fault_injection_on && should_fail(&fail_page_alloc_attr);
}

static inline bool should_failslab(void)
{
	return IS_ENABLED_DEBUG_MM && fault_injection_on && should_fail(&failslab_attr);
}

#endif
