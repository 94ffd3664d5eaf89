"""Known wrong answers: proof that each lab's grader tells right from wrong.

A mutation is a classic mistake, written as a small edit of one function of
the reference solution.  `make lab-check` applies each one to a copy of
the tree, grades the copy, and requires that

  - the exercise the mistake belongs to loses points, and
  - every other exercise keeps all of its points (unless the mutation
    names the exercises it unavoidably touches too, in `also`),

so that a student who makes that mistake is told so, in the right place.
`quick` marks the short set that `make test` runs (tests/system/test_labs.py).

    scripts/grade.py --check-all        tree 100%, handouts less, every mutation
    scripts/grade.py --mutations all    only the mutations (--lab N: one lab's)
    scripts/grade.py --mutations quick  the short set
"""
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Mutation:
    def __init__(self, lab, exercise, name, path, func, old, new, quick=False, also=()):
        self.lab, self.exercise, self.name = lab, exercise, name
        self.path, self.func, self.old, self.new = path, func, old, new
        self.quick, self.also = quick, tuple(also)

    @property
    def slug(self):
        return "lab%d-ex%d-%s" % (self.lab, self.exercise,
                                  re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")[:40])


M = Mutation
MUTATIONS = [
    # ---- lab 1: boot and the MMU
    M(1, 1, "sections executable (no XN unless MMU_EXEC)",
      "arch/arm/mmu.c", "mk_sect",
      "\tif (!(flags & MMU_EXEC))\n\t\td |= L1_SECT_XN;\n", ""),
    M(1, 1, "device sections as normal cacheable memory",
      "arch/arm/mmu.c", "mk_sect",
      "d |= L1_SECT_DEVICE | L1_SECT_XN;", "d |= L1_SECT_NORMAL_WBWA | L1_SECT_XN;"),
    M(1, 1, "kernel RW sections also user-accessible (AP=011)",
      "arch/arm/mmu.c", "mk_sect",
      "L1_SECT_AP_KRW : L1_SECT_AP_KRO", "L1_SECT_AP_URW : L1_SECT_AP_KRO"),
    M(1, 2, "pages executable (no XN unless MMU_EXEC)",
      "arch/arm/mmu.c", "pte_prot_bits",
      "\tif (!(flags & MMU_EXEC))\n\t\td |= L2_XN;\n", ""),
    M(1, 2, "user pages global (no nG)",
      "arch/arm/mmu.c", "pte_prot_bits",
      "d |= L2_NG | ((flags & MMU_WRITE) ? L2_AP_URW : L2_AP_UROKRO);",
      "d |= (flags & MMU_WRITE) ? L2_AP_URW : L2_AP_UROKRO;"),
    M(1, 2, "kernel read-only pages writable (AP=001 for both)",
      "arch/arm/mmu.c", "pte_prot_bits",
      "d |= (flags & MMU_WRITE) ? L2_AP_KRW : L2_AP_KRO;", "d |= L2_AP_KRW;"),
    M(1, 2, "user read-only pages writable by the kernel (AP=010)",
      "arch/arm/mmu.c", "pte_prot_bits",
      "L2_AP_URW : L2_AP_UROKRO);", "L2_AP_URW : L2_AP_URO);"),
    M(1, 3, "the 1 GiB table printed from literals",
      "arch/arm/setup.c", "print_memory_layout",
      'layout_line("vmalloc", vmalloc_start, VMALLOC_END);\n'
      '\tlayout_line("lowmem", PAGE_OFFSET, (unsigned long)high_memory);',
      'layout_line("vmalloc", 0xf0800000, 0xff800000);\n'
      '\tlayout_line("lowmem", 0xc0000000, 0xf0000000);', quick=True),
    M(1, 3, "vmalloc start from the default size, not vmalloc_start",
      "arch/arm/setup.c", "print_memory_layout",
      'layout_line("vmalloc", vmalloc_start, VMALLOC_END);',
      'layout_line("vmalloc", VMALLOC_END - VMALLOC_DEFAULT_SIZE, VMALLOC_END);'),
    M(1, 3, "lowmem and vmalloc rows swapped",
      "arch/arm/setup.c", "print_memory_layout",
      'layout_line("vmalloc", vmalloc_start, VMALLOC_END);\n'
      '\tlayout_line("lowmem", PAGE_OFFSET, (unsigned long)high_memory);',
      'layout_line("lowmem", PAGE_OFFSET, (unsigned long)high_memory);\n'
      '\tlayout_line("vmalloc", vmalloc_start, VMALLOC_END);'),

    # ---- lab 2: the buddy allocator
    M(2, 1, "merges across the zone boundary",
      "mm/page_alloc.c", "__free_one_page",
      "\t\tif (!zone_spans_pfn(zone, buddy_pfn))\n\t\t\tbreak;\n", ""),
    M(2, 1, "merges with a free buddy of another order",
      "mm/page_alloc.c", "__free_one_page",
      "if (!PageBuddy(buddy) || buddy->private != order)", "if (!PageBuddy(buddy))"),
    M(2, 1, "the merged block starts at the buddy",
      "mm/page_alloc.c", "__free_one_page",
      "pfn &= buddy_pfn;", "pfn = buddy_pfn;"),
    M(2, 2, "gives back the lower halves and keeps the top",
      "mm/page_alloc.c", "expand",
      "add_to_free_list(&page[size], zone, high, mt);", "add_to_free_list(page, zone, high, mt);\n\t\tpage += size;"),
    M(2, 2, "never takes a block of exactly the right order",
      "mm/page_alloc.c", "__rmqueue_smallest",
      "for (cur = order; cur < MAX_ORDER; cur++) {", "for (cur = order + 1; cur < MAX_ORDER; cur++) {"),
    M(2, 2, "splits one order too few (loses the last half)",
      "mm/page_alloc.c", "expand",
      "while (high > low) {", "while (high > low + 1) {"),
    M(2, 3, "lets free pages fall one below the mark",
      "mm/page_alloc.c", "zone_watermark_ok",
      "return z->free_pages >= mark + (1UL << order);", "return z->free_pages > mark + (1UL << order);"),
    M(2, 3, "ignores the size of the request",
      "mm/page_alloc.c", "zone_watermark_ok",
      "return z->free_pages >= mark + (1UL << order);", "return z->free_pages > mark;"),
    M(2, 3, "no extra reserve for atomic requests",
      "mm/page_alloc.c", "zone_watermark_ok",
      "\tif (alloc_flags & ALLOC_HARDER)\n\t\tmark -= mark / 4;\n", ""),

    # ---- lab 3: the slab allocator
    M(3, 1, "the least waste of any order (ignores the 1/8 rule)",
      "mm/slab.c", "choose_order",
      "\t\tif (waste_8ths <= 1024) {\n\t\t\tbest = order;\n\t\t\tbreak;\n\t\t}\n", ""),
    M(3, 1, "objects per slab counted in one page",
      "mm/slab.c", "choose_order",
      "c->num = (unsigned int)((PAGE_SIZE << best) / c->size);",
      "c->num = (unsigned int)(PAGE_SIZE / c->size);"),
    M(3, 1, "accepts a quarter of waste",
      "mm/slab.c", "choose_order",
      "if (waste_8ths <= 1024) {", "if (waste_8ths <= 2048) {"),
    M(3, 2, "a full slab that loses an object stays on the full list",
      "mm/slab.c", "free_block",
      "} else if (slab->inuse == c->num - 1) {", "} else if (slab->inuse == c->num) {"),
    M(3, 2, "empty slabs are never given back",
      "mm/slab.c", "free_block",
      "\t\t\tif (c->free_objects > c->free_limit)\n\t\t\t\tslab_destroy(c, slab);\n\t\t\telse\n"
      "\t\t\t\tlist_add(&slab->lru, &c->slabs_free);",
      "\t\t\tlist_add(&slab->lru, &c->slabs_free);"),
    M(3, 2, "the object is taken but not counted",
      "mm/slab.c", "slab_get_obj",
      "\tslab->inuse++;\n", ""),
    M(3, 3, "refills from free slabs before partial ones",
      "mm/slab.c", "cache_alloc_refill",
      "if (!list_empty(&c->slabs_partial))\n\t\t\tslab = list_first_entry(&c->slabs_partial, struct page, lru);\n"
      "\t\telse if (!list_empty(&c->slabs_free))\n\t\t\tslab = list_first_entry(&c->slabs_free, struct page, lru);",
      "if (!list_empty(&c->slabs_free))\n\t\t\tslab = list_first_entry(&c->slabs_free, struct page, lru);\n"
      "\t\telse if (!list_empty(&c->slabs_partial))\n\t\t\tslab = list_first_entry(&c->slabs_partial, struct page, lru);"),
    M(3, 3, "flushes the newest objects, not the oldest",
      "mm/slab.c", "cache_flusharray",
      "\tfree_block(c, ac->entry, n);\n\tac->avail -= n;\n\tmemmove(ac->entry, ac->entry + n, ac->avail * sizeof(void *));",
      "\tfree_block(c, ac->entry + ac->avail - n, n);\n\tac->avail -= n;"),
    M(3, 3, "flushes without closing the gap",
      "mm/slab.c", "cache_flusharray",
      "\tmemmove(ac->entry, ac->entry + n, ac->avail * sizeof(void *));\n", ""),

    # ---- lab 4: vmalloc, kmap and ioremap
    M(4, 1, "huge ranges from the bottom of the piece too",
      "mm/vmalloc.c", "fit_in",
      "\tif (align >= SECTION_SIZE) {\n\t\taddr = ALIGN_DOWN(va->va_end - size, (vaddr_t)align);\n"
      "\t\treturn addr >= va->va_start ? addr : 0;\n\t}\n", ""),
    M(4, 1, "forgets the alignment",
      "mm/vmalloc.c", "fit_in",
      "addr = ALIGN_UP(va->va_start, (vaddr_t)align);", "addr = va->va_start;"),
    M(4, 1, "a class that may be too small is taken as sure to fit",
      "mm/vmalloc.c", "find_free_piece",
      "\tif (need > (PAGE_SIZE << c))\t/* not a power of two: class c may hold smaller */\n\t\tc++;\n", ""),
    M(4, 2, "a flush for every slot it frees",
      "mm/highmem.c", "flush_all_zero_pkmaps",
      "\t\tneed_flush = true;\n", "\t\tarch_flush_tlb_kernel_range(PKMAP_BASE, PKMAP_END);\n"
      "\t\tkmap_stats.flushes++;\n"),
    M(4, 2, "frees slots still in use",
      "mm/highmem.c", "flush_all_zero_pkmaps",
      "if (pkmap_count[nr] != 1)", "if (pkmap_count[nr] == 0)"),
    M(4, 2, "starts the search at slot 0 every time",
      "mm/highmem.c", "map_new_virtual",
      "last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;", "last_pkmap_nr = tries % LAST_PKMAP;"),
    M(4, 3, "maps devices as normal memory",
      "mm/ioremap.c", "ioremap",
      "MMU_KERNEL_RW | MMU_DEVICE", "MMU_KERNEL_RW"),
    M(4, 3, "returns the page, not the register's address",
      "mm/ioremap.c", "ioremap",
      "return (char *)vm->addr + (pa - base);", "return vm->addr;"),
    M(4, 3, "never uses a section",
      "mm/ioremap.c", "ioremap",
      "\tif (IS_ALIGNED(base, SECTION_SIZE) && len >= SECTION_SIZE)\n"
      "\t\tvm = get_vm_area(len, VM_IOREMAP, SECTION_SIZE, _RET_IP_);\n", ""),
    M(4, 3, "maps RAM too",
      "mm/ioremap.c", "ioremap",
      "\tif (range_is_ram(base, len)) {", "\tif (0 && range_is_ram(base, len)) {"),

    # ---- lab 5: page faults and lazy allocation
    M(5, 1, "a first read gets a fresh page, not the zero page",
      "mm/memory.c", "do_anonymous_page",
      "if (!write) {\t/* first read", "if (0) {\t/* first read"),
    M(5, 1, "the zero page mapped writable",
      "mm/memory.c", "do_anonymous_page",
      "PFN_PHYS(zero_pfn), vma_mmu_flags(vma, false))", "PFN_PHYS(zero_pfn), vma_mmu_flags(vma, true))"),
    M(5, 1, "a new page is not zeroed",
      "mm/memory.c", "do_anonymous_page",
      "page = alloc_anon_page(vma, true);", "page = alloc_anon_page(vma, false);"),
    M(5, 2, "the stack grows without limit",
      "mm/memory.c", "expand_stack",
      "\tif (vma->vm_end - addr > stack_limit)\n\t\treturn -ENOMEM;\n", ""),
    M(5, 2, "no guard gap above the mapping below",
      "mm/memory.c", "expand_stack",
      "if (prev && addr < prev->vm_end + stack_guard_gap)", "if (prev && addr < prev->vm_end)"),
    M(5, 2, "total_vm not updated",
      "mm/memory.c", "expand_stack",
      "\tmm->total_vm += (vma->vm_start - addr) >> PAGE_SHIFT;\n", ""),
    M(5, 3, "only a VMA that contains the address",
      "mm/vma.c", "find_vma",
      "\treturn best;", "\treturn NULL;"),
    M(5, 3, "the end is taken as inside",
      "mm/vma.c", "find_vma",
      "if (n->vm_end > addr) {", "if (n->vm_end >= addr) {"),
    M(5, 3, "the last candidate, not the lowest",
      "mm/vma.c", "find_vma",
      "\t\t\tbest = n;\n\t\t\tif (n->vm_start <= addr)\n\t\t\t\treturn n;\n\t\t\tn = n->rb_left;",
      "\t\t\tif (!best)\n\t\t\t\tbest = n;\n\t\t\tif (n->vm_start <= addr)\n\t\t\t\treturn n;\n\t\t\tn = n->rb_left;"),

    # ---- lab 6: copy-on-write fork
    M(6, 1, "reuses a page that is still shared",
      "mm/memory.c", "cow_decide",
      "if (is_anon && refcount == 1)", "if (is_anon && refcount <= 2)"),
    M(6, 1, "never reuses",
      "mm/memory.c", "cow_decide",
      "\tif (is_anon && refcount == 1)\n\t\treturn COW_REUSE;\n", ""),
    M(6, 1, "the zero page copied like any page",
      "mm/memory.c", "cow_decide",
      "\tif (is_zero)\n\t\treturn COW_ZERO_NEW;\n", ""),
    M(6, 2, "the old page keeps its mapping count",
      "mm/memory.c", "do_wp_page",
      "\tpage_zap_rmap(mm, old);\t\t/* the old page loses this mapping */\n", ""),
    M(6, 2, "a reused page stays read-only",
      "mm/memory.c", "do_wp_page",
      "\t\tcount_vm_event(PGCOW_REUSE);\n\t\tarch_mmu_set(mm, addr, pa & PAGE_MASK, vma_mmu_flags(vma, true));",
      "\t\tcount_vm_event(PGCOW_REUSE);\n\t\tarch_mmu_set(mm, addr, pa & PAGE_MASK, vma_mmu_flags(vma, false));"),
    M(6, 2, "the copy is not copied (a fresh page)",
      "mm/memory.c", "do_wp_page",
      "\t\tif (page)\n\t\t\tcopy_user_highpage(page, old, vma);\n", ""),
    M(6, 3, "the parent's entry stays writable",
      "arch/arm/pgtable.c", "copy_l2",
      "\t\t\tsrc[i] = pte;\n", "", quick=True),
    M(6, 3, "no reference taken for the child's mapping",
      "arch/arm/pgtable.c", "copy_l2",
      "\t\tpage_dup_rmap(phys_to_page(pte & L2_BASE_MASK));\n", ""),
    M(6, 3, "read-only pages made writable in the child",
      "arch/arm/pgtable.c", "copy_l2",
      "\t\tdst[i] = pte;\n", "\t\tdst[i] = cow ? (pte & ~L2_AP_MASK) | L2_AP_URW : pte;\n"),

    # ---- lab 7: ASIDs and the TLB
    M(7, 1, "no TLB flush at rollover",
      "arch/arm/asid.c", "new_context",
      "\t\tlocal_flush_tlb_all();\n", ""),
    M(7, 1, "rollover without a new generation",
      "arch/arm/asid.c", "new_context",
      "asid_generation += NUM_ASIDS;", "(void)0;"),
    M(7, 1, "rolls over one ASID too late (hands out 256, i.e. ASID 0)",
      "arch/arm/asid.c", "new_context",
      "if (next_asid == NUM_ASIDS) {", "if (next_asid > NUM_ASIDS) {"),
    M(7, 2, "writes the new ASID, then TTBR0 (no reserved ASID between)",
      "arch/arm/asid.c", "cpu_switch_mm",
      "write_contextidr(0);\n\tisb();\n\twrite_ttbr0(pgd_pa | TTBR_FLAGS);\n\tisb();\n"
      "\tdsb();\t\t\t\t/* erratum 754322 */\n\twrite_contextidr(asid);\n\tisb();",
      "write_contextidr(asid);\n\tisb();\n\twrite_ttbr0(pgd_pa | TTBR_FLAGS);\n\tisb();"),
    M(7, 2, "writes the new ASID before and after TTBR0",
      "arch/arm/asid.c", "cpu_switch_mm",
      "write_contextidr(0);", "write_contextidr(asid);"),
    M(7, 2, "no DSB before the CONTEXTIDR writes (erratum 754322)",
      "arch/arm/asid.c", "cpu_switch_mm",
      "\tdsb();\t\t\t\t/* erratum 754322 */\n\twrite_contextidr(asid);",
      "\twrite_contextidr(asid);"),
    M(7, 2, "TTBR0 without the walk attributes",
      "arch/arm/asid.c", "cpu_switch_mm",
      "write_ttbr0(pgd_pa | TTBR_FLAGS);", "write_ttbr0(pgd_pa);"),
    M(7, 3, "flushes the page for ASID 0 instead of the process's",
      "arch/arm/asid.c", "arch_flush_user_page",
      "local_flush_tlb_page(va, (unsigned)asid);", "local_flush_tlb_page(va, 0);", quick=True),
    M(7, 3, "flushes the whole TLB for one page",
      "arch/arm/asid.c", "arch_flush_user_page",
      "local_flush_tlb_page(va, (unsigned)asid);", "local_flush_tlb_all();"),
    M(7, 3, "flushes the neighbouring page",
      "arch/arm/asid.c", "arch_flush_user_page",
      "local_flush_tlb_page(va, (unsigned)asid);",
      "local_flush_tlb_page(va + PAGE_SIZE, (unsigned)asid);"),

    # ---- lab 8: the page cache and writeback
    M(8, 1, "the periodic pass ignores the expiry",
      "kernel/fs/fs-writeback.c", "queue_io",
      "\t\tif (wbc->for_kupdate && (long)(wbc->older_than_this - inode->dirtied_when) < 0)\n"
      "\t\t\tcontinue;\n", "", quick=True),
    M(8, 1, "the expiry test the wrong way round (only young inodes)",
      "kernel/fs/fs-writeback.c", "queue_io",
      "(long)(wbc->older_than_this - inode->dirtied_when) < 0",
      "(long)(wbc->older_than_this - inode->dirtied_when) >= 0"),
    M(8, 1, "a periodic pass takes every inode once the oldest has expired",
      "kernel/fs/fs-writeback.c", "queue_io",
      "\t\tif (wbc->for_kupdate && (long)(wbc->older_than_this - inode->dirtied_when) < 0)\n"
      "\t\t\tcontinue;\n",
      "\t\tif (wbc->for_kupdate && list_empty(io) &&\n"
      "\t\t    (long)(wbc->older_than_this - inode->dirtied_when) < 0)\n"
      "\t\t\tcontinue;\n"),
    M(8, 2, "the two ratios swapped",
      "mm/page-writeback.c", "global_dirty_limits",
      "unsigned long thresh = avail * vm_dirty_ratio / 100;\n"
      "\tunsigned long bg = avail * dirty_background_ratio / 100;",
      "unsigned long thresh = avail * dirty_background_ratio / 100;\n"
      "\tunsigned long bg = avail * vm_dirty_ratio / 100;"),
    M(8, 2, "a background ratio above the dirty ratio taken as it is",
      "mm/page-writeback.c", "global_dirty_limits",
      "\tif (bg >= thresh)\n\t\tbg = thresh / 2;\n", ""),
    M(8, 2, "a share of all RAM, not of dirtyable memory",
      "mm/page-writeback.c", "global_dirty_limits",
      "unsigned long avail = global_dirtyable_memory();",
      "unsigned long avail = totalram_pages;"),
    M(8, 3, "the entries are left writable",
      "mm/rmap.c", "page_mkclean",
      "\t\tarch_mmu_wrprotect_page(vma->vm_mm, addr);\n", ""),
    M(8, 3, "only the first mapping is write-protected",
      "mm/rmap.c", "page_mkclean",
      "\t\tcleaned++;\n", "\t\tcleaned++;\n\t\tbreak;\n"),

    # ---- lab 9: memory pressure
    M(9, 1, "a page is activated at its first use",
      "mm/swap.c", "mark_page_accessed",
      "\t} else if (!(f & (1UL << PG_referenced))) {\n\t\tSetPageReferenced(page);",
      "\t} else if (!(f & (1UL << PG_referenced))) {\n\t\tactivate_page(page);", quick=True),
    M(9, 1, "a second use only marks the page again",
      "mm/swap.c", "mark_page_accessed",
      "\t\tactivate_page(page);\n\t\tClearPageReferenced(page);",
      "\t\tClearPageReferenced(page);"),
    M(9, 2, "oom_score_adj -1000 is not excluded",
      "mm/oom_kill.c", "oom_badness",
      "if (adj == OOM_SCORE_ADJ_MIN || t->mm->oom_skip)", "if (t->mm->oom_skip)"),
    M(9, 2, "oom_score_adj ignored (memory alone)",
      "mm/oom_kill.c", "oom_badness",
      "\tadj *= (long)(totalpages / 1000);\n\treturn points + adj;", "\treturn points;"),
    M(9, 2, "oom_score_adj added as pages, not thousandths of memory",
      "mm/oom_kill.c", "oom_badness",
      "\tadj *= (long)(totalpages / 1000);\n", ""),
    M(9, 3, "the aged pages go back to the active list",
      "mm/vmscan.c", "shrink_active_list",
      "\t\tClearPageActive(page);\n", ""),
    M(9, 3, "ages the inactive list instead of the active one",
      "mm/vmscan.c", "shrink_active_list",
      "isolate_lru_pages(nr, lru, &hold, sc, &scanned);",
      "isolate_lru_pages(nr, lru - LRU_ACTIVE, &hold, sc, &scanned);"),

    # ---- lab 10: swap entries and the swap-in path
    M(10, 1, "type and offset swapped in the entry",
      "arch/arm/include/asm/mmu.h", "pte_mkswap",
      "((u32)offset << PTE_SWP_OFFSET_SHIFT) | ((u32)type << PTE_SWP_TYPE_SHIFT)",
      "((u32)type << PTE_SWP_OFFSET_SHIFT) | ((u32)offset << PTE_SWP_TYPE_SHIFT)"),
    M(10, 1, "the offset read one bit too far up",
      "arch/arm/include/asm/mmu.h", "pte_swp_offset",
      "return pte >> PTE_SWP_OFFSET_SHIFT;", "return pte >> (PTE_SWP_OFFSET_SHIFT + 1);"),
    M(10, 1, "TEX[0] left set in a swap entry (it looks old)",
      "arch/arm/include/asm/mmu.h", "pte_mkswap",
      "return ((u32)offset", "return L2_TEX(1) | ((u32)offset"),
    M(10, 2, "old entries taken for swap entries (TEX[0] not looked at)",
      "arch/arm/include/asm/mmu.h", "pte_is_swap",
      "return pte && !(pte & PTE_NOT_SWAP);", "return pte && !(pte & L2_TYPE_MASK);"),
    M(10, 2, "an empty entry taken for a swap entry (0 not ruled out)",
      "arch/arm/include/asm/mmu.h", "pte_is_swap",
      "return pte && !(pte & PTE_NOT_SWAP);", "return !(pte & PTE_NOT_SWAP);"),
    M(10, 3, "always mapped writable (a page a fork shared too)",
      "mm/memory.c", "swapin_map_page",
      "exclusive && !PageSwapCache(page));", "true);", quick=True),
    M(10, 3, "the slot keeps the entry's count (no swap_free)",
      "mm/memory.c", "swapin_map_page",
      "\tswap_free(e);\t\t\t\t/* the entry's count: it maps the page now */\n", ""),
    M(10, 3, "a shared page's reverse map is the VMA's own anon_vma, not the root",
      "mm/memory.c", "swapin_map_page",
      "exclusive ? vma->anon_vma : vma->anon_vma->root", "vma->anon_vma"),
]


def apply_mutation(tree, m):
    """Edit m.func in tree/m.path: m.old, which must occur exactly once in
    the function's body, becomes m.new."""
    handout = __import__("lab-handout")
    path = os.path.join(tree, m.path)
    lines = open(path).read().split("\n")
    span = handout.find_body(lines, m.func)
    if span is None:
        raise RuntimeError("%s: no function %s in %s" % (m.slug, m.func, m.path))
    first, last = span
    body = "\n".join(lines[first:last + 1])
    if body.count(m.old) != 1:
        raise RuntimeError("%s: %r occurs %d times in %s()" % (m.slug, m.old,
                                                                body.count(m.old), m.func))
    lines[first:last + 1] = body.replace(m.old, m.new).split("\n")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def grade_work_dir(reference, tree):
    from grade import work_name
    return os.path.join(reference, "build", "grade", work_name(tree))


def run_mutation(m, reference, board, root):
    """Grade a copy of reference with m applied.  Returns (ok, line, result)."""
    from grade import grade
    handout = __import__("lab-handout")
    import shutil
    tree = os.path.join(root, m.slug)
    handout.copy_tree(reference, tree)
    apply_mutation(tree, m)
    t0 = time.time()
    try:
        res = grade(m.lab, tree, board, reference=reference, quiet=True)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
        shutil.rmtree(grade_work_dir(reference, tree), ignore_errors=True)
    scores = {e["n"]: (e["score"], e["points"]) for e in res["exercises"]}
    wrong = []
    tgt = scores[m.exercise]
    if tgt[0] >= tgt[1]:
        wrong.append("exercise %d kept %d/%d" % (m.exercise, tgt[0], tgt[1]))
    for n, (s, p) in sorted(scores.items()):
        if n != m.exercise and n not in m.also and s < p:
            wrong.append("exercise %d lost points too (%d/%d)" % (n, s, p))
    line = "lab %d ex %d  %-55s %2d/%d  (%s)  %s  [%.0f s]" % (
        m.lab, m.exercise, m.name, res["score"], res["total"],
        ", ".join("ex%d %d/%d" % (n, s, p) for n, (s, p) in sorted(scores.items())),
        "ok" if not wrong else "WRONG: " + "; ".join(wrong), time.time() - t0)
    return not wrong, line, res


def failing_details(res, exercise):
    out = []
    for e in res["exercises"]:
        if e["n"] != exercise:
            continue
        for desc, ok, detail in e["checks"]:
            if not ok:
                out.append("      FAIL %s\n           %s" % (desc, detail.strip().replace(
                    "\n", "\n           ")))
    return "\n".join(out)


def run_mutations(which, reference, board, labs=None, verbose=False):
    root = os.path.join(reference, "build", "mutants")
    os.makedirs(root, exist_ok=True)
    bad = []
    for m in MUTATIONS:
        if (which == "quick" and not m.quick) or (labs and m.lab not in labs):
            continue
        try:
            ok, line, res = run_mutation(m, reference, board, root)
        except RuntimeError as e:
            ok, line, res = False, "lab %d ex %d  %s: %s" % (m.lab, m.exercise, m.name, e), None
        print(line)
        if res and (verbose or not ok):
            print(failing_details(res, m.exercise))
        sys.stdout.flush()
        if not ok:
            bad.append(line)
    return bad


def check_labs(reference, board, labs):
    """The reference grades 100% on every lab; its handout less, in every exercise."""
    from grade import grade
    from grade_labs import LABS
    handout = __import__("lab-handout")
    bad = []
    for n in labs:
        res = grade(n, reference, board)
        if res["score"] != res["total"]:
            bad.append("lab %d: the reference tree grades %d/%d" % (n, res["score"], res["total"]))
        out = os.path.join(reference, "build", "handout-lab%d" % n)
        handout.make_handout(n, out, src=reference, seed_board=board)
        res = grade(n, out, board)
        if any(e["score"] >= e["points"] for e in res["exercises"]):
            bad.append("lab %d: an exercise of the handout keeps its points: %s" % (
                n, ", ".join("%d/%d" % (e["score"], e["points"]) for e in res["exercises"])))
    assert set(labs) <= set(LABS)
    return bad


def main(args):
    from grade_labs import LABS
    reference = os.path.abspath(args.tree)
    labs = [args.lab] if args.lab else sorted(LABS)
    bad = []
    if args.check_all:
        bad += check_labs(reference, args.board, labs)
    print("known wrong answers (scripts/grade_mutations.py):")
    bad += run_mutations(args.mutations or "all", reference, args.board, labs, args.verbose)
    per_lab = {}
    for m in MUTATIONS:
        per_lab[m.lab] = per_lab.get(m.lab, 0) + 1
    few = [n for n in labs if per_lab.get(n, 0) < 3]
    if args.check_all and few:
        bad.append("labs with fewer than 3 known wrong answers: %s" % few)
    print("\n".join(bad) if bad else "lab-check: ok")
    return 1 if bad else 0
