/*
 * sys/swap.h for mmkernel user programs, as Linux's C libraries declare
 * it (glibc's <sys/swap.h>): swapon(2) and swapoff(2) and their flags.
 *
 * The calls are Linux ARM EABI 87 (swapon) and 115 (swapoff); the
 * wrappers are in user/lib/swap.c and return -1 with errno on failure.
 * A kernel without swap answers ENOSYS.
 *
 * swapflags of swapon(2):
 *
 *   bits    flag                     meaning
 *   ------  -----------------------  -----------------------------------
 *   0-14    SWAP_FLAG_PRIO_MASK      the priority, 0..32767 (higher is
 *                                    used first) ...
 *   15      SWAP_FLAG_PREFER         ... taken only with this bit; without
 *                                    it the kernel gives -2, -3, ...
 *   16      SWAP_FLAG_DISCARD        discard (TRIM) freed swap space
 *   17      SWAP_FLAG_DISCARD_ONCE   ... only the whole area, at swapon
 *   18      SWAP_FLAG_DISCARD_PAGES  ... only freed page clusters
 */
#ifndef _SYS_SWAP_H
#define _SYS_SWAP_H

#define SWAP_FLAG_PREFER	0x8000
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_PRIO_SHIFT	0
#define SWAP_FLAG_DISCARD	0x10000
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000

int swapon(const char *path, int swapflags);
int swapoff(const char *path);

#endif
