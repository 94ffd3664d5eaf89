/*
 * kernel/fs/ext2/dir.c - directories: their blocks of entries (ext2.h),
 * read through the buffer cache, walked, searched and changed.
 *
 * Every directory block is checked as it is read, all of it, before any
 * entry in it is used (check_dir_block): the entries must chain from the
 * start to exactly the end of the block, each at least as long as its
 * name needs, 4-byte aligned, naming an inode that exists.  A bad block
 * gives -EIO for the operation on that directory, with a message; a
 * hole in a directory too (Linux's ext2_get_page answers both so).
 *
 * Positions (readdir's ctx->pos, lseek on a directory) are byte offsets
 * into the directory: block * block_size + offset of the entry in the
 * block.  An entry never moves, so a position stays valid across calls;
 * one that no longer starts an entry (the entry was merged away) goes on
 * at the next entry after it.
 *
 * Changes (all under the directory's i_mutex, held by the VFS):
 *
 *   add      into the first entry with room: an unused one, or the slack
 *            after a used one's name (split); else a new block at the end
 *   delete   merged into the entry before it in the block; the first
 *            entry of a block is marked unused (inode 0) instead
 *   set      an entry points at another inode (rename over a name, "..")
 *
 * A directory with EXT2_INDEX_FL (an htree made by e2fsprogs) reads as a
 * plain one (that is how htree is laid out); the first change clears the
 * flag, since the index is not kept up to date here: e2fsck stays clean.
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include "ext2.h"

static inline struct ext2_dir_entry_2 *next_entry(struct ext2_dir_entry_2 *de)
{
	return (struct ext2_dir_entry_2 *)((char *)de + de->rec_len);
}

static inline u32 dir_blocks(struct inode *dir)
{
	return (u32)(dir->i_size >> dir->i_sb->s_blocksize_bits);
}

static void mark_dir_changed(struct inode *dir)
{
	dir->i_mtime = dir->i_ctime = current_time();
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	mark_inode_dirty(dir);
}

/* The ext2 file type of an inode's mode (INCOMPAT_FILETYPE), and back to d_type. */
static u8 ext2_file_type(struct super_block *sb, umode_t mode)
{
	static const u8 by_mode[16] = {
		[S_IFREG >> 12] = EXT2_FT_REG_FILE, [S_IFDIR >> 12] = EXT2_FT_DIR,
		[S_IFCHR >> 12] = EXT2_FT_CHRDEV, [S_IFBLK >> 12] = EXT2_FT_BLKDEV,
		[S_IFIFO >> 12] = EXT2_FT_FIFO, [S_IFSOCK >> 12] = EXT2_FT_SOCK,
		[S_IFLNK >> 12] = EXT2_FT_SYMLINK,
	};

	if (!ext2_has_incompat(sb, EXT2_FEATURE_INCOMPAT_FILETYPE))
		return 0;
	return by_mode[(mode & S_IFMT) >> 12];
}

static unsigned char dir_entry_dtype(struct super_block *sb, const struct ext2_dir_entry_2 *de)
{
	static const unsigned char by_ft[EXT2_FT_MAX] = {
		DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK,
	};

	if (!ext2_has_incompat(sb, EXT2_FEATURE_INCOMPAT_FILETYPE) || de->file_type >= EXT2_FT_MAX)
		return DT_UNKNOWN;
	return by_ft[de->file_type];
}

/* ---- reading and checking blocks -------------------------------------------- */

/* One entry of block n at off; NULL if it is fine, else what is wrong. */
static const char *bad_entry(struct super_block *sb, const struct ext2_dir_entry_2 *de, u32 off)
{
	u32 bs = (u32)sb->s_blocksize, rec_len;

	if (off + 8 > bs)
		return "directory entry across blocks";
	rec_len = de->rec_len;
	if (rec_len < EXT2_DIR_REC_LEN(1))
		return "rec_len is smaller than minimal";
	if (rec_len % EXT2_DIR_PAD)
		return "unaligned directory entry";
	if (!ext2_has_incompat(sb, EXT2_FEATURE_INCOMPAT_FILETYPE) && de->file_type)
		return "name_len too large";
	if (rec_len < EXT2_DIR_REC_LEN(de->name_len))
		return "rec_len is too small for name_len";
	if (off + rec_len > bs)
		return "directory entry across blocks";
	if (de->inode > EXT2_SB(sb)->s_inodes_count)
		return "inode out of bounds";
	return NULL;
}

