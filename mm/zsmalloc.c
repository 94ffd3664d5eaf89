/*
 * mm/zsmalloc.c - packing compressed pages into pages (Linux's zsmalloc,
 * the idea; the code is ours).
 *
 * Why not kmalloc: a compressed page is any size up to 4096 bytes, and
 * kmalloc rounds 1100 up to 2048 and 2100 up to 4096, and wants lowmem.
 * Here an object is rounded up to 16 bytes only, may straddle two pages,
 * and the pages may be HighMem.
 *
 * Size classes.  Class i holds objects of up to 32 + 16 i bytes, from 32
 * to 4096: 255 classes.  A class's objects are laid end to end in a
 * zspage, 1 to 4 order-0 pages (not contiguous) taken as one run of
 * bytes; the number of pages is the one that leaves the least room at
 * the end (the first best of 1..4):
 *
 *   class  pages  objects  left over        class  pages  objects  left over
 *   -----  -----  -------  ---------        -----  -----  -------  ---------
 *      32      1      128  0                 1104      3       11  1.2%
 *      48      3      256  0                 2048      1        2  0
 *     208      2       39  1.0%              2064      4        7  11.8% (*)
 *     720      3       17  0.4%              3264      4        5  0.4%
 *    1024      1        4  0                 4096      1        1  0
 *
 *   (*) the worst of the classes zram uses: every class up to 3264
 *   leaves at most 11.8%, most under 3%.  Classes from 3280 to 4080
 *   hold one object per page: zram never uses them (see huge below).
 *
 *   zspage (4 pages of class 3264):
 *   | page 0           | page 1           | page 2           | page 3           |
 *   | obj 0     | obj 1     | obj 2      | obj 3     | obj 4     |  unused |
 *                    ^ obj 1 straddles pages 0 and 1
 *
 * A handle says where an object is, without a pointer (HighMem pages
 * have no lasting address):
 *
 *   bits  31 ........................ 10   9 ........ 1    0
 *         pfn of the zspage's first page  object index   1 (never 0)
 *
 * and that first page's page->private is its struct zspage (slab, 96
 * bytes): the class, the pages, and a bitmap of the objects in use (512
 * bits: 4 pages of 32-byte objects).  Allocation takes the lowest clear
 * bit, freeing clears it: neither touches the pool's pages, so neither
 * maps a HighMem page (a free list threaded through the free objects, as
 * slab's, would cost a kmap_atomic on each), and a double free is seen.
 *
 * A class keeps its zspages on two lists, partial (room left) and full;
 * allocation takes the first partial one, and a zspage that gets room
 * back goes to the front, so allocations fill nearly full zspages and
 * the sparse ones can drain.  An empty zspage is freed at once.
 *
 * What it costs.  Rounding to 16 bytes: 7.5 bytes per object on
 * average; the end of the zspage: the "left over" column; the last,
 * partly used zspage of each class in use: up to 4 pages each; the
 * descriptor: 96 bytes of slab per zspage (not in the pool's pages).  Objects are never moved: Linux
 * compacts, which needs handles that point to a slot holding the
 * location, and objects that carry their handle; ours hold the location
 * itself (no slab object to allocate and no indirection on each store).
 * So a pool whose objects were freed at random keeps its half-used
 * zspages until new objects fill the holes.  Measured by
 * tests/host/test_zsmalloc.c, 40000 objects of 50..3260 bytes (uniform;
 * zram's non-huge pages), 64 MiB in all, the share of the pool's pages
 * that holds no object byte:
 *
 *   filled                              5.7%  (17289 pages)
 *   half the objects freed at random   49.5%  (Linux would compact here)
 *   as many allocated again             6.8%
 *
 * zram's own figure is in its mm_stat: mem_used_total against
 * compr_data_size.
 *
 * The huge threshold.  Linux stores a page whole when it compresses to
 * huge_class_size bytes or more: the size of the largest class that
 * holds more than one object in more than one page, less
 * sizeof(unsigned long) - 1 because Linux's objects carry their handle
 * (4 bytes on ARM).  With these classes: 3264 - 3 = 3261 on ARM, the
 * figure Linux 6.1 has.  zs_huge_class_size gives the same, so zram
 * counts the same pages as huge.
 *
 * Contexts.  Nothing sleeps; zs_malloc allocates with the caller's gfp.
 * The lists are not locked: the caller keeps one pool to one context at
 * a time (zram masks interrupts around each page), as for mapping.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/zsmalloc.h>

#define ZS_MIN_ALLOC_SIZE	32
#define ZS_SIZE_CLASS_DELTA	16
#define ZS_MAX_ALLOC_SIZE	PAGE_SIZE
#define ZS_MAX_PAGES_PER_ZSPAGE	4
#define ZS_SIZE_CLASSES		((ZS_MAX_ALLOC_SIZE - ZS_MIN_ALLOC_SIZE) / ZS_SIZE_CLASS_DELTA + 1)
#define ZS_OBJ_INDEX_BITS	9	/* 4 pages / 32 bytes = 512 objects at most */
#define ZS_MAX_OBJS		(1u << ZS_OBJ_INDEX_BITS)
#define ZS_HANDLE_SHIFT		(ZS_OBJ_INDEX_BITS + 1)
#define BITS_PER_WORD		(8 * sizeof(unsigned long))

