/*
 * Flattened device tree reader (Devicetree Specification v0.3, chapter 5).
 * Portable C: the host tests run it against blobs compiled by dtc,
 * malformed ones included.
 */
#include <kernel/fdt.h>
#include <kernel/errno.h>
#include <kernel/string.h>

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define FDT_MAX_DEPTH	32

/* Header field offsets (all big-endian u32) */
enum { H_MAGIC = 0, H_TOTALSIZE = 4, H_OFF_STRUCT = 8, H_OFF_STRINGS = 12,
       H_OFF_RSVMAP = 16, H_VERSION = 20, H_LAST_COMP = 24,
       H_SIZE_STRINGS = 32, H_SIZE_STRUCT = 36, H_LEN = 40 };

static u32 tok_at(const struct fdt *f, u32 off)
{
	return fdt32(f->base + f->off_struct + off);
}

/* Length of a NUL-terminated string inside [p, p+max), or max if none. */
static u32 bounded_strlen(const u8 *p, u32 max)
{
	u32 n = 0;

	while (n < max && p[n])
		n++;
	return n;
}

/* Check one token at *off and advance past it; returns the token or 0. */
static u32 check_token(const struct fdt *f, u32 *off, int *depth, const char **why)
{
	u32 tok, len, nameoff, n;

	if (*off + 4 > f->size_struct) {
		*why = "structure block ends inside a token";
		return 0;
	}
	tok = tok_at(f, *off);
	*off += 4;
	switch (tok) {
	case FDT_BEGIN_NODE:
		n = bounded_strlen(f->base + f->off_struct + *off, f->size_struct - *off);
		if (n == f->size_struct - *off) {
			*why = "node name not terminated";
			return 0;
		}
		*off += ALIGN_UP(n + 1, 4u);
		if (++*depth > FDT_MAX_DEPTH) {
			*why = "nodes nested too deeply";
			return 0;
		}
		return tok;
	case FDT_END_NODE:
		if (--*depth < 0) {
			*why = "unbalanced end of node";
			return 0;
		}
		return tok;
	case FDT_PROP:
		if (*depth < 1 || *off + 8 > f->size_struct) {
			*why = "property outside a node or truncated";
			return 0;
		}
		len = tok_at(f, *off);
		nameoff = tok_at(f, *off + 4);
		*off += 8;
		if (len > f->size_struct - *off) {
			*why = "property value runs past the structure block";
			return 0;
		}
		if (nameoff >= f->size_strings ||
		    bounded_strlen(f->base + f->off_strings + nameoff,
				   f->size_strings - nameoff) == f->size_strings - nameoff) {
			*why = "property name offset outside the strings block";
			return 0;
		}
		*off += ALIGN_UP(len, 4u);
		return tok;
	case FDT_NOP:
	case FDT_END:
		return tok;
	default:
		*why = "unknown token in structure block";
		return 0;
	}
}

static int check_header(struct fdt *f, const u8 *b, size_t avail, const char **why)
{
	if (avail < H_LEN) {
		*why = "blob shorter than its header";
		return -EINVAL;
	}
	if (fdt32(b + H_MAGIC) != FDT_MAGIC) {
		*why = "bad magic (not a DTB)";
		return -EINVAL;
	}
	f->base = b;
	f->size = fdt32(b + H_TOTALSIZE);
	f->off_struct = fdt32(b + H_OFF_STRUCT);
	f->size_struct = fdt32(b + H_SIZE_STRUCT);
	f->off_strings = fdt32(b + H_OFF_STRINGS);
	f->size_strings = fdt32(b + H_SIZE_STRINGS);
	if (f->size < H_LEN || f->size > avail) {
		*why = "totalsize larger than the memory given";
		return -EINVAL;
	}
	if (fdt32(b + H_VERSION) < 16 || fdt32(b + H_LAST_COMP) > 17) {
		*why = "unsupported DTB version (need 16 or 17)";
		return -EINVAL;
	}
	if (f->off_struct > f->size || f->size_struct > f->size - f->off_struct ||
	    (f->off_struct & 3) || (f->size_struct & 3)) {
		*why = "structure block outside the blob or misaligned";
		return -EINVAL;
	}
	if (f->off_strings > f->size || f->size_strings > f->size - f->off_strings) {
		*why = "strings block outside the blob";
		return -EINVAL;
	}
	return 0;
}

