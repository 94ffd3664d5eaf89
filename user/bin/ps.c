/*
 * ps - one line per process, with its ASID.
 * From /proc/<pid>/status and /proc/<pid>/asid:
 *
 *     PID  PPID STATE ASID      VSZ      RSS NAME
 *       1     0 S        1      148       40 init
 *
 * VSZ (all mapped memory) and RSS (resident) are in kB, as Linux's VmSize
 * and VmRSS report them; a process without an address space shows 0.
 * ASID is the address-space identifier its TLB entries carry (this
 * kernel's own file; "-" while it has none of the current generation).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

struct proc {
	char name[64];
	char asid[8];
	char state;
	long pid, ppid, vsz, rss;
};

/* Fill p from /proc/<pid>/status; 0, or -1 if it vanished meanwhile. */
static int read_status(int pid, struct proc *p)
{
	struct mmk_lines lr;
	char path[32], *l, *v;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	memset(p, 0, sizeof(*p));
	p->pid = pid;
	p->state = '?';
	if (mmk_lines_open(&lr, path) < 0)
		return -1;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		v = strchr(l, ':');
		if (!v)
			continue;
		*v++ = '\0';
		v += strspn(v, " \t");
		if (strcmp(l, "Name") == 0)
			snprintf(p->name, sizeof(p->name), "%s", v);
		else if (strcmp(l, "State") == 0)
			p->state = *v ? *v : '?';
		else if (strcmp(l, "PPid") == 0)
			p->ppid = atol(v);
		else if (strcmp(l, "VmSize") == 0)
			p->vsz = atol(v);
		else if (strcmp(l, "VmRSS") == 0)
			p->rss = atol(v);
	}
	mmk_lines_close(&lr);
	snprintf(path, sizeof(path), "/proc/%d/asid", pid);
	if (mmk_read_file(path, p->asid, sizeof(p->asid)) <= 0)
		strcpy(p->asid, "?");
	p->asid[strcspn(p->asid, "\n")] = '\0';
	return 0;
}

int main(void)
{
	struct proc p;
	int *pids, n, i;

	pids = mmk_list_pids(&n);
	if (!pids) {
		perror("ps: /proc");
		return 1;
	}
	printf("%5s %5s %-5s %4s %8s %8s %s\n", "PID", "PPID", "STATE", "ASID", "VSZ", "RSS",
	       "NAME");
	for (i = 0; i < n; i++)
		if (read_status(pids[i], &p) == 0)
			printf("%5ld %5ld %-5c %4s %8ld %8ld %s\n", p.pid, p.ppid, p.state,
			       p.asid, p.vsz, p.rss, p.name);
	free(pids);
	return 0;
}
