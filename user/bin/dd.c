/*
 * dd [OPERAND]... - copy blocks (if= of= bs= count=); a rate at the end.
 *
 * All operands: if= of= bs= count= skip= seek= conv=fsync,fdatasync,notrunc
 * status=none|noxfer.
 *
 * Copies blocks of bs bytes (default 512): each read(2) of bs bytes is one
 * input record ("full" if it returned bs bytes, "partial" otherwise), and
 * what it returned is written as one output record.  skip= blocks are
 * skipped in the input (lseek, or read and dropped on a pipe), seek=
 * blocks in the output; unless conv=notrunc the output file is cut at
 * seek*bs first.  Sizes take dd's suffixes: c w b K M G, kB MB GB.
 * At the end, on standard error, as GNU dd prints it:
 *
 *   32768+0 records in
 *   32768+0 records out
 *   16777216 bytes (17 MB, 16 MiB) copied, 0.51 s, 32.9 MB/s
 *
 * What it shows about the kernel: without conv=fsync the copy is done as
 * soon as the data sits in dirty page-cache pages, so the rate is memory
 * speed; with conv=fsync (fdatasync) the time includes writing the pages
 * back to the disk.  The time comes from CLOCK_MONOTONIC (virtual time
 * on mmkernel under `make bench`-style icount).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmk.h"

struct opts {
	const char *in, *out;
	uint64_t bs, count, skip, seek;
	int have_count, notrunc, fsync, fdatasync, quiet, noxfer;
};

struct counts {
	uint64_t full_in, part_in, full_out, part_out, bytes;
};

/* ---------------------------------------------------------------- output */
/* A byte count as GNU dd shows it: "17 MB" / "16 MiB" (nearest; one
 * decimal below 10).  Only called for n >= base. */
static void human_bytes(uint64_t n, unsigned base, char *out, size_t size)
{
	static const char *const si[] = { "", "kB", "MB", "GB", "TB", "PB", "EB" };
	static const char *const iec[] = { "", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	double d = (double)n;
	long long r;
	int e = 0;

	while (d >= base && e < 6) {
		d /= base;
		e++;
	}
	r = (long long)(d * 10 + 0.5);
	if (d < 10 && r < 100) {
		snprintf(out, size, "%lld.%lld %s", r / 10, r % 10, base == 1000 ? si[e] : iec[e]);
		return;
	}
	r = (long long)(d + 0.5);
	if (r >= base && e < 6)
		snprintf(out, size, "1.0 %s", base == 1000 ? si[e + 1] : iec[e + 1]);
	else
		snprintf(out, size, "%lld %s", r, base == 1000 ? si[e] : iec[e]);
}

/* A rate: "33.6 MB" (one decimal below 100), "189 MB", "512 B". */
static void human_rate(double d, char *out, size_t size)
{
	static const char *const unit[] = { "B", "kB", "MB", "GB", "TB", "PB" };
	int e = 0;

	while (d >= 1000 && e < 5) {
		d /= 1000;
		e++;
	}
	if (d < 99.95) {
		snprintf(out, size, "%.1f %s", d, unit[e]);
	} else if (d < 999.5 || e == 5) {
		snprintf(out, size, "%.0f %s", d, unit[e]);
	} else {
		snprintf(out, size, "1.0 %s", unit[e + 1]);
	}
}

static void report(const struct counts *c, uint64_t ns, const struct opts *o)
{
	char si[32], iec[32], rate[32], secs[32];
	double s = ns / 1e9;

	if (o->quiet)
		return;
	fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n",
		(unsigned long long)c->full_in, (unsigned long long)c->part_in,
		(unsigned long long)c->full_out, (unsigned long long)c->part_out);
	if (o->noxfer)
		return;
	snprintf(secs, sizeof(secs), "%g s", s);
	if (ns)
		human_rate(c->bytes / s, rate, sizeof(rate));
	else
		snprintf(rate, sizeof(rate), "Infinity B");
	if (c->bytes < 1000) {
		fprintf(stderr, "%llu byte%s copied, %s, %s/s\n", (unsigned long long)c->bytes,
			c->bytes == 1 ? "" : "s", secs, rate);
		return;
	}
	human_bytes(c->bytes, 1000, si, sizeof(si));
	if (c->bytes < 1024) {
		fprintf(stderr, "%llu bytes (%s) copied, %s, %s/s\n",
			(unsigned long long)c->bytes, si, secs, rate);
		return;
	}
	human_bytes(c->bytes, 1024, iec, sizeof(iec));
	fprintf(stderr, "%llu bytes (%s, %s) copied, %s, %s/s\n", (unsigned long long)c->bytes,
		si, iec, secs, rate);
}

