/*
 * fs_stress [OPT]... [DIR] - a random file-system workload, checked.
 *
 * Options -v, -k, -s SEED, -n OPS.  The workload is reproducible (one
 * seed, one sequence) and checked against a model kept in memory.
 *
 * In DIR/fs_stress (DIR defaults to /tmp; the tree is made afresh), with
 * four subdirectories d0..d3, it runs OPS (default 2000) operations chosen
 * by a pseudo-random generator seeded with SEED (default 1): create,
 * pwrite at random offsets (holes included), append, truncate (grow and
 * shrink), rename (over existing names and between directories), link,
 * unlink, fsync, and reads.  The model holds every file's bytes, size and
 * link count; every read is compared with it, and every 100 operations
 * and at the end the whole tree is: each file's contents, st_size and
 * st_nlink, and each directory's getdents64 listing.  On mmkernel the page
 * cache is dropped every 250 operations (echo 3 > drop_caches), so that
 * the next reads come back from the disk.
 *
 * The same SEED and OPS always give the same tree.  The last line is
 *
 *   fs_stress: ok (seed 1, 2000 operations, 37 files, 1234567 bytes) tree 2891712336 950
 *
 * where "tree CRC LEN" is the POSIX cksum (as printed by cksum) of the
 * manifest: one line "CRC SIZE PATH" per file, the output of cksum for it,
 * paths relative to the tree and in byte order.  -v prints the manifest
 * first.  On the host, the same two numbers come from
 *
 *   cd DIR/fs_stress && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs cksum | cksum
 *
 * so a tree written by mmkernel to an ext2 image can be checked after the
 * image is mounted (or extracted) elsewhere.  -k is implied: the tree is
 * left in place; run again to replace it.  On a failure the line is
 * "fs_stress: FAIL op N (what): why", exit status 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"
#include "mmk_test.h"

#define NDIRS		4
#define NSLOTS		96		/* names: slot k is d<k % 4>/f<k> */
#define MAXFILE		(384 * 1024)	/* largest file the model allows */
#define MAXTOTAL	(6 << 20)	/* and all files together */

struct inode {
	unsigned char *data;
	size_t size, cap;
	int nlink;
};

static struct inode inodes[NSLOTS];	/* at most one inode per name */
static int slot_inode[NSLOTS];		/* -1: the name is free */
static char top[256];
static size_t total;			/* bytes of all inodes */
static unsigned long op;
static char what[160];			/* the current operation, for messages */
static uint32_t rng;

/* ------------------------------------------------------------------ model */
static uint32_t next_rand(void)		/* xorshift32 */
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint32_t rnd(uint32_t n)		/* 0 .. n-1 */
{
	return n ? next_rand() % n : 0;
}

static const char *slot_path(int k)
{
	static char buf[2][300];
	static int i;

	i ^= 1;
	snprintf(buf[i], sizeof(buf[i]), "%s/d%d/f%d", top, k % NDIRS, k);
	return buf[i];
}

static const char *slot_rel(int k)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "d%d/f%d", k % NDIRS, k);
	return buf;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	t_fail("op %lu (%s): %s", op, what, why);
}

static int new_inode(void)
{
	int i;

	for (i = 0; i < NSLOTS; i++)
		if (inodes[i].nlink == 0)
			return i;
	return -1;		/* cannot happen: fewer names than inodes */
}

static void model_resize(struct inode *in, size_t size)
{
	if (size > in->cap) {
		size_t cap = size + 4096;
		unsigned char *p = realloc(in->data, cap);

		if (!p)
			t_fail("out of memory for the model");
		in->data = p;
		in->cap = cap;
	}
	if (size > in->size)
		memset(in->data + in->size, 0, size - in->size);
	total = total - in->size + size;
	in->size = size;
}

static void drop_name(int k)
{
	struct inode *in = &inodes[slot_inode[k]];

	if (--in->nlink == 0) {
		total -= in->size;
		free(in->data);
		memset(in, 0, sizeof(*in));
	}
	slot_inode[k] = -1;
}

static int pick(int used)		/* a random used (or free) name, or -1 */
{
	int k = rnd(NSLOTS), i;

	for (i = 0; i < NSLOTS; i++, k = (k + 1) % NSLOTS)
		if ((slot_inode[k] >= 0) == used)
			return k;
	return -1;
}

