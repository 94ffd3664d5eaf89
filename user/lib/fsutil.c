/*
 * fsutil.c - what the file tools (ls, cp, rm, df, mount, ...) and the file
 * system tests share: directory listings that may be walked recursively,
 * copying between descriptors, /proc/mounts, mode strings, sizes with
 * suffixes and the POSIX cksum CRC.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

/* ------------------------------------------------------------ directories */
static int by_dirent_name(const void *a, const void *b)
{
	return strcmp(((const struct mmk_dirent *)a)->name,
		      ((const struct mmk_dirent *)b)->name);
}

/* Append one record to the growing array; 0, or -1 (ENOMEM). */
static int add_dirent(struct mmk_dirent **v, int *n, int *cap,
		      const struct linux_dirent64 *d)
{
	if (*n == *cap) {
		struct mmk_dirent *grown = realloc(*v, (*cap * 2 + 16) * sizeof(**v));

		if (!grown)
			return -1;
		*v = grown;
		*cap = *cap * 2 + 16;
	}
	(*v)[*n].name = strdup(d->d_name);
	if (!(*v)[*n].name)
		return -1;
	(*v)[*n].ino = d->d_ino;
	(*v)[*n].type = d->d_type;
	(*n)++;
	return 0;
}

/*
 * Unlike mmk_list_dir(), the directory is read completely and closed before
 * this returns (its buffer is on the stack), so callers may recurse.
 */
struct mmk_dirent *mmk_read_dir(const char *path, int with_dots, int *count)
{
	char buf[2048] __attribute__((aligned(8)));
	struct mmk_dirent *v = NULL;
	int fd = open(path, O_RDONLY | O_DIRECTORY), n = 0, cap = 0, got, off, e;