_Static_assert(ZS_MAX_PAGES_PER_ZSPAGE * PAGE_SIZE / ZS_MIN_ALLOC_SIZE <= (1u << ZS_OBJ_INDEX_BITS),
	       "object indexes must fit ZS_OBJ_INDEX_BITS");
_Static_assert(sizeof(paddr_t) * 8 - PAGE_SHIFT + ZS_HANDLE_SHIFT <= sizeof(unsigned long) * 8,
	       "a pfn and an object index must fit a handle");

/* The shape of a class: the same in every pool (zs_class_init). */
struct zs_class_geometry {
	unsigned short size;			/* bytes per object slot */
	unsigned short objs_per_zspage;
	unsigned char pages_per_zspage;
};

struct size_class {
	struct list_head partial;	/* zspages with a free object; fullest first, roughly */
	struct list_head full;
	unsigned long zspages;		/* on both lists */
	unsigned long objs_inuse;
};

struct zspage {
	struct list_head list;		/* its class's partial or full list */
	unsigned short inuse;		/* objects handed out */
	unsigned char class_idx;
	unsigned char nr_pages;
	struct page *pages[ZS_MAX_PAGES_PER_ZSPAGE];
	unsigned long used[ZS_MAX_OBJS / BITS_PER_WORD];	/* bit i: object i is in use */
};

struct zs_pool {
	const char *name;
	unsigned long pages_allocated;
	struct kmem_cache *zspage_cachep;
	/* the one mapped object (zs_map_object), and its bounce buffer */
	unsigned long map_handle;
	enum zs_mapmode map_mode;
	void *map_kaddr;		/* kmap_atomic address of its page; NULL: in map_buf */
	u8 *map_buf;			/* a lowmem page, for objects that straddle two */
	struct size_class classes[ZS_SIZE_CLASSES];
};

static struct zs_class_geometry zs_geometry[ZS_SIZE_CLASSES];
static size_t zs_huge_size;

/* ---------------------------------------------------------------- classes */

/* The number of pages (1..4) that wastes the least at the end for objects of size. */
static unsigned int pages_for_size(unsigned int size)
{
	unsigned int n, best = 1, best_used = 0;

	for (n = 1; n <= ZS_MAX_PAGES_PER_ZSPAGE; n++) {
		unsigned int bytes = n * PAGE_SIZE;
		unsigned int used = (bytes - bytes % size) * 100 / bytes;	/* percent, as Linux */

		if (used > best_used) {
			best_used = used;
			best = n;
		}
	}
	return best;
}

/* Fill zs_geometry and find the huge threshold (the top of this file). */
static void zs_class_init(void)
{
	int i;

	if (zs_huge_size)
		return;
	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct zs_class_geometry *g = &zs_geometry[i];
		unsigned int size = ZS_MIN_ALLOC_SIZE + (unsigned int)i * ZS_SIZE_CLASS_DELTA;

		if (size > ZS_MAX_ALLOC_SIZE)
			size = ZS_MAX_ALLOC_SIZE;
		g->size = (unsigned short)size;
		g->pages_per_zspage = (unsigned char)pages_for_size(size);
		g->objs_per_zspage = (unsigned short)(g->pages_per_zspage * PAGE_SIZE / size);
		if (!zs_huge_size && g->pages_per_zspage != 1 && g->objs_per_zspage != 1)
			zs_huge_size = size - (sizeof(unsigned long) - 1);
	}
}

static unsigned int size_to_class(size_t size)
{
	if (size <= ZS_MIN_ALLOC_SIZE)
		return 0;
	return (unsigned int)((size - ZS_MIN_ALLOC_SIZE + ZS_SIZE_CLASS_DELTA - 1) /
			      ZS_SIZE_CLASS_DELTA);
}

/* ---------------------------------------------------------------- handles */

static unsigned long encode_handle(struct zspage *zspage, unsigned int idx)
{
	return ((unsigned long)page_to_pfn(zspage->pages[0]) << ZS_HANDLE_SHIFT) |
	       ((unsigned long)idx << 1) | 1;
}

