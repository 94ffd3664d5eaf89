/*
 * kernel/exec.c - execve and the ELF loader.
 *
 * Validate, then commit:
 *   1. copy the path into the kernel (getname); find the file;
 *   2. check the ELF file completely (elf_check); a malformed one is
 *      refused with -ENOEXEC and a message, and the caller carries on;
 *   3. measure argv and envp against Linux's limits (E2BIG, EFAULT);
 *   4. build the new address space off to the side: one VMA per PT_LOAD
 *      segment, file-backed and private (text read-only + exec, data
 *      copy-on-write), the rest of .bss anonymous, and the stack;
 *   5. write the strings, argc/argv/envp and auxv into the new stack as
 *      Linux lays them out, reading the strings from the old address
 *      space, which is still the one in use;
 *   6. commit: switch to the new mm, drop the old one, start at e_entry.
 *      Nothing can fail any more.
 * Only the first page of the file is read here (the headers): text and
 * data arrive through page faults from the page cache.  I-cache
 * maintenance happens when a page is first mapped executable
 * (mm/memory.c, sync_exec_page).
 */
#include <kernel/exec.h>
#include <kernel/task.h>
#include <kernel/fs.h>
#include <kernel/fdtable.h>
#include <kernel/mount.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>
#include <kernel/printk.h>
#include <kernel/signal.h>
#include <asm/ptrace.h>
#include <asm/hw.h>
#include <asm/mmu_context.h>
#include <mm/mm.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/filemap.h>
#include <mm/memory.h>
#include <mm/highmem.h>
#include <asm/tls.h>

#define STACK_TOP	TASK_SIZE
#define STACK_INIT	(128 * 1024)	/* stack room beyond the arguments; grows on demand */

/*
 * Linux's limits on the arguments (fs/exec.c): one string may be 32
 * pages long (MAX_ARG_STRLEN); all strings and the argv/envp pointers
 * together may take a quarter of the stack limit, but never less than
 * ARG_MAX (128 KiB) and never more than 3/4 of the default 8 MiB.
 */
#define MAX_ARG_STRLEN	(32 * PAGE_SIZE)
#define ARG_MAX		(128 * 1024)

static unsigned long arg_limit(void)
{
	unsigned long limit = stack_limit / 4;

	if (limit > 8 * 1024 * 1024 / 4 * 3)
		limit = 8 * 1024 * 1024 / 4 * 3;
	return limit < ARG_MAX ? ARG_MAX : limit;
}

/* Where argv or envp comes from: a user array of pointers, or kernel strings. */
struct arg_src {
	vaddr_t uvec;			/* user address of the array (0: empty) */
	const char *const *kvec;	/* or a NULL-terminated kernel array */
};

struct exec_args {
	struct arg_src argv, envp;
	int argc, envc;
	size_t strings;			/* bytes of every string, NULs included */
	struct mm_struct *mm;		/* the new address space */
	u8 *bounce;			/* one page, for strings from user space */
};

/* The address of string i of src in *p (0 past the end), or -EFAULT. */
static long arg_ptr(const struct arg_src *src, unsigned long i, uintptr_t *p)
{
	u32 v;

	if (src->kvec) {
		*p = (uintptr_t)src->kvec[i];
		return 0;
	}
	if (!src->uvec) {
		*p = 0;
		return 0;
	}
	if (src->uvec + 4 * i < src->uvec || get_user_u32(&v, src->uvec + 4 * i))
		return -EFAULT;
	*p = v;
	return 0;
}

/* The size of the string at p with its NUL: 0 = unreadable, > max = too long. */
static long arg_strlen(const struct arg_src *src, uintptr_t p, unsigned long max)
{
	if (src->kvec) {
		size_t n = strlen((const char *)p) + 1;

		return n > max ? (long)max + 1 : (long)n;
	}
	return strnlen_user((vaddr_t)p, max);
}

/*
 * count_args - the number of strings in src; more than `max` is E2BIG
 * (their pointers alone would pass the limit), an unreadable array
 * EFAULT.  Adds their sizes to a->strings, checking each against
 * MAX_ARG_STRLEN and the sum against `room`.
 */
