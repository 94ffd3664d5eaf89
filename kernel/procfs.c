/*
 * kernel/procfs.c - /proc: the kernel's views as text files.
 *
 *   /proc/NAME                 every VIEW() (meminfo, buddyinfo, zoneinfo,
 *                              pagetypeinfo, slabinfo, vmallocinfo, vmstat, ...)
 *   /proc/<pid>/maps           VMAs, Linux's format
 *   /proc/<pid>/smaps          VMAs with Rss, Pss, shared/private, clean/dirty
 *   /proc/<pid>/status, stat   names, states, sizes, fault counts
 *   /proc/<pid>/oom_score_adj  readable and writable
 *   /proc/<pid>/make-it-fail   fault injection for this task (and its children)
 *   /proc/<pid>/asid           the ASID its TLB entries carry (this kernel's own)
 *   /proc/self                 the caller's <pid>
 *   /proc/sys/vm/KNOB          drop_caches (write), min_free_kbytes (rw)
 *
 * A file's text is made when it is opened (a consistent snapshot) and
 * read from that buffer.
 */
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/selftest.h>
#include <kernel/cmdline.h>
#include <kernel/procfs.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define PROC_BUF_SIZE (64 * 1024)

struct proc_buf {
	char *text;
	size_t len;
	int pid;			/* for writable per-pid files */
	int (*pid_write)(int pid, long v);	/* ... and what writing them does */
	const struct proc_knob *knob;	/* for /proc/sys/vm */
};

/* The files of /proc/<pid>/; the writable ones take a number. */
static const struct {
	const char *name;
	void (*fill)(struct seq_buf *, void *task);
	int (*write)(int pid, long v);
} pid_files[] = {
	{ "maps", proc_show_maps, NULL },
	{ "smaps", proc_show_smaps, NULL },
	{ "status", proc_show_status, NULL },
	{ "stat", proc_show_stat, NULL },
	{ "oom_score", proc_show_oom_score, NULL },
	{ "oom_score_adj", proc_show_oom_score_adj, proc_set_oom_score_adj },
	{ "make-it-fail", proc_show_make_it_fail, proc_set_make_it_fail },
	{ "asid", proc_show_asid, NULL },
};

/* ---- reading ------------------------------------------------------------ */

static ssize_t proc_read(struct file *f, vaddr_t buf, size_t n)
{
	struct proc_buf *pb = f->priv;

	if (f->pos >= (long long)pb->len)
		return 0;
	if (n > pb->len - (size_t)f->pos)
		n = pb->len - (size_t)f->pos;
	if (copy_to_user(buf, pb->text + f->pos, n))
		return -EFAULT;
	f->pos += (long long)n;
	return (ssize_t)n;
}

static void proc_release(struct file *f)
{
	struct proc_buf *pb = f->priv;

	vfree(pb->text);
	kfree(pb);
}

/* Writes: a number (knobs, oom_score_adj) given as text. */
static ssize_t proc_write(struct file *f, vaddr_t buf, size_t n)
{
	struct proc_buf *pb = f->priv;
	char kbuf[24];
	const char *end;
	long v;
	bool neg;
	int err;

	if (n >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, buf, n))
		return -EFAULT;
	kbuf[n] = '\0';
	neg = kbuf[0] == '-';
	v = (long)simple_strtoul(kbuf + neg, &end, 10);
	if (end == kbuf + neg || (*end && *end != '\n'))
		return -EINVAL;
	if (neg)
		v = -v;
	if (pb->knob)
		err = pb->knob->write(v);
	else
		err = pb->pid_write(pb->pid, v);
	return err ? err : (ssize_t)n;
}

static const struct file_operations proc_ops = {
	.read = proc_read, .write = proc_write, .release = proc_release,
};

/* ---- directories -------------------------------------------------------- */

enum proc_dir { DIR_ROOT, DIR_PID, DIR_SYS, DIR_SYS_VM };

struct proc_dir_state {
	enum proc_dir which;
	int pid;
};

extern const struct view __start_views[], __stop_views[];

static bool emit_root(struct dirent_buf *d, long long *idx, long long skip)
{
	const struct view *v;
	struct task_struct *t;

	for (v = __start_views; v < __stop_views; v++)
		if ((*idx)++ >= skip && !dirent_emit(d, 0x1000 + (unsigned long)(v - __start_views),
						      v->name, DT_REG))
			return false;
	if ((*idx)++ >= skip && !dirent_emit(d, 2, "self", DT_LNK))
		return false;
	if ((*idx)++ >= skip && !dirent_emit(d, 3, "sys", DT_DIR))
		return false;
	list_for_each_entry(t, &task_list, tasks) {
		char name[12];

		if (!t->pid)
			continue;
		snprintf(name, sizeof(name), "%d", t->pid);
		if ((*idx)++ >= skip && !dirent_emit(d, 0x10000 + (unsigned long)t->pid, name, DT_DIR))
			return false;
	}
	return true;
}

