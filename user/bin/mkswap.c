/*
 * mkswap [OPT] DEVICE [KiB] - set up a swap area, as util-linux 2.38's mkswap.
 *
 * mkswap [-f] [-c] [-q] [-L label] [-U uuid] [-p pagesize] [-v 1] device [size]
 *   mmk# mkswap /mnt/swapfile
 *   Setting up swapspace version 1, size = 60 MiB (62910464 bytes)
 *   no label, UUID=0b4cfdfe-1d56-4f39-a5a5-4d05b7a1a0c3
 *
 * Writes the version-1 header (include/mm/swap_header.h has the layout)
 * into the first page of a file or a block device: last_page = pages - 1,
 * the label (15 characters at most) and a UUID, "SWAPSPACE2" in the last
 * ten bytes.  The size is the file's or the device's, or `size` KiB (more
 * than the device only with -f); under 10 pages is refused.  "size =" is
 * what swap can use: every page but the header (and any bad page).
 *
 * As util-linux does, step by step, with its messages and exit status 1:
 *   - the first 1024 bytes (the boot bits) are zeroed, unless a partition
 *     table is found there and -f is not given (then they stay, with a
 *     warning); other signatures (an old swap header, an ext2/3/4 super
 *     block) are wiped, each with "warning: wiping old TYPE signature.";
 *   - the UUID is random (getrandom(2), else /dev/urandom), or, when the
 *     kernel gives no random bytes, time-based (version 1) as libuuid's;
 *     -U takes one, or "clear", "random", "time";
 *   - on a regular file, holes are reported through FIEMAP where the
 *     kernel has it (mmkernel does not: no warning, as util-linux on such
 *     a kernel); -c (read every page, list the unreadable ones as bad)
 *     works on devices only;
 *   - a mounted device is refused; insecure permissions are warned about.
 * The file is fsync'ed before mkswap exits, so that swapon finds the
 * header on the disk.  (swapon itself comes with the kernel's swap.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"
#include "ulcompat.h"

#define MIN_GOODPAGES		10
#define SIGNATURE_OFFSET	1024	/* the header page is written from here */
#define SWAP_HEADER_SIZE	1540	/* sizeof(struct swap_header_v1_2) */

/* The version-1 header from byte 1024 of the first page (Linux's layout). */
struct swap_header_v1 {
	uint32_t version;
	uint32_t last_page;
	uint32_t nr_badpages;
	unsigned char uuid[16];
	char volume_name[16];
	uint32_t padding[117];
	uint32_t badpages[1];
};

struct mkswap {
	const char *devname;
	struct linux_stat64 st;
	int fd;
	uint64_t npages;
	unsigned long nbadpages;
	int pagesize;
	unsigned char *page;		/* the header page */
	struct swap_header_v1 *hdr;	/* page + 1024 */
	const char *label;
	unsigned char uuid[16];
	int check, quiet, force, verbose;
	unsigned int nbad_extents;
};

static const char usage_text[] =
	"\nUsage:\n"
	" mkswap [options] device [size]\n"
	"\nSet up a Linux swap area.\n"
	"\nOptions:\n"
	" -c, --check               check bad blocks before creating the swap area\n"
	" -f, --force               allow swap size area be larger than device\n"
	" -q, --quiet               suppress output and warning messages\n"
	" -p, --pagesize SIZE       specify page size in bytes\n"
	" -L, --label LABEL         specify label\n"
	" -v, --swapversion NUM     specify swap-space version number\n"
	" -U, --uuid UUID           specify the uuid to use\n"
	"     --verbose             verbose output\n"
	"     --lock[=<mode>]       use exclusive device lock (yes, no or nonblock)\n"
	" -h, --help                display this help\n"
	" -V, --version             display version\n"
	"\nFor more details see mkswap(8).\n";

/* ---------------------------------------------------------------- UUIDs */

