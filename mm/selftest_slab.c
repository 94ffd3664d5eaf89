/*
 * SELFTEST(slab): a cache with a constructor.
 *   1. the constructor runs exactly once per object, when its slab is
 *      made (ctor calls == slabs grown * objects per slab), and never on
 *      reuse: an object freed and allocated again keeps its state;
 *   2. successive slabs take successive colours (every colour shows up
 *      once there are as many slabs as colours);
 *   3. kmem_cache_shrink gives every empty slab back, and after
 *      kmem_cache_destroy the free page count is where it was.
 *
 * SELFTEST(kmalloc): every size class, the large path, ksize, krealloc,
 * kzalloc, kmalloc(0), and the free page count back where it was.
 *
 * Both also run on the host (tests/host/test_slab.c calls them).
 */
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "alloc_internal.h"

#define ST_OBJ_SIZE	200	/* 5 colours with or without the debug words */
#define ST_MAGIC	0xC0DEC0DEu

struct st_obj {
	u32 magic;		/* set by the constructor */
	u32 stamp;		/* set by the test, must survive a free */
	u8 payload[ST_OBJ_SIZE - 8];
};

static unsigned long st_ctor_calls;

static void st_ctor(void *p)
{
	struct st_obj *o = p;

	o->magic = ST_MAGIC;
	o->stamp = 0;
	st_ctor_calls++;
}

/* Free pages once every cache has given back its empty slabs. */
static unsigned long settled_free_pages(void)
{
	kmem_cache_shrink_all();
	return nr_free_pages();
}

/* Distinct colours among the slabs of c (after a drain: all on lists). */
static unsigned int colours_seen(struct kmem_cache *c)
{
	struct list_head *lists[3] = { &c->slabs_full, &c->slabs_partial, &c->slabs_free };
	unsigned long seen = 0;
	struct page *slab;
	unsigned int i, n = 0;

	for (i = 0; i < 3; i++)
		list_for_each_entry(slab, lists[i], lru)
			seen |= 1UL << (slab->s_colour / c->colour_off);
	for (i = 0; i < BITS_PER_LONG; i++)
		n += (seen >> i) & 1;
	return n;
}

static int slab_fill_and_check(struct kmem_cache *c, struct st_obj **objs,
			       unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!objs[i])
			return selftest_fail("slab: allocation %u of %u failed", i, n);
		if (objs[i]->magic != ST_MAGIC)
			return selftest_fail("slab: object %p not constructed", objs[i]);
	}
	if (st_ctor_calls != c->grown * c->num)
		return selftest_fail("slab: %lu ctor calls for %lu slabs of %u objects",
				     st_ctor_calls, c->grown, c->num);
	kmem_cache_drain(c);
	if (colours_seen(c) != MIN(c->colour, (unsigned int)c->grown))
		return selftest_fail("slab: %u colours seen on %lu slabs, cache has %u",
				     colours_seen(c), c->grown, c->colour);
	return 0;
}

static int slab_reuse_keeps_state(struct kmem_cache *c)
{
	unsigned long calls = st_ctor_calls;
	struct st_obj *o = kmem_cache_alloc(c, GFP_KERNEL), *again;

	if (!o)
		return selftest_fail("slab: allocation failed");
	o->stamp = 0x5eed;
	kmem_cache_free(c, o);
	again = kmem_cache_alloc(c, GFP_KERNEL);
	if (again != o || again->magic != ST_MAGIC || again->stamp != 0x5eed ||
	    st_ctor_calls != calls)
		return selftest_fail("slab: reused object %p (was %p) stamp 0x%x, ctor "
				     "calls %lu -> %lu", again, o, again ? again->stamp : 0,
				     calls, st_ctor_calls);
	kmem_cache_free(c, again);
	return 0;
}

