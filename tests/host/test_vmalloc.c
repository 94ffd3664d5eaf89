/*
 * Host tests of the vmalloc area (mm/vmalloc.c, mm/ioremap.c): the range
 * allocator (guard pages, fragmentation, reuse, coalescing, exhaustion
 * with nothing leaked), huge vmalloc and huge ioremap with sections (as
 * the fake MMU of shim_arch.c records them), vmap, vmallocinfo.
 *
 * Boot: 64 MiB of RAM, 48 MiB lowmem (16 MiB HighMem); the vmalloc area
 * is [0xF0000000, 0xFF800000), 248 MiB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/printk.h>
#include <mm/arch_mmu.h>
#include <mm/gfp.h>
#include <mm/ioremap.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <host_mm.h>
#include <host_alloc.h>
#include "../../mm/alloc_internal.h"

#define AREA_BYTES	(VMALLOC_END - HOST_VMALLOC_START)


static bool mapped(vaddr_t va, unsigned *flags)
{
	return arch_mmu_query(&init_mm, va, NULL, flags) == 0;
}

/* The whole area is one free piece again: everything was merged back. */
static void assert_area_empty(void)
{
	struct vmap_area *va;
	int n = 0;

	list_for_each_entry(va, &vmap_area_list, list) {
		assert_false(va->busy);
		assert_int_equal(va->va_start, HOST_VMALLOC_START);
		assert_int_equal(va->va_end, VMALLOC_END);
		n++;
	}
	assert_int_equal(n, 1);
	assert_int_equal(vmalloc_stats.nr_busy, 0);
}

/* The pieces cover the area without gaps or overlaps, sorted. */
static void assert_pieces_tile(void)
{
	struct vmap_area *va;
	vaddr_t next = HOST_VMALLOC_START;
	bool prev_free = false;

	list_for_each_entry(va, &vmap_area_list, list) {
		assert_int_equal(va->va_start, next);
		assert_true(va->va_end > va->va_start);
		assert_false(prev_free && !va->busy);	/* free neighbours merged */
		prev_free = !va->busy;
		next = va->va_end;
	}
	assert_int_equal(next, VMALLOC_END);
}

static void test_vmalloc_maps_pages_and_guard(void **state)
{
	unsigned long before = host_settled_free();
	u8 *p = vmalloc(3 * PAGE_SIZE + 1);
	struct vm_struct *vm = find_vm_area(p);
	unsigned flags;
	int i;

	assert_non_null(p);
	assert_true(is_vmalloc_addr(p));
	assert_int_equal((vaddr_t)p % PAGE_SIZE, 0);
	assert_ptr_equal(vm->addr, p);
	assert_int_equal(vm->size, 5 * PAGE_SIZE);	/* 4 pages + the guard */
	assert_int_equal(vm->nr_pages, 4);
	assert_int_equal(vm->flags, VM_ALLOC);
	assert_true(vm->caller != 0);
	for (i = 0; i < 4; i++) {
		struct page *page = vmalloc_to_page(p + i * PAGE_SIZE);

		assert_true(mapped((vaddr_t)p + i * PAGE_SIZE, &flags));
		assert_int_equal(flags, MMU_KERNEL_RW);
		assert_ptr_equal(page, vm->pages[i]);
		assert_true(PageHighMem(page));		/* HighMem first */
	}
	assert_false(mapped((vaddr_t)p + 4 * PAGE_SIZE, NULL));	/* the guard */
	vfree(p);
	for (i = 0; i < 4; i++)
		assert_false(mapped((vaddr_t)p + i * PAGE_SIZE, NULL));
	assert_area_empty();
	assert_int_equal(host_settled_free(), before);
}

static void test_ranges_keep_a_guard_gap(void **state)
{
	void *a = vmalloc(PAGE_SIZE), *b = vmalloc(2 * PAGE_SIZE), *c = vmalloc(PAGE_SIZE);
	vaddr_t lo, hi;

	/* whatever the order, each range ends with an unmapped page before the next */
	assert_true(a && b && c);
	lo = MIN((vaddr_t)a, (vaddr_t)b);
	hi = MAX((vaddr_t)a, (vaddr_t)b);
	assert_true(hi - lo >= (lo == (vaddr_t)a ? 2 : 3) * PAGE_SIZE);
	assert_false(mapped((vaddr_t)a + PAGE_SIZE, NULL));
	assert_false(mapped((vaddr_t)b + 2 * PAGE_SIZE, NULL));
	assert_false(mapped((vaddr_t)c + PAGE_SIZE, NULL));
	assert_pieces_tile();
	vfree(b);
	assert_pieces_tile();
	vfree(a);
	vfree(c);
	assert_area_empty();
}

