/*
 * memsample [-i MS] [CMD..] - meminfo and vmstat as CSV lines, every MS ms.
 *
 *   memsample [-i MS] [-n COUNT] [-o FILE] [CMD [ARG]...]
 *
 * Reads /proc/meminfo and /proc/vmstat every MS milliseconds (default
 * 100) and prints one CSV line per sample, for `make plot`
 * (scripts/plot.py) or a spreadsheet.  With CMD: runs it and samples
 * until it has exited (and one sample after); else COUNT samples, or
 * until killed.  Output to FILE with -o, else to standard output, each
 * line in one write() so that it stays whole among other programs'
 * lines on the console.
 *
 *   # memsample interval_ms=100 total_kb=125388 wmark_min_kb=1252 wmark_low_kb=1564 wmark_high_kb=1876
 *   t_ms,free_kb,active_anon_kb,inactive_anon_kb,active_file_kb,...
 *   0,113208,0,0,0,0,0,0,2260,1084,0,0,0,0,0,0,0,0,0,0,0,0
 *   # kswapd t_ms=2300 pageoutrun=1
 *   # oom_kill t_ms=5100 oom_kill=1
 *   # exit t_ms=5200 status=0
 *
 * Columns: time since the first sample; MemFree, Active(anon),
 * Inactive(anon), Active(file), Inactive(file), Dirty, Writeback, Cached
 * AnonPages, SwapTotal, SwapFree and SwapCached of /proc/meminfo (kB);
 * then the reclaim and swap counters of /proc/vmstat (pgscan_kswapd,
 * pgsteal_kswapd, pgscan_direct, pgsteal_direct, allocstall, pageoutrun,
 * oom_kill, pswpin, pswpout).  A line or a file
 * that is missing reads 0, so the same columns come out on every kernel.
 * The watermarks are the zones' min, low and high of /proc/zoneinfo,
 * summed, in kB, read once at the start.
 *
 * A "# kswapd" line marks a sample in which kswapd ran (pageoutrun or
 * pgscan_kswapd grew), "# oom_kill" one in which the OOM killer killed,
 * "# unreadable" one for which /proc could not be read (no memory).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"

enum { F_FREE, F_AANON, F_IANON, F_AFILE, F_IFILE, F_DIRTY, F_WB, F_CACHED, F_ANON,
       F_STOTAL, F_SFREE, F_SCACHED,
       V_SCAN_K, V_STEAL_K, V_SCAN_D, V_STEAL_D, V_STALL, V_PAGEOUTRUN, V_OOM,
       V_PSWPIN, V_PSWPOUT, NR_COLS };

static const struct {
	const char *key;	/* as in the file, with the colon for meminfo */
	const char *col;	/* the CSV column */
} cols[NR_COLS] = {
	{ "MemFree:", "free_kb" },
	{ "Active(anon):", "active_anon_kb" },
	{ "Inactive(anon):", "inactive_anon_kb" },
	{ "Active(file):", "active_file_kb" },
	{ "Inactive(file):", "inactive_file_kb" },
	{ "Dirty:", "dirty_kb" },
	{ "Writeback:", "writeback_kb" },
	{ "Cached:", "cached_kb" },
	{ "AnonPages:", "anon_kb" },
	{ "SwapTotal:", "swap_total_kb" },
	{ "SwapFree:", "swap_free_kb" },
	{ "SwapCached:", "swap_cached_kb" },
	{ "pgscan_kswapd", "pgscan_kswapd" },
	{ "pgsteal_kswapd", "pgsteal_kswapd" },
	{ "pgscan_direct", "pgscan_direct" },
	{ "pgsteal_direct", "pgsteal_direct" },
	{ "allocstall", "allocstall" },
	{ "pageoutrun", "pageoutrun" },
	{ "oom_kill", "oom_kill" },
	{ "pswpin", "pswpin" },
	{ "pswpout", "pswpout" },
};

static int out = 1;

static void emit(const char *line)
{
	size_t n = strlen(line);

	if (write(out, line, n) != (ssize_t)n)
		exit(1);
}

/* Every key of cols[first..last) found in path, into v (missing: 0);
 * -1 if the file cannot be opened. */
static int read_keys(const char *path, int first, int last, unsigned long long *v)
{
	struct mmk_lines lr;
	char *l;
	int i;

	for (i = first; i < last; i++)
		v[i] = 0;
	if (mmk_lines_open(&lr, path) < 0)
		return -1;
	while ((l = mmk_lines_next(&lr)) != NULL)
		for (i = first; i < last; i++) {
			size_t k = strlen(cols[i].key);

			if (!strncmp(l, cols[i].key, k) && (l[k] == ' ' || l[k] == '\t')) {
				v[i] = strtoull(l + k, NULL, 10);
				break;
			}
		}
	mmk_lines_close(&lr);
	return 0;
}

