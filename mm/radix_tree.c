/*
 * mm/radix_tree.c - the radix tree of include/mm/radix_tree.h.
 *
 * Growing and shrinking.  The tree is as tall as its largest index needs.
 * Inserting an index beyond the top puts a new root above the old one
 * (the old root becomes slot 0, its tags carried up); deleting the last
 * item under a node frees the node, and a root with only slot 0 in use
 * is replaced by that child.  So an empty tree holds no node at all.
 *
 * Tags.  Bit `offset` of node->tags[tag] is set when the slot holds an
 * item with the tag (height 1), or a child with some tagged item below.
 * Setting a tag marks the whole path; clearing one clears upwards only
 * while a node has no other slot so tagged.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/bug.h>
#include <mm/slab.h>
#include <mm/radix_tree.h>

static struct kmem_cache *node_cachep;
unsigned long radix_tree_nodes;

void radix_tree_init(void)
{
	node_cachep = kmem_cache_create("radix_tree_node", sizeof(struct radix_tree_node), 0,
					SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, NULL);
}

/* The largest index a tree of this height holds. */
static u64 max_index(unsigned int height)
{
	return height >= RADIX_TREE_MAX_HEIGHT ? 0xffffffffull :
	       (1ull << (RADIX_TREE_MAP_SHIFT * height)) - 1;
}

static unsigned int slot_of(unsigned long index, unsigned int height)
{
	return (unsigned int)(index >> (RADIX_TREE_MAP_SHIFT * (height - 1))) & RADIX_TREE_MAP_MASK;
}

static bool tag_test(const struct radix_tree_node *n, unsigned int tag, unsigned int off)
{
	return n->tags[tag][off / 32] & (1u << (off % 32));
}

static void tag_on(struct radix_tree_node *n, unsigned int tag, unsigned int off)
{
	n->tags[tag][off / 32] |= 1u << (off % 32);
}

static void tag_off(struct radix_tree_node *n, unsigned int tag, unsigned int off)
{
	n->tags[tag][off / 32] &= ~(1u << (off % 32));
}

static bool any_tag(const struct radix_tree_node *n, unsigned int tag)
{
	unsigned int i;

	for (i = 0; i < RADIX_TREE_TAG_WORDS; i++)
		if (n->tags[tag][i])
			return true;
	return false;
}

/*
 * The preload: nodes allocated before an insert, where the caller may
 * still sleep and reclaim (radix_tree_preload), and used by the insert
 * first.  The page cache inserts with interrupts masked; an allocation
 * there that reclaimed could sleep, or free pages of this very tree, in
 * the middle of the insert.  With the preload, the insert itself never
 * needs to reclaim: RADIX_TREE_MAX_HEIGHT nodes cover any insert.  One
 * pool for all (one CPU; only tasks insert): whoever inserts next uses
 * it, and the next preload tops it up.
 */
static struct radix_tree_node *preload_nodes[RADIX_TREE_MAX_HEIGHT];
static unsigned int preload_nr;

int radix_tree_preload(gfp_t gfp)
{
	while (preload_nr < RADIX_TREE_MAX_HEIGHT) {
		struct radix_tree_node *n = kmem_cache_alloc(node_cachep, gfp);

		if (!n)
			return -ENOMEM;
		if (preload_nr >= RADIX_TREE_MAX_HEIGHT) {	/* another task filled it while we slept */
			kmem_cache_free(node_cachep, n);
			break;
		}
		preload_nodes[preload_nr++] = n;
	}
	return 0;
}

/* radix_tree_preload_drain - give the pool back (drop_caches=2). */
void radix_tree_preload_drain(void)
{
	while (preload_nr)
		kmem_cache_free(node_cachep, preload_nodes[--preload_nr]);
}

static struct radix_tree_node *node_alloc(const struct radix_tree_root *root)
{
	struct radix_tree_node *n;

	if (preload_nr)
		n = preload_nodes[--preload_nr];
	else
		n = kmem_cache_alloc(node_cachep, root->gfp);
	if (n) {
		memset(n, 0, sizeof(*n));
		radix_tree_nodes++;
	}
	return n;
}

static void node_free(struct radix_tree_node *n)
{
	radix_tree_nodes--;
	kmem_cache_free(node_cachep, n);
}

static void shrink(struct radix_tree_root *root);

/* Free n and its ancestors while they hold nothing (after a failed insert). */
static void prune_empty(struct radix_tree_node *n)
{
	struct radix_tree_node *parent;

	while (n && !n->count && (parent = n->parent)) {
		parent->slots[n->offset] = NULL;
		parent->count--;
		node_free(n);
		n = parent;
	}
}

/*
 * radix_tree_insert - a failure (no memory for a node) leaves the tree as
 * it was: the nodes made on the way are pruned again, and a root added on
 * top is taken off by shrink().
 */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct radix_tree_node *n, *child;
	unsigned int h, off, t;

	BUG_ON(!item);
	/* grow: new roots on top, the old one becomes slot 0 */
	while (!root->height || max_index(root->height) < index) {
		n = node_alloc(root);
		if (!n) {
			shrink(root);
			return -ENOMEM;
		}
		n->height = (unsigned char)(root->height + 1);
		if (root->rnode) {
			n->slots[0] = root->rnode;
			n->count = 1;
			root->rnode->parent = n;
			root->rnode->offset = 0;
			for (t = 0; t < RADIX_TREE_MAX_TAGS; t++)
				if (root->root_tags & (1u << t))
					tag_on(n, t, 0);
		}
		root->rnode = n;
		root->height++;
	}
	/* down to the height-1 node, making what is missing */
	for (n = root->rnode, h = root->height; h > 1; h--, n = child) {
		off = slot_of(index, h);
		child = n->slots[off];
		if (child)
			continue;
		child = node_alloc(root);
		if (!child) {
			prune_empty(n);
			shrink(root);
			return -ENOMEM;
		}
		child->height = (unsigned char)(h - 1);
		child->parent = n;
		child->offset = (unsigned char)off;
		n->slots[off] = child;
		n->count++;
	}
	off = slot_of(index, 1);
	if (n->slots[off])
		return -EEXIST;
	n->slots[off] = item;
	n->count++;
	return 0;
}

