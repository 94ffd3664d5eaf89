/*
 * Drivers are found from the DTB: each names the compatible string it
 * serves and a probe function; start_kernel() probes every matching node,
 * interrupt controllers first (level 0), then the rest (level 1).
 */
#ifndef KERNEL_DRIVER_H
#define KERNEL_DRIVER_H

#include <kernel/types.h>
#include <kernel/fdt.h>

struct driver {
	const char *compatible;
	int level;
	int (*probe)(const struct fdt *f, int node);
};

#define DRIVER(id, compat, lvl, fn) \
	static const struct driver __driver_##id \
	__attribute__((used, section(".drivers"), aligned(4))) = { compat, lvl, fn }

void drivers_probe(const struct fdt *f);

/* Machine-level hooks a driver may provide. */
extern void (*machine_poweroff_hook)(void);
void machine_poweroff(void) __noreturn;

/* Nanoseconds since power-on from a board counter (0 if the board has none). */
u64 board_uptime_ns(void);
extern u64 boot_ns_at_start_kernel;

#endif
