/*
 * vmstat [DELAY [COUNT]] - Linux vmstat(8)'s report:
 *
 * procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
 *  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
 *  1  0      0 1017060      0   4080    0    0     0     0    0    0  0  0 100  0  0
 *
 * The first line is since boot; with DELAY, one more line every DELAY
 * seconds (COUNT lines in all, or until interrupted) covering only that
 * interval, as procps does.  The rates are then the differences of the
 * kernel's counters between two readings, divided by the time between
 * them: `dd if=/dev/zero of=/mnt/f bs=1M count=16` shows the page cache
 * soaking up the write (cache grows, bo stays 0), then `sync` shows the
 * writeback as bo in the next line.
 *
 * Sources (a missing file or line counts as 0, so this works on kernels
 * without them):
 *   r, b             procs_running / procs_blocked of /proc/stat, or else
 *                    the processes whose /proc/<pid>/status State is R / D
 *   swpd             SwapTotal - SwapFree        (kB, /proc/meminfo)
 *   free buff cache  MemFree, Buffers, Cached + SReclaimable (kB)
 *   si so            pswpin, pswpout of /proc/vmstat (pages), in kB per second
 *   bi bo            pgpgin, pgpgout of /proc/vmstat (kB), per second
 *   in cs            intr and ctxt of /proc/stat, per second
 *   us sy id wa st   the "cpu" line of /proc/stat, as percentages
 * "Per second" in the first line is since boot: divided by the first
 * number of /proc/uptime.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmk.h"

#define PAGE_KB		4

/* One reading of the kernel's counters. */
struct sample {
	unsigned long r, b, cpu[8], intr, ctxt;
	unsigned long pswpin, pswpout, pgpgin, pgpgout;
	uint64_t when_ns;
};

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

static void read_proc_stat(struct sample *s)
{
	struct mmk_lines lr;
	unsigned long *c = s->cpu;
	char *l;

	if (mmk_lines_open(&lr, "/proc/stat") < 0) {
		count_states(&s->r, &s->b);
		return;
	}
	/* line by line: the "intr" line alone can be kilobytes long */
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (strncmp(l, "cpu ", 4) == 0)
			sscanf(l + 4, "%lu %lu %lu %lu %lu %lu %lu %lu", &c[0], &c[1], &c[2],
			       &c[3], &c[4], &c[5], &c[6], &c[7]);
		else if (strncmp(l, "intr ", 5) == 0)
			s->intr = strtoul(l + 5, NULL, 10);
		else if (strncmp(l, "ctxt ", 5) == 0)
			s->ctxt = strtoul(l + 5, NULL, 10);
		else if (strncmp(l, "procs_running ", 14) == 0)
			s->r = strtoul(l + 14, NULL, 10);
		else if (strncmp(l, "procs_blocked ", 14) == 0)
			s->b = strtoul(l + 14, NULL, 10);
	}
	mmk_lines_close(&lr);
}

static void take_sample(struct sample *s)
{
	memset(s, 0, sizeof(*s));
	read_proc_stat(s);
	s->pswpin = val("/proc/vmstat", "pswpin ");
	s->pswpout = val("/proc/vmstat", "pswpout ");
	s->pgpgin = val("/proc/vmstat", "pgpgin ");
	s->pgpgout = val("/proc/vmstat", "pgpgout ");
	s->when_ns = mmk_now_ns();
}

/*
 * One line.  `prev` NULL: the counters since boot, per second of uptime;
 * otherwise the change since prev, per second of the interval.
 */
static void print_line(const struct sample *s, const struct sample *prev)
{
	static const struct sample zero;
	unsigned long secs, pct[5], sum = 0, d[8];
	char buf[64];
	int i;

	if (prev) {
		secs = (unsigned long)((s->when_ns - prev->when_ns + 500000000ull) / 1000000000ull);
	} else {
		prev = &zero;
		secs = mmk_read_file("/proc/uptime", buf, sizeof(buf)) > 0 ?
		       strtoul(buf, NULL, 10) : 0;
	}
	if (secs == 0)
		secs = 1;
	for (i = 0; i < 8; i++)
		d[i] = s->cpu[i] - prev->cpu[i];
	/* user+nice, system+irq+softirq, idle, iowait, steal */
	pct[0] = d[0] + d[1];
	pct[1] = d[2] + d[5] + d[6];
	pct[2] = d[3];
	pct[3] = d[4];
	pct[4] = d[7];
	for (i = 0; i < 5; i++)
		sum += pct[i];
	for (i = 0; i < 5; i++)
		pct[i] = sum ? (pct[i] * 100 + sum / 2) / sum : (i == 2 ? 100 : 0);

	printf("%2lu %2lu %6lu %6lu %6lu %6lu %4lu %4lu %5lu %5lu %4lu %4lu %2lu %2lu %2lu %2lu %2lu\n",
	       s->r, s->b,
	       val("/proc/meminfo", "SwapTotal:") - val("/proc/meminfo", "SwapFree:"),
	       val("/proc/meminfo", "MemFree:"),
	       val("/proc/meminfo", "Buffers:"),
	       val("/proc/meminfo", "Cached:") + val("/proc/meminfo", "SReclaimable:"),
	       (s->pswpin - prev->pswpin) * PAGE_KB / secs,
	       (s->pswpout - prev->pswpout) * PAGE_KB / secs,
	       (s->pgpgin - prev->pgpgin) / secs,
	       (s->pgpgout - prev->pgpgout) / secs,
	       (s->intr - prev->intr) / secs, (s->ctxt - prev->ctxt) / secs,
	       pct[0], pct[1], pct[2], pct[3], pct[4]);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct sample s[2];
	long delay = 0, count = 1, i;
	struct timespec t;

	if (argc > 1) {
		delay = atol(argv[1]);
		count = argc > 2 ? atol(argv[2]) : -1;	/* -1: forever */
		if (delay <= 0 || (argc > 2 && count <= 0) || argc > 3) {
			fprintf(stderr, "usage: vmstat [DELAY [COUNT]]\n");
			return 1;
		}
	}
	printf("procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n");
	printf(" r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
	take_sample(&s[0]);
	print_line(&s[0], NULL);
	for (i = 1; count < 0 || i < count; i++) {
		t.tv_sec = delay;
		t.tv_nsec = 0;
		nanosleep(&t, NULL);
		take_sample(&s[i & 1]);
		print_line(&s[i & 1], &s[(i - 1) & 1]);
	}
	return 0;
}
