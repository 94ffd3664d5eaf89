/*
 * Path lookup (kernel/fs/namei.c).  A walk starts at the caller's root
 * ("/x") or at a directory (its cwd, or a dirfd for the *at calls) and
 * takes one component at a time:
 *
 *   "."        stays
 *   ".."       goes up; never above the root; out of a mount's root to its
 *              mountpoint first
 *   a name     the dentry cache, else the directory's lookup(); then, if
 *              something is mounted there, that mount's root
 *   a symlink  followed if it is not the last component, or if the caller
 *              asked (LOOKUP_FOLLOW); at most MAXSYMLINKS (40) in one walk,
 *              then ELOOP
 *
 * Errors, as Linux's: ENOENT (missing component, or empty path), ENOTDIR
 * (a component before '/' is not a directory), ENAMETOOLONG, ELOOP, and
 * what a file system's lookup returns (EIO, EUCLEAN).
 */
#ifndef KERNEL_NAMEI_H
#define KERNEL_NAMEI_H

#include <kernel/fs.h>
#include <kernel/mount.h>
#include <kernel/dcache.h>

#define LOOKUP_FOLLOW		0x0001u	/* follow a symlink at the end */
#define LOOKUP_DIRECTORY	0x0002u	/* the end must be a directory */
#define LOOKUP_EMPTY		0x4000u	/* "" means the start directory (AT_EMPTY_PATH) */

int kern_path(const char *name, unsigned flags, struct path *path);
int path_lookupat(int dfd, const char *name, unsigned flags, struct path *path);
int user_path_at(int dfd, vaddr_t uname, unsigned flags, struct path *path);
int vfs_path_lookup(const struct path *start, const char *name, unsigned flags,
		    struct path *path);

/*
 * The parent of the last component, for calls that create or remove a
 * name: *last points into name at that component (no '/' in it), *type
 * says whether it is a normal name or "." / "..".
 */
enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };
int path_parentat(int dfd, const char *name, struct path *parent,
		  const char **last, int *lastlen, enum last_type *type);

int vfs_parentat(const struct path *start, const char *name, struct path *parent,
		 const char **last, int *lastlen, enum last_type *type);

/* lookup_one_len - the child `name` of a locked directory (a new
 * negative dentry if it does not exist).  Takes a reference. */
struct dentry *lookup_one_len(const char *name, struct dentry *base, int len);

struct dentry *kern_path_create(int dfd, const char *name, struct path *path,
				unsigned lookup_flags);
void done_path_create(struct path *path, struct dentry *dentry);

struct file *do_filp_open(int dfd, const char *name, unsigned flags, umode_t mode,
			  long *err);

#endif
