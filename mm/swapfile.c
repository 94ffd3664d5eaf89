/*
 * mm/swapfile.c - swap areas: swapon(2), swapoff(2), the slots of each
 * area and their counts, /proc/swaps (docs/swap.md).
 *
 * An area is a block device or a regular file that mkswap gave Linux's
 * header (version 1, "SWAPSPACE2"; mm/swap_header.c reads it).  Its
 * page-sized slots are numbered from 0, the header's; each has a count
 * in swap_map (include/mm/swapfile.h says what it counts).  A swap file
 * is used without its file system: swapon asks for the block under every
 * page once (a_ops->bmap) and keeps the answers (Linux keeps them as
 * extents; a block per slot here, 4 bytes for every 4 KiB).
 *
 * Handing out slots (get_swap_page): from the area of highest priority
 * that has a free one (areas of equal priority in turn, as Linux), in
 * clusters: once a run of SWAPFILE_CLUSTER free slots is found, its
 * slots go out one after the other, so pages reclaimed together lie
 * together on the device and come back with one read-ahead.  When no
 * such run is left, any free slot will do.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/fs.h>
#include <kernel/dcache.h>
#include <kernel/blkdev.h>
#include <kernel/sched.h>
#include <kernel/selftest.h>
#include <kernel/signal.h>
#include <mm/slab.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/vmalloc.h>
#include <mm/swapfile.h>
#include <mm/swap_header.h>
#include <mm/filemap.h>
#include <mm/rmap.h>
#include <mm/mman.h>
#include <mm/vma.h>
#include <mm/mmap.h>
#include <mm/arch_mmu.h>
#include <mm/memory.h>
#include <mm/highmem.h>
#include "internal.h"

struct swap_info_struct *swap_info[MAX_SWAPFILES];
long nr_swap_pages, total_swap_pages;
static LIST_HEAD(swap_avail_head);	/* areas that are on, highest priority first */
static int least_priority = -1;		/* Linux gives the first area without one -2 */

/* ---- slots ------------------------------------------------------------- */

/*
 * scan_swap_map - a free slot of si (0 if there is none): the next one
 * of the current cluster, else the start of a new run of
 * SWAPFILE_CLUSTER free slots (looked for from cluster_next on, then
 * from the bottom), else the first free slot.  Does not take it.
 */
unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long off, run = 0, lo = si->lowest_bit, hi = si->highest_bit;
	int pass;

	if (si->inuse_pages >= si->pages)
		return 0;
	if (si->cluster_nr) {
		for (off = si->cluster_next; off <= hi; off++) {
			if (!si->swap_map[off]) {
				si->cluster_nr--;
				si->cluster_next = off + 1;
				return off;
			}
		}
		si->cluster_nr = 0;
	}
	for (pass = 0; pass < 2; pass++) {
		unsigned long from = pass ? lo : (si->cluster_next > lo ? si->cluster_next : lo);

		run = 0;
		for (off = from; off <= hi; off++) {
			if (si->swap_map[off]) {
				run = 0;
				continue;
			}
			if (++run == SWAPFILE_CLUSTER) {
				off -= SWAPFILE_CLUSTER - 1;
				si->cluster_nr = SWAPFILE_CLUSTER - 1;
				si->cluster_next = off + 1;
				return off;
			}
		}
	}
	for (off = lo; off <= hi; off++) {
		if (!si->swap_map[off]) {
			si->cluster_next = off + 1;
			return off;
		}
	}
	return 0;
}

/* A slot was taken: the bounds of the free ones and the totals. */
static void swap_range_alloc(struct swap_info_struct *si, unsigned long off)
{
	if (off == si->lowest_bit)
		si->lowest_bit++;
	if (off == si->highest_bit)
		si->highest_bit--;
	if (++si->inuse_pages == si->pages) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
	}
	nr_swap_pages--;
}

/* A slot's count reached 0: free again (and the device told, for zram). */
static void swap_range_free(struct swap_info_struct *si, unsigned long off)
{
	if (off < si->lowest_bit)
		si->lowest_bit = off;
	if (off > si->highest_bit)
		si->highest_bit = off;
	si->inuse_pages--;
	if (si->flags & SWP_WRITEOK)
		nr_swap_pages++;
	swap_slot_freed(si, off);
}

