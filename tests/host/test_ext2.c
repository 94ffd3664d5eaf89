/*
 * Host tests of ext2 (kernel/fs/ext2/) through the VFS (kernel/fs/), on a
 * disk image made by e2fsprogs' mke2fs during the test and checked
 * afterwards by e2fsck -fn and debugfs: what this kernel writes must be
 * what Linux's tools read, and the reverse.
 *
 *   mount        empty file systems of 1, 2 and 4 KiB blocks, revision 0,
 *                statfs, the clean state and mount count on the disk,
 *                remount ro/rw, features refused or read-only
 *   workload     create, write, read, append, O_TRUNC, truncate, sparse
 *                files, unlink while open, mkdir, rmdir, rename (over
 *                files and directories, between parents), hard links,
 *                fast and slow symlinks, chmod, stat's i_blocks
 *   mke2fs -d    files and trees made by mke2fs read back exactly
 *   ENOSPC       a small disk filled up: the error, and every byte
 *                before it intact
 *   big          a sparse 70 MiB file through the triple indirect block
 *                on 1 KiB blocks, truncated to nothing
 *   htree, xattr directories indexed by e2fsck -D, attribute blocks
 *                shared by two inodes
 *   corruption   bad super blocks and descriptors refused at mount; a
 *                bad inode, block pointer or directory entry gives that
 *                file Linux's error (EUCLEAN, EIO, EINVAL); then
 *                a thousand images with random bytes in the super block,
 *                descriptors, inode table and directories: mount, walk,
 *                change, unmount, with no crash, no sanitizer report and
 *                no I/O outside the image (tests/host/fs/block.c)
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/syscalls.h>
#include <mm/filemap.h>
#include <host_fs.h>
#include <host_mm.h>

#define MKE2FS	"/sbin/mke2fs"
#define E2FSCK	"/sbin/e2fsck"
#define DEBUGFS	"/sbin/debugfs"
#define DUMPE2FS "/sbin/dumpe2fs"

static char tmpdir[64];
static char img[128];
static char cmd[1024];

/* ---- images and the tools ------------------------------------------------ */

static int run(const char *fmt, ...) __printf(1, 2);
static int run(const char *fmt, ...)
{
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

/* mkfs - a fresh image: mke2fs -t ext2 with opts, of size (mke2fs's syntax). */
static void mkfs(const char *opts, const char *size)
{
	assert_int_equal(run("rm -f %s && " MKE2FS " -q -F -t ext2 -E root_owner=0:0 %s %s %s "
			     ">/dev/null 2>&1", img, opts, img, size), 0);
}

/* fsck - e2fsck -fn: 0 when the file system is clean. */
static int fsck(void)
{
	int st = run(E2FSCK " -fn %s > %s/fsck.log 2>&1", img, tmpdir);

	if (st)
		run("cat %s/fsck.log", tmpdir);
	return st;
}

/* debugfs_out - the output of a debugfs request into buf; its length. */
static size_t debugfs_out(const char *req, char *buf, size_t size)
{
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), DEBUGFS " -R '%s' %s 2>/dev/null", req, img);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(buf, 1, size, p);
	pclose(p);
	return n;
}

/* A line of dumpe2fs -h ("Filesystem state:"), value only, into buf. */
static const char *dumpe2fs_field(const char *field, char *buf, size_t size)
{
	FILE *p;
	size_t flen = strlen(field);

	snprintf(cmd, sizeof(cmd), DUMPE2FS " -h %s 2>/dev/null", img);
	p = popen(cmd, "r");
	assert_non_null(p);
	buf[0] = '\0';
	while (fgets(buf, (int)size, p)) {
		if (!strncmp(buf, field, flen)) {
			char *v = buf + flen;

			while (*v == ' ' || *v == ':')
				v++;
			v[strcspn(v, "\n")] = '\0';
			memmove(buf, v, strlen(v) + 1);
			pclose(p);
			return buf;
		}
	}
	pclose(p);
	buf[0] = '\0';
	return buf;
}

/* ---- mounting ------------------------------------------------------------- */

static unsigned long inodes_before_mount;

static int try_mount(unsigned long flags)
{
	host_disk_attach(img);
	inodes_before_mount = nr_inodes_in_use() + nr_inodes_unused();
	return do_mount("/dev/vda", "/mnt", "ext2", flags, NULL);
}

static void mount_img(void)
{
	assert_int_equal(try_mount(0), 0);
}

/* umount_img - unmount /mnt: every inode of it is gone, no I/O went astray. */
static void umount_img(void)
{
	assert_int_equal(sys_umount2(host_user_string("/mnt"), 0), 0);
	assert_int_equal(host_disk.bad_reads + host_disk.bad_writes, 0);
	assert_int_equal(nr_inodes_in_use() + nr_inodes_unused(), inodes_before_mount);
	host_disk_detach();
}

/* ---- files ------------------------------------------------------------------ */

static struct file *open_file(const char *path, unsigned flags, umode_t mode, long *err)
{
	long e = 0;
	struct file *f = filp_open(path, flags, mode, &e);

	if (err)
		*err = f ? 0 : e;
	return f;
}

static void write_file(const char *path, const void *data, size_t len, unsigned flags)
{
	long err;
	struct file *f = open_file(path, O_WRONLY | O_CREAT | flags, 0644, &err);
	loff_t pos = 0;

	assert_non_null(f);
	if (flags & O_APPEND)
		pos = i_size_read(file_inode(f));
	assert_int_equal(kernel_write(f, data, len, &pos), (ssize_t)len);
	fput(f);
}

static void pwrite_file(const char *path, const void *data, size_t len, loff_t pos)
{
	struct file *f = open_file(path, O_WRONLY | O_CREAT, 0644, NULL);

	assert_non_null(f);
	assert_int_equal(kernel_write(f, data, len, &pos), (ssize_t)len);
	fput(f);
}

/* read_file - up to size bytes of path from pos into buf; how many. */
static ssize_t read_file(const char *path, void *buf, size_t size, loff_t pos)
{
	struct file *f = open_file(path, O_RDONLY, 0, NULL);
	ssize_t n, total = 0;

	assert_non_null(f);
	while ((size_t)total < size && (n = kernel_read(f, (char *)buf + total, size - total, &pos)) > 0)
		total += n;
	fput(f);
	return total;
}

static void expect_contents(const char *path, const void *data, size_t len)
{
	char *buf = malloc(len + 16);

	assert_non_null(buf);
	assert_int_equal(read_file(path, buf, len + 16, 0), (ssize_t)len);
	assert_memory_equal(buf, data, len);
	free(buf);
}

