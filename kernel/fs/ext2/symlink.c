/*
 * kernel/fs/ext2/symlink.c - symbolic links.  A target shorter than 60
 * bytes lives in the inode's i_block array itself (a "fast" symlink: no
 * block, i_blocks 0 but for an attribute block); a longer one in the
 * link's first block, read through the buffer cache.  The length is
 * i_size (checked at iget); a NUL inside ends the target early, as Linux
 * reads it.
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include "ext2.h"

/* ext2_inode_is_fast_symlink - Linux's rule: no block but an attribute block. */
bool ext2_inode_is_fast_symlink(struct inode *inode)
{
	u64 ea_blocks = EXT2_I(inode)->i_file_acl ? inode->i_sb->s_blocksize >> 9 : 0;

	return S_ISLNK(inode->i_mode) && inode->i_blocks == ea_blocks;
}

static int copy_target(const char *from, loff_t size, char *buf, int bufsize)
{
	int len = (int)strnlen(from, (size_t)size);

	if (len >= bufsize)
		return -ENAMETOOLONG;
	memcpy(buf, from, (size_t)len);
	buf[len] = '\0';
	return len;
}

static int ext2_fast_get_link(struct inode *inode, char *buf, int size)
{
	return copy_target((const char *)EXT2_I(inode)->i_data,
			   MIN(inode->i_size, (loff_t)EXT2_FAST_SYMLINK_MAX), buf, size);
}

static int ext2_get_link(struct inode *inode, char *buf, int size)
{
	struct buffer_head *bh;
	int err, len;

	bh = ext2_bread(inode, 0, false, &err);
	if (!bh) {
		if (!err)
			ext2_error(inode->i_sb, __func__, "symlink %lu has no block", inode->i_ino);
		return err ? err : -EUCLEAN;
	}
	len = copy_target(bh->b_data, MIN(inode->i_size, (loff_t)inode->i_sb->s_blocksize - 1),
			  buf, size);
	brelse(bh);
	return len;
}

const struct inode_operations ext2_fast_symlink_inode_operations = {
	.get_link = ext2_fast_get_link,
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_symlink_inode_operations = {
	.get_link = ext2_get_link,
	.setattr = ext2_setattr,
};
