/*
 * kernel/fs/proc.c - procfs: the kernel's views as a file system, mounted
 * on /proc by the kernel before init starts.
 *
 *   /proc/NAME                 every VIEW() (meminfo, buddyinfo, zoneinfo,
 *                              pagetypeinfo, slabinfo, vmallocinfo, vmstat,
 *                              mounts, partitions, diskstats, ...)
 *   /proc/kpagecount, kpageflags  a u64 per page frame (binary, proc_page.c)
 *   /proc/<pid>/maps           VMAs, Linux's format
 *   /proc/<pid>/smaps          VMAs with Rss, Pss, shared/private, clean/dirty
 *   /proc/<pid>/status, stat   names, states, sizes, fault counts
 *   /proc/<pid>/oom_score_adj  readable and writable
 *   /proc/<pid>/make-it-fail   fault injection for this task (and its children)
 *   /proc/<pid>/asid           the ASID its TLB entries carry (this kernel's own)
 *   /proc/<pid>/pagemap        a u64 per virtual page (binary, proc_page.c)
 *   /proc/self                 a symlink to the caller's <pid>
 *   /proc/sys/vm/KNOB          drop_caches (write), min_free_kbytes, the dirty_* and
 *                              overcommit_* knobs, admin/user_reserve_kbytes
 *
 * Nothing here is on a disk: each lookup makes an inode saying which
 * entry it is (struct proc_entry in i_private), and dentries are not
 * kept once unused (d_delete), since pids come and go.  A file's text is
 * made when it is opened (a consistent snapshot) and read from that
 * buffer.  The binary files are different: megabytes of entries, of
 * which a tool reads the few it wants with pread, so each read() makes
 * just the entries asked for (proc_raw_fops).
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
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

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_BUF_SIZE		(64 * 1024)

enum proc_kind { PROC_ROOT, PROC_VIEW, PROC_RAW, PROC_SELF, PROC_PID_DIR, PROC_PID_FILE,
		 PROC_SYS, PROC_SYS_VM, PROC_KNOB };

struct proc_entry {
	enum proc_kind kind;
	int pid;
	unsigned idx;			/* view, pid file or knob */
};

struct proc_buf {
	char *text;
	size_t len;
	bool big;			/* vmalloc'd (PROC_BUF_SIZE), not a page */
};

extern const struct view __start_views[], __stop_views[];

typedef ssize_t (*proc_raw_read_t)(int pid, vaddr_t buf, size_t n, loff_t *pos);

/*
 * The files of /proc/<pid>/: text ones (fill), of which the writable
 * ones take a number, and binary ones (read; owner-only, 0400, as Linux
 * has them: they show physical addresses).
 */
static const struct {
	const char *name;
	void (*fill)(struct seq_buf *, void *task);
	int (*write)(int pid, long v);
	proc_raw_read_t read;
} pid_files[] = {
	{ "maps", proc_show_maps, NULL, NULL },
	{ "smaps", proc_show_smaps, NULL, NULL },
	{ "status", proc_show_status, NULL, NULL },
	{ "stat", proc_show_stat, NULL, NULL },
	{ "oom_score", proc_show_oom_score, NULL, NULL },
	{ "oom_score_adj", proc_show_oom_score_adj, proc_set_oom_score_adj, NULL },
	{ "make-it-fail", proc_show_make_it_fail, proc_set_make_it_fail, NULL },
	{ "asid", proc_show_asid, NULL, NULL },
	{ "pagemap", NULL, NULL, proc_pagemap_read },
};

/* The binary files at the root (0400, as in Linux). */
static const struct {
	const char *name;
	proc_raw_read_t read;
} raw_files[] = {
	{ "kpagecount", proc_kpagecount_read },
	{ "kpageflags", proc_kpageflags_read },
};

static const struct inode_operations proc_dir_iops, proc_self_iops;
static const struct file_operations proc_dir_fops, proc_file_fops, proc_raw_fops;
static const struct dentry_operations proc_dentry_ops;

static struct proc_entry *PE(const struct inode *inode)
{
	return inode->i_private;
}

/* ---- inodes ------------------------------------------------------------ */

static unsigned long proc_ino(enum proc_kind kind, int pid, unsigned idx)
{
	switch (kind) {
	case PROC_ROOT: return 1;
	case PROC_SELF: return 2;
	case PROC_SYS: return 3;
	case PROC_SYS_VM: return 4;
	case PROC_VIEW: return 0x1000 + idx;
	case PROC_RAW: return 0x2000 + idx;
	case PROC_KNOB: return 0x3000 + idx;
	case PROC_PID_DIR: return 0x10000 + (unsigned long)pid * 16;
	default: return 0x10000 + (unsigned long)pid * 16 + 1 + idx;
	}
}

