/*
 * ls [-laid] [FILE]... - list directory entries.
 *
 * The names come from getdents64(2) on the directory, sorted; each
 * directory entry is just a name and an inode number (-i shows it: hard
 * links share one).  Without -l, one name per line, directories with a
 * trailing '/'.  -l reads each entry's inode with lstat64(2) and prints
 * coreutils' long format:
 *
 *   total 12
 *   drwxr-xr-x 2 0 0 1024 May  1 10:00 dir
 *   -rw-r--r-- 2 0 0   35 May  1 10:00 hello.txt
 *   lrwxrwxrwx 1 0 0    9 May  1 10:00 link -> hello.txt
 *   crw-rw-rw- 1 0 0 1, 3 May  1 10:00 null
 *
 * mode, link count, owner and group (numbers: there is no /etc/passwd),
 * size in bytes (major, minor for a device), modification time (UTC),
 * name, and where a symbolic link points.  "total" is the space the
 * entries take on the disk in KiB (st_blocks / 2): a sparse file counts
 * only its allocated blocks.  -a shows names starting with '.', and "."
 * and ".." themselves; -d lists a directory, not its contents.  With no
 * FILE, the working directory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

static int opt_long, opt_all, opt_inode, opt_dir;

struct entry {
	const char *name;	/* as shown */
	char *path;		/* to stat and readlink */
	struct linux_stat64 st;
	int have_st;
	int type;		/* MMK_DT_* from getdents64, for the short form */
};

static int num_width(unsigned long long v)
{
	int w = 1;

	while (v >= 10) {
		v /= 10;
		w++;
	}
	return w;
}

static void format_time(uint32_t mtime, char *out, size_t size)
{
	time_t t = mtime, now = time(NULL);
	struct tm tm;
	long long age = (long long)now - (long long)t;

	gmtime_r(&t, &tm);
	/* Within six months: time of day; otherwise the year, as coreutils. */
	if (age >= 0 && age < 15778476LL)
		strftime(out, size, "%b %e %H:%M", &tm);
	else
		strftime(out, size, "%b %e  %Y", &tm);
}

static void print_long(struct entry *e, int n)
{
	int w_ino = 1, w_nl = 1, w_uid = 1, w_gid = 1, w_size = 1, w_maj = 0, w_min = 0, i;
	char mode[11], when[32], target[LINUX_PATH_MAX], size[48];
	ssize_t len;

	for (i = 0; i < n; i++) {
		struct linux_stat64 *s = &e[i].st;

		w_ino = w_ino > num_width(s->st_ino) ? w_ino : num_width(s->st_ino);
		w_nl = w_nl > num_width(s->st_nlink) ? w_nl : num_width(s->st_nlink);
		w_uid = w_uid > num_width(s->st_uid) ? w_uid : num_width(s->st_uid);
		w_gid = w_gid > num_width(s->st_gid) ? w_gid : num_width(s->st_gid);
		if (S_ISCHR(s->st_mode) || S_ISBLK(s->st_mode)) {
			w_maj = w_maj > num_width(MMK_MAJOR(s->st_rdev)) ? w_maj
				: num_width(MMK_MAJOR(s->st_rdev));
			w_min = w_min > num_width(MMK_MINOR(s->st_rdev)) ? w_min
				: num_width(MMK_MINOR(s->st_rdev));
		} else {
			w_size = w_size > num_width(s->st_size) ? w_size : num_width(s->st_size);
		}
	}
	if (w_maj && w_size < w_maj + w_min + 2)
		w_size = w_maj + w_min + 2;
	for (i = 0; i < n; i++) {
		struct linux_stat64 *s = &e[i].st;

		mmk_mode_string(s->st_mode, mode);
		format_time(s->st_mtime_sec, when, sizeof(when));
		if (S_ISCHR(s->st_mode) || S_ISBLK(s->st_mode))
			snprintf(size, sizeof(size), "%*u, %*u", w_maj & 15, MMK_MAJOR(s->st_rdev),
				 w_min & 15, MMK_MINOR(s->st_rdev));	/* widths <= 7 */
		else
			snprintf(size, sizeof(size), "%lld", (long long)s->st_size);
		if (opt_inode)
			printf("%*llu ", w_ino, (unsigned long long)s->st_ino);
		printf("%s %*u %*u %*u %*s %s %s", mode, w_nl, (unsigned)s->st_nlink, w_uid,
		       (unsigned)s->st_uid, w_gid, (unsigned)s->st_gid, w_size, size, when,
		       e[i].name);
		if (S_ISLNK(s->st_mode) &&
		    (len = readlink(e[i].path, target, sizeof(target) - 1)) >= 0) {
			target[len] = '\0';
			printf(" -> %s", target);
		}
		putchar('\n');
	}
}

