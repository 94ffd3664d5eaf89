/*
 * Host tests of the page-fault logic and copy-on-write fork (mm/memory.c,
 * mm/mmap.c) on the real page allocator and slab, with the fake MMU of
 * tests/host/shim_arch.c standing in for the page tables:
 *   - the COW decision table (cow_decide);
 *   - first read maps the zero page, first write a fresh zeroed page;
 *   - fork shares pages read-only with the counts raised, copies nothing;
 *   - a write in the child copies, then the parent (last user) reuses;
 *   - munmap and exit give every page back (nr_free_pages equal again);
 *   - the stack grows down to its limit, and no further;
 *   - the anon reverse map: fork, grandchildren, COW copies, splits and
 *     merges, each checked against the page tables themselves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/rmap.h>
#include <mm/vma.h>
#include <mm/mmap.h>
#include <mm/memory.h>
#include <mm/slab.h>
#include <mm/highmem.h>
#include <mm/arch_mmu.h>
#include <mm/tlb.h>
#include <mm/swap.h>
#include "host_mm.h"

#define BASE 0x10000000ul

static int setup(void **state)
{
	host_mm_boot(64u << 20, 64u << 20, "");
	kmem_init();
	zero_page_init();
	mmap_init();
	kmem_cache_shrink_all();
	return 0;
}

static int teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

static void test_cow_rule(void **state)
{
	assert_int_equal(cow_decide(true, false, 1), COW_ZERO_NEW);
	assert_int_equal(cow_decide(true, true, 5), COW_ZERO_NEW);
	assert_int_equal(cow_decide(false, true, 1), COW_REUSE);
	assert_int_equal(cow_decide(false, true, 2), COW_COPY);
	assert_int_equal(cow_decide(false, false, 1), COW_COPY);	/* page cache page */
	assert_int_equal(cow_decide(false, false, 3), COW_COPY);
}

/* The page mapped at va in mm (or NULL), and its rights. */
static struct page *mapped(struct mm_struct *mm, vaddr_t va, unsigned *flags)
{
	paddr_t pa;

	if (arch_mmu_query(mm, va, &pa, flags))
		return NULL;
	return phys_to_page(pa);
}

static int fault(struct mm_struct *mm, vaddr_t va, unsigned access)
{
	bool major;
	const char *why = NULL;
	unsigned f;

	int r;

	if (mapped(mm, va, &f))
		access |= FAULT_FLAG_PRESENT;
	r = handle_user_fault(mm, va, access, &major, &why);
	lru_add_drain();	/* new pages onto the LRU: the batch's references go */
	return r;
}

static u8 *kaddr(struct page *p)
{
	return kmap_atomic(p);
}

static void test_zero_page_then_write(void **state)
{
	unsigned long free0 = nr_free_pages();
	struct mm_struct *mm = mm_alloc();
	struct page *p;
	unsigned f;
	u8 *k;

	assert_non_null(mm);
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE, 4 * PAGE_SIZE, VM_READ | VM_WRITE, true,
					  NULL, 0, NULL)));
	assert_int_equal(fault(mm, BASE, 0), 0);		/* read */
	p = mapped(mm, BASE, &f);
	assert_ptr_equal(p, zero_page);
	assert_false(f & MMU_WRITE);
	assert_int_equal(mm->rss[MM_ANONPAGES], 0);
	assert_int_equal(fault(mm, BASE, FAULT_FLAG_WRITE), 0);	/* write */
	p = mapped(mm, BASE, &f);
	assert_ptr_not_equal(p, zero_page);
	assert_true(f & MMU_WRITE);
	assert_true(PageAnon(p));
	assert_int_equal(page_ref_count(p), 1);
	assert_int_equal(page_mapcount(p), 1);
	k = kaddr(p);
	for (int i = 0; i < (int)PAGE_SIZE; i++)
		assert_int_equal(k[i], 0);
	kunmap_atomic(k);
	assert_int_equal(mm->rss[MM_ANONPAGES], 1);
	/* outside every VMA, and a write to a read-only VMA */
	assert_int_equal(fault(mm, BASE + 8 * PAGE_SIZE, 0), -EFAULT);
	assert_int_equal(do_mprotect(mm, BASE, PAGE_SIZE, VM_READ), 0);
	assert_int_equal(fault(mm, BASE, FAULT_FLAG_WRITE), -EFAULT);
	mmput(mm);
	kmem_cache_shrink_all();	/* the slab may keep empty slabs cached */
	assert_int_equal(nr_free_pages(), free0);
}

