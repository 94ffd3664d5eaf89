/*
 * kernel/user.c - starting user space: pid 1 runs /init (or init=PATH
 * from the command line) with fds 0, 1, 2 on the console.  The boot
 * thread then becomes the idle task.
 */
#include <kernel/task.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/cmdline.h>
#include <kernel/irqflags.h>
#include <kernel/bug.h>
#include <asm/ptrace.h>

void ret_to_user_from_frame(struct pt_regs *regs) __noreturn;
void kernel_monitor(void) __noreturn;

static char init_path[64] = "/init";
static char init_arg[64];

/* The first code pid 1 runs (its context.pc): become a user program. */
static void init_thread(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	int i;
	long err;

	local_irq_enable();
	for (i = 0; i < 3; i++) {
		struct file *f = console_file_open();

		BUG_ON(!f || fd_install(f) != i);
	}
	err = exec_init(init_path, init_arg, regs);
	if (err)
		panic("start_user: cannot run %s (%ld)", init_path, err);
	ret_to_user_from_frame(regs);
}

void start_user(const char *cmdline)
{
	struct task_struct *t;

	cmdline_get(cmdline, "init", init_path, sizeof(init_path));
	cmdline_get(cmdline, "initarg", init_arg, sizeof(init_arg));
	if (!initramfs_lookup(init_path, NULL)) {
		printk("No %s in the initramfs: staying in the kernel monitor.\n", init_path);
		kernel_monitor();
	}
	t = alloc_task("init");
	BUG_ON(!t);
	t->context.sp = (u32)(uintptr_t)task_pt_regs(t);
	t->context.pc = (u32)(uintptr_t)init_thread;
	t->pid = alloc_pid();
	t->pgid = t->sid = t->pid;	/* init leads the first session and group */
	t->parent = &init_task;
	list_add_tail(&t->sibling, &init_task.children);
	list_add_tail(&t->tasks, &task_list);
	wake_up_new_task(t);
	cpu_idle();
}