static long proc_getdents(struct file *f, vaddr_t buf, size_t n)
{
	struct proc_dir_state *st = f->priv;
	struct dirent_buf d = { buf, n, 0, 0, 0 };
	long long idx = 0;
	unsigned i;
	bool ok = true;

	switch (st->which) {
	case DIR_ROOT:
		ok = emit_root(&d, &idx, f->pos);
		break;
	case DIR_PID:
		for (i = 0; ok && i < ARRAY_SIZE(pid_files); i++)
			if (idx++ >= f->pos)
				ok = dirent_emit(&d, 0x20000 + i, pid_files[i].name, DT_REG);
		break;
	case DIR_SYS:
		if (idx++ >= f->pos)
			ok = dirent_emit(&d, 4, "vm", DT_DIR);
		break;
	case DIR_SYS_VM:
		for (i = 0; ok && proc_knobs[i].name; i++)
			if (idx++ >= f->pos)
				ok = dirent_emit(&d, 0x30000 + i, proc_knobs[i].name, DT_REG);
		break;
	}
	if (d.error)
		return d.error;
	if (!ok && !d.used)
		return -EINVAL;		/* buffer too small for one entry */
	f->pos += d.count;
	return (long)d.used;
}

static void proc_dir_release(struct file *f)
{
	kfree(f->priv);
}

static const struct file_operations proc_dir_ops = {
	.getdents = proc_getdents, .release = proc_dir_release,
};

static struct file *open_dir(enum proc_dir which, int pid, long *err)
{
	struct proc_dir_state *st = kzalloc(sizeof(*st), GFP_KERNEL);
	struct file *f = st ? file_alloc(&proc_dir_ops, O_RDONLY) : NULL;

	if (!f) {
		kfree(st);
		*err = -ENOMEM;
		return NULL;
	}
	st->which = which;
	st->pid = pid;
	f->priv = st;
	f->mode = S_IFDIR | 0555;
	return f;
}

/* ---- opening files ------------------------------------------------------ */

/* Make the text with fill(s, arg) and wrap it in an open file. */
static struct file *open_text(void (*fill)(struct seq_buf *, void *), void *arg,
			      unsigned flags, long *err)
{
	struct proc_buf *pb = kzalloc(sizeof(*pb), GFP_KERNEL);
	struct seq_buf s;
	struct file *f;

	if (pb)
		pb->text = vmalloc(PROC_BUF_SIZE);
	if (!pb || !pb->text || !(f = file_alloc(&proc_ops, flags))) {
		if (pb)
			vfree(pb->text);
		kfree(pb);
		*err = -ENOMEM;
		return NULL;
	}
	seq_buf_init(&s, pb->text, PROC_BUF_SIZE);
	fill(&s, arg);
	pb->len = s.len;
	f->priv = pb;
	f->mode = S_IFREG | 0444;
	f->size = (long long)pb->len;
	return f;
}

static void fill_view(struct seq_buf *s, void *arg)
{
	((const struct view *)arg)->fn(s);
}

static struct file *open_pid_file(struct task_struct *t, const char *name,
				  unsigned flags, long *err)
{
	unsigned i;
	struct file *f;

	for (i = 0; i < ARRAY_SIZE(pid_files); i++) {
		if (strcmp(name, pid_files[i].name))
			continue;
		if ((flags & O_ACCMODE) != O_RDONLY && !pid_files[i].write) {
			*err = -EACCES;
			return NULL;
		}
		f = open_text(pid_files[i].fill, t, flags, err);
		if (f) {
			((struct proc_buf *)f->priv)->pid = t->pid;
			((struct proc_buf *)f->priv)->pid_write = pid_files[i].write;
			if (pid_files[i].write)
				f->mode = S_IFREG | 0644;
		}
		return f;
	}
	*err = -ENOENT;
	return NULL;
}

static struct file *open_knob(const char *name, unsigned flags, long *err)
{
	unsigned i;
	struct file *f;

	for (i = 0; proc_knobs[i].name; i++) {
		if (strcmp(name, proc_knobs[i].name))
			continue;
		if ((flags & O_ACCMODE) != O_RDONLY && !proc_knobs[i].write) {
			*err = -EACCES;
			return NULL;
		}
		f = open_text(proc_show_knob, (void *)&proc_knobs[i], flags, err);
		if (f)
			((struct proc_buf *)f->priv)->knob = &proc_knobs[i];
		return f;
	}
	*err = -ENOENT;
	return NULL;
}

/* procfs_open - path is what follows "/proc" ("", "/meminfo", "/3/maps"). */
struct file *procfs_open(const char *path, unsigned flags, long *err)
{
	const struct view *v;
	const char *end;
	struct task_struct *t;
	int pid;

	while (*path == '/')
		path++;
	if (!*path)
		return open_dir(DIR_ROOT, 0, err);
	if (!strncmp(path, "sys", 3) && (path[3] == '/' || !path[3])) {
		path += 3;
		while (*path == '/')
			path++;
		if (!*path)
			return open_dir(DIR_SYS, 0, err);
		if (strncmp(path, "vm", 2) || (path[2] && path[2] != '/')) {
			*err = -ENOENT;
			return NULL;
		}
		path += 2;
		while (*path == '/')
			path++;
		return *path ? open_knob(path, flags, err) : open_dir(DIR_SYS_VM, 0, err);
	}
	if (!strncmp(path, "self", 4) && (path[4] == '/' || !path[4])) {
		pid = current->pid;
		end = path + 4;
	} else {
		pid = (int)simple_strtoul(path, &end, 10);
		if (end == path || (*end && *end != '/')) {
			v = view_find(path);
			if (v && (flags & O_ACCMODE) == O_RDONLY)
				return open_text(fill_view, (void *)v, flags, err);
			*err = v ? -EACCES : -ENOENT;
			return NULL;
		}
	}
	t = find_task(pid);
	if (!t || !pid) {
		*err = -ENOENT;
		return NULL;
	}
	while (*end == '/')
		end++;
	return *end ? open_pid_file(t, end, flags, err) : open_dir(DIR_PID, pid, err);
}
