/*
 * kernel/pipe.c - pipes: a 4 KiB ring between a reading and a writing
 * file.  Readers sleep while it is empty (and a writer exists); writers
 * sleep while it is full (and a reader exists).  Writing with no reader
 * left is -EPIPE and kills the writer with SIGPIPE, as Linux does by
 * default.
 */
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/irqflags.h>
#include <kernel/uaccess.h>
#include <kernel/errno.h>
#include <mm/slab.h>

#define PIPE_SIZE 4096

struct pipe {
	char buf[PIPE_SIZE];
	unsigned head, tail;	/* free-running: head - tail bytes are in */
	int readers, writers;
};

static ssize_t pipe_read(struct file *f, vaddr_t ubuf, size_t n)
{
	struct pipe *p = f->priv;
	size_t done = 0;

	if (!n)
		return 0;		/* Linux: a null read returns at once */
	while (p->head == p->tail) {
		if (!p->writers)
			return 0;			/* end of file */
		if (signal_pending(current))
			return -EINTR;
		sleep_on(p);
	}
	while (done < n && p->head != p->tail) {
		unsigned idx = p->tail % PIPE_SIZE;
		size_t chunk = PIPE_SIZE - idx;

		if (chunk > p->head - p->tail)
			chunk = p->head - p->tail;
		if (chunk > n - done)
			chunk = n - done;
		if (copy_to_user(ubuf + done, p->buf + idx, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->tail += (unsigned)chunk;
		done += chunk;
	}
	wakeup(p);
	return (ssize_t)done;
}

static ssize_t pipe_write(struct file *f, vaddr_t ubuf, size_t n)
{
	struct pipe *p = f->priv;
	size_t done = 0;

	if (!n)
		return 0;		/* a null write succeeds, readers or not */
	while (done < n) {
		unsigned idx;
		size_t chunk;

		if (!p->readers) {
			force_sig(current, SIGPIPE);
			return done ? (ssize_t)done : -EPIPE;
		}
		if (p->head - p->tail == PIPE_SIZE) {
			if (signal_pending(current))
				return done ? (ssize_t)done : -EINTR;
			wakeup(p);
			sleep_on(p);
			continue;
		}
		idx = p->head % PIPE_SIZE;
		chunk = PIPE_SIZE - idx;
		if (chunk > PIPE_SIZE - (p->head - p->tail))
			chunk = PIPE_SIZE - (p->head - p->tail);
		if (chunk > n - done)
			chunk = n - done;
		if (copy_from_user(p->buf + idx, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		p->head += (unsigned)chunk;
		done += chunk;
	}
	wakeup(p);
	return (ssize_t)done;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wakeup(p);
	if (!p->readers && !p->writers)
		kfree(p);
}

static const struct file_operations pipe_ops = {
	.read = pipe_read, .write = pipe_write, .release = pipe_release,
};

int pipe_create(struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	*rd = file_alloc(&pipe_ops, O_RDONLY);
	*wr = file_alloc(&pipe_ops, O_WRONLY);
	if (!*rd || !*wr) {
		kfree(*rd);
		kfree(*wr);
		kfree(p);
		return -ENOMEM;
	}
	p->readers = p->writers = 1;
	(*rd)->priv = (*wr)->priv = p;
	(*rd)->mode = (*wr)->mode = S_IFIFO | 0600;
	return 0;
}
