/*
 * df [-k|-h] [-a] [PATH]... - free space of the mounted file systems.
 *
 *   Filesystem     1K-blocks  Used Available Use% Mounted on
 *   /dev/vda1          63461  1223     58962   3% /mnt
 *
 * Each row is one statfs64(2) on a mount point from /proc/mounts (or on
 * each PATH, with the mount it lies on).  The file system counts in
 * blocks of f_frsize bytes: f_blocks in all, f_bfree free, f_bavail free
 * for ordinary users (ext2 keeps some blocks for root, so f_bavail <
 * f_bfree).  Used = f_blocks - f_bfree; Use% = Used / (Used + Available),
 * rounded up, as coreutils does.  File systems without blocks (proc,
 * sysfs) are left out unless -a.  -h: sizes in K, M, G (powers of 1024).
 *
 * tmpfs counts the page-cache pages of its files as used blocks: write a
 * file there and watch both df and "Shmem:" in /proc/meminfo grow.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

#define NCOL	6

struct row {
	char col[NCOL][64];
};

static int human, all;
static struct row *rows;
static int nrows, caprows;

/* Bytes as coreutils' df -h shows them: "0", "512", "4.0K", "19G" (rounded up). */
static void human_size(uint64_t bytes, char *out, size_t size)
{
	static const char units[] = "KMGTPE";
	double v = (double)bytes;
	unsigned long long whole;
	int u = -1;

	if (bytes < 1024) {
		snprintf(out, size, "%llu", (unsigned long long)bytes);
		return;
	}
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (v < 10) {
		unsigned long long tenths = (unsigned long long)(v * 10);

		if ((double)tenths < v * 10)
			tenths++;
		if (tenths < 100) {
			snprintf(out, size, "%llu.%llu%c", tenths / 10, tenths % 10, units[u]);
			return;
		}
	}
	whole = (unsigned long long)v;
	if ((double)whole < v)
		whole++;
	if (whole >= 1024 && u < 5) {
		snprintf(out, size, "1.0%c", units[u + 1]);
		return;
	}
	snprintf(out, size, "%llu%c", whole, units[u]);
}

static void amount(uint64_t blocks, uint32_t bsize, char *out, size_t size)
{
	if (human)
		human_size(blocks * bsize, out, size);
	else
		snprintf(out, size, "%llu", (unsigned long long)(blocks * bsize / 1024));
}

static struct row *new_row(void)
{
	if (nrows == caprows) {
		struct row *grown = realloc(rows, (caprows * 2 + 8) * sizeof(*rows));

		if (!grown)
			return NULL;
		rows = grown;
		caprows = caprows * 2 + 8;
	}
	return &rows[nrows++];
}

static void add(const char *dev, const char *dir, const struct linux_statfs64 *s)
{
	uint32_t bs = s->f_frsize ? s->f_frsize : s->f_bsize;
	uint64_t used = s->f_blocks - s->f_bfree, avail = s->f_bavail;
	struct row *r = new_row();

	if (!r)
		return;
	snprintf(r->col[0], sizeof(r->col[0]), "%s", dev);
	amount(s->f_blocks, bs, r->col[1], sizeof(r->col[1]));
	amount(used, bs, r->col[2], sizeof(r->col[2]));
	amount(avail, bs, r->col[3], sizeof(r->col[3]));
	if (used + avail)
		snprintf(r->col[4], sizeof(r->col[4]), "%llu%%",
			 (unsigned long long)((used * 100 + used + avail - 1) / (used + avail)));
	else
		strcpy(r->col[4], "-");
	snprintf(r->col[5], sizeof(r->col[5]), "%s", dir);
}

static void print_rows(void)
{
	static const int min[NCOL] = { 14, 5, 5, 5, 4, 0 };
	int w[NCOL], i, c;

	for (c = 0; c < NCOL; c++) {
		w[c] = min[c];
		for (i = 0; i < nrows; i++)
			if ((int)strlen(rows[i].col[c]) > w[c])
				w[c] = strlen(rows[i].col[c]);
	}
	for (i = 0; i < nrows; i++)
		printf("%-*s %*s %*s %*s %*s %s\n", w[0], rows[i].col[0], w[1], rows[i].col[1],
		       w[2], rows[i].col[2], w[3], rows[i].col[3], w[4], rows[i].col[4],
		       rows[i].col[5]);
}