/* -------------------------------------------------------------- checking */
/* Read n bytes at off of name k and compare them with the model. */
static void verify_range(int k, size_t off, size_t n)
{
	static unsigned char buf[16384];
	struct inode *in = &inodes[slot_inode[k]];
	struct linux_stat64 st;
	int fd = open(slot_path(k), O_RDONLY);
	size_t done = 0, i;
	ssize_t got;

	if (fd < 0)
		fail("open %s: %s", slot_rel(k), strerror(errno));
	if (mmk_fstat64(fd, &st) < 0 || (size_t)st.st_size != in->size ||
	    (int)st.st_nlink != in->nlink)
		fail("%s: st_size %lld st_nlink %u, the model says %zu and %d", slot_rel(k),
		     (long long)st.st_size, (unsigned)st.st_nlink, in->size, in->nlink);
	if (off > in->size)
		off = in->size;
	if (n > in->size - off)
		n = in->size - off;
	while (done < n) {
		got = pread(fd, buf, n - done < sizeof(buf) ? n - done : sizeof(buf), off + done);
		if (got <= 0)
			fail("pread %s at %zu: %s", slot_rel(k), off + done,
			     got < 0 ? strerror(errno) : "end of file too early");
		for (i = 0; i < (size_t)got; i++)
			if (buf[i] != in->data[off + done + i])
				fail("%s: byte %zu is %u, the model says %u", slot_rel(k),
				     off + done + i, buf[i], in->data[off + done + i]);
		done += got;
	}
	if (pread(fd, buf, 1, in->size) != 0)
		fail("%s: reading at st_size did not give end of file", slot_rel(k));
	close(fd);
}

/* Every directory lists exactly the names the model has in it. */
static void verify_listing(int d)
{
	char dir[300], expect[NSLOTS];
	struct mmk_dirent *e;
	int n, i, k;

	snprintf(dir, sizeof(dir), "%s/d%d", top, d);
	e = mmk_read_dir(dir, 0, &n);
	if (!e)
		fail("listing d%d: %s", d, strerror(errno));
	memset(expect, 0, sizeof(expect));
	for (i = 0; i < n; i++) {
		if (e[i].name[0] != 'f' || (k = atoi(e[i].name + 1)) < 0 || k >= NSLOTS ||
		    k % NDIRS != d || slot_inode[k] < 0 || expect[k]++)
			fail("d%d lists \"%s\", which the model does not have", d, e[i].name);
	}
	for (k = d; k < NSLOTS; k += NDIRS)
		if (slot_inode[k] >= 0 && !expect[k])
			fail("d%d does not list f%d", d, k);
	mmk_free_dir(e, n);
}

static void verify_all(void)
{
	int k, d;

	for (k = 0; k < NSLOTS; k++)
		if (slot_inode[k] >= 0)
			verify_range(k, 0, inodes[slot_inode[k]].size);
	for (d = 0; d < NDIRS; d++)
		verify_listing(d);
}

/* ------------------------------------------------------------ operations */
/* n pseudo-random bytes into the model at off, and the same to the file. */
static void write_at(int k, int fd, size_t off, size_t n, int append)
{
	struct inode *in = &inodes[slot_inode[k]];
	size_t i, end;
	ssize_t w;

	if (append)
		off = in->size;
	end = off + n;
	if (end > in->size)
		model_resize(in, end);
	for (i = 0; i < n; i++)
		in->data[off + i] = (unsigned char)next_rand();
	w = append ? write(fd, in->data + off, n) : pwrite(fd, in->data + off, n, off);
	if (w != (ssize_t)n)
		fail("%s %zu bytes: %s", append ? "write" : "pwrite", n,
		     w < 0 ? strerror(errno) : "short write");
}

