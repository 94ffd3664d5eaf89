/*
 * rm [-r] [-f] FILE... - remove directory entries.
 *
 * unlink(2) removes one name of an inode.  The inode itself, and its data
 * blocks or page-cache pages, go away only when the last name is gone
 * (st_nlink 0) AND no process has the file open any more: a file removed
 * while a program still reads it stays readable until that program closes
 * it.  Directories need rmdir(2): -r empties each one first (depth first,
 * without following symbolic links).  -f: no complaint about missing
 * files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

static int recursive, force;

static int complain(const char *path)
{
	if (force && errno == ENOENT)
		return 0;
	fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
	return 1;
}

static int remove_path(const char *path);

/* Empty directory `path` (depth first), then remove it. */
static int remove_tree(const char *path)
{
	struct mmk_dirent *d;
	int n, i, rc = 0;
	char *child;

	d = mmk_read_dir(path, 0, &n);
	if (!d)
		return complain(path);
	for (i = 0; i < n; i++) {
		child = mmk_path_join(path, d[i].name);
		if (!child) {
			rc = 1;
			break;
		}
		rc |= remove_path(child);
		free(child);
	}
	mmk_free_dir(d, n);
	if (rmdir(path) < 0)
		rc |= complain(path);
	return rc;
}

static int remove_path(const char *path)
{
	struct linux_stat64 st;

	if (mmk_lstat64(path, &st) < 0)
		return complain(path);
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			errno = EISDIR;
			return complain(path);
		}
		return remove_tree(path);
	}
	if (unlink(path) < 0)
		return complain(path);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, rc = 0;
	const char *o, *base;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 'r' || *o == 'R') {
				recursive = 1;
			} else if (*o == 'f') {
				force = 1;
			} else {
				fprintf(stderr, "usage: rm [-r] [-f] FILE...\n");
				return 1;
			}
		}
	}
	if (i == argc && !force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		base = mmk_basename(argv[i]);
		if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
			fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n",
				argv[i]);
			rc = 1;
			continue;
		}
		if (recursive && strcmp(base, "/") == 0) {
			fprintf(stderr, "rm: it is dangerous to operate recursively on '/'\n");
			rc = 1;
			continue;
		}
		rc |= remove_path(argv[i]);
	}
	return rc;
}