/* The zspage and object index a handle names; panics on one that names none. */
static struct zspage *decode_handle(unsigned long handle, unsigned int *idx)
{
	struct page *first = pfn_to_page((pfn_t)(handle >> ZS_HANDLE_SHIFT));
	struct zspage *zspage = (struct zspage *)first->private;

	*idx = (handle >> 1) & (ZS_MAX_OBJS - 1);
	if (!(handle & 1) || !zspage || zspage->pages[0] != first ||
	    !(zspage->used[*idx / BITS_PER_WORD] & (1ul << (*idx % BITS_PER_WORD))))
		panic("zsmalloc: handle 0x%lx names no object (a double free?)", handle);
	return zspage;
}

/* Where object idx starts: its page and the offset in it. */
static struct page *obj_location(const struct zspage *zspage, unsigned int idx,
				 unsigned int *offset)
{
	unsigned int byte = idx * zs_geometry[zspage->class_idx].size;

	*offset = byte & (PAGE_SIZE - 1);
	return zspage->pages[byte >> PAGE_SHIFT];
}

/*
 * obj_take - mark the lowest free object of zspage in use; its index.  The
 * zspage has a free object (inuse < objs_per_zspage), so the lowest clear
 * bit is one of its objects, not one of the bits past them.
 */
static unsigned int obj_take(struct zspage *zspage)
{
	unsigned int w = 0, bit;

	while (zspage->used[w] == ~0ul)
		w++;
	bit = (unsigned int)__builtin_ctzl(~zspage->used[w]);
	zspage->used[w] |= 1ul << bit;
	return w * (unsigned int)BITS_PER_WORD + bit;
}

/* ---------------------------------------------------------------- zspages */

static void free_zspage(struct zs_pool *pool, struct zspage *zspage)
{
	unsigned int i;

	for (i = 0; i < zspage->nr_pages; i++) {
		zspage->pages[i]->private = 0;
		__free_page(zspage->pages[i]);
	}
	pool->pages_allocated -= zspage->nr_pages;
	pool->classes[zspage->class_idx].zspages--;
	list_del(&zspage->list);
	kmem_cache_free(pool->zspage_cachep, zspage);
}

/* A new, empty zspage of class idx on its partial list; NULL when memory is short. */
static struct zspage *alloc_zspage(struct zs_pool *pool, unsigned int class_idx, gfp_t gfp)
{
	const struct zs_class_geometry *g = &zs_geometry[class_idx];
	struct zspage *zspage = kmem_cache_alloc(pool->zspage_cachep,
						 gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE));
	unsigned int i;

	if (!zspage)
		return NULL;
	memset(zspage, 0, sizeof(*zspage));
	zspage->class_idx = (unsigned char)class_idx;
	for (i = 0; i < g->pages_per_zspage; i++) {
		struct page *page = alloc_page(gfp);

		if (!page) {
			while (i--)
				__free_page(zspage->pages[i]);
			kmem_cache_free(pool->zspage_cachep, zspage);
			return NULL;
		}
		page->private = (unsigned long)zspage;
		zspage->pages[i] = page;
	}
	zspage->nr_pages = g->pages_per_zspage;
	pool->pages_allocated += g->pages_per_zspage;
	pool->classes[class_idx].zspages++;
	list_add(&zspage->list, &pool->classes[class_idx].partial);
	return zspage;
}

/* ---------------------------------------------------------------- the calls */

unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp)
{
	unsigned int class_idx, idx;
	struct size_class *class;
	struct zspage *zspage;

	if (!size || size > ZS_MAX_ALLOC_SIZE)
		return 0;
	class_idx = size_to_class(size);
	class = &pool->classes[class_idx];
	if (list_empty(&class->partial)) {
		zspage = alloc_zspage(pool, class_idx, gfp);
		if (!zspage)
			return 0;
	} else {
		zspage = list_first_entry(&class->partial, struct zspage, list);
	}
	idx = obj_take(zspage);
	if (++zspage->inuse == zs_geometry[class_idx].objs_per_zspage)
		list_move(&zspage->list, &class->full);
	class->objs_inuse++;
	return encode_handle(zspage, idx);
}

void zs_free(struct zs_pool *pool, unsigned long handle)
{
	unsigned int idx;
	struct zspage *zspage = decode_handle(handle, &idx);
	struct size_class *class = &pool->classes[zspage->class_idx];

	class->objs_inuse--;
	if (!--zspage->inuse) {
		free_zspage(pool, zspage);
		return;
	}
	zspage->used[idx / BITS_PER_WORD] &= ~(1ul << (idx % BITS_PER_WORD));
	if (zspage->inuse + 1u == zs_geometry[zspage->class_idx].objs_per_zspage)
		list_move(&zspage->list, &class->partial);	/* room again: to the front */
}

