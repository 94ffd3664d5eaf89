/*
 * printk: format, keep a copy in the log ring, write to the console.
 * Safe from interrupt handlers (interrupts are masked while it writes).
 */
#include <kernel/printk.h>
#include <kernel/console.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>

#define LOG_SIZE 16384

static char log_buf[LOG_SIZE];
static size_t log_head;		/* total characters ever logged */
static struct console *console;

/* Input ring filled by the UART interrupt. */
#define INPUT_SIZE 256
static char input_buf[INPUT_SIZE];
static unsigned input_head, input_tail;

void console_register(struct console *con)
{
	console = con;
}

struct console *console_current(void)
{
	return console;
}

void console_input(char c)
{
	unsigned next = (input_head + 1) % INPUT_SIZE;

	if (next != input_tail) {	/* full: drop the character */
		input_buf[input_head] = c;
		input_head = next;
	}
}

int console_getc(void)
{
	unsigned long flags;
	int c = -1;

	local_irq_save(flags);
	if (input_tail != input_head) {
		c = (u8)input_buf[input_tail];
		input_tail = (input_tail + 1) % INPUT_SIZE;
	} else if (console && console->getc) {
		c = console->getc(console);	/* polled, before IRQs are on */
	}
	local_irq_restore(flags);
	return c;
}

static void emit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		log_buf[log_head++ % LOG_SIZE] = s[i];
		if (!console)
			continue;
		if (s[i] == '\n')
			console->putc(console, '\r');
		console->putc(console, s[i]);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	unsigned long flags;
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;

	local_irq_save(flags);
	emit(buf, len);
	local_irq_restore(flags);
	return (int)len;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* log_read - copy the newest part of the log that fits (for dmesg). */
size_t log_read(char *buf, size_t size)
{
	size_t avail = log_head < LOG_SIZE ? log_head : LOG_SIZE;
	size_t n = avail < size ? avail : size, i;
	size_t start = log_head - n;

	for (i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_SIZE];
	return n;
}
