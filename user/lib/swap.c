/*
 * swap.c - swapon(2) and swapoff(2), as <sys/swap.h> declares them.
 *
 * Raw calls 87 and 115 (Linux ARM EABI); -1 and errno on failure, as
 * every wrapper here.  Until the kernel has swap they fail with ENOSYS,
 * which is what kernel/syscall.c answers for a number it lacks.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>
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

/*
 * The swap workload's pages (swapwork, mmbench swap): page `index` of
 * generation `gen` holds the index, the generation, a fixed 64-byte text
 * repeated up to three quarters of the page, then 1 KiB from a xorshift
 * generator seeded by both: unique, compressible to about a quarter
 * (LZ4 keeps the random KiB and little of the rest), checkable without a
 * copy.
 */
static const char swap_text[64] = "anonymous memory of swapwork, on its way to swap and back again.";

#define SWAP_WORDS	(4096 / 4)
#define SWAP_RANDOM	(SWAP_WORDS / 4)

static uint32_t swap_seed(unsigned long index, unsigned gen)
{
	uint32_t s = (uint32_t)index * 2654435761u ^ (gen * 0x9e3779b9u) ^ 0x1234567u;

	return s ? s : 1;
}

static uint32_t xorshift(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

void mmk_swap_fill(void *page, unsigned long index, unsigned gen)
{
	uint32_t *p = page, s = swap_seed(index, gen);
	unsigned i;

	p[0] = (uint32_t)index;
	p[1] = gen;
	memcpy(&p[2], swap_text + 8, 56);
	memcpy(&p[16], swap_text, 64);
	/* the rest of the text part by doubling what is there: a few calls */
	for (i = 16; 16 + i < SWAP_WORDS - SWAP_RANDOM; ) {
		unsigned n = i;

		if (16 + i + n > SWAP_WORDS - SWAP_RANDOM)
			n = SWAP_WORDS - SWAP_RANDOM - 16 - i;
		memcpy(&p[16 + i], &p[16], n * 4);
		i += n;
	}
	for (i = SWAP_WORDS - SWAP_RANDOM; i < SWAP_WORDS; i++)
		p[i] = xorshift(&s);
}

unsigned mmk_swap_check(const void *page, unsigned long index, unsigned gen)
{
	const uint32_t *p = page;
	uint32_t s = swap_seed(index, gen);
	unsigned i;

	if (p[0] != (uint32_t)index)
		return 1;
	if (p[1] != gen)
		return 2;
	for (i = 2; i < SWAP_WORDS - SWAP_RANDOM; i++)
		if (p[i] != ((const uint32_t *)swap_text)[i % 16])
			return i + 1;
	for (; i < SWAP_WORDS; i++)
		if (p[i] != xorshift(&s))
			return i + 1;
	return 0;
}

/*
 * mmk_mkswap - write a version-1 swap header (as mkswap does, without
 * label or UUID) over the first page of the open device or file fd of
 * `bytes` bytes.  0, or -1 with errno.
 */
int mmk_mkswap(int fd, unsigned long long bytes)
{
	static uint32_t page[1024];
	uint32_t last = (uint32_t)(bytes / 4096) - 1;

	memset(page, 0, sizeof(page));
	page[1024 / 4] = 1;			/* version */
	page[1028 / 4] = last;			/* last_page */
	memcpy((char *)page + 4096 - 10, "SWAPSPACE2", 10);
	if (lseek(fd, 0, SEEK_SET) != 0 || write(fd, page, sizeof(page)) != sizeof(page))
		return -1;
	return fsync(fd);
}
