/*
 * kernel/fs/proc_page.c - the binary page files of /proc, in Linux's
 * format (Documentation/admin-guide/mm/pagemap.rst):
 *
 *   /proc/kpagecount     one u64 per page frame: how many page tables map it
 *   /proc/kpageflags     one u64 per page frame: its flags, KPF_* bits below
 *   /proc/<pid>/pagemap  one u64 per virtual page of the process: present?
 *                        which frame?  (bits below)
 *
 * Entry i of kpagecount and kpageflags is PFN i as Linux numbers frames
 * (physical address >> 12), so the files start with the PFNs below RAM
 * (0x60000 of them on vexpress-a9): those, and holes between banks, have
 * no struct page and read 0 in kpagecount, KPF_NOPAGE in kpageflags.  The
 * files end at max_pfn; pagemap ends at TASK_SIZE.
 *
 * read(fd, buf, n) at position pos, as Linux:
 *   pos or n not a multiple of 8   EINVAL
 *   pos at or past the end         0 (end of file)
 *   buf not writable               EFAULT
 * and lseek takes SEEK_SET and SEEK_CUR only (Linux's mem_lseek).  A page
 * tool reads the entry of page p with pread(fd, &e, 8, p * 8).
 *
 * Entries are made KPM_CHUNK at a time into a buffer on the kernel stack,
 * then copied out: copy_to_user may fault in the user's buffer (and sleep),
 * and nothing read from a struct page or a page table must be held across
 * that.  Each chunk looks the task up again for the same reason.
 *
 * One difference: 32-bit Linux cuts the position to an unsigned long, so
 * there pos 2^32 reads PFN 0 again; here every position up to the end is
 * what it says and the rest is end of file.
 */
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <kernel/procfs.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/memblock.h>
#include <mm/arch_mmu.h>

#define KPMSIZE		8		/* bytes per entry */
#define KPM_CHUNK	64		/* entries made before each copy out */

/*
 * kpageflags bits: Linux's numbers (include/uapi/linux/kernel-page-flags.h,
 * 0-26 stable; include/linux/kernel-page-flags.h, 32 up, "subject to
 * change").  Where each comes from here:
 *
 *   bit  KPF_          from
 *   ---  ------------  -----------------------------------------------------
 *    0   LOCKED        PG_locked
 *    1   ERROR         PG_error
 *    2   REFERENCED    PG_referenced
 *    3   UPTODATE      PG_uptodate
 *    4   DIRTY         PG_dirty
 *    5   LRU           PG_lru
 *    6   ACTIVE        PG_active
 *    7   SLAB          PG_slab (every page of a slab has it here)
 *    8   WRITEBACK     PG_writeback
 *    9   RECLAIM       PG_reclaim, and PG_readahead: in Linux the two are
 *                      one bit (PG_readahead = PG_reclaim), so page-types
 *                      shows a readahead page as "I:reclaim" there too
 *   10   BUDDY         PG_buddy on the head of a free block, and any free
 *                      page inside a free block (Linux's is_free_buddy_page)
 *   11   MMAP          page_mapcount > 0 (not for slab and buddy pages)
 *   12   ANON          PageAnon
 *   13   SWAPCACHE     PG_swapcache
 *   14   SWAPBACKED    PG_swapbacked
 *   15   COMPOUND_HEAD PG_large_kmalloc: Linux makes a large kmalloc a
 *                      compound page; here only its first page is marked,
 *                      so there is no COMPOUND_TAIL (16)
 *   18   UNEVICTABLE   PG_unevictable
 *   20   NOPAGE        no struct page: below RAM, a hole
 *   24   ZERO_PAGE     the shared zero page
 *   26   PGTABLE       - (page-table pages carry no flag here)
 *   32   RESERVED      PG_reserved
 *   33   MLOCKED       PG_mlocked
 *   34   MAPPEDTODISK  PG_mappedtodisk
 *   35   PRIVATE       PG_private
 *   38   ARCH          PG_dcache_clean (ARM Linux's PG_arch_1 is that bit)
 *
 * Never set: HUGE 17, HWPOISON 19, KSM 21, THP 22, OFFLINE 23, IDLE 25
 * (nothing here has them).  PG_tlb_pending and PG_waiters are kernel
 * bookkeeping that Linux does not export either.
 */
