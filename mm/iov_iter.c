/*
 * mm/iov_iter.c - copying between pages and an iov_iter (include/kernel/uio.h).
 *
 * A page-cache page may be in HighMem: it gets a temporary kernel address
 * with kmap_local_page(), not kmap_atomic(), because a copy to or from
 * user memory may fault, and the fault may sleep (reading a file page
 * in): a local mapping survives that.
 */
#include <kernel/uio.h>
#include <kernel/uaccess.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/highmem.h>

/* Copy n bytes between kernel address k and the iterator; returns bytes done. */
static size_t copy_out(const void *k, size_t n, struct iov_iter *i)
{
	size_t left;

	if (n > i->count)
		n = i->count;
	if (i->type == ITER_KVEC) {
		memcpy(i->kbuf, k, n);
		left = 0;
	} else {
		left = copy_to_user(i->ubuf, k, n);
	}
	iov_iter_advance(i, n - left);
	return n - left;
}

static size_t copy_in(void *k, size_t n, struct iov_iter *i)
{
	size_t left;

	if (n > i->count)
		n = i->count;
	if (i->type == ITER_KVEC) {
		memcpy(k, i->kbuf, n);
		left = 0;
	} else {
		left = copy_from_user(k, i->ubuf, n);
	}
	iov_iter_advance(i, n - left);
	return n - left;
}

size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	char *k = kmap_local_page(page);
	size_t n = copy_out(k + offset, bytes, i);

	kunmap_local(k);
	return n;
}

size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	char *k = kmap_local_page(page);
	size_t n = copy_in(k + offset, bytes, i);

	kunmap_local(k);
	return n;
}

size_t copy_to_iter(const void *from, size_t bytes, struct iov_iter *i)
{
	return copy_out(from, bytes, i);
}

size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	static const char zeros[64];
	size_t done = 0;

	while (done < bytes) {
		size_t n = bytes - done < sizeof(zeros) ? bytes - done : sizeof(zeros);
		size_t c = copy_out(zeros, n, i);

		done += c;
		if (c < n)
			break;
	}
	return done;
}

/*
 * fault_in_iov_iter_readable - read one byte of every page of the source
 * (taking any fault now, with no lock held).  Returns the bytes that
 * could not be made readable: 0 when all of them could.
 */
size_t fault_in_iov_iter_readable(const struct iov_iter *i, size_t bytes)
{
	vaddr_t start, end, p;
	char c;

	if (i->type != ITER_UBUF || !bytes)
		return 0;
	if (bytes > i->count)
		bytes = i->count;
	start = i->ubuf;
	end = start + bytes;
	for (p = start; p < end; p = (p & PAGE_MASK) + PAGE_SIZE)
		if (copy_from_user(&c, p, 1))
			return end - p;
	return 0;
}
