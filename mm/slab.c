/*
 * The slab allocator: caches of equal-sized objects on top of the buddy
 * allocator, and kmalloc on top of a set of general caches (docs/kernel-allocators.md).
 * The API and the lists are described in include/mm/slab.h; the debug
 * checks (red zones, poison) are in mm/slab_debug.c.
 *
 * ---------------------------------------------------------------------
 * A slab is a block of 2^order lowmem pages.  Its first struct page
 * describes it (include/mm/mm_types.h): lru links it on one of the
 * cache's three lists, freelist points at its first free object, inuse
 * counts the objects not on that free list, s_colour is where the first
 * object starts.  Every page of the slab has PG_slab and slab_cache set,
 * so kfree(p) finds the cache from virt_to_page(p) alone.
 *
 *   page_address(slab)
 *   |<- s_colour ->|<- slot 0 ->|<- slot 1 ->| ... |<- slot num-1 ->|<- rest ->|
 *
 * One object slot is cache->size bytes:
 *
 *   build   ctor  slot layout                                   free-list word
 *   ------  ----  --------------------------------------------  ----------------
 *   normal  no    [ object                         ]            object's 1st word
 *   normal  yes   [ object                 | link  ]            after the object
 *   debug   no    [ rz1 | object           | rz2 | caller ]     object's 1st word
 *   debug   yes   [ rz1 | object           | rz2 | caller | link ]
 *
 *   rz1, rz2  8-byte red zones: RED_ACTIVE while the object is handed
 *             out, RED_INACTIVE while it is free (mm/slab_debug.c)
 *   caller    who allocated or freed it last
 *   link      where the object's "next free" pointer lives while it is on
 *             its slab's free list.  A constructed object must keep its
 *             state while free, so with a ctor the link sits outside it.
 *
 * ---------------------------------------------------------------------
 * Colouring.  A slab of S bytes holding num slots of size bytes leaves
 * left = S - num * size bytes unused.  The cache has
 *
 *   colour = left / colour_off + 1        colours, colour_off = a cache line
 *
 * and successive slabs start their first object at 0, 1, 2, ...,
 * colour-1 times colour_off, then again at 0.  Objects at the same index
 * in different slabs then fall on different cache lines (and different
 * cache sets), instead of all fighting over the same ones.  Example with
 * 32-byte lines, a 96-byte cache in a non-debug build: 42 objects per
 * page, left = 4096 - 42 * 96 = 64, colour = 3: slabs start at 0, 32, 64, 0...
 *
 * ---------------------------------------------------------------------
 * The per-CPU array cache (struct array_cache) sits in front of the
 * lists.  kmem_cache_alloc pops from it and kmem_cache_free pushes to it:
 * the fast path, a few instructions with interrupts masked.  An empty
 * array is refilled with batchcount objects from the slabs (partial
 * slabs first, then empty ones, then a new slab); a full one gives its
 * batchcount oldest objects back (free_block).  An emptied slab goes on
 * slabs_free, or straight back to the buddy allocator when the cache
 * already holds more than free_limit free objects.
 */
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/irqflags.h>
#include <kernel/kallsyms.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/arch_cache.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include "alloc_internal.h"
#include <kernel/fault_inject.h>

/*
 * The fast paths (slab_alloc, slab_free, kmalloc, kfree) are forced
 * inline and everything they call only rarely is kept out of line, so
 * that the common case is a short straight run of instructions.
 * (__always_inline, __noinline: include/kernel/types.h)
 */

#define SLAB_MAX_SIZE		(PAGE_SIZE << SLAB_MAX_ORDER)

/* gfp bits a caller may pass on to the page allocator for a new slab. */
#define SLAB_GFP_CALLER_MASK	(~(GFP_ZONEMASK | GFP_MOVABLE_MASK | __GFP_ZERO))

LIST_HEAD(slab_caches);
struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];

/* The cache of struct kmem_cache, made by hand: it cannot come from itself. */
static struct kmem_cache kmem_cache_boot;
static unsigned int cache_line_size = 32;

