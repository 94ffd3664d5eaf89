/*
 * ext2: the second extended file system, read-write (kernel/fs/ext2/).
 * The on-disk format (named as e2fsprogs and Linux name it), and what
 * the files of this directory share.
 *
 * A disk of N blocks (1, 2 or 4 KiB) is cut into block groups of
 * s_blocks_per_group blocks each, starting at s_first_data_block (1 for
 * 1 KiB blocks, whose block 0 is the boot block; 0 otherwise):
 *
 *   group g:  [super block copy][group descriptors][reserved GDT]
 *             [block bitmap][inode bitmap][inode table ...][data ...]
 *
 *   part               where                          size
 *   -----------------  -----------------------------  ---------------------------
 *   super block        byte 1024 of the disk; copies  1024 bytes
 *                      at the start of groups 0, 1
 *                      and powers of 3, 5, 7 (sparse)
 *   group descriptors  the blocks after each super    32 bytes per group
 *                      block copy
 *   reserved GDT       after them (resize_inode)      s_reserved_gdt_blocks
 *   block bitmap       bg_block_bitmap                1 block: bit i = block
 *                                                     group_first + i in use
 *   inode bitmap       bg_inode_bitmap                1 block: bit i = inode
 *                                                     g * ipg + i + 1 in use
 *   inode table        bg_inode_table                 ipg * s_inode_size bytes
 *
 * Inode numbers start at 1; inode 2 is the root directory, 1 and 3..10
 * are reserved (bad blocks, resize, journal...), the first ordinary one is
 * s_first_ino (11).  A bitmap's bit i is bit (i % 8) of byte (i / 8).
 *
 * Everything on the disk is little-endian, as both the ARM kernel and the
 * x86 or arm64 host of the tests are: the __le fields below are read as
 * they are (ext2_le_check in super.c refuses a big-endian build).
 */
#ifndef KERNEL_FS_EXT2_H
#define KERNEL_FS_EXT2_H

#include <kernel/types.h>
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/mutex.h>
#include <kernel/buffer_head.h>

typedef u16 __le16;
typedef u32 __le32;

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SB_OFFSET		1024	/* bytes into the disk */
#define EXT2_MIN_BLOCK_LOG_SIZE	10	/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG_SIZE	12	/* 4 KiB: a page, the most the buffer cache holds */

/* s_rev_level */
#define EXT2_GOOD_OLD_REV	0	/* fixed 128-byte inodes, first inode 11 */
#define EXT2_DYNAMIC_REV	1	/* s_inode_size, s_first_ino, features */
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	11

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002	/* errors were detected */

/* s_errors: what to do on an error (this kernel always continues) */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2
#define EXT2_ERRORS_PANIC	3

/*
 * Features.  An unknown INCOMPAT bit: the fs cannot be read (refused);
 * an unknown RO_COMPAT bit: it may be read, not written (Linux refuses a
 * read-write mount with EINVAL, and a remount read-write with EROFS);
 * COMPAT bits can be ignored.
 */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020

#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR	0x0004

#define EXT2_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT3_FEATURE_INCOMPAT_RECOVER		0x0004
#define EXT3_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010

#define EXT2_FEATURE_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_FEATURE_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* The super block: 1024 bytes at byte 1024 of the disk. */
struct ext2_super_block {
	__le32 s_inodes_count;		/* 0 */
	__le32 s_blocks_count;
	__le32 s_r_blocks_count;	/* reserved for root */
	__le32 s_free_blocks_count;
	__le32 s_free_inodes_count;	/* 16 */
	__le32 s_first_data_block;
	__le32 s_log_block_size;	/* block size = 1024 << this */
	__le32 s_log_frag_size;		/* fragments: must equal the block size */
	__le32 s_blocks_per_group;	/* 32 */
	__le32 s_frags_per_group;
	__le32 s_inodes_per_group;
	__le32 s_mtime;			/* last mount */
	__le32 s_wtime;			/* 48: last write of this block */
	__le16 s_mnt_count;
	__le16 s_max_mnt_count;
	__le16 s_magic;			/* 56 */
	__le16 s_state;
	__le16 s_errors;
	__le16 s_minor_rev_level;
	__le32 s_lastcheck;		/* 64 */
	__le32 s_checkinterval;
	__le32 s_creator_os;
	__le32 s_rev_level;
	__le16 s_def_resuid;		/* 80 */
	__le16 s_def_resgid;
	/* EXT2_DYNAMIC_REV only */
	__le32 s_first_ino;		/* 84 */
	__le16 s_inode_size;		/* 88 */
	__le16 s_block_group_nr;
	__le32 s_feature_compat;	/* 92 */
	__le32 s_feature_incompat;
	__le32 s_feature_ro_compat;	/* 100 */
	u8 s_uuid[16];			/* 104 */
	char s_volume_name[16];		/* 120 */
	char s_last_mounted[64];	/* 136 */
	__le32 s_algorithm_usage_bitmap;	/* 200 */
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	__le16 s_reserved_gdt_blocks;	/* 206: resize_inode */
	u8 s_journal_uuid[16];		/* 208 */
	__le32 s_journal_inum;		/* 224 */
	__le32 s_journal_dev;
	__le32 s_last_orphan;
	__le32 s_hash_seed[4];		/* 236: dir_index */
	u8 s_def_hash_version;		/* 252 */
	u8 s_jnl_backup_type;
	__le16 s_desc_size;
	__le32 s_default_mount_opts;	/* 256 */
	__le32 s_first_meta_bg;
	__le32 s_reserved[190];		/* 264 .. 1023 */
};

