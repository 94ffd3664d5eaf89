/*
 * The page cache: the pages of a file (or of a shared anonymous object)
 * kept in memory, indexed by their offset in pages.  A file's pages are
 * read from the backing bytes on first use (a major fault); later users
 * find them cached (minor).  docs/page-faults.md.
 *
 * An address_space is either
 *   - a file of the initramfs: data/size are its bytes; lives as long as
 *     the file (refcount starts at 1 for the file itself), or
 *   - shared anonymous memory (mmap MAP_SHARED|MAP_ANONYMOUS): anon is
 *     set, pages start zeroed; freed when the last VMA goes.
 *
 * The cache holds one reference on each of its pages.
 */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include <kernel/types.h>

struct page;

struct address_space {
	int refcount;
	bool anon;			/* shared anonymous memory */
	const u8 *data;			/* backing bytes, or NULL */
	size_t size;			/* bytes */
	unsigned long nr_slots;		/* length of pages[] */
	struct page **pages;		/* index -> cached page, or NULL */
	unsigned long nrpages;		/* pages cached now */
};

/* A new address space over data[0..size) (data NULL: anonymous, zeroed). */
struct address_space *address_space_create(const u8 *data, size_t size, bool anon);
void address_space_get(struct address_space *as);
void address_space_put(struct address_space *as);

/*
 * filemap_get_page - the cached page at index, reading it in if needed
 * (*major set).  The cache keeps its reference; a caller that maps the
 * page takes its own.  ERR_PTR(-ENOMEM), or ERR_PTR(-EFAULT) beyond the
 * end of a file.
 */
struct page *filemap_get_page(struct address_space *as, unsigned long index, bool *major);

/* drop_pagecache - free cached pages nobody maps (drop_caches=1). */
unsigned long drop_pagecache(struct address_space *as);

extern unsigned long nr_pagecache_pages;	/* all caches, for meminfo */

#endif
