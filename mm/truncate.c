/*
 * mm/truncate.c - taking pages out of the page cache: truncation (the
 * file got shorter or is being freed) and invalidation (drop what is
 * clean and unused: drop_caches, a clean inode leaving the icache).
 *
 *   truncate_inode_pages     every page from an offset on goes, dirty or
 *                            not (the data is gone from the file): waits
 *                            for I/O on them; a partial page at the new
 *                            end has its tail zeroed
 *   invalidate_mapping_pages only what can go without loss: clean, not
 *                            locked, not under writeback, not mapped
 *   unmap_mapping_range      the page-table entries of a range, in every
 *                            process (through the i_mmap list), before
 *                            the pages themselves can go
 */
#include <kernel/types.h>
#include <kernel/fs.h>
#include <kernel/bug.h>
#include <kernel/irqflags.h>
#include <mm/mm.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/swap.h>
#include <mm/writeback.h>
#include <mm/rmap.h>
#include <mm/tlb.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <mm/vma.h>

#define TRUNC_BATCH	16

/* Remove one locked page that is about to be truncated. */
static void truncate_complete_page(struct address_space *mapping, struct page *page)
{
	if (page->mapping != mapping)
		return;
	if (PagePrivate(page) && mapping->a_ops->releasepage)
		mapping->a_ops->releasepage(page);	/* buffers: forced here */
	if (PageDirty(page) && !PageSwapBacked(page))
		account_page_cleaned(page);
	delete_from_page_cache(page);
}

/*
 * truncate_inode_pages - remove every page from byte lstart on.  The
 * page containing lstart (if lstart is not page aligned) stays, with the
 * bytes from lstart zeroed.
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	unsigned long start = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned partial = (unsigned)(lstart & ~PAGE_MASK);
	struct page *pages[TRUNC_BATCH];
	unsigned long index = start;
	unsigned n, i;

	while (mapping->nrpages &&
	       (n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages, index,
					   TRUNC_BATCH))) {
		for (i = 0; i < n; i++)
			get_page(pages[i]);
		index = pages[n - 1]->index + 1;
		for (i = 0; i < n; i++) {
			lock_page(pages[i]);
			wait_on_page_writeback(pages[i]);
			truncate_complete_page(mapping, pages[i]);
			unlock_page(pages[i]);
			put_page(pages[i]);
		}
	}
	if (partial) {
		struct page *page = find_lock_page(mapping, (unsigned long)(lstart >> PAGE_SHIFT));

		if (page) {
			wait_on_page_writeback(page);
			ClearPageMappedToDisk(page);	/* its tail blocks go */
			zero_user(page, partial, PAGE_SIZE - partial);
			flush_dcache_page(page);
			unlock_page(page);
			put_page(page);
		}
	}
}

void truncate_inode_pages_final(struct address_space *mapping)
{
	truncate_inode_pages(mapping, 0);
}

/*
 * unmap_mapping_range - clear the entries that map file bytes [start,
 * start+len) (len 0: to the end) in every VMA of the file, private copies
 * of those pages included (even_cows: a truncated file's private pages
 * beyond the new end must fault, and get SIGBUS, too).
 */
void unmap_mapping_range(struct address_space *mapping, loff_t start, loff_t len,
			 bool even_cows)
{
	unsigned long first = (unsigned long)(start >> PAGE_SHIFT);
	unsigned long last = len ? (unsigned long)((start + len - 1) >> PAGE_SHIFT) : ~0UL;
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		unsigned long vfirst = vma->vm_pgoff, vlast = vma->vm_pgoff + vma_pages(vma) - 1;
		struct mmu_gather tlb;
		vaddr_t from, to;

		if (vlast < first || vfirst > last)
			continue;
		if (!even_cows && !(vma->vm_flags & VM_SHARED))
			continue;
		from = vma->vm_start + ((first > vfirst ? first - vfirst : 0) << PAGE_SHIFT);
		to = last >= vlast ? vma->vm_end : vma->vm_start + ((last - vfirst + 1) << PAGE_SHIFT);
		tlb_gather_mmu(&tlb, vma->vm_mm);
		arch_mmu_zap_range(&tlb, from, to);
		tlb_finish_mmu(&tlb);
	}
}

void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = (loff_t)ALIGN_UP((u64)newsize, PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin, 0, true);
	truncate_inode_pages(mapping, newsize);
	unmap_mapping_range(mapping, holebegin, 0, true);	/* faulted in meanwhile */
}

void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t old = inode->i_size;

	i_size_write(inode, newsize);
	if (newsize < old)
		truncate_pagecache(inode, newsize);
}

/*
 * invalidate_mapping_pages - drop the pages of [start, end] that can go
 * without losing anything.  Returns how many went.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping, unsigned long start,
				       unsigned long end)
{
	struct page *pages[TRUNC_BATCH];
	unsigned long index = start, freed = 0;
	unsigned n, i;

	lru_add_drain();	/* the LRU batch holds a reference to its pages */
	while (index <= end && (n = radix_tree_gang_lookup(&mapping->i_pages, (void **)pages,
							     index, TRUNC_BATCH))) {
		index = pages[n - 1]->index + 1;
		for (i = 0; i < n; i++) {
			struct page *page = pages[i];

			if (page->index > end)
				break;
			if (!trylock_page(page))
				continue;
			if (!PageDirty(page) && !PageWriteback(page) && !page_mapcount(page) &&
			    page_ref_count(page) == 1 &&
			    (!PagePrivate(page) || !mapping->a_ops->releasepage ||
			     mapping->a_ops->releasepage(page))) {
				get_page(page);
				delete_from_page_cache(page);
				unlock_page(page);
				put_page(page);		/* the last reference: freed */
				freed++;
				continue;
			}
			unlock_page(page);
		}
		if (!index)
			break;
	}
	return freed;
}
