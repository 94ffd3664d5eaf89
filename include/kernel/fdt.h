/*
 * A small flattened device tree (DTB) reader.  fdt_open() checks the whole
 * blob once (header, every token, name, property length and string
 * offset, nesting); after that the lookups trust it.  A malformed blob is
 * refused with a message saying what is wrong, never read out of bounds.
 *
 * Nodes are named by their offset in the structure block; -1 means none.
 */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include <kernel/types.h>

#define FDT_MAGIC 0xd00dfeedu

struct fdt {
	const u8 *base;
	u32 size;		/* totalsize from the header */
	u32 off_struct, size_struct;
	u32 off_strings, size_strings;
};

/* Big-endian 32-bit read (DTBs are big-endian; our CPUs are not). */
static inline u32 fdt32(const void *p)
{
	const u8 *b = p;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

/*
 * fdt_open - validate blob (at most avail bytes readable) and fill *f.
 * Returns 0, or -EINVAL with *why set to a one-line reason.
 */
int fdt_open(struct fdt *f, const void *blob, size_t avail, const char **why);

/* fdt_path - node at an absolute path; "memory" matches "memory@60000000". */
int fdt_path(const struct fdt *f, const char *path);

/* fdt_find_compatible - first node after `from` (-1: from the start) whose
 * "compatible" list contains compat and whose status is okay. */
int fdt_find_compatible(const struct fdt *f, int from, const char *compat);

/* fdt_prop - a property's value and length, or NULL. */
const void *fdt_prop(const struct fdt *f, int node, const char *name, u32 *len);

/* fdt_prop_u32 - a one-cell property, or dflt if absent/short. */
u32 fdt_prop_u32(const struct fdt *f, int node, const char *name, u32 dflt);

/* fdt_parent - the parent node (-1 for the root). */
int fdt_parent(const struct fdt *f, int node);

/* fdt_node_name - the node's name ("uart@10009000"). */
const char *fdt_node_name(const struct fdt *f, int node);

/*
 * fdt_reg - the idx-th (address, size) pair of "reg", read with the
 * parent's #address-cells / #size-cells.  Returns false if absent.
 */
bool fdt_reg(const struct fdt *f, int node, int idx, u64 *addr, u64 *size);

/*
 * fdt_irq - the idx-th interrupt of a node as the interrupt controller
 * numbers it: GIC specifiers (3 cells) become interrupt IDs (SPI n ->
 * 32 + n, PPI n -> 16 + n); one-cell specifiers are returned as they are.
 * Returns -1 if absent.
 */
int fdt_irq(const struct fdt *f, int node, int idx);

/* fdt_is_compatible - the node's compatible list contains compat. */
bool fdt_is_compatible(const struct fdt *f, int node, const char *compat);

#endif
