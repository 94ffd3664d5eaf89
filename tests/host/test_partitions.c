/*
 * Host tests of the MBR partition parser (kernel/block/partitions.c,
 * #included: it needs nothing but printk and a sector reader), under
 * AddressSanitizer and UBSan.
 *
 * The disk is a model: a capacity and a few sectors with contents (every
 * other sector reads as zeros; reads past the end fail with -EIO, as
 * submit_bio does).  Tables are written here byte by byte, as sfdisk or
 * fdisk would.
 *
 *   layouts     primaries with a gap, an extended partition with logical
 *               partitions (5, 6, 7), Linux's numbering and 2-sector stub
 *   not an MBR  no signature, a bad boot indicator, a GPT protective entry
 *   hostile     entries past the end, an end that wraps past 2^32, EBR
 *               loops (to itself, in a cycle), links past the end, more
 *               logical partitions than minors, a chain longer than
 *               MBR_MAX_EBRS, read errors
 *   fuzz        2000 seeded tables: valid layouts with random bytes of
 *               their entries changed, and sectors of random bytes; every
 *               partition found lies on the disk, the reads are bounded
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <host_mm.h>

#include "../../kernel/block/partitions.c"

/* ------------------------------------------------------------ the disk */

#define MAX_SECTORS	160

struct model_disk {
	sector_t capacity;
	unsigned int n;
	sector_t num[MAX_SECTORS];
	u8 data[MAX_SECTORS][SECTOR_SIZE];
	sector_t fail_at;		/* a read of this sector fails (0: none but 0 itself if set) */
	bool fail;
};

static struct model_disk disk;

static u8 *sector(sector_t s)
{
	unsigned int i;

	for (i = 0; i < disk.n; i++)
		if (disk.num[i] == s)
			return disk.data[i];
	assert_true(disk.n < MAX_SECTORS);
	disk.num[disk.n] = s;
	memset(disk.data[disk.n], 0, SECTOR_SIZE);
	return disk.data[disk.n++];
}

static int model_read(void *ctx, sector_t s, u8 *buf)
{
	unsigned int i;

	assert_ptr_equal(ctx, &disk);
	if (s >= disk.capacity || (disk.fail && s == disk.fail_at))
		return -EIO;
	for (i = 0; i < disk.n; i++) {
		if (disk.num[i] == s) {
			memcpy(buf, disk.data[i], SECTOR_SIZE);
			return 0;
		}
	}
	memset(buf, 0, SECTOR_SIZE);
	return 0;
}

static void disk_reset(sector_t capacity)
{
	memset(&disk, 0, sizeof(disk));
	disk.capacity = capacity;
}

static void put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

/* Entry i (0-3) of the table in sector s, and the signature. */
static void entry(sector_t s, int i, u8 boot, u8 type, u32 start, u32 size)
{
	u8 *p = sector(s) + 446 + 16 * i;

	p[0] = boot;
	p[4] = type;
	put_le32(p + 8, start);
	put_le32(p + 12, size);
	sector(s)[510] = 0x55;
	sector(s)[511] = 0xaa;
}

static struct parsed_partitions state;

static int parse(unsigned int minors)
{
	memset(&state, 0, sizeof(state));
	state.name = "vda";
	state.capacity = disk.capacity;
	state.limit = minors;
	state.read_sector = model_read;
	state.ctx = &disk;
	return msdos_partition(&state);
}

static void expect_part(unsigned int n, sector_t from, sector_t size)
{
	assert_int_equal(state.parts[n].from, from);
	assert_int_equal(state.parts[n].size, size);
}

static unsigned int count_parts(void)
{
	unsigned int n, count = 0;

	for (n = 1; n < DISK_MAX_PARTS; n++)
		count += state.parts[n].size != 0;
	return count;
}

/* ------------------------------------------------------------ layouts */

static void test_primaries(void **unused)
{
	disk_reset(131072);
	entry(0, 0, 0x80, 0x83, 2048, 40960);
	entry(0, 2, 0x00, 0x83, 43008, 88064);		/* slot 2 stays empty */
	assert_int_equal(parse(16), 1);
	expect_part(1, 2048, 40960);
	expect_part(2, 0, 0);
	expect_part(3, 43008, 88064);
	assert_int_equal(state.parts[1].sys_ind, 0x83);
	assert_int_equal(count_parts(), 2);
	assert_int_equal(state.reads, 1);
}

