/*
 * Access to user memory from the kernel.  A bad pointer from user space
 * yields -EFAULT (or a short count), never a kernel crash: the range is
 * checked against TASK_SIZE first, and a fault on the access itself is
 * fixed up through the exception table (arch/arm/uaccess.S).
 *
 * Every string or buffer that comes from user space goes through one of
 * these, each with an explicit limit:
 *
 *   copy_from_user / copy_to_user   a buffer of n bytes
 *   get_user / put_user             one 32-bit word
 *   strncpy_from_user               a string into a buffer of known size
 *   strnlen_user                    a string's size, to size a copy first
 *   getname / putname               a path (PATH_MAX, kernel/file.c)
 *
 * All arithmetic on user addresses is unsigned and checked for wrapping:
 * "addr + n" is only ever compared after proving it does not overflow.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/types.h>
#include <kernel/errno.h>
#include <asm/memory.h>

unsigned long __copy_from_user(void *to, const void *from, unsigned long n);
unsigned long __copy_to_user(void *to, const void *from, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, unsigned long n);
long __strnlen_user(const char *src, unsigned long n);

/* access_ok - [addr, addr+size) lies in user space (no wrap). */
static inline bool access_ok(vaddr_t addr, size_t size)
{
	return addr <= TASK_SIZE && size <= TASK_SIZE - addr;
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

/* One aligned or unaligned 32-bit word: 0 or -EFAULT. */
static inline int get_user_u32(u32 *val, vaddr_t from)
{
	return copy_from_user(val, from, sizeof(*val)) ? -EFAULT : 0;
}

static inline int put_user_u32(u32 val, vaddr_t to)
{
	return copy_to_user(to, &val, sizeof(val)) ? -EFAULT : 0;
}

/*
 * strncpy_from_user - copy the string at src into dst, at most count bytes
 * (its NUL included).  Returns the string's length without the NUL; count
 * if there was no NUL in the first count bytes (dst is then not
 * terminated: the caller says "too long"); -EFAULT if any byte could not
 * be read, or if the string runs into kernel space before its NUL.
 */
static inline long strncpy_from_user(char *dst, vaddr_t src, unsigned long count)
{
	unsigned long max;
	long n;

	if (src >= TASK_SIZE)
		return -EFAULT;
	if (!count)
		return 0;
	max = TASK_SIZE - src;		/* unsigned: never negative */
	if (count <= max)
		return __strncpy_from_user(dst, (const char *)src, count);
	n = __strncpy_from_user(dst, (const char *)src, max);
	return (n >= 0 && (unsigned long)n == max) ? -EFAULT : n;	/* ran into TASK_SIZE */
}

/*
 * strnlen_user - the size of the user string at src, its NUL included
 * (as Linux's): 0 if it cannot be read (or reaches kernel space first),
 * a value above n if it is longer than n.
 */
static inline long strnlen_user(vaddr_t src, unsigned long n)
{
	unsigned long max;
	long len;

	if (src >= TASK_SIZE)
		return 0;
	max = TASK_SIZE - src;
	len = __strnlen_user((const char *)src, n < max ? n : max);
	if (len > 0 && n >= max && (unsigned long)len > max)
		return 0;			/* no NUL before TASK_SIZE */
	return len;
}

#endif
