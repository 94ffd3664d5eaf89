/*
 * vmstat [delay [count]] - Linux vmstat(8)'s report, procps's columns:
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  1  0      0 1017060      0   4080    0    0     0     0  104   29  0  3 97  0  0
 *
 * Without arguments: one line, the rates and percentages averaged since
 * boot.  With a delay (seconds): that line, then one line per delay with
 * the rates of that interval, forever or until count lines are printed.
 *
 * Sources (a missing file or line counts as 0):
 *   r, b             procs_running, procs_blocked of /proc/stat (now)
 *   swpd             SwapTotal - SwapFree of /proc/meminfo (kB, now)
 *   free buff cache  MemFree, Buffers, Cached + SReclaimable (kB, now)
 *   si so            pswpin, pswpout of /proc/vmstat (pages) in kB per second
 *   bi bo            pgpgin, pgpgout of /proc/vmstat (kB) per second
 *   in cs            intr (its first number) and ctxt of /proc/stat, per second
 *   us sy id wa st   the "cpu" line of /proc/stat: user+nice, system+irq+softirq,
 *                    idle, iowait, steal, in percent of all the ticks
 *
 * As procps does, "per second" divides by the interval measured in CPU
 * ticks (the sum of the cpu line's columns, USER_HZ = 100 a second), so
 * rates and percentages come from the same clock; the since-boot line
 * divides by all the ticks since boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

#define USER_HZ 100

struct sample {
	unsigned long long cpu[8];	/* user nice system idle iowait irq softirq steal */
	unsigned long long intr, ctxt, pgpgin, pgpgout, pswpin, pswpout;
	unsigned long running, blocked;
};

static unsigned long kb(const char *key)
{
	long v = mmk_proc_value("/proc/meminfo", key);

	return v < 0 ? 0 : (unsigned long)v;
}

static unsigned long long counter(const char *key)
{
	long v = mmk_proc_value("/proc/vmstat", key);

	return v < 0 ? 0 : (unsigned long long)v;
}

/* /proc/stat line by line: its "intr" line alone can be kilobytes long. */
static void read_stat(struct sample *s)
{
	struct mmk_lines lr;
	char *l;

	if (mmk_lines_open(&lr, "/proc/stat") < 0)
		return;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (strncmp(l, "cpu ", 4) == 0)
			sscanf(l + 4, "%llu %llu %llu %llu %llu %llu %llu %llu", &s->cpu[0],
			       &s->cpu[1], &s->cpu[2], &s->cpu[3], &s->cpu[4], &s->cpu[5],
			       &s->cpu[6], &s->cpu[7]);
		else if (strncmp(l, "intr ", 5) == 0)
			s->intr = strtoull(l + 5, NULL, 10);
		else if (strncmp(l, "ctxt ", 5) == 0)
			s->ctxt = strtoull(l + 5, NULL, 10);
		else if (strncmp(l, "procs_running ", 14) == 0)
			s->running = strtoul(l + 14, NULL, 10);
		else if (strncmp(l, "procs_blocked ", 14) == 0)
			s->blocked = strtoul(l + 14, NULL, 10);
	}
	mmk_lines_close(&lr);
}

static void sample(struct sample *s)
{
	memset(s, 0, sizeof(*s));
	read_stat(s);
	s->pgpgin = counter("pgpgin ");
	s->pgpgout = counter("pgpgout ");
	s->pswpin = counter("pswpin ");
	s->pswpout = counter("pswpout ");
}

static void header(void)
{
	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
}

/* One line for the interval from a to b (a all zero: since boot). */
static void report(const struct sample *a, const struct sample *b)
{
	unsigned long long d[8], ticks = 0, half, pct[5];
	int i;

	for (i = 0; i < 8; i++) {
		d[i] = b->cpu[i] - a->cpu[i];
		ticks += d[i];
	}
	if (!ticks)
		ticks = 1;
	half = ticks / 2;
	pct[0] = d[0] + d[1];			/* us: user + nice */
	pct[1] = d[2] + d[5] + d[6];		/* sy: system + irq + softirq */
	pct[2] = d[3];				/* id */
	pct[3] = d[4];				/* wa */
	pct[4] = d[7];				/* st */
	for (i = 0; i < 5; i++)
		pct[i] = (pct[i] * 100 + half) / ticks;
#define RATE(x) (((x) * USER_HZ + half) / ticks)	/* per second, rounded */
	printf("%2lu %2lu %6lu %6lu %6lu %6lu %4llu %4llu %5llu %5llu %4llu %4llu "
	       "%2llu %2llu %2llu %2llu %2llu\n",
	       b->running, b->blocked, kb("SwapTotal:") - kb("SwapFree:"), kb("MemFree:"),
	       kb("Buffers:"), kb("Cached:") + kb("SReclaimable:"),
	       RATE((b->pswpin - a->pswpin) * 4), RATE((b->pswpout - a->pswpout) * 4),
	       RATE(b->pgpgin - a->pgpgin), RATE(b->pgpgout - a->pgpgout),
	       RATE(b->intr - a->intr), RATE(b->ctxt - a->ctxt),
	       pct[0], pct[1], pct[2], pct[3], pct[4]);
#undef RATE
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr, "usage: vmstat [delay [count]]\n");
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < 0)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	struct sample boot, prev, now;
	long delay = 0, count = -1, n;

	if (argc > 3)
		usage();
	if (argc >= 2 && (delay = number(argv[1])) == 0)
		usage();			/* procps: the delay must be positive */
	if (argc == 3)
		count = number(argv[2]);
	if (argc == 1)
		count = 1;
	memset(&boot, 0, sizeof(boot));
	sample(&now);
	header();
	if (count == 0)
		return 0;
	report(&boot, &now);
	for (n = 1; count < 0 || n < count; n++) {
		prev = now;
		sleep((unsigned)delay);
		sample(&now);
		report(&prev, &now);
	}
	return 0;
}