static const unsigned int kmalloc_sizes[KMALLOC_NR_CACHES] = {
	64, 128, 192, 256, 512, 1024, 2048, 4096, 8192
};
static const char *const kmalloc_names[KMALLOC_NR_CACHES] = {
	"kmalloc-64", "kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k"
};

/*
 * Which kmalloc cache serves a size: kmalloc_size_index[(size - 1) / 32]
 * (every class size is a multiple of 32), filled in by kmem_init:
 *
 *   size      1-64  65-128  129-192  193-256  257-512 ... 4097-8192
 *   entries   0-1   2-3     4-5      6-7      8-15    ... 128-255
 *   index     0     1       2        3        4       ... 8
 *   cache     64    128     192      256      512     ... 8192
 *
 * One byte load instead of a computation keeps kmalloc's fast path short.
 */
static u8 kmalloc_size_index[KMALLOC_MAX_CACHE_SIZE / 32];

static void init_kmalloc_size_index(void)
{
	unsigned int e, i = 0;

	for (e = 0; e < ARRAY_SIZE(kmalloc_size_index); e++) {
		while ((e + 1) * 32 > kmalloc_sizes[i])
			i++;
		kmalloc_size_index[e] = (u8)i;
	}
}

char *caller_name(char *buf, size_t size, unsigned long addr)
{
	unsigned long off;
	const char *name = kallsyms_lookup(addr - 4, &off);	/* the call, not what follows it */

	if (name)
		snprintf(buf, size, "%s+0x%lx", name, off + 4);
	else
		snprintf(buf, size, "0x%08lx", addr);
	return buf;
}

/* ------------------------------------------------------ slabs */

/*
 * cache_grow - a new slab on slabs_free: pages from the buddy allocator,
 * the next colour, every object initialised (debug words, ctor) and
 * linked on the slab's free list in address order.  Interrupts masked.
 * Returns the slab's first page, or NULL when there is no memory.
 */
unsigned long nr_slab_pages;	/* pages held by every cache, for meminfo */
unsigned long nr_slab_reclaimable;	/* ... of them by __GFP_RECLAIMABLE caches */

static struct page *cache_grow(struct kmem_cache *c, gfp_t gfp)
{
	struct page *slab = alloc_pages(c->gfp | (gfp & SLAB_GFP_CALLER_MASK), c->order);
	unsigned int i;

	if (!slab)
		return NULL;
	nr_slab_pages += 1UL << c->order;
	if (c->gfp & __GFP_RECLAIMABLE)
		nr_slab_reclaimable += 1UL << c->order;
	for (i = 0; i < (1u << c->order); i++) {
		__SetPageSlab(&slab[i]);
		slab[i].slab_cache = c;
	}
	slab->s_colour = (unsigned short)(c->colour_next * c->colour_off);
	if (++c->colour_next >= c->colour)
		c->colour_next = 0;
	slab->inuse = 0;
	slab->freelist = NULL;
	for (i = c->num; i-- > 0;) {
		void *obj = slab_obj(c, slab, i);

		slab_debug_init_obj(c, obj);
		if (c->ctor)
			c->ctor(obj);
		*slab_link(c, obj) = slab->freelist;
		slab->freelist = obj;
	}
	list_add(&slab->lru, &c->slabs_free);
	c->num_slabs++;
	c->free_objects += c->num;
	c->grown++;
	return slab;
}

/*
 * slab_destroy - give an empty slab (already off its list) back to the
 * buddy allocator, every page looking like a freshly allocated one again.
 */
static void slab_destroy(struct kmem_cache *c, struct page *slab)
{
	unsigned int i;

	for (i = 0; i < (1u << c->order); i++) {
		__ClearPageSlab(&slab[i]);
		slab[i].slab_cache = NULL;
		slab[i].freelist = NULL;
		slab[i].index = 0;
	}
	c->num_slabs--;
	c->free_objects -= c->num;
	c->reaped++;
	nr_slab_pages -= 1UL << c->order;
	if (c->gfp & __GFP_RECLAIMABLE)
		nr_slab_reclaimable -= 1UL << c->order;
	__free_pages(slab, c->order);
}