/* check_dir_block - the chain of entries of block n of dir; 0 or -EIO (reported). */
static int check_dir_block(struct inode *dir, struct buffer_head *bh, u32 n)
{
	struct super_block *sb = dir->i_sb;
	u32 off = 0;

	while (off < sb->s_blocksize) {
		const struct ext2_dir_entry_2 *de = (const void *)(bh->b_data + off);
		const char *bad = bad_entry(sb, de, off);

		if (bad) {
			ext2_error(sb, "ext2_check_dir_block", "bad entry in directory #%lu: %s - "
				   "offset=%llu", dir->i_ino, bad,
				   ((unsigned long long)n << sb->s_blocksize_bits) + off);
			return -EIO;
		}
		off += de->rec_len;
	}
	return 0;
}

/*
 * dir_read_block - block n of directory dir, read and checked (a
 * reference).  NULL with *err: -EIO (unreadable, a bad block or a
 * hole), -EUCLEAN (a block pointer outside the data zone).
 */
static struct buffer_head *dir_read_block(struct inode *dir, u32 n, int *err)
{
	struct buffer_head *bh = ext2_bread(dir, n, false, err);

	if (!bh) {
		if (!*err) {
			ext2_error(dir->i_sb, __func__, "directory #%lu has a hole at block %u",
				   dir->i_ino, n);
			*err = -EIO;
		}
		return NULL;
	}
	if (check_dir_block(dir, bh, n)) {
		brelse(bh);
		*err = -EIO;
		return NULL;
	}
	return bh;
}

/* ---- readdir ------------------------------------------------------------------ */

/*
 * ext2_readdir - getdents64: every used entry from ctx->pos on, "." and
 * ".." included (they are real entries), with the d_type of its file
 * type byte.  Stops early, at the entry that did not fit, when the
 * caller's buffer is full.  A bad block ends the call with its error,
 * past that block (the next call goes on after it, as Linux does).
 */
static int ext2_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = file_inode(f);
	struct super_block *sb = dir->i_sb;
	unsigned bits = sb->s_blocksize_bits;
	u32 n, nblocks = dir_blocks(dir);
	int err;

	if (ctx->pos < 0)
		return -EINVAL;
	for (n = (u32)MIN((u64)ctx->pos >> bits, (u64)nblocks); n < nblocks; n++) {
		u32 skip = ((u64)ctx->pos >> bits) == n ? (u32)(ctx->pos & (sb->s_blocksize - 1)) : 0;
		struct buffer_head *bh = dir_read_block(dir, n, &err);
		u32 off;

		if (!bh) {
			ctx->pos = (loff_t)(n + 1) << bits;
			return err;
		}
		for (off = 0; off < sb->s_blocksize; off += ((struct ext2_dir_entry_2 *)(bh->b_data + off))->rec_len) {
			struct ext2_dir_entry_2 *de = (void *)(bh->b_data + off);

			if (off < skip || !de->inode)
				continue;
			ctx->pos = ((loff_t)n << bits) + off;
			if (!dir_emit(ctx, de->name, de->name_len, de->inode, dir_entry_dtype(sb, de))) {
				brelse(bh);
				return 0;
			}
		}
		brelse(bh);
		ctx->pos = (loff_t)(n + 1) << bits;
	}
	return 0;
}

const struct file_operations ext2_dir_operations = {
	.llseek = generic_file_llseek,
	.iterate = ext2_readdir,
	.fsync = generic_file_fsync,
};

/* ---- lookup --------------------------------------------------------------------- */

static bool name_matches(const struct ext2_dir_entry_2 *de, const char *name, u32 len)
{
	return de->inode && de->name_len == len && !memcmp(de->name, name, len);
}

/*
 * ext2_find_entry - the entry called name in dir, and its block (a
 * reference in *res_bh).  The search starts where the last one succeeded
 * (i_dir_start_lookup: lookups of the same directory tend to be near
 * each other).  NULL with *err = 0 if there is none, or -EIO/-EUCLEAN.
 */
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const struct qstr *name,
					 struct buffer_head **res_bh, int *err)
{
	struct ext2_inode_info *ei = EXT2_I(dir);
	u32 n = dir_blocks(dir), start = ei->i_dir_start_lookup < n ? ei->i_dir_start_lookup : 0, i;

