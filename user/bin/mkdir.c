/*
 * mkdir [-p] [-m M] DIR... - make directories.
 *
 * Each is one mkdir(2): the kernel looks up the parent, checks that the
 * name is free (EEXIST), allocates an inode and adds the entry "." and ".."
 * point at; the parent's link count grows by one (the new "..").
 * -p makes missing parents first and is quiet about directories that
 * already exist.  The mode (default 0777) is reduced by the umask.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmk.h"

static int is_dir(const char *path)
{
	struct linux_stat64 st;

	return mmk_stat64(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p: each prefix ending before a '/', then the whole path. */
static int make_parents(char *path, mode_t mode)
{
	char *p = path;

	for (;;) {
		p = strchr(p + 1, '/');
		if (p)
			*p = '\0';
		if (mkdir(path, p ? 0777 : mode) < 0 && !(errno == EEXIST && is_dir(path))) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path,
				strerror(errno));
			if (p)
				*p = '/';
			return 1;
		}
		if (!p)
			return 0;
		*p = '/';
		while (p[1] == '/')
			p++;
		if (!p[1])
			return 0;	/* a trailing '/' */
	}
}

int main(int argc, char **argv)
{
	int parents = 0, rc = 0, i = 1;
	mode_t mode = 0777;
	char *end;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-p") == 0) {
			parents = 1;
		} else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
			mode = strtoul(argv[++i], &end, 8);
			if (*end || mode > 07777) {
				fprintf(stderr, "mkdir: invalid mode '%s'\n", argv[i]);
				return 1;
			}
		} else {
			fprintf(stderr, "usage: mkdir [-p] [-m MODE] DIR...\n");
			return 1;
		}
	}
	if (i == argc) {
		fprintf(stderr, "mkdir: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (parents) {
			rc |= make_parents(argv[i], mode);
		} else if (mkdir(argv[i], mode) < 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i],
				strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
