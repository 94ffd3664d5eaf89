/*
 * arch/arm/selftest_mmu.c - self-tests of the page tables that only make
 * sense on the real MMU (selftest=mmu_map,vmalloc_sync,vmalloc_ttbr0):
 *   mmu_map       map, query, unmap, query again (DESIGN.md's example)
 *   vmalloc_sync  kernel mappings made after a process table was created
 *                 reach it: lazily on a fault, or at the next switch
 *   vmalloc_ttbr0 the same with no current->mm (the idle task's case):
 *                 the table in TTBR0 is the one patched and cleaned up
 */
#include <kernel/types.h>
#include <kernel/selftest.h>
#include <kernel/sched.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <asm/hw.h>
#include <asm/mmu.h>
#include <asm/mmu_context.h>
#include <mm/arch_mmu.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/vmalloc.h>

static int test_mmu_map(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	vaddr_t va = PKMAP_BASE + 511 * PAGE_SIZE;	/* a pkmap slot kmap() uses last */
	paddr_t pa;
	unsigned flags;
	int err = 0;

	if (!page)
		return selftest_fail("mmu_map: no page");
	if (arch_mmu_query(&init_mm, va, NULL, NULL) == 0) {
		err = selftest_fail("mmu_map: the test slot is in use");
		goto out;
	}
	if (arch_mmu_map(&init_mm, va, page_to_pa(page), PAGE_SIZE, MMU_KERNEL_RW) ||
	    arch_mmu_query(&init_mm, va + 0x123, &pa, &flags) ||
	    pa != page_to_pa(page) + 0x123 || (flags & (MMU_WRITE | MMU_USER | MMU_EXEC)) != MMU_WRITE) {
		err = selftest_fail("mmu_map: query after map gave pa 0x%08x flags 0x%x", pa, flags);
		goto out;
	}
	*(volatile u32 *)va = 0xfeedf00d;		/* the mapping really works */
	if (*(u32 *)page_address(page) != 0xfeedf00d)
		err = selftest_fail("mmu_map: the write did not reach the page");
	arch_mmu_unmap(&init_mm, va, PAGE_SIZE);
	if (arch_mmu_query(&init_mm, va, NULL, NULL) != -ENOENT)
		err = selftest_fail("mmu_map: still mapped after unmap");
out:
	__free_page(page);
	return err;
}
SELFTEST(mmu_map, test_mmu_map);

static int test_vmalloc_sync(void)
{
	struct mm_struct *a = mm_alloc(), *b = mm_alloc();
	struct mm_struct *saved = current->mm;
	unsigned idx;
	u8 *p;
	int err = 0;

	if (!a || !b)
		return selftest_fail("vmalloc_sync: no mm");
	current->mm = a;
	switch_mm(NULL, a);
	p = vmalloc(2 * SECTION_SIZE);		/* new first-level entries in init_mm */
	if (!p) {
		err = selftest_fail("vmalloc_sync: vmalloc failed");
		goto out;
	}
	idx = L1_INDEX((vaddr_t)p);
	if (a->pgd[idx] == init_mm.pgd[idx]) {
		err = selftest_fail("vmalloc_sync: the process table already had the entry");
		goto out_free;
	}
	p[0] = 1;				/* faults; vmalloc_fault copies the entry */
	p[2 * SECTION_SIZE - 1] = 2;
	if (a->pgd[idx] != init_mm.pgd[idx] || p[0] != 1)
		err = selftest_fail("vmalloc_sync: the fault did not copy the kernel entry");
	current->mm = b;
	switch_mm(a, b);			/* b is older than the vmalloc: re-copied */
	if (b->pgd[idx] != init_mm.pgd[idx] || b->vmalloc_seq != init_mm.vmalloc_seq)
		err = selftest_fail("vmalloc_sync: the switch did not re-copy the kernel entries");
	if (p[2 * SECTION_SIZE - 1] != 2)
		err = selftest_fail("vmalloc_sync: wrong data through the second table");
out_free:
	vfree(p);
out:
	current->mm = saved;
	switch_mm(NULL, &init_mm);
	mmput(a);
	mmput(b);
	return err;
}
SELFTEST(vmalloc_sync, test_vmalloc_sync);

/*
 * vmalloc_ttbr0: the fixes for kernel mappings in the window where the
 * table in TTBR0 is not current->mm's (the idle task, which has no mm,
 * runs on the table of the task before it):
 *   - a fault on a new vmalloc area must patch the table the MMU walks
 *     (vmalloc_fault reads TTBR0), not give up for want of current->mm;
 *   - a kernel section that goes away must leave that table too
 *     (drop_stale_copy), or the table would still reach the freed pages.
 * The test runs with current->mm NULL and a process table in TTBR0.
 */
static int test_vmalloc_ttbr0(void)
{
	struct mm_struct *a = mm_alloc(), *saved = current->mm;
	unsigned idx[4], i, sections = 0;
	u8 *p;
	int err = 0;

	if (!a)
		return selftest_fail("vmalloc_ttbr0: no mm");
	current->mm = NULL;			/* as the idle task */
	switch_mm(NULL, a);
	p = vmalloc(4 * SECTION_SIZE);		/* new entries in init_mm, 1 MiB sections */
	if (!p) {
		err = selftest_fail("vmalloc_ttbr0: vmalloc failed");
		goto out;
	}
	for (i = 0; i < 4; i++) {
		idx[i] = L1_INDEX((vaddr_t)p + i * SECTION_SIZE);
		p[i * SECTION_SIZE] = (u8)i;	/* a vmalloc fault on a's table */
		if (a->pgd[idx[i]] != init_mm.pgd[idx[i]])
			err = selftest_fail("vmalloc_ttbr0: MiB %u: the fault did not patch the "
					    "table in TTBR0", i);
		if ((init_mm.pgd[idx[i]] & L1_TYPE_MASK) == L1_TYPE_SECT)
			sections++;
	}
	vfree(p);				/* the sections go */
	for (i = 0; i < 4; i++)
		if ((a->pgd[idx[i]] & L1_TYPE_MASK) == L1_TYPE_SECT)
			err = selftest_fail("vmalloc_ttbr0: MiB %u: a freed section is still "
					    "in the table in TTBR0", i);
	if (!sections)
		err = selftest_fail("vmalloc_ttbr0: vmalloc used no section (fragmented?): "
				    "nothing tested the section case");
out:
	switch_mm(NULL, &init_mm);
	current->mm = saved;
	mmput(a);
	return err;
}
SELFTEST(vmalloc_ttbr0, test_vmalloc_ttbr0);
