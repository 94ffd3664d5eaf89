/*
 * echo [-n] [ARG]... - write the arguments and a newline.
 * Separated by spaces, no newline with -n.  With the shell's "> file" this is how a /proc knob
 * is set:  echo 1 > /proc/sys/vm/drop_caches
 *
 * The line goes out in one write(), which a /proc knob needs: it parses
 * what one write() gave it.
 */
#include <string.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[4096];
	size_t n = 0;
	int i = 1, newline = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i++;
	}
	for (; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (n + len + 2 > sizeof(buf))
			break;
		memcpy(buf + n, argv[i], len);
		n += len;
		if (i + 1 < argc)
			buf[n++] = ' ';
	}
	if (newline)
		buf[n++] = '\n';
	if (n && write(1, buf, n) != (ssize_t)n) {
		perror("echo: write error");
		return 1;
	}
	return 0;
}
