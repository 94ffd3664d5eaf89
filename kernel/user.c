/*
 * kernel/user.c - starting user space: pid 1 runs /init (or init=PATH
 * from the command line) with fds 0, 1, 2 on /dev/console, and with the
 * words after "--" on the command line as its arguments, as on Linux.
 * The boot thread then becomes the idle task.
 */
#include <mm/swap.h>
#include <kernel/task.h>
#include <kernel/exec.h>
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/namei.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/cmdline.h>
#include <kernel/irqflags.h>
#include <kernel/bug.h>
#include <asm/ptrace.h>

void ret_to_user_from_frame(struct pt_regs *regs) __noreturn;
void kernel_monitor(void) __noreturn;

#define INIT_MAX_ARGS	16

static char init_path[64] = "/init";
static char init_args[256];		/* the words after "--" */
static const char *init_argv[INIT_MAX_ARGS + 2];

/* Split the words after " -- " into init_argv[1..]. */
static void parse_init_args(const char *cmdline)
{
	const char *dashes = strstr(cmdline, " -- ");
	char *p;
	int n = 1;

	init_argv[0] = init_path;
	if (dashes) {
		strlcpy(init_args, dashes + 4, sizeof(init_args));
		for (p = init_args; *p && n <= INIT_MAX_ARGS; ) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			init_argv[n++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	init_argv[n] = NULL;
}

/* The first code pid 1 runs (its context.pc): become a user program. */
static void init_thread(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	long err;
	int i;

	local_irq_enable();
	for (i = 0; i < 3; i++) {
		struct file *f = filp_open("/dev/console", O_RDWR, 0, &err);

		if (!f)
			panic("start_user: cannot open /dev/console (%ld)", err);
		BUG_ON(install_file(f, 0) != i);
	}
	err = exec_init(init_path, init_argv, regs);
	if (err)
		panic("start_user: cannot run %s (%ld)", init_path, err);
	ret_to_user_from_frame(regs);
}

void start_user(const char *cmdline)
{
	struct task_struct *t;
	struct path path;

	cmdline_get(cmdline, "init", init_path, sizeof(init_path));
	parse_init_args(cmdline);
	if (kern_path(init_path, LOOKUP_FOLLOW, &path)) {
		printk("No %s in the initramfs: staying in the kernel monitor.\n", init_path);
		kernel_monitor();
	}
	path_put(&path);
	t = alloc_task("init");
	BUG_ON(!t);
	t->files = alloc_files();
	t->fs = copy_fs_struct(NULL);
	BUG_ON(!t->files || !t->fs);
	t->umask = 0022;
	t->context.sp = (u32)(uintptr_t)task_pt_regs(t);
	t->context.pc = (u32)(uintptr_t)init_thread;
	t->pid = alloc_pid();
	t->pgid = t->sid = t->pid;	/* init leads the first session and group */
	t->parent = &init_task;
	list_add_tail(&t->sibling, &init_task.children);
	list_add_tail(&t->tasks, &task_list);
	wake_up_new_task(t);
	kswapd_run();		/* background reclaim (mm/vmscan.c): after init, pid 1 */
	cpu_idle();
}