/* The zones' watermarks summed, in pages: w[0] min, w[1] low, w[2] high. */
static void watermarks(unsigned long w[3])
{
	static const char *const names[3] = { "min ", "low ", "high " };
	struct mmk_lines lr;
	char *l;
	int i;

	w[0] = w[1] = w[2] = 0;
	if (mmk_lines_open(&lr, "/proc/zoneinfo") < 0)
		return;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		while (*l == ' ')
			l++;
		for (i = 0; i < 3; i++)
			if (!strncmp(l, names[i], strlen(names[i])))
				w[i] += strtoul(l + strlen(names[i]), NULL, 10);
	}
	mmk_lines_close(&lr);
}

static void header(long interval)
{
	char line[512];
	unsigned long w[3];
	int i, n;

	watermarks(w);
	snprintf(line, sizeof(line), "# memsample interval_ms=%ld total_kb=%ld wmark_min_kb=%lu "
		 "wmark_low_kb=%lu wmark_high_kb=%lu\n", interval,
		 mmk_proc_value("/proc/meminfo", "MemTotal:"), w[0] * 4, w[1] * 4, w[2] * 4);
	emit(line);
	n = snprintf(line, sizeof(line), "t_ms");
	for (i = 0; i < NR_COLS; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, ",%s", cols[i].col);
	snprintf(line + n, sizeof(line) - (size_t)n, "\n");
	emit(line);
}

/*
 * One sample: its CSV line, and marker lines for what rose since prev.
 * When memory is so short that /proc cannot even be opened (its text
 * needs a page), there is no line but "# unreadable", rather than zeros
 * that would look like data.
 */
static void sample(unsigned long t_ms, unsigned long long *v, unsigned long long *prev,
		   int first)
{
	char line[320];
	int i, n;

	if (read_keys("/proc/meminfo", F_FREE, V_SCAN_K, v) < 0 ||
	    read_keys("/proc/vmstat", V_SCAN_K, NR_COLS, v) < 0) {
		snprintf(line, sizeof(line), "# unreadable t_ms=%lu errno=%d\n", t_ms, errno);
		emit(line);
		return;
	}
	n = snprintf(line, sizeof(line), "%lu", t_ms);
	for (i = 0; i < NR_COLS; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, ",%llu", v[i]);
	snprintf(line + n, sizeof(line) - (size_t)n, "\n");
	emit(line);
	if (!first && (v[V_PAGEOUTRUN] > prev[V_PAGEOUTRUN] || v[V_SCAN_K] > prev[V_SCAN_K])) {
		snprintf(line, sizeof(line), "# kswapd t_ms=%lu pageoutrun=%llu\n", t_ms,
			 v[V_PAGEOUTRUN]);
		emit(line);
	}
	if (!first && v[V_OOM] > prev[V_OOM]) {
		snprintf(line, sizeof(line), "# oom_kill t_ms=%lu oom_kill=%llu\n", t_ms, v[V_OOM]);
		emit(line);
	}
	memcpy(prev, v, sizeof(*v) * NR_COLS);
}

static void sleep_until(uint64_t when_ns)
{
	uint64_t now = mmk_now_ns();
	struct timespec t;

	if (now >= when_ns)
		return;
	t.tv_sec = (time_t)((when_ns - now) / 1000000000ull);
	t.tv_nsec = (long)((when_ns - now) % 1000000000ull);
	nanosleep(&t, NULL);
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		char path[128];

		snprintf(path, sizeof(path), "%s%s", strchr(argv[0], '/') ? "" : "/bin/", argv[0]);
		execve(path, argv, environ);
		fprintf(stderr, "memsample: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	unsigned long long v[NR_COLS], prev[NR_COLS];
	long interval = 100, count = -1, k;
	int c, status, done = 0;
	uint64_t t0, next;
	pid_t pid = 0;
	char line[96], *end;

	while ((c = getopt(argc, argv, "+i:n:o:")) != -1) {
		if (c == 'i' && (interval = strtol(optarg, &end, 10)) > 0 && !*end)
			continue;
		if (c == 'n' && (count = strtol(optarg, &end, 10)) > 0 && !*end)
			continue;
		if (c == 'o' && (out = open(optarg, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0)
			continue;
		fprintf(stderr, "usage: memsample [-i MS] [-n COUNT] [-o FILE] [CMD [ARG]...]\n");
		return 2;
	}
	header(interval);
	if (optind < argc && (pid = start(argv + optind)) < 0) {
		perror("memsample: fork");
		return 1;
	}
	t0 = next = mmk_now_ns();
	for (k = 0; count < 0 || k < count; k++) {
		/* a sample that came late moves the next ones: no burst to catch up */
		sleep_until(next);
		next += (uint64_t)interval * 1000000ull;
		if (next < mmk_now_ns())
			next = mmk_now_ns();
		sample((unsigned long)((mmk_now_ns() - t0) / 1000000ull), v, prev, k == 0);
		if (done)
			break;
		if (pid > 0 && waitpid(pid, &status, WNOHANG) == pid) {
			snprintf(line, sizeof(line), "# exit t_ms=%lu status=%d\n",
				 (unsigned long)((mmk_now_ns() - t0) / 1000000ull), status);
			emit(line);
			done = 1;		/* one more sample, after it */
		}
	}
	return 0;
}
