/*
 * Host tests of DMA mapping (mm/dma.c): the coherent pool (first fit,
 * uncached mappings in the vmalloc area, zeroed, given back), and the
 * streaming cache maintenance, checked through both the kernel's own log
 * (dma_log) and what reached the "architecture" (host_cache_ops).
 *
 * Boot: 64 MiB of RAM, 48 MiB lowmem; a 1 MiB pool of 256 pages at
 * physical 0xB0000000 (above the fake RAM, as the target's pool is outside
 * the linear map), backed by a host buffer of its own.
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
#include <mm/dma.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <host_mm.h>
#include <host_alloc.h>
#include "../../mm/alloc_internal.h"


static unsigned int pool_free(void)
{
	struct dma_pool_info info;

	dma_pool_get_info(&info);
	return info.free_pages;
}

static void test_coherent_first_fit(void **state)
{
	dma_addr_t h1, h2, h3, h4;
	u8 *a, *b, *c, *d;
	unsigned flags;
	paddr_t pa;
	size_t i;

	a = dma_alloc_coherent(5000, &h1);			/* 2 pages */
	assert_non_null(a);
	assert_int_equal(h1, HOST_DMA_POOL_PA);
	assert_int_equal(pool_free(), 254);
	assert_int_equal(arch_mmu_query(&init_mm, (vaddr_t)a + PAGE_SIZE, &pa, &flags), 0);
	assert_int_equal(pa, h1 + PAGE_SIZE);
	assert_int_equal(flags, MMU_KERNEL_RW | MMU_UNCACHED);
	assert_true(find_vm_area(a)->flags & VM_DMA_COHERENT);
	for (i = 0; i < 2 * PAGE_SIZE; i += 512)
		assert_int_equal(((u8 *)mapped_ptr((vaddr_t)a + (i & PAGE_MASK)))[i % PAGE_SIZE], 0);
	b = dma_alloc_coherent(PAGE_SIZE, &h2);
	assert_int_equal(h2, h1 + 2 * PAGE_SIZE);
	dma_free_coherent(5000, a, h1);			/* a 2-page hole at the start */
	assert_int_equal(pool_free(), 255);
	assert_int_equal(arch_mmu_query(&init_mm, (vaddr_t)a, NULL, NULL), -ENOENT);
	c = dma_alloc_coherent(3 * PAGE_SIZE, &h3);	/* does not fit the hole */
	assert_int_equal(h3, h1 + 3 * PAGE_SIZE);
	d = dma_alloc_coherent(2 * PAGE_SIZE, &h4);	/* fits it */
	assert_int_equal(h4, h1);
	dma_free_coherent(PAGE_SIZE, b, h2);
	dma_free_coherent(3 * PAGE_SIZE, c, h3);
	dma_free_coherent(2 * PAGE_SIZE, d, h4);
	assert_int_equal(pool_free(), 256);
}

static void test_coherent_exhaustion_and_sections(void **state)
{
	dma_addr_t h, h2;
	unsigned flags;
	u8 *all = dma_alloc_coherent(1 << 20, &h);

	assert_non_null(all);				/* the whole pool: 1 MiB aligned */
	assert_int_equal((vaddr_t)all % SECTION_SIZE, 0);
	assert_int_equal(arch_mmu_query(&init_mm, (vaddr_t)all + 0x3000, NULL, &flags), 0);
	assert_true(flags & MMU_SECTION_OK);
	assert_true(flags & MMU_UNCACHED);
	assert_null(dma_alloc_coherent(1, &h2));	/* nothing left */
	assert_int_equal(pool_free(), 0);
	dma_free_coherent(1 << 20, all, h);
	assert_int_equal(pool_free(), 256);
	assert_null(dma_alloc_coherent(0, &h2));
	assert_null(dma_alloc_coherent((1 << 20) + 1, &h2));
}

static void test_coherent_in_vmallocinfo(void **state)
{
	static char buf[1024];
	struct seq_buf s;
	dma_addr_t h;
	void *p = dma_alloc_coherent(100, &h);

	seq_buf_init(&s, buf, sizeof(buf));
	show_vmallocinfo(&s);
	assert_non_null(strstr(buf, " phys=0xb0000000 dma-coherent\n"));
	dma_free_coherent(100, p, h);
}

