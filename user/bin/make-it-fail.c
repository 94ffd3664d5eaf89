/*
 * make-it-fail CMD [ARG]... - run CMD with fault injection.
 * On for it and everything it starts: write 1 to /proc/self/make-it-fail
 * (children inherit it), then exec the command.  The kernel must have
 * been booted with fail_page_alloc= or failslab= (docs/testing.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char path[128];
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: make-it-fail COMMAND [ARG]...\n");
		return 2;
	}
	fd = open("/proc/self/make-it-fail", O_WRONLY);
	if (fd < 0 || write(fd, "1\n", 2) != 2) {
		fprintf(stderr, "make-it-fail: /proc/self/make-it-fail: %s\n", strerror(errno));
		return 1;
	}
	close(fd);
	snprintf(path, sizeof(path), strchr(argv[1], '/') ? "%s" : "/bin/%s", argv[1]);
	execve(path, argv + 1, environ);
	fprintf(stderr, "make-it-fail: %s: %s\n", path, strerror(errno));
	return 127;
}
