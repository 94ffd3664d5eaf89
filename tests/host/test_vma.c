/*
 * Host tests of the VMA list + AVL tree (mm/vma.c): random sequences of
 * insert, split, merge and remove checked against a plain array of
 * ranges, with the tree invariants (order, balance, heights) verified
 * after every step.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <mm/vma.h>
#include <mm/mmap.h>
#include <mm/memory.h>
#include <asm/memory.h>

#define PG 4096u
#define SLOTS 512		/* the address space is SLOTS pages long */

/* Reference model: owner[i] = id of the VMA covering page i, or 0. */
static int owner[SLOTS];

static struct vm_area_struct *new_vma(vaddr_t s, vaddr_t e, unsigned flags)
{
	struct vm_area_struct *v = calloc(1, sizeof(*v));

	v->vm_start = s;
	v->vm_end = e;
	v->vm_flags = flags;
	return v;
}

static void free_vma(struct vm_area_struct *v)
{
	free(v);
}

/* Every page's find_vma answer must agree with a linear scan of the list. */
static void check_against_list(struct mm_struct *mm)
{
	for (unsigned i = 0; i < SLOTS; i += 3) {
		vaddr_t a = (vaddr_t)i * PG + 17;
		struct vm_area_struct *v, *want = NULL;

		list_for_each_entry(v, &mm->mmap, vm_list) {
			if (v->vm_end > a) {
				want = v;
				break;
			}
		}
		assert_ptr_equal(find_vma(mm, a), want);
	}
	assert_true(vma_tree_check(mm) >= 0);
}

static void test_insert_find_remove(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *v, *n;
	int inserted = 0;

	mm_vmas_init(&mm);
	srand(1);
	memset(owner, 0, sizeof(owner));
	for (int step = 0; step < 4000; step++) {
		unsigned s = (unsigned)rand() % SLOTS, len = 1 + (unsigned)rand() % 8;
		bool free_range = s + len <= SLOTS;

		for (unsigned i = s; free_range && i < s + len; i++)
			free_range = !owner[i];
		if (free_range && rand() % 3) {
			v = new_vma(s * PG, (s + len) * PG, VM_READ);
			assert_int_equal(vma_link(&mm, v), 0);
			for (unsigned i = s; i < s + len; i++)
				owner[i] = 1;
			inserted++;
		} else if (!list_empty(&mm.mmap)) {
			/* remove the VMA holding page s, if any, else the first */
			v = find_vma(&mm, s * PG);
			if (!v)
				v = list_first_entry(&mm.mmap, struct vm_area_struct, vm_list);
			for (vaddr_t a = v->vm_start; a < v->vm_end; a += PG)
				owner[a / PG] = 0;
			vma_unlink(&mm, v);
			free(v);
		}
		check_against_list(&mm);
		for (unsigned i = 0; i < SLOTS; i++) {
			v = find_vma(&mm, i * PG);
			assert_int_equal(owner[i] != 0, v && v->vm_start <= i * PG);
		}
	}
	assert_true(inserted > 1000);
	/* overlapping insert refused */
	v = new_vma(0, 4 * PG, VM_READ);
	if (find_vma(&mm, 0) && find_vma(&mm, 0)->vm_start < 4 * PG)
		assert_int_equal(vma_link(&mm, v), -EEXIST);
	free(v);
	list_for_each_entry_safe(v, n, &mm.mmap, vm_list) {
		vma_unlink(&mm, v);
		free(v);
	}
	assert_int_equal(vma_tree_check(&mm), 0);
	assert_null(mm.mm_rb);
}

static void test_balance_sequential(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *v, *n;

	mm_vmas_init(&mm);
	for (unsigned i = 0; i < 1024; i++)	/* ascending: worst case for a plain BST */
		assert_int_equal(vma_link(&mm, new_vma(i * 2 * PG, (i * 2 + 1) * PG, 0)), 0);
	assert_int_equal(vma_tree_check(&mm), 1024);
	assert_true(mm.mm_rb->rb_height <= 15);	/* 1.44 log2(1024) ~ 14.4 */
	list_for_each_entry_safe(v, n, &mm.mmap, vm_list) {
		vma_unlink(&mm, v);
		free(v);
	}
}

