/*
 * printk: format, keep a copy in the log ring, write to the console.
 * Safe from interrupt handlers (interrupts are masked while it writes).
 *
 * The ring keeps each line in the form syslog(2) gives it to dmesg:
 * "<6>[    1.234567] text", the level (all messages are KERN_INFO here)
 * and the time since boot; the console shows the text alone.  What user
 * programs write to the console (kernel/tty.c) is not logged.
 */
#include <kernel/printk.h>
#include <kernel/console.h>
#include <kernel/irqflags.h>
#include <kernel/string.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
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

static size_t log_cleared;	/* dmesg -c: what was before this is gone */
static size_t log_read_pos;	/* syslog READ: what was read so far */
static bool log_line_start = true;

static void log_putc(char c)
{
	log_buf[log_head++ % LOG_SIZE] = c;
}

/* The "<6>[    1.234567] " in front of a line in the ring. */
static void log_line_prefix(void)
{
	char p[32];
	u64 ns = ktime_get_ns();
	int i, n = snprintf(p, sizeof(p), "<6>[%5lu.%06lu] ", (unsigned long)(ns / 1000000000u),
			    (unsigned long)(ns % 1000000000u / 1000u));

	for (i = 0; i < n; i++)
		log_putc(p[i]);
}

static void console_emit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; console && i < n; i++) {
		if (s[i] == '\n')
			console->putc(console, '\r');
		console->putc(console, s[i]);
	}
}

static void emit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (log_line_start)
			log_line_prefix();
		log_putc(s[i]);
		log_line_start = s[i] == '\n';
	}
	console_emit(s, n);
}

void console_write(const char *s, size_t n)
{
	unsigned long flags;

	local_irq_save(flags);
	console_emit(s, n);
	local_irq_restore(flags);
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

/* The oldest position still in the ring (and not cleared). */
static size_t log_first(void)
{
	size_t first = log_head > LOG_SIZE ? log_head - LOG_SIZE : 0;

	return first > log_cleared ? first : log_cleared;
}

/*
 * log_read - copy the newest whole lines of the log that fit into buf
 * (for dmesg); returns the bytes copied.
 */
size_t log_read(char *buf, size_t size)
{
	size_t first = log_first(), start, i, n;

	start = log_head - first > size ? log_head - size : first;
	while (start > first && start < log_head && log_buf[(start - 1) % LOG_SIZE] != '\n')
		start++;		/* begin at a line */
	n = log_head - start;
	for (i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_SIZE];
	return n;
}

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

/* Copy from position from on, up to len bytes, to user space; bytes copied. */
static long log_copy_out(size_t from, vaddr_t ubuf, size_t len)
{
	size_t n = log_head - from, i, done = 0;
	char chunk[64];

	if (n > len)
		n = len;
	while (done < n) {
		size_t c = n - done < sizeof(chunk) ? n - done : sizeof(chunk);

		for (i = 0; i < c; i++)
			chunk[i] = log_buf[(from + done + i) % LOG_SIZE];
		if (copy_to_user(ubuf + done, chunk, c))
			return -EFAULT;
		done += c;
	}
	return (long)done;
}

/*
 * syslog (103): the kernel log for dmesg, with Linux's actions.  READ_ALL
 * gives the newest whole records that fit; READ gives what no READ gave
 * yet (waiting for some if there is none); CLEAR forgets everything so
 * far (dmesg -c).
 */
long sys_syslog(int type, vaddr_t ubuf, int len)
{
	size_t first, start;
	long n;

	switch (type) {
	case SYSLOG_ACTION_CLOSE: case SYSLOG_ACTION_OPEN:
	case SYSLOG_ACTION_CONSOLE_OFF: case SYSLOG_ACTION_CONSOLE_ON:
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return len < 1 || len > 8 ? -EINVAL : 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_SIZE;
	case SYSLOG_ACTION_SIZE_UNREAD:
		first = log_first();
		return (long)(log_head - (log_read_pos > first ? log_read_pos : first));
	case SYSLOG_ACTION_CLEAR:
		log_cleared = log_head;
		return 0;
	case SYSLOG_ACTION_READ: case SYSLOG_ACTION_READ_ALL: case SYSLOG_ACTION_READ_CLEAR:
		break;
	default:
		return -EINVAL;
	}
	if (!ubuf || len < 0)
		return -EINVAL;
	if (!len)
		return 0;
	if (!access_ok(ubuf, (size_t)len))
		return -EFAULT;
	first = log_first();
	if (type == SYSLOG_ACTION_READ) {
		if (log_read_pos < first)
			log_read_pos = first;
		n = log_copy_out(log_read_pos, ubuf, (size_t)len);
		if (n > 0)
			log_read_pos += (size_t)n;
		return n;
	}
	start = log_head - first > (size_t)len ? log_head - (size_t)len : first;
	while (start > first && start < log_head && log_buf[(start - 1) % LOG_SIZE] != '\n')
		start++;
	n = log_copy_out(start, ubuf, (size_t)len);
	if (n >= 0 && type == SYSLOG_ACTION_READ_CLEAR)
		log_cleared = log_head;
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
