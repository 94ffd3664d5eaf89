/*
 * kmap and kmap_atomic: temporary kernel addresses for HighMem pages,
 * which the lowmem linear map does not cover (docs/kernel-allocators.md).  API and contexts
 * in include/mm/highmem.h; the pkmap and fixmap second-level tables were
 * made by paging_init() and are shared by every process's first-level
 * table, so these mappings need no copying between address spaces.
 *
 * ---------------------------------------------------------------------
 * pkmap: 512 slots of one page from PKMAP_BASE (0xBFE00000) up to
 * PAGE_OFFSET.  pkmap_count[nr] says what slot nr is doing:
 *
 *   pkmap_count  slot state                    TLB may hold it  reusable
 *   -----------  ----------------------------  ---------------  ---------
 *   0            free: unmapped and flushed    no               yes
 *   1            no users, but still mapped    yes              not yet:
 *                (kunmap'd, flush pending)                      next wrap
 *   n >= 2       mapped, n - 1 users           yes              no
 *
 * kunmap only decrements: a page that goes back to 1 keeps its slot and
 * its mapping, so mapping it again is free (pkmap_lookup finds it through
 * a hash of page frame numbers).  New slots are searched round-robin from
 * last_pkmap_nr; each time the search wraps past slot 511,
 * flush_all_zero_pkmaps() unmaps every slot at 1 without a TLB flush and
 * then flushes the whole 2 MiB area once.  One flush per 512 slots
 * instead of one per kunmap: that is the point of the count of 1.
 *
 * Linux sleeps when every slot is at 2 or more; there is nothing to wait
 * for here yet, so kmap returns NULL (kmap_stats.failures counts it).
 *
 * ---------------------------------------------------------------------
 * kmap_atomic: KM_TYPE_NR slots per CPU in the fixmap, FIXADDR_START
 * (0xFFC00000) upwards, used as a stack: kmap_atomic takes the slot at
 * the current depth, kunmap_atomic gives back the innermost.  An
 * interrupt handler stacks its mappings above the ones of the code it
 * interrupted and takes them down before returning, so no locking is
 * needed.  The slot is unmapped with a TLB flush of its one page
 * (arch_mmu_unmap): it is reused at once by the next kmap_atomic.
 */
#include <kernel/bug.h>
#include <kernel/irqflags.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/sched.h>
#include <mm/arch_mmu.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include "alloc_internal.h"

#define PKMAP_ADDR(nr)		(PKMAP_BASE + ((vaddr_t)(nr) << PAGE_SHIFT))
#define PKMAP_HASH_SIZE		64
#define FIX_KMAP_ADDR(cpu, idx)	\
	(FIXADDR_START + ((vaddr_t)((cpu) * KM_TYPE_NR + (idx)) << PAGE_SHIFT))

#ifdef FIX_EARLYCON_SECTION	/* the target's asm/memory.h; not the host's */
_Static_assert(FIX_KMAP_ADDR(NR_CPUS, 0) <= FIX_EARLYCON_SECTION,
	       "kmap_atomic slots run into the early console's fixmap page");
#endif

int pkmap_count[LAST_PKMAP];
unsigned int last_pkmap_nr;
struct kmap_stats kmap_stats;

/*
 * The page in each slot, and a hash from page frame number to slot.
 * Chains hold slot + 1 so that all-zero (the state at boot) is "empty".
 */
static struct page *pkmap_page[LAST_PKMAP];
static u16 pkmap_chain[LAST_PKMAP];
static u16 pkmap_hash[PKMAP_HASH_SIZE];

/* This CPU's kmap_atomic stack: depth, and what each slot handed out. */
static unsigned int kmap_atomic_depth[NR_CPUS];
static void *kmap_atomic_ptr[NR_CPUS][KM_TYPE_NR];

static inline u16 *pkmap_bucket(const struct page *page)
{
	return &pkmap_hash[page_to_pfn(page) % PKMAP_HASH_SIZE];
}

/* The slot that maps page (count >= 1), or -1. */
static int pkmap_lookup(const struct page *page)
{
	unsigned int link = *pkmap_bucket(page);

	while (link) {
		if (pkmap_page[link - 1] == page)
			return (int)link - 1;
		link = pkmap_chain[link - 1];
	}
	return -1;
}

static void pkmap_hash_del(unsigned int nr)
{
	u16 *link = pkmap_bucket(pkmap_page[nr]);

	while (*link != nr + 1)
		link = &pkmap_chain[*link - 1];
	*link = pkmap_chain[nr];
	pkmap_chain[nr] = 0;
}

/*
 * flush_all_zero_pkmaps - the search for a free slot wrapped: unmap every
 * slot whose count is 1 (no users) and flush the pkmap area from the TLB
 * once, making those slots free (count 0).
 */
