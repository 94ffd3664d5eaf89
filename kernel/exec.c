/*
 * kernel/exec.c - execve and the ELF loader.
 *
 * Validate, then commit:
 *   1. copy the path, argv and envp into the kernel (the old address
 *      space is about to go);
 *   2. check the ELF file completely (elf_check); a malformed one is
 *      refused with -ENOEXEC and a message, and the caller carries on;
 *   3. build the new address space off to the side: one VMA per PT_LOAD
 *      segment, file-backed and private (text read-only + exec, data
 *      copy-on-write), the rest of .bss anonymous, and the stack;
 *   4. commit: switch to the new mm, drop the old one; from here on a
 *      failure can only kill the process;
 *   5. write argc/argv/envp/auxv on the new stack as Linux lays them out,
 *      and start at e_entry.
 * No page is read here: text and data arrive through page faults from
 * the page cache.  I-cache maintenance happens when a page is filled
 * (mm/filemap.c).
 */
#include <kernel/exec.h>
#include <kernel/task.h>
#include <kernel/file.h>
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

#define STACK_TOP	TASK_SIZE
#define STACK_INIT	(128 * 1024)	/* initial [stack] VMA; grows on demand */
#define ARG_MAX_BYTES	(32 * 1024)
#define ARG_MAX_COUNT	256

struct exec_args {
	char *buf;		/* argv strings, then envp strings, NUL-separated */
	size_t len;
	int argc, envc;
};

/* Copy a NULL-terminated array of user strings into a->buf. */
static long copy_strings(struct exec_args *a, vaddr_t uvec, int *count)
{
	*count = 0;
	if (!uvec)
		return 0;
	for (;;) {
		u32 p;
		long n;

		if (copy_from_user(&p, uvec + 4 * (vaddr_t)*count, 4))
			return -EFAULT;
		if (!p)
			return 0;
		if (*count >= ARG_MAX_COUNT)
			return -E2BIG;
		n = strncpy_from_user(a->buf + a->len, p, (long)(ARG_MAX_BYTES - a->len));
		if (n < 0)
			return n;
		if (a->len + (size_t)n >= ARG_MAX_BYTES)
			return -E2BIG;
		a->len += (size_t)n + 1;
		(*count)++;
	}
}

/* Map one PT_LOAD segment into mm: file part, then anonymous rest. */
static long map_segment(struct mm_struct *mm, struct inode *in, const struct elf32_phdr *ph)
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
		struct address_space *as = inode_mapping(in);

		if (!as)
			return -ENOMEM;
		r = do_mmap(mm, start, file_end - start, flags, true, as,
			    ph->p_offset >> PAGE_SHIFT, in->path);
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

/* Build the new address space for a checked ELF file. */
static struct mm_struct *build_mm(struct inode *in, const struct elf32_ehdr *eh, long *err)
{
	const struct elf32_phdr *ph = (const void *)(in->data + eh->e_phoff);
	struct mm_struct *mm = mm_alloc();
	int i;