/* n bytes from the kernel: getrandom(2), else /dev/urandom or /dev/random. */
static int kernel_random(unsigned char *buf, size_t n)
{
	static const char *const devs[] = { "/dev/urandom", "/dev/random" };
	long r = mmk_syscall(NR_getrandom, (long)buf, (long)n, 1 /* GRND_NONBLOCK */, 0, 0, 0);
	size_t got = 0;
	unsigned int i;

	if (r == (long)n)
		return 0;
	for (i = 0; i < 2; i++) {
		int fd = open(devs[i], O_RDONLY);

		if (fd < 0)
			continue;
		while (got < n) {
			ssize_t x = read(fd, buf + got, n - got);

			if (x <= 0)
				break;
			got += x;
		}
		close(fd);
		if (got == n)
			return 0;
	}
	return -1;
}

/* libuuid's uuid_generate_time: 100 ns ticks since 1582-10-15, random node. */
static void uuid_time(unsigned char u[16])
{
	struct linux_timespec32 ts = { 0, 0 };
	uint64_t t;
	unsigned int seq, i;

	mmk_clock_gettime(LINUX_CLOCK_REALTIME, &ts);
	srand((unsigned)(getpid() << 16) ^ (unsigned)ts.tv_sec ^ (unsigned)ts.tv_nsec);
	t = (uint64_t)(uint32_t)ts.tv_sec * 10000000 + (uint32_t)ts.tv_nsec / 100 +
	    0x01B21DD213814000ULL;
	seq = ((unsigned)rand() & 0x3fff) | 0x8000;
	for (i = 0; i < 4; i++)
		u[i] = (unsigned char)(t >> (24 - 8 * i));		/* time_low */
	u[4] = (unsigned char)(t >> 40);				/* time_mid */
	u[5] = (unsigned char)(t >> 32);
	u[6] = (unsigned char)(((t >> 56) & 0x0f) | 0x10);		/* time_hi, v1 */
	u[7] = (unsigned char)(t >> 48);
	u[8] = (unsigned char)(seq >> 8);
	u[9] = (unsigned char)seq;
	if (kernel_random(u + 10, 6) < 0)
		for (i = 10; i < 16; i++)
			u[i] = (unsigned char)(rand() >> 7);
	u[10] |= 0x01;				/* a random node, not a MAC */
}

/* uuid_generate_random: version 4; 0, or -1 when the kernel gave no bytes. */
static int uuid_random(unsigned char u[16])
{
	if (kernel_random(u, 16) < 0)
		return -1;
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	return 0;
}

/* uuid_parse: exactly 8-4-4-4-12 hex digits. */
static int uuid_parse(const char *s, unsigned char u[16])
{
	static const char hex[] = "0123456789abcdef";
	int i, n = 0;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 36; i++) {
		const char *d = strchr(hex, s[i] | 0x20);

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return -1;
			continue;
		}
		if (!d || !s[i])
			return -1;
		if (n % 2 == 0)
			u[n / 2] = (unsigned char)((d - hex) << 4);
		else
			u[n / 2] |= (unsigned char)(d - hex);
		n++;
	}
	return 0;
}

static void set_uuid(struct mkswap *ctl, const char *opt)
{
	if (!opt) {
		if (uuid_random(ctl->uuid) < 0)
			uuid_time(ctl->uuid);
	} else if (strcmp(opt, "clear") == 0) {
		memset(ctl->uuid, 0, 16);
	} else if (strcmp(opt, "random") == 0) {
		if (uuid_random(ctl->uuid) < 0)
			uuid_time(ctl->uuid);
	} else if (strcmp(opt, "time") == 0) {
		uuid_time(ctl->uuid);
	} else if (uuid_parse(opt, ctl->uuid) < 0) {
		ul_errx(1, "error: parsing UUID failed");
	}
}

/* ---------------------------------------------------------------- the device */

