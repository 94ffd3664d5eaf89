/*
 * ucopy - user strings and buffers are bounded, limits checked.
 * Every string and buffer the kernel copies from user space:
 *
 *   paths (open, execve)        4095 characters pass; 4096 without a NUL is
 *                               ENAMETOOLONG; a component of 255 passes,
 *                               256 is ENAMETOOLONG
 *   argv/envp strings (execve)  128 KiB with the NUL pass, one more is E2BIG
 *   each of them                running off a page into unmapped memory:
 *                               EFAULT; ending exactly at the end of a page:
 *                               fine; in kernel memory: EFAULT; running up to
 *                               TASK_SIZE without a NUL: EFAULT
 *   buffers (read, write)       wrapping past 4 GiB, or into kernel space:
 *                               EFAULT
 *   block copies                copies of 128 bytes and more move with
 *                               LDM/STM checked with the kernel's rights
 *                               (arch/arm/uaccess.S): a buffer running into
 *                               unmapped memory gives the exact count before
 *                               the hole; PROT_NONE and read-only pages are
 *                               neither read nor written; a COW page is
 *                               copied, not written through
 *
 * The first case is the one that once overflowed a kernel stack: a 299-byte
 * path in .bss.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define PATH_MAX_LINUX	4096
#define NAME_MAX_LINUX	255
#define MAX_ARG_STRLEN	(32 * 4096)

extern char **environ;
static char bss_path[300];		/* in .bss: below 0x3f000000 */
static char *page;			/* two pages: [0] mapped, [1] unmapped */

static void setup(void)
{
	page = mmap(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || munmap(page + T_PAGE, T_PAGE))
		t_fail("mmap/munmap: %s", strerror(errno));
}

/* A path of exactly len characters (no NUL within) in buf: "/" then "./" ... */
static void make_path(char *buf, size_t len, int terminate)
{
	size_t i;

	buf[0] = '/';
	for (i = 1; i < len; i++)
		buf[i] = (i & 1) ? '.' : '/';
	if (terminate)
		buf[len] = '\0';
}

static void path_limits(void)
{
	char *buf = malloc(PATH_MAX_LINUX + 16);
	char name[NAME_MAX_LINUX + 8];
	int fd;

	if (!buf)
		t_fail("malloc failed");
	for (fd = 0; fd < 299; fd++)			/* "/qqqqqqq/qqqqqqq/..." */
		bss_path[fd] = (fd % 8) ? 'q' : '/';
	t_check_err(open(bss_path, O_RDONLY), ENOENT, "open(a 299-byte path in .bss)");
	t_check_err(execve(bss_path, (char *[]){ "x", NULL }, environ), ENOENT,
		    "execve(a 299-byte path in .bss)");

	make_path(buf, PATH_MAX_LINUX - 1, 1);		/* "/././.../" : the root */
	fd = open(buf, O_RDONLY);
	if (fd < 0)
		t_note("open(a 4095-character path) failed: %s", strerror(errno));
	else
		close(fd);
	make_path(buf, PATH_MAX_LINUX, 0);		/* 4096 characters, then more */
	memset(buf + PATH_MAX_LINUX, '/', 8);
	buf[PATH_MAX_LINUX + 8] = '\0';
	t_check_err(open(buf, O_RDONLY), ENAMETOOLONG, "open(a 4096-character path)");
	t_check_err(execve(buf, (char *[]){ "x", NULL }, environ), ENAMETOOLONG,
		    "execve(a 4096-character path)");

	name[0] = '/';
	memset(name + 1, 'n', NAME_MAX_LINUX);
	name[NAME_MAX_LINUX + 1] = '\0';
	t_check_err(open(name, O_RDONLY), ENOENT, "open(a 255-character name)");
	name[NAME_MAX_LINUX + 1] = 'n';
	name[NAME_MAX_LINUX + 2] = '\0';
	t_check_err(open(name, O_RDONLY), ENAMETOOLONG, "open(a 256-character name)");
	free(buf);
}

static void path_edges(void)
{
	char *end = page + T_PAGE;

	/* "/x" whose NUL is the last byte of the mapped page: fine */
	memcpy(end - 3, "/x", 3);
	t_check_err(open(end - 3, O_RDONLY), ENOENT, "open(path ending at a page end)");
	/* the same without the NUL: runs into the unmapped page */
	memcpy(end - 3, "/xy", 3);
	t_check_err(open(end - 3, O_RDONLY), EFAULT, "open(path running into unmapped memory)");
	t_check_err(execve(end - 3, (char *[]){ "x", NULL }, environ), EFAULT,
		    "execve(path running into unmapped memory)");
	t_check_err(open(T_KADDR, O_RDONLY), EFAULT, "open(kernel address)");
	t_check_err(open((char *)0xffff0000, O_RDONLY), EFAULT, "open(the vectors page)");
	t_check_err(open((char *)0xbf000000, O_RDONLY), EFAULT, "open(TASK_SIZE)");
}

