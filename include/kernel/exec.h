/*
 * ELF32 (the System V ABI, ARM supplement) as far as the loader needs it,
 * and the exec entry points.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <kernel/types.h>

struct pt_regs;

struct elf32_ehdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
};

#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_ARM		40
#define PT_LOAD		1
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ELF_MAX_PHNUM	64

#define AT_NULL		0
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_RANDOM	25

/*
 * elf_check - is data[0..size) an ELF32 ARM executable we can load?
 * Returns 0, or -ENOEXEC with *why naming the first problem.  Portable:
 * unit-tested on the host.
 */
long elf_check(const u8 *data, size_t size, const char **why);
long elf_check_file(const u8 *data, size_t len, u64 file_size, const char **why);

long exec_init(const char *path, const char *const *argv, struct pt_regs *regs);

#endif
