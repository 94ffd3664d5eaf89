/*
 * cow - after fork, each process sees only its own writes.
 *
 * A worker maps NPAGES private anonymous pages and fills them (tag A).
 * Then, for GENERATIONS levels, the current process forks:
 *
 *   child                                parent
 *   sees the parent's data (tag A)
 *   writes the even pages (tag C)  --->  still sees tag A everywhere
 *                                  <---  writes every page (tag P)
 *   even pages C, odd pages still A      sees P everywhere, after the child
 *   (the parent's writes are invisible)  exits too
 *   rewrites all pages with C and forks the next generation, whose writes
 *   it must not see either.
 *
 * Pipes order the steps, so each write happens while the other process still
 * maps the page: every write is a copy-on-write fault.  No page is copied at
 * fork; nothing is leaked (MemFree checked after the worker exits).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define NPAGES		512
#define GENERATIONS	4

static char *buf;

#define PAGE(i)		(buf + (i) * T_PAGE)
#define TAG(level, who)	(0x43000000u | ((uint32_t)(level) << 8) | (uint32_t)(who))

static void fill(uint32_t tag, int step)
{
	unsigned long i;

	for (i = 0; i < NPAGES; i += step)
		t_fill_page(PAGE(i), tag, i);
}

/* Every page i with i % step == first must hold tag. */
static void expect(uint32_t tag, int first, int step, const char *who, int level)
{
	unsigned long i;

	for (i = first; i < NPAGES; i += step)
		if (!t_check_page(PAGE(i), tag, i))
			t_fail("generation %d: %s sees wrong data in page %lu "
			       "(0x%08x, expected tag 0x%08x)", level, who, i,
			       (unsigned)*(uint32_t *)PAGE(i), (unsigned)tag);
}

static void sync_write(int fd)
{
	if (write(fd, "x", 1) != 1)
		t_fail("pipe write failed");
}

static void sync_read(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1)
		t_fail("pipe read failed (the other side died?)");
}

/*
 * The current process's pages hold `mine`; fork and check isolation.
 * Returns the tag this process's pages hold afterwards.
 */
static uint32_t generation(int level, uint32_t mine)
{
	int to_child[2], to_parent[2];
	uint32_t child_tag = TAG(level, 'C'), parent_tag = TAG(level, 'P');
	pid_t pid;

	if (pipe(to_child) < 0 || pipe(to_parent) < 0)
		t_fail("pipe failed");
	pid = t_fork();
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		expect(mine, 0, 1, "the child (before writing)", level);
		fill(child_tag, 2);
		sync_write(to_parent[1]);
		sync_read(to_child[0]);
		expect(child_tag, 0, 2, "the child (its own even pages)", level);
		expect(mine, 1, 2, "the child (untouched odd pages)", level);
		close(to_child[0]);
		close(to_parent[1]);
		fill(child_tag, 1);
		if (level + 1 < GENERATIONS)
			child_tag = generation(level + 1, child_tag);
		expect(child_tag, 0, 1, "the child (after its own child ran)", level);
		exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	sync_read(to_parent[0]);
	expect(mine, 0, 1, "the parent (after the child wrote)", level);
	fill(parent_tag, 1);
	sync_write(to_child[1]);
	close(to_child[1]);
	close(to_parent[0]);
	t_wait_ok(pid, "cow child");
	expect(parent_tag, 0, 1, "the parent (after the child exited)", level);
	return parent_tag;
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		buf = mmap(NULL, NPAGES * T_PAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED)
			t_fail("mmap of %d pages failed", NPAGES);
		fill(TAG(0, 'A'), 1);
		generation(0, TAG(0, 'A'));
		exit(0);
	}
	t_wait_ok(pid, "cow worker");
}

int main(void)
{
	t_begin("cow");
	t_leak_check(work);
	t_ok();
}