static int stat_path(const char *path, struct kstat *st, bool follow)
{
	struct path p;
	int err = kern_path(path, follow ? LOOKUP_FOLLOW : 0, &p);

	if (err)
		return err;
	vfs_getattr(&p, st);
	path_put(&p);
	return 0;
}

static int readlink_path(const char *path, char *buf)
{
	struct path p;
	int err = kern_path(path, 0, &p);

	if (err)
		return err;
	err = p.dentry->d_inode->i_op->get_link ?
	      p.dentry->d_inode->i_op->get_link(p.dentry->d_inode, buf, PATH_MAX) : -EINVAL;
	path_put(&p);
	return err;
}

static struct kstatfs statfs_mnt(void)
{
	struct path p;
	struct kstatfs k;

	assert_int_equal(kern_path("/mnt", LOOKUP_FOLLOW, &p), 0);
	assert_int_equal(vfs_statfs(p.dentry->d_sb, &k), 0);
	path_put(&p);
	return k;
}

static long do_truncate_path(const char *path, loff_t len)
{
	return sys_truncate64(host_user_string(path), len);
}

/* ---- directories ------------------------------------------------------------- */

#define MAX_NAMES 512
struct listing {
	struct dir_context ctx;
	int n;
	char names[MAX_NAMES][64];
	unsigned char types[MAX_NAMES];
	u64 inos[MAX_NAMES];
	int limit;		/* stop after this many in one call (0: no limit) */
	int this_call;
};

static bool collect(struct dir_context *ctx, const char *name, int len, loff_t pos, u64 ino,
		    unsigned type)
{
	struct listing *l = container_of(ctx, struct listing, ctx);

	if (l->limit && l->this_call == l->limit)
		return false;
	if (l->n < MAX_NAMES) {
		snprintf(l->names[l->n], sizeof(l->names[0]), "%.*s", len, name);
		l->types[l->n] = (unsigned char)type;
		l->inos[l->n] = ino;
	}
	l->n++;
	l->this_call++;
	return true;
}

/* list_dir - every entry of path, `limit` per iterate call (0: all at once). */
static int list_dir(const char *path, struct listing *l, int limit)
{
	struct file *f = open_file(path, O_RDONLY | O_DIRECTORY, 0, NULL);
	int err = 0;

	assert_non_null(f);
	memset(l, 0, sizeof(*l));
	l->ctx.actor = collect;
	l->limit = limit;
	for (;;) {
		int before = l->n;

		l->this_call = 0;
		l->ctx.pos = f->f_pos;
		err = f->f_op->iterate(f, &l->ctx);
		f->f_pos = l->ctx.pos;
		if (err || l->n == before)
			break;
	}
	fput(f);
	return err;
}

static int find_name(const struct listing *l, const char *name)
{
	int i;

	for (i = 0; i < l->n && i < MAX_NAMES; i++)
		if (!strcmp(l->names[i], name))
			return i;
	return -1;
}

/* ---- fixtures ------------------------------------------------------------- */

