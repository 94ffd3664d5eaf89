/*
 * kernel/fs/ext2/super.c - mounting ext2: reading and checking the super
 * block and the group descriptors, the root, and writing the super
 * block back (sync, remount, unmount).
 *
 * The super block's s_state says whether the file system was unmounted
 * cleanly.  While it is mounted read-write it is marked not clean on the
 * disk, so that a crash leaves a file system e2fsck will check:
 *
 *   event                    s_state on disk           also
 *   -----------------------  ------------------------  ---------------------------
 *   mount rw                 VALID cleared             s_mnt_count++, s_mtime
 *   an error found           ERROR_FS set              (rate-limited message)
 *   sync, syncfs             unchanged                 free counts, s_wtime
 *   remount ro, unmount      as found at mount         free counts, s_wtime
 *                            (+ ERROR_FS if any)
 *
 * What is refused at mount (with a message): no ext2 magic, an unknown
 * INCOMPAT feature, a block size other than 1, 2 or 4 KiB, geometry that
 * does not add up or does not fit the device, group descriptors whose
 * bitmaps or inode table lie outside their group, a root that is not a
 * directory: all -EINVAL, as Linux's ext2 answers them (a root that
 * cannot be read at all gives ext2_iget's -EIO or -EUCLEAN).  An
 * unknown RO_COMPAT feature refuses a read-write mount (-EINVAL, as
 * Linux; a remount read-write gets -EROFS).
 *
 * The free counts of the super block are recomputed from the group
 * descriptors at mount (as Linux does), then kept exact by every
 * allocation and free (balloc.c, ialloc.c).
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/mount.h>
#include <kernel/time.h>
#include <mm/slab.h>
#include "ext2.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "ext2.h reads little-endian fields as they are");
_Static_assert(sizeof(struct ext2_super_block) == 1024, "the super block is 1024 bytes");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "a group descriptor is 32 bytes");
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "an inode is 128 bytes");
_Static_assert(sizeof(struct ext2_dir_entry_2) == 8, "a directory entry header is 8 bytes");
_Static_assert(sizeof(struct ext2_xattr_header) == 32, "an xattr block header is 32 bytes");

#define EXT2_DFL_MAX_MNT_COUNT	20

static struct kmem_cache *ext2_inode_cachep;
static const struct super_operations ext2_sops;

static u32 now_seconds(void)
{
	return (u32)current_time().tv_sec;
}

/*
 * ext2_error - report a corruption or an I/O error of sb (rate-limited:
 * a corrupt image cannot flood the console) and mark the file system as
 * having errors, on the disk too, so that e2fsck runs next time.
 */
void ext2_error(struct super_block *sb, const char *func, const char *fmt, ...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk_ratelimited("EXT2-fs error (device %s): %s: %s\n", sb->s_id, func, msg);
	sbi->s_mount_state |= EXT2_ERROR_FS;
	if (sbi->s_sbh && !(sb->s_flags & SB_RDONLY)) {
		sbi->s_es->s_state |= EXT2_ERROR_FS;
		mark_buffer_dirty(sbi->s_sbh);
	}
}

/* ext2_sync_super - the super block to the disk (and wait, with wait). */
void ext2_sync_super(struct super_block *sb, bool wait)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	sbi->s_es->s_wtime = now_seconds();
	mark_buffer_dirty(sbi->s_sbh);
	if (wait)
		sync_dirty_buffer(sbi->s_sbh);
}

/* ---- inodes in memory ---------------------------------------------------- */

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kmem_cache_alloc(ext2_inode_cachep, GFP_KERNEL);

	if (!ei)
		return NULL;
	memset(ei, 0, offsetof(struct ext2_inode_info, vfs_inode));
	mutex_init(&ei->truncate_mutex);
	return &ei->vfs_inode;
}

static void ext2_destroy_inode(struct inode *inode)
{
	kmem_cache_free(ext2_inode_cachep, EXT2_I(inode));
}

/* ---- the super block ----------------------------------------------------- */

/*
 * read_super_block - find the super block: at byte 1024, read first with
 * 1 KiB blocks (or the device's logical block, if larger: 4 KiB on zram,
 * as Linux's sb_min_blocksize), then again in a block of the size it
 * gives.  Leaves sb's
 * block size set and sbi->s_sbh/s_es pointing at it.  -EINVAL if there is
 * no ext2 (no message if silent), -EIO.
 */
