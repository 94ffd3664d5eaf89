/*
 * ulcompat.c - util-linux's conventions for mkswap, swapon and swapoff
 * (include/ulcompat.h): glibc's messages and getopt_long, util-linux's
 * number and size formats, libmount's canonical paths and /proc/swaps.
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
#include "ulcompat.h"

const char *ul_prog = "";

void ul_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	ul_prog = slash ? slash + 1 : argv0;
}

/* glibc's strerror texts where newlib's differ or are missing. */
static const struct {
	int e;
	const char *text;
} glibc_errors[] = {
	{ EPERM, "Operation not permitted" },	{ ENOENT, "No such file or directory" },
	{ EINTR, "Interrupted system call" },	{ EIO, "Input/output error" },
	{ ENXIO, "No such device or address" },	{ EBADF, "Bad file descriptor" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ ENOMEM, "Cannot allocate memory" },	{ EACCES, "Permission denied" },
	{ EFAULT, "Bad address" },		{ EBUSY, "Device or resource busy" },
	{ EEXIST, "File exists" },		{ ENODEV, "No such device" },
	{ ENOTDIR, "Not a directory" },		{ EISDIR, "Is a directory" },
	{ EINVAL, "Invalid argument" },		{ ENFILE, "Too many open files in system" },
	{ EMFILE, "Too many open files" },	{ ENOTTY, "Inappropriate ioctl for device" },
	{ ETXTBSY, "Text file busy" },		{ EFBIG, "File too large" },
	{ ENOSPC, "No space left on device" },	{ ESPIPE, "Illegal seek" },
	{ EROFS, "Read-only file system" },	{ ERANGE, "Numerical result out of range" },
	{ ENAMETOOLONG, "File name too long" },	{ ENOSYS, "Function not implemented" },
	{ ELOOP, "Too many levels of symbolic links" },
	{ EOVERFLOW, "Value too large for defined data type" },
	{ EOPNOTSUPP, "Operation not supported" },
#ifdef ENOTBLK
	{ ENOTBLK, "Block device required" },
#endif
};

const char *ul_strerror(int e)
{
	unsigned int i;

	for (i = 0; i < sizeof(glibc_errors) / sizeof(glibc_errors[0]); i++)
		if (glibc_errors[i].e == e)
			return glibc_errors[i].text;
	return strerror(e);
}

/* "PROG: MESSAGE[: ERROR]\n" on stderr, stdout flushed first. */
static void vmessage(int e, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", ul_prog);
	vfprintf(stderr, fmt, ap);
	if (e >= 0)
		fprintf(stderr, ": %s", ul_strerror(e));
	fputc('\n', stderr);
}

void ul_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(e, fmt, ap);
	va_end(ap);
}

void ul_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(-1, fmt, ap);
	va_end(ap);
}

void ul_err(int status, const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(e, fmt, ap);
	va_end(ap);
	exit(status);
}

void ul_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(-1, fmt, ap);
	va_end(ap);
	exit(status);
}

void ul_errtryhelp(int status)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", ul_prog);
	exit(status);
}

/* ------------------------------------------------------------ getopt */

void ul_getopt_init(struct ul_getopt *g, int argc, char **argv, const char *shortopts,
		    const struct ul_option *longopts)
{
	memset(g, 0, sizeof(*g));
	g->argc = argc;
	g->argv = argv;
	g->shortopts = shortopts;
	g->longopts = longopts;
	g->ind = 1;
	g->operands = calloc(argc + 1, sizeof(char *));
	if (!g->operands)
		ul_err(1, "cannot allocate");
}

/* The next letter of a cluster "-abc". */
static int short_option(struct ul_getopt *g)
{
	char c = *g->cluster++;
	const char *p = c != ':' ? strchr(g->shortopts, c) : NULL;

	if (!p) {
		fprintf(stderr, "%s: invalid option -- '%c'\n", g->argv[0], c);
		return '?';
	}
	if (p[1] != ':')
		return c;
	if (*g->cluster) {			/* "-Lname": the rest is the argument */
		g->arg = (char *)g->cluster;
	} else if (p[2] == ':') {		/* optional: only attached */
	} else if (g->ind < g->argc) {
		g->arg = g->argv[g->ind++];
	} else {
		fprintf(stderr, "%s: option requires an argument -- '%c'\n", g->argv[0], c);
		return '?';
	}
	g->cluster = NULL;
	return c;
}

