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


/* Files (kernel/fs/), the log (kernel/printk.c), msync (mm/msync.c). */
long sys_access(vaddr_t uname, int mode);
long sys_chdir(vaddr_t uname);
long sys_chmod(vaddr_t uname, int mode);
long sys_creat(vaddr_t uname, int mode);
long sys_dup3(int fd, int nfd, int flags);
long sys_faccessat(int dfd, vaddr_t uname, int mode);
long sys_fchdir(int fd);
long sys_fchmod(int fd, int mode);
long sys_fchmodat(int dfd, vaddr_t uname, int mode);
long sys_fcntl64(int fd, unsigned cmd, unsigned long arg);
long sys_fdatasync(int fd);
long sys_fstatat64(int dfd, vaddr_t uname, vaddr_t ubuf, int flags);
long sys_fstatfs64(int fd, size_t size, vaddr_t ubuf);
long sys_fsync(int fd);
long sys_ftruncate64(int fd, loff_t length);
long sys_getcwd(vaddr_t ubuf, unsigned long size);
long sys_link(vaddr_t uold, vaddr_t unew);
long sys_linkat(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew, int flags);
long sys_llseek(int fd, unsigned long hi, unsigned long lo, vaddr_t uresult, int whence);
long sys_lstat64(vaddr_t uname, vaddr_t ubuf);
long sys_mkdir(vaddr_t uname, int mode);
long sys_mkdirat(int dfd, vaddr_t uname, int mode);
long sys_mknod(vaddr_t uname, int mode, unsigned dev);
long sys_mknodat(int dfd, vaddr_t uname, int mode, unsigned dev);
long sys_mount(vaddr_t udev, vaddr_t udir, vaddr_t utype, unsigned long flags, vaddr_t udata);
long sys_madvise(vaddr_t start, size_t len, int behavior);
long sys_msync(vaddr_t start, size_t len, int flags);
long sys_openat(int dfd, vaddr_t uname, int flags, int mode);
long sys_pipe2(vaddr_t ufds, int flags);
long sys_pread64(int fd, vaddr_t buf, size_t n, loff_t pos);
long sys_pwrite64(int fd, vaddr_t buf, size_t n, loff_t pos);
long sys_readlink(vaddr_t uname, vaddr_t ubuf, int bufsiz);
long sys_readlinkat(int dfd, vaddr_t uname, vaddr_t ubuf, int bufsiz);
long sys_readv(int fd, vaddr_t uvec, unsigned long vlen);
long sys_rename(vaddr_t uold, vaddr_t unew);
long sys_renameat(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew);
long sys_renameat2(int olddfd, vaddr_t uold, int newdfd, vaddr_t unew, unsigned flags);
long sys_rmdir(vaddr_t uname);
long sys_stat64(vaddr_t uname, vaddr_t ubuf);
long sys_statfs64(vaddr_t uname, size_t size, vaddr_t ubuf);
long sys_symlink(vaddr_t utarget, vaddr_t uname);
long sys_symlinkat(vaddr_t utarget, int dfd, vaddr_t uname);
long sys_sync(void);
long sys_syncfs(int fd);
long sys_syslog(int type, vaddr_t ubuf, int len);
long sys_truncate64(vaddr_t uname, loff_t length);
long sys_umask(int mask);
long sys_utimensat(int dfd, vaddr_t uname, vaddr_t utimes, int flags);
long sys_umount2(vaddr_t uname, int flags);
long sys_unlink(vaddr_t uname);
long sys_unlinkat(int dfd, vaddr_t uname, int flags);
long sys_writev(int fd, vaddr_t uvec, unsigned long vlen);

#endif