int fdt_open(struct fdt *f, const void *blob, size_t avail, const char **why)
{
	u32 off = 0, tok;
	int depth = 0;
	bool root_seen = false;

	*why = NULL;
	if (!blob) {
		*why = "no DTB pointer";
		return -EINVAL;
	}
	if (check_header(f, blob, avail, why))
		return -EINVAL;
	do {
		tok = check_token(f, &off, &depth, why);
		if (!tok)
			return -EINVAL;
		if (tok == FDT_BEGIN_NODE && depth == 1) {
			if (root_seen) {
				*why = "more than one root node";
				return -EINVAL;
			}
			root_seen = true;
		}
	} while (tok != FDT_END);
	if (depth != 0 || !root_seen) {
		*why = depth ? "structure ends inside a node" : "no root node";
		return -EINVAL;
	}
	return 0;
}

/*
 * Step from a token to the next, reporting depth changes.  Only used on
 * validated blobs.  Returns the offset of the next token.
 */
static u32 next_token(const struct fdt *f, u32 off, u32 *tok)
{
	u32 len;

	*tok = tok_at(f, off);
	off += 4;
	switch (*tok) {
	case FDT_BEGIN_NODE:
		len = bounded_strlen(f->base + f->off_struct + off, f->size_struct - off);
		return off + ALIGN_UP(len + 1, 4u);
	case FDT_PROP:
		len = tok_at(f, off);
		return off + 8 + ALIGN_UP(len, 4u);
	default:
		return off;
	}
}

const char *fdt_node_name(const struct fdt *f, int node)
{
	return (const char *)(f->base + f->off_struct + (u32)node + 4);
}

/* Offset of the node after `node` in document order, or -1. */
static int next_node(const struct fdt *f, int node)
{
	u32 off = (u32)node, tok;

	off = next_token(f, off, &tok);		/* past our BEGIN_NODE */
	for (;;) {
		u32 here = off;

		off = next_token(f, off, &tok);
		if (tok == FDT_BEGIN_NODE)
			return (int)here;
		if (tok == FDT_END)
			return -1;
	}
}

const void *fdt_prop(const struct fdt *f, int node, const char *name, u32 *len)
{
	u32 off, tok;

	if (node < 0)
		return NULL;
	off = next_token(f, (u32)node, &tok);
	for (;;) {
		u32 here = off;

		off = next_token(f, off, &tok);
		if (tok == FDT_NOP)
			continue;
		if (tok != FDT_PROP)
			return NULL;	/* properties come before child nodes */
		if (!strcmp((const char *)f->base + f->off_strings + tok_at(f, here + 8),
			    name)) {
			if (len)
				*len = tok_at(f, here + 4);
			return f->base + f->off_struct + here + 12;
		}
	}
}

u32 fdt_prop_u32(const struct fdt *f, int node, const char *name, u32 dflt)
{
	u32 len;
	const void *p = fdt_prop(f, node, name, &len);

	return (p && len >= 4) ? fdt32(p) : dflt;
}

int fdt_parent(const struct fdt *f, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0;
	u32 off = 0, tok;

	for (;;) {
		u32 here = off;

		off = next_token(f, off, &tok);
		if (tok == FDT_BEGIN_NODE) {
			if ((int)here == node)
				return depth ? stack[depth - 1] : -1;
			stack[depth++] = (int)here;
		} else if (tok == FDT_END_NODE) {
			depth--;
		} else if (tok == FDT_END) {
			return -1;
		}
	}
}

/* Does `name` ("memory@60000000") match `want` ("memory" or the full name)? */
static bool name_matches(const char *name, const char *want, size_t wlen)
{
	if (strncmp(name, want, wlen))
		return false;
	return name[wlen] == '\0' || (name[wlen] == '@' && !memchr(want, '@', wlen));
}

