/*
 * kernel/init.c - the end of boot: what the command line asks for.
 *
 *   show=NAME,...     print views (buddyinfo, zoneinfo, meminfo, ...)
 *   selftest=NAME,... run in-kernel self-tests (or selftest=all)
 *   bench=NAME,...    run benchmarks (make bench)
 *   fault=KIND        take a deliberate kernel fault, to see the report:
 *                       null    read address 0 (page 0 is never mapped)
 *                       rodata  write to .rodata (read-only)
 *                       text    write to .text (read-only)
 *                       xn      execute from .data (execute-never)
 *                       undef   an undefined instruction
 *   poweroff          power off when done (QEMU exits)
 */
#include <kernel/types.h>
#include <kernel/printk.h>
#include <kernel/cmdline.h>
#include <kernel/driver.h>
#include <kernel/main.h>
#include <kernel/string.h>
#include <kernel/time.h>
#include <kernel/console.h>
#include <kernel/fs.h>
#include <kernel/errno.h>
#include <kernel/task.h>

extern char _text[];
static const u32 fault_rodata_word = 0x12345678;
static u32 fault_data_code[2] = { 0xe12fff1e, 0xe12fff1e };	/* bx lr */

static __attribute__((noinline)) void deliberate_fault(const char *kind)
{
	printk("fault test: %s\n", kind);
	if (!strcmp(kind, "null"))
		printk("read %08x\n", *(volatile u32 *)0);
	else if (!strcmp(kind, "rodata"))
		*(volatile u32 *)&fault_rodata_word = 0;
	else if (!strcmp(kind, "text"))
		*(volatile u32 *)_text = 0;
	else if (!strcmp(kind, "xn"))
		((void (*)(void))(uintptr_t)fault_data_code)();
	else if (!strcmp(kind, "undef"))
		__asm__ volatile(".word 0xe7f000f0");	/* permanently undefined */
	else
		printk("fault test: unknown kind '%s' (null, rodata, text, xn, undef)\n", kind);
	printk("fault test: %s did not fault!\n", kind);
}

/* Read a line from the console (the tty echoes it); idle (wfi) meanwhile. */
static void read_line(char *buf, size_t size)
{
	ssize_t n;

	while ((n = tty_read_line(buf, size - 1, false)) == -EAGAIN)
		__asm__ volatile("wfi");
	if (n < 0)
		n = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
}

void kernel_monitor(void) __noreturn;

/*
 * kernel_monitor - a tiny command loop on the console, for looking at the
 * memory views before there is a user shell: help, show NAME, views,
 * poweroff.
 */
void kernel_monitor(void)
{
	char line[80];
	const struct view *v;

	printk("kernel monitor: type 'help'\n");
	for (;;) {
		printk("kmon> ");
		read_line(line, sizeof(line));
		if (!strcmp(line, "poweroff"))
			machine_poweroff();
		else if (!strncmp(line, "show ", 5) && (v = view_find(line + 5)))
			show_view(v);
		else if (!strcmp(line, "views"))
			list_views();
		else if (line[0])
			printk("commands: show NAME, views, poweroff\n");
	}
}

void kernel_late_init(const char *cmdline)
{
	char val[32];

	run_views(cmdline);
	run_selftests(cmdline);
	if (cmdline_get(cmdline, "bench", val, sizeof(val)))
		run_benches(cmdline);
	if (cmdline_get(cmdline, "fault", val, sizeof(val)))
		deliberate_fault(val);
	printk("Boot complete at %llu ns (jiffies %lu).\n", ktime_get_ns(), jiffies);
	if (cmdline_has(cmdline, "poweroff"))
		machine_poweroff();
	start_user(cmdline);
}
