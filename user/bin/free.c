/*
 * free [-k|-m] - memory in use, in the columns of procps-ng's free(1):
 *
 *                total        used        free      shared  buff/cache   available
 * Mem:         1031552       10412     1017060           0        4080     1021140
 * Swap:              0           0           0
 *
 * All from /proc/meminfo (kB; -m gives MiB):
 *   total      MemTotal
 *   free       MemFree
 *   shared     Shmem
 *   buff/cache Buffers + Cached + SReclaimable
 *   available  MemAvailable (when missing: free + buff/cache)
 *   used       total - available, as procps-ng 4 computes it
 *   Swap row   SwapTotal, SwapTotal - SwapFree, SwapFree
 * A line missing from /proc/meminfo counts as 0.
 */
#include <stdio.h>
#include <string.h>

#include "mmk.h"

static long mi(const char *key)
{
	long v = mmk_proc_value("/proc/meminfo", key);

	return v < 0 ? 0 : v;
}

int main(int argc, char **argv)
{
	long total, mfree, shared, cache, avail, used, stotal, sfree;
	int shift = 0;

	if (argc > 1 && strcmp(argv[1], "-m") == 0)
		shift = 10;
	else if (argc > 1 && strcmp(argv[1], "-k") != 0) {
		fprintf(stderr, "usage: free [-k|-m]\n");
		return 2;
	}
	if (mmk_proc_value("/proc/meminfo", "MemTotal:") < 0) {
		perror("free: /proc/meminfo");
		return 1;
	}
	total = mi("MemTotal:");
	mfree = mi("MemFree:");
	shared = mi("Shmem:");
	cache = mi("Buffers:") + mi("Cached:") + mi("SReclaimable:");
	avail = mmk_proc_value("/proc/meminfo", "MemAvailable:");
	if (avail < 0)
		avail = mfree + cache < total ? mfree + cache : total;
	used = total - avail;
	stotal = mi("SwapTotal:");
	sfree = mi("SwapFree:");

	printf("%-7s %12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free",
	       "shared", "buff/cache", "available");
	printf("%-7s %12ld%12ld%12ld%12ld%12ld%12ld\n", "Mem:", total >> shift,
	       used >> shift, mfree >> shift, shared >> shift, cache >> shift,
	       avail >> shift);
	printf("%-7s %12ld%12ld%12ld\n", "Swap:", stotal >> shift,
	       (stotal - sfree) >> shift, sfree >> shift);
	return 0;
}