static int read_super_block(struct super_block *sb, struct ext2_sb_info *sbi, int silent)
{
	u32 log, bs = MAX(1024u, bdev_logical_block_size(sb->s_bdev));
	struct ext2_super_block *es;
	struct buffer_head *bh;

	if (sb_set_blocksize(sb, bs))
		return -EINVAL;
	bh = sb_bread(sb, EXT2_SB_OFFSET / bs);
	if (!bh)
		return -EIO;
	es = (struct ext2_super_block *)(bh->b_data + EXT2_SB_OFFSET % bs);
	log = es->s_log_block_size;
	if (es->s_magic != EXT2_SUPER_MAGIC) {
		if (!silent)
			printk("EXT2-fs (%s): error: can't find an ext2 filesystem on dev %s\n",
			       sb->s_id, sb->s_id);
		brelse(bh);
		return -EINVAL;
	}
	brelse(bh);
	if (log > EXT2_MAX_BLOCK_LOG_SIZE - EXT2_MIN_BLOCK_LOG_SIZE) {
		printk("EXT2-fs (%s): error: unsupported blocksize (log %u)\n", sb->s_id, log);
		return -EINVAL;
	}
	bs = 1024u << log;
	if (sb_set_blocksize(sb, bs)) {
		printk("EXT2-fs (%s): error: bad blocksize %u\n", sb->s_id, bs);
		return -EINVAL;
	}
	bh = sb_bread(sb, EXT2_SB_OFFSET / bs);
	if (!bh)
		return -EIO;
	es = (struct ext2_super_block *)(bh->b_data + EXT2_SB_OFFSET % bs);
	if (es->s_magic != EXT2_SUPER_MAGIC || es->s_log_block_size != log) {
		printk("EXT2-fs (%s): error: magic mismatch\n", sb->s_id);
		brelse(bh);
		return -EINVAL;
	}
	sbi->s_sbh = bh;
	sbi->s_es = es;
	return 0;
}

static int bad_sb(struct super_block *sb, const char *what, u32 value)
{
	printk("EXT2-fs (%s): error: %s (%u)\n", sb->s_id, what, value);
	return -EINVAL;
}

/* check_features - Linux's rules for unknown features (ext2.h). */
static int check_features(struct super_block *sb, struct ext2_super_block *es)
{
	u32 incompat = es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
	u32 ro = es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;

	if (es->s_rev_level == EXT2_GOOD_OLD_REV &&
	    (es->s_feature_compat || es->s_feature_incompat || es->s_feature_ro_compat))
		printk("EXT2-fs (%s): warning: feature flags set on rev 0 fs, running e2fsck "
		       "is recommended\n", sb->s_id);
	if (incompat)
		return bad_sb(sb, "couldn't mount because of unsupported optional features", incompat);
	if (ro && !(sb->s_flags & SB_RDONLY))
		return bad_sb(sb, "couldn't mount RDWR because of unsupported optional features", ro);
	return 0;
}

/* The inode size and first inode of a revision 0 or 1 file system; 0 or -EINVAL. */
static int check_inode_geometry(struct super_block *sb, struct ext2_sb_info *sbi,
				struct ext2_super_block *es)
{
	u32 bs = (u32)sb->s_blocksize;

	if (es->s_rev_level == EXT2_GOOD_OLD_REV) {
		sbi->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		sbi->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
		return 0;
	}
	sbi->s_inode_size = es->s_inode_size;
	sbi->s_first_ino = es->s_first_ino;
	if (sbi->s_inode_size < EXT2_GOOD_OLD_INODE_SIZE || sbi->s_inode_size > bs ||
	    (sbi->s_inode_size & (sbi->s_inode_size - 1)))
		return bad_sb(sb, "unsupported inode size", sbi->s_inode_size);
	if (sbi->s_first_ino < EXT2_GOOD_OLD_FIRST_INO)
		return bad_sb(sb, "first inode number too small", sbi->s_first_ino);
	return 0;
}

/*
 * check_geometry - the numbers of the super block must add up and fit
 * the device; fills sbi's copies of them.  0 or -EINVAL (reported).
 */
static int check_geometry(struct super_block *sb, struct ext2_sb_info *sbi,
			  struct ext2_super_block *es)
{
	u32 bs = (u32)sb->s_blocksize, bpg = es->s_blocks_per_group, ipg = es->s_inodes_per_group;
	u64 dev_blocks = bdev_nr_sectors(sb->s_bdev) >> (sb->s_blocksize_bits - SECTOR_SHIFT);
	u64 groups;