#define KPF_LOCKED		0
#define KPF_ERROR		1
#define KPF_REFERENCED		2
#define KPF_UPTODATE		3
#define KPF_DIRTY		4
#define KPF_LRU			5
#define KPF_ACTIVE		6
#define KPF_SLAB		7
#define KPF_WRITEBACK		8
#define KPF_RECLAIM		9
#define KPF_BUDDY		10
#define KPF_MMAP		11
#define KPF_ANON		12
#define KPF_SWAPCACHE		13
#define KPF_SWAPBACKED		14
#define KPF_COMPOUND_HEAD	15
#define KPF_UNEVICTABLE		18
#define KPF_NOPAGE		20
#define KPF_ZERO_PAGE		24
#define KPF_RESERVED		32
#define KPF_MLOCKED		33
#define KPF_MAPPEDTODISK	34
#define KPF_PRIVATE		35
#define KPF_ARCH		38

/*
 * pagemap entry bits (fs/proc/task_mmu.c in Linux):
 *
 *   bits   meaning
 *   -----  -----------------------------------------------------------------
 *   0-54   PFN, when present
 *   55     soft-dirty: always 0 (32-bit ARM has no soft-dirty tracking)
 *   56     mapped exclusively: the page's mapcount is 1
 *   61     a file page or shared anonymous memory (not PageAnon)
 *   62     swapped: then bits 0-4 hold the swap type and 5-54 the offset
 *          (Linux's layout, whatever the page-table encoding)
 *   63     present
 *
 * The zero page and memory that is not RAM are mapped but have no
 * "normal" page (Linux's vm_normal_page is NULL): present with a PFN,
 * neither file nor exclusive.  An address with nothing mapped is 0.
 */
#define PM_PFRAME_MASK		((1ULL << 55) - 1)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_SWAP_TYPE_BITS	5	/* Linux's MAX_SWAPFILES_SHIFT */
#define PM_PRESENT		(1ULL << 63)

/* The struct page of a RAM frame, or NULL (below RAM, a hole, past the end). */
static struct page *pfn_to_ram_page(pfn_t pfn)
{
	if (pfn < min_low_pfn || pfn >= max_pfn || !memblock_is_memory(PFN_PHYS(pfn)))
		return NULL;
	return pfn_to_page(pfn);
}

/* Linux's is_free_buddy_page: pfn lies inside a free block of the buddy lists. */
static bool in_free_block(pfn_t pfn)
{
	unsigned order;

	for (order = 0; order < MAX_ORDER; order++) {
		pfn_t head = pfn & ~(pfn_t)((1UL << order) - 1);
		struct page *p;

		if (head < PHYS_PFN_OFFSET)
			break;
		p = pfn_to_page(head);
		if (PageBuddy(p) && p->private >= order)
			return true;
	}
	return false;
}

static u64 kpagecount_entry(pfn_t pfn)
{
	struct page *page = pfn_to_ram_page(pfn);

	/* _mapcount means something only for pages that can be mapped */
	if (!page || PageSlab(page) || PageBuddy(page) || page_mapcount(page) < 0)
		return 0;
	return (u64)page_mapcount(page);
}

static inline u64 kpf_bit(const struct page *page, unsigned pg, unsigned kpf)
{
	return (u64)((page->flags >> pg) & 1) << kpf;
}

static u64 kpageflags_entry(pfn_t pfn)
{
	struct page *page = pfn_to_ram_page(pfn);
	u64 u = 0;

	if (!page)
		return 1ULL << KPF_NOPAGE;
	if (!PageSlab(page) && !PageBuddy(page) && page_mapcount(page) > 0)
		u |= 1ULL << KPF_MMAP;
	if (PageAnon(page))
		u |= 1ULL << KPF_ANON;
	if (is_zero_pfn(pfn))
		u |= 1ULL << KPF_ZERO_PAGE;
	if (PageBuddy(page) || (page_ref_count(page) == 0 && in_free_block(pfn)))
		u |= 1ULL << KPF_BUDDY;
	u |= kpf_bit(page, PG_locked, KPF_LOCKED) | kpf_bit(page, PG_error, KPF_ERROR) |
	     kpf_bit(page, PG_referenced, KPF_REFERENCED) |
	     kpf_bit(page, PG_uptodate, KPF_UPTODATE) | kpf_bit(page, PG_dirty, KPF_DIRTY) |
	     kpf_bit(page, PG_lru, KPF_LRU) | kpf_bit(page, PG_active, KPF_ACTIVE) |
	     kpf_bit(page, PG_slab, KPF_SLAB) | kpf_bit(page, PG_writeback, KPF_WRITEBACK) |
	     kpf_bit(page, PG_reclaim, KPF_RECLAIM) | kpf_bit(page, PG_readahead, KPF_RECLAIM) |
	     kpf_bit(page, PG_swapbacked, KPF_SWAPBACKED) |
	     kpf_bit(page, PG_swapcache, KPF_SWAPCACHE) |
	     kpf_bit(page, PG_large_kmalloc, KPF_COMPOUND_HEAD) |
	     kpf_bit(page, PG_unevictable, KPF_UNEVICTABLE) |
	     kpf_bit(page, PG_reserved, KPF_RESERVED) | kpf_bit(page, PG_mlocked, KPF_MLOCKED) |
	     kpf_bit(page, PG_mappedtodisk, KPF_MAPPEDTODISK) |
	     kpf_bit(page, PG_private, KPF_PRIVATE) | kpf_bit(page, PG_dcache_clean, KPF_ARCH);
	return u;
}

