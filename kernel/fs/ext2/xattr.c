/*
 * kernel/fs/ext2/xattr.c - extended attributes, as far as a file system
 * that does not implement them must go: an inode made elsewhere (mke2fs
 * -d copies SELinux labels, setfacl...) may point at an attribute block
 * (i_file_acl), which inodes with the same attributes share:
 *
 *   offset  field       meaning
 *   0       h_magic     EXT2_XATTR_MAGIC (0xEA020000)
 *   4       h_refcount  inodes pointing at this block
 *   8       h_blocks    1
 *   12      h_hash      of the attributes (unchanged by refcount)
 *
 * Deleting such an inode drops the block's count, and frees the block
 * with the last one; its i_blocks counted the block either way.
 */
#include <kernel/errno.h>
#include "ext2.h"

/* ext2_xattr_delete_inode - inode (being deleted) lets go of its attribute block. */
void ext2_xattr_delete_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 blk = ei->i_file_acl;
	struct ext2_xattr_header *h;
	struct buffer_head *bh;
	u64 units = sb->s_blocksize >> 9;

	if (!blk)
		return;
	ei->i_file_acl = 0;
	mark_inode_dirty(inode);
	if (!ext2_data_block_valid(sb, blk, 1)) {
		ext2_error(sb, __func__, "inode %lu: bad extended attribute block %u", inode->i_ino, blk);
		return;
	}
	bh = sb_bread(sb, blk);
	if (!bh) {
		ext2_error(sb, __func__, "inode %lu: cannot read attribute block %u", inode->i_ino, blk);
		return;
	}
	h = (struct ext2_xattr_header *)bh->b_data;
	if (h->h_magic != EXT2_XATTR_MAGIC || h->h_blocks != 1) {
		ext2_error(sb, __func__, "inode %lu: bad attribute block %u", inode->i_ino, blk);
		brelse(bh);
		return;
	}
	if (h->h_refcount <= 1) {
		bforget(bh);
		ext2_free_blocks(inode, blk, 1);
		return;
	}
	h->h_refcount--;
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->i_blocks = inode->i_blocks > units ? inode->i_blocks - units : 0;
}