/* swap_range_alloc_init - the bounds of an area whose swap_map is set up. */
void swap_range_alloc_init(struct swap_info_struct *si)
{
	si->lowest_bit = 1;
	si->highest_bit = si->max - 1;
	while (si->lowest_bit < si->max && si->swap_map[si->lowest_bit])
		si->lowest_bit++;
	while (si->highest_bit && si->swap_map[si->highest_bit])
		si->highest_bit--;
	si->cluster_next = 1;
	si->cluster_nr = 0;
}

/*
 * get_swap_page - a slot for a page going to swap, with SWAP_HAS_CACHE
 * set (the page is about to enter the swap cache).  The area of highest
 * priority with a free slot; it then goes to the back of the areas of
 * its priority, so equal ones take turns.  val 0 if every area is full.
 */
swp_entry_t get_swap_page(void)
{
	struct swap_info_struct *si;
	swp_entry_t none = { 0 };

	if (nr_swap_pages <= 0)
		return none;
	list_for_each_entry(si, &swap_avail_head, avail) {
		unsigned long off = scan_swap_map(si);
		struct swap_info_struct *next;

		if (!off)
			continue;
		si->swap_map[off] = SWAP_HAS_CACHE;
		swap_range_alloc(si, off);
		/* round robin among equals: behind the last of its priority */
		next = si;
		while (next->avail.next != &swap_avail_head &&
		       list_entry(next->avail.next, struct swap_info_struct, avail)->prio == si->prio)
			next = list_entry(next->avail.next, struct swap_info_struct, avail);
		if (next != si)
			list_move(&si->avail, &next->avail);
		return swp_entry((unsigned)si->type, off);
	}
	return none;
}

/* The slot of e, if e names one of an area that is on (or going off). */
static unsigned short *swap_slot(swp_entry_t e)
{
	struct swap_info_struct *si;

	if (swp_type(e) >= MAX_SWAPFILES)
		return NULL;
	si = swap_info[swp_type(e)];
	if (!si || !(si->flags & SWP_USED) || !si->swap_map ||
	    swp_offset(e) == 0 || swp_offset(e) >= si->max)
		return NULL;
	return &si->swap_map[swp_offset(e)];
}

bool swap_entry_valid(swp_entry_t e)
{
	unsigned short *c = swap_slot(e);

	return c && *c && *c != SWAP_MAP_BAD;
}

/* A slot that must be in use; a kernel bug otherwise. */
static unsigned short *used_slot(swp_entry_t e, const char *who)
{
	unsigned short *c = swap_slot(e);

	if (!c || !*c || *c == SWAP_MAP_BAD)
		panic("%s: swap entry 0x%lx (type %u offset %lu) is not in use",
		      who, e.val, swp_type(e), swp_offset(e));
	return c;
}

static void slot_put(swp_entry_t e, unsigned short *c)
{
	if (!*c)
		swap_range_free(swp_info(e), swp_offset(e));
}

int swap_duplicate(swp_entry_t e)
{
	unsigned short *c = used_slot(e, "swap_duplicate");

	if (SWAP_COUNT(*c) >= SWAP_MAP_MAX)
		return -ENOMEM;
	(*c)++;
	return 0;
}

void swap_free(swp_entry_t e)
{
	unsigned short *c = used_slot(e, "swap_free");

	BUG_ON(!SWAP_COUNT(*c));
	(*c)--;
	slot_put(e, c);
}

void swapcache_free(swp_entry_t e)
{
	unsigned short *c = used_slot(e, "swapcache_free");

	BUG_ON(!(*c & SWAP_HAS_CACHE));
	*c &= ~SWAP_HAS_CACHE;
	slot_put(e, c);
}

/*
 * swapcache_prepare - a page for e is about to enter the swap cache (a
 * swap-in): SWAP_HAS_CACHE set, 0.  -EEXIST if one is there already,
 * -ENOENT if the slot is free (its last user went meanwhile).
 */
