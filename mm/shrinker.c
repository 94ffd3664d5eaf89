/*
 * mm/shrinker.c - the list of shrinkers (include/mm/shrinker.h).
 */
#include <mm/shrinker.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <mm/radix_tree.h>
#include <mm/arch_mmu.h>
#include <kernel/selftest.h>

#define DEFAULT_SEEKS 2

static LIST_HEAD(shrinker_list);

/* Registering a registered shrinker does nothing (an allocator set up
 * again, as the host tests do for each test). */
void register_shrinker(struct shrinker *s)
{
	if (s->list.next && !list_empty(&s->list))
		return;
	list_add_tail(&s->list, &shrinker_list);
}

void unregister_shrinker(struct shrinker *s)
{
	list_del(&s->list);
	INIT_LIST_HEAD(&s->list);
}

/*
 * shrink_slab - reclaim's share for the caches: at priority p each
 * shrinker is asked for (objects >> p) * 4 / seeks of them, as Linux 6.1
 * asks (seeks = 2, DEFAULT_SEEKS: an object costs twice a page to
 * rebuild), at most all.  Priority 0 asks for everything.  Returns the
 * objects freed.
 */
unsigned long shrink_slab(int priority)
{
	struct shrinker *s;
	unsigned long freed = 0;

	list_for_each_entry(s, &shrinker_list, list) {
		unsigned long count = s->count_objects(s), done;
		unsigned long n = (count >> priority) * 4 / DEFAULT_SEEKS;

		if (n > count)
			n = count;

		if (!n)
			continue;
		done = s->scan_objects(s, n);
		s->nr_scanned += n;
		s->nr_freed += done;
		freed += done;
	}
	return freed;
}

/*
 * drop_slab - drop_caches=2: every shrinker until they free (almost)
 * nothing more (a freed dentry may leave its parent and its inode
 * unused in turn), then the empty slabs, cached page tables and the
 * radix-tree nodes kept for the next insert.
 */
unsigned long drop_slab(void)
{
	unsigned long freed, total = 0;

	do {
		freed = shrink_slab(0);
		total += freed;
	} while (freed > 10);
	radix_tree_preload_drain();	/* the nodes kept for the next insert */
	kmem_cache_shrink_all();
	arch_drop_caches();
	return total;
}

/* /proc/shrinkers: what each shrinker holds and has given back. */
static void show_shrinkers(struct seq_buf *sb)
{
	struct shrinker *s;

	seq_printf(sb, "%-12s %10s %10s %10s\n", "name", "objects", "scanned", "freed");
	list_for_each_entry(s, &shrinker_list, list)
		seq_printf(sb, "%-12s %10lu %10lu %10lu\n", s->name, s->count_objects(s),
			   s->nr_scanned, s->nr_freed);
}
VIEW(shrinkers, show_shrinkers);
