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
 * (mm/truncate.c).  Anonymous pages get their reverse map with reclaim.
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
