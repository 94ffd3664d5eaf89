/*
 * mm/vma.c - the VMAs of an address space, in a sorted list and an AVL
 * tree keyed by vm_start (a sorted list for walking, a balanced tree for lookup).
 *
 * The list serves walks in address order (fork, exit, /proc/<pid>/maps);
 * the tree serves find_vma() in the page-fault path in O(log n).  An AVL
 * tree keeps the heights of the two subtrees of every node within one of
 * each other, so a tree of n VMAs is at most about 1.44 log2(n) deep.
 * (Linux uses a red-black tree, now a maple tree; the idea is the same.)
 *
 *       [0x8000,0x9000) h=2                 rotation after inserting C:
 *        /            \                       A                B
 *   [..) h=1        [..) h=1                   \      ->     /   \
 *                                               B           A     C
 *                                                \
 *                                                 C
 *
 * The tree is also augmented, as Linux's is, for finding free address
 * space in O(log n): every node keeps rb_subtree_gap, the largest free
 * gap in front of any VMA of its subtree.  The gap in front of a VMA runs
 * from the end of the VMA before it (in the list) to vma_start_gap(),
 * its start less the room a stack keeps below itself:
 *
 *        prev                 gap                  v
 *   [..........)<------------------------->[.............)
 *            prev->vm_end          vma_start_gap(v)
 *
 * Only the part at or above TASK_UNMAPPED_BASE counts: get_unmapped_area
 * never looks lower.  A gap below it (the gigabyte between the heap and
 * the first mmap) would otherwise be the largest of every subtree on the
 * left spine and lead the search down each one for nothing, and every
 * brk() that moved the heap's end would carry a changed gap up the tree.
 *
 * Each VMA caches its own gap (rb_gap), set where it can change: for a
 * VMA being linked, for its successor when a VMA is linked in front of it
 * or unlinked, and by vma_gap_update() for a VMA whose start, or whose
 * predecessor's end, moved in place (the stack growing, the heap
 * growing).  A node's rb_subtree_gap is max(rb_gap, its children's
 * values), recomputed wherever heights are (update_height), and
 * vma_gap_update() carries a changed rb_gap up from its node towards the
 * root, stopping where a value comes out the same.
 */
#include <kernel/types.h>
#include <kernel/errno.h>
#include <kernel/bug.h>
#include <mm/vma.h>
#include <mm/rmap.h>
#include <asm/memory.h>
#include <mm/memory.h>

void mm_vmas_init(struct mm_struct *mm)
{
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_rb = NULL;
	mm->mmap_cache = NULL;
	mm->map_count = 0;
}

static int height(const struct vm_area_struct *v)
{
	return v ? v->rb_height : 0;
}

/* The free gap in front of v from TASK_UNMAPPED_BASE up (0 if none). */
static unsigned long compute_gap(const struct vm_area_struct *v)
{
	vaddr_t start = v->vm_list.prev == &v->vm_mm->mmap ? 0 :
		list_entry(v->vm_list.prev, struct vm_area_struct, vm_list)->vm_end;
	vaddr_t end = vma_start_gap(v);

	if (start < TASK_UNMAPPED_BASE)
		start = TASK_UNMAPPED_BASE;

	return end > start ? end - start : 0;
}

static unsigned long subtree_gap(const struct vm_area_struct *v)
{
	return v ? v->rb_subtree_gap : 0;
}

static unsigned long max3(unsigned long a, unsigned long b, unsigned long c)
{
	if (b > a)
		a = b;
	return c > a ? c : a;
}

/* Height and largest gap of v from its children's (and its own gap). */
static void update_height(struct vm_area_struct *v)
{
	int l = height(v->rb_left), r = height(v->rb_right);

	v->rb_height = 1 + (l > r ? l : r);
	v->rb_subtree_gap = max3(v->rb_gap, subtree_gap(v->rb_left), subtree_gap(v->rb_right));
}

/* Only the gap value of v (heights stay); false if it did not change. */
static bool update_gap(struct vm_area_struct *v)
{
	unsigned long g = max3(v->rb_gap, subtree_gap(v->rb_left), subtree_gap(v->rb_right));

	if (g == v->rb_subtree_gap)
		return false;
	v->rb_subtree_gap = g;
	return true;
}

/* Carry v's changed rb_gap up the path from the root to v. */
static void propagate_gap(struct mm_struct *mm, struct vm_area_struct *v)
{
	struct vm_area_struct *path[64], *n = mm->mm_rb;
	int depth = 0;

	while (n && depth < (int)ARRAY_SIZE(path)) {
		path[depth++] = n;
		if (n == v)
			break;
		n = v->vm_start < n->vm_start ? n->rb_left : n->rb_right;
	}
	BUG_ON(!n || n != v);	/* v is not in the tree */
	while (depth-- && update_gap(path[depth]))
		;
}

