/*
 * Probing drivers from the DTB, and powering off.
 */
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <asm/traps.h>
#include <kernel/cmdline.h>
#include <kernel/selftest.h>
#include <kernel/main.h>

extern const struct driver __start_drivers[], __stop_drivers[];

void (*machine_poweroff_hook)(void);

void drivers_probe(const struct fdt *f)
{
	const struct driver *d;
	int level, node, err;

	for (level = 0; level <= 1; level++) {
		for (d = __start_drivers; d < __stop_drivers; d++) {
			if (d->level != level)
				continue;
			for (node = fdt_find_compatible(f, -1, d->compatible); node >= 0;
			     node = fdt_find_compatible(f, node, d->compatible)) {
				err = d->probe(f, node);
				if (err)
					printk("driver %s: probe of %s failed (%d)\n",
					       d->compatible, fdt_node_name(f, node), err);
			}
		}
	}
}

/* machine_poweroff - turn the board off; halt if it has no way to. */
void machine_poweroff(void)
{
	local_irq_disable_hard();
	if (cmdline_get(boot_command_line, "bench", NULL, 0)) {
		bench_report("boot_to_start_kernel_ns", boot_ns_at_start_kernel, "ns");
		bench_report("boot_to_poweroff_ns", board_uptime_ns(), "ns");
	}
	if (cmdline_get(boot_command_line, "profile", NULL, 0))
		show_view(view_find("profile"));
	printk("Power down.\n");
	if (machine_poweroff_hook)
		machine_poweroff_hook();
	for (int i = 0; i < 10000000; i++)
		__asm__ volatile("nop");
	printk("poweroff: this board has no power-off control; halting.\n");
	for (;;)
		__asm__ volatile("wfi");
}
