/*
 * mm/memory.c - page faults of user address spaces: demand paging, the
 * zero page, copy-on-write, file pages, stack growth (docs/page-faults.md).
 *
 * The path of a fault (arch/arm/fault.c decodes the hardware's report):
 *
 *   do_data_abort / do_prefetch_abort          arch/arm/fault.c
 *     -> handle_user_fault(mm, addr, access)   this file: which VMA, rights
 *          -> handle_mm_fault(vma, addr, ...)  what the entry should become
 *               not present, anonymous:  read  -> zero page, read-only
 *                                        write -> new zeroed page
 *               not present, file/shared:      -> page cache page
 *               present, write to read-only:   -> do_wp_page (COW rule)
 *
 * Minor faults are served from memory; major ones had to fill a page
 * from its backing store (the initramfs, through the page cache).
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/rmap.h>
#include <mm/vma.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <mm/memory.h>
#include <mm/vmstat.h>
#include <mm/arch_cache.h>
#include <mm/swap.h>
#include <kernel/sched.h>
#include <mm/mman.h>
#include <mm/mlock.h>
#include <mm/swapfile.h>

pfn_t zero_pfn;
struct page *zero_page;
unsigned long stack_guard_gap = 256 * PAGE_SIZE;	/* 1 MiB, as Linux */
unsigned long stack_limit = 8 * 1024 * 1024;		/* RLIMIT_STACK */

/* zero_page_init - the one page every first read of anonymous memory maps. */
void zero_page_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!zero_page);
	zero_pfn = page_to_pfn(zero_page);
	/* it is mapped into executable areas too: its zeros must reach the PoU */
	arch_sync_icache_range((vaddr_t)page_address(zero_page),
			       (vaddr_t)page_address(zero_page) + PAGE_SIZE);
}

enum cow_action cow_decide(bool is_zero, bool is_anon, int refcount)
{
	if (is_zero)
		return COW_ZERO_NEW;
	if (is_anon && refcount == 1)
		return COW_REUSE;
	return COW_COPY;
}

/* MMU rights for a page of vma; private writable pages start read-only
 * unless `writable` (the entry is this process's own page). */
static unsigned vma_mmu_flags(const struct vm_area_struct *vma, bool writable)
{
	unsigned f = MMU_USER;

	if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		f |= MMU_READ;
	if ((vma->vm_flags & VM_WRITE) && writable)
		f |= MMU_WRITE;
	if (vma->vm_flags & VM_EXEC)
		f |= MMU_EXEC;
	return f;
}

static void count_rss(struct mm_struct *mm, struct page *page, int delta)
{
	if (PageAnon(page))
		mm->rss[MM_ANONPAGES] += delta;
	else if (PageSwapBacked(page))
		mm->rss[MM_SHMEMPAGES] += delta;
	else
		mm->rss[MM_FILEPAGES] += delta;
}

void page_remove_rmap(struct mm_struct *mm, struct page *page)
{
	if (page == zero_page)
		return;
	if (--page->_mapcount < 0) {
		if (!PageAnon(page))
			nr_file_mapped--;	/* meminfo Mapped */
		if (unlikely(PageMlocked(page)))
			munlock_page(page);	/* no mapping, so no locked one (mm/mlock.c) */
	}
	count_rss(mm, page, -1);
}

void release_user_page(struct page *page)
{
	if (page == zero_page)
		return;
	/* its last mapping went, and no swap entry needs its slot: both go */
	if (unlikely(PageSwapCache(page)) && page_mapcount(page) <= 0 && trylock_page(page)) {
		try_to_free_swap(page);
		unlock_page(page);
	}
	if (page_ref_count(page) == 1 && PageAnon(page))
		page->mapping = NULL;	/* last reference: an ordinary page again */
	put_page(page);
}

void page_zap_rmap(struct mm_struct *mm, struct page *page)
{
	page_remove_rmap(mm, page);
	release_user_page(page);
}

/*
 * sync_exec_page - a page-cache page about to be mapped executable: its
 * bytes were written through the data side (read from disk by DMA, or
 * by write()), and the instruction side, which does not snoop it on
 * ARMv7, may hold stale lines for the same physical address: clean to the
 * point of unification, invalidate the I-cache (B2.2.9).  Done once per
 * page contents (PG_dcache_clean; flush_dcache_page clears it), as Linux
 * does at set_pte_at.
 */