static void test_coherent_bad_free(void **state)
{
	dma_addr_t h;
	void *p = dma_alloc_coherent(PAGE_SIZE, &h);

	expect_assert_failure(dma_free_coherent(2 * PAGE_SIZE, p, h));	/* size */
	expect_assert_failure(dma_free_coherent(PAGE_SIZE, p, h + PAGE_SIZE));
	expect_assert_failure(dma_free_coherent(PAGE_SIZE, vmalloc(PAGE_SIZE), h));
}

static void test_no_pool(void **state)
{
	dma_addr_t h;

	host_dma_pool_setup(0, 0);
	dma_init();
	assert_null(dma_alloc_coherent(PAGE_SIZE, &h));
	assert_int_equal(selftest_dma_coherent(), 0);	/* skipped, saying so */
}

/* ------------------------------------------------------------ streaming */

static void expect_last(char host_op, enum dma_cache_op op, vaddr_t start, vaddr_t end)
{
	const struct dma_log_entry *e = dma_log_last(0);
	const struct host_cache_op *h = &host_cache_ops[host_nr_cache_ops - 1];

	assert_non_null(e);
	assert_int_equal(e->op, op);
	assert_int_equal(e->start, start);
	assert_int_equal(e->end, end);
	assert_int_equal(h->op, host_op);
	assert_int_equal(h->start, start);
	assert_int_equal(h->end, end);
}

static void test_streaming_by_direction(void **state)
{
	u8 *buf = get_free_page(GFP_KERNEL);	/* page aligned: known line offsets */
	vaddr_t b = (vaddr_t)buf;
	dma_addr_t h;

	h = dma_map_single(buf + 5, 100, DMA_TO_DEVICE);
	assert_int_equal(h, kva_to_pa(buf + 5));
	expect_last('c', DMA_OP_CLEAN, b, b + 128);	/* [b+5, b+105) -> lines */
	dma_unmap_single(h, 100, DMA_TO_DEVICE);
	assert_int_equal(dma_log.count, 1);		/* nothing after TO_DEVICE */
	assert_int_equal(host_nr_cache_ops, 1);

	h = dma_map_single(buf + 64, 64, DMA_FROM_DEVICE);
	expect_last('i', DMA_OP_INV, b + 64, b + 128);
	dma_unmap_single(h, 64, DMA_FROM_DEVICE);
	expect_last('i', DMA_OP_INV, b + 64, b + 128);
	assert_int_equal(dma_log.count, 3);

	h = dma_map_single(buf + 64, 64, DMA_BIDIRECTIONAL);
	expect_last('f', DMA_OP_FLUSH, b + 64, b + 128);
	dma_sync_single_for_cpu(h, 64, DMA_BIDIRECTIONAL);
	expect_last('i', DMA_OP_INV, b + 64, b + 128);
	dma_sync_single_for_device(h, 64, DMA_BIDIRECTIONAL);
	expect_last('f', DMA_OP_FLUSH, b + 64, b + 128);
	dma_unmap_single(h, 64, DMA_BIDIRECTIONAL);
	expect_last('i', DMA_OP_INV, b + 64, b + 128);
	assert_int_equal(dma_log.count, 7);
	assert_int_equal(host_nr_cache_ops, 7);

	host_dcache_line = 64;				/* a Cortex-A8 */
	dma_map_single(buf + 70, 10, DMA_TO_DEVICE);
	expect_last('c', DMA_OP_CLEAN, b + 64, b + 128);
	free_page(buf);
}

/*
 * An invalidate never discards a line the buffer only partly covers: the
 * partial first and last lines are cleaned and invalidated (flushed), and
 * only the lines wholly inside are invalidated.  (Debug builds refuse such
 * buffers outright; dma_debug off shows what other builds do.)
 */
