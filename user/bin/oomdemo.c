/*
 * oomdemo [ADJ [MAX]] - a child eats memory until it is killed.
 *
 * The parent notes MemFree and forks a child, which writes ADJ (default
 * 1000: "kill me first") to /proc/self/oom_score_adj and then maps and
 * writes anonymous memory 1 MiB at a time, telling the parent over a pipe
 * after each MiB.  The parent prints the progress every 16 MiB, and when
 * the pipe closes (the child is gone) reaps it and prints how it ended,
 * how much it had touched and MemFree before and after:
 *
 *   oomdemo: MemFree 118232 kB; child 23 eats memory (oom_score_adj 1000)
 *   oomdemo: child has 16 MiB
 *   ...
 *   oomdemo: child 23 killed by signal 9 (KILL) after 109 MiB
 *   oomdemo: MemFree 118232 kB before, 118164 kB after
 *
 * When RAM runs out and reclaim cannot help, the OOM killer kills the
 * process with the highest oom_score (resident memory and page tables,
 * shifted by oom_score_adj): the child, which is why it asks to go first.
 * Linux sends SIGKILL; the parent prints whatever the status says.
 *
 * With MAX (MiB) the child stops there and exits 0 by itself.  A child
 * that runs out of address space first (mmap fails: ENOMEM) exits 2.
 * Exit status: 0 when the child was killed by SIGKILL or stopped at MAX,
 * 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"

#define MIB		(1UL << 20)
#define PAGE		4096UL
#define REPORT_EVERY	16		/* MiB between progress lines */

static long memfree(void)
{
	return mmk_proc_value("/proc/meminfo", "MemFree:");
}

static void set_adj(long adj)
{
	char s[16];
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);
	int n = snprintf(s, sizeof(s), "%ld\n", adj);

	if (fd < 0 || write(fd, s, (size_t)n) != n)
		printf("oomdemo: child cannot set oom_score_adj to %ld: %s\n", adj,
		       strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* The child: eat 1 MiB at a time, tell the parent after each. */
static void eat(int out, long adj, unsigned long max)
{
	unsigned long mib, i;
	char *p;

	set_adj(adj);
	for (mib = 1; !max || mib <= max; mib++) {
		p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		for (i = 0; i < MIB; i += PAGE)
			p[i] = (char)(mib + i / PAGE);
		if (write(out, &mib, sizeof(mib)) != sizeof(mib))
			_exit(3);
	}
	_exit(0);
}

static void report(pid_t pid, int status, unsigned long mib)
{
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	const char *name = sig ? mmk_signame(sig) : NULL;

	if (sig)
		printf("oomdemo: child %d killed by signal %d (%s) after %lu MiB\n", (int)pid,
		       sig, name ? name : "?", mib);
	else
		printf("oomdemo: child %d exited with status %d after %lu MiB%s\n", (int)pid,
		       WEXITSTATUS(status), mib,
		       WEXITSTATUS(status) == 2 ? " (out of address space)" : "");
}

int main(int argc, char **argv)
{
	long adj = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
	unsigned long max = argc > 2 ? strtoul(argv[2], NULL, 10) : 0, mib = 0, got;
	long before, after;
	int fds[2], status;
	pid_t pid;

	if (argc > 3 || adj < -1000 || adj > 1000) {
		fprintf(stderr, "usage: oomdemo [OOM_SCORE_ADJ [MAX_MiB]]\n");
		return 2;
	}
	before = memfree();
	if (pipe(fds) < 0) {
		perror("oomdemo: pipe");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("oomdemo: fork");
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		eat(fds[1], adj, max);
	}
	close(fds[1]);
	printf("oomdemo: MemFree %ld kB; child %d eats memory (oom_score_adj %ld)\n", before,
	       (int)pid, adj);
	fflush(stdout);
	while (read(fds[0], &got, sizeof(got)) == sizeof(got)) {
		mib = got;
		if (mib % REPORT_EVERY == 0) {
			printf("oomdemo: child has %lu MiB\n", mib);
			fflush(stdout);
		}
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid) {
		perror("oomdemo: waitpid");
		return 1;
	}
	after = memfree();
	report(pid, status, mib);
	printf("oomdemo: MemFree %ld kB before, %ld kB after\n", before, after);
	if (WIFSIGNALED(status))
		return WTERMSIG(status) == 9 ? 0 : 1;
	return max && WEXITSTATUS(status) == 0 ? 0 : 1;
}