/* Pages of the file or the device, in the header's page size. */
static uint64_t get_size(const struct mkswap *ctl)
{
	struct linux_stat64 st;
	uint64_t bytes = 0;
	int64_t end;
	int fd = open(ctl->devname, O_RDONLY);

	if (fd < 0)
		ul_err(1, "cannot open %s", ctl->devname);
	if (ioctl(fd, 0x80041272 /* BLKGETSIZE64 */, &bytes) < 0) {
		bytes = 0;
		if (mmk_fstat64(fd, &st) == 0 && S_ISREG(st.st_mode))
			bytes = (uint64_t)st.st_size;
		else if ((end = lseek64(fd, 0, SEEK_END)) > 0)
			bytes = (uint64_t)end;
	}
	close(fd);
	return bytes / ctl->pagesize;
}

/* util-linux's is_mounted(): the device (or the file) is a mount's source. */
static int is_mounted(const char *devname)
{
	struct linux_stat64 st, m_st;
	struct mmk_mount *m;
	int n, i, found = 0, have = mmk_stat64(devname, &st) == 0;

	m = mmk_read_mounts(&n);
	for (i = 0; m && i < n && !found; i++) {
		if (m[i].dev[0] != '/')
			continue;
		if (strcmp(devname, m[i].dev) == 0)
			found = 1;
		else if (have && mmk_stat64(m[i].dev, &m_st) == 0)
			found = S_ISBLK(m_st.st_mode) ?
				S_ISBLK(st.st_mode) && st.st_rdev == m_st.st_rdev :
				!S_ISBLK(st.st_mode) && st.st_dev == m_st.st_dev &&
				st.st_ino == m_st.st_ino;
	}
	free(m);
	return found;
}

static void open_device(struct mkswap *ctl)
{
	int flags = O_RDWR;

	if (mmk_stat64(ctl->devname, &ctl->st) < 0)
		ul_err(1, "stat of %s failed", ctl->devname);
	if (S_ISBLK(ctl->st.st_mode))
		flags |= O_EXCL;
	ctl->fd = open(ctl->devname, flags);
	if (ctl->fd < 0)
		ul_err(1, "cannot open %s", ctl->devname);
	if (ctl->check && S_ISREG(ctl->st.st_mode)) {
		ctl->check = 0;
		if (!ctl->quiet)
			ul_warnx("warning: checking bad blocks from swap file is not supported: %s",
				 ctl->devname);
	}
}

static void check_permissions(const struct mkswap *ctl)
{
	unsigned int mask = S_ISBLK(ctl->st.st_mode) ? 07007 : 07077;
	long uid = mmk_syscall(199 /* getuid32 */, 0, 0, 0, 0, 0, 0);

	if (MMK_IS_ERR(uid))
		uid = 0;		/* no users on mmkernel: root */
	if (!ctl->quiet && (ctl->st.st_mode & mask) != 0)
		ul_warnx("%s: insecure permissions %04o, fix with: chmod %04o %s",
			 ctl->devname, (unsigned)ctl->st.st_mode & 07777, ~mask & 0666,
			 ctl->devname);
	if (!ctl->quiet && uid == 0 && S_ISREG(ctl->st.st_mode) && ctl->st.st_uid != 0)
		ul_warnx("%s: insecure file owner %u, fix with: chown 0:0 %s",
			 ctl->devname, (unsigned)ctl->st.st_uid, ctl->devname);
}

/* -c: every page read; the ones that cannot be are bad. */
static void check_blocks(struct mkswap *ctl)
{
	unsigned long max_bad = (ctl->pagesize - 1024 - 128 * 4 - 10) / 4;
	char *buf = malloc(ctl->pagesize);
	uint64_t page;

	if (!buf)
		ul_err(1, "cannot allocate");
	for (page = 0; page < ctl->npages; page++) {
		if (pread64(ctl->fd, buf, ctl->pagesize, (int64_t)page * ctl->pagesize) ==
		    ctl->pagesize)
			continue;
		if (ctl->nbadpages == max_bad)
			ul_errx(1, "too many bad pages: %lu", max_bad);
		ctl->hdr->badpages[ctl->nbadpages++] = (uint32_t)page;
	}
	if (!ctl->quiet)
		printf(ctl->nbadpages == 1 ? "%lu bad page\n" : "%lu bad pages\n",
		       ctl->nbadpages);
	free(buf);
}