/* Take the first object off a slab's free list (it has one). */
static inline void *slab_get_obj(struct kmem_cache *c, struct page *slab)
{
	void *obj = slab->freelist;

	slab->freelist = *slab_link(c, obj);
	slab->inuse++;
	c->free_objects--;
	return obj;
}

/*
 * free_block - put n objects back on their slabs' free lists and fix the
 * lists: full -> partial, and -> empty (or freed at once, above
 * free_limit).  Interrupts masked.
 */
static void free_block(struct kmem_cache *c, void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		struct page *slab = slab_head(c, lowmem_virt_to_page(objs[i]));

		*slab_link(c, objs[i]) = slab->freelist;
		slab->freelist = objs[i];
		c->free_objects++;
		if (--slab->inuse == 0) {
			list_del(&slab->lru);
			if (c->free_objects > c->free_limit)
				slab_destroy(c, slab);
			else
				list_add(&slab->lru, &c->slabs_free);
		} else if (slab->inuse == c->num - 1) {
			list_move(&slab->lru, &c->slabs_partial);
		}
	}
}

/*
 * cache_alloc_refill - the array cache is empty: move up to batchcount
 * objects into it, from partial slabs first (to fill them up), then
 * empty ones, then a new slab.  Interrupts masked, but cache_grow may
 * sleep (reclaim, the OOM killer), and other tasks may free objects of
 * this cache into the array meanwhile: so the array is filled only up
 * to its limit, never past it.  Returns one object (taken off the array again), or
 * NULL if not even one could be found.
 */
static __noinline void *cache_alloc_refill(struct kmem_cache *c, gfp_t gfp)
{
	struct array_cache *ac = &c->cpu_cache[0];
	unsigned int batch = ac->batchcount;

	while (batch) {
		struct page *slab;

		if (!list_empty(&c->slabs_partial))
			slab = list_first_entry(&c->slabs_partial, struct page, lru);
		else if (!list_empty(&c->slabs_free))
			slab = list_first_entry(&c->slabs_free, struct page, lru);
		else if (!(slab = cache_grow(c, gfp)))
			break;
		if (ac->avail >= ac->limit)
			break;		/* others filled it while cache_grow slept */
		while (slab->inuse < c->num && batch && ac->avail < ac->limit) {
			ac->entry[ac->avail++] = slab_get_obj(c, slab);
			batch--;
		}
		list_move(&slab->lru, slab->inuse == c->num ? &c->slabs_full
							     : &c->slabs_partial);
	}
	if (!ac->avail)
		return NULL;
	return ac->entry[--ac->avail];
}

/* The array cache is full: give its batchcount oldest objects back. */
static __noinline void cache_flusharray(struct kmem_cache *c, struct array_cache *ac)
{
	unsigned int n = MIN(ac->batchcount, ac->avail);

	free_block(c, ac->entry, n);
	ac->avail -= n;
	memmove(ac->entry, ac->entry + n, ac->avail * sizeof(void *));
}

/* ------------------------------------------------------ the fast path */

/*
 * Debug checks and __GFP_ZERO, off the fast path of non-debug builds.
 * A cache's zone is fixed when it is created (SLAB_CACHE_DMA), so a
 * __GFP_DMA request to another cache could only be served from the wrong
 * zone: debug builds say so.
 */
static __noinline void *slab_post_alloc(struct kmem_cache *c, void *obj, gfp_t gfp,
				       unsigned long caller)
{
	if (SLAB_DEBUG && (gfp & __GFP_DMA) && !(c->flags & SLAB_CACHE_DMA))
		panic("slab %s: __GFP_DMA asked of a cache that is not SLAB_CACHE_DMA "
		      "(kmalloc cannot give ZONE_DMA memory: use get_free_pages(GFP_DMA) "
		      "or a SLAB_CACHE_DMA cache)", c->name);
	if (!obj)
		return NULL;
	slab_debug_alloc(c, obj, caller);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;
}

