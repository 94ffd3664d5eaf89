/*
 * swapentry - a few pages sent to swap on purpose, and their swap entries
 * as /proc/self/pagemap shows them (docs/labs/lab10.md).
 *
 *   swapentry [-h | -f] [-o] [PAGES]
 *
 * Maps PAGES (default 4) private anonymous pages, writes each with a
 * pattern of its own, and asks the kernel to page them out now
 * (madvise MADV_PAGEOUT: reclaim of just these pages, which with swap on
 * writes them to a slot and leaves a swap entry in the page table), and
 * waits until the writes have ended (/proc/meminfo Writeback: 0 kB): a
 * page under writeback stays in the swap cache even once nothing needs
 * it, and the slot with it, which would blur what the slots show.
 * Then one line per page, the pagemap entry raw and decoded as Linux
 * lays it out (Documentation/admin-guide/mm/pagemap.rst: bit 62 "swapped",
 * the type in bits 0-4, the offset in bits 5-54):
 *
 *   swapentry: page 0 va 0x40000000 pagemap 0x4000000000000020 swap type 0 offset 1
 *
 * (A page mapped after them and never touched must read 0.)  Then, by
 * the option:
 *
 *   (none)  every page read back (each read a fault on a swap entry:
 *           do_swap_page), checked, and present in pagemap again
 *   -h      "swapentry: pid N holding", then sleep until killed, so that
 *           /proc and GDB (`pt VA PID`) can look at the entries
 *   -f      fork first: both processes hold each swap entry.  The child
 *           reads every page back (a page two entries share: mapped
 *           read-only, its reverse map the family's root anon_vma); then
 *           the parent reads them (the same pages, from the swap cache,
 *           mapped by both); then the child writes every page (a copy
 *           each: copy-on-write), and the parent checks that its pages
 *           never changed, and unmaps them while the child still lives
 *           (a debug kernel checks that the reverse map reaches each
 *           mapping it removes: rmap_check_zap)
 *   -o      only the odd pages go to swap; the even ones are made old
 *           instead (madvise MADV_COLD: still present, but the entry is
 *           invalid for the hardware until the next access, as a swap
 *           entry is), so that the two kinds of entry sit side by side,
 *           through fork (-f) and exit: pagemap must say "present" of
 *           the old ones, and each must come back as it was
 *
 * "swapentry: ok" and exit status 0 if every check held; 1 if a page was
 * not paged out (is swap on?), came back wrong, or pagemap disagrees; 2
 * for a usage error.  The same program runs on Linux with swap on (as
 * root, or the swap bits read 0).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PAGE		4096u
#define WORDS		(PAGE / 4)
#define MAX_PAGES	1024

#define PM_PRESENT	(1ULL << 63)
#define PM_SWAP		(1ULL << 62)
#define PM_SWAP_TYPE(e)	((unsigned)((e) & 0x1f))
#define PM_SWAP_OFFSET(e) (((e) >> 5) & ((1ULL << 50) - 1))

static uint32_t *base;
static unsigned pages = 4;
static int pm_fd;

static uint32_t word(unsigned page, unsigned i, unsigned gen)
{
	return (0x5e000000u + (gen << 20)) ^ (page << 12) ^ i;
}

static int pagemap(unsigned n, uint64_t *e)
{
	off_t at = (off_t)((uintptr_t)(base + n * WORDS) / PAGE) * 8;

	if (pread(pm_fd, e, 8, at) != 8) {
		printf("swapentry: pread of /proc/self/pagemap: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void fill(unsigned gen)
{
	unsigned n, i;

	for (n = 0; n < pages; n++)
		for (i = 0; i < WORDS; i++)
			base[n * WORDS + i] = word(n, i, gen);
}

/* Read every page (faulting it back in), check it holds generation gen
 * and that pagemap says present: the number of bad pages. */
static unsigned check(unsigned gen, const char *who)
{
	unsigned n, i, bad = 0;
	uint64_t e;

	for (n = 0; n < pages; n++) {
		for (i = 0; i < WORDS; i++)
			if (base[n * WORDS + i] != word(n, i, gen))
				break;
		if (i < WORDS) {
			printf("swapentry: %spage %u wrong at word %u: 0x%08lx, not 0x%08lx\n", who,
			       n, i, (unsigned long)base[n * WORDS + i], (unsigned long)word(n, i, gen));
			bad++;
		}
		if (pagemap(n, &e))
			return bad + 1;
		if (!(e & PM_PRESENT) || (e & PM_SWAP)) {
			printf("swapentry: %spage %u read, but pagemap says 0x%016llx\n", who, n,
			       (unsigned long long)e);
			bad++;
		}
	}
	return bad;
}

/* Wait (at most 10 s) until no page is under writeback: 0 if so. */
static int wait_writeback(void)
{
	static char buf[4096];
	struct timespec ten_ms = { 0, 10 * 1000 * 1000 };
	int tries, fd;

	for (tries = 0; tries < 1000; tries++) {
		char *p;
		ssize_t n;

		fd = open("/proc/meminfo", O_RDONLY);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close(fd);
		if (n <= 0)
			return -1;
		buf[n] = 0;
		p = strstr(buf, "\nWriteback:");
		if (!p)
			return -1;
		if (strtoul(p + 11, NULL, 10) == 0)
			return 0;
		nanosleep(&ten_ms, NULL);
	}
	return -1;
}

/*
 * Page everything out (with old_too, the even pages are made old instead)
 * and show the entries: the number of pages that are not as asked.
 */