/* ---------------------------------------------------------------- holes (FIEMAP) */

struct fiemap_extent {
	uint64_t fe_logical, fe_physical, fe_length, fe_reserved64[2];
	uint32_t fe_flags, fe_reserved[3];
};

struct fiemap {
	uint64_t fm_start, fm_length;
	uint32_t fm_flags, fm_mapped_extents, fm_extent_count, fm_reserved;
	struct fiemap_extent fm_extents[];
};

#define FS_IOC_FIEMAP		0xc020660bUL	/* _IOWR('f', 11, struct fiemap) */
#define FIEMAP_FLAG_SYNC	0x1
#define FIEMAP_EXTENT_LAST	0x1
#define FIEMAP_EXTENT_DELALLOC	0x4
#define FIEMAP_EXTENT_DATA_INLINE 0x200
#define FIEMAP_EXTENT_SHARED	0x2000

static void warn_extent(struct mkswap *ctl, const char *msg, uint64_t off)
{
	if (ctl->nbad_extents == 0) {
		fflush(stdout);
		fprintf(stderr, "\nmkswap: %s contains holes or other unsupported extents.\n"
			"        This swap file can be rejected by kernel on swap activation!\n",
			ctl->devname);
		fprintf(stderr, ctl->verbose ? "\n" : "        Use --verbose for more details.\n");
	}
	if (ctl->verbose) {
		fputs(" - ", stderr);
		fprintf(stderr, msg, (unsigned long long)off);
		fputc('\n', stderr);
	}
	ctl->nbad_extents++;
}

/* One FIEMAP batch's extents checked; 1 when the last one was seen. */
static int check_extent_batch(struct mkswap *ctl, struct fiemap *fm, uint64_t *last_logical)
{
	uint32_t i;
	int last = 0;

	for (i = 0; i < fm->fm_mapped_extents; i++) {
		struct fiemap_extent *e = &fm->fm_extents[i];

		if (e->fe_logical > *last_logical)
			warn_extent(ctl, "hole detected at offset %llu", *last_logical);
		*last_logical = e->fe_logical + e->fe_length;
		if (e->fe_flags & FIEMAP_EXTENT_LAST)
			last = 1;
		if (e->fe_flags & FIEMAP_EXTENT_DATA_INLINE)
			warn_extent(ctl, "data inline extent at offset %llu", e->fe_logical);
		if (e->fe_flags & FIEMAP_EXTENT_SHARED)
			warn_extent(ctl, "shared extent at offset %llu", e->fe_logical);
		if (e->fe_flags & FIEMAP_EXTENT_DELALLOC)
			warn_extent(ctl, "unallocated extent at offset %llu", e->fe_logical);
		if (!ctl->verbose && ctl->nbad_extents)
			return -1;
	}
	return last;
}

static void check_extents(struct mkswap *ctl)
{
	static uint64_t buf[8192 / 8];		/* glibc's BUFSIZ */
	struct fiemap *fm = (struct fiemap *)buf;
	uint64_t last_logical = 0;
	int last = 0;

	memset(buf, 0, sizeof(buf));
	do {
		fm->fm_length = ~0ULL;
		fm->fm_flags = FIEMAP_FLAG_SYNC;
		fm->fm_extent_count = (sizeof(buf) - sizeof(*fm)) / sizeof(struct fiemap_extent);
		if (ioctl(ctl->fd, FS_IOC_FIEMAP, fm) < 0)
			return;			/* no FIEMAP (mmkernel): nothing to say */
		if (fm->fm_mapped_extents == 0)
			break;
		last = check_extent_batch(ctl, fm, &last_logical);
		if (last < 0)
			goto done;
		fm->fm_start = fm->fm_extents[fm->fm_mapped_extents - 1].fe_logical +
			       fm->fm_extents[fm->fm_mapped_extents - 1].fe_length;
	} while (!last);
	if (last_logical < (uint64_t)ctl->st.st_size)
		warn_extent(ctl, "hole detected at offset %llu", last_logical);
done:
	if (ctl->nbad_extents)
		fputc('\n', stderr);
}

