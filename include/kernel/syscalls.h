#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include <kernel/types.h>

struct pt_regs;

#define NR_SYSCALLS 400
#define ARM_NR_BASE 0x0f0000u		/* Linux's ARM private calls (arch/arm/syscall.c) */

long syscall_dispatch(u32 nr, struct pt_regs *regs);
long arm_syscall(u32 nr, struct pt_regs *regs);
void sleepers_tick(void);

long sys_open(vaddr_t upath, int flags, int mode);
long sys_close(int fd);
long sys_read(int fd, vaddr_t buf, size_t n);
long sys_write(int fd, vaddr_t buf, size_t n);
long sys_lseek(int fd, long off, int whence);
long sys_dup(int fd);
long sys_dup2(int fd, int nfd);
long sys_pipe(vaddr_t ufds);
long sys_getdents64(int fd, vaddr_t buf, size_t n);
long sys_fstat64(int fd, vaddr_t ubuf);
long sys_ioctl(int fd, unsigned cmd, vaddr_t arg);
long sys_execve(vaddr_t upath, vaddr_t uargv, vaddr_t uenvp, struct pt_regs *regs);
long sys_mmap2(vaddr_t addr, size_t len, u32 prot, u32 flags, int fd, u32 pgoff);
long sys_munmap(vaddr_t addr, size_t len);
long sys_mprotect(vaddr_t addr, size_t len, u32 prot);
long sys_brk(vaddr_t brk);
long sys_nanosleep(vaddr_t ureq, vaddr_t urem);
long sys_clock_gettime(int clk, vaddr_t utp);
long sys_uname(vaddr_t ubuf);
long sys_reboot(u32 magic1, u32 magic2, u32 cmd);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getsid(int pid);
long sys_setsid(void);

#endif