static long count_args(struct exec_args *a, const struct arg_src *src, int *count,
		       unsigned long max, unsigned long room)
{
	unsigned long i;

	for (i = 0;; i++) {
		uintptr_t p;
		long len;

		if (arg_ptr(src, i, &p))
			return -EFAULT;
		if (!p)
			break;
		if (i >= max)
			return -E2BIG;
		len = arg_strlen(src, p, MAX_ARG_STRLEN);
		if (len == 0)
			return -EFAULT;
		if ((unsigned long)len > MAX_ARG_STRLEN || (unsigned long)len > room - a->strings)
			return -E2BIG;
		a->strings += (size_t)len;
	}
	*count = (int)i;
	return 0;
}

/*
 * measure_args - argc, envc and the bytes of their strings, against
 * Linux's limits: the strings and the pointers (argv and envp arrays,
 * with argc counted as at least 1) must fit in arg_limit().
 */
static long measure_args(struct exec_args *a)
{
	unsigned long limit = arg_limit(), ptrs;
	long err;

	err = count_args(a, &a->argv, &a->argc, limit / 4, limit);
	if (!err)
		err = count_args(a, &a->envp, &a->envc, limit / 4, limit);
	if (err)
		return err;
	ptrs = (unsigned long)((a->argc ? a->argc : 1) + a->envc) * 4;
	if (ptrs >= limit || a->strings > limit - ptrs)
		return -E2BIG;
	return 0;
}

/*
 * exec_write - store len bytes at addr in the new address space, from
 * kernel memory, or from the calling process's memory if from_user.
 * The pages are faulted in as writes (get_user_page_write) and filled
 * through a temporary kernel mapping.  0 or -EFAULT / -ENOMEM.
 */
static long exec_write(struct exec_args *a, vaddr_t addr, const void *src, size_t len,
		       bool from_user)
{
	while (len) {
		size_t off = addr & ~PAGE_MASK, chunk = PAGE_SIZE - off;
		struct page *page = get_user_page_write(a->mm, addr);
		const void *from = src;
		u8 *kaddr;

		if (chunk > len)
			chunk = len;
		if (!page)
			return -ENOMEM;
		if (from_user) {
			if (copy_from_user(a->bounce, (vaddr_t)src, chunk))
				return -EFAULT;
			from = a->bounce;
		}
		kaddr = kmap_atomic(page);
		memcpy(kaddr + off, from, chunk);
		kunmap_atomic(kaddr);
		addr += chunk;
		src = (const u8 *)src + chunk;
		len -= chunk;
	}
	return 0;
}

/*
 * copy_args - each string of src goes to *strp (moving up), its address
 * to the pointer slot at *slotp (moving up), then a NULL slot.  A string
 * that changed since it was measured (another process shares the page)
 * is copied at its measured size and cut with a NUL: the layout never
 * moves.
 */
static long copy_args(struct exec_args *a, const struct arg_src *src, int count,
		      vaddr_t *strp, vaddr_t *slotp)
{
	static const char nul;
	u32 slot;
	int i;

	for (i = 0; i < count; i++) {
		uintptr_t p;
		long len;

		if (arg_ptr(src, (unsigned long)i, &p) || !p)
			return -EFAULT;
		len = arg_strlen(src, p, MAX_ARG_STRLEN);
		if (len <= 0 || len > (long)(a->strings - (*strp - (STACK_TOP - a->strings))))
			return -EFAULT;
		if (exec_write(a, *strp, (const void *)p, (size_t)len - 1, !src->kvec) ||
		    exec_write(a, *strp + (vaddr_t)len - 1, &nul, 1, false))
			return -EFAULT;
		slot = (u32)*strp;
		if (exec_write(a, *slotp, &slot, 4, false))
			return -ENOMEM;
		*strp += (vaddr_t)len;
		*slotp += 4;
	}
	slot = 0;
	if (exec_write(a, *slotp, &slot, 4, false))
		return -ENOMEM;
	*slotp += 4;
	return 0;
}

/*
 * setup_stack - the initial stack of the new program, from the top down
 * (as Linux's create_elf_tables):
 *   argument and environment strings        <- STACK_TOP - strings
 *   16 bytes for AT_RANDOM
 *   auxv pairs ... AT_NULL
 *   envp[] NULL, argv[] NULL, argc          <- sp (8-byte aligned)
 */