static int group_setup(void **state)
{
	strcpy(tmpdir, "/tmp/ext2test.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	snprintf(img, sizeof(img), "%s/disk.img", tmpdir);
	host_vfs_boot();
	return 0;
}

static int group_teardown(void **state)
{
	if (!getenv("EXT2TEST_KEEP"))
		run("rm -rf %s", tmpdir);
	return 0;
}

/* ---- mount ------------------------------------------------------------------ */

/* An empty file system: statfs, the root's entries (dtype: DT_DIR, or
 * DT_UNKNOWN without the filetype feature), clean after unmount. */
static void check_empty_fs(const char *opts, unsigned bs, unsigned char dtype)
{
	struct listing l;
	struct kstatfs k;
	char buf[128];
	int i;

	mkfs(opts, "8M");
	mount_img();
	k = statfs_mnt();
	assert_int_equal(k.f_type, 0xEF53);
	assert_int_equal(k.f_bsize, bs);
	assert_true(k.f_bfree > 0 && k.f_bfree < k.f_blocks);
	assert_true(k.f_bavail <= k.f_bfree);
	assert_int_equal(k.f_files - k.f_ffree, 11);	/* reserved inodes and lost+found */
	assert_int_equal(list_dir("/mnt", &l, 0), 0);
	assert_int_equal(l.n, 3);
	i = find_name(&l, "lost+found");
	assert_true(i >= 0);
	assert_int_equal(l.types[i], dtype);
	assert_int_equal(l.types[find_name(&l, ".")], dtype);
	assert_int_equal(l.inos[find_name(&l, ".")], 2);
	umount_img();
	assert_int_equal(fsck(), 0);
	assert_string_equal(dumpe2fs_field("Filesystem state", buf, sizeof(buf)), "clean");
	assert_string_equal(dumpe2fs_field("Mount count", buf, sizeof(buf)), "1");
}

static void test_mount_empty(void **state)
{
	check_empty_fs("-b 1024", 1024, DT_DIR);
	check_empty_fs("-b 2048", 2048, DT_DIR);
	check_empty_fs("-b 4096", 4096, DT_DIR);
	check_empty_fs("-b 1024 -r 0", 1024, DT_UNKNOWN);
}

/* ---- the workload ------------------------------------------------------------ */

static char *pattern(size_t len, unsigned seed)
{
	char *p = malloc(len);
	size_t i;

	assert_non_null(p);
	for (i = 0; i < len; i++)
		p[i] = (char)((i * 131 + seed * 7 + (i >> 10)) & 0xff);
	return p;
}

static void expect_debugfs_cat(const char *path, const void *data, size_t len)
{
	char *buf = malloc(len + 64), req[256];

	assert_non_null(buf);
	snprintf(req, sizeof(req), "cat %s", path);
	assert_int_equal(debugfs_out(req, buf, len + 64), len);
	assert_memory_equal(buf, data, len);
	free(buf);
}

/* How many times the data blocks of path do not follow each other on the disk. */
static int layout_gaps(const char *path)
{
	char req[256], *buf = malloc(1 << 20), *p, *end;
	unsigned long prev = 0, b;
	int gaps = 0;
	size_t n;

	assert_non_null(buf);
	snprintf(req, sizeof(req), "blocks %s", path);
	n = debugfs_out(req, buf, (1 << 20) - 1);
	buf[n] = '\0';
	for (p = buf; (b = strtoul(p, &end, 10)), end != p; p = end) {
		if (prev && b != prev + 1)
			gaps++;
		prev = b;
	}
	free(buf);
	return gaps;
}

static void workload(const char *opts)
{
	size_t big = 200000;
	char *a = pattern(big, 1), *b = pattern(5000, 2), link[PATH_MAX];
	char longtarget[200];
	struct kstat st;
	struct kstatfs before, after;
	struct file *f;
	loff_t pos;

	mkfs(opts, "16M");
	mount_img();
	/* create, write, read, append */
	write_file("/mnt/a", a, big, 0);
	expect_contents("/mnt/a", a, big);
	write_file("/mnt/b", b, 3000, 0);
	write_file("/mnt/b", b + 3000, 2000, O_APPEND);
	expect_contents("/mnt/b", b, 5000);
	/* O_TRUNC, O_EXCL */
	write_file("/mnt/c", a, 10000, 0);
	write_file("/mnt/c", b, 100, O_TRUNC);
	expect_contents("/mnt/c", b, 100);
	assert_null(open_file("/mnt/c", O_WRONLY | O_CREAT | O_EXCL, 0644, &pos));
	/* truncate down and up: the old tail reads as zeros */
	write_file("/mnt/t", a, 50000, 0);
	assert_int_equal(do_truncate_path("/mnt/t", 1500), 0);
	assert_int_equal(do_truncate_path("/mnt/t", 9000), 0);
	{
		char *exp = calloc(1, 9000);

		memcpy(exp, a, 1500);
		expect_contents("/mnt/t", exp, 9000);
		free(exp);
	}
	/* sparse */
	pwrite_file("/mnt/sparse", "end", 3, 5000000);
	assert_int_equal(stat_path("/mnt/sparse", &st, true), 0);
	assert_int_equal(st.size, 5000003);
	assert_true(st.blocks <= 3 * 8);	/* one data block and two indirect at most */
	/* directories */
	assert_int_equal(sys_mkdir(host_user_string("/mnt/d1"), 0755), 0);
	assert_int_equal(sys_mkdir(host_user_string("/mnt/d1/sub"), 0755), 0);
	assert_int_equal(sys_mkdir(host_user_string("/mnt/d2"), 0755), 0);
	write_file("/mnt/d1/sub/f", b, 5000, 0);
	assert_int_equal(sys_rmdir(host_user_string("/mnt/d1")), -ENOTEMPTY);
	assert_int_equal(stat_path("/mnt/d1", &st, true), 0);
	assert_int_equal(st.nlink, 3);
	/* rename: a file over a file, a directory to another parent, over an empty one */
	assert_int_equal(sys_rename(host_user_string("/mnt/c"), host_user_string("/mnt/b")), 0);
	expect_contents("/mnt/b", b, 100);
	assert_int_equal(sys_rename(host_user_string("/mnt/d1/sub"), host_user_string("/mnt/d2/sub")), 0);
	assert_int_equal(sys_mkdir(host_user_string("/mnt/d1/empty"), 0700), 0);
	assert_int_equal(sys_rename(host_user_string("/mnt/d2/sub"), host_user_string("/mnt/d1/empty")), 0);
	expect_contents("/mnt/d1/empty/f", b, 5000);
	assert_int_equal(stat_path("/mnt/d2", &st, true), 0);
	assert_int_equal(st.nlink, 2);
	assert_int_equal(stat_path("/mnt/d1", &st, true), 0);
	assert_int_equal(st.nlink, 3);
	assert_int_equal(sys_rmdir(host_user_string("/mnt/d2")), 0);
	/* hard links */
	assert_int_equal(sys_link(host_user_string("/mnt/a"), host_user_string("/mnt/d1/a2")), 0);
	assert_int_equal(stat_path("/mnt/a", &st, true), 0);
	assert_int_equal(st.nlink, 2);
	/* symlinks, fast and slow */
	assert_int_equal(sys_symlink(host_user_string("d1/a2"), host_user_string("/mnt/s1")), 0);
	memset(longtarget, 'x', sizeof(longtarget) - 1);
	longtarget[sizeof(longtarget) - 1] = '\0';
	memcpy(longtarget, "d1/", 3);
	assert_int_equal(sys_symlink(host_user_string(longtarget), host_user_string("/mnt/s2")), 0);
	assert_int_equal(readlink_path("/mnt/s1", link), 5);
	assert_string_equal(link, "d1/a2");
	assert_int_equal(readlink_path("/mnt/s2", link), (int)strlen(longtarget));
	assert_string_equal(link, longtarget);
	expect_contents("/mnt/s1", a, big);
	/* chmod */
	assert_int_equal(sys_chmod(host_user_string("/mnt/d1/a2"), 0600), 0);
	assert_int_equal(stat_path("/mnt/a", &st, true), 0);
	assert_int_equal(st.mode, S_IFREG | 0600);
	/* unlink while open: the blocks go with the last close */
	write_file("/mnt/gone", a, 100000, 0);
	f = open_file("/mnt/gone", O_RDONLY, 0, NULL);
	assert_non_null(f);
	before = statfs_mnt();
	assert_int_equal(sys_unlink(host_user_string("/mnt/gone")), 0);
	assert_int_equal(stat_path("/mnt/gone", &st, true), -ENOENT);
	{
		char *buf = malloc(100000);

		pos = 0;
		assert_int_equal(kernel_read(f, buf, 100000, &pos), 100000);
		assert_memory_equal(buf, a, 100000);
		free(buf);
	}
	after = statfs_mnt();
	assert_int_equal(after.f_bfree, before.f_bfree);
	fput(f);
	after = statfs_mnt();
	assert_true(after.f_bfree > before.f_bfree);
	assert_int_equal(after.f_ffree, before.f_ffree + 1);
	umount_img();
	assert_int_equal(fsck(), 0);
	expect_debugfs_cat("/a", a, big);
	assert_true(layout_gaps("/a") <= 2);	/* in order, but for the indirect blocks */
	expect_debugfs_cat("/b", b, 100);
	expect_debugfs_cat("/d1/empty/f", b, 5000);
	free(a);
	free(b);
}

static void test_workload_1k(void **state)
{
	workload("-b 1024");
}

static void test_workload_4k(void **state)
{
	workload("-b 4096");
}

/* ---- files made by mke2fs -d ------------------------------------------------ */

static void host_file(const char *rel, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/src/%s", tmpdir, rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void host_symlink(const char *target, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/src/%s", tmpdir, rel);
	assert_int_equal(symlink(target, path), 0);
}

static const size_t sizes[] = { 0, 1, 1023, 1024, 1025, 4096, 70000, 300000 };
#define NR_MANY	150

