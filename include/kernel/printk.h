/*
 * printk and friends.  vsnprintf understands %d %i %u %x %X %p %s %c %%,
 * the length modifiers l, ll, h, z, the flags '-', '0', and a field width
 * (a number or '*').  %p prints 0x followed by 8 hex digits.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <kernel/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/*
 * Rate limiting, as Linux's: at most `burst` messages per `interval`
 * jiffies from one ratelimit_state; the rest are counted and reported as
 * "N callbacks suppressed" when the next interval begins.  Anything a
 * user program can make the kernel print over and over (allocation
 * failures, the report of a killed process) goes through one, so that a
 * fork bomb cannot flood the console.
 */
struct ratelimit_state {
	const char *name;	/* for the "suppressed" line */
	unsigned long interval, begin;
	int burst, printed, missed;
};

#define DEFAULT_RATELIMIT_INTERVAL	(5 * 100)	/* 5 s of jiffies (HZ = 100) */
#define DEFAULT_RATELIMIT_BURST		10
#define RATELIMIT_STATE(var, nm, intv, bst) \
	struct ratelimit_state var = { .name = nm, .interval = intv, .burst = bst }

/* 1: go ahead and print; 0: suppressed (counted). */
int __ratelimit(struct ratelimit_state *rs);

/* printk_ratelimited - printk through a limit of its own (one per call site). */
#define printk_ratelimited(...) ({ \
	static RATELIMIT_STATE(_rs, __func__, DEFAULT_RATELIMIT_INTERVAL, \
			       DEFAULT_RATELIMIT_BURST); \
	__ratelimit(&_rs) ? printk(__VA_ARGS__) : 0; })

#define pr_info(...) printk(__VA_ARGS__)
#define pr_warn(...) printk("warning: " __VA_ARGS__)
#define pr_err(...) printk("error: " __VA_ARGS__)

/*
 * A text buffer that the "show" functions (buddyinfo, zoneinfo, ...) fill,
 * so that the same function serves the console and, later, procfs.
 */
struct seq_buf {
	char *buf;
	size_t size;
	size_t len;	/* bytes written so far (never more than size - 1) */
	bool overflow;	/* set when output was cut short */
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
	s->overflow = false;
	if (size)
		buf[0] = '\0';
}

void seq_printf(struct seq_buf *s, const char *fmt, ...) __printf(2, 3);

#endif
