#!/usr/bin/env python3
"""Draw the figures of the docs (docs/figures/*.svg) as plain SVG.

    scripts/figures.py            write them all
    scripts/figures.py --check    exit 1 if a committed figure differs

The address-space figure takes its addresses from the layout table of
docs/memory-layout.md (which tests/system/test_boot.py checks against the
kernel's banner), so the figure and the kernel cannot disagree either.
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, "docs", "figures")
FONT = 'font-family="DejaVu Sans Mono, monospace"'


class Svg:
    def __init__(self, w, h, title):
        self.w, self.h, self.items = w, h, []
        self.items.append('<title>%s</title>' % esc(title))
        self.items.append('<rect x="0" y="0" width="%d" height="%d" fill="white"/>' % (w, h))

    def box(self, x, y, w, h, fill="#eef3fb", stroke="#345", dash=False):
        self.items.append('<rect x="%g" y="%g" width="%g" height="%g" fill="%s" stroke="%s"%s/>'
                          % (x, y, w, h, fill, stroke,
                             ' stroke-dasharray="4 3"' if dash else ""))

    def text(self, x, y, s, size=12, anchor="start", weight="normal", fill="#111"):
        self.items.append('<text x="%g" y="%g" font-size="%d" text-anchor="%s" font-weight="%s" '
                          'fill="%s" %s>%s</text>' % (x, y, size, anchor, weight, fill, FONT, esc(s)))

    def line(self, x1, y1, x2, y2, arrow=True, color="#345"):
        self.items.append('<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="1.3"%s/>'
                          % (x1, y1, x2, y2, color, ' marker-end="url(#arrow)"' if arrow else ""))

    def render(self):
        head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">\n'
                '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
                'fill="#345"/></marker></defs>\n' % (self.w, self.h, self.w, self.h))
        return head + "\n".join(self.items) + "\n</svg>\n"


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------ 3G/1G map

def layout_rows():
    text = open(os.path.join(TOP, "docs", "memory-layout.md")).read()
    return [(m.group(1), int(m.group(2), 16), int(m.group(3), 16)) for m in
            re.finditer(r"^\s+(\w+)\s*: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})", text, re.M)]


def address_space():
    rows = dict((n, (a, b)) for n, a, b in layout_rows())
    s = Svg(760, 600, "The 32-bit virtual address space: 3 GiB user, 1 GiB kernel")
    s.text(380, 24, "Virtual address space (vexpress-a9, MEM=1024)", 15, "middle", "bold")
    # Not to scale: each region gets a height that keeps it readable.
    regions = [
        ("vector", "exception vectors (high vectors)", "#f6e3c5", 24),
        ("fixmap", "fixmap: kmap_atomic slots, early console", "#f6e3c5", 30),
        ("gap1", "", None, 14),
        ("vmalloc", "vmalloc, vmap, ioremap, coherent DMA", "#dcefd9", 70),
        ("gap2", "8 MiB gap (VMALLOC_OFFSET)", None, 18),
        ("lowmem", "lowmem: linear map of DMA + Normal zones", "#d6e4f5", 110),
        ("pkmap", "pkmap: kmap() slots for HighMem pages", "#f6e3c5", 26),
        ("modules", "modules (reserved, unused)", "#eeeeee", 26),
        ("user", "user space: text, data, heap, mmap, stack", "#fbe0e0", 200),
    ]
    y, x, w = 50, 250, 260
    for name, label, fill, h in regions:
        if fill is None:
            s.box(x, y, w, h, fill="white", dash=True)
            if label:
                s.text(x + w / 2, y + h / 2 + 4, label, 10, "middle", fill="#666")
        else:
            s.box(x, y, w, h, fill=fill)
            s.text(x + w / 2, y + h / 2 - 2, name, 13, "middle", "bold")
            s.text(x + w / 2, y + h / 2 + 13, label, 9, "middle")
        if name in rows:
            lo, hi = rows[name]
            s.text(x - 8, y + 10, "0x%08x" % hi, 11, "end")
            s.text(x - 8, y + h, "0x%08x" % lo, 11, "end")
        elif name == "user":
            s.text(x - 8, y + 10, "0xbf000000 (TASK_SIZE)", 11, "end")
            s.text(x - 8, y + h, "0x00000000", 11, "end")
        y += h
    top_kernel = 50
    k_end = 50 + sum(h for n, _, _, h in regions if n != "user")
    s.line(x + w + 20, top_kernel, x + w + 20, k_end, arrow=False)
    s.text(x + w + 28, (top_kernel + k_end) / 2, "1 GiB kernel (TTBR0 upper entries,", 11)
    s.text(x + w + 28, (top_kernel + k_end) / 2 + 14, "global: nG=0; AP kernel-only)", 11)
    s.line(x + w + 20, k_end, x + w + 20, y, arrow=False)
    s.text(x + w + 28, (k_end + y) / 2, "3 GiB user (per process;", 11)
    s.text(x + w + 28, (k_end + y) / 2 + 14, "non-global: tagged with the ASID)", 11)
    s.text(x - 8, y + 20, "0xc0000000 = PAGE_OFFSET: va = pa - PHYS_OFFSET + PAGE_OFFSET",
           10, "start")
    s.text(380, 590, "heights not to scale; addresses from docs/memory-layout.md (checked "
           "against the banner)", 9, "middle", fill="#555")
    return s


# -------------------------------------------------------- page-table walk

def page_table_walk():
    s = Svg(820, 470, "The two-level short-descriptor walk of a 4 KiB page")
    s.text(410, 24, "Translating VA 0xbeffff38 (short descriptors, 4 KiB page)", 15, "middle", "bold")
    # the virtual address
    fields = [("L1 index", "31:20", "0xbef", 180), ("L2 index", "19:12", "0xff", 120),
              ("offset", "11:0", "0xf38", 140)]
    x = 190
    for name, bits, val, w in fields:
        s.box(x, 50, w, 40, fill="#fbe0e0")
        s.text(x + w / 2, 66, "%s [%s]" % (name, bits), 11, "middle")
        s.text(x + w / 2, 83, val, 12, "middle", "bold")
        x += w
    s.text(182, 75, "VA", 13, "end", "bold")
    # TTBR0
    s.box(20, 130, 140, 40, fill="#f6e3c5")
    s.text(90, 147, "TTBR0", 12, "middle", "bold")
    s.text(90, 163, "L1 table PA | walk attrs", 9, "middle")
    # L1 table
    s.box(210, 130, 170, 170)
    s.text(295, 146, "L1 table: 4096 x 4 B", 11, "middle", "bold")
    s.box(220, 210, 150, 26, fill="#dcefd9")
    s.text(295, 227, "L1[0xbef] type 01", 10, "middle")
    s.text(295, 288, "16 KiB, 16 KiB-aligned", 9, "middle")
    s.line(160, 150, 210, 150)
    s.line(250, 90, 250, 210)
    # L2 table
    s.box(470, 170, 170, 150)
    s.text(555, 186, "L2 table: 256 x 4 B", 11, "middle", "bold")
    s.box(480, 260, 150, 26, fill="#dcefd9")
    s.text(555, 277, "L2[0xff] type 1x", 10, "middle")
    s.line(370, 223, 470, 190)
    s.line(430, 90, 520, 260)
    # page
    s.box(690, 250, 110, 90, fill="#d6e4f5")
    s.text(745, 270, "4 KiB page", 11, "middle", "bold")
    s.text(745, 300, "PA = base", 10, "middle")
    s.text(745, 314, "| offset", 10, "middle")
    s.line(630, 273, 690, 273)
    s.line(560, 90, 745, 250)
    # descriptor formats
    s.text(20, 360, "L1 page-table descriptor (type 01):", 12, weight="bold")
    l1 = [("L2 table base [31:10]", 220), ("P", 20), ("domain [8:5]", 90), ("0", 20), ("NS", 26),
          ("PXN", 30), ("0 1", 40)]
    x = 20
    for name, w in l1:
        s.box(x, 368, w, 24, fill="#eef3fb")
        s.text(x + w / 2, 384, name, 9, "middle")
        x += w
    s.text(20, 420, "L2 small-page descriptor (type 1x):", 12, weight="bold")
    l2 = [("page base [31:12]", 200), ("nG", 26), ("S", 20), ("AP[2]", 40), ("TEX[8:6]", 64),
          ("AP[5:4]", 56), ("C", 20), ("B", 20), ("1", 20), ("XN", 26)]
    x = 20
    for name, w in l2:
        s.box(x, 428, w, 24, fill="#eef3fb")
        s.text(x + w / 2, 444, name, 9, "middle")
        x += w
    s.text(560, 420, "AP[2:0]: who may read/write;", 10)
    s.text(560, 434, "XN: no instruction fetch; nG: TLB", 10)
    s.text(560, 448, "entry tagged with the ASID", 10)
    return s


# -------------------------------------------------------- buddy split

def buddy_split():
    s = Svg(820, 400, "Buddy free lists before and after an order-0 allocation split an order-3 block")
    s.text(410, 24, "alloc_pages(order 0) when the smallest free block is order 3", 15, "middle",
           "bold")

    def lists(x0, title, blocks):
        s.text(x0, 56, title, 13, weight="bold")
        for order in range(4):
            y = 72 + order * 70
            s.box(x0, y, 70, 30, fill="#f6e3c5")
            s.text(x0 + 35, y + 19, "order %d" % order, 11, "middle")
            x = x0 + 90
            for start in blocks.get(order, []):
                w = 14 * (1 << order)
                s.box(x, y, w, 30, fill="#dcefd9")
                s.text(x + w / 2, y + 19, "%d" % start, 10, "middle")
                s.line(x - 10, y + 15, x, y + 15)
                x += w + 16
            if not blocks.get(order):
                s.text(x0 + 90, y + 19, "(empty)", 10, fill="#777")

    lists(20, "before: free_area[] of the zone", {3: [8]})
    lists(430, "after: expand() gave back the halves", {0: [9], 1: [10], 2: [12]})
    s.text(20, 370, "block numbers are the first pfn (relative); a block of order n covers 2^n "
           "pages and starts at a multiple of 2^n.", 10)
    s.text(20, 386, "split: 8..15 -> 8..11 + 12..15 (order 2 freed) -> 8..9 + 10..11 (order 1 "
           "freed) -> 8 + 9 (order 0 freed); page 8 is returned.", 10)
    s.text(430, 340, "freeing page 8 merges back: buddy of pfn p at order n is p ^ (1 << n)", 10)
    return s


# -------------------------------------------------------- slab structures

def slab_structures():
    s = Svg(820, 430, "Slab allocator: a cache, its per-CPU array and its three lists of slabs")
    s.text(410, 24, "struct kmem_cache (mm/slab.c)", 15, "middle", "bold")
    s.box(20, 50, 220, 160)
    for i, t in enumerate(["name, size, object_size", "num objects per slab, order",
                           "cpu_cache[0]: array_cache", "slabs_full", "slabs_partial",
                           "slabs_free", "free_objects, free_limit"]):
        s.text(30, 72 + i * 20, t, 11)
    # array cache
    s.box(300, 50, 230, 70, fill="#f6e3c5")
    s.text(415, 68, "array_cache: avail, limit, batch", 11, "middle", "bold")
    for i in range(6):
        s.box(310 + i * 34, 80, 30, 26, fill="#dcefd9" if i < 4 else "white")
    s.text(415, 118, "LIFO of recently freed objects (cache-warm)", 9, "middle")
    s.line(240, 112, 300, 85)
    # lists
    ys = {"slabs_full": 150, "slabs_partial": 250, "slabs_free": 340}
    for name, y in ys.items():
        s.text(300, y - 6, name, 11, weight="bold")
        for k in range(3 if name != "slabs_free" else 1):
            x = 300 + k * 170
            s.box(x, y, 150, 50, fill="#d6e4f5")
            s.text(x + 4, y + 12, "slab (struct page)", 9)
            n = {"slabs_full": 6, "slabs_partial": 3, "slabs_free": 0}[name]
            for o in range(6):
                s.box(x + 4 + o * 24, y + 20, 20, 22, fill="#9cc29a" if o < n else "white")
            if k:
                s.line(x - 20, y + 25, x, y + 25)
    s.line(240, 132, 300, 170)
    s.line(240, 152, 300, 270)
    s.line(240, 172, 300, 360)
    s.text(20, 240, "green: object in use", 10, fill="#3a6")
    s.text(20, 256, "white: free object", 10)
    s.text(20, 280, "alloc: array_cache first;", 10)
    s.text(20, 294, "empty -> refill a batch from", 10)
    s.text(20, 308, "partial, then free, then a", 10)
    s.text(20, 322, "new slab (cache_grow).", 10)
    s.text(20, 346, "free: into array_cache; full", 10)
    s.text(20, 360, "-> flush the oldest batch", 10)
    s.text(20, 374, "back to their slabs (lists", 10)
    s.text(20, 388, "move: full->partial->free).", 10)
    return s


# -------------------------------------------------------- fault path

def fault_path():
    s = Svg(820, 520, "The data-abort path from a user access to the return to user mode")
    s.text(410, 24, "A user page fault, from the abort to the return", 15, "middle", "bold")
    steps = [
        ("user: str r0, [r1]", "the MMU refuses: DFSR (why) and DFAR (where) are set", "#fbe0e0"),
        ("vector_dabt (arch/arm/entry.S)", "lr - 8 = the faulting pc; save pt_regs; SVC mode",
         "#f6e3c5"),
        ("do_page_fault (arch/arm/fault.c)", "decode DFSR: translation / permission; user?",
         "#eef3fb"),
        ("handle_user_fault (mm/memory.c)", "find_vma; check the rights; grow the stack",
         "#eef3fb"),
        ("handle_mm_fault (mm/memory.c)", "not present: do_anonymous_page / file page; "
         "present + write: do_wp_page", "#eef3fb"),
        ("arch_mmu_set + arch_flush_user_page", "write the PTE; TLBIMVA for (VA, ASID)",
         "#dcefd9"),
        ("ret_from_exception -> rfeia sp!", "restore pc and cpsr: the store runs again",
         "#f6e3c5"),
    ]
    y = 50
    for i, (a, b, fill) in enumerate(steps):
        s.box(120, y, 580, 50, fill=fill)
        s.text(410, y + 20, a, 12, "middle", "bold")
        s.text(410, y + 38, b, 10, "middle")
        if i:
            s.line(410, y - 14, 410, y)
        y += 64
    s.box(720, 194, 90, 50, fill="#fbe0e0")
    s.text(765, 214, "no VMA /", 10, "middle")
    s.text(765, 228, "no right:", 10, "middle")
    s.text(765, 242, "SIGSEGV", 10, "middle", "bold")
    s.line(700, 240, 720, 225)
    s.box(10, 258, 100, 50, fill="#fbe0e0")
    s.text(60, 278, "kernel addr:", 10, "middle")
    s.text(60, 292, "oops / panic", 10, "middle", "bold")
    s.line(120, 220, 110, 270)
    return s


FIGURES = {
    "address-space.svg": address_space,
    "page-table-walk.svg": page_table_walk,
    "buddy-split.svg": buddy_split,
    "slab.svg": slab_structures,
    "fault-path.svg": fault_path,
}


def main():
    check = "--check" in sys.argv
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for name, fn in FIGURES.items():
        text = fn().render()
        path = os.path.join(OUT, name)
        if check:
            if not os.path.exists(path) or open(path).read() != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if stale:
        print("stale figures (run scripts/figures.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
