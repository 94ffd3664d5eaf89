/*
 * mmk_test.h - the little framework every test program uses.
 *
 * A test program prints exactly one line: "NAME: ok" and exits 0, or
 * "NAME: FAIL <reason>" and exits 1.  Its work runs in forked children;
 * t_leak_check() runs that work once to warm up, then again and fails
 * unless MemFree after the children have exited is back to its value before
 * (a run or two more are allowed while kernel caches settle).
 *
 * A child that finds a problem calls t_fail() itself (printing the one FAIL
 * line and exiting 1); the parent's t_wait_ok() then exits 1 quietly, so the
 * output still has exactly one line.
 */
#ifndef MMK_TEST_H
#define MMK_TEST_H

#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

#define T_PAGE		4096UL
#define T_KADDR		((void *)0xC0000000UL)	/* PAGE_OFFSET: kernel memory */

/* Name the test (for its ok/FAIL line); call first in main. */
void t_begin(const char *name);

/* Print "NAME: FAIL <reason>" in one write and exit(1). */
void t_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Print "NAME: ok" and exit(0). */
void t_ok(void) __attribute__((noreturn));

/* fork() after flushing stdio; fails the test if fork fails. */
pid_t t_fork(void);

/* Reap `pid` and return its wait status; fails the test on a wait error. */
int t_wait(pid_t pid);

/* The child must exit 0.  If it exited 1 it has printed its FAIL line, and
 * we exit 1 too; anything else (a signal, another code) is reported. */
void t_wait_ok(pid_t pid, const char *what);

/* The child must have been killed by SIGSEGV (signal 11). */
void t_wait_segv(pid_t pid, const char *what);

/* "exited 3" / "killed by signal 11 (SEGV)" for messages. */
const char *t_status_str(int status);

/* ret must be -1 with errno == err; otherwise FAIL naming `what`. */
void t_expect_err(long ret, int err, const char *what);

/*
 * Soft failures: t_check_err() and t_note() record a problem and carry on,
 * so that one run reports every broken case; t_check_notes() then fails
 * with all of them on one line ("a; b; c").  t_ok() calls it first.
 */
void t_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void t_check_err(long ret, int err, const char *what);
void t_check_notes(void);

/* MemFree from /proc/meminfo in kB (fails the test if unreadable). */
long t_memfree_kb(void);

/* A "Key:" value (kB) from /proc/self/status, e.g. "VmRSS:". */
long t_status_kb(const char *key);

/* This process's minor / major fault counts (/proc/self/stat fields 10, 12). */
unsigned long t_minflt(void);

/*
 * Run work(0) (warm-up), then work(1) until one run leaves MemFree at least
 * where it found it (at most 3 runs: kernel caches may still grow during the
 * first); fail if every run lost memory.  No tolerance in kB on mmkernel;
 * unchecked on Linux, where MemFree is system-wide and moves with every
 * other process on the machine.
 */
void t_leak_check(void (*work)(int measured));

/* Fill / check a page with a pattern derived from (tag, page index). */
void t_fill_page(void *page, uint32_t tag, unsigned long index);
int t_check_page(const void *page, uint32_t tag, unsigned long index);

#endif /* MMK_TEST_H */