static inline __attribute__((always_inline))
void *slab_alloc(struct kmem_cache *c, gfp_t gfp, unsigned long caller)
{
	struct array_cache *ac = &c->cpu_cache[0];
	unsigned long flags;
	void *obj;

	if (unlikely(should_failslab()))	/* fault injection */
		return NULL;
	local_irq_save(flags);
	if (likely(ac->avail))
		obj = ac->entry[--ac->avail];
	else
		obj = cache_alloc_refill(c, gfp);
	local_irq_restore(flags);
	if (unlikely(SLAB_DEBUG || (gfp & __GFP_ZERO)))
		return slab_post_alloc(c, obj, gfp, caller);
	return obj;
}

static inline __attribute__((always_inline))
void slab_free(struct kmem_cache *c, void *obj, unsigned long caller)
{
	struct array_cache *ac = &c->cpu_cache[0];
	unsigned long flags;

	slab_debug_free(c, obj, caller);
	local_irq_save(flags);
	if (unlikely(ac->avail >= ac->limit))
		cache_flusharray(c, ac);
	ac->entry[ac->avail++] = obj;
	local_irq_restore(flags);
}

void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp)
{
	return slab_alloc(cache, gfp, _RET_IP_);
}

void kmem_cache_free(struct kmem_cache *cache, void *obj)
{
	if (unlikely(!obj))
		return;
	slab_free(cache, obj, _RET_IP_);
}

/* ------------------------------------------------------ kmalloc */

/* Above KMALLOC_MAX_CACHE_SIZE: whole pages, marked PG_large_kmalloc. */
static __noinline void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = size_to_order(size);
	struct page *page;

	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("kmalloc: %lu bytes is more than the largest block\n",
				(unsigned long)size);
		return NULL;
	}
	page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);
	if (!page)
		return NULL;
	page->private = order;
	__SetPageLargeKmalloc(page);
	return page_address(page);
}

static inline __attribute__((always_inline))
void *__kmalloc(size_t size, gfp_t gfp, unsigned long caller)
{
	if (unlikely(size - 1 >= KMALLOC_MAX_CACHE_SIZE)) {
		if (!size)
			return ZERO_SIZE_PTR;
		return kmalloc_large(size, gfp);
	}
	return slab_alloc(kmalloc_caches[kmalloc_size_index[(size - 1) / 32]], gfp, caller);
}

void *kmalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp, _RET_IP_);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return __kmalloc(size, gfp | __GFP_ZERO, _RET_IP_);
}

/* kfree of something that is not on a slab page: a large block, or a bug. */
static __noinline void free_large_kmalloc(struct page *page, const void *p)
{
	if (!PageLargeKmalloc(page) || page_address(page) != p)
		panic("kfree(%p): not a kmalloc'ed block: its page is neither a slab "
		      "nor the start of a large kmalloc block (freed twice? foreign "
		      "pointer?)", p);
	__ClearPageLargeKmalloc(page);
	__free_pages(page, (unsigned int)page->private);
}

void kfree(const void *p)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	slab_debug_check_kfree(p);
	page = lowmem_virt_to_page(p);
	if (unlikely(!PageSlab(page))) {
		free_large_kmalloc(page, p);
		return;
	}
	slab_free(page->slab_cache, (void *)p, _RET_IP_);
}

bool kmem_owns_range(const void *p, size_t len)
{
	struct page *page = virt_to_page(p), *slab;
	struct kmem_cache *c;
	char *obj;
	long off;

	if (!PageSlab(page))
		return true;
	c = page->slab_cache;
	slab = slab_head(c, page);
	off = (const char *)p - (char *)slab_obj(c, slab, 0);
	if (off < 0 || off / c->size >= c->num)
		return false;
	obj = slab_obj(c, slab, (unsigned int)(off / c->size));
	return (const char *)p >= obj &&
	       (const char *)p + len <= obj + ALIGN_UP(c->object_size, c->align);
}

