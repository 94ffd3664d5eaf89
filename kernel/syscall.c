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
#include <kernel/fs.h>
#include <kernel/fdtable.h>
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
#include <mm/mman.h>
#include <mm/mlock.h>
#include <mm/swapfile.h>
#include <mm/writeback.h>
#include <kernel/signal.h>

#define A(n) (regs->r[n])

/* ---- memory ---------------------------------------------------------- */

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000
#define MAP_HUGETLB	0x40000
#define MAP_FIXED_NOREPLACE 0x100000
/*
 * The flags every MAP_SHARED mapping accepts (Linux's LEGACY_MAP_MASK):
 * MAP_SHARED silently ignores any other; MAP_SHARED_VALIDATE refuses
 * them with EOPNOTSUPP.  Some are hints this kernel takes as no-ops
 * (MAP_STACK, ...); MAP_NORESERVE leaves the mapping out of the commit
 * charge (include/mm/mman.h); MAP_LOCKED locks it (mm/mlock.c);
 * MAP_POPULATE faults it in at once; MAP_GROWSDOWN makes an ordinary
 * mapping here.
 */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 0x0800 /* DENYWRITE */ | 0x1000 /* EXECUTABLE */ | \
			 0x4000000 /* UNINITIALIZED */ | 0x0100 /* GROWSDOWN */ | \
			 MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | 0x20000 /* STACK */ | MAP_HUGETLB)

static unsigned prot_to_vm(u32 prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/*
 * mmap_check_file - Linux's checks (do_mmap) of the mapping type and of
 * a file f (NULL: anonymous) against how it was opened.
 */
static long mmap_check_file(struct file *f, u32 flags, u32 prot)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		/* fall through */
	case MAP_SHARED:
		if (f && (prot & PROT_WRITE) && !(f->f_mode & FMODE_WRITE))
			return -EACCES;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	if (!f)
		return 0;
	if (!(f->f_mode & FMODE_READ))
		return -EACCES;
	if (!f->f_op || !f->f_op->mmap)
		return -ENODEV;
	return 0;
}

/*
 * mmap2 (192): Linux's do_mmap checks, in its order.  pgoff is in 4 KiB
 * units; unknown prot bits are ignored, as Linux ignores them here.
 */
