/*
 * swapon [OPT] [DEVICE] - start swapping to a device or file, or list the areas in use.
 *
 * swapon [-p prio] [-d[=once|pages]] [-v] [-f] device|file|LABEL=l|UUID=u...
 * swapon -a [-e] [-v]              the swap lines of /etc/fstab
 * swapon [--show[=COLS]] [--noheadings] [--raw] [--bytes]
 * swapon -s                        the old summary
 *
 * util-linux 2.38's swapon(8), its output and messages letter for letter:
 *
 *   mmk# swapon --show
 *   NAME          TYPE       SIZE USED PRIO
 *   /mnt/swapfile file        60M   0B   -2
 *
 * --show (also swapon without arguments) is libsmartcols' table of
 * /proc/swaps: default columns NAME TYPE SIZE USED PRIO (also UUID and
 * LABEL, from the headers), each as wide as its widest cell, one space
 * apart, SIZE USED PRIO right-aligned; sizes as "60M" or, with --bytes,
 * in bytes.  -s is /proc/swaps re-printed by util-linux: the same text as
 * the kernel's, except that nothing at all is printed when no area is in
 * use.  Before swapon(2) the area is checked as util-linux checks it
 * (permissions, holes in a file, a swap signature, its page size), with
 * util-linux's warnings; swapon(2)'s refusal is "swapon: PATH: swapon
 * failed: Invalid argument" and exit status 255.  -p gives a priority
 * (SWAP_FLAG_PREFER), -d discards (SWAP_FLAG_DISCARD...), as <sys/swap.h>.
 *
 * The kernel's side of swap: mm/swap_header.c checks the header.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/wait.h>

#include "mmk.h"
#include "ulcompat.h"

#define MAX_PAGESIZE	(64 * 1024)

enum { OPT_BYTES = CHAR_MAX + 1, OPT_NOHEADINGS, OPT_RAW, OPT_SHOW, OPT_OUTPUT_ALL };
enum { COL_PATH, COL_TYPE, COL_SIZE, COL_USED, COL_PRIO, COL_UUID, COL_LABEL, NCOLS };

static const struct {
	const char *name;
	int right;
	const char *help;
} infos[NCOLS] = {
	[COL_PATH] = { "NAME", 0, "device file or partition path" },
	[COL_TYPE] = { "TYPE", 0, "type of the device" },
	[COL_SIZE] = { "SIZE", 1, "size of the swap area" },
	[COL_USED] = { "USED", 1, "bytes in use" },
	[COL_PRIO] = { "PRIO", 1, "swap priority" },
	[COL_UUID] = { "UUID", 0, "swap uuid" },
	[COL_LABEL] = { "LABEL", 0, "swap label" },
};

struct swap_prop {
	int discard;		/* SWAP_FLAG_DISCARD* */
	int priority;		/* -1: the kernel's */
	int no_fail;
};

struct swapon {
	int columns[NCOLS * 2], ncolumns;
	struct swap_prop props;
	int all, bytes, fix_page_size, no_heading, raw, show, verbose;
};

static const char usage_text[] =
	"\nUsage:\n"
	" swapon [options] [<spec>]\n"
	"\nEnable devices and files for paging and swapping.\n"
	"\nOptions:\n"
	" -a, --all                enable all swaps from /etc/fstab\n"
	" -d, --discard[=<policy>] enable swap discards, if supported by device\n"
	" -e, --ifexists           silently skip devices that do not exist\n"
	" -f, --fixpgsz            reinitialize the swap space if necessary\n"
	" -o, --options <list>     comma-separated list of swap options\n"
	" -p, --priority <prio>    specify the priority of the swap device\n"
	" -s, --summary            display summary about used swap devices (DEPRECATED)\n"
	"     --show[=<columns>]   display summary in definable table\n"
	"     --noheadings         don't print table heading (with --show)\n"
	"     --raw                use the raw output format (with --show)\n"
	"     --bytes              display swap size in bytes in --show output\n"
	" -v, --verbose            verbose mode\n"
	"\n"
	" -h, --help               display this help\n"
	" -V, --version            display version\n"
	"\nThe <spec> parameter:\n"
	" -L <label>             synonym for LABEL=<label>\n"
	" -U <uuid>              synonym for UUID=<uuid>\n"
	" LABEL=<label>          specifies device by swap area label\n"
	" UUID=<uuid>            specifies device by swap area UUID\n"
	" PARTLABEL=<label>      specifies device by partition label\n"
	" PARTUUID=<uuid>        specifies device by partition UUID\n"
	" <device>               name of device to be used\n"
	" <file>                 name of file to be used\n"
	"\nAvailable discard policy types (for --discard):\n"
	" once    : only single-time area discards are issued\n"
	" pages   : freed pages are discarded before they are reused\n"
	"If no policy is selected, both discard types are enabled (default).\n"
	"\nAvailable output columns:\n";