/*
 * The mount point PATH lies on, as coreutils finds it: make the path
 * absolute, then drop its last component while the parent is still on the
 * same device (st_dev).  mp gets the directory; the result is the last
 * /proc/mounts entry for it, or NULL when the list does not show it (in a
 * chroot, the real root's mount is not listed).
 */
static const struct mmk_mount *mount_of(const char *path, const struct mmk_mount *m, int n,
					char *mp, size_t size)
{
	struct linux_stat64 st, up;
	char *slash;
	size_t len;
	int i, same;

	if (path[0] == '/')
		snprintf(mp, size, "%s", path);
	else if (getcwd(mp, size))
		snprintf(mp + strlen(mp), size - strlen(mp), "/%s", path);
	else
		return NULL;
	if (mmk_stat64(mp, &st) < 0)
		return NULL;
	for (;;) {
		len = strlen(mp);
		while (len > 1 && mp[len - 1] == '/')
			mp[--len] = '\0';
		slash = strrchr(mp, '/');
		if (len <= 1 || !slash)
			break;
		if (slash != mp)
			*slash = '\0';		/* mp is now the parent */
		same = mmk_stat64(slash == mp ? "/" : mp, &up) == 0 && up.st_dev == st.st_dev;
		if (!same) {
			*slash = '/';		/* the parent is elsewhere: mp is it */
			break;
		}
		if (slash == mp)
			mp[1] = '\0';		/* "/x" -> "/" */
	}
	for (i = n - 1; i >= 0; i--)
		if (strcmp(m[i].dir, mp) == 0)
			return &m[i];
	return NULL;
}

/* A later mount on the same directory hides an earlier one. */
static int hidden(const struct mmk_mount *m, int n, int i)
{
	int j;

	for (j = i + 1; j < n; j++)
		if (strcmp(m[j].dir, m[i].dir) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct linux_statfs64 s;
	struct mmk_mount *m;
	const struct mmk_mount *on;
	int i = 1, n = 0, k, rc = 0;
	static char mp[LINUX_PATH_MAX];
	struct row *hdr;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-h") == 0) {
			human = 1;
		} else if (strcmp(argv[i], "-k") == 0) {
			human = 0;
		} else if (strcmp(argv[i], "-a") == 0) {
			all = 1;
		} else {
			fprintf(stderr, "usage: df [-k|-h] [-a] [PATH]...\n");
			return 1;
		}
	}
	hdr = new_row();
	if (!hdr)
		return 1;
	strcpy(hdr->col[0], "Filesystem");
	strcpy(hdr->col[1], human ? "Size" : "1K-blocks");
	strcpy(hdr->col[2], "Used");
	strcpy(hdr->col[3], human ? "Avail" : "Available");
	strcpy(hdr->col[4], "Use%");
	strcpy(hdr->col[5], "Mounted on");
	m = mmk_read_mounts(&n);
	if (!m && i == argc) {
		fprintf(stderr, "df: cannot read /proc/mounts: %s\n", strerror(errno));
		return 1;
	}
	if (i == argc) {
		for (k = 0; k < n; k++) {
			if (hidden(m, n, k) || statfs64(m[k].dir, &s) < 0)
				continue;
			if (s.f_blocks || all)
				add(m[k].dev, m[k].dir, &s);
		}
	}
	for (; i < argc; i++) {
		if (statfs64(argv[i], &s) < 0) {
			fprintf(stderr, "df: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
			continue;
		}
		on = m ? mount_of(argv[i], m, n, mp, sizeof(mp)) : NULL;
		add(on ? on->dev : "-", on ? on->dir : mp, &s);
	}
	print_rows();
	free(m);
	free(rows);
	return rc;
}
