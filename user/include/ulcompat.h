/*
 * ulcompat.h - what the util-linux look-alikes (mkswap, swapon, swapoff)
 * share, so that their command lines and messages are util-linux 2.38's
 * on glibc, letter for letter (user/lib/ulcompat.c):
 *
 *   - messages: "PROG: text" and "PROG: text: strerror" (err(3), warn(3))
 *     with glibc's error texts, not newlib's ("Operation not permitted",
 *     not "Not owner");
 *   - GNU getopt_long: options and operands in any order, "--", unique
 *     prefixes of long options, and glibc's complaints about bad ones;
 *   - util-linux's number parsing ("PROG: MSG: 'abc'") and its human
 *     sizes ("60 MiB", "12.1M");
 *   - libmount's part: a path made canonical, and /proc/swaps read.
 */
#ifndef ULCOMPAT_H
#define ULCOMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------- messages */
/* The program's name for messages: argv[0] without its directory. */
extern const char *ul_prog;
void ul_init(const char *argv0);

/* glibc's text for an errno value (newlib's numbering, as errno holds). */
const char *ul_strerror(int e);

void ul_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ul_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ul_err(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
void ul_errx(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* "Try 'PROG --help' for more information." and exit(status). */
void ul_errtryhelp(int status) __attribute__((noreturn));

/* --------------------------------------------------------- getopt_long */
enum { UL_NO_ARG, UL_REQUIRED_ARG, UL_OPTIONAL_ARG };

struct ul_option {
	const char *name;	/* without "--"; NULL ends the table */
	int has_arg;
	int val;		/* what ul_getopt returns for it */
};

struct ul_getopt {
	int argc;
	char **argv;
	const char *shortopts;	/* getopt's "ab:c::" */
	const struct ul_option *longopts;
	int ind;		/* next element of argv */
	const char *cluster;	/* the rest of "-abc" being taken apart */
	bool dashdash;		/* "--" seen: the rest are operands */
	char *arg;		/* the argument of the option just returned */
	int noperands;
	char **operands;	/* the non-option words, in their order */
};

void ul_getopt_init(struct ul_getopt *g, int argc, char **argv, const char *shortopts,
		    const struct ul_option *longopts);
/* The next option's value; '?' after glibc's message about a bad one;
 * -1 when argv is used up (the operands are then in g->operands). */
int ul_getopt(struct ul_getopt *g);

/*
 * err_exclusive_options: rows of option values (each ascending, ended by
 * 0) that exclude each other; status[] one int per row, zeroed.  The
 * second option of a row given: "PROG: mutually exclusive arguments:
 * --a --b" and exit 1.
 */
void ul_exclusive(int c, const struct ul_option *opts, const int (*rows)[5], int nrows,
		  int *status);

/* ------------------------------------------------------------- numbers */
/* strtos16_or_err and friends: a whole decimal number within [lo, hi],
 * or "PROG: MSG: 'STR'" (": Numerical result out of range" when too big)
 * and exit 1. */
int64_t ul_strtos_or_err(const char *s, const char *msg, int64_t lo, int64_t hi);
uint64_t ul_strtou_or_err(const char *s, const char *msg, uint64_t hi);

/* size_to_human_string: "60 MiB" (UL_SIZE_SPACE | UL_SIZE_3LETTER) or
 * "60M" (0), one decimal when needed ("12.1M"), in buf (32 bytes). */
#define UL_SIZE_SPACE	1
#define UL_SIZE_3LETTER	2
char *ul_size_to_human(char *buf, size_t size, int options, uint64_t bytes);

/* --------------------------------------------------------------- paths */
/* The absolute path without ".", ".." or symbolic links, malloc'ed; the
 * path itself (copied) when that cannot be found out, as libmount does. */
char *ul_canonicalize(const char *path);

/*
 * A swap area's label and UUID from its header ("" when it has none, as
 * blkid reports them): 0, or -1 when path has no swap signature.
 */
int ul_swap_label_uuid(const char *path, char label[17], char uuid[37]);

/*
 * LABEL= or UUID= (name "LABEL" or "UUID") to a path: the block devices
 * of /proc/partitions (libmount's blkid look-up), then, with files, the
 * swap files of /proc/swaps (swapoff's).  malloc'ed, or NULL.
 */
char *ul_find_swap_by_tag(const char *name, const char *value, bool files);

/* One line of /proc/swaps, as libmount reads it (escapes such as \040
 * decoded, " (deleted)" dropped). */
struct ul_swap {
	char *src;		/* malloc'ed */
	char type[16];		/* "file" or "partition" */
	uint64_t size, used;	/* KiB */
	int prio;
};
/* /proc/swaps and /etc/fstab, or the files $LIBMOUNT_SWAPS and
 * $LIBMOUNT_FSTAB name instead (libmount's variables, for tests). */
const char *ul_swaps_path(void);
const char *ul_fstab_path(void);

/* All lines of /proc/swaps (malloc'ed, ul_free_swaps), or NULL with errno. */
struct ul_swap *ul_read_swaps(int *count);
void ul_free_swaps(struct ul_swap *v, int count);

#endif
