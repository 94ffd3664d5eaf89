/*
 * Benchmarks of the kernel allocators, in ktime nanoseconds per pair of
 * calls; under `qemu -icount shift=0` a nanosecond is a guest
 * instruction, so the figures count instructions (the targets set for
 * them in brackets; built with DEBUG=0 by `make bench`):
 *
 *   BENCH(slab)
 *     kmalloc64_kfree_ns_per_pair             kmalloc(64) + kfree   [<= 60]
 *     kmem_cache_alloc_free_ns_per_pair       a 64-byte cache       [<= 60]
 *   BENCH(vmalloc)
 *     vmalloc64k_vfree_ns_per_pair            vmalloc(64 KiB) + vfree: 16
 *                                             HighMem pages mapped one by
 *                                             one, unmapped, freed
 *   BENCH(kmap)
 *     kmap_kunmap_highmem_ns_per_pair         kmap + kunmap of one HighMem
 *                                             page (found in its slot: the
 *                                             hash lookup path)
 *     kmap_kunmap_new_slot_ns_per_pair        the same over 1024 pages:
 *                                             a new slot each time, and a
 *                                             bulk flush every 512
 *     kmap_atomic_highmem_ns_per_pair         kmap_atomic + kunmap_atomic
 *
 * Each loop is warmed up once first; the loop overhead (a few
 * instructions per pair) is included.
 */
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/time.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "alloc_internal.h"

#define PAIRS		1000
#define VMALLOC_PAIRS	100
#define NEW_SLOT_PAGES	1024

static u64 time_kmalloc(void)
{
	u64 t0;
	int i;

	kfree(kmalloc(64, GFP_KERNEL));
	t0 = ktime_get_ns();
	for (i = 0; i < PAIRS; i++)
		kfree(kmalloc(64, GFP_KERNEL));
	return (ktime_get_ns() - t0) / PAIRS;
}

static u64 time_cache(void)
{
	struct kmem_cache *c = kmem_cache_create("bench_64", 64, 0, 0, NULL);
	u64 t0, t;
	int i;

	if (!c)
		return 0;
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	t0 = ktime_get_ns();
	for (i = 0; i < PAIRS; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	t = (ktime_get_ns() - t0) / PAIRS;
	kmem_cache_destroy(c);
	return t;
}

static void bench_slab(void)
{
	bench_report("kmalloc64_kfree_ns_per_pair", time_kmalloc(), "ns");
	bench_report("kmem_cache_alloc_free_ns_per_pair", time_cache(), "ns");
}
BENCH(slab, bench_slab);

static void bench_vmalloc(void)
{
	u64 t0;
	int i;

	vfree(vmalloc(64 * KiB));
	t0 = ktime_get_ns();
	for (i = 0; i < VMALLOC_PAIRS; i++)
		vfree(vmalloc(64 * KiB));
	bench_report("vmalloc64k_vfree_ns_per_pair", (ktime_get_ns() - t0) / VMALLOC_PAIRS,
		     "ns");
}
BENCH(vmalloc, bench_vmalloc);

/* kmap/kunmap over n HighMem pages in turn (n = 1: the same page). */
static u64 time_kmap(struct page *pages, unsigned int n)
{
	u64 t0;
	int i;

	kmap(pages);
	kunmap(pages);
	t0 = ktime_get_ns();
	for (i = 0; i < PAIRS * 2; i++) {
		kmap(&pages[i % n]);
		kunmap(&pages[i % n]);
	}
	return (ktime_get_ns() - t0) / (PAIRS * 2);
}

static u64 time_kmap_atomic(struct page *page)
{
	u64 t0;
	int i;

	kunmap_atomic(kmap_atomic(page));
	t0 = ktime_get_ns();
	for (i = 0; i < PAIRS; i++)
		kunmap_atomic(kmap_atomic(page));
	return (ktime_get_ns() - t0) / PAIRS;
}

static void bench_kmap(void)
{
	unsigned int order = size_to_order((size_t)NEW_SLOT_PAGES << PAGE_SHIFT);
	struct page *pages = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, order);

	if (!pages || !PageHighMem(pages)) {
		printk("bench kmap: no %d contiguous HighMem pages (MEM=512?): skipped\n",
		       NEW_SLOT_PAGES);
		if (pages)
			__free_pages(pages, order);
		return;
	}
	bench_report("kmap_kunmap_highmem_ns_per_pair", time_kmap(pages, 1), "ns");
	bench_report("kmap_kunmap_new_slot_ns_per_pair", time_kmap(pages, NEW_SLOT_PAGES),
		     "ns");
	bench_report("kmap_atomic_highmem_ns_per_pair", time_kmap_atomic(pages), "ns");
	__free_pages(pages, order);
}
BENCH(kmap, bench_kmap);
