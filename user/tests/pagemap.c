/*
 * pagemap - /proc/self/pagemap, kpagecount and kpageflags as Linux.
 * Each is a binary file of one little-endian u64 per page, read with
 * pread at offset page * 8 (Documentation/admin-guide/mm/pagemap.rst).
 *
 * In a child, through /proc/self/pagemap (virtual page -> frame):
 *   1. a page written once is present, exclusive (bit 56), not a file
 *      page (bit 61); kpagecount says 1; kpageflags ANON and MMAP;
 *   2. a page only read maps the zero page: present, neither exclusive
 *      nor file; kpageflags ZERO_PAGE, kpagecount 0 (never counted);
 *   3. a page never touched reads 0; a page of a file mapping is present
 *      and a file page, kpageflags MMAP and UPTODATE but not ANON;
 *   4. after fork, parent and child map the same frame: kpagecount 2, no
 *      longer exclusive; the child's write (COW) gives it a frame of its
 *      own and the parent's is exclusive again, counted once;
 *   5. PFN 0 (below RAM) has no page: kpagecount 0, kpageflags NOPAGE;
 *      the whole of kpageflags has free (BUDDY), SLAB and RESERVED pages;
 *   6. hostile reads of all three: an offset or a count that is not a
 *      multiple of 8 (EINVAL), a count of 0 (0), offsets past the end and
 *      near 2^63 (0, or EINVAL where offset + count passes 2^63), a
 *      negative offset (EINVAL), a NULL or kernel buffer (EFAULT), a huge
 *      count into a one-page buffer (EFAULT), lseek from the end (EINVAL).
 * On Linux (qemu-arm) the PFNs read 0 without CAP_SYS_ADMIN, the
 * addresses are the emulator's and kpageflags needs root: only the
 * hostile reads of pagemap are checked there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "mmk.h"
#include "mmk_test.h"

#define PM_PFN(e)		((e) & ((1ULL << 55) - 1))
#define PM_EXCLUSIVE		(1ULL << 56)
#define PM_FILE			(1ULL << 61)
#define PM_PRESENT		(1ULL << 63)

/* kpageflags bits (include/uapi/linux/kernel-page-flags.h; 32: linux/) */
#define KPF_UPTODATE		3
#define KPF_SLAB		7
#define KPF_BUDDY		10
#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_NOPAGE		20
#define KPF_ZERO_PAGE		24
#define KPF_RESERVED		32
#define BIT(n)			(1ULL << (n))

static int pm_fd, count_fd, flags_fd;

/* What the measured child counted, for the ok line (a shared page: the
 * child's figures outlive it). */
static struct figures {
	unsigned long buddy, slab, reserved;
} *fig;

static uint64_t entry(int fd, uint64_t index, const char *what)
{
	uint64_t e;
	ssize_t r = pread64(fd, &e, 8, (int64_t)(index * 8));

	if (r != 8)
		t_fail("pread of %s entry 0x%llx returned %ld (errno %d)", what,
		       (unsigned long long)index, (long)r, errno);
	return e;
}

static uint64_t pagemap(const void *va)
{
	return entry(pm_fd, (uintptr_t)va / T_PAGE, "pagemap");
}

static uint64_t kcount(uint64_t pfn)
{
	return entry(count_fd, pfn, "kpagecount");
}

static uint64_t kflags(uint64_t pfn)
{
	return entry(flags_fd, pfn, "kpageflags");
}

/* pread(fd, buf, n, off) must be -1 with errno err, or return `want` (err 0). */
static void expect_read(int fd, void *buf, size_t n, int64_t off, int err, long want,
			const char *what)
{
	ssize_t r;

	errno = 0;
	r = pread64(fd, buf, n, off);
	if (err)
		t_check_err(r, err, what);
	else if (r != want)
		t_note("%s: returned %ld (errno %d), expected %ld", what, (long)r, errno, want);
}

