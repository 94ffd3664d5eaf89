/*
 * arch/arm/paging.c - the kernel's final page tables.
 *
 * boot/head.S ran the kernel on an early table (swapper_pg_dir) of 1 MiB
 * sections, all read-write and executable.  paging_init() builds the final
 * table off to the side and then switches to it, so that no live entry is
 * ever rewritten (which would need break-before-make on the kernel's own
 * code):
 *
 *   lowmem        1 MiB sections, read-write, execute-never ...
 *   kernel image  ... except the sections holding the image, which get
 *                 second-level tables so that each part has its rights:
 *                   .text    read-only, executable
 *                   .rodata  read-only, execute-never
 *                   .data, .bss, tables: read-write, execute-never
 *   pkmap, fixmap second-level tables made now, shared by every process
 *   earlycon      the boot UART's 1 MiB of device space, in fixmap pages
 *   vectors       one read-only executable page at 0xFFFF0000
 *
 * Page 0 (and all of user space) stays unmapped.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <asm/hw.h>
#include <asm/memory.h>
#include <asm/cp15.h>
#include <asm/mmu.h>
#include <asm/tlbflush.h>
#include <asm/cacheflush.h>
#include <mm/arch_mmu.h>
#include <mm/mm_types.h>
#include <mm/memblock.h>
#include <mm/arch_cache.h>
#include <kernel/cmdline.h>

extern char _text[], _etext[], __start_rodata[], __end_rodata[];
extern char _sdata[], __end[], vectors_start[], vectors_end[];

void *high_memory;
vaddr_t vmalloc_start;
paddr_t arm_lowmem_limit;
unsigned long vmalloc_size = VMALLOC_DEFAULT_SIZE;	/* vmalloc= */

#define EARLY_MAPPED_EXTRA (16 * SECTION_SIZE)	/* see boot/head.S */

static void map_or_die(vaddr_t va, paddr_t pa, size_t size, unsigned flags)
{
	int err = arch_mmu_map(&init_mm, va, pa, size, flags);

	if (err)
		panic("paging_init: mapping %p -> 0x%08x (%u bytes) failed: %d",
		      (void *)va, pa, (unsigned)size, err);
}

/* Map the sections holding the image page by page, each part its rights. */
static void map_kernel_image(void)
{
	vaddr_t start = (vaddr_t)_text & SECTION_MASK;
	vaddr_t end = ALIGN_UP((vaddr_t)__end, SECTION_SIZE);
	struct { vaddr_t from, to; unsigned flags; } parts[] = {
		{ start, (vaddr_t)_text, MMU_KERNEL_RW },
		{ (vaddr_t)_text, (vaddr_t)_etext, MMU_READ | MMU_EXEC },
		{ (vaddr_t)__start_rodata, (vaddr_t)__end_rodata, MMU_KERNEL_RO },
		{ (vaddr_t)_sdata, end, MMU_KERNEL_RW },
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].to > parts[i].from)
			map_or_die(parts[i].from, kva_to_pa(parts[i].from),
				   parts[i].to - parts[i].from, parts[i].flags);
}

/* Is the lowmem section at va part of the uncached DMA pool? */
static bool in_dma_pool(vaddr_t va)
{
	paddr_t pa = kva_to_pa(va);

	return dma_pool_size && pa >= dma_pool_pa && pa < dma_pool_pa + dma_pool_size;
}

static void map_lowmem(void)
{
	vaddr_t img_start = (vaddr_t)_text & SECTION_MASK;
	vaddr_t img_end = ALIGN_UP((vaddr_t)__end, SECTION_SIZE);
	vaddr_t va;

	for (va = PAGE_OFFSET; va < (vaddr_t)high_memory; va += SECTION_SIZE)
		if ((va < img_start || va >= img_end) && !in_dma_pool(va))
			map_or_die(va, kva_to_pa(va), SECTION_SIZE,
				   MMU_KERNEL_RW | MMU_SECTION_OK);
	map_kernel_image();
}

/*
 * The uncached DMA pool (dma_pool=SIZE, default 2 MiB, 0 for none):
 * whole sections of low RAM, reserved in memblock and left out of the
 * linear map, so that the only mapping of these pages is the uncached one
 * dma_alloc_coherent() makes (ARM ARM A3.5.7: no mismatched attributes).
 */
static void reserve_dma_pool(void)
{
	char val[16];
	unsigned long long size = 2 * MiB;

	if (cmdline_get(boot_command_line, "dma_pool", val, sizeof(val)))
		size = ALIGN_UP(memparse(val, NULL), SECTION_SIZE);
	if (!size || size > 64 * MiB)
		return;
	dma_pool_pa = memblock_alloc((paddr_t)size, SECTION_SIZE);
	dma_pool_size = (size_t)size;
}

/*
 * The vector page: a copy of vectors_start..vectors_end (the branch table
 * and its literal addresses), then D-cache clean + I-cache invalidate
 * because it is code we just wrote (B2.2.9).
 */
static void map_vectors(void)
{
	paddr_t pa = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	void *page = pa_to_kva(pa);

	memset(page, 0, PAGE_SIZE);
	memcpy(page, vectors_start, (size_t)(vectors_end - vectors_start));
	sync_icache_range((vaddr_t)page, (vaddr_t)page + PAGE_SIZE);	/* code: always */
	map_or_die(VECTORS_BASE, pa, PAGE_SIZE, MMU_READ | MMU_EXEC);
}

