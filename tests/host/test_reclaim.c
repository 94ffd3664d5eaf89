/*
 * Host tests of reclaim's pure parts and of the LRU lists, on the real
 * page allocator (docs/reclaim.md):
 *   - the LRU batch: pages reach their list only when it fills or is
 *     drained, and a page freed leaves its list;
 *   - the second chance of mark_page_accessed (the table in mm/swap.c);
 *   - rotate_reclaimable_page puts a page at the inactive tail;
 *   - scan_balance: the file/anon split for swappiness and priority, and
 *     no anon scanning without swap;
 *   - oom_badness and oom_score: Linux's arithmetic, -1000 never chosen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/sched.h>
#include <mm/mm.h>
#include <mm/gfp.h>
#include <mm/swap.h>
#include <mm/oom.h>
#include <mm/mm_types.h>
#include "host_mm.h"

static int setup(void **state)
{
	host_mm_boot(64u << 20, 64u << 20, "");
	return 0;
}

static int teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

/* A page as the page cache would hand it over: file-backed, one reference. */
static struct page *file_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	assert_non_null(page);
	return page;
}

static struct page *list_tail(enum lru_list lru)
{
	return list_last_entry(&node_lruvec()->lists[lru], struct page, lru);
}

static struct page *list_head_page(enum lru_list lru)
{
	return list_first_entry(&node_lruvec()->lists[lru], struct page, lru);
}

static void test_batch_then_list(void **state)
{
	struct page *pages[LRU_BATCH];
	unsigned long before = lruvec_lru_size(LRU_INACTIVE_FILE), free_before;
	int i;

	for (i = 0; i < LRU_BATCH - 1; i++) {
		pages[i] = file_page();
		lru_cache_add(pages[i]);
		assert_int_equal(page_ref_count(pages[i]), 2);	/* the batch holds one */
		assert_false(PageLRU(pages[i]));
	}
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_FILE), before);	/* not yet */
	pages[i] = file_page();
	lru_cache_add(pages[i]);			/* the batch is full: onto the list */
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_FILE), before + LRU_BATCH);
	for (i = 0; i < LRU_BATCH; i++) {
		assert_true(PageLRU(pages[i]));
		assert_false(PageActive(pages[i]));
		assert_int_equal(page_ref_count(pages[i]), 1);	/* the list holds none */
	}
	assert_ptr_equal(list_head_page(LRU_INACTIVE_FILE), pages[LRU_BATCH - 1]);
	free_before = nr_free_pages();
	for (i = 0; i < LRU_BATCH; i++)
		put_page(pages[i]);			/* the last reference: off the list */
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_FILE), before);
	assert_int_equal(nr_free_pages(), free_before + LRU_BATCH);
}

static void test_anon_pages_go_to_anon_list(void **state)
{
	struct page *page = file_page();
	unsigned long before = lruvec_lru_size(LRU_INACTIVE_ANON);

	page->flags |= 1UL << PG_swapbacked;
	lru_cache_add(page);
	lru_add_drain();
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_ANON), before + 1);
	put_page(page);
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_ANON), before);
}

static void test_second_chance(void **state)
{
	struct page *page = file_page();
	unsigned long act = lruvec_lru_size(LRU_ACTIVE_FILE);

	lru_cache_add(page);
	lru_add_drain();
	mark_page_accessed(page);		/* once: referenced, still inactive */
	assert_true(PageReferenced(page));
	assert_false(PageActive(page));
	mark_page_accessed(page);		/* twice: active, not referenced */
	assert_true(PageActive(page));
	assert_false(PageReferenced(page));
	assert_int_equal(lruvec_lru_size(LRU_ACTIVE_FILE), act + 1);
	mark_page_accessed(page);		/* active: referenced again */
	assert_true(PageActive(page) && PageReferenced(page));
	deactivate_page(page);			/* MADV_COLD: inactive, unreferenced */
	assert_false(PageActive(page) || PageReferenced(page));
	assert_int_equal(lruvec_lru_size(LRU_ACTIVE_FILE), act);
	put_page(page);
}

static void test_second_chance_in_batch(void **state)
{
	struct page *page = file_page();
	unsigned long act = lruvec_lru_size(LRU_ACTIVE_FILE);

	lru_cache_add(page);			/* still in the batch */
	mark_page_accessed(page);
	mark_page_accessed(page);
	assert_true(PageActive(page));
	lru_add_drain();			/* the drain puts it on the active list */
	assert_int_equal(lruvec_lru_size(LRU_ACTIVE_FILE), act + 1);
	assert_ptr_equal(list_head_page(LRU_ACTIVE_FILE), page);
	put_page(page);
}

static void test_rotate_to_tail(void **state)
{
	struct page *a = file_page(), *b = file_page();

	lru_cache_add(a);
	lru_cache_add(b);
	lru_add_drain();
	activate_page(a);
	assert_true(PageActive(a));
	assert_ptr_equal(list_tail(LRU_INACTIVE_FILE), b);
	rotate_reclaimable_page(a);		/* written for reclaim: inactive tail */
	assert_false(PageActive(a));
	assert_ptr_equal(list_tail(LRU_INACTIVE_FILE), a);
	SetPageDirty(b);
	rotate_reclaimable_page(b);		/* dirty again: stays where it is */
	assert_ptr_equal(list_tail(LRU_INACTIVE_FILE), a);
	ClearPageDirty(b);
	put_page(a);
	put_page(b);
}

