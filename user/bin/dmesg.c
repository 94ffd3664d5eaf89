/*
 * dmesg [-c] [-r] - print the kernel's message buffer.
 *
 * The kernel keeps its messages (printk) in a ring buffer.  syslog(2) with
 * SYSLOG_ACTION_SIZE_BUFFER (10) says how big the buffer is; with
 * SYSLOG_ACTION_READ_ALL (3) it copies out everything still in it, oldest
 * first, without consuming it; SYSLOG_ACTION_READ_CLEAR (4), used for -c,
 * also empties it.  Each record starts with its level, "<6>" for
 * KERN_INFO; dmesg strips that unless -r (raw).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmk.h"

/* Print the n bytes at text, without the "<N>" at the start of each line. */
static void print_lines(const char *text, int n, int raw)
{
	const char *end = text + n, *nl, *p;

	while (text < end) {
		nl = memchr(text, '\n', end - text);
		if (!nl)
			nl = end;
		p = text;
		if (!raw && *p == '<') {
			const char *q = p + 1;

			while (q < nl && *q >= '0' && *q <= '9')
				q++;
			if (q < nl && *q == '>' && q > p + 1)
				p = q + 1;
		}
		fwrite(p, 1, nl - p, stdout);
		putchar('\n');
		text = nl + 1;
	}
}

int main(int argc, char **argv)
{
	int i, clear = 0, raw = 0, size, n;
	char *buf;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0) {
			clear = 1;
		} else if (strcmp(argv[i], "-r") == 0) {
			raw = 1;
		} else {
			fprintf(stderr, "usage: dmesg [-c] [-r]\n");
			return 1;
		}
	}
	size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size < 0) {
		fprintf(stderr, "dmesg: klogctl failed: %s\n", strerror(errno));
		return 1;
	}
	if (size == 0)
		size = 16384;
	buf = malloc(size);
	if (!buf) {
		fprintf(stderr, "dmesg: out of memory\n");
		return 1;
	}
	n = klogctl(clear ? SYSLOG_ACTION_READ_CLEAR : SYSLOG_ACTION_READ_ALL, buf, size);
	if (n < 0) {
		fprintf(stderr, "dmesg: klogctl failed: %s\n", strerror(errno));
		return 1;
	}
	print_lines(buf, n, raw);
	free(buf);
	return 0;
}
