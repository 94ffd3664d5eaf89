/*
 * wbtest - the page cache and writeback, seen from user space, one
 * scenario per subcommand.  The system tests (tests/system/test_storage.py)
 * run them on the ext2 disk mounted on /mnt and check the disk image on
 * the host afterwards; each prints measured values and ends with one line
 * "wbtest: ok ..." or "wbtest: FAIL ...".
 *
 *   wbtest expire FILE        write a page; the flusher must write it back
 *                             (Dirty back to 0) within dirty_expire_centisecs
 *                             + dirty_writeback_centisecs (+ slack)
 *   wbtest expire2 DIR        two files dirtied 2 s apart: each is written
 *                             when its own age passes dirty_expire_centisecs
 *                             (which must be 300..1000 for this test)
 *   wbtest throttle FILE MB   write MB MiB: Dirty + Writeback stays near
 *                             dirty_ratio's limit, and the writer is throttled
 *   wbtest dropcache FILE MB  read a file of MB MiB twice around drop_caches=1:
 *                             Cached falls by about the file, the second read
 *                             reads the disk again (pgpgin)
 *   wbtest mmap FILE          write a page through MAP_SHARED, msync(MS_SYNC):
 *                             the page is clean after it (Dirty 0, nr_written up)
 *   wbtest mmap2 FILE         two MAP_SHARED mappings of one page: after
 *                             msync, a store through either one dirties it
 *                             again, and reaches the disk at the next msync
 *   wbtest unlinkopen FILE    a file unlinked while open stays readable and
 *                             writable; its blocks come back at the close
 *   wbtest enospc DIR         fill the disk: ENOSPC, and every byte written
 *                             before reads back right (the host checks too)
 *
 * Every test is fine on Linux too (qemu-arm sees no flusher timing, so
 * `expire` and `throttle` only report there).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"

static int failed;

static void check(int ok, const char *what, ...)
{
	if (!ok) {
		printf("  FAIL %s\n", what);
		failed = 1;
	}
}

static long meminfo(const char *key)
{
	return mmk_proc_value("/proc/meminfo", key);
}

static long vmstat(const char *key)
{
	return mmk_proc_value("/proc/vmstat", key);
}

static long knob(const char *name)
{
	char path[64], buf[32];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	if (mmk_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return atol(buf);
}

static void set_knob(const char *name, long v)
{
	char path[64], buf[32];
	int fd, n;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	fd = open(path, O_WRONLY);
	n = snprintf(buf, sizeof(buf), "%ld\n", v);
	if (fd < 0 || write(fd, buf, (size_t)n) != n)
		printf("  cannot set %s: %s\n", name, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void pattern(char *buf, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)('a' + (seed + i * 7) % 26);
}

static void sleep_ms(unsigned ms)
{
	usleep(ms * 1000);
}

/*
 * file_dirty_kb - how much of the first page of file is dirty, seen the
 * way Linux's smaps shows it: a shared read-only mapping of the page, and
 * its Shared_Dirty + Private_Dirty (PageDirty counts, on Linux and here).
 * Global counters (Dirty: in meminfo) would also see the metadata that
 * writing the file dirtied, which expires on its own clock.
 */
static long file_dirty_kb(const char *file)
{
	static char smaps[16384];
	char head[32], *p;
	volatile char c;
	long kb = -1;
	int fd = open(file, O_RDONLY);
	char *m;

	if (fd < 0)
		return -1;
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return -1;
	c = m[0];		/* map it */
	(void)c;
	snprintf(head, sizeof(head), "%08lx-", (unsigned long)(uintptr_t)m);
	if (mmk_read_file("/proc/self/smaps", smaps, sizeof(smaps)) > 0 &&
	    (p = strstr(smaps, head)) != NULL) {
		char *sd = strstr(p, "Shared_Dirty:"), *pd = strstr(p, "Private_Dirty:");

		if (sd && pd)
			kb = atol(sd + 13) + atol(pd + 14);
	}
	munmap(m, 4096);
	return kb;
}

static uint64_t ms_since(uint64_t t0)
{
	return (mmk_now_ns() - t0) / 1000000;
}

/* ---- expire: the flusher writes a dirty page by time ------------------- */

