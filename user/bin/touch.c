/*
 * touch [-c] FILE... - create empty files, or set their times to now.
 *
 * A new file is open(2) with O_CREAT: a fresh inode with size 0 and no
 * data blocks.  An existing file keeps its contents; utimensat(2) with no
 * times sets its access and modification times to the current time (and
 * its change time, as every inode change does): see them with `stat`.
 * -c: do not create missing files.  A kernel without utimensat leaves the
 * times of existing files as they are, quietly.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	int i = 1, rc = 0, no_create = 0, fd;

	if (i < argc && strcmp(argv[i], "-c") == 0) {
		no_create = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "touch: missing file operand\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (!no_create) {
			fd = open(argv[i], O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0666);
			if (fd >= 0) {
				close(fd);
			} else if (errno != EISDIR) {
				fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i],
					strerror(errno));
				rc = 1;
				continue;
			}
		}
		if (utimensat(AT_FDCWD, argv[i], NULL, 0) < 0 && errno != ENOSYS &&
		    !(no_create && errno == ENOENT)) {
			fprintf(stderr, "touch: setting times of '%s': %s\n", argv[i],
				strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
