/*
 * cksum [FILE]... - print the POSIX CRC-32 checksum and the size of each
 * file (or of standard input): "CRC SIZE NAME", as coreutils' cksum does.
 *
 * The same numbers on mmkernel and on the host (`cksum FILE`) show that a
 * file came through the page cache, writeback and the disk image intact;
 * fs_stress prints its tree checksum in the same form.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

static int sum(int fd, const char *name)
{
	static char buf[16384];
	uint32_t crc = 0;
	uint64_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crc = mmk_cksum_update(crc, buf, n);
		len += n;
	}
	if (n < 0) {
		fprintf(stderr, "cksum: %s: %s\n", name ? name : "-", strerror(errno));
		return 1;
	}
	if (name)
		printf("%u %llu %s\n", (unsigned)mmk_cksum_final(crc, len),
		       (unsigned long long)len, name);
	else
		printf("%u %llu\n", (unsigned)mmk_cksum_final(crc, len), (unsigned long long)len);
	return 0;
}

int main(int argc, char **argv)
{
	int i, fd, rc = 0;

	if (argc < 2)
		return sum(0, NULL);
	for (i = 1; i < argc; i++) {
		fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;
		if (fd < 0) {
			fprintf(stderr, "cksum: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		rc |= sum(fd, argv[i]);
		if (fd)
			close(fd);
	}
	return rc;
}
