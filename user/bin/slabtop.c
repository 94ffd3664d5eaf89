/*
 * slabtop [-a] - slab caches, biggest first, as procps' slabtop.
 * One screen of statistics from /proc/slabinfo (-a: all caches).
 *
 *  Active / Total Objects (% used)    : 1520 / 1792 (84.8%)
 *  Active / Total Slabs (% used)      : 40 / 40 (100.0%)
 *  Active / Total Caches (% used)     : 12 / 20 (60.0%)
 *  Active / Total Size (% used)       : 301.25K / 372.00K (81.0%)
 *  Minimum / Average / Maximum Object : 0.03K / 0.21K / 4.00K
 *
 *   OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME
 *    512    480  93%    0.06K      8       64        32K kmalloc-64
 *
 * /proc/slabinfo (version 2.1) has one line per cache:
 *   name active_objs num_objs objsize objperslab pagesperslab
 *        : tunables ... : slabdata active_slabs num_slabs sharedavail
 * CACHE SIZE is num_slabs * pagesperslab * 4 KiB; USE is active/num objects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

#define SCREEN_ROWS	17	/* 24 lines minus the 7 of the header */

struct cache {
	char name[32];
	unsigned long active, num, size, per_slab, pages, aslabs, slabs, kb;
};

/* "x.yyK" for a size in bytes (0.01K resolution), into buf. */
static const char *kb2(unsigned long long bytes, char *buf, size_t n)
{
	unsigned long long hundredths = (bytes * 100 + 512) / 1024;

	snprintf(buf, n, "%llu.%02lluK", hundredths / 100, hundredths % 100);
	return buf;
}

static const char *pct(unsigned long long part, unsigned long long whole, char *buf, size_t n)
{
	unsigned long long t = whole ? (part * 1000 + whole / 2) / whole : 0;

	snprintf(buf, n, "%llu.%llu%%", t / 10, t % 10);
	return buf;
}

static int parse(char *l, struct cache *c)
{
	char *sd;

	memset(c, 0, sizeof(*c));
	if (l[0] == '#' || strncmp(l, "slabinfo", 8) == 0)
		return 0;
	if (sscanf(l, "%31s %lu %lu %lu %lu %lu", c->name, &c->active, &c->num, &c->size,
		   &c->per_slab, &c->pages) != 6)
		return 0;
	sd = strstr(l, "slabdata");
	if (!sd || sscanf(sd + 8, "%lu %lu", &c->aslabs, &c->slabs) != 2) {
		unsigned long per = c->per_slab ? c->per_slab : 1;

		c->slabs = (c->num + per - 1) / per;
		c->aslabs = (c->active + per - 1) / per;
	}
	c->kb = c->slabs * c->pages * 4;
	return 1;
}

static int by_size(const void *a, const void *b)
{
	const struct cache *x = a, *y = b;

	if (x->kb != y->kb)
		return x->kb < y->kb ? 1 : -1;
	if (x->num != y->num)
		return x->num < y->num ? 1 : -1;
	return strcmp(x->name, y->name);
}

int main(int argc, char **argv)
{
	struct mmk_lines lr;
	struct cache *v = NULL;
	unsigned long long aobj = 0, tobj = 0, aslab = 0, tslab = 0, asize = 0, tsize = 0;
	unsigned long minsz = ~0ul, maxsz = 0;
	int n = 0, cap = 0, acache = 0, i, rows;
	char *l, b1[32], b2[32], b3[32];

	if (mmk_lines_open(&lr, "/proc/slabinfo") < 0) {
		perror("slabtop: /proc/slabinfo");
		return 1;
	}
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (n == cap) {
			struct cache *grown = realloc(v, (cap * 2 + 32) * sizeof(*v));

			if (!grown)
				break;
			v = grown;
			cap = cap * 2 + 32;
		}
		if (!parse(l, &v[n]))
			continue;
		aobj += v[n].active;
		tobj += v[n].num;
		aslab += v[n].aslabs;
		tslab += v[n].slabs;
		asize += (unsigned long long)v[n].active * v[n].size;
		tsize += (unsigned long long)v[n].num * v[n].size;
		acache += v[n].active > 0;
		if (v[n].size < minsz)
			minsz = v[n].size;
		if (v[n].size > maxsz)
			maxsz = v[n].size;
		n++;
	}
	mmk_lines_close(&lr);
	if (n == 0)
		minsz = 0;
	qsort(v, n, sizeof(*v), by_size);

	printf(" Active / Total Objects (%% used)    : %llu / %llu (%s)\n", aobj, tobj,
	       pct(aobj, tobj, b1, sizeof(b1)));
	printf(" Active / Total Slabs (%% used)      : %llu / %llu (%s)\n", aslab, tslab,
	       pct(aslab, tslab, b1, sizeof(b1)));
	printf(" Active / Total Caches (%% used)     : %d / %d (%s)\n", acache, n,
	       pct(acache, n, b1, sizeof(b1)));
	printf(" Active / Total Size (%% used)       : %s / %s (%s)\n",
	       kb2(asize, b1, sizeof(b1)), kb2(tsize, b2, sizeof(b2)),
	       pct(asize, tsize, b3, sizeof(b3)));
	printf(" Minimum / Average / Maximum Object : %s / %s / %s\n",
	       kb2(minsz, b1, sizeof(b1)), kb2(tobj ? tsize / tobj : 0, b2, sizeof(b2)),
	       kb2(maxsz, b3, sizeof(b3)));
	printf("\n  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME\n");
	rows = argc > 1 && strcmp(argv[1], "-a") == 0 ? n : SCREEN_ROWS;
	for (i = 0; i < n && i < rows; i++)
		printf("%6lu %6lu %3lu%% %8s %6lu %8lu %9luK %-23s\n", v[i].num, v[i].active,
		       v[i].num ? v[i].active * 100 / v[i].num : 0,
		       kb2(v[i].size, b1, sizeof(b1)), v[i].slabs, v[i].per_slab, v[i].kb,
		       v[i].name);
	free(v);
	return 0;
}
