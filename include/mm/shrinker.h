/*
 * Shrinkers: caches outside the page cache that can give memory back
 * when asked (the dentry and inode caches; later others).  Each says how
 * many objects it could free (count_objects) and frees up to a number
 * (scan_objects, returning how many it freed).  drop_caches=2 and
 * reclaim (mm/vmscan.c, shrink_node) ask them through shrink_slab().
 */
#ifndef MM_SHRINKER_H
#define MM_SHRINKER_H

#include <kernel/types.h>
#include <kernel/list.h>

struct shrinker {
	const char *name;
	unsigned long (*count_objects)(struct shrinker *s);
	unsigned long (*scan_objects)(struct shrinker *s, unsigned long nr);
	struct list_head list;
	unsigned long nr_scanned, nr_freed;	/* since boot, for /proc/shrinkers */
};

void register_shrinker(struct shrinker *s);
void unregister_shrinker(struct shrinker *s);
/* shrink_slab - ask every shrinker for its share at reclaim priority
 * `priority` (12 .. 0; 0: all it holds); returns the objects freed. */
unsigned long shrink_slab(int priority);

#endif