	if (fd < 0)
		return NULL;
	while ((got = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < got; ) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (d->d_reclen == 0)
				break;
			off += d->d_reclen;
			if (!with_dots && (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..")))
				continue;
			if (add_dirent(&v, &n, &cap, d) < 0) {
				got = -1;
				errno = ENOMEM;
				break;
			}
		}
		if (got < 0)
			break;
	}
	e = errno;
	close(fd);
	if (got < 0) {
		mmk_free_dir(v, n);
		errno = e;
		return NULL;
	}
	if (n)
		qsort(v, n, sizeof(*v), by_dirent_name);
	*count = n;
	return v ? v : malloc(sizeof(*v));	/* empty, but not NULL */
}

void mmk_free_dir(struct mmk_dirent *v, int n)
{
	int i;

	for (i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

int mmk_remove_tree(const char *path)
{
	struct linux_stat64 st;
	struct mmk_dirent *d;
	int n, i, rc = 0;
	char *child;

	if (mmk_lstat64(path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	d = mmk_read_dir(path, 0, &n);
	if (!d)
		return -1;
	for (i = 0; i < n; i++) {
		child = mmk_path_join(path, d[i].name);
		if (!child || mmk_remove_tree(child) < 0)
			rc = -1;
		free(child);
	}
	mmk_free_dir(d, n);
	return rmdir(path) < 0 ? -1 : rc;
}

char *mmk_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	char *p = malloc(dl + strlen(name) + 2);

	if (p)
		sprintf(p, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
	return p;
}

const char *mmk_basename(const char *path)
{
	static char last[LINUX_NAME_MAX + 1];
	size_t end = strlen(path), start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start > LINUX_NAME_MAX)
		end = start + LINUX_NAME_MAX;
	memcpy(last, path + start, end - start);
	last[end - start] = '\0';
	return last;
}

/* ------------------------------------------------------------- copying */
int64_t mmk_copy_fd(int from, int to, int *write_failed)
{
	static char buf[32768];
	int64_t total = 0;
	ssize_t n, off, w;

	*write_failed = 0;
	while ((n = read(from, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (off = 0; off < n; off += w) {
			w = write(to, buf + off, n - off);
			if (w <= 0) {
				if (w == 0)
					errno = ENOSPC;
				*write_failed = 1;
				return -1;
			}
		}
		total += n;
	}
	return total;
}

/*
 * Copy regular file src to dst (created with src's permission bits, or
 * truncated), as cp and mv do it; problems are reported on stderr as
 * "PROG: ...".  0, or 1 after a message.
 */
int mmk_copy_file(const char *prog, const char *src, const char *dst)
{
	struct linux_stat64 st;
	int in, out, rc = 0, wfail;

	in = open(src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "%s: cannot open '%s' for reading: %s\n", prog, src,
			strerror(errno));
		return 1;
	}
	if (mmk_fstat64(in, &st) < 0)
		st.st_mode = 0644;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
	if (out < 0) {
		fprintf(stderr, "%s: cannot create regular file '%s': %s\n", prog, dst,
			strerror(errno));
		close(in);
		return 1;
	}
	if (mmk_copy_fd(in, out, &wfail) < 0) {
		fprintf(stderr, "%s: error %s '%s': %s\n", prog, wfail ? "writing" : "reading",
			wfail ? dst : src, strerror(errno));
		rc = 1;
	}
	if (close(out) < 0 && !rc) {
		fprintf(stderr, "%s: error writing '%s': %s\n", prog, dst, strerror(errno));
		rc = 1;
	}
	close(in);
	return rc;
}

/* ---------------------------------------------------------------- mounts */
/* Copy one field of a /proc/mounts line, turning \040-style escapes back
 * into characters; returns the rest of the line. */
static char *mount_field(char *s, char *out, size_t size)
{
	size_t n = 0;

	while (*s == ' ')
		s++;
	while (*s && *s != ' ') {
		char c = *s++;

		if (c == '\\' && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2])) {
			c = (char)((s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0'));
			s += 3;
		}
		if (n < size - 1)
			out[n++] = c;
	}
	out[n] = '\0';
	return s;
}

struct mmk_mount *mmk_read_mounts(int *count)
{
	struct mmk_lines lr;
	struct mmk_mount *v = NULL, *m;
	int n = 0, cap = 0;
	char *l;

	if (mmk_lines_open(&lr, "/proc/mounts") < 0)
		return NULL;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (n == cap) {
			struct mmk_mount *grown = realloc(v, (cap * 2 + 8) * sizeof(*v));

			if (!grown)
				break;
			v = grown;
			cap = cap * 2 + 8;
		}
		m = &v[n];
		l = mount_field(l, m->dev, sizeof(m->dev));
		l = mount_field(l, m->dir, sizeof(m->dir));
		l = mount_field(l, m->type, sizeof(m->type));
		mount_field(l, m->opts, sizeof(m->opts));
		if (m->dir[0])
			n++;
	}
	mmk_lines_close(&lr);
	*count = n;
	return v ? v : malloc(sizeof(*v));
}

/* ------------------------------------------------------------ formatting */
void mmk_mode_string(uint32_t mode, char out[11])
{
	static const char types[] = "?pc?d?b?-?l?s???";	/* by S_IFMT >> 12 */
	static const char rwx[] = "rwxrwxrwx";
	int i;

	out[0] = types[(mode >> 12) & 15];
	for (i = 0; i < 9; i++)
		out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		out[3] = mode & S_IXUSR ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = mode & S_IXGRP ? 's' : 'S';
	if (mode & S_ISVTX)
		out[9] = mode & S_IXOTH ? 't' : 'T';
	out[10] = '\0';
}

/*
 * "16M", "4k", "1000", "2GB", "512b": a number and an optional suffix,
 * as dd and truncate take them: c 1, w 2, b 512, K k KiB 1024, KB kB 1000,
 * M MiB, MB, G GiB, GB, T TiB, TB.  0, or -1 for anything else or an
 * overflow.
 */
int mmk_parse_size(const char *s, uint64_t *out)
{
	static const struct { const char *suffix; uint64_t mult; } units[] = {
		{ "", 1 }, { "c", 1 }, { "w", 2 }, { "b", 512 },
		{ "K", 1ull << 10 }, { "k", 1ull << 10 }, { "KiB", 1ull << 10 },
		{ "KB", 1000 }, { "kB", 1000 },
		{ "M", 1ull << 20 }, { "MiB", 1ull << 20 }, { "MB", 1000000 },
		{ "G", 1ull << 30 }, { "GiB", 1ull << 30 }, { "GB", 1000000000 },
		{ "T", 1ull << 40 }, { "TiB", 1ull << 40 }, { "TB", 1000000000000ull },
	};
	uint64_t v = 0;
	unsigned i;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(s, units[i].suffix) == 0) {
			if (v && units[i].mult > UINT64_MAX / v)
				return -1;
			*out = v * units[i].mult;
			return 0;
		}
	}
	return -1;
}

/* ----------------------------------------------------------------- cksum */
/*
 * POSIX cksum: CRC-32 with the polynomial 0x04C11DB7, most significant bit
 * first, initial value 0; after the data, the length in as few bytes as it
 * takes (least significant first); then the complement.
 */
static uint32_t crc_table[256];

static void crc_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i << 24;
		for (k = 0; k < 8; k++)
			c = c & 0x80000000u ? (c << 1) ^ 0x04C11DB7u : c << 1;
		crc_table[i] = c;
	}
}

uint32_t mmk_cksum_update(uint32_t crc, const void *buf, size_t n)
{
	const unsigned char *p = buf;

	if (!crc_table[1])
		crc_init();
	while (n--)
		crc = (crc << 8) ^ crc_table[(crc >> 24) ^ *p++];
	return crc;
}

uint32_t mmk_cksum_final(uint32_t crc, uint64_t len)
{
	unsigned char b;

	for (; len; len >>= 8) {
		b = (unsigned char)len;
		crc = mmk_cksum_update(crc, &b, 1);
	}
	return ~crc;
}