static __noinline void sync_exec_page(struct page *page)
{
	void *k = kmap_atomic(page);

	arch_sync_icache_range((vaddr_t)k, (vaddr_t)k + PAGE_SIZE);
	kunmap_atomic(k);
	SetPageDcacheClean(page);
}

/* Map a page we hold a reference for; the reference becomes the mapping's. */
static int map_new_page(struct vm_area_struct *vma, vaddr_t addr,
			struct page *page, bool writable)
{
	struct mm_struct *mm = vma->vm_mm;

	if (unlikely((vma->vm_flags & VM_EXEC) && !PageAnon(page) && !PageDcacheClean(page)))
		sync_exec_page(page);
	if (arch_mmu_set(mm, addr, page_to_pa(page), vma_mmu_flags(vma, writable)))
		return VM_FAULT_OOM;
	if (page->_mapcount++ < 0 && !PageAnon(page))
		nr_file_mapped++;
	count_rss(mm, page, 1);		/* VmHWM follows lazily (update_hiwater_rss) */
	if (unlikely(vma->vm_flags & VM_LOCKED))
		mlock_page(page);	/* mapped by a locked VMA (mm/mlock.c) */
	return 0;
}

/*
 * A private page whose bytes were just written through the kernel's
 * mapping (zeros; or a page read back from swap, by the CPU from zram or
 * by DMA) is about to be mapped executable: its bytes to the PoU and the
 * I-cache invalidated, or a fetch could see what the page held before
 * (B2.2.9).
 */
static __noinline void sync_anon_exec_page(struct page *page)
{
	void *k = kmap_atomic(page);

	arch_sync_icache_range((vaddr_t)k, (vaddr_t)k + PAGE_SIZE);
	kunmap_atomic(k);
}

/*
 * alloc_anon_page - a page for anonymous memory of vma, zeroed if asked
 * (the caller has given vma its anon_vma: anon_vma_prepare).
 * The zeros were written through the kernel's mapping and may still sit
 * in the data cache; in an executable VMA they must reach the point of
 * unification before the page is mapped, or an instruction fetch could
 * see the page's old contents (B2.2.9): the same rule as for a copy.
 */
static __always_inline struct page *alloc_anon_page(const struct vm_area_struct *vma, bool zero)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | (zero ? __GFP_ZERO : 0));

	if (!page)
		return NULL;
	if (unlikely(zero && (vma->vm_flags & VM_EXEC)))
		sync_anon_exec_page(page);
	return page;
}

/*
 * map_anon_page - map a new private page of vma (held by the caller, whose
 * reference becomes the mapping's): its reverse map, the entry, and the
 * inactive anon list (through this CPU's LRU batch).
 */
static __always_inline int map_anon_page(struct vm_area_struct *vma, vaddr_t addr,
					 struct page *page)
{
	page_add_new_anon_rmap(page, vma, addr);
	if (map_new_page(vma, addr, page, true))
		return VM_FAULT_OOM;
	lru_cache_add(page);
	return 0;
}

/*
 * copy_user_highpage - copy a page that may be in HighMem.  Into an
 * executable mapping, the copy may be code: sync the I-cache with it.
 */
static void copy_user_highpage(struct page *to, struct page *from,
			       const struct vm_area_struct *vma)
{
	void *d = kmap_atomic(to);
	void *s = kmap_atomic(from);

	copy_page(d, s);
	if (vma->vm_flags & VM_EXEC)
		arch_sync_icache_range((vaddr_t)d, (vaddr_t)d + PAGE_SIZE);
	kunmap_atomic(s);
	kunmap_atomic(d);
}

/* A fault on an anonymous private page that is not present. */
static int do_anonymous_page(struct vm_area_struct *vma, vaddr_t addr, bool write)
{
	struct page *page;
	int ret;

	if (!write) {	/* first read: the shared zero page, read-only */
		if (arch_mmu_set(vma->vm_mm, addr, PFN_PHYS(zero_pfn), vma_mmu_flags(vma, false)))
			return VM_FAULT_OOM;
		return 0;
	}
	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	page = alloc_anon_page(vma, true);
	if (!page)
		return VM_FAULT_OOM;
	ret = map_anon_page(vma, addr, page);
	if (ret)
		put_page(page);
	return ret;
}