/*
 * The layout sfdisk makes for "2048,20480,83 / 22528,,5 / logicals of
 * 8192, 8192 and the rest": extended at 22528; EBRs at 22528, 30720 and
 * 38912 (each logical starts 2048 sectors after its EBR).
 */
static void make_extended_layout(void)
{
	disk_reset(65536);
	entry(0, 0, 0, 0x83, 2048, 20480);
	entry(0, 1, 0, 0x05, 22528, 43008);
	entry(22528, 0, 0, 0x83, 2048, 6144);		/* vda5 at 24576 */
	entry(22528, 1, 0, 0x05, 8192, 8192);		/* next EBR: 22528 + 8192 */
	entry(30720, 0, 0, 0x82, 2048, 6144);		/* vda6 at 32768 */
	entry(30720, 1, 0, 0x05, 16384, 26624);
	entry(38912, 0, 0, 0x83, 2048, 24576);		/* vda7 at 40960 */
}

static void test_extended_and_logicals(void **unused)
{
	make_extended_layout();
	assert_int_equal(parse(16), 1);
	expect_part(1, 2048, 20480);
	expect_part(2, 22528, 2);			/* the stub, as Linux */
	assert_true(state.parts[2].extended);
	expect_part(5, 24576, 6144);
	expect_part(6, 32768, 6144);
	expect_part(7, 40960, 24576);
	assert_true(state.parts[5].logical && state.parts[7].logical);
	assert_int_equal(state.parts[6].sys_ind, 0x82);
	assert_int_equal(count_parts(), 5);
	assert_int_equal(state.reads, 4);
}

/* A one-sector extended partition keeps its size of 1. */
static void test_tiny_extended(void **unused)
{
	disk_reset(4096);
	entry(0, 0, 0, 0x0f, 100, 1);
	assert_int_equal(parse(16), 1);
	expect_part(1, 100, 1);
}

/* ------------------------------------------------------------ not an MBR */

static void test_not_an_mbr(void **unused)
{
	disk_reset(131072);				/* all zeros: an ext2 image's sector 0 */
	assert_int_equal(parse(16), 0);
	entry(0, 0, 0, 0x83, 2048, 100);
	sector(0)[511] = 0;				/* no signature */
	assert_int_equal(parse(16), 0);
	entry(0, 0, 0x12, 0x83, 2048, 100);		/* a boot sector's bytes */
	assert_int_equal(parse(16), 0);
	assert_int_equal(count_parts(), 0);
	entry(0, 0, 0, 0xee, 1, 131071);		/* GPT */
	assert_int_equal(parse(16), 0);
	assert_non_null(strstr(host_last_printk, "GPT"));
}

/* ------------------------------------------------------------ hostile */

static void test_past_the_end_and_wrapping(void **unused)
{
	unsigned long msgs;

	disk_reset(65536);
	entry(0, 0, 0, 0x83, 2048, 63488);		/* ends exactly at the end: fine */
	entry(0, 1, 0, 0x83, 60000, 10000);		/* runs past the end */
	entry(0, 2, 0, 0x83, 70000, 1);			/* starts past the end */
	entry(0, 3, 0, 0x83, 0xfffffff0u, 0x20);	/* end wraps to 0x10 in 32 bits */
	msgs = host_printk_count;
	assert_int_equal(parse(16), 1);
	expect_part(1, 2048, 63488);
	assert_int_equal(count_parts(), 1);
	assert_int_equal(host_printk_count - msgs, 3);
	assert_non_null(strstr(host_last_printk, "runs past the end of the disk"));
}

static void test_logical_past_the_end_keeps_its_number(void **unused)
{
	make_extended_layout();
	entry(30720, 0, 0, 0x83, 2048, 999999);		/* vda6 too big */
	assert_int_equal(parse(16), 1);
	expect_part(5, 24576, 6144);
	expect_part(6, 0, 0);
	expect_part(7, 40960, 24576);			/* still number 7, as Linux */
}

