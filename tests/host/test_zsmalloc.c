/*
 * Host tests of zsmalloc (mm/zsmalloc.c): the class shapes and Linux's
 * huge threshold, every size from 1 to 4096 written and read back
 * through map/unmap (objects that straddle two pages, HighMem pages
 * through the fake MMU), a long random run against a shadow copy,
 * allocation failures at every step of making a zspage, running out of
 * memory for real, and the fragmentation figure that mm/zsmalloc.c
 * quotes.  Every test ends with the pool destroyed and every page back.
 *
 * Boot: 64 MiB of RAM, 48 MiB lowmem (host_alloc_setup).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/fault_inject.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/zsmalloc.h>
#include <host_mm.h>
#include <host_alloc.h>

extern long host_failslab_countdown, host_fail_page_countdown;

/* What zram asks with: HighMem welcome, no direct reclaim, no warning. */
#define ZS_GFP	(__GFP_HIGHMEM | __GFP_KSWAPD_RECLAIM | __GFP_NOWARN)

static u32 rng = 12345;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* Byte i of object number tag: differs between objects and along each. */
static u8 pat(unsigned int tag, unsigned int i)
{
	return (u8)(tag * 131 + i * 7 + (i >> 8));
}

static void obj_fill(struct zs_pool *pool, unsigned long h, unsigned int tag, size_t size)
{
	u8 *p = zs_map_object(pool, h, ZS_MM_WO);
	size_t i;

	for (i = 0; i < size; i++)
		p[i] = pat(tag, (unsigned int)i);
	zs_unmap_object(pool, h);
}

static void obj_check(struct zs_pool *pool, unsigned long h, unsigned int tag, size_t size)
{
	u8 *p = zs_map_object(pool, h, ZS_MM_RO);
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i] != pat(tag, (unsigned int)i))
			fail_msg("object %u (%zu bytes), byte %zu: %u, not %u", tag, size, i, p[i],
				 pat(tag, (unsigned int)i));
	zs_unmap_object(pool, h);
}

static void test_classes_and_huge_threshold(void **state)
{
	static const struct { size_t size; unsigned long pages; } one[] = {
		{ 1, 1 }, { 32, 1 }, { 33, 3 }, { 208, 2 }, { 720, 3 }, { 1024, 1 }, { 2064, 4 },
		{ 3264, 4 }, { 3265, 1 }, { 4096, 1 },
	};
	unsigned long free0 = host_settled_free();
	struct zs_pool *pool = zs_create_pool("test");
	unsigned int i;

	assert_non_null(pool);
	/* Linux's threshold: the largest multi-object, multi-page class less the handle */
	assert_int_equal(zs_huge_class_size(pool), 3264 - (sizeof(unsigned long) - 1));
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		unsigned long h = zs_malloc(pool, one[i].size, ZS_GFP);

		assert_true(h != 0);
		assert_int_equal(zs_get_total_pages(pool), one[i].pages);
		zs_free(pool, h);
		assert_int_equal(zs_get_total_pages(pool), 0);
	}
	assert_int_equal(zs_malloc(pool, 0, ZS_GFP), 0);
	assert_int_equal(zs_malloc(pool, PAGE_SIZE + 1, ZS_GFP), 0);
	zs_destroy_pool(pool);
	assert_int_equal(host_settled_free(), free0);
}

/* Every size 1..4096, all alive at once (straddling objects, HighMem), freed in random order. */
static void test_every_size(void **state)
{
	unsigned long free0 = host_settled_free();
	struct zs_pool *pool = zs_create_pool("test");
	unsigned long *h = calloc(PAGE_SIZE + 1, sizeof(*h));
	unsigned int order[PAGE_SIZE], s, i;
	unsigned long long bytes = 0;

	assert_non_null(pool);
	for (s = 1; s <= PAGE_SIZE; s++) {
		h[s] = zs_malloc(pool, s, ZS_GFP);
		assert_true(h[s] != 0);
		obj_fill(pool, h[s], s, s);
		bytes += s;
	}
	for (s = 1; s <= PAGE_SIZE; s++)
		obj_check(pool, h[s], s, s);
	printf("every size 1..4096 alive: %lu pages for %llu bytes: %.1f%% not object bytes\n",
	       zs_get_total_pages(pool), bytes,
	       100.0 - 100.0 * (double)bytes / ((double)zs_get_total_pages(pool) * PAGE_SIZE));
	for (i = 0; i < PAGE_SIZE; i++)
		order[i] = i + 1;
	for (i = PAGE_SIZE - 1; i > 0; i--) {
		unsigned int j = rnd() % (i + 1), t = order[i];

		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < PAGE_SIZE; i++) {
		zs_free(pool, h[order[i]]);
		if (i % 512 == 0)	/* the rest are intact */
			for (s = i + 1; s < PAGE_SIZE; s += 61)
				obj_check(pool, h[order[s]], order[s], order[s]);
	}
	assert_int_equal(zs_get_total_pages(pool), 0);
	zs_destroy_pool(pool);
	free(h);
	assert_int_equal(host_settled_free(), free0);
}

