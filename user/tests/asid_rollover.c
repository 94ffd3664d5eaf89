/*
 * asid_rollover - 640 address spaces, through ASID rollovers.
 * Each sees only its own data at the same virtual address.
 *
 * ARMv7 tags TLB entries with an 8-bit ASID, so at most 255 address spaces
 * have one at a time; new processes beyond that force a rollover (a new
 * generation, a TLB flush).  A stale TLB entry after a rollover would show
 * one process another's page.  Here NPROCS processes (more than two
 * generations' worth) run in batches of BATCH alive at once; each one maps
 * a private page at FIXED_ADDR (every other one with MAP_FIXED over the
 * parent's page, the others by writing the page inherited from the parent,
 * a copy-on-write fault), fills it with a pattern made from its pid, and
 * checks the whole page after each of YIELDS sched_yield() calls, i.e.
 * across many context switches.  The parent's own page at FIXED_ADDR must
 * be intact at the end.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define FIXED_ADDR	((uint32_t *)0x30000000)
#define NPROCS		640
#define BATCH		20
#define YIELDS		40
#define WORDS		(T_PAGE / 4)

static void fill(uint32_t seed)
{
	unsigned i;

	for (i = 0; i < WORDS; i++)
		FIXED_ADDR[i] = seed * 2654435761u ^ i;
}

/* Index of the first wrong word, or -1. */
static int check(uint32_t seed)
{
	unsigned i;

	for (i = 0; i < WORDS; i++)
		if (FIXED_ADDR[i] != (seed * 2654435761u ^ i))
			return (int)i;
	return -1;
}

static void child(int n, uint32_t parent_seed)
{
	uint32_t me = (uint32_t)getpid();
	int i, bad;

	if ((bad = check(parent_seed)) >= 0)
		t_fail("process %d (pid %u) did not inherit its parent's page (word %d)",
		       n, (unsigned)me, bad);
	if (n & 1) {
		if (mmap(FIXED_ADDR, T_PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != FIXED_ADDR)
			t_fail("process %d: mmap MAP_FIXED at %p failed", n, (void *)FIXED_ADDR);
		if (FIXED_ADDR[0] || FIXED_ADDR[WORDS - 1])
			t_fail("process %d: a fresh MAP_FIXED page is not zero", n);
	}
	fill(me);
	for (i = 0; i < YIELDS; i++) {
		sched_yield();
		if ((bad = check(me)) >= 0)
			t_fail("process %d (pid %u) after %d context switches: word %d at "
			       "%p is 0x%08x, not its own 0x%08x", n, (unsigned)me, i + 1,
			       bad, (void *)&FIXED_ADDR[bad], (unsigned)FIXED_ADDR[bad],
			       (unsigned)(me * 2654435761u ^ (unsigned)bad));
	}
	exit(0);
}

static void work(int measured)
{
	uint32_t seed = (uint32_t)getpid() ^ 0x5eed;
	int total = measured ? NPROCS : BATCH, n, i, bad;
	pid_t pids[BATCH];

	fill(seed);
	for (n = 0; n < total; n += BATCH) {
		for (i = 0; i < BATCH; i++) {
			pids[i] = t_fork();
			if (pids[i] == 0)
				child(n + i, seed);
		}
		for (i = 0; i < BATCH; i++)
			t_wait_ok(pids[i], "asid child");
	}
	if ((bad = check(seed)) >= 0)
		t_fail("the parent's page changed after %d children (word %d)", total, bad);
}

int main(void)
{
	long asids, rolls;

	t_begin("asid_rollover");
	if (mmap(FIXED_ADDR, T_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != FIXED_ADDR)
		t_fail("mmap MAP_FIXED at %p failed", (void *)FIXED_ADDR);
	asids = mmk_proc_value("/proc/tlbinfo", "asids_allocated");
	rolls = mmk_proc_value("/proc/tlbinfo", "asid_rollovers");
	t_leak_check(work);
	if (asids >= 0)		/* Linux has no /proc/tlbinfo */
		printf("asid_rollover: %d processes; %ld ASIDs handed out, %ld rollovers "
		       "(/proc/tlbinfo)\n", NPROCS,
		       mmk_proc_value("/proc/tlbinfo", "asids_allocated") - asids,
		       mmk_proc_value("/proc/tlbinfo", "asid_rollovers") - rolls);
	t_ok();
}
