/*
 * tls - a process's thread registers stay its own.
 * The user-visible CPU state that belongs to one process stays with it,
 * and Linux's ARM private calls work:
 *
 *   TPIDRURW   what a process writes there survives other processes running
 *              in between, is copied to a child at fork, and is zero after
 *              exec (it must never carry one program's value into another)
 *   set_tls    (0xf0005) sets TPIDRURO, read back with mrc and get_tls
 *   cacheflush (0xf0002) makes freshly written code executable; bad ranges
 *              and flags get Linux's errnos
 *   0xf0007    ENOSYS; 0xf0800 and 0x100000: SIGILL; a number between the
 *              table and the private calls: ENOSYS
 *   svc 0xf0001 (breakpoint) and bkpt: SIGTRAP
 *
 * `tls --exec-check` is what the exec case runs: it exits 0 only if both
 * registers read zero.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

extern char **environ;

static inline uint32_t read_tpidrurw(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 2" : "=r"(v));
	return v;
}

static inline void write_tpidrurw(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 2" : : "r"(v));
}

static inline uint32_t read_tpidruro(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return v;
}

static void thread_registers(void)
{
	pid_t pid;
	int i;

	write_tpidrurw(0xdeadbeef);
	pid = t_fork();
	if (pid == 0) {
		if (read_tpidrurw() != 0xdeadbeef)
			t_fail("the child has TPIDRURW 0x%08x, not the parent's 0xdeadbeef",
			       (unsigned)read_tpidrurw());
		write_tpidrurw(0xc0ffee);
		for (i = 0; i < 50; i++) {
			sched_yield();
			if (read_tpidrurw() != 0xc0ffee)
				t_fail("TPIDRURW changed to 0x%08x while other processes ran",
				       (unsigned)read_tpidrurw());
		}
		exit(0);
	}
	for (i = 0; i < 50; i++) {
		sched_yield();
		if (read_tpidrurw() != 0xdeadbeef)
			t_fail("the parent's TPIDRURW became 0x%08x (the child's value leaked?)",
			       (unsigned)read_tpidrurw());
	}
	t_wait_ok(pid, "TPIDRURW across switches");

	if (mmk_syscall(ARM_NR_set_tls, 0x12345678, 0, 0, 0, 0, 0) != 0)
		t_note("set_tls failed");
	if (read_tpidruro() != 0x12345678)
		t_note("after set_tls, TPIDRURO reads 0x%08x", (unsigned)read_tpidruro());
	if ((uint32_t)mmk_syscall(ARM_NR_get_tls, 0, 0, 0, 0, 0, 0) != 0x12345678)
		t_note("get_tls does not return what set_tls set");

	pid = t_fork();
	if (pid == 0) {
		if (read_tpidruro() != 0x12345678)
			t_fail("the child's TPIDRURO is 0x%08x", (unsigned)read_tpidruro());
		write_tpidrurw(0x5eed);
		execve("/bin/tls", (char *[]){ "tls", "--exec-check", NULL }, environ);
		t_fail("execve /bin/tls: %s", strerror(errno));
	}
	t_wait_ok(pid, "thread registers after exec");
}

/* Write "mov r0, #42; bx lr" at p, make it executable, call it. */
static int run_code(uint32_t *p)
{
	int (*fn)(void) = (int (*)(void))p;

	p[0] = 0xe3a0002a;		/* mov r0, #42 */
	p[1] = 0xe12fff1e;		/* bx lr */
	if (mmk_syscall(ARM_NR_cacheflush, (long)p, (long)(p + 2), 0, 0, 0, 0) != 0)
		t_fail("cacheflush of fresh code failed");
	return fn();
}

static void cache_flush(void)
{
	uint32_t *p = mmap(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *q;
	long r;

	if (p == MAP_FAILED)
		t_fail("mmap rwx: %s", strerror(errno));
	q = p + T_PAGE / 4;
	(void)q[0];			/* the zero page, mapped executable */
	if (run_code((uint32_t *)q) != 42)	/* a COW of the zero page, then code */
		t_note("code written over the zero page did not run");
	if (run_code(p) != 42)
		t_note("code written into a fresh page did not run");
	r = mmk_syscall(ARM_NR_cacheflush, (long)(p + 2), (long)p, 0, 0, 0, 0);
	if (r != -22)
		t_note("cacheflush(end < start) returned %ld, not -EINVAL", r);
	r = mmk_syscall(ARM_NR_cacheflush, (long)p, (long)(p + 2), 1, 0, 0, 0);
	if (r != -22)
		t_note("cacheflush(flags 1) returned %ld, not -EINVAL", r);
	r = mmk_syscall(ARM_NR_cacheflush, 0xc0000000L, 0xc0001000L, 0, 0, 0, 0);
	if (r != -14)
		t_note("cacheflush(kernel range) returned %ld, not -EFAULT", r);
	munmap(p, 2 * T_PAGE);
	r = mmk_syscall(ARM_NR_cacheflush, (long)p, (long)(p + 8), 0, 0, 0, 0);
	if (r != -14)
		t_note("cacheflush(unmapped range) returned %ld, not -EFAULT", r);
}

/* The child's fate when it issues syscall nr (r0 = 77): its exit code is
 * 0 when the call returned -ENOSYS, else what it returned. */
static int try_number(long nr)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		long r = mmk_syscall(nr, 77, 0, 0, 0, 0, 0);

		_exit(r == -38 ? 0 : r == 77 ? 77 : 99);
	}
	return t_wait(pid);
}

static void numbers(void)
{
	int st;

	st = try_number(ARM_NR_BASE + 7);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("ARM private call 0xf0007: %s, expected ENOSYS", t_status_str(st));
	st = try_number(0x1000);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		t_note("syscall 0x1000: %s, expected ENOSYS", t_status_str(st));
	st = try_number(ARM_NR_BASE + 0x800);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGILL)
		t_note("syscall 0xf0800: %s, expected SIGILL", t_status_str(st));
	st = try_number(0x100000);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGILL)
		t_note("syscall 0x100000: %s, expected SIGILL", t_status_str(st));
	st = try_number(ARM_NR_breakpoint);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != LINUX_SIGTRAP)
		t_note("ARM breakpoint call: %s, expected SIGTRAP", t_status_str(st));
}

static void all(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		thread_registers();
		cache_flush();
		numbers();
		t_check_notes();
		exit(0);
	}
	t_wait_ok(pid, "tls");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-check"))
		return read_tpidrurw() == 0 && read_tpidruro() == 0 ? 0 : 3;
	t_begin("tls");
	t_leak_check(all);
	t_ok();
}