static void test_fork_cow_copy_then_reuse(void **state)
{
	unsigned long free0 = nr_free_pages();
	struct mm_struct *parent = mm_alloc(), *child;
	struct page *p, *pc;
	unsigned f;
	u8 *k;

	assert_false(IS_ERR_VALUE(do_mmap(parent, BASE, 16 * PAGE_SIZE, VM_READ | VM_WRITE,
					  true, NULL, 0, NULL)));
	for (int i = 0; i < 16; i++)
		assert_int_equal(fault(parent, BASE + i * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	k = kaddr(mapped(parent, BASE, &f));
	k[0] = 0x5a;
	kunmap_atomic(k);
	unsigned long before_fork = nr_free_pages();

	child = dup_mm(parent);
	assert_non_null(child);
	/* no page copied at fork: only the new mm's own structures */
	p = mapped(parent, BASE, &f);
	assert_false(f & MMU_WRITE);
	pc = mapped(child, BASE, &f);
	assert_ptr_equal(p, pc);
	assert_false(f & MMU_WRITE);
	assert_int_equal(page_ref_count(p), 2);
	assert_int_equal(page_mapcount(p), 2);
	assert_true(before_fork - nr_free_pages() < 4);

	/* the child writes: it gets a copy with the same contents */
	assert_int_equal(fault(child, BASE, FAULT_FLAG_WRITE), 0);
	pc = mapped(child, BASE, &f);
	assert_ptr_not_equal(pc, p);
	assert_true(f & MMU_WRITE);
	k = kaddr(pc);
	assert_int_equal(k[0], 0x5a);
	kunmap_atomic(k);
	assert_int_equal(page_ref_count(p), 1);
	assert_int_equal(page_mapcount(p), 1);

	/* the parent is now the last user: it reuses the page, no copy */
	unsigned long free1 = nr_free_pages();
	assert_int_equal(fault(parent, BASE, FAULT_FLAG_WRITE), 0);
	assert_ptr_equal(mapped(parent, BASE, &f), p);
	assert_true(f & MMU_WRITE);
	assert_int_equal(nr_free_pages(), free1);

	/* munmap in the child splits its VMA and frees only its own pages */
	assert_int_equal(do_munmap(child, BASE + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	assert_int_equal(child->map_count, 2);
	assert_int_equal(vma_tree_check(child), 2);
	assert_int_equal(page_mapcount(mapped(parent, BASE + 5 * PAGE_SIZE, &f)), 1);

	mmput(child);
	mmput(parent);
	kmem_cache_shrink_all();
	assert_int_equal(nr_free_pages(), free0);
}

static void test_stack_growth(void **state)
{
	struct mm_struct *mm = mm_alloc();
	vaddr_t top = 0xB0000000ul;

	assert_false(IS_ERR_VALUE(do_mmap(mm, top - 4 * PAGE_SIZE, 4 * PAGE_SIZE,
					  VM_READ | VM_WRITE | VM_GROWSDOWN, true, NULL, 0,
					  "[stack]")));
	assert_int_equal(mm->total_vm, 4);
	assert_int_equal(fault(mm, top - 64 * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	assert_int_equal(find_vma(mm, top - 64 * PAGE_SIZE)->vm_start, top - 64 * PAGE_SIZE);
	assert_int_equal(mm->total_vm, 64);		/* VmSize counts the grown stack */
	/* beyond the limit: refused, and the VMA did not move */
	assert_int_equal(fault(mm, top - stack_limit - PAGE_SIZE, FAULT_FLAG_WRITE), -EFAULT);
	assert_int_equal(find_vma(mm, top - 1)->vm_start, top - 64 * PAGE_SIZE);
	/* a mapping just below the stack keeps a guard gap free */
	assert_false(IS_ERR_VALUE(do_mmap(mm, top - 128 * PAGE_SIZE - stack_guard_gap,
					  PAGE_SIZE, VM_READ, true, NULL, 0, NULL)));
	assert_int_equal(fault(mm, top - 128 * PAGE_SIZE, FAULT_FLAG_WRITE), -EFAULT);
	mmput(mm);
}

/* PROT_NONE hides the pages but keeps them: their data comes back. */
static void test_prot_none_keeps_data(void **state)
{
	struct mm_struct *mm = mm_alloc();
	struct page *p;
	unsigned f;
	u8 *k;

	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE, PAGE_SIZE, VM_READ | VM_WRITE, true,
					  NULL, 0, NULL)));
	assert_int_equal(fault(mm, BASE, FAULT_FLAG_WRITE), 0);
	p = mapped(mm, BASE, &f);
	k = kaddr(p);
	k[7] = 0x77;
	kunmap_atomic(k);
	assert_int_equal(do_mprotect(mm, BASE, PAGE_SIZE, 0), 0);
	assert_ptr_equal(mapped(mm, BASE, &f), p);		/* still there ... */
	assert_false(f & MMU_READ);				/* ... out of reach */
	assert_int_equal(fault(mm, BASE, 0), -EFAULT);
	assert_int_equal(do_mprotect(mm, BASE, PAGE_SIZE, VM_READ | VM_WRITE), 0);
	assert_int_equal(fault(mm, BASE, FAULT_FLAG_WRITE), 0);	/* reuse, no copy */
	assert_ptr_equal(mapped(mm, BASE, &f), p);
	k = kaddr(p);
	assert_int_equal(k[7], 0x77);
	kunmap_atomic(k);
	mmput(mm);
}

/*
 * The mmu_gather: pages unmapped by arch_mmu_zap_range stay allocated,
 * marked PG_tlb_pending, until tlb_finish_mmu has flushed; and freeing a
 * marked page is refused (the debug check that catches "free before
 * flush" on a machine, like QEMU, without a TLB to show it).
 */
static void test_gather_frees_after_flush(void **state)
{
	struct mm_struct *mm = mm_alloc();
	struct mmu_gather tlb;
	unsigned long free0;
	struct page *p;
	unsigned f;

	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE, 8 * PAGE_SIZE, VM_READ | VM_WRITE,
					  true, NULL, 0, NULL)));
	for (int i = 0; i < 8; i++)
		assert_int_equal(fault(mm, BASE + i * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	p = mapped(mm, BASE, &f);
	free0 = nr_free_pages();
	tlb_gather_mmu(&tlb, mm);
	arch_mmu_zap_range(&tlb, BASE, BASE + 8 * PAGE_SIZE);
	assert_int_equal(nr_free_pages(), free0);		/* nothing freed yet */
	assert_true(PageTlbPending(p));
	assert_int_equal(page_mapcount(p), 0);			/* but unmapped */
	assert_int_equal(tlb.nr, 8);
	tlb_finish_mmu(&tlb);
	assert_int_equal(nr_free_pages(), free0 + 8);		/* freed after the flush */
	mmput(mm);

	p = alloc_page(GFP_KERNEL);
	__SetPageTlbPending(p);
	expect_assert_failure(__free_page(p));
	assert_non_null(strstr(host_last_panic, "TLB entry may still map it"));
	__ClearPageTlbPending(p);
	__free_page(p);
}

/* ---- the anonymous reverse map (mm/rmap.c) ---- */

struct rmap_seen {
	int n;
	struct mm_struct *mm[8];
	vaddr_t addr[8];
	int tried;		/* VMAs the walk looked at, mapping or not */
};

/* rmap_walk's callback: record the entries that really map the page. */
static bool seen_one(struct page *page, struct vm_area_struct *vma, vaddr_t addr, void *arg)
{
	struct rmap_seen *s = arg;
	paddr_t pa;

	s->tried++;
	if (arch_mmu_query(vma->vm_mm, addr, &pa, NULL) == 0 && phys_to_page(pa) == page) {
		assert_true(s->n < 8);
		s->mm[s->n] = vma->vm_mm;
		s->addr[s->n++] = addr;
	}
	return true;
}

static struct rmap_seen walk(struct page *p)
{
	struct rmap_seen s = { 0 };

	rmap_walk(p, seen_one, &s);
	return s;
}

static bool seen(const struct rmap_seen *s, struct mm_struct *mm, vaddr_t addr)
{
	for (int i = 0; i < s->n; i++)
		if (s->mm[i] == mm && s->addr[i] == addr)
			return true;
	return false;
}

/*
 * Every entry that maps a page is found, and only those: a page made
 * before fork is found in parent, child and grandchild; a child's COW
 * copy in the child and the grandchild's inheritance of it only.  The
 * walk count equals the mapcount each time.
 */
static void test_anon_rmap_fork_chain(void **state)
{
	unsigned long free0 = nr_free_pages();
	struct mm_struct *parent = mm_alloc(), *child, *grand;
	struct page *p, *c;
	struct rmap_seen s;
	unsigned f;

	assert_false(IS_ERR_VALUE(do_mmap(parent, BASE, 4 * PAGE_SIZE, VM_READ | VM_WRITE,
					  true, NULL, 0, NULL)));
	assert_null(find_vma(parent, BASE)->anon_vma);		/* none before a page */
	assert_int_equal(fault(parent, BASE, FAULT_FLAG_WRITE), 0);
	p = mapped(parent, BASE, &f);
	assert_true(PageAnon(p));
	assert_true(PageSwapBacked(p));
	assert_ptr_equal(page_anon_vma(p), find_vma(parent, BASE)->anon_vma);
	assert_int_equal(p->index, BASE >> PAGE_SHIFT);
	assert_true(PageLRU(p));
	s = walk(p);
	assert_int_equal(s.n, 1);
	assert_true(seen(&s, parent, BASE));

	child = dup_mm(parent);
	assert_non_null(child);
	assert_ptr_not_equal(find_vma(child, BASE)->anon_vma, find_vma(parent, BASE)->anon_vma);
	s = walk(p);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.n, page_mapcount(p));
	assert_true(seen(&s, parent, BASE) && seen(&s, child, BASE));

	/* the child's copy is the child's: its own anon_vma */
	assert_int_equal(fault(child, BASE, FAULT_FLAG_WRITE), 0);
	c = mapped(child, BASE, &f);
	assert_ptr_not_equal(c, p);
	assert_ptr_equal(page_anon_vma(c), find_vma(child, BASE)->anon_vma);
	s = walk(c);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.tried, 1);		/* the parent's VMA is not even tried */
	assert_true(seen(&s, child, BASE));
	s = walk(p);
	assert_int_equal(s.n, 1);
	assert_true(seen(&s, parent, BASE));

	/* a grandchild inherits both generations */
	grand = dup_mm(child);
	assert_non_null(grand);
	assert_int_equal(fault(parent, BASE + PAGE_SIZE, FAULT_FLAG_WRITE), 0);	/* after the forks */
	s = walk(c);
	assert_int_equal(s.n, 2);
	assert_true(seen(&s, child, BASE) && seen(&s, grand, BASE));
	s = walk(mapped(parent, BASE + PAGE_SIZE, &f));
	assert_int_equal(s.n, 1);		/* made after the forks: the parent's alone */
	assert_int_equal(s.tried, 3);		/* ... though all three VMAs share its anon_vma */

	/* the parent is the last user of p: reused, and moved to its own anon_vma */
	assert_int_equal(fault(parent, BASE, FAULT_FLAG_WRITE), 0);
	assert_ptr_equal(mapped(parent, BASE, &f), p);
	assert_ptr_equal(page_anon_vma(p), find_vma(parent, BASE)->anon_vma);

	mmput(child);		/* the middle generation goes first */
	s = walk(c);
	assert_int_equal(s.n, 1);
	assert_true(seen(&s, grand, BASE));
	mmput(grand);
	mmput(parent);
	kmem_cache_shrink_all();
	assert_int_equal(nr_free_pages(), free0);	/* every anon_vma and chain freed too */
}

