/*
 * swapoff [-a] [DEVICE] - stop swapping to a device or file, or to all of them.
 *
 * swapoff [-v] device|file|LABEL=l|UUID=u...    swapoff -a [-v]
 *
 * util-linux 2.38's swapoff(8): swapoff(2) on each area named (made a
 * canonical path first, as libmount does), or with -a on every area of
 * /proc/swaps, the last one first, and then on the swap lines of
 * /etc/fstab not in use.  Its messages and exit status, a sum of:
 *
 *   0   every swapoff(2) worked
 *   2   one failed for lack of memory (the pages in swap had nowhere to go)
 *   4   one failed for another reason ("swapoff: X: swapoff failed: ...")
 *   8   another error; 16: bad usage, or EPERM ("Not superuser.")
 *   32  -a and every area failed; 64: -a and some failed (-a is quiet
 *       about failures other than ENOMEM)
 *
 * swapoff(2) has to bring every page in swap back into memory before it
 * returns: with little free memory it is slow, or fails with ENOMEM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/swap.h>

#include "mmk.h"
#include "ulcompat.h"

#define EX_OK		0
#define EX_ENOMEM	2
#define EX_FAILURE	4
#define EX_SYSERR	8
#define EX_USAGE	16
#define EX_ALLERR	32
#define EX_SOMEOK	64

static int verbose;

static const char usage_text[] =
	"\nUsage:\n"
	" swapoff [options] [<spec>]\n"
	"\nDisable devices and files for paging and swapping.\n"
	"\nOptions:\n"
	" -a, --all              disable all swaps from /proc/swaps\n"
	" -v, --verbose          verbose mode\n"
	"\n"
	" -h, --help             display this help\n"
	" -V, --version          display version\n"
	"\nThe <spec> parameter:\n"
	" -L <label>             LABEL of device to be used\n"
	" -U <uuid>              UUID of device to be used\n"
	" LABEL=<label>          LABEL of device to be used\n"
	" UUID=<uuid>            UUID of device to be used\n"
	" <device>               name of device to be used\n"
	" <file>                 name of file to be used\n"
	"\nFor more details see swapoff(8).\n";

/* A spec to a path: LABEL=/UUID= (devices, then swap files), else canonical. */
static char *resolve(const char *spec)
{
	if (strncmp(spec, "LABEL=", 6) == 0)
		return ul_find_swap_by_tag("LABEL", spec + 6, true);
	if (strncmp(spec, "UUID=", 5) == 0)
		return ul_find_swap_by_tag("UUID", spec + 5, true);
	return ul_canonicalize(spec);
}

static int do_swapoff(const char *orig, int quiet, int canonic)
{
	char *path = canonic ? strdup(orig) : resolve(orig);
	int rc = EX_OK;

	if (verbose)
		printf("swapoff %s\n", orig);
	if (!path) {
		ul_warnx("cannot find the device for %s", orig);
		return -1;
	}
	if (swapoff(path) != 0) {
		if (errno == EPERM)
			ul_errx(EX_USAGE, "Not superuser.");
		if (errno == ENOMEM || !quiet)
			ul_warn("%s: swapoff failed", orig);
		rc = errno == ENOMEM ? EX_ENOMEM : EX_FAILURE;
	}
	free(path);
	return rc;
}

static int swapoff_by(const char *name, const char *value)
{
	char *path = ul_find_swap_by_tag(name, value, true);
	int rc;

	if (!path) {
		ul_warnx("cannot find the device for %s", value);
		return -1;
	}
	rc = do_swapoff(path, 0, 1);
	free(path);
	return rc;
}

/* Is path in /proc/swaps? */
static int is_active(const char *path)
{
	struct ul_swap *sw;
	int n, i, found = 0;

	sw = ul_read_swaps(&n);
	for (i = 0; sw && i < n; i++)
		found |= strcmp(sw[i].src, path) == 0;
	ul_free_swaps(sw, n);
	return found;
}

/* The swap lines of /etc/fstab not active: quietly, as util-linux. */
static void swapoff_fstab(void)
{
	struct mmk_lines lr;
	char *l, spec[256], file[256], type[32];

	if (mmk_lines_open(&lr, ul_fstab_path()) < 0)
		return;
	while ((l = mmk_lines_next(&lr)) != NULL) {
		if (sscanf(l, "%255s %255s %31s", spec, file, type) == 3 && spec[0] != '#' &&
		    strcmp(type, "swap") == 0 && !is_active(spec))
			do_swapoff(spec, 1, 0);
	}
	mmk_lines_close(&lr);
}

/* -a: /proc/swaps from its last line up, then /etc/fstab. */
static int swapoff_all(void)
{
	struct ul_swap *sw;
	int n = 0, i, nerrs = 0, nsucc = 0;

	sw = ul_read_swaps(&n);
	for (i = n - 1; sw && i >= 0; i--) {
		if (do_swapoff(sw[i].src, 1, 1) == EX_OK)
			nsucc++;
		else
			nerrs++;
	}
	ul_free_swaps(sw, n);
	swapoff_fstab();
	if (nerrs == 0)
		return EX_OK;
	return nsucc == 0 ? EX_ALLERR : EX_SOMEOK;
}

int main(int argc, char **argv)
{
	static const struct ul_option longopts[] = {
		{ "all", UL_NO_ARG, 'a' },	{ "help", UL_NO_ARG, 'h' },
		{ "verbose", UL_NO_ARG, 'v' },	{ "version", UL_NO_ARG, 'V' },
		{ NULL, 0, 0 }
	};
	const char *labels[16], *uuids[16];
	int nlabels = 0, nuuids = 0, all = 0, status = 0, c, i;
	struct ul_getopt g;

	ul_init(argv[0]);
	ul_getopt_init(&g, argc, argv, "ahvVL:U:", longopts);
	while ((c = ul_getopt(&g)) != -1) {
		switch (c) {
		case 'a': all++; break;
		case 'v': verbose++; break;
		case 'L': if (nlabels < 16) labels[nlabels++] = g.arg; break;
		case 'U': if (nuuids < 16) uuids[nuuids++] = g.arg; break;
		case 'h': fputs(usage_text, stdout); return EX_OK;
		case 'V': printf("swapoff from util-linux 2.38.1 (mmkernel)\n"); return EX_OK;
		default: ul_errtryhelp(EX_USAGE);
		}
	}
	if (!all && !nlabels && !nuuids && !g.noperands) {
		ul_warnx("bad usage");
		ul_errtryhelp(EX_USAGE);
	}
	for (i = 0; i < nlabels; i++)
		status |= swapoff_by("LABEL", labels[i]);
	for (i = 0; i < nuuids; i++)
		status |= swapoff_by("UUID", uuids[i]);
	for (i = 0; i < g.noperands; i++)
		status |= do_swapoff(g.operands[i], 0, 0);
	if (all)
		status |= swapoff_all();
	return status;
}
