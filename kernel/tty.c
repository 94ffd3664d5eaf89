/*
 * kernel/tty.c - the console as a file: a line discipline in canonical
 * mode.  Characters from the UART's receive interrupt are echoed and
 * collected into a line (backspace edits it, Ctrl-D ends input, Ctrl-C
 * interrupts the programs the shell started); read()
 * sleeps until a whole line is there and returns it with its '\n'.
 */
#include <kernel/fs.h>
#include <kernel/console.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/irqflags.h>
#include <kernel/uaccess.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define TTY_BUF 512

static char line[TTY_BUF];	/* being typed */
static size_t line_len;
static char ready[TTY_BUF];	/* finished lines, waiting for read() */
static size_t ready_len;
static bool eof_pending;
static int tty_chan;		/* what readers sleep on */

static void echo(char c)
{
	struct console *con = console_current();

	if (!con)
		return;
	if (c == '\n')
		con->putc(con, '\r');
	con->putc(con, c);
}

/*
 * Ctrl-C: there are no process groups, so "the foreground job" is taken
 * to be every process that is neither init (pid 1) nor one of init's
 * children (the shell): the programs the shell started, and theirs.
 */
static void tty_interrupt(void)
{
	struct task_struct *t;

	echo('^');
	echo('C');
	echo('\n');
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid > 1 && t->parent && t->parent->pid > 1 && t->state != TASK_ZOMBIE)
			force_sig(t, SIGINT);
}

/* tty_receive - one input character (called from the UART interrupt). */
void tty_receive(char c)
{
	if (c == 0x03) {
		line_len = 0;
		tty_interrupt();
		return;
	}
	if (c == '\r')
		c = '\n';
	if (c == 0x7f || c == '\b') {
		if (line_len) {
			line_len--;
			echo('\b'); echo(' '); echo('\b');
		}
		return;
	}
	if (c == 0x04) {	/* Ctrl-D: hand over what there is, or EOF */
		eof_pending = line_len == 0;
	} else {
		if (line_len < TTY_BUF - 1)
			line[line_len++] = c;
		echo(c);
		if (c != '\n')
			return;
	}
	if (ready_len + line_len <= TTY_BUF) {
		memcpy(ready + ready_len, line, line_len);
		ready_len += line_len;
	}
	line_len = 0;
	wakeup(&tty_chan);
}

/*
 * tty_read_line - take up to n bytes of finished input (at most one
 * line).  Returns the count, 0 at EOF, -EAGAIN if !block and nothing is
 * ready, -EINTR if a signal came while waiting.
 */
ssize_t tty_read_line(char *kbuf, size_t n, bool block)
{
	unsigned long flags;
	size_t i, take;

	local_irq_save(flags);
	while (!ready_len && !eof_pending) {
		if (!block || signal_pending(current)) {
			local_irq_restore(flags);
			return block ? -EINTR : -EAGAIN;
		}
		sleep_on(&tty_chan);
	}
	if (!ready_len) {
		eof_pending = false;
		local_irq_restore(flags);
		return 0;
	}
	for (take = 0; take < ready_len && take < n; take++)
		if (ready[take] == '\n') {
			take++;
			break;
		}
	memcpy(kbuf, ready, take);
	for (i = take; i < ready_len; i++)
		ready[i - take] = ready[i];
	ready_len -= take;
	local_irq_restore(flags);
	return (ssize_t)take;
}

static ssize_t tty_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	char kbuf[TTY_BUF];
	ssize_t got = tty_read_line(kbuf, n < sizeof(kbuf) ? n : sizeof(kbuf),
				    !(f->f_flags & O_NONBLOCK));

	if (got > 0 && copy_to_user(buf, kbuf, (size_t)got))
		return -EFAULT;
	return got;
}

static ssize_t tty_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	char kbuf[256];
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < sizeof(kbuf) - 1 ? n - done : sizeof(kbuf) - 1;

		if (copy_from_user(kbuf, buf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		console_write(kbuf, chunk);
		done += chunk;
	}
	return (ssize_t)n;
}

/* ioctl: no termios here, so every request is ENOTTY (as before files). */
static long tty_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	return -ENOTTY;
}

static const struct file_operations tty_fops = {
	.llseek = no_llseek, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl,
};

/* The console: major 5 (tty 5:0, console 5:1), as Linux numbers them. */
void tty_init(void)
{
	register_chrdev(5, "/dev/tty", &tty_fops);
	devtmpfs_create_node("console", S_IFCHR | 0600, MKDEV(5, 1));
	devtmpfs_create_node("tty", S_IFCHR | 0666, MKDEV(5, 0));
}
