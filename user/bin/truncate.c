/*
 * truncate -s SIZE FILE... - set the size of files.
 *
 * ftruncate(2) changes only the size.  Growing a file adds a hole: no
 * blocks are allocated, reads return zeros, and `stat` shows Blocks much
 * smaller than Size (a sparse file).  Shrinking frees the blocks and the
 * page-cache pages past the new end, and zeroes the rest of the last
 * page so that a later grow reads zeros, not the old bytes.
 * SIZE takes K, M, G (1024) or KB, MB, GB (1000); +SIZE / -SIZE change
 * the size by that much.  A missing FILE is created unless -c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	int i = 1, rc = 0, no_create = 0, fd;
	const char *spec = NULL;
	char rel = 0;
	uint64_t size;
	int64_t len;
	struct linux_stat64 st;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-c") == 0)
			no_create = 1;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			spec = argv[++i];
		else
			break;
	}
	if (!spec || i == argc) {
		fprintf(stderr, "usage: truncate [-c] -s [+|-]SIZE FILE...\n");
		return 1;
	}
	if (*spec == '+' || *spec == '-')
		rel = *spec++;
	if (mmk_parse_size(spec, &size) < 0 || size > INT64_MAX) {
		fprintf(stderr, "truncate: invalid number: '%s'\n", spec);
		return 1;
	}
	for (; i < argc; i++) {
		fd = open(argv[i], O_WRONLY | O_NONBLOCK | (no_create ? 0 : O_CREAT), 0666);
		if (fd < 0) {
			if (!(no_create && errno == ENOENT)) {
				fprintf(stderr, "truncate: cannot open '%s' for writing: %s\n",
					argv[i], strerror(errno));
				rc = 1;
			}
			continue;
		}
		len = (int64_t)size;
		if (rel && mmk_fstat64(fd, &st) == 0)
			len = rel == '+' ? st.st_size + len : st.st_size > len ? st.st_size - len : 0;
		if (ftruncate64(fd, len) < 0) {
			fprintf(stderr, "truncate: failed to truncate '%s' at %lld bytes: %s\n",
				argv[i], (long long)len, strerror(errno));
			rc = 1;
		}
		close(fd);
	}
	return rc;
}