/*
 * A split (mprotect of the middle) keeps every page findable through
 * the VMA that now covers it, and the merge back does too; a hole
 * between two VMAs with pages of different anon_vmas is filled without
 * merging them, and a VMA with no anon_vma merges into its neighbour.
 */
static void test_anon_rmap_split_merge(void **state)
{
	unsigned long free0 = nr_free_pages();
	struct mm_struct *mm = mm_alloc();
	struct rmap_seen s;
	struct page *pg[4];
	unsigned f;

	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE, 4 * PAGE_SIZE, VM_READ | VM_WRITE, true,
					  NULL, 0, NULL)));
	for (int i = 0; i < 4; i++) {
		assert_int_equal(fault(mm, BASE + i * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
		pg[i] = mapped(mm, BASE + i * PAGE_SIZE, &f);
	}
	assert_int_equal(do_mprotect(mm, BASE + PAGE_SIZE, 2 * PAGE_SIZE, VM_READ), 0);
	assert_int_equal(mm->map_count, 3);
	for (int i = 0; i < 4; i++) {
		struct vm_area_struct *v = find_vma(mm, BASE + i * PAGE_SIZE);

		assert_int_equal(v->vm_pgoff, v->vm_start >> PAGE_SHIFT);
		assert_true(rmap_finds(pg[i], v, BASE + i * PAGE_SIZE));
		s = walk(pg[i]);
		assert_int_equal(s.n, 1);
	}
	assert_int_equal(do_mprotect(mm, BASE + PAGE_SIZE, 2 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	assert_int_equal(mm->map_count, 1);		/* one anon_vma: they merge back */
	for (int i = 0; i < 4; i++)
		assert_true(rmap_finds(pg[i], find_vma(mm, BASE), BASE + i * PAGE_SIZE));

	/* [BASE, +4) has pages; [+6, +8) gets pages of another anon_vma; fill the hole */
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 6 * PAGE_SIZE, 2 * PAGE_SIZE,
					  VM_READ | VM_WRITE, true, NULL, 0, NULL)));
	assert_int_equal(mm->map_count, 2);
	assert_int_equal(fault(mm, BASE + 6 * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	assert_ptr_not_equal(find_vma(mm, BASE + 6 * PAGE_SIZE)->anon_vma,
			     find_vma(mm, BASE)->anon_vma);
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 4 * PAGE_SIZE, 2 * PAGE_SIZE,
					  VM_READ | VM_WRITE, true, NULL, 0, NULL)));
	assert_int_equal(mm->map_count, 2);	/* not one: two anon_vmas */
	s = walk(mapped(mm, BASE + 6 * PAGE_SIZE, &f));
	assert_int_equal(s.n, 1);
	assert_int_equal(fault(mm, BASE + 5 * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	s = walk(mapped(mm, BASE + 5 * PAGE_SIZE, &f));
	assert_int_equal(s.n, 1);
	assert_int_equal(vma_tree_check(mm), mm->map_count);

	/*
	 * A VMA with no pages (no anon_vma) merges with one that has them,
	 * and takes over its links: [20, 21) empty, [22, 23) with a page,
	 * then the hole [21, 22) is mapped.
	 */
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 20 * PAGE_SIZE, PAGE_SIZE,
					  VM_READ | VM_WRITE, true, NULL, 0, NULL)));
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 22 * PAGE_SIZE, PAGE_SIZE,
					  VM_READ | VM_WRITE, true, NULL, 0, NULL)));
	assert_int_equal(fault(mm, BASE + 22 * PAGE_SIZE, FAULT_FLAG_WRITE), 0);
	int count = mm->map_count;
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 21 * PAGE_SIZE, PAGE_SIZE,
					  VM_READ | VM_WRITE, true, NULL, 0, NULL)));
	assert_int_equal(mm->map_count, count - 1);
	struct vm_area_struct *v = find_vma(mm, BASE + 20 * PAGE_SIZE);
	assert_int_equal(v->vm_end, BASE + 23 * PAGE_SIZE);
	assert_non_null(v->anon_vma);
	assert_true(rmap_finds(mapped(mm, BASE + 22 * PAGE_SIZE, &f), v, BASE + 22 * PAGE_SIZE));
	assert_int_equal(vma_tree_check(mm), mm->map_count);
	mmput(mm);
	kmem_cache_shrink_all();
	assert_int_equal(nr_free_pages(), free0);
}