int swapcache_prepare(swp_entry_t e)
{
	unsigned short *c = swap_slot(e);

	if (!c || !SWAP_COUNT(*c) || *c == SWAP_MAP_BAD)
		return -ENOENT;
	if (*c & SWAP_HAS_CACHE)
		return -EEXIST;
	*c |= SWAP_HAS_CACHE;
	return 0;
}

int swap_count(swp_entry_t e)
{
	unsigned short *c = swap_slot(e);

	return c && *c != SWAP_MAP_BAD ? SWAP_COUNT(*c) : 0;
}

/*
 * free_swap_and_cache - a page-table entry holding e is gone (unmap,
 * exit).  If that was the slot's last user and its page sits in the
 * swap cache unmapped, the page goes too, unless someone holds it locked
 * (reclaim, a read): they find it orphaned and drop it themselves.
 */
void free_swap_and_cache(swp_entry_t e)
{
	unsigned short *c = used_slot(e, "free_swap_and_cache");
	struct page *page;

	BUG_ON(!SWAP_COUNT(*c));
	(*c)--;
	if (*c != SWAP_HAS_CACHE) {
		slot_put(e, c);
		return;
	}
	page = radix_tree_lookup(&swp_info(e)->cache, swp_offset(e));
	if (page && !PageWriteback(page) && page_mapcount(page) <= 0 && trylock_page(page)) {
		get_page(page);
		delete_from_swap_cache(page);
		page->mapping = NULL;		/* unmapped: its anon_vma may be gone */
		unlock_page(page);
		put_page(page);
	}
}

int swap_pte_dup(struct mm_struct *dst, swp_entry_t e)
{
	if (swap_duplicate(e))
		return -ENOMEM;
	dst->rss[MM_SWAPENTS]++;
	return 0;
}

void swap_pte_zap(struct mm_struct *mm, swp_entry_t e)
{
	mm->rss[MM_SWAPENTS]--;
	free_swap_and_cache(e);
}

long si_swapinfo_free(void)
{
	return nr_swap_pages;
}

/* ---- /proc/swaps --------------------------------------------------------- */

/*
 * Linux's format: a header, then per area its path padded to 40
 * columns, "partition" or "file", size and used in KiB, the priority.
 */
void show_swaps(struct seq_buf *s)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	int type;

	seq_printf(s, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	if (!buf)
		return;
	for (type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = swap_info[type];
		unsigned long size, used;
		char *path;
		int len;

		if (!si || !(si->flags & SWP_WRITEOK))
			continue;
		path = d_path(&si->swap_file->f_path, buf, PATH_MAX);
		if (IS_ERR(path))
			path = "?";
		len = (int)strlen(path);
		size = si->pages << (PAGE_SHIFT - 10);
		used = si->inuse_pages << (PAGE_SHIFT - 10);
		seq_printf(s, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", path, len < 40 ? 40 - len : 1, " ",
			   si->flags & SWP_BLKDEV ? "partition" : "file\t",
			   size, size < 10000000 ? "\t" : "", used, used < 10000000 ? "\t" : "",
			   si->prio);
	}
	kfree(buf);
}
VIEW(swaps, show_swaps);

/* ---- swapon ------------------------------------------------------------ */

/* Areas in swap_avail_head stay sorted by priority, highest first. */
static void add_to_avail_list(struct swap_info_struct *si)
{
	struct swap_info_struct *t;

	list_for_each_entry(t, &swap_avail_head, avail) {
		if (t->prio < si->prio) {
			list_add_tail(&si->avail, &t->avail);
			return;
		}
	}
	list_add_tail(&si->avail, &swap_avail_head);
}

/*
 * enable_swap_info - an area whose swap_map is set up goes on: its slots
 * may be handed out, and count in SwapTotal/SwapFree and the commit
 * limit.  (The host tests build areas by hand and call this.)
 */
void enable_swap_info(struct swap_info_struct *si, int prio)
{
	si->prio = prio;
	si->flags |= SWP_USED | SWP_WRITEOK;
	swap_info[si->type] = si;
	add_to_avail_list(si);
	nr_swap_pages += (long)(si->pages - si->inuse_pages);
	total_swap_pages += (long)si->pages;
}

