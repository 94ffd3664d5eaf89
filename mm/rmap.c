/*
 * mm/rmap.c - the reverse map: from a page to every page-table entry that
 * maps it.  Reclaim uses it to see whether a page was used lately
 * (page_referenced) and to take it out of every page table before it is
 * freed (try_to_unmap), writeback to write-protect a page before writing
 * it (page_mkclean), truncation to unmap a file's tail (mm/truncate.c).
 *
 * A page at index i is mapped by a VMA covering pages [vm_pgoff,
 * vm_pgoff + pages) at
 *
 *     vma->vm_start + (i - vma->vm_pgoff) * PAGE_SIZE
 *
 * if that VMA's entry there points at the page (a private VMA may hold
 * its own copy instead).  Which VMAs to try depends on the page:
 *
 *   file page   (mapping = its address_space)  the VMAs on mapping->i_mmap
 *   anonymous   (mapping = anon_vma | 1)       the VMAs on anon_vma->head
 *
 * Anonymous pages: the anon_vma chains (Linux's since 2.6.34).  A fork
 * shares every private page of the parent with the child, and either may
 * later copy it, so a page made by a VMA may be mapped by that VMA's
 * descendants in other processes, and by nobody else.  Each VMA that has
 * private pages gets an anon_vma of its own; its pages point at it.  A
 * child's VMA is linked (one anon_vma_chain per link) to its parent VMA's
 * anon_vma and to every anon_vma the parent VMA was linked to, and gets an
 * anon_vma of its own for the pages it makes itself.  So:
 *
 *   parent VMA P: anon_vma A        chains P-A
 *   fork -> child VMA C             chains C-A, C-B (B: C's own anon_vma)
 *   C forks -> grandchild G         chains G-A, G-B, G-D
 *
 *   a page made by P (before or after the fork) points at A: try P, C, G
 *   a page made by C (a COW copy or a new page) points at B: try C, G
 *
 * A walk looks at exactly the VMAs that could map the page, not at
 * every process.  An anonymous VMA's vm_pgoff is its start in pages and
 * stays so (no mremap here), so page->index is the page's address.
 * A split links the new half to the same anon_vmas; VMAs merge only if
 * they share their anon_vma or one has none (then the survivor takes the
 * other's links).  An anon_vma is freed with its last link; a page still
 * pointing at it then is mapped by nobody, and the walks look only at
 * mapped pages.
 *
 * Left out from Linux: the interval tree in each anon_vma (a list here:
 * each VMA on it is checked), the reuse of an anon_vma nobody maps
 * through any more (anon_vma->degree, which bounds the chains of a
 * process that forks forever), and the locks (one CPU; the SMP issue
 * gives the anon_vma and i_mmap their own).
 */
#include <kernel/types.h>
#include <kernel/fs.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/filemap.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <mm/vma.h>
#include <mm/swapfile.h>
#include <mm/slab.h>
#include <kernel/bug.h>
#include <kernel/errno.h>

static struct kmem_cache *anon_vma_cachep, *anon_vma_chain_cachep;

void anon_vma_init(void)
{
	anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0, 0, NULL);
	anon_vma_chain_cachep = kmem_cache_create("anon_vma_chain",
						  sizeof(struct anon_vma_chain), 0, 0, NULL);
	BUG_ON(!anon_vma_cachep || !anon_vma_chain_cachep);
}

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *av = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);

	if (av) {
		av->root = av;
		INIT_LIST_HEAD(&av->head);
		av->nr_vmas = 0;
	}
	return av;
}

/* One link: vma may map pages of av. */
static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *av)
{
	avc->vma = vma;
	avc->anon_vma = av;
	list_add_tail(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->same_anon_vma, &av->head);
	av->nr_vmas++;
}

/*
 * anon_vma_prepare - vma is about to get its first private page: give it
 * an anon_vma (at the first fault, as Linux: most VMAs never need one).
 */
int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma *av;
	struct anon_vma_chain *avc;

	av = anon_vma_alloc();
	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!av || !avc) {
		if (av)
			kmem_cache_free(anon_vma_cachep, av);
		if (avc)
			kmem_cache_free(anon_vma_chain_cachep, avc);
		return -ENOMEM;
	}
	anon_vma_chain_link(vma, avc, av);
	vma->anon_vma = av;
	return 0;
}

/*
 * unlink_anon_vmas - vma goes (its pages are unmapped already): drop its
 * links, and every anon_vma left with none.
 */
void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *n;

	list_for_each_entry_safe(avc, n, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *av = avc->anon_vma;

		list_del(&avc->same_vma);
		list_del(&avc->same_anon_vma);
		if (--av->nr_vmas == 0)
			kmem_cache_free(anon_vma_cachep, av);
		kmem_cache_free(anon_vma_chain_cachep, avc);
	}
	vma->anon_vma = NULL;
}

