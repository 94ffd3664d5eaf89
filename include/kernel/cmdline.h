/*
 * The kernel command line (from /chosen/bootargs in the DTB).  Words are
 * separated by spaces; a word is either a flag ("poweroff") or key=value
 * ("mem_dma=16M", "show=buddyinfo,zoneinfo").
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <kernel/types.h>

#define COMMAND_LINE_SIZE 1024

extern char boot_command_line[COMMAND_LINE_SIZE];

/* cmdline_has - true if the word `flag` appears on its own in `cmdline`. */
bool cmdline_has(const char *cmdline, const char *flag);

/*
 * cmdline_get - copy the value of key=value into buf (NUL-terminated).
 * Returns true if the key was present.
 */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

/*
 * cmdline_list_has - true if `item` is one of the comma-separated values of
 * `key` ("show=buddyinfo,zoneinfo" has "zoneinfo").
 */
bool cmdline_list_has(const char *cmdline, const char *key, const char *item);

unsigned long simple_strtoul(const char *s, const char **end, unsigned base);
/*
 * simple_strtoull - as Linux's: base 0 takes "0x..." as hex and "0..." as
 * octal; stops at the first non-digit (*end); wraps on overflow.
 */
unsigned long long simple_strtoull(const char *s, const char **end, unsigned base);
/*
 * kstrtoull - as Linux's: the whole of s (an optional '+', digits, at
 * most one trailing newline) as a number in base (0: as simple_strtoull).
 * 0, or -EINVAL for anything else, -ERANGE if it does not fit.
 */
int kstrtoull(const char *s, unsigned base, unsigned long long *res);
/*
 * memparse - as Linux's: simple_strtoull(s, end, 0) and an optional
 * suffix K, M, G, T, P or E, either case ("16M" -> 16777216); 0 and
 * *end == s if there is no number.
 */
unsigned long long memparse(const char *s, const char **end);

#endif
