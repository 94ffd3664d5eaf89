/*
 * zram's insides (drivers/block/zram.c), shared with its self-test and
 * benchmark (selftest_zram.c) and visible to GDB: `p *zram_dev`.
 */
#ifndef DRIVERS_BLOCK_ZRAM_H
#define DRIVERS_BLOCK_ZRAM_H

#include <kernel/blkdev.h>
#include <kernel/types.h>

#define ZRAM_MAJOR		252	/* see zram.c: Linux's usual dynamic major */
#define ZRAM_LOGICAL_BLOCK_SIZE	4096
#define SECTORS_PER_PAGE_SHIFT	(PAGE_SHIFT - SECTOR_SHIFT)
#define ZRAM_MAX_COMP_NAME	128	/* Linux's CRYPTO_MAX_ALG_NAME */

/*
 * One slot per PAGE_SIZE of the disk (the table, vzalloc'ed at disksize
 * time: 8 bytes a page, 2 MiB for a 1 GiB disk).  What it holds:
 *
 *   state          flags       handle                   size
 *   -------------  ----------  -----------------------  -----------------
 *   empty          0           0                        0   (reads zeros)
 *   same-filled    ZRAM_SAME   the word that fills it   0   (no memory)
 *   compressed     0           zsmalloc handle          LZ4's length, < huge
 *   huge           ZRAM_HUGE   zsmalloc handle          PAGE_SIZE (stored whole)
 */
enum zram_pageflags {
	ZRAM_SAME = 1u << 0,
	ZRAM_HUGE = 1u << 1,
};

struct zram_table_entry {
	unsigned long handle;		/* or the fill word (ZRAM_SAME) */
	u16 size;			/* bytes stored in the pool */
	u16 flags;			/* enum zram_pageflags */
};

/* What mm_stat, io_stat and debug_stat show (Linux's struct zram_stats). */
struct zram_stats {
	u64 compr_data_size;		/* bytes stored in the pool, by stored size */
	u64 failed_reads;		/* reads that failed (a corrupt object) */
	u64 failed_writes;		/* writes that failed (no memory, mem_limit) */
	u64 invalid_io;			/* pieces not a whole page (never, 4 KiB blocks) */
	u64 notify_free;		/* swap_slot_free_notify calls */
	u64 same_pages;			/* slots in state same-filled */
	u64 huge_pages;			/* slots in state huge */
	u64 huge_pages_since;		/* huge stores since disksize was set */
	u64 pages_stored;		/* slots not empty */
	u64 writestall;			/* always 0: no slow path that sleeps */
	u64 miss_free;			/* always 0: a free never finds the slot locked */
	unsigned long max_used_pages;	/* the pool's high-water mark */
};

struct zs_pool;

struct zram {
	struct zram_table_entry *table;	/* disksize / PAGE_SIZE slots; NULL: not initialised */
	struct zs_pool *mem_pool;
	struct gendisk *disk;
	u64 disksize;			/* bytes; 0: not initialised (initstate 0) */
	unsigned long limit_pages;	/* mem_limit in pages; 0: none */
	unsigned int huge_size;		/* compressed to this or more: stored whole */
	u8 *comp_buf;			/* LZ4's output: one page, for the whole device */
	void *workmem;			/* LZ4's hash table, for the whole device */
	char compressor[ZRAM_MAX_COMP_NAME];
	struct zram_stats stats;
};

extern struct zram *zram_dev;		/* zram0 */

/* The sysfs stores, for the self-test: 0 or -errno as a write(2) would see. */
int zram_disksize_store(const char *buf, size_t n, void *bdev);
int zram_reset_store(const char *buf, size_t n, void *bdev);
int zram_mem_limit_store(const char *buf, size_t n, void *bdev);

#endif