	if (es->s_rev_level > EXT2_DYNAMIC_REV)
		return bad_sb(sb, "revision level too high", es->s_rev_level);
	if (es->s_log_frag_size != es->s_log_block_size)
		return bad_sb(sb, "fragment size differs from the block size", es->s_log_frag_size);
	if (check_inode_geometry(sb, sbi, es))
		return -EINVAL;
	sbi->s_inodes_per_block = bs / sbi->s_inode_size;
	if (!bpg || bpg > 8 * bs)
		return bad_sb(sb, "bad #blocks per group", bpg);
	if (ipg < sbi->s_inodes_per_block || ipg > 8 * bs)
		return bad_sb(sb, "bad #inodes per group", ipg);
	if (es->s_first_data_block != (bs == 1024 ? 1u : 0u))
		return bad_sb(sb, "bad first data block", es->s_first_data_block);
	if (es->s_blocks_count <= es->s_first_data_block + 1)
		return bad_sb(sb, "too few blocks", es->s_blocks_count);
	if (es->s_blocks_count > dev_blocks)
		return bad_sb(sb, "block count exceeds the size of the device", es->s_blocks_count);
	if (es->s_r_blocks_count > es->s_blocks_count)
		return bad_sb(sb, "reserved blocks exceed the block count", es->s_r_blocks_count);
	groups = DIV_ROUND_UP((u64)es->s_blocks_count - es->s_first_data_block, bpg);
	if (groups * ipg != es->s_inodes_count)
		return bad_sb(sb, "inode count does not match the groups", es->s_inodes_count);
	sbi->s_blocks_per_group = bpg;
	sbi->s_bpg_shift = (bpg & (bpg - 1)) ? 0 : (u32)__builtin_ctz(bpg);
	sbi->s_inodes_per_group = ipg;
	sbi->s_groups_count = (unsigned long)groups;
	sbi->s_itb_per_group = DIV_ROUND_UP(ipg, sbi->s_inodes_per_block);
	sbi->s_desc_per_block = bs / sizeof(struct ext2_group_desc);
	sbi->s_gdb_count = DIV_ROUND_UP(sbi->s_groups_count, sbi->s_desc_per_block);
	sbi->s_first_data_block = es->s_first_data_block;
	sbi->s_blocks_count = es->s_blocks_count;
	sbi->s_inodes_count = es->s_inodes_count;
	sbi->s_addr_per_block_bits = sb->s_blocksize_bits - 2;
	sbi->s_reserved_gdt = (es->s_feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INODE) ?
			      es->s_reserved_gdt_blocks : 0;
	if (sbi->s_reserved_gdt > bs / 4 ||
	    1 + sbi->s_gdb_count + sbi->s_reserved_gdt + 2 + sbi->s_itb_per_group >
	    MIN(bpg, es->s_blocks_count - es->s_first_data_block))
		return bad_sb(sb, "group descriptors do not fit in the first group",
			      (u32)sbi->s_gdb_count);
	return 0;
}

/*
 * load_group_desc - read the descriptor blocks (after the super block),
 * check every group, and recompute the super block's free counts from
 * them.  0, -EIO, -EINVAL (reported), -ENOMEM.
 */
static int load_group_desc(struct super_block *sb, struct ext2_sb_info *sbi)
{
	u32 free_blocks = 0, free_inodes = 0;
	unsigned long i;

	sbi->s_group_desc = kzalloc(sbi->s_gdb_count * sizeof(struct buffer_head *), GFP_KERNEL);
	sbi->s_group_state = kzalloc(sbi->s_groups_count, GFP_KERNEL);
	if (!sbi->s_group_desc || !sbi->s_group_state)
		return -ENOMEM;
	for (i = 0; i < sbi->s_gdb_count; i++) {
		sbi->s_group_desc[i] = sb_bread(sb, sbi->s_first_data_block + 1 + i);
		if (!sbi->s_group_desc[i]) {
			printk("EXT2-fs (%s): error: unable to read group descriptors\n", sb->s_id);
			return -EIO;
		}
	}
	for (i = 0; i < sbi->s_groups_count; i++) {
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, i, NULL);

		if (ext2_check_group_desc(sb, i))
			return -EINVAL;
		free_blocks += gd->bg_free_blocks_count;
		free_inodes += gd->bg_free_inodes_count;
	}
	sbi->s_es->s_free_blocks_count = free_blocks;
	sbi->s_es->s_free_inodes_count = free_inodes;
	return 0;
}