/* Copy the object at (page, off) of size bytes to or from buf, over two pages. */
static void copy_straddling(const struct zspage *zspage, unsigned int idx, u8 *buf,
			    bool to_object)
{
	unsigned int off, size = zs_geometry[zspage->class_idx].size, first;
	struct page *page = obj_location(zspage, idx, &off);
	unsigned int nr = (unsigned int)(idx * size) >> PAGE_SHIFT;
	u8 *p;

	first = PAGE_SIZE - off;
	p = kmap_atomic(page);
	if (to_object)
		memcpy(p + off, buf, first);
	else
		memcpy(buf, p + off, first);
	kunmap_atomic(p);
	p = kmap_atomic(zspage->pages[nr + 1]);
	if (to_object)
		memcpy(p, buf + first, size - first);
	else
		memcpy(buf + first, p, size - first);
	kunmap_atomic(p);
}

void *zs_map_object(struct zs_pool *pool, unsigned long handle, enum zs_mapmode mm)
{
	unsigned int idx, off;
	struct zspage *zspage = decode_handle(handle, &idx);
	struct page *page = obj_location(zspage, idx, &off);

	if (pool->map_handle)
		panic("zs_map_object(%s, 0x%lx): 0x%lx is still mapped", pool->name, handle,
		      pool->map_handle);
	pool->map_handle = handle;
	pool->map_mode = mm;
	if (off + zs_geometry[zspage->class_idx].size <= PAGE_SIZE) {
		pool->map_kaddr = kmap_atomic(page);
		return (u8 *)pool->map_kaddr + off;
	}
	pool->map_kaddr = NULL;
	if (mm != ZS_MM_WO)
		copy_straddling(zspage, idx, pool->map_buf, false);
	return pool->map_buf;
}

void zs_unmap_object(struct zs_pool *pool, unsigned long handle)
{
	unsigned int idx;
	struct zspage *zspage;

	if (pool->map_handle != handle)
		panic("zs_unmap_object(%s, 0x%lx): mapped is 0x%lx", pool->name, handle,
		      pool->map_handle);
	if (pool->map_kaddr) {
		kunmap_atomic(pool->map_kaddr);
	} else if (pool->map_mode != ZS_MM_RO) {
		zspage = decode_handle(handle, &idx);
		copy_straddling(zspage, idx, pool->map_buf, true);
	}
	pool->map_handle = 0;
}

unsigned long zs_get_total_pages(struct zs_pool *pool)
{
	return pool->pages_allocated;
}

size_t zs_huge_class_size(struct zs_pool *pool)
{
	return zs_huge_size;
}

void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats)
{
	stats->pages_compacted = 0;
}

struct zs_pool *zs_create_pool(const char *name)
{
	struct zs_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	unsigned int i;

	if (!pool)
		return NULL;
	zs_class_init();
	pool->name = name;
	pool->map_buf = get_free_page(GFP_KERNEL);
	pool->zspage_cachep = kmem_cache_create("zspage", sizeof(struct zspage), 0, 0, NULL);
	if (!pool->map_buf || !pool->zspage_cachep) {
		free_page(pool->map_buf);
		kmem_cache_destroy(pool->zspage_cachep);
		kfree(pool);
		return NULL;
	}
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		INIT_LIST_HEAD(&pool->classes[i].partial);
		INIT_LIST_HEAD(&pool->classes[i].full);
	}
	return pool;
}

void zs_destroy_pool(struct zs_pool *pool)
{
	struct zspage *zspage, *tmp;
	unsigned int i;

	if (!pool)
		return;
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = &pool->classes[i];

		if (class->objs_inuse)
			printk("zs_destroy_pool(%s): class %u has %lu objects in use; freeing\n",
			       pool->name, zs_geometry[i].size, class->objs_inuse);
		list_for_each_entry_safe(zspage, tmp, &class->partial, list)
			free_zspage(pool, zspage);
		list_for_each_entry_safe(zspage, tmp, &class->full, list)
			free_zspage(pool, zspage);
	}
	kmem_cache_destroy(pool->zspage_cachep);
	free_page(pool->map_buf);
	kfree(pool);
}

void dump_zspool(struct zs_pool *pool)
{
	unsigned int i;

	printk("zspool %s: %lu pages\n", pool->name, pool->pages_allocated);
	printk(" class  pages/zspage  objs/zspage  zspages  objs in use  slot bytes/page bytes\n");
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		const struct zs_class_geometry *g = &zs_geometry[i];
		const struct size_class *c = &pool->classes[i];

		if (c->zspages)
			printk(" %5u  %12u  %11u  %7lu  %11lu  %lu/%lu\n", g->size,
			       g->pages_per_zspage, g->objs_per_zspage, c->zspages, c->objs_inuse,
			       c->objs_inuse * g->size, c->zspages * g->pages_per_zspage * PAGE_SIZE);
	}
}
