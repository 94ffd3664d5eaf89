/*
 * init [WORD]... - process 1.
 *
 * The kernel starts /init (this program, also installed as /bin/init) with
 * file descriptors 0, 1 and 2 open on the console, and with the words
 * after `--` on the kernel command line as arguments.  init
 *
 *   1. mounts the disk, if there is one: /dev/vda1 (the first partition)
 *      or else /dev/vda (a disk without partitions), as ext2 on /mnt,
 *      making /mnt first if the root file system lacks it.  It prints one
 *      line saying what it mounted, or why it could not; with no such
 *      device (or a kernel without mount) it says nothing;
 *   2. if it got arguments, runs them once as a command line of the shell,
 *      `sh -c "WORD..."`, and waits for it: `make run BOOTARGS='-- df -h'`
 *      (a test can end the line with poweroff);
 *   3. starts /bin/sh, which inherits the console descriptors;
 *   4. waits for any child forever.  The kernel makes init the parent of
 *      every orphan (a process whose parent exited first), so this loop is
 *      what finally reaps them: without it they would stay zombies;
 *   5. when the shell itself ends (`exit`, end of input, or killed), prints
 *      one line saying how, and starts a new one.
 *
 * init never exits: on Linux the kernel panics when PID 1 dies.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
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

static int is_block_device(const char *path)
{
	struct linux_stat64 st;

	return mmk_stat64(path, &st) == 0 && S_ISBLK(st.st_mode);
}

/* Step 1: the disk, if any, on /mnt. */
static void mount_disk(void)
{
	const char *dev = is_block_device("/dev/vda1") ? "/dev/vda1" :
			  is_block_device("/dev/vda") ? "/dev/vda" : NULL;

	if (!dev)
		return;
	if (mkdir("/mnt", 0755) < 0 && errno != EEXIST && errno != ENOSYS) {
		printf("init: cannot make /mnt for %s: %s\n", dev, strerror(errno));
		return;
	}
	if (mount(dev, "/mnt", "ext2", 0, NULL) == 0)
		printf("init: mounted %s on /mnt (ext2)\n", dev);
	else if (errno != ENOSYS)
		printf("init: cannot mount %s on /mnt: %s\n", dev, strerror(errno));
	fflush(stdout);
}

/* Step 2: `sh -c "argv[1] argv[2] ..."`, waited for (orphans reaped on the way). */
static void run_args(int argc, char **argv)
{
	char *line, *sh_argv[] = { "sh", "-c", NULL, NULL };
	size_t len = 1;
	pid_t pid, r;
	int i, status;

	for (i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	line = calloc(1, len);
	if (!line)
		return;
	for (i = 1; i < argc; i++) {
		strcat(line, argv[i]);
		if (i + 1 < argc)
			strcat(line, " ");
	}
	sh_argv[2] = line;
	pid = fork();
	if (pid == 0) {
		execve("/bin/sh", sh_argv, shell_envp);
		fprintf(stderr, "init: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	while (pid > 0 && (r = wait4(-1, &status, 0, NULL)) != pid)
		if (r < 0 && errno != EINTR)
			break;
	if (pid > 0 && r == pid && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		printf("init: sh -c '%s': %s %d\n", line,
		       WIFSIGNALED(status) ? "killed by signal" : "exit status",
		       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	fflush(stdout);
	free(line);
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

int main(int argc, char **argv)
{
	pid_t shell, pid;
	uint64_t started;
	int status, quick_deaths = 0;

	mount_disk();
	if (argc > 1)
		run_args(argc, argv);
	shell = start_shell();
	started = mmk_now_ns();

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
