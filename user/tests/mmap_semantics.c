/*
 * mmap_semantics - mmap, munmap and mprotect behave as on Linux.
 *
 *   anonymous private   reads zero, keeps what is written; a child's writes
 *                       after fork stay in the child
 *   anonymous shared    a child's writes after fork are seen by the parent
 *   MAP_FIXED           replaces the middle of a mapping: new pages read
 *                       zero, the pages around it keep their data
 *   munmap              of a middle page splits the VMA: /proc/self/maps
 *                       shows two lines around a hole, and touching the hole
 *                       kills (SIGSEGV)
 *   mprotect            to read-only: reading works, a write kills a child;
 *                       back to read-write: writing works again
 *   errors              EINVAL for an unaligned address, a zero length,
 *                       neither/both of MAP_PRIVATE and MAP_SHARED, an
 *                       unaligned offset, unaligned munmap/mprotect;
 *                       ENOMEM for 3 GiB or a fixed mapping at TASK_SIZE;
 *                       EACCES for a writable shared map of a read-only fd
 *   file, private       /data/hello.txt mapped reads as the file, zero past
 *                       its end; writes stay private (the file and a second
 *                       mapping do not change)
 *   file, shared        reads as the file; a mapping at an offset of a
 *                       multi-page file (/data/pages.txt) reads that part
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

#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define TASK_SIZE	0xBF000000UL

static char *map(void *addr, size_t len, int prot, int flags, int fd, off_t off,
		 const char *what)
{
	char *p = mmap(addr, len, prot, flags, fd, off);

	if (p == MAP_FAILED)
		t_fail("mmap (%s) failed: %s", what, strerror(errno));
	return p;
}

static void anonymous(void)
{
	char *priv = map(NULL, 4 * T_PAGE, RW, ANON, -1, 0, "anonymous private");
	char *shared = map(NULL, 4 * T_PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0,
			   "anonymous shared");
	unsigned long i;
	pid_t pid;

	for (i = 0; i < 4 * T_PAGE; i++)
		if (priv[i] || shared[i])
			t_fail("fresh anonymous memory is not zero at byte %lu", i);
	memset(priv, 'p', 4 * T_PAGE);
	memset(shared, 's', 4 * T_PAGE);
	pid = t_fork();
	if (pid == 0) {
		if (priv[100] != 'p' || shared[100] != 's')
			t_fail("the child does not see the parent's data after fork");
		memset(priv, 'c', 4 * T_PAGE);
		memset(shared, 'c', 4 * T_PAGE);
		exit(0);
	}
	t_wait_ok(pid, "anonymous mappings child");
	if (priv[0] != 'p' || priv[4 * T_PAGE - 1] != 'p')
		t_fail("a child's write to a MAP_PRIVATE page reached the parent");
	if (shared[0] != 'c' || shared[4 * T_PAGE - 1] != 'c')
		t_fail("a child's write to a MAP_SHARED page is not seen by the parent");
	munmap(priv, 4 * T_PAGE);
	munmap(shared, 4 * T_PAGE);
}

/* The /proc/self/maps line containing addr: its start and end; 0 if none. */
static int maps_line(unsigned long addr, unsigned long *start, unsigned long *end)
{
	struct mmk_lines lr;
	unsigned long s, e;
	char *l;
	int found = 0;

	if (mmk_lines_open(&lr, "/proc/self/maps") < 0)
		t_fail("cannot open /proc/self/maps");
	while (!found && (l = mmk_lines_next(&lr)) != NULL)
		if (sscanf(l, "%lx-%lx", &s, &e) == 2 && s <= addr && addr < e) {
			*start = s;
			*end = e;
			found = 1;
		}
	mmk_lines_close(&lr);
	return found;
}

