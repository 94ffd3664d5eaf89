/*
 * Host tests of the slab allocator and kmalloc (mm/slab.c, mm/slab_debug.c):
 * object accounting across the full/partial/empty lists, colour offsets,
 * shrink, kmalloc size classes and the large path, ksize, krealloc, the
 * debug checks (double free, foreign pointers, red zones, poison) and
 * the slabinfo view.  The host build is a debug build (CONFIG_DEBUG_MM).
 *
 * Every test boots a fresh allocator: 64 MiB of RAM, 48 MiB lowmem.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include <host_mm.h>
#include <host_alloc.h>
#include "../../mm/alloc_internal.h"


static struct page *slab_of(struct kmem_cache *c, void *obj)
{
	return slab_head(c, virt_to_page(obj));
}

static void expect_lists(struct kmem_cache *c, unsigned long full,
			 unsigned long partial, unsigned long empty)
{
	struct slab_counts n;

	kmem_cache_drain(c);
	slab_count_lists(c, &n);
	assert_int_equal(n.full, full);
	assert_int_equal(n.partial, partial);
	assert_int_equal(n.free, empty);
	assert_int_equal(c->num_slabs, full + partial + empty);
}

/* ---------------------------------------------------------- kmalloc */

static void test_kmalloc_size_classes(void **state)
{
	static const unsigned int classes[] = {
		64, 128, 192, 256, 512, 1024, 2048, 4096, 8192
	};
	size_t size;
	unsigned int i = 0;

	for (size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size += (size < 300 ? 1 : 37)) {
		u8 *p = kmalloc(size, GFP_KERNEL);
		struct page *page = virt_to_page(p);

		while (classes[i] < size)
			i++;
		assert_non_null(p);
		assert_true(PageSlab(page));
		assert_ptr_equal(page->slab_cache, kmalloc_caches[i]);
		assert_int_equal(ksize(p), classes[i]);
		assert_int_equal((uintptr_t)p % ARCH_KMALLOC_MINALIGN, 0);	/* DMA-safe */
		memset(p, 0x11, ksize(p));	/* the whole class size is usable */
		kfree(p);
	}
	assert_int_equal(kmalloc(8192, GFP_KERNEL) != NULL, 1);
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

static void test_kmalloc_large_path(void **state)
{
	unsigned long before = host_settled_free();
	u8 *p = kmalloc(8193, GFP_KERNEL);
	struct page *page = virt_to_page(p);

	assert_non_null(p);
	assert_false(PageSlab(page));
	assert_true(PageLargeKmalloc(page));
	assert_int_equal(page->private, 2);		/* 8193 bytes: order 2 */
	assert_int_equal(ksize(p), 16384);
	assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
	assert_int_equal(nr_free_pages(), before - 4);
	memset(p, 0x22, 16384);
	kfree(p);
	assert_false(PageLargeKmalloc(page));
	assert_int_equal(host_settled_free(), before);

	p = kmalloc(4u << 20, GFP_KERNEL);		/* order 10: the largest */
	assert_non_null(p);
	kfree(p);
	assert_null(kmalloc((4u << 20) + 1, GFP_KERNEL | __GFP_NOWARN));
	assert_null(kmalloc(60u << 20, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(host_settled_free(), before);
}

static void test_kzalloc_and_krealloc(void **state)
{
	u8 *p = kzalloc(100, GFP_KERNEL), *q, *r;
	size_t i;

	for (i = 0; i < 128; i++)	/* the whole object, not just 100 bytes */
		assert_int_equal(p[i], 0);
	memset(p, 0x7e, 100);
	q = krealloc(p, 120, GFP_KERNEL);		/* still kmalloc-128 */
	assert_ptr_equal(q, p);
	r = krealloc(q, 5000, GFP_KERNEL);		/* kmalloc-8192 */
	assert_ptr_not_equal(r, q);
	assert_int_equal(ksize(r), 8192);
	for (i = 0; i < 100; i++)
		assert_int_equal(r[i], 0x7e);
	q = krealloc(r, 20000, GFP_KERNEL);		/* the large path */
	assert_true(PageLargeKmalloc(virt_to_page(q)));
	assert_int_equal(q[99], 0x7e);
	/* failure: NULL, and the old block untouched and still owned */
	assert_null(krealloc(q, 64u << 20, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(q[0], 0x7e);
	assert_ptr_equal(krealloc(q, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	p = krealloc(NULL, 40, GFP_KERNEL);		/* as kmalloc */
	assert_int_equal(ksize(p), 64);
	kfree(p);
}

/* ------------------------------------------------------ slab lists */

/*
 * Three full slabs, then objects freed slab by slab: full -> partial ->
 * empty, an emptied slab beyond free_limit goes back at once, and shrink
 * returns the rest.  The free page count ends where it started.
 */
static void test_object_accounting(void **state)
{
	unsigned long before = host_settled_free();
	struct kmem_cache *c = kmem_cache_create("acct", 100, 0, 0, NULL);
	void **objs;
	struct page *slabs[3];
	unsigned int i, n, s, k[3] = { 0, 0, 0 };

	assert_non_null(c);
	n = 3 * c->num;
	objs = calloc(n, sizeof(*objs));
	for (i = 0; i < n; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(c, GFP_KERNEL));
	expect_lists(c, 3, 0, 0);
	assert_int_equal(c->num_slabs * c->num - c->free_objects, n);
	slabs[0] = slab_of(c, objs[0]);
	slabs[1] = slab_of(c, objs[c->num]);		/* num > batchcount: slabs */
	slabs[2] = slab_of(c, objs[2 * c->num]);	/* fill in order */
	assert_true(c->num > c->cpu_cache[0].batchcount);
	assert_true(slabs[0] != slabs[1] && slabs[1] != slabs[2] && slabs[0] != slabs[2]);

	/* sort the objects by slab: objs[s*num ..] of slab s */
	for (s = 0; s < 3; s++)
		for (i = 0; i < n; i++)
			if (objs[i] && slab_of(c, objs[i]) == slabs[s])
				k[s]++;
	assert_int_equal(k[0], c->num);
	assert_int_equal(k[1], c->num);

	for (i = 0; i < n; i++)		/* one object of slab 0 */
		if (objs[i] && slab_of(c, objs[i]) == slabs[0]) {
			kmem_cache_free(c, objs[i]);
			objs[i] = NULL;
			break;
		}
	expect_lists(c, 2, 1, 0);
	assert_int_equal(slabs[0]->inuse, c->num - 1);
	for (i = 0; i < n; i++)		/* the rest of slab 0: empty, kept */
		if (objs[i] && slab_of(c, objs[i]) == slabs[0]) {
			kmem_cache_free(c, objs[i]);
			objs[i] = NULL;
		}
	expect_lists(c, 2, 0, 1);
	assert_int_equal(c->free_objects, c->num);
	assert_true(c->num <= c->free_limit && 2 * c->num > c->free_limit);
	for (i = 0; i < n; i++)		/* slab 1 too: above free_limit, freed */
		if (objs[i] && slab_of(c, objs[i]) == slabs[1]) {
			kmem_cache_free(c, objs[i]);
			objs[i] = NULL;
		}
	expect_lists(c, 1, 0, 1);
	assert_int_equal(c->reaped, 1);
	assert_int_equal(kmem_cache_shrink(c), 1);	/* the empty one */
	expect_lists(c, 1, 0, 0);
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);	/* slab 2 is in use */
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(host_settled_free(), before);
}

/*
 * The slab shrinker: an emptied slab kept for the next allocations (below
 * free_limit) goes back when reclaim asks the shrinkers, and is counted
 * as pages freed.
 */
static void test_slab_shrinker(void **state)
{
	unsigned long before = host_settled_free(), freed;
	struct kmem_cache *c = kmem_cache_create("shr", 100, 0, 0, NULL);
	void **objs;
	unsigned int i;

	assert_non_null(c);
	objs = calloc(c->num, sizeof(*objs));
	for (i = 0; i < c->num; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(c, GFP_KERNEL));
	for (i = 0; i < c->num; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_drain(c);
	expect_lists(c, 0, 0, 1);		/* empty, and kept */
	freed = shrink_slab(0);
	assert_true(freed >= 1);
	expect_lists(c, 0, 0, 0);
	assert_int_equal(c->reaped, 1);
	assert_int_equal(shrink_slab(0), 0);	/* nothing left to give */
	free(objs);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(host_settled_free(), before);
}

/* A cache of 4-page slabs: kfree of objects on the 2nd..4th page works. */
static void test_multi_page_slabs_and_shrink(void **state)
{
	unsigned long before = host_settled_free(), pages;
	struct kmem_cache *c = kmem_cache_create("big", 3000, 0, 0, NULL);
	void *objs[40];
	unsigned int i;

	assert_int_equal(c->order, 2);
	assert_int_equal(c->num, 5);
	for (i = 0; i < 40; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	expect_lists(c, 8, 0, 0);
	for (i = 0; i < 40; i++) {
		struct page *page = virt_to_page(objs[i]);

		assert_true(PageSlab(page) && page->slab_cache == c);
		kfree(objs[i]);		/* kfree finds the cache from any page */
	}
	kmem_cache_drain(c);
	pages = (c->num_slabs) << c->order;
	assert_int_equal(kmem_cache_shrink(c), pages);
	assert_int_equal(c->num_slabs, 0);
	assert_int_equal(c->free_objects, 0);
	assert_int_equal(c->reaped, c->grown);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(host_settled_free(), before);
}

/* Successive slabs take colours 0, 1, ..., colour-1, 0, ... */
static void test_colour_offsets(void **state)
{
	struct kmem_cache *c = kmem_cache_create("colour", 200, 0, 0, NULL);
	struct page *seen[8];
	void *objs[200];
	unsigned int i, j, nslabs = 0;

	/* debug slot: 8 + 200 + 16 = 224 bytes, 18 a page, 64 left: 3 colours */
	assert_int_equal(c->size, 224);
	assert_int_equal(c->num, 18);
	assert_int_equal(c->colour_off, 32);
	assert_int_equal(c->colour, 3);
	for (i = 0; i < 5 * c->num; i++) {
		struct page *slab;

		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		slab = slab_of(c, objs[i]);
		for (j = 0; j < nslabs && seen[j] != slab; j++)
			;
		if (j == nslabs)
			seen[nslabs++] = slab;
		/* every object sits at colour + obj_offset + k * size */
		assert_int_equal(((uintptr_t)objs[i] - (uintptr_t)page_address(slab) -
				  slab->s_colour - c->obj_offset) % c->size, 0);
	}
	assert_int_equal(nslabs, c->grown);		/* 6: the last refill opened one */
	assert_true(nslabs >= 5);
	for (j = 0; j < nslabs; j++)
		assert_int_equal(seen[j]->s_colour, (j % 3) * 32);
	for (i = 0; i < 5 * c->num; i++)
		kmem_cache_free(c, objs[i]);
}

static unsigned int ctor_calls;

static void count_ctor(void *p)
{
	*(u32 *)p = 0xfeedf00d;
	ctor_calls++;
}

static void test_ctor_once_per_object(void **state)
{
	struct kmem_cache *c;
	u32 *p, *q;

	ctor_calls = 0;
	c = kmem_cache_create("ctor", 48, 0, SLAB_HWCACHE_ALIGN, count_ctor);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, c->num);		/* the whole first slab */
	assert_int_equal(*p, 0xfeedf00d);
	assert_int_equal((uintptr_t)p % 32, 0);		/* SLAB_HWCACHE_ALIGN */
	assert_int_equal(c->link_offset > c->obj_offset, 1);	/* link outside */
	p[1] = 42;
	kmem_cache_free(c, p);
	kmem_cache_drain(c);		/* through the slab's free list too */
	q = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, c->num);		/* not again */
	assert_int_equal(q[0], 0xfeedf00d);
	kmem_cache_free(c, q);
	assert_int_equal(selftest_slab(), 0);
}

static void test_zones_of_slabs(void **state)
{
	struct kmem_cache *dma = kmem_cache_create("dma_objs", 64, 0, SLAB_CACHE_DMA, NULL);
	void *p = kmem_cache_alloc(dma, GFP_KERNEL), *q = kmalloc(100, GFP_HIGHUSER);

	assert_int_equal(page_zonenum(virt_to_page(p)), ZONE_DMA);
	assert_int_equal(page_zonenum(virt_to_page(q)), ZONE_NORMAL);	/* never HighMem */
	kmem_cache_free(dma, p);
	kfree(q);
	expect_assert_failure(kmalloc(64, GFP_KERNEL | GFP_DMA));
	assert_non_null(strstr(host_last_panic, "SLAB_CACHE_DMA"));
}

static void test_bad_create_arguments(void **state)
{
	assert_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	assert_null(kmem_cache_create("huge", 64 * 1024, 0, 0, NULL));
	assert_null(kmem_cache_create("align", 64, 24, 0, NULL));
	expect_assert_failure(kmem_cache_create("panic", 0, 0, SLAB_PANIC, NULL));
}

/* ----------------------------------------------------- debug checks */

static void test_double_free_detected(void **state)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	expect_assert_failure(kfree(p));
	assert_non_null(strstr(host_last_panic, "double free"));
	assert_non_null(strstr(host_last_panic, "kmalloc-64"));
}

static void test_double_free_after_drain_detected(void **state)
{
	struct kmem_cache *c = kmem_cache_create("df", 40, 0, 0, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	kmem_cache_drain(c);		/* now on the slab's free list */
	expect_assert_failure(kmem_cache_free(c, p));
	assert_non_null(strstr(host_last_panic, "double free"));
}

static void test_foreign_pointers_detected(void **state)
{
	struct kmem_cache *c = kmem_cache_create("other", 64, 0, 0, NULL);
	u8 *p = kmalloc(64, GFP_KERNEL);
	void *page = get_free_page(GFP_KERNEL);
	static int not_lowmem;

	expect_assert_failure(kfree(p + 8));
	assert_non_null(strstr(host_last_panic, "not the start of an object"));
	expect_assert_failure(kfree(page));
	assert_non_null(strstr(host_last_panic, "not a kmalloc'ed block"));
	expect_assert_failure(kfree(&not_lowmem));
	assert_non_null(strstr(host_last_panic, "not a lowmem address"));
	expect_assert_failure(kmem_cache_free(c, p));
	assert_non_null(strstr(host_last_panic, "belongs to cache kmalloc-64"));
	expect_assert_failure(ksize(page));
}

static void test_redzone_overwrite_detected(void **state)
{
	u8 *p = kmalloc(64, GFP_KERNEL), *q = kmalloc(64, GFP_KERNEL);

	p[64] = 0;			/* one past the end */
	expect_assert_failure(kfree(p));
	assert_non_null(strstr(host_last_panic, "red zone after"));
	q[-1] = 0;			/* one before the start */
	expect_assert_failure(kfree(q));
	assert_non_null(strstr(host_last_panic, "red zone before"));
}

static void test_use_after_free_detected(void **state)
{
	u8 *p = kmalloc(64, GFP_KERNEL);
	size_t i;

	for (i = 0; i < 64; i++)
		assert_int_equal(p[i], 0x5a);		/* POISON_INUSE */
	kfree(p);
	assert_int_equal(p[63], 0x6b);			/* POISON_FREE */
	p[20] = 1;				/* written after the free */
	expect_assert_failure(kmalloc(64, GFP_KERNEL));	/* LIFO: gets p again */
	assert_non_null(strstr(host_last_panic, "modified after it was freed"));
}

/* ---------------------------------------------------------- views */

static void test_slabinfo_view(void **state)
{
	static char buf[8192];
	struct kmem_cache *c = kmem_cache_create("view_test", 100, 0, 0, NULL);
	void *objs[10];
	struct seq_buf s;
	const char *head;
	char want[160];
	unsigned int i;

	for (i = 0; i < 10; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	seq_buf_init(&s, buf, sizeof(buf));
	show_slabinfo(&s);
	assert_false(s.overflow);
	head = "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
	       "<objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> "
	       "<sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
	assert_int_equal(strncmp(buf, head, strlen(head)), 0);
	/* active: 10 handed out + 6 more of the first refill batch (16) waiting
	 * in the array cache; 32 slots of 128 bytes in one page */
	assert_int_equal(c->cpu_cache[0].batchcount, 16);
	assert_int_equal(c->num, 32);
	snprintf(want, sizeof(want), "\nview_test             16     32    128   32    1 : "
		 "tunables   32   16    0 : slabdata      1      1      0\n");
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(buf, "\nkmalloc-64 "));
	assert_non_null(strstr(buf, "\nkmem_cache "));
	for (i = 0; i < 10; i++)
		kmem_cache_free(c, objs[i]);
}

/*
 * The slab order rule, computed here independently for slot sizes from
 * 520 to 4096 bytes: the smallest order whose slab wastes at most 1/8 of
 * itself, else the order that wastes the smallest fraction; num objects
 * fill the whole slab.
 */
static void test_slab_order_rule(void **state)
{
	unsigned int size;

	for (size = 520; size <= 4096; size += 36) {
		struct kmem_cache *c = kmem_cache_create("order", size, 0, 0, NULL);
		unsigned int order, best = SLAB_MAX_ORDER, want_num;
		double best_waste = 2.0;

		assert_non_null(c);
		for (order = 0; order <= SLAB_MAX_ORDER; order++) {
			unsigned long bytes = PAGE_SIZE << order, num = bytes / c->size;
			double waste = (double)(bytes - num * c->size) / (double)bytes;

			if (!num)
				continue;
			if (waste <= 1.0 / 8) {
				best = order;
				break;
			}
			if (waste < best_waste) {
				best_waste = waste;
				best = order;
			}
		}
		want_num = (unsigned int)((PAGE_SIZE << best) / c->size);
		if (c->order != best || c->num != want_num)
			printf("# slot of %u bytes: order %u, %u objects\n", c->size, c->order, c->num);
		assert_int_equal(c->order, best);
		assert_int_equal(c->num, want_num);
		assert_int_equal(kmem_cache_destroy(c), 0);
	}
}

/*
 * A full array cache gives its batchcount *oldest* objects back to their
 * slabs and keeps the newest, in order, at the front: the next
 * allocations return them newest first (their lines are the warmest).
 */
static void test_array_cache_keeps_the_newest(void **state)
{
	struct kmem_cache *c = kmem_cache_create("fifo", 100, 0, 0, NULL);
	struct array_cache *ac = &c->cpu_cache[0];
	unsigned int limit = ac->limit, batch = ac->batchcount, i;
	unsigned long free0;
	void **o = calloc(limit + 1, sizeof(void *));

	for (i = 0; i <= limit; i++)
		assert_non_null(o[i] = kmem_cache_alloc(c, GFP_KERNEL));
	kmem_cache_drain(c);
	assert_int_equal(ac->avail, 0);
	free0 = c->free_objects;
	for (i = 0; i <= limit; i++)		/* the last one overflows the array */
		kmem_cache_free(c, o[i]);
	assert_int_equal(ac->avail, limit + 1 - batch);
	assert_int_equal(c->free_objects, free0 + batch);	/* the oldest went back */
	for (i = 0; i < ac->avail; i++)
		assert_ptr_equal(ac->entry[i], o[batch + i]);
	for (i = limit; i >= batch; i--)
		assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), o[i]);
	for (i = batch; i <= limit; i++)
		kmem_cache_free(c, o[i]);
	free(o);
	kmem_cache_drain(c);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

/*
 * An empty array cache is refilled from partial slabs first, then from
 * free ones: slabs fill up one by one and empty slabs stay empty, ready
 * to be given back.
 */
static void test_refill_prefers_partial_slabs(void **state)
{
	struct kmem_cache *c = kmem_cache_create("refill", 100, 0, 0, NULL);
	unsigned int num = c->num, batch = c->cpu_cache[0].batchcount, i, f = 3;
	struct page *s0, *s1;
	void **o = calloc(num, sizeof(void *));
	void *x;

	assert_true(num > batch && batch > f);
	for (i = 0; i < num; i++)
		assert_non_null(o[i] = kmem_cache_alloc(c, GFP_KERNEL));
	x = kmem_cache_alloc(c, GFP_KERNEL);		/* from a second slab */
	kmem_cache_drain(c);
	s0 = slab_of(c, o[0]);
	s1 = slab_of(c, x);
	for (i = 0; i < num; i++)
		assert_ptr_equal(slab_of(c, o[i]), s0);
	assert_ptr_not_equal(s0, s1);
	kmem_cache_free(c, x);				/* s1: empty, kept */
	for (i = 0; i < f; i++)				/* s0: f free objects */
		kmem_cache_free(c, o[i]);
	kmem_cache_drain(c);
	assert_int_equal(s0->inuse, num - f);
	assert_int_equal(s1->inuse, 0);
	assert_int_equal(c->num_slabs, 2);

	x = kmem_cache_alloc(c, GFP_KERNEL);		/* refill: batch objects */
	assert_int_equal(s0->inuse, num);		/* s0's f first */
	assert_int_equal(s1->inuse, batch - f);		/* then the free slab */
	kmem_cache_free(c, x);
	for (i = f; i < num; i++)
		kmem_cache_free(c, o[i]);
	free(o);
	kmem_cache_drain(c);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

static void test_kmalloc_selftest(void **state)
{
	assert_int_equal(selftest_kmalloc(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_kmalloc_size_classes, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_large_path, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kzalloc_and_krealloc, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_object_accounting, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_multi_page_slabs_and_shrink, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_slab_shrinker, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_colour_offsets, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_ctor_once_per_object, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_zones_of_slabs, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_bad_create_arguments, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_double_free_detected, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_double_free_after_drain_detected, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_foreign_pointers_detected, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_redzone_overwrite_detected, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_use_after_free_detected, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_slabinfo_view, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_selftest, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_slab_order_rule, host_alloc_setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_array_cache_keeps_the_newest, host_alloc_setup,
						host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_refill_prefers_partial_slabs, host_alloc_setup,
						host_alloc_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