/* ---------------------------------------------------------------- wiping */

/* libblkid's partition probe, in short: an MBR or a GPT in the first sectors. */
static const char *partition_table(int fd)
{
	unsigned char s[1024];
	int i;

	if (pread64(fd, s, sizeof(s), 0) != (ssize_t)sizeof(s))
		return NULL;
	if (memcmp(s + 512, "EFI PART", 8) == 0)
		return "gpt";
	if (s[510] != 0x55 || s[511] != 0xaa)
		return NULL;
	for (i = 0; i < 4; i++)
		if (s[446 + 16 * i] != 0 && s[446 + 16 * i] != 0x80)
			return NULL;		/* boot flags other than 0/0x80: not a table */
	for (i = 0; i < 4; i++)
		if (s[446 + 16 * i + 4] != 0)
			return s[446 + 4] == 0xee ? "gpt" : "dos";
	return NULL;
}

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Zero `len` bytes at `off`, saying which signature goes. */
static void wipe_signature(struct mkswap *ctl, const char *type, int64_t off, size_t len)
{
	static const unsigned char zeros[16];

	if (!ctl->quiet)
		ul_warnx("%s: warning: wiping old %s signature.", ctl->devname, type);
	pwrite64(ctl->fd, zeros, len, off);
}

/* The ext2/3/4 super block at 1024 and old swap signatures (libblkid's wipe). */
static void wipe_signatures(struct mkswap *ctl)
{
	unsigned char sb[1024], magic[10];
	int64_t page;

	if (pread64(ctl->fd, sb, sizeof(sb), 1024) == (ssize_t)sizeof(sb) &&
	    sb[0x38] == 0x53 && sb[0x39] == 0xef) {
		uint32_t compat = le32(sb + 0x5c), incompat = le32(sb + 0x60);
		uint32_t ro_compat = le32(sb + 0x64);
		const char *type = (incompat & 0x8) ? "jbd" :
			((incompat & ~0x16u) || (ro_compat & ~0x7u)) ? "ext4" :
			(compat & 0x4) ? "ext3" : "ext2";

		wipe_signature(ctl, type, 1024 + 0x38, 2);
	}
	for (page = 4096; page <= 65536; page <<= 1) {
		if (pread64(ctl->fd, magic, 10, page - 10) != 10)
			break;
		if (memcmp(magic, "SWAPSPACE2", 10) == 0 || memcmp(magic, "SWAP-SPACE", 10) == 0)
			wipe_signature(ctl, "swap", page - 10, 10);
	}
}

static void wipe_device(struct mkswap *ctl)
{
	static const unsigned char zeros[1024];
	const char *type = ctl->force ? NULL : partition_table(ctl->fd);

	if (type) {
		if (!ctl->quiet) {
			ul_warnx("%s: warning: don't erase bootbits sectors", ctl->devname);
			fprintf(stderr, "        (%s partition table detected). Use -f to force.\n",
				type);
		}
		return;
	}
	if (pwrite64(ctl->fd, zeros, sizeof(zeros), 0) != (ssize_t)sizeof(zeros))
		ul_errx(1, "unable to erase bootbits sectors");
	wipe_signatures(ctl);
}

/* ---------------------------------------------------------------- main */