/*
 * do_shared_write - the first write through a shared mapping to page
 * (held by the caller): the file system's page_mkwrite makes it dirty,
 * then the entry becomes writable.
 */
static int do_shared_write(struct vm_fault *vmf, struct page *page, bool present)
{
	struct vm_area_struct *vma = vmf->vma;
	int ret = 0;

	vmf->page = page;
	if (vma->vm_ops->page_mkwrite) {
		ret = vma->vm_ops->page_mkwrite(vmf);
		if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
			return ret & VM_FAULT_ERROR;	/* NOPAGE: truncated, fault again */
	} else {
		lock_page(page);
		set_page_dirty(page);
	}
	if (present)
		ret = arch_mmu_set(vma->vm_mm, vmf->address, page_to_pa(page),
				   vma_mmu_flags(vma, true)) ? VM_FAULT_OOM : 0;
	else
		ret = map_new_page(vma, vmf->address, page, true);
	if (!ret && !present)
		get_page(page);		/* the new entry's reference */
	unlock_page(page);
	return ret;
}

/* A fault on a page of a file mapping (shared anonymous memory too) that is not present. */
static int do_file_page(struct vm_area_struct *vma, vaddr_t addr, unsigned flags)
{
	struct vm_fault vmf = {
		.vma = vma, .address = addr, .flags = flags,
		.pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
	};
	bool write = flags & FAULT_FLAG_WRITE;
	struct page *copy;
	int ret = vma->vm_ops->fault(&vmf), r;

	if (ret & VM_FAULT_ERROR)
		return ret;
	if (write && (vma->vm_flags & VM_SHARED)) {
		r = do_shared_write(&vmf, vmf.page, false);
	} else if (!write) {
		get_page(vmf.page);	/* the mapping's reference */
		r = map_new_page(vma, addr, vmf.page, false);
		if (r)
			put_page(vmf.page);
	} else {		/* a private write: our own copy at once */
		copy = anon_vma_prepare(vma) ? NULL : alloc_anon_page(vma, false);
		r = copy ? 0 : VM_FAULT_OOM;
		if (copy) {
			copy_user_highpage(copy, vmf.page, vma);
			r = map_anon_page(vma, addr, copy);
			if (r)
				put_page(copy);
		}
	}
	put_page(vmf.page);		/* fault()'s reference */
	return r ? r : (ret & VM_FAULT_MAJOR);
}

/*
 * do_wp_page - a write to a present, read-only page of a writable VMA:
 * copy-on-write, following the rule in include/mm/rmap.h; in a shared
 * mapping, the page becomes dirty and writable (do_shared_write).
 */
static int do_wp_page(struct vm_area_struct *vma, vaddr_t addr, paddr_t pa)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *old = phys_to_page(pa & PAGE_MASK), *page;

	if (vma->vm_flags & VM_SHARED) {
		struct vm_fault vmf = {
			.vma = vma, .address = addr, .flags = FAULT_FLAG_WRITE,
			.pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
		};
		int ret;

		get_page(old);
		ret = do_shared_write(&vmf, old, true);
		put_page(old);
		return ret;
	}
	/*
	 * A page read back from swap that only we map, and whose slot no
	 * other entry holds: out of the swap cache (its slot freed, as the
	 * copy there is about to go stale), and then it is ours alone.
	 */
	if (unlikely(PageSwapCache(old)) && page_mapcount(old) == 1 && trylock_page(old)) {
		try_to_free_swap(old);
		unlock_page(old);
	}
	/*
	 * A page still in the LRU batch holds the batch's reference too:
	 * put the batch on the lists first, or a page only we map would
	 * look shared and be copied (Linux's wp_can_reuse_anon_folio).
	 */
	if (PageAnon(old) && page_ref_count(old) > 1 && !PageLRU(old))
		lru_add_drain();
	switch (cow_decide(old == zero_page, PageAnon(old), page_ref_count(old))) {
	case COW_REUSE:
		count_vm_event(PGCOW_REUSE);
		page_move_anon_rmap(old, vma);	/* ours alone now: our own anon_vma */
		arch_mmu_set(mm, addr, pa & PAGE_MASK, vma_mmu_flags(vma, true));
		return 0;
	case COW_ZERO_NEW:
		if (unlikely(anon_vma_prepare(vma)))
			return VM_FAULT_OOM;
		page = alloc_anon_page(vma, true);
		break;
	default:
		count_vm_event(PGCOW_COPY);
		if (unlikely(anon_vma_prepare(vma)))
			return VM_FAULT_OOM;
		page = alloc_anon_page(vma, false);
		if (page)
			copy_user_highpage(page, old, vma);
		break;
	}
	if (!page)
		return VM_FAULT_OOM;
	if (map_anon_page(vma, addr, page)) {
		put_page(page);
		return VM_FAULT_OOM;
	}
	if (unlikely(vma->vm_flags & VM_LOCKED) && old != zero_page)
		munlock_vma_page(old, vma);	/* its locked mapping is the copy now */
	page_zap_rmap(mm, old);		/* the old page loses this mapping */
	return 0;
}

