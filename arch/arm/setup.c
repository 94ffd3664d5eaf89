/*
 * arch/arm/setup.c - what the architecture learns at boot: the DTB (RAM,
 * command line, initrd), the CPU, and the memory map it reserves before
 * the allocators exist.  Also the banner with the layout table.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/cmdline.h>
#include <kernel/fdt.h>
#include <kernel/bug.h>
#include <asm/hw.h>
#include <asm/memory.h>
#include <asm/cp15.h>
#include <asm/mmu.h>
#include <asm/setup.h>
#include <mm/memblock.h>

extern char _text[], _etext[], __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[], __bss_start[], __bss_end[], __end[];

struct boot_info boot_info;

static const char *cpu_part_name(u32 midr)
{
	if (MIDR_IMPLEMENTER(midr) != 0x41)
		return "unknown (not ARM Ltd.)";
	switch (MIDR_PARTNUM(midr)) {
	case 0xC05: return "Cortex-A5";
	case 0xC07: return "Cortex-A7";
	case 0xC08: return "Cortex-A8";
	case 0xC09: return "Cortex-A9";
	case 0xC0F: return "Cortex-A15";
	default: return "unknown ARM core";
	}
}

void print_cpu_info(void)
{
	u32 midr = read_midr();

	printk("CPU: %s r%up%u (MIDR 0x%08x: implementer 0x%02x, architecture 0x%x, part 0x%03x)\n",
	       cpu_part_name(midr), MIDR_VARIANT(midr), MIDR_REVISION(midr), midr,
	       MIDR_IMPLEMENTER(midr), MIDR_ARCH(midr), MIDR_PARTNUM(midr));
}

/*
 * Read what the kernel needs from the DTB.  A DTB outside the mapped
 * lowmem, or malformed, is refused with a message: there is then no way
 * to know the RAM size, so the kernel stops.
 */
void setup_dtb(paddr_t dtb_pa)
{
	const char *why;
	u64 base, size;
	u32 len;
	const void *p;
	int node;
	struct fdt *f = &boot_info.fdt;

	if (dtb_pa < PHYS_OFFSET || dtb_pa - PHYS_OFFSET >= 768 * MiB)
		panic("setup_dtb: no usable DTB (r2 = 0x%08x); boot with a DTB", dtb_pa);
	if (fdt_open(f, pa_to_kva(dtb_pa), 2 * MiB - (dtb_pa & (SECTION_SIZE - 1)), &why))
		panic("setup_dtb: DTB at 0x%08x refused: %s", dtb_pa, why);
	boot_info.dtb_pa = dtb_pa;

	node = fdt_path(f, "/memory");
	if (node < 0 || !fdt_reg(f, node, 0, &base, &size))
		panic("setup_dtb: the DTB has no /memory node with a reg property");
	if (base != PHYS_OFFSET)
		panic("setup_dtb: RAM starts at 0x%08llx but this kernel was built for 0x%08x (BOARD=?)",
		      base, (u32)PHYS_OFFSET);
	boot_info.ram_start = (paddr_t)base;
	boot_info.ram_end = (paddr_t)(base + size);

	node = fdt_path(f, "/chosen");
	p = fdt_prop(f, node, "bootargs", &len);
	if (p)
		strlcpy(boot_command_line, p, len < COMMAND_LINE_SIZE ? len : COMMAND_LINE_SIZE);

	p = fdt_prop(f, node, "linux,initrd-start", &len);
	if (p && (len == 4 || len == 8)) {	/* 1 or 2 cells: accept both */
		const void *e = fdt_prop(f, node, "linux,initrd-end", NULL);

		boot_info.initrd_start = len == 8 ? fdt32((const u8 *)p + 4) : fdt32(p);
		boot_info.initrd_end = e ? (len == 8 ? fdt32((const u8 *)e + 4) : fdt32(e)) : 0;
	}
	p = fdt_prop(f, 0, "model", NULL);
	boot_info.model = p ? p : "unknown";
}

/* Tell memblock about RAM and what must not be handed out. */
void setup_memblock(void)
{
	memblock_add(boot_info.ram_start, boot_info.ram_end - boot_info.ram_start);
	memblock_reserve(kva_to_pa(_text), (paddr_t)(__end - _text));
	memblock_reserve(boot_info.dtb_pa & PAGE_MASK,
			 ALIGN_UP(boot_info.fdt.size + (boot_info.dtb_pa & ~PAGE_MASK), PAGE_SIZE));
	if (boot_info.initrd_end > boot_info.initrd_start)
		memblock_reserve(boot_info.initrd_start & PAGE_MASK,
				 ALIGN_UP(boot_info.initrd_end, PAGE_SIZE) -
				 (boot_info.initrd_start & PAGE_MASK));
}

static void layout_line(const char *name, unsigned long start, unsigned long end)
{
	unsigned long size = end - start;

	if (size >= MiB)
		printk("    %-8s: 0x%08lx - 0x%08lx   (%4lu MB)\n", name, start, end, size >> 20);
	else
		printk("    %-8s: 0x%08lx - 0x%08lx   (%4lu kB)\n", name, start, end, size >> 10);
}

/* The "Virtual kernel memory layout" table, from the layout constants. */
void print_memory_layout(void)
{
	printk("Virtual kernel memory layout:\n");
	layout_line("vector", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE);
	layout_line("fixmap", FIXADDR_START, FIXADDR_END);
	layout_line("vmalloc", vmalloc_start, VMALLOC_END);
	layout_line("lowmem", PAGE_OFFSET, (unsigned long)high_memory);
	layout_line("pkmap", PKMAP_BASE, PKMAP_END);
	layout_line("modules", MODULES_VADDR, MODULES_END);
	layout_line(".text", (unsigned long)_text, (unsigned long)_etext);
	layout_line(".rodata", (unsigned long)__start_rodata, (unsigned long)__end_rodata);
	layout_line(".data", (unsigned long)_sdata, (unsigned long)_edata);
	layout_line(".bss", (unsigned long)__bss_start, (unsigned long)__bss_end);
}

/*
 * print_boot_entry - what boot/head.S found before the MMU was on
 * (boot_entry_flags): the mode the loader left us in, whether it left
 * the MMU or data cache on, and the multiprocessing bit of ACTLR.
 */
void print_boot_entry(void)
{
	u32 f = boot_entry_flags;

	printk("Boot entry: %s mode%s\n", (f & BOOT_FROM_HYP) ? "HYP" : "SVC",
	       (f & BOOT_FROM_HYP) ? " (left for SVC: HCR, HSTR, HCPTR cleared, timer "
				     "opened to PL1)" : "");
	if (f & BOOT_CACHES_WERE_ON)
		printk("Boot entry: the loader left the MMU or D-cache on: cleaned and "
		       "invalidated to the PoC, then turned off\n");
	if (f & BOOT_ACTLR_SMP_SET)
		printk("Boot entry: ACTLR.SMP set before enabling the caches\n");
	else if (f & BOOT_ACTLR_SMP_WAS_SET)
		printk("Boot entry: ACTLR.SMP already set\n");
	else if (f & BOOT_ACTLR_SMP_NOT_WRITABLE)
		printk("Boot entry: ACTLR.SMP did not stick (ACTLR 0x%08x): the Secure side "
		       "must set it on hardware; QEMU's ACTLR reads as zero\n", read_actlr());
}
