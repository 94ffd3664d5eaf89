/*
 * efault - a bad pointer passed to a system call gives EFAULT.
 * Never a crash of the kernel or of the caller.
 *
 * For every call that takes a pointer (read, write, open, execve, wait4,
 * pipe, clock_gettime, nanosleep, getdents64, fstat64, uname), each bad
 * pointer in turn:
 *     NULL                   page 0 is never mapped
 *     0xC0000000             kernel memory (PAGE_OFFSET)
 *     an unmapped address    a page we mapped and unmapped again
 *     a read-only page       for the calls that write through the pointer
 * must make the call return -1 with errno EFAULT.  The raw calls are used
 * where newlib would convert a structure first (fstat64, clock_gettime,
 * nanosleep), so that the pointer reaches the kernel as given.
 *
 * Runs in a child that exits 42 when everything passed (so an execve that
 * wrongly succeeded, and then exited 0, cannot pass for success).
 * On mmkernel it also checks that a failed pipe() left no descriptor
 * behind (qemu-user leaks them, Linux does not).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define ALL_DONE	42

static char *bad[4];			/* NULL, kernel, unmapped, read-only */
static const char *bad_name[4] = { "NULL", "0xc0000000", "an unmapped page",
				   "a read-only page" };
static char what[128];

/* Pointers the kernel reads through: the first three.  Writes: all four. */
#define FOR_READ_PTRS(i)	for (i = 0; i < 3; i++)
#define FOR_WRITE_PTRS(i)	for (i = 0; i < 4; i++)

static const char *name(const char *call, int i)
{
	snprintf(what, sizeof(what), "%s with %s", call, bad_name[i]);
	return what;
}

static void setup(void)
{
	char *p = mmap(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		t_fail("mmap failed");
	if (munmap(p + T_PAGE, T_PAGE) < 0 || mprotect(p, T_PAGE, PROT_READ) < 0)
		t_fail("munmap/mprotect failed");
	bad[0] = NULL;
	bad[1] = T_KADDR;
	bad[2] = p + T_PAGE;
	bad[3] = p;
}

static void file_calls(void)
{
	int fd, p[2], i;

	fd = open("/data/hello.txt", O_RDONLY);
	if (fd < 0)
		t_fail("cannot open /data/hello.txt: %s", strerror(errno));
	FOR_WRITE_PTRS(i) {
		lseek(fd, 0, SEEK_SET);
		t_check_err(read(fd, bad[i], 16), EFAULT, name("read", i));
	}
	FOR_WRITE_PTRS(i)
		t_check_err(mmk_fstat64(fd, (void *)bad[i]), EFAULT, name("fstat64", i));
	close(fd);

	if (pipe(p) < 0)
		t_fail("pipe failed");
	FOR_READ_PTRS(i)
		t_check_err(write(p[1], bad[i], 16), EFAULT, name("write", i));
	close(p[0]);
	close(p[1]);

	FOR_READ_PTRS(i)
		t_check_err(open(bad[i], O_RDONLY), EFAULT, name("open", i));

	fd = open("/bin", O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		t_fail("cannot open /bin: %s", strerror(errno));
	FOR_WRITE_PTRS(i)
		t_check_err(getdents64(fd, bad[i], 4096), EFAULT, name("getdents64", i));
	close(fd);
}

static void pipe_calls(void)
{
	int i, fd_before, fd_after;

	fd_before = dup(0);
	close(fd_before);
	FOR_WRITE_PTRS(i)
		t_check_err(pipe((int *)bad[i]), EFAULT, name("pipe", i));
	fd_after = dup(0);
	close(fd_after);
	if (fd_after != fd_before && !mmk_on_linux())
		t_fail("a pipe() that failed with EFAULT left descriptors open "
		       "(next free fd %d, was %d)", fd_after, fd_before);
}

static void process_calls(void)
{
	char *argv_ok[] = { "true", NULL }, *envp[] = { NULL };
	char *argv_bad[] = { "true", T_KADDR, NULL };
	int i, st;
	pid_t pid, r;

	FOR_READ_PTRS(i)
		t_check_err(execve(bad[i], argv_ok, envp), EFAULT, name("execve path", i));
	FOR_READ_PTRS(i)
		if (i)		/* argv == NULL is allowed by Linux: an empty argv */
			t_check_err(execve("/bin/true", (char **)bad[i], envp), EFAULT,
				    name("execve argv", i));
	t_check_err(execve("/bin/true", argv_bad, envp), EFAULT,
		    "execve with argv[1] = 0xc0000000");
	FOR_READ_PTRS(i)
		if (i)
			t_check_err(execve("/bin/true", argv_ok, (char **)bad[i]), EFAULT,
				    name("execve envp", i));

	/* wait4 status: NULL means "don't store", so only the other three */
	for (i = 1; i < 4; i++) {
		pid = t_fork();
		if (pid == 0)
			_exit(0);
		t_check_err(wait4(pid, (int *)bad[i], 0, NULL), EFAULT, name("wait4 status", i));
		/* Linux reaps the child even so; a kernel that checks first does
		 * not: either way it must be gone after this. */
		r = waitpid(pid, &st, 0);
		if (r != pid && !(r < 0 && errno == ECHILD))
			t_fail("after wait4 failed with EFAULT, waitpid returned %d (%s)",
			       (int)r, strerror(errno));
	}
}

static void time_calls(void)
{
	struct linux_utsname *u;
	int i;

	FOR_WRITE_PTRS(i)
		t_check_err(mmk_clock_gettime(LINUX_CLOCK_MONOTONIC, (void *)bad[i]), EFAULT,
			    name("clock_gettime", i));
	FOR_READ_PTRS(i)
		t_check_err(mmk_nanosleep((void *)bad[i], NULL), EFAULT, name("nanosleep", i));
	FOR_WRITE_PTRS(i) {
		u = (void *)bad[i];
		t_check_err(uname(u), EFAULT, name("uname", i));
	}
}

static void child(void)
{
	setup();
	file_calls();
	pipe_calls();
	process_calls();
	time_calls();
	t_check_notes();
	exit(ALL_DONE);
}

static void work(int measured)
{
	pid_t pid = t_fork();
	int st;

	if (pid == 0)
		child();
	st = t_wait(pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == ALL_DONE)
		return;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
		exit(1);			/* it said why */
	t_fail("the child making the calls %s before finishing", t_status_str(st));
}

int main(void)
{
	t_begin("efault");
	t_leak_check(work);
	t_ok();
}