/* Step 6, for one file of `end` bytes (0: unknown, not checked). */
static void hostile(int fd, const char *name, int64_t end)
{
	char what[64], *page;
	uint64_t e;

#define W(s) (snprintf(what, sizeof(what), "%s: %s", name, s), what)
	expect_read(fd, &e, 8, 1, EINVAL, 0, W("offset 1"));
	expect_read(fd, &e, 7, 0, EINVAL, 0, W("count 7"));
	expect_read(fd, &e, 12, 8, EINVAL, 0, W("count 12"));
	expect_read(fd, &e, 0, 0, 0, 0, W("count 0"));
	expect_read(fd, &e, 8, 0x7ffffffffffffff0LL, 0, 0, W("offset 2^63-16"));
	expect_read(fd, &e, 8, 0x7ffffffffffffff8LL, EINVAL, 0, W("offset 2^63-8"));
	expect_read(fd, &e, 8, -8, EINVAL, 0, W("offset -8"));
	if (end)
		expect_read(fd, &e, 8, end, 0, 0, W("offset at the end"));
	expect_read(fd, NULL, 8, 0, EFAULT, 0, W("NULL buffer"));
	expect_read(fd, T_KADDR, 8, 0, EFAULT, 0, W("kernel buffer"));

	/* a huge count into one page with nothing mapped after it */
	page = mmap(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	if (page == MAP_FAILED)
		t_fail("mmap of 2 pages failed");
	munmap(page + T_PAGE, T_PAGE);
	expect_read(fd, page, 0x7ffff000, 0, EFAULT, 0, W("huge count"));
	munmap(page, T_PAGE);

	errno = 0;
	t_check_err(lseek64(fd, 0, SEEK_END), EINVAL, W("lseek SEEK_END"));
	if (lseek64(fd, 16, SEEK_SET) != 16 || lseek64(fd, 8, SEEK_CUR) != 24)
		t_note("%s: lseek SEEK_SET/SEEK_CUR", name);
	if (read(fd, &e, 8) != 8 || e != entry(fd, 3, name))
		t_note("%s: read() after lseek(24) is not entry 3", name);
#undef W
}

/* Steps 1-3. */
static void own_pages(char *anon, const char *file)
{
	uint64_t a = pagemap(anon), z = pagemap(anon + T_PAGE), f = pagemap(file);
	uint64_t fl;
	volatile char sink;

	if (!(a & PM_PRESENT) || !PM_PFN(a) || !(a & PM_EXCLUSIVE) || (a & PM_FILE))
		t_fail("written anonymous page: pagemap 0x%016llx, expected present, "
		       "exclusive, not file", (unsigned long long)a);
	fl = kflags(PM_PFN(a));
	if ((fl & (BIT(KPF_ANON) | BIT(KPF_MMAP))) != (BIT(KPF_ANON) | BIT(KPF_MMAP)) ||
	    (fl & (BIT(KPF_ZERO_PAGE) | BIT(KPF_BUDDY) | BIT(KPF_SLAB) | BIT(KPF_NOPAGE))))
		t_fail("written anonymous page: kpageflags 0x%llx, expected ANON|MMAP",
		       (unsigned long long)fl);
	if (kcount(PM_PFN(a)) != 1)
		t_fail("written anonymous page: kpagecount %llu, expected 1",
		       (unsigned long long)kcount(PM_PFN(a)));

	if (!(z & PM_PRESENT) || (z & (PM_EXCLUSIVE | PM_FILE)))
		t_fail("page only read: pagemap 0x%016llx, expected present only",
		       (unsigned long long)z);
	fl = kflags(PM_PFN(z));
	if (!(fl & BIT(KPF_ZERO_PAGE)) || (fl & BIT(KPF_ANON)) || kcount(PM_PFN(z)) != 0)
		t_fail("page only read: kpageflags 0x%llx, kpagecount %llu; expected "
		       "ZERO_PAGE, 0", (unsigned long long)fl,
		       (unsigned long long)kcount(PM_PFN(z)));

	if (pagemap(anon + 2 * T_PAGE) != 0)
		t_fail("untouched page: pagemap 0x%016llx, expected 0",
		       (unsigned long long)pagemap(anon + 2 * T_PAGE));

	sink = file[0];
	(void)sink;
	f = pagemap(file);
	fl = kflags(PM_PFN(f));
	if (!(f & PM_PRESENT) || !(f & PM_FILE))
		t_fail("file page: pagemap 0x%016llx, expected present and file",
		       (unsigned long long)f);
	if (!(fl & BIT(KPF_MMAP)) || !(fl & BIT(KPF_UPTODATE)) || (fl & BIT(KPF_ANON)) ||
	    kcount(PM_PFN(f)) < 1)
		t_fail("file page: kpageflags 0x%llx, kpagecount %llu; expected MMAP, "
		       "UPTODATE, not ANON, counted", (unsigned long long)fl,
		       (unsigned long long)kcount(PM_PFN(f)));
}

/* Wait for the child's word on the pipe; if it died instead (having said
 * why), go with it quietly. */
static void hear(int fd, pid_t pid)
{
	char c;

	if (read(fd, &c, 1) != 1) {
		t_wait_ok(pid, "pagemap fork child");
		t_fail("the fork child exited early");
	}
}

/* Step 4: fork shares the frame (count 2); the child's write unshares it. */
static void shared_after_fork(char *anon)
{
	uint64_t before = PM_PFN(pagemap(anon)), e;
	int go[2], done[2];
	char c;
	pid_t pid;

	if (pipe(go) < 0 || pipe(done) < 0)
		t_fail("pipe failed");
	pid = t_fork();
	if (pid == 0) {
		/* the inherited descriptor is the parent's file: /proc/self
		 * was resolved when it was opened */
		close(pm_fd);
		pm_fd = open("/proc/self/pagemap", O_RDONLY);
		close(go[1]);
		close(done[0]);
		e = pagemap(anon);
		if (PM_PFN(e) != before || (e & PM_EXCLUSIVE))
			t_fail("child after fork: pagemap 0x%016llx, expected frame 0x%llx, "
			       "not exclusive", (unsigned long long)e,
			       (unsigned long long)before);
		if (write(done[1], "s", 1) != 1 || read(go[0], &c, 1) != 1)
			t_fail("child: pipe");
		anon[0] = 'c';			/* copy-on-write */
		if (PM_PFN(pagemap(anon)) == before || !(pagemap(anon) & PM_EXCLUSIVE))
			t_fail("child after its write: frame 0x%llx (was 0x%llx), should be "
			       "its own", (unsigned long long)PM_PFN(pagemap(anon)),
			       (unsigned long long)before);
		if (write(done[1], "w", 1) != 1 || read(go[0], &c, 1) != 1)
			t_fail("child: pipe");
		exit(0);
	}
	close(go[0]);
	close(done[1]);
	hear(done[0], pid);
	e = pagemap(anon);
	if (PM_PFN(e) != before || (e & PM_EXCLUSIVE) || kcount(before) != 2)
		t_fail("parent after fork: pagemap 0x%016llx, kpagecount %llu; expected "
		       "frame 0x%llx, not exclusive, 2", (unsigned long long)e,
		       (unsigned long long)kcount(before), (unsigned long long)before);
	if (write(go[1], "g", 1) != 1)
		t_fail("parent: pipe");
	hear(done[0], pid);
	e = pagemap(anon);
	if (PM_PFN(e) != before || !(e & PM_EXCLUSIVE) || kcount(before) != 1)
		t_fail("parent after the child's write: pagemap 0x%016llx, kpagecount %llu; "
		       "expected exclusive, 1", (unsigned long long)e,
		       (unsigned long long)kcount(before));
	if (write(go[1], "g", 1) != 1)
		t_fail("parent: pipe");
	t_wait_ok(pid, "pagemap fork child");
	close(go[1]);
	close(done[0]);
}

/* Step 5: PFN 0, and the flags of every frame, 512 at a time. */
static void all_frames(void)
{
	static uint64_t e[512];
	int64_t off = 0;
	ssize_t r;
	int i;

	if (kcount(0) != 0 || kflags(0) != BIT(KPF_NOPAGE))
		t_fail("PFN 0: kpagecount %llu, kpageflags 0x%llx; expected 0, NOPAGE",
		       (unsigned long long)kcount(0), (unsigned long long)kflags(0));
	memset(fig, 0, sizeof(*fig));
	while ((r = pread64(flags_fd, e, sizeof(e), off)) > 0) {
		for (i = 0; i < r / 8; i++) {
			fig->buddy += !!(e[i] & BIT(KPF_BUDDY));
			fig->slab += !!(e[i] & BIT(KPF_SLAB));
			fig->reserved += !!(e[i] & BIT(KPF_RESERVED));
		}
		off += r;
	}
	if (r < 0)
		t_fail("reading kpageflags at 0x%llx: errno %d", (unsigned long long)off, errno);
	if (!fig->buddy || !fig->slab || !fig->reserved)
		t_fail("kpageflags: %lu free, %lu slab, %lu reserved pages; expected some of "
		       "each", fig->buddy, fig->slab, fig->reserved);
	if (off % 8 || pread64(count_fd, e, 8, off) != 0 || pread64(count_fd, e, 8, off - 8) != 8)
		t_fail("kpagecount does not end where kpageflags does (0x%llx)",
		       (unsigned long long)off);
	hostile(count_fd, "kpagecount", off);
	hostile(flags_fd, "kpageflags", off);
}

static void child(void)
{
	char *anon, *file;
	int fd;
	volatile char sink;

	pm_fd = open("/proc/self/pagemap", O_RDONLY);
	if (pm_fd < 0)
		t_fail("open /proc/self/pagemap: errno %d", errno);
	/* pagemap ends at TASK_SIZE: 0xBF000000 on mmkernel */
	hostile(pm_fd, "pagemap", mmk_on_linux() ? 0 : 0xBF000000LL / T_PAGE * 8);
	if (mmk_on_linux()) {
		t_check_notes();
		return;
	}
	count_fd = open("/proc/kpagecount", O_RDONLY);
	flags_fd = open("/proc/kpageflags", O_RDONLY);
	if (count_fd < 0 || flags_fd < 0)
		t_fail("open /proc/kpagecount, /proc/kpageflags: errno %d", errno);

	anon = mmap(NULL, 3 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	fd = open("/data/pages.txt", O_RDONLY);
	file = fd < 0 ? MAP_FAILED : mmap(NULL, T_PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	if (anon == MAP_FAILED || file == MAP_FAILED)
		t_fail("mmap of the test pages failed");
	anon[0] = 'a';				/* page 0 written */
	sink = anon[T_PAGE];			/* page 1 read: the zero page */
	(void)sink;				/* page 2 left alone */
	own_pages(anon, file);
	shared_after_fork(anon);
	all_frames();
	munmap(anon, 3 * T_PAGE);
	munmap(file, T_PAGE);
	close(fd);
	close(pm_fd);
	close(count_fd);
	close(flags_fd);
	t_check_notes();
}

static void work(int measured)
{
	pid_t pid = t_fork();

	if (pid == 0) {
		child();
		exit(0);
	}
	t_wait_ok(pid, "pagemap child");
}

int main(void)
{
	t_begin("pagemap");
	fig = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fig == MAP_FAILED)
		t_fail("mmap of a shared page failed");
	t_leak_check(work);
	if (!mmk_on_linux())
		printf("pagemap: kpageflags shows %lu free (buddy), %lu slab and %lu "
		       "reserved pages\n", fig->buddy, fig->slab, fig->reserved);
	else
		printf("pagemap: on Linux only pagemap's hostile reads are checked\n");
	t_ok();
}
