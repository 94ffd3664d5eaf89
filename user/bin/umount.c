/*
 * umount [-l] [-f] DIR... - detach mounted file systems.
 *
 * umount2(2) first writes the file system's dirty pages and metadata back
 * (as sync would, for that file system only), then removes the mount.  It
 * fails with EBUSY while any process has a file open there or its working
 * directory inside; -l (MNT_DETACH) detaches the mount at once and lets
 * the file system go when the last user leaves; -f (MNT_FORCE) asks the
 * file system to abort what it is waiting for.  A directory that is not a
 * mount point gives EINVAL.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	int i = 1, flags = 0, rc = 0;
	const char *o;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			if (*o == 'l') {
				flags |= MNT_DETACH;
			} else if (*o == 'f') {
				flags |= MNT_FORCE;
			} else {
				fprintf(stderr, "usage: umount [-l] [-f] DIR...\n");
				return 1;
			}
		}
	}
	if (i == argc) {
		fprintf(stderr, "usage: umount [-l] [-f] DIR...\n");
		return 1;
	}
	for (; i < argc; i++) {
		if (umount2(argv[i], flags) < 0) {
			fprintf(stderr, "umount: can't unmount %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