static void parse_options(struct mkswap *ctl, int argc, char **argv, const char **uuid,
			  const char **count)
{
	static const struct ul_option longopts[] = {
		{ "check", UL_NO_ARG, 'c' },		{ "force", UL_NO_ARG, 'f' },
		{ "quiet", UL_NO_ARG, 'q' },		{ "pagesize", UL_REQUIRED_ARG, 'p' },
		{ "label", UL_REQUIRED_ARG, 'L' },	{ "swapversion", UL_REQUIRED_ARG, 'v' },
		{ "uuid", UL_REQUIRED_ARG, 'U' },	{ "version", UL_NO_ARG, 'V' },
		{ "help", UL_NO_ARG, 'h' },		{ "lock", UL_OPTIONAL_ARG, 'l' },
		{ "verbose", UL_NO_ARG, 'b' },		{ NULL, 0, 0 }
	};
	static const int excl[][5] = { { 'c', 'q' } };
	int excl_st[1] = { 0 };
	struct ul_getopt g;
	int c;

	ul_getopt_init(&g, argc, argv, "cfp:qL:v:U:Vh", longopts);
	while ((c = ul_getopt(&g)) != -1) {
		ul_exclusive(c, longopts, excl, 1, excl_st);
		switch (c) {
		case 'c': ctl->check = 1; break;
		case 'f': ctl->force = 1; break;
		case 'q': ctl->quiet = 1; break;
		case 'L': ctl->label = g.arg; break;
		case 'U': *uuid = g.arg; break;
		case 'b': ctl->verbose = 1; break;
		case 'l': break;		/* --lock: nothing else opens the device here */
		case 'p':
			ctl->pagesize = (int)ul_strtou_or_err(g.arg, "parsing page size failed",
							       0xffffffffu);
			break;
		case 'v':
			if (ul_strtos_or_err(g.arg, "parsing version number failed", INT32_MIN,
					     INT32_MAX) != 1)
				ul_errx(1, "swapspace version %d is not supported", atoi(g.arg));
			break;
		case 'V': printf("mkswap from util-linux 2.38.1 (mmkernel)\n"); exit(0);
		case 'h': fputs(usage_text, stdout); exit(0);
		default: ul_errtryhelp(1);
		}
	}
	ctl->devname = g.noperands > 0 ? g.operands[0] : NULL;
	*count = g.noperands > 1 ? g.operands[1] : NULL;
	if (g.noperands > 2) {
		ul_warnx("only one device argument is currently supported");
		ul_errtryhelp(1);
	}
}

/* The header page: page size checked, then allocated. */
static void init_signature_page(struct mkswap *ctl)
{
	int user = ctl->pagesize, sys = getpagesize();

	if (user) {
		if (user < 0 || (user & (user - 1)) || user < SWAP_HEADER_SIZE + 10)
			ul_errx(1, "Bad user-specified page size %u", (unsigned)user);
		if (!ctl->quiet && user != sys)
			ul_warnx("Using user-specified page size %d, instead of the system value %d",
				 user, sys);
	} else {
		ctl->pagesize = sys;
	}
	ctl->page = calloc(1, ctl->pagesize);
	if (!ctl->page)
		ul_err(1, "cannot allocate");
	ctl->hdr = (struct swap_header_v1 *)(ctl->page + SIGNATURE_OFFSET);
}