/* The tree test_prepopulated gives mke2fs -d. */
static void make_src_tree(void)
{
	char name[64], *data = pattern(300000, 9), target[120];
	unsigned i;

	run("rm -rf %s/src; mkdir -p %s/src/dir/sub %s/src/many", tmpdir, tmpdir, tmpdir);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		snprintf(name, sizeof(name), "f%zu", sizes[i]);
		host_file(name, data, sizes[i]);
	}
	host_file("dir/sub/deep", "deep down\n", 10);
	for (i = 0; i < NR_MANY; i++) {
		snprintf(name, sizeof(name), "many/a-fairly-long-file-name-number-%03u", i);
		host_file(name, name, strlen(name));
	}
	host_symlink("f70000", "short");
	memset(target, 'y', sizeof(target) - 1);
	target[sizeof(target) - 1] = '\0';
	host_symlink(target, "long");
	assert_int_equal(run("cd %s/src && ln f4096 hard && truncate -s 3M holes && "
			     "printf x | dd of=holes bs=1 seek=1048576 conv=notrunc 2>/dev/null",
			     tmpdir), 0);
	free(data);
}

static void check_src_tree(void)
{
	char name[64], path[128], *data = pattern(300000, 9), link[PATH_MAX], *holes;
	struct listing *l = malloc(sizeof(*l));
	struct kstat st, st2;
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		snprintf(path, sizeof(path), "/mnt/f%zu", sizes[i]);
		expect_contents(path, data, sizes[i]);
	}
	expect_contents("/mnt/dir/sub/deep", "deep down\n", 10);
	assert_int_equal(list_dir("/mnt/many", l, 7), 0);	/* 7 per call: positions hold */
	assert_int_equal(l->n, NR_MANY + 2);
	for (i = 0; i < NR_MANY; i++) {
		snprintf(name, sizeof(name), "a-fairly-long-file-name-number-%03u", i);
		assert_true(find_name(l, name) >= 0);
		assert_int_equal(l->types[find_name(l, name)], DT_REG);
	}
	assert_int_equal(list_dir("/mnt", l, 0), 0);
	assert_int_equal(l->types[find_name(l, "short")], DT_LNK);
	assert_int_equal(l->types[find_name(l, "dir")], DT_DIR);
	assert_int_equal(readlink_path("/mnt/short", link), 6);
	assert_string_equal(link, "f70000");
	assert_int_equal(readlink_path("/mnt/long", link), 119);
	expect_contents("/mnt/short", data, 70000);
	assert_int_equal(stat_path("/mnt/hard", &st, false), 0);
	assert_int_equal(stat_path("/mnt/f4096", &st2, false), 0);
	assert_int_equal(st.ino, st2.ino);
	assert_int_equal(st.nlink, 2);
	holes = calloc(1, 3 << 20);
	holes[1048576] = 'x';
	expect_contents("/mnt/holes", holes, 3 << 20);
	assert_int_equal(stat_path("/mnt/holes", &st, false), 0);
	assert_true(st.blocks < 64);
	free(holes);
	free(l);
	free(data);
}

static void prepopulated(const char *opts)
{
	char *more = pattern(50000, 3), o[128];

	make_src_tree();
	snprintf(o, sizeof(o), "%s -d %s/src", opts, tmpdir);
	mkfs(o, "16M");
	mount_img();
	check_src_tree();
	/* and change it: what Linux's tools see afterwards is checked too */
	write_file("/mnt/f70000", more, 50000, O_APPEND);
	assert_int_equal(sys_unlink(host_user_string("/mnt/many/a-fairly-long-file-name-number-007")), 0);
	write_file("/mnt/many/new", more, 1000, 0);
	assert_int_equal(sys_rename(host_user_string("/mnt/dir/sub"), host_user_string("/mnt/many/sub")), 0);
	umount_img();
	assert_int_equal(fsck(), 0);
	expect_debugfs_cat("/many/new", more, 1000);
	expect_debugfs_cat("/many/sub/deep", "deep down\n", 10);
	mount_img();		/* again, from the disk this time */
	expect_contents("/mnt/many/new", more, 1000);
	umount_img();
	free(more);
}

static void test_prepopulated(void **state)
{
	prepopulated("-b 1024");
	prepopulated("-b 4096");
}

/* ---- running out of space ------------------------------------------------------ */

#define FILL_FILES	64

static void test_enospc(void **state)
{
	char name[64], *data = pattern(100000, 5);
	ssize_t sizes_written[FILL_FILES];
	struct kstatfs empty, full;
	struct file *f;
	int i, n = 0;
	long err;

	mkfs("-b 1024 -g 1024 -N 128 -m 5", "2M");	/* two groups, 5% reserved */
	mount_img();
	empty = statfs_mnt();
	for (i = 0; i < FILL_FILES; i++) {
		loff_t pos = 0;
		ssize_t r;

		snprintf(name, sizeof(name), "/mnt/fill%02d", i);
		f = open_file(name, O_WRONLY | O_CREAT, 0644, &err);
		assert_non_null(f);
		r = kernel_write(f, data, 100000, &pos);
		if (r == -ENOSPC)
			r = 0;
		assert_true(r >= 0);
		sizes_written[n++] = r;
		/* a second write into a full disk says ENOSPC */
		if (r < 100000)
			assert_int_equal(kernel_write(f, data, 4096, &pos), -ENOSPC);
		fput(f);
		if (r < 100000)
			break;
	}
	assert_true(i < FILL_FILES);
	full = statfs_mnt();
	assert_true(full.f_bfree < 8);
	assert_int_equal(full.f_bavail, 0);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/mnt/fill%02d", i);
		expect_contents(name, data, (size_t)sizes_written[i]);
	}
	umount_img();
	assert_int_equal(fsck(), 0);
	snprintf(name, sizeof(name), "/fill%02d", n - 1);
	expect_debugfs_cat(name, data, (size_t)sizes_written[n - 1]);
	mount_img();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/mnt/fill%02d", i);
		assert_int_equal(sys_unlink(host_user_string(name)), 0);
	}
	full = statfs_mnt();
	assert_int_equal(full.f_bfree, empty.f_bfree);
	assert_int_equal(full.f_ffree, empty.f_ffree);
	/* and the inodes: empty files until there is none left */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "/mnt/e%03d", i);
		f = open_file(name, O_WRONLY | O_CREAT, 0644, &err);
		if (!f)
			break;
		fput(f);
	}
	assert_int_equal(err, -ENOSPC);
	assert_int_equal(statfs_mnt().f_ffree, 0);
	umount_img();
	assert_int_equal(fsck(), 0);
	free(data);
}

/* ---- big sparse files ---------------------------------------------------------- */