#define SLOTS	3000

/* Random allocations, frees and rewrites (RW maps) against a shadow copy. */
static void test_random_against_shadow(void **state)
{
	unsigned long free0 = host_settled_free();
	struct zs_pool *pool = zs_create_pool("test");
	static unsigned long h[SLOTS];
	static unsigned int size[SLOTS], tag[SLOTS];
	unsigned int op, i, next_tag = 1;

	assert_non_null(pool);
	memset(h, 0, sizeof(h));
	for (op = 0; op < 60000; op++) {
		i = rnd() % SLOTS;
		if (!h[i]) {
			size[i] = rnd() % 3 ? 1 + rnd() % 3300 : 1 + rnd() % PAGE_SIZE;
			tag[i] = next_tag++;
			h[i] = zs_malloc(pool, size[i], ZS_GFP);
			assert_true(h[i] != 0);
			obj_fill(pool, h[i], tag[i], size[i]);
		} else if (rnd() % 4 == 0) {	/* read-modify-write of the first byte */
			u8 *p = zs_map_object(pool, h[i], ZS_MM_RW);

			assert_int_equal(p[size[i] - 1], pat(tag[i], size[i] - 1));
			p[0] ^= 0xff;
			zs_unmap_object(pool, h[i]);
			p = zs_map_object(pool, h[i], ZS_MM_RW);
			p[0] ^= 0xff;
			zs_unmap_object(pool, h[i]);
			obj_check(pool, h[i], tag[i], size[i]);
		} else {
			obj_check(pool, h[i], tag[i], size[i]);
			zs_free(pool, h[i]);
			h[i] = 0;
		}
	}
	for (i = 0; i < SLOTS; i++)
		if (h[i]) {
			obj_check(pool, h[i], tag[i], size[i]);
			zs_free(pool, h[i]);
		}
	assert_int_equal(zs_get_total_pages(pool), 0);
	zs_destroy_pool(pool);
	assert_int_equal(host_settled_free(), free0);
}

/* Every allocation a new zspage makes can fail: zs_malloc says 0, nothing leaks. */
static void test_allocation_failures(void **state)
{
	static const size_t sizes[] = { 100, 2064, 3264, 4096 };	/* 1, 4, 4, 1 pages */
	unsigned long free0 = host_settled_free();
	struct zs_pool *pool = zs_create_pool("test");
	unsigned int i, k;

	assert_non_null(pool);
	fault_injection_on = true;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (k = 0; k < 4; k++) {	/* the k-th page of the zspage fails */
			host_fail_page_countdown = k;
			assert_int_equal(zs_malloc(pool, sizes[i], ZS_GFP), 0);
			host_fail_page_countdown = -1;
			assert_int_equal(zs_get_total_pages(pool), 0);
			if (sizes[i] == 100 || sizes[i] == 4096)
				break;		/* one page only */
		}
		host_failslab_countdown = 0;	/* the zspage descriptor */
		assert_int_equal(zs_malloc(pool, sizes[i], ZS_GFP), 0);
		host_failslab_countdown = -1;
		assert_int_equal(zs_get_total_pages(pool), 0);
	}
	fault_injection_on = false;
	zs_destroy_pool(pool);
	assert_int_equal(host_settled_free(), free0);
}