/*
 * Check a read of n bytes at pos of a file of `end` bytes of entries:
 * 1 to go on (with *n cut to the end), else what read() returns:
 * -EINVAL, or 0 at the end.
 */
static ssize_t kpm_check(loff_t pos, size_t *n, loff_t end)
{
	if ((pos % KPMSIZE) || (*n % KPMSIZE))
		return -EINVAL;
	if (pos >= end)
		return 0;
	if ((loff_t)*n > end - pos)
		*n = (size_t)(end - pos);
	return 1;
}

/* kpagecount and kpageflags: entry(pfn) for each PFN from *pos / 8. */
static ssize_t read_pfn_file(vaddr_t buf, size_t n, loff_t *pos, u64 (*entry)(pfn_t))
{
	u64 chunk[KPM_CHUNK];
	size_t done = 0, k, m;
	ssize_t go = kpm_check(*pos, &n, (loff_t)max_pfn * KPMSIZE);

	if (go <= 0)
		return go;
	while (done < n) {
		pfn_t pfn = (pfn_t)((*pos + (loff_t)done) / KPMSIZE);

		m = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		for (k = 0; k < m / KPMSIZE; k++)
			chunk[k] = entry(pfn + (pfn_t)k);
		if (copy_to_user(buf + done, chunk, m))
			return -EFAULT;
		done += m;
	}
	*pos += (loff_t)done;
	return (ssize_t)done;
}

ssize_t proc_kpagecount_read(int pid, vaddr_t buf, size_t n, loff_t *pos)
{
	return read_pfn_file(buf, n, pos, kpagecount_entry);
}

ssize_t proc_kpageflags_read(int pid, vaddr_t buf, size_t n, loff_t *pos)
{
	return read_pfn_file(buf, n, pos, kpageflags_entry);
}

static u64 pagemap_entry(struct mm_struct *mm, vaddr_t va)
{
	struct page *page;
	paddr_t pa;
	u64 e;

	if (arch_mmu_query(mm, va, &pa, NULL)) {
		swp_entry_t s;

		if (!arch_mmu_get_swap(mm, va, &s))
			return 0;
		return PM_SWAP | ((swp_type(s) | ((u64)swp_offset(s) << PM_SWAP_TYPE_BITS)) &
				  PM_PFRAME_MASK);
	}
	e = PM_PRESENT | ((u64)PHYS_PFN(pa) & PM_PFRAME_MASK);
	page = pfn_to_ram_page(PHYS_PFN(pa));
	if (!page || page == zero_page)
		return e;
	if (!PageAnon(page))
		e |= PM_FILE;
	if (page_mapcount(page) == 1)
		e |= PM_MMAP_EXCLUSIVE;
	return e;
}

/*
 * /proc/<pid>/pagemap: entry i is virtual page i of the task.  A task
 * without an address space (a kernel thread), or one gone, reads as
 * empty, as in Linux.  (Linux holds the mm it opened on; the pid is
 * looked up again here, so after an exec the file shows the new image.)
 */
ssize_t proc_pagemap_read(int pid, vaddr_t buf, size_t n, loff_t *pos)
{
	struct task_struct *t = find_task(pid);
	u64 chunk[KPM_CHUNK];
	size_t done = 0, k, m;
	ssize_t go;

	if (!t || !t->mm)
		return 0;
	go = kpm_check(*pos, &n, (loff_t)(TASK_SIZE >> PAGE_SHIFT) * KPMSIZE);
	if (go <= 0)
		return go;
	while (done < n) {
		vaddr_t va = (vaddr_t)((*pos + (loff_t)done) / KPMSIZE) << PAGE_SHIFT;

		t = find_task(pid);
		if (!t || !t->mm)
			break;
		m = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
		for (k = 0; k < m / KPMSIZE; k++)
			chunk[k] = pagemap_entry(t->mm, va + (vaddr_t)(k << PAGE_SHIFT));
		if (copy_to_user(buf + done, chunk, m))
			return -EFAULT;
		done += m;
	}
	*pos += (loff_t)done;
	return (ssize_t)done;
}
