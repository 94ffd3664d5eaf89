/*
 * kernel/syscall.c - the system call table (Linux ARM EABI numbers) and
 * the calls too small for a file of their own.
 *
 * Convention (arch/arm/syscall.c): number in r7, arguments in r0-r5,
 * result in r0, -errno on failure.  Each table entry unpacks its
 * arguments from the trap frame with the right types.
 */
#include <kernel/syscalls.h>
#include <kernel/task.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <kernel/irqflags.h>
#include <kernel/driver.h>
#include <asm/ptrace.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/filemap.h>
#include <mm/vma.h>
#include <kernel/signal.h>

#define A(n) (regs->r[n])

/* ---- memory ---------------------------------------------------------- */

#define PROT_READ	1
#define PROT_WRITE	2
#define PROT_EXEC	4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20

static unsigned prot_to_vm(u32 prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* The backing object of a new mapping: a file's cache, shared anonymous
 * memory, or NULL (private anonymous).  Takes a reference. */
static long mmap_backing(u32 flags, u32 prot, int fd, size_t len,
			 struct address_space **as, const char **name)
{
	struct file *f;

	*as = NULL;
	*name = NULL;
	if (flags & MAP_ANONYMOUS) {
		if (!(flags & MAP_SHARED))
			return 0;
		*as = address_space_create(NULL, len, true);
		*name = "/dev/zero (deleted)";
		return *as ? 0 : -ENOMEM;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!f->inode || (f->inode->mode & S_IFMT) != S_IFREG)
		return -ENODEV;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
		return -EACCES;		/* the initramfs is read-only */
	*as = inode_mapping(f->inode);
	if (!*as)
		return -ENOMEM;
	address_space_get(*as);
	*name = f->inode->path;
	return 0;
}

long sys_mmap2(vaddr_t addr, size_t len, u32 prot, u32 flags, int fd, u32 pgoff)
{
	struct mm_struct *mm = current->mm;
	struct address_space *as;
	const char *name;
	unsigned vmf;
	long r;

	if (!len || (flags & MAP_FIXED && (addr & ~PAGE_MASK)))
		return -EINVAL;
	if (!!(flags & MAP_SHARED) == !!(flags & MAP_PRIVATE))
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	r = mmap_backing(flags, prot, fd, ALIGN_UP(len, PAGE_SIZE), &as, &name);
	if (r)
		return r;
	vmf = prot_to_vm(prot) | ((flags & MAP_SHARED) ? VM_SHARED : 0);
	if (!(flags & MAP_FIXED) && addr && !(addr & ~PAGE_MASK) && addr + len > addr &&
	    addr + len <= TASK_SIZE) {
		struct vm_area_struct *v = find_vma(mm, addr);	/* the hint, if free */

		if (!v || v->vm_start >= addr + ALIGN_UP(len, PAGE_SIZE))
			flags |= MAP_FIXED;
	}
	r = do_mmap(mm, (flags & MAP_FIXED) ? addr : 0, len, vmf, flags & MAP_FIXED, as,
		    (flags & MAP_ANONYMOUS) ? 0 : pgoff, name);
	if (as)
		address_space_put(as);	/* the VMA holds its own reference */
	return r;
}

long sys_munmap(vaddr_t addr, size_t len)
{
	return do_munmap(current->mm, addr, len);
}

long sys_mprotect(vaddr_t addr, size_t len, u32 prot)
{
	if ((addr & ~PAGE_MASK) || (prot & ~7u))
		return -EINVAL;
	if (!len)
		return 0;
	return do_mprotect(current->mm, addr, len, prot_to_vm(prot));
}

long sys_brk(vaddr_t brk)
{
	struct mm_struct *mm = current->mm;

	if (!brk)
		return (long)mm->brk;
	return (long)do_brk(mm, brk);
}

/* ---- processes and time ---------------------------------------------- */

struct timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

static int sleep_chan;

/* Woken by every tick; sleepers re-check their deadline. */
void sleepers_tick(void)
{
	wakeup(&sleep_chan);
}

long sys_nanosleep(vaddr_t ureq, vaddr_t urem)
{
	struct timespec32 ts;
	unsigned long flags, until;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	until = jiffies + (unsigned long)ts.tv_sec * HZ +
		DIV_ROUND_UP((unsigned long)ts.tv_nsec, 1000000000 / HZ);
	local_irq_save(flags);
	while ((long)(until - jiffies) > 0 && !signal_pending(current))
		sleep_on(&sleep_chan);
	local_irq_restore(flags);
	if (urem) {
		ts.tv_sec = ts.tv_nsec = 0;
		if (copy_to_user(urem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return signal_pending(current) ? -EINTR : 0;
}

long sys_clock_gettime(int clk, vaddr_t utp)
{
	u64 ns = ktime_get_ns();
	struct timespec32 ts = { (s32)(ns / 1000000000ull), (s32)(ns % 1000000000ull) };

	if (clk < 0 || clk > 7)
		return -EINVAL;
	if (copy_to_user(utp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_uname(vaddr_t ubuf)
{
	static const char fields[6][65] = {
		"mmkernel", "mmk", "0.1", "#1 teaching kernel", "armv7l", "(none)" };

	return copy_to_user(ubuf, fields, sizeof(fields)) ? -EFAULT : 0;
}

#define LINUX_REBOOT_MAGIC1	0xfee1deadu
#define LINUX_REBOOT_MAGIC2	672274793u
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcu
#define LINUX_REBOOT_CMD_HALT	0xcdef0123u
#define LINUX_REBOOT_CMD_RESTART 0x01234567u

long sys_reboot(u32 magic1, u32 magic2, u32 cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT &&
	    cmd != LINUX_REBOOT_CMD_RESTART)
		return -EINVAL;
	machine_poweroff();
}

/* ---- the table ------------------------------------------------------- */

static long w_exit(struct pt_regs *regs) { do_exit(W_EXITCODE(A(0), 0)); }
static long w_fork(struct pt_regs *regs) { return do_fork(regs); }
static long w_read(struct pt_regs *regs) { return sys_read((int)A(0), A(1), A(2)); }
static long w_write(struct pt_regs *regs) { return sys_write((int)A(0), A(1), A(2)); }
static long w_open(struct pt_regs *regs) { return sys_open(A(0), (int)A(1), (int)A(2)); }
static long w_close(struct pt_regs *regs) { return sys_close((int)A(0)); }
static long w_execve(struct pt_regs *regs) { return sys_execve(A(0), A(1), A(2), regs); }
static long w_lseek(struct pt_regs *regs) { return sys_lseek((int)A(0), (long)A(1), (int)A(2)); }
static long w_getpid(struct pt_regs *regs) { return current->pid; }
static long w_kill(struct pt_regs *regs) { return do_kill((int)A(0), (int)A(1)); }
static long w_dup(struct pt_regs *regs) { return sys_dup((int)A(0)); }
static long w_pipe(struct pt_regs *regs) { return sys_pipe(A(0)); }
static long w_brk(struct pt_regs *regs) { return sys_brk(A(0)); }
static long w_ioctl(struct pt_regs *regs) { return sys_ioctl((int)A(0), A(1), A(2)); }
static long w_dup2(struct pt_regs *regs) { return sys_dup2((int)A(0), (int)A(1)); }
static long w_getppid(struct pt_regs *regs) { return current->parent ? current->parent->pid : 0; }
static long w_reboot(struct pt_regs *regs) { return sys_reboot(A(0), A(1), A(2)); }
static long w_munmap(struct pt_regs *regs) { return sys_munmap(A(0), A(1)); }
static long w_wait4(struct pt_regs *regs) { return do_wait4((int)A(0), A(1), (int)A(2)); }
static long w_uname(struct pt_regs *regs) { return sys_uname(A(0)); }
static long w_mprotect(struct pt_regs *regs) { return sys_mprotect(A(0), A(1), A(2)); }
static long w_yield(struct pt_regs *regs) { schedule(); return 0; }
static long w_nanosleep(struct pt_regs *regs) { return sys_nanosleep(A(0), A(1)); }
static long w_mmap2(struct pt_regs *regs)
{
	return sys_mmap2(A(0), A(1), A(2), A(3), (int)A(4), A(5));
}
static long w_fstat64(struct pt_regs *regs) { return sys_fstat64((int)A(0), A(1)); }
static long w_getdents64(struct pt_regs *regs) { return sys_getdents64((int)A(0), A(1), A(2)); }
static long w_clock_gettime(struct pt_regs *regs) { return sys_clock_gettime((int)A(0), A(1)); }
static long w_enosys(struct pt_regs *regs) { return -ENOSYS; }

typedef long (*syscall_t)(struct pt_regs *regs);

static const syscall_t syscall_table[NR_SYSCALLS] = {
	[1] = w_exit, [2] = w_fork, [3] = w_read, [4] = w_write, [5] = w_open,
	[6] = w_close, [11] = w_execve, [12] = w_enosys /* chdir */, [19] = w_lseek,
	[20] = w_getpid, [37] = w_kill, [41] = w_dup, [42] = w_pipe, [45] = w_brk,
	[54] = w_ioctl, [63] = w_dup2, [64] = w_getppid, [88] = w_reboot,
	[91] = w_munmap, [114] = w_wait4, [122] = w_uname, [125] = w_mprotect,
	[158] = w_yield, [162] = w_nanosleep, [192] = w_mmap2, [197] = w_fstat64,
	[217] = w_getdents64, [224] = w_getpid /* gettid */, [248] = w_exit,
	[263] = w_clock_gettime,
};

long syscall_dispatch(u32 nr, struct pt_regs *regs)
{
	if (nr >= NR_SYSCALLS || !syscall_table[nr])
		return -ENOSYS;
	return syscall_table[nr](regs);
}