/*
 * vma_gap_update - v's start, or the end of the VMA before it, moved in
 * place (v did not move in the tree): recompute its gap and carry the
 * change up the tree.
 */
void vma_gap_update(struct mm_struct *mm, struct vm_area_struct *v)
{
	unsigned long g = compute_gap(v);

	if (g == v->rb_gap)
		return;
	v->rb_gap = g;
	propagate_gap(mm, v);
}

static struct vm_area_struct *rotate_right(struct vm_area_struct *y)
{
	struct vm_area_struct *x = y->rb_left;

	y->rb_left = x->rb_right;
	x->rb_right = y;
	update_height(y);
	update_height(x);
	return x;
}

static struct vm_area_struct *rotate_left(struct vm_area_struct *x)
{
	struct vm_area_struct *y = x->rb_right;

	x->rb_right = y->rb_left;
	y->rb_left = x;
	update_height(x);
	update_height(y);
	return y;
}

/* Restore the AVL property at n after one of its subtrees changed by one. */
static struct vm_area_struct *rebalance(struct vm_area_struct *n)
{
	int balance;

	update_height(n);
	balance = height(n->rb_left) - height(n->rb_right);
	if (balance > 1) {
		if (height(n->rb_left->rb_left) < height(n->rb_left->rb_right))
			n->rb_left = rotate_left(n->rb_left);
		return rotate_right(n);
	}
	if (balance < -1) {
		if (height(n->rb_right->rb_right) < height(n->rb_right->rb_left))
			n->rb_right = rotate_right(n->rb_right);
		return rotate_left(n);
	}
	return n;
}

static struct vm_area_struct *tree_insert(struct vm_area_struct *n,
					  struct vm_area_struct *v)
{
	if (!n) {
		v->rb_left = v->rb_right = NULL;
		update_height(v);
		return v;
	}
	if (v->vm_start < n->vm_start)
		n->rb_left = tree_insert(n->rb_left, v);
	else
		n->rb_right = tree_insert(n->rb_right, v);
	return rebalance(n);
}

/* Remove the leftmost node of n's tree; *min receives it. */
static struct vm_area_struct *remove_min(struct vm_area_struct *n,
					 struct vm_area_struct **min)
{
	if (!n->rb_left) {
		*min = n;
		return n->rb_right;
	}
	n->rb_left = remove_min(n->rb_left, min);
	return rebalance(n);
}

static struct vm_area_struct *tree_remove(struct vm_area_struct *n,
					  struct vm_area_struct *v)
{
	struct vm_area_struct *m;

	BUG_ON(!n);	/* v is not in the tree */
	if (v->vm_start < n->vm_start) {
		n->rb_left = tree_remove(n->rb_left, v);
	} else if (v->vm_start > n->vm_start) {
		n->rb_right = tree_remove(n->rb_right, v);
	} else {
		if (!n->rb_left)
			return n->rb_right;
		if (!n->rb_right)
			return n->rb_left;
		m = NULL;
		n->rb_right = remove_min(n->rb_right, &m);
		m->rb_left = n->rb_left;
		m->rb_right = n->rb_right;
		n = m;
	}
	return rebalance(n);
}

