/*
 * swapabi - swapon(2) and swapoff(2) with hostile and wrong arguments:
 * the errno Linux gives for each (tests/system/test_swap.py runs it with
 * an ext2 file system on /mnt, mounted from /dev/vda1, and a swap area
 * on /dev/vda2 that is not on).
 *
 *   path NULL, a kernel address, unmapped, running
 *   into an unmapped page, at the top of memory    EFAULT
 *   ""  or a missing file                          ENOENT
 *   a path of PATH_MAX bytes (PATH_MAX - 1: ENOENT) ENAMETOOLONG
 *   unknown flag bits                              EINVAL
 *   a directory                                    EISDIR (open O_RDWR)
 *   a mounted partition                            EBUSY
 *   no SWAPSPACE2 signature; a file shorter than a page; version 2;
 *   last_page 0; a file with holes; bad pages in a file    EINVAL
 *   the same area twice                            EBUSY
 *   write() or truncate of an active swap file     ETXTBSY
 *   swapoff of an area that is not on              EINVAL
 *
 * and that a good swap file made here goes on and off, with its priority.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/swap.h>

#include "mmk.h"
#include "mmk_test.h"

#define PAGE 4096

/* A file of `pages` pages with a version-1 header (as mkswap writes it). */
static void make_area(const char *path, unsigned pages, uint32_t version, uint32_t last_page,
		      uint32_t nr_bad, int sparse, int signature)
{
	static uint8_t page[PAGE];
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	unsigned i;

	if (fd < 0)
		t_fail("create %s: %s", path, strerror(errno));
	memset(page, 0, sizeof(page));
	memcpy(page + 1024, &version, 4);
	memcpy(page + 1028, &last_page, 4);
	memcpy(page + 1032, &nr_bad, 4);
	if (nr_bad) {
		uint32_t bad = 3;

		memcpy(page + 1536, &bad, 4);
	}
	if (signature)
		memcpy(page + PAGE - 10, "SWAPSPACE2", 10);
	if (write(fd, page, PAGE) != PAGE)
		t_fail("write %s: %s", path, strerror(errno));
	memset(page, 0, sizeof(page));
	if (sparse) {
		if (ftruncate(fd, (off_t)pages * PAGE))
			t_fail("ftruncate %s: %s", path, strerror(errno));
	} else {
		for (i = 1; i < pages; i++)
			if (write(fd, page, PAGE) != PAGE)
				t_fail("write %s: %s", path, strerror(errno));
	}
	close(fd);
}

static long raw_swapon(const void *path, long flags)
{
	return mmk_syscall(87, (long)path, flags, 0, 0, 0, 0);
}

static long raw_swapoff(const void *path)
{
	return mmk_syscall(115, (long)path, 0, 0, 0, 0, 0);
}

/* mmk_syscall gives -errno; mmk_ret makes it -1 and errno (newlib's numbers). */
static long ret(long r)
{
	return mmk_ret(r);
}

