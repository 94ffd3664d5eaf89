/*
 * kernel/fs/stat.c - stat64, lstat64, fstat64, fstatat64, statfs64,
 * fstatfs64 and getdents64, in the ARM EABI layouts Linux uses.
 */
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mount.h>
#include <kernel/namei.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

/* struct stat64 of the ARM EABI: 104 bytes, 64-bit members 8-aligned. */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid, st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	u64 st_ino;
};
_Static_assert(sizeof(struct stat64) == 104, "ARM EABI stat64 is 104 bytes");

int vfs_getattr(const struct path *path, struct kstat *stat)
{
	struct inode *inode = path->dentry->d_inode;

	memset(stat, 0, sizeof(*stat));
	if (inode->i_op->getattr)
		inode->i_op->getattr(inode, stat);
	else
		generic_fillattr(inode, stat);
	return 0;
}

static long cp_new_stat64(const struct kstat *k, vaddr_t ubuf)
{
	struct stat64 st;

	memset(&st, 0, sizeof(st));
	st.st_dev = new_encode_dev(k->dev);
	st.__st_ino = (u32)k->ino;
	st.st_mode = k->mode;
	st.st_nlink = k->nlink;
	st.st_uid = k->uid;
	st.st_gid = k->gid;
	st.st_rdev = new_encode_dev(k->rdev);
	st.st_size = k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = k->blocks;
	st.st_atime = (u32)k->atime.tv_sec;
	st.st_atime_nsec = (u32)k->atime.tv_nsec;
	st.st_mtime = (u32)k->mtime.tv_sec;
	st.st_mtime_nsec = (u32)k->mtime.tv_nsec;
	st.st_ctime = (u32)k->ctime.tv_sec;
	st.st_ctime_nsec = (u32)k->ctime.tv_nsec;
	st.st_ino = k->ino;
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstatat64(int dfd, vaddr_t uname, vaddr_t ubuf, int flags)
{
	struct path path;
	struct kstat k;
	long err;

	if ((unsigned)flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800 /* NO_AUTOMOUNT */))
		return -EINVAL;
	err = user_path_at(dfd, uname, ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
			   ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0), &path);
	if (err)
		return err;
	vfs_getattr(&path, &k);
	path_put(&path);
	return cp_new_stat64(&k, ubuf);
}

long sys_stat64(vaddr_t uname, vaddr_t ubuf)
{
	return sys_fstatat64(AT_FDCWD, uname, ubuf, 0);
}

long sys_lstat64(vaddr_t uname, vaddr_t ubuf)
{
	return sys_fstatat64(AT_FDCWD, uname, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat64(int fd, vaddr_t ubuf)
{
	struct file *f = fget(fd);
	struct kstat k;

	if (!f)
		return -EBADF;
	vfs_getattr(&f->f_path, &k);
	return cp_new_stat64(&k, ubuf);
}

/* ---- statfs64: ARM EABI packs it to 84 bytes --------------------------- */

struct statfs64 {
	u32 f_type;
	u32 f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u32 f_fsid[2];
	u32 f_namelen;
	u32 f_frsize;
	u32 f_flags;
	u32 f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs64) == 84, "ARM EABI statfs64 is 84 bytes");

#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_NOATIME	0x0400
#define ST_VALID	0x0020
#define ST_RELATIME	0x1000

static long do_statfs64(const struct path *path, size_t size, vaddr_t ubuf)
{
	struct kstatfs k;
	struct statfs64 st;
	unsigned mf = path->mnt->mnt_flags;
	long err;

	/* the ARM EABI size is 84; glibc once passed 88, which Linux accepts */
	if (size != sizeof(st) && size != 88)
		return -EINVAL;
	err = vfs_statfs(path->dentry->d_sb, &k);
	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.f_type = (u32)k.f_type;
	st.f_bsize = (u32)k.f_bsize;
	st.f_blocks = k.f_blocks;
	st.f_bfree = k.f_bfree;
	st.f_bavail = k.f_bavail;
	st.f_files = k.f_files;
	st.f_ffree = k.f_ffree;
	st.f_fsid[0] = k.f_fsid[0];
	st.f_fsid[1] = k.f_fsid[1];
	st.f_namelen = (u32)k.f_namelen;
	st.f_frsize = (u32)(k.f_frsize ? k.f_frsize : k.f_bsize);
	st.f_flags = ST_VALID | ((mf & MNT_READONLY) || (path->dentry->d_sb->s_flags & SB_RDONLY) ?
				 ST_RDONLY : 0) |
		     ((mf & MNT_NOSUID) ? ST_NOSUID : 0) | ((mf & MNT_NODEV) ? ST_NODEV : 0) |
		     ((mf & MNT_NOEXEC) ? ST_NOEXEC : 0) |
		     ((mf & MNT_NOATIME) ? ST_NOATIME : ST_RELATIME);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statfs64(vaddr_t uname, size_t size, vaddr_t ubuf)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, uname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = do_statfs64(&path, size, ubuf);
	path_put(&path);
	return err;
}

long sys_fstatfs64(int fd, size_t size, vaddr_t ubuf)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	return do_statfs64(&f->f_path, size, ubuf);
}