/* Exact name, else the only prefix match (glibc's rules); NULL after a message. */
static const struct ul_option *find_long(struct ul_getopt *g, const char *s, size_t len)
{
	const struct ul_option *o, *found = NULL;
	bool ambiguous = false;

	for (o = g->longopts; o && o->name; o++) {
		if (strncmp(o->name, s, len))
			continue;
		if (strlen(o->name) == len)
			return o;
		if (found && (found->has_arg != o->has_arg || found->val != o->val))
			ambiguous = true;
		if (!found)
			found = o;
	}
	if (ambiguous) {
		fprintf(stderr, "%s: option '--%s' is ambiguous; possibilities:", g->argv[0], s);
		for (o = g->longopts; o->name; o++)
			if (strncmp(o->name, s, len) == 0)
				fprintf(stderr, " '--%s'", o->name);
		fputc('\n', stderr);
		return NULL;
	}
	if (!found)
		fprintf(stderr, "%s: unrecognized option '--%s'\n", g->argv[0], s);
	return found;
}

static int long_option(struct ul_getopt *g, char *s)
{
	char *eq = strchr(s, '=');
	const struct ul_option *o = find_long(g, s, eq ? (size_t)(eq - s) : strlen(s));

	if (!o)
		return '?';
	if (eq) {
		if (o->has_arg == UL_NO_ARG) {
			fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n",
				g->argv[0], o->name);
			return '?';
		}
		g->arg = eq + 1;
	} else if (o->has_arg == UL_REQUIRED_ARG) {
		if (g->ind >= g->argc) {
			fprintf(stderr, "%s: option '--%s' requires an argument\n", g->argv[0],
				o->name);
			return '?';
		}
		g->arg = g->argv[g->ind++];
	}
	return o->val;
}

int ul_getopt(struct ul_getopt *g)
{
	g->arg = NULL;
	if (g->cluster && *g->cluster)
		return short_option(g);
	g->cluster = NULL;
	while (g->ind < g->argc) {
		char *a = g->argv[g->ind++];

		if (g->dashdash || a[0] != '-' || a[1] == '\0') {
			g->operands[g->noperands++] = a;
		} else if (strcmp(a, "--") == 0) {
			g->dashdash = true;
		} else if (a[1] == '-') {
			return long_option(g, a + 2);
		} else {
			g->cluster = a + 1;
			return short_option(g);
		}
	}
	return -1;
}

static const char *long_name(int val, const struct ul_option *opts)
{
	for (; opts && opts->name; opts++)
		if (opts->val == val)
			return opts->name;
	return NULL;
}

void ul_exclusive(int c, const struct ul_option *opts, const int (*rows)[5], int nrows,
		  int *status)
{
	int e;
	const int *op;

	for (e = 0; e < nrows && rows[e][0] && rows[e][0] <= c; e++) {
		for (op = rows[e]; *op && *op <= c; op++) {
			if (*op != c)
				continue;
			if (status[e] == 0) {
				status[e] = c;
			} else if (status[e] != c) {
				fprintf(stderr, "%s: mutually exclusive arguments:", ul_prog);
				for (op = rows[e]; *op; op++) {
					const char *n = long_name(*op, opts);

					if (n)
						fprintf(stderr, " --%s", n);
					else
						fprintf(stderr, " -%c", *op);
				}
				fputc('\n', stderr);
				exit(1);
			}
			break;
		}
	}
}

/* ------------------------------------------------------------ numbers */

static void number_error(const char *s, const char *msg, bool range)
{
	if (range) {
		errno = ERANGE;
		ul_err(1, "%s: '%s'", msg, s);
	}
	ul_errx(1, "%s: '%s'", msg, s);
}

int64_t ul_strtos_or_err(const char *s, const char *msg, int64_t lo, int64_t hi)
{
	char *end;
	long long v;

	errno = 0;
	if (!*s)
		number_error(s, msg, false);
	v = strtoll(s, &end, 10);
	if (errno == ERANGE)
		number_error(s, msg, true);
	if (errno || end == s || *end)
		number_error(s, msg, false);
	if ((lo && v < lo) || (hi && v > hi))
		number_error(s, msg, true);
	return v;
}

uint64_t ul_strtou_or_err(const char *s, const char *msg, uint64_t hi)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (!*s)
		number_error(s, msg, false);
	if (strtoll(s, &end, 10) < 0)		/* negative: out of range */
		number_error(s, msg, true);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		number_error(s, msg, true);
	if (errno || end == s || *end)
		number_error(s, msg, false);
	if (hi && v > hi)
		number_error(s, msg, true);
	return v;
}