/* ---------------------------------------------------------------- listing */

/* -s: util-linux's own printf of each /proc/swaps line. */
static int display_summary(void)
{
	struct ul_swap *sw;
	int n, i;

	sw = ul_read_swaps(&n);
	if (!sw)
		return -1;
	if (n)
		printf("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (i = 0; i < n; i++) {
		int srclen = (int)strlen(sw[i].src), typelen = (int)strlen(sw[i].type);

		printf("%s%*s%s%s\t%llu%s\t%llu%s\t%d\n", sw[i].src,
		       srclen < 40 ? 40 - srclen : 1, " ", sw[i].type, typelen < 8 ? "\t" : "",
		       (unsigned long long)sw[i].size, sw[i].size < 10000000 ? "\t" : "",
		       (unsigned long long)sw[i].used, sw[i].used < 10000000 ? "\t" : "",
		       sw[i].prio);
	}
	ul_free_swaps(sw, n);
	return 0;
}

/*
 * A cell as libsmartcols prints it: bytes that are not printable as \xHH
 * (and a backslash before an x, so that it cannot be mistaken for one);
 * in --raw also blanks and every backslash, so that a cell has no space.
 */
static char *encode(char *s, int raw)
{
	char *out = malloc(4 * strlen(s) + 1), *o = out;
	const unsigned char *p;

	if (!out)
		return s;
	for (p = (const unsigned char *)s; *p; p++) {
		if (!isprint(*p) || iscntrl(*p) || (*p == '\\' && (raw || p[1] == 'x')) ||
		    (raw && isblank(*p)))
			o += sprintf(o, "\\x%02x", *p);
		else
			*o++ = (char)*p;
	}
	*o = '\0';
	free(s);
	return out;
}

/* One cell of --show, malloc'ed ("" for none). */
static char *cell(const struct swapon *ctl, int col, const struct ul_swap *sw)
{
	char buf[64], label[17], uuid[37];
	uint64_t bytes;

	buf[0] = '\0';
	switch (col) {
	case COL_PATH: return strdup(sw->src);
	case COL_TYPE: return strdup(sw->type);
	case COL_SIZE:
	case COL_USED:
		bytes = (col == COL_SIZE ? sw->size : sw->used) * 1024;
		if (ctl->bytes)
			snprintf(buf, sizeof(buf), "%llu", (unsigned long long)bytes);
		else
			ul_size_to_human(buf, sizeof(buf), 0, bytes);
		break;
	case COL_PRIO: snprintf(buf, sizeof(buf), "%d", sw->prio); break;
	case COL_UUID:
	case COL_LABEL:
		if (access(sw->src, R_OK) == 0 && ul_swap_label_uuid(sw->src, label, uuid) == 0)
			return strdup(col == COL_UUID ? uuid : label);
		break;
	}
	return strdup(buf);
}

