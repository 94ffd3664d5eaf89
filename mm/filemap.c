/*
 * mm/filemap.c - the page cache (include/mm/filemap.h).
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/highmem.h>
#include <mm/filemap.h>
#include <mm/rmap.h>
#include <mm/arch_cache.h>

unsigned long nr_pagecache_pages;

#define SLOTS_KMALLOC_MAX 2048	/* above this many slots, vmalloc the array */

struct address_space *address_space_create(const u8 *data, size_t size, bool anon)
{
	struct address_space *as = kzalloc(sizeof(*as), GFP_KERNEL);
	size_t bytes;

	if (!as)
		return NULL;
	as->refcount = 1;
	as->anon = anon;
	as->data = data;
	as->size = size;
	as->nr_slots = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	bytes = as->nr_slots * sizeof(struct page *);
	if (as->nr_slots)
		as->pages = as->nr_slots > SLOTS_KMALLOC_MAX ? vzalloc(bytes) :
			    kzalloc(bytes, GFP_KERNEL);
	if (as->nr_slots && !as->pages) {
		kfree(as);
		return NULL;
	}
	return as;
}

void address_space_get(struct address_space *as)
{
	as->refcount++;
}

void address_space_put(struct address_space *as)
{
	unsigned long i;

	if (--as->refcount)
		return;
	for (i = 0; i < as->nr_slots; i++) {
		if (as->pages[i]) {
			as->pages[i]->mapping = NULL;
			put_page(as->pages[i]);
			nr_pagecache_pages--;
		}
	}
	if (as->nr_slots > SLOTS_KMALLOC_MAX)
		vfree(as->pages);
	else
		kfree(as->pages);
	kfree(as);
}

/* Fill a new cache page from the backing bytes (zero past the end). */
static void read_page(struct address_space *as, struct page *page, unsigned long index)
{
	u8 *p = kmap_atomic(page);
	size_t off = index << PAGE_SHIFT, n = 0;

	if (as->data && off < as->size) {
		n = as->size - off < PAGE_SIZE ? as->size - off : PAGE_SIZE;
		memcpy(p, as->data + off, n);
	}
	memset(p + n, 0, PAGE_SIZE - n);
	/* it may be program text: make the I-side see it (ARM ARM B2.2.9) */
	if (as->data)
		arch_sync_icache_range((vaddr_t)p, (vaddr_t)p + PAGE_SIZE);
	kunmap_atomic(p);
}

struct page *filemap_get_page(struct address_space *as, unsigned long index, bool *major)
{
	struct page *page;

	if (index >= as->nr_slots)
		return ERR_PTR(-EFAULT);
	page = as->pages[index];
	if (page)
		return page;
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!page)
		return ERR_PTR(-ENOMEM);
	read_page(as, page, index);
	page->mapping = as;
	page->index = index;
	as->pages[index] = page;
	as->nrpages++;
	nr_pagecache_pages++;
	*major = as->data != NULL;	/* anonymous: just zeroed, no "I/O" */
	return page;
}

unsigned long drop_pagecache(struct address_space *as)
{
	unsigned long i, freed = 0;

	if (as->anon)
		return 0;	/* shared anonymous memory has no other copy */
	for (i = 0; i < as->nr_slots; i++) {
		struct page *page = as->pages[i];

		if (page && page_mapcount(page) == 0 && page_ref_count(page) == 1) {
			as->pages[i] = NULL;
			page->mapping = NULL;
			put_page(page);
			as->nrpages--;
			nr_pagecache_pages--;
			freed++;
		}
	}
	return freed;
}