int main(void)
{
	static char longpath[5000];
	char buf[2048];
	void *unmapped;
	int fd, i;

	t_begin("swapabi");
	unmapped = mmap(NULL, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	t_check_err(ret(raw_swapon(NULL, 0)), EFAULT, "swapon(NULL)");
	t_check_err(ret(raw_swapon(T_KADDR, 0)), EFAULT, "swapon(kernel address)");
	t_check_err(ret(raw_swapon(unmapped, 0)), EFAULT, "swapon(PROT_NONE page)");
	t_check_err(ret(raw_swapoff(NULL)), EFAULT, "swapoff(NULL)");
	t_check_err(ret(raw_swapon("", 0)), ENOENT, "swapon(\"\")");
	t_check_err(ret(raw_swapon("/mnt/none", 0)), ENOENT, "swapon(missing)");
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	t_check_err(ret(raw_swapon(longpath, 0)), ENAMETOOLONG, "swapon(long path)");
	/* the limit and one past, in short components (each under NAME_MAX):
	 * 4095 bytes and a NUL fit PATH_MAX (ENOENT: there is no /a), 4096 do not */
	for (i = 0; i < 4094; i += 2)
		memcpy(longpath + i, "/a", 2);
	longpath[4094] = 'b';
	longpath[4095] = 0;
	t_check_err(ret(raw_swapon(longpath, 0)), ENOENT, "swapon(path of PATH_MAX - 1)");
	longpath[4095] = 'c';
	longpath[4096] = 0;
	t_check_err(ret(raw_swapon(longpath, 0)), ENAMETOOLONG, "swapon(path of PATH_MAX)");
	t_check_err(ret(raw_swapoff(longpath)), ENAMETOOLONG, "swapoff(path of PATH_MAX)");
	/* a path running into an unmapped page, and one at the top of memory */
	{
		char *two = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (two == MAP_FAILED || munmap(two + PAGE, PAGE))
			t_fail("mmap: %s", strerror(errno));
		memset(two + PAGE - 8, 'a', 8);		/* no NUL before the hole */
		t_check_err(ret(raw_swapon(two + PAGE - 8, 0)), EFAULT, "swapon(path into a hole)");
		t_check_err(ret(raw_swapoff(two + PAGE - 8)), EFAULT, "swapoff(path into a hole)");
		munmap(two, PAGE);
	}
	t_check_err(ret(raw_swapon((void *)0xfffffffcUL, 0)), EFAULT, "swapon(0xfffffffc)");
	t_check_err(ret(raw_swapoff(T_KADDR)), EFAULT, "swapoff(kernel address)");
	t_check_err(ret(raw_swapon("/dev/vda2", -1)), EINVAL, "swapon(flags -1)");
	t_check_err(ret(raw_swapon("/dev/vda2", 0x80000000L)), EINVAL, "swapon(bad flags)");
	t_check_err(ret(raw_swapon("/dev/vda2", 0x100000)), EINVAL, "swapon(flag bit 20)");
	t_check_err(ret(raw_swapon("/mnt", 0)), EISDIR, "swapon(directory)");
	t_check_err(ret(raw_swapon("/dev/vda1", 0)), EBUSY, "swapon(mounted partition)");
	t_check_err(ret(raw_swapoff("/dev/vda2")), EINVAL, "swapoff(not on)");

	make_area("/mnt/nosig", 16, 1, 15, 0, 0, 0);
	t_check_err(ret(raw_swapon("/mnt/nosig", 0)), EINVAL, "no signature");
	fd = open("/mnt/short", O_CREAT | O_TRUNC | O_WRONLY, 0600);
	if (fd < 0 || write(fd, "SWAPSPACE2", 10) != 10)
		t_fail("short file");
	close(fd);
	t_check_err(ret(raw_swapon("/mnt/short", 0)), EINVAL, "shorter than a page");
	make_area("/mnt/v2", 16, 2, 15, 0, 0, 1);
	t_check_err(ret(raw_swapon("/mnt/v2", 0)), EINVAL, "version 2");
	make_area("/mnt/empty", 16, 1, 0, 0, 0, 1);
	t_check_err(ret(raw_swapon("/mnt/empty", 0)), EINVAL, "last_page 0");
	make_area("/mnt/longer", 16, 1, 40, 0, 0, 1);
	t_check_err(ret(raw_swapon("/mnt/longer", 0)), EINVAL, "area shorter than its header");
	make_area("/mnt/holes", 64, 1, 63, 0, 1, 1);
	t_check_err(ret(raw_swapon("/mnt/holes", 0)), EINVAL, "file with holes");
	make_area("/mnt/bad", 64, 1, 63, 1, 0, 1);
	t_check_err(ret(raw_swapon("/mnt/bad", 0)), EINVAL, "bad pages in a file");

	make_area("/mnt/good", 256, 1, 255, 0, 0, 1);
	if (ret(raw_swapon("/mnt/good", SWAP_FLAG_PREFER | 11 | SWAP_FLAG_DISCARD)))
		t_fail("swapon(good file): %s", strerror(errno));
	t_check_err(ret(raw_swapon("/mnt/good", 0)), EBUSY, "swapon twice");
	if (mmk_read_file("/proc/swaps", buf, sizeof(buf)) < 0 ||
	    !strstr(buf, "/mnt/good                               file\t\t1020\t\t0\t\t11\n"))
		t_note("/proc/swaps: %s", buf);
	fd = open("/mnt/good", O_WRONLY);
	t_check_err(fd < 0 ? -1 : write(fd, "x", 1), ETXTBSY, "write to an active swap file");
	if (fd >= 0)
		close(fd);
	t_check_err(truncate("/mnt/good", 0), ETXTBSY, "truncate of an active swap file");
	if (ret(raw_swapoff("/mnt/good")))
		t_fail("swapoff(good file): %s", strerror(errno));
	t_check_err(ret(raw_swapoff("/mnt/good")), EINVAL, "swapoff twice");
	unlink("/mnt/nosig");
	unlink("/mnt/short");
	unlink("/mnt/v2");
	unlink("/mnt/empty");
	unlink("/mnt/longer");
	unlink("/mnt/holes");
	unlink("/mnt/bad");
	unlink("/mnt/good");
	t_ok();
}
