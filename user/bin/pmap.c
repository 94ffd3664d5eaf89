/*
 * pmap PID - the memory map of a process, like `pmap -x`:
 *
 * 12:   sh
 * Address   Kbytes     RSS   Dirty Mode  Mapping
 * 00010000      40      40       0 r-x-- sh
 * 0001a000       4       4       4 rw--- sh
 * 0001b000     132       8       8 rw---   [ heap ]
 * bef7e000     132       8       8 rw---   [ stack ]
 * -------- ------- ------- -------
 * total kB     308      60      12
 *
 * One row per VMA of /proc/PID/smaps: its start, Size, Rss and
 * Shared_Dirty + Private_Dirty in kB, the rights (r, w, x, then 's' for a
 * shared mapping) and the file's name or [ anon ] / [ heap ] / [ stack ].
 * (procps calls the heap [ anon ]; we name it, since that is the point.)
 * "pmap self" shows pmap's own map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

struct vma {
	unsigned long long start, end;
	char mode[6];
	char name[128];
	unsigned long size, rss, dirty;
	int valid;
};

static unsigned long total_size, total_rss, total_dirty;

static void print_vma(struct vma *v)
{
	if (!v->valid)
		return;
	printf("%08llx %7lu %7lu %7lu %-5s %s\n", v->start, v->size, v->rss,
	       v->dirty, v->mode, v->name);
	total_size += v->size;
	total_rss += v->rss;
	total_dirty += v->dirty;
	v->valid = 0;
}

/* "start-end perms offset dev inode [path]" -> v; 0 if l is not one. */
static int parse_header(const char *l, struct vma *v)
{
	char perms[8] = "", path[256] = "";
	const char *base;

	path[0] = '\0';
	if (sscanf(l, "%llx-%llx %7s %*s %*s %*s %255[^\n]", &v->start, &v->end,
		   perms, path) < 3 || strlen(perms) < 4)
		return 0;
	v->mode[0] = perms[0];
	v->mode[1] = perms[1];
	v->mode[2] = perms[2];
	v->mode[3] = perms[3] == 's' ? 's' : '-';
	v->mode[4] = '-';
	v->mode[5] = '\0';
	if (path[0] == '\0')
		snprintf(v->name, sizeof(v->name), "  [ anon ]");
	else if (path[0] == '[') {
		path[strcspn(path, "]")] = '\0';
		snprintf(v->name, sizeof(v->name), "  [ %.100s ]", path + 1);
	} else {
		base = strrchr(path, '/');
		snprintf(v->name, sizeof(v->name), "%.120s", base ? base + 1 : path);
	}
	v->size = (unsigned long)((v->end - v->start) >> 10);
	v->rss = v->dirty = 0;
	v->valid = 1;
	return 1;
}

/* VMA lines start "start-end" in lower-case hex; field lines with a
 * capitalised key ("Rss:"). */
static int is_header(const char *l)
{
	size_t k = strspn(l, "0123456789abcdef");

	return k > 0 && l[k] == '-';
}

static void show_name(const char *pid)
{
	char buf[256];

	mmk_proc_cmdline(pid, buf, sizeof(buf));
	printf("%s:   %s\n", pid, buf);
}

int main(int argc, char **argv)
{
	struct mmk_lines lr;
	struct vma v = { 0 };
	char path[64], *l;
	unsigned long kb;

	if (argc != 2) {
		fprintf(stderr, "usage: pmap PID\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/smaps", argv[1]);
	if (mmk_lines_open(&lr, path) < 0) {
		perror(path);
		return 1;
	}
	show_name(argv[1]);
	printf("%-8s %7s %7s %7s %-5s %s\n", "Address", "Kbytes", "RSS", "Dirty",
	       "Mode", "Mapping");
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (sscanf(l, "Rss: %lu", &kb) == 1)
			v.rss = kb;
		else if (sscanf(l, "Shared_Dirty: %lu", &kb) == 1 ||
			 sscanf(l, "Private_Dirty: %lu", &kb) == 1)
			v.dirty += kb;
		else if (is_header(l)) {
			print_vma(&v);
			parse_header(l, &v);
		}
	}
	print_vma(&v);
	mmk_lines_close(&lr);
	printf("-------- ------- ------- -------\n");
	printf("%-8s %7lu %7lu %7lu\n", "total kB", total_size, total_rss, total_dirty);
	return 0;
}
