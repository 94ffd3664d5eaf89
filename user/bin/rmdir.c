/*
 * rmdir DIR... - remove empty directories.
 *
 * rmdir(2) refuses a directory that still has entries (ENOTEMPTY), "." as
 * the last component (EINVAL), a mount point or a directory in use as
 * the root (EBUSY).  When it succeeds the parent loses a link (the
 * removed "..").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "rmdir: missing operand\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			fprintf(stderr, "rmdir: failed to remove '%s': %s\n", argv[i],
				strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