/*
 * util-linux's size_to_human_string: the largest power of 1024 below the
 * number, and one decimal rounded half up ("12.1M"), dropped when it is 0.
 */
char *ul_size_to_human(char *buf, size_t size, int options, uint64_t bytes)
{
	static const char letters[] = "BKMGTPE";
	char suffix[8], *p = suffix;
	int exp = 0, dec;
	uint64_t frac = 0;

	while (exp < 60 && bytes >= (1ULL << (exp + 10)))
		exp += 10;
	if (options & UL_SIZE_SPACE)
		*p++ = ' ';
	*p++ = letters[exp / 10];
	if ((options & UL_SIZE_3LETTER) && exp)
		p += sprintf(p, "iB");
	*p = '\0';
	dec = exp ? (int)(bytes >> exp) : (int)bytes;
	if (exp && (bytes & ((1ULL << exp) - 1))) {
		frac = bytes & ((1ULL << exp) - 1);
		if (frac >= UINT64_MAX / 1000)
			frac = ((frac / 1024) * 1000) / (1ULL << (exp - 10));
		else
			frac = (frac * 1000) / (1ULL << exp);
		frac = ((frac + 50) / 100) * 10;	/* one decimal, 4/5 rounding */
		if (frac == 100) {
			dec++;
			frac = 0;
		}
	}
	if (frac)
		snprintf(buf, size, "%d.%d%s", dec, (int)(frac / 10), suffix);
	else
		snprintf(buf, size, "%d%s", dec, suffix);
	return buf;
}

/* ------------------------------------------------------------ paths */

/* realpath(3): NULL when a component is missing or a link loops. */
static char *resolve(const char *path)
{
	char *out = calloc(1, LINUX_PATH_MAX), *todo = malloc(2 * LINUX_PATH_MAX);
	char link[LINUX_PATH_MAX];
	size_t len = 0;
	int links = 0;

	if (!out || !todo)
		goto fail;
	if (path[0] == '/')
		snprintf(todo, 2 * LINUX_PATH_MAX, "%s", path);
	else if (getcwd(link, sizeof(link)))
		snprintf(todo, 2 * LINUX_PATH_MAX, "%s/%s", link, path);
	else
		goto fail;
	while (*todo) {
		char *c = todo, *rest;
		struct linux_stat64 st;
		ssize_t n;

		while (*c == '/')
			c++;
		rest = c + strcspn(c, "/");
		if (rest == c)
			break;
		if (rest - c == 1 && c[0] == '.') {
			memmove(todo, rest, strlen(rest) + 1);
			continue;
		}
		if (rest - c == 2 && c[0] == '.' && c[1] == '.') {
			while (len && out[--len] != '/')
				;
			out[len] = '\0';
			memmove(todo, rest, strlen(rest) + 1);
			continue;
		}
		if (len + 1 + (size_t)(rest - c) >= LINUX_PATH_MAX)
			goto fail;
		out[len] = '/';
		memcpy(out + len + 1, c, rest - c);
		out[len + 1 + (rest - c)] = '\0';
		if (mmk_lstat64(out, &st) < 0)
			goto fail;
		if (!S_ISLNK(st.st_mode)) {
			len += 1 + (rest - c);
			memmove(todo, rest, strlen(rest) + 1);
			continue;
		}
		n = readlink(out, link, sizeof(link) - 1);
		if (n < 0 || ++links > 40 || (size_t)n + strlen(rest) + 2 > 2 * LINUX_PATH_MAX)
			goto fail;
		link[n] = '\0';
		out[len] = '\0';
		if (link[0] == '/')
			out[len = 0] = '\0';
		memmove(todo + n, rest, strlen(rest) + 1);
		memcpy(todo, link, n);
	}
	if (!len)
		strcpy(out, "/");
	free(todo);
	return out;
fail:
	free(out);
	free(todo);
	return NULL;
}

char *ul_canonicalize(const char *path)
{
	char *p;

	if (!path || !*path)
		return NULL;
	p = resolve(path);
	return p ? p : strdup(path);
}

/* ------------------------------------------------------------ swap areas */