/* One group's descriptor: 32 bytes. */
struct ext2_group_desc {
	__le32 bg_block_bitmap;
	__le32 bg_inode_bitmap;
	__le32 bg_inode_table;
	__le16 bg_free_blocks_count;
	__le16 bg_free_inodes_count;
	__le16 bg_used_dirs_count;
	__le16 bg_pad;
	__le32 bg_reserved[3];
};

/*
 * The block map of an inode: 15 pointers.  A pointer 0 is a hole.
 *
 *   i_block[0..11]  the first 12 blocks of the file
 *   i_block[12]     an indirect block: P = block_size / 4 pointers to
 *                   the next P blocks
 *   i_block[13]     double indirect: P pointers to indirect blocks (P^2)
 *   i_block[14]     triple indirect (P^3)
 *
 * A symlink whose target is shorter than 60 bytes keeps it in i_block
 * itself (a "fast" symlink, no block).
 */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_FAST_SYMLINK_MAX	(EXT2_N_BLOCKS * 4 - 1)	/* 59 bytes and the NUL */

/* The first 128 bytes of an on-disk inode (s_inode_size may be more). */
struct ext2_inode {
	__le16 i_mode;			/* 0 */
	__le16 i_uid;			/* low 16 bits */
	__le32 i_size;			/* low 32 bits */
	__le32 i_atime;			/* 8 */
	__le32 i_ctime;
	__le32 i_mtime;			/* 16 */
	__le32 i_dtime;			/* when it was deleted */
	__le16 i_gid;			/* 24 */
	__le16 i_links_count;
	__le32 i_blocks;		/* 28: 512-byte units, indirect blocks included */
	__le32 i_flags;			/* 32 */
	__le32 i_osd1;
	__le32 i_block[EXT2_N_BLOCKS];	/* 40 */
	__le32 i_generation;		/* 100 */
	__le32 i_file_acl;		/* 104: the extended attribute block */
	__le32 i_size_high;		/* 108: regular files (large_file); i_dir_acl else */
	__le32 i_faddr;			/* 112 */
	u8 i_frag, i_fsize;		/* 116 */
	__le16 i_pad1;
	__le16 i_uid_high;		/* 120 */
	__le16 i_gid_high;
	__le32 i_reserved2;		/* 124 */
};

/* i_flags: kept as they are; these matter here */
#define EXT2_SECRM_FL		0x00000001
#define EXT2_UNRM_FL		0x00000002
#define EXT2_COMPR_FL		0x00000004
#define EXT2_SYNC_FL		0x00000008
#define EXT2_IMMUTABLE_FL	0x00000010
#define EXT2_APPEND_FL		0x00000020
#define EXT2_NODUMP_FL		0x00000040
#define EXT2_NOATIME_FL		0x00000080
#define EXT2_INDEX_FL		0x00001000	/* hashed (htree) directory: not kept up to date here */
#define EXT2_DIRSYNC_FL		0x00010000
#define EXT2_TOPDIR_FL		0x00020000
/* what a new inode takes from its directory (Linux's EXT2_FL_INHERITED) */
#define EXT2_FL_INHERITED	(EXT2_SECRM_FL | EXT2_UNRM_FL | EXT2_COMPR_FL | EXT2_SYNC_FL | \
				 EXT2_NODUMP_FL | EXT2_NOATIME_FL | EXT2_DIRSYNC_FL)
