/*
 * Self-tests of the vmalloc area.
 *
 * SELFTEST(vmalloc): vmalloc 16 MiB, write a pattern through the vmalloc
 *   mapping, read it back through a kmap of each backing page
 *   (vmalloc_to_page), vfree, and the free page count is where it was.
 *   A first vmalloc/vfree of the same size runs before the count is
 *   taken: second-level tables the architecture makes are never freed,
 *   and the measured run then lands on the same range and finds them.
 * SELFTEST(ioremap): the console UART (DEBUG_UART_PHYS), which the
 *   console driver ioremapped at boot, is in vmallocinfo with its
 *   physical address; a second ioremap of it is device memory,
 *   execute-never, shows in vmallocinfo, and is gone after iounmap.
 * SELFTEST(ioremap_huge): the 1 MiB-aligned megabyte holding the UART is
 *   mapped with one section (arch_mmu_query says MMU_SECTION_OK).
 */
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/arch_mmu.h>
#include <mm/highmem.h>
#include <mm/ioremap.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

static u32 pattern(unsigned long page, unsigned int word)
{
	return (u32)(page * 0x9E3779B1u) ^ (word * 0x01000193u) ^ 0xA5A5A5A5u;
}

static unsigned long settled_free_pages(void)
{
	kmem_cache_shrink_all();
	return nr_free_pages();
}

/* Write every page through the vmalloc mapping, read it through kmap. */
static int vmalloc_pattern(u8 *base, unsigned long pages)
{
	unsigned long i;
	unsigned int w;

	for (i = 0; i < pages; i++) {
		u32 *v = mapped_ptr((vaddr_t)base + (i << PAGE_SHIFT));

		for (w = 0; w < PAGE_SIZE / 4; w++)
			v[w] = pattern(i, w);
	}
	for (i = 0; i < pages; i++) {
		struct page *page = vmalloc_to_page(base + (i << PAGE_SHIFT));
		u32 *k = page ? kmap(page) : NULL;

		if (!k)
			return selftest_fail("vmalloc: page %lu: no page or no kmap", i);
		for (w = 0; w < PAGE_SIZE / 4 && k[w] == pattern(i, w); w++)
			;
		kunmap(page);
		if (w < PAGE_SIZE / 4)
			return selftest_fail("vmalloc: page %lu word %u differs through kmap",
					     i, w);
	}
	return 0;
}

/* The vmalloc self-test for any size (the host tests use a small one). */
int selftest_vmalloc_size(size_t size)
{
	unsigned long before, after, pages = size >> PAGE_SHIFT;
	struct vm_struct *vm;
	void *warm, *p;
	int err;

	warm = vmalloc(size);
	if (!warm)
		return selftest_fail("vmalloc(%lu) failed", (unsigned long)size);
	vfree(warm);
	before = settled_free_pages();
	p = vmalloc(size);
	if (!p)
		return selftest_fail("vmalloc(%lu) failed the second time", (unsigned long)size);
	vm = find_vm_area(p);
	err = vmalloc_pattern(p, pages);
	printk("selftest vmalloc: %lu KiB at %p (%s), %u pages, %s\n",
	       (unsigned long)size >> 10, p, p == warm ? "same range" : "another range",
	       vm->nr_pages, vm->flags & VM_HUGE ? "1 MiB sections used" : "pages only");
	vfree(p);
	after = settled_free_pages();
	if (!err && after != before)
		err = selftest_fail("vmalloc: %lu free pages before, %lu after vfree",
				    before, after);
	return err;
}

int selftest_vmalloc(void)
{
	return selftest_vmalloc_size(16 * MiB);
}
SELFTEST(vmalloc, selftest_vmalloc);

#ifdef DEBUG_UART_PHYS
static char info_buf[4096];

