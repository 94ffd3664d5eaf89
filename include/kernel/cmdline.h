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
/* memparse - a number with an optional K, M or G suffix ("16M" -> 16777216). */
unsigned long long memparse(const char *s, const char **end);

#endif
