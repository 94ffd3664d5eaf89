/*
 * iov_iter: where the bytes of a read or write go or come from, so that
 * one page-cache routine serves read(2) (a user buffer) and the kernel's
 * own reads (exec reading an ELF header: a kernel buffer).
 *
 *   type        buffer     copies with
 *   ---------   --------   -----------------------------------------------
 *   ITER_UBUF   ubuf       copy_to_user / copy_from_user (may fault: -EFAULT
 *                          or a short copy, never a crash)
 *   ITER_KVEC   kbuf       memcpy
 *
 * copy_page_to_iter / copy_page_from_iter copy part of a page (HighMem
 * included: kmap) and advance the iterator; they return the bytes copied,
 * which is less than asked when the user buffer faulted.
 */
#ifndef KERNEL_UIO_H
#define KERNEL_UIO_H

#include <kernel/types.h>

struct page;

enum iter_type { ITER_UBUF, ITER_KVEC };

struct iov_iter {
	enum iter_type type;
	union {
		vaddr_t ubuf;
		char *kbuf;
	};
	size_t count;			/* bytes left */
};

static inline void iov_iter_ubuf(struct iov_iter *i, vaddr_t buf, size_t n)
{
	i->type = ITER_UBUF;
	i->ubuf = buf;
	i->count = n;
}

static inline void iov_iter_kvec(struct iov_iter *i, void *buf, size_t n)
{
	i->type = ITER_KVEC;
	i->kbuf = buf;
	i->count = n;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline void iov_iter_advance(struct iov_iter *i, size_t n)
{
	if (i->type == ITER_UBUF)
		i->ubuf += n;
	else
		i->kbuf += n;
	i->count -= n;
}

static inline void iov_iter_truncate(struct iov_iter *i, size_t n)
{
	if (i->count > n)
		i->count = n;
}

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
/* fault_in_iov_iter_readable - touch the source pages of a write before
 * a page lock is taken; returns the bytes that could NOT be faulted in. */
size_t fault_in_iov_iter_readable(const struct iov_iter *i, size_t bytes);

#endif
