/*
 * exec_bad - execve refuses malformed ELF files with ENOEXEC.
 * The caller lives on; a good program then runs with its argv and envp.
 *
 * /bad holds the files scripts/mkbadelf.py makes from /bin/true (bad magic,
 * 64-bit class, big-endian, wrong type, wrong machine, bad program header
 * size or count, truncated headers or segment, no PT_LOAD, overlapping
 * segments, filesz > memsz, a segment across TASK_SIZE or wrapping around
 * 4 GiB, entry point outside every segment).  Each is exec'ed by its own
 * child, which must get -1 / ENOEXEC and exit 42; the FAIL line names every
 * file that was not refused so.  A missing file must give
 * ENOENT.  Finally "/bin/exec_bad --child" is exec'ed with an environment
 * variable; it checks both and exits 42.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"
#include "mmk_test.h"

#define EXPECTED_BAD_FILES	15	/* scripts/mkbadelf.py makes this many */
#define CHILD_OK		42
#define ERRNO_BASE		100	/* exit code of a child whose execve failed oddly */

static char paths[32][64];
static int npaths;

static int add(const char *name, int type, void *arg)
{
	if (npaths < 32)
		snprintf(paths[npaths++], sizeof(paths[0]), "/bad/%s", name);
	return 0;
}

/*
 * Fork; the child execs path and must fail with errno `want`.  It exits
 * CHILD_OK if so, else with ERRNO_BASE + the errno it got; any other status
 * comes from the file itself having run.  A problem is noted (not fatal),
 * so that one run names every file the kernel did not refuse.
 */
static void exec_must_fail(const char *path, int want)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
	pid_t pid = t_fork();
	int st;

	if (pid == 0) {
		execve(path, argv, envp);
		exit(errno == want ? CHILD_OK : ERRNO_BASE + errno);
	}
	st = t_wait(pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == CHILD_OK)
		return;
	if (WIFEXITED(st) && WEXITSTATUS(st) > ERRNO_BASE && WEXITSTATUS(st) < ERRNO_BASE + 150)
		t_note("execve(%s) gave %s, not %s", path,
		       strerror(WEXITSTATUS(st) - ERRNO_BASE), strerror(want));
	else
		t_note("execve(%s) succeeded: the program %s", path, t_status_str(st));
}

static void exec_good(void)
{
	char *argv[] = { "exec_bad", "--child", NULL };
	char *envp[] = { "MMK_EXEC_TEST=passed", NULL };
	pid_t pid = t_fork();
	int st;

	if (pid == 0) {
		execve("/bin/exec_bad", argv, envp);
		t_fail("execve(/bin/exec_bad) failed: %s", strerror(errno));
	}
	st = t_wait(pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == CHILD_OK)
		return;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		exit(1);
	t_fail("the good program %s instead of exiting %d", t_status_str(st), CHILD_OK);
}

/* We are the exec'ed good program: check what execve passed. */
static int child_checks(int argc, char **argv)
{
	const char *v = getenv("MMK_EXEC_TEST");

	if (argc != 2 || strcmp(argv[0], "exec_bad") != 0)
		t_fail("the exec'ed program got argc %d, argv[0] \"%s\"", argc, argv[0]);
	if (!v || strcmp(v, "passed") != 0)
		t_fail("the exec'ed program got MMK_EXEC_TEST=%s", v ? v : "(unset)");
	return CHILD_OK;
}

static void work(int measured)
{
	int i;

	for (i = 0; i < npaths; i++)
		exec_must_fail(paths[i], ENOEXEC);
	exec_must_fail("/bad/no-such-file", ENOENT);
	exec_good();
}

int main(int argc, char **argv)
{
	t_begin("exec_bad");
	if (argc == 2 && strcmp(argv[1], "--child") == 0)
		return child_checks(argc, argv);
	if (mmk_list_dir("/bad", add, NULL) < 0)
		t_fail("cannot list /bad: %s", strerror(errno));
	if (npaths < EXPECTED_BAD_FILES)
		t_fail("/bad has %d files, expected %d", npaths, EXPECTED_BAD_FILES);
	t_leak_check(work);
	t_ok();
}
