/*
 * Host tests of the commit charge (mm/util.c) and of who takes and gives
 * it back (mm/mmap.c, mm/memory.c), on the real allocator with the fake
 * MMU of tests/host/shim_arch.c:
 *   - __vm_enough_memory's arithmetic in the three modes, with the
 *     admin and user reserves, worked through with small numbers;
 *   - CommitLimit from the ratio or from overcommit_kbytes;
 *   - mmap, partial munmap, mprotect RO -> RW, brk, stack growth, fork
 *     and exit each move vm_committed_as by exactly their pages, and a
 *     refused request leaves it as it was.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <mm/mmap.h>
#include <mm/mman.h>
#include <mm/memory.h>
#include <mm/slab.h>
#include "host_mm.h"

#define BASE 0x10000000ul

static unsigned long saved_totalram;

static int setup(void **state)
{
	host_mm_boot(64u << 20, 64u << 20, "");
	kmem_init();
	zero_page_init();
	mmap_init();
	vm_committed_as = 0;
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	sysctl_overcommit_ratio = 50;
	sysctl_overcommit_kbytes = 0;
	return 0;
}

static int teardown(void **state)
{
	host_mm_teardown();
	return 0;
}

/* Small numbers: 1000 pages of RAM, so the limits can be worked by hand. */
static int setup_arith(void **state)
{
	saved_totalram = totalram_pages;
	totalram_pages = 1000;
	vm_committed_as = 0;
	sysctl_overcommit_ratio = 50;
	sysctl_overcommit_kbytes = 0;
	sysctl_admin_reserve_kbytes = 40;	/* 10 pages */
	sysctl_user_reserve_kbytes = 80;	/* 20 pages */
	return 0;
}

static int teardown_arith(void **state)
{
	totalram_pages = saved_totalram;
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	return 0;
}

static void test_limit(void **state)
{
	assert_int_equal(vm_commit_limit(), 500);	/* 1000 * 50 / 100 */
	sysctl_overcommit_ratio = 150;
	assert_int_equal(vm_commit_limit(), 1500);
	sysctl_overcommit_kbytes = 404;			/* rounds down to pages */
	assert_int_equal(vm_commit_limit(), 101);
	init_overcommit_reserves(64u << 18);		/* 64 GiB free: the caps */
	assert_int_equal(sysctl_user_reserve_kbytes, 131072);
	assert_int_equal(sysctl_admin_reserve_kbytes, 8192);
	init_overcommit_reserves(256);			/* 1 MiB free: 1/32 of it */
	assert_int_equal(sysctl_user_reserve_kbytes, 32);
	assert_int_equal(sysctl_admin_reserve_kbytes, 32);
}

static void test_modes(void **state)
{
	struct mm_struct mm = { .total_vm = 320 };	/* 320 / 32 = 10 pages of user reserve */

	sysctl_overcommit_memory = OVERCOMMIT_GUESS;	/* only one request > RAM is refused */
	assert_int_equal(__vm_enough_memory(&mm, 1000, false), 0);
	assert_int_equal(__vm_enough_memory(&mm, 1000, false), 0);
	assert_int_equal(vm_committed_as, 2000);
	assert_int_equal(__vm_enough_memory(&mm, 1001, false), -ENOMEM);
	assert_int_equal(vm_committed_as, 2000);	/* taken back */
	sysctl_overcommit_memory = OVERCOMMIT_ALWAYS;
	assert_int_equal(__vm_enough_memory(&mm, 1L << 20, false), 0);
	vm_committed_as = 0;

	/* never: committed (this request included) < 500 - 10 (user) [- 10 (admin)] */
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	assert_int_equal(__vm_enough_memory(&mm, 489, true), 0);
	assert_int_equal(__vm_enough_memory(&mm, 1, true), -ENOMEM);	/* 490 is not < 490 */
	vm_committed_as = 0;
	assert_int_equal(__vm_enough_memory(&mm, 480, false), -ENOMEM);	/* admin reserve */
	assert_int_equal(__vm_enough_memory(&mm, 479, false), 0);
	vm_committed_as = 0;
	assert_int_equal(__vm_enough_memory(NULL, 499, true), 0);	/* no process: no user reserve */
	vm_committed_as = 0;
	mm.total_vm = 1u << 20;				/* the user reserve caps it: 20 pages */
	assert_int_equal(__vm_enough_memory(&mm, 480, true), -ENOMEM);
	assert_int_equal(__vm_enough_memory(&mm, 479, true), 0);
	assert_int_equal(vm_committed_as, 479);
	vm_committed_as = 0;
}

static long charge_of(struct mm_struct *mm)
{
	struct vm_area_struct *v;
	long n = 0;

	list_for_each_entry(v, &mm->mmap, vm_list)
		if (v->vm_flags & VM_ACCOUNT)
			n += (long)vma_pages(v);
	return n;
}