static void test_partial_lines_are_flushed(void **state)
{
	u8 *buf = get_free_page(GFP_KERNEL);
	vaddr_t b = (vaddr_t)buf;
	const struct host_cache_op *op;

	dma_debug = false;
	dma_map_single(buf + 40, 100, DMA_FROM_DEVICE);		/* [b+40, b+140) */
	assert_int_equal(host_nr_cache_ops, 3);
	op = host_cache_ops;
	assert_int_equal(op[0].op, 'f');			/* partial first line */
	assert_int_equal(op[0].start, b + 32);
	assert_int_equal(op[0].end, b + 64);
	assert_int_equal(op[1].op, 'f');			/* partial last line */
	assert_int_equal(op[1].start, b + 128);
	assert_int_equal(op[1].end, b + 160);
	assert_int_equal(op[2].op, 'i');			/* the whole lines */
	assert_int_equal(op[2].start, b + 64);
	assert_int_equal(op[2].end, b + 128);

	dma_map_single(buf + 40, 20, DMA_FROM_DEVICE);		/* inside one line */
	assert_int_equal(host_nr_cache_ops, 4);
	expect_last('f', DMA_OP_FLUSH, b + 32, b + 64);
	dma_debug = true;
	free_page(buf);
}

/* Debug builds: a buffer the device writes must own its cache lines. */
static void test_shared_lines_refused(void **state)
{
	u8 *page = get_free_page(GFP_KERNEL);
	u8 *k100 = kmalloc(100, GFP_KERNEL), *k64a = kmalloc(64, GFP_KERNEL);

	assert_true(dma_debug);
	expect_assert_failure(dma_map_single(page + 40, 24, DMA_FROM_DEVICE));
	assert_non_null(strstr(host_last_panic, "shares a 64-byte cache line"));
	expect_assert_failure(dma_map_single(page + 8, 64, DMA_BIDIRECTIONAL));
	dma_map_single(page + 8, 64, DMA_TO_DEVICE);		/* a clean is harmless */
	dma_map_single(page + 64, 10, DMA_FROM_DEVICE);		/* the rest is ours */
	/* a kmalloc object owns its lines: kmalloc-128 for 100 bytes */
	assert_int_equal((uintptr_t)k100 % ARCH_DMA_MINALIGN, 0);
	dma_map_single(k100, 100, DMA_FROM_DEVICE);
	dma_map_single(k64a, 64, DMA_FROM_DEVICE);
	/* but not past its end */
	expect_assert_failure(dma_map_single(k100 + 64, 100, DMA_FROM_DEVICE));
	kfree(k64a);
	kfree(k100);
	free_page(page);
}

/* dma_init refuses a CPU whose cache lines are longer than kmalloc's alignment. */
static void test_line_size_checked_at_init(void **state)
{
	host_dcache_line = 128;
	expect_assert_failure(dma_init());
	assert_non_null(strstr(host_last_panic, "128-byte cache lines"));
	host_dcache_line = 64;
	dma_init();
}

static void test_streaming_rejects_bad_buffers(void **state)
{
	struct page *high = alloc_page(GFP_HIGHUSER);
	u8 *buf = kmalloc(64, GFP_KERNEL);
	void *v = vmalloc(PAGE_SIZE);
	static u8 not_lowmem[64];

	expect_assert_failure(dma_map_single(v, 16, DMA_TO_DEVICE));
	assert_non_null(strstr(host_last_panic, "must be lowmem"));
	expect_assert_failure(dma_map_single(kmap(high), 16, DMA_FROM_DEVICE));
	expect_assert_failure(dma_map_single(not_lowmem, 16, DMA_TO_DEVICE));
	expect_assert_failure(dma_map_single(buf, 0, DMA_TO_DEVICE));
	expect_assert_failure(dma_map_single(buf, 16, DMA_NONE));
	assert_non_null(strstr(host_last_panic, "bad direction"));
	assert_int_equal(dma_log.count, 0);
}

/*
 * dma_map_page on a HighMem page: the maintenance goes through a
 * kmap_atomic slot (FIXADDR_START up), which is gone again afterwards;
 * the log names the page's physical address.  A lowmem page goes through
 * the linear map.  (On the host, C code reaches a fixmap slot through
 * mapped_ptr, the host memory of the page mapped there: that is the
 * address the operations carry, so it also proves which page was mapped.)
 */