static int t_expire(const char *file)
{
	long expire = knob("dirty_expire_centisecs"), every = knob("dirty_writeback_centisecs");
	uint64_t t0, clean_ms = 0, limit_ms = (uint64_t)(expire + every) * 10 + 1500;
	char page[4096];
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || expire < 0 || every <= 0) {
		printf("wbtest: FAIL cannot start (%s)\n", strerror(errno));
		return 1;
	}
	pattern(page, sizeof(page), 1);
	if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page))
		check(0, "write");
	close(fd);
	t0 = mmk_now_ns();
	check(file_dirty_kb(file) == 4, "the page is dirty right after the write");
	while (ms_since(t0) < limit_ms + 2000) {
		if (file_dirty_kb(file) == 0) {
			clean_ms = ms_since(t0);
			break;
		}
		sleep_ms(50);
	}
	printf("  expire %ld cs, writeback every %ld cs: the page clean after %llu ms (limit %llu "
	       "ms); Dirty+Writeback now %ld kB\n", expire, every, (unsigned long long)clean_ms,
	       (unsigned long long)limit_ms, meminfo("Dirty:") + meminfo("Writeback:"));
	check(clean_ms != 0, "the flusher wrote the page back");
	check(clean_ms <= limit_ms, "within expire + writeback interval");
	check(clean_ms + 200 >= (uint64_t)expire * 10, "not before dirty_expire_centisecs");
	return failed;
}

/* ---- expire2: the age of each inode, not of the oldest ----------------- */

static int write_file(const char *path, size_t bytes, unsigned seed)
{
	static char buf[65536];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int ok;

	pattern(buf, bytes, seed);
	ok = fd >= 0 && write(fd, buf, bytes) == (ssize_t)bytes;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int t_expire2(const char *dir)
{
	long expire = knob("dirty_expire_centisecs"), every = knob("dirty_writeback_centisecs");
	uint64_t t0, tb, a_ms = 0, b_ms = 0, limit = (uint64_t)(expire + every) * 10 + 1500;
	char a[256], b[256];

	if (expire < 300 || expire > 1000 || every <= 0 || every > 100) {
		printf("wbtest: FAIL expire2 wants dirty_expire_centisecs 300..1000 and "
		       "dirty_writeback_centisecs 1..100 (have %ld, %ld)\n", expire, every);
		return 1;
	}
	snprintf(a, sizeof(a), "%s/expire2.a", dir);
	snprintf(b, sizeof(b), "%s/expire2.b", dir);
	sync();
	if (write_file(a, 65536, 5) < 0) {
		printf("wbtest: FAIL write %s: %s\n", a, strerror(errno));
		return 1;
	}
	t0 = mmk_now_ns();
	sleep_ms(2000);
	if (write_file(b, 4096, 6) < 0) {
		printf("wbtest: FAIL write %s: %s\n", b, strerror(errno));
		return 1;
	}
	tb = mmk_now_ns();
	while (ms_since(t0) < 2000 + limit + 1000 && (!a_ms || !b_ms)) {
		if (!a_ms && file_dirty_kb(a) == 0)
			a_ms = ms_since(t0);
		if (!b_ms && file_dirty_kb(b) == 0)
			b_ms = ms_since(tb);
		sleep_ms(50);
	}
	printf("  a 64 KiB file, then 2 s later a 4 KiB one: the first clean %llu ms after its "
	       "write, the second %llu ms after its own (expiry %ld ms)\n",
	       (unsigned long long)a_ms, (unsigned long long)b_ms, expire * 10);
	check(a_ms && a_ms <= limit, "the older file was written when it expired");
	check(a_ms + 200 >= (uint64_t)expire * 10, "the older file not before its expiry");
	check(b_ms && b_ms <= limit, "the younger file was written when it expired");
	check(b_ms + 200 >= (uint64_t)expire * 10,
	      "the younger file was not written before its own expiry");
	unlink(a);
	unlink(b);
	return failed;
}

/* ---- throttle: a writer above dirty_ratio waits for writeback ---------- */

static int t_throttle(const char *file, long mb)
{
	long thresh, max_dirty = 0, before = vmstat("dirty_throttled");
	static char buf[65536];
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long i, n = mb * 16;

	if (fd < 0) {
		printf("wbtest: FAIL open: %s\n", strerror(errno));
		return 1;
	}
	pattern(buf, sizeof(buf), 2);
	for (i = 0; i < n; i++) {
		long d;

		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf)) {
			check(0, "write");
			break;
		}
		d = meminfo("Dirty:") + meminfo("Writeback:");
		if (d > max_dirty)
			max_dirty = d;
	}
	close(fd);
	thresh = vmstat("nr_dirty_threshold") * 4;
	printf("  wrote %ld MiB: Dirty+Writeback peaked at %ld kB, dirty_ratio limit %ld kB, "
	       "throttled %ld times\n", mb, max_dirty, thresh, vmstat("dirty_throttled") - before);
	check(vmstat("dirty_throttled") > before, "the writer was throttled");
	check(max_dirty <= thresh + thresh / 10 + 256, "Dirty stayed near the limit");
	return failed;
}

