/*
 * init - process 1.
 *
 * The kernel starts /init (this program, also installed as /bin/init) with
 * file descriptors 0, 1 and 2 open on the console.  init
 *
 *   1. starts /bin/sh, which inherits those descriptors;
 *   2. waits for any child forever.  The kernel makes init the parent of
 *      every orphan (a process whose parent exited first), so this loop is
 *      what finally reaps them: without it they would stay zombies;
 *   3. when the shell itself ends (`exit`, end of input, or killed), prints
 *      one line saying how, and starts a new one.
 *
 * init never exits: on Linux the kernel panics when PID 1 dies.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"

static char *shell_argv[] = { "sh", NULL };
static char *shell_envp[] = { "PATH=/bin", "HOME=/", NULL };

/* fork + exec /bin/sh; the child's pid, or -1. */
static pid_t start_shell(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/sh", shell_argv, shell_envp);
		fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

static void pause_a_second(void)
{
	struct timespec t = { 1, 0 };

	nanosleep(&t, NULL);
}

static void report(pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		printf("init: sh (pid %d) killed by signal %d (%s), restarting\n",
		       (int)pid, WTERMSIG(status),
		       mmk_sigdesc(WTERMSIG(status)) ? mmk_sigdesc(WTERMSIG(status)) : "?");
	else
		printf("init: sh (pid %d) exited with status %d, restarting\n",
		       (int)pid, WEXITSTATUS(status));
	fflush(stdout);
}

int main(void)
{
	pid_t shell = start_shell(), pid;
	uint64_t started = mmk_now_ns();
	int status, quick_deaths = 0;

	for (;;) {
		if (shell < 0) {		/* fork failed: try again later */
			pause_a_second();
			shell = start_shell();
			started = mmk_now_ns();
			continue;
		}
		pid = wait4(-1, &status, 0, NULL);
		if (pid < 0) {
			if (errno != EINTR)
				pause_a_second();	/* ECHILD cannot happen: sh lives */
			continue;
		}
		if (pid != shell)
			continue;		/* an orphan, reaped: nothing to say */
		report(pid, status);
		/* A shell that dies at once (say /bin/sh cannot run) would make
		 * us spin: after three quick deaths in a row, wait a second. */
		if (mmk_now_ns() - started < 1000000000ull) {
			if (++quick_deaths >= 3)
				pause_a_second();
		} else {
			quick_deaths = 0;
		}
		shell = start_shell();
		started = mmk_now_ns();
	}
}
