/*
 * vmstat - one line of Linux vmstat(8)'s report (the "since boot" line):
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  1  0      0 1017060      0   4080    0    0     0     0    0    0  0  0 100  0  0
 *
 * Sources (a missing file or line counts as 0):
 *   r, b             procs_running / procs_blocked of /proc/stat, or else
 *                    the processes whose /proc/<pid>/status State is R / D
 *   swpd             SwapTotal - SwapFree        (kB, /proc/meminfo)
 *   free buff cache  MemFree, Buffers, Cached + SReclaimable (kB)
 *   si so            pswpin, pswpout of /proc/vmstat, in kB per second
 *   bi bo            pgpgin, pgpgout of /proc/vmstat (kB), per second
 *   in cs            intr and ctxt of /proc/stat, per second
 *   us sy id wa st   the "cpu" line of /proc/stat, as percentages
 * "Per second" is since boot: divided by the first number of /proc/uptime.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

static unsigned long val(const char *path, const char *key)
{
	long v = mmk_proc_value(path, key);

	return v < 0 ? 0 : (unsigned long)v;
}

/* Count processes in state R and D when /proc/stat does not say. */
static void count_states(unsigned long *r, unsigned long *b)
{
	char path[40], buf[512], *s;
	int *pids, n, i;

	pids = mmk_list_pids(&n);
	if (!pids)
		return;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/%d/status", pids[i]);
		if (mmk_read_file(path, buf, sizeof(buf)) <= 0 || !(s = strstr(buf, "State:")))
			continue;
		s += 6 + strspn(s + 6, " \t");
		*r += *s == 'R';
		*b += *s == 'D';
	}
	free(pids);
}

int main(void)
{
	unsigned long r = 0, b = 0, cpu[8] = { 0 }, sum = 0, up = 0, pct[5];
	unsigned long intr = 0, ctxt = 0, page_kb = 4;
	struct mmk_lines lr;
	char buf[64], *l;
	int i;

	if (mmk_lines_open(&lr, "/proc/stat") == 0) {
		/* line by line: the "intr" line alone can be kilobytes long */
		while ((l = mmk_lines_next(&lr)) != NULL) {
			if (strncmp(l, "cpu ", 4) == 0)
				sscanf(l + 4, "%lu %lu %lu %lu %lu %lu %lu %lu", &cpu[0],
				       &cpu[1], &cpu[2], &cpu[3], &cpu[4], &cpu[5],
				       &cpu[6], &cpu[7]);
			else if (strncmp(l, "intr ", 5) == 0)
				intr = strtoul(l + 5, NULL, 10);
			else if (strncmp(l, "ctxt ", 5) == 0)
				ctxt = strtoul(l + 5, NULL, 10);
			else if (strncmp(l, "procs_running ", 14) == 0)
				r = strtoul(l + 14, NULL, 10);
			else if (strncmp(l, "procs_blocked ", 14) == 0)
				b = strtoul(l + 14, NULL, 10);
		}
		mmk_lines_close(&lr);
	} else {
		count_states(&r, &b);
	}
	if (mmk_read_file("/proc/uptime", buf, sizeof(buf)) > 0)
		up = strtoul(buf, NULL, 10);
	if (up == 0)
		up = 1;

	/* user+nice, system+irq+softirq, idle, iowait, steal */
	pct[0] = cpu[0] + cpu[1];
	pct[1] = cpu[2] + cpu[5] + cpu[6];
	pct[2] = cpu[3];
	pct[3] = cpu[4];
	pct[4] = cpu[7];
	for (i = 0; i < 5; i++)
		sum += pct[i];
	for (i = 0; i < 5; i++)
		pct[i] = sum ? (pct[i] * 100 + sum / 2) / sum : (i == 2 ? 100 : 0);

	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
	printf("%2lu %2lu %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4lu %2lu %2lu %2lu %2lu %2lu\n",
	       r, b,
	       val("/proc/meminfo", "SwapTotal:") - val("/proc/meminfo", "SwapFree:"),
	       val("/proc/meminfo", "MemFree:"),
	       val("/proc/meminfo", "Buffers:"),
	       val("/proc/meminfo", "Cached:") + val("/proc/meminfo", "SReclaimable:"),
	       val("/proc/vmstat", "pswpin ") * page_kb / up,
	       val("/proc/vmstat", "pswpout ") * page_kb / up,
	       val("/proc/vmstat", "pgpgin ") / up,
	       val("/proc/vmstat", "pgpgout ") / up,
	       intr / up, ctxt / up,
	       pct[0], pct[1], pct[2], pct[3], pct[4]);
	return 0;
}
