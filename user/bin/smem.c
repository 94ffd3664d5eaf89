/*
 * smem [-t] [-v] - memory per process (USS, PSS, RSS), as smem(8).
 * From /proc/<pid>/smaps (kB):
 *
 *   PID User     Command                         Swap      USS      PSS      RSS
 *     1 root     init                               0       28       54      112
 *
 *   USS  pages only this process maps: the sum of Private_Clean + Private_Dirty
 *   PSS  each resident page divided by the number of processes mapping it
 *        (the Pss lines); summed over all processes it gives the RAM in use
 *   RSS  every resident page, shared or not (Rss)
 *   VSS  (-v) everything mapped, resident or not (Size)
 *   Swap the Swap lines
 * Processes without an address space (no smaps lines) are left out.
 * Sorted by PSS, smallest first; -t adds a line of totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

struct usage {
	int pid;
	char user[16];
	char cmd[40];
	unsigned long swap, vss, uss, pss, rss;
};

static int add(const char *l, const char *key, unsigned long *sum)
{
	size_t k = strlen(key);

	if (strncmp(l, key, k) != 0)
		return 0;
	*sum += strtoul(l + k, NULL, 10);
	return 1;
}

/* Fill u for pid; 0 if it has memory to show. */
static int measure(int pid, struct usage *u)
{
	struct mmk_lines lr;
	char path[40], buf[256], *l;
	long uid;

	memset(u, 0, sizeof(*u));
	u->pid = pid;
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	if (mmk_lines_open(&lr, path) < 0)
		return -1;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (add(l, "Size:", &u->vss) || add(l, "Rss:", &u->rss) ||
		    add(l, "Pss:", &u->pss) || add(l, "Private_Clean:", &u->uss) ||
		    add(l, "Private_Dirty:", &u->uss))
			continue;
		add(l, "Swap:", &u->swap);
	}
	mmk_lines_close(&lr);
	if (u->vss == 0)
		return -1;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	uid = mmk_proc_value(path, "Uid:");
	if (uid <= 0)
		strcpy(u->user, "root");
	else
		snprintf(u->user, sizeof(u->user), "%ld", uid);

	snprintf(path, sizeof(path), "%d", pid);
	mmk_proc_cmdline(path, buf, sizeof(buf));
	snprintf(u->cmd, 28, "%.27s", buf);		/* the column is 27 wide */
	return 0;
}

static int by_pss(const void *a, const void *b)
{
	const struct usage *x = a, *y = b;

	if (x->pss != y->pss)
		return x->pss < y->pss ? -1 : 1;
	return x->pid - y->pid;
}

int main(int argc, char **argv)
{
	struct usage *u, tot = { 0 };
	int *pids, n, m = 0, i, totals = 0, vss = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-t") == 0)
			totals = 1;
		else if (strcmp(argv[i], "-v") == 0)
			vss = 1;
		else {
			fprintf(stderr, "usage: smem [-t] [-v]\n");
			return 2;
		}
	}
	pids = mmk_list_pids(&n);
	if (!pids) {
		perror("smem: /proc");
		return 1;
	}
	u = calloc(n ? n : 1, sizeof(*u));
	if (!u)
		return 1;
	for (i = 0; i < n; i++)
		if (measure(pids[i], &u[m]) == 0)
			m++;
	qsort(u, m, sizeof(*u), by_pss);

	printf("%5s %-8s %-27s %8s ", "PID", "User", "Command", "Swap");
	if (vss)
		printf("%8s ", "VSS");
	printf("%8s %8s %8s \n", "USS", "PSS", "RSS");
	for (i = 0; i < m; i++) {
		printf("%5d %-8s %-27s %8lu ", u[i].pid, u[i].user, u[i].cmd, u[i].swap);
		if (vss)
			printf("%8lu ", u[i].vss);
		printf("%8lu %8lu %8lu \n", u[i].uss, u[i].pss, u[i].rss);
		tot.swap += u[i].swap;
		tot.vss += u[i].vss;
		tot.uss += u[i].uss;
		tot.pss += u[i].pss;
		tot.rss += u[i].rss;
	}
	if (totals) {
		printf("-------------------------------------------------------------------------------\n");
		printf("%5d %-8s %-27s %8lu ", m, "", "", tot.swap);
		if (vss)
			printf("%8lu ", tot.vss);
		printf("%8lu %8lu %8lu \n", tot.uss, tot.pss, tot.rss);
	}
	free(u);
	free(pids);
	return 0;
}
