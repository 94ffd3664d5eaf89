/*
 * What the VFS and the page cache (kernel/fs/, mm/filemap.c ...) need
 * from kernel/ on the host, where there is one task and nothing sleeps:
 *
 *   current            one task with a file table; its root and cwd are
 *                      namespace.c's init_fs (task->fs NULL)
 *   sleep_on & co.     every disk I/O completes before submit_bio returns
 *                      (block.c) and no other task exists, so a sleep
 *                      would last for ever: it fails the test instead
 *   mutexes            the same: taking a held mutex is a deadlock here
 *   kthread_run        a task that never runs (the flusher threads; the
 *                      tests write back through sync and umount)
 *   user copies        "user" memory is the host's below TASK_SIZE;
 *                      host_user_string() puts a string there, for the
 *                      system calls that take a user path (umount2)
 *   time               jiffies stand still; the wall clock is the host's
 *
 * Linked only into the tests that link the VFS (test_ext2); every other
 * test gets shim_vfs.c's weak stand-ins.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <kernel/sched.h>
#include <kernel/mutex.h>
#include <kernel/signal.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <kernel/fdtable.h>
#include <kernel/string.h>
#include <kernel/fs.h>
#include <kernel/bug.h>
#include <host_fs.h>

static struct task_struct host_task = { .pid = 1, .comm = "host", .umask = 022 };
struct task_struct *current = &host_task;
volatile unsigned long jiffies;

/* host_task_files - give the task its file table (after files_init). */
void host_task_files(void)
{
	if (!host_task.files)
		host_task.files = alloc_files();
}

u64 ktime_get_real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

/* current_time - the host's clock, whole seconds (what ext2 keeps). */
struct timespec64 current_time(void)
{
	struct timespec64 t = { (s64)time(NULL), 0 };

	return t;
}

/* ---- sleeping: never on the host ------------------------------------ */

static void __noreturn sleep_forever(const char *what, const void *chan)
{
	panic("%s(%p) on the host: nothing would ever wake it", what, chan);
	abort();
}

void sleep_on(const void *chan)
{
	sleep_forever("sleep_on", chan);
}

void io_sleep_on(const void *chan)
{
	sleep_forever("io_sleep_on", chan);
}

unsigned long sleep_on_timeout(const void *chan, unsigned long timeout)
{
	sleep_forever("sleep_on_timeout", chan);
}

void wakeup(const void *chan)
{
}

static struct task_struct kthread_dummy = { .pid = 2, .comm = "kthread" };

struct task_struct *kthread_run(int (*fn)(void *data), void *data, const char *name)
{
	return &kthread_dummy;		/* never scheduled */
}

bool signal_pending(const struct task_struct *t)
{
	return false;
}

int host_signals_sent;

void force_sig(struct task_struct *t, int sig)
{
	host_signals_sent++;
}

/* ---- mutexes ---------------------------------------------------------- */

void mutex_lock(struct mutex *m)
{
	if (m->owner)
		panic("mutex_lock(%p): already held, and nothing could release it", (void *)m);
	m->owner = current;
}

bool mutex_trylock(struct mutex *m)
{
	if (m->owner)
		return false;
	m->owner = current;
	return true;
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != current)
		panic("mutex_unlock(%p): not held", (void *)m);
	m->owner = NULL;
}

/* ---- strings and user memory ------------------------------------------ */

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

unsigned long __copy_from_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

unsigned long __copy_to_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

long __strncpy_from_user(char *dst, const char *src, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		dst[i] = src[i];
		if (!src[i])
			return (long)i;
	}
	return (long)n;
}

long __strnlen_user(const char *src, unsigned long n)
{
	return (long)strnlen(src, n) + 1;
}

#define HOST_USER_BASE	0x10000000UL	/* below TASK_SIZE: access_ok() accepts it */
#define HOST_USER_SLOT	PATH_MAX
#define HOST_USER_SLOTS	8

/*
 * host_user_string - s copied into "user" memory; its user address.  The
 * last HOST_USER_SLOTS strings stay valid (rename takes two).
 */
vaddr_t host_user_string(const char *s)
{
	static char *user;
	static unsigned next;
	char *slot;

	if (!user) {
		user = mmap((void *)HOST_USER_BASE, HOST_USER_SLOT * HOST_USER_SLOTS,
			    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
			    -1, 0);
		if (user == MAP_FAILED || (vaddr_t)user != HOST_USER_BASE)
			abort();
	}
	assert_true(strlen(s) < HOST_USER_SLOT);
	slot = user + (next++ % HOST_USER_SLOTS) * HOST_USER_SLOT;
	strcpy(slot, s);
	return (vaddr_t)slot;
}