static struct inode *proc_make_inode(struct super_block *sb, enum proc_kind kind, int pid,
				     unsigned idx)
{
	struct inode *inode = new_inode(sb);
	struct proc_entry *pe = kzalloc(sizeof(*pe), GFP_KERNEL);

	if (!inode || !pe) {
		kfree(pe);
		if (inode)
			iput(inode);
		return NULL;
	}
	pe->kind = kind;
	pe->pid = pid;
	pe->idx = idx;
	inode->i_private = pe;
	inode->i_ino = proc_ino(kind, pid, idx);
	switch (kind) {
	case PROC_ROOT: case PROC_PID_DIR: case PROC_SYS: case PROC_SYS_VM:
		inode->i_mode = S_IFDIR | 0555;
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		break;
	case PROC_SELF:
		inode->i_mode = S_IFLNK | 0777;
		inode->i_op = &proc_self_iops;
		break;
	case PROC_PID_FILE:
		if (pid_files[idx].read) {
			inode->i_mode = S_IFREG | 0400;
			inode->i_fop = &proc_raw_fops;
			break;
		}
		inode->i_mode = S_IFREG | (pid_files[idx].write ? 0644 : 0444);
		inode->i_fop = &proc_file_fops;
		break;
	case PROC_RAW:
		inode->i_mode = S_IFREG | 0400;
		inode->i_fop = &proc_raw_fops;
		break;
	case PROC_KNOB:
		inode->i_mode = S_IFREG | (proc_knobs[idx].write ? 0644 : 0444);
		inode->i_fop = &proc_file_fops;
		break;
	default:
		inode->i_mode = S_IFREG | 0444;
		inode->i_fop = &proc_file_fops;
		break;
	}
	return inode;
}

static void proc_evict_inode(struct inode *inode)
{
	kfree(inode->i_private);
	clear_inode(inode);
}

/* Names are never cached once unused: a pid may be gone next time. */
static bool proc_d_delete(const struct dentry *dentry)
{
	return true;
}

static const struct dentry_operations proc_dentry_ops = { .d_delete = proc_d_delete };

/* /proc/self: "<pid>" of whoever looks. */
static int proc_self_get_link(struct inode *inode, char *buf, int size)
{
	return snprintf(buf, (size_t)size, "%d", current->pid);
}

static const struct inode_operations proc_self_iops = { .get_link = proc_self_get_link };

/* ---- lookup ------------------------------------------------------------ */

static bool name_is(const struct dentry *d, const char *s)
{
	return d->d_name.len == strlen(s) && !memcmp(d->d_name.name, s, d->d_name.len);
}

/* What name is in dir: fills in kind, pid and idx, or returns false. */
static bool proc_find(const struct proc_entry *dir, const struct dentry *d,
		      enum proc_kind *kind, int *pid, unsigned *idx)
{
	const struct view *v;
	const char *end;
	unsigned i;

	*pid = dir->pid;
	switch (dir->kind) {
	case PROC_ROOT:
		if (name_is(d, "self") || name_is(d, "sys")) {
			*kind = name_is(d, "self") ? PROC_SELF : PROC_SYS;
			return true;
		}
		*pid = (int)simple_strtoul(d->d_name.name, &end, 10);
		if (end != d->d_name.name && end == d->d_name.name + d->d_name.len) {
			*kind = PROC_PID_DIR;
			return *pid > 0 && find_task(*pid);
		}
		for (v = __start_views; v < __stop_views; v++)
			if (name_is(d, v->name)) {
				*kind = PROC_VIEW;
				*idx = (unsigned)(v - __start_views);
				return true;
			}
		for (i = 0; i < ARRAY_SIZE(raw_files); i++)
			if (name_is(d, raw_files[i].name)) {
				*kind = PROC_RAW;
				*idx = i;
				return true;
			}
		return false;
	case PROC_PID_DIR:
		for (i = 0; i < ARRAY_SIZE(pid_files); i++)
			if (name_is(d, pid_files[i].name)) {
				*kind = PROC_PID_FILE;
				*idx = i;
				return find_task(dir->pid) != NULL;
			}
		return false;
	case PROC_SYS:
		*kind = PROC_SYS_VM;
		return name_is(d, "vm");
	case PROC_SYS_VM:
		for (i = 0; proc_knobs[i].name; i++)
			if (name_is(d, proc_knobs[i].name)) {
				*kind = PROC_KNOB;
				*idx = i;
				return true;
			}
		return false;
	default:
		return false;
	}
}

static struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned flags)
{
	enum proc_kind kind;
	int pid;
	unsigned idx = 0;
	struct inode *inode;

	if (!proc_find(PE(dir), dentry, &kind, &pid, &idx)) {
		d_add(dentry, NULL);
		return NULL;
	}
	inode = proc_make_inode(dir->i_sb, kind, pid, idx);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_add(dentry, inode);
	return NULL;
}

static const struct inode_operations proc_dir_iops = { .lookup = proc_lookup };

/* ---- directories ------------------------------------------------------ */

/* Entry number i of the root after "." and "..": views, binary files,
 * self, sys, pids. */
static int proc_root_iterate(struct dir_context *ctx)
{
	unsigned nviews = (unsigned)(__stop_views - __start_views);
	struct task_struct *t;
	loff_t i = 2;
	unsigned v;

	for (v = 0; v < nviews; v++, i++)
		if (i >= ctx->pos) {
			if (!dir_emit(ctx, __start_views[v].name, (int)strlen(__start_views[v].name),
				      proc_ino(PROC_VIEW, 0, v), DT_REG))
				return 0;
			ctx->pos = i + 1;
		}
	for (v = 0; v < ARRAY_SIZE(raw_files); v++, i++)
		if (i >= ctx->pos) {
			if (!dir_emit(ctx, raw_files[v].name, (int)strlen(raw_files[v].name),
				      proc_ino(PROC_RAW, 0, v), DT_REG))
				return 0;
			ctx->pos = i + 1;
		}
	if (i++ >= ctx->pos) {
		if (!dir_emit(ctx, "self", 4, 2, DT_LNK))
			return 0;
		ctx->pos = i;
	}
	if (i++ >= ctx->pos) {
		if (!dir_emit(ctx, "sys", 3, 3, DT_DIR))
			return 0;
		ctx->pos = i;
	}
	list_for_each_entry(t, &task_list, tasks) {
		char name[12];

		if (!t->pid || i++ < ctx->pos)
			continue;
		snprintf(name, sizeof(name), "%d", t->pid);
		if (!dir_emit(ctx, name, (int)strlen(name), proc_ino(PROC_PID_DIR, t->pid, 0), DT_DIR))
			return 0;
		ctx->pos = i;
	}
	return 0;
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_entry *pe = PE(f->f_inode);
	loff_t i = 2;
	unsigned n;

	if (!dir_emit_dots(f, ctx))
		return 0;
	switch (pe->kind) {
	case PROC_ROOT:
		return proc_root_iterate(ctx);
	case PROC_PID_DIR:
		for (n = 0; n < ARRAY_SIZE(pid_files); n++, i++)
			if (i >= ctx->pos) {
				if (!dir_emit(ctx, pid_files[n].name, (int)strlen(pid_files[n].name),
					      proc_ino(PROC_PID_FILE, pe->pid, n), DT_REG))
					return 0;
				ctx->pos = i + 1;
			}
		return 0;
	case PROC_SYS:
		if (ctx->pos <= 2 && dir_emit(ctx, "vm", 2, 4, DT_DIR))
			ctx->pos = 3;
		return 0;
	case PROC_SYS_VM:
		for (n = 0; proc_knobs[n].name; n++, i++)
			if (i >= ctx->pos) {
				if (!dir_emit(ctx, proc_knobs[n].name, (int)strlen(proc_knobs[n].name),
					      proc_ino(PROC_KNOB, 0, n), DT_REG))
					return 0;
				ctx->pos = i + 1;
			}
		return 0;
	default:
		return -ENOTDIR;
	}
}

static const struct file_operations proc_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate = proc_iterate,
};

/* ---- files -------------------------------------------------------------- */

static void fill_view(struct seq_buf *s, void *arg)
{
	((const struct view *)arg)->fn(s);
}
/* Fill s with the text of entry pe (task t for a per-process file). */
static void proc_fill(struct seq_buf *s, const struct proc_entry *pe, struct task_struct *t)
{
	if (pe->kind == PROC_VIEW)
		fill_view(s, (void *)&__start_views[pe->idx]);
	else if (pe->kind == PROC_PID_FILE)
		pid_files[pe->idx].fill(s, t);
	else
		proc_show_knob(s, (void *)&proc_knobs[pe->idx]);
}

/*
 * open: make the text now (a snapshot), in a page; a text that does not
 * fit is made again in a buffer 16 times bigger (vmalloc), as Linux's
 * seq_file grows its buffer: a small file costs one page even when
 * memory is short.
 */
