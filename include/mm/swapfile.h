/*
 * Swap areas, the swap cache and swap I/O (docs/swap.md).
 *
 *   mm/swapfile.c    the areas: swapon/swapoff, the slot allocator and
 *                    each slot's count (swap_map), /proc/swaps
 *   mm/swap_state.c  the swap cache: pages on their way out or back in,
 *                    found by swap entry
 *   mm/page_io.c     reading and writing a slot (a bio to the device)
 *
 * A slot's count (swap_map[offset]) is the number of page-table entries
 * that hold its swap entry, plus SWAP_HAS_CACHE while a page for it is in
 * the swap cache.  The slot is free at 0.  Linux keeps a byte per slot
 * and continuation pages past 62 users; a 16-bit count here reaches
 * 32766 users, and a fork that would pass that fails with ENOMEM.
 */
#ifndef MM_SWAPFILE_H
#define MM_SWAPFILE_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <mm/swapops.h>
#include <mm/radix_tree.h>

struct page;
struct file;
struct block_device;
struct mm_struct;
struct vm_area_struct;
struct seq_buf;

/* swapon(2) flags, as Linux's <sys/swap.h> */
#define SWAP_FLAG_PREFER	0x8000		/* the priority below is given */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_PRIO_SHIFT	0
#define SWAP_FLAG_DISCARD	0x10000		/* accepted; nothing is discarded here */
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#define SWAP_FLAGS_VALID	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
				 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

#define SWAP_HAS_CACHE		0x8000u		/* swap_map: a page for it is in the swap cache */
#define SWAP_MAP_BAD		0x7fffu		/* ... a bad block: never handed out */
#define SWAP_MAP_MAX		0x7ffeu		/* ... most page-table users of a slot */
#define SWAP_COUNT(c)		((c) & ~SWAP_HAS_CACHE)

#define SWAPFILE_CLUSTER	256		/* slots handed out in a row (see get_swap_page) */

/* swap_info_struct.flags */
#define SWP_USED		0x01u		/* the entry of swap_info[] is taken */
#define SWP_WRITEOK		0x02u		/* on, slots may be handed out */
#define SWP_BLKDEV		0x04u		/* a block device, not a file */
#define SWP_SYNC_IO		0x08u		/* I/O ends before submit returns (zram) */
#define SWP_DISCARDABLE		0x10u		/* SWAP_FLAG_DISCARD was given */
#define SWP_CLAIMED		0x20u		/* holds its block device (blkdev_get) */

struct swap_info_struct {
	unsigned int flags;		/* SWP_* */
	int prio;			/* higher is used first */
	int type;			/* its index in swap_info[] */
	unsigned short *swap_map;	/* a count per slot (above) */
	unsigned long max;		/* slots, the header's included */
	unsigned long pages;		/* usable slots: max - 1 - bad ones */
	unsigned long inuse_pages;	/* slots with a count */
	unsigned long lowest_bit, highest_bit;	/* free slots lie in [lowest, highest] */
	unsigned long cluster_next;	/* the next slot of the current cluster */
	unsigned long cluster_nr;	/* ... slots left in it */
	struct file *swap_file;		/* what swapon opened */
	struct block_device *bdev;	/* the device the slots are on */
	u32 *blocks;			/* a file: slot -> its page-sized block on bdev */
	struct radix_tree_root cache;	/* the swap cache of this area, by offset */
	struct list_head avail;		/* swap_avail_head, by priority */
};

extern struct swap_info_struct *swap_info[MAX_SWAPFILES];
extern long nr_swap_pages;		/* free slots in every area that is on */
extern long total_swap_pages;		/* usable slots in every area that is on */
extern unsigned long nr_swapcache;	/* pages in the swap cache (SwapCached) */
extern int page_cluster;		/* /proc/sys/vm/page-cluster: read-ahead of 2^n slots */

static inline struct swap_info_struct *swp_info(swp_entry_t e)
{
	return swap_info[swp_type(e)];
}

/* mm/swapfile.c: slots and their counts. */
swp_entry_t get_swap_page(void);		/* a free slot with SWAP_HAS_CACHE; val 0: none */
int swap_duplicate(swp_entry_t e);		/* one more page-table user; -ENOMEM at the max */
void swap_free(swp_entry_t e);			/* one page-table user fewer */
void swapcache_free(swp_entry_t e);		/* SWAP_HAS_CACHE goes */
int swapcache_prepare(swp_entry_t e);		/* SWAP_HAS_CACHE set: 0, -EEXIST, -ENOENT */
int swap_count(swp_entry_t e);			/* page-table users */
bool swap_entry_valid(swp_entry_t e);		/* names a slot of an area that is on */
void free_swap_and_cache(swp_entry_t e);	/* a page-table user went (zap) */
long si_swapinfo_free(void);
void show_swaps(struct seq_buf *s);		/* /proc/swaps */
void swap_range_alloc_init(struct swap_info_struct *si);	/* bounds of a new area */
void enable_swap_info(struct swap_info_struct *si, int prio);	/* an area goes on */
unsigned long scan_swap_map(struct swap_info_struct *si);	/* host tests: 0 = full */

/* Called by the architecture's table walks (include/mm/arch_mmu.h). */
int swap_pte_dup(struct mm_struct *dst, swp_entry_t e);	/* fork copied a swap entry */
void swap_pte_zap(struct mm_struct *mm, swp_entry_t e);	/* unmap cleared one */

/* mm/swap_state.c: the swap cache. */
int add_to_swap_cache(struct page *page, swp_entry_t e);
void delete_from_swap_cache(struct page *page);
struct page *lookup_swap_cache(swp_entry_t e);	/* with a reference, or NULL */
bool add_to_swap(struct page *page);		/* reclaim: a slot for an anonymous page */
bool try_to_free_swap(struct page *page);	/* its slot, if nobody else needs it */
bool vm_swap_full(void);
struct page *read_swap_cache_async(swp_entry_t e, bool *new_page);
struct page *swapin_readahead(swp_entry_t e, struct vm_area_struct *vma, vaddr_t addr);

/* mm/page_io.c: I/O of one slot (the page is locked; unlocked when done). */
int swap_writepage(struct page *page);
int swap_readpage(struct page *page, bool synchronous);
void swap_slot_freed(struct swap_info_struct *si, unsigned long offset);

/* swapoff's walk (mm/swapfile.c), and the fault it uses (mm/memory.c). */
int try_to_unuse(unsigned int type);
int do_swap_page(struct vm_area_struct *vma, vaddr_t addr, swp_entry_t e, unsigned flags);

/* The system calls (Linux's numbers 87 and 115). */
long sys_swapon(vaddr_t upath, int swap_flags);
long sys_swapoff(vaddr_t upath);

#endif