/* ... of which a regular file or a symlink keeps only these */
#define EXT2_REG_FLMASK		(EXT2_SECRM_FL | EXT2_UNRM_FL | EXT2_COMPR_FL | EXT2_SYNC_FL | \
				 EXT2_NODUMP_FL | EXT2_NOATIME_FL)
#define EXT2_OTHER_FLMASK	(EXT2_NODUMP_FL | EXT2_NOATIME_FL)

/*
 * A directory is a file of blocks, each a chain of entries that covers
 * it exactly; an entry with inode 0 is unused space.
 *
 *   offset  size  field
 *   0       4     inode       0: unused
 *   4       2     rec_len     bytes to the next entry (a multiple of 4,
 *                             at least EXT2_DIR_REC_LEN(name_len))
 *   6       1     name_len
 *   7       1     file_type   EXT2_FT_* (INCOMPAT_FILETYPE; else the high
 *                             byte of a 16-bit name_len, always 0)
 *   8       n     name        not NUL-terminated
 *
 * The first block starts with "." (rec_len 12) and ".." (the rest).
 */
struct ext2_dir_entry_2 {
	__le32 inode;
	__le16 rec_len;
	u8 name_len;
	u8 file_type;
	char name[];
};

#define EXT2_NAME_LEN		255
#define EXT2_DIR_PAD		4
#define EXT2_DIR_REC_LEN(name_len)	(((name_len) + 8 + 3) & ~3u)
#define EXT2_LINK_MAX		32000

enum {
	EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV, EXT2_FT_BLKDEV,
	EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK, EXT2_FT_MAX
};

/* The header of an extended attribute block (i_file_acl), shared by
 * every inode whose attributes are the same: h_refcount counts them. */
#define EXT2_XATTR_MAGIC	0xEA020000
struct ext2_xattr_header {
	__le32 h_magic;
	__le32 h_refcount;
	__le32 h_blocks;		/* always 1 */
	__le32 h_hash;
	__le32 h_reserved[4];
};

#define EXT2_ROOT_INO		2

/* ---- in memory ------------------------------------------------------ */

struct ext2_sb_info {
	struct buffer_head *s_sbh;		/* the super block's buffer (held) */
	struct ext2_super_block *s_es;		/* ... in it */
	struct buffer_head **s_group_desc;	/* the descriptor blocks (held) */
	unsigned long s_gdb_count;		/* descriptor blocks */
	unsigned long s_groups_count;
	unsigned long s_desc_per_block;
	u32 s_blocks_per_group, s_inodes_per_group;
	u32 s_bpg_shift;			/* log2(s_blocks_per_group); 0: not a power of 2 */
	u32 s_itb_per_group;			/* inode table blocks per group */
	u32 s_inodes_per_block;
	u32 s_first_data_block, s_blocks_count, s_inodes_count;
	u32 s_first_ino, s_inode_size;
	u32 s_reserved_gdt;			/* reserved GDT blocks after each GDT copy */
	unsigned int s_addr_per_block_bits;	/* log2(block_size / 4) */
	u16 s_mount_state;			/* s_state as found at mount (+ ERROR_FS) */
	u32 s_next_generation;
	struct mutex s_lock;			/* bitmaps, group descriptors, counts */
	u8 *s_group_state;			/* [group]: EXT2_BAD_*, EXT2_*_CHECKED */
	struct buffer_head *s_bitmap_bh;	/* the last block bitmap used (held) */
	unsigned long s_bitmap_group;		/* ... its group */
};

/* s_group_state[g] */
#define EXT2_BAD_BLOCK_BITMAP		1	/* corrupt: no allocation in group g */
#define EXT2_BAD_INODE_BITMAP		2
#define EXT2_BLOCK_BITMAP_CHECKED	4	/* its metadata bits were found set */

/* i_state (ext2's own) */
#define EXT2_STATE_NEW		0x1	/* not yet on disk: write it all, zeroed first */
#define EXT2_STATE_BAD		0x2	/* could not be read: never freed at eviction */

