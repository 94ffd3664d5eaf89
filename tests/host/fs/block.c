/*
 * The block layer on the host (include/kernel/blkdev.h, host_fs.h): one
 * disk backed by an image file, every bio done synchronously with pread
 * and pwrite, and checked: a bio outside the image, or not aligned to
 * 512 bytes, is refused with -EIO and counted (host_disk.bad_reads,
 * bad_writes), so that a test can prove a file system never sends one,
 * whatever the image holds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <kernel/blkdev.h>
#include <kernel/buffer_head.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sysfs.h>
#include <mm/mm.h>
#include <mm/filemap.h>
#include <host_fs.h>

struct block_device host_bdev;
static struct gendisk host_gendisk = {
	.disk_name = "vda", .major = 254, .first_minor = 0, .minors = 16, .part0 = &host_bdev,
};
struct block_device host_bdev = {
	.bd_dev = HOST_DISK_DEV, .bd_disk = &host_gendisk, .bd_name = "vda",
};
struct host_disk_stats host_disk;
void (*host_disk_write_hook)(loff_t off, size_t len);
static FILE *disk_file;		/* stdio: <fcntl.h>'s O_* would clash with fs.h's */
static int disk_fd = -1;
static bool fail_writes;

struct block_device *blkdev_get_by_dev(dev_t dev)
{
	return dev == host_bdev.bd_dev ? &host_bdev : NULL;
}

struct block_device *blkdev_get_by_name(const char *name)
{
	if (!strncmp(name, "/dev/", 5))
		name += 5;
	return strcmp(name, host_bdev.bd_name) ? NULL : &host_bdev;
}

struct block_device *bdev_next(struct block_device *prev)
{
	return prev ? NULL : &host_bdev;
}

unsigned int bdev_logical_block_size(struct block_device *bdev)
{
	return SECTOR_SIZE;
}

/* No sysfs on the host: /sys/block/vda is never made (block_dev.c copes). */
struct sysfs_node *sysfs_block;

struct sysfs_node *sysfs_create_dir(struct sysfs_node *parent, const char *name)
{
	return NULL;
}

int sysfs_create_file(struct sysfs_node *dir, const struct sysfs_attr *attr, void *priv)
{
	return 0;
}

void part_stat_show(struct seq_buf *s, void *bdev)
{
}

/* ---- bios ------------------------------------------------------------- */

struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, unsigned int opf,
		      gfp_t gfp)
{
	struct bio *bio = calloc(1, sizeof(*bio) + nr_vecs * sizeof(struct bio_vec));

	assert_non_null(bio);
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_max_vecs = (unsigned short)nr_vecs;
	bio->bi_io_vec = (struct bio_vec *)(bio + 1);
	INIT_LIST_HEAD(&bio->bi_rq_list);
	return bio;
}

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off)
{
	struct bio_vec *last = bio->bi_vcnt ? &bio->bi_io_vec[bio->bi_vcnt - 1] : NULL;

	if (!len || off >= PAGE_SIZE || len > PAGE_SIZE - off || bio->bi_submitted)
		return 0;
	if (last && last->bv_page == page && last->bv_offset + last->bv_len == off) {
		last->bv_len += len;
	} else {
		if (bio->bi_vcnt >= bio->bi_max_vecs)
			return 0;
		bio->bi_io_vec[bio->bi_vcnt].bv_page = page;
		bio->bi_io_vec[bio->bi_vcnt].bv_offset = off;
		bio->bi_io_vec[bio->bi_vcnt].bv_len = len;
		bio->bi_vcnt++;
	}
	bio->bi_size += len;
	return (int)len;
}

