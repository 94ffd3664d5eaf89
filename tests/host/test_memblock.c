/*
 * Host tests of the boot-time allocator (mm/memblock.c) and of its
 * hand-over to the buddy allocator (memblock_free_all via mem_init).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <host_mm.h>
#include "../../mm/internal.h"

#define RAM	0x60000000u

static int setup(void **state)
{
	mm_reset_for_test();
	return 0;
}

static int teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

static void assert_region(const struct memblock_type *t, unsigned i,
			  paddr_t base, paddr_t size)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
}

static void test_add_sorts_and_merges(void **state)
{
	const struct memblock_type *mem = &memblock.memory;

	memblock_add(RAM + 0x200000, 0x100000);
	memblock_add(RAM, 0x100000);
	assert_int_equal(mem->cnt, 2);
	assert_region(mem, 0, RAM, 0x100000);		/* sorted */
	assert_region(mem, 1, RAM + 0x200000, 0x100000);

	memblock_add(RAM + 0x100000, 0x100000);		/* fills the gap: touches both */
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, RAM, 0x300000);

	memblock_add(RAM + 0x1000000, 0x1000);
	memblock_add(RAM + 0x2000000, 0x1000);
	memblock_add(RAM + 0x280000, 0x1000000);	/* overlaps [0] and swallows [1] */
	assert_int_equal(mem->cnt, 2);
	assert_region(mem, 0, RAM, 0x1280000);
	assert_region(mem, 1, RAM + 0x2000000, 0x1000);

	memblock_add(RAM, 0);				/* empty: ignored */
	assert_int_equal(mem->cnt, 2);
	assert_true(memblock_phys_mem_size() == 0x1281000);
	assert_int_equal(memblock_start_of_DRAM(), RAM);
	assert_true(memblock_end_of_DRAM() == RAM + 0x2001000ULL);
}

static void test_reserve_and_queries(void **state)
{
	memblock_add(RAM, 0x400000);
	memblock_reserve(RAM + 0x1800, 0x1000);		/* straddles two pages */
	memblock_reserve(RAM + 0x1000, 0x800);		/* touches it: merged */
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_region(&memblock.reserved, 0, RAM + 0x1000, 0x1800);
	assert_true(memblock_is_reserved(RAM + 0x1000));
	assert_true(memblock_is_reserved(RAM + 0x27ff));
	assert_false(memblock_is_reserved(RAM + 0x2800));
	assert_true(memblock_is_memory(RAM + 0x3fffff));
	assert_false(memblock_is_memory(RAM + 0x400000));
	assert_true(memblock_reserved_size() == 0x1800);
	/* whole pages only: [0x60000, 0x60400) holds 1024 */
	assert_int_equal(memblock_memory_pages(0x60000, 0x60400), 1024);
	assert_int_equal(memblock_memory_pages(0x603ff, 0x70000), 1);
	assert_int_equal(memblock_memory_pages(0x50000, 0x60000), 0);
}

/* memblock_free: split, trim head or tail, drop whole regions; then reusable. */
static void test_free_splits_and_trims(void **state)
{
	paddr_t a;

	memblock_add(RAM, 0x400000);
	memblock_reserve(RAM + 0x10000, 0x10000);
	memblock_free(RAM + 0x14000, 0x4000);			/* inside: split */
	assert_int_equal(memblock.reserved.cnt, 2);
	assert_region(&memblock.reserved, 0, RAM + 0x10000, 0x4000);
	assert_region(&memblock.reserved, 1, RAM + 0x18000, 0x8000);
	memblock_free(RAM + 0x1c000, 0x8000);			/* the tail and beyond */
	assert_region(&memblock.reserved, 1, RAM + 0x18000, 0x4000);
	memblock_free(RAM + 0xe000, 0x4000);			/* the head and before */
	assert_region(&memblock.reserved, 0, RAM + 0x12000, 0x2000);
	memblock_free(RAM, 0x400000);				/* everything */
	assert_int_equal(memblock.reserved.cnt, 0);
	a = memblock_alloc(0x4000, 0x4000);			/* the space is free again */
	memblock_free(a, 0x4000);
	assert_true(memblock_reserved_size() == 0);
}

static void test_alloc_top_down_below_limit(void **state)
{
	paddr_t a, b;

	memblock_add(RAM, 64u << 20);
	memblock_set_limit(RAM + (32u << 20));
	a = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	assert_int_equal(a, RAM + (32u << 20) - PAGE_SIZE);	/* highest fit */
	b = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	assert_int_equal(b, a - PAGE_SIZE);			/* just below */
	assert_int_equal(memblock.reserved.cnt, 1);		/* merged */
	assert_region(&memblock.reserved, 0, b, 2 * PAGE_SIZE);
}

