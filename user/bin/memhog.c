/*
 * memhog [-f F] [-s S] SIZE - fill memory or a file, check it, hold it.
 *
 *   memhog [-f FILE] [-l] [-p BYTE] [-s SECONDS | -h] SIZE[k|m|g]
 *
 * Without -f: map SIZE of private anonymous memory, write every page,
 * read every page back and compare.  With -f: write FILE (created or
 * truncated) to SIZE through the page cache, then read it back from the
 * start and compare.  Then hold the memory (or keep the file open) for
 * SECONDS (-s), until killed (-h), or not at all (the default), and exit.
 *
 * With -l the memory is locked (mlock) before it is held: the anonymous
 * mapping, or with -f a MAP_SHARED mapping of the whole file, so that its
 * pages sit on the unevictable list and reclaim never takes them.
 *
 * The pattern: with -p BYTE (0-255, decimal or 0x..) every byte is BYTE;
 * by default every 32-bit word of page i holds i, so a page that comes
 * back in the wrong place is caught too.  SIZE is in bytes, or k, m, g
 * (KiB, MiB, GiB), rounded up to whole pages.
 *
 *   $ memhog -s 2 16m
 *   memhog: wrote 4096 pages (16384 kB) of anonymous memory, pattern page number
 *   memhog: verified 4096 pages
 *   memhog: holding for 2 s
 *   memhog: done
 *
 * Exit status 0; 1 if a page did not read back (which page and what was
 * there is printed), if the memory cannot be had or the file written;
 * 2 for a usage error.  A process the kernel kills for memory never
 * gets to say anything: its parent sees the signal.  The same program
 * behaves the same on Linux (stress's --vm-keep and --hdd, in one).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"

#define PAGE		4096UL
#define FILE_CHUNK	16		/* pages per write() and read() of a file */

static int pattern = -1;		/* -p BYTE, or -1: the page number */
static int lock;			/* -l: mlock what is held */

/* -l: lock [p, p + size) in memory and say so. */
static int lock_range(void *p, unsigned long size)
{
	if (mlock(p, size)) {
		printf("memhog: cannot lock %lu kB: %s\n", size >> 10, strerror(errno));
		return 1;
	}
	printf("memhog: locked %lu kB\n", size >> 10);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: memhog [-f FILE] [-l] [-p BYTE] [-s SECONDS | -h] SIZE[k|m|g]\n");
	exit(2);
}

/* "16m" -> bytes rounded up to pages; 0 for a bad size. */
static unsigned long parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0), unit = 1;

	if (end == s)
		return 0;
	if (*end == 'k' || *end == 'K')
		unit = 1ULL << 10;
	else if (*end == 'm' || *end == 'M')
		unit = 1ULL << 20;
	else if (*end == 'g' || *end == 'G')
		unit = 1ULL << 30;
	if (unit != 1)
		end++;
	if (*end || v == 0 || v > (4ULL << 30) / unit)
		return 0;
	v = (v * unit + PAGE - 1) & ~(unsigned long long)(PAGE - 1);
	return v > 0xFFFFF000UL ? 0 : (unsigned long)v;
}

static void fill(void *page, unsigned long i)
{
	uint32_t *w = page;
	unsigned long k;

	if (pattern >= 0) {
		memset(page, pattern, PAGE);
		return;
	}
	for (k = 0; k < PAGE / 4; k++)
		w[k] = (uint32_t)i;
}

/* 0 if page i holds its pattern; else say where it differs and return 1. */
static int check(const void *page, unsigned long i)
{
	const unsigned char *b = page;
	unsigned char want[4];
	unsigned long k;

	for (k = 0; k < 4; k++)
		want[k] = pattern >= 0 ? (unsigned char)pattern : (unsigned char)(i >> (8 * k));
	for (k = 0; k < PAGE; k++)
		if (b[k] != want[k % 4]) {
			printf("memhog: page %lu byte %lu is 0x%02x, expected 0x%02x\n", i, k,
			       b[k], want[k % 4]);
			return 1;
		}
	return 0;
}

static int hog_anon(unsigned long size)
{
	unsigned long i, n = size / PAGE;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("memhog: cannot map %lu kB: %s\n", size >> 10, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++)
		fill(p + i * PAGE, i);
	printf("memhog: wrote %lu pages (%lu kB) of anonymous memory, pattern %s\n", n,
	       size >> 10, pattern >= 0 ? "byte" : "page number");
	fflush(stdout);
	for (i = 0; i < n; i++)
		if (check(p + i * PAGE, i))
			return 1;
	printf("memhog: verified %lu pages\n", n);
	return lock ? lock_range(p, size) : 0;
}

/* Write FILE to size, then read it back; *fd stays open (held). */
static int hog_file(const char *path, unsigned long size, int *fd)
{
	static char buf[FILE_CHUNK * PAGE];
	unsigned long i, k, n = size / PAGE;
	ssize_t r;

	*fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (*fd < 0) {
		printf("memhog: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i += k) {
		for (k = 0; k < FILE_CHUNK && i + k < n; k++)
			fill(buf + k * PAGE, i + k);
		r = write(*fd, buf, k * PAGE);
		if (r != (ssize_t)(k * PAGE)) {
			printf("memhog: writing %s at page %lu: %s\n", path, i,
			       r < 0 ? strerror(errno) : "short write");
			return 1;
		}
	}
	printf("memhog: wrote %lu pages (%lu kB) to %s, pattern %s\n", n, size >> 10, path,
	       pattern >= 0 ? "byte" : "page number");
	fflush(stdout);
	if (lseek(*fd, 0, SEEK_SET) != 0)
		return 1;
	for (i = 0; i < n; i += k) {
		k = n - i < FILE_CHUNK ? n - i : FILE_CHUNK;
		r = read(*fd, buf, k * PAGE);
		if (r != (ssize_t)(k * PAGE)) {
			printf("memhog: reading %s at page %lu: %s\n", path, i,
			       r < 0 ? strerror(errno) : "short read");
			return 1;
		}
		for (k = 0; k < (unsigned long)r / PAGE; k++)
			if (check(buf + k * PAGE, i + k))
				return 1;
	}
	printf("memhog: verified %lu pages\n", n);
	if (lock) {
		void *m = mmap(NULL, size, PROT_READ, MAP_SHARED, *fd, 0);

		if (m == MAP_FAILED) {
			printf("memhog: cannot map %s: %s\n", path, strerror(errno));
			return 1;
		}
		return lock_range(m, size);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *file = NULL;
	long hold = 0;			/* seconds; -1 forever */
	unsigned long size;
	int c, fd = -1;
	char *end;

	while ((c = getopt(argc, argv, "f:lp:s:h")) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'l':
			lock = 1;
			break;
		case 'p':
			pattern = (int)strtol(optarg, &end, 0);
			if (*end || pattern < 0 || pattern > 255)
				usage();
			break;
		case 's':
			hold = strtol(optarg, &end, 10);
			if (*end || hold < 0)
				usage();
			break;
		case 'h':
			hold = -1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc - 1 || !(size = parse_size(argv[optind])))
		usage();
	if (file ? hog_file(file, size, &fd) : hog_anon(size))
		return 1;
	if (hold > 0)
		printf("memhog: holding for %ld s\n", hold);
	else if (hold < 0)
		printf("memhog: holding until killed\n");
	fflush(stdout);
	while (hold < 0)
		sleep(3600);
	if (hold > 0)
		sleep((unsigned)hold);
	printf("memhog: done\n");
	return 0;
}