int fdt_path(const struct fdt *f, const char *path)
{
	int node = 0;	/* the root is the first token */
	int depth_want = 0;

	if (path[0] != '/')
		return -1;
	while (*++path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		int child = next_node(f, node);

		depth_want++;
		while (child >= 0) {
			int p = fdt_parent(f, child);

			if (p == node && name_matches(fdt_node_name(f, child), path, len))
				break;
			child = next_node(f, child);
		}
		if (child < 0)
			return -1;
		node = child;
		path += len - 1;
		if (!end)
			break;
		path++;
	}
	return node;
}

bool fdt_is_compatible(const struct fdt *f, int node, const char *compat)
{
	u32 len, pos = 0;
	const char *list = fdt_prop(f, node, "compatible", &len);

	if (!list)
		return false;
	while (pos < len) {
		u32 n = bounded_strlen((const u8 *)list + pos, len - pos);

		if (!strncmp(list + pos, compat, n) && compat[n] == '\0')
			return true;
		pos += n + 1;
	}
	return false;
}

static bool node_okay(const struct fdt *f, int node)
{
	u32 len;
	const char *s = fdt_prop(f, node, "status", &len);

	return !s || !strncmp(s, "okay", len) || !strncmp(s, "ok", len);
}

int fdt_find_compatible(const struct fdt *f, int from, const char *compat)
{
	int node = from < 0 ? 0 : next_node(f, from);

	for (; node >= 0; node = next_node(f, node))
		if (fdt_is_compatible(f, node, compat) && node_okay(f, node))
			return node;
	return -1;
}

static u64 read_cells(const u8 *p, u32 n)
{
	u64 v = 0;

	while (n--) {
		v = (v << 32) | fdt32(p);
		p += 4;
	}
	return v;
}

bool fdt_reg(const struct fdt *f, int node, int idx, u64 *addr, u64 *size)
{
	int parent = fdt_parent(f, node);
	u32 ac = fdt_prop_u32(f, parent, "#address-cells", 2);
	u32 sc = fdt_prop_u32(f, parent, "#size-cells", 1);
	u32 len, stride = (ac + sc) * 4;
	const u8 *p = fdt_prop(f, node, "reg", &len);

	if (!p || ac > 2 || sc > 2 || !stride || idx < 0 ||
	    (u32)(idx + 1) * stride > len)
		return false;
	p += (u32)idx * stride;
	*addr = read_cells(p, ac);
	*size = read_cells(p + ac * 4, sc);
	return true;
}

/* The node with this phandle, or -1. */
static int node_by_phandle(const struct fdt *f, u32 ph)
{
	int node;

	for (node = 0; node >= 0; node = next_node(f, node))
		if (fdt_prop_u32(f, node, "phandle", 0) == ph ||
		    fdt_prop_u32(f, node, "linux,phandle", 0) == ph)
			return node;
	return -1;
}

int fdt_irq(const struct fdt *f, int node, int idx)
{
	int n = node, ctrl;
	u32 len, cells;
	const u8 *p;

	while (n >= 0 && !fdt_prop(f, n, "interrupt-parent", NULL))
		n = fdt_parent(f, n);
	if (n < 0)
		return -1;
	ctrl = node_by_phandle(f, fdt_prop_u32(f, n, "interrupt-parent", 0));
	cells = fdt_prop_u32(f, ctrl, "#interrupt-cells", 1);
	p = fdt_prop(f, node, "interrupts", &len);
	if (ctrl < 0 || !p || cells < 1 || cells > 3 || idx < 0 ||
	    (u32)(idx + 1) * cells * 4 > len)
		return -1;
	p += (u32)idx * cells * 4;
	if (cells == 3)		/* GIC: <type number flags> */
		return (int)(fdt32(p + 4) + (fdt32(p) == 0 ? 32 : 16));
	return (int)fdt32(p);
}