/* How many pages: the device's, or the size argument's (KiB). */
static void find_size(struct mkswap *ctl, const char *count)
{
	uint64_t sz, kib_per_page = ctl->pagesize / 1024;

	if (count)
		ctl->npages = ul_strtou_or_err(count, "invalid block count argument", 0) /
			      kib_per_page;
	sz = get_size(ctl);
	if (!ctl->npages)
		ctl->npages = sz;
	else if (ctl->npages > sz && !ctl->force)
		ul_errx(1, "error: size %llu KiB is larger than device size %llu KiB",
			(unsigned long long)(ctl->npages * kib_per_page),
			(unsigned long long)(sz * kib_per_page));
	if (ctl->npages < MIN_GOODPAGES)
		ul_errx(1, "error: swap area needs to be at least %ld KiB",
			(long)(MIN_GOODPAGES * ctl->pagesize / 1024));
	if (ctl->npages > 0xffffffffULL) {
		ctl->npages = 0xffffffffULL;
		if (!ctl->quiet)
			ul_warnx("warning: truncating swap area to %llu KiB",
				 (unsigned long long)(ctl->npages * ctl->pagesize / 1024));
	}
}

/* The header's fields, the size line, the label and UUID line. */
static void fill_header(struct mkswap *ctl)
{
	char human[32];
	uint64_t sz;
	const unsigned char *u = ctl->uuid;

	ctl->hdr->version = 1;
	ctl->hdr->last_page = (uint32_t)(ctl->npages - 1);
	ctl->hdr->nr_badpages = (uint32_t)ctl->nbadpages;
	if (ctl->npages - MIN_GOODPAGES < ctl->nbadpages)
		ul_errx(1, "Unable to set up swap-space: unreadable");
	sz = (ctl->npages - ctl->nbadpages - 1) * ctl->pagesize;
	if (!ctl->quiet)
		printf("Setting up swapspace version 1, size = %s (%llu bytes)\n",
		       ul_size_to_human(human, sizeof(human), UL_SIZE_SPACE | UL_SIZE_3LETTER, sz),
		       (unsigned long long)sz);
	memcpy(ctl->page + ctl->pagesize - 10, "SWAPSPACE2", 10);
	memcpy(ctl->hdr->uuid, ctl->uuid, 16);
	if (ctl->label) {
		snprintf(ctl->hdr->volume_name, sizeof(ctl->hdr->volume_name), "%s", ctl->label);
		if (!ctl->quiet && strlen(ctl->label) > strlen(ctl->hdr->volume_name))
			ul_warnx("Label was truncated.");
	}
	if (ctl->quiet)
		return;
	if (ctl->label)
		printf("LABEL=%s, ", ctl->hdr->volume_name);
	else
		printf("no label, ");
	printf("UUID=%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x\n",
	       u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11],
	       u[12], u[13], u[14], u[15]);
}

int main(int argc, char **argv)
{
	struct mkswap ctl;
	const char *uuid = NULL, *count = NULL;
	int fsync_failed, close_failed;

	memset(&ctl, 0, sizeof(ctl));
	ctl.fd = -1;
	ul_init(argv[0]);
	parse_options(&ctl, argc, argv, &uuid, &count);
	set_uuid(&ctl, uuid);
	init_signature_page(&ctl);
	if (!ctl.devname) {
		ul_warnx("error: Nowhere to set up swap on?");
		ul_errtryhelp(1);
	}
	find_size(&ctl, count);
	if (is_mounted(ctl.devname))
		ul_errx(1, "error: %s is mounted; will not make swapspace", ctl.devname);
	open_device(&ctl);
	check_permissions(&ctl);
	if (ctl.check)
		check_blocks(&ctl);
	if (!ctl.quiet && S_ISREG(ctl.st.st_mode))
		check_extents(&ctl);
	wipe_device(&ctl);
	fill_header(&ctl);
	fflush(stdout);
	if (pwrite64(ctl.fd, ctl.page + SIGNATURE_OFFSET, ctl.pagesize - SIGNATURE_OFFSET,
		     SIGNATURE_OFFSET) != ctl.pagesize - SIGNATURE_OFFSET)
		ul_err(1, "%s: unable to write signature page", ctl.devname);
	fsync_failed = fsync(ctl.fd) != 0;
	close_failed = close(ctl.fd) != 0;
	if (fsync_failed || close_failed)
		ul_err(1, "write failed");
	free(ctl.page);
	return 0;
}