/* In a child: the stack's last byte (TASK_SIZE - 1) is the NUL of the last
 * environment string; replace it and the path runs into kernel space. */
static void path_task_size(void)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		volatile char *last = (char *)0xbeffffff;

		if (*last != '\0')
			t_fail("TASK_SIZE - 1 is 0x%02x, not the NUL of the environment", *last);
		if (open((char *)last, O_RDONLY) >= 0 || errno != ENOENT)
			t_fail("open(\"\" at TASK_SIZE - 1): %s, expected ENOENT", strerror(errno));
		*last = 'z';
		if (open((char *)last - 1, O_RDONLY) >= 0 || errno != EFAULT)
			t_fail("open(a string running up to TASK_SIZE): %s, expected EFAULT",
			       strerror(errno));
		exit(0);
	}
	t_wait_ok(pid, "path at TASK_SIZE");
}

/* execve /bin/true with one extra argument; the child's exit: 0 ran, 100
 * E2BIG, 101 EFAULT, 102 other. */
static int exec_arg(char *arg, char **envp)
{
	char *argv[] = { "true", arg, NULL };
	pid_t pid = t_fork();
	int st;

	if (pid == 0) {
		execve("/bin/true", argv, envp ? envp : environ);
		_exit(errno == E2BIG ? 100 : errno == EFAULT ? 101 : 102);
	}
	st = t_wait(pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 200;
}

static void arg_limits(void)
{
	char *s = malloc(MAX_ARG_STRLEN + 1), *end = page + T_PAGE;
	char *envp[] = { NULL, NULL };
	int r;

	if (!s)
		t_fail("malloc failed");
	memset(s, 'a', MAX_ARG_STRLEN);
	s[MAX_ARG_STRLEN - 1] = '\0';			/* 131071 + NUL */
	if ((r = exec_arg(s, NULL)) != 0)
		t_note("execve(argument of 128 KiB with its NUL): exit %d", r);
	s[MAX_ARG_STRLEN - 1] = 'a';
	s[MAX_ARG_STRLEN] = '\0';			/* one past */
	if ((r = exec_arg(s, NULL)) != 100)
		t_note("execve(argument of 128 KiB + 1): exit %d, expected E2BIG", r);
	envp[0] = s;
	if ((r = exec_arg("x", envp)) != 100)
		t_note("execve(environment string of 128 KiB + 1): exit %d, expected E2BIG", r);
	free(s);

	memcpy(end - 2, "ab", 2);			/* no NUL before the unmapped page */
	if ((r = exec_arg(end - 2, NULL)) != 101)
		t_note("execve(argument running into unmapped memory): exit %d, expected EFAULT", r);
	envp[0] = end - 2;
	if ((r = exec_arg("x", envp)) != 101)
		t_note("execve(environment running into unmapped memory): exit %d, expected EFAULT", r);
	if ((r = exec_arg(T_KADDR, NULL)) != 101)
		t_note("execve(argument in kernel memory): exit %d, expected EFAULT", r);
	envp[0] = (char *)0xffff0000;
	if ((r = exec_arg("x", envp)) != 101)
		t_note("execve(environment in the vectors page): exit %d, expected EFAULT", r);

	/* the argv array itself running into unmapped memory, or in the kernel */
	{
		char **argv = (char **)(end - sizeof(char *));
		pid_t pid;
		int st;

		argv[0] = "true";			/* no NULL before the hole */
		pid = t_fork();
		if (pid == 0) {
			execve("/bin/true", argv, environ);
			_exit(errno == EFAULT ? 101 : 102);
		}
		st = t_wait(pid);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 101)
			t_note("execve(argv array running into unmapped memory): %s",
			       t_status_str(st));
		t_check_err(execve("/bin/true", T_KADDR, environ), EFAULT,
			    "execve(argv array in kernel memory)");
		t_check_err(execve("/bin/true", (char **)0xfffffffc, environ), EFAULT,
			    "execve(argv array at the top of memory)");
	}
}

static void buffers(void)
{
	int p[2];
	char c = 'x';

	if (pipe(p) < 0)
		t_fail("pipe: %s", strerror(errno));
	t_check_err(write(p[1], (char *)0xbefff000, 0xffffffff), EFAULT, "write(length wraps)");
	t_check_err(write(p[1], (char *)0xbefffff0, 32), EFAULT, "write(buffer crosses TASK_SIZE)");
	t_check_err(read(p[0], (char *)0xffffff00, 16), EFAULT, "read(buffer in kernel memory)");
	t_check_err(read(p[0], (char *)0x1000, 0x80000000), EINVAL, "read(length 2 GiB)");
	if (write(p[1], &c, 1) != 1)
		t_fail("write: %s", strerror(errno));
	t_check_err(read(p[0], page + T_PAGE, 1), EFAULT, "read(into unmapped memory)");
	close(p[0]);
	close(p[1]);
}

