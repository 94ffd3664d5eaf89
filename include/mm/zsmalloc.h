/*
 * zsmalloc (mm/zsmalloc.c): an allocator for compressed pages.  It packs
 * objects of any size from 1 to PAGE_SIZE bytes tightly into order-0
 * pages, HighMem ones too, and hands out handles, not pointers: an
 * object is reached only between zs_map_object and zs_unmap_object.
 * zram stores every compressed page in it.  mm/zsmalloc.c has the
 * layout, the cost in memory, and the contexts.
 *
 *   call                 does                                  may fail
 *   -------------------  ------------------------------------  ---------------
 *   zs_create_pool       an empty pool                         NULL: no memory
 *   zs_malloc            room for size bytes: a handle          0: no memory,
 *                                                               or a bad size
 *   zs_map_object        the object's bytes at an address       -
 *   zs_unmap_object      done with them (written back if WO/RW) -
 *   zs_free              the object goes                        -
 *   zs_get_total_pages   pages the pool holds                   -
 *   zs_destroy_pool      everything goes                        -
 */
#ifndef MM_ZSMALLOC_H
#define MM_ZSMALLOC_H

#include <kernel/types.h>
#include <mm/gfp.h>

struct zs_pool;

/* What the mapper does with the object: read it, write all of it, or both. */
enum zs_mapmode {
	ZS_MM_RW,
	ZS_MM_RO,
	ZS_MM_WO,	/* the caller overwrites the whole object: nothing is read */
};

struct zs_pool_stats {
	unsigned long pages_compacted;	/* always 0: objects are never moved here */
};

/*
 * zs_create_pool - an empty pool named name (a string that outlives it).
 * Process context (GFP_KERNEL allocations).  NULL when memory is short.
 */
struct zs_pool *zs_create_pool(const char *name);

/*
 * zs_destroy_pool - free the pool and every page it holds.  Objects still
 * allocated are a caller's bug: said on the console, then freed anyway.
 */
void zs_destroy_pool(struct zs_pool *pool);

/*
 * zs_malloc - an object of size bytes (1..PAGE_SIZE).  gfp is for the
 * pages of a new zspage (__GFP_HIGHMEM is welcome; leave out
 * __GFP_DIRECT_RECLAIM on the swap-out path, and add __GFP_NOWARN
 * there).  Returns its handle, never 0; 0 when memory is short or size
 * is 0 or above PAGE_SIZE.  Any context that may allocate with gfp.
 */
unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp);

/* zs_free - give the object back; its zspage goes when it is empty. */
void zs_free(struct zs_pool *pool, unsigned long handle);

/*
 * zs_map_object - the object's bytes, at least the size it was allocated
 * with, until zs_unmap_object.  One object of a pool is mapped at a
 * time, and the caller must not sleep or map it twice meanwhile (a
 * kmap_atomic is held, or the pool's bounce buffer is in use); with
 * interrupts masked if an interrupt handler could use the same pool.
 * Other kmap_atomic mappings may be made and undone inside, LIFO.
 */
void *zs_map_object(struct zs_pool *pool, unsigned long handle, enum zs_mapmode mm);
void zs_unmap_object(struct zs_pool *pool, unsigned long handle);

/* zs_get_total_pages - pages the pool holds (zram's mem_used_total). */
unsigned long zs_get_total_pages(struct zs_pool *pool);

/*
 * zs_huge_class_size - the object size from which a store of a whole
 * page costs no more memory: Linux's threshold, which zram uses to keep
 * a page uncompressed (mm/zsmalloc.c says how it is found).
 */
size_t zs_huge_class_size(struct zs_pool *pool);

void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats);

/* dump_zspool - every class in use on the console (call it from GDB). */
void dump_zspool(struct zs_pool *pool);

#endif