static void test_big_sparse(void **state)
{
	static const loff_t offs[] = { 0, 20 << 10, 1 << 20, 30 << 20, 69 << 20, (70 << 20) - 4096 };
	char *data = pattern(4096, 11), *buf = malloc(8192), out[2048];
	struct kstatfs empty, k;
	struct kstat st;
	unsigned i;

	mkfs("-b 1024", "8M");
	mount_img();
	empty = statfs_mnt();
	for (i = 0; i < ARRAY_SIZE(offs); i++)
		pwrite_file("/mnt/big", data, 4096, offs[i]);
	assert_int_equal(stat_path("/mnt/big", &st, true), 0);
	assert_int_equal(st.size, 70 << 20);
	umount_img();
	assert_int_equal(fsck(), 0);		/* i_blocks, indirect blocks: as e2fsck counts */
	debugfs_out("stat /big", out, sizeof(out) - 1);
	assert_non_null(strstr(out, "(TIND)"));
	mount_img();
	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		assert_int_equal(read_file("/mnt/big", buf, 4096, offs[i]), 4096);
		assert_memory_equal(buf, data, 4096);
	}
	assert_int_equal(read_file("/mnt/big", buf, 8192, 50 << 20), 8192);
	for (i = 0; i < 8192; i++)
		assert_int_equal(buf[i], 0);
	assert_int_equal(do_truncate_path("/mnt/big", 0), 0);
	assert_int_equal(stat_path("/mnt/big", &st, true), 0);
	assert_int_equal(st.blocks, 0);
	k = statfs_mnt();
	assert_int_equal(k.f_bfree, empty.f_bfree);
	umount_img();
	assert_int_equal(fsck(), 0);
	/* beyond 4 GiB on 4 KiB blocks: i_size_high, the triple indirect block */
	mkfs("-b 4096", "16M");
	mount_img();
	pwrite_file("/mnt/huge", data, 4096, 5ll << 30);
	assert_int_equal(read_file("/mnt/huge", buf, 4096, 5ll << 30), 4096);
	assert_memory_equal(buf, data, 4096);
	umount_img();
	assert_int_equal(fsck(), 0);
	debugfs_out("stat /huge", out, sizeof(out) - 1);
	assert_non_null(strstr(out, "Size: 5368713216"));
	free(data);
	free(buf);
}

/* ---- htree directories and attribute blocks ------------------------------------------ */

static void test_htree(void **state)
{
	char name[96], out[2048];
	struct listing *l = malloc(sizeof(*l));
	struct kstat st;
	int i;

	run("rm -rf %s/src; mkdir -p %s/src/big", tmpdir, tmpdir);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "big/entry-with-a-long-name-%04d", i);
		host_file(name, "", 0);
	}
	snprintf(out, sizeof(out), "-b 1024 -d %s/src", tmpdir);
	mkfs(out, "8M");
	assert_true(run(E2FSCK " -fyD %s >/dev/null 2>&1", img) <= 1);	/* index it */
	debugfs_out("stat /big", out, sizeof(out) - 1);
	assert_non_null(strstr(out, "Flags: 0x1000"));
	mount_img();
	assert_int_equal(list_dir("/mnt/big", l, 0), 0);
	assert_int_equal(l->n, 302);
	assert_int_equal(stat_path("/mnt/big/entry-with-a-long-name-0123", &st, true), 0);
	for (i = 0; i < 300; i += 3) {
		snprintf(name, sizeof(name), "/mnt/big/entry-with-a-long-name-%04d", i);
		assert_int_equal(sys_unlink(host_user_string(name)), 0);
	}
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "/mnt/big/new-%d", i);
		write_file(name, name, strlen(name), 0);
	}
	umount_img();
	assert_int_equal(fsck(), 0);
	debugfs_out("stat /big", out, sizeof(out) - 1);
	assert_null(strstr(out, "Flags: 0x1000"));
	free(l);
}

static u32 peek32(loff_t off)
{
	FILE *f = fopen(img, "rb");
	u32 v = 0;

	assert_non_null(f);
	assert_int_equal(fseeko(f, off, SEEK_SET), 0);
	assert_int_equal(fread(&v, 4, 1, f), 1);
	fclose(f);
	return v;
}

static void poke(loff_t off, const void *v, size_t len)
{
	FILE *f = fopen(img, "r+b");

	assert_non_null(f);
	assert_int_equal(fseeko(f, off, SEEK_SET), 0);
	assert_int_equal(fwrite(v, 1, len, f), len);
	fclose(f);
}

static void poke32(loff_t off, u32 v)
{
	poke(off, &v, 4);
}

static void poke16(loff_t off, u16 v)
{
	poke(off, &v, 2);
}

/* A number debugfs prints after `field` in the output of req. */
static unsigned long debugfs_number(const char *req, const char *field)
{
	char out[2048], *p;

	out[debugfs_out(req, out, sizeof(out) - 1)] = '\0';
	p = strstr(out, field);
	assert_non_null(p);
	return strtoul(p + strlen(field), NULL, 10);
}

static void test_xattr_shared(void **state)
{
	unsigned long acl, blocks;
	char out[256];

	mkfs("-b 1024 -I 128", "4M");		/* small inodes: attributes go to a block */
	mount_img();
	write_file("/mnt/f1", "one", 3, 0);
	write_file("/mnt/f2", "two", 3, 0);
	umount_img();
	assert_int_equal(run(DEBUGFS " -w -R 'ea_set /f1 user.note a-value' %s >/dev/null 2>&1",
			     img), 0);
	acl = debugfs_number("stat /f1", "File ACL: ");
	assert_true(acl > 0);
	/* share it with f2, as Linux's mbcache would: refcount 2 */
	assert_int_equal(peek32((loff_t)acl * 1024), 0xEA020000);
	poke32((loff_t)acl * 1024 + 4, 2);
	blocks = debugfs_number("stat /f2", "Blockcount: ");
	snprintf(cmd, sizeof(cmd), DEBUGFS " -w -R 'sif /f2 file_acl %lu' %s >/dev/null 2>&1 && "
		 DEBUGFS " -w -R 'sif /f2 blocks %lu' %s >/dev/null 2>&1", acl, img, blocks + 2, img);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(fsck(), 0);
	mount_img();
	assert_int_equal(sys_unlink(host_user_string("/mnt/f1")), 0);
	umount_img();
	assert_int_equal(fsck(), 0);
	assert_int_equal(peek32((loff_t)acl * 1024 + 4), 1);
	mount_img();
	assert_int_equal(sys_unlink(host_user_string("/mnt/f2")), 0);
	umount_img();
	assert_int_equal(fsck(), 0);
	snprintf(out, sizeof(out), "testb %lu", acl);
	debugfs_out(out, out, sizeof(out) - 1);
	assert_non_null(strstr(out, "not in use"));
}

/* ---- features and remounting ----------------------------------------------------------- */

static int remount(unsigned long flags)
{
	return do_mount(NULL, "/mnt", NULL, MS_REMOUNT | flags, NULL);
}

