/*
 * Host tests of the swap header parser (mm/swap_header.c), under
 * AddressSanitizer and UBSan.
 *
 *   mkswap      Debian's own mkswap (util-linux) on temporary files of
 *               10 pages, 40 KiB, 1 MiB + a tail, 64 MiB (sparse), with
 *               -L, -U, -p 4096 and a size argument: the header parses,
 *               and last_page, maxpages and nr_good_pages follow from the
 *               file's size; the boot bits are zeroed, label and UUID land
 *               where the layout says
 *   refusals    one hand-built header for each of Linux's checks, with
 *               -EINVAL and Linux's console message (or none where Linux
 *               prints none)
 *   limits      nr_badpages 637 and 638, last_page at the arch limit and
 *               one past (the truncation warning's text), a bad page at
 *               last_page and one past, duplicates in the bad-page list
 *   byte order  a header written big-endian: swapped in place, accepted
 *   fuzz        5000 seeded mutations of valid headers: the answer is 0 or
 *               -EINVAL, equal to a model of Linux's rules written here
 *               again in 64-bit arithmetic, and an accepted area fits the
 *               limit and the device
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <mm/swap_header.h>
#include <host_mm.h>

#define LIMIT		(1u << 25)	/* ARM's: 25 offset bits in a swap PTE */
#define BIG_LIMIT	0xffffffffu

static union swap_header *hdr;		/* one page, from malloc: ASan sees overruns */
static struct swap_header_info info;

static int setup(void **state)
{
	hdr = malloc(sizeof(*hdr));
	assert_non_null(hdr);
	return 0;
}

static int teardown(void **state)
{
	free(hdr);
	hdr = NULL;
	return 0;
}

/* A valid header, as mkswap writes it on a little-endian machine. */
static void make_header(u32 last_page)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->info.version = 1;
	hdr->info.last_page = last_page;
	memcpy(hdr->magic.magic, SWAP_SIGNATURE, SWAP_SIGNATURE_SZ);
}

static void add_bad(u32 page)
{
	hdr->info.badpages[hdr->info.nr_badpages++] = page;
}

/* Parse and remember how many console lines that took. */
static unsigned long printks;

static int parse(u32 limit, u64 area_pages, bool regular)
{
	unsigned long before = host_printk_count;
	int ret;

	host_last_printk[0] = '\0';
	ret = swap_header_parse(hdr, limit, area_pages, regular, &info);
	printks = host_printk_count - before;
	return ret;
}

static void expect_refused(int ret, const char *message)
{
	assert_int_equal(ret, -EINVAL);
	assert_int_equal(info.maxpages, 0);		/* *info zeroed */
	if (message) {
		assert_int_equal(printks, 1);
		assert_string_equal(host_last_printk, message);
	} else {
		assert_int_equal(printks, 0);
	}
}

static void expect_area(u32 maxpages, u32 good)
{
	assert_int_equal(info.maxpages, maxpages);
	assert_int_equal(info.nr_good_pages, good);
	assert_ptr_equal(info.badpages, hdr->info.badpages);
}

/* ------------------------------------------------------------ mkswap */

static const char *mkswap_path(void)
{
	static const char *const paths[] = { "/usr/sbin/mkswap", "/sbin/mkswap" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(paths); i++)
		if (access(paths[i], X_OK) == 0)
			return paths[i];
	return NULL;
}

static char tmpdir[64];

static int mkswap_setup(void **state)
{
	const char *base = getenv("TMPDIR");

	tmpdir[0] = '\0';
	if (!mkswap_path())
		return setup(state);	/* the test skips itself */
	strcpy(tmpdir, "/tmp/swaphdr.XXXXXX");
	if (base && strlen(base) + 20 < sizeof(tmpdir)) {
		strcpy(tmpdir, base);
		strcat(tmpdir, "/swaphdr.XXXXXX");
	}
	assert_non_null(mkdtemp(tmpdir));
	return setup(state);
}

