/*
 * forkdemo - copy-on-write, watched from the outside.
 * See docs/page-faults.md.
 *
 *   1. map 64 KiB of anonymous memory and write every page: 16 private,
 *      dirty pages;
 *   2. run pmap and smem on ourselves;
 *   3. fork: the child shares all 16 pages copy-on-write (Rss counts them
 *      in both processes, Pss splits each one in two);
 *   4. the child writes 4 of them: those 4 are copied, the other 12 stay
 *      shared;
 *   5. run pmap on both and smem, and print the child's smaps entry for
 *      the region.
 * Both processes stay alive (the child waits on a pipe) while the tools
 * look at them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "mmk.h"

#define PAGES 16
#define PAGE 4096

static void run(const char *prog, const char *arg)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { (char *)prog, (char *)arg, NULL };

		execve(prog, argv, environ);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* Print the smaps lines of pid's VMA starting at addr. */
static void smaps_of(pid_t pid, unsigned long addr)
{
	char path[32], line[160], want[16];
	FILE *f;
	int in = 0;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	snprintf(want, sizeof(want), "%08lx-", addr);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strchr(line, '-') && strstr(line, " ") && line[8] == '-')
			in = !strncmp(line, want, 9);
		if (in)
			fputs(line, stdout);
	}
	fclose(f);
}

int main(void)
{
	char pidbuf[16], *mem;
	int go[2], done[2], i;
	pid_t child;

	mem = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 1;
	for (i = 0; i < PAGES; i++)
		mem[i * PAGE] = 1;
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
	printf("== before fork: pid %s, 16 pages written at %p\n", pidbuf, (void *)mem);
	run("/bin/pmap", pidbuf);
	if (pipe(go) || pipe(done))
		return 1;
	child = fork();
	if (child == 0) {
		char c;

		for (i = 0; i < 4; i++)
			mem[i * PAGE] = 2;		/* 4 copy-on-write faults */
		write(done[1], "x", 1);
		read(go[0], &c, 1);		/* stay alive while we are looked at */
		_exit(0);
	}
	read(done[0], pidbuf, 1);
	printf("== after fork, the child (pid %d) wrote 4 of the 16 pages\n", (int)child);
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)getpid());
	run("/bin/pmap", pidbuf);
	snprintf(pidbuf, sizeof(pidbuf), "%d", (int)child);
	run("/bin/pmap", pidbuf);
	run("/bin/smem", NULL);
	printf("== /proc/%d/smaps, the region:\n", (int)child);
	smaps_of(child, (unsigned long)mem);
	write(go[1], "x", 1);
	waitpid(child, NULL, 0);
	return 0;
}
