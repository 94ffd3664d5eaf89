/*
 * Host tests of the ELF checks (kernel/elf.c): a well-formed executable
 * built in memory passes; each kind of malformed file is refused with
 * -ENOEXEC and the expected reason, and no check reads out of bounds
 * (ASan) even on truncated files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/exec.h>
#include <kernel/errno.h>

#define FILE_SIZE 0x3000

static u8 *make_elf(void)
{
	u8 *f = aligned_alloc(8, FILE_SIZE);
	struct elf32_ehdr *eh = (void *)f;
	struct elf32_phdr *ph = (void *)(f + sizeof(*eh));

	memset(f, 0, FILE_SIZE);
	memcpy(eh->e_ident, "\177ELF", 4);
	eh->e_ident[4] = ELFCLASS32;
	eh->e_ident[5] = ELFDATA2LSB;
	eh->e_ident[6] = 1;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_ARM;
	eh->e_version = 1;
	eh->e_entry = 0x10100;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 2;
	/* text: file [0, 0x1000) at 0x10000, R+X */
	ph[0] = (struct elf32_phdr){ PT_LOAD, 0, 0x10000, 0x10000, 0x1000, 0x1000, PF_R | PF_X, 0x1000 };
	/* data + bss: file [0x1000, 0x1800) at 0x21000, 0x3000 in memory, RW */
	ph[1] = (struct elf32_phdr){ PT_LOAD, 0x1000, 0x21000, 0x21000, 0x800, 0x3000, PF_R | PF_W, 0x1000 };
	return f;
}

static void expect_refused(u8 *f, size_t size, const char *reason)
{
	const char *why = NULL;

	assert_int_equal(elf_check(f, size, &why), -ENOEXEC);
	assert_non_null(why);
	assert_string_equal(why, reason);
}

static void test_good(void **state)
{
	u8 *f = make_elf();
	const char *why = NULL;

	assert_int_equal(elf_check(f, FILE_SIZE, &why), 0);
	free(f);
}

static void test_header_errors(void **state)
{
	u8 *f = make_elf();
	struct elf32_ehdr *eh = (void *)f;

	f[1] = 'X';
	expect_refused(f, FILE_SIZE, "bad magic (not ELF)");
	f[1] = 'E';
	eh->e_ident[4] = 2;
	expect_refused(f, FILE_SIZE, "not a 32-bit ELF file");
	eh->e_ident[4] = ELFCLASS32;
	eh->e_machine = 3;	/* EM_386 */
	expect_refused(f, FILE_SIZE, "wrong machine (not ARM)");
	eh->e_machine = EM_ARM;
	eh->e_type = 3;		/* ET_DYN */
	expect_refused(f, FILE_SIZE, "not a static executable (ET_EXEC)");
	eh->e_type = ET_EXEC;
	eh->e_phnum = 0;
	expect_refused(f, FILE_SIZE, "bad number of program headers");
	eh->e_phnum = 60000;
	expect_refused(f, FILE_SIZE, "bad number of program headers");
	eh->e_phnum = 2;
	eh->e_phoff = FILE_SIZE - 8;
	expect_refused(f, FILE_SIZE, "program headers outside the file (truncated?)");
	eh->e_phoff = sizeof(*eh);
	expect_refused(f, 20, "file shorter than an ELF header");
	expect_refused(f, sizeof(*eh) + 40, "program headers outside the file (truncated?)");
	free(f);
}

static void test_segment_errors(void **state)
{
	u8 *f = make_elf();
	struct elf32_ehdr *eh = (void *)f;
	struct elf32_phdr *ph = (void *)(f + sizeof(*eh));

	ph[1].p_filesz = 0x4000;	/* larger than memsz and than the file */
	expect_refused(f, FILE_SIZE, "segment data outside the file (truncated?)");
	expect_refused(f, 0x1400, "segment data outside the file (truncated?)");
	ph[1].p_filesz = 0x800;
	ph[1].p_memsz = 0x400;
	expect_refused(f, FILE_SIZE, "segment file size larger than memory size");
	ph[1].p_memsz = 0x3000;
	ph[1].p_vaddr = 0xBEFFF000;	/* runs past TASK_SIZE */
	expect_refused(f, FILE_SIZE, "segment outside user space");
	ph[1].p_vaddr = 0xFFFFF000;	/* wraps */
	expect_refused(f, FILE_SIZE, "segment outside user space");
	ph[1].p_vaddr = 0x0;		/* page 0 */
	expect_refused(f, FILE_SIZE, "segment outside user space");
	ph[1].p_vaddr = 0x10800;	/* inside the text segment's pages */
	ph[1].p_offset = 0x800;
	expect_refused(f, FILE_SIZE, "segments overlap or are not in address order");
	ph[1].p_vaddr = 0x21004;	/* not congruent with the offset 0x1000 */
	ph[1].p_offset = 0x1000;
	expect_refused(f, FILE_SIZE, "segment address and offset not congruent modulo the page size");
	ph[1].p_vaddr = 0x21000;
	eh->e_entry = 0x21000;		/* in the data segment, not executable */
	expect_refused(f, FILE_SIZE, "entry point outside every executable segment");
	eh->e_entry = 0x10100;
	ph[0].p_type = ph[1].p_type = 4;	/* PT_NOTE only */
	expect_refused(f, FILE_SIZE, "no loadable segment");
	free(f);
}

static void test_every_truncation(void **state)
{
	u8 *f = make_elf();

	for (size_t n = 0; n < 0x1800; n += 13) {
		u8 *t = aligned_alloc(8, n ? ALIGN_UP(n, 8) : 8);
		const char *why;

		memcpy(t, f, n);
		assert_int_equal(elf_check(t, n, &why), -ENOEXEC);
		free(t);
	}
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_segment_errors),
		cmocka_unit_test(test_every_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
