/*
 * Host tests of the swap entry in a second-level descriptor
 * (arch/arm/include/asm/mmu.h: pte_mkswap, pte_swp_type, pte_swp_offset,
 * pte_is_swap), against the layout drawn there:
 *
 *   entry   31 .............. 7   6   5 .. 2   1  0
 *   swap    offset (25 bits)      0   type     0  0
 *   old     base, attributes ...  1   ...      0  0
 *
 *   - the exact bits of a few entries, the largest type and offset;
 *   - every type with offsets from 1 to the largest, there and back;
 *   - what pte_is_swap says of swap entries, of 0, of young entries
 *     (user protections as pte_prot_bits makes them) and of the old
 *     ones made from them (pte_mkold), and what pte_is_old says of each.
 *
 * The header is the target's; its inline CP15 accessors are never called
 * here (scripts/targets.mk puts arch/arm/include after tests/host/include,
 * so asm/memory.h is the host's), and nothing of mm/ is linked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <asm/mmu.h>

/* MMK_TEST_FILTER, as tests/host/shim_kernel.c has it for the others. */
__attribute__((constructor)) static void host_test_filter(void)
{
	const char *f = getenv("MMK_TEST_FILTER");

	if (f && *f)
		cmocka_set_test_filter(f);
}

#define MAX_TYPE	((1u << SWP_TYPE_BITS) - 1)
#define MAX_OFFSET	(SWP_OFFSET_LIMIT - 1)

/* A young user small-page entry as pte_prot_bits makes one (normal memory). */
static u32 young(u32 pa, u32 ap, bool xn)
{
	return (pa & L2_BASE_MASK) | L2_NG | ap | L2_NORMAL_WBWA | L2_TYPE_SMALL |
	       (xn ? L2_XN : 0);
}

static void test_swap_pte_layout(void **state)
{
	/* the offset from bit 7, the type at bits 5:2, TEX[0] and bits 1:0 clear */
	assert_int_equal(pte_mkswap(0, 1), 0x00000080);
	assert_int_equal(pte_mkswap(1, 1), 0x00000084);
	assert_int_equal(pte_mkswap(0, 1234), 1234u << 7);
	assert_int_equal(pte_mkswap(3, 0x1234), (0x1234u << 7) | (3u << 2));
	assert_int_equal(pte_mkswap(MAX_TYPE, 1), 0x000000bc);
	assert_int_equal(pte_mkswap(0, MAX_OFFSET), 0xffffff80);
	assert_int_equal(pte_mkswap(MAX_TYPE, MAX_OFFSET), 0xffffffbc);
	assert_int_equal(pte_swp_type(0x00000084), 1);
	assert_int_equal(pte_swp_offset(0x00000084), 1);
	assert_int_equal(pte_swp_type(0x0001230c), 3);
	assert_int_equal(pte_swp_offset(0x0001230c), 0x246);
	assert_int_equal(pte_swp_type(0xffffffbc), MAX_TYPE);
	assert_int_equal(pte_swp_offset(0xffffffbc), MAX_OFFSET);
}

static void test_swap_pte_round_trip(void **state)
{
	unsigned type;
	unsigned long off;

	for (type = 0; type <= MAX_TYPE; type++) {
		for (off = 1; off <= MAX_OFFSET; off = off * 3 + (off & 1)) {
			u32 pte = pte_mkswap(type, off);

			assert_int_equal(pte & (L2_TYPE_MASK | L2_TEX(1)), 0);
			assert_true(pte_is_swap(pte));
			assert_false(pte_is_old(pte));
			assert_int_equal(pte_swp_type(pte), type);
			assert_int_equal(pte_swp_offset(pte), off);
		}
		for (off = MAX_OFFSET - 2; off <= MAX_OFFSET; off++) {
			u32 pte = pte_mkswap(type, off);

			assert_true(pte_is_swap(pte));
			assert_int_equal(pte_swp_type(pte), type);
			assert_int_equal(pte_swp_offset(pte), off);
		}
	}
}

static void test_swap_pte_is_swap(void **state)
{
	static const u32 aps[] = { L2_AP_URW, L2_AP_UROKRO, L2_AP_URO };
	static const u32 swaps[] = { 0x00000080, 0x000000bc, 0x0001230c, 0xffffff80, 0xffffffbc,
				     0x80000004, 0x00000100 };
	u32 pa;
	unsigned i;

	for (i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++) {
		assert_true(pte_is_swap(swaps[i]));
		assert_false(pte_is_old(swaps[i]));
	}
	assert_false(pte_is_swap(0));
	assert_false(pte_is_old(0));
	for (pa = 0x60000000; pa < 0xa0000000; pa += 0x01234000) {
		for (i = 0; i < sizeof(aps) / sizeof(aps[0]); i++) {
			u32 y = young(pa, aps[i], i == 1), old = pte_mkold(y);

			assert_false(pte_is_swap(y));
			assert_false(pte_is_old(y));
			assert_false(pte_is_swap(old));
			assert_true(pte_is_old(old));
			assert_int_equal(pte_mkyoung(old), y);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_swap_pte_layout),
		cmocka_unit_test(test_swap_pte_round_trip),
		cmocka_unit_test(test_swap_pte_is_swap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