static void test_mapping_charges(void **state)
{
	struct mm_struct *mm = mm_alloc(), *child;
	const unsigned rw = VM_READ | VM_WRITE;

	assert_non_null(mm);
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE, 16 * PAGE_SIZE, rw, true, NULL, 0, NULL)));
	assert_int_equal(vm_committed_as, 16);
	assert_int_equal(do_munmap(mm, BASE + 4 * PAGE_SIZE, 2 * PAGE_SIZE), 0);	/* a split */
	assert_int_equal(vm_committed_as, 14);
	assert_int_equal(do_munmap(mm, BASE + 14 * PAGE_SIZE, 2 * PAGE_SIZE), 0);	/* a trim */
	assert_int_equal(vm_committed_as, 12);
	/* read-only: free; RO -> RW: charged; RW -> RO: kept */
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 64 * PAGE_SIZE, 8 * PAGE_SIZE, VM_READ, true,
					  NULL, 0, NULL)));
	assert_int_equal(vm_committed_as, 12);
	assert_int_equal(do_mprotect(mm, BASE + 66 * PAGE_SIZE, 2 * PAGE_SIZE, rw), 0);
	assert_int_equal(vm_committed_as, 14);
	assert_int_equal(do_mprotect(mm, BASE + 64 * PAGE_SIZE, 8 * PAGE_SIZE, rw), 0);
	assert_int_equal(vm_committed_as, 20);
	assert_int_equal(do_mprotect(mm, BASE + 64 * PAGE_SIZE, 8 * PAGE_SIZE, VM_READ), 0);
	assert_int_equal(vm_committed_as, 20);
	/* MAP_NORESERVE, and a mapping the mode refuses */
	assert_false(IS_ERR_VALUE(do_mmap(mm, BASE + 128 * PAGE_SIZE, 8 * PAGE_SIZE,
					  rw | VM_NORESERVE, true, NULL, 0, NULL)));
	assert_int_equal(vm_committed_as, 20);
	assert_int_equal(do_mmap(mm, BASE + 256 * PAGE_SIZE, (totalram_pages + 1) * PAGE_SIZE, rw,
				 true, NULL, 0, NULL), -ENOMEM);
	assert_int_equal(vm_committed_as, 20);
	assert_int_equal(charge_of(mm), 20);
	/* fork charges the child's copy; exit gives both back */
	child = dup_mm(mm);
	assert_non_null(child);
	assert_int_equal(vm_committed_as, 40);
	mmput(child);
	assert_int_equal(vm_committed_as, 20);
	mmput(mm);
	assert_int_equal(vm_committed_as, 0);
}

static void test_brk_and_stack(void **state)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *stack;

	assert_non_null(mm);
	mm->start_brk = mm->brk = BASE;
	assert_int_equal(do_brk(mm, BASE + 10 * PAGE_SIZE), BASE + 10 * PAGE_SIZE);
	assert_int_equal(vm_committed_as, 10);
	assert_int_equal(do_brk(mm, BASE + 12 * PAGE_SIZE), BASE + 12 * PAGE_SIZE);
	assert_int_equal(vm_committed_as, 12);
	assert_int_equal(do_brk(mm, BASE + 3 * PAGE_SIZE), BASE + 3 * PAGE_SIZE);
	assert_int_equal(vm_committed_as, 3);
	sysctl_overcommit_memory = OVERCOMMIT_NEVER;
	sysctl_overcommit_kbytes = 4 * 8;		/* CommitLimit: 8 pages */
	assert_int_equal(do_brk(mm, BASE + 20 * PAGE_SIZE), BASE + 3 * PAGE_SIZE);	/* refused */
	assert_int_equal(vm_committed_as, 3);
	sysctl_overcommit_memory = OVERCOMMIT_GUESS;
	sysctl_overcommit_kbytes = 0;

	assert_false(IS_ERR_VALUE(do_mmap(mm, 0x80000000ul, 4 * PAGE_SIZE,
					  VM_READ | VM_WRITE | VM_GROWSDOWN, true, NULL, 0, NULL)));
	assert_int_equal(vm_committed_as, 7);
	stack = find_vma(mm, 0x80000000ul);
	assert_int_equal(expand_stack(mm, stack, 0x80000000ul - 3 * PAGE_SIZE), 0);
	assert_int_equal(vm_committed_as, 10);
	assert_int_equal(charge_of(mm), 10);
	mmput(mm);
	assert_int_equal(vm_committed_as, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_limit, setup_arith, teardown_arith),
		cmocka_unit_test_setup_teardown(test_modes, setup_arith, teardown_arith),
		cmocka_unit_test_setup_teardown(test_mapping_charges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_brk_and_stack, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
