/*
 * Host tests of kmap and kmap_atomic (mm/highmem.c): the pkmap slot states
 * (0 free, 1 unused but mapped, n >= 2 n-1 users), one bulk TLB flush per
 * wrap of the slot search (host_tlb_range_flushes counts the fake MMU's
 * arch_flush_tlb_kernel_range calls), exhaustion and recovery, and the
 * kmap_atomic stack.  Data goes through the fake MMU: a kmap'ed pointer is
 * the host memory of whatever physical page the slot maps (mapped_ptr).
 *
 * Boot: 64 MiB of RAM, 48 MiB lowmem: 4096 HighMem pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/arch_mmu.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <host_mm.h>
#include <host_alloc.h>
#include "../../mm/alloc_internal.h"


static struct page *highmem_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	assert_non_null(page);
	assert_true(PageHighMem(page));
	return page;
}

/* The host memory of a HighMem page, straight from the arena. */
static void *arena_of(struct page *page)
{
	return (void *)(host_highmem_base + (page_to_pa(page) - arm_lowmem_limit));
}

static int slot_of(struct page *page)
{
	paddr_t pa;
	int nr;

	for (nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr] &&
		    !arch_mmu_query(&init_mm, PKMAP_BASE + nr * PAGE_SIZE, &pa, NULL) &&
		    pa == page_to_pa(page))
			return nr;
	return -1;
}

static void test_lowmem_pages_are_not_mapped(void **state)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long maps = host_mmu_maps;

	assert_ptr_equal(kmap(page), page_address(page));
	assert_ptr_equal(kmap_atomic(page), page_address(page));
	kunmap_atomic(page_address(page));
	kunmap(page);
	assert_int_equal(host_mmu_maps, maps);
	assert_int_equal(kmap_stats.maps + kmap_stats.atomic_maps, 0);
	__free_page(page);
}

static void test_pkmap_slot_states(void **state)
{
	struct page *h = highmem_page();
	u8 *p, *q;
	int nr;

	p = kmap(h);
	assert_ptr_equal(p, arena_of(h));	/* through the slot's mapping */
	nr = slot_of(h);
	assert_true(nr >= 0);
	assert_int_equal(pkmap_count[nr], 2);		/* mapped, one user */
	memset(p, 0x42, PAGE_SIZE);
	q = kmap(h);					/* the same page again */
	assert_ptr_equal(q, p);
	assert_int_equal(pkmap_count[nr], 3);		/* two users */
	assert_int_equal(kmap_stats.hits, 1);
	kunmap(h);
	kunmap(h);
	assert_int_equal(pkmap_count[nr], 1);		/* no user, still mapped */
	assert_int_equal(slot_of(h), nr);
	assert_int_equal(host_tlb_range_flushes, 0);
	assert_ptr_equal(kmap(h), p);			/* revived, no new mapping */
	assert_int_equal(kmap_stats.maps, 1);
	assert_int_equal(pkmap_count[nr], 2);
	kunmap(h);
	expect_assert_failure(kunmap(h));		/* at 1: a kunmap too many */
	assert_non_null(strstr(host_last_panic, "not kmapped"));
}

/* Map and unmap 1100 pages in turn: slots are reused only after a flush. */
static void test_one_flush_per_wrap(void **state)
{
	static struct page *pages[1100];
	int i, nr;

	for (i = 0; i < 1100; i++)
		pages[i] = highmem_page();
	for (i = 0; i < 1100; i++) {
		u32 *p = kmap(pages[i]);

		assert_non_null(p);
		*p = 0xabc00000u + (u32)i;
		kunmap(pages[i]);
		/* slots 1..511 first, the wrap to slot 0 at the 512th, ... */
		assert_int_equal(host_tlb_range_flushes, (unsigned long)(i + 1) / 512);
		if (i == 510) {
			for (nr = 1; nr < LAST_PKMAP; nr++)
				assert_int_equal(pkmap_count[nr], 1);
			assert_int_equal(pkmap_count[0], 0);
		}
		if (i == 511) {		/* the flush freed and unmapped slots 1..511 */
			for (nr = 1; nr < LAST_PKMAP; nr++) {
				assert_int_equal(pkmap_count[nr], 0);
				assert_int_equal(arch_mmu_query(&init_mm,
					PKMAP_BASE + nr * PAGE_SIZE, NULL, NULL), -ENOENT);
			}
			assert_int_equal(slot_of(pages[511]), 0);
		}
	}
	assert_int_equal(kmap_stats.flushes, 2);
	assert_int_equal(kmap_stats.maps, 1100);
	for (i = 0; i < 1100; i++) {		/* every page kept its own data */
		u32 *p = kmap(pages[i]);

		assert_int_equal(*p, 0xabc00000u + (u32)i);
		kunmap(pages[i]);
		__free_page(pages[i]);
	}
}

