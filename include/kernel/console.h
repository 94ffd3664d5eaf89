/*
 * The console: where printk writes and the shell reads.  One console at a
 * time; the early console (the boot UART through the fixmap) is replaced
 * by the UART driver once it has probed the DTB.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <kernel/types.h>

struct console {
	const char *name;
	void (*putc)(struct console *con, char c);	/* waits for room */
	int (*getc)(struct console *con);		/* -1 if nothing waiting */
	volatile u8 *base;				/* registers */
};

void console_register(struct console *con);
struct console *console_current(void);

/* Input from the UART's receive interrupt, handed to the tty (kernel/tty.c). */
void console_input(char c);

/* console_write - to the console only, not the log (user programs' output). */
void console_write(const char *s, size_t n);

/* The printk log (a ring): for dmesg and for the tests. */
size_t log_read(char *buf, size_t size);

/* The console line discipline (kernel/tty.c). */
void tty_receive(char c);
ssize_t tty_read_line(char *kbuf, size_t n, bool block);

#endif
