/*
 * ls [DIR]... - list the names in each directory (getdents64), sorted, one
 * per line; directories get a trailing '/'.  `ls /proc` shows the pid
 * directories of the live processes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mmk.h"

struct names {
	char **v;
	int n, cap;
};

static int collect(const char *name, int type, void *arg)
{
	struct names *nm = arg;
	char *s;

	if (nm->n == nm->cap) {
		char **grown = realloc(nm->v, (nm->cap * 2 + 32) * sizeof(char *));

		if (!grown)
			return 1;
		nm->v = grown;
		nm->cap = nm->cap * 2 + 32;
	}
	s = malloc(strlen(name) + 2);
	if (!s)
		return 1;
	strcpy(s, name);
	if (type == MMK_DT_DIR)
		strcat(s, "/");
	nm->v[nm->n++] = s;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *dir, int header)
{
	struct names nm = { NULL, 0, 0 };
	int i;

	if (mmk_list_dir(dir, collect, &nm) < 0) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	qsort(nm.v, nm.n, sizeof(char *), by_name);
	if (header)
		printf("%s:\n", dir);
	for (i = 0; i < nm.n; i++) {
		printf("%s\n", nm.v[i]);
		free(nm.v[i]);
	}
	free(nm.v);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2)
		return list("/", 0);
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && !S_ISDIR(st.st_mode)) {
			printf("%s\n", argv[i]);
			continue;
		}
		rc |= list(argv[i], argc > 2);
	}
	return rc;
}
