/*
 * sys/mman.h for mmkernel user programs (newlib has none for arm-none-eabi).
 *
 * The values are the Linux ARM ones: the kernel implements Linux's mmap2
 * ABI, so the same constants work on mmkernel and on Linux.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

/* Protection bits (a page may be read, written, executed). */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

/* Mapping type and placement. Exactly one of SHARED / PRIVATE is required. */
#define MAP_SHARED	0x01	/* writes are seen by every mapper (and the file) */
#define MAP_PRIVATE	0x02	/* writes go to a private copy (copy-on-write) */
#define MAP_FIXED	0x10	/* use addr exactly, replacing what was there */
#define MAP_ANONYMOUS	0x20	/* no file: zero-filled pages */
#define MAP_ANON	MAP_ANONYMOUS
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000

/* What mmap returns on failure (errno says why). */
#define MAP_FAILED	((void *)-1)

/* msync flags: write back now or later, and drop cached copies. */
#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/* mlockall flags, mlock2's flag. */
#define MCL_CURRENT	1	/* lock every page mapped now */
#define MCL_FUTURE	2	/* ... and every mapping made later */
#define MCL_ONFAULT	4	/* ... as its pages fault in, not at once */
#define MLOCK_ONFAULT	1

/* madvise advice (Linux's numbers). */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_COLD	20
#define MADV_PAGEOUT	21

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);
int mlock(const void *addr, size_t len);
int mlock2(const void *addr, size_t len, unsigned int flags);
int munlock(const void *addr, size_t len);
int mlockall(int flags);
int munlockall(void);
int madvise(void *addr, size_t len, int advice);

#endif /* _SYS_MMAN_H */