static void test_map_page_highmem(void **state)
{
	struct page *high = alloc_page(GFP_HIGHUSER);
	struct page *low = alloc_page(GFP_KERNEL);
	paddr_t pa = page_to_pa(high);
	vaddr_t slot = host_highmem_base + (pa - arm_lowmem_limit);
	const struct dma_log_entry *e;
	dma_addr_t h;

	assert_non_null(high);
	assert_true(PageHighMem(high));
	h = dma_map_page(high, 512, 1024, DMA_FROM_DEVICE);
	assert_int_equal(h, pa + 512);
	e = dma_log_last(0);
	assert_int_equal(e->op, DMA_OP_INV);
	assert_int_equal(e->start, slot + 512);
	assert_int_equal(e->end, slot + 1536);
	assert_int_equal(e->pa, pa + 512);
	/* the slot was given back: nothing is mapped there any more */
	assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START, NULL, NULL), -ENOENT);
	dma_unmap_page(h, 1024, DMA_FROM_DEVICE);
	expect_last('i', DMA_OP_INV, slot + 512, slot + 1536);
	assert_int_equal(dma_log_last(0)->pa, pa + 512);

	h = dma_map_page(high, 0, PAGE_SIZE, DMA_TO_DEVICE);
	expect_last('c', DMA_OP_CLEAN, slot, slot + PAGE_SIZE);
	assert_int_equal(arch_mmu_query(&init_mm, FIXADDR_START, NULL, NULL), -ENOENT);
	dma_unmap_page(h, PAGE_SIZE, DMA_TO_DEVICE);
	assert_int_equal(dma_log.count, 3);			/* nothing after TO_DEVICE */

	h = dma_map_page(low, 64, 64, DMA_BIDIRECTIONAL);
	assert_int_equal(h, page_to_pa(low) + 64);
	expect_last('f', DMA_OP_FLUSH, (vaddr_t)page_address(low) + 64,
		    (vaddr_t)page_address(low) + 128);
	assert_int_equal(dma_log_last(0)->pa, page_to_pa(low) + 64);
	dma_unmap_page(h, 64, DMA_BIDIRECTIONAL);
	expect_last('i', DMA_OP_INV, (vaddr_t)page_address(low) + 64,
		    (vaddr_t)page_address(low) + 128);
	__free_page(low);
	__free_page(high);
}

/* Ranges dma_map_page refuses: off the page, empty, unaligned device writes. */
static void test_map_page_rejects(void **state)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	expect_assert_failure(dma_map_page(page, 4000, 200, DMA_TO_DEVICE));
	assert_non_null(strstr(host_last_panic, "runs off the page"));
	expect_assert_failure(dma_map_page(page, 0, 0, DMA_TO_DEVICE));
	expect_assert_failure(dma_map_page(page, 0, 64, DMA_NONE));
	assert_non_null(strstr(host_last_panic, "bad direction"));
	expect_assert_failure(dma_map_page(page, 8, 512, DMA_FROM_DEVICE));
	assert_non_null(strstr(host_last_panic, "ARCH_DMA_MINALIGN"));
	dma_map_page(page, 8, 100, DMA_TO_DEVICE);		/* a clean is harmless */
	assert_int_equal(dma_log.count, 1);
	__free_page(page);
}

static void test_log_ring(void **state)
{
	u8 *buf = kmalloc(4096, GFP_KERNEL);
	unsigned int i;

	for (i = 0; i < 20; i++)
		dma_map_single(buf + i * 64, 64, DMA_TO_DEVICE);
	assert_int_equal(dma_log.count, 20);
	for (i = 0; i < DMA_LOG_SIZE; i++)	/* newest first */
		assert_int_equal(dma_log_last(i)->start, (vaddr_t)buf + (19 - i) * 64);
	assert_null(dma_log_last(DMA_LOG_SIZE));
	kfree(buf);
}

static void test_dma_selftests(void **state)
{
	assert_int_equal(selftest_dma_coherent(), 0);
	assert_int_equal(selftest_dma_streaming(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_coherent_first_fit, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_coherent_exhaustion_and_sections, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_coherent_in_vmallocinfo, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_coherent_bad_free, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_no_pool, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_streaming_by_direction, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_partial_lines_are_flushed, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_shared_lines_refused, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_line_size_checked_at_init, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_streaming_rejects_bad_buffers, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_map_page_highmem, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_map_page_rejects, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_log_ring, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_dma_selftests, host_alloc_setup, host_alloc_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
