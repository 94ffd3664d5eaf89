/*
 * Partition table parsing, private to kernel/block/.  The parser
 * (partitions.c) knows nothing of bios or disks: it reads sectors
 * through a callback and fills in a table, so that the host tests
 * (tests/host/test_partitions.c) can run it against any bytes at all.
 */
#ifndef KERNEL_BLOCK_PARTITIONS_H
#define KERNEL_BLOCK_PARTITIONS_H

#include <kernel/blkdev.h>

/* Extended boot records followed at most, per extended partition. */
#define MBR_MAX_EBRS	100

struct parsed_partition {
	sector_t from, size;		/* size 0: no partition with this number */
	u8 sys_ind;			/* the MBR's type byte (0x83 Linux, 0x05 extended) */
	bool extended;			/* the stub of an extended partition */
	bool logical;			/* inside an extended partition (5 and up) */
};

struct parsed_partitions {
	const char *name;		/* the disk's, for messages */
	sector_t capacity;		/* sectors */
	unsigned int limit;		/* numbers 1 .. limit - 1 (the disk's minors) */
	/* read 512-byte sector `sector` into buf: 0 or -errno */
	int (*read_sector)(void *ctx, sector_t sector, u8 *buf);
	void *ctx;
	struct parsed_partition parts[DISK_MAX_PARTS];
	unsigned int next;		/* the next logical partition's number */
	unsigned int reads;		/* sectors read so far */
	u8 buf[SECTOR_SIZE];		/* the sector being looked at */
};

/*
 * msdos_partition - read an MBR partition table (sector 0) and its
 * extended partitions into state->parts (which must start zeroed).
 * Returns 1 if the disk has an MBR (even with no usable entry), 0 if it
 * does not (no 0x55aa signature, a boot indicator other than 0 or 0x80,
 * or a GPT's protective entry), or the read error.
 */
int msdos_partition(struct parsed_partitions *state);

#endif
