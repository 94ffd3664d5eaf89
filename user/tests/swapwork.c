/*
 * swapwork - an anonymous working set larger than memory, through swap
 * (docs/swap.md).
 *
 *   swapwork [-f] [-n] [-r rounds] [-s] MiB
 *
 * Maps MiB of private anonymous memory and writes every page: its index,
 * then a fixed text, with a quarter of the page (1 KiB) random bytes
 * from a generator seeded by the index and a generation number (so each
 * page is unique, compressible to about a quarter, and checkable without
 * keeping a copy: user/lib/swap.c).  Then it reads the whole set back,
 * twice, checking every byte, and rewrites it `rounds` times (default
 * 0), checking after each.  With -f it forks after that: the child
 * rewrites the first half and the parent the second half, with a new
 * generation; each then checks the whole set (its own half new, the
 * other half as before the fork) - pages shared copy-on-write must stay
 * shared and right through swap-out and swap-in.
 *
 *   -s  print the pages swapped in and out, and what zram0 holds (its
 *       mm_stat: bytes stored, bytes they take) while the set is mapped
 *   -n  check only after the last rewrite: for profiling the rewrites
 *
 * Exit status 0 and "swapwork: ok" if every check held.  The same
 * program runs on Linux.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "mmk.h"

#define PAGE		4096u

static unsigned long vmstat(const char *name)
{
	char buf[8192], *p;
	size_t n = strlen(name);
	long len = mmk_read_file("/proc/vmstat", buf, sizeof(buf) - 1);

	if (len < 0)
		return 0;
	buf[len] = 0;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && p[n] == ' ')
			return strtoul(p + n + 1, NULL, 10);
	return 0;
}

/* Check pages [from, to) against generation gens[i]; the number of bad pages. */
static unsigned long check_range(uint8_t *base, unsigned long from, unsigned long to,
				 const unsigned *gen_of_half, unsigned long half, const char *who)
{
	unsigned long i, bad = 0;

	for (i = from; i < to; i++) {
		unsigned gen = gen_of_half[i >= half];
		unsigned w = mmk_swap_check((const uint32_t *)(base + i * PAGE), i, gen);

		if (w && bad++ < 5)
			printf("swapwork: %s: page %lu (gen %u) wrong at word %u\n", who, i, gen, w - 1);
	}
	return bad;
}

int main(int argc, char **argv)
{
	unsigned long mib, pages, i, half, bad = 0, in0, out0;
	unsigned gens[2] = { 1, 1 }, rounds = 0, r, pass;
	int do_fork = 0, stats = 0, quick = 0, c;
	uint8_t *base;

	while ((c = getopt(argc, argv, "fnr:s")) != -1) {
		if (c == 'f')
			do_fork = 1;
		else if (c == 'r')
			rounds = (unsigned)atoi(optarg);
		else if (c == 's')
			stats = 1;
		else if (c == 'n')
			quick = 1;
		else
			goto usage;
	}
	if (optind != argc - 1)
		goto usage;
	mib = strtoul(argv[optind], NULL, 10);
	pages = mib * (1024 * 1024 / PAGE);
	if (!pages)
		goto usage;
	half = pages / 2;
	in0 = vmstat("pswpin");
	out0 = vmstat("pswpout");
	base = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED) {
		printf("swapwork: mmap of %lu MiB: %s\n", mib, strerror(errno));
		return 1;
	}
	for (i = 0; i < pages; i++)
		mmk_swap_fill((uint32_t *)(base + i * PAGE), i, 1);
	for (pass = 0; pass < (quick ? 0 : 2); pass++)
		bad += check_range(base, 0, pages, gens, half, "reread");
	for (r = 0; r < rounds && !bad; r++) {
		gens[0] = gens[1] = 2 + r;
		for (i = 0; i < pages; i++)
			mmk_swap_fill((uint32_t *)(base + i * PAGE), i, gens[0]);
		if (!quick || r + 1 == rounds)
			bad += check_range(base, 0, pages, gens, half, "rewrite");
	}
	if (do_fork && !bad) {
		unsigned old = gens[0];
		pid_t pid = fork();
		int st;

		if (pid < 0) {
			printf("swapwork: fork: %s\n", strerror(errno));
			return 1;
		}
		/* the child rewrites the first half, the parent the second */
		for (i = pid ? half : 0; i < (pid ? pages : half); i++)
			mmk_swap_fill((uint32_t *)(base + i * PAGE), i, old + 100);
		gens[pid ? 1 : 0] = old + 100;
		for (pass = 0; pass < 2; pass++)
			bad += check_range(base, 0, pages, gens, half, pid ? "parent" : "child");
		if (!pid)
			_exit(bad ? 1 : 0);
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("swapwork: the child's checks failed\n");
			bad++;
		}
	}
	if (stats) {
		char mm[256];
		long n = mmk_read_file("/sys/block/zram0/mm_stat", mm, sizeof(mm) - 1);
		unsigned long long orig, compr;

		printf("swapwork: pswpin +%lu pswpout +%lu\n", vmstat("pswpin") - in0,
		       vmstat("pswpout") - out0);
		if (n > 0) {
			mm[n] = 0;
			if (sscanf(mm, "%llu %llu", &orig, &compr) == 2 && orig)
				printf("swapwork: zram0 holds %llu bytes in %llu\n", orig, compr);
		}
	}
	munmap(base, pages * PAGE);
	if (bad) {
		printf("swapwork: %lu bad pages\n", bad);
		return 1;
	}
	printf("swapwork: ok (%lu pages%s)\n", pages, do_fork ? ", forked" : "");
	return 0;
usage:
	fprintf(stderr, "usage: swapwork [-f] [-n] [-r rounds] [-s] MiB\n");
	return 2;
}