/* Is inode an area other than self already?  (A device is claimed instead.) */
static bool area_busy(const struct swap_info_struct *self, struct inode *inode)
{
	int type;

	for (type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *si = swap_info[type];

		if (si && si != self && si->swap_file && si->swap_file->f_mapping->host == inode)
			return true;
	}
	return false;
}

/*
 * map_swap_file - the block under each page of a swap file (Linux's
 * generic_swapfile_activate, as a table).  A page whose blocks are not
 * contiguous and page-aligned on the device cannot be one bio: its slot
 * is marked bad.  A hole: -EINVAL ("swapfile has holes").
 */
static int map_swap_file(struct swap_info_struct *si, struct inode *inode)
{
	const struct address_space_operations *a_ops = inode->i_mapping->a_ops;
	unsigned blkbits = inode->i_blkbits;
	unsigned per_page = 1u << (PAGE_SHIFT - blkbits);
	unsigned long off;

	if (!a_ops->bmap)
		return -EINVAL;
	si->blocks = vzalloc(si->max * sizeof(u32));
	if (!si->blocks)
		return -ENOMEM;
	for (off = 1; off < si->max; off++) {
		sector_t first = a_ops->bmap(inode->i_mapping, (sector_t)off * per_page);
		unsigned i;

		if (!first) {
			printk("swapon: swapfile has holes\n");
			return -EINVAL;
		}
		for (i = 1; i < per_page; i++) {
			sector_t b = a_ops->bmap(inode->i_mapping, (sector_t)off * per_page + i);

			if (!b) {
				printk("swapon: swapfile has holes\n");
				return -EINVAL;
			}
			if (b != first + i)
				break;
		}
		if (i < per_page || (first & (per_page - 1))) {
			if (si->swap_map[off] != SWAP_MAP_BAD) {
				si->swap_map[off] = SWAP_MAP_BAD;
				si->pages--;
			}
			continue;
		}
		si->blocks[off] = (u32)(first >> (PAGE_SHIFT - blkbits));	/* in pages */
	}
	return 0;
}

static void free_swap_info(struct swap_info_struct *si)
{
	if (si->flags & SWP_CLAIMED)
		blkdev_put(si->bdev, si);
	if (si->swap_file)
		fput(si->swap_file);
	vfree(si->swap_map);
	vfree(si->blocks);
	swap_info[si->type] = NULL;
	kfree(si);
}

