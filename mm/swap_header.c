/*
 * mm/swap_header.c - is this page the start of a swap area, and how big
 * is the area?  (include/mm/swap_header.h has the page's layout.)
 *
 * swapon(2) reads the first page of the file or device and hands it to
 * swap_header_parse().  Outsiders run the same mkswap and swapon here and
 * on Linux and compare, so every refusal is Linux 6.1's, in Linux's order,
 * with Linux's message (or, where Linux prints none, none):
 *
 *   step  check (Linux 6.1, mm/swapfile.c)          refused with / message
 *   ----  ----------------------------------------  -----------------------------
 *    1    "SWAPSPACE2" in the page's last 10 bytes  "Unable to find swap-space
 *                                                    signature"
 *    2    version reads 1 byte-swapped: swap the    (silent) if the swapped
 *         three counts and the bad pages in place    nr_badpages > 637
 *    3    version == 1                              "Unable to handle swap header
 *                                                    version %d"
 *    4    last_page != 0                            "Empty swap-file"
 *    5    last_page > the arch limit: truncate      (a warning, not a refusal):
 *                                                    "Truncating oversized swap
 *                                                    area, only using %luk out
 *                                                    of %luk"
 *    6    maxpages = min(limit, last_page + 1) != 0 (silent)
 *    7    the area has maxpages pages (if known)    "Swap area shorter than
 *                                                    signature indicates"
 *    8    no bad pages on a regular file            (silent)
 *    9    nr_badpages <= 637                        (silent)
 *   --    read_swap_header ends; Linux allocates the swap map (maxpages
 *         bytes) and goes on in setup_swap_map_and_extents:
 *   10    every bad page is in 1..last_page         (silent)
 *   11    a good page is left                       "Empty swap-file"
 *
 * Every refusal is -EINVAL, as swapon(2) returns it for all of them.
 *
 * Page 0 (this header) is never used for swap, and neither is a bad page
 * below maxpages; bad pages past maxpages (a truncated area) cost nothing.
 * So nr_good_pages = maxpages - 1 - (bad pages below maxpages).  Linux
 * counts a bad page once per entry of the list, duplicates too, and so do
 * we (SwapTotal then matches Linux's).  One deliberate difference: when
 * duplicates make that count go below zero, Linux's unsigned count wraps
 * and swapon accepts the area with some four billion pages; we refuse it
 * (-EINVAL) rather than start swap with a nonsense size.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/swap_header.h>

_Static_assert(sizeof(union swap_header) == PAGE_SIZE, "the header is one page");
_Static_assert(offsetof(union swap_header, info.version) == 1024, "version at 1024");
_Static_assert(offsetof(union swap_header, info.sws_volume) == 1052, "label at 1052");
_Static_assert(offsetof(union swap_header, info.badpages) == 1536, "badpages at 1536");
_Static_assert(MAX_SWAP_BADPAGES == 637, "Linux's MAX_SWAP_BADPAGES");

static inline u32 swab32(u32 x)
{
	return __builtin_bswap32(x);
}

/*
 * K - pages to KiB, for the truncation warning.  In 32 bits, as Linux's
 * K() in an unsigned long on ARM: an area of 2^30 pages or more prints
 * wrapped there, and so here, so that the two consoles read the same.
 */
static inline u32 K(u32 pages)
{
	return pages << (PAGE_SHIFT - 10);
}

/* Step 2: a header from the other byte order, swapped in place. */
static int swap_header_byteswap(union swap_header *h)
{
	u32 i;

	h->info.version = swab32(h->info.version);
	h->info.last_page = swab32(h->info.last_page);
	h->info.nr_badpages = swab32(h->info.nr_badpages);
	if (h->info.nr_badpages > MAX_SWAP_BADPAGES)
		return -EINVAL;
	for (i = 0; i < h->info.nr_badpages; i++)
		h->info.badpages[i] = swab32(h->info.badpages[i]);
	return 0;
}

/*
 * Steps 1-9, Linux's read_swap_header(): maxpages (the size of the swap
 * map), or 0 for a header to refuse.
 */
static u32 read_swap_header(union swap_header *h, u32 limit, u64 area_pages,
			    bool is_regular_file, bool *swapped)
{
	u32 maxpages, last_page;

	if (memcmp(h->magic.magic, SWAP_SIGNATURE, SWAP_SIGNATURE_SZ)) {
		printk("Unable to find swap-space signature\n");
		return 0;
	}
	if (swab32(h->info.version) == 1) {
		*swapped = true;
		if (swap_header_byteswap(h))
			return 0;
	}
	if (h->info.version != 1) {
		printk("Unable to handle swap header version %d\n", (int)h->info.version);
		return 0;
	}
	maxpages = limit;
	last_page = h->info.last_page;
	if (!last_page) {
		printk("Empty swap-file\n");
		return 0;
	}
	if (last_page > maxpages)
		printk("Truncating oversized swap area, only using %uk out of %uk\n",
		       K(maxpages), K(last_page));
	if (maxpages > last_page)
		maxpages = last_page + 1;	/* cannot wrap: last_page < limit */
	if (!maxpages)
		return 0;
	if (area_pages && maxpages > area_pages) {
		printk("Swap area shorter than signature indicates\n");
		return 0;
	}
	if (h->info.nr_badpages && is_regular_file)
		return 0;
	if (h->info.nr_badpages > MAX_SWAP_BADPAGES)
		return 0;
	return maxpages;
}

/*
 * Steps 10-11, the header's part of Linux's setup_swap_map_and_extents():
 * the pages left for swap, or -EINVAL.
 */
static int count_good_pages(const union swap_header *h, u32 maxpages, u32 *good)
{
	u32 nr_good_pages = maxpages - 1;	/* page 0 is the header */
	u32 i;

	for (i = 0; i < h->info.nr_badpages; i++) {
		u32 page_nr = h->info.badpages[i];

		if (page_nr == 0 || page_nr > h->info.last_page)
			return -EINVAL;
		if (page_nr >= maxpages)
			continue;		/* past a truncated end: not in the map */
		if (nr_good_pages == 0) {	/* duplicates: see the comment on top */
			printk("Swap header lists more bad pages than the area has\n");
			return -EINVAL;
		}
		nr_good_pages--;
	}
	if (!nr_good_pages) {
		printk("Empty swap-file\n");
		return -EINVAL;
	}
	*good = nr_good_pages;
	return 0;
}

int swap_header_parse(void *page, u32 max_offset_pages, u64 area_pages,
		      bool is_regular_file, struct swap_header_info *info)
{
	union swap_header *h = page;
	bool swapped = false;
	u32 maxpages, good;

	memset(info, 0, sizeof(*info));
	maxpages = read_swap_header(h, max_offset_pages, area_pages, is_regular_file,
				    &swapped);
	if (!maxpages || count_good_pages(h, maxpages, &good))
		return -EINVAL;
	info->maxpages = maxpages;
	info->last_page = h->info.last_page;
	info->nr_badpages = h->info.nr_badpages;
	info->nr_good_pages = good;
	info->badpages = h->info.badpages;
	info->swapped = swapped;
	return 0;
}
