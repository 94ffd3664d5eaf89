/*
 * kernel/main.c - start_kernel(): the first C code, called by boot/head.S
 * with the MMU on, running on the early table, on the init stack, with
 * interrupts masked.  Its order is the order of the spec:
 *
 *   early console, CPU, DTB        what machine is this (docs/boot.md)
 *   memblock, paging_init          physical map, final kernel tables (1, 2)
 *   mem_init                       mem_map, zones, buddy (3, 4)
 *   slab, vmalloc, kmap, DMA       the kernel's allocators (5, 6, 9)
 *   zero page, VMAs, tasks         what processes need (7)
 *   drivers, interrupts            console, timer, GIC through ioremap (6)
 *   file systems                   "/" (tmpfs) with the initramfs in it,
 *                                  /proc, /sys, /dev
 *   self-tests, views, user space
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/driver.h>
#include <kernel/irqflags.h>
#include <kernel/selftest.h>
#include <kernel/zram.h>
#include <kernel/string.h>
#include <kernel/main.h>
#include <asm/setup.h>
#include <asm/mmu.h>
#include <asm/memory.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/highmem.h>
#include <mm/dma.h>
#include <mm/memory.h>
#include <mm/mmap.h>
#include <kernel/task.h>
#include <kernel/fault_inject.h>
#include <kernel/fs.h>
#include <kernel/buffer_head.h>

#define KERNEL_NAME "mmkernel"
#define KERNEL_VERSION "0.1"

static void parse_early_params(const char *cmdline)
{
	char val[32];

	if (cmdline_get(cmdline, "vmalloc", val, sizeof(val))) {
		unsigned long long v = memparse(val, NULL);

		/* at least 16 MiB; at most what leaves 64 MiB of lowmem */
		if (v < 16 * MiB)
			v = 16 * MiB;
		if (v > VMALLOC_END - VMALLOC_OFFSET - PAGE_OFFSET - 64 * MiB)
			v = VMALLOC_END - VMALLOC_OFFSET - PAGE_OFFSET - 64 * MiB;
		vmalloc_size = (unsigned long)ALIGN_UP(v, SECTION_SIZE);
	}
}

static void print_banner(void)
{
	paddr_t ram = boot_info.ram_end - boot_info.ram_start;

	printk("Board: %s (BOARD=%s)\n", boot_info.model, BOARD_NAME);
	print_cpu_info();
	print_boot_entry();
	printk("RAM: %u MiB at 0x%08x - 0x%08x\n", ram >> 20,
	       boot_info.ram_start, boot_info.ram_end);
	printk("DTB: at 0x%08x, %u bytes\n", boot_info.dtb_pa, boot_info.fdt.size);
	if (boot_info.initrd_end > boot_info.initrd_start)
		printk("initrd: 0x%08x - 0x%08x (%u bytes)\n", boot_info.initrd_start,
		       boot_info.initrd_end, boot_info.initrd_end - boot_info.initrd_start);
	printk("Kernel command line: %s\n", boot_command_line);
}

u64 boot_ns_at_start_kernel;	/* board clock, for make bench */

void start_kernel(paddr_t dtb_pa)
{
	boot_ns_at_start_kernel = board_uptime_ns();
	early_console_init();
	printk("\n%s %s: an ARMv7-A teaching kernel about memory management\n",
	       KERNEL_NAME, KERNEL_VERSION);
	setup_dtb(dtb_pa);
	print_banner();
	parse_early_params(boot_command_line);
	fault_inject_init(boot_command_line);

	setup_memblock();
	paging_init(boot_info.ram_end);
	print_memory_layout();

	mem_init(boot_command_line);
	arch_pgtable_use_buddy = true;
	kmem_init();
	vmalloc_init();
	kmap_init();
	dma_init();
	zero_page_init();
	mmap_init();
	vfs_caches_init();
	task_init();
	sched_init();

	drivers_probe(&boot_info.fdt);
	local_irq_enable();
	zram_init();		/* a disk no DTB describes */
	bdev_init();
	prepare_namespace(boot_info.initrd_start, boot_info.initrd_end);

	kernel_late_init(boot_command_line);
}