static int proc_open(struct inode *inode, struct file *f)
{
	struct proc_entry *pe = PE(inode);
	struct proc_buf *pb;
	struct task_struct *t = NULL;
	struct seq_buf s;

	if (pe->kind == PROC_PID_FILE && !(t = find_task(pe->pid)))
		return -ESRCH;
	if ((f->f_mode & FMODE_WRITE) && !(inode->i_mode & 0200))
		return -EACCES;
	pb = kzalloc(sizeof(*pb), GFP_KERNEL);
	if (!pb)
		return -ENOMEM;
	pb->text = get_free_pages(GFP_KERNEL, 0);
	if (pb->text) {
		seq_buf_init(&s, pb->text, PAGE_SIZE);
		proc_fill(&s, pe, t);
		if (s.overflow) {
			free_pages(pb->text, 0);
			pb->text = vmalloc(PROC_BUF_SIZE);
			pb->big = true;
			if (pb->text) {
				seq_buf_init(&s, pb->text, PROC_BUF_SIZE);
				proc_fill(&s, pe, t);
			}
		}
	}
	if (!pb->text) {
		kfree(pb);
		return -ENOMEM;
	}
	pb->len = s.len;
	f->private_data = pb;
	return 0;
}

static ssize_t proc_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct proc_buf *pb = f->private_data;

	if (*pos >= (loff_t)pb->len)
		return 0;
	if (n > pb->len - (size_t)*pos)
		n = pb->len - (size_t)*pos;
	if (copy_to_user(buf, pb->text + *pos, n))
		return -EFAULT;
	*pos += (loff_t)n;
	return (ssize_t)n;
}

/* Writes: a number (knobs, oom_score_adj) given as text. */
static ssize_t proc_write(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct proc_entry *pe = PE(f->f_inode);
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
	if (pe->kind == PROC_KNOB)
		err = proc_knobs[pe->idx].write(v);
	else if (pe->kind == PROC_PID_FILE && pid_files[pe->idx].write)
		err = pid_files[pe->idx].write(pe->pid, v);
	else
		err = -EIO;
	if (err)
		return err;
	*pos += (loff_t)n;
	return (ssize_t)n;
}

static void proc_release(struct inode *inode, struct file *f)
{
	struct proc_buf *pb = f->private_data;

	if (pb->big)
		vfree(pb->text);
	else
		free_pages(pb->text, 0);
	kfree(pb);
}

static loff_t proc_llseek(struct file *f, loff_t off, int whence)
{
	struct proc_buf *pb = f->private_data;
	loff_t pos = whence == SEEK_SET ? off : whence == SEEK_CUR ? f->f_pos + off :
		     whence == SEEK_END ? (loff_t)pb->len + off : -1;

	if (pos < 0 || whence > SEEK_END)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static const struct file_operations proc_file_fops = {
	.open = proc_open,
	.read = proc_read,
	.write = proc_write,
	.release = proc_release,
	.llseek = proc_llseek,
};

/* ---- binary files ------------------------------------------------------- */

/* Nothing is made at open: a per-process file only checks its task is there. */
static int proc_raw_open(struct inode *inode, struct file *f)
{
	struct proc_entry *pe = PE(inode);

	if (pe->kind == PROC_PID_FILE && !find_task(pe->pid))
		return -ESRCH;
	if (f->f_mode & FMODE_WRITE)
		return -EACCES;
	return 0;
}

static ssize_t proc_raw_read(struct file *f, vaddr_t buf, size_t n, loff_t *pos)
{
	struct proc_entry *pe = PE(f->f_inode);

	if (pe->kind == PROC_RAW)
		return raw_files[pe->idx].read(0, buf, n, pos);
	return pid_files[pe->idx].read(pe->pid, buf, n, pos);
}

/*
 * Linux's mem_lseek: SEEK_SET and SEEK_CUR, no end to seek from (the
 * files have no size).  Linux lets the position go negative; the next
 * read would fail with EINVAL anyway, so here the seek does.
 */
static loff_t proc_raw_llseek(struct file *f, loff_t off, int whence)
{
	loff_t pos;

	if (whence == SEEK_SET)
		pos = off;
	else if (whence != SEEK_CUR || __builtin_add_overflow(f->f_pos, off, &pos))
		return -EINVAL;
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

static const struct file_operations proc_raw_fops = {
	.open = proc_raw_open,
	.read = proc_raw_read,
	.llseek = proc_raw_llseek,
};

/* ---- the file system ------------------------------------------------------ */

static int proc_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = PROC_SUPER_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = proc_statfs,
};

static int proc_fill_super(struct super_block *sb, void *data, int silent)
{
	struct inode *root;

	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	sb->s_blocksize = 1024;
	sb->s_blocksize_bits = 10;
	root = proc_make_inode(sb, PROC_ROOT, 0, 0);
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	sb->s_root->d_op = &proc_dentry_ops;
	return 0;
}

struct file_system_type proc_fs_type = {
	.name = "proc", .fs_flags = FS_SINGLE, .fill_super = proc_fill_super,
};
