/*
 * cat [FILE]... - copy each file (or standard input) to standard output.
 * Reads in 4 KiB pieces, so /proc files of any size come out whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
	static char buf[4096];
	ssize_t n, off, w;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += w) {
			w = write(1, buf + off, n - off);
			if (w <= 0) {
				fprintf(stderr, "cat: write error: %s\n", strerror(errno));
				return 1;
			}
		}
	}
	if (n < 0) {
		fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, fd, rc = 0;

	if (argc < 2)
		return copy(0, "-");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			rc |= copy(0, "-");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		rc |= copy(fd, argv[i]);
		close(fd);
	}
	return rc;
}