static void do_create(void)
{
	int k = pick(0), fd;

	if (k < 0)
		return;
	snprintf(what, sizeof(what), "create %s", slot_rel(k));
	fd = open(slot_path(k), O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		fail("%s", strerror(errno));
	slot_inode[k] = new_inode();
	inodes[slot_inode[k]].nlink = 1;
	if (rnd(2))
		write_at(k, fd, 0, rnd(20000), 0);
	close(fd);
	verify_range(k, 0, inodes[slot_inode[k]].size);
}

static void do_write(int append)
{
	int k = pick(1), fd;
	size_t off, n = 1 + rnd(rnd(4) ? 4096 : 16384);
	struct inode *in;

	if (k < 0)
		return;
	in = &inodes[slot_inode[k]];
	/* mostly inside or just past the end; sometimes far past it (a hole) */
	off = rnd(4) ? rnd(in->size + 8192) : rnd(MAXFILE);
	if (off + n > MAXFILE || total + n + (off > in->size ? off - in->size : 0) > MAXTOTAL)
		return;
	snprintf(what, sizeof(what), "%s %s %zu bytes at %zu", append ? "append to" : "pwrite",
		 slot_rel(k), n, append ? in->size : off);
	fd = open(slot_path(k), O_WRONLY | (append ? O_APPEND : 0));
	if (fd < 0)
		fail("open: %s", strerror(errno));
	write_at(k, fd, off, n, append);
	if (rnd(16) == 0 && fsync(fd) < 0)
		fail("fsync: %s", strerror(errno));
	close(fd);
	off = append ? in->size - n : off;
	verify_range(k, off > 100 ? off - 100 : 0, n + 200);
}

static void do_truncate(void)
{
	int k = pick(1);
	struct inode *in;
	size_t size;

	if (k < 0)
		return;
	in = &inodes[slot_inode[k]];
	size = rnd(3) ? rnd(in->size + 1) : rnd(in->size * 2 + 8192);
	if (size > MAXFILE || total + (size > in->size ? size - in->size : 0) > MAXTOTAL)
		return;
	snprintf(what, sizeof(what), "truncate %s from %zu to %zu", slot_rel(k), in->size, size);
	if (truncate(slot_path(k), size) < 0)
		fail("%s", strerror(errno));
	model_resize(in, size);
	verify_range(k, size > 5000 ? size - 5000 : 0, 5000);
}

static void do_rename(void)
{
	int a = pick(1), b = rnd(NSLOTS);

	if (a < 0 || a == b)
		return;
	snprintf(what, sizeof(what), "rename %s to %s", slot_rel(a), slot_rel(b));
	if (rename(slot_path(a), slot_path(b)) < 0)
		fail("%s", strerror(errno));
	/* two names of one inode: rename does nothing at all (POSIX) */
	if (slot_inode[b] == slot_inode[a])
		return;
	if (slot_inode[b] >= 0)
		drop_name(b);
	slot_inode[b] = slot_inode[a];
	slot_inode[a] = -1;
	verify_range(b, 0, 4096);
}

static void do_link(void)
{
	int a = pick(1), b = pick(0);

	if (a < 0 || b < 0)
		return;
	snprintf(what, sizeof(what), "link %s to %s", slot_rel(a), slot_rel(b));
	if (link(slot_path(a), slot_path(b)) < 0)
		fail("%s", strerror(errno));
	slot_inode[b] = slot_inode[a];
	inodes[slot_inode[a]].nlink++;
	verify_range(b, 0, 4096);
}

static void do_unlink(void)
{
	int k = pick(1), i;

	if (k < 0)
		return;
	snprintf(what, sizeof(what), "unlink %s", slot_rel(k));
	if (unlink(slot_path(k)) < 0)
		fail("%s", strerror(errno));
	i = slot_inode[k];
	drop_name(k);
	if (mmk_lstat64(slot_path(k), &(struct linux_stat64){ 0 }) == 0 || errno != ENOENT)
		fail("the name is still there");
	for (k = 0; k < NSLOTS; k++)	/* another name of the inode: st_nlink went down */
		if (slot_inode[k] == i) {
			verify_range(k, 0, 0);
			break;
		}
}

static void do_read(void)
{
	int k = pick(1);

	if (k < 0)
		return;
	snprintf(what, sizeof(what), "read %s", slot_rel(k));
	verify_range(k, rnd(inodes[slot_inode[k]].size + 1), rnd(40000));
}

/* Each operation with its weight. */
static const struct {
	void (*run)(void);
	int weight;
} ops[] = {
	{ do_create, 12 }, { do_read, 14 }, { do_truncate, 8 }, { do_rename, 8 },
	{ do_link, 5 }, { do_unlink, 8 },
};

static void one_op(void)
{
	int total_weight = 20 + 8, r, i;	/* + pwrite 20 + append 8 */

	for (i = 0; i < (int)(sizeof(ops) / sizeof(ops[0])); i++)
		total_weight += ops[i].weight;
	r = rnd(total_weight);
	if (r < 20) {
		do_write(0);
		return;
	}
	if ((r -= 20) < 8) {
		do_write(1);
		return;
	}
	r -= 8;
	for (i = 0; r >= ops[i].weight; i++)
		r -= ops[i].weight;
	ops[i].run();
}

/* ------------------------------------------------------------- the tree */
static int by_rel(const void *a, const void *b)
{
	char ra[32];

	snprintf(ra, sizeof(ra), "%s", slot_rel(*(const int *)a));
	return strcmp(ra, slot_rel(*(const int *)b));
}

/* cksum's line for name k, from the file itself. */
static void cksum_line(int k, char *line, size_t size)
{
	static unsigned char buf[16384];
	int fd = open(slot_path(k), O_RDONLY);
	uint32_t crc = 0;
	uint64_t len = 0;
	ssize_t n;

	if (fd < 0)
		fail("open %s: %s", slot_rel(k), strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		crc = mmk_cksum_update(crc, buf, n);
		len += n;
	}
	close(fd);
	snprintf(line, size, "%u %llu %s\n", (unsigned)mmk_cksum_final(crc, len),
		 (unsigned long long)len, slot_rel(k));
}

/* The manifest's cksum; the manifest itself on stdout if verbose. */
static void summary(unsigned seed, unsigned long nops, int verbose)
{
	int order[NSLOTS], n = 0, k;
	uint32_t crc = 0;
	uint64_t len = 0, bytes = 0;
	char line[128];

	snprintf(what, sizeof(what), "checksums");
	for (k = 0; k < NSLOTS; k++)
		if (slot_inode[k] >= 0)
			order[n++] = k;
	qsort(order, n, sizeof(order[0]), by_rel);
	for (k = 0; k < n; k++) {
		cksum_line(order[k], line, sizeof(line));
		if (verbose)
			fputs(line, stdout);
		crc = mmk_cksum_update(crc, line, strlen(line));
		len += strlen(line);
		bytes += inodes[slot_inode[order[k]]].size;
	}
	printf("fs_stress: ok (seed %u, %lu operations, %d files, %llu bytes) tree %u %llu\n",
	       seed, nops, n, (unsigned long long)bytes, (unsigned)mmk_cksum_final(crc, len),
	       (unsigned long long)len);
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "3\n", 2) < 0)
			t_fail("writing /proc/sys/vm/drop_caches: %s", strerror(errno));
		close(fd);
	}
}