long sys_swapon(vaddr_t upath, int swap_flags)
{
	struct swap_info_struct *si;
	struct swap_header_info info;
	struct inode *inode;
	struct file *f;
	void *header = NULL;
	char *name;
	loff_t pos = 0;
	long err;
	int type;
	u32 i;

	if (swap_flags & ~SWAP_FLAGS_VALID)
		return -EINVAL;
	for (type = 0; type < MAX_SWAPFILES && swap_info[type]; type++)
		;
	if (type >= MAX_SWAPFILES)
		return -EPERM;			/* as Linux: no free entry in swap_info[] */
	si = kzalloc(sizeof(*si), GFP_KERNEL);
	if (!si)
		return -ENOMEM;
	si->type = type;
	si->flags = SWP_USED;
	radix_tree_init_root(&si->cache, GFP_KERNEL);
	INIT_LIST_HEAD(&si->avail);
	swap_info[type] = si;

	name = getname(upath);
	if (IS_ERR(name)) {
		err = PTR_ERR(name);
		goto bad;
	}
	f = filp_open(name, O_RDWR | O_LARGEFILE, 0, &err);
	putname(name);
	if (!f)
		goto bad;
	si->swap_file = f;
	inode = f->f_mapping->host;
	if (S_ISBLK(file_inode(f)->i_mode)) {
		si->bdev = blkdev_get_by_dev(file_inode(f)->i_rdev);
		si->flags |= SWP_BLKDEV;
	} else if (S_ISREG(inode->i_mode)) {
		si->bdev = inode->i_sb->s_bdev;
	} else {
		err = -EINVAL;
		goto bad;
	}
	if (!si->bdev) {
		err = -EINVAL;
		goto bad;
	}
	if (area_busy(si, inode) || (inode->i_flags & S_SWAPFILE)) {
		err = -EBUSY;
		goto bad;
	}
	if (si->flags & SWP_BLKDEV) {
		/* the device is ours alone: EBUSY if mounted or another area */
		err = blkdev_get(si->bdev, si);
		if (err)
			goto bad;
		si->flags |= SWP_CLAIMED;
	}
	if (si->bdev->bd_disk->rw_page)
		si->flags |= SWP_SYNC_IO;	/* zram: one page at once, without a bio */
	if (swap_flags & SWAP_FLAG_DISCARD)
		si->flags |= SWP_DISCARDABLE;

	header = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!header) {
		err = -ENOMEM;
		goto bad;
	}
	if (kernel_read(f, header, PAGE_SIZE, &pos) != PAGE_SIZE) {
		err = -EINVAL;
		goto bad;
	}
	err = swap_header_parse(header, SWP_OFFSET_LIMIT,
				(u64)i_size_read(inode) >> PAGE_SHIFT, S_ISREG(inode->i_mode), &info);
	if (err)
		goto bad;
	si->max = info.maxpages;
	si->pages = info.nr_good_pages;
	si->swap_map = vzalloc(si->max * sizeof(unsigned short));
	if (!si->swap_map) {
		err = -ENOMEM;
		goto bad;
	}
	si->swap_map[0] = SWAP_MAP_BAD;		/* the header */
	for (i = 0; i < info.nr_badpages; i++)
		if (info.badpages[i] < si->max)
			si->swap_map[info.badpages[i]] = SWAP_MAP_BAD;
	if (!(si->flags & SWP_BLKDEV)) {
		err = map_swap_file(si, inode);
		if (err)
			goto bad;
		if (!si->pages) {
			pr_warn("Empty swap-file\n");
			err = -EINVAL;
			goto bad;
		}
	}
	kfree(header);
	header = NULL;
	swap_range_alloc_init(si);

	inode->i_flags |= S_SWAPFILE;
	enable_swap_info(si, (swap_flags & SWAP_FLAG_PREFER) ?
			 (swap_flags & SWAP_FLAG_PRIO_MASK) >> SWAP_FLAG_PRIO_SHIFT :
			 --least_priority);
	{
		char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
		char *path = buf ? d_path(&f->f_path, buf, PATH_MAX) : NULL;

		printk("Adding %luk swap on %s.  Priority:%d extents:%d across:%luk %s%s\n",
		       si->pages << (PAGE_SHIFT - 10), path && !IS_ERR(path) ? path : "?", si->prio,
		       1, (si->max - 1) << (PAGE_SHIFT - 10),
		       (si->flags & SWP_SYNC_IO) ? "SS" : "", (si->flags & SWP_DISCARDABLE) ? "D" : "");
		kfree(buf);
	}
	return 0;
bad:
	kfree(header);
	free_swap_info(si);
	return err;
}

/* ---- swapoff ------------------------------------------------------------- */

/*
 * unuse_pte - the entry at addr of vma holds e, of the area going off:
 * read its page (from the swap cache if it is there) and map it back
 * (do_swap_page's work, in swapoff's task).  0, or -ENOMEM.
 */
static int unuse_pte(struct vm_area_struct *vma, vaddr_t addr, swp_entry_t e)
{
	int ret = do_swap_page(vma, addr, e, 0);

	return (ret & VM_FAULT_ERROR) ? -ENOMEM : 0;
}

/*
 * unuse_mm - every swap entry of `type` in mm's tables mapped back; 0 or
 * -ENOMEM.  A read sleeps, and mm's own task may change its VMAs
 * meanwhile: the VMA is looked up again after each page.
 */