static void test_exhaustion_and_recovery(void **state)
{
	unsigned long flushes;

	assert_int_equal(selftest_kmap_exhaust(), 0);
	assert_int_equal(kmap_stats.failures, 1);
	/* holding 512 slots, the wrap found nothing to flush; the recovery did */
	flushes = host_tlb_range_flushes;
	assert_true(flushes >= 1);
	assert_int_equal(kmap_stats.flushes, flushes);
}

static void test_kmap_every_highmem_page(void **state)
{
	host_alloc_boot(24, 20, NULL);			/* 1024 HighMem pages */
	assert_int_equal(selftest_kmap_highmem(), 0);
	assert_true(kmap_stats.flushes >= 1);
}

static void test_no_highmem_skips(void **state)
{
	host_alloc_boot(32, 48, NULL);			/* all lowmem */
	assert_int_equal(totalhigh_pages, 0);
	assert_int_equal(selftest_kmap_highmem(), 0);
	assert_int_equal(selftest_kmap_exhaust(), 0);
}

static void test_kmap_atomic_nesting(void **state)
{
	struct page *h[3] = { highmem_page(), highmem_page(), highmem_page() };
	u8 *p[3];
	paddr_t pa;
	int i;

	for (i = 0; i < 3; i++) {
		p[i] = kmap_atomic(h[i]);
		assert_ptr_equal(p[i], arena_of(h[i]));
		assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START + i * PAGE_SIZE,
						&pa, NULL), 0);
		assert_int_equal(pa, page_to_pa(h[i]));	/* slot i: depth i */
	}
	kunmap_atomic(p[2] + 100);		/* any address in the page */
	kunmap_atomic(p[1]);
	assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START + PAGE_SIZE, NULL, NULL),
			 -ENOENT);
	p[1] = kmap_atomic(h[2]);		/* slot 1 again */
	assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START + PAGE_SIZE, &pa, NULL), 0);
	assert_int_equal(pa, page_to_pa(h[2]));
	kunmap_atomic(p[1]);
	kunmap_atomic(p[0]);
	assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START, NULL, NULL), -ENOENT);
	expect_assert_failure(kunmap_atomic(p[0]));	/* nothing mapped */
	assert_non_null(strstr(host_last_panic, "unbalanced"));
}

static void test_kmap_atomic_out_of_order(void **state)
{
	struct page *a = highmem_page(), *b = highmem_page();
	void *pa = kmap_atomic(a);

	kmap_atomic(b);
	expect_assert_failure(kunmap_atomic(pa));
	assert_non_null(strstr(host_last_panic, "out of order"));
}

static void test_kmap_atomic_overflow(void **state)
{
	struct page *h = highmem_page();
	int i;

	for (i = 0; i < KM_TYPE_NR; i++)
		kmap_atomic(h);
	expect_assert_failure(kmap_atomic(h));
	assert_non_null(strstr(host_last_panic, "nested"));
}

static void test_kmapinfo_view(void **state)
{
	struct page *h = highmem_page();
	char buf[1024];
	struct seq_buf s;

	kmap(h);
	seq_buf_init(&s, buf, sizeof(buf));
	show_kmapinfo(&s);
	assert_non_null(strstr(buf, "pkmap slots:    511 free, 0 unused awaiting flush, "
				    "1 in use (1 users)"));
	kunmap(h);
	seq_buf_init(&s, buf, sizeof(buf));
	show_kmapinfo(&s);
	assert_non_null(strstr(buf, "511 free, 1 unused awaiting flush, 0 in use"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lowmem_pages_are_not_mapped, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_pkmap_slot_states, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_one_flush_per_wrap, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion_and_recovery, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmap_every_highmem_page, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_no_highmem_skips, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmap_atomic_nesting, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmap_atomic_out_of_order, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmap_atomic_overflow, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmapinfo_view, host_alloc_setup, host_alloc_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
