/*
 * Access to user memory from the kernel.  A bad pointer from user space
 * yields -EFAULT (or a short count), never a kernel crash: the range is
 * checked against TASK_SIZE first, and a fault on the access itself is
 * fixed up through the exception table (arch/arm/uaccess.S).
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/types.h>
#include <kernel/errno.h>
#include <asm/memory.h>

unsigned long __copy_from_user(void *to, const void *from, unsigned long n);
unsigned long __copy_to_user(void *to, const void *from, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long n);

/* access_ok - [addr, addr+size) lies in user space (no wrap). */
static inline bool access_ok(vaddr_t addr, size_t size)
{
	return addr + size >= addr && addr + size <= TASK_SIZE;
}

/* Returns the number of bytes NOT copied (0 on success). */
static inline unsigned long copy_from_user(void *to, vaddr_t from, size_t n)
{
	if (!access_ok(from, n))
		return n;
	return __copy_from_user(to, (const void *)from, n);
}

static inline unsigned long copy_to_user(vaddr_t to, const void *from, size_t n)
{
	if (!access_ok(to, n))
		return n;
	return __copy_to_user((void *)to, from, n);
}

/* strncpy_from_user - length of the string copied, or -EFAULT, or n if
 * there was no NUL in the first n bytes (dst is then not terminated). */
static inline long strncpy_from_user(char *dst, vaddr_t src, long n)
{
	if (src >= TASK_SIZE)
		return -EFAULT;
	if (n > (long)(TASK_SIZE - src))
		n = (long)(TASK_SIZE - src);
	return __strncpy_from_user(dst, (const char *)src, n);
}

#endif
