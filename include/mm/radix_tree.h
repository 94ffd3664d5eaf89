/*
 * A radix tree: the page cache's index from a page offset in a file to
 * its struct page (mm/radix_tree.c), as Linux's page cache used until it
 * became the XArray.
 *
 * A 32-bit index is cut into 6-bit pieces from the top; each level of the
 * tree is a node of 64 slots, and the tree is only as tall as the largest
 * index in it needs:
 *
 *   height  indexes          example: index 0x1234 = 0b01 001000 110100
 *   1       0 .. 63            level 2 slot 1 -> level 1 slot 8 ->
 *   2       0 .. 4095          level 0 slot 52: the page
 *   3       0 .. 262143
 *   ...     (6 levels hold every 32-bit index)
 *
 * Every slot also carries tags (one bit each, per tag kind): a node's tag
 * bit is set when some item below that slot has the tag, so "the next
 * dirty page of this file" is a walk down tagged slots only, not a scan.
 * Tags used: PAGECACHE_TAG_DIRTY, PAGECACHE_TAG_WRITEBACK.
 *
 * Not thread-safe on its own: the page cache serialises with interrupts
 * masked (one CPU) and, later, its own lock.
 */
#ifndef MM_RADIX_TREE_H
#define MM_RADIX_TREE_H

#include <kernel/types.h>
#include <mm/gfp.h>

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1u << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)
#define RADIX_TREE_MAX_HEIGHT	6	/* 6 x 6 bits >= 32 bits */
#define RADIX_TREE_MAX_TAGS	2
#define RADIX_TREE_TAG_WORDS	(RADIX_TREE_MAP_SIZE / 32)

struct radix_tree_node {
	unsigned char height;		/* 1 for the nodes whose slots hold items */
	unsigned char offset;		/* which slot of the parent holds us */
	unsigned short count;		/* slots in use */
	struct radix_tree_node *parent;
	void *slots[RADIX_TREE_MAP_SIZE];
	u32 tags[RADIX_TREE_MAX_TAGS][RADIX_TREE_TAG_WORDS];
};

struct radix_tree_root {
	unsigned int height;		/* 0: empty */
	struct radix_tree_node *rnode;
	unsigned int root_tags;		/* tag kinds set anywhere in the tree */
	gfp_t gfp;			/* for new nodes */
};

#define RADIX_TREE_INIT(gfp_mask) { 0, NULL, 0, (gfp_mask) }

static inline void radix_tree_init_root(struct radix_tree_root *root, gfp_t gfp)
{
	root->height = 0;
	root->rnode = NULL;
	root->root_tags = 0;
	root->gfp = gfp;
}

/* radix_tree_insert - put item at index: 0, -EEXIST, or -ENOMEM. */
/* radix_tree_preload - allocate the nodes an insert could need, where the
 * caller may sleep; 0 or -ENOMEM (mm/radix_tree.c). */
int radix_tree_preload(gfp_t gfp);
void radix_tree_preload_drain(void);
int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);

/* radix_tree_lookup - the item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);

/* radix_tree_delete - take the item at index out (its tags too); it, or NULL. */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

/* Tags on present items: set, clear, test; radix_tree_tagged: any item has it. */
void radix_tree_tag_set(struct radix_tree_root *root, unsigned long index, unsigned int tag);
void radix_tree_tag_clear(struct radix_tree_root *root, unsigned long index, unsigned int tag);
bool radix_tree_tag_get(const struct radix_tree_root *root, unsigned long index,
			unsigned int tag);
static inline bool radix_tree_tagged(const struct radix_tree_root *root, unsigned int tag)
{
	return root->root_tags & (1u << tag);
}

/*
 * radix_tree_gang_lookup - up to max items at indexes >= first, in index
 * order, into results; returns how many.  The _tag form returns only
 * items with the tag.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root, void **results,
				    unsigned long first, unsigned int max);
unsigned int radix_tree_gang_lookup_tag(const struct radix_tree_root *root, void **results,
					unsigned long first, unsigned int max, unsigned int tag);

/* Number of nodes allocated by every tree (for /proc/slabinfo checks and tests). */
extern unsigned long radix_tree_nodes;

void radix_tree_init(void);

#endif
