/*
 * fs_semantics [-q] [DIR] - the file-system calls behave as Linux's do.
 *
 * Works in a fresh directory DIR/fs_semantics.<pid> (DIR defaults to /tmp,
 * made if missing), removed again at the end.  Every check prints one line,
 * "  ok   what" or "  FAIL what: why" (-q: only the failures), and the last
 * line is "fs_semantics: ok" or "fs_semantics: FAIL <the failures>", exit
 * status 0 or 1, as the other test programs end.
 *
 * What is checked, in groups (each a function below):
 *   open_flags      O_CREAT, O_EXCL (EEXIST, also on a dangling symlink),
 *                   O_TRUNC, O_APPEND, O_DIRECTORY (ENOTDIR), O_NOFOLLOW
 *                   (ELOOP), directories opened for writing (EISDIR), creat
 *   offsets         pread/pwrite leave the file offset alone; _llseek past
 *                   4 GiB, SEEK_CUR/SEEK_END, negative results and bad
 *                   whence (EINVAL), pipes (ESPIPE); a byte at 4 GiB + 5
 *   holes           a byte at 1 MiB: zeros before it, st_blocks < size;
 *                   ftruncate grow/shrink/grow reads zeros, not old bytes
 *   unlinked_open   an open file survives unlink with st_nlink 0
 *   newlib_stat     stat/fstat/lstat/fstatat fill newlib's struct stat from
 *                   stat64: link count, inode, blocks, times; EOVERFLOW
 *                   past 2 GiB (as Linux's 32-bit stat)
 *   renames         over a file, onto itself, a directory into itself
 *                   (EINVAL), onto a non-empty directory (ENOTEMPTY), file
 *                   onto directory (EISDIR) and back (ENOTDIR), parents'
 *                   link counts, RENAME_NOREPLACE
 *   links           hard links and st_nlink, EEXIST, EPERM for directories
 *   symlinks        readlink's exact bytes, EINVAL, dangling links, O_CREAT
 *                   through one, loops (ELOOP) and the 40-link limit
 *   directories     EEXIST, ENOTEMPTY, rmdir "." (EINVAL), unlink of a
 *                   directory (EISDIR), ENOTDIR mid-path, ENAMETOOLONG,
 *                   st_nlink = 2 + subdirectories, 300 entries
 *   cwd             chdir/fchdir/getcwd (raw length, ERANGE), relative
 *                   paths, a removed working directory (ENOENT)
 *   modes           chmod/fchmod bits in stat, access (X_OK needs an x bit)
 *   dirents         getdents64 lists ".", ".." and every entry once with
 *                   its type and inode; small buffers; rewinding
 *   bad_args        EBADF, EISDIR, and EFAULT for NULL, kernel and unmapped
 *                   pointers as paths and buffers; then every path call with
 *                   each bad pointer and a 256-byte name (ENAMETOOLONG),
 *                   every descriptor call with a closed fd, readv/writev
 *                   vectors (bad, count -1 and 1025, lengths that overflow)
 *   sync_statfs     fsync/fdatasync/syncfs, EINVAL on a pipe, statfs64
 *   mapping         a shared file mapping and read/write see each other,
 *                   msync (ENOMEM for an unmapped range: mmkernel only)
 *   fds             fcntl flags, F_DUPFD, dup3, pipe2
 *   at_calls        the *at() calls relative to a directory descriptor
 *   data            a 300 KiB pattern written and read in odd-sized pieces
 *   mounts          ENODEV, ENOENT, umount of a non-mount point (EINVAL);
 *                   a tmpfs on a subdirectory: EBUSY while in use, EXDEV
 *                   across it, gone after umount
 *
 * Everything asserted holds on Linux (checked with user/qemu-run.sh, where
 * DIR is on the host's ext4, and on tmpfs) and is what mmkernel's VFS must
 * do.  Where the file systems may differ (a directory's st_size, d_type
 * DT_UNKNOWN) nothing is asserted.  A few expectations cannot be seen
 * through qemu-user or a user namespace; they are checked only on mmkernel
 * and named "(mmkernel)": lseek (19) past 2 GiB is EOVERFLOW, statfs64
 * refuses a size other than 84, msync of an unmapped range is ENOMEM (all
 * three true on Linux, hidden by qemu-user), a second proc on /proc is
 * EBUSY (Linux stacks mounts), mount of a missing device is ENOENT (EPERM
 * in a user namespace), and the file system's free blocks and inodes are
 * all back at the end (other processes write there on Linux).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "mmk.h"
#include "mmk_test.h"

#define GiB		(1LL << 30)
#define TMPFS_MAGIC	0x01021994

static char base[256];
static int quiet, nchecks, nfailed;
static void *bad_ptr[3];		/* NULL, kernel, unmapped */

/* ------------------------------------------------------------ reporting */
static void report(int ok, const char *what, const char *why)
{
	nchecks++;
	if (!ok) {
		nfailed++;
		t_note("%s: %s", what, why);
	}
	if (!ok || !quiet) {
		printf("  %s %s%s%s\n", ok ? "ok  " : "FAIL", what, ok ? "" : ": ", ok ? "" : why);
		fflush(stdout);
	}
}

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	report(ok, what, "not so");
}

