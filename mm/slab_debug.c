/*
 * Debug checks of the slab allocator (CONFIG_DEBUG_MM, the default build):
 * red zones, poison, and the last caller, in the slot words drawn at the
 * top of mm/slab.c.  Every broken rule is a panic that names the cache,
 * the object and, when known, who touched it last.
 *
 * The two red zones hold the object's state, so a double free is told
 * from an overrun with certainty, not by guessing at poison bytes:
 *
 *   rz1            rz2            meaning
 *   -------------  -------------  ------------------------------------------
 *   RED_ACTIVE     RED_ACTIVE     handed out: may be freed
 *   RED_INACTIVE   RED_INACTIVE   free (array cache or slab free list):
 *                                 freeing it again is a double free
 *   anything else                 a red zone was overwritten: the object
 *                                 before it ran past its end (rz1), or this
 *                                 one did (rz2)
 *
 * The bytes of a free object without a constructor hold POISON_FREE
 * (except the free-list word at its start); any other byte found there at
 * the next allocation was written after the free.  A newly allocated
 * object is filled with POISON_INUSE, so that reading it before writing
 * shows a recognisable value.  Objects with a constructor are never
 * poisoned: their constructed state must survive while they are free.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/selftest.h>
#include <kernel/irqflags.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "alloc_internal.h"

#ifdef CONFIG_DEBUG_MM

#define RED_ACTIVE	0xccccccccccccccccULL
#define RED_INACTIVE	0xbbbbbbbbbbbbbbbbULL
#define POISON_FREE	0x6b	/* 'k' */
#define POISON_INUSE	0x5a	/* 'Z' */

static inline unsigned long long *red_zone1(void *obj)
{
	return (unsigned long long *)((char *)obj - SLAB_REDZONE_BYTES);
}

static inline unsigned long long *red_zone2(const struct kmem_cache *c, void *obj)
{
	return (unsigned long long *)((char *)obj + ALIGN_UP(c->object_size, c->align));
}

static inline unsigned long *last_caller(const struct kmem_cache *c, void *obj)
{
	return (unsigned long *)(red_zone2(c, obj) + 1);
}

static inline size_t poison_bytes(const struct kmem_cache *c)
{
	return ALIGN_UP(c->object_size, ARCH_SLAB_MINALIGN);
}

void slab_debug_init_obj(struct kmem_cache *c, void *obj)
{
	*red_zone1(obj) = RED_INACTIVE;
	*red_zone2(c, obj) = RED_INACTIVE;
	*last_caller(c, obj) = 0;
	if (!c->ctor)
		memset(obj, POISON_FREE, poison_bytes(c));
}

/* First byte of a free object that is not poison, or -1 (the link word is skipped). */
static long find_poison_damage(const struct kmem_cache *c, const u8 *obj)
{
	size_t i;

	for (i = sizeof(void *); i < poison_bytes(c); i++)
		if (obj[i] != POISON_FREE)
			return (long)i;
	return -1;
}

void slab_debug_alloc(struct kmem_cache *c, void *obj, unsigned long caller)
{
	char who[64];
	long bad;

	if (*red_zone1(obj) != RED_INACTIVE || *red_zone2(c, obj) != RED_INACTIVE)
		panic("slab %s: free object %p has red zones 0x%llx/0x%llx, not "
		      "'inactive': written after free, or overrun by its neighbour "
		      "(last user %s)", c->name, obj, *red_zone1(obj),
		      *red_zone2(c, obj), caller_name(who, sizeof(who), *last_caller(c, obj)));
	if (!c->ctor) {
		bad = find_poison_damage(c, obj);
		if (bad >= 0)
			panic("slab %s: object %p was modified after it was freed: byte "
			      "%ld is 0x%02x, not poison 0x%02x (freed by %s)", c->name,
			      obj, bad, ((u8 *)obj)[bad], POISON_FREE,
			      caller_name(who, sizeof(who), *last_caller(c, obj)));
		memset(obj, POISON_INUSE, poison_bytes(c));
	}
	*red_zone1(obj) = RED_ACTIVE;
	*red_zone2(c, obj) = RED_ACTIVE;
	*last_caller(c, obj) = caller;
}

/*
 * The object must be the start of a slot of a slab of cache c: its page
 * is a slab page of c, and its offset from the slab's first object is a
 * whole number of slots.
 */