static int mkswap_teardown(void **state)
{
	if (tmpdir[0])
		rmdir(tmpdir);
	return teardown(state);
}

/*
 * A file of `bytes` (sparse; its first page full of 0xa5, where mkswap
 * must zero the boot bits), mkswap'd with the given options, whose first
 * page is read into hdr.  Returns mkswap's exit status.
 */
static int run_mkswap(u64 bytes, const char *const *opts, const char *size_arg)
{
	char path[96], fill[PAGE_SIZE];
	const char *argv[16];
	int fd, status, n = 0;
	pid_t pid;

	strcpy(path, tmpdir);
	strcat(path, "/swap");
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	memset(fill, 0xa5, sizeof(fill));
	assert_int_equal(write(fd, fill, bytes < sizeof(fill) ? bytes : sizeof(fill)),
			 bytes < sizeof(fill) ? bytes : sizeof(fill));
	assert_int_equal(ftruncate(fd, (off_t)bytes), 0);
	argv[n++] = mkswap_path();
	while (opts && *opts)
		argv[n++] = *opts++;
	argv[n++] = path;
	if (size_arg)
		argv[n++] = size_arg;
	argv[n] = NULL;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	memset(hdr, 0, sizeof(*hdr));
	assert_int_equal(pread(fd, hdr, sizeof(*hdr), 0), sizeof(*hdr));
	close(fd);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* mkswap's header for a file of `pages` pages: the area is the file. */
static void check_mkswapped(u64 file_pages, u32 area_pages)
{
	unsigned int i;

	for (i = 0; i < sizeof(hdr->info.bootbits); i++)
		assert_int_equal(hdr->info.bootbits[i], 0);
	assert_int_equal(hdr->info.version, 1);
	assert_int_equal(hdr->info.last_page, area_pages - 1);
	assert_int_equal(hdr->info.nr_badpages, 0);
	assert_int_equal(parse(LIMIT, file_pages, true), 0);
	assert_int_equal(printks, 0);
	assert_false(info.swapped);
	assert_int_equal(info.last_page, area_pages - 1);
	expect_area(area_pages, area_pages - 1);
}

static void test_mkswap_sizes(void **unused)
{
	static const char *const force[] = { "-f", NULL };
	static const u64 sizes[] = { 10 * 4096, (40 << 10) + 4095, (1 << 20) + 1000, 64ull << 20 };
	unsigned int i;

	if (!mkswap_path())
		skip();
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u64 pages = sizes[i] / PAGE_SIZE;

		assert_int_equal(run_mkswap(sizes[i], force, NULL), 0);
		check_mkswapped(pages, (u32)pages);
		/* and the same page on a device of exactly that size */
		assert_int_equal(parse(LIMIT, pages, false), 0);
		expect_area((u32)pages, (u32)pages - 1);
	}
	/* without -f too (no partition table in a file: the boot bits go) */
	assert_int_equal(run_mkswap(1 << 20, NULL, NULL), 0);
	check_mkswapped(256, 256);
}