static long setup_stack(struct exec_args *a, const struct elf32_ehdr *eh, vaddr_t *sp_out)
{
	vaddr_t strings = STACK_TOP - a->strings, random = (strings & ~3ul) - 16;
	u32 auxv[] = { AT_PAGESZ, PAGE_SIZE, AT_ENTRY, eh->e_entry, AT_UID, 0,
		       AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_RANDOM, (u32)random, AT_NULL, 0 };
	u32 nptrs = (u32)(1 + a->argc + 1 + a->envc + 1), argc = (u32)a->argc;
	vaddr_t sp = (random - sizeof(auxv) - 4 * nptrs) & ~7ul, slot = sp + 4, str = strings;
	long err;

	err = exec_write(a, sp, &argc, 4, false);
	if (!err)
		err = copy_args(a, &a->argv, a->argc, &str, &slot);
	if (!err)
		err = copy_args(a, &a->envp, a->envc, &str, &slot);
	if (!err)
		err = exec_write(a, slot, auxv, sizeof(auxv), false);
	if (!err)
		err = exec_write(a, random, "mmkernel-random!", 16, false);
	*sp_out = sp;
	return err;
}

/* Map one PT_LOAD segment into mm: file part, then anonymous rest. */
static long map_segment(struct mm_struct *mm, struct file *f, const struct elf32_phdr *ph)
{
	vaddr_t start = ph->p_vaddr & PAGE_MASK;
	vaddr_t file_end = ALIGN_UP(ph->p_vaddr + ph->p_filesz, PAGE_SIZE);
	vaddr_t mem_end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned flags = 0;
	long r;

	if (ph->p_flags & PF_R)
		flags |= VM_READ;
	if (ph->p_flags & PF_W)
		flags |= VM_WRITE;
	if (ph->p_flags & PF_X)
		flags |= VM_EXEC;
	if (ph->p_filesz) {
		r = do_mmap(mm, start, file_end - start, flags, true, f,
			    ph->p_offset >> PAGE_SHIFT, NULL);
		if (IS_ERR_VALUE(r))
			return r;
	} else {
		file_end = start;
	}
	if (mem_end > file_end) {
		r = do_mmap(mm, file_end, mem_end - file_end, flags, true, NULL, 0, NULL);
		if (IS_ERR_VALUE(r))
			return r;
	}
	if (flags & VM_EXEC) {
		mm->start_code = start;
		mm->end_code = ph->p_vaddr + ph->p_filesz;
	} else if (flags & VM_WRITE) {
		mm->start_data = start;
		mm->end_data = ph->p_vaddr + ph->p_filesz;
	}
	if (mem_end > mm->start_brk)
		mm->start_brk = mm->brk = mem_end;
	return 0;
}

/*
 * Zero the end of the last file page of each .data segment (the file's
 * next bytes would show there otherwise): .bss starts on that page.
 */
static long clear_bss_tail(struct exec_args *a, const struct elf32_ehdr *eh)
{
	const struct elf32_phdr *ph = (const void *)((const u8 *)eh + eh->e_phoff);
	static const u8 zeros[64];
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		vaddr_t p = ph[i].p_vaddr + ph[i].p_filesz;
		vaddr_t end = ALIGN_UP(p, PAGE_SIZE);

		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz <= ph[i].p_filesz || !ph[i].p_filesz)
			continue;
		for (; p < end; p += sizeof(zeros) < end - p ? sizeof(zeros) : end - p)
			if (exec_write(a, p, zeros, sizeof(zeros) < end - p ? sizeof(zeros) : end - p,
				       false))
				return -ENOMEM;
	}
	return 0;
}

/*
 * build_mm - the new address space for a checked ELF file: its segments,
 * and a stack VMA big enough for the arguments plus STACK_INIT.
 */
static struct mm_struct *build_mm(struct file *f, const struct elf32_ehdr *eh,
				  size_t stack_bytes, long *err)
{
	const struct elf32_phdr *ph = (const void *)((const u8 *)eh + eh->e_phoff);
	struct mm_struct *mm = mm_alloc();
	size_t stack = ALIGN_UP(stack_bytes, PAGE_SIZE) + STACK_INIT;
	int i;

	*err = -ENOMEM;
	if (!mm)
		return NULL;
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		*err = map_segment(mm, f, &ph[i]);
		if (*err)
			goto fail;
	}
	*err = do_mmap(mm, STACK_TOP - stack, stack,
		       VM_READ | VM_WRITE | VM_GROWSDOWN, true, NULL, 0, "[stack]");
	if (IS_ERR_VALUE(*err))
		goto fail;
	mm->start_stack = STACK_TOP;
	*err = 0;
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/*
 * open_exec - the file to run: a regular file with an execute bit, on a
 * mount that allows running programs (EACCES otherwise, as Linux).
 * Its first page is read into hdr (*len bytes).
 */
