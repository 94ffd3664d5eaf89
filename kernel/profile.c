/*
 * kernel/profile.c - a sampling profiler, in the spirit of Linux's
 * readprofile.  With the command-line word profile=HZ, a second hardware
 * timer interrupts HZ times a second (of virtual time: under -icount, a
 * fixed number of instructions) and the interrupted pc is counted against
 * the kernel function it lies in (or "[user]").  The view "profile" (and
 * the power-off path, when profiling) prints the busiest functions.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/kallsyms.h>
#include <kernel/selftest.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>
#include <kernel/profile.h>
#include <asm/ptrace.h>
#include <mm/vmalloc.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[];

static u32 *hits;		/* one counter per kallsyms entry */
static unsigned long user_hits, other_hits, total_hits;
struct pt_regs *irq_regs;	/* the frame of the interrupt being handled */

/* profile_init - returns the sampling rate asked for (0: none). */
unsigned profile_init(const char *cmdline)
{
	char val[16];
	unsigned hz;

	if (!cmdline_get(cmdline, "profile", val, sizeof(val)))
		return 0;
	hz = (unsigned)simple_strtoul(val, NULL, 10);
	hits = vzalloc(kallsyms_num * sizeof(u32));
	return hits ? hz : 0;
}

void profile_hit(const struct pt_regs *regs)
{
	u32 lo = 0, hi = kallsyms_num, pc;

	if (!hits || !regs)
		return;
	total_hits++;
	if (user_mode(regs)) {
		user_hits++;
		return;
	}
	pc = regs->pc;
	if (!kernel_text_address(pc) || pc < kallsyms_addresses[0]) {
		other_hits++;
		return;
	}
	while (hi - lo > 1) {
		u32 mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= pc)
			lo = mid;
		else
			hi = mid;
	}
	hits[lo]++;
}

/* The busiest functions, most samples first. */
static void show_profile(struct seq_buf *s)
{
	u32 shown[40], n = 0, i, j;

	if (!hits) {
		seq_printf(s, "profiling is off (boot with profile=HZ)\n");
		return;
	}
	seq_printf(s, "%lu samples: %lu in user mode, %lu elsewhere\n",
		   total_hits, user_hits, other_hits);
	for (n = 0; n < ARRAY_SIZE(shown); n++) {
		u32 best = 0, best_i = 0;

		for (i = 0; i < kallsyms_num; i++) {
			bool taken = false;

			for (j = 0; j < n; j++)
				taken |= shown[j] == i;
			if (!taken && hits[i] > best) {
				best = hits[i];
				best_i = i;
			}
		}
		if (!best)
			break;
		shown[n] = best_i;
		seq_printf(s, "%8u %5u.%u%%  %s\n", best,
			   (unsigned)(best * 100ull / total_hits),
			   (unsigned)(best * 1000ull / total_hits % 10),
			   kallsyms_lookup(kallsyms_addresses[best_i], NULL));
	}
}
VIEW(profile, show_profile);
