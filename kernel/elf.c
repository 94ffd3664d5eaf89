/*
 * kernel/elf.c - checking an ELF executable before anything is built
 * from it.  Every field the loader will trust is checked here, so the
 * loader itself cannot be led out of bounds by a malformed file.
 */
#include <kernel/exec.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <asm/memory.h>

static long refuse(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

static long check_header(const struct elf32_ehdr *eh, size_t size, const char **why)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4))
		return refuse(why, size < sizeof(*eh) ? "file shorter than an ELF header"
						       : "bad magic (not ELF)");
	if (eh->e_ident[4] != ELFCLASS32)
		return refuse(why, "not a 32-bit ELF file");
	if (eh->e_ident[5] != ELFDATA2LSB)
		return refuse(why, "not little-endian");
	if (eh->e_type != ET_EXEC)
		return refuse(why, "not a static executable (ET_EXEC)");
	if (eh->e_machine != EM_ARM)
		return refuse(why, "wrong machine (not ARM)");
	if (eh->e_phentsize != sizeof(struct elf32_phdr))
		return refuse(why, "bad program header size");
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return refuse(why, "bad number of program headers");
	if (eh->e_phoff > size || (size - eh->e_phoff) / sizeof(struct elf32_phdr) < eh->e_phnum ||
	    (eh->e_phoff & 3))
		return refuse(why, "program headers outside the file (truncated?)");
	return 0;
}

static long check_segment(const struct elf32_phdr *ph, size_t size, const char **why)
{
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return refuse(why, "segment data outside the file (truncated?)");
	if (ph->p_filesz > ph->p_memsz)
		return refuse(why, "segment file size larger than memory size");
	if (ph->p_vaddr < PAGE_SIZE || ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
	    ph->p_vaddr + ph->p_memsz > TASK_SIZE)
		return refuse(why, "segment outside user space");
	if ((ph->p_vaddr & ~PAGE_MASK) != (ph->p_offset & ~PAGE_MASK))
		return refuse(why, "segment address and offset not congruent modulo the page size");
	return 0;
}

long elf_check(const u8 *data, size_t size, const char **why)
{
	return elf_check_file(data, size, size, why);
}

/*
 * elf_check_file - the same, for a file of file_size bytes of which the
 * first len are at data: the program headers must lie in those, the
 * segments in the file.
 */
long elf_check_file(const u8 *data, size_t len, u64 file_size, const char **why)
{
	size_t size = file_size > (u64)0xffffffffu ? 0xffffffffu : (size_t)file_size;
	const struct elf32_ehdr *eh = (const void *)data;
	const struct elf32_phdr *ph;
	vaddr_t last_end = 0;
	bool entry_ok = false, any = false;
	long err;
	int i;

	if (!data || ((uintptr_t)data & 3))
		return refuse(why, "file not word-aligned in memory");
	err = check_header(eh, len, why);
	if (err)
		return err;
	ph = (const void *)(data + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		vaddr_t start, end;

		if (ph[i].p_type != PT_LOAD)
			continue;
		err = check_segment(&ph[i], size, why);
		if (err)
			return err;
		start = ph[i].p_vaddr & PAGE_MASK;
		end = ALIGN_UP((vaddr_t)ph[i].p_vaddr + ph[i].p_memsz, PAGE_SIZE);
		if (start < last_end)
			return refuse(why, "segments overlap or are not in address order");
		last_end = end;
		any = true;
		if ((ph[i].p_flags & PF_X) && eh->e_entry >= ph[i].p_vaddr &&
		    eh->e_entry < ph[i].p_vaddr + ph[i].p_memsz)
			entry_ok = true;
	}
	if (!any)
		return refuse(why, "no loadable segment");
	if (!entry_ok)
		return refuse(why, "entry point outside every executable segment");
	return 0;
}