/*
 * anon_vma_clone - link dst (a new VMA with an empty chain) to every
 * anon_vma src is on, and give it src's anon_vma: a split's two halves
 * map the same pages.  On -ENOMEM dst is left with no links.
 */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;

	INIT_LIST_HEAD(&dst->anon_vma_chain);
	dst->anon_vma = NULL;
	list_for_each_entry(pavc, &src->anon_vma_chain, same_vma) {
		avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
		if (!avc) {
			unlink_anon_vmas(dst);
			return -ENOMEM;
		}
		anon_vma_chain_link(dst, avc, pavc->anon_vma);
	}
	dst->anon_vma = src->anon_vma;
	return 0;
}

/*
 * anon_vma_fork - vma is the child's copy of pvma: linked to everything
 * pvma is on (the pages they share), plus an anon_vma of its own for the
 * pages it will make (its COW copies), which the parent cannot map.
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma *av;
	struct anon_vma_chain *avc;

	INIT_LIST_HEAD(&vma->anon_vma_chain);
	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;		/* no private page yet: nothing to share */
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	av = anon_vma_alloc();
	avc = kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
	if (!av || !avc) {
		if (av)
			kmem_cache_free(anon_vma_cachep, av);
		if (avc)
			kmem_cache_free(anon_vma_chain_cachep, avc);
		unlink_anon_vmas(vma);
		return -ENOMEM;
	}
	av->root = pvma->anon_vma->root;
	anon_vma_chain_link(vma, avc, av);
	vma->anon_vma = av;
	return 0;
}

/*
 * May a (below) and b (above) be one VMA as far as their pages go?  The
 * same anon_vma, or one of them has none yet.  (Linux also asks that the
 * one with links has a single one: a VMA from a fork, linked to its
 * ancestors, is not merged into one without.  Here the links move with
 * the merge, which is as correct: the survivor may map what either did.)
 */
bool anon_vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return !a->anon_vma || !b->anon_vma || a->anon_vma == b->anon_vma;
}

/*
 * anon_vma_merge - gone is being merged into its neighbour `into` and
 * will be freed.  If into had no anon_vma, gone's links become its own;
 * otherwise they are the same anon_vmas and are dropped with gone.
 */
void anon_vma_merge(struct vm_area_struct *into, struct vm_area_struct *gone)
{
	struct anon_vma_chain *avc;

	if (into->anon_vma || !gone->anon_vma)
		return;
	list_for_each_entry(avc, &gone->anon_vma_chain, same_vma)
		avc->vma = into;
	list_splice_init(&gone->anon_vma_chain, &into->anon_vma_chain);
	into->anon_vma = gone->anon_vma;
	gone->anon_vma = NULL;
}

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

void rmap_walk(struct page *page, rmap_one_fn fn, void *arg)
{
	struct vm_area_struct *vma;
	vaddr_t addr;

	if (PageAnon(page)) {
		struct anon_vma_chain *avc;

		list_for_each_entry(avc, &page_anon_vma(page)->head, same_anon_vma) {
			addr = vma_address(page, avc->vma);
			if (addr && !fn(page, avc->vma, addr, arg))
				return;
		}
	} else if (page->mapping) {
		list_for_each_entry(vma, &page->mapping->i_mmap, vm_shared) {
			addr = vma_address(page, vma);
			if (addr && !fn(page, vma, addr, arg))
				return;
		}
	}
}

/* Does vma's entry at addr point at page? */
static bool pte_maps(struct page *page, struct vm_area_struct *vma, vaddr_t addr,
		     unsigned *flags)
{
	paddr_t pa;

	return arch_mmu_query(vma->vm_mm, addr, &pa, flags) == 0 &&
	       (pa & PAGE_MASK) == page_to_pa(page);
}

struct finds_arg {
	struct vm_area_struct *vma;
	vaddr_t addr;
	bool found;
};

static bool finds_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr, void *arg)
{
	struct finds_arg *a = arg;

	if (vma == a->vma && addr == a->addr)
		a->found = true;
	return !a->found;
}

bool rmap_finds(struct page *page, struct vm_area_struct *vma, vaddr_t addr)
{
	struct finds_arg a = { vma, addr, false };

	rmap_walk(page, finds_one, &a);
	return a.found;
}

#ifdef CONFIG_DEBUG_MM
/*
 * rmap_check_zap - debug builds: an entry of mm at addr that maps page is
 * being zapped.  The reverse map must reach it from the page, or reclaim,
 * writeback and (with swap) migration would miss this entry.  Every
 * entry the test suite ever tears down goes through here.
 */
void rmap_check_zap(struct mm_struct *mm, struct page *page, vaddr_t addr)
{
	struct vm_area_struct *vma;

	if (page == zero_page || !page->mapping)
		return;			/* never reverse-mapped: the zero page, kernel pages */
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr)
		panic("rmap: pfn 0x%lx mapped at 0x%08lx, where mm %p has no VMA",
		      (unsigned long)page_to_pfn(page), (unsigned long)addr, (void *)mm);
	if (!rmap_finds(page, vma, addr))
		panic("rmap: pfn 0x%lx (%s, mapping %p, index 0x%lx) is mapped at 0x%08lx "
		      "by vma %08lx-%08lx (pgoff 0x%lx, anon_vma %p), which its reverse map "
		      "does not reach", (unsigned long)page_to_pfn(page),
		      PageAnon(page) ? "anonymous" : "file", (void *)page->mapping, page->index,
		      (unsigned long)addr, (unsigned long)vma->vm_start,
		      (unsigned long)vma->vm_end, vma->vm_pgoff, (void *)vma->anon_vma);
}
#endif

