/*
 * The slab allocator and kmalloc (docs/kernel-allocators.md): objects smaller than a page,
 * carved out of slabs (blocks of 2^order lowmem pages from the buddy
 * allocator).  Implemented in mm/slab.c, debug checks in mm/slab_debug.c;
 * docs/kernel-allocators.md tells the whole story.
 *
 * Where an object can be, seen from its cache:
 *
 *   place                    counted in slabinfo as   the object is
 *   -----------------------  -----------------------  ----------------------
 *   handed out to a caller   active                   the caller's
 *   the CPU's array cache    active (as Linux SLAB)   free, hot, taken first
 *   a slab's free list       free                     free, linked through
 *                                                     the free-list word
 *
 * and a slab (its first struct page) is on exactly one list of its cache:
 *
 *   list           page->inuse            objects on its free list
 *   -------------  ---------------------  ------------------------
 *   slabs_full     == num                 none
 *   slabs_partial  1 .. num-1             num - inuse
 *   slabs_free     0                      num ("empty": shrink frees it)
 *
 * page->inuse counts the objects that are not on the slab's free list:
 * those handed out plus those parked in the array cache.
 *
 * Interrupts: every call may be made with interrupts in any state and
 * from an interrupt handler (pass GFP_ATOMIC there); the lists are
 * touched with interrupts masked.  Nothing sleeps.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <kernel/types.h>
#include <kernel/list.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

/* kmem_cache_create() flags */
#define SLAB_HWCACHE_ALIGN	0x01u	/* objects start on a cache line */
#define SLAB_CACHE_DMA		0x02u	/* slabs from ZONE_DMA */
#define SLAB_RECLAIM_ACCOUNT	0x04u	/* slabs from the reclaimable migrate type */
#define SLAB_PANIC		0x08u	/* panic instead of returning NULL */

/*
 * Every kmalloc object may be handed to a DMA master, so none may share a
 * cache line with another object: invalidating one after a device wrote
 * it would otherwise throw away a neighbour's dirty data.  kmalloc aligns
 * to the largest data cache line of the CPUs we run on, as Linux/ARM does
 * (ARCH_DMA_MINALIGN = L1_CACHE_BYTES = 64: Cortex-A8 and A15 lines are
 * 64 bytes, A9 and PL310 lines 32).  dma_init() checks it against what
 * CTR, CLIDR and CCSIDR report.  Hence no kmalloc-32 and no kmalloc-96.
 */
#define ARCH_DMA_MINALIGN	64
#define ARCH_KMALLOC_MINALIGN	ARCH_DMA_MINALIGN

/* The general caches: kmalloc-64 ... kmalloc-8192. */
#define KMALLOC_MIN_SIZE	ARCH_KMALLOC_MINALIGN
#define KMALLOC_MAX_CACHE_SIZE	8192
#define KMALLOC_NR_CACHES	9	/* 64 128 192 256 512 1k 2k 4k 8k */

/* Objects are aligned to at least this (ldrd/strd of a u64 need 8). */
#define ARCH_SLAB_MINALIGN	8

/*
 * kmalloc(0) returns this, as Linux does: not NULL (it did not fail), not
 * a usable address (page 0 is never mapped).  kfree and ksize accept it.
 */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(p)	((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

/* Most objects an array cache can hold (its limit is set per cache). */
#define SLAB_CPU_CACHE_MAX	32

/*
 * The per-CPU array cache: a LIFO stack of free objects.  kmem_cache_free
 * pushes, kmem_cache_alloc pops, neither touches a slab; only when the
 * stack is empty (alloc) or full (free) does `batchcount` objects' worth
 * of work go to the slab lists.  This is what keeps the fast path short.
 */
struct array_cache {
	unsigned int avail;		/* objects in entry[] */
	unsigned int limit;		/* entry[] holds at most this many */
	unsigned int batchcount;	/* moved to or from the slabs at a time */
	void *entry[SLAB_CPU_CACHE_MAX];	/* entry[avail - 1] is the hottest */
};

/*
 * A cache: every object the same size.  Private to mm/slab*.c; it is in
 * this header so that GDB (p *cache, call dump_slab(cache)) and the host
 * tests can see it.  The layout of one object slot is drawn in mm/slab.c.
 */
struct kmem_cache {
	struct array_cache cpu_cache[NR_CPUS];	/* first: the fast path */
	unsigned int size;		/* bytes per slot: the stride in the slab */
	unsigned int object_size;	/* bytes the user may use (ksize) */
	unsigned int obj_offset;	/* object's offset in its slot */
	unsigned int align;		/* objects start on this boundary; the
					 * object's own bytes run to the next one */
	unsigned int link_offset;	/* free-list word's offset in the slot */
	unsigned int num;		/* objects per slab */
	unsigned int order;		/* a slab is 2^order pages */
	unsigned int colour;		/* number of colours (1: no colouring) */
	unsigned int colour_off;	/* bytes between two colours: a cache line */
	unsigned int colour_next;	/* colour of the next new slab */
	unsigned int flags;		/* SLAB_* */
	gfp_t gfp;			/* added to every page allocation */
	void (*ctor)(void *obj);	/* run once per object, when its slab is made */
	const char *name;		/* must outlive the cache (a string literal) */

	struct list_head slabs_full;
	struct list_head slabs_partial;
	struct list_head slabs_free;
	unsigned long num_slabs;	/* on all three lists */
	unsigned long free_objects;	/* on the slabs' free lists */
	unsigned long free_limit;	/* above this, an emptied slab is freed at once */

	/* statistics, for slabinfo and the tests */
	unsigned long grown;		/* slabs allocated */
	unsigned long reaped;		/* slabs given back to the buddy allocator */

	struct list_head list;		/* on slab_caches, in creation order */
};

extern struct list_head slab_caches;
extern struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];

/*
 * kmem_owns_range - do the len bytes from p all belong to the one
 * allocation p is in?  For a slab object: its bytes up to the next
 * `align` boundary (never a neighbour's, nor debug words); for pages
 * from the buddy allocator: always (the caller owns what it got).  Used
 * to check that a DMA buffer owns its cache lines.
 */
bool kmem_owns_range(const void *p, size_t len);

/*
 * kmem_init - bring up the slab allocator: the cache of caches and the
 * kmalloc caches.  Called once by start_kernel, after mem_init() and
 * before anything calls kmalloc (vmalloc_init, drivers).  Panics if the
 * page allocator cannot give the first slabs.
 */
void kmem_init(void);

/*
 * kmem_cache_create - a cache of objects of `size` bytes aligned to
 * `align` (0 or a power of two; at least ARCH_SLAB_MINALIGN is used).
 * ctor, if not NULL, runs once on every object when its slab is made,
 * never again when the object is reused: an object freed back must be
 * left in its constructed state.  Returns NULL (or panics with
 * SLAB_PANIC) if the arguments are bad (size 0 or above 16 KiB, align
 * not a power of two) or memory is short.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned int flags, void (*ctor)(void *));

/*
 * kmem_cache_destroy - give every slab of an unused cache back and forget
 * the cache.  If objects are still allocated, says so on the console and
 * keeps the cache (its memory is leaked, never reused under a live
 * object); returns -EBUSY then, 0 otherwise.  NULL does nothing.
 */
int kmem_cache_destroy(struct kmem_cache *cache);

/*
 * kmem_cache_alloc - one object, or NULL when the page allocator has no
 * page for a new slab.  __GFP_ZERO clears it (kzalloc); __GFP_HIGHMEM is
 * ignored (slabs are always lowmem: objects need a kernel address).
 */
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);