size_t ksize(const void *p)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	slab_debug_check_kfree(p);
	page = virt_to_page(p);
	if (PageSlab(page))
		return page->slab_cache->object_size;
	if (PageLargeKmalloc(page) && page_address(page) == p)
		return PAGE_SIZE << page->private;
	panic("ksize(%p): not a kmalloc'ed block", p);
}

void *krealloc(const void *p, size_t size, gfp_t gfp)
{
	size_t old = ksize(p);
	void *n;

	if (!size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (old >= size)
		return (void *)p;
	n = __kmalloc(size, gfp, _RET_IP_);
	if (!n)
		return NULL;
	if (old)
		memcpy(n, p, old);
	kfree(p);
	return n;
}

/* ------------------------------------------------------ caches */

/*
 * choose_order - the smallest slab order (up to SLAB_MAX_ORDER) that
 * wastes at most 1/8 of the slab; if none does, the one wasting the
 * smallest fraction.  Sets c->order and c->num.
 */
static void choose_order(struct kmem_cache *c)
{
	unsigned int order, best = SLAB_MAX_ORDER;
	unsigned long best_waste_8ths = ~0UL;

	for (order = 0; order <= SLAB_MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		unsigned long num = bytes / c->size;
		unsigned long waste_8ths;

		if (!num)
			continue;
		waste_8ths = (bytes - num * c->size) * 8 * 1024 / bytes;
		if (waste_8ths <= 1024) {
			best = order;
			break;
		}
		if (waste_8ths < best_waste_8ths) {
			best_waste_8ths = waste_8ths;
			best = order;
		}
	}
	c->order = best;
	c->num = (unsigned int)((PAGE_SIZE << best) / c->size);
}

/*
 * The array cache's size by slot size: small objects are cheap to hoard
 * and allocated often.
 */
static unsigned int cpu_cache_limit(unsigned int size)
{
	if (size <= 256)
		return SLAB_CPU_CACHE_MAX;
	if (size <= 1024)
		return 16;
	if (size <= 4096)
		return 8;
	return 4;
}

/*
 * cache_setup - fill in a cache: the slot layout drawn at the top of this
 * file, the slab order, the colours, the array cache.  size and align
 * have been checked.
 */
static void cache_setup(struct kmem_cache *c, const char *name, size_t size,
			size_t align, unsigned int flags, void (*ctor)(void *))
{
	unsigned int end, left;

	memset(c, 0, sizeof(*c));
	c->name = name;
	c->object_size = (unsigned int)size;
	c->flags = flags;
	c->ctor = ctor;
	align = MAX(align, (size_t)ARCH_SLAB_MINALIGN);
	if (flags & SLAB_HWCACHE_ALIGN)
		align = MAX(align, (size_t)cache_line_size);
	c->align = (unsigned int)align;
	c->obj_offset = SLAB_REDZONE_BYTES ? ALIGN_UP(SLAB_REDZONE_BYTES, (unsigned int)align) : 0;
	/* the debug words start on the next `align` boundary: an object owns
	 * the lines it is in (a DMA buffer may be invalidated whole) */
	end = c->obj_offset + ALIGN_UP((unsigned int)size, (unsigned int)align) +
	      SLAB_DEBUG_TAIL_BYTES;
	c->link_offset = ctor ? end : c->obj_offset;
	if (ctor)
		end += ARCH_SLAB_MINALIGN;
	c->size = ALIGN_UP(end, (unsigned int)align);
	choose_order(c);
	left = (unsigned int)(PAGE_SIZE << c->order) - c->num * c->size;
	c->colour_off = MAX(cache_line_size, (unsigned int)align);
	c->colour = left / c->colour_off + 1;
	c->cpu_cache[0].limit = cpu_cache_limit(c->size);
	c->cpu_cache[0].batchcount = (c->cpu_cache[0].limit + 1) / 2;
	c->free_limit = c->num + c->cpu_cache[0].batchcount;
	c->gfp = ((flags & SLAB_CACHE_DMA) ? __GFP_DMA : 0) |
		 ((flags & SLAB_RECLAIM_ACCOUNT) ? __GFP_RECLAIMABLE : 0);
	INIT_LIST_HEAD(&c->slabs_full);
	INIT_LIST_HEAD(&c->slabs_partial);
	INIT_LIST_HEAD(&c->slabs_free);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *c = NULL;
	unsigned long irqflags;

	if (!name || !size || size > SLAB_MAX_SIZE / 2 || (align & (align - 1)) ||
	    align > PAGE_SIZE)
		pr_err("kmem_cache_create(%s): bad size %lu or align %lu\n",
		       name ? name : "NULL", (unsigned long)size, (unsigned long)align);
	else
		c = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!c) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create(%s): cannot create the cache",
			      name ? name : "NULL");
		return NULL;
	}
	cache_setup(c, name, size, align, flags, ctor);
	local_irq_save(irqflags);
	list_add_tail(&c->list, &slab_caches);
	local_irq_restore(irqflags);
	return c;
}