int main(int argc, char **argv)
{
	const char *dir = "/tmp";
	unsigned seed = 1;
	unsigned long nops = 2000;
	int verbose = 0, i, d;
	char sub[300];

	t_begin("fs_stress");
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-k") == 0)
			continue;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			seed = strtoul(argv[++i], NULL, 0);
		else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			nops = strtoul(argv[++i], NULL, 0);
		else if (argv[i][0] != '-')
			dir = argv[i];
		else
			t_fail("usage: fs_stress [-v] [-k] [-s SEED] [-n OPS] [DIR]");
	}
	rng = seed * 2654435761u + 1;	/* never 0: xorshift would stay there */
	if (rng == 0)
		rng = 1;
	for (i = 0; i < NSLOTS; i++)
		slot_inode[i] = -1;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		t_fail("cannot make %s: %s", dir, strerror(errno));
	snprintf(top, sizeof(top), "%s/fs_stress", dir);
	mmk_remove_tree(top);
	if (mkdir(top, 0755) < 0)
		t_fail("cannot make %s: %s", top, strerror(errno));
	for (d = 0; d < NDIRS; d++) {
		snprintf(sub, sizeof(sub), "%s/d%d", top, d);
		if (mkdir(sub, 0755) < 0)
			t_fail("cannot make %s: %s", sub, strerror(errno));
	}
	for (op = 1; op <= nops; op++) {
		one_op();
		if (op % 100 == 0) {
			snprintf(what, sizeof(what), "checking the whole tree");
			verify_all();
		}
		if (op % 250 == 0 && !mmk_on_linux())
			drop_caches();
	}
	op = nops;
	snprintf(what, sizeof(what), "final check");
	sync();
	verify_all();
	summary(seed, nops, verbose);
	return 0;
}
