/*
 * proc.c - reading /proc the way the tools and tests need it.
 *
 * Everything reads through a fixed buffer (struct mmk_lines) in 1 KiB
 * read() calls, so a file of any size (smaps of a big process) needs no
 * malloc, and the kernel's procfs is exercised with successive reads at
 * increasing offsets, as Linux's seq_file serves them.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#include "mmk.h"

int mmk_lines_open(struct mmk_lines *lr, const char *path)
{
	lr->fd = open(path, O_RDONLY);
	lr->pos = lr->len = 0;
	return lr->fd < 0 ? -1 : 0;
}

void mmk_lines_close(struct mmk_lines *lr)
{
	if (lr->fd >= 0)
		close(lr->fd);
	lr->fd = -1;
}

/* Next byte of the file, or -1 at the end (or on a read error). */
static int next_byte(struct mmk_lines *lr)
{
	if (lr->pos == lr->len) {
		int n = lr->fd < 0 ? 0 : read(lr->fd, lr->buf, sizeof(lr->buf));

		if (n <= 0)
			return -1;
		lr->pos = 0;
		lr->len = n;
	}
	return (unsigned char)lr->buf[lr->pos++];
}

char *mmk_lines_next(struct mmk_lines *lr)
{
	size_t n = 0;
	int c = next_byte(lr);

	if (c < 0)
		return NULL;
	while (c >= 0 && c != '\n') {
		if (n < sizeof(lr->line) - 1)
			lr->line[n++] = (char)c;
		c = next_byte(lr);
	}
	lr->line[n] = '\0';
	return lr->line;
}

long mmk_proc_value(const char *path, const char *key)
{
	struct mmk_lines lr;
	size_t klen = strlen(key);
	long val = -1;
	char *l;

	if (mmk_lines_open(&lr, path) < 0)
		return -1;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (strncmp(l, key, klen) == 0) {
			l += klen;
			while (*l && !isdigit((unsigned char)*l))
				l++;
			if (*l)
				val = strtol(l, NULL, 10);
			break;
		}
	}
	mmk_lines_close(&lr);
	return val;
}

int mmk_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/*
 * /proc/<pid>/stat is "pid (comm) state ppid ...": comm may hold spaces or
 * parentheses, so fields are counted from the last ')'; field 3 follows it.
 */
int mmk_proc_stat_field(int pid, int n, unsigned long *val)
{
	char path[32], buf[1024], *p;
	int field;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	else
		strcpy(path, "/proc/self/stat");
	if (n < 3 || mmk_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	p = strrchr(buf, ')');
	if (!p)
		return -1;
	p++;
	for (field = 3; ; field++) {
		while (*p == ' ')
			p++;
		if (!*p)
			return -1;
		if (field == n)
			break;
		while (*p && *p != ' ')
			p++;
	}
	*val = strtoul(p, NULL, 10);
	return 0;
}

int mmk_list_dir(const char *path, int (*fn)(const char *, int, void *), void *arg)
{
	static char buf[2048] __attribute__((aligned(8)));
	int fd = open(path, O_RDONLY | O_DIRECTORY), n, off, r = 0;

	if (fd < 0)
		return -1;
	while (r == 0 && (n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; r == 0 && off < n; ) {
			struct linux_dirent64 *d = (void *)(buf + off);

			if (d->d_reclen == 0)
				break;
			off += d->d_reclen;
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				r = fn(d->d_name, d->d_type, arg);
		}
	}
	close(fd);
	return r;
}

struct pid_list {
	int *pids;
	int n, cap;
};

static int add_pid(const char *name, int type, void *arg)
{
	struct pid_list *pl = arg;
	const char *c;

	(void)type;
	for (c = name; *c; c++)
		if (!isdigit((unsigned char)*c))
			return 0;
	if (pl->n == pl->cap) {
		int *grown = realloc(pl->pids, (pl->cap * 2 + 64) * sizeof(int));

		if (!grown)
			return 1;
		pl->pids = grown;
		pl->cap = pl->cap * 2 + 64;
	}
	pl->pids[pl->n++] = atoi(name);
	return 0;
}

static int by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int *mmk_list_pids(int *n)
{
	struct pid_list pl = { NULL, 0, 0 };

	if (mmk_list_dir("/proc", add_pid, &pl) < 0) {
		free(pl.pids);
		return NULL;
	}
	if (pl.n)
		qsort(pl.pids, pl.n, sizeof(int), by_value);
	*n = pl.n;
	return pl.pids ? pl.pids : malloc(sizeof(int));
}

/*
 * mmk_proc_cmdline - the command line of process pid, spaces between the
 * words (from /proc/PID/cmdline), or its Name: from /proc/PID/status when
 * the kernel has no cmdline file, or "?".  Always NUL-terminated.
 */
void mmk_proc_cmdline(const char *pid, char *buf, size_t size)
{
	char path[64];
	int n, i;

	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	n = mmk_read_file(path, buf, size);
	if (n > 0) {
		for (i = 0; i < n - 1; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		return;
	}
	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (mmk_read_file(path, buf, size) > 0 && strncmp(buf, "Name:", 5) == 0) {
		memmove(buf, buf + 5 + strspn(buf + 5, " \t"), strlen(buf));
		buf[strcspn(buf, "\n")] = '\0';
	} else {
		snprintf(buf, size, "?");
	}
}