/*
 * swapin_direct - the fast way back for a slot of a synchronous device
 * (zram) that only this entry holds, as Linux's SWP_SYNCHRONOUS_IO path:
 * no swap cache, no read-ahead; a new page read at once, which is ours
 * alone (the slot is freed as the entry becomes the page).
 */
static int swapin_direct(struct vm_area_struct *vma, vaddr_t addr, swp_entry_t e)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = alloc_anon_page(vma, false);
	swp_entry_t now;

	if (!page)
		return VM_FAULT_OOM;
	page->private = e.val;
	SetPageLocked(page);
	SetPageSwapBacked(page);
	swap_readpage(page, true);
	page->private = 0;
	if (unlikely(PageError(page))) {
		ClearPageError(page);
		put_page(page);
		return VM_FAULT_SIGBUS;
	}
	/* the read may have slept for memory: is the entry still there? */
	if (!arch_mmu_get_swap(mm, addr, &now) || now.val != e.val) {
		put_page(page);
		return 0;
	}
	swap_free(e);
	mm->rss[MM_SWAPENTS]--;
	if (unlikely(vma->vm_flags & VM_EXEC))
		sync_anon_exec_page(page);
	map_anon_page(vma, addr, page);	/* cannot fail: the table holding e is there */
	return VM_FAULT_MAJOR;
}

/*
 * swapin_map_page - the end of a swap-in: the entry at addr of vma still
 * holds swap entry e (checked under the page lock), and page, locked and
 * in the swap cache, holds e's contents.  The entry now maps the page:
 *
 *   the entry's use of the slot ends     swap_free(e), and mm's swap
 *                                          entries (MM_SWAPENTS) one fewer
 *   exclusive: no other entry holds e    (swap_count) and no entry maps the
 *                                          page (page_mapcount)
 *   reverse map, if no entry maps the    exclusive: vma's own anon_vma;
 *     page yet (else it keeps its own)     shared: the root anon_vma of the
 *                                          VMA's family (include/mm/rmap.h);
 *                                          index: the address in pages
 *   exclusive, and a write, or swap      out of the swap cache, its slot
 *     more than half full, or a locked     freed (try_to_free_swap)
 *     VMA
 *   writable                             only if exclusive and out of the
 *                                          swap cache; else read-only, and
 *                                          a write takes do_wp_page
 *
 * Why the root for a shared page: the entries that still hold e belong
 * to the parent and the children of a fork, whose VMAs have anon_vmas of
 * their own, but every one of them is linked to the root; the next of
 * them to fault maps this same page (from the swap cache) and keeps its
 * reverse map, so only the root lets reclaim (try_to_unmap) and the
 * debug build's rmap_check_zap reach all of them.
 *
 * The caller's reference on the page becomes the mapping's.  Returns 0,
 * or VM_FAULT_OOM if the entry could not be set (the caller then drops
 * its reference); the page stays locked either way.
 */
static int swapin_map_page(struct vm_area_struct *vma, vaddr_t addr, swp_entry_t e,
			   struct page *page, bool write)
{
	bool exclusive;

