/*
 * ln [-sf] TARGET... LINK - make links (LINK: a name or a directory).
 *
 * A hard link (link(2)) is a second directory entry for the same inode:
 * both names show the same inode number in `ls -i`, and the inode's link
 * count (`ls -l`, second column) grows by one.  Directories cannot be hard
 * linked (EPERM), nor can a link cross file systems (EXDEV).
 *
 * A symbolic link (-s, symlink(2)) is a small file of its own holding a
 * path, which the kernel follows when it looks the name up; the target
 * need not exist.  -f removes an existing LINK_NAME first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

static int symbolic, force;

static int make_link(const char *target, const char *name)
{
	struct linux_stat64 st;
	int r;

	if (force && mmk_lstat64(name, &st) == 0 && !S_ISDIR(st.st_mode) && unlink(name) < 0) {
		fprintf(stderr, "ln: cannot remove '%s': %s\n", name, strerror(errno));
		return 1;
	}
	r = symbolic ? symlink(target, name) : link(target, name);
	if (r < 0) {
		if (symbolic)
			fprintf(stderr, "ln: failed to create symbolic link '%s': %s\n", name,
				strerror(errno));
		else
			fprintf(stderr, "ln: failed to create hard link '%s' => '%s': %s\n", name,
				target, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct linux_stat64 st;
	int i = 1, rc = 0, last;
	const char *o;
	char *name;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 's') {
				symbolic = 1;
			} else if (*o == 'f') {
				force = 1;
			} else {
				fprintf(stderr, "usage: ln [-s] [-f] TARGET LINK_NAME | TARGET... DIR\n");
				return 1;
			}
		}
	}
	if (argc - i < 1) {
		fprintf(stderr, "ln: missing file operand\n");
		return 1;
	}
	if (argc - i == 1)		/* ln TARGET: a link of the same name, here */
		return make_link(argv[i], mmk_basename(argv[i]));
	last = argc - 1;
	if (mmk_stat64(argv[last], &st) == 0 && S_ISDIR(st.st_mode)) {
		for (; i < last; i++) {
			name = mmk_path_join(argv[last], mmk_basename(argv[i]));
			if (!name)
				return 1;
			rc |= make_link(argv[i], name);
			free(name);
		}
		return rc;
	}
	if (argc - i > 2) {
		fprintf(stderr, "ln: target '%s' is not a directory\n", argv[last]);
		return 1;
	}
	return make_link(argv[i], argv[last]);
}