/* Holes left by frees are reused by requests that fit them, and merge back. */
static void test_fragmentation_and_reuse(void **state)
{
	void *p[20], *q, *r;
	int i, hit = -1;

	for (i = 0; i < 20; i++)
		assert_non_null(p[i] = vmalloc(PAGE_SIZE));	/* 2 pages each */
	for (i = 0; i < 20; i += 2)
		vfree(p[i]);			/* ten 2-page holes (none adjacent) */
	assert_pieces_tile();
	q = vmalloc(PAGE_SIZE);			/* fits a hole exactly */
	for (i = 0; i < 20; i += 2)
		if (q == p[i])
			hit = i;
	assert_true(hit >= 0);
	r = vmalloc(2 * PAGE_SIZE);		/* 3 pages: no hole holds it */
	for (i = 0; i < 20; i++)
		assert_ptr_not_equal(r, p[i]);
	assert_pieces_tile();
	for (i = 1; i < 20; i += 2)
		vfree(p[i]);
	vfree(q);
	vfree(r);
	assert_area_empty();
}

/* Running out of virtual range: NULL, and the near-full slow search works. */
/*
 * Where a range goes in a free piece: at a multiple of its alignment,
 * from the bottom of the piece below 1 MiB of alignment and from the top
 * at 1 MiB and up, so that section mappings collect at the top of the
 * area and page mappings at the bottom.
 */
static void test_alignment_and_placement(void **state)
{
	static const size_t small_align[] = { 16 << 10, 64 << 10, 256 << 10 };
	static const size_t huge_align[] = { SECTION_SIZE, 2 * SECTION_SIZE };
	struct vm_struct *small[3], *huge[2];
	unsigned int i;

	for (i = 0; i < 3; i++) {
		small[i] = get_vm_area(PAGE_SIZE, VM_ALLOC, small_align[i], 0);
		assert_non_null(small[i]);
		assert_int_equal((vaddr_t)small[i]->addr % small_align[i], 0);
		assert_true((vaddr_t)small[i]->addr < HOST_VMALLOC_START + SECTION_SIZE);
	}
	for (i = 0; i < 2; i++) {
		huge[i] = get_vm_area(huge_align[i], VM_ALLOC, huge_align[i], 0);
		assert_non_null(huge[i]);
		assert_int_equal((vaddr_t)huge[i]->addr % huge_align[i], 0);
		assert_true((vaddr_t)huge[i]->addr >= VMALLOC_END - 8 * SECTION_SIZE);
	}
	assert_pieces_tile();
	for (i = 0; i < 3; i++)
		free_vm_area(small[i]);
	for (i = 0; i < 2; i++)
		free_vm_area(huge[i]);
	assert_area_empty();
}

static void test_range_exhaustion(void **state)
{
	struct vm_struct *vm[4];
	size_t left;
	int i;

	for (i = 0; i < 3; i++)
		assert_non_null(vm[i] = get_vm_area(64 << 20, VM_MAP, PAGE_SIZE, 1));
	assert_null(get_vm_area(64 << 20, VM_MAP, PAGE_SIZE, 1));
	assert_int_equal(vmalloc_stats.failures, 1);
	/* what is left is not a power of two of pages: only the slow search finds it */
	left = AREA_BYTES - 3 * ((64 << 20) + PAGE_SIZE) - PAGE_SIZE;
	vm[3] = get_vm_area(left, VM_MAP, PAGE_SIZE, 1);
	assert_non_null(vm[3]);
	assert_true(vmalloc_stats.slow_searches >= 1);
	assert_null(get_vm_area(PAGE_SIZE, VM_MAP, PAGE_SIZE, 1));	/* full */
	for (i = 0; i < 4; i++)
		free_vm_area(vm[i]);
	assert_area_empty();
	assert_null(vmalloc(AREA_BYTES + PAGE_SIZE));
	assert_null(vmalloc(0));
}

