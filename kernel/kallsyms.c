/*
 * Symbol lookup for backtraces.  The table is generated at link time by
 * scripts/kallsyms.py from the kernel's own `nm` output (two-pass link,
 * see the Makefile).
 */
#include <kernel/kallsyms.h>
#include <kernel/string.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[];
extern const char kallsyms_names[];
extern const char _text[], _etext[];

bool kernel_text_address(unsigned long addr)
{
	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

/* The i-th name: walk the NUL-separated list (only used on error paths). */
static const char *nth_name(u32 i)
{
	const char *p = kallsyms_names;

	while (i--)
		p += strlen(p) + 1;
	return p;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset)
{
	u32 lo = 0, hi = kallsyms_num;

	if (!kernel_text_address(addr) || !kallsyms_num || addr < kallsyms_addresses[0])
		return NULL;
	while (hi - lo > 1) {	/* last entry <= addr */
		u32 mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return nth_name(lo);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	const char *p = kallsyms_names;
	u32 i;

	for (i = 0; i < kallsyms_num; i++, p += strlen(p) + 1)
		if (!strcmp(p, name))
			return kallsyms_addresses[i];
	return 0;
}
