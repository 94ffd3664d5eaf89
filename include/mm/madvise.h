/*
 * madvise's hooks into reclaim (mm/madvise.c).  The LRU lists of the
 * reclaim issue give them their bodies; until then they do nothing.
 */
#ifndef MM_MADVISE_H
#define MM_MADVISE_H

#include <mm/mm_types.h>

/* MADV_COLD: page (mapped only by the caller) should be reclaimed before others. */
void madvise_cold_page(struct page *page);

/* MADV_PAGEOUT: page (mapped only by the caller) should be reclaimed now. */
void madvise_pageout_page(struct page *page);

#endif
