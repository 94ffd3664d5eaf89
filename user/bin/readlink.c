/*
 * readlink [-n] LINK... - print where a symbolic link points.
 *
 * readlink(2) returns the link's contents: exactly the bytes given to
 * symlink(2), with no terminating NUL and without following anything.
 * On a file that is not a symbolic link it fails with EINVAL (and readlink
 * prints nothing, exit status 1, as coreutils does).  -n: no newline.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	static char buf[LINUX_PATH_MAX];
	int i = 1, rc = 0, newline = 1;
	ssize_t n;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = 0;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "readlink: missing operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		n = readlink(argv[i], buf, sizeof(buf) - 1);
		if (n < 0) {
			if (errno != EINVAL)
				fprintf(stderr, "readlink: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		buf[n] = '\0';
		printf("%s%s", buf, newline ? "\n" : "");
	}
	return rc;
}
