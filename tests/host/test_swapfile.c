/*
 * Host tests of the swap slot allocator and the slot counts
 * (mm/swapfile.c), on areas built by hand (no device: swapon's part is
 * tested in QEMU, tests/system/test_swap.py):
 *   - slots go out in a row from a fresh area (a cluster), slot 0 and
 *     bad slots never, and every slot exactly once until the area is full;
 *   - counts: a page-table user more or fewer, the swap cache's flag,
 *     swapcache_prepare's three answers, the most users a slot may have;
 *   - a slot is free again only when its last user and the cache are gone;
 *   - priorities: the higher area first, equal ones in turn;
 *   - a random mix of takes and frees against a model: no slot twice,
 *     every free slot found, SwapFree always right.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <mm/swapfile.h>

static struct swap_info_struct *make_area(int type, unsigned long max, const unsigned long *bad,
					  int nbad, int prio)
{
	struct swap_info_struct *si = calloc(1, sizeof(*si));
	int i;

	assert_non_null(si);
	si->type = type;
	si->max = max;
	si->swap_map = calloc(max, sizeof(unsigned short));
	assert_non_null(si->swap_map);
	si->swap_map[0] = SWAP_MAP_BAD;
	si->pages = max - 1;
	for (i = 0; i < nbad; i++) {
		si->swap_map[bad[i]] = SWAP_MAP_BAD;
		si->pages--;
	}
	INIT_LIST_HEAD(&si->avail);
	swap_range_alloc_init(si);
	enable_swap_info(si, prio);
	return si;
}

static int teardown(void **state)
{
	int t;

	for (t = 0; t < MAX_SWAPFILES; t++) {
		struct swap_info_struct *si = swap_info[t];

		if (!si)
			continue;
		list_del(&si->avail);
		free(si->swap_map);
		free(si);
		swap_info[t] = NULL;
	}
	nr_swap_pages = total_swap_pages = 0;
	return 0;
}

static void test_fresh_area_in_a_row(void **state)
{
	const unsigned long bad[] = { 5, 6, 700 };
	struct swap_info_struct *si = make_area(0, 1000, bad, 3, -2);
	unsigned long i, seen = 0;
	char *got = calloc(1000, 1);

	assert_int_equal(total_swap_pages, 996);
	assert_int_equal(nr_swap_pages, 996);
	/* a cluster: the first run of SWAPFILE_CLUSTER free slots, past the
	 * bad 5 and 6, one after the other */
	for (i = 7; i < 7 + SWAPFILE_CLUSTER; i++) {
		assert_int_equal(get_swap_page().val, swp_entry(0, i).val);
		assert_int_equal(si->swap_map[i], SWAP_HAS_CACHE);
		got[i] = 1;
	}
	seen = SWAPFILE_CLUSTER;
	for (;;) {
		swp_entry_t e = get_swap_page();

		if (!e.val)
			break;
		assert_int_equal(swp_type(e), 0);
		assert_true(swp_offset(e) > 0 && swp_offset(e) < 1000);
		assert_int_not_equal(swp_offset(e), 5);
		assert_int_not_equal(swp_offset(e), 6);
		assert_int_not_equal(swp_offset(e), 700);
		assert_false(got[swp_offset(e)]);	/* never twice */
		got[swp_offset(e)] = 1;
		seen++;
	}
	assert_int_equal(seen, 996);
	assert_int_equal(nr_swap_pages, 0);
	assert_int_equal(si->inuse_pages, si->pages);
	for (i = 1; i < 1000; i++)
		assert_int_equal(si->swap_map[i], (i == 5 || i == 6 || i == 700) ?
				 SWAP_MAP_BAD : SWAP_HAS_CACHE);
	free(got);
}

static void test_counts(void **state)
{
	struct swap_info_struct *si = make_area(0, 100, NULL, 0, -2);
	swp_entry_t e = get_swap_page();
	unsigned i;

	assert_int_equal(nr_swap_pages, 98);
	/* reclaim: two page-table entries take it */
	assert_int_equal(swap_duplicate(e), 0);
	assert_int_equal(swap_duplicate(e), 0);
	assert_int_equal(swap_count(e), 2);
	assert_int_equal(swapcache_prepare(e), -EEXIST);
	/* the cache lets it go: still held by the two */
	swapcache_free(e);
	assert_int_equal(si->swap_map[swp_offset(e)], 2);
	assert_int_equal(nr_swap_pages, 98);
	/* a fault reads it back: cache flag again */
	assert_int_equal(swapcache_prepare(e), 0);
	assert_int_equal(swapcache_prepare(e), -EEXIST);
	swap_free(e);
	swap_free(e);
	assert_int_equal(swap_count(e), 0);
	assert_int_equal(nr_swap_pages, 98);		/* the cache still holds it */
	swapcache_free(e);
	assert_int_equal(si->swap_map[swp_offset(e)], 0);
	assert_int_equal(nr_swap_pages, 99);
	assert_int_equal(swapcache_prepare(e), -ENOENT);	/* free: nobody to read it for */
	assert_false(swap_entry_valid(e));
	/* the most users a slot may have */
	e = get_swap_page();
	for (i = 0; i < SWAP_MAP_MAX; i++)
		assert_int_equal(swap_duplicate(e), 0);
	assert_int_equal(swap_duplicate(e), -ENOMEM);
	assert_int_equal(swap_count(e), SWAP_MAP_MAX);
	/* entries of no area, slot 0, past the end: not valid, count 0 */
	assert_false(swap_entry_valid(swp_entry(3, 1)));
	assert_false(swap_entry_valid(swp_entry(0, 0)));
	assert_false(swap_entry_valid(swp_entry(0, 100)));
	assert_int_equal(swap_count(swp_entry(0, 100)), 0);
	assert_int_equal(swapcache_prepare(swp_entry(0, 100)), -ENOENT);
	assert_int_equal(swapcache_prepare(swp_entry(MAX_SWAPFILES - 1, 5)), -ENOENT);
}