static void test_features_remount(void **state)
{
	char buf[128];
	long err;

	/* an unknown INCOMPAT feature: refused */
	mkfs("-b 1024", "4M");
	assert_int_equal(run(DEBUGFS " -w -R 'feature extent' %s >/dev/null 2>&1", img), 0);
	assert_int_equal(try_mount(0), -EINVAL);
	assert_int_equal(try_mount(MS_RDONLY), -EINVAL);
	/* an unknown RO_COMPAT feature: read-only only */
	mkfs("-b 1024", "4M");
	assert_int_equal(run(DEBUGFS " -w -R 'feature huge_file' %s >/dev/null 2>&1", img), 0);
	assert_int_equal(try_mount(0), -EINVAL);
	assert_int_equal(try_mount(MS_RDONLY), 0);
	assert_null(open_file("/mnt/x", O_WRONLY | O_CREAT, 0644, &err));
	assert_int_equal(err, -EROFS);
	assert_int_equal(remount(0), -EROFS);
	umount_img();
	/* ro <-> rw: clean on the disk while read-only */
	mkfs("-b 4096", "8M");
	mount_img();
	assert_string_equal(dumpe2fs_field("Filesystem state", buf, sizeof(buf)), "not clean");
	write_file("/mnt/x", "data", 4, 0);
	assert_int_equal(remount(MS_RDONLY), 0);
	assert_string_equal(dumpe2fs_field("Filesystem state", buf, sizeof(buf)), "clean");
	assert_int_equal(fsck(), 0);
	assert_null(open_file("/mnt/y", O_WRONLY | O_CREAT, 0644, &err));
	assert_int_equal(err, -EROFS);
	assert_int_equal(remount(0), 0);
	assert_string_equal(dumpe2fs_field("Filesystem state", buf, sizeof(buf)), "not clean");
	write_file("/mnt/y", "more", 4, 0);
	umount_img();
	assert_int_equal(fsck(), 0);
	assert_string_equal(dumpe2fs_field("Mount count", buf, sizeof(buf)), "2");
	expect_debugfs_cat("/x", "data", 4);
	expect_debugfs_cat("/y", "more", 4);
}

/* ---- corrupt super blocks and descriptors ---------------------------------------------- */

#define SB	1024		/* the super block's byte offset */

static void expect_refused(void (*corrupt)(void), int err)
{
	mkfs("-b 1024", "4M");
	corrupt();
	assert_int_equal(try_mount(0), err);
	assert_int_equal(host_disk.bad_reads + host_disk.bad_writes, 0);
	host_disk_detach();
}

static void bad_magic(void) { poke16(SB + 56, 0x1234); }
static void bad_log_bs(void) { poke32(SB + 24, 7); }
static void bad_blocks(void) { poke32(SB + 4, 1u << 30); }
static void bad_inodes(void) { poke32(SB + 0, peek32(SB) + 8); }
static void bad_first(void) { poke32(SB + 20, 0); }
static void bad_bpg(void) { poke32(SB + 32, 0); }
static void bad_ipg(void) { poke32(SB + 40, 0); }
static void bad_rev(void) { poke32(SB + 76, 9); }
static void bad_isize(void) { poke16(SB + 88, 100); }
static void bad_frag(void) { poke32(SB + 28, 2); }
static void bad_incompat(void) { poke32(SB + 96, peek32(SB + 96) | 0x10000); }
static void bad_bitmap(void) { poke32(2048 + 0, 0); }			/* group 0's block bitmap */
static void bad_itable(void) { poke32(2048 + 8, 4000); }		/* past the group's end */
static void bad_free(void) { poke16(2048 + 12, 60000); }

static void bad_root(void)
{
	u32 itable = peek32(2048 + 8), isize = peek32(SB + 88) & 0xffff;

	poke16((loff_t)itable * 1024 + isize, 0100644);		/* inode 2: a file */
}

static void test_corrupt_mount(void **state)
{
	expect_refused(bad_magic, -EINVAL);
	expect_refused(bad_log_bs, -EINVAL);
	expect_refused(bad_blocks, -EINVAL);
	expect_refused(bad_inodes, -EINVAL);
	expect_refused(bad_first, -EINVAL);
	expect_refused(bad_bpg, -EINVAL);
	expect_refused(bad_ipg, -EINVAL);
	expect_refused(bad_rev, -EINVAL);
	expect_refused(bad_isize, -EINVAL);
	expect_refused(bad_frag, -EINVAL);
	expect_refused(bad_incompat, -EINVAL);
	expect_refused(bad_bitmap, -EINVAL);
	expect_refused(bad_itable, -EINVAL);
	expect_refused(bad_free, -EINVAL);
	expect_refused(bad_root, -EINVAL);
}

/* ---- corrupt files: an error for that file, with Linux's errno ------------------------- */

static void debugfs_w(const char *req)
{
	assert_int_equal(run(DEBUGFS " -w -R '%s' %s >/dev/null 2>&1", req, img), 0);
}

/* Pokes at one file each; the others, and the file system, go on working. */
static void test_corrupt_files(void **state)
{
	char *data = pattern(3000, 6), *buf = malloc(4096), req[128];
	unsigned long itable, dirblk, gone;
	struct listing *l = malloc(sizeof(*l));
	struct kstat st;
	struct file *f;
	loff_t pos;
	FILE *img_f;

	mkfs("-b 1024", "4M");
	mount_img();
	write_file("/mnt/good", "fine", 4, 0);
	write_file("/mnt/badtype", "x", 1, 0);
	write_file("/mnt/badptr", data, 3000, 0);
	write_file("/mnt/gone", "y", 1, 0);
	assert_int_equal(sys_mkdir(host_user_string("/mnt/d"), 0755), 0);
	write_file("/mnt/d/f", "z", 1, 0);
	umount_img();
	itable = debugfs_number("imap <2>", "located at block ");	/* its first block */
	dirblk = debugfs_number("blocks /d", "");
	gone = debugfs_number("stat /gone", "Inode: ");
	debugfs_w("sif /badtype mode 0170644");		/* no such file type */
	snprintf(req, sizeof(req), "sif /badptr block[1] %lu", itable);
	debugfs_w(req);					/* its second block: the inode table */
	debugfs_w("rm /gone");
	snprintf(req, sizeof(req), "ln <%lu> /ghost", gone);
	debugfs_w(req);					/* a name of a deleted inode */
	debugfs_w("ln <5> /reserved");			/* a name of a reserved inode */
	poke16((loff_t)dirblk * 1024 + 4, 3);		/* "." of /d: rec_len 3 */

	mount_img();
	assert_int_equal(stat_path("/mnt/badtype", &st, false), -EUCLEAN);
	assert_int_equal(stat_path("/mnt/ghost", &st, false), -EIO);
	assert_int_equal(stat_path("/mnt/reserved", &st, false), -EINVAL);
	assert_int_equal(list_dir("/mnt/d", l, 0), -EIO);
	assert_int_equal(stat_path("/mnt/d/f", &st, false), -EIO);
	f = open_file("/mnt/badptr", O_RDWR, 0, NULL);
	assert_non_null(f);
	pos = 0;
	assert_true(kernel_read(f, buf, 3000, &pos) < 0);
	pos = 1024;
	assert_true(kernel_write(f, data, 1024, &pos) < 0 || vfs_fsync(f, false) < 0);
	fput(f);
	expect_contents("/mnt/good", "fine", 4);
	write_file("/mnt/good2", data, 3000, 0);
	expect_contents("/mnt/good2", data, 3000);
	umount_img();
	/* nothing of badptr's went to the inode table */
	img_f = fopen(img, "rb");
	assert_non_null(img_f);
	assert_int_equal(fseeko(img_f, (off_t)itable * 1024, SEEK_SET), 0);
	assert_int_equal(fread(buf, 1, 1024, img_f), 1024);
	fclose(img_f);
	assert_memory_not_equal(buf, data + 1024, 64);
	expect_debugfs_cat("/good2", data, 3000);
	free(l);
	free(buf);
	free(data);
}