static void fixed_and_split(void)
{
	char *p = map(NULL, 4 * T_PAGE, RW, ANON, -1, 0, "4 pages");
	unsigned long a = (unsigned long)p, s, e;
	pid_t pid;

	memset(p, 'a', 4 * T_PAGE);
	if (map(p + T_PAGE, 2 * T_PAGE, RW, ANON | MAP_FIXED, -1, 0, "MAP_FIXED") != p + T_PAGE)
		t_fail("MAP_FIXED did not map at the address asked for");
	if (p[T_PAGE] || p[3 * T_PAGE - 1])
		t_fail("pages replaced by MAP_FIXED still hold the old data");
	if (p[T_PAGE - 1] != 'a' || p[3 * T_PAGE] != 'a')
		t_fail("MAP_FIXED changed the pages around the range it replaced");

	if (munmap(p + 2 * T_PAGE, T_PAGE) < 0)
		t_fail("munmap of a middle page failed: %s", strerror(errno));
	if (maps_line(a + 2 * T_PAGE, &s, &e))
		t_fail("/proc/self/maps still maps the unmapped page (%08lx-%08lx)", s, e);
	if (!maps_line(a + T_PAGE, &s, &e) || e != a + 2 * T_PAGE)
		t_fail("/proc/self/maps: no line ending at the hole %08lx", a + 2 * T_PAGE);
	if (!maps_line(a + 3 * T_PAGE, &s, &e) || s != a + 3 * T_PAGE)
		t_fail("/proc/self/maps: no line starting after the hole %08lx",
		       a + 3 * T_PAGE);
	if (p[T_PAGE - 1] != 'a' || p[3 * T_PAGE] != 'a')
		t_fail("splitting the VMA lost data on either side");
	pid = t_fork();
	if (pid == 0) {
		(void)*(volatile char *)(p + 2 * T_PAGE);
		exit(0);
	}
	t_wait_segv(pid, "read of a page removed by munmap");
	munmap(p, 4 * T_PAGE);		/* the hole is fine to include */
}

static void protect(void)
{
	char *p = map(NULL, 2 * T_PAGE, RW, ANON, -1, 0, "for mprotect");
	pid_t pid;

	memset(p, 'w', 2 * T_PAGE);
	if (mprotect(p, T_PAGE, PROT_READ) < 0)
		t_fail("mprotect(PROT_READ) failed: %s", strerror(errno));
	if (p[0] != 'w')
		t_fail("a page made read-only lost its data");
	pid = t_fork();
	if (pid == 0) {
		p[0] = 'x';
		exit(0);
	}
	t_wait_segv(pid, "write to a page made read-only by mprotect");
	p[T_PAGE] = 'y';		/* the other page is still writable */
	if (mprotect(p, T_PAGE, PROT_READ | PROT_WRITE) < 0)
		t_fail("mprotect back to read-write failed: %s", strerror(errno));
	p[0] = 'z';
	if (p[0] != 'z' || p[T_PAGE] != 'y')
		t_fail("writes after mprotect(PROT_READ|PROT_WRITE) did not stick");
	munmap(p, 2 * T_PAGE);
}

