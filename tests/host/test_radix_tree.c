/*
 * Host tests of the radix tree (mm/radix_tree.c): random inserts, deletes
 * and tag changes over a sparse 32-bit index space, checked after every
 * step against a plain model (lookup, tags, gang lookups in order), and
 * the tree must free every node when emptied; an insert that runs out of
 * memory leaves the tree as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/fault_inject.h>
#include <mm/slab.h>
#include <mm/radix_tree.h>
#include "host_alloc.h"

extern long host_failslab_countdown;

#define N 600
static unsigned long idx[N];		/* the model: index i holds item i+1 ... */
static bool present[N], tagged[N][RADIX_TREE_MAX_TAGS];

static void *item(int i)
{
	return (void *)(uintptr_t)(0x1000 + 8 * i);
}

static int setup(void **state)
{
	host_alloc_setup(state);
	radix_tree_init();
	return 0;
}

/* Indexes: small, around 64^k boundaries, and large, all distinct. */
static void make_indexes(void)
{
	static const unsigned long edges[] = { 0, 1, 63, 64, 65, 4095, 4096, 262143, 262144,
					       16777215, 16777216, 0x3fffffff, 0x40000000,
					       0xfffffffe, 0xffffffff };
	int i, j;

	for (i = 0; i < N; i++) {
		unsigned long v;

		do {
			v = i < (int)(sizeof(edges) / sizeof(edges[0])) ? edges[i] :
			    (rand() % 3 == 0) ? (unsigned long)(rand() % 5000) :
			    ((unsigned long)rand() << 1 ^ (unsigned long)rand()) & 0xffffffff;
			for (j = 0; j < i && idx[j] != v; j++)
				;
		} while (j < i);
		idx[i] = v;
	}
}

static void check_all(struct radix_tree_root *root)
{
	void *res[N];
	unsigned int got, t, k;
	int i;

	for (i = 0; i < N; i++) {
		assert_ptr_equal(radix_tree_lookup(root, idx[i]), present[i] ? item(i) : NULL);
		for (t = 0; t < RADIX_TREE_MAX_TAGS; t++)
			assert_int_equal(radix_tree_tag_get(root, idx[i], t), present[i] && tagged[i][t]);
	}
	/* gang lookups from a few starting points, in index order */
	for (k = 0; k < 4; k++) {
		unsigned long first = k == 0 ? 0 : idx[rand() % N];
		int tag = (int)k - 2;	/* -2, -1: untagged; 0, 1: the tags */
		unsigned long last = 0;
		unsigned int want = 0;

		got = tag < 0 ? radix_tree_gang_lookup(root, res, first, N) :
		      radix_tree_gang_lookup_tag(root, res, first, N, (unsigned int)tag);
		for (i = 0; i < N; i++)
			if (present[i] && idx[i] >= first && (tag < 0 || tagged[i][tag]))
				want++;
		assert_int_equal(got, want);
		for (unsigned int g = 0; g < got; g++) {
			int who = (int)(((uintptr_t)res[g] - 0x1000) / 8);

			assert_true(present[who] && idx[who] >= first);
			assert_true(g == 0 || idx[who] > last);
			last = idx[who];
		}
	}
	for (t = 0; t < RADIX_TREE_MAX_TAGS; t++) {
		bool any = false;

		for (i = 0; i < N; i++)
			any |= present[i] && tagged[i][t];
		assert_int_equal(radix_tree_tagged(root, t), any);
	}
}

static void test_random_against_model(void **state)
{
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	int step, i;

	srand(3);
	make_indexes();
	memset(present, 0, sizeof(present));
	memset(tagged, 0, sizeof(tagged));
	for (step = 0; step < 6000; step++) {
		unsigned int t = (unsigned int)(rand() % RADIX_TREE_MAX_TAGS);

		i = rand() % N;
		switch (rand() % 5) {
		case 0: case 1:
			assert_int_equal(radix_tree_insert(&root, idx[i], item(i)),
					 present[i] ? -EEXIST : 0);
			present[i] = true;
			break;
		case 2:
			assert_ptr_equal(radix_tree_delete(&root, idx[i]), present[i] ? item(i) : NULL);
			present[i] = tagged[i][0] = tagged[i][1] = false;
			break;
		case 3:
			if (present[i]) {
				radix_tree_tag_set(&root, idx[i], t);
				tagged[i][t] = true;
			}
			break;
		default:
			radix_tree_tag_clear(&root, idx[i], t);
			tagged[i][t] = false;
			break;
		}
		if (step % 50 == 0)
			check_all(&root);
	}
	check_all(&root);
	for (i = 0; i < N; i++)
		if (present[i])
			assert_ptr_equal(radix_tree_delete(&root, idx[i]), item(i));
	assert_null(root.rnode);
	assert_int_equal(root.height, 0);
	assert_int_equal(radix_tree_nodes, 0);
}

static void test_enomem_leaves_tree_alone(void **state)
{
	struct radix_tree_root root = RADIX_TREE_INIT(GFP_KERNEL);
	unsigned long nodes;
	int fail_at;

	assert_int_equal(radix_tree_insert(&root, 5, item(5)), 0);
	nodes = radix_tree_nodes;
	fault_injection_on = true;
	for (fail_at = 0; fail_at < 6; fail_at++) {	/* growing to height 6 needs 5 nodes */
		host_failslab_countdown = fail_at;
		assert_int_equal(radix_tree_insert(&root, 0xfffffff0, item(1)), -ENOMEM);
		assert_int_equal(radix_tree_nodes, nodes);
		assert_int_equal(root.height, 1);
		assert_ptr_equal(radix_tree_lookup(&root, 5), item(5));
	}
	host_failslab_countdown = -1;
	fault_injection_on = false;
	assert_int_equal(radix_tree_insert(&root, 0xfffffff0, item(1)), 0);
	assert_int_equal(root.height, 6);
	assert_ptr_equal(radix_tree_delete(&root, 0xfffffff0), item(1));
	assert_int_equal(root.height, 1);			/* shrunk back */
	assert_ptr_equal(radix_tree_delete(&root, 5), item(5));
	assert_int_equal(radix_tree_nodes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_against_model, setup, host_alloc_teardown),
		cmocka_unit_test_setup_teardown(test_enomem_leaves_tree_alone, setup, host_alloc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
