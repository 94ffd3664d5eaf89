/*
 * swap.c - swapon(2) and swapoff(2), as <sys/swap.h> declares them.
 *
 * Raw calls 87 and 115 (Linux ARM EABI); -1 and errno on failure, as
 * every wrapper here.  Until the kernel has swap they fail with ENOSYS,
 * which is what kernel/syscall.c answers for a number it lacks.
 */
#include <sys/swap.h>

#include "mmk.h"

int swapon(const char *path, int swapflags)
{
	return mmk_ret(mmk_syscall(NR_swapon, (long)path, swapflags, 0, 0, 0, 0));
}

int swapoff(const char *path)
{
	return mmk_ret(mmk_syscall(NR_swapoff, (long)path, 0, 0, 0, 0, 0));
}