static bool mkclean_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr, void *arg)
{
	unsigned flags;

	if ((vma->vm_flags & VM_SHARED) && pte_maps(page, vma, addr, &flags) &&
	    (flags & MMU_WRITE)) {
		arch_mmu_wrprotect_page(vma->vm_mm, addr);
		(*(int *)arg)++;
	}
	return true;
}

/*
 * page_mkclean - make every writable entry of a (locked) page-cache page
 * read-only, in every shared mapping.  Returns how many there were.
 */
int page_mkclean(struct page *page)
{
	int cleaned = 0;

	if (!page->mapping || PageAnon(page))
		return 0;
	rmap_walk(page, mkclean_one, &cleaned);
	return cleaned;
}

struct referenced_arg {
	int referenced;
	unsigned long vm_flags;
};

static bool referenced_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr,
			   void *arg)
{
	struct referenced_arg *a = arg;

	if (vma->vm_flags & VM_LOCKED) {
		/* mlocked: referenced by definition, not looked at */
		if (pte_maps(page, vma, addr, NULL)) {
			a->vm_flags |= vma->vm_flags;
			a->referenced++;
		}
	} else if (arch_mmu_test_and_clear_young(vma->vm_mm, addr, page_to_pa(page))) {
		a->referenced++;
		a->vm_flags |= vma->vm_flags;
	}
	return true;
}

/*
 * page_referenced - how many page-table entries mapping a (locked or
 * isolated) page were used since the last look: each young one is made
 * old on the way (arch_mmu_test_and_clear_young, with its TLB flush), so
 * the next call counts only new uses.  *vm_flags gets the flags of the
 * VMAs whose entries were young (VM_EXEC: code; VM_LOCKED: mlocked).
 */
int page_referenced(struct page *page, unsigned long *vm_flags)
{
	struct referenced_arg a = { 0, 0 };

	*vm_flags = 0;
	if (page_mapcount(page) <= 0 || !page->mapping)
		return 0;
	rmap_walk(page, referenced_one, &a);
	*vm_flags = a.vm_flags;
	return a.referenced;
}

static bool unmap_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr, void *arg)
{
	if (vma->vm_flags & VM_LOCKED)
		return true;
	if (PageAnon(page)) {
		/* the entry keeps the page's swap entry: one more user of the slot */
		swp_entry_t e = { page->private };

		if (swap_duplicate(e))
			return false;		/* at its most users: the page stays */
		if (!arch_mmu_set_swap(vma->vm_mm, addr, page_to_pa(page), e)) {
			swap_free(e);		/* not mapped here (a copy, or nothing) */
			return true;
		}
		vma->vm_mm->rss[MM_SWAPENTS]++;
		update_hiwater_rss(vma->vm_mm);
		page_remove_rmap(vma->vm_mm, page);
		put_page(page);
		return page_mapcount(page) > 0;
	}
	if (arch_mmu_clear_pte(vma->vm_mm, addr, page_to_pa(page))) {
		update_hiwater_rss(vma->vm_mm);
		page_remove_rmap(vma->vm_mm, page);
		put_page(page);		/* the entry's reference */
	}
	return page_mapcount(page) > 0;
}

/*
 * try_to_unmap - take a (locked) page out of every page table that maps
 * it, for reclaim.  Each entry goes with its TLB entry, its count
 * (page_remove_rmap) and its reference.  A file page stays in the page
 * cache; an anonymous page must be in the swap cache already
 * (add_to_swap), and each entry that mapped it becomes its swap entry,
 * which counts as one more user of the slot.  Reclaim holds a reference
 * of its own.  True if no entry is left.
 */
bool try_to_unmap(struct page *page)
{
	if (!page->mapping || (PageAnon(page) && !PageSwapCache(page)))
		return page_mapcount(page) == 0;
	rmap_walk(page, unmap_one, NULL);
	return page_mapcount(page) == 0;
}

struct locked_arg {
	const struct vm_area_struct *except;
	bool found;
};

static bool locked_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr, void *arg)
{
	struct locked_arg *a = arg;

	if (vma != a->except && (vma->vm_flags & VM_LOCKED) && pte_maps(page, vma, addr, NULL))
		a->found = true;
	return !a->found;
}

/*
 * page_in_locked_vma - is the page mapped by a VM_LOCKED VMA other than
 * `except` (mm/mlock.c asks as one locked mapping goes)?
 */
bool page_in_locked_vma(struct page *page, const struct vm_area_struct *except)
{
	struct locked_arg a = { except, false };

	if (page_mapcount(page) <= 0)
		return false;
	rmap_walk(page, locked_one, &a);
	return a.found;
}
