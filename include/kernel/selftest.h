/*
 * In-kernel self-tests, benchmarks and views, each registered in a linker
 * section so that adding one needs no central list.
 *
 *   SELFTEST(name, fn)  int fn(void): 0 = pass, else fail.  Run at boot by
 *                       the command-line word selftest=name1,name2 or
 *                       selftest=all; each prints "selftest NAME: ok" or
 *                       "selftest NAME: FAIL (...)".
 *   BENCH(name, fn)     void fn(void): prints "name value unit" lines, one
 *                       per case; run by bench=name or bench=all.
 *   VIEW(name, fn)      void fn(struct seq_buf *): a text view (buddyinfo,
 *                       zoneinfo, ...) printed by show=name, and served by
 *                       procfs later.
 *
 * A self-test reports why it failed with selftest_fail(), which prints the
 * message and returns -1, so `return selftest_fail("...")` reads well.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <kernel/types.h>
#include <kernel/printk.h>

struct selftest {
	const char *name;
	int (*fn)(void);
};

struct bench {
	const char *name;
	void (*fn)(void);
};

struct view {
	const char *name;
	void (*fn)(struct seq_buf *s);
};

#define SELFTEST(id, func) \
	static const struct selftest __selftest_##id \
	__attribute__((used, section(".selftests"), aligned(4))) = { #id, func }
#define BENCH(id, func) \
	static const struct bench __bench_##id \
	__attribute__((used, section(".benches"), aligned(4))) = { #id, func }
#define VIEW(id, func) \
	static const struct view __view_##id \
	__attribute__((used, section(".views"), aligned(4))) = { #id, func }

int selftest_fail(const char *fmt, ...) __printf(1, 2);

/* Print "name value unit" for make bench (scripts/bench.py parses it). */
void bench_report(const char *name, unsigned long long value, const char *unit);

/* Find a view by name (NULL if none); used by show= and procfs. */
const struct view *view_find(const char *name);

#endif