/* ------------------------------------------------------------- arguments */
static int conv_list(char *list, struct opts *o)
{
	char *w;

	for (w = strtok(list, ","); w; w = strtok(NULL, ",")) {
		if (strcmp(w, "notrunc") == 0)
			o->notrunc = 1;
		else if (strcmp(w, "fsync") == 0)
			o->fsync = 1;
		else if (strcmp(w, "fdatasync") == 0)
			o->fdatasync = 1;
		else
			return -1;
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	uint64_t *num;
	char *eq;
	int i;

	for (i = 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (!eq)
			return -1;
		*eq++ = '\0';
		num = NULL;
		if (!strcmp(argv[i], "if"))
			o->in = eq;
		else if (!strcmp(argv[i], "of"))
			o->out = eq;
		else if (!strcmp(argv[i], "bs"))
			num = &o->bs;
		else if (!strcmp(argv[i], "count") && (o->have_count = 1))
			num = &o->count;
		else if (!strcmp(argv[i], "skip"))
			num = &o->skip;
		else if (!strcmp(argv[i], "seek"))
			num = &o->seek;
		else if (!strcmp(argv[i], "conv") && conv_list(eq, o) == 0)
			continue;
		else if (!strcmp(argv[i], "status") && !strcmp(eq, "none"))
			o->quiet = 1;
		else if (!strcmp(argv[i], "status") && !strcmp(eq, "noxfer"))
			o->noxfer = 1;
		else
			return -1;
		if (num && mmk_parse_size(eq, num) < 0)
			return -1;
	}
	return o->bs == 0 || o->bs > (64u << 20) ? -1 : 0;
}

/* --------------------------------------------------------------- copying */
/* Skip n blocks of the input: seek if we can, else read them. */
static int skip_input(int fd, const struct opts *o, char *buf)
{
	uint64_t i;
	ssize_t r;

	if (!o->skip || lseek64(fd, (int64_t)(o->skip * o->bs), SEEK_CUR) >= 0)
		return 0;
	for (i = 0; i < o->skip; i++) {
		r = read(fd, buf, o->bs);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
	}
	return 0;
}

/* Write the n bytes; how many were written (n, or fewer with errno set). */
static size_t write_all(int fd, const char *buf, size_t n)
{
	size_t done = 0;
	ssize_t w;

	while (done < n) {
		w = write(fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = ENOSPC;
			break;
		}
		done += w;
	}
	return done;
}

static int copy(int in, int out, const struct opts *o, struct counts *c, char *buf)
{
	ssize_t n;
	size_t w;

	while (!o->have_count || c->full_in + c->part_in < o->count) {
		n = read(in, buf, o->bs);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "dd: error reading '%s': %s\n", o->in ? o->in : "standard input",
				strerror(errno));
			return 1;
		}
		if (n == 0)
			break;
		*((uint64_t)n == o->bs ? &c->full_in : &c->part_in) += 1;
		w = write_all(out, buf, n);
		c->bytes += w;
		if (w) {	/* a short write is a partial record, as GNU dd counts */
			*(w == o->bs ? &c->full_out : &c->part_out) += 1;
		}
		if (w < (size_t)n) {
			fprintf(stderr, "dd: error writing '%s': %s\n",
				o->out ? o->out : "standard output", strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* Open of=, position it at seek=, cut it there unless notrunc. */
static int open_output(const struct opts *o)
{
	struct linux_stat64 st;
	int64_t at = (int64_t)(o->seek * o->bs);
	int fd = 1;

	if (o->out) {
		fd = open(o->out, O_WRONLY | O_CREAT, 0666);
		if (fd < 0) {
			fprintf(stderr, "dd: failed to open '%s': %s\n", o->out, strerror(errno));
			return -1;
		}
	}
	if (o->seek && lseek64(fd, at, SEEK_CUR) < 0) {
		fprintf(stderr, "dd: cannot seek in the output: %s\n", strerror(errno));
		return -1;
	}
	if (o->out && !o->notrunc && mmk_fstat64(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    ftruncate64(fd, at) < 0) {
		fprintf(stderr, "dd: failed to truncate to %lld bytes in output file '%s': %s\n",
			(long long)at, o->out, strerror(errno));
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct opts o = { .bs = 512 };
	struct counts c = { 0, 0, 0, 0, 0 };
	int in = 0, out, rc;
	uint64_t start;
	char *buf;

	if (parse(argc, argv, &o) < 0) {
		fprintf(stderr, "usage: dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N]\n"
			"          [conv=fsync,fdatasync,notrunc] [status=none|noxfer]\n");
		return 1;
	}
	buf = malloc(o.bs);
	if (!buf) {
		fprintf(stderr, "dd: memory exhausted by bs=%llu\n", (unsigned long long)o.bs);
		return 1;
	}
	if (o.in && (in = open(o.in, O_RDONLY)) < 0) {
		fprintf(stderr, "dd: failed to open '%s': %s\n", o.in, strerror(errno));
		return 1;
	}
	out = open_output(&o);
	if (out < 0)
		return 1;
	start = mmk_now_ns();
	if (skip_input(in, &o, buf) < 0) {
		fprintf(stderr, "dd: cannot skip in '%s': %s\n", o.in ? o.in : "standard input",
			strerror(errno));
		return 1;
	}
	rc = copy(in, out, &o, &c, buf);
	if (!rc && (o.fsync || o.fdatasync) && (o.fsync ? fsync(out) : fdatasync(out)) < 0) {
		fprintf(stderr, "dd: fsync failed for '%s': %s\n", o.out ? o.out : "standard output",
			strerror(errno));
		rc = 1;
	}
	if (o.out && close(out) < 0 && !rc) {
		fprintf(stderr, "dd: closing output file '%s': %s\n", o.out, strerror(errno));
		rc = 1;
	}
	report(&c, mmk_now_ns() - start, &o);
	return rc;
}