/* One line of the table: libsmartcols' layout (raw: cells and spaces). */
static void print_row(const struct swapon *ctl, char **cells, const int *width)
{
	int i, last = ctl->ncolumns - 1;

	for (i = 0; i <= last; i++) {
		int col = ctl->columns[i], pad = width[i] - (int)strlen(cells[i]);

		if (ctl->raw)
			printf("%s%s", cells[i], i < last ? " " : "");
		else if (infos[col].right)
			printf("%*s%s%s", pad, "", cells[i], i < last ? " " : "");
		else
			printf("%s%*s", cells[i], i < last ? pad + 1 : 0, "");
	}
	putchar('\n');
}

static int show_table(const struct swapon *ctl)
{
	struct ul_swap *sw;
	char **cells, *head[NCOLS * 2];
	int n, i, j, width[NCOLS * 2];

	sw = ul_read_swaps(&n);
	if (!sw)
		return -1;
	cells = calloc((size_t)n * ctl->ncolumns + 1, sizeof(char *));
	for (j = 0; j < ctl->ncolumns; j++) {
		head[j] = (char *)infos[ctl->columns[j]].name;
		width[j] = (int)strlen(head[j]);
	}
	for (i = 0; cells && i < n; i++) {
		for (j = 0; j < ctl->ncolumns; j++) {
			char *c = cell(ctl, ctl->columns[j], &sw[i]);

			if (c)
				c = encode(c, ctl->raw);

			cells[i * ctl->ncolumns + j] = c ? c : strdup("");
			if (c && (int)strlen(c) > width[j])
				width[j] = (int)strlen(c);
		}
	}
	if (n && !ctl->no_heading)
		print_row(ctl, head, width);
	for (i = 0; cells && i < n; i++)
		print_row(ctl, cells + i * ctl->ncolumns, width);
	for (i = 0; cells && i < n * ctl->ncolumns; i++)
		free(cells[i]);
	free(cells);
	ul_free_swaps(sw, n);
	return 0;
}

/* --show=NAME,SIZE: column ids, or -1 after "unknown column". */
static int parse_columns(struct swapon *ctl, const char *list)
{
	const char *p = list;

	ctl->ncolumns = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < NCOLS; i++)
			if (strlen(infos[i].name) == len && strncasecmp(p, infos[i].name, len) == 0)
				break;
		if (i == NCOLS) {
			ul_warnx("unknown column: %s", p);
			return -1;
		}
		if (ctl->ncolumns == NCOLS * 2)
			return -1;
		ctl->columns[ctl->ncolumns++] = (int)i;
		p += len;
		if (*p == ',')
			p++;
	}
	return ctl->ncolumns;
}

/* ---------------------------------------------------------------- checks */

/* Is there a swap (or software-suspend) signature, and at which page size? */
static int get_header(int fd, unsigned char *buf, unsigned int *pagesize, int *suspend)
{
	ssize_t n = read(fd, buf, MAX_PAGESIZE);
	unsigned int page;

	for (page = 0x1000; n >= 0 && page <= MAX_PAGESIZE; page <<= 1) {
		const unsigned char *m = buf + page - 10;

		if (page == 0x8000)
			continue;
		if ((size_t)n < page - 10)
			break;
		if (memcmp(m, "SWAPSPACE2", 10) == 0) {
			*pagesize = page;
			*suspend = 0;
			return 0;
		}
		if (!memcmp(m, "S1SUSPEND", 9) || !memcmp(m, "S2SUSPEND", 9) ||
		    !memcmp(m, "ULSUSPEND", 9) || !memcmp(m, "\xed\xc3\x02\xe9\x98\x56\xe5\x0c", 8) ||
		    !memcmp(m, "LINHIB0001", 10)) {
			*pagesize = page;
			*suspend = 1;
			return 0;
		}
	}
	return -1;
}

