/*
 * printk: format, keep a copy in the log ring, write to the console.
 * Safe from interrupt handlers (interrupts are masked while it writes).
 */
#include <kernel/printk.h>
#include <kernel/console.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>
#include <kernel/file.h>
#include <kernel/time.h>

#define LOG_SIZE 16384

static char log_buf[LOG_SIZE];
static size_t log_head;		/* total characters ever logged */
static struct console *console;

void console_register(struct console *con)
{
	console = con;
}

struct console *console_current(void)
{
	return console;
}

/* console_input - a character arrived (UART interrupt): to the tty. */
void console_input(char c)
{
	tty_receive(c);
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

/*
 * __ratelimit - see include/kernel/printk.h.  Interrupts are masked while
 * the state is updated: messages come from process and interrupt context.
 */
int __ratelimit(struct ratelimit_state *rs)
{
	unsigned long flags;
	int ok, missed = 0;

	local_irq_save(flags);
	if (!rs->begin || jiffies - rs->begin >= rs->interval) {
		missed = rs->missed;
		rs->begin = jiffies ? jiffies : 1;
		rs->printed = rs->missed = 0;
	}
	ok = rs->printed < rs->burst;
	if (ok)
		rs->printed++;
	else
		rs->missed++;
	local_irq_restore(flags);
	if (missed)
		printk("%s: %d callbacks suppressed\n", rs->name, missed);
	return ok;
}