/* ---- mutation: a thousand corrupt images ------------------------------------------------ */

#define MUTATIONS	1000
#define MAX_REGIONS	64

struct region {
	loff_t start;
	u32 len;
	int weight;
};

struct base_image {
	char *data;
	size_t size;
	u32 bs, blocks;
	struct region r[MAX_REGIONS];
	int nr, total_weight;
};

static struct base_image bases[2];

static u64 rng_state = 0x9E3779B97F4A7C15ull;

static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Dull;
}

static void add_region(struct base_image *b, loff_t start, u32 len, int weight)
{
	if (b->nr < MAX_REGIONS && len && start + len <= (loff_t)b->size) {
		b->r[b->nr].start = start;
		b->r[b->nr].len = len;
		b->r[b->nr].weight = weight;
		b->nr++;
		b->total_weight += weight;
	}
}

/* The blocks debugfs lists for req ("blocks /dir"): each a region of weight w. */
static void add_block_regions(struct base_image *b, const char *req, int w)
{
	char out[4096], *p, *end;
	unsigned long blk;

	out[debugfs_out(req, out, sizeof(out) - 1)] = '\0';
	for (p = out; (blk = strtoul(p, &end, 10)), end != p; p = end)
		add_region(b, (loff_t)blk * b->bs, b->bs, w);
}

/* The indirect blocks of a file, from debugfs's stat: "(IND):n", "(DIND):n". */
static void add_indirect_regions(struct base_image *b, const char *file)
{
	char req[128], out[4096], *p;

	snprintf(req, sizeof(req), "stat %s", file);
	out[debugfs_out(req, out, sizeof(out) - 1)] = '\0';
	for (p = out; (p = strstr(p, "IND):")); p += 5)
		add_region(b, (loff_t)strtoul(p + 5, NULL, 10) * b->bs, b->bs, 2);
}

/* A populated image of block size bs and where its metadata is, to aim at. */
static void make_base(struct base_image *b, unsigned bs, const char *size)
{
	char o[160];
	u32 gdt, isize;
	FILE *f;

	make_src_tree();
	snprintf(o, sizeof(o), "-b %u -N 256 -d %s/src", bs, tmpdir);
	mkfs(o, size);
	f = fopen(img, "rb");
	assert_non_null(f);
	fseeko(f, 0, SEEK_END);
	b->size = (size_t)ftello(f);
	b->data = malloc(b->size);
	fseeko(f, 0, SEEK_SET);
	assert_int_equal(fread(b->data, 1, b->size, f), b->size);
	fclose(f);
	b->bs = bs;
	b->blocks = peek32(SB + 4);
	gdt = (bs == 1024 ? 2 : 1) * bs;
	isize = peek32(SB + 88) & 0xffff;
	add_region(b, SB, 1024, 20);					/* super block */
	add_region(b, gdt, bs, 15);					/* descriptors */
	add_region(b, (loff_t)peek32(gdt) * bs, bs, 3);			/* block bitmap */
	add_region(b, (loff_t)peek32(gdt + 4) * bs, bs, 3);		/* inode bitmap */
	add_region(b, (loff_t)peek32(gdt + 8) * bs, MIN(4 * bs, 200 * isize), 30);	/* inode table */
	add_block_regions(b, "blocks /", 6);
	add_block_regions(b, "blocks /many", 3);
	add_block_regions(b, "blocks /dir", 4);
	add_block_regions(b, "blocks /dir/sub", 4);
	add_block_regions(b, "blocks /long", 2);
	add_indirect_regions(b, "/f70000");
	add_indirect_regions(b, "/f300000");
}

/*
 * The image file during the mutation test: the base, but for the sectors
 * the last mutant changed and the kernel wrote, which are put back before
 * the next mutant (rewriting 4 MiB a thousand times costs seconds).
 */
#define MAX_SECTORS	(4u << 11)		/* 4 MiB */
static u8 dirty[MAX_SECTORS / 8];
static FILE *mutant_file;

static void mark_dirty(loff_t off, size_t len)
{
	u64 s;

	for (s = (u64)off >> 9; s < ((u64)off + len + 511) >> 9 && s < MAX_SECTORS; s++)
		dirty[s >> 3] |= (u8)(1u << (s & 7));
}

/* Make the image file the base again: all of it (full), or the dirty sectors. */
static void restore_base(const struct base_image *b, bool full)
{
	u64 s;

	assert_true(b->size <= (size_t)MAX_SECTORS << 9);
	if (!mutant_file)
		mutant_file = fopen(img, "w+b");
	assert_non_null(mutant_file);
	for (s = 0; s < (u64)(b->size >> 9); s++) {
		if (!full && !(dirty[s >> 3] & (1u << (s & 7))))
			continue;
		assert_int_equal(pwrite(fileno(mutant_file), b->data + (s << 9), 512, (off_t)(s << 9)),
				 512);
	}
	if (full)
		assert_int_equal(ftruncate(fileno(mutant_file), (off_t)b->size), 0);
	memset(dirty, 0, sizeof(dirty));
}

