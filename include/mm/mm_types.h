/*
 * struct page: one per physical page frame (FLATMEM: the array mem_map[]
 * indexed by pfn - min_pfn).  SPEC section 3.
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

/*
 * An address space.  init_mm is the kernel's own: its first-level table
 * holds the kernel half (0xBF000000 up) that every process table shares.
 * Processes, VMAs, ASIDs and counters are added by the process code.
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
};

#endif
