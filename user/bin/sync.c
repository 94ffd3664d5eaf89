/*
 * sync [-d] [-f] [FILE]... - write dirty data back to the disk.
 *
 *   sync            sync(2): every dirty page of every file system, and the
 *                   file systems' own metadata (superblock, bitmaps, inodes)
 *   sync FILE...    fsync(2) on each file: its data and its inode
 *   sync -d FILE    fdatasync(2): the data, and the inode only when needed
 *                   to read the data back (the size, not the times)
 *   sync -f FILE    syncfs(2): the whole file system FILE is on
 *
 * On mmkernel the page cache keeps written file data in memory (dirty
 * pages) until writeback: watch "Dirty:" in /proc/meminfo fall to 0 after
 * a sync.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	int data_only = 0, whole_fs = 0, i = 1, rc = 0, fd, r;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-d") == 0) {
			data_only = 1;
		} else if (strcmp(argv[i], "-f") == 0) {
			whole_fs = 1;
		} else {
			fprintf(stderr, "usage: sync [-d] [-f] [FILE]...\n");
			return 1;
		}
	}
	if (i == argc) {
		sync();
		return 0;
	}
	for (; i < argc; i++) {
		fd = open(argv[i], O_RDONLY | O_NONBLOCK);
		if (fd < 0) {
			fprintf(stderr, "sync: error opening '%s': %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		r = whole_fs ? syncfs(fd) : data_only ? fdatasync(fd) : fsync(fd);
		if (r < 0) {
			fprintf(stderr, "sync: error syncing '%s': %s\n", argv[i], strerror(errno));
			rc = 1;
		}
		close(fd);
	}
	return rc;
}
