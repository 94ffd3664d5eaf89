/*
 * The swap header: the first page of a swap area, as mkswap(8) writes it
 * and swapon(2) reads it (Linux's union swap_header, version 1, the only
 * one Linux has read since 2.6).  Parsed by mm/swap_header.c, which
 * depends on nothing but printk, so that it is unit-tested on the host
 * (tests/host/test_swap_header.c) against Debian's own mkswap.
 *
 * The first page (4096 bytes on ARM), byte by byte:
 *
 *   offset  size  field          what
 *   ------  ----  -------------  -------------------------------------------
 *        0  1024  bootbits       left for a boot loader or a disk label;
 *                                mkswap zeroes it unless it finds a
 *                                partition table there
 *     1024     4  version        1 (in the writer's byte order)
 *     1028     4  last_page      the area's last usable page: the area is
 *                                pages 0..last_page, page 0 being this one
 *     1032     4  nr_badpages    entries used in badpages[]
 *     1036    16  sws_uuid       mkswap's UUID (swapon -U, blkid)
 *     1052    16  sws_volume     mkswap's label, NUL-padded (swapon -L)
 *     1068   468  padding[117]   zeros
 *     1536  2550  badpages[]     page numbers never to be used (mkswap -c);
 *                                room for MAX_SWAP_BADPAGES = 637 of them
 *     4086    10  magic          "SWAPSPACE2", the last 10 bytes of the page
 *
 * A header written on a machine of the other byte order (version reads
 * 0x01000000) is still accepted: Linux byte-swaps it in place first.
 */
#ifndef MM_SWAP_HEADER_H
#define MM_SWAP_HEADER_H

#include <kernel/types.h>
#include <asm/memory.h>

#define SWAP_SIGNATURE		"SWAPSPACE2"
#define SWAP_SIGNATURE_SZ	10
#define SWAP_UUID_SZ		16
#define SWAP_LABEL_SZ		16

union swap_header {
	struct {
		char reserved[PAGE_SIZE - SWAP_SIGNATURE_SZ];
		char magic[SWAP_SIGNATURE_SZ];		/* "SWAPSPACE2" */
	} magic;
	struct {
		char bootbits[1024];
		u32 version;
		u32 last_page;
		u32 nr_badpages;
		u8 sws_uuid[SWAP_UUID_SZ];
		char sws_volume[SWAP_LABEL_SZ];
		u32 padding[117];
		u32 badpages[1];		/* up to MAX_SWAP_BADPAGES */
	} info;
};

/*
 * How many bad-page entries fit between badpages[0] and the magic: Linux
 * computes it from the layout, and so do we: (4086 - 1536) / 4 = 637.
 */
#define MAX_SWAP_BADPAGES \
	((offsetof(union swap_header, magic.magic) - \
	  offsetof(union swap_header, info.badpages)) / sizeof(u32))

/* What a header that passed every check says about its area. */
struct swap_header_info {
	u32 maxpages;		/* slots of the swap map: pages 0..maxpages-1 */
	u32 last_page;		/* as the header says (after any byte swap) */
	u32 nr_badpages;	/* entries of badpages[] */
	u32 nr_good_pages;	/* slots that may hold a page: maxpages less
				 * page 0 and the bad pages below maxpages
				 * (Linux's si->pages before the extents) */
	const u32 *badpages;	/* into the caller's page, host byte order */
	bool swapped;		/* the header was byte-swapped in place */
};

/*
 * swap_header_parse - check the first page of a swap area as Linux 6.1's
 * swapon(2) does (read_swap_header, then the bad-page part of
 * setup_swap_map_and_extents), with the same checks in the same order,
 * the same console messages, and -EINVAL for each refusal.
 *
 *   page              the area's first PAGE_SIZE bytes; a byte-swapped
 *                     header is swapped in place (as Linux does), so the
 *                     caller's copy must be writable and private
 *   max_offset_pages  the most pages a swap entry can address (the
 *                     arch's limit, Linux's swapfile_maximum_size); a
 *                     longer area is truncated to it, with a warning
 *   area_pages        the device's or the file's size in pages (0 if not
 *                     known: the length check is then skipped, as Linux
 *                     skips it for a zero i_size)
 *   is_regular_file   a swap file (bad pages are refused there) rather
 *                     than a block device
 *
 * Returns 0 and fills *info, or -EINVAL (*info then zeroed).  Never
 * reads outside the page.  What it does not check, because it is not in
 * the header: holes in a swap file and the file's extents (swapon does
 * that later, in setup_swap_extents).
 */
int swap_header_parse(void *page, u32 max_offset_pages, u64 area_pages,
		      bool is_regular_file, struct swap_header_info *info);

#endif