static void flush_all_zero_pkmaps(void)
{
	bool need_flush = false;
	unsigned int nr;

	for (nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		arch_mmu_unmap_noflush(&init_mm, PKMAP_ADDR(nr), PAGE_SIZE);
		pkmap_hash_del(nr);
		pkmap_page[nr] = NULL;
		pkmap_count[nr] = 0;
		need_flush = true;
	}
	if (need_flush) {
		arch_flush_tlb_kernel_range(PKMAP_BASE, PKMAP_END);
		kmap_stats.flushes++;
	}
}

/*
 * map_new_virtual - put page in a free slot (count 1, no user yet).
 * Round-robin from last_pkmap_nr; two laps at most, so that the search
 * sees every slot again after the flush at the wrap.  Returns the slot
 * or -1 if all are in use.  Interrupts masked.
 */
static int map_new_virtual(struct page *page)
{
	unsigned int tries, nr;
	int err;

	for (tries = 0; tries < 2 * LAST_PKMAP; tries++) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (last_pkmap_nr == 0)
			flush_all_zero_pkmaps();
		if (pkmap_count[last_pkmap_nr] == 0)
			break;
	}
	if (tries == 2 * LAST_PKMAP)
		return -1;
	nr = last_pkmap_nr;
	err = arch_mmu_map(&init_mm, PKMAP_ADDR(nr), page_to_pa(page), PAGE_SIZE,
			   MMU_KERNEL_RW);
	if (err)
		panic("kmap: cannot map pkmap slot %u at 0x%08lx (error %d): the pkmap "
		      "tables are made at boot, so this is a bug", nr,
		      (unsigned long)PKMAP_ADDR(nr), err);
	pkmap_page[nr] = page;
	pkmap_chain[nr] = *pkmap_bucket(page);
	*pkmap_bucket(page) = (u16)(nr + 1);
	pkmap_count[nr] = 1;
	kmap_stats.maps++;
	return (int)nr;
}

void *kmap(struct page *page)
{
	unsigned long flags;
	int nr;

	if (!PageHighMem(page))
		return page_address(page);
	local_irq_save(flags);
	nr = pkmap_lookup(page);
	if (nr >= 0)
		kmap_stats.hits++;
	else
		nr = map_new_virtual(page);
	if (nr < 0) {
		kmap_stats.failures++;
		local_irq_restore(flags);
		return NULL;
	}
	pkmap_count[nr]++;
	local_irq_restore(flags);
	return mapped_ptr(PKMAP_ADDR(nr));
}

void kunmap(struct page *page)
{
	unsigned long flags;
	int nr;

	if (!PageHighMem(page))
		return;
	local_irq_save(flags);
	nr = pkmap_lookup(page);
	if (nr < 0 || pkmap_count[nr] < 2)
		panic("kunmap: page pfn 0x%lx is not kmapped (a kunmap too many?)",
		      (unsigned long)page_to_pfn(page));
	if (--pkmap_count[nr] == 1)
		wakeup(&pkmap_count);	/* a slot is free again (kmap_sleep) */
	local_irq_restore(flags);
}

void *kmap_sleep(struct page *page)
{
	unsigned long flags;
	void *p;

	while (!(p = kmap(page))) {
		local_irq_save(flags);
		sleep_on(&pkmap_count);
		local_irq_restore(flags);
	}
	return p;
}

void *kmap_atomic(struct page *page)
{
	unsigned int idx;
	vaddr_t va;

	if (!PageHighMem(page))
		return page_address(page);
	idx = kmap_atomic_depth[0]++;
	if (idx >= KM_TYPE_NR)
		panic("kmap_atomic: more than %d nested mappings (a kunmap_atomic "
		      "missing?)", KM_TYPE_NR);
	va = FIX_KMAP_ADDR(0, idx);
	arch_kmap_slot_set(va, page_to_pa(page));
	kmap_stats.atomic_maps++;
	kmap_atomic_ptr[0][idx] = mapped_ptr(va);
	return kmap_atomic_ptr[0][idx];
}

/*
 * kunmap_atomic - addr may point anywhere in the mapped page.  The slots
 * are compared by what kmap_atomic returned (on the target the fixmap
 * address itself; see mapped_ptr), page by page.
 */
void kunmap_atomic(void *addr)
{
	unsigned int depth = kmap_atomic_depth[0], i;
	vaddr_t page = (vaddr_t)addr & PAGE_MASK;

	if (depth && page == (vaddr_t)kmap_atomic_ptr[0][depth - 1]) {
		arch_kmap_slot_clear(FIX_KMAP_ADDR(0, depth - 1));
		kmap_atomic_ptr[0][depth - 1] = NULL;
		kmap_atomic_depth[0] = depth - 1;
		return;
	}
	for (i = 0; i + 1 < depth; i++)
		if (page == (vaddr_t)kmap_atomic_ptr[0][i])
			panic("kunmap_atomic(%p): out of order: slot %u is mapped but "
			      "slot %u, mapped after it, is still in use", addr, i,
			      depth - 1);
	if (virt_addr_valid(addr))
		return;		/* a lowmem page: kmap_atomic mapped nothing */
	panic("kunmap_atomic(%p): not an address from kmap_atomic (depth %u): "
	      "unbalanced kunmap_atomic?", addr, depth);
}