static void test_priorities(void **state)
{
	struct swap_info_struct *lo = make_area(0, 50, NULL, 0, -2);
	struct swap_info_struct *hi = make_area(1, 20, NULL, 0, 5);
	struct swap_info_struct *eq = make_area(2, 20, NULL, 0, 5);
	int from[3] = { 0 }, i, last = -1, switches = 0;

	(void)lo; (void)hi; (void)eq;
	/* 38 slots of the two priority-5 areas first, taking turns */
	for (i = 0; i < 38; i++) {
		swp_entry_t e = get_swap_page();

		assert_true(e.val);
		assert_int_not_equal(swp_type(e), 0);
		if (last >= 0 && (int)swp_type(e) != last)
			switches++;
		last = (int)swp_type(e);
		from[swp_type(e)]++;
	}
	assert_int_equal(from[1], 19);
	assert_int_equal(from[2], 19);
	assert_true(switches >= 36);			/* one each, in turn */
	/* then the low one */
	for (i = 0; i < 49; i++)
		assert_int_equal(swp_type(get_swap_page()), 0);
	assert_int_equal(get_swap_page().val, 0);
	assert_int_equal(nr_swap_pages, 0);
	assert_int_equal(total_swap_pages, 49 + 19 + 19);
}

/* After frees leave no run of a cluster free, any free slot is found. */
static void test_scattered_frees(void **state)
{
	struct swap_info_struct *si = make_area(0, 600, NULL, 0, -2);
	swp_entry_t all[599];
	int i, got = 0;

	for (i = 0; i < 599; i++)
		all[i] = get_swap_page();
	assert_int_equal(get_swap_page().val, 0);
	for (i = 0; i < 599; i += 7)
		swapcache_free(all[i]);
	for (;;) {
		swp_entry_t e = get_swap_page();

		if (!e.val)
			break;
		assert_int_equal((swp_offset(e) - 1) % 7, 0);
		got++;
	}
	assert_int_equal(got, (599 + 6) / 7);
	assert_int_equal(si->inuse_pages, 599);
}

/* A random mix against a model of which slots are taken. */
static void test_random_against_model(void **state)
{
	enum { MAX = 3000 };
	const unsigned long bad[] = { 17, 256, 257, 2999 };
	struct swap_info_struct *si = make_area(0, MAX, bad, 4, -2);
	static swp_entry_t held[MAX];
	static char taken[MAX];
	int nheld = 0, step;
	unsigned seed = 12345;

	for (step = 0; step < 200000; step++) {
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 100 < 55) {
			swp_entry_t e = get_swap_page();

			if (nheld == (int)si->pages) {
				assert_int_equal(e.val, 0);
				continue;
			}
			assert_true(e.val);
			assert_false(taken[swp_offset(e)]);
			assert_int_not_equal(si->swap_map[swp_offset(e)], SWAP_MAP_BAD);
			assert_int_equal(si->swap_map[swp_offset(e)], SWAP_HAS_CACHE);
			taken[swp_offset(e)] = 1;
			held[nheld++] = e;
		} else if (nheld) {
			int k = (int)((seed >> 8) % (unsigned)nheld);

			taken[swp_offset(held[k])] = 0;
			swapcache_free(held[k]);
			held[k] = held[--nheld];
		}
		assert_int_equal(nr_swap_pages, (long)si->pages - nheld);
		assert_int_equal(si->inuse_pages, nheld);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_fresh_area_in_a_row, teardown),
		cmocka_unit_test_teardown(test_counts, teardown),
		cmocka_unit_test_teardown(test_priorities, teardown),
		cmocka_unit_test_teardown(test_scattered_frees, teardown),
		cmocka_unit_test_teardown(test_random_against_model, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