void kmem_cache_drain(struct kmem_cache *cache)
{
	struct array_cache *ac = &cache->cpu_cache[0];
	unsigned long flags;

	local_irq_save(flags);
	free_block(cache, ac->entry, ac->avail);
	ac->avail = 0;
	local_irq_restore(flags);
}

unsigned long kmem_cache_shrink(struct kmem_cache *cache)
{
	unsigned long flags, reaped = cache->reaped;

	kmem_cache_drain(cache);	/* may free slabs already (free_limit) */
	local_irq_save(flags);
	while (!list_empty(&cache->slabs_free)) {
		struct page *slab = list_first_entry(&cache->slabs_free, struct page, lru);

		list_del(&slab->lru);
		slab_destroy(cache, slab);
	}
	local_irq_restore(flags);
	return (cache->reaped - reaped) << cache->order;
}

unsigned long kmem_cache_shrink_all(void)
{
	struct kmem_cache *c;
	unsigned long pages = 0;

	list_for_each_entry(c, &slab_caches, list)
		pages += kmem_cache_shrink(c);
	return pages;
}

int kmem_cache_destroy(struct kmem_cache *cache)
{
	unsigned long flags;

	if (!cache)
		return 0;
	kmem_cache_shrink(cache);
	if (cache->num_slabs) {
		pr_err("kmem_cache_destroy(%s): %lu objects still allocated; "
		       "the cache is kept\n", cache->name,
		       cache->num_slabs * cache->num - cache->free_objects);
		return -EBUSY;
	}
	local_irq_save(flags);
	list_del(&cache->list);
	local_irq_restore(flags);
	kmem_cache_free(&kmem_cache_boot, cache);
	return 0;
}

/*
 * The empty slabs as a shrinker ("slab" in /proc/shrinkers), counted in
 * pages: free_block keeps up to free_limit free objects per cache in
 * empty slabs for the next allocations; under memory pressure reclaim
 * takes those pages back, as kmem_cache_shrink does for drop_caches=2.
 * The per-CPU arrays are left alone (their objects are about to be used).
 */
static unsigned long slab_shrink_count(struct shrinker *s)
{
	struct kmem_cache *c;
	struct list_head *pos;
	unsigned long pages = 0, flags;

	local_irq_save(flags);
	list_for_each_entry(c, &slab_caches, list)
		list_for_each(pos, &c->slabs_free)
			pages += 1UL << c->order;
	local_irq_restore(flags);
	return pages;
}

static unsigned long slab_shrink_scan(struct shrinker *s, unsigned long nr)
{
	struct kmem_cache *c;
	unsigned long freed = 0, flags;

	local_irq_save(flags);
	list_for_each_entry(c, &slab_caches, list) {
		while (freed < nr && !list_empty(&c->slabs_free)) {
			struct page *slab = list_first_entry(&c->slabs_free, struct page, lru);

			list_del(&slab->lru);
			slab_destroy(c, slab);
			freed += 1UL << c->order;
		}
		if (freed >= nr)
			break;
	}
	local_irq_restore(flags);
	return freed;
}