/* ---- getdents64 ---------------------------------------------------------- */

struct getdents_callback {
	struct dir_context ctx;
	vaddr_t ubuf;
	size_t size, used;
	vaddr_t prev;			/* the last record written (its d_off is patched) */
	int error;
};

struct linux_dirent64_hdr {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
} __packed;

/*
 * filldir64 - one record: d_ino, d_off (the position of the NEXT entry,
 * as Linux fills it), d_reclen, d_type, the name, padding to 8.
 */
static bool filldir64(struct dir_context *ctx, const char *name, int len, loff_t pos,
		      u64 ino, unsigned type)
{
	struct getdents_callback *b = container_of(ctx, struct getdents_callback, ctx);
	struct linux_dirent64_hdr hdr;
	size_t reclen = ALIGN_UP(sizeof(hdr) + (size_t)len + 1, 8);
	static const char zeros[8];
	vaddr_t p = b->ubuf + b->used;

	if (b->used + reclen > b->size) {
		if (!b->used)
			b->error = -EINVAL;	/* the buffer cannot hold even one */
		return false;
	}
	if (b->prev && copy_to_user(b->prev + offsetof(struct linux_dirent64_hdr, d_off),
				    &pos, sizeof(pos)))
		goto fault;
	hdr.d_ino = ino;
	hdr.d_off = 0;
	hdr.d_reclen = (u16)reclen;
	hdr.d_type = (u8)type;
	if (copy_to_user(p, &hdr, sizeof(hdr)) || copy_to_user(p + sizeof(hdr), name, (size_t)len) ||
	    copy_to_user(p + sizeof(hdr) + (size_t)len, zeros, reclen - sizeof(hdr) - (size_t)len))
		goto fault;
	b->prev = p;
	b->used += reclen;
	return true;
fault:
	b->error = -EFAULT;
	return false;
}

long sys_getdents64(int fd, vaddr_t ubuf, size_t n)
{
	struct file *f = fget(fd);
	struct getdents_callback b = { { filldir64, 0 }, ubuf, n, 0, 0, 0 };
	long err;

	if (!f)
		return -EBADF;
	if (!access_ok(ubuf, n))
		return -EFAULT;
	if (!f->f_op || !f->f_op->iterate)
		return -ENOTDIR;
	mutex_lock(&f->f_pos_lock);
	if (IS_DEADDIR(f->f_inode)) {
		mutex_unlock(&f->f_pos_lock);
		return -ENOENT;
	}
	b.ctx.pos = f->f_pos;
	err = f->f_op->iterate(f, &b.ctx);
	f->f_pos = b.ctx.pos;
	mutex_unlock(&f->f_pos_lock);
	if (b.prev && !b.error && copy_to_user(b.prev + offsetof(struct linux_dirent64_hdr, d_off),
					       &b.ctx.pos, sizeof(b.ctx.pos)))
		b.error = -EFAULT;
	if (b.used)
		return (long)b.used;
	return b.error ? b.error : err;
}

bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, d->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, d->d_parent->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}