/*
 * Drop everything fill_super or put_super holds.  An error found by a
 * mount that then failed is still recorded on the disk (the super block
 * is dirty): written first.
 */
static void ext2_release_sbi(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	unsigned long i;

	if (!sbi)
		return;
	if (sbi->s_sbh && buffer_dirty(sbi->s_sbh))
		sync_blockdev(sb->s_bdev);
	for (i = 0; sbi->s_group_desc && i < sbi->s_gdb_count; i++)
		brelse(sbi->s_group_desc[i]);
	kfree(sbi->s_group_desc);
	kfree(sbi->s_group_state);
	brelse(sbi->s_bitmap_bh);
	brelse(sbi->s_sbh);
	kfree(sbi);
	sb->s_fs_info = NULL;
}

/*
 * setup_super - a read-write mount begins: warnings as Linux gives them,
 * then s_mnt_count, s_mtime, and the "not clean" state, on the disk now.
 */
static void setup_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;

	if (!(sbi->s_mount_state & EXT2_VALID_FS))
		printk("EXT2-fs (%s): warning: mounting unchecked fs, running e2fsck is "
		       "recommended\n", sb->s_id);
	else if (sbi->s_mount_state & EXT2_ERROR_FS)
		printk("EXT2-fs (%s): warning: mounting fs with errors, running e2fsck is "
		       "recommended\n", sb->s_id);
	else if ((s16)es->s_max_mnt_count >= 0 && es->s_mnt_count >= (u16)es->s_max_mnt_count)
		printk("EXT2-fs (%s): warning: maximal mount count reached, running e2fsck is "
		       "recommended\n", sb->s_id);
	if (!es->s_max_mnt_count)
		es->s_max_mnt_count = EXT2_DFL_MAX_MNT_COUNT;
	es->s_mnt_count++;
	es->s_mtime = now_seconds();
	es->s_state &= (u16)~EXT2_VALID_FS;
	ext2_sync_super(sb, true);
}

/* Mount options: none but rw/ro (the VFS's) and errors=continue. */
static int parse_options(struct super_block *sb, const char *data)
{
	while (data && *data) {
		const char *end = strchr(data, ',');
		size_t len = end ? (size_t)(end - data) : strlen(data);

		if (len && !(len == 2 && (!strncmp(data, "rw", 2) || !strncmp(data, "ro", 2))) &&
		    !(len == 8 && !strncmp(data, "defaults", 8)) &&
		    !(len == 15 && !strncmp(data, "errors=continue", 15))) {
			char opt[32];

			strlcpy(opt, data, MIN(len + 1, sizeof(opt)));
			printk("EXT2-fs (%s): error: unrecognized mount option \"%s\"\n",
			       sb->s_id, opt);
			return -EINVAL;
		}
		data = end ? end + 1 : NULL;
	}
	return 0;
}

