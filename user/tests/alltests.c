/*
 * alltests [NAME]... - run the test programs one after another (all of
 * them, or the ones named) and end with one line:
 *
 *     alltests: 14 ok, 0 failed
 *
 * Each test prints its own "NAME: ok" / "NAME: FAIL ..." line; a test
 * counts as ok when it exits 0.  One killed by a signal, or one that cannot
 * be run, is reported here.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "mmk.h"

/* Not here: fuzz and exhaust (they take the whole machine), fs_semantics
 * and fs_stress (they need a writable file system, which the kernel does
 * not have yet). */
static const char *const tests[] = {
	"zero_page", "lazy_heap", "cow", "cow_reuse", "stack_growth", "segv_kills",
	"efault", "mmap_semantics", "exec_bad", "asid_rollover", "brk_shrink",
	"pgtables", "linux_abi", "ucopy", "tls", "pagemap", "overcommit",
	"mlock_madvise",
};

extern char **environ;

/* Run /bin/<name>; 1 if it passed. */
static int run(const char *name)
{
	char path[64], *argv[] = { (char *)name, NULL };
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/bin/%s", name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		printf("%s: FAIL cannot run %s: %s\n", name, path, strerror(errno));
		_exit(1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("%s: FAIL fork/wait: %s\n", name, strerror(errno));
		return 0;
	}
	if (WIFSIGNALED(status)) {
		printf("%s: FAIL killed by signal %d (%s)\n", name, WTERMSIG(status),
		       mmk_signame(WTERMSIG(status)) ? mmk_signame(WTERMSIG(status)) : "?");
		return 0;
	}
	return WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	int i, ok = 0, failed = 0, n = argc > 1 ? argc - 1 : (int)(sizeof(tests) / sizeof(tests[0]));

	for (i = 0; i < n; i++) {
		if (run(argc > 1 ? argv[i + 1] : tests[i]))
			ok++;
		else
			failed++;
	}
	printf("alltests: %d ok, %d failed\n", ok, failed);
	return failed ? 1 : 0;
}