/* A file of 8 KiB whose byte i is (i * 7) & 0xff. */
static int block_file(const char *path)
{
	static unsigned char data[2 * T_PAGE];
	unsigned i;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		t_fail("open %s: %s", path, strerror(errno));
	unlink(path);		/* gone with the fd, even if this test dies */
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7);
	if (write(fd, data, sizeof(data)) != (ssize_t)sizeof(data))
		t_fail("write %s: %s", path, strerror(errno));
	return fd;
}

static void block_copies(void)
{
	const char *path = "/ucopy.blk";
	int fd = block_file(path);
	char *rw;
	char *dst = page + T_PAGE - 1024;	/* 1 KiB before the hole */
	unsigned i;
	ssize_t n;
	int bad;

	/* read() running into unmapped memory: exactly the bytes before it */
	n = pread(fd, dst, 4096, 0);
	if (n != 1024)
		t_note("pread(4 KiB into 1 KiB then a hole) = %ld, expected 1024", (long)n);
	for (i = 0, bad = 0; i < 1024; i++)
		bad += (unsigned char)dst[i] != (unsigned char)(i * 7);
	if (bad)
		t_note("pread into 1 KiB then a hole: %d bytes wrong", bad);
	/* the same, not 128-byte aligned: the tail of a block then a word */
	n = pread(fd, page + T_PAGE - 1000, 4096, 0);
	if (n != 1000)
		t_note("pread(4 KiB into 1000 bytes then a hole) = %ld, expected 1000", (long)n);
	/* write() from a buffer running into the hole: the bytes before it */
	memset(dst, 'w', 1024);
	n = pwrite(fd, dst, 4096, 0);
	if (n != 1024)
		t_note("pwrite(4 KiB from 1 KiB then a hole) = %ld, expected 1024", (long)n);

	/* (mapped only now: it could have filled the hole above) */
	rw = mmap(NULL, 3 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (rw == MAP_FAILED)
		t_fail("mmap: %s", strerror(errno));
	/* PROT_NONE: the kernel neither writes nor reads the page */
	memset(rw, 0xaa, T_PAGE);
	if (mprotect(rw, T_PAGE, PROT_NONE))
		t_fail("mprotect PROT_NONE: %s", strerror(errno));
	t_check_err(pread(fd, rw, T_PAGE, 0), EFAULT, "pread(into a PROT_NONE page)");
	t_check_err(pwrite(fd, rw, T_PAGE, 0), EFAULT, "pwrite(from a PROT_NONE page)");
	if (mprotect(rw, T_PAGE, PROT_READ | PROT_WRITE))
		t_fail("mprotect back: %s", strerror(errno));
	for (i = 0, bad = 0; i < T_PAGE; i++)
		bad += (unsigned char)rw[i] != 0xaa;
	if (bad)
		t_note("pread into PROT_NONE changed %d bytes of the page", bad);

	/* read-only: EFAULT, and the page is unchanged */
	memset(rw + T_PAGE, 0x55, T_PAGE);
	if (mprotect(rw + T_PAGE, T_PAGE, PROT_READ))
		t_fail("mprotect PROT_READ: %s", strerror(errno));
	t_check_err(pread(fd, rw + T_PAGE, T_PAGE, 0), EFAULT, "pread(into a read-only page)");
	for (i = 0, bad = 0; i < T_PAGE; i++)
		bad += (unsigned char)rw[T_PAGE + i] != 0x55;
	if (bad)
		t_note("pread into a read-only page changed %d bytes", bad);

	/* copy-on-write: the child's read() copies the page; the parent's stays */
	memset(rw + 2 * T_PAGE, 0x33, T_PAGE);
	{
		pid_t pid = t_fork();

		if (pid == 0)
			_exit(pread(fd, rw + 2 * T_PAGE, T_PAGE, T_PAGE) == (ssize_t)T_PAGE &&
			      (unsigned char)rw[2 * T_PAGE + 5] == (unsigned char)((T_PAGE + 5) * 7) ? 0 : 1);
		t_wait_ok(pid, "pread into a copy-on-write page (child)");
		for (i = 0, bad = 0; i < T_PAGE; i++)
			bad += (unsigned char)rw[2 * T_PAGE + i] != 0x33;
		if (bad)
			t_note("the child's pread into a COW page changed %d bytes of the parent's", bad);
	}
	munmap(rw, 3 * T_PAGE);
	close(fd);
}

static void all(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		setup();
		path_limits();
		path_edges();
		path_task_size();
		arg_limits();
		buffers();
		block_copies();
		t_check_notes();
		exit(0);
	}
	t_wait_ok(pid, "ucopy");
}

int main(void)
{
	t_begin("ucopy");
	t_leak_check(all);
	t_ok();
}