static void test_alloc_alignment_skips_reserved(void **state)
{
	paddr_t a, b;

	memblock_add(RAM, 64u << 20);
	memblock_reserve(RAM + (63u << 20), 1u << 20);	/* top MiB taken */
	a = memblock_alloc(0x10000, 0x100000);
	assert_int_equal(a, RAM + (62u << 20));		/* 1 MiB aligned, below it */
	b = memblock_alloc(100, 8);			/* odd size: highest 8-aligned fit */
	assert_int_equal(b, RAM + (63u << 20) - 104);	/* below the top MiB, above a */
	assert_true(memblock_is_reserved(b) && memblock_is_reserved(b + 99));
	assert_false(memblock_is_reserved(b + 100));
	/* the next one goes right under the odd-sized one */
	assert_int_equal(memblock_alloc(8, 8), b - 8);
}

static void test_alloc_falls_to_lower_bank(void **state)
{
	paddr_t a;

	memblock_add(RAM, 1u << 20);
	memblock_add(RAM + (16u << 20), 1u << 20);
	memblock_reserve(RAM + (16u << 20), 1u << 20);	/* upper bank full */
	a = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	assert_int_equal(a, RAM + (1u << 20) - PAGE_SIZE);	/* not in the gap */
}

static void test_alloc_failure_panics(void **state)
{
	memblock_add(RAM, 1u << 20);
	expect_assert_failure(memblock_alloc(2u << 20, PAGE_SIZE));
	assert_non_null(strstr(host_last_panic, "memblock_alloc: no room for 2097152 bytes"));
	expect_assert_failure(memblock_alloc(PAGE_SIZE, 3));
	assert_non_null(strstr(host_last_panic, "bad request"));
	memblock_set_limit(RAM);			/* nothing below the limit */
	expect_assert_failure(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	assert_non_null(strstr(host_last_panic, "below 0x60000000"));
}

static void test_wrap_panics(void **state)
{
	expect_assert_failure(memblock_add(0xfff00000u, 0x200000));
	assert_non_null(strstr(host_last_panic, "wraps past 4 GiB"));
	memblock_add(0xfff00000u, 0x100000);		/* ends exactly at 4 GiB: fine */
	assert_true(memblock_end_of_DRAM() == 0x100000000ULL);
}

static void test_show_lines(void **state)
{
	char buf[512];
	struct seq_buf s;

	memblock_add(RAM, 64u << 20);
	memblock_reserve(RAM + 0x10000, 0x100000);
	seq_buf_init(&s, buf, sizeof(buf));
	memblock_show(&s);
	assert_string_equal(buf,
		"memblock: memory  [0] 0x60000000-0x63ffffff    65536 KiB\n"
		"memblock: reserved[0] 0x60010000-0x6010ffff     1024 KiB\n");
}

/* Does any reserved range touch page frame pfn? */
static bool page_touches_reserved(pfn_t pfn)
{
	u64 lo = (u64)pfn << PAGE_SHIFT, hi = lo + PAGE_SIZE;
	unsigned i;

	for (i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base < hi && (u64)r->base + r->size > lo)
			return true;
	}
	return false;
}

static void test_free_all_releases_unreserved(void **state)
{
	unsigned long ram_pages = (64u << 20) >> PAGE_SHIFT, reserved = 0;
	pfn_t pfn;

	/* RAM, a 1 MiB kernel image, then mem_map etc. from memblock_alloc */
	host_mm_boot(64u << 20, 64u << 20, "");
	assert_true(memblock.retired);
	assert_true(memblock.reserved.cnt >= 3);	/* image, mem_map, pageblock types */
	for (pfn = min_low_pfn; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		bool res = page_touches_reserved(pfn);

		reserved += res;
		assert_int_equal(PageReserved(page), res);
		assert_int_equal(page_ref_count(page), res ? 1 : 0);
	}
	assert_int_equal(nr_free_pages(), ram_pages - reserved);
	assert_int_equal(totalram_pages, ram_pages - reserved);
}

static void test_partial_pages_stay_reserved(void **state)
{
	/* by hand, as start_kernel does, with a reservation inside pages */
	host_lowmem_setup(32u << 20);
	arm_lowmem_limit = RAM + (32u << 20);
	memblock_add(RAM, 32u << 20);
	memblock_reserve(RAM + 0x400800, 0x1000);	/* half of two pages */
	mem_init("");
	assert_true(PageReserved(pfn_to_page(0x60400)));
	assert_true(PageReserved(pfn_to_page(0x60401)));
	assert_false(PageReserved(pfn_to_page(0x603ff)));
	assert_false(PageReserved(pfn_to_page(0x60402)));
}

static void test_retired_is_a_bug(void **state)
{
	host_mm_boot(32u << 20, 32u << 20, "");
	expect_assert_failure(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	assert_non_null(strstr(host_last_panic, "retired"));
	expect_assert_failure(memblock_add(RAM + (32u << 20), PAGE_SIZE));
	expect_assert_failure(memblock_reserve(RAM, PAGE_SIZE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_sorts_and_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_and_queries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_splits_and_trims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_top_down_below_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_alignment_skips_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_falls_to_lower_bank, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_failure_panics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrap_panics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_show_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_all_releases_unreserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_pages_stay_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retired_is_a_bug, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