static struct shrinker slab_shrinker = {
	.name = "slab", .count_objects = slab_shrink_count, .scan_objects = slab_shrink_scan,
};

void kmem_init(void)
{
	unsigned int i, line = arch_dcache_line_size();

	if (line >= 16 && line <= 256 && !(line & (line - 1)))
		cache_line_size = line;
	INIT_LIST_HEAD(&slab_caches);
	init_kmalloc_size_index();
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
		    SLAB_HWCACHE_ALIGN, NULL);
	list_add_tail(&kmem_cache_boot.list, &slab_caches);
	for (i = 0; i < KMALLOC_NR_CACHES; i++)
		kmalloc_caches[i] = kmem_cache_create(kmalloc_names[i], kmalloc_sizes[i],
						      ARCH_KMALLOC_MINALIGN, SLAB_PANIC, NULL);
	register_shrinker(&slab_shrinker);
}

/* ------------------------------------------------------ views */

void slab_count_lists(struct kmem_cache *c, struct slab_counts *n)
{
	struct list_head *pos;
	unsigned long flags;

	n->full = n->partial = n->free = 0;
	local_irq_save(flags);
	list_for_each(pos, &c->slabs_full)
		n->full++;
	list_for_each(pos, &c->slabs_partial)
		n->partial++;
	list_for_each(pos, &c->slabs_free)
		n->free++;
	local_irq_restore(flags);
}

/*
 * slabinfo, in the column order of Linux's /proc/slabinfo 2.1 (SLAB):
 * active_objs counts what is handed out plus what waits in the array
 * cache; objsize is the slot size (with the debug words in debug builds).
 */
void show_slabinfo(struct seq_buf *s)
{
	struct kmem_cache *c;

	seq_printf(s, "slabinfo - version: 2.1\n");
	seq_printf(s, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		   "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
		   "slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(c, &slab_caches, list) {
		struct slab_counts n;
		unsigned long num_objs = c->num_slabs * c->num;

		slab_count_lists(c, &n);
		seq_printf(s, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : "
			   "slabdata %6lu %6lu %6u\n", c->name,
			   num_objs - c->free_objects, num_objs, c->size, c->num,
			   1u << c->order, c->cpu_cache[0].limit,
			   c->cpu_cache[0].batchcount, 0u, n.full + n.partial,
			   c->num_slabs, 0u);
	}
}
VIEW(slabinfo, show_slabinfo);

static void dump_slab_list(struct kmem_cache *c, struct list_head *head,
			   const char *what)
{
	struct page *slab;

	list_for_each_entry(slab, head, lru)
		printk("  %-7s slab pfn 0x%05lx at %p: inuse %u/%u, colour %u, "
		       "first free %p\n", what, (unsigned long)page_to_pfn(slab),
		       page_address(slab), slab->inuse, c->num, slab->s_colour,
		       slab->freelist);
}

void dump_slab(struct kmem_cache *c)
{
	printk("cache %s: object %u, slot %u (object at +%u, link at +%u), %u per "
	       "slab of %u pages, %u colours of %u bytes, next %u\n", c->name,
	       c->object_size, c->size, c->obj_offset, c->link_offset, c->num,
	       1u << c->order, c->colour, c->colour_off, c->colour_next);
	printk("  array cache: %u of %u (batch %u); %lu slabs, %lu free objects\n",
	       c->cpu_cache[0].avail, c->cpu_cache[0].limit,
	       c->cpu_cache[0].batchcount, c->num_slabs, c->free_objects);
	dump_slab_list(c, &c->slabs_full, "full");
	dump_slab_list(c, &c->slabs_partial, "partial");
	dump_slab_list(c, &c->slabs_free, "free");
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t n = strlen(s) + 1;
	char *p = kmalloc(n, gfp);

	if (p)
		memcpy(p, s, n);
	return p;
}