static void test_isolate_putback(void **state)
{
	struct page *page = file_page();
	unsigned long in = lruvec_lru_size(LRU_INACTIVE_FILE);

	lru_cache_add(page);
	assert_false(isolate_lru_page(page));	/* in the batch: not on a list */
	lru_add_drain();
	assert_true(isolate_lru_page(page));
	assert_false(PageLRU(page));
	assert_int_equal(page_ref_count(page), 2);
	assert_int_equal(lruvec_lru_size(LRU_INACTIVE_FILE), in);
	assert_false(isolate_lru_page(page));	/* twice: no */
	SetPageActive(page);
	putback_lru_page(page);
	assert_true(PageLRU(page));
	assert_int_equal(lruvec_lru_size(LRU_ACTIVE_FILE) > 0, 1);
	assert_int_equal(page_ref_count(page), 1);
	put_page(page);
}

static void test_scan_balance(void **state)
{
	unsigned long size[NR_LRU_LISTS] = { 4096, 4096, 8192, 8192, 100 }, nr[NR_LRU_LISTS];

	/* no swap: only the file lists, size >> priority */
	scan_balance(size, 12, 60, false, nr);
	assert_int_equal(nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON], 0);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 2);
	assert_int_equal(nr[LRU_UNEVICTABLE], 0);
	scan_balance(size, 0, 60, false, nr);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 8192);
	assert_int_equal(nr[LRU_INACTIVE_ANON], 0);
	/* with swap: anon gets swappiness/200, file the rest */
	scan_balance(size, 4, 60, true, nr);
	assert_int_equal(nr[LRU_INACTIVE_ANON], 256 * 60 / 200);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 512 * 140 / 200);
	scan_balance(size, 4, 200, true, nr);		/* anon only */
	assert_int_equal(nr[LRU_INACTIVE_FILE], 0);
	assert_int_equal(nr[LRU_INACTIVE_ANON], 256);
	scan_balance(size, 4, 0, true, nr);		/* swappiness 0: file only */
	assert_int_equal(nr[LRU_INACTIVE_ANON], 0);
	scan_balance(size, 0, 60, true, nr);		/* priority 0: everything */
	assert_int_equal(nr[LRU_INACTIVE_ANON], 4096);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 8192);
	/* a short list is still looked at under pressure, not at priority 12 */
	size[LRU_INACTIVE_FILE] = 10;
	scan_balance(size, 12, 60, false, nr);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 0);
	scan_balance(size, 9, 60, false, nr);
	assert_int_equal(nr[LRU_INACTIVE_FILE], 10);
}

static void test_oom_badness(void **state)
{
	struct mm_struct mm;
	struct task_struct t;
	unsigned long total = totalram_pages;

	memset(&mm, 0, sizeof(mm));
	memset(&t, 0, sizeof(t));
	t.pid = 42;
	t.mm = &mm;
	mm.rss[MM_ANONPAGES] = 1000;
	mm.rss[MM_FILEPAGES] = 200;
	mm.nr_pgtables = 6;
	/* rss + page tables (6 second-level pages + the 4-page pgd) */
	assert_int_equal(oom_badness(&t, total), 1000 + 200 + 10);
	t.oom_score_adj = 500;
	assert_int_equal(oom_badness(&t, total), 1210 + 500 * (long)(total / 1000));
	t.oom_score_adj = -500;
	assert_int_equal(oom_badness(&t, total), 1210 - 500 * (long)(total / 1000));
	t.oom_score_adj = OOM_SCORE_ADJ_MIN;
	assert_true(oom_badness(&t, total) == LONG_MIN);	/* never */
	assert_int_equal(oom_score(&t), 0);
	t.oom_score_adj = 0;
	/* Linux 6.1's /proc scale: (1000 + points * 1000 / total) * 2 / 3 */
	assert_int_equal(oom_score(&t), (1000 + 1210 * 1000 / (long)total) * 2 / 3);
	t.oom_score_adj = 1000;
	assert_true(oom_score(&t) >= 1333 - 1);
	t.pid = 1;					/* init: never */
	assert_true(oom_badness(&t, total) == LONG_MIN);
	t.pid = 42;
	t.mm = NULL;					/* kernel thread: never */
	assert_true(oom_badness(&t, total) == LONG_MIN);
	t.mm = &mm;
	mm.oom_skip = true;				/* reaped already */
	assert_true(oom_badness(&t, total) == LONG_MIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_then_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anon_pages_go_to_anon_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_chance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_chance_in_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rotate_to_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_isolate_putback, setup, teardown),
		cmocka_unit_test(test_scan_balance),
		cmocka_unit_test_setup_teardown(test_oom_badness, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