static struct file *open_exec(const char *path, u8 *hdr, size_t *len, long *err)
{
	struct file *f = filp_open(path, O_RDONLY | O_LARGEFILE, 0, err);
	struct inode *inode;
	loff_t pos = 0;
	ssize_t n;

	if (!f)
		return NULL;
	inode = f->f_inode;
	*err = -EACCES;
	if (!S_ISREG(inode->i_mode) || !(inode->i_mode & 0111) ||
	    (f->f_path.mnt->mnt_flags & MNT_NOEXEC))
		goto fail;
	n = kernel_read(f, hdr, PAGE_SIZE, &pos);
	*err = n < 0 ? n : 0;
	if (n < 0)
		goto fail;
	*len = (size_t)n;
	return f;
fail:
	fput(f);
	return NULL;
}

static void start_thread(struct pt_regs *regs, vaddr_t pc, vaddr_t sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->pc = (u32)pc & ~1u;
	regs->sp = (u32)sp;
	regs->cpsr = MODE_USR | ((pc & 1) ? PSR_T : 0);	/* IRQs on */
	arch_exec_reset_tls();
}

/* The last component of a path: what a new program is called (comm). */
static const char *exec_basename(const char *path)
{
	const char *p = path + strlen(path);

	while (p > path && p[-1] != '/')
		p--;
	return p;
}

/*
 * kernel_execve - replace current's program with the file at path, with
 * the arguments a->argv and a->envp.  Returns -errno (and changes
 * nothing) if it cannot; on success regs describe the new program.
 */
static long kernel_execve(const char *path, struct exec_args *a, struct pt_regs *regs)
{
	long err;
	u8 *hdr = (u8 *)getname_kernel("");
	const struct elf32_ehdr *eh = (const void *)hdr;
	const char *why;
	struct mm_struct *old;
	struct file *f;
	size_t len = 0;
	vaddr_t sp = 0;

	if (IS_ERR(hdr))
		return PTR_ERR(hdr);
	f = open_exec(path, hdr, &len, &err);
	if (!f)
		goto out;
	err = elf_check_file(hdr, len, (u64)i_size_read(f->f_inode), &why);
	if (err) {
		printk_ratelimited("exec: %s refused: %s\n", path, why);
		goto out_file;
	}
	err = measure_args(a);
	if (err)
		goto out_file;
	err = -ENOMEM;
	a->bounce = get_free_pages(GFP_KERNEL, 0);
	if (!a->bounce)
		goto out_file;
	a->mm = build_mm(f, eh, a->strings + 16 + 32 * 4 + (size_t)(a->argc + a->envc + 3) * 4,
			 &err);
	if (a->mm) {
		err = clear_bss_tail(a, eh);
		if (!err)
			err = setup_stack(a, eh, &sp);
		if (err)
			mmput(a->mm);
	}
	free_pages(a->bounce, 0);
	if (!a->mm || err)
		goto out_file;
	/* commit: nothing can fail from here on */
	old = current->mm;
	switch_mm(old, a->mm);
	current->mm = a->mm;
	if (old)
		mmput(old);
	do_close_on_exec(current->files);
	strlcpy(current->comm, exec_basename(path), sizeof(current->comm));
	current->did_exec = true;
	start_thread(regs, eh->e_entry, sp);
	err = 0;
out_file:
	fput(f);
out:
	putname((char *)hdr);
	return err;
}

long sys_execve(vaddr_t upath, vaddr_t uargv, vaddr_t uenvp, struct pt_regs *regs)
{
	struct exec_args a = { .argv = { uargv, NULL }, .envp = { uenvp, NULL } };
	char *path = getname(upath);
	long err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = kernel_execve(path, &a, regs);
	putname(path);
	return err ? err : (long)regs->r[0];
}

/*
 * exec_init - make the calling kernel thread run path as a user program,
 * with argv (NULL-terminated, argv[0] included) and Linux's initial
 * environment for init.
 */
long exec_init(const char *path, const char *const *argv, struct pt_regs *regs)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin", NULL };
	struct exec_args a = { .argv = { 0, argv }, .envp = { 0, envp } };

	return kernel_execve(path, &a, regs);
}