struct ext2_inode_info {
	__le32 i_data[EXT2_N_BLOCKS];	/* the block map (or a fast symlink's text) */
	u32 i_flags;
	u32 i_faddr;
	u32 i_file_acl;
	u32 i_dir_acl;			/* i_size_high of anything not a regular file */
	u32 i_dtime;
	u32 i_generation;
	u32 i_block_group;		/* the group of the inode: new blocks go near */
	u32 i_dir_start_lookup;		/* the directory block where the last lookup hit */
	u32 i_state;			/* EXT2_STATE_* */
	struct mutex truncate_mutex;	/* the block map: get_block against truncate */
	struct inode vfs_inode;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline bool ext2_has_incompat(struct super_block *sb, u32 mask)
{
	return EXT2_SB(sb)->s_es->s_feature_incompat & mask;
}

static inline bool ext2_has_ro_compat(struct super_block *sb, u32 mask)
{
	return EXT2_SB(sb)->s_es->s_feature_ro_compat & mask;
}

/* The first block of group g. */
static inline u32 ext2_group_first_block_no(struct super_block *sb, unsigned long g)
{
	return EXT2_SB(sb)->s_first_data_block + (u32)g * EXT2_SB(sb)->s_blocks_per_group;
}

/*
 * The group of block, and its offset in the group: a shift when the
 * group size is a power of two (mke2fs's default), as it is on every
 * path that allocates or frees a block (ARMv7-A has no divide
 * instruction: a division is a call).
 */
static inline unsigned long ext2_block_group(struct super_block *sb, u32 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 rel = block - sbi->s_first_data_block;

	return sbi->s_bpg_shift ? rel >> sbi->s_bpg_shift : rel / sbi->s_blocks_per_group;
}

static inline u32 ext2_group_offset(struct super_block *sb, u32 block)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 rel = block - sbi->s_first_data_block;

	return sbi->s_bpg_shift ? rel & (sbi->s_blocks_per_group - 1) : rel % sbi->s_blocks_per_group;
}

/* ---- super.c ---------------------------------------------------------- */
void ext2_error(struct super_block *sb, const char *func, const char *fmt, ...) __printf(3, 4);
void ext2_sync_super(struct super_block *sb, bool wait);

/* ---- balloc.c ------------------------------------------------------------ */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, unsigned long group,
					    struct buffer_head **bh);
bool ext2_bg_has_super(struct super_block *sb, unsigned long group);
unsigned long ext2_bg_num_gdb(struct super_block *sb, unsigned long group);
u32 ext2_group_blocks(struct super_block *sb, unsigned long group);
bool ext2_data_block_valid(struct super_block *sb, u32 block, u32 count);
u32 ext2_new_blocks(struct inode *inode, u32 goal, u32 *count, int *err);
void ext2_free_blocks(struct inode *inode, u32 block, u32 count);
int ext2_check_group_desc(struct super_block *sb, unsigned long group);

/* ---- ialloc.c ------------------------------------------------------------ */
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
void ext2_free_inode(struct inode *inode);

/* ---- inode.c ------------------------------------------------------------- */
struct inode *ext2_iget(struct super_block *sb, unsigned long ino);
int ext2_write_inode(struct inode *inode, bool sync);
void ext2_evict_inode(struct inode *inode);
int ext2_setattr(struct dentry *dentry, struct iattr *attr);
void ext2_set_inode_ops(struct inode *inode);

/* ---- bmap.c -------------------------------------------------------------- */
int ext2_get_block(struct inode *inode, sector_t iblock, struct buffer_head *bh, int create);
struct buffer_head *ext2_bread(struct inode *inode, u32 block, bool create, int *err);
void ext2_truncate_blocks(struct inode *inode, loff_t offset);
u64 ext2_max_blocks_for(struct super_block *sb, loff_t size);
loff_t ext2_max_size(unsigned int blkbits);

/* ---- dir.c --------------------------------------------------------------- */
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const struct qstr *name,
					 struct buffer_head **res_bh, int *err);
int ext2_inode_by_name(struct inode *dir, const struct qstr *name, u32 *ino);
int ext2_add_link(struct dentry *dentry, struct inode *inode);
int ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de, struct buffer_head *bh);
int ext2_make_empty(struct inode *inode, struct inode *parent);
int ext2_empty_dir(struct inode *inode);
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct buffer_head **bh, int *err);
void ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de, struct buffer_head *bh,
		   struct inode *inode);
extern const struct file_operations ext2_dir_operations;

/* ---- namei.c, file.c, symlink.c, xattr.c ----------------------------- */
extern const struct inode_operations ext2_dir_inode_operations;
extern const struct inode_operations ext2_special_inode_operations;
extern const struct inode_operations ext2_file_inode_operations;
extern const struct file_operations ext2_file_operations;
extern const struct address_space_operations ext2_aops;
extern const struct inode_operations ext2_symlink_inode_operations;
extern const struct inode_operations ext2_fast_symlink_inode_operations;
bool ext2_inode_is_fast_symlink(struct inode *inode);
void ext2_xattr_delete_inode(struct inode *inode);

#endif