/*
 * A page still in the LRU batch holds the batch's reference: the last
 * user's write must still reuse it (do_wp_page drains the batch first),
 * not copy it.
 */
static void test_cow_reuse_from_lru_batch(void **state)
{
	struct mm_struct *parent = mm_alloc(), *child;
	struct page *p;
	bool major;
	const char *why;
	unsigned f;

	assert_false(IS_ERR_VALUE(do_mmap(parent, BASE, PAGE_SIZE, VM_READ | VM_WRITE, true,
					  NULL, 0, NULL)));
	assert_int_equal(handle_user_fault(parent, BASE, FAULT_FLAG_WRITE, &major, &why), 0);
	p = mapped(parent, BASE, &f);
	assert_false(PageLRU(p));		/* still in the batch */
	assert_int_equal(page_ref_count(p), 2);
	child = dup_mm(parent);
	mmput(child);				/* the parent maps it alone again, read-only */
	assert_false(PageLRU(p));
	assert_int_equal(handle_user_fault(parent, BASE, FAULT_FLAG_WRITE | FAULT_FLAG_PRESENT,
					   &major, &why), 0);
	assert_ptr_equal(mapped(parent, BASE, &f), p);	/* reused */
	assert_true(f & MMU_WRITE);
	assert_true(PageLRU(p));
	mmput(parent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cow_rule),
		cmocka_unit_test_setup_teardown(test_zero_page_then_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fork_cow_copy_then_reuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stack_growth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prot_none_keeps_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gather_frees_after_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anon_rmap_fork_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anon_rmap_split_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cow_reuse_from_lru_batch, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