/* The call returned r: it must be -1 with errno err. */
static void expect_err(long r, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void expect_err(long r, int err, const char *fmt, ...)
{
	char what[256], why[128];
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(what + strlen(what), sizeof(what) - strlen(what), ": %s", strerror(err));
	if (r != -1)
		snprintf(why, sizeof(why), "returned %ld", r);
	else
		snprintf(why, sizeof(why), "failed with %s", strerror(e));
	report(r == -1 && e == err, what, why);
}

/* The call returned r: it must not have failed. */
static void expect_ok(long r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void expect_ok(long r, const char *fmt, ...)
{
	char what[256], why[128];
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(why, sizeof(why), "failed: %s", strerror(e));
	report(r >= 0, what, why);
}

/* A value that must equal another. */
static void expect_eq(long long got, long long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void expect_eq(long long got, long long want, const char *fmt, ...)
{
	char what[256], why[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(what + strlen(what), sizeof(what) - strlen(what), " = %lld", want);
	snprintf(why, sizeof(why), "got %lld", got);
	report(got == want, what, why);
}

/* --------------------------------------------------------------- helpers */
/* base/name, in one of four rotating buffers. */
static const char *P(const char *name)
{
	static char buf[4][LINUX_PATH_MAX];
	static int i;

	i = (i + 1) & 3;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", base, name);
	return buf[i];
}

/* Set-up that must work for the checks after it to mean anything. */
static long must(long r, const char *what)
{
	if (r < 0)
		t_fail("set-up: %s: %s", what, strerror(errno));
	return r;
}

static void put_file(const char *path, const char *data)
{
	int fd = must(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), path);

	must(write(fd, data, strlen(data)), "write");
	close(fd);
}

/* The whole (small) file as a string, or "" if it cannot be read. */
static const char *contents(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY), n = 0;

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static struct linux_stat64 lst(const char *path)
{
	struct linux_stat64 st;

	memset(&st, 0, sizeof(st));
	if (mmk_lstat64(path, &st) < 0)
		st.st_mode = 0;
	return st;
}

static int exists(const char *path)
{
	struct linux_stat64 st;

	return mmk_lstat64(path, &st) == 0;
}

/* ------------------------------------------------------------ the checks */
static void open_flags(void)
{
	int fd;
	char buf[16];

	fd = open(P("f"), O_WRONLY | O_CREAT | O_EXCL, 0644);
	expect_ok(fd, "open(O_CREAT | O_EXCL) of a new file");
	close(fd);
	expect_err(open(P("f"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
		   "open(O_CREAT | O_EXCL) of an existing file");
	must(symlink("nowhere", P("dangling")), "symlink");
	expect_err(open(P("dangling"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST,
		   "open(O_CREAT | O_EXCL) of a dangling symlink");
	check(!exists(P("nowhere")), "... and it did not create the link's target");
	put_file(P("f"), "0123456789");
	fd = must(open(P("f"), O_WRONLY | O_TRUNC), "open O_TRUNC");
	expect_eq(lst(P("f")).st_size, 0, "open(O_TRUNC): size");
	close(fd);
	put_file(P("f"), "abc");
	fd = must(open(P("f"), O_WRONLY | O_APPEND), "open O_APPEND");
	lseek(fd, 0, SEEK_SET);
	must(write(fd, "de", 2), "write");
	expect_eq(lseek(fd, 0, SEEK_CUR), 5, "O_APPEND write after lseek(0): offset");
	/* Linux's documented quirk: pwrite on an O_APPEND file appends too */
	must(pwrite(fd, "f", 1, 0), "pwrite");
	close(fd);
	check(strcmp(contents(P("f")), "abcdef") == 0,
	      "O_APPEND: write and pwrite(offset 0) both go to the end");
	expect_err(open(P("f"), O_RDONLY | O_DIRECTORY), ENOTDIR, "open(file, O_DIRECTORY)");
	fd = open(base, O_RDONLY | O_DIRECTORY);
	expect_ok(fd, "open(directory, O_DIRECTORY)");
	close(fd);
	must(symlink("f", P("lf")), "symlink");
	expect_err(open(P("lf"), O_RDONLY | O_NOFOLLOW), ELOOP, "open(symlink, O_NOFOLLOW)");
	expect_err(open(base, O_WRONLY), EISDIR, "open(directory, O_WRONLY)");
	expect_err(open(base, O_RDWR | O_CREAT, 0644), EISDIR, "open(directory, O_CREAT)");
	expect_err(open(P("f/x"), O_RDWR | O_CREAT, 0644), ENOTDIR, "open(\"file/x\", O_CREAT)");
	expect_err(open(P("none/x"), O_RDWR | O_CREAT, 0644), ENOENT,
		   "open(\"missing/x\", O_CREAT)");
	fd = creat(P("c"), 0644);
	expect_ok(fd, "creat");
	expect_err(read(fd, buf, 1), EBADF, "read from a creat() descriptor");
	close(fd);
	unlink(P("f"));
	unlink(P("c"));
	unlink(P("lf"));
	unlink(P("dangling"));
}

static void offsets(void)
{
	int fd = must(open(P("o"), O_RDWR | O_CREAT | O_TRUNC, 0644), "open"), p[2];
	char buf[16] = { 0 };

	must(write(fd, "0123456789", 10), "write");
	expect_eq(pwrite(fd, "AB", 2, 100), 2, "pwrite at 100");
	expect_eq(lseek(fd, 0, SEEK_CUR), 10, "pwrite: file offset unchanged");
	expect_eq(pread(fd, buf, 4, 99), 3, "pread 4 at 99 of 102");
	check(buf[0] == 0 && buf[1] == 'A' && buf[2] == 'B', "pread: hole then the bytes");
	expect_eq(lseek(fd, 0, SEEK_CUR), 10, "pread: file offset unchanged");
	expect_eq(pread(fd, buf, 4, 500), 0, "pread past the end");
	expect_err(pwrite(fd, "x", 1, -1), EINVAL, "pwrite at offset -1");
	expect_eq(lseek64(fd, 5 * GiB, SEEK_SET), 5 * GiB, "_llseek(5 GiB, SEEK_SET)");
	expect_eq(lseek64(fd, 1, SEEK_CUR), 5 * GiB + 1, "_llseek(1, SEEK_CUR)");
	expect_eq(read(fd, buf, 4), 0, "read at 5 GiB of a small file");
	expect_eq(lseek64(fd, -2, SEEK_END), 100, "_llseek(-2, SEEK_END)");
	expect_err(lseek64(fd, -200, SEEK_END), EINVAL, "_llseek to a negative offset");
	expect_err(lseek64(fd, 0, 7), EINVAL, "_llseek with whence 7");
	expect_eq(pwrite64(fd, "Z", 1, 4 * GiB + 5), 1, "pwrite64 at 4 GiB + 5");
	expect_eq(lst(P("o")).st_size, 4 * GiB + 6, "st_size after it");
	buf[0] = 0;
	expect_eq(pread64(fd, buf, 2, 4 * GiB + 5), 1, "pread64 at 4 GiB + 5");
	check(buf[0] == 'Z', "... reads the byte back");
	check(lst(P("o")).st_blocks < 1024, "a 4 GiB sparse file has few blocks (%llu)",
	      (unsigned long long)lst(P("o")).st_blocks);
	expect_err(stat(P("o"), &(struct stat){ 0 }), EOVERFLOW,
		   "newlib's stat() (32-bit st_size) of a file past 2 GiB");
	if (!mmk_on_linux()) {	/* qemu-user returns the 64-bit host offset truncated */
		lseek64(fd, 0x7fffffff, SEEK_SET);
		expect_err(lseek(fd, 1, SEEK_CUR), EOVERFLOW, "(mmkernel) lseek past 2 GiB");
	}
	must(pipe(p), "pipe");
	expect_err(lseek64(p[0], 0, SEEK_CUR), ESPIPE, "_llseek on a pipe");
	expect_err(pread(p[0], buf, 1, 0), ESPIPE, "pread on a pipe");
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink(P("o"));
}

/* All n bytes at off are zero. */
static int zeros_at(int fd, int64_t off, size_t n)
{
	char buf[4096];
	size_t i;

	if (n > sizeof(buf) || pread64(fd, buf, n, off) != (ssize_t)n)
		return 0;
	for (i = 0; i < n; i++)
		if (buf[i])
			return 0;
	return 1;
}

static void holes(void)
{
	int fd = must(open(P("h"), O_RDWR | O_CREAT | O_TRUNC, 0644), "open");
	struct linux_stat64 st;
	char buf[8];

	expect_eq(pwrite(fd, "x", 1, 1 << 20), 1, "write 1 byte at 1 MiB");
	must(mmk_fstat64(fd, &st), "fstat");
	expect_eq(st.st_size, (1 << 20) + 1, "st_size");
	check((int64_t)st.st_blocks * 512 < st.st_size, "st_blocks * 512 (%llu) < st_size",
	      (unsigned long long)st.st_blocks * 512);
	check(zeros_at(fd, 0, 4096) && zeros_at(fd, 512 * 1024, 4096),
	      "the hole reads as zeros");
	put_file(P("t"), "abc");
	close(fd);
	fd = must(open(P("t"), O_RDWR), "open");
	expect_ok(ftruncate(fd, 10000), "ftruncate grow to 10000");
	expect_eq(lst(P("t")).st_size, 10000, "st_size");
	check(zeros_at(fd, 3, 4000) && zeros_at(fd, 9000, 1000), "grown part reads zeros");
	expect_ok(ftruncate(fd, 2), "ftruncate shrink to 2");
	expect_eq(pread(fd, buf, 8, 0), 2, "read after shrinking");
	expect_ok(ftruncate(fd, 5), "ftruncate grow again to 5");
	check(pread(fd, buf, 8, 0) == 5 && !memcmp(buf, "ab\0\0\0", 5),
	      "bytes 2-4 are zeros, not the old 'c'");
	expect_ok(truncate(P("t"), 4096 * 3 + 7), "truncate by path");
	expect_eq(lst(P("t")).st_size, 4096 * 3 + 7, "st_size");
	expect_err(ftruncate(fd, -1), EINVAL, "ftruncate to -1");
	close(fd);
	fd = must(open(P("t"), O_RDONLY), "open");
	expect_err(ftruncate(fd, 0), EINVAL, "ftruncate of a read-only descriptor");
	close(fd);
	expect_err(truncate(base, 0), EISDIR, "truncate of a directory");
	unlink(P("h"));
	unlink(P("t"));
}

static void unlinked_open(void)
{
	int fd = must(open(P("u"), O_RDWR | O_CREAT | O_TRUNC, 0644), "open");
	struct linux_stat64 st;
	char buf[16] = { 0 };

	must(write(fd, "still here", 10), "write");
	expect_ok(unlink(P("u")), "unlink an open file");
	check(!exists(P("u")), "its name is gone");
	must(mmk_fstat64(fd, &st), "fstat");
	expect_eq(st.st_nlink, 0, "fstat of the unlinked file: st_nlink");
	check(pread(fd, buf, 10, 0) == 10 && !memcmp(buf, "still here", 10),
	      "the unlinked file is still readable");
	expect_eq(pwrite(fd, "!", 1, 10), 1, "... and writable");
	must(mmk_fstat64(fd, &st), "fstat");
	expect_eq(st.st_size, 11, "... and grows");
	expect_ok(close(fd), "close of the last descriptor");
}

static void renames(void)
{
	int fd;
	char buf[8] = { 0 };

	put_file(P("a"), "AAA");
	put_file(P("b"), "BBB");
	fd = must(open(P("b"), O_RDONLY), "open");
	expect_ok(rename(P("a"), P("b")), "rename over an existing file");
	check(!exists(P("a")) && strcmp(contents(P("b")), "AAA") == 0,
	      "the old name is gone, the new one has the content");
	check(read(fd, buf, 3) == 3 && !memcmp(buf, "BBB", 3),
	      "a descriptor of the replaced file still reads it");
	close(fd);
	expect_ok(rename(P("b"), P("b")), "rename of a file onto itself");
	check(exists(P("b")), "... leaves it there");
	must(mkdir(P("d"), 0755), "mkdir");
	must(mkdir(P("d/sub"), 0755), "mkdir");
	must(mkdir(P("e"), 0755), "mkdir");
	must(mkdir(P("full"), 0755), "mkdir");
	put_file(P("full/x"), "x");
	expect_err(rename(P("d"), P("d/sub/d")), EINVAL, "rename a directory into itself");
	expect_err(rename(P("e"), P("full")), ENOTEMPTY, "rename onto a non-empty directory");
	expect_err(rename(P("b"), P("e")), EISDIR, "rename a file onto a directory");
	expect_err(rename(P("e"), P("b")), ENOTDIR, "rename a directory onto a file");
	expect_err(rename(P("missing"), P("m2")), ENOENT, "rename of a missing file");
	expect_eq(lst(base).st_nlink, 5, "st_nlink of a directory with 3 subdirectories");
	expect_ok(rename(P("e"), P("d/e")), "rename a directory to another parent");
	expect_eq(lst(P("d")).st_nlink, 4, "the new parent's st_nlink (sub and e)");
	expect_eq(lst(base).st_nlink, 4, "the old parent's st_nlink");
	expect_ok(rename(P("d/e"), P("full2")), "rename it back under another name");
	expect_ok(rename(P("full2"), P("d/sub")), "rename a directory onto an empty one");
	check(S_ISDIR(lst(P("d/sub")).st_mode) && !exists(P("full2")), "... replaces it");
	expect_err(renameat2(AT_FDCWD, P("b"), AT_FDCWD, P("full/x"), RENAME_NOREPLACE), EEXIST,
		   "renameat2(RENAME_NOREPLACE) onto an existing name");
	expect_ok(renameat2(AT_FDCWD, P("b"), AT_FDCWD, P("c"), RENAME_NOREPLACE),
		  "renameat2(RENAME_NOREPLACE) to a free name");
	mmk_remove_tree(P("d"));
	mmk_remove_tree(P("full"));
	unlink(P("c"));
}

/* newlib's struct stat, filled by the library from Linux's stat64. */
static void newlib_stat(void)
{
	struct linux_stat64 ls;
	struct stat st, fst;
	int fd;

	put_file(P("ns"), "newlib");
	must(link(P("ns"), P("ns2")), "link");
	must(symlink("ns", P("nsl")), "symlink");
	must(mmk_stat64(P("ns"), &ls), "stat64");
	expect_ok(stat(P("ns"), &st), "stat() into newlib's struct stat");
	check(st.st_nlink == 2 && st.st_size == 6 && st.st_mode == ls.st_mode &&
	      st.st_ino == (ino_t)ls.st_ino && st.st_blocks == (blkcnt_t)ls.st_blocks &&
	      st.st_blksize == (blksize_t)ls.st_blksize && st.st_uid == ls.st_uid &&
	      st.st_gid == ls.st_gid && st.st_dev == (dev_t)ls.st_dev,
	      "... st_nlink, st_size, st_mode, st_ino, st_blocks, st_blksize, ids agree");
	check(st.st_atim.tv_sec == ls.st_atime_sec && st.st_atim.tv_nsec == (long)ls.st_atime_nsec &&
	      st.st_mtim.tv_sec == ls.st_mtime_sec && st.st_mtim.tv_nsec == (long)ls.st_mtime_nsec &&
	      st.st_ctim.tv_sec == ls.st_ctime_sec && st.st_ctim.tv_nsec == (long)ls.st_ctime_nsec,
	      "... and the three times, with nanoseconds");
	fd = must(open(P("ns"), O_RDONLY), "open");
	expect_ok(fstat(fd, &fst), "fstat()");
	check(fst.st_ino == st.st_ino && fst.st_nlink == 2 && fst.st_size == 6 &&
	      fst.st_mtim.tv_nsec == st.st_mtim.tv_nsec, "fstat() = stat()");
	close(fd);
	expect_ok(lstat(P("nsl"), &st), "lstat() of a symlink");
	check(S_ISLNK(st.st_mode) && st.st_size == 2, "... is the link (st_size 2)");
	expect_ok(fstatat(AT_FDCWD, P("nsl"), &st, AT_SYMLINK_NOFOLLOW),
		  "fstatat(AT_SYMLINK_NOFOLLOW)");
	check(S_ISLNK(st.st_mode), "... is the link");
	expect_ok(stat(P("nsl"), &st), "stat() follows it");
	check(S_ISREG(st.st_mode) && st.st_nlink == 2, "... to the file");
	if (mmk_stat64("/dev/null", &ls) == 0 && S_ISCHR(ls.st_mode) && stat("/dev/null", &st) == 0)
		check(st.st_rdev == (dev_t)ls.st_rdev && MMK_MAJOR(ls.st_rdev) == 1 &&
		      MMK_MINOR(ls.st_rdev) == 3, "/dev/null: st_rdev is 1,3");
	unlink(P("ns"));
	unlink(P("ns2"));
	unlink(P("nsl"));
}

static void links(void)
{
	put_file(P("l1"), "linked");
	expect_ok(link(P("l1"), P("l2")), "link");
	expect_eq(lst(P("l1")).st_nlink, 2, "st_nlink of the first name");
	expect_eq(lst(P("l2")).st_nlink, 2, "st_nlink of the second name");
	check(lst(P("l1")).st_ino == lst(P("l2")).st_ino, "both names have one inode");
	check(strcmp(contents(P("l2")), "linked") == 0, "the second name reads the content");
	expect_err(link(P("l1"), P("l2")), EEXIST, "link to an existing name");
	expect_err(link(P("none"), P("l3")), ENOENT, "link of a missing file");
	must(mkdir(P("ld"), 0755), "mkdir");
	expect_err(link(P("ld"), P("ld2")), EPERM, "link of a directory");
	expect_ok(unlink(P("l1")), "unlink the first name");
	expect_eq(lst(P("l2")).st_nlink, 1, "st_nlink of the other");
	unlink(P("l2"));
	rmdir(P("ld"));
}

static void symlinks(void)
{
	struct linux_stat64 st;
	char buf[64], name[16];
	int i, fd;

	put_file(P("target"), "T");
	expect_ok(symlink("target", P("s")), "symlink");
	memset(buf, 'X', sizeof(buf));
	expect_eq(readlink(P("s"), buf, sizeof(buf)), 6, "readlink: length");
	check(!memcmp(buf, "target", 6) && buf[6] == 'X', "readlink: the bytes, no NUL after");
	expect_eq(readlink(P("s"), buf, 3), 3, "readlink into 3 bytes: cut");
	expect_err(readlink(P("target"), buf, sizeof(buf)), EINVAL, "readlink of a regular file");
	expect_err(readlink(P("s"), buf, 0), EINVAL, "readlink with size 0");
	check(S_ISLNK(lst(P("s")).st_mode) && lst(P("s")).st_size == 6,
	      "lstat: a link, st_size = length of the target");
	check(strcmp(contents(P("s")), "T") == 0, "open follows the link");
	expect_ok(symlink("missing", P("dl")), "symlink to a missing file");
	expect_err(mmk_stat64(P("dl"), &st), ENOENT, "stat of a dangling link");
	expect_ok(mmk_lstat64(P("dl"), &st), "lstat of a dangling link");
	fd = open(P("dl"), O_WRONLY | O_CREAT, 0644);
	expect_ok(fd, "open(O_CREAT) through a dangling link");
	close(fd);
	check(exists(P("missing")), "... creates its target");
	expect_err(symlink("", P("empty")), ENOENT, "symlink to \"\"");
	expect_err(symlink("x", P("s")), EEXIST, "symlink onto an existing name");
	must(symlink("loop2", P("loop1")), "symlink");
	must(symlink("loop1", P("loop2")), "symlink");
	expect_err(open(P("loop1"), O_RDONLY), ELOOP, "open of a symlink loop");
	/* chain: c0 -> target, c1 -> c0, ... c40 -> c39 */
	for (i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(buf, sizeof(buf), i ? "c%d" : "target", i - 1);
		must(symlink(buf, P(name)), "symlink chain");
	}
	fd = open(P("c39"), O_RDONLY);
	expect_ok(fd, "open through 40 symlinks");
	close(fd);
	expect_err(open(P("c40"), O_RDONLY), ELOOP, "open through 41 symlinks");
	for (i = 0; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		unlink(P(name));
	}
	unlink(P("loop1"));
	unlink(P("loop2"));
	unlink(P("missing"));
	unlink(P("dl"));
	unlink(P("s"));
	unlink(P("target"));
}

static void directories(void)
{
	char name[300], path[LINUX_PATH_MAX + 64];
	int i, n = 0, fd;
	struct mmk_dirent *d;

	expect_ok(mkdir(P("dir"), 0755), "mkdir");
	expect_err(mkdir(P("dir"), 0755), EEXIST, "mkdir of an existing directory");
	expect_ok(mkdir(P("dir2/"), 0755), "mkdir with a trailing '/'");
	expect_err(mkdir(P("none/x"), 0755), ENOENT, "mkdir under a missing directory");
	expect_eq(lst(P("dir")).st_nlink, 2, "st_nlink of an empty directory");
	must(mkdir(P("dir/a"), 0755), "mkdir");
	must(mkdir(P("dir/b"), 0755), "mkdir");
	put_file(P("dir/f"), "f");
	expect_eq(lst(P("dir")).st_nlink, 4, "st_nlink with 2 subdirectories and a file");
	expect_err(rmdir(P("dir")), ENOTEMPTY, "rmdir of a non-empty directory");
	expect_err(rmdir(P("dir/.")), EINVAL, "rmdir \"dir/.\"");
	expect_err(rmdir(P("dir/a/..")), ENOTEMPTY, "rmdir \"dir/a/..\"");
	expect_err(rmdir(P("dir/f")), ENOTDIR, "rmdir of a file");
	expect_err(unlink(P("dir/a")), EISDIR, "unlink of a directory");
	expect_err(open(P("dir/f/x"), O_RDONLY), ENOTDIR, "open \"file/x\"");
	expect_err(mkdir(P("dir/f/x"), 0755), ENOTDIR, "mkdir \"file/x\"");
	expect_err(mmk_stat64(P("dir/f/x"), &(struct linux_stat64){ 0 }), ENOTDIR, "stat \"file/x\"");
	expect_ok(rmdir(P("dir/b")), "rmdir");
	expect_eq(lst(P("dir")).st_nlink, 3, "st_nlink after rmdir of a subdirectory");
	memset(name, 'n', 256);
	name[256] = '\0';
	expect_err(open(P(name), O_RDWR | O_CREAT, 0644), ENAMETOOLONG,
		   "open(O_CREAT) with a 256-byte name");
	expect_err(mkdir(P(name), 0755), ENAMETOOLONG, "mkdir with a 256-byte name");
	name[255] = '\0';
	fd = open(P(name), O_RDWR | O_CREAT, 0644);
	expect_ok(fd, "open(O_CREAT) with a 255-byte name");
	close(fd);
	unlink(P(name));
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	for (i = 100; i < (int)sizeof(path); i += 101)
		path[i] = '/';
	path[0] = '/';
	expect_err(open(path, O_RDONLY), ENAMETOOLONG, "open of a path longer than 4096 bytes");
	/* many entries: every one listed once */
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "dir/a/entry-%03d", i);
		put_file(P(name), "");
	}
	d = mmk_read_dir(P("dir/a"), 0, &n);
	expect_eq(n, 300, "getdents64 of a directory with 300 files: entries");
	for (i = 0; d && i < n && i < 300; i++) {
		snprintf(name, sizeof(name), "entry-%03d", i);
		if (strcmp(d[i].name, name))
			break;
	}
	check(d && i == 300, "... each name once");
	mmk_free_dir(d, n);
	mmk_remove_tree(P("dir"));
	check(!exists(P("dir")), "a tree of 300 files removed");
	rmdir(P("dir2"));
}

static void cwd(void)
{
	char buf[LINUX_PATH_MAX], want[LINUX_PATH_MAX];
	int fd, len;

	must(mkdir(P("wd"), 0755), "mkdir");
	must(mkdir(P("wd/sub"), 0755), "mkdir");
	expect_ok(chdir(P("wd")), "chdir");
	len = mmk_getcwd(buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s/wd", base);
	check(len > 0 && strcmp(buf, want) == 0, "getcwd: %s", want);
	expect_eq(len, (long long)strlen(want) + 1, "getcwd (raw): length with the NUL");
	expect_err(mmk_getcwd(buf, strlen(want)), ERANGE, "getcwd with a buffer one too short");
	put_file("rel", "relative");
	check(strcmp(contents(P("wd/rel")), "relative") == 0, "a relative path is in the cwd");
	expect_ok(chdir("sub"), "chdir to a relative path");
	expect_ok(chdir(".."), "chdir(\"..\")");
	check(getcwd(buf, sizeof(buf)) && strcmp(buf, want) == 0, "back in %s", want);
	expect_err(chdir("rel"), ENOTDIR, "chdir to a file");
	expect_err(chdir("none"), ENOENT, "chdir to a missing directory");
	fd = must(open(base, O_RDONLY | O_DIRECTORY), "open");
	expect_ok(fchdir(fd), "fchdir");
	close(fd);
	check(getcwd(buf, sizeof(buf)) && strcmp(buf, base) == 0, "getcwd after fchdir");
	fd = must(open(P("wd/rel"), O_RDONLY), "open");
	expect_err(fchdir(fd), ENOTDIR, "fchdir to a file");
	close(fd);
	must(chdir(P("wd/sub")), "chdir");
	expect_ok(rmdir(P("wd/sub")), "rmdir of the working directory");
	expect_err(mmk_getcwd(buf, sizeof(buf)), ENOENT, "getcwd in a removed directory");
	expect_err(open("x", O_RDWR | O_CREAT, 0644), ENOENT,
		   "creating a file in a removed directory");
	must(chdir("/"), "chdir /");
	mmk_remove_tree(P("wd"));
}

static void modes(void)
{
	int fd;

	put_file(P("m"), "m");
	expect_ok(chmod(P("m"), 0600), "chmod 0600");
	expect_eq(lst(P("m")).st_mode & 07777, 0600, "mode bits");
	fd = must(open(P("m"), O_RDONLY), "open");
	expect_ok(fchmod(fd, 04751), "fchmod 04751");
	close(fd);
	expect_eq(lst(P("m")).st_mode & 07777, 04751, "mode bits");
	check(S_ISREG(lst(P("m")).st_mode), "the file type is kept");
	must(mkdir(P("md"), 0755), "mkdir");
	expect_ok(chmod(P("md"), 01777), "chmod 01777 of a directory");
	expect_eq(lst(P("md")).st_mode & 07777, 01777, "mode bits (sticky)");
	expect_ok(access(P("m"), F_OK), "access F_OK");
	expect_err(access(P("none"), F_OK), ENOENT, "access F_OK of a missing file");
	expect_ok(access(P("m"), R_OK | W_OK), "access R_OK | W_OK as root");
	expect_ok(access(P("m"), X_OK), "access X_OK of a mode 4751 file");
	chmod(P("m"), 0644);
	expect_err(access(P("m"), X_OK), EACCES, "access X_OK of a mode 0644 file, even for root");
	expect_ok(faccessat(AT_FDCWD, P("m"), R_OK, 0), "faccessat");
	unlink(P("m"));
	rmdir(P("md"));
}

/* getdents64 of fd with a buf-byte buffer; the names found, in *seen. */
struct listing {
	int dot, dotdot, reg, dir, lnk, ino_ok, other, calls;
};

static int list_with(int fd, size_t size, struct listing *l, uint64_t reg_ino)
{
	char buf[4096] __attribute__((aligned(8)));
	int n, off;

	memset(l, 0, sizeof(*l));
	while ((n = getdents64(fd, buf, size)) > 0) {
		l->calls++;
		for (off = 0; off < n; ) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (d->d_reclen == 0)
				return -1;
			off += d->d_reclen;
			if (!strcmp(d->d_name, "."))
				l->dot++;
			else if (!strcmp(d->d_name, ".."))
				l->dotdot++;
			else if (!strcmp(d->d_name, "reg")) {
				l->reg += d->d_type == MMK_DT_REG || d->d_type == MMK_DT_UNKNOWN;
				l->ino_ok = d->d_ino == reg_ino;
			} else if (!strcmp(d->d_name, "sub"))
				l->dir += d->d_type == MMK_DT_DIR || d->d_type == MMK_DT_UNKNOWN;
			else if (!strcmp(d->d_name, "lnk"))
				l->lnk += d->d_type == MMK_DT_LNK || d->d_type == MMK_DT_UNKNOWN;
			else
				l->other++;
		}
	}
	return n;
}

static void dirents(void)
{
	struct listing l;
	uint64_t ino;
	int fd;
	char buf[64] __attribute__((aligned(8)));

	must(mkdir(P("ls"), 0755), "mkdir");
	put_file(P("ls/reg"), "r");
	must(mkdir(P("ls/sub"), 0755), "mkdir");
	must(symlink("reg", P("ls/lnk")), "symlink");
	ino = lst(P("ls/reg")).st_ino;
	fd = must(open(P("ls"), O_RDONLY | O_DIRECTORY), "open");
	expect_eq(list_with(fd, 4096, &l, ino), 0, "getdents64 until it returns 0");
	check(l.dot == 1 && l.dotdot == 1, "\".\" and \"..\" listed once each");
	check(l.reg == 1 && l.dir == 1 && l.lnk == 1 && l.other == 0,
	      "every entry once, d_type DT_REG / DT_DIR / DT_LNK");
	check(l.ino_ok, "d_ino = st_ino");
	expect_eq(lseek(fd, 0, SEEK_SET), 0, "lseek(0) on a directory");
	list_with(fd, 40, &l, ino);		/* room for one entry per call */
	check(l.dot == 1 && l.dotdot == 1 && l.reg == 1 && l.dir == 1 && l.lnk == 1 &&
	      l.calls == 5, "after rewinding, 40-byte buffers: one entry per call (%d calls)",
	      l.calls);
	lseek(fd, 0, SEEK_SET);
	expect_err(getdents64(fd, buf, 16), EINVAL, "getdents64 with a buffer too small for one");
	close(fd);
	fd = must(open(P("ls/reg"), O_RDONLY), "open");
	expect_err(getdents64(fd, buf, sizeof(buf)), ENOTDIR, "getdents64 of a file");
	close(fd);
	mmk_remove_tree(P("ls"));
}

/*
 * Every call that takes a path, with the path NULL, in kernel memory, in
 * an unmapped page (EFAULT) and with a 256-byte name in it (ENAMETOOLONG);
 * every call that takes a descriptor, with a closed one (EBADF); readv and
 * writev with bad vectors.  By number, so that each reaches the kernel as
 * the program wrote it.
 */
static void bad_tables(int rfd, int wfd)
{
	static const struct { int nr; const char *name; long a1, a2; int path_at; } paths[] = {
		{ 10, "unlink", 0, 0, 0 }, { 12, "chdir", 0, 0, 0 }, { 14, "mknod", 0100644, 0, 0 },
		{ 15, "chmod", 0644, 0, 0 }, { 33, "access", 0, 0, 0 }, { 39, "mkdir", 0755, 0, 0 },
		{ 40, "rmdir", 0, 0, 0 }, { 8, "creat", 0644, 0, 0 }, { 193, "truncate64", 0, 0, 0 },
		{ 195, "stat64", 0, 0, 0 }, { 196, "lstat64", 0, 0, 0 }, { 85, "readlink", 0, 16, 0 },
		{ 83, "symlink (link path)", 0, 0, 1 }, { 9, "link (new path)", 0, 0, 1 },
		{ 38, "rename (new path)", 0, 0, 1 },
	};
	static const struct { int nr; const char *name; long a1, a2, a3; } fds[] = {
		{ 41, "dup", 0, 0, 0 }, { 63, "dup2", 10, 0, 0 }, { 358, "dup3", 10, 0, 0 },
		{ 94, "fchmod", 0644, 0, 0 }, { 148, "fdatasync", 0, 0, 0 }, { 118, "fsync", 0, 0, 0 },
		{ 373, "syncfs", 0, 0, 0 }, { 194, "ftruncate64", 0, 0, 0 },
		{ 267, "fstatfs64", 84, 1, 0 }, { 54, "ioctl", 0x5401, 1, 0 }, { 181, "pwrite64", 1, 1, 0 },
		{ 145, "readv", 1, 1, 0 }, { 146, "writev", 1, 1, 0 }, { 133, "fchdir", 0, 0, 0 },
		{ 334, "faccessat (relative)", 2, 0, 0 }, { 333, "fchmodat (relative)", 2, 0644, 0 },
		{ 323, "mkdirat (relative)", 2, 0755, 0 }, { 328, "unlinkat (relative)", 2, 0, 0 },
	};
	static const char *const which[3] = { "NULL", "a kernel address", "an unmapped page" };
	static char longname[300], buf[128];
	struct { void *base; size_t len; } iov[2];
	unsigned i, k;

	memset(longname, 'n', 256);		/* a 256-byte name: NAME_MAX + 1 */
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (k = 0; k < 4; k++) {
			long p = k < 3 ? (long)bad_ptr[k] : (long)longname, a[3];

			a[0] = paths[i].path_at ? (long)P("bad") : p;
			a[1] = paths[i].path_at ? p : paths[i].a1;
			a[2] = paths[i].path_at ? 0 : paths[i].a2;
			if (paths[i].nr == 195 || paths[i].nr == 196)
				a[1] = (long)buf;
			if (paths[i].nr == 85)
				a[1] = (long)buf;
			expect_err(mmk_ret(mmk_syscall(paths[i].nr, a[0], a[1], a[2], 0, 0, 0)),
				   k < 3 ? EFAULT : ENAMETOOLONG, "%s(path %s)", paths[i].name,
				   k < 3 ? which[k] : "with a 256-byte name");
		}
	}
	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		long a1 = fds[i].a1 == 1 ? (long)buf : fds[i].a1, a2 = fds[i].a2 == 1 ? (long)buf : fds[i].a2;
		long fd = 999;

		if (fds[i].nr == 334 || fds[i].nr == 333 || fds[i].nr == 323 || fds[i].nr == 328) {
			a1 = (long)"relative";	/* the dirfd is the one that is bad */
			a2 = fds[i].a2;
		}
		if (fds[i].nr == 267 || fds[i].nr == 145 || fds[i].nr == 146)
			a2 = fds[i].nr == 267 ? (long)buf : 1;
		if (fds[i].nr == 145 || fds[i].nr == 146) {
			iov[0].base = buf;
			iov[0].len = 4;
			a1 = (long)iov;
		}
		if (fds[i].nr == 267)
			a1 = 84;
		if (fds[i].nr == 181)
			a2 = 1;			/* pwrite64(fd, buf, 1 byte, at 0) */
		expect_err(mmk_ret(mmk_syscall(fds[i].nr, fd, a1, a2, fds[i].a3, 0, 0)), EBADF,
			   "%s(a closed descriptor)", fds[i].name);
	}
	/* readv/writev: the vector itself bad, a bad buffer in it, a count out of range */
	for (k = 0; k < 3; k++) {
		expect_err(mmk_ret(mmk_syscall(145, rfd, (long)bad_ptr[k], 1, 0, 0, 0)), EFAULT,
			   "readv(vector %s)", which[k]);
		iov[0].base = bad_ptr[k];
		iov[0].len = 4;
		expect_err(mmk_ret(mmk_syscall(145, rfd, (long)iov, 1, 0, 0, 0)), EFAULT,
			   "readv(a buffer %s)", which[k]);
	}
	iov[0].base = buf;
	iov[0].len = 4;
	expect_err(mmk_ret(mmk_syscall(145, rfd, (long)iov, -1, 0, 0, 0)), EINVAL, "readv(count -1)");
	expect_err(mmk_ret(mmk_syscall(145, rfd, (long)iov, 1025, 0, 0, 0)), EINVAL,
		   "readv(count 1025, one past UIO_MAXIOV)");
	iov[1].base = buf;
	iov[1].len = 0x80000000u;		/* the total wraps a ssize_t */
	iov[0].len = 0x80000000u;
	expect_err(mmk_ret(mmk_syscall(145, rfd, (long)iov, 2, 0, 0, 0)), EINVAL,
		   "readv(lengths whose sum overflows ssize_t)");
	expect_err(mmk_ret(mmk_syscall(181, wfd, (long)buf, 1, 0, 0, -1)), EINVAL,
		   "pwrite64(negative offset)");
}

static void bad_args(void)
{
	struct linux_stat64 st;
	char buf[16];
	int fd, rfd, wfd, i;
	static const char *const which[3] = { "NULL", "a kernel address", "an unmapped page" };

	expect_err(read(-1, buf, 1), EBADF, "read(-1)");
	expect_err(mmk_fstat64(999, &st), EBADF, "fstat64(999)");
	expect_err(close(999), EBADF, "close(999)");
	expect_err(fsync(999), EBADF, "fsync(999)");
	expect_err(getdents64(999, buf, sizeof(buf)), EBADF, "getdents64(999)");
	expect_err(fchdir(999), EBADF, "fchdir(999)");
	expect_err(ftruncate(999, 0), EBADF, "ftruncate(999)");
	expect_err(lseek64(999, 0, SEEK_SET), EBADF, "_llseek(999)");
	expect_err(pread(999, buf, 1, 0), EBADF, "pread(999)");
	put_file(P("bad"), "0123456789");
	rfd = must(open(P("bad"), O_RDONLY), "open");
	wfd = must(open(P("bad"), O_WRONLY), "open");
	expect_err(write(rfd, "x", 1), EBADF, "write to an O_RDONLY descriptor");
	expect_err(read(wfd, buf, 1), EBADF, "read from an O_WRONLY descriptor");
	fd = must(open(base, O_RDONLY | O_DIRECTORY), "open");
	expect_err(read(fd, buf, 1), EISDIR, "read from a directory");
	close(fd);
	for (i = 0; i < 3; i++) {
		void *b = bad_ptr[i];

		expect_err(open(b, O_RDONLY), EFAULT, "open(path %s)", which[i]);
		expect_err(mkdir(b, 0755), EFAULT, "mkdir(path %s)", which[i]);
		expect_err(mmk_stat64(P("bad"), b), EFAULT, "stat64(buffer %s)", which[i]);
		expect_err(mmk_fstat64(rfd, b), EFAULT, "fstat64(buffer %s)", which[i]);
		expect_err(read(rfd, b, 4), EFAULT, "read(buffer %s)", which[i]);
		expect_err(write(wfd, b, 4), EFAULT, "write(buffer %s)", which[i]);
		expect_err(pread(rfd, b, 4, 0), EFAULT, "pread(buffer %s)", which[i]);
		expect_err(rename(b, P("x")), EFAULT, "rename(old %s)", which[i]);
		expect_err(mmk_getcwd(b, 100), EFAULT, "getcwd(buffer %s)", which[i]);
		expect_err(statfs64(base, b), EFAULT, "statfs64(buffer %s)", which[i]);
		fd = must(open(base, O_RDONLY | O_DIRECTORY), "open");
		expect_err(getdents64(fd, b, 256), EFAULT, "getdents64(buffer %s)", which[i]);
		close(fd);
	}
	must(symlink("bad", P("badl")), "symlink");
	for (i = 0; i < 3; i++)
		expect_err(readlink(P("badl"), bad_ptr[i], 4), EFAULT, "readlink(buffer %s)",
			   which[i]);
	expect_err(mmk_ret(mmk_syscall(NR_llseek, rfd, 0, 0, (long)bad_ptr[2], SEEK_SET, 0)),
		   EFAULT, "_llseek(result pointer unmapped)");
	bad_tables(rfd, wfd);
	close(rfd);
	close(wfd);
	unlink(P("bad"));
	unlink(P("badl"));
}

static void sync_statfs(void)
{
	struct linux_statfs64 s, fs;
	unsigned char raw[96];
	int fd, p[2];

	put_file(P("s"), "sync me");
	fd = must(open(P("s"), O_RDWR), "open");
	expect_ok(fsync(fd), "fsync of a file");
	expect_ok(fdatasync(fd), "fdatasync of a file");
	expect_ok(syncfs(fd), "syncfs");
	sync();
	check(1, "sync returns");
	must(pipe(p), "pipe");
	expect_err(fsync(p[0]), EINVAL, "fsync of a pipe");
	expect_err(fdatasync(p[1]), EINVAL, "fdatasync of a pipe");
	close(p[0]);
	close(p[1]);
	expect_ok(statfs64(base, &s), "statfs64");
	check(s.f_bsize > 0 && s.f_frsize > 0, "f_bsize %u, f_frsize %u > 0",
	      (unsigned)s.f_bsize, (unsigned)s.f_frsize);
	check(s.f_blocks >= s.f_bfree && s.f_bfree >= s.f_bavail,
	      "f_blocks %llu >= f_bfree %llu >= f_bavail %llu", (unsigned long long)s.f_blocks,
	      (unsigned long long)s.f_bfree, (unsigned long long)s.f_bavail);
	expect_eq(s.f_namelen, 255, "f_namelen");
	expect_ok(fstatfs64(fd, &fs), "fstatfs64");
	check(fs.f_type == s.f_type && fs.f_blocks == s.f_blocks && fs.f_bsize == s.f_bsize,
	      "fstatfs64 and statfs64 agree");
	expect_err(statfs64(P("none"), &s), ENOENT, "statfs64 of a missing path");
	memset(raw, 0xa5, sizeof(raw));
	expect_ok(mmk_ret(mmk_syscall(NR_statfs64, (long)base, 84, (long)raw, 0, 0, 0)),
		  "statfs64 with size 84");
	check(raw[84] == 0xa5 && raw[87] == 0xa5, "statfs64 writes 84 bytes, not 88");
	if (!mmk_on_linux())	/* qemu-user ignores the size argument */
		expect_err(mmk_ret(mmk_syscall(NR_statfs64, (long)base, 80, (long)raw, 0, 0, 0)),
			   EINVAL, "(mmkernel) statfs64 with size 80");
	close(fd);
	unlink(P("s"));
}

static void mapping(void)
{
	int fd = must(open(P("map"), O_RDWR | O_CREAT | O_TRUNC, 0644), "open");
	char *m, buf[8] = { 0 };

	must(ftruncate(fd, 8192), "ftruncate");
	must(pwrite(fd, "before", 6, 4096), "pwrite");
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		report(0, "mmap(MAP_SHARED) of a file", strerror(errno));
		close(fd);
		return;
	}
	check(memcmp(m + 4096, "before", 6) == 0, "the mapping sees what write() put there");
	memcpy(m + 100, "mapped", 6);
	check(pread(fd, buf, 6, 100) == 6 && !memcmp(buf, "mapped", 6),
	      "read() sees a store to the mapping at once (one page cache)");
	must(pwrite(fd, "later!", 6, 4096), "pwrite");
	check(memcmp(m + 4096, "later!", 6) == 0, "the mapping sees a later write()");
	expect_ok(msync(m, 8192, MS_SYNC), "msync(MS_SYNC)");
	expect_ok(msync(m, 4096, MS_ASYNC), "msync(MS_ASYNC)");
	expect_err(msync(m + 1, 4096, MS_SYNC), EINVAL, "msync of an unaligned address");
	expect_err(msync(m, 4096, MS_SYNC | MS_ASYNC), EINVAL, "msync(MS_SYNC | MS_ASYNC)");
	munmap(m, 8192);
	if (!mmk_on_linux())	/* qemu-user keeps the guest's range reserved */
		expect_err(msync(m, 4096, MS_SYNC), ENOMEM, "(mmkernel) msync of an unmapped range");
	check(pread(fd, buf, 6, 100) == 6 && !memcmp(buf, "mapped", 6),
	      "the stores are in the file after munmap");
	close(fd);
	unlink(P("map"));
}

static void fds(void)
{
	int fd, fd2, p[2];
	char c;

	put_file(P("fl"), "x");
	fd = must(open(P("fl"), O_RDWR | O_APPEND), "open");
	expect_eq(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		  O_RDWR | O_APPEND, "fcntl(F_GETFL) of an O_RDWR | O_APPEND file");
	expect_ok(fcntl(fd, F_SETFL, O_NONBLOCK), "fcntl(F_SETFL, O_NONBLOCK)");
	expect_eq(fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND | O_NONBLOCK),
		  O_RDWR | O_NONBLOCK, "F_SETFL replaced O_APPEND, kept the access mode");
	expect_eq(fcntl(fd, F_GETFD), 0, "fcntl(F_GETFD) of a new descriptor");
	expect_ok(fcntl(fd, F_SETFD, FD_CLOEXEC), "fcntl(F_SETFD, FD_CLOEXEC)");
	expect_eq(fcntl(fd, F_GETFD), FD_CLOEXEC, "fcntl(F_GETFD)");
	fd2 = fcntl(fd, F_DUPFD, 20);
	check(fd2 >= 20, "fcntl(F_DUPFD, 20) gives a descriptor >= 20 (%d)", fd2);
	expect_eq(fcntl(fd2, F_GETFD), 0, "the duplicate has no FD_CLOEXEC");
	close(fd2);
	fd2 = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	expect_eq(fcntl(fd2, F_GETFD), FD_CLOEXEC, "F_DUPFD_CLOEXEC sets it");
	expect_err(dup3(fd, fd, 0), EINVAL, "dup3 onto itself");
	expect_err(dup3(fd, fd2, O_NONBLOCK), EINVAL, "dup3 with a flag other than O_CLOEXEC");
	expect_eq(dup3(fd, 30, O_CLOEXEC), 30, "dup3(fd, 30, O_CLOEXEC)");
	expect_eq(fcntl(30, F_GETFD), FD_CLOEXEC, "... sets FD_CLOEXEC");
	expect_err(fcntl(999, F_GETFD), EBADF, "fcntl(999)");
	close(30);
	close(fd2);
	close(fd);
	expect_ok(pipe2(p, O_CLOEXEC | O_NONBLOCK), "pipe2(O_CLOEXEC | O_NONBLOCK)");
	expect_eq(fcntl(p[0], F_GETFD), FD_CLOEXEC, "pipe2: FD_CLOEXEC");
	expect_err(read(p[0], &c, 1), EAGAIN, "read of an empty O_NONBLOCK pipe");
	close(p[0]);
	close(p[1]);
	unlink(P("fl"));
}

static void at_calls(void)
{
	struct linux_stat64 st;
	char buf[16];
	int d, fd;

	must(mkdir(P("at"), 0755), "mkdir");
	d = must(open(P("at"), O_RDONLY | O_DIRECTORY), "open");
	fd = openat(d, "f", O_RDWR | O_CREAT, 0644);
	expect_ok(fd, "openat(dirfd, \"f\", O_CREAT)");
	must(write(fd, "at", 2), "write");
	close(fd);
	check(strcmp(contents(P("at/f")), "at") == 0, "... made at/f");
	expect_ok(mkdirat(d, "sub", 0755), "mkdirat");
	expect_ok(symlinkat("f", d, "ln"), "symlinkat");
	expect_eq(readlinkat(d, "ln", buf, sizeof(buf)), 1, "readlinkat");
	expect_ok(linkat(d, "f", d, "hard", 0), "linkat");
	expect_eq(lst(P("at/f")).st_nlink, 2, "... st_nlink");
	expect_ok(linkat(d, "ln", d, "ln2", 0), "linkat of a symlink without AT_SYMLINK_FOLLOW");
	check(S_ISLNK(lst(P("at/ln2")).st_mode), "... links the symlink itself");
	expect_ok(linkat(d, "ln", d, "ln3", AT_SYMLINK_FOLLOW), "linkat(AT_SYMLINK_FOLLOW)");
	check(S_ISREG(lst(P("at/ln3")).st_mode), "... links its target");
	expect_ok(mmk_fstatat64(d, "ln", &st, AT_SYMLINK_NOFOLLOW), "fstatat64(AT_SYMLINK_NOFOLLOW)");
	check(S_ISLNK(st.st_mode), "... is the link");
	expect_ok(mmk_fstatat64(d, "", &st, AT_EMPTY_PATH), "fstatat64(dirfd, \"\", AT_EMPTY_PATH)");
	check(S_ISDIR(st.st_mode) && st.st_ino == lst(P("at")).st_ino, "... is the directory");
	expect_ok(fchmodat(d, "f", 0640, 0), "fchmodat");
	expect_eq(lst(P("at/f")).st_mode & 0777, 0640, "... mode");
	expect_ok(faccessat(d, "f", R_OK, 0), "faccessat");
	expect_ok(renameat(d, "hard", d, "sub/moved"), "renameat");
	expect_err(unlinkat(d, "sub", 0), EISDIR, "unlinkat of a directory without AT_REMOVEDIR");
	expect_err(unlinkat(d, "f", AT_REMOVEDIR), ENOTDIR, "unlinkat(file, AT_REMOVEDIR)");
	expect_ok(unlinkat(d, "sub/moved", 0), "unlinkat");
	expect_ok(unlinkat(d, "sub", AT_REMOVEDIR), "unlinkat(AT_REMOVEDIR)");
	fd = must(open(P("at/f"), O_RDONLY), "open");
	expect_err(openat(fd, "x", O_RDONLY), ENOTDIR, "openat with a file as dirfd");
	close(fd);
	expect_err(openat(-5, "x", O_RDONLY), EBADF, "openat(-5, relative path)");
	fd = openat(-5, P("at/f"), O_RDONLY);
	expect_ok(fd, "openat(-5, absolute path) ignores the dirfd");
	close(fd);
	close(d);
	mmk_remove_tree(P("at"));
}

/* Byte i of the pattern. */
static char pattern(unsigned i)
{
	return (char)(i * 7 + (i >> 12) * 13 + 1);
}

static void data(void)
{
	static char buf[8192];
	unsigned size = 300 * 1024 + 123, off = 0, n, i, bad = 0;
	int fd = must(open(P("data"), O_RDWR | O_CREAT | O_TRUNC, 0644), "open");

	for (n = 1; off < size; n = n * 3 % 8191 + 1) {	/* odd pieces across pages */
		if (n > size - off)
			n = size - off;
		for (i = 0; i < n; i++)
			buf[i] = pattern(off + i);
		if (write(fd, buf, n) != (ssize_t)n)
			break;
		off += n;
	}
	expect_eq(off, size, "wrote 300 KiB in pieces of 1 to 8191 bytes");
	expect_eq(lst(P("data")).st_size, size, "st_size");
	lseek(fd, 0, SEEK_SET);
	for (off = 0, n = 4000; off < size; off += n, n = n * 5 % 8000 + 1) {
		ssize_t got = read(fd, buf, n);

		if (got <= 0)
			break;
		for (i = 0; i < (unsigned)got; i++)
			bad += buf[i] != pattern(off + i);
		n = got;
	}
	check(off == size && bad == 0, "read back in other pieces: %u bytes differ", bad);
	close(fd);
	unlink(P("data"));
}

static void mounts(void)
{
	struct linux_statfs64 s;
	char mnt[LINUX_PATH_MAX];
	int fd, r;

	snprintf(mnt, sizeof(mnt), "%s", P("mnt"));

	must(mkdir(mnt, 0755), "mkdir");
	expect_err(mount("none", mnt, "nosuchfs", 0, NULL), ENODEV,
		   "mount of an unknown file system type");
	expect_err(mount("none", P("nomnt"), "tmpfs", 0, NULL), ENOENT,
		   "mount on a missing directory");
	expect_err(umount(mnt), EINVAL, "umount of a directory that is not a mount point");
	expect_err(umount(P("nomnt")), ENOENT, "umount of a missing path");
	if (!mmk_on_linux()) {	/* Linux stacks mounts; in a user namespace: EPERM */
		expect_err(mount("proc", "/proc", "proc", 0, NULL), EBUSY,
			   "(mmkernel) a second proc on /proc");
		expect_err(mount("/dev/no-such-disk", mnt, "ext2", 0, NULL), ENOENT,
			   "(mmkernel) mount of a missing device");
	}
	r = mount("tmpfs", mnt, "tmpfs", 0, "size=1m");
	if (r == 0) {
		/* bad options: EINVAL (and, here, nothing of the attempt stays
		 * allocated: the fuzzer once found each one leaking 64 bytes) */
		expect_err(mount("tmpfs", P("mnt/in"), "tmpfs", 0, "size=lots"), ENOENT,
			   "mount on a missing directory inside a mount");
		must(mkdir(P("mnt/in"), 0755), "mkdir");
		expect_err(mount("tmpfs", P("mnt/in"), "tmpfs", 0, "size=lots"), EINVAL,
			   "mount of a tmpfs with a bad size=");
		expect_err(mount("tmpfs", P("mnt/in"), "tmpfs", 0, "nosuchoption"), EINVAL,
			   "mount of a tmpfs with an unknown option");
		must(rmdir(P("mnt/in")), "rmdir");
		umount(mnt);
		r = mount("tmpfs", mnt, "tmpfs", 0, "size=1m");
	}
	if (r < 0 && errno == EPERM) {
		printf("  skip mounting a tmpfs: not permitted here\n");
		rmdir(mnt);
		return;
	}
	expect_ok(r, "mount a tmpfs on a subdirectory");
	expect_ok(statfs64(mnt, &s), "statfs64 of it");
	expect_eq(s.f_type, TMPFS_MAGIC, "f_type (TMPFS_MAGIC)");
	check(lst(mnt).st_dev != lst(base).st_dev, "st_dev differs across the mount point");
	put_file(P("mnt/in"), "in tmpfs");
	fd = must(open(P("mnt/in"), O_RDONLY), "open");
	expect_err(umount(mnt), EBUSY, "umount while a file is open there");
	expect_err(rename(P("mnt/in"), P("out")), EXDEV, "rename across file systems");
	expect_err(link(P("mnt/in"), P("out")), EXDEV, "link across file systems");
	expect_err(rmdir(mnt), EBUSY, "rmdir of a mount point");
	close(fd);
	expect_ok(umount(mnt), "umount");
	check(!exists(P("mnt/in")), "the directory is empty again");
	rmdir(mnt);
}

static const struct {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "open_flags", open_flags }, { "offsets", offsets }, { "holes", holes },
	{ "unlinked_open", unlinked_open }, { "renames", renames },
	{ "newlib_stat", newlib_stat }, { "links", links },
	{ "symlinks", symlinks }, { "directories", directories }, { "cwd", cwd },
	{ "modes", modes }, { "dirents", dirents }, { "bad_args", bad_args },
	{ "sync_statfs", sync_statfs }, { "mapping", mapping }, { "fds", fds },
	{ "at_calls", at_calls }, { "data", data }, { "mounts", mounts },
};