static void test_split_and_merge(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *v, *tail, *n;
	struct file *file = (struct file *)0x1234;

	mm_vmas_init(&mm);
	v = new_vma(0x10000, 0x20000, VM_READ | VM_WRITE);
	v->vm_file = file;
	v->vm_pgoff = 5;
	assert_int_equal(vma_link(&mm, v), 0);

	tail = calloc(1, sizeof(*tail));
	vma_split(&mm, v, 0x14000, tail);
	assert_int_equal(v->vm_end, 0x14000);
	assert_int_equal(tail->vm_start, 0x14000);
	assert_int_equal(tail->vm_end, 0x20000);
	assert_int_equal(tail->vm_pgoff, 5 + 4);
	assert_ptr_equal(find_vma(&mm, 0x15000), tail);
	assert_ptr_equal(find_vma(&mm, 0x13fff), v);
	assert_int_equal(vma_tree_check(&mm), 2);

	/* different rights: no merge */
	tail->vm_flags = VM_READ;
	assert_ptr_equal(vma_merge_neighbours(&mm, tail, free_vma), tail);
	assert_int_equal(mm.map_count, 2);
	/* same rights, continuous pgoff: merge back into one */
	tail->vm_flags = VM_READ | VM_WRITE;
	v = vma_merge_neighbours(&mm, tail, free_vma);
	assert_int_equal(v->vm_start, 0x10000);
	assert_int_equal(v->vm_end, 0x20000);
	assert_int_equal(mm.map_count, 1);
	/* a file VMA whose pgoff is not continuous does not merge */
	n = new_vma(0x20000, 0x21000, VM_READ | VM_WRITE);
	n->vm_file = file;
	n->vm_pgoff = 99;
	assert_int_equal(vma_link(&mm, n), 0);
	assert_ptr_equal(vma_merge_neighbours(&mm, n, free_vma), n);
	assert_int_equal(vma_tree_check(&mm), 2);
	list_for_each_entry_safe(v, n, &mm.mmap, vm_list) {
		vma_unlink(&mm, v);
		free(v);
	}
}

static void test_random_split_merge(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *v, *n;

	mm_vmas_init(&mm);
	srand(7);
	assert_int_equal(vma_link(&mm, new_vma(0, SLOTS * PG, VM_READ)), 0);
	for (int step = 0; step < 3000; step++) {
		vaddr_t a = (vaddr_t)(1 + rand() % (SLOTS - 1)) * PG;

		v = find_vma(&mm, a);
		assert_non_null(v);
		if (v->vm_start < a && rand() % 2) {
			struct vm_area_struct *t = calloc(1, sizeof(*t));

			vma_split(&mm, v, a, t);
			t->vm_flags = (unsigned)(rand() % 2) ? VM_READ : VM_WRITE;
		} else {
			vma_merge_neighbours(&mm, v, free_vma);
		}
		/* the VMAs always tile [0, SLOTS pages) exactly */
		vaddr_t end = 0;
		list_for_each_entry(n, &mm.mmap, vm_list) {
			assert_int_equal(n->vm_start, end);
			end = n->vm_end;
		}
		assert_int_equal(end, SLOTS * PG);
		check_against_list(&mm);
	}
	list_for_each_entry_safe(v, n, &mm.mmap, vm_list) {
		vma_unlink(&mm, v);
		free(v);
	}
}

/*
 * get_unmapped_area (mm/mmap.c) walks the tree's gap values; a plain scan
 * must find the same address: the lowest page-aligned a >= the mmap base
 * with [a, a + len) clear of every VMA and of the room below each stack
 * (vma_start_gap), and below TASK_SIZE.
 */
static vaddr_t scan_for_gap(struct mm_struct *mm, size_t len)
{
	vaddr_t best = 0, cand;
	struct vm_area_struct *v, *w;
	bool first = true;

	list_for_each_entry(v, &mm->mmap, vm_list) {
		for (int k = 0; k < 2; k++) {
			cand = k ? v->vm_end : TASK_UNMAPPED_BASE;
			if (!k && !first)
				continue;
			if (cand < TASK_UNMAPPED_BASE || cand > TASK_SIZE - len)
				continue;
			bool ok = true;

			list_for_each_entry(w, &mm->mmap, vm_list)
				if (cand < w->vm_end && cand + len > vma_start_gap(w))
					ok = false;
			if (ok && (!best || cand < best))
				best = cand;
		}
		first = false;
	}
	if (list_empty(&mm->mmap))
		best = TASK_UNMAPPED_BASE;
	return best;
}