	swap_free(e);				/* the entry's count: it maps the page now */
	vma->vm_mm->rss[MM_SWAPENTS]--;
	exclusive = !swap_count(e) && page_mapcount(page) <= 0;
	if (page_mapcount(page) <= 0) {
		struct anon_vma *av = exclusive ? vma->anon_vma : vma->anon_vma->root;

		page->mapping = (struct address_space *)((unsigned long)av | PAGE_MAPPING_ANON);
		page->index = linear_page_index(vma, addr);
	}
	if (exclusive && (write || vm_swap_full() || (vma->vm_flags & VM_LOCKED)))
		try_to_free_swap(page);
	return map_new_page(vma, addr, page, exclusive && !PageSwapCache(page));
}

/*
 * do_swap_page - a fault on an entry holding swap entry e: the page comes
 * back (docs/swap.md has the whole life).  From the swap cache if it is
 * there (a minor fault: reclaim had not finished with it, or a sharer
 * read it already, or read-ahead did); else read from the area with its
 * neighbours (a major fault).  Then the entry maps the page again and
 * the slot has one user fewer (swapin_map_page: who else may map the
 * page decides its reverse map and whether it is mapped writable).
 * Also swapoff's way back (try_to_unuse), with flags 0.
 */
int do_swap_page(struct vm_area_struct *vma, vaddr_t addr, swp_entry_t e, unsigned flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	swp_entry_t now;
	int ret = 0, err;

	if (unlikely(!swap_entry_valid(e))) {
		printk("do_swap_page: bad swap entry 0x%lx at 0x%08lx\n", e.val, (unsigned long)addr);
		return VM_FAULT_SIGBUS;
	}
	if (unlikely(anon_vma_prepare(vma)))
		return VM_FAULT_OOM;
	page = lookup_swap_cache(e);
	if (page) {
		if (PageReadahead(page)) {
			ClearPageReadahead(page);
			count_vm_event(SWAP_RA_HIT);
		}
	} else if ((swp_info(e)->flags & SWP_SYNC_IO) && swap_count(e) == 1) {
		return swapin_direct(vma, addr, e);
	} else {
		page = swapin_readahead(e, vma, addr);
		if (!page) {
			if (arch_mmu_get_swap(mm, addr, &now) && now.val == e.val)
				return VM_FAULT_OOM;
			return 0;		/* gone meanwhile: retry the access */
		}
		ret = VM_FAULT_MAJOR;
	}
	lock_page(page);			/* the read ends */
	if (!PageSwapCache(page) || page->private != e.val ||
	    !arch_mmu_get_swap(mm, addr, &now) || now.val != e.val) {
		unlock_page(page);		/* someone else got there first */
		put_page(page);
		return 0;
	}
	if (unlikely(!PageUptodate(page))) {	/* the read failed */
		unlock_page(page);
		put_page(page);
		return VM_FAULT_SIGBUS;
	}
	if (unlikely(vma->vm_flags & VM_EXEC))
		sync_anon_exec_page(page);	/* before any entry maps it */
	err = swapin_map_page(vma, addr, e, page, flags & FAULT_FLAG_WRITE);
	unlock_page(page);
	if (unlikely(err)) {
		put_page(page);
		return err;
	}
	return ret;
}

int handle_mm_fault(struct vm_area_struct *vma, vaddr_t addr, unsigned flags)
{
	paddr_t pa;
	unsigned pflags;
	bool write = flags & FAULT_FLAG_WRITE;

	addr &= PAGE_MASK;
	/*
	 * A translation fault says the entry is missing: no need to look.
	 * (One CPU, and the kernel does not switch tasks inside a fault, so
	 * nothing can have filled it in since.)
	 */
	if ((flags & FAULT_FLAG_PRESENT) &&
	    arch_mmu_query(vma->vm_mm, addr, &pa, &pflags) == 0) {
		if (write && !(pflags & MMU_WRITE))
			return do_wp_page(vma, addr, pa);
		return 0;	/* the rights were already enough */
	}
	if (!(flags & FAULT_FLAG_EMPTY)) {
		swp_entry_t e;

		if (arch_mmu_get_swap(vma->vm_mm, addr, &e))
			return do_swap_page(vma, addr, e, flags);
	}
	if (vma->vm_ops)
		return do_file_page(vma, addr, flags);
	return do_anonymous_page(vma, addr, write);
}

/*
 * get_user_page_write - the page at addr in mm, made present and writable
 * as a write fault would make it (allocated, or copied if shared).  For
 * building an address space that is not running yet (exec writes the new
 * stack through it).  Returns NULL if addr is in no writable VMA or there
 * is no memory.  No reference is taken: the page belongs to mm's table,
 * and nothing else can unmap it while the caller owns mm.
 */
