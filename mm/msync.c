/*
 * mm/msync.c - msync(2): the pages written through a shared file mapping
 * to the disk.  MS_ASYNC starts nothing here (as Linux since 2.6.19: the
 * pages are already dirty and the flusher will write them); MS_SYNC
 * writes the range of each shared file VMA and waits, as fsync does for
 * that part of the file.  MS_INVALIDATE asks for nothing more on a
 * system whose caches are coherent.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <mm/filemap.h>

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

/*
 * sys_msync - Linux's checks: start page aligned (EINVAL), known flags,
 * not both ASYNC and SYNC (EINVAL); a hole in the range is ENOMEM (after
 * doing the rest, as Linux).
 */
long sys_msync(vaddr_t start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	vaddr_t end;
	int err = 0, unmapped = 0;

	if ((unsigned)flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((start & ~PAGE_MASK) || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		vaddr_t stop;

		if (!vma)
			return -ENOMEM;
		if (vma->vm_start > start) {
			unmapped = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		stop = vma->vm_end < end ? vma->vm_end : end;
		if ((flags & MS_SYNC) && vma->vm_file && (vma->vm_flags & VM_SHARED)) {
			loff_t fstart = ((loff_t)vma->vm_pgoff << PAGE_SHIFT) +
					(loff_t)(start - vma->vm_start);
			struct file *f = vma->vm_file;

			get_file(f);
			err = vfs_fsync_range(f, fstart, fstart + (loff_t)(stop - start) - 1, true);
			fput(f);
			if (err)
				return err;
		}
		start = stop;
	}
	return unmapped;
}
