/*
 * mm/rmap.c - the reverse map of file pages: from a page of a file to
 * every page-table entry that maps it, through the VMAs on its mapping's
 * i_mmap list.  A file page at index i is mapped by a VMA of the file
 * covering pages [vm_pgoff, vm_pgoff + pages) at
 *
 *     vma->vm_start + (i - vma->vm_pgoff) * PAGE_SIZE
 *
 * if that VMA's entry there points at the page (a private VMA may hold
 * its own copy instead).  Writeback uses this to write-protect a page
 * before writing it (page_mkclean), truncation to unmap a file's tail
 * (mm/truncate.c), and reclaim to see whether a page was used lately
 * (page_referenced) and to take it out of every page table before it is
 * freed (try_to_unmap).  Anonymous pages have no reverse map yet: reclaim
 * does not scan them until there is swap to put them in.
 */
#include <kernel/types.h>
#include <kernel/fs.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <mm/vma.h>

/* i_mmap: a file VMA is linked from its creation to its end. */
void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	list_add_tail(&vma->vm_shared, &mapping->i_mmap);
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_WRITE))
		mapping->i_mmap_writable++;
}

void vma_unlink_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	list_del(&vma->vm_shared);
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_WRITE))
		mapping->i_mmap_writable--;
}

/* The address of page in vma, or 0 if the vma does not cover its index. */
static vaddr_t vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	unsigned long off;

	if (page->index < vma->vm_pgoff)
		return 0;
	off = page->index - vma->vm_pgoff;
	if (off >= vma_pages(vma))
		return 0;
	return vma->vm_start + (off << PAGE_SHIFT);
}

/*
 * page_mkclean - make every writable entry of a (locked) page-cache page
 * read-only, in every shared mapping.  Returns how many there were.
 */
int page_mkclean(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;
	int cleaned = 0;

	if (!mapping || PageAnon(page))
		return 0;
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		vaddr_t addr = vma_address(page, vma);
		paddr_t pa;
		unsigned flags;

		if (!addr || !(vma->vm_flags & VM_SHARED))
			continue;
		if (arch_mmu_query(vma->vm_mm, addr, &pa, &flags) ||
		    (pa & PAGE_MASK) != page_to_pa(page) || !(flags & MMU_WRITE))
			continue;
		arch_mmu_wrprotect_page(vma->vm_mm, addr);
		cleaned++;
	}
	return cleaned;
}

/*
 * page_referenced - how many page-table entries mapping a (locked) file
 * page were used since the last look: each young one is made old on the
 * way (arch_mmu_test_and_clear_young, with its TLB flush), so the next
 * call counts only new uses.  *vm_flags gets the flags of the VMAs whose
 * entries were young (VM_EXEC: code; VM_LOCKED: mlocked).
 */
int page_referenced(struct page *page, unsigned long *vm_flags)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;
	int referenced = 0;

	*vm_flags = 0;
	if (page_mapcount(page) <= 0 || !mapping || PageAnon(page))
		return 0;
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		vaddr_t addr = vma_address(page, vma);

		if (!addr)
			continue;
		if (vma->vm_flags & VM_LOCKED) {
			/* mlocked: referenced by definition, not looked at */
			if (arch_mmu_query(vma->vm_mm, addr, NULL, NULL) == 0) {
				*vm_flags |= vma->vm_flags;
				referenced++;
			}
			continue;
		}
		if (arch_mmu_test_and_clear_young(vma->vm_mm, addr, page_to_pa(page))) {
			referenced++;
			*vm_flags |= vma->vm_flags;
		}
	}
	return referenced;
}

/*
 * try_to_unmap - take a (locked) file page out of every page table that
 * maps it, for reclaim.  Each entry goes with its TLB entry, its count
 * (page_remove_rmap) and its reference.  The page stays in the page
 * cache; reclaim holds a reference of its own.  True if no entry is left.
 */
bool try_to_unmap(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct vm_area_struct *vma;

	if (!mapping || PageAnon(page))
		return page_mapcount(page) == 0;
	list_for_each_entry(vma, &mapping->i_mmap, vm_shared) {
		vaddr_t addr = vma_address(page, vma);

		if (!addr || (vma->vm_flags & VM_LOCKED))
			continue;
		if (arch_mmu_clear_pte(vma->vm_mm, addr, page_to_pa(page))) {
			update_hiwater_rss(vma->vm_mm);
			page_remove_rmap(vma->vm_mm, page);
			put_page(page);		/* the entry's reference */
		}
		if (page_mapcount(page) == 0)
			break;
	}
	return page_mapcount(page) == 0;
}

/*
 * page_in_locked_vma - is the file page mapped by a VM_LOCKED VMA other
 * than `except` (mm/mlock.c asks as one locked mapping goes)?
 */
bool page_in_locked_vma(struct page *page, const struct vm_area_struct *except)
{
	struct vm_area_struct *vma;

	if (!page->mapping || PageAnon(page))
		return false;
	list_for_each_entry(vma, &page->mapping->i_mmap, vm_shared) {
		vaddr_t addr = vma_address(page, vma);
		paddr_t pa;

		if (vma == except || !(vma->vm_flags & VM_LOCKED) || !addr)
			continue;
		if (!arch_mmu_query(vma->vm_mm, addr, &pa, NULL) &&
		    (pa & PAGE_MASK) == page_to_pa(page))
			return true;
	}
	return false;
}