int ul_swap_label_uuid(const char *path, char label[17], char uuid[37])
{
	static unsigned char buf[65536];
	const unsigned char *u = buf + 1024 + 12;
	int fd = open(path, O_RDONLY), i, zero = 1;
	ssize_t n;
	unsigned int page;

	label[0] = uuid[0] = '\0';
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	for (page = 4096; page <= sizeof(buf); page <<= 1)
		if (n >= (ssize_t)page && memcmp(buf + page - 10, "SWAPSPACE2", 10) == 0)
			break;
	if (page > sizeof(buf))
		return -1;
	memcpy(label, buf + 1024 + 28, 16);
	label[16] = '\0';
	for (i = 0; i < 16; i++)
		zero &= u[i] == 0;
	if (!zero)
		snprintf(uuid, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
			 "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5], u[6],
			 u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	return 0;
}

static int tag_matches(const char *path, const char *name, const char *value)
{
	char label[17], uuid[37];

	if (ul_swap_label_uuid(path, label, uuid) < 0)
		return 0;
	return strcmp(strcmp(name, "LABEL") == 0 ? label : uuid, value) == 0;
}

char *ul_find_swap_by_tag(const char *name, const char *value, bool files)
{
	struct mmk_lines lr;
	struct ul_swap *sw;
	char *l, path[300];
	int n = 0, i;

	if (mmk_lines_open(&lr, "/proc/partitions") == 0) {
		while ((l = mmk_lines_next(&lr)) != NULL) {
			char dev[64];

			if (sscanf(l, "%*u %*u %*u %63s", dev) != 1)
				continue;
			snprintf(path, sizeof(path), "/dev/%s", dev);
			if (tag_matches(path, name, value)) {
				mmk_lines_close(&lr);
				return strdup(path);
			}
		}
		mmk_lines_close(&lr);
	}
	sw = files ? ul_read_swaps(&n) : NULL;
	for (i = n - 1; sw && i >= 0; i--) {
		if (strcmp(sw[i].type, "file") == 0 && tag_matches(sw[i].src, name, value)) {
			char *p = strdup(sw[i].src);

			ul_free_swaps(sw, n);
			return p;
		}
	}
	if (sw)
		ul_free_swaps(sw, n);
	return NULL;
}

/* ------------------------------------------------------------ /proc/swaps */

/* One field, its \ooo escapes decoded (libmount's unmangle); *s moves past it. */
static char *unmangle(const char **s)
{
	const char *p = *s;
	size_t n = strcspn(p, " \t\n");
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	while (p < *s + n) {
		if (p[0] == '\\' && p + 3 < *s + n && p[1] >= '0' && p[1] <= '3' &&
		    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
			*o++ = (char)(((p[1] - '0') << 6) | ((p[2] - '0') << 3) | (p[3] - '0'));
			p += 4;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	*s += n;
	*s += strspn(*s, " \t");
	return out;
}

static int parse_swaps_line(const char *l, struct ul_swap *sw)
{
	static const char deleted[] = " (deleted)";
	size_t n;
	char *type;
	unsigned long long size, used;

	sw->src = unmangle(&l);
	type = unmangle(&l);
	if (!sw->src || !type || sscanf(l, "%llu %llu %d", &size, &used, &sw->prio) != 3) {
		free(sw->src);
		free(type);
		return -1;
	}
	n = strlen(sw->src);
	if (n > sizeof(deleted) - 1 && strcmp(sw->src + n - (sizeof(deleted) - 1), deleted) == 0)
		sw->src[n - (sizeof(deleted) - 1)] = '\0';
	snprintf(sw->type, sizeof(sw->type), "%s", type);
	free(type);
	sw->size = size;
	sw->used = used;
	return 0;
}

const char *ul_swaps_path(void)
{
	const char *p = getenv("LIBMOUNT_SWAPS");

	return p ? p : "/proc/swaps";
}

const char *ul_fstab_path(void)
{
	const char *p = getenv("LIBMOUNT_FSTAB");

	return p ? p : "/etc/fstab";
}

struct ul_swap *ul_read_swaps(int *count)
{
	struct mmk_lines lr;
	struct ul_swap *v = NULL, *bigger;
	char *l;
	int n = 0, line = 0;

	if (mmk_lines_open(&lr, ul_swaps_path()) < 0)
		return NULL;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		line++;
		if (strncmp(l, "Filename\t", 9) == 0 || !*l)
			continue;		/* the header */
		bigger = realloc(v, (n + 1) * sizeof(*v));
		if (!bigger)
			break;
		v = bigger;
		if (parse_swaps_line(l, &v[n]) == 0)
			n++;
		else
			fprintf(stderr, "%s: %s: parse error at line %d -- ignored\n",
				ul_prog, ul_swaps_path(), line);
	}
	mmk_lines_close(&lr);
	if (!v)
		v = malloc(sizeof(*v));
	*count = n;
	return v;
}

void ul_free_swaps(struct ul_swap *v, int count)
{
	int i;

	for (i = 0; v && i < count; i++)
		free(v[i].src);
	free(v);
}
