/*
 * What the kernel allocators (mm/slab.c, mm/slab_debug.c,
 * mm/vmalloc.c, mm/ioremap.c, mm/highmem.c, mm/dma.c and their
 * self-tests) share with each other and with the host tests, but not
 * with the rest of the kernel.
 */
#ifndef MM_ALLOC_INTERNAL_H
#define MM_ALLOC_INTERNAL_H

#include <kernel/types.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

/* ------------------------------------------------------------ helpers */

/* fls_long - 1 + index of the highest set bit; 0 for 0.  fls_long(8) = 4. */
static inline unsigned int fls_long(unsigned long x)
{
	return x ? (unsigned int)(BITS_PER_LONG - __builtin_clzl(x)) : 0;
}

/*
 * lowmem_virt_to_page - virt_to_page for a lowmem kernel address, in two
 * instructions: mem_map[0] describes PHYS_OFFSET, which the linear map
 * puts at PAGE_OFFSET, so the page index is (kva - PAGE_OFFSET) / 4 KiB.
 */
static inline struct page *lowmem_virt_to_page(const void *kva)
{
	return mem_map + (((vaddr_t)kva - PAGE_OFFSET) >> PAGE_SHIFT);
}

/* size_to_order - smallest order whose block holds size bytes (size > 0). */
static inline unsigned int size_to_order(size_t size)
{
	return size <= PAGE_SIZE ? 0 : fls_long((size - 1) >> PAGE_SHIFT);
}

/*
 * caller_name - "function+0xoffset" for a return address (kallsyms), or
 * "0x<address>" when the symbol is unknown.  The function is the one of
 * the call (addr - 4): after a call that ends its function, the return
 * address is already the next function's.  Writes at most size bytes;
 * returns buf.  For vmallocinfo and the slab debug messages.
 */
char *caller_name(char *buf, size_t size, unsigned long addr);

#define _RET_IP_	((unsigned long)__builtin_return_address(0))

/*
 * mapped_ptr - the pointer through which C code reaches the page mapped
 * at kernel virtual address va (by kmap, kmap_atomic or the DMA pool
 * code, each for one page at a time).
 *
 * On the target that is va itself.  Host tests have a fake MMU
 * (tests/host/shim_arch.c) that records mappings but cannot make host
 * memory appear at 0xBFE00000 or 0xFFC00000; there the shim asks the fake
 * MMU which physical page is mapped at va and returns where the host
 * keeps that page (the lowmem, HighMem or DMA-pool arena).  A page that
 * mm/ forgot to map, or mapped to the wrong frame, therefore reads wrong
 * data in the host tests too.
 */
#ifdef HOST_TEST
void *host_mapped_ptr(vaddr_t va);
static inline void *mapped_ptr(vaddr_t va)
{
	return host_mapped_ptr(va);
}
#else
static inline void *mapped_ptr(vaddr_t va)
{
	return (void *)va;
}
#endif

/* --------------------------------------------------------- mm/slab.c */

#define SLAB_MAX_ORDER		3		/* slabs of 1 to 8 pages */

/*
 * Debug words in each object slot (CONFIG_DEBUG_MM), drawn in mm/slab.c:
 * a red zone before the object, a red zone and the last caller after it.
 */
#ifdef CONFIG_DEBUG_MM
#define SLAB_DEBUG		1
#define SLAB_REDZONE_BYTES	8
#define SLAB_DEBUG_TAIL_BYTES	16	/* red zone 2 + caller word */
#else
#define SLAB_DEBUG		0
#define SLAB_REDZONE_BYTES	0
#define SLAB_DEBUG_TAIL_BYTES	0
#endif

/* The word that links a free object into its slab's free list. */
static inline void **slab_link(const struct kmem_cache *c, void *obj)
{
	return (void **)((char *)obj - c->obj_offset + c->link_offset);
}

/*
 * slab_head - the first page of the slab holding `page` (slabs are buddy
 * blocks, so their first frame is aligned to 2^order).
 */
static inline struct page *slab_head(const struct kmem_cache *c, struct page *page)
{
	return pfn_to_page(page_to_pfn(page) & ~((1u << c->order) - 1));
}

/* Address of object slot i's object in slab (its first page). */
static inline void *slab_obj(const struct kmem_cache *c, struct page *slab,
			     unsigned int i)
{
	return (char *)page_address(slab) + slab->s_colour + c->obj_offset +
	       (size_t)i * c->size;
}

/* mm/slab_debug.c (empty stubs in non-debug builds) */
#ifdef CONFIG_DEBUG_MM
void slab_debug_init_obj(struct kmem_cache *c, void *obj);
void slab_debug_alloc(struct kmem_cache *c, void *obj, unsigned long caller);
void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller);
void slab_debug_check_kfree(const void *p);
#else
static inline void slab_debug_init_obj(struct kmem_cache *c, void *obj) { }
static inline void slab_debug_alloc(struct kmem_cache *c, void *obj,
				    unsigned long caller) { }
static inline void slab_debug_free(struct kmem_cache *c, void *obj,
				   unsigned long caller) { }
static inline void slab_debug_check_kfree(const void *p) { }
#endif

/* Counts of the three slab lists (walks them: for views and tests). */
struct slab_counts {
	unsigned long full, partial, free;
};
void slab_count_lists(struct kmem_cache *c, struct slab_counts *n);

/* ------------------------------------------------------ mm/vmalloc.c */

/*
 * One piece of the vmalloc area, free or busy (the picture at the top of
 * mm/vmalloc.c).  A busy piece is [vm.addr, vm.addr + vm.size): the
 * mapped range and its guard page.
 */
struct vmap_area {
	vaddr_t va_start, va_end;	/* [va_start, va_end) */
	struct list_head list;		/* vmap_area_list: every piece, by address */
	struct list_head link;		/* free: its size-class list; busy: hash chain */
	bool busy;
	struct vm_struct vm;		/* busy pieces only */
};

extern struct list_head vmap_area_list;

struct vmalloc_stats {
	unsigned long nr_busy;		/* busy pieces now */
	unsigned long failures;		/* requests no free piece could hold */
	unsigned long slow_searches;	/* requests that had to walk class lists */
	unsigned long section_fallbacks; /* 1 MiB chunks mapped with pages after
					    the arch refused a section (-EEXIST) */
};
extern struct vmalloc_stats vmalloc_stats;

/* ------------------------------------------------------ mm/highmem.c */

/* The pkmap slot counts (the table in mm/highmem.c) and the search position. */
extern int pkmap_count[LAST_PKMAP];
extern unsigned int last_pkmap_nr;
void show_kmapinfo(struct seq_buf *s);

/* ----------------------------------------------------- mm/selftest_*.c */

int selftest_slab(void);
int selftest_kmalloc(void);
int selftest_vmalloc(void);
int selftest_vmalloc_size(size_t size);
int selftest_kmap_highmem(void);
int selftest_kmap_exhaust(void);
int selftest_dma_coherent(void);
int selftest_dma_streaming(void);

#endif
