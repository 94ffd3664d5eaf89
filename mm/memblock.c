/*
 * memblock: the boot-time allocator.  See include/mm/memblock.h for the
 * model; this file keeps two sorted arrays of ranges and answers
 * questions about them.  Portable C: the host tests build it as is.
 *
 * Ranges are [base, end) with end computed in 64 bits, so a bank that
 * ends exactly at 4 GiB still works.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include "internal.h"

struct memblock memblock = {
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
	.memory.name = "memory",
	.reserved.name = "reserved",
};

static u64 region_end(const struct memblock_region *r)
{
	return (u64)r->base + r->size;
}

static void memblock_check_live(const char *who)
{
	if (memblock.retired)
		panic("%s: memblock was retired by mem_init(); use alloc_pages()",
		      who);
}

/*
 * memblock_insert - add [base, end) to type, keeping the array sorted and
 * merging every region that overlaps or touches the new one:
 *
 *   before   [A)   [B)  [C)        [D)
 *   add            [------)
 *   after    [A)   [----------)    [D)     (B, C and the new range merged)
 */
static void memblock_insert(struct memblock_type *type, u64 base, u64 end)
{
	struct memblock_region *r = type->regions;
	unsigned int i = 0, j;

	while (i < type->cnt && region_end(&r[i]) < base)
		i++;
	for (j = i; j < type->cnt && r[j].base <= end; j++) {
		base = MIN(base, (u64)r[j].base);
		end = MAX(end, region_end(&r[j]));
	}
	if (j == i) {		/* touches nothing: open a slot at i */
		if (type->cnt == MEMBLOCK_MAX_REGIONS)
			panic("memblock: more than %d %s regions",
			      MEMBLOCK_MAX_REGIONS, type->name);
		memmove(&r[i + 1], &r[i], (type->cnt - i) * sizeof(*r));
		type->cnt++;
	} else if (j > i + 1) {	/* r[i..j) become one region at i */
		memmove(&r[i + 1], &r[j], (type->cnt - j) * sizeof(*r));
		type->cnt -= j - i - 1;
	}
	r[i].base = (paddr_t)base;
	r[i].size = (paddr_t)(end - base);
}

static void memblock_add_range(struct memblock_type *type, paddr_t base,
			       paddr_t size, const char *who)
{
	u64 end = (u64)base + size;

	memblock_check_live(who);
	if (!size)
		return;
	if (end > (1ULL << 32))
		panic("%s: range 0x%08lx+0x%lx wraps past 4 GiB", who,
		      (unsigned long)base, (unsigned long)size);
	memblock_insert(type, base, end);
}

void memblock_add(paddr_t base, paddr_t size)
{
	memblock_add_range(&memblock.memory, base, size, "memblock_add");
}

void memblock_reserve(paddr_t base, paddr_t size)
{
	memblock_add_range(&memblock.reserved, base, size, "memblock_reserve");
}

/*
 * memblock_free - give back [base, base+size) of what memblock_alloc
 * handed out (Linux's memblock_phys_free): remove it from the reserved
 * regions, splitting a region it lies inside.
 *
 *   before   [--------- reserved ---------)
 *   free               [----)
 *   after    [--------)      [-----------)
 */
void memblock_free(paddr_t base, paddr_t size)
{
	struct memblock_type *type = &memblock.reserved;
	struct memblock_region *r = type->regions;
	u64 end = (u64)base + size;
	unsigned int i;

	memblock_check_live("memblock_free");
	for (i = 0; i < type->cnt && size; i++) {
		u64 rb = r[i].base, re = region_end(&r[i]);

		if (re <= base || rb >= end)
			continue;
		if (rb < base && re > end) {		/* split in two */
			if (type->cnt == MEMBLOCK_MAX_REGIONS)
				panic("memblock_free: more than %d reserved regions",
				      MEMBLOCK_MAX_REGIONS);
			memmove(&r[i + 1], &r[i], (type->cnt - i) * sizeof(*r));
			type->cnt++;
			r[i].size = (paddr_t)(base - rb);
			r[i + 1].base = (paddr_t)end;
			r[i + 1].size = (paddr_t)(re - end);
			return;
		}
		if (rb >= base && re <= end) {		/* wholly inside: drop it */
			memmove(&r[i], &r[i + 1], (type->cnt - i - 1) * sizeof(*r));
			type->cnt--;
			i--;
		} else if (rb < base) {			/* keep the head */
			r[i].size = (paddr_t)(base - rb);
		} else {				/* keep the tail */
			r[i].base = (paddr_t)end;
			r[i].size = (paddr_t)(re - end);
		}
	}
}

void memblock_set_limit(u64 limit)
{
	memblock.current_limit = limit;
}

/* The highest reserved region overlapping [base, end), or -1. */
static int reserved_overlap(u64 base, u64 end)
{
	const struct memblock_type *res = &memblock.reserved;
	int i;

	for (i = (int)res->cnt - 1; i >= 0; i--) {
		if (res->regions[i].base < end && region_end(&res->regions[i]) > base)
			return i;
	}
	return -1;
}

/*
 * Top-down first fit inside one memory region [lo, hi): try the highest
 * aligned candidate; if a reserved region is in the way, retry just below
 * it.  Returns true and *out on success.
 */
static bool fit_in_region(u64 lo, u64 hi, u64 size, u64 align, u64 *out)
{
	while (hi >= lo + size) {
		u64 cand = ALIGN_DOWN(hi - size, align);
		int r;

		if (cand < lo)
			return false;
		r = reserved_overlap(cand, cand + size);
		if (r < 0) {
			*out = cand;
			return true;
		}
		hi = memblock.reserved.regions[r].base;
	}
	return false;
}