int selftest_slab(void)
{
	unsigned long before = settled_free_pages(), shrunk;
	struct kmem_cache *c;
	struct st_obj **objs;
	unsigned int i, n;
	int err;

	st_ctor_calls = 0;
	c = kmem_cache_create("selftest_slab", sizeof(struct st_obj), 0, 0, st_ctor);
	if (!c)
		return selftest_fail("slab: kmem_cache_create failed");
	n = c->num * (c->colour + 1) + 1;	/* every colour, and then some */
	objs = kmalloc(n * sizeof(*objs), GFP_KERNEL);
	err = objs ? slab_fill_and_check(c, objs, n) : selftest_fail("slab: no memory");
	for (i = 0; objs && i < n && objs[i]; i++)
		kmem_cache_free(c, objs[i]);
	kfree(objs);
	if (!err)
		err = slab_reuse_keeps_state(c);
	shrunk = kmem_cache_shrink(c);
	if (!err && (c->num_slabs || !list_empty(&c->slabs_free)))
		err = selftest_fail("slab: %lu slabs left after shrink", c->num_slabs);
	if (!err)
		printk("selftest slab: %lu slabs of %u x %u bytes, %u colours of %u; "
		       "shrink gave back %lu pages\n", c->grown, c->num, c->size,
		       c->colour, c->colour_off, shrunk);
	if (kmem_cache_destroy(c) && !err)
		err = selftest_fail("slab: destroy refused");
	if (!err && settled_free_pages() != before)
		err = selftest_fail("slab: %lu free pages before, %lu after", before,
				    settled_free_pages());
	return err;
}
SELFTEST(slab, selftest_slab);

/* ------------------------------------------------------------ kmalloc */

static int kmalloc_one(size_t size, size_t want)
{
	u8 *p = kmalloc(size, GFP_KERNEL);
	struct page *page;

	if (!p)
		return selftest_fail("kmalloc(%lu) failed", (unsigned long)size);
	page = virt_to_page(p);
	if (ksize(p) != want || (want <= KMALLOC_MAX_CACHE_SIZE) != PageSlab(page) ||
	    (want > KMALLOC_MAX_CACHE_SIZE) != PageLargeKmalloc(page)) {
		selftest_fail("kmalloc(%lu): ksize %lu (want %lu), slab %d, large %d",
			      (unsigned long)size, (unsigned long)ksize(p),
			      (unsigned long)want, PageSlab(page), PageLargeKmalloc(page));
		kfree(p);
		return -1;
	}
	memset(p, 0xa5, size);
	kfree(p);
	return 0;
}

static int krealloc_check(void)
{
	u8 *p = kmalloc(20, GFP_KERNEL), *q, *r;
	int err = 0;

	if (!p)
		return selftest_fail("kmalloc(20) failed");
	memset(p, 0x3c, 20);
	q = krealloc(p, 60, GFP_KERNEL);	/* still fits kmalloc-64 */
	r = q == p ? krealloc(q, 100, GFP_KERNEL) : NULL;
	if (q != p || !r || r == q || ksize(r) != 128 || r[0] != 0x3c || r[19] != 0x3c)
		err = selftest_fail("krealloc: %p -> %p -> %p", p, q, r);
	kfree(r ? r : q);
	p = kzalloc(300, GFP_KERNEL);
	for (q = p; p && q < p + 300; q++)
		if (*q)
			err = selftest_fail("kzalloc: byte %ld is 0x%02x", (long)(q - p), *q);
	kfree(p);
	if (kmalloc(0, GFP_KERNEL) != ZERO_SIZE_PTR || ksize(ZERO_SIZE_PTR))
		err = selftest_fail("kmalloc(0) is not ZERO_SIZE_PTR");
	kfree(ZERO_SIZE_PTR);
	return err;
}

int selftest_kmalloc(void)
{
	static const unsigned short cases[][2] = {
		{ 1, 64 }, { 32, 64 }, { 33, 64 }, { 64, 64 }, { 65, 128 }, { 96, 128 },
		{ 97, 128 }, { 129, 192 }, { 192, 192 }, { 193, 256 }, { 257, 512 },
		{ 1000, 1024 }, { 1025, 2048 }, { 4096, 4096 }, { 4097, 8192 },
		{ 8192, 8192 }, { 8193, 16384 }, { 20000, 32768 },
	};
	unsigned long before = settled_free_pages();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (kmalloc_one(cases[i][0], cases[i][1]))
			return -1;
	if (krealloc_check())
		return -1;
	if (settled_free_pages() != before)
		return selftest_fail("kmalloc: %lu free pages before, %lu after", before,
				     settled_free_pages());
	return 0;
}
SELFTEST(kmalloc, selftest_kmalloc);