/* Second-level tables for pkmap and fixmap, so that every process shares them. */
static void prealloc_tables(vaddr_t start, vaddr_t end)
{
	for (; start < end; start += SECTION_SIZE) {
		/* map and unmap one page: leaves the table in place */
		map_or_die(start, PHYS_OFFSET, PAGE_SIZE, MMU_KERNEL_RO);
		arch_mmu_unmap(&init_mm, start, PAGE_SIZE);
	}
}

/* Lowmem ends where the vmalloc area (plus its 8 MiB gap) must begin. */
static void compute_lowmem_limit(paddr_t ram_end)
{
	paddr_t max_low = PHYS_OFFSET +
		(VMALLOC_END - vmalloc_size - VMALLOC_OFFSET - PAGE_OFFSET);

	arm_lowmem_limit = ram_end < max_low ? ram_end : max_low;
	arm_lowmem_limit &= SECTION_MASK;
	high_memory = pa_to_kva(arm_lowmem_limit);
	vmalloc_start = ((vaddr_t)high_memory + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1);
}

bool pgtable_walk_coherent;

extern char idmap_switch_ttbr0[], idmap_switch_ttbr0_end[];

/*
 * switch_to_final_table - TTBR0 from the early table to the one at
 * pgd_pa, through the identity-mapped trampoline of arch/arm/idmap.S
 * (which explains why): the trampoline's section gets one descriptor
 * value in the early table, the new table and a third table that holds
 * only it.  Afterwards the identity entries are removed again (they lie
 * in what becomes user space) and the TLB flushed of them.
 */
static void switch_to_final_table(paddr_t pgd_pa)
{
	paddr_t tramp = kva_to_pa(idmap_switch_ttbr0);
	unsigned idx = L1_INDEX(tramp);
	u32 sect = mk_sect(tramp & SECTION_MASK, MMU_READ | MMU_EXEC);
	paddr_t idmap_pa = memblock_alloc(L1_TABLE_SIZE, L1_TABLE_SIZE);
	u32 *idmap = pa_to_kva(idmap_pa);
	void (*switch_fn)(u32, u32) = (void (*)(u32, u32))(uintptr_t)tramp;

	if (tramp >= TASK_SIZE || L1_INDEX(kva_to_pa(idmap_switch_ttbr0_end)) != idx)
		panic("paging_init: the switch code at 0x%08x cannot be identity mapped", tramp);
	memset(idmap, 0, L1_TABLE_SIZE);
	idmap[idx] = sect;
	init_mm.pgd[idx] = sect;
	swapper_pg_dir[idx] = sect;	/* the live table: a new entry, none before */
	clean_pgtable_range((vaddr_t)idmap, (vaddr_t)idmap + L1_TABLE_SIZE);
	clean_pgtable_range((vaddr_t)init_mm.pgd, (vaddr_t)init_mm.pgd + L1_TABLE_SIZE);
	clean_pte(&swapper_pg_dir[idx]);
	switch_fn(idmap_pa | TTBR_FLAGS, pgd_pa | TTBR_FLAGS);
	/* on the final table: take the identity section out again */
	init_mm.pgd[idx] = 0;
	swapper_pg_dir[idx] = 0;
	clean_pte(&init_mm.pgd[idx]);
	clean_pte(&swapper_pg_dir[idx]);
	local_flush_tlb_all();
	memblock_free(idmap_pa, L1_TABLE_SIZE);
}

void paging_init(paddr_t ram_end)
{
	paddr_t early_end = ALIGN_UP(kva_to_pa(__end), SECTION_SIZE) + EARLY_MAPPED_EXTRA;
	paddr_t pgd_pa;
	u32 sctlr;

	pte_prot_table_init();
	compute_lowmem_limit(ram_end);
	if (early_end > arm_lowmem_limit)
		early_end = arm_lowmem_limit;
	memblock_set_limit(early_end);	/* only what head.S mapped */

	pgd_pa = memblock_alloc(L1_TABLE_SIZE, L1_TABLE_SIZE);
	init_mm.pgd = pa_to_kva(pgd_pa);
	init_mm.pgd_pa = pgd_pa;
	memset(init_mm.pgd, 0, L1_TABLE_SIZE);

	reserve_dma_pool();
	map_lowmem();
	map_vectors();
	prealloc_tables(PKMAP_BASE, PKMAP_END);
	prealloc_tables(FIXADDR_START, FIXADDR_END);
	kmap_slots_init();
	/* the early console's whole device section, as head.S mapped it */
	map_or_die(FIX_EARLYCON_SECTION, DEBUG_UART_PHYS & SECTION_MASK, SECTION_SIZE,
		   MMU_KERNEL_RW | MMU_DEVICE);
	clean_pgtable_range((vaddr_t)init_mm.pgd, (vaddr_t)init_mm.pgd + L1_TABLE_SIZE);

	switch_to_final_table(pgd_pa);
	/*
	 * The DMA pool was cacheable in the early map: lines the CPU may have
	 * fetched from it speculatively must not outlive that mapping.
	 */
	v7_flush_dcache_all();

	/* From now on, skip the cleans if the walker snoops the D-cache. */
	pgtable_walk_coherent = ((read_id_mmfr3() >> 20) & 0xF) == 1;
	printk("MMU: table walks %s the data cache (ID_MMFR3 0x%08x)\n",
	       pgtable_walk_coherent ? "see" : "do not see", read_id_mmfr3());

	/* High vectors (B1.8.1): from now on exceptions go to 0xFFFF0000. */
	sctlr = read_sctlr();
	write_sctlr(sctlr | SCTLR_V);
	isb();

	memblock_set_limit(arm_lowmem_limit);
	arch_pgtable_cache_init();	/* reclaim may take the quicklists back */
}