	for (i = 0; i < n; i++) {
		u32 blk = (start + i) % n, off;
		struct buffer_head *bh = dir_read_block(dir, blk, err);

		if (!bh)
			return NULL;
		for (off = 0; off < dir->i_sb->s_blocksize;) {
			struct ext2_dir_entry_2 *de = (void *)(bh->b_data + off);

			if (name_matches(de, name->name, name->len)) {
				ei->i_dir_start_lookup = blk;
				*res_bh = bh;
				return de;
			}
			off += de->rec_len;
		}
		brelse(bh);
	}
	*err = 0;
	return NULL;
}

/* ext2_inode_by_name - the inode number name has in dir: 0 (*ino 0 if none) or -errno. */
int ext2_inode_by_name(struct inode *dir, const struct qstr *name, u32 *ino)
{
	struct buffer_head *bh;
	struct ext2_dir_entry_2 *de;
	int err;

	*ino = 0;
	de = ext2_find_entry(dir, name, &bh, &err);
	if (!de)
		return err;
	*ino = de->inode;
	brelse(bh);
	return 0;
}

/* ---- changes ---------------------------------------------------------------------- */

/* Fill the (free) entry de with name and inode. */
static void fill_entry(struct super_block *sb, struct ext2_dir_entry_2 *de, const struct qstr *name,
		       struct inode *inode)
{
	de->name_len = (u8)name->len;
	memcpy(de->name, name->name, name->len);
	de->inode = (u32)inode->i_ino;
	de->file_type = ext2_file_type(sb, inode->i_mode);
}

/*
 * find_room - in block bh (blk), an entry with room for reclen bytes of
 * new entry: returns it, split off the end of a used one if needed; NULL
 * if the block has none, ERR_PTR(-EEXIST) if name is already there.
 */
static struct ext2_dir_entry_2 *find_room(struct super_block *sb, struct buffer_head *bh,
					  const struct qstr *name, u32 reclen)
{
	u32 off;

	for (off = 0; off < sb->s_blocksize;) {
		struct ext2_dir_entry_2 *de = (void *)(bh->b_data + off), *de1;
		u32 used = de->inode ? EXT2_DIR_REC_LEN(de->name_len) : 0;

		if (name_matches(de, name->name, name->len))
			return ERR_PTR(-EEXIST);
		if (de->rec_len >= used + reclen) {
			if (!used)
				return de;
			de1 = (void *)((char *)de + used);
			de1->rec_len = (u16)(de->rec_len - used);
			de1->inode = 0;
			de->rec_len = (u16)used;
			return de1;
		}
		off += de->rec_len;
	}
	return NULL;
}

/* A fresh last block for dir (block n): one unused entry covering it. */
static struct buffer_head *new_dir_block(struct inode *dir, u32 n, int *err)
{
	struct buffer_head *bh = ext2_bread(dir, n, true, err);

	if (!bh)
		return NULL;
	memset(bh->b_data, 0, dir->i_sb->s_blocksize);	/* even a leftover block past i_size */
	((struct ext2_dir_entry_2 *)bh->b_data)->rec_len = (u16)dir->i_sb->s_blocksize;
	mark_buffer_dirty(bh);
	return bh;
}

/*
 * ext2_add_link - a new entry dentry's name -> inode in dentry's parent
 * (see the top of this file).  0, -EEXIST, -ENOSPC (a new block), -EIO,
 * -EUCLEAN.  May sleep.
 */
int ext2_add_link(struct dentry *dentry, struct inode *inode)
{
	struct inode *dir = dentry->d_parent->d_inode;
	struct super_block *sb = dir->i_sb;
	u32 reclen = EXT2_DIR_REC_LEN(dentry->d_name.len), n = dir_blocks(dir), blk;
	struct ext2_dir_entry_2 *de = NULL;
	struct buffer_head *bh = NULL;
	int err;

	for (blk = 0; blk <= n && !de; blk++) {
		bh = blk < n ? dir_read_block(dir, blk, &err) : new_dir_block(dir, blk, &err);
		if (!bh)
			return err;
		de = find_room(sb, bh, &dentry->d_name, reclen);
		if (IS_ERR(de)) {
			brelse(bh);
			return (int)PTR_ERR(de);
		}
		if (!de)
			brelse(bh);
	}
	fill_entry(sb, de, &dentry->d_name, inode);
	mark_buffer_dirty(bh);
	brelse(bh);
	if (blk > n)			/* the new block is in use: the directory grew */
		dir->i_size = (loff_t)(n + 1) << sb->s_blocksize_bits;
	mark_dir_changed(dir);
	return 0;
}

