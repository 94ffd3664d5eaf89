/*
 * uname [-a] - the kernel's name.
 * With -a also its release, version and machine.
 */
#include <stdio.h>
#include <string.h>

#include "mmk.h"

int main(int argc, char **argv)
{
	struct linux_utsname u;

	if (uname(&u) < 0) {
		perror("uname");
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "-a") == 0)
		printf("%s %s %s %s %s\n", u.sysname, u.nodename, u.release,
		       u.version, u.machine);
	else
		printf("%s\n", u.sysname);
	return 0;
}