/* Running out of pages half way: NULL, and every page and range given back. */
static void test_vmalloc_out_of_memory_leaks_nothing(void **state)
{
	unsigned long before = host_settled_free();

	assert_null(vzalloc(100 << 20));	/* more than the 64 MiB of RAM */
	assert_true(vmalloc_stats.failures == 0);	/* the range was there */
	assert_area_empty();
	assert_int_equal(host_settled_free(), before);
}

static void test_huge_vmalloc_uses_sections(void **state)
{
	unsigned long before = host_settled_free();
	u8 *p = vmalloc(2 * SECTION_SIZE + 2 * PAGE_SIZE);
	struct vm_struct *vm = find_vm_area(p);
	unsigned flags;

	assert_non_null(p);
	assert_int_equal((vaddr_t)p % SECTION_SIZE, 0);
	assert_true(vm->flags & VM_HUGE);
	assert_true(mapped((vaddr_t)p, &flags) && (flags & MMU_SECTION_OK));
	assert_true(mapped((vaddr_t)p + SECTION_SIZE + 5 * PAGE_SIZE, &flags) &&
		    (flags & MMU_SECTION_OK));
	assert_true(mapped((vaddr_t)p + 2 * SECTION_SIZE, &flags) &&
		    !(flags & MMU_SECTION_OK));		/* the two tail pages */
	assert_false(mapped((vaddr_t)p + 2 * SECTION_SIZE + 2 * PAGE_SIZE, NULL));
	/* a 1 MiB block is physically contiguous and aligned */
	assert_ptr_equal(vmalloc_to_page(p + 77 * PAGE_SIZE), vmalloc_to_page(p) + 77);
	assert_int_equal(page_to_pfn(vmalloc_to_page(p)) % 256, 0);
	assert_int_equal(vm->nr_pages, 514);
	vfree(p);
	assert_false(mapped((vaddr_t)p, NULL));
	assert_area_empty();
	assert_int_equal(host_settled_free(), before);
}

/* No free 1 MiB block anywhere: a 1 MiB vmalloc falls back to pages. */
static void test_huge_vmalloc_falls_back_to_pages(void **state)
{
	unsigned long before = host_settled_free(), n = 0, i;
	struct page **held = calloc(20000, sizeof(*held));
	struct vm_struct *vm;
	unsigned flags;
	u8 *p;

	/* warm up: the slabs for the page list and the range descriptors exist */
	vfree(vmalloc(SECTION_SIZE));
	while (n < 20000 && (held[n] = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC |
						  __GFP_NOWARN)))
		n++;
	for (i = 0; i < n; i += 2)		/* every other page: no order-1 block */
		__free_page(held[i]);
	p = vmalloc(SECTION_SIZE);
	assert_non_null(p);
	vm = find_vm_area(p);
	assert_false(vm->flags & VM_HUGE);
	assert_true(mapped((vaddr_t)p, &flags) && !(flags & MMU_SECTION_OK));
	assert_int_equal(vm->nr_pages, 256);
	vfree(p);
	for (i = 1; i < n; i += 2)
		__free_page(held[i]);
	free(held);
	assert_area_empty();
	assert_int_equal(host_settled_free(), before);
}

