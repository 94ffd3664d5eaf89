/*
 * panic: a broken kernel invariant.  Print why, where we are (registers of
 * the caller and a backtrace), and stop.  The command-line word
 * panic=poweroff powers the machine off instead of halting, which the
 * system tests use so that QEMU exits.
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/bug.h>
#include <kernel/cmdline.h>
#include <kernel/driver.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

static bool in_panic;

void halt_machine(void)
{
	char val[16];

	local_irq_disable_hard();
	if (cmdline_get(boot_command_line, "panic", val, sizeof(val)) &&
	    !__builtin_strcmp(val, "poweroff"))
		machine_poweroff();
	printk("System halted.\n");
	for (;;)
		__asm__ volatile("wfi");
}

void panic(const char *fmt, ...)
{
	va_list ap;
	u32 fp, sp;

	local_irq_disable_hard();
	if (in_panic)
		halt_machine();		/* a panic while panicking */
	in_panic = true;
	printk("\nKernel panic: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	__asm__ volatile("mov %0, fp\n\tmov %1, sp" : "=r"(fp), "=r"(sp));
	dump_backtrace(0, 0, fp, sp);
	halt_machine();
}