void bio_endio(struct bio *bio)
{
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

void bio_put(struct bio *bio)
{
	free(bio);
}

/* Is the bio inside the image (the device), and aligned? */
static bool bio_ok(const struct bio *bio)
{
	sector_t nr = bio->bi_bdev->bd_nr_sectors;

	if (bio->bi_bdev != &host_bdev || disk_fd < 0 || bio->bi_size % SECTOR_SIZE)
		return false;
	return bio->bi_sector <= nr && (bio->bi_size >> SECTOR_SHIFT) <= nr - bio->bi_sector;
}

static int do_rw(struct bio *bio, bool write)
{
	off_t off = (off_t)(bio->bi_sector << SECTOR_SHIFT);
	unsigned i;

	for (i = 0; i < bio->bi_vcnt; i++) {
		struct bio_vec *v = &bio->bi_io_vec[i];
		char *p = page_address(v->bv_page);
		ssize_t n;

		assert_non_null(p);	/* host tests keep every page in lowmem */
		n = write ? pwrite(disk_fd, p + v->bv_offset, v->bv_len, off) :
			    pread(disk_fd, p + v->bv_offset, v->bv_len, off);
		if (n != (ssize_t)v->bv_len)
			return -EIO;
		if (write && host_disk_write_hook)
			host_disk_write_hook(off, v->bv_len);
		off += v->bv_len;
	}
	return 0;
}

void submit_bio(struct bio *bio)
{
	bool write = bio_op(bio) == REQ_OP_WRITE;

	assert_false(bio->bi_submitted);
	bio->bi_submitted = true;
	if (bio_op(bio) == REQ_OP_FLUSH) {
		host_disk.flushes++;
		bio->bi_status = disk_fd >= 0 && !fsync(disk_fd) ? 0 : -EIO;
	} else if (!bio_ok(bio)) {
		if (write)
			host_disk.bad_writes++;
		else
			host_disk.bad_reads++;
		bio->bi_status = -EIO;
	} else if (write && fail_writes) {
		bio->bi_status = -EIO;
	} else {
		bio->bi_status = do_rw(bio, write);
		if (write) {
			host_disk.writes++;
			host_disk.sectors_written += bio->bi_size >> SECTOR_SHIFT;
		} else {
			host_disk.reads++;
			host_disk.sectors_read += bio->bi_size >> SECTOR_SHIFT;
		}
	}
	bio_endio(bio);
}

static void submit_bio_wait_endio(struct bio *bio)
{
	*(bool *)bio->bi_private = true;
}

int submit_bio_wait(struct bio *bio)
{
	bool done = false;

	bio->bi_private = &done;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	assert_true(done);
	return bio->bi_status;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio = bio_alloc(bdev, 0, REQ_OP_FLUSH, GFP_KERNEL);
	int err = submit_bio_wait(bio);

	bio_put(bio);
	return err;
}

/* ---- the image ------------------------------------------------------------ */

/* Why a page of the device could not be dropped: its state and buffers. */
static void show_leftover_pages(struct address_space *mapping)
{
	unsigned long index;

	for (index = 0; index < (host_bdev.bd_nr_sectors >> (PAGE_SHIFT - SECTOR_SHIFT)); index++) {
		struct page *page = find_get_page(mapping, index);
		struct buffer_head *head, *bh;

		if (!page)
			continue;
		printf("leftover page %lu: flags %#lx count %d\n", index, (unsigned long)page->flags,
		       page_ref_count(page));
		if (PagePrivate(page)) {
			head = bh = page_buffers(page);
			do {
				printf("  block %llu state %#lx count %d\n",
				       (unsigned long long)bh->b_blocknr, bh->b_state, bh->b_count);
				bh = bh->b_this_page;
			} while (bh != head);
		}
		put_page(page);
	}
}

void host_disk_attach(const char *path)
{
	struct inode *inode = bdev_inode(&host_bdev);
	off_t size;

	host_disk_detach();
	assert_non_null(inode);
	invalidate_bdev(&host_bdev);
	if (inode->i_mapping->nrpages)
		show_leftover_pages(inode->i_mapping);
	assert_int_equal(inode->i_mapping->nrpages, 0);	/* nothing left in use */
	disk_file = fopen(path, "r+b");
	assert_non_null(disk_file);
	disk_fd = fileno(disk_file);
	size = lseek(disk_fd, 0, SEEK_END);
	assert_true(size >= 0);
	host_bdev.bd_nr_sectors = (sector_t)size >> SECTOR_SHIFT;
	host_gendisk.capacity = host_bdev.bd_nr_sectors;
	inode->i_size = (loff_t)(host_bdev.bd_nr_sectors << SECTOR_SHIFT);
	memset(&host_disk, 0, sizeof(host_disk));
	fail_writes = false;
}

void host_disk_detach(void)
{
	if (disk_file)
		fclose(disk_file);
	disk_file = NULL;
	disk_fd = -1;
}

void host_disk_fail_writes(bool fail)
{
	fail_writes = fail;
}