static uint32_t swab32(uint32_t x)
{
	return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

/* mkswap [-L label] [-U uuid] path again (--fixpgsz). */
static int reinitialize(const char *path, const unsigned char *hdr)
{
	char label[17], uuid[37];
	const char *argv[8];
	int n = 0, status;
	pid_t pid;

	memcpy(label, hdr + 1024 + 28, 16);
	label[16] = '\0';
	uuid[0] = '\0';
	if (hdr[1024 + 12])
		ul_swap_label_uuid(path, label, uuid);
	ul_warnx("%s: swap format pagesize does not match.", path);
	ul_warnx("%s: reinitializing the swap.", path);
	argv[n++] = "mkswap";
	if (label[0]) {
		argv[n++] = "-L";
		argv[n++] = label;
	}
	if (uuid[0]) {
		argv[n++] = "-U";
		argv[n++] = uuid;
	}
	argv[n++] = path;
	argv[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		ul_warn("fork failed");
		return -1;
	}
	if (pid == 0) {
		execve("/bin/mkswap", (char *const *)argv, environ);
		ul_err(126, "failed to execute %s", argv[0]);
	}
	if (waitpid(pid, &status, 0) < 0) {
		ul_warn("waitpid failed");
		return -1;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* A software-suspend image: the swap signature written back over it. */
static int rewrite_signature(const char *path, unsigned int pagesize)
{
	int fd = open(path, O_WRONLY), rc = 0;

	if (fd < 0) {
		ul_warn("cannot open %s", path);
		return -1;
	}
	if (pwrite64(fd, "SWAPSPACE2", 10, pagesize - 10) != 10) {
		ul_warn("%s: write signature failed", path);
		rc = -1;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		ul_warn("write failed: %s", path);
		rc = -1;
	}
	return rc;
}

/* The signature found: its page size against the system's, or a suspend image. */
static int check_signature(const struct swapon *ctl, const char *path, unsigned char *hdr,
			   unsigned int pagesize, int suspend, uint64_t devsize)
{
	uint32_t version = *(uint32_t *)(hdr + 1024), last = *(uint32_t *)(hdr + 1028);
	uint64_t swapsize;

	if (ctl->verbose)
		ul_warnx("%s: found signature [pagesize=%u, signature=%s]", path, pagesize,
			 suspend ? "suspend" : "swap");
	if (suspend) {
		ul_warnx("%s: software suspend data detected. Rewriting the swap signature.",
			 path);
		return rewrite_signature(path, pagesize);
	}
	if (version != 1)
		last = swab32(version) == 1 ? swab32(last) : 0;
	swapsize = ((uint64_t)last + 1) * pagesize;
	if (ctl->verbose)
		ul_warnx("%s: pagesize=%u, swapsize=%llu, devsize=%llu", path, pagesize,
			 (unsigned long long)swapsize, (unsigned long long)devsize);
	if (swapsize > devsize) {
		if (ctl->verbose)
			ul_warnx("%s: last_page 0x%08llx is larger than actual size of swapspace",
				 path, (unsigned long long)swapsize);
	} else if ((unsigned int)getpagesize() != pagesize) {
		if (ctl->fix_page_size)
			return reinitialize(path, hdr);
		ul_warnx("%s: swap format pagesize does not match. "
			 "(Use --fixpgsz to reinitialize it.)", path);
	}
	return 0;
}

/* util-linux's swapon_checks(): 0 to go on to swapon(2), -1 after a message. */
static int swapon_checks(const struct swapon *ctl, const char *path)
{
	static unsigned char hdr[MAX_PAGESIZE];
	struct linux_stat64 st;
	unsigned int pagesize = 0, mask;
	uint64_t devsize = 0;
	int fd, suspend, rc = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		ul_warn("cannot open %s", path);
		return -1;
	}
	if (mmk_fstat64(fd, &st) < 0) {
		ul_warn("stat of %s failed", path);
		goto out;
	}
	mask = S_ISBLK(st.st_mode) ? 07007 : 07077;
	if (st.st_mode & mask)
		ul_warnx("%s: insecure permissions %04o, %04o suggested.", path,
			 (unsigned)st.st_mode & 07777, ~mask & 0666);
	if (S_ISREG(st.st_mode) && st.st_uid != 0)
		ul_warnx("%s: insecure file owner %u, 0 (root) suggested.", path,
			 (unsigned)st.st_uid);
	if (S_ISREG(st.st_mode)) {
		if ((int64_t)st.st_blocks * 512 < st.st_size) {
			ul_warnx("%s: skipping - it appears to have holes.", path);
			goto out;
		}
		devsize = (uint64_t)st.st_size;
	}
	if (S_ISBLK(st.st_mode)) {
		int64_t end = lseek64(fd, 0, SEEK_END);

		if (end < 0 || lseek64(fd, 0, SEEK_SET) < 0) {
			ul_warnx("%s: get size failed", path);
			goto out;
		}
		devsize = (uint64_t)end;
	}
	if (get_header(fd, hdr, &pagesize, &suspend) < 0) {
		ul_warnx("%s: read swap header failed", path);
		goto out;
	}
	rc = check_signature(ctl, path, hdr, pagesize, suspend, devsize);
out:
	close(fd);
	return rc;
}

/* ---------------------------------------------------------------- swapon(2) */

/* One area: a spec (a path, LABEL=, UUID=) made a canonical path, checked, swapon(2). */
static int do_swapon(const struct swapon *ctl, const struct swap_prop *prop, const char *spec,
		     int canonic)
{
	char *path;
	int flags = 0, status;

	if (canonic)
		path = strdup(spec);
	else if (strncmp(spec, "LABEL=", 6) == 0)
		path = ul_find_swap_by_tag("LABEL", spec + 6, false);
	else if (strncmp(spec, "UUID=", 5) == 0)
		path = ul_find_swap_by_tag("UUID", spec + 5, false);
	else
		path = ul_canonicalize(spec);
	if (!path) {
		ul_warnx("cannot find the device for %s", spec);
		return -1;
	}
	if (swapon_checks(ctl, path)) {
		free(path);
		return -1;
	}
	if (prop->priority >= 0)
		flags = SWAP_FLAG_PREFER | ((prop->priority > SWAP_FLAG_PRIO_MASK ?
				SWAP_FLAG_PRIO_MASK : prop->priority) << SWAP_FLAG_PRIO_SHIFT);
	if (prop->discard && !(prop->discard & ~(SWAP_FLAG_DISCARD | SWAP_FLAG_DISCARD_ONCE |
						 SWAP_FLAG_DISCARD_PAGES))) {
		if ((prop->discard & SWAP_FLAG_DISCARD_ONCE) &&
		    (prop->discard & SWAP_FLAG_DISCARD_PAGES))
			flags |= SWAP_FLAG_DISCARD;
		else
			flags |= prop->discard;
	}
	if (ctl->verbose)
		printf("swapon %s\n", path);
	status = swapon(path, flags);
	if (status < 0)
		ul_warn("%s: swapon failed", path);
	free(path);
	return status;
}

static int swapon_by_tag(const struct swapon *ctl, const char *name, const char *value)
{
	char *path = ul_find_swap_by_tag(name, value, false);
	int rc;

	if (!path) {
		ul_warnx("cannot find the device for %s", value);
		return -1;
	}
	rc = do_swapon(ctl, &ctl->props, path, 1);
	free(path);
	return rc;
}

/* -o / fstab options: nofail, discard[=once|pages], pri=N. */
static void parse_options(struct swap_prop *props, const char *options)
{
	char *copy = strdup(options), *w, *save = NULL;

	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		char *end;
		long n;

		if (strcmp(w, "nofail") == 0) {
			props->no_fail = 1;
		} else if (strncmp(w, "discard", 7) == 0 && (!w[7] || w[7] == '=')) {
			props->discard |= SWAP_FLAG_DISCARD;
			if (strcmp(w, "discard=once") == 0)
				props->discard |= SWAP_FLAG_DISCARD_ONCE;
			if (strcmp(w, "discard=pages") == 0)
				props->discard |= SWAP_FLAG_DISCARD_PAGES;
		} else if (strncmp(w, "pri=", 4) == 0) {
			errno = 0;
			n = strtol(w + 4, &end, 10);
			if (errno == 0 && end > w + 4)
				props->priority = (int)n;
		}
	}
	free(copy);
}

/* Is path an area of /proc/swaps already? */
static int is_active_swap(const char *path)
{
	struct ul_swap *sw;
	int n, i, found = 0;

	sw = ul_read_swaps(&n);
	for (i = 0; sw && i < n; i++)
		found |= strcmp(sw[i].src, path) == 0;
	ul_free_swaps(sw, n);
	return found;
}

/* One line of /etc/fstab, if it is a swap line that should be on. */
static int swapon_fstab_line(const struct swapon *ctl, char *line)
{
	char spec[256], file[256], type[32], opts[256] = "defaults", *dev;
	struct swap_prop prop = ctl->props;
	int rc;

	if (sscanf(line, "%255s %255s %31s %255s", spec, file, type, opts) < 3 ||
	    spec[0] == '#' || strcmp(type, "swap") != 0)
		return 0;
	if (strstr(opts, "noauto")) {
		if (ctl->verbose)
			ul_warnx("%s: noauto option -- ignored", spec);
		return 0;
	}
	parse_options(&prop, opts);
	dev = strncmp(spec, "LABEL=", 6) == 0 ? ul_find_swap_by_tag("LABEL", spec + 6, false) :
	      strncmp(spec, "UUID=", 5) == 0 ? ul_find_swap_by_tag("UUID", spec + 5, false) :
	      ul_canonicalize(spec);
	if (!dev) {
		if (prop.no_fail)
			return 0;
		ul_warnx("cannot find the device for %s", spec);
		return -1;
	}
	rc = 0;
	if (is_active_swap(dev)) {
		if (ctl->verbose)
			ul_warnx("%s: already active -- ignored", dev);
	} else if (prop.no_fail && access(dev, R_OK) != 0) {
		if (ctl->verbose)
			ul_warnx("%s: inaccessible -- ignored", dev);
	} else {
		rc = do_swapon(ctl, &prop, dev, 1);
	}
	free(dev);
	return rc;
}

static int swapon_all(const struct swapon *ctl)
{
	struct linux_stat64 st;
	struct mmk_lines lr;
	char *l;
	int status = 0;

	if (mmk_stat64(ul_fstab_path(), &st) < 0 || mmk_lines_open(&lr, ul_fstab_path()) < 0)
		ul_err(1, "failed to parse %s", ul_fstab_path());
	while ((l = mmk_lines_next(&lr)) != NULL)
		status |= swapon_fstab_line(ctl, l);
	mmk_lines_close(&lr);
	return status;
}

/* ---------------------------------------------------------------- main */

static const struct ul_option longopts[] = {
	{ "priority", UL_REQUIRED_ARG, 'p' },	{ "discard", UL_OPTIONAL_ARG, 'd' },
	{ "ifexists", UL_NO_ARG, 'e' },		{ "options", UL_OPTIONAL_ARG, 'o' },
	{ "summary", UL_NO_ARG, 's' },		{ "fixpgsz", UL_NO_ARG, 'f' },
	{ "all", UL_NO_ARG, 'a' },		{ "help", UL_NO_ARG, 'h' },
	{ "verbose", UL_NO_ARG, 'v' },		{ "version", UL_NO_ARG, 'V' },
	{ "show", UL_OPTIONAL_ARG, OPT_SHOW },	{ "output-all", UL_NO_ARG, OPT_OUTPUT_ALL },
	{ "noheadings", UL_NO_ARG, OPT_NOHEADINGS }, { "raw", UL_NO_ARG, OPT_RAW },
	{ "bytes", UL_NO_ARG, OPT_BYTES },	{ NULL, 0, 0 }
};

static void usage(void)
{
	int i;

	fputs(usage_text, stdout);
	for (i = 0; i < NCOLS; i++)
		printf(" %-5s  %s\n", infos[i].name, infos[i].help);
	printf("\nFor more details see swapon(8).\n");
	exit(0);
}

/* An option that only sets something; 1 if c was one of those. */
static int simple_option(struct swapon *ctl, int c, const char *arg)
{
	switch (c) {
	case 'a': ctl->all = 1; return 1;
	case 'e': ctl->props.no_fail = 1; return 1;
	case 'f': ctl->fix_page_size = 1; return 1;
	case 'v': ctl->verbose = 1; return 1;
	case OPT_NOHEADINGS: ctl->no_heading = 1; return 1;
	case OPT_RAW: ctl->raw = 1; return 1;
	case OPT_BYTES: ctl->bytes = 1; return 1;
	case 'p':
		ctl->props.priority = (int)ul_strtos_or_err(arg, "failed to parse priority",
							     -32768, 32767);
		return 1;
	case 'd':
		ctl->props.discard |= SWAP_FLAG_DISCARD;
		if (arg && *arg == '=')
			arg++;
		if (arg && strcmp(arg, "once") == 0)
			ctl->props.discard |= SWAP_FLAG_DISCARD_ONCE;
		else if (arg && strcmp(arg, "pages") == 0)
			ctl->props.discard |= SWAP_FLAG_DISCARD_PAGES;
		else if (arg)
			ul_errx(1, "unsupported discard policy: %s", arg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const int excl[][5] = {
		{ 'a', 'o', 's', OPT_SHOW }, { 'a', 'o', OPT_BYTES },
		{ 'a', 'o', OPT_NOHEADINGS }, { 'a', 'o', OPT_RAW },
	};
	int excl_st[4] = { 0 }, status = 0, c, i;
	const char *options = NULL, *labels[16], *uuids[16];
	int nlabels = 0, nuuids = 0;
	struct swapon ctl;
	struct ul_getopt g;

	memset(&ctl, 0, sizeof(ctl));
	ctl.props.priority = -1;
	ul_init(argv[0]);
	ul_getopt_init(&g, argc, argv, "ahd::efo:p:svVL:U:", longopts);
	while ((c = ul_getopt(&g)) != -1) {
		ul_exclusive(c, longopts, excl, 4, excl_st);
		if (simple_option(&ctl, c, g.arg))
			continue;
		switch (c) {
		case 'o': options = g.arg; break;
		case 'L': if (nlabels < 16) labels[nlabels++] = g.arg; break;
		case 'U': if (nuuids < 16) uuids[nuuids++] = g.arg; break;
		case 's': return display_summary();
		case OPT_SHOW:
			if (g.arg && parse_columns(&ctl, g.arg) < 0)
				return 1;
			ctl.show = 1;
			break;
		case OPT_OUTPUT_ALL:
			for (ctl.ncolumns = 0; ctl.ncolumns < NCOLS; ctl.ncolumns++)
				ctl.columns[ctl.ncolumns] = ctl.ncolumns;
			break;
		case 'h': usage(); break;
		case 'V': printf("swapon from util-linux 2.38.1 (mmkernel)\n"); return 0;
		default: ul_errtryhelp(1);
		}
	}
	if (ctl.show || (!ctl.all && !nlabels && !nuuids && !g.noperands)) {
		static const int defaults[] = { COL_PATH, COL_TYPE, COL_SIZE, COL_USED, COL_PRIO };

		if (!ctl.ncolumns)
			for (; ctl.ncolumns < 5; ctl.ncolumns++)
				ctl.columns[ctl.ncolumns] = defaults[ctl.ncolumns];
		return show_table(&ctl);
	}
	if (ctl.props.no_fail && !ctl.all) {
		ul_warnx("bad usage");
		ul_errtryhelp(1);
	}
	if (ctl.all)
		status |= swapon_all(&ctl);
	if (options)
		parse_options(&ctl.props, options);
	for (i = 0; i < nlabels; i++)
		status |= swapon_by_tag(&ctl, "LABEL", labels[i]);
	for (i = 0; i < nuuids; i++)
		status |= swapon_by_tag(&ctl, "UUID", uuids[i]);
	for (i = 0; i < g.noperands; i++)
		status |= do_swapon(&ctl, &ctl.props, g.operands[i], 0);
	return status;
}