/* ---- dropcache: clean pages go, a re-read reads the disk ----------------- */

static int read_all(const char *file, long *bytes)
{
	static char buf[65536];
	int fd = open(file, O_RDONLY);
	ssize_t r;

	*bytes = 0;
	if (fd < 0)
		return -1;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		*bytes += r;
	close(fd);
	return 0;
}

static int t_dropcache(const char *file, long mb)
{
	static char buf[65536];
	long cached0, cached1, cached2, in0, in1, got;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644), i;

	pattern(buf, sizeof(buf), 3);
	for (i = 0; fd >= 0 && i < mb * 16; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			check(0, "write");
	if (fd >= 0)
		close(fd);
	sync();
	cached0 = meminfo("Cached:") - meminfo("Shmem:");
	set_knob("drop_caches", 1);
	cached1 = meminfo("Cached:") - meminfo("Shmem:");
	in0 = vmstat("pgpgin");
	check(read_all(file, &got) == 0 && got == mb * 1048576, "read the file back");
	in1 = vmstat("pgpgin");
	cached2 = meminfo("Cached:") - meminfo("Shmem:");
	printf("  Cached (less Shmem): %ld kB, after drop_caches=1 %ld kB, after re-reading "
	       "%ld kB; pgpgin +%ld kB\n", cached0, cached1, cached2, in1 - in0);
	check(cached0 >= mb * 1024, "the written file was cached");
	check(cached1 <= 256, "drop_caches=1 dropped the clean page cache");
	check(in1 - in0 >= mb * 1024, "the re-read came from the disk");
	check(cached2 >= mb * 1024, "and is cached again");
	return failed;
}

/* ---- mmap: a shared mapping's write reaches the disk at msync ------------ */

static int t_mmap(const char *file)
{
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	long written0, dirty_after;
	char *p;

	if (fd < 0 || ftruncate(fd, 8192)) {
		printf("wbtest: FAIL open/ftruncate: %s\n", strerror(errno));
		return 1;
	}
	sync();
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		printf("wbtest: FAIL mmap: %s\n", strerror(errno));
		return 1;
	}
	written0 = vmstat("nr_written");
	check(meminfo("Dirty:") == 0, "clean before the store");
	memcpy(p + 4096, "written through MAP_SHARED\n", 27);
	check(meminfo("Dirty:") >= 4, "the store dirtied the page (a write fault)");
	check(msync(p, 8192, MS_SYNC) == 0, "msync(MS_SYNC)");
	dirty_after = meminfo("Dirty:");
	printf("  Dirty after msync %ld kB, pages written %ld\n", dirty_after,
	       vmstat("nr_written") - written0);
	check(dirty_after == 0, "clean after msync");
	check(vmstat("nr_written") > written0, "a page was written");
	memcpy(p + 4096 + 27, "again\n", 6);	/* write-protected by writeback: faults again */
	check(meminfo("Dirty:") >= 4, "the next store dirtied it again");
	check(msync(p, 8192, MS_SYNC) == 0, "msync again");
	munmap(p, 8192);
	close(fd);
	return failed;
}

/* ---- mmap2: page_mkclean reaches every mapping ---------------------------- */

/* The byte at offset 100 on the disk: the page cache dropped, read again. */
static int disk_byte(const char *file)
{
	char c = 0;
	int fd;

	set_knob("drop_caches", 1);
	fd = open(file, O_RDONLY);
	if (fd < 0 || pread(fd, &c, 1, 100) != 1)
		c = 0;
	if (fd >= 0)
		close(fd);
	return c;
}

static int t_mmap2(const char *file)
{
	static char zero[4096];
	int round;

	for (round = 0; round < 2; round++) {
		int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
		char *p[2], *first, *second;

		if (fd < 0 || write(fd, zero, sizeof(zero)) != (ssize_t)sizeof(zero) || fsync(fd)) {
			printf("wbtest: FAIL open/write: %s\n", strerror(errno));
			return 1;
		}
		p[0] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		p[1] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p[0] == MAP_FAILED || p[1] == MAP_FAILED) {
			printf("wbtest: FAIL mmap: %s\n", strerror(errno));
			return 1;
		}
		/* both mappings written once, so both entries are writable */
		first = p[round];
		second = p[1 - round];
		first[100] = 'x';
		second[200] = 'y';
		check(msync(first, 4096, MS_SYNC) == 0, "msync");
		check(meminfo("Dirty:") == 0, "clean after msync");
		second[100] = 'B';	/* must fault: writeback made it read-only */
		check(meminfo("Dirty:") >= 4, round ? "a store through the first mapping dirtied the page again"
						    : "a store through the second mapping dirtied the page again");
		check(msync(second, 4096, MS_SYNC) == 0, "msync again");
		munmap(p[0], 4096);
		munmap(p[1], 4096);
		close(fd);
		check(disk_byte(file) == 'B', round ? "the store through the first mapping reached the disk"
						   : "the store through the second mapping reached the disk");
	}
	unlink(file);
	return failed;
}