	*err = -ENOMEM;
	if (!mm)
		return NULL;
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		*err = map_segment(mm, in, &ph[i]);
		if (*err)
			goto fail;
	}
	*err = do_mmap(mm, STACK_TOP - STACK_INIT, STACK_INIT,
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
 * The initial stack, from the top down (as Linux's create_elf_tables):
 *   argument and environment strings
 *   16 bytes for AT_RANDOM
 *   auxv pairs ... AT_NULL
 *   envp[] NULL, argv[] NULL, argc       <- sp (8-byte aligned)
 */
static long setup_stack(struct exec_args *a, const struct elf32_ehdr *eh, vaddr_t *sp_out)
{
	vaddr_t strings = (STACK_TOP - a->len) & ~3ul, p = strings, sp;
	u32 auxv[] = { AT_PAGESZ, PAGE_SIZE, AT_ENTRY, eh->e_entry, AT_UID, 0,
		       AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_RANDOM, 0, AT_NULL, 0 };
	u32 nptrs = (u32)(1 + a->argc + 1 + a->envc + 1), i, w;
	size_t off = 0;
	vaddr_t random = strings - 16;

	auxv[13] = (u32)random;
	sp = (random - sizeof(auxv) - 4 * nptrs) & ~7ul;
	if (copy_to_user(strings, a->buf, a->len) ||
	    copy_to_user(random, "mmkernel-random!", 16) ||
	    copy_to_user(sp + 4 * nptrs, auxv, sizeof(auxv)))
		return -EFAULT;
	w = (u32)a->argc;
	if (copy_to_user(sp, &w, 4))
		return -EFAULT;
	for (i = 1; i < nptrs; i++) {
		bool end = (i == (u32)a->argc + 1) || i == nptrs - 1;

		w = end ? 0 : (u32)(p + off);
		if (!end)
			off += strlen(a->buf + off) + 1;
		if (copy_to_user(sp + 4 * i, &w, 4))
			return -EFAULT;
	}
	*sp_out = sp;
	return 0;
}

static void start_thread(struct pt_regs *regs, vaddr_t pc, vaddr_t sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->pc = (u32)pc & ~1u;
	regs->sp = (u32)sp;
	regs->cpsr = MODE_USR | ((pc & 1) ? PSR_T : 0);	/* IRQs on */
}

/* Zero the end of the last file page of .data (the file's next bytes). */
static void clear_bss_tail(struct inode *in, const struct elf32_ehdr *eh)
{
	const struct elf32_phdr *ph = (const void *)(in->data + eh->e_phoff);
	static const u8 zeros[64];
	int i;

	for (i = 0; i < eh->e_phnum; i++) {
		vaddr_t a = ph[i].p_vaddr + ph[i].p_filesz;
		vaddr_t end = ALIGN_UP(a, PAGE_SIZE);

		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz <= ph[i].p_filesz || !ph[i].p_filesz)
			continue;
		for (; a < end; a += sizeof(zeros) < end - a ? sizeof(zeros) : end - a)
			copy_to_user(a, zeros, sizeof(zeros) < end - a ? sizeof(zeros) : end - a);
	}
}

/*
 * kernel_execve - replace current's program with the file at path.
 * Returns -errno (and changes nothing) if it cannot; does not return to
 * the old program on success: regs then describe the new one.
 */
long kernel_execve(const char *path, struct exec_args *a, struct pt_regs *regs)
{
	struct inode *in = initramfs_lookup(path);
	const struct elf32_ehdr *eh;
	const char *why;
	struct mm_struct *mm, *old;
	vaddr_t sp;
	long err;

	if (!in)
		return -ENOENT;
	if ((in->mode & S_IFMT) != S_IFREG)
		return -EACCES;
	err = elf_check(in->data, in->size, &why);
	if (err) {
		printk("exec: %s refused: %s\n", path, why);
		return err;
	}
	eh = (const void *)in->data;
	mm = build_mm(in, eh, &err);
	if (!mm)
		return err;
	/* commit */
	old = current->mm;
	current->mm = mm;
	switch_mm(old, mm);
	if (old)
		mmput(old);
	strlcpy(current->comm, in->name, sizeof(current->comm));
	clear_bss_tail(in, eh);
	if (setup_stack(a, eh, &sp)) {
		printk("exec: %s: cannot write the new stack; killing pid %d\n", path, current->pid);
		force_sig(current, SIGKILL);
		return 0;
	}
	start_thread(regs, eh->e_entry, sp);
	return 0;
}

long sys_execve(vaddr_t upath, vaddr_t uargv, vaddr_t uenvp, struct pt_regs *regs)
{
	char path[128];
	struct exec_args a = { 0 };
	long err;

	err = get_user_path(path, sizeof(path), upath);
	if (err)
		return err;
	a.buf = vmalloc(ARG_MAX_BYTES);
	if (!a.buf)
		return -ENOMEM;
	err = copy_strings(&a, uargv, &a.argc);
	if (!err)
		err = copy_strings(&a, uenvp, &a.envc);
	if (!err)
		err = kernel_execve(path, &a, regs);
	vfree(a.buf);
	return err ? err : (long)regs->r[0];
}

/* exec_init - make the calling kernel thread run path as a user program. */
long exec_init(const char *path, const char *arg, struct pt_regs *regs)
{
	struct exec_args a = { 0 };
	long err;

	a.buf = vmalloc(ARG_MAX_BYTES);
	if (!a.buf)
		return -ENOMEM;
	a.len = strlcpy(a.buf, path, 128) + 1;
	a.argc = 1;
	if (arg && *arg) {
		a.len += strlcpy(a.buf + a.len, arg, 256) + 1;
		a.argc = 2;
	}
	a.len += strlcpy(a.buf + a.len, "HOME=/", 16) + 1;
	a.len += strlcpy(a.buf + a.len, "PATH=/bin", 16) + 1;
	a.envc = 2;
	err = kernel_execve(path, &a, regs);
	vfree(a.buf);
	return err;
}
