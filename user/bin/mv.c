/*
 * mv SRC... DST - rename files (DST may be a directory).
 *
 * Within one file system a move is a single rename(2): the directory
 * entries change, the inode and its data stay where they are (same inode
 * number before and after, see `ls -i`), and an existing DST is replaced
 * atomically.  Across file systems rename fails with EXDEV; mv then copies
 * a regular file (or re-creates a symbolic link) and removes the source.
 * Directories are not copied across file systems.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

/* rename failed with EXDEV: copy, then unlink the source. */
static int move_across(const char *src, const char *dst, const struct linux_stat64 *st)
{
	static char target[LINUX_PATH_MAX];
	ssize_t n;

	if (S_ISLNK(st->st_mode)) {
		n = readlink(src, target, sizeof(target) - 1);
		if (n < 0)
			goto fail;
		target[n] = '\0';
		unlink(dst);
		if (symlink(target, dst) < 0)
			goto fail;
	} else if (S_ISREG(st->st_mode)) {
		if (mmk_copy_file("mv", src, dst))
			return 1;
	} else {
		errno = EXDEV;
		goto fail;
	}
	if (unlink(src) == 0)
		return 0;
	fprintf(stderr, "mv: cannot remove '%s': %s\n", src, strerror(errno));
	return 1;
fail:
	fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst, strerror(errno));
	return 1;
}

static int move_one(const char *src, const char *dst)
{
	struct linux_stat64 st;

	if (mmk_lstat64(src, &st) < 0) {
		fprintf(stderr, "mv: cannot stat '%s': %s\n", src, strerror(errno));
		return 1;
	}
	if (rename(src, dst) == 0)
		return 0;
	if (errno == EXDEV)
		return move_across(src, dst, &st);
	fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	struct linux_stat64 st;
	int i, rc = 0;
	char *dst;

	if (argc < 3) {
		fprintf(stderr, argc < 2 ? "mv: missing file operand\n"
			: "mv: missing destination file operand after '%s'\n", argv[1]);
		return 1;
	}
	if (mmk_stat64(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode)) {
		for (i = 1; i < argc - 1; i++) {
			dst = mmk_path_join(argv[argc - 1], mmk_basename(argv[i]));
			if (!dst)
				return 1;
			rc |= move_one(argv[i], dst);
			free(dst);
		}
		return rc;
	}
	if (argc > 3) {
		fprintf(stderr, "mv: target '%s' is not a directory\n", argv[argc - 1]);
		return 1;
	}
	return move_one(argv[1], argv[2]);
}
