/*
 * util.c - small helpers shared by the tools and the tests: Linux signal
 * names, and "are we on Linux?" (the tests relax one check there).
 */
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "mmk.h"

/* Linux's numbering, with the words a shell prints for a killed child. */
static const struct {
	const char *name;
	const char *desc;
} signals[LINUX_NSIG] = {
	[1] = { "HUP", "Hangup" },
	[2] = { "INT", "Interrupt" },
	[3] = { "QUIT", "Quit" },
	[4] = { "ILL", "Illegal instruction" },
	[5] = { "TRAP", "Trace/breakpoint trap" },
	[6] = { "ABRT", "Aborted" },
	[7] = { "BUS", "Bus error" },
	[8] = { "FPE", "Floating point exception" },
	[9] = { "KILL", "Killed" },
	[10] = { "USR1", "User defined signal 1" },
	[11] = { "SEGV", "Segmentation fault" },
	[12] = { "USR2", "User defined signal 2" },
	[13] = { "PIPE", "Broken pipe" },
	[14] = { "ALRM", "Alarm clock" },
	[15] = { "TERM", "Terminated" },
	[16] = { "STKFLT", "Stack fault" },
	[17] = { "CHLD", "Child exited" },
	[18] = { "CONT", "Continued" },
	[19] = { "STOP", "Stopped (signal)" },
	[20] = { "TSTP", "Stopped" },
	[21] = { "TTIN", "Stopped (tty input)" },
	[22] = { "TTOU", "Stopped (tty output)" },
	[23] = { "URG", "Urgent I/O condition" },
	[24] = { "XCPU", "CPU time limit exceeded" },
	[25] = { "XFSZ", "File size limit exceeded" },
	[26] = { "VTALRM", "Virtual timer expired" },
	[27] = { "PROF", "Profiling timer expired" },
	[28] = { "WINCH", "Window changed" },
	[29] = { "IO", "I/O possible" },
	[30] = { "PWR", "Power failure" },
	[31] = { "SYS", "Bad system call" },
};

const char *mmk_signame(int sig)
{
	return sig > 0 && sig < LINUX_NSIG ? signals[sig].name : NULL;
}

const char *mmk_sigdesc(int sig)
{
	return sig > 0 && sig < LINUX_NSIG ? signals[sig].desc : NULL;
}

/* "9", "KILL" or "SIGKILL" -> 9; -1 if unknown. */
int mmk_signum(const char *s)
{
	char *end;
	long n;
	int i;

	if (!s || !*s)
		return -1;
	n = strtol(s, &end, 10);
	if (*end == '\0')
		return n >= 0 && n < LINUX_NSIG ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 1; i < LINUX_NSIG; i++)
		if (strcasecmp(s, signals[i].name) == 0)
			return i;
	return -1;
}

int mmk_on_linux(void)
{
	static int cached = -1;
	struct linux_utsname u;

	if (cached < 0)
		cached = uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0;
	return cached;
}