/* Fill the machine until zs_malloc fails (no reclaim to call): then all of it comes back. */
static void test_exhaustion(void **state)
{
	unsigned long free0 = host_settled_free();
	struct zs_pool *pool = zs_create_pool("test");
	unsigned long *h = malloc(40000 * sizeof(*h));
	unsigned int n = 0, i;

	assert_non_null(pool);
	for (;;) {
		assert_true(n < 40000);
		h[n] = zs_malloc(pool, 1000 + n % 2000, ZS_GFP);
		if (!h[n])
			break;
		obj_fill(pool, h[n], n, 8);
		n++;
	}
	printf("exhaustion: %u objects in %lu pages before zs_malloc returned 0\n", n,
	       zs_get_total_pages(pool));
	assert_true(zs_get_total_pages(pool) > 8000);	/* most of the 64 MiB */
	for (i = 0; i < n; i++) {
		obj_check(pool, h[i], i, 8);
		zs_free(pool, h[i]);
	}
	zs_destroy_pool(pool);
	free(h);
	assert_int_equal(host_settled_free(), free0);
}

/*
 * The figures mm/zsmalloc.c quotes: sizes as zram stores them (pages
 * compressed to 50..3260 bytes, uniform), 64 MiB of them on a 256 MiB
 * machine; the share of the pool's pages that holds no object byte,
 * after filling, and after freeing half of the objects at random (no
 * compaction here: the holes stay until allocations fill them), and
 * after allocating as many again (they go into the holes first).
 */
static double waste(struct zs_pool *pool, unsigned long long bytes)
{
	return 1.0 - (double)bytes / ((double)zs_get_total_pages(pool) * PAGE_SIZE);
}

static int big_machine_setup(void **state)
{
	host_alloc_boot(256, 192, NULL);
	return 0;
}

static void test_fragmentation_figure(void **state)
{
	enum { N = 40000 };
	struct zs_pool *pool = zs_create_pool("test");
	unsigned long *h = calloc(N, sizeof(*h));
	unsigned int *size = calloc(N, sizeof(*size));
	unsigned long long bytes = 0;
	double full, half, refilled;
	unsigned int i, left = N;

	assert_non_null(pool);
	for (i = 0; i < N; i++) {
		size[i] = 50 + rnd() % 3211;
		h[i] = zs_malloc(pool, size[i], ZS_GFP);
		assert_true(h[i] != 0);
		bytes += size[i];
	}
	full = waste(pool, bytes);
	while (left > N / 2) {
		i = rnd() % N;
		if (!h[i])
			continue;
		zs_free(pool, h[i]);
		h[i] = 0;
		bytes -= size[i];
		left--;
	}
	half = waste(pool, bytes);
	for (i = 0; i < N; i++) {
		if (h[i])
			continue;
		size[i] = 50 + rnd() % 3211;
		h[i] = zs_malloc(pool, size[i], ZS_GFP);
		assert_true(h[i] != 0);
		bytes += size[i];
	}
	refilled = waste(pool, bytes);
	printf("fragmentation: %.1f%% of the pages hold no object byte when filled "
	       "(%lu pages), %.1f%% after freeing half at random, %.1f%% refilled\n",
	       100 * full, zs_get_total_pages(pool), 100 * half, 100 * refilled);
	assert_true(full < 0.07);
	assert_true(half < 0.55);
	assert_true(refilled < 0.08);
	for (i = 0; i < N; i++)
		if (h[i])
			zs_free(pool, h[i]);
	zs_destroy_pool(pool);
	free(h);
	free(size);
}

static void test_bad_handles_panic(void **state)
{
	struct zs_pool *pool = zs_create_pool("test");
	unsigned long h = zs_malloc(pool, 500, ZS_GFP), h2 = zs_malloc(pool, 500, ZS_GFP);

	expect_assert_failure(zs_free(pool, h + (8 << 1)));	/* an index never handed out */
	expect_assert_failure(zs_free(pool, h & ~1UL));		/* not a handle */
	zs_map_object(pool, h, ZS_MM_RO);
	expect_assert_failure(zs_map_object(pool, h2, ZS_MM_RO));	/* two at once */
	zs_unmap_object(pool, h);
	expect_assert_failure(zs_unmap_object(pool, h));	/* not mapped */
	zs_free(pool, h);
	expect_assert_failure(zs_free(pool, h));		/* a double free */
	zs_free(pool, h2);
	zs_destroy_pool(pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_classes_and_huge_threshold, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_every_size, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_random_against_shadow, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_exhaustion, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_fragmentation_figure, big_machine_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_bad_handles_panic, host_alloc_setup,
						host_alloc_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