static void errors(void)
{
	char *hint = (char *)0x30000000;
	int fd;

	t_check_err((long)mmap(hint + 1, T_PAGE, RW, ANON | MAP_FIXED, -1, 0), EINVAL,
		    "mmap MAP_FIXED at an unaligned address");
	t_check_err((long)mmap(NULL, 0, RW, ANON, -1, 0), EINVAL, "mmap of length 0");
	t_check_err((long)mmap(NULL, T_PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL,
		    "mmap without MAP_PRIVATE or MAP_SHARED");
	t_check_err((long)mmap(NULL, T_PAGE, RW, ANON, -1, 100), EINVAL,
		    "mmap with an unaligned offset");
	t_check_err(munmap(hint + 1, T_PAGE), EINVAL, "munmap of an unaligned address");
	t_check_err(munmap(hint, 0), EINVAL, "munmap of length 0");
	t_check_err(mprotect(hint + 1, T_PAGE, PROT_READ), EINVAL,
		    "mprotect of an unaligned address");
	t_check_err((long)mmap(NULL, 0xC0000000UL, RW, ANON, -1, 0), ENOMEM,
		    "mmap of 3 GiB");
	t_check_err((long)mmap((void *)TASK_SIZE, T_PAGE, RW, ANON | MAP_FIXED, -1, 0),
		    ENOMEM, "mmap MAP_FIXED at TASK_SIZE (0xbf000000)");
	fd = open("/data/hello.txt", O_RDONLY);
	if (fd < 0)
		t_fail("cannot open /data/hello.txt: %s", strerror(errno));
	t_check_err((long)mmap(NULL, T_PAGE, RW, MAP_SHARED, fd, 0), EACCES,
		    "writable MAP_SHARED mmap of a file opened read-only");
	close(fd);
}

/* The whole file into a malloc'ed buffer; its size in *n. */
static char *slurp(const char *path, long *n)
{
	static char chunk[4096];
	char *buf = NULL;
	int fd = open(path, O_RDONLY), r;

	*n = 0;
	if (fd < 0)
		t_fail("cannot open %s: %s", path, strerror(errno));
	while ((r = read(fd, chunk, sizeof(chunk))) > 0) {
		buf = realloc(buf, *n + r);
		if (!buf)
			t_fail("out of memory reading %s", path);
		memcpy(buf + *n, chunk, r);
		*n += r;
	}
	close(fd);
	return buf;
}

static void files(void)
{
	long n, big_n, i;
	char *data = slurp("/data/hello.txt", &n), *big = slurp("/data/pages.txt", &big_n);
	char *p, *q, *s;
	int fd = open("/data/hello.txt", O_RDONLY), bfd = open("/data/pages.txt", O_RDONLY);

	if (fd < 0 || bfd < 0 || n == 0 || n >= (long)T_PAGE || big_n < 3 * (long)T_PAGE)
		t_fail("need /data/hello.txt (under a page) and /data/pages.txt (3+ pages)");
	p = map(NULL, T_PAGE, PROT_READ, MAP_PRIVATE, fd, 0, "file, private, read-only");
	if (memcmp(p, data, n) != 0)
		t_fail("a private file mapping does not read as the file");
	for (i = n; i < (long)T_PAGE; i++)
		if (p[i])
			t_fail("byte %ld of the mapping, past the end of the file, is not 0", i);

	q = map(NULL, T_PAGE, RW, MAP_PRIVATE, fd, 0, "file, private, writable");
	q[0] ^= 0x20;
	if (p[0] != data[0])
		t_fail("a write to one private file mapping shows in another");
	free(data);
	data = slurp("/data/hello.txt", &i);
	if (data[0] != p[0])
		t_fail("a write to a private file mapping reached the file");

	s = map(NULL, T_PAGE, PROT_READ, MAP_SHARED, fd, 0, "file, shared");
	if (memcmp(s, data, n) != 0)
		t_fail("a shared file mapping does not read as the file");
	munmap(p, T_PAGE);
	munmap(q, T_PAGE);
	munmap(s, T_PAGE);

	p = map(NULL, 2 * T_PAGE, PROT_READ, MAP_SHARED, bfd, T_PAGE, "pages.txt at 4096");
	if (memcmp(p, big + T_PAGE, 2 * T_PAGE) != 0)
		t_fail("a mapping of /data/pages.txt at offset 4096 does not read as "
		       "bytes 4096-12287 of the file");
	munmap(p, 2 * T_PAGE);
	close(fd);
	close(bfd);
	free(data);
	free(big);
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		anonymous();
		fixed_and_split();
		protect();
		errors();
		files();
		t_check_notes();
		exit(0);
	}
	t_wait_ok(pid, "mmap worker");
}

int main(void)
{
	t_begin("mmap_semantics");
	t_leak_check(work);
	t_ok();
}