/* The vmallocinfo text, and whether it contains needle (NULL if cut short). */
static bool vmallocinfo_has(const char *needle)
{
	size_t n = strlen(needle);
	struct seq_buf s;
	const char *p;

	seq_buf_init(&s, info_buf, sizeof(info_buf));
	show_vmallocinfo(&s);
	for (p = info_buf; *p; p++)
		if (!strncmp(p, needle, n))
			return true;
	return false;
}

/* The console driver's mapping of the UART, from the vmalloc area's list. */
static struct vm_struct *find_ioremap_of(paddr_t pa)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_area_list, list)
		if (va->busy && (va->vm.flags & VM_IOREMAP) && va->vm.phys_addr <= pa &&
		    pa < va->vm.phys_addr + va->vm.size - PAGE_SIZE)
			return &va->vm;
	return NULL;
}

static int selftest_ioremap(void)
{
	paddr_t uart = DEBUG_UART_PHYS;
	char line[64];
	unsigned flags;
	paddr_t pa;
	u8 *va;

	if (!find_ioremap_of(uart))
		return selftest_fail("ioremap: no ioremap of the UART 0x%08x in vmallocinfo",
				     uart);
	va = ioremap(uart, 0x1000);
	if (!va)
		return selftest_fail("ioremap(0x%08x) failed", uart);
	snprintf(line, sizeof(line), "0x%08lx-", (unsigned long)va & PAGE_MASK);
	if (arch_mmu_query(&init_mm, (vaddr_t)va, &pa, &flags) || pa != uart ||
	    !(flags & MMU_DEVICE) || (flags & MMU_EXEC) || !vmallocinfo_has(line)) {
		iounmap(va);
		return selftest_fail("ioremap: %p maps 0x%08x flags 0x%x (want 0x%08x, "
				     "device, XN, in vmallocinfo)", va, pa, flags, uart);
	}
	snprintf(line, sizeof(line), "phys=0x%08x ioremap", uart & (paddr_t)PAGE_MASK);
	if (!vmallocinfo_has(line))
		return selftest_fail("ioremap: vmallocinfo has no '%s'", line);
	iounmap(va);
	snprintf(line, sizeof(line), "0x%08lx-", (unsigned long)va & PAGE_MASK);
	if (!arch_mmu_query(&init_mm, (vaddr_t)va, NULL, NULL) || vmallocinfo_has(line))
		return selftest_fail("ioremap: %p still mapped or listed after iounmap", va);
	return 0;
}
SELFTEST(ioremap, selftest_ioremap);

static int selftest_ioremap_huge(void)
{
	paddr_t base = DEBUG_UART_PHYS & (paddr_t)SECTION_MASK, pa;
	struct vm_struct *vm;
	unsigned flags;
	u8 *va;
	int err = 0;

	va = ioremap(base, SECTION_SIZE);
	if (!va)
		return selftest_fail("ioremap_huge: ioremap(0x%08x, 1 MiB) failed", base);
	vm = find_vm_area(va);
	if (!IS_ALIGNED((vaddr_t)va, SECTION_SIZE) ||
	    arch_mmu_query(&init_mm, (vaddr_t)va + 0x9000, &pa, &flags) ||
	    pa != base + 0x9000 || !(flags & MMU_SECTION_OK) || !(flags & MMU_DEVICE) ||
	    !(vm->flags & VM_HUGE))
		err = selftest_fail("ioremap_huge: %p -> 0x%08x flags 0x%x: not one device "
				    "section (%lu section fallbacks)", va, pa, flags,
				    vmalloc_stats.section_fallbacks);
	else
		printk("selftest ioremap_huge: 0x%08x mapped at %p with a section\n",
		       base, va);
	iounmap(va);
	if (!err && !arch_mmu_query(&init_mm, (vaddr_t)va, NULL, NULL))
		err = selftest_fail("ioremap_huge: %p still mapped after iounmap", va);
	return err;
}
SELFTEST(ioremap_huge, selftest_ioremap_huge);
#endif /* DEBUG_UART_PHYS */