static unsigned page_out(int old_too)
{
	unsigned n, bad = 0;
	uint64_t e;

	for (n = 0; n < pages; n++) {
		int cold = old_too && !(n & 1);

		if (madvise(base + n * WORDS, PAGE, cold ? MADV_COLD : MADV_PAGEOUT)) {
			printf("swapentry: madvise(%s): %s\n", cold ? "MADV_COLD" : "MADV_PAGEOUT",
			       strerror(errno));
			return pages;
		}
	}
	if (wait_writeback()) {
		printf("swapentry: the writes to swap did not end (/proc/meminfo Writeback)\n");
		return pages;
	}
	for (n = 0; n < pages; n++) {
		void *va = base + n * WORDS;

		if (pagemap(n, &e))
			return pages;
		if (old_too && !(n & 1)) {
			if (!(e & PM_PRESENT) || (e & PM_SWAP)) {
				printf("swapentry: page %u va %p pagemap 0x%016llx: made old, but not "
				       "present\n", n, va, (unsigned long long)e);
				bad++;
			} else {
				printf("swapentry: page %u va %p pagemap 0x%016llx present (old)\n", n,
				       va, (unsigned long long)e);
			}
			continue;
		}
		if (!(e & PM_SWAP) || (e & PM_PRESENT)) {
			printf("swapentry: page %u va %p pagemap 0x%016llx: not in swap (is swap on?)\n",
			       n, va, (unsigned long long)e);
			bad++;
			continue;
		}
		printf("swapentry: page %u va %p pagemap 0x%016llx swap type %u offset %llu\n", n,
		       va, (unsigned long long)e, PM_SWAP_TYPE(e), (unsigned long long)PM_SWAP_OFFSET(e));
	}
	if (pagemap(pages, &e))
		return pages;
	if (e) {
		printf("swapentry: page %u, never touched, pagemap 0x%016llx: not 0\n", pages,
		       (unsigned long long)e);
		bad++;
	}
	return bad;
}

/* One byte through a pipe: the two processes take turns.  If the other
 * one died (a kernel that kills it at a swap-in), say so and give up. */
static void tell(int fd)
{
	char c = 0;

	if (write(fd, &c, 1) != 1) {
		printf("swapentry: the other process is gone\n");
		_exit(1);
	}
}

static void await(int fd)
{
	char c;

	if (read(fd, &c, 1) != 1) {
		printf("swapentry: the other process is gone\n");
		_exit(1);
	}
}

/* -f: both hold the entries; the child reads, the parent reads, the child writes. */
static unsigned shared(void)
{
	int to_child[2], to_parent[2], st;
	unsigned bad = 0;
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent)) {
		printf("swapentry: pipe: %s\n", strerror(errno));
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("swapentry: fork: %s\n", strerror(errno));
		return 1;
	}
	close(pid ? to_child[0] : to_child[1]);	/* each end in one process only: */
	close(pid ? to_parent[1] : to_parent[0]);	/* a death is an end of file */
	if (!pid) {
		close(pm_fd);			/* the parent's: /proc/self was it at open */
		pm_fd = open("/proc/self/pagemap", O_RDONLY);
		bad = check(1, "child: ");	/* swapped in, shared */
		tell(to_parent[1]);
		await(to_child[0]);		/* the parent maps them too */
		fill(2);			/* copy-on-write */
		bad += check(2, "child: ");
		tell(to_parent[1]);
		await(to_child[0]);		/* the parent has unmapped its own */
		_exit(bad ? 1 : 0);
	}
	await(to_parent[0]);
	bad = check(1, "parent: ");		/* the child's pages, from the swap cache */
	tell(to_child[1]);
	await(to_parent[0]);
	bad += check(1, "parent, after the child's writes: ");
	munmap(base, (pages + 1) * PAGE);	/* while the child still maps its copies */
	tell(to_child[1]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		printf("swapentry: the child's checks failed\n");
		bad++;
	}
	return bad;
}

int main(int argc, char **argv)
{
	int hold = 0, forked = 0, old_too = 0, c;
	unsigned bad;

	while ((c = getopt(argc, argv, "hfo")) != -1) {
		if (c == 'h')
			hold = 1;
		else if (c == 'f')
			forked = 1;
		else if (c == 'o')
			old_too = 1;
		else
			goto usage;
	}
	if (optind < argc)
		pages = (unsigned)strtoul(argv[optind++], NULL, 10);
	if (optind != argc || !pages || pages > MAX_PAGES || (hold && forked))
		goto usage;
	pm_fd = open("/proc/self/pagemap", O_RDONLY);
	if (pm_fd < 0) {
		printf("swapentry: /proc/self/pagemap: %s\n", strerror(errno));
		return 1;
	}
	/* one page more, never touched: its pagemap entry must stay 0 */
	base = mmap(NULL, (pages + 1) * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED) {
		printf("swapentry: mmap: %s\n", strerror(errno));
		return 1;
	}
	fill(1);
	if (page_out(old_too))
		return 1;
	if (hold) {
		printf("swapentry: pid %d holding\n", (int)getpid());
		fflush(stdout);
		for (;;)
			sleep(60);
	}
	bad = forked ? shared() : check(1, "");
	if (bad)
		return 1;
	printf("swapentry: ok (%u pages %s, %s)\n", pages, old_too ? "out or old" : "out",
	       forked ? "shared by a fork, back in both" : "and back");
	return 0;
usage:
	fprintf(stderr, "usage: swapentry [-h | -f] [-o] [PAGES]  (1 to %d pages)\n", MAX_PAGES);
	return 2;
}