struct page *get_user_page_write(struct mm_struct *mm, vaddr_t addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned flags = FAULT_FLAG_WRITE;
	unsigned mmu;
	paddr_t pa;

	if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_WRITE))
		return NULL;
	if (arch_mmu_query(mm, addr & PAGE_MASK, &pa, &mmu) == 0) {
		if (mmu & MMU_WRITE)
			return phys_to_page(pa & PAGE_MASK);
		flags |= FAULT_FLAG_PRESENT;
	}
	if (handle_mm_fault(vma, addr, flags) & VM_FAULT_ERROR)
		return NULL;
	if (arch_mmu_query(mm, addr & PAGE_MASK, &pa, &mmu) || !(mmu & MMU_WRITE))
		return NULL;
	return phys_to_page(pa & PAGE_MASK);
}

/*
 * expand_stack - grow the VM_GROWSDOWN vma down to cover addr, if that
 * stays within the stack limit and leaves the guard gap above the VMA
 * below, and the overcommit policy allows the growth to be charged (the
 * last check, as in Linux's acct_stack_growth).  Returns 0 or -ENOMEM.
 */
int expand_stack(struct mm_struct *mm, struct vm_area_struct *vma, vaddr_t addr)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);

	addr &= PAGE_MASK;
	if (!(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return -EINVAL;
	if (vma->vm_end - addr > stack_limit)
		return -ENOMEM;
	if (prev && addr < prev->vm_end + stack_guard_gap)
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) &&
	    vm_enough_memory(mm, (long)((vma->vm_start - addr) >> PAGE_SHIFT)))
		return -ENOMEM;
	mm->total_vm += (vma->vm_start - addr) >> PAGE_SHIFT;
	vma->vm_pgoff -= (vma->vm_start - addr) >> PAGE_SHIFT;	/* still its start in pages */
	vma->vm_start = addr;	/* still above prev: the tree order holds */
	return 0;
}

/*
 * handle_user_fault - the generic half of a fault at a user address.
 * access: FAULT_FLAG_WRITE / FAULT_FLAG_EXEC (else a read).  Returns 0 if
 * the access may be retried (counting a minor or major fault in *maj), or
 * a negative error with *why saying why the process must die: -EFAULT
 * (SIGSEGV), -EIO (SIGBUS: no such page in the file), -ENOMEM.
 */
int handle_user_fault(struct mm_struct *mm, vaddr_t addr, unsigned access,
		      bool *major, const char **why)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	int ret;

	*major = false;
	if (!vma) {
		*why = "no mapping";
		return -EFAULT;
	}
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN)) {
			*why = "no mapping";
			return -EFAULT;
		}
		if (expand_stack(mm, vma, addr)) {
			/* far below the stack's reach: just an unmapped address */
			*why = vma->vm_end - addr > stack_limit + stack_guard_gap ?
			       "no mapping" : "stack overflow (guard gap)";
			return -EFAULT;
		}
		vma_gap_update(mm, vma);	/* its start moved */
	}
	if ((access & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_WRITE)) {
		*why = "write to read-only";
		return -EFAULT;
	}
	if ((access & FAULT_FLAG_EXEC) && !(vma->vm_flags & VM_EXEC)) {
		*why = "execute-never";
		return -EFAULT;
	}
	if (!(vma->vm_flags & VM_ACCESS_MASK)) {
		*why = "no access (PROT_NONE)";
		return -EFAULT;
	}
	current->in_fault = true;	/* the OOM reaper leaves our tables alone */
	ret = handle_mm_fault(vma, addr, access);	/* a call: `break handle_mm_fault` (docs/gdb.md) */
	current->in_fault = false;
	if (ret & VM_FAULT_OOM) {
		*why = "out of memory";
		return -ENOMEM;
	}
	if (ret & VM_FAULT_SIGBUS) {
		*why = "access beyond the end of the file";
		return -EIO;		/* SIGBUS, as Linux */
	}
	*major = ret & VM_FAULT_MAJOR;
	count_vm_event(PGFAULT);
	if (*major)
		count_vm_event(PGMAJFAULT);
	return 0;
}
