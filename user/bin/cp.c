/*
 * cp SRC... DST - copy regular files (DST may be a directory).
 *
 * A copy is read(2) from one file and write(2) to another through a user
 * buffer: every byte passes through the page cache twice (the source's
 * pages, then the destination's, which stay dirty until writeback).
 * Compare `cat /proc/meminfo` (Cached:, Dirty:) before and after copying
 * a large file, and after `sync`.  The new file gets the source's
 * permission bits; directories are skipped (no -r).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmk.h"

static int copy_one(const char *src, const char *dst)
{
	struct linux_stat64 s, d;

	if (mmk_stat64(src, &s) < 0) {
		fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
		return 1;
	}
	if (S_ISDIR(s.st_mode)) {
		fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
		return 1;
	}
	if (mmk_stat64(dst, &d) == 0 && d.st_dev == s.st_dev && d.st_ino == s.st_ino) {
		fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst);
		return 1;
	}
	return mmk_copy_file("cp", src, dst);
}

int main(int argc, char **argv)
{
	struct linux_stat64 st;
	int i, rc = 0;
	char *dst;

	if (argc < 3) {
		fprintf(stderr, argc < 2 ? "cp: missing file operand\n"
			: "cp: missing destination file operand after '%s'\n", argv[1]);
		return 1;
	}
	if (mmk_stat64(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode)) {
		for (i = 1; i < argc - 1; i++) {
			dst = mmk_path_join(argv[argc - 1], mmk_basename(argv[i]));
			if (!dst)
				return 1;
			rc |= copy_one(argv[i], dst);
			free(dst);
		}
		return rc;
	}
	if (argc > 3) {
		fprintf(stderr, "cp: target '%s' is not a directory\n", argv[argc - 1]);
		return 1;
	}
	return copy_one(argv[1], argv[2]);
}