static void test_unmapped_area_matches_scan(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *v, *n;
	vaddr_t base = TASK_UNMAPPED_BASE - 32 * PG;

	mm_vmas_init(&mm);
	srand(11);
	/* a stack at the top of user space, as exec makes it */
	assert_int_equal(vma_link(&mm, new_vma(TASK_SIZE - 32 * PG, TASK_SIZE,
					       VM_READ | VM_GROWSDOWN)), 0);
	for (int step = 0; step < 3000; step++) {
		size_t len = (size_t)(1 + rand() % 24) * PG;
		vaddr_t s = base + (vaddr_t)(rand() % 1024) * PG;

		if (rand() % 4) {		/* insert at s if that is free */
			v = find_vma(&mm, s);
			if (!v || v->vm_start >= s + len) {
				assert_int_equal(vma_link(&mm, new_vma(s, s + len, VM_READ)), 0);
			}
		} else {			/* or remove what holds s */
			v = find_vma(&mm, s);
			if (v && !(v->vm_flags & VM_GROWSDOWN)) {
				vma_unlink(&mm, v);
				free(v);
			}
		}
		assert_true(vma_tree_check(&mm) >= 0);
		for (int k = 0; k < 4; k++) {
			len = (size_t)(1 + rand() % 64) * PG;
			assert_int_equal(get_unmapped_area(&mm, len), scan_for_gap(&mm, len));
		}
	}
	/* a request bigger than anything free: 0 */
	assert_int_equal(get_unmapped_area(&mm, TASK_SIZE), 0);
	list_for_each_entry_safe(v, n, &mm.mmap, vm_list) {
		vma_unlink(&mm, v);
		free(v);
	}
}

/* Growing a VMA in place (brk, stack) and vma_gap_update keep the gaps right. */
static void test_gap_update_in_place(void **state)
{
	struct mm_struct mm;
	struct vm_area_struct *a, *b, *c;

	mm_vmas_init(&mm);
	a = new_vma(TASK_UNMAPPED_BASE, TASK_UNMAPPED_BASE + 4 * PG, VM_READ);
	b = new_vma(TASK_UNMAPPED_BASE + 16 * PG, TASK_UNMAPPED_BASE + 20 * PG, VM_READ);
	c = new_vma(TASK_UNMAPPED_BASE + 40 * PG, TASK_UNMAPPED_BASE + 44 * PG, VM_READ);
	assert_int_equal(vma_link(&mm, a) | vma_link(&mm, b) | vma_link(&mm, c), 0);
	assert_int_equal(get_unmapped_area(&mm, 12 * PG), TASK_UNMAPPED_BASE + 4 * PG);
	a->vm_end += 4 * PG;		/* brk-style growth: b's gap shrinks */
	vma_gap_update(&mm, b);
	assert_int_equal(vma_tree_check(&mm), 3);
	assert_int_equal(get_unmapped_area(&mm, 12 * PG), TASK_UNMAPPED_BASE + 20 * PG);
	c->vm_start -= 9 * PG;		/* stack-style growth down: its own gap (now 11) */
	vma_gap_update(&mm, c);
	assert_int_equal(vma_tree_check(&mm), 3);
	assert_int_equal(get_unmapped_area(&mm, 12 * PG), TASK_UNMAPPED_BASE + 44 * PG);
	vma_unlink(&mm, a);
	vma_unlink(&mm, b);
	vma_unlink(&mm, c);
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_find_remove),
		cmocka_unit_test(test_balance_sequential),
		cmocka_unit_test(test_split_and_merge),
		cmocka_unit_test(test_random_split_merge),
		cmocka_unit_test(test_unmapped_area_matches_scan),
		cmocka_unit_test(test_gap_update_in_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