/* The height-1 node that would hold index, or NULL. */
static struct radix_tree_node *leaf_node(const struct radix_tree_root *root,
					 unsigned long index)
{
	struct radix_tree_node *n = root->rnode;
	unsigned int h;

	if (!n || index > max_index(root->height))
		return NULL;
	for (h = root->height; h > 1 && n; h--)
		n = n->slots[slot_of(index, h)];
	return n;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *n = leaf_node(root, index);

	return n ? n->slots[slot_of(index, 1)] : NULL;
}

/* Clear tag for (n, off) and upwards while nothing else below is tagged. */
static void clear_tag_up(struct radix_tree_root *root, struct radix_tree_node *n,
			 unsigned int off, unsigned int tag)
{
	while (n) {
		tag_off(n, tag, off);
		if (any_tag(n, tag))
			return;
		off = n->offset;
		n = n->parent;
	}
	root->root_tags &= ~(1u << tag);
}

/* A root with one child in slot 0 gives way to it; an empty root goes. */
static void shrink(struct radix_tree_root *root)
{
	struct radix_tree_node *n = root->rnode;

	while (n && root->height > 1 && n->count == 1 && n->slots[0]) {
		struct radix_tree_node *child = n->slots[0];

		child->parent = NULL;
		child->offset = 0;
		root->rnode = child;
		root->height--;
		node_free(n);
		n = child;
	}
	if (n && !n->count) {
		node_free(n);
		root->rnode = NULL;
		root->height = 0;
		root->root_tags = 0;
	}
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *n = leaf_node(root, index), *parent;
	unsigned int off = slot_of(index, 1), t;
	void *item;

	if (!n || !(item = n->slots[off]))
		return NULL;
	for (t = 0; t < RADIX_TREE_MAX_TAGS; t++)
		if (tag_test(n, t, off))
			clear_tag_up(root, n, off, t);
	n->slots[off] = NULL;
	n->count--;
	/* empty nodes go, from the bottom up (the root stays for shrink) */
	while (!n->count && (parent = n->parent)) {
		off = n->offset;
		parent->slots[off] = NULL;
		parent->count--;
		for (t = 0; t < RADIX_TREE_MAX_TAGS; t++)
			if (tag_test(parent, t, off))
				clear_tag_up(root, parent, off, t);
		node_free(n);
		n = parent;
	}
	shrink(root);
	return item;
}

void radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_node *n = root->rnode;
	unsigned int h;

	BUG_ON(tag >= RADIX_TREE_MAX_TAGS || !radix_tree_lookup(root, index));
	for (h = root->height; h >= 1; h--) {
		unsigned int off = slot_of(index, h);

		tag_on(n, tag, off);
		if (h > 1)
			n = n->slots[off];
	}
	root->root_tags |= 1u << tag;
}

void radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag)
{
	struct radix_tree_node *n = leaf_node(root, index);
	unsigned int off = slot_of(index, 1);

	if (n && n->slots[off] && tag_test(n, tag, off))
		clear_tag_up(root, n, off, tag);
}

bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index,
			unsigned int tag)
{
	struct radix_tree_node *n = leaf_node(root, index);
	unsigned int off = slot_of(index, 1);

	return n && n->slots[off] && tag_test(n, tag, off);
}

/*
 * next_item - the item with the smallest index >= *index under n (whose
 * slots cover height h), with the tag if tag >= 0; *index is set to its
 * index.  NULL if there is none.
 */
static void *next_item(const struct radix_tree_node *n, unsigned int h, unsigned long base,
		       unsigned long *index, int tag)
{
	unsigned int shift = RADIX_TREE_MAP_SHIFT * (h - 1), off;
	unsigned long start = *index;

	off = start > base ? (unsigned int)((start - base) >> shift) : 0;
	for (; off < RADIX_TREE_MAP_SIZE; off++) {
		unsigned long slot_base = base + ((unsigned long)off << shift);
		void *p = n->slots[off];

		if (!p || (tag >= 0 && !tag_test(n, (unsigned int)tag, off)))
			continue;
		if (h == 1) {
			*index = slot_base;
			return p;
		}
		if (start < slot_base)
			*index = slot_base;
		p = next_item(p, h - 1, slot_base, index, tag);
		if (p)
			return p;
		if (shift >= 32 || slot_base + (1ul << shift) == 0)
			break;		/* the end of the index space */
		*index = slot_base + (1ul << shift);
	}
	return NULL;
}

static unsigned int gang_lookup(const struct radix_tree_root *root, void **results,
				unsigned long first, unsigned int max, int tag)
{
	unsigned int n = 0;
	unsigned long index = first;

	if (!root->rnode || (tag >= 0 && !radix_tree_tagged(root, (unsigned int)tag)))
		return 0;
	while (n < max && index <= max_index(root->height)) {
		void *item = next_item(root->rnode, root->height, 0, &index, tag);

		if (!item)
			break;
		results[n++] = item;
		if (index == 0xfffffffful)
			break;
		index++;
	}
	return n;
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first, unsigned int max)
{
	return gang_lookup(root, results, first, max, -1);
}

unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long first, unsigned int max, unsigned int tag)
{
	return gang_lookup(root, results, first, max, (int)tag);
}