/*
 * ext2_delete_entry - remove de (in block bh, which the caller holds and
 * still releases): merged into the entry before it, or marked unused if
 * it is the first.  0, or -EUCLEAN if de is not an entry of bh.
 */
int ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de, struct buffer_head *bh)
{
	struct ext2_dir_entry_2 *p = (void *)bh->b_data, *prev = NULL;

	while (p < de) {
		prev = p;
		p = next_entry(p);
	}
	if (p != de) {
		ext2_error(dir->i_sb, __func__, "directory #%lu: entry not in its block", dir->i_ino);
		return -EUCLEAN;
	}
	if (prev)
		prev->rec_len = (u16)(prev->rec_len + de->rec_len);
	else
		de->inode = 0;
	mark_buffer_dirty(bh);
	mark_dir_changed(dir);
	return 0;
}

/* ext2_set_link - de (in bh) now names inode: rename over a name, or "..". */
void ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de, struct buffer_head *bh,
		   struct inode *inode)
{
	de->inode = (u32)inode->i_ino;
	de->file_type = ext2_file_type(dir->i_sb, inode->i_mode);
	mark_buffer_dirty(bh);
	mark_dir_changed(dir);
}

/* ext2_make_empty - the first block of a new directory: "." and "..". */
int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_dir_entry_2 *de;
	struct buffer_head *bh;
	int err;

	bh = ext2_bread(inode, 0, true, &err);
	if (!bh)
		return err ? err : -EIO;
	memset(bh->b_data, 0, sb->s_blocksize);
	de = (struct ext2_dir_entry_2 *)bh->b_data;
	de->inode = (u32)inode->i_ino;
	de->rec_len = EXT2_DIR_REC_LEN(1);
	de->name_len = 1;
	de->name[0] = '.';
	de->file_type = ext2_file_type(sb, S_IFDIR);
	de = next_entry(de);
	de->inode = (u32)parent->i_ino;
	de->rec_len = (u16)(sb->s_blocksize - EXT2_DIR_REC_LEN(1));
	de->name_len = 2;
	de->name[0] = de->name[1] = '.';
	de->file_type = ext2_file_type(sb, S_IFDIR);
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->i_size = (loff_t)sb->s_blocksize;
	mark_inode_dirty(inode);
	return 0;
}

/* Is de "." (naming ino) or ".."? */
static bool is_dot_entry(const struct ext2_dir_entry_2 *de, unsigned long ino)
{
	if (de->name_len == 1 && de->name[0] == '.')
		return de->inode == ino;
	return de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.';
}

/* ext2_empty_dir - 1 if inode holds nothing but "." and "..", 0 if it holds more, or -errno. */
int ext2_empty_dir(struct inode *inode)
{
	u32 n, nblocks = dir_blocks(inode), off;
	int err;

	for (n = 0; n < nblocks; n++) {
		struct buffer_head *bh = dir_read_block(inode, n, &err);

		if (!bh)
			return err;
		for (off = 0; off < inode->i_sb->s_blocksize;) {
			struct ext2_dir_entry_2 *de = (void *)(bh->b_data + off);

			if (de->inode && !is_dot_entry(de, inode->i_ino)) {
				brelse(bh);
				return 0;
			}
			off += de->rec_len;
		}
		brelse(bh);
	}
	return 1;
}

/*
 * ext2_dotdot - the ".." entry of dir (the second entry of its first
 * block), with its block in *bh.  NULL with *err = -EIO (also if the
 * block does not start with "." and "..", as Linux answers).
 */
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct buffer_head **bh, int *err)
{
	struct ext2_dir_entry_2 *de, *dd;

	*bh = dir_read_block(dir, 0, err);
	if (!*bh)
		return NULL;
	de = (struct ext2_dir_entry_2 *)(*bh)->b_data;
	dd = next_entry(de);
	if (de->rec_len < dir->i_sb->s_blocksize && de->name_len == 1 && de->name[0] == '.' &&
	    dd->name_len == 2 && dd->name[0] == '.' && dd->name[1] == '.')
		return dd;
	ext2_error(dir->i_sb, __func__, "directory #%lu does not start with . and ..", dir->i_ino);
	brelse(*bh);
	*err = -EIO;
	return NULL;
}
