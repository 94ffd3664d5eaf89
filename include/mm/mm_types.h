/*
 * struct page: one per physical page frame (FLATMEM: the array mem_map[]
 * indexed by pfn - min_pfn).  docs/physical-memory.md.
 *
 * It must stay at 8 machine words or fewer (32 bytes on ARM): with 1 GiB of
 * RAM that is 262144 pages * 32 B = 8 MiB of struct page.  The fields are
 * overloaded by who owns the page; the owner is told by the PG_* flags:
 *
 *   owner           lru link             private       mapping/freelist   index
 *   --------------  -------------------  ------------  -----------------  ------------
 *   buddy (free)    free_area list       order         -                  -
 *   per-CPU list    pcp list             migratetype   -                  -
 *   slab            cache's slab list    slab_cache    first free object  inuse/colour
 *   kmalloc large   -                    order         -                  -
 *   user anon/file  LRU list (later)     swap entry    address_space      file offset
 *
 * Counts (the overloaded ones):
 *   _refcount   0 = free (in the buddy or a per-CPU list); n = n users hold it
 *   _mapcount  -1 = mapped by no page table; n = mapped by n+1 page tables
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <kernel/types.h>
#include <kernel/list.h>

struct kmem_cache;
struct address_space;

struct page {
	unsigned long flags;		/* PG_* bits, zone number in the top bits */
	int _refcount;
	int _mapcount;
	struct list_head lru;
	union {
		unsigned long private;	/* buddy: order of the free block */
		struct kmem_cache *slab_cache;
	};
	union {
		struct address_space *mapping;
		void *freelist;		/* slab: first free object */
	};
	union {
		unsigned long index;	/* page cache: offset in the file, in pages */
		struct {
			unsigned short inuse;	/* slab: objects handed out */
			unsigned short s_colour;	/* slab: colour offset in bytes */
		};
	};
};

_Static_assert(sizeof(struct page) <= 8 * sizeof(void *),
	       "struct page must stay at 8 words (32 bytes on ARM)");

struct vm_area_struct;
struct address_space;
struct anon_vma;
struct file;
struct vm_operations_struct;

/* Per-process resident page counters (mm->rss[]). */
enum { MM_ANONPAGES, MM_FILEPAGES, MM_SHMEMPAGES, MM_SWAPENTS, NR_MM_COUNTERS };

/*
 * An address space.  init_mm is the kernel's own: its first-level table
 * holds the kernel half (TASK_SIZE and up) that every process table
 * copies.  A process's mm adds its VMAs, ASID and counters.
 *
 * VMAs are kept twice, as Linux keeps them: in a list sorted by address
 * (walks: fork, exit, /proc/<pid>/maps) and in a balanced tree (AVL,
 * mm/vma.c) for find_vma() in the page-fault path.
 */
struct mm_struct {
	u32 *pgd;		/* first-level table (kernel virtual address) */
	paddr_t pgd_pa;		/* ... and its physical address, for TTBR0 */
	/*
	 * Kernel first-level entries change after a process table was made
	 * (a new second-level table or a section in the vmalloc area).
	 * init_mm.vmalloc_seq counts those changes; a process whose copy is
	 * older re-copies the kernel half at the next switch to it (as
	 * Linux/ARM does with check_vmalloc_seq()).
	 */
	unsigned long vmalloc_seq;
	/*
	 * ASID and generation (arch/arm/asid.c):
	 *   bits 31..8  generation the ASID was handed out in
	 *   bits  7..0  the ASID written to CONTEXTIDR (0 is reserved)
	 * 0 means "never had one".
	 */
	u32 context_id;
	struct list_head pgtables;		/* pages of second-level tables */
	unsigned long nr_pgtables;