/*
 * kmap_local_page - kmap_atomic's fixmap slot, for a task that may sleep
 * while it holds it (a copy to user memory that faults and waits for a
 * disk).  The task's local mappings are the bottom slots of the stack
 * (atomic ones, above them, never outlive a sleep); when it is switched
 * out they are put aside, and they are made again when it runs next
 * (kmap_local_sched_in), so each task finds its own pages at its slots,
 * as Linux's kmap_local does.  Unmapped LIFO with kunmap_local.
 */
void *kmap_local_page(struct page *page)
{
	void *p;

	if (!PageHighMem(page))
		return page_address(page);
	if (current->kmap_local_nr >= KM_LOCAL_MAX ||
	    kmap_atomic_depth[0] != (unsigned)current->kmap_local_nr)
		panic("kmap_local_page: %d local mappings, slot depth %u: a kmap_atomic "
		      "held across it, or too many", current->kmap_local_nr, kmap_atomic_depth[0]);
	p = kmap_atomic(page);
	current->kmap_local_pa[current->kmap_local_nr++] = page_to_pa(page);
	return p;
}

void kunmap_local(void *addr)
{
	if (!virt_addr_valid(addr) && current->kmap_local_nr)
		current->kmap_local_nr--;
	kunmap_atomic(addr);
}

/* The switch: prev's local slots are released, next's mapped again. */
void kmap_local_sched_out(struct task_struct *prev)
{
	kmap_atomic_depth[0] -= (unsigned)prev->kmap_local_nr;
}

void kmap_local_sched_in(struct task_struct *next)
{
	int i;

	for (i = 0; i < next->kmap_local_nr; i++) {
		vaddr_t va = FIX_KMAP_ADDR(0, kmap_atomic_depth[0]);

		arch_kmap_slot_set(va, next->kmap_local_pa[i]);
		kmap_atomic_ptr[0][kmap_atomic_depth[0]++] = mapped_ptr(va);
	}
}

void kmap_init(void)
{
	memset(pkmap_count, 0, sizeof(pkmap_count));
	memset(pkmap_page, 0, sizeof(pkmap_page));
	memset(pkmap_chain, 0, sizeof(pkmap_chain));
	memset(pkmap_hash, 0, sizeof(pkmap_hash));
	memset(kmap_atomic_depth, 0, sizeof(kmap_atomic_depth));
	memset(kmap_atomic_ptr, 0, sizeof(kmap_atomic_ptr));
	memset(&kmap_stats, 0, sizeof(kmap_stats));
	last_pkmap_nr = 0;
	printk("kmap: %d pkmap slots at 0x%08lx, %d kmap_atomic slots per CPU at "
	       "0x%08lx\n", LAST_PKMAP, (unsigned long)PKMAP_BASE, KM_TYPE_NR,
	       (unsigned long)FIXADDR_START);
}

/* kmapinfo: the pkmap slot states of the table above, and the counters. */
void show_kmapinfo(struct seq_buf *s)
{
	unsigned int nr, state[3] = { 0, 0, 0 };
	unsigned long users = 0;

	for (nr = 0; nr < LAST_PKMAP; nr++) {
		state[MIN(pkmap_count[nr], 2)]++;
		if (pkmap_count[nr] >= 2)
			users += (unsigned long)pkmap_count[nr] - 1;
	}
	seq_printf(s, "pkmap slots:    %u free, %u unused awaiting flush, %u in use "
		   "(%lu users)\n", state[0], state[1], state[2], users);
	seq_printf(s, "kmap:           %lu mapped, %lu found mapped, %lu failed\n",
		   kmap_stats.maps, kmap_stats.hits, kmap_stats.failures);
	seq_printf(s, "pkmap flushes:  %lu\n", kmap_stats.flushes);
	seq_printf(s, "kmap_atomic:    %lu mapped, depth now %u of %d\n",
		   kmap_stats.atomic_maps, kmap_atomic_depth[0], KM_TYPE_NR);
}
VIEW(kmapinfo, show_kmapinfo);

void clear_highpage(struct page *page)
{
	void *p = kmap_atomic(page);

	memset(p, 0, PAGE_SIZE);
	kunmap_atomic(p);
}

void zero_user(struct page *page, unsigned start, unsigned len)
{
	char *p = kmap_atomic(page);

	memset(p + start, 0, len);
	kunmap_atomic(p);
}