long sys_mmap2(vaddr_t addr, size_t len, u32 prot, u32 flags, int fd, u32 pgoff)
{
	struct mm_struct *mm = current->mm;
	struct file *f = NULL;
	size_t alen;
	unsigned vmf;
	long r;

	if (!(flags & MAP_ANONYMOUS) && !(f = fget(fd)))
		return -EBADF;
	if (flags & MAP_HUGETLB)
		return -EINVAL;		/* no huge page pool (Linux: no hstate) */
	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	alen = ALIGN_UP(len, PAGE_SIZE);
	if (!alen)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS) && pgoff + (alen >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - alen)
			return -ENOMEM;
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if ((flags & MAP_FIXED_NOREPLACE)) {
			struct vm_area_struct *v = find_vma(mm, addr);

			if (v && v->vm_start < addr + alen)
				return -EEXIST;
		}
	}
	r = mmap_check_file(f, flags, prot);
	if (r)
		return r;
	vmf = prot_to_vm(prot) | ((flags & MAP_TYPE) != MAP_PRIVATE ? VM_SHARED : 0);
	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vmf |= VM_NORESERVE;	/* honoured only where overcommit is allowed */
	if (flags & MAP_LOCKED)
		vmf |= VM_LOCKED;
	if (!(flags & MAP_FIXED) && addr) {	/* a hint: taken if that room is free */
		struct vm_area_struct *v, *prev;

		addr = ALIGN_UP(addr, PAGE_SIZE);
		if (addr < PAGE_SIZE)
			addr = PAGE_SIZE;
		v = find_vma_prev(mm, addr, &prev);
		if (addr && addr <= TASK_SIZE - alen && (!v || addr + alen <= vma_start_gap(v)) &&
		    (!prev || addr >= prev->vm_end))
			flags |= MAP_FIXED;
	}
	r = do_mmap(mm, (flags & MAP_FIXED) ? addr : 0, alen, vmf, flags & MAP_FIXED, f,
		    f ? pgoff : 0, NULL);
	/* a locked mapping (MAP_LOCKED, mlockall(MCL_FUTURE)) or MAP_POPULATE
	 * is faulted in now; what cannot be is left to faults (Linux's mm_populate) */
	if (!IS_ERR_VALUE(r) && (((vmf | mm->def_flags) & VM_LOCKED) ||
				 (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		mm_populate(mm, (vaddr_t)r, (vaddr_t)r + alen, MM_POPULATE_IGNORE_ERRORS);
	return r;
}

long sys_munmap(vaddr_t addr, size_t len)
{
	return do_munmap(current->mm, addr, len);
}

/*
 * mprotect (125), with Linux's checks in its order: PROT_SEM is
 * accepted (it means nothing here), other unknown bits are EINVAL;
 * PROT_GROWSDOWN extends the range down to the start of a stack VMA;
 * PROT_GROWSUP is EINVAL (no VMA grows up on ARM).
 */
long sys_mprotect(vaddr_t addr, size_t len, u32 prot)
{
	u32 grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct vm_area_struct *v;
	vaddr_t end;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	end = addr + ALIGN_UP(len, PAGE_SIZE);
	if (end <= addr)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	v = find_vma(current->mm, addr);
	if (!v)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (v->vm_start >= end)
			return -ENOMEM;
		if (!(v->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
		addr = v->vm_start;
	} else if (v->vm_start > addr) {
		return -ENOMEM;
	} else if (grows & PROT_GROWSUP) {
		return -EINVAL;
	}
	return do_mprotect(current->mm, addr, end - addr, prot_to_vm(prot));
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

#define NSEC_PER_SEC	1000000000ull

static int sleep_chan;

/* Woken by every tick; sleepers re-check their deadline. */
void sleepers_tick(void)
{
	wakeup(&sleep_chan);
}

/*
 * nanosleep (162): sleep until CLOCK_MONOTONIC has advanced by at least
 * the time asked for, never less (POSIX).  The deadline is kept in
 * nanoseconds (64 bits: no overflow even for 0x7fffffff seconds) and
 * checked against ktime_get_ns() at every tick, so a sleep ends at the
 * first tick after it.  rem is written only if a signal cut it short
 * (and then a bad rem is EFAULT), as Linux does.
 */
long sys_nanosleep(vaddr_t ureq, vaddr_t urem)
{
	struct timespec32 ts;
	unsigned long flags;
	u64 now, deadline;

	if (copy_from_user(&ts, ureq, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s32)NSEC_PER_SEC)
		return -EINVAL;
	deadline = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	local_irq_save(flags);
	while ((now = ktime_get_ns()) < deadline && !signal_pending(current))
		sleep_on(&sleep_chan);
	local_irq_restore(flags);
	if (now >= deadline)
		return 0;
	if (urem) {
		u64 left = deadline - now;

		ts.tv_sec = (s32)(left / NSEC_PER_SEC);
		ts.tv_nsec = (s32)(left % NSEC_PER_SEC);
		if (copy_to_user(urem, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return -EINTR;
}

/*
 * clock_gettime (263): the clocks Linux has on this kind of machine.
 * The wall clocks read the monotonic counter plus the time an RTC gave
 * at boot (1970 on a board without one); the CPU-time clocks read the
 * caller's user + system ticks.
 */
long sys_clock_gettime(int clk, vaddr_t utp)
{
	u64 ns;
	struct timespec32 ts;

	if (clk < 0 || (clk > 7 && clk != 11))
		return -EINVAL;		/* 8-10: alarm and SGI clocks, absent here */
	if (clk == 2 || clk == 3)	/* CLOCK_PROCESS/THREAD_CPUTIME_ID */
		ns = (u64)(current->utime + current->stime) * (NSEC_PER_SEC / HZ);
	else if (clk == 0 || clk == 5 || clk == 11)	/* REALTIME, _COARSE, TAI: the RTC's */
		ns = ktime_get_real_ns();
	else
		ns = ktime_get_ns();
	ts.tv_sec = (s32)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (s32)(ns % NSEC_PER_SEC);
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

/*
 * reboot (88): power off (or halt, or restart: all end QEMU).  Unlike
 * Linux, which leaves that to user space, everything dirty is written
 * back first: a teaching machine is switched off without ceremony, and
 * should not lose a file for it.
 */
long sys_reboot(u32 magic1, u32 magic2, u32 cmd)
{
	if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT &&
	    cmd != LINUX_REBOOT_CMD_RESTART)
		return -EINVAL;
	ksys_sync();
	machine_poweroff();
}

/* ---- the table ------------------------------------------------------- */

static long w_restart(struct pt_regs *regs) { return -EINTR; }
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
static long w_setpgid(struct pt_regs *regs) { return sys_setpgid((int)A(0), (int)A(1)); }
static long w_dup2(struct pt_regs *regs) { return sys_dup2((int)A(0), (int)A(1)); }
static long w_getppid(struct pt_regs *regs) { return current->parent ? current->parent->pid : 0; }
static long w_getpgrp(struct pt_regs *regs) { return current->pgid; }
static long w_setsid(struct pt_regs *regs) { return sys_setsid(); }
static long w_reboot(struct pt_regs *regs) { return sys_reboot(A(0), A(1), A(2)); }
static long w_munmap(struct pt_regs *regs) { return sys_munmap(A(0), A(1)); }
static long w_wait4(struct pt_regs *regs) { return do_wait4((int)A(0), A(1), (int)A(2), A(3)); }
static long w_uname(struct pt_regs *regs) { return sys_uname(A(0)); }
static long w_mprotect(struct pt_regs *regs) { return sys_mprotect(A(0), A(1), A(2)); }
static long w_getpgid(struct pt_regs *regs) { return sys_getpgid((int)A(0)); }
static long w_getsid(struct pt_regs *regs) { return sys_getsid((int)A(0)); }
static long w_yield(struct pt_regs *regs) { schedule(); return 0; }
static long w_nanosleep(struct pt_regs *regs) { return sys_nanosleep(A(0), A(1)); }
static long w_mmap2(struct pt_regs *regs)
{
	return sys_mmap2(A(0), A(1), A(2), A(3), (int)A(4), A(5));
}
static long w_mlock(struct pt_regs *regs) { return sys_mlock(A(0), A(1)); }
static long w_munlock(struct pt_regs *regs) { return sys_munlock(A(0), A(1)); }
static long w_mlockall(struct pt_regs *regs) { return sys_mlockall((int)A(0)); }
static long w_munlockall(struct pt_regs *regs) { return sys_munlockall(); }
static long w_madvise(struct pt_regs *regs) { return sys_madvise(A(0), A(1), (int)A(2)); }
static long w_mlock2(struct pt_regs *regs) { return sys_mlock2(A(0), A(1), (int)A(2)); }
static long w_fstat64(struct pt_regs *regs) { return sys_fstat64((int)A(0), A(1)); }
static long w_getdents64(struct pt_regs *regs) { return sys_getdents64((int)A(0), A(1), A(2)); }
static long w_clock_gettime(struct pt_regs *regs) { return sys_clock_gettime((int)A(0), A(1)); }
/* 64-bit arguments come in an even/odd register pair (EABI): lo first. */
#define A64(n) ((loff_t)(((u64)regs->r[(n) + 1] << 32) | regs->r[n]))

static long w_creat(struct pt_regs *regs) { return sys_creat(A(0), (int)A(1)); }
static long w_link(struct pt_regs *regs) { return sys_link(A(0), A(1)); }
static long w_unlink(struct pt_regs *regs) { return sys_unlink(A(0)); }
static long w_chdir(struct pt_regs *regs) { return sys_chdir(A(0)); }
static long w_mknod(struct pt_regs *regs) { return sys_mknod(A(0), (int)A(1), A(2)); }
static long w_chmod(struct pt_regs *regs) { return sys_chmod(A(0), (int)A(1)); }
static long w_mount(struct pt_regs *regs) { return sys_mount(A(0), A(1), A(2), A(3), A(4)); }
static long w_access(struct pt_regs *regs) { return sys_access(A(0), (int)A(1)); }
static long w_sync(struct pt_regs *regs) { return sys_sync(); }
static long w_rename(struct pt_regs *regs) { return sys_rename(A(0), A(1)); }
static long w_mkdir(struct pt_regs *regs) { return sys_mkdir(A(0), (int)A(1)); }
static long w_rmdir(struct pt_regs *regs) { return sys_rmdir(A(0)); }
static long w_umount2(struct pt_regs *regs) { return sys_umount2(A(0), (int)A(1)); }
static long w_umask(struct pt_regs *regs) { return sys_umask((int)A(0)); }
static long w_symlink(struct pt_regs *regs) { return sys_symlink(A(0), A(1)); }
static long w_readlink(struct pt_regs *regs) { return sys_readlink(A(0), A(1), (int)A(2)); }
static long w_fchmod(struct pt_regs *regs) { return sys_fchmod((int)A(0), (int)A(1)); }
static long w_syslog(struct pt_regs *regs) { return sys_syslog((int)A(0), A(1), (int)A(2)); }
static long w_fsync(struct pt_regs *regs) { return sys_fsync((int)A(0)); }
static long w_fchdir(struct pt_regs *regs) { return sys_fchdir((int)A(0)); }
static long w_llseek(struct pt_regs *regs) { return sys_llseek((int)A(0), A(1), A(2), A(3), (int)A(4)); }
static long w_msync(struct pt_regs *regs) { return sys_msync(A(0), A(1), (int)A(2)); }
static long w_readv(struct pt_regs *regs) { return sys_readv((int)A(0), A(1), A(2)); }
static long w_writev(struct pt_regs *regs) { return sys_writev((int)A(0), A(1), A(2)); }
static long w_fdatasync(struct pt_regs *regs) { return sys_fdatasync((int)A(0)); }
static long w_pread64(struct pt_regs *regs) { return sys_pread64((int)A(0), A(1), A(2), A64(4)); }
static long w_pwrite64(struct pt_regs *regs) { return sys_pwrite64((int)A(0), A(1), A(2), A64(4)); }
static long w_getcwd(struct pt_regs *regs) { return sys_getcwd(A(0), A(1)); }
static long w_truncate64(struct pt_regs *regs) { return sys_truncate64(A(0), A64(2)); }
static long w_ftruncate64(struct pt_regs *regs) { return sys_ftruncate64((int)A(0), A64(2)); }
static long w_stat64(struct pt_regs *regs) { return sys_stat64(A(0), A(1)); }
static long w_lstat64(struct pt_regs *regs) { return sys_lstat64(A(0), A(1)); }
static long w_fcntl64(struct pt_regs *regs) { return sys_fcntl64((int)A(0), A(1), A(2)); }
static long w_statfs64(struct pt_regs *regs) { return sys_statfs64(A(0), A(1), A(2)); }
static long w_fstatfs64(struct pt_regs *regs) { return sys_fstatfs64((int)A(0), A(1), A(2)); }
static long w_openat(struct pt_regs *regs) { return sys_openat((int)A(0), A(1), (int)A(2), (int)A(3)); }
static long w_mkdirat(struct pt_regs *regs) { return sys_mkdirat((int)A(0), A(1), (int)A(2)); }
static long w_mknodat(struct pt_regs *regs) { return sys_mknodat((int)A(0), A(1), (int)A(2), A(3)); }
static long w_fstatat64(struct pt_regs *regs) { return sys_fstatat64((int)A(0), A(1), A(2), (int)A(3)); }
static long w_unlinkat(struct pt_regs *regs) { return sys_unlinkat((int)A(0), A(1), (int)A(2)); }
static long w_renameat(struct pt_regs *regs) { return sys_renameat((int)A(0), A(1), (int)A(2), A(3)); }
static long w_linkat(struct pt_regs *regs) { return sys_linkat((int)A(0), A(1), (int)A(2), A(3), (int)A(4)); }
static long w_symlinkat(struct pt_regs *regs) { return sys_symlinkat(A(0), (int)A(1), A(2)); }
static long w_readlinkat(struct pt_regs *regs) { return sys_readlinkat((int)A(0), A(1), A(2), (int)A(3)); }
static long w_fchmodat(struct pt_regs *regs) { return sys_fchmodat((int)A(0), A(1), (int)A(2)); }
static long w_faccessat(struct pt_regs *regs) { return sys_faccessat((int)A(0), A(1), (int)A(2)); }
static long w_dup3(struct pt_regs *regs) { return sys_dup3((int)A(0), (int)A(1), (int)A(2)); }
static long w_pipe2(struct pt_regs *regs) { return sys_pipe2(A(0), (int)A(1)); }
static long w_syncfs(struct pt_regs *regs) { return sys_syncfs((int)A(0)); }
static long w_utimensat(struct pt_regs *regs) { return sys_utimensat((int)A(0), A(1), A(2), (int)A(3)); }
static long w_swapon(struct pt_regs *regs) { return sys_swapon(A(0), (int)A(1)); }
static long w_swapoff(struct pt_regs *regs) { return sys_swapoff(A(0)); }
static long w_renameat2(struct pt_regs *regs) { return sys_renameat2((int)A(0), A(1), (int)A(2), A(3), A(4)); }

typedef long (*syscall_t)(struct pt_regs *regs);

static const syscall_t syscall_table[NR_SYSCALLS] = {
	[0] = w_restart, [1] = w_exit, [2] = w_fork, [3] = w_read, [4] = w_write,
	[5] = w_open, [6] = w_close, [8] = w_creat, [9] = w_link, [10] = w_unlink,
	[11] = w_execve, [12] = w_chdir, [14] = w_mknod, [15] = w_chmod,
	[19] = w_lseek, [20] = w_getpid, [21] = w_mount, [33] = w_access, [36] = w_sync,
	[37] = w_kill, [38] = w_rename, [39] = w_mkdir, [40] = w_rmdir, [41] = w_dup,
	[42] = w_pipe, [45] = w_brk, [52] = w_umount2, [54] = w_ioctl, [57] = w_setpgid,
	[60] = w_umask, [63] = w_dup2, [64] = w_getppid, [65] = w_getpgrp, [66] = w_setsid,
	[83] = w_symlink, [85] = w_readlink, [87] = w_swapon, [88] = w_reboot, [91] = w_munmap,
	[94] = w_fchmod, [103] = w_syslog, [114] = w_wait4, [115] = w_swapoff, [118] = w_fsync,
	[122] = w_uname, [125] = w_mprotect, [132] = w_getpgid, [133] = w_fchdir,
	[140] = w_llseek, [144] = w_msync, [145] = w_readv, [146] = w_writev,
	[147] = w_getsid, [148] = w_fdatasync, [150] = w_mlock, [151] = w_munlock,
	[152] = w_mlockall, [153] = w_munlockall, [158] = w_yield, [162] = w_nanosleep,
	[180] = w_pread64, [181] = w_pwrite64, [183] = w_getcwd, [192] = w_mmap2,
	[193] = w_truncate64, [194] = w_ftruncate64, [195] = w_stat64, [196] = w_lstat64,
	[197] = w_fstat64, [217] = w_getdents64, [220] = w_madvise, [221] = w_fcntl64, [224] = w_getpid /* gettid */,
	[248] = w_exit, [263] = w_clock_gettime, [266] = w_statfs64, [267] = w_fstatfs64,
	[322] = w_openat, [323] = w_mkdirat, [324] = w_mknodat, [327] = w_fstatat64,
	[328] = w_unlinkat, [329] = w_renameat, [330] = w_linkat, [331] = w_symlinkat,
	[332] = w_readlinkat, [333] = w_fchmodat, [334] = w_faccessat, [348] = w_utimensat, [358] = w_dup3,
	[359] = w_pipe2, [373] = w_syncfs, [382] = w_renameat2, [390] = w_mlock2,
};

/*
 * syscall_dispatch - run system call nr (r7).  The numbers are sorted as
 * Linux's entry code sorts them (arch/arm/syscall.c has the table):
 * below NR_SYSCALLS the table, then -ENOSYS up to the ARM private calls.
 */
long syscall_dispatch(u32 nr, struct pt_regs *regs)
{
	if (nr < NR_SYSCALLS)
		return syscall_table[nr] ? syscall_table[nr](regs) : -ENOSYS;
	if (nr >= ARM_NR_BASE)
		return arm_syscall(nr, regs);
	return -ENOSYS;
}