paddr_t memblock_alloc(paddr_t size, paddr_t align)
{
	const struct memblock_type *mem = &memblock.memory;
	u64 found;
	int i;

	memblock_check_live("memblock_alloc");
	if (!size || !align || (align & (align - 1)))
		panic("memblock_alloc: bad request size 0x%lx align 0x%lx",
		      (unsigned long)size, (unsigned long)align);
	for (i = (int)mem->cnt - 1; i >= 0; i--) {
		u64 hi = MIN(region_end(&mem->regions[i]), memblock.current_limit);

		if (fit_in_region(mem->regions[i].base, hi, size, align, &found)) {
			memblock_reserve((paddr_t)found, size);
			return (paddr_t)found;
		}
	}
	memblock_dump();
	panic("memblock_alloc: no room for %lu bytes aligned to 0x%lx below 0x%llx "
	      "(%llu KiB of RAM, %llu KiB reserved)", (unsigned long)size,
	      (unsigned long)align, (unsigned long long)memblock.current_limit,
	      (unsigned long long)(memblock_phys_mem_size() >> 10),
	      (unsigned long long)(memblock_reserved_size() >> 10));
}

paddr_t memblock_start_of_DRAM(void)
{
	if (!memblock.memory.cnt)
		panic("memblock: no memory was added");
	return memblock.memory.regions[0].base;
}

u64 memblock_end_of_DRAM(void)
{
	if (!memblock.memory.cnt)
		panic("memblock: no memory was added");
	return region_end(&memblock.memory.regions[memblock.memory.cnt - 1]);
}

static u64 type_size(const struct memblock_type *type)
{
	u64 sum = 0;
	unsigned int i;

	for (i = 0; i < type->cnt; i++)
		sum += type->regions[i].size;
	return sum;
}

u64 memblock_phys_mem_size(void)
{
	return type_size(&memblock.memory);
}

u64 memblock_reserved_size(void)
{
	return type_size(&memblock.reserved);
}

static bool type_contains(const struct memblock_type *type, paddr_t pa)
{
	unsigned int i;

	for (i = 0; i < type->cnt; i++) {
		if (pa >= type->regions[i].base && pa < region_end(&type->regions[i]))
			return true;
	}
	return false;
}

bool memblock_is_memory(paddr_t pa)
{
	return type_contains(&memblock.memory, pa);
}

bool memblock_is_reserved(paddr_t pa)
{
	return type_contains(&memblock.reserved, pa);
}

unsigned long memblock_memory_pages(pfn_t start, pfn_t end)
{
	const struct memblock_type *mem = &memblock.memory;
	unsigned long pages = 0;
	unsigned int i;

	for (i = 0; i < mem->cnt; i++) {
		u64 lo = MAX((u64)PFN_UP((u64)mem->regions[i].base), (u64)start);
		u64 hi = MIN((u64)PFN_DOWN(region_end(&mem->regions[i])), (u64)end);

		if (hi > lo)
			pages += (unsigned long)(hi - lo);
	}
	return pages;
}

/*
 * Release the whole pages of [start, end) (bytes) to the buddy allocator.
 * A page only partly free (a reserved range ends in the middle of it)
 * stays reserved.
 */
static unsigned long free_range(u64 start, u64 end)
{
	pfn_t first = PFN_UP(start), last = PFN_DOWN(end);

	if (last <= first)
		return 0;
	free_boot_pages(first, last);
	return last - first;
}

/*
 * Walk memory minus reserved, bank by bank: in each bank, the gaps
 * between the reserved ranges that fall inside it are free.
 */
unsigned long memblock_free_all(void)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *res = &memblock.reserved;
	unsigned long freed = 0;
	unsigned int i, j;

	memblock_check_live("memblock_free_all");
	for (i = 0; i < mem->cnt; i++) {
		u64 start = mem->regions[i].base;
		u64 end = region_end(&mem->regions[i]);

		for (j = 0; j < res->cnt && res->regions[j].base < end; j++) {
			u64 rend = region_end(&res->regions[j]);

			if (rend <= start)
				continue;
			if (res->regions[j].base > start)
				freed += free_range(start, res->regions[j].base);
			start = rend;
		}
		if (start < end)
			freed += free_range(start, end);
	}
	memblock.retired = true;
	return freed;
}

static void show_region(struct seq_buf *s, const char *name, unsigned int i,
			const struct memblock_region *r)
{
	seq_printf(s, "memblock: %-8s[%u] 0x%08lx-0x%08lx %8lu KiB\n", name, i,
		   (unsigned long)r->base, (unsigned long)(region_end(r) - 1),
		   (unsigned long)(r->size >> 10));
}

void memblock_show(struct seq_buf *s)
{
	const struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	unsigned int i, t;

	for (t = 0; t < ARRAY_SIZE(types); t++)
		for (i = 0; i < types[t]->cnt; i++)
			show_region(s, types[t]->name, i, &types[t]->regions[i]);
}

/* One printk per region, so that a small buffer does. */
void memblock_dump(void)
{
	const struct memblock_type *types[] = { &memblock.memory, &memblock.reserved };
	unsigned int i, t;
	struct seq_buf s;
	char buf[80];

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		for (i = 0; i < types[t]->cnt; i++) {
			seq_buf_init(&s, buf, sizeof(buf));
			show_region(&s, types[t]->name, i, &types[t]->regions[i]);
			printk("%s", buf);
		}
	}
}

VIEW(memblock, memblock_show);

#ifdef HOST_TEST
void memblock_reset_for_test(void)
{
	memset(&memblock, 0, sizeof(memblock));
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock.memory.name = "memory";
	memblock.reserved.name = "reserved";
}
#endif