/*
 * kmem_cache_free - give obj back to the cache it came from.  NULL does
 * nothing.  Debug builds panic on a double free, on an object of another
 * cache, on an address that is not an object, and on an overwritten red
 * zone, naming the cache and the address.
 */
void kmem_cache_free(struct kmem_cache *cache, void *obj);

/*
 * kmem_cache_shrink - drain the array cache into the slabs and give
 * every empty slab back to the buddy allocator.  Returns pages freed.
 * kmem_cache_shrink_all does it for every cache (the reclaim hook, and
 * drop_caches=3 later).
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cache);
unsigned long kmem_cache_shrink_all(void);

/*
 * kmem_cache_drain - put the objects of the array cache back on their
 * slabs' free lists, without freeing any slab: afterwards the three
 * lists tell exactly which objects are handed out (tests, dump_slab).
 */
void kmem_cache_drain(struct kmem_cache *cache);

/*
 * kmalloc - size bytes of lowmem, physically contiguous, aligned to at
 * least 8.  (Non-debug builds: every kmalloc-N slot is a multiple of 32
 * bytes and slabs start on a cache line, so objects own whole lines when
 * lines are 32 bytes, as on the Cortex-A9; see dma_map_single for why
 * that matters.)  Up to KMALLOC_MAX_CACHE_SIZE from the kmalloc-N
 * cache of the smallest N >= size; above that, straight from the buddy
 * allocator (2^order pages, page->private = order, PG_large_kmalloc).
 * Returns NULL when memory is short, ZERO_SIZE_PTR for size 0.  The
 * kmalloc caches are not ZONE_DMA: __GFP_DMA is a bug (debug builds
 * panic); use get_free_pages(GFP_DMA) or a SLAB_CACHE_DMA cache.
 */
void *kmalloc(size_t size, gfp_t gfp);

/* kzalloc - kmalloc, zero-filled. */
void *kzalloc(size_t size, gfp_t gfp);

/* kstrdup - a kmalloc'd copy of s (NULL if no memory). */
char *kstrdup(const char *s, gfp_t gfp);

/*
 * krealloc - resize a kmalloc'ed block: the same pointer if it is big
 * enough already (ksize), else a new block with the old contents, the old
 * one freed.  NULL p acts as kmalloc; size 0 frees p and returns
 * ZERO_SIZE_PTR.  On failure returns NULL and p is left untouched.
 */
void *krealloc(const void *p, size_t size, gfp_t gfp);

/*
 * kfree - free a block from kmalloc/kzalloc/krealloc (or an object of
 * any cache: the cache is found from the page).  NULL and ZERO_SIZE_PTR
 * do nothing.  A pointer that is neither a slab object nor the start of
 * a large kmalloc block panics ("foreign pointer"), in every build.
 */
void kfree(const void *p);

/* ksize - how many bytes of the block at p the caller may use. */
size_t ksize(const void *p);

/* The text views (registered with VIEW(slabinfo) in mm/slab.c). */
void show_slabinfo(struct seq_buf *s);
extern unsigned long nr_slab_pages;
extern unsigned long nr_slab_reclaimable;	/* SReclaimable of /proc/meminfo */

/* dump_slab - every slab of a cache on the console (call it from GDB). */
void dump_slab(struct kmem_cache *cache);

#endif