static void test_vmap_and_vmallocinfo(void **state)
{
	static char buf[2048];
	struct page *pages[3] = {
		alloc_page(GFP_KERNEL), alloc_page(GFP_HIGHUSER), alloc_page(GFP_KERNEL)
	};
	struct seq_buf s;
	char line[160];
	paddr_t pa;
	u8 *v, *m, *io;
	int i;

	v = vmap(pages, 3, 0, MMU_KERNEL_RO);
	assert_non_null(v);
	for (i = 0; i < 3; i++) {
		unsigned flags;

		assert_int_equal(arch_mmu_query(&init_mm, (vaddr_t)v + i * PAGE_SIZE, &pa,
						&flags), 0);
		assert_int_equal(pa, page_to_pa(pages[i]));
		assert_int_equal(flags, MMU_KERNEL_RO);
	}
	m = vmalloc(PAGE_SIZE);
	io = ioremap(0x10009000, 0x1000);
	seq_buf_init(&s, buf, sizeof(buf));
	show_vmallocinfo(&s);
	snprintf(line, sizeof(line), "0x%08lx-0x%08lx   16384 ", (unsigned long)v,
		 (unsigned long)v + 4 * PAGE_SIZE);
	assert_non_null(strstr(buf, line));
	assert_non_null(strstr(buf, " pages=3 vmap\n"));
	snprintf(line, sizeof(line), "0x%08lx-0x%08lx    8192 ", (unsigned long)m,
		 (unsigned long)m + 2 * PAGE_SIZE);
	assert_non_null(strstr(buf, line));
	assert_non_null(strstr(buf, " pages=1 vmalloc\n"));
	assert_non_null(strstr(buf, " phys=0x10009000 ioremap\n"));
	vunmap(v);
	assert_false(mapped((vaddr_t)v, NULL));
	for (i = 0; i < 3; i++) {
		assert_int_equal(page_ref_count(pages[i]), 1);	/* still the caller's */
		__free_page(pages[i]);
	}
	vfree(m);
	iounmap(io);
	assert_area_empty();
}

static void test_ioremap(void **state)
{
	u8 *a = ioremap(0x10009010, 0x20), *h, *h2;
	paddr_t pa;
	unsigned flags;

	assert_non_null(a);
	assert_int_equal((vaddr_t)a & ~PAGE_MASK, 0x10);
	assert_int_equal(arch_mmu_query(&init_mm, (vaddr_t)a, &pa, &flags), 0);
	assert_int_equal(pa, 0x10009010);
	assert_int_equal(flags, MMU_KERNEL_RW | MMU_DEVICE);
	assert_int_equal(find_vm_area(a)->phys_addr, 0x10009000);
	/* a 1 MiB-aligned physical MiB: one section at a 1 MiB-aligned address */
	h = ioremap(0x10000000, SECTION_SIZE);
	assert_int_equal((vaddr_t)h % SECTION_SIZE, 0);
	assert_true(mapped((vaddr_t)h + 0x9000, &flags) && (flags & MMU_SECTION_OK) &&
		    (flags & MMU_DEVICE));
	assert_true(find_vm_area(h)->flags & VM_HUGE);
	/* not aligned: pages */
	h2 = ioremap(0x10100000 + PAGE_SIZE, SECTION_SIZE);
	assert_true(mapped((vaddr_t)h2, &flags) && !(flags & MMU_SECTION_OK));
	assert_null(ioremap(PHYS_OFFSET + 0x100000, 0x1000));	/* RAM: refused */
	assert_null(ioremap(0x10000000, 0));
	iounmap(a);
	assert_false(mapped((vaddr_t)a, NULL));
	iounmap(h);
	iounmap(h2);
	iounmap(NULL);
	assert_area_empty();
	expect_assert_failure(iounmap((void *)HOST_VMALLOC_START));
}

static void test_bad_frees_detected(void **state)
{
	u8 *p = vmalloc(PAGE_SIZE);
	u8 *io = ioremap(0x10009000, 0x100);

	vfree(NULL);
	expect_assert_failure(vfree(p + 8));		/* not the start */
	expect_assert_failure(vfree(io));		/* not a vmalloc range */
	expect_assert_failure(vunmap(p));		/* not a vmap range */
	vfree(p);
	expect_assert_failure(vfree(p));		/* freed already */
}

static void test_vmalloc_selftest_small(void **state)
{
	assert_int_equal(selftest_vmalloc_size(2 * SECTION_SIZE), 0);
	assert_area_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vmalloc_maps_pages_and_guard, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_ranges_keep_a_guard_gap, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_fragmentation_and_reuse, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_range_exhaustion, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_alignment_and_placement, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_vmalloc_out_of_memory_leaks_nothing, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_huge_vmalloc_uses_sections, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_huge_vmalloc_falls_back_to_pages, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_vmap_and_vmallocinfo, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_ioremap, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_bad_frees_detected, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_vmalloc_selftest_small, host_alloc_setup, host_alloc_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