	struct list_head mmap;			/* VMAs sorted by address */
	struct vm_area_struct *mm_rb;		/* AVL tree root */
	struct vm_area_struct *mmap_cache;	/* the VMA find_vma found last */
	int map_count;				/* number of VMAs */
	int mm_users;				/* tasks using this mm */
	vaddr_t start_code, end_code, start_data, end_data;
	vaddr_t start_brk, brk, start_stack;
	unsigned long total_vm;			/* pages in all VMAs */
	long rss[NR_MM_COUNTERS];		/* resident pages by kind */
	unsigned long hiwater_rss;		/* VmHWM, kept lazily: see get_mm_hiwater_rss */
	bool oom_skip;				/* reaped by the OOM killer: skip it (MMF_OOM_SKIP) */
	unsigned def_flags;			/* added to every new VMA: VM_LOCKED after mlockall(MCL_FUTURE) */
};

/* vm_flags */
#define VM_READ		0x0001u
#define VM_WRITE	0x0002u
#define VM_EXEC		0x0004u
#define VM_SHARED	0x0008u
#define VM_MAYWRITE	0x0020u		/* mprotect may add VM_WRITE (file open for writing) */
#define VM_GROWSDOWN	0x0100u		/* the stack: may grow down on a fault */
#define VM_LOCKED	0x2000u		/* mlock: its pages stay in RAM (mm/mlock.c) */
#define VM_LOCKONFAULT	0x80000u	/* ... locked as they fault in, not all at once */
#define VM_ACCOUNT	0x100000u	/* its pages are in the commit charge (mm/mman.h) */
#define VM_NORESERVE	0x200000u	/* MAP_NORESERVE: never charged */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
#define VM_ACCESS_MASK	(VM_READ | VM_WRITE | VM_EXEC)

/*
 * A virtual memory area: [vm_start, vm_end) with one set of rights and
 * one backing: anonymous (vm_file NULL), or a file from page vm_pgoff on.
 * An anonymous VMA's vm_pgoff is its vm_start in pages, kept so through
 * splits, merges and growth: page->index of its pages is then the same in
 * every VMA that can map them (mm/rmap.c).
 * Shared anonymous memory is a file too, an unlinked one of tmpfs (as in
 * Linux, "/dev/zero (deleted)" in maps).  A file VMA is on its mapping's
 * i_mmap list, the reverse map of file pages: truncate and writeback find
 * every page-table entry of a file page through it (mm/rmap.c).
 */
/* Resident pages of mm, all kinds. */
static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return (unsigned long)(mm->rss[MM_ANONPAGES] + mm->rss[MM_FILEPAGES] +
			       mm->rss[MM_SHMEMPAGES]);
}

/*
 * The high-water mark of the resident set, kept as Linux keeps it: not on
 * every fault (RSS only grows there) but before RSS can fall - every zap
 * starts with tlb_gather_mmu, which calls update_hiwater_rss - and read
 * as the larger of the mark and the current RSS.
 */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	return mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
}

struct vm_area_struct {
	vaddr_t vm_start, vm_end;
	unsigned vm_flags;
	struct mm_struct *vm_mm;
	struct file *vm_file;			/* the mapped file, or NULL */
	const struct vm_operations_struct *vm_ops;	/* how its pages fault in */
	unsigned long vm_pgoff;			/* offset in vm_file, in pages */
	const char *vm_name;			/* [heap], [stack], for maps */
	struct list_head vm_shared;		/* in vm_file->f_mapping->i_mmap */
	struct anon_vma *anon_vma;		/* where its anonymous pages point (mm/rmap.c) */
	struct list_head anon_vma_chain;	/* its anon_vma_chains: every anon_vma it is on */
	struct list_head vm_list;		/* in mm->mmap, sorted */
	struct vm_area_struct *rb_left, *rb_right;	/* AVL tree */
	int rb_height;
	unsigned long rb_gap;			/* the free gap in front of this VMA (mm/vma.c) */
	unsigned long rb_subtree_gap;		/* ... the largest in this subtree */
};

#endif