static void test_ebr_loops(void **unused)
{
	disk_reset(65536);
	entry(0, 0, 0, 0x05, 1000, 20000);
	entry(1000, 0, 0, 0x83, 10, 100);
	entry(1000, 1, 0, 0x05, 0, 20000);		/* links to itself */
	assert_int_equal(parse(16), 1);
	expect_part(5, 1010, 100);
	assert_int_equal(count_parts(), 2);
	assert_int_equal(state.reads, 2);
	assert_non_null(strstr(host_last_printk, "a loop"));

	entry(1000, 1, 0, 0x05, 500, 100);		/* 1000 -> 1500 -> 1000 */
	entry(1500, 0, 0, 0x83, 10, 100);
	entry(1500, 1, 0, 0x05, 0, 100);
	assert_int_equal(parse(16), 1);
	expect_part(5, 1010, 100);
	expect_part(6, 1510, 100);
	assert_int_equal(count_parts(), 3);
	assert_int_equal(state.reads, 3);
}

static void test_ebr_link_past_the_end(void **unused)
{
	disk_reset(65536);
	entry(0, 0, 0, 0x05, 1000, 20000);
	entry(1000, 0, 0, 0x83, 10, 100);
	entry(1000, 1, 0, 0x05, 0xffff0000u, 100);
	assert_int_equal(parse(16), 1);
	assert_int_equal(count_parts(), 2);
	assert_int_equal(state.reads, 2);
	assert_non_null(strstr(host_last_printk, "past the end of the disk"));
}

/* A chain of 30 logical partitions: numbers stop at the last minor (15). */
static void test_more_logicals_than_minors(void **unused)
{
	unsigned int i;

	disk_reset(1 << 20);
	entry(0, 0, 0, 0x05, 2048, 30 * 2048);
	for (i = 0; i < 30; i++) {
		entry(2048 + i * 2048, 0, 0, 0x83, 1, 2047);
		entry(2048 + i * 2048, 1, 0, 0x05, (i + 1) * 2048, 2048);
	}
	assert_int_equal(parse(16), 1);
	assert_int_equal(count_parts(), 1 + 11);	/* the stub and 5..15 */
	expect_part(15, 2048 + 10 * 2048 + 1, 2047);
	assert_int_equal(state.reads, 1 + 11);
	assert_non_null(strstr(host_last_printk, "more logical partitions"));
}

/* Empty EBRs linked one after another: at most MBR_MAX_EBRS are read. */
static void test_long_empty_chain(void **unused)
{
	unsigned int i;

	disk_reset(1 << 20);
	entry(0, 0, 0, 0x05, 2048, 200 * 8);
	for (i = 0; i < 150; i++)
		entry(2048 + i * 8, 0, 0, 0x05, (i + 1) * 8, 8);
	assert_int_equal(parse(16), 1);
	assert_int_equal(state.reads, 1 + MBR_MAX_EBRS);
	assert_int_equal(count_parts(), 1);
	assert_non_null(strstr(host_last_printk, "more than 100 extended boot records"));
}

static void test_read_errors(void **unused)
{
	make_extended_layout();
	disk.fail = true;
	disk.fail_at = 0;
	assert_int_equal(parse(16), -EIO);
	disk.fail_at = 30720;				/* the second EBR */
	assert_int_equal(parse(16), 1);
	expect_part(5, 24576, 6144);
	assert_int_equal(count_parts(), 3);		/* 1, the stub 2, and 5 */
	assert_non_null(strstr(host_last_printk, "cannot read"));
}

/* A disk with fewer minors (say 4): no logical partition fits. */
static void test_few_minors(void **unused)
{
	make_extended_layout();
	assert_int_equal(parse(4), 1);
	expect_part(1, 2048, 20480);
	expect_part(2, 22528, 2);
	assert_int_equal(count_parts(), 2);
}

/* ------------------------------------------------------------ fuzz */

static u64 rng_state;

static u32 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (u32)(rng_state >> 11);
}

static u32 rnd_sector(void)
{
	switch (rnd() % 4) {
	case 0: return rnd() % 64;
	case 1: return rnd() % (u32)disk.capacity;
	case 2: return 0xffffffffu - rnd() % 4096;
	default: return rnd();
	}
}

