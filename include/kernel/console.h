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

/* The printk log (a ring): for dmesg and for the tests. */
size_t log_read(char *buf, size_t size);

#endif
