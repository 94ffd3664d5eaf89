/*
 * Basic types shared by the kernel and by the host unit tests.
 *
 * Addresses are typed so that a student can tell at a glance which side of
 * the MMU a number lives on:
 *   paddr_t  a physical address (what the bus and the page tables hold)
 *   vaddr_t  a virtual address (what the CPU issues once the MMU is on)
 *   pfn_t    a page frame number: paddr >> PAGE_SHIFT
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
/* unsigned int, not uint32_t: arm-none-eabi's uint32_t is unsigned long,
 * and "%x" / "%u" should just work for u32 on the target and the host. */
typedef unsigned int u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int s32;
typedef int64_t s64;

typedef unsigned int paddr_t;	/* ARMv7 short descriptors: 32-bit physical */
typedef uintptr_t vaddr_t;	/* 32 bits on the target, 64 in host tests */
typedef unsigned int pfn_t;

typedef long ssize_t;
typedef s64 loff_t;		/* file offsets and sizes */

#ifndef LLONG_MAX
#define LLONG_MAX	0x7fffffffffffffffLL
#endif
#ifndef LONG_MAX
#define LONG_MAX	((long)(~0UL >> 1))
#endif
#ifndef LONG_MIN
#define LONG_MIN	(-LONG_MAX - 1)
#endif

/*
 * dev_t - a device number in the encoding user space sees (stat64's
 * st_rdev, glibc's makedev); built and taken apart only through MKDEV,
 * MAJOR and MINOR in include/kernel/kdev_t.h, which has the layout.
 * Host tests use the C library's own (wider) dev_t instead of a clashing
 * definition; every value fits both.
 */
#ifdef HOST_TEST
#include <sys/types.h>
#else
typedef u32 dev_t;
#endif

#ifndef INT_MAX
#define INT_MAX		0x7fffffff
#define INT_MIN		(-INT_MAX - 1)
#endif

/* 1 in debug builds (CONFIG_DEBUG_MM), for plain C conditions. */
#ifdef CONFIG_DEBUG_MM
#define IS_ENABLED_DEBUG_MM 1
#else
#define IS_ENABLED_DEBUG_MM 0
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define offsetof_member(type, member) offsetof(type, member)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __unused __attribute__((unused))
#define __noreturn __attribute__((noreturn))
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __section(s) __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/* Hot paths inline their helpers; rare paths stay out of line.  (The
 * host's C library defines __always_inline itself.) */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define __noinline __attribute__((noinline))

#define KiB 1024u
#define MiB (1024u * 1024u)

#endif