static int unuse_mm(struct mm_struct *mm, unsigned type, bool *found)
{
	struct vm_area_struct *vma;
	vaddr_t va = 0;

	while ((vma = find_vma(mm, va)) != NULL) {
		vaddr_t at;
		swp_entry_t e;
		int err;

		if (va < vma->vm_start)
			va = vma->vm_start;
		at = arch_mmu_next_swap(mm, va, vma->vm_end, (int)type, &e);
		if (at >= vma->vm_end) {
			va = vma->vm_end;
			continue;
		}
		*found = true;
		err = unuse_pte(vma, at, e);
		if (err)
			return err;
		va = at + PAGE_SIZE;
	}
	return 0;
}

/*
 * try_to_unuse - bring every page of area `type` back into memory: each
 * page-table entry that holds one of its swap entries is mapped to the
 * page again (Linux's walk of every mm), then what is left in its swap
 * cache is dropped from it.  A read may sleep, and the task list may
 * change meanwhile: the walk starts again until a whole pass finds
 * nothing.  0, or -ENOMEM (the pages brought back so far stay in).
 */
int try_to_unuse(unsigned int type)
{
	struct swap_info_struct *si = swap_info[type];
	unsigned long off;
	bool found;

	do {
		struct task_struct *t;

		found = false;
		list_for_each_entry(t, &task_list, tasks) {
			struct mm_struct *mm = t->mm;
			int err;

			if (!mm || !si->inuse_pages)
				continue;
			mm->mm_users++;
			err = unuse_mm(mm, type, &found);
			mmput(mm);
			if (err)
				return err;
			if (found)
				break;		/* we may have slept: the list may have changed */
		}
		if (signal_pending(current))
			return -EINTR;
	} while (found);

	/* what is left: pages in the swap cache that no entry refers to */
	for (off = 1; off < si->max; off++) {
		struct page *page;

		if (si->swap_map[off] != SWAP_HAS_CACHE)
			continue;
		page = radix_tree_lookup(&si->cache, off);
		if (!page)
			continue;
		get_page(page);
		lock_page(page);
		wait_on_page_writeback(page);
		if (PageSwapCache(page) && page->private == swp_entry(type, off).val) {
			if (page_mapcount(page) > 0)
				SetPageDirty(page);	/* its only copy is in memory now */
			else
				page->mapping = NULL;
			delete_from_swap_cache(page);
		}
		unlock_page(page);
		put_page(page);
	}
	return si->inuse_pages ? -EBUSY : 0;
}

long sys_swapoff(vaddr_t upath)
{
	struct swap_info_struct *si = NULL;
	struct file *f;
	char *name;
	long err;
	int type;

	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	f = filp_open(name, O_RDWR | O_LARGEFILE, 0, &err);
	putname(name);
	if (!f)
		return err;
	for (type = 0; type < MAX_SWAPFILES; type++) {
		struct swap_info_struct *t = swap_info[type];

		if (t && (t->flags & SWP_WRITEOK) && t->swap_file->f_mapping == f->f_mapping) {
			si = t;
			break;
		}
	}
	fput(f);
	if (!si)
		return -EINVAL;
	/* the commit charge must still fit without this area (Linux's check) */
	if (__vm_enough_memory(current->mm, (long)si->pages, true))
		return -ENOMEM;
	vm_unacct_memory((long)si->pages);
	list_del(&si->avail);
	INIT_LIST_HEAD(&si->avail);
	si->flags &= ~SWP_WRITEOK;
	nr_swap_pages -= (long)(si->pages - si->inuse_pages);
	total_swap_pages -= (long)si->pages;
	err = try_to_unuse((unsigned)type);
	if (err) {
		/* back on, as it was */
		si->flags |= SWP_WRITEOK;
		add_to_avail_list(si);
		nr_swap_pages += (long)(si->pages - si->inuse_pages);
		total_swap_pages += (long)si->pages;
		return err;
	}
	if (si->prio < 0) {
		/* as Linux: the areas the kernel numbered after it move up one */
		for (type = 0; type < MAX_SWAPFILES; type++)
			if (swap_info[type] && swap_info[type] != si && swap_info[type]->prio < si->prio)
				swap_info[type]->prio++;
		least_priority++;
	}
	si->swap_file->f_mapping->host->i_flags &= ~S_SWAPFILE;
	free_swap_info(si);
	return 0;
}