/* Write a mutant of b: a few random bytes or words changed in one region. */
static void write_mutant(const struct base_image *b)
{
	static const u32 words[] = { 0, 1, 2, 0xffffffff, 0x80000000, 0xffff, 12 };
	int pick = (int)(rnd() % (u64)b->total_weight), i, n = 1 + (int)(rnd() % 4);
	const struct region *r = b->r;
	char *data;

	restore_base(b, false);
	while (pick >= r->weight) {
		pick -= r->weight;
		r++;
	}
	data = malloc(r->len);
	assert_non_null(data);
	memcpy(data, b->data + r->start, r->len);
	for (i = 0; i < n; i++) {
		u32 off = (u32)(rnd() % r->len), v;

		if (rnd() & 1) {
			data[off] = (char)rnd();
			continue;
		}
		off &= ~3u;
		v = rnd() & 1 ? words[rnd() % ARRAY_SIZE(words)] :
		    rnd() & 1 ? (u32)(rnd() % (2 * b->blocks)) : (u32)rnd();
		if (off + 4 <= r->len)
			memcpy(data + off, &v, 4);
	}
	assert_int_equal(pwrite(fileno(mutant_file), data, r->len, r->start), (ssize_t)r->len);
	mark_dirty(r->start, r->len);
	free(data);
}

struct walk_state {
	int entries;
	char file[PATH_MAX], dir[PATH_MAX];
};

/* Read up to 256 KiB of path, whatever the errors. */
static void read_any(const char *path)
{
	struct file *f = open_file(path, O_RDONLY, 0, NULL);
	char *buf = malloc(65536);
	loff_t pos = 0;
	int i;

	for (i = 0; f && i < 4 && kernel_read(f, buf, 65536, &pos) > 0; i++)
		;
	if (f)
		fput(f);
	free(buf);
}

/* Everything reachable from path: readdir, stat, read, readlink. */
static void walk(const char *path, int depth, struct walk_state *ws)
{
	struct listing *l = malloc(sizeof(*l));
	struct file *f = open_file(path, O_RDONLY | O_DIRECTORY, 0, NULL);
	char child[PATH_MAX], link[PATH_MAX];
	struct kstat st;
	int i, guard;

	memset(l, 0, sizeof(*l));
	l->ctx.actor = collect;
	for (guard = 0; f && guard < 64; guard++) {
		int before = l->n;

		l->ctx.pos = f->f_pos;
		if (f->f_op->iterate(f, &l->ctx) || l->n == before)
			break;
		f->f_pos = l->ctx.pos;
	}
	if (f)
		fput(f);
	for (i = 0; i < l->n && i < MAX_NAMES && ws->entries++ < 2000; i++) {
		if (!strcmp(l->names[i], ".") || !strcmp(l->names[i], "..") ||
		    strlen(path) + strlen(l->names[i]) + 2 > 512)
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, l->names[i]);
		if (stat_path(child, &st, false))
			continue;
		if (S_ISDIR(st.mode)) {
			if (!ws->dir[0])
				strcpy(ws->dir, child);
			if (depth < 6)
				walk(child, depth + 1, ws);
		} else if (S_ISREG(st.mode)) {
			if (!ws->file[0])
				strcpy(ws->file, child);
			read_any(child);
		} else if (S_ISLNK(st.mode)) {
			readlink_path(child, link);
			stat_path(child, &st, true);
		}
	}
	free(l);
}

/* Changes on a mounted mutant: any result will do, but no crash. */
static void change_mutant(struct walk_state *ws)
{
	char *data = pattern(20000, 4);
	struct file *f = open_file("/mnt/new", O_WRONLY | O_CREAT, 0644, NULL);
	loff_t pos = 0;

	if (f) {
		kernel_write(f, data, 20000, &pos);
		fput(f);
	}
	sys_mkdir(host_user_string("/mnt/newdir"), 0755);
	if (ws->file[0]) {
		do_truncate_path(ws->file, 100);
		sys_link(host_user_string(ws->file), host_user_string("/mnt/newdir/link"));
		sys_unlink(host_user_string(ws->file));
	}
	if (ws->dir[0]) {
		sys_rename(host_user_string(ws->dir), host_user_string("/mnt/newdir/moved"));
		sys_rmdir(host_user_string("/mnt/newdir/moved"));
	}
	sys_symlink(host_user_string("a-target-long-enough-to-need-a-block-of-its-own-"
				     "on-this-file-system-surely"), host_user_string("/mnt/sl"));
	free(data);
}

static void test_mutation(void **state)
{
	int i, mounted = 0, err, n = getenv("EXT2TEST_MUTATIONS") ?
		atoi(getenv("EXT2TEST_MUTATIONS")) : MUTATIONS;

	unsigned long msgs = host_printk_count;

	if (getenv("EXT2TEST_SEED"))
		rng_state = strtoull(getenv("EXT2TEST_SEED"), NULL, 0) | 1;
	make_base(&bases[0], 1024, "4M");
	make_base(&bases[1], 4096, "4M");
	host_disk_write_hook = mark_dirty;
	for (i = 0; i < n; i++) {
		const struct base_image *b = &bases[i >= n / 2];	/* 1 KiB blocks, then 4 KiB */
		struct walk_state ws;

		if (getenv("EXT2TEST_VERBOSE"))
			fprintf(stderr, "mutant %d\n", i);
		host_printk_verbose = getenv("EXT2TEST_TRACE") && atoi(getenv("EXT2TEST_TRACE")) == i;
		if (i == 0 || i == n / 2)
			restore_base(b, true);
		write_mutant(b);
		err = try_mount(0);
		if (err) {
			assert_true(err == -EINVAL || err == -EUCLEAN || err == -EIO || err == -ESTALE);
			assert_int_equal(host_disk.bad_reads + host_disk.bad_writes, 0);
			host_disk_detach();
			continue;
		}
		mounted++;
		memset(&ws, 0, sizeof(ws));
		walk("/mnt", 0, &ws);
		change_mutant(&ws);
		umount_img();
	}
	host_disk_write_hook = NULL;
	fclose(mutant_file);
	mutant_file = NULL;
	printf("mutation: %d of %d corrupt images mounted, %lu kernel messages\n", mounted, n,
	       host_printk_count - msgs);
	assert_true(mounted > n / 4);
	free(bases[0].data);
	free(bases[1].data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mount_empty),
		cmocka_unit_test(test_workload_1k),
		cmocka_unit_test(test_workload_4k),
		cmocka_unit_test(test_prepopulated),
		cmocka_unit_test(test_enospc),
		cmocka_unit_test(test_big_sparse),
		cmocka_unit_test(test_htree),
		cmocka_unit_test(test_xattr_shared),
		cmocka_unit_test(test_features_remount),
		cmocka_unit_test(test_corrupt_mount),
		cmocka_unit_test(test_corrupt_files),
		cmocka_unit_test(test_mutation),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