static void test_mkswap_options(void **unused)
{
	static const char *const opts[] = { "-f", "-L", "swaplabel", "-U",
		"01234567-89ab-cdef-0123-456789abcdef", "-p", "4096", NULL };
	static const u8 uuid[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
				     0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

	if (!mkswap_path())
		skip();
	assert_int_equal(run_mkswap(1 << 20, opts, NULL), 0);
	check_mkswapped(256, 256);
	assert_memory_equal(hdr->info.sws_uuid, uuid, 16);
	assert_string_equal(hdr->info.sws_volume, "swaplabel");
	/* a size argument in KiB: 100 KiB of a 1 MiB file is 25 pages */
	assert_int_equal(run_mkswap(1 << 20, opts, "100"), 0);
	check_mkswapped(256, 25);
	/* 40 KiB: the 10 pages mkswap's minimum is */
	assert_int_equal(run_mkswap(1 << 20, opts, "40"), 0);
	check_mkswapped(256, 10);
}

/* Fewer than 10 pages: mkswap refuses (status 1) and writes nothing. */
static void test_mkswap_too_small(void **unused)
{
	if (!mkswap_path())
		skip();
	assert_int_equal(run_mkswap(9 * 4096, NULL, NULL), 1);
	expect_refused(parse(LIMIT, 9, true), "Unable to find swap-space signature\n");
}

/* The header says more pages than the file has: Linux's length check. */
static void test_mkswap_area_shorter(void **unused)
{
	static const char *const opts[] = { "-f", NULL };

	if (!mkswap_path())
		skip();
	assert_int_equal(run_mkswap(1 << 20, opts, NULL), 0);
	expect_refused(parse(LIMIT, 255, true), "Swap area shorter than signature indicates\n");
	assert_int_equal(run_mkswap(1 << 20, opts, NULL), 0);
	assert_int_equal(parse(LIMIT, 0, true), 0);	/* size unknown: no check */
	expect_area(256, 255);
}

/* ------------------------------------------------------------ refusals */

static void test_no_signature(void **unused)
{
	make_header(100);
	memset(hdr->magic.magic, 0, SWAP_SIGNATURE_SZ);
	expect_refused(parse(LIMIT, 0, true), "Unable to find swap-space signature\n");
	make_header(100);
	memcpy(hdr->magic.magic, "SWAP-SPACE", SWAP_SIGNATURE_SZ);	/* version 0 */
	expect_refused(parse(LIMIT, 0, true), "Unable to find swap-space signature\n");
	make_header(100);
	hdr->magic.magic[9] = '3';
	expect_refused(parse(LIMIT, 0, true), "Unable to find swap-space signature\n");
}

static void test_bad_version(void **unused)
{
	make_header(100);
	hdr->info.version = 2;
	expect_refused(parse(LIMIT, 0, true), "Unable to handle swap header version 2\n");
	hdr->info.version = 0;
	expect_refused(parse(LIMIT, 0, true), "Unable to handle swap header version 0\n");
	hdr->info.version = 0xffffffff;		/* Linux prints it with %d */
	expect_refused(parse(LIMIT, 0, true), "Unable to handle swap header version -1\n");
}

static void test_empty(void **unused)
{
	make_header(0);
	expect_refused(parse(LIMIT, 0, false), "Empty swap-file\n");
	/* the only page after the header is bad: nothing left */
	make_header(1);
	add_bad(1);
	expect_refused(parse(LIMIT, 2, false), "Empty swap-file\n");
	make_header(3);
	add_bad(3);
	add_bad(1);
	add_bad(2);
	expect_refused(parse(LIMIT, 0, false), "Empty swap-file\n");
	make_header(1);
	assert_int_equal(parse(LIMIT, 2, true), 0);	/* one good page is enough */
	expect_area(2, 1);
}

static void test_area_shorter(void **unused)
{
	make_header(99);
	expect_refused(parse(LIMIT, 99, true), "Swap area shorter than signature indicates\n");
	assert_int_equal(parse(LIMIT, 100, true), 0);
	expect_area(100, 99);
	assert_int_equal(parse(LIMIT, 1000, true), 0);	/* a longer file is fine */
	expect_area(100, 99);
}

static void test_badpages_on_a_file(void **unused)
{
	make_header(100);
	add_bad(5);
	expect_refused(parse(LIMIT, 101, true), NULL);
	assert_int_equal(parse(LIMIT, 101, false), 0);	/* a device may have them */
	expect_area(101, 99);
	assert_int_equal(info.nr_badpages, 1);
	assert_int_equal(info.badpages[0], 5);
}

/* ------------------------------------------------------------ limits */

static void test_max_badpages(void **unused)
{
	u32 i;

	make_header(1000);
	for (i = 1; i <= MAX_SWAP_BADPAGES; i++)
		add_bad(i);
	assert_int_equal(hdr->info.nr_badpages, 637);
	assert_int_equal(parse(LIMIT, 1001, false), 0);
	expect_area(1001, 1000 - 637);
	assert_int_equal(info.nr_badpages, 637);
	assert_int_equal(info.badpages[636], 637);
	/* 638 would run into the magic; Linux refuses it without a word */
	hdr->info.nr_badpages = 638;
	expect_refused(parse(LIMIT, 1001, false), NULL);
	hdr->info.nr_badpages = 0xffffffff;
	expect_refused(parse(LIMIT, 1001, false), NULL);
}

static void test_arch_limit(void **unused)
{
	/* last_page one below the limit: the whole area */
	make_header(LIMIT - 1);
	assert_int_equal(parse(LIMIT, 0, false), 0);
	expect_area(LIMIT, LIMIT - 1);
	assert_int_equal(printks, 0);
	/* at the limit: silently one page short (Linux's arithmetic) */
	make_header(LIMIT);
	assert_int_equal(parse(LIMIT, 0, false), 0);
	expect_area(LIMIT, LIMIT - 1);
	assert_int_equal(printks, 0);
	/* one past: truncated, with Linux's warning */
	make_header(LIMIT + 1);
	assert_int_equal(parse(LIMIT, 0, false), 0);
	expect_area(LIMIT, LIMIT - 1);
	assert_int_equal(printks, 1);
	assert_string_equal(host_last_printk,
			    "Truncating oversized swap area, only using 134217728k out of 134217732k\n");
	assert_int_equal(info.last_page, LIMIT + 1);
	/* a small limit, and the KiB of a huge last_page wrapping as on ARM */
	make_header(1001);
	assert_int_equal(parse(1000, 0, false), 0);
	expect_area(1000, 999);
	assert_string_equal(host_last_printk,
			    "Truncating oversized swap area, only using 4000k out of 4004k\n");
	make_header(0xffffffff);
	assert_int_equal(parse(LIMIT, 0, false), 0);
	expect_area(LIMIT, LIMIT - 1);
	assert_string_equal(host_last_printk,
			    "Truncating oversized swap area, only using 134217728k out of 4294967292k\n");
	/* the largest a u32 can say, with no limit to speak of */
	make_header(0xfffffffe);
	assert_int_equal(parse(BIG_LIMIT, 0, false), 0);
	expect_area(0xffffffff, 0xfffffffe);
	/* a limit that leaves no page: Linux's "!maxpages" refusal */
	make_header(10);
	assert_int_equal(parse(0, 0, false), -EINVAL);
	assert_int_equal(printks, 1);			/* just the truncation */
	/* a limit of one page: only the header, so empty */
	make_header(10);
	assert_int_equal(parse(1, 0, false), -EINVAL);
	assert_int_equal(printks, 2);
	assert_string_equal(host_last_printk, "Empty swap-file\n");
}

static void test_bad_page_range(void **unused)
{
	make_header(100);
	add_bad(100);				/* = last_page: fine */
	assert_int_equal(parse(LIMIT, 101, false), 0);
	expect_area(101, 99);
	make_header(100);
	add_bad(101);				/* last_page + 1 */
	expect_refused(parse(LIMIT, 101, false), NULL);
	make_header(100);
	add_bad(7);
	add_bad(0);				/* the header's own page */
	expect_refused(parse(LIMIT, 101, false), NULL);
	make_header(100);
	add_bad(0xffffffff);
	expect_refused(parse(LIMIT, 101, false), NULL);
	/* a bad page past a truncated end is allowed and costs nothing */
	make_header(2000);
	add_bad(1500);
	add_bad(10);
	assert_int_equal(parse(1000, 0, false), 0);
	expect_area(1000, 998);
}

/*
 * Duplicates count once per entry, as in Linux (SwapTotal then agrees);
 * down to zero is "Empty swap-file"; below zero Linux's count wraps and
 * it accepts the area, where we refuse (mm/swap_header.c says why).
 */
static void test_duplicate_bad_pages(void **unused)
{
	make_header(3);
	add_bad(1);
	add_bad(1);
	assert_int_equal(parse(LIMIT, 0, false), 0);
	expect_area(4, 1);
	add_bad(1);
	expect_refused(parse(LIMIT, 0, false), "Empty swap-file\n");
	add_bad(1);
	assert_int_equal(parse(LIMIT, 0, false), -EINVAL);
	assert_int_equal(printks, 1);
}

/* ------------------------------------------------------------ byte order */

static void swab_header(void)
{
	u32 i, n = hdr->info.nr_badpages;

	for (i = 0; i < n && i < MAX_SWAP_BADPAGES; i++)
		hdr->info.badpages[i] = __builtin_bswap32(hdr->info.badpages[i]);
	hdr->info.version = __builtin_bswap32(hdr->info.version);
	hdr->info.last_page = __builtin_bswap32(hdr->info.last_page);
	hdr->info.nr_badpages = __builtin_bswap32(hdr->info.nr_badpages);
}

static void test_byte_swapped(void **unused)
{
	make_header(0x12345);
	swab_header();
	assert_int_equal(hdr->info.version, 0x01000000);
	assert_int_equal(parse(LIMIT, 0, true), 0);
	assert_true(info.swapped);
	assert_int_equal(info.last_page, 0x12345);
	expect_area(0x12346, 0x12345);
	assert_int_equal(hdr->info.version, 1);		/* swapped in place */
	assert_int_equal(hdr->info.last_page, 0x12345);

	make_header(300);
	add_bad(3);
	add_bad(258);
	swab_header();
	assert_int_equal(parse(LIMIT, 301, false), 0);
	assert_true(info.swapped);
	assert_int_equal(info.nr_badpages, 2);
	assert_int_equal(info.badpages[0], 3);
	assert_int_equal(info.badpages[1], 258);
	expect_area(301, 298);

	/* the swapped count is bounded before the list is touched */
	make_header(300);
	hdr->info.nr_badpages = 638;
	swab_header();
	expect_refused(parse(LIMIT, 301, false), NULL);
	make_header(300);
	hdr->info.nr_badpages = 0xffffff7f;
	swab_header();
	expect_refused(parse(LIMIT, 301, false), NULL);

	/* swapped, then the usual checks: an empty one */
	make_header(0);
	swab_header();
	expect_refused(parse(LIMIT, 0, false), "Empty swap-file\n");
}

/* ------------------------------------------------------------ fuzz */

static u64 rng_state;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A value near the interesting edges of a field, or anything. */
static u32 edgy(u32 around)
{
	switch (rnd() % 6) {
	case 0: return 0;
	case 1: return 1;
	case 2: return 0xffffffff;
	case 3: return around + (u32)(rnd() % 5) - 2;
	case 4: return __builtin_bswap32(around);
	default: return (u32)rnd();
	}
}

/* Linux's rules once more, in 64 bits and in one piece: the model. */
static int model(const union swap_header *h, u32 limit, u64 area, bool regular,
		 u64 *maxp, u64 *goodp)
{
	u32 version = h->info.version, last = h->info.last_page, nbad = h->info.nr_badpages;
	bool swapped = __builtin_bswap32(version) == 1;
	u64 maxpages, good, i;

	if (memcmp(h->magic.magic, "SWAPSPACE2", 10))
		return -EINVAL;
	if (swapped) {
		version = 1;
		last = __builtin_bswap32(last);
		nbad = __builtin_bswap32(nbad);
	}
	if (nbad > 637 && swapped)
		return -EINVAL;
	if (version != 1 || last == 0)
		return -EINVAL;
	maxpages = last < limit ? (u64)last + 1 : limit;
	if (maxpages == 0 || (area && maxpages > area) || (nbad && regular) || nbad > 637)
		return -EINVAL;
	good = maxpages - 1;
	for (i = 0; i < nbad; i++) {
		u32 p = h->info.badpages[i];

		if (swapped)
			p = __builtin_bswap32(p);
		if (p == 0 || p > last)
			return -EINVAL;
		if (p < maxpages) {
			if (good == 0)
				return -EINVAL;		/* where Linux would wrap */
			good--;
		}
	}
	if (good == 0)
		return -EINVAL;
	*maxp = maxpages;
	*goodp = good;
	return 0;
}

/* A valid header of a random kind, then a few random changes. */
static void make_mutated(u32 *limit, u64 *area, bool *regular)
{
	u32 last = (u32)(rnd() % 4 ? rnd() % 2000 + 1 : rnd());
	unsigned int i, n;

	*limit = rnd() % 3 ? LIMIT : edgy(last);
	*regular = rnd() % 2;
	make_header(last);
	if (!*regular)
		for (n = rnd() % 8; n; n--)
			add_bad((u32)(rnd() % (last < 2000 ? last + 1 : 2000)));
	*area = rnd() % 4 ? (u64)last + 1 : (rnd() % 3 ? 0 : rnd() % 5000);
	if (rnd() % 4 == 0)
		swab_header();
	for (n = rnd() % 4; n; n--) {
		switch (rnd() % 6) {
		case 0: hdr->info.version = edgy(1); break;
		case 1: hdr->info.last_page = edgy(hdr->info.last_page); break;
		case 2: hdr->info.nr_badpages = edgy(MAX_SWAP_BADPAGES); break;
		case 3: hdr->info.badpages[rnd() % MAX_SWAP_BADPAGES] = edgy(last); break;
		case 4: i = 1024 + rnd() % (PAGE_SIZE - 1024);
			((u8 *)hdr)[i] = (u8)rnd(); break;
		default: hdr->magic.magic[rnd() % 10] ^= (u8)(1u << (rnd() % 8)); break;
		}
	}
}

static void test_fuzz(void **unused)
{
	union swap_header *copy = malloc(sizeof(*copy));
	unsigned int i, accepted = 0, truncated = 0, swapped = 0;

	assert_non_null(copy);
	rng_state = 0x2545f4914f6cdd1dull;
	for (i = 0; i < 5000; i++) {
		u64 area, want_max = 0, want_good = 0;
		u32 limit;
		bool regular;
		int ret, want;

		make_mutated(&limit, &area, &regular);
		memcpy(copy, hdr, sizeof(*copy));
		want = model(copy, limit, area, regular, &want_max, &want_good);
		ret = parse(limit, area, regular);
		assert_true(ret == 0 || ret == -EINVAL);
		assert_int_equal(ret, want);
		if (ret)
			continue;
		accepted++;
		truncated += info.last_page >= limit;
		swapped += info.swapped;
		assert_int_equal(info.maxpages, want_max);
		assert_int_equal(info.nr_good_pages, want_good);
		assert_true(info.maxpages <= limit);
		assert_true(area == 0 || info.maxpages <= area);
		assert_true(info.nr_good_pages >= 1 && info.nr_good_pages < info.maxpages);
		assert_true(info.nr_badpages <= MAX_SWAP_BADPAGES);
		assert_true(!regular || info.nr_badpages == 0);
	}
	printf("# fuzz: %u of 5000 accepted, %u truncated, %u byte-swapped\n",
	       accepted, truncated, swapped);
	/* the generator reaches both answers and the odd paths */
	assert_true(accepted > 1000 && accepted < 4500);
	assert_true(truncated > 20);
	assert_true(swapped > 100);
	free(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mkswap_sizes, mkswap_setup, mkswap_teardown),
		cmocka_unit_test_setup_teardown(test_mkswap_options, mkswap_setup, mkswap_teardown),
		cmocka_unit_test_setup_teardown(test_mkswap_too_small, mkswap_setup, mkswap_teardown),
		cmocka_unit_test_setup_teardown(test_mkswap_area_shorter, mkswap_setup,
						mkswap_teardown),
		cmocka_unit_test_setup_teardown(test_no_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_area_shorter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_badpages_on_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_badpages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arch_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_page_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_bad_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_byte_swapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fuzz, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