/* The root directory, checked: a directory with a size and blocks. */
static int load_root(struct super_block *sb)
{
	struct inode *root = ext2_iget(sb, EXT2_ROOT_INO);

	if (IS_ERR(root))
		return (int)PTR_ERR(root);
	if (!S_ISDIR(root->i_mode) || !root->i_blocks || !root->i_size) {
		iput(root);
		printk("EXT2-fs (%s): error: corrupt root inode, run e2fsck\n", sb->s_id);
		return -EINVAL;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static int ext2_fill_super(struct super_block *sb, void *data, int silent)
{
	struct ext2_sb_info *sbi;
	int err;

	if (!ext2_inode_cachep)
		ext2_inode_cachep = kmem_cache_create("ext2_inode_cache",
						      sizeof(struct ext2_inode_info), 0, 0, NULL);
	sbi = ext2_inode_cachep ? kzalloc(sizeof(*sbi), GFP_KERNEL) : NULL;
	if (!sbi)
		return -ENOMEM;
	mutex_init(&sbi->s_lock);
	sb->s_fs_info = sbi;
	err = parse_options(sb, data);
	if (!err)
		err = read_super_block(sb, sbi, silent);
	if (!err)
		err = check_features(sb, sbi->s_es) ?: check_geometry(sb, sbi, sbi->s_es);
	if (!err)
		err = load_group_desc(sb, sbi);
	if (err)
		goto fail;
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_op = &ext2_sops;
	sb->s_maxbytes = ext2_max_size(sb->s_blocksize_bits);
	if (sbi->s_es->s_rev_level == EXT2_GOOD_OLD_REV)
		sb->s_maxbytes = MIN(sb->s_maxbytes, (loff_t)0x7fffffff);	/* no i_size_high */
	sbi->s_mount_state = sbi->s_es->s_state;
	sbi->s_next_generation = now_seconds();
	err = load_root(sb);
	if (err)
		goto fail;
	if (!(sb->s_flags & SB_RDONLY))
		setup_super(sb);
	return 0;
fail:
	ext2_release_sbi(sb);
	return err;
}

/* ---- super_operations ------------------------------------------------------ */

static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (!(sb->s_flags & SB_RDONLY)) {
		sbi->s_es->s_state = sbi->s_mount_state;
		ext2_sync_super(sb, true);
		sync_blockdev(sb->s_bdev);
	}
	ext2_release_sbi(sb);
}

static int ext2_sync_fs(struct super_block *sb, bool wait)
{
	ext2_sync_super(sb, wait);
	return 0;
}

/*
 * ext2_statfs - as Linux's ext2 (its default "bsddf"): f_blocks leaves
 * out the metadata every group carries (super block copies, descriptors,
 * bitmaps, inode tables); f_bavail leaves out the blocks reserved for
 * root.
 */
static int ext2_statfs(struct super_block *sb, struct kstatfs *buf)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	u64 overhead = sbi->s_first_data_block, free = es->s_free_blocks_count;
	unsigned long g;

	for (g = 0; g < sbi->s_groups_count; g++)
		overhead += ext2_bg_has_super(sb, g) + ext2_bg_num_gdb(sb, g);
	overhead += (u64)sbi->s_groups_count * (2 + sbi->s_itb_per_group);
	buf->f_type = EXT2_SUPER_MAGIC;
	buf->f_bsize = (long)sb->s_blocksize;
	buf->f_blocks = sbi->s_blocks_count > overhead ? sbi->s_blocks_count - overhead : 0;
	buf->f_bfree = free;
	buf->f_bavail = free > es->s_r_blocks_count ? free - es->s_r_blocks_count : 0;
	buf->f_files = sbi->s_inodes_count;
	buf->f_ffree = es->s_free_inodes_count;
	buf->f_namelen = EXT2_NAME_LEN;
	memcpy(buf->f_fsid, es->s_uuid, sizeof(buf->f_fsid));
	return 0;
}

/*
 * ext2_remount - ro <-> rw.  To read-only: the super block back as it
 * was found (clean if it was).  To read-write: Linux's refusal of unknown
 * RO_COMPAT features (-EROFS), then the same as a read-write mount.
 */
static int ext2_remount(struct super_block *sb, unsigned *flags, char *data)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->s_es;
	int err = parse_options(sb, data);

	if (err || (*flags & SB_RDONLY) == (sb->s_flags & SB_RDONLY))
		return err;
	if (*flags & SB_RDONLY) {
		es->s_state = sbi->s_mount_state;
		ext2_sync_super(sb, true);
		return 0;
	}
	if (es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP) {
		printk("EXT2-fs (%s): error: couldn't remount RDWR because of unsupported "
		       "optional features (%x)\n", sb->s_id,
		       es->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP);
		return -EROFS;
	}
	sbi->s_mount_state = es->s_state;
	setup_super(sb);
	return 0;
}

/* We always carry on after an error: say so if the disk asks otherwise. */
static void ext2_show_options(struct seq_buf *s, struct super_block *sb)
{
	if (EXT2_SB(sb)->s_es->s_errors != EXT2_ERRORS_CONTINUE)
		seq_printf(s, ",errors=continue");
}

static const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.destroy_inode = ext2_destroy_inode,
	.write_inode = ext2_write_inode,
	.evict_inode = ext2_evict_inode,
	.put_super = ext2_put_super,
	.sync_fs = ext2_sync_fs,
	.statfs = ext2_statfs,
	.remount_fs = ext2_remount,
	.show_options = ext2_show_options,
};

struct file_system_type ext2_fs_type = {
	.name = "ext2",
	.fs_flags = FS_REQUIRES_DEV,
	.fill_super = ext2_fill_super,
	.kill_sb = kill_block_super,
};
