/*
 * kill [-SIG] PID... - send a signal (default TERM, 15) to each process.
 * Also `kill PID [SIG]`.  SIG is a Linux signal number or name: 9, KILL,
 * SIGKILL.  `kill -l` lists the names.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmk.h"

static int usage(void)
{
	fprintf(stderr, "usage: kill [-SIG] PID...  |  kill PID [SIG]  |  kill -l\n");
	return 2;
}

static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	int sig = LINUX_SIGTERM, i = 1, rc = 0;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (i = 1; i < LINUX_NSIG; i++)
			if (mmk_signame(i))
				printf("%2d %s\n", i, mmk_signame(i));
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-' && !is_number(argv[1] + 1)) {
		sig = mmk_signum(argv[1] + 1);		/* kill -KILL 12 */
		i = 2;
	} else if (argc > 1 && argv[1][0] == '-') {
		sig = atoi(argv[1] + 1);		/* kill -9 12 */
		i = 2;
	} else if (argc == 3 && !is_number(argv[2])) {
		sig = mmk_signum(argv[2]);		/* kill 12 KILL */
		argc = 2;
	} else if (argc == 3) {
		sig = atoi(argv[2]);			/* kill 12 9 */
		argc = 2;
	}
	if (sig < 0 || sig >= LINUX_NSIG) {
		fprintf(stderr, "kill: unknown signal\n");
		return 2;
	}
	if (i >= argc)
		return usage();
	for (; i < argc; i++) {
		if (!is_number(argv[i]))
			return usage();
		if (kill(atoi(argv[i]), sig) < 0) {
			fprintf(stderr, "kill: (%s): %s\n", argv[i], strerror(errno));
			rc = 1;
		}
	}
	return rc;
}