/*
 * find_vma - the tree walk, after a look at the VMA found last
 * (mm->mmap_cache, as Linux's mm->mmap_cache once was): the faults of a
 * loop over an array, the heap's brk and its faults, all land in the same
 * VMA, so they cost the same in a process with one VMA or thousands.  The
 * cache is only used when addr lies inside that VMA (whose bounds are
 * current: a split or a trim changes them in place); vma_unlink clears it
 * before a VMA can be freed.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, vaddr_t addr)
{
	struct vm_area_struct *n = mm->mmap_cache, *best = NULL;

	if (n && n->vm_start <= addr && n->vm_end > addr)
		return n;
	n = mm->mm_rb;
	while (n) {
		if (n->vm_end > addr) {
			best = n;
			if (n->vm_start <= addr) {
				mm->mmap_cache = n;
				return n;
			}
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, vaddr_t addr,
				     struct vm_area_struct **prev)
{
	struct vm_area_struct *v = find_vma(mm, addr);

	if (v)
		*prev = vma_prev(mm, v);
	else
		*prev = list_empty(&mm->mmap) ? NULL :
			list_last_entry(&mm->mmap, struct vm_area_struct, vm_list);
	return v;
}

int vma_link(struct mm_struct *mm, struct vm_area_struct *v)
{
	struct vm_area_struct *next = find_vma(mm, v->vm_start);

	if (next && next->vm_start < v->vm_end)
		return -EEXIST;
	v->vm_mm = mm;
	if (next)
		list_add_tail(&v->vm_list, &next->vm_list);	/* just before next */
	else
		list_add_tail(&v->vm_list, &mm->mmap);
	v->rb_gap = compute_gap(v);
	mm->mm_rb = tree_insert(mm->mm_rb, v);
	mm->map_count++;
	if (next)
		vma_gap_update(mm, next);	/* its gap now ends at v */
	return 0;
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *v)
{
	struct vm_area_struct *next = vma_next(mm, v);

	if (mm->mmap_cache == v)
		mm->mmap_cache = NULL;
	mm->mm_rb = tree_remove(mm->mm_rb, v);
	list_del(&v->vm_list);
	mm->map_count--;
	if (next)
		vma_gap_update(mm, next);	/* its gap now reaches back past v */
}

void vma_split(struct mm_struct *mm, struct vm_area_struct *v, vaddr_t addr,
	       struct vm_area_struct *tail)
{
	struct list_head chain = tail->anon_vma_chain;	/* anon_vma_clone made it */

	BUG_ON(addr <= v->vm_start || addr >= v->vm_end || (addr & 0xFFF));
	*tail = *v;
	tail->anon_vma_chain = chain;	/* its links point at tail's list head */
	tail->vm_start = addr;
	tail->vm_pgoff += (addr - v->vm_start) >> 12;	/* file page, or anonymous: address */
	v->vm_end = addr;	/* the tree is keyed by vm_start: v stays put */
	list_add(&tail->vm_list, &v->vm_list);
	tail->rb_gap = compute_gap(tail);
	mm->mm_rb = tree_insert(mm->mm_rb, tail);
	mm->map_count++;
	/* no gap changed: tail's is empty, the next VMA's still starts at the old end */
}

/* Can a (below) and b (above, touching) be one VMA? */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_file != b->vm_file || a->vm_ops != b->vm_ops || a->vm_name != b->vm_name)
		return false;
	/* each page's index must still say where it is (mm/rmap.c) */
	return a->vm_pgoff + vma_pages(a) == b->vm_pgoff && anon_vma_mergeable(a, b);
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *v,
					    void (*free_fn)(struct vm_area_struct *))
{
	struct vm_area_struct *prev = vma_prev(mm, v), *next = vma_next(mm, v);

	if (next && can_merge(v, next)) {
		v->vm_end = next->vm_end;
		anon_vma_merge(v, next);
		vma_unlink(mm, next);
		if (free_fn)
			free_fn(next);
	}
	if (prev && can_merge(prev, v)) {
		prev->vm_end = v->vm_end;
		anon_vma_merge(prev, v);
		vma_unlink(mm, v);
		if (free_fn)
			free_fn(v);
		v = prev;
	}
	return v;
}

/* Check one subtree (order, balance, heights, gap values); returns its
 * height, or -1 if an invariant is broken. */
static int check_subtree(const struct vm_area_struct *n, vaddr_t lo, vaddr_t hi, int *count)
{
	unsigned long gap;
	int l, r;

	if (!n)
		return 0;
	if (n->vm_start < lo || n->vm_end > hi || n->vm_start >= n->vm_end)
		return -1;
	l = check_subtree(n->rb_left, lo, n->vm_start, count);
	r = check_subtree(n->rb_right, n->vm_end, hi, count);
	if (l < 0 || r < 0 || l - r > 1 || r - l > 1 || n->rb_height != 1 + (l > r ? l : r))
		return -1;
	if (n->rb_gap != compute_gap(n))
		return -1;
	gap = max3(n->rb_gap, subtree_gap(n->rb_left), subtree_gap(n->rb_right));
	if (n->rb_subtree_gap != gap)
		return -1;
	(*count)++;
	return n->rb_height;
}

int vma_tree_check(struct mm_struct *mm)
{
	int count = 0, listed = 0;
	vaddr_t last_end = 0;
	struct vm_area_struct *v;

	if (check_subtree(mm->mm_rb, 0, ~(vaddr_t)0, &count) < 0)
		return -1;
	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (v->vm_start < last_end)
			return -1;
		last_end = v->vm_end;
		listed++;
	}
	return (count == listed && count == mm->map_count) ? count : -1;
}