static void check_object_address(struct kmem_cache *c, void *obj)
{
	struct page *page, *slab;
	long off;

	slab_debug_check_kfree(obj);
	page = virt_to_page(obj);
	if (!PageSlab(page))
		panic("slab %s: free of %p: not a slab object (its page pfn 0x%lx "
		      "is not a slab page): foreign pointer", c->name, obj,
		      (unsigned long)page_to_pfn(page));
	if (page->slab_cache != c)
		panic("slab %s: free of %p: the object belongs to cache %s",
		      c->name, obj, page->slab_cache->name);
	slab = slab_head(c, page);
	off = (char *)obj - (char *)slab_obj(c, slab, 0);
	if (off < 0 || off % c->size || off / c->size >= c->num)
		panic("slab %s: free of %p: not the start of an object (%ld bytes "
		      "from the slab's first object, slots of %u): foreign pointer",
		      c->name, obj, off, c->size);
}

void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller)
{
	unsigned long long rz1, rz2;
	char who[64];

	check_object_address(c, obj);
	rz1 = *red_zone1(obj);
	rz2 = *red_zone2(c, obj);
	if (rz1 == RED_INACTIVE && rz2 == RED_INACTIVE)
		panic("slab %s: double free of object %p (first freed by %s)",
		      c->name, obj, caller_name(who, sizeof(who), *last_caller(c, obj)));
	if (rz1 != RED_ACTIVE)
		panic("slab %s: red zone before object %p overwritten (0x%llx): the "
		      "object before it ran past its end, or %p was written below "
		      "its start", c->name, obj, rz1, obj);
	if (rz2 != RED_ACTIVE)
		panic("slab %s: red zone after object %p overwritten (0x%llx): "
		      "written past its %u bytes (allocated by %s)", c->name, obj, rz2,
		      c->object_size, caller_name(who, sizeof(who), *last_caller(c, obj)));
	*red_zone1(obj) = RED_INACTIVE;
	*red_zone2(c, obj) = RED_INACTIVE;
	*last_caller(c, obj) = caller;
	if (!c->ctor)
		memset(obj, POISON_FREE, poison_bytes(c));
}

/* kfree, ksize: the pointer must be a lowmem address to have a struct page. */
void slab_debug_check_kfree(const void *p)
{
	if (!virt_addr_valid(p))
		panic("kfree/ksize(%p): not a lowmem address (a vmalloc, ioremap or "
		      "kmap address?): foreign pointer", p);
}

/*
 * /proc/slab_allocators (debug builds; Linux's SLAB debug had the same
 * view): for every cache, the objects handed out right now, counted by
 * the function that allocated them.  A count that only grows, run after
 * run, is a leak, and this names the place.  Red zone 1 tells handed-out
 * objects (RED_ACTIVE) from free ones.
 */
#define OWNERS 32
static void show_slab_allocators(struct seq_buf *s)
{
	static struct { unsigned long caller, count; } owner[OWNERS];
	struct kmem_cache *c;
	unsigned long flags;

	list_for_each_entry(c, &slab_caches, list) {
		struct list_head *lists[] = { &c->slabs_full, &c->slabs_partial };
		unsigned n = 0, i, k;
		struct page *slab;
		char who[64];

		local_irq_save(flags);
		for (k = 0; k < 2; k++) {
			list_for_each_entry(slab, lists[k], lru) {
				for (i = 0; i < c->num; i++) {
					void *obj = slab_obj(c, slab, i);
					unsigned j;

					if (*red_zone1(obj) != RED_ACTIVE)
						continue;
					for (j = 0; j < n && owner[j].caller != *last_caller(c, obj); j++)
						;
					if (j == n && n < OWNERS) {
						owner[n].caller = *last_caller(c, obj);
						owner[n++].count = 0;
					}
					if (j < n)
						owner[j].count++;
				}
			}
		}
		local_irq_restore(flags);
		for (i = 0; i < n; i++)
			seq_printf(s, "%-17s %6lu %s\n", c->name, owner[i].count,
				   caller_name(who, sizeof(who), owner[i].caller));
	}
}
VIEW(slab_allocators, show_slab_allocators);

#endif /* CONFIG_DEBUG_MM */