int main(int argc, char **argv)
{
	struct linux_statfs64 before, after;
	const char *dir = "/tmp";
	unsigned i;
	int a;

	t_begin("fs_semantics");
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-q") == 0)
			quiet = 1;
		else
			dir = argv[a];
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		t_fail("cannot make %s: %s", dir, strerror(errno));
	snprintf(base, sizeof(base), "%s/fs_semantics.%d", dir, (int)getpid());
	mmk_remove_tree(base);
	must(mkdir(base, 0755), base);
	bad_ptr[0] = NULL;
	bad_ptr[1] = T_KADDR;
	bad_ptr[2] = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bad_ptr[2] == MAP_FAILED || munmap(bad_ptr[2], T_PAGE) < 0)
		t_fail("cannot make an unmapped page: %s", strerror(errno));
	must(statfs64(base, &before), "statfs64");

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if (!quiet)
			printf("%s\n", groups[i].name);
		groups[i].run();
	}

	mmk_remove_tree(base);
	check(!exists(base), "the work directory is gone");
	if (!mmk_on_linux() && statfs64(dir, &after) == 0)	/* others write there on Linux */
		check(after.f_bfree >= before.f_bfree && after.f_ffree >= before.f_ffree,
		      "(mmkernel) every block and inode is free again (%llu/%llu blocks, "
		      "%llu/%llu inodes)", (unsigned long long)after.f_bfree,
		      (unsigned long long)before.f_bfree, (unsigned long long)after.f_ffree,
		      (unsigned long long)before.f_ffree);
	printf("  %d checks, %d failed\n", nchecks, nfailed);
	t_ok();
}