static void print_short(struct entry *e, int n)
{
	int i, w = 1, dir;

	for (i = 0; opt_inode && i < n; i++)
		if (num_width(e[i].st.st_ino) > w)
			w = num_width(e[i].st.st_ino);
	for (i = 0; i < n; i++) {
		dir = e[i].have_st ? S_ISDIR(e[i].st.st_mode) : e[i].type == MMK_DT_DIR;
		if (opt_inode)
			printf("%*llu ", w, (unsigned long long)e[i].st.st_ino);
		printf("%s%s\n", e[i].name, dir ? "/" : "");
	}
}

static void print_entries(struct entry *e, int n)
{
	if (opt_long)
		print_long(e, n);
	else
		print_short(e, n);
}

/* The contents of one directory; 0, or 1 after a message. */
static int list_dir(const char *dir, int header)
{
	struct mmk_dirent *d;
	struct entry *e;
	unsigned long long blocks = 0;
	int n, i, k = 0;

	d = mmk_read_dir(dir, opt_all, &n);
	if (!d) {
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	e = calloc(n ? n : 1, sizeof(*e));
	if (!e)
		return 1;
	for (i = 0; i < n; i++) {
		if (d[i].name[0] == '.' && !opt_all)
			continue;
		e[k].name = d[i].name;
		e[k].path = mmk_path_join(dir, d[i].name);
		e[k].type = d[i].type;
		e[k].st.st_ino = d[i].ino;
		if (opt_long || d[i].type == MMK_DT_UNKNOWN) {
			if (e[k].path && mmk_lstat64(e[k].path, &e[k].st) == 0) {
				e[k].have_st = 1;
				blocks += e[k].st.st_blocks;
			} else if (opt_long) {
				fprintf(stderr, "ls: cannot access '%s': %s\n",
					e[k].path ? e[k].path : d[i].name, strerror(errno));
				free(e[k].path);
				continue;
			}
		}
		k++;
	}
	if (header)
		printf("%s:\n", dir);
	if (opt_long)
		printf("total %llu\n", blocks / 2);
	print_entries(e, k);
	for (i = 0; i < k; i++)
		free(e[i].path);
	free(e);
	mmk_free_dir(d, n);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_entry_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

int main(int argc, char **argv)
{
	struct entry *files;
	char **dirs, *o, cwd[8];
	int i = 1, nf = 0, nd = 0, rc = 0, follow;
	struct linux_stat64 st;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (o = argv[i] + 1; *o; o++) {
			switch (*o) {
			case 'l': opt_long = 1; break;
			case 'a': opt_all = 1; break;
			case 'i': opt_inode = 1; break;
			case 'd': opt_dir = 1; break;
			default:
				fprintf(stderr, "usage: ls [-l] [-a] [-i] [-d] [FILE]...\n");
				return 2;
			}
		}
	}
	if (i == argc) {
		/* a kernel without getcwd has no working directories: all are "/" */
		if (!opt_dir && mmk_getcwd(cwd, sizeof(cwd)) < 0 && errno == ENOSYS)
			return list_dir("/", 0);
		argv[--i] = ".";
	}
	files = calloc(argc, sizeof(*files));
	dirs = calloc(argc, sizeof(*dirs));
	if (!files || !dirs)
		return 2;
	for (; i < argc; i++) {
		/* A symbolic link named on the command line is followed, except
		 * by -l and -d, which show the link itself. */
		follow = !opt_long && !opt_dir;
		if ((follow ? mmk_stat64(argv[i], &st) : mmk_lstat64(argv[i], &st)) < 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", argv[i], strerror(errno));
			rc = 2;
			continue;
		}
		if (S_ISDIR(st.st_mode) && !opt_dir) {
			dirs[nd++] = argv[i];
			continue;
		}
		files[nf].name = files[nf].path = argv[i];
		files[nf].st = st;
		files[nf++].have_st = 1;
	}
	qsort(files, nf, sizeof(*files), by_entry_name);
	print_entries(files, nf);
	qsort(dirs, nd, sizeof(*dirs), by_name);
	for (i = 0; i < nd; i++) {
		if (nf || i)
			putchar('\n');
		rc |= list_dir(dirs[i], nf + nd > 1);
	}
	return rc;
}
