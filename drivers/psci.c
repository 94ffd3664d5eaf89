/*
 * PSCI (ARM DEN 0022): firmware calls for power management.  QEMU's virt
 * board implements them itself; SYSTEM_OFF makes QEMU exit.  The DTB says
 * whether to call with HVC or SMC.
 */
#include <kernel/types.h>
#include <kernel/driver.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/string.h>

#define PSCI_0_2_FN_SYSTEM_OFF	0x84000008u

static bool use_smc;

static void psci_call(u32 fn)
{
	register u32 r0 __asm__("r0") = fn;

	if (use_smc)
		__asm__ volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0) : : "memory");
	else
		__asm__ volatile(".arch_extension virt\n\thvc #0" : "+r"(r0) : : "memory");
}

static void psci_poweroff(void)
{
	psci_call(PSCI_0_2_FN_SYSTEM_OFF);
}

static int psci_probe(const struct fdt *f, int node)
{
	u32 len;
	const char *method = fdt_prop(f, node, "method", &len);

	if (!method)
		return -EINVAL;
	use_smc = !strncmp(method, "smc", len);
	machine_poweroff_hook = psci_poweroff;
	return 0;
}

DRIVER(psci, "arm,psci-0.2", 1, psci_probe);
