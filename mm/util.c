/*
 * mm/util.c - the commit charge and the overcommit policy
 * (include/mm/mman.h has the table of what is charged and what is
 * refused).  The rules and defaults are Linux 6.1's (__vm_enough_memory
 * and vm_commit_limit in its mm/util.c); the arithmetic is unit-tested on
 * the host (tests/host/test_overcommit.c).
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/mman.h>
#include <mm/swapfile.h>

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;
unsigned long sysctl_user_reserve_kbytes = 1UL << 17;
unsigned long sysctl_admin_reserve_kbytes = 1UL << 13;
long vm_committed_as;

#define KB_TO_PAGES(kb)	((kb) >> (PAGE_SHIFT - 10))

/*
 * Swap counts in CommitLimit and in the heuristic, as in Linux (every
 * usable slot of the areas that are on); there is no pool of huge pages
 * to leave out of CommitLimit.
 */
static unsigned long swap_pages(void) { return (unsigned long)total_swap_pages; }
static unsigned long hugetlb_pages(void) { return 0; }

/*
 * init_overcommit_reserves - a thirty-second of the memory free at boot,
 * at most 128 MiB for the user reserve and 8 MiB for the admin reserve
 * (Linux's init_user_reserve and init_admin_reserve).
 */
void init_overcommit_reserves(unsigned long free_pages)
{
	unsigned long free_kb = free_pages << (PAGE_SHIFT - 10);

	sysctl_user_reserve_kbytes = MIN(free_kb / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = MIN(free_kb / 32, 1UL << 13);
}

unsigned long vm_commit_limit(void)
{
	unsigned long allowed;

	if (sysctl_overcommit_kbytes)
		allowed = KB_TO_PAGES(sysctl_overcommit_kbytes);
	else	/* in 64 bits: pages * a ratio up to INT_MAX must not wrap */
		allowed = (unsigned long)((u64)(totalram_pages - hugetlb_pages()) *
					  (u64)sysctl_overcommit_ratio / 100);
	return allowed + swap_pages();
}

unsigned long vm_committed_pages(void)
{
	return vm_committed_as > 0 ? (unsigned long)vm_committed_as : 0;
}

/*
 * The charge is taken first and compared after, as Linux does: the
 * total that includes this request must stay below `allowed`.  In mode 2
 * the limit shrinks by two reserves: the admin reserve unless the caller
 * may use it (root), and - so that one process cannot grow until nobody
 * can start a shell to kill it - a thirty-second of the caller's size,
 * at most the user reserve.
 */
int __vm_enough_memory(const struct mm_struct *mm, long pages, bool cap_sys_admin)
{
	long allowed;

	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if (pages > (long)(totalram_pages + swap_pages()))
			goto refuse;
		return 0;
	}
	allowed = (long)vm_commit_limit();
	if (!cap_sys_admin)
		allowed -= (long)KB_TO_PAGES(sysctl_admin_reserve_kbytes);
	if (mm)
		allowed -= (long)MIN(mm->total_vm / 32, KB_TO_PAGES(sysctl_user_reserve_kbytes));
	if ((long)vm_committed_pages() < allowed)
		return 0;
refuse:
	vm_unacct_memory(pages);
	return -ENOMEM;
}