/* A valid table of random shape, then up to 8 random bytes of it changed. */
static void make_mutated(void)
{
	static const u8 types[] = { 0x83, 0x82, 0x05, 0x0f, 0x85, 0x07, 0x00, 0xee };
	sector_t ebrs[8];
	unsigned int i, nebr = 0;

	disk_reset(4096 + rnd() % (1u << 22));
	for (i = 0; i < 4; i++)
		if (rnd() % 3)
			entry(0, (int)i, rnd() % 8 ? 0 : 0x80, types[rnd() % 6], rnd_sector(),
			      rnd_sector());
	if (rnd() % 2) {				/* an extended partition with a chain */
		u32 ext = 1 + rnd() % 1024;

		entry(0, (int)(rnd() % 4), 0, 0x05, ext, rnd_sector());
		for (i = 0; i < 1 + rnd() % 8; i++) {
			sector_t ebr = ext + (i ? rnd() % 4096 : 0);

			ebrs[nebr++] = ebr;
			entry(ebr, 0, 0, types[rnd() % 8], rnd() % 64, rnd_sector());
			entry(ebr, 1, 0, types[2 + rnd() % 3], rnd() % 4096, rnd_sector());
		}
	}
	for (i = 0; i < rnd() % 9; i++) {		/* the mutations */
		sector_t s = nebr && rnd() % 2 ? ebrs[rnd() % nebr] : 0;
		unsigned int off = rnd() % 3 ? 446 + rnd() % 66 : rnd() % SECTOR_SIZE;

		sector(s)[off] = (u8)rnd();
	}
}

static void make_random(void)
{
	unsigned int s, b;

	disk_reset(1 + rnd() % (1u << 24));
	for (s = 0; s < 6; s++) {
		u8 *p = sector(s ? rnd_sector() % (u32)disk.capacity : 0);

		for (b = 0; b < SECTOR_SIZE; b++)
			p[b] = (u8)rnd();
		p[510] = 0x55;
		p[511] = 0xaa;
		for (b = 0; b < 4; b++)			/* mostly valid boot indicators */
			p[446 + 16 * b] = rnd() % 4 ? 0 : (u8)rnd();
	}
}

/* What must hold for any table at all. */
static void check_invariants(int ret)
{
	unsigned int n;

	assert_true(ret == 0 || ret == 1 || ret == -EIO);
	assert_true(state.reads <= 1 + 4 * MBR_MAX_EBRS);
	for (n = 0; n < DISK_MAX_PARTS; n++) {
		const struct parsed_partition *p = &state.parts[n];

		if (!p->size)
			continue;
		assert_true(n >= 1);
		assert_true(ret == 1);
		assert_true(p->from < disk.capacity);
		assert_true(p->size <= disk.capacity - p->from);
		if (p->extended)
			assert_true(n <= 4 && p->size <= 2);
		if (p->logical)
			assert_true(n >= 5);
		else
			assert_true(n <= 4);
	}
}

static void test_fuzz(void **unused)
{
	unsigned int i, found = 0, logicals = 0;

	rng_state = 0x9e3779b97f4a7c15ull;
	for (i = 0; i < 2000; i++) {
		int ret;

		if (i % 4 == 3)
			make_random();
		else
			make_mutated();
		ret = parse(i % 5 ? 16 : 8);
		check_invariants(ret);
		found += count_parts() != 0;
		logicals += state.parts[5].size != 0;
	}
	printf("# fuzz: %u tables with partitions, %u with logical ones\n", found, logicals);
	/* the generator does reach the interesting cases */
	assert_true(found > 200);
	assert_true(logicals > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primaries),
		cmocka_unit_test(test_extended_and_logicals),
		cmocka_unit_test(test_tiny_extended),
		cmocka_unit_test(test_not_an_mbr),
		cmocka_unit_test(test_past_the_end_and_wrapping),
		cmocka_unit_test(test_logical_past_the_end_keeps_its_number),
		cmocka_unit_test(test_ebr_loops),
		cmocka_unit_test(test_ebr_link_past_the_end),
		cmocka_unit_test(test_more_logicals_than_minors),
		cmocka_unit_test(test_long_empty_chain),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_few_minors),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
