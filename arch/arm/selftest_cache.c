/*
 * arch/arm/selftest_cache.c - selftest=cache_lines: the loop every cache
 * range operation runs (the `lines` macro, asm/assembler.h), driven
 * through lines_record (cache-v7.S), which stores each address it would
 * have maintained.  QEMU ignores cache operations, so a loop that skipped
 * or repeated a line would pass every other test and corrupt DMA on a
 * real A8, A9 or A15; this one compares the addresses with a plain loop
 * for line sizes of 32 and 64 bytes and ranges of 0 to 40 lines, from
 * each offset in a line, including ranges that end mid-line.
 */
#include <kernel/types.h>
#include <kernel/selftest.h>
#include <kernel/string.h>

u32 *lines_record(vaddr_t start, vaddr_t end, unsigned line, u32 *buf);

#define MAX_LINES 48

static int test_cache_lines(void)
{
	static u32 buf[MAX_LINES + 8];
	static const unsigned sizes[] = { 32, 64 };
	unsigned si, n, tail;

	for (si = 0; si < ARRAY_SIZE(sizes); si++) {
		unsigned line = sizes[si];
		vaddr_t start = 0xc1000000u;

		for (n = 0; n <= 40; n++)
			for (tail = 0; tail < line; tail += line / 4) {
				vaddr_t end = start + n * line + tail, want = start;
				u32 *p = buf, *got;

				memset(buf, 0, sizeof(buf));
				got = lines_record(start, end, line, buf);
				for (; want < end; want += line, p++)
					if (p >= got || *p != want)
						return selftest_fail("cache_lines: line %u, [%08x, %08x): "
								     "address %u is %08x, not %08x",
								     line, start, end,
								     (unsigned)(p - buf),
								     p < got ? *p : 0, want);
				if (p != got)
					return selftest_fail("cache_lines: line %u, [%08x, %08x): "
							     "%u addresses, not %u", line, start,
							     end, (unsigned)(got - buf),
							     (unsigned)(p - buf));
			}
		/* start past end: nothing */
		if (lines_record(start + line, start, line, buf) != buf)
			return selftest_fail("cache_lines: an empty range did something");
	}
	return 0;
}
SELFTEST(cache_lines, test_cache_lines);