/* ---- unlinkopen: the inode lives until the last close -------------------- */

static int t_unlinkopen(const char *file)
{
	static char buf[1 << 20], back[1 << 20];
	struct linux_statfs64 a, b, c;
	struct linux_stat64 st;
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		printf("wbtest: FAIL open: %s\n", strerror(errno));
		return 1;
	}
	statfs64(file, &a);
	pattern(buf, sizeof(buf), 4);
	check(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "write 1 MiB");
	fsync(fd);
	statfs64(file, &b);
	check(unlink(file) == 0, "unlink while open");
	check(access(file, F_OK) != 0, "the name is gone");
	check(mmk_fstat64(fd, &st) == 0 && st.st_nlink == 0, "fstat: nlink 0");
	check(pread64(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back) &&
	      !memcmp(buf, back, sizeof(buf)), "still readable");
	check(pwrite64(fd, "more", 4, sizeof(buf)) == 4, "still writable");
	close(fd);
	sync();
	statfs64("/mnt", &c);
	printf("  free blocks: %llu before, %llu with the file, %llu after the close\n",
	       (unsigned long long)a.f_bfree, (unsigned long long)b.f_bfree,
	       (unsigned long long)c.f_bfree);
	check(b.f_bfree < a.f_bfree, "the file took blocks");
	check(c.f_bfree == a.f_bfree, "every block came back at the last close");
	return failed;
}

/* ---- enospc: a full disk is an error, not lost data ------------------------ */

static int t_enospc(const char *dir)
{
	static char buf[65536];
	char name[256];
	long files = 0, total = 0;
	int full = 0;

	while (!full && files < 10000) {
		int fd;
		ssize_t r;

		snprintf(name, sizeof(name), "%s/fill%ld", dir, files);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			check(errno == ENOSPC, "open on a full disk: ENOSPC");
			break;
		}
		pattern(buf, sizeof(buf), (unsigned)files);
		for (;;) {
			r = write(fd, buf, sizeof(buf));
			if (r < (ssize_t)sizeof(buf)) {
				if (r < 0) {
					check(errno == ENOSPC, "write on a full disk: ENOSPC");
					r = 0;
				}
				total += r;
				full = 1;
				break;
			}
			total += r;
			if (lseek(fd, 0, SEEK_CUR) >= 4 << 20)
				break;		/* next file */
		}
		check(close(fd) == 0, "close");
		files++;
	}
	sync();
	printf("  %ld files, %ld bytes before ENOSPC\n", files, total);
	check(full, "the disk filled up");
	return failed;
}

int main(int argc, char **argv)
{
	int r;

	if (argc < 3) {
		fprintf(stderr, "usage: wbtest expire|throttle|dropcache|mmap|unlinkopen|enospc "
				"PATH [MB]\n");
		return 2;
	}
	if (!strcmp(argv[1], "expire"))
		r = t_expire(argv[2]);
	else if (!strcmp(argv[1], "expire2"))
		r = t_expire2(argv[2]);
	else if (!strcmp(argv[1], "mmap2"))
		r = t_mmap2(argv[2]);
	else if (!strcmp(argv[1], "throttle"))
		r = t_throttle(argv[2], argc > 3 ? atol(argv[3]) : 64);
	else if (!strcmp(argv[1], "dropcache"))
		r = t_dropcache(argv[2], argc > 3 ? atol(argv[3]) : 8);
	else if (!strcmp(argv[1], "mmap"))
		r = t_mmap(argv[2]);
	else if (!strcmp(argv[1], "unlinkopen"))
		r = t_unlinkopen(argv[2]);
	else if (!strcmp(argv[1], "enospc"))
		r = t_enospc(argv[2]);
	else {
		fprintf(stderr, "wbtest: unknown test %s\n", argv[1]);
		return 2;
	}
	printf("wbtest: %s %s\n", r ? "FAIL" : "ok", argv[1]);
	return r;
}
