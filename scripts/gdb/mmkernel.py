"""GDB helpers for mmkernel (loaded by scripts/gdb/gdbinit; docs/gdb.md).

  cp15              the MMU-related CP15 registers, decoded
  mmu               one line: is the MMU on, where is the table, which ASID
  pt VA [PID]       walk the page tables for VA: the L1 and L2 descriptors,
                    decoded field by field, and the struct page behind it
  vmas [PID]        a process's VMAs (default: current)
  ps                every task: pid, state, mm, ASID, RSS, faults
  buddy             free blocks per zone, order and migrate type
  slabs             the kmem caches (like /proc/slabinfo)
  fault             the fault being handled: DFSR/DFAR or IFSR/IFAR decoded;
                    sets $fault_addr and $fault_fsr
  pagecache FILE    the pages FILE has in the page cache, with their flags
                    (FILE is found through the dentry cache: a path some
                    program looked up or opened)
  rmap PFN          every page-table entry that maps page frame PFN: which
                    process, VMA, virtual address and PTE
  swp ENTRY         a swap entry (a swp_entry_t such as do_swap_page's `e`,
                    or its value): its area, its slot's count, its page in
                    the swap cache, and the PTE that holds it (pt shows
                    such PTEs as "swap entry: type T offset O")
  $cp15("NAME")     a CP15 register (right bank), for breakpoint conditions

Secure-state CP15 registers on vexpress-a9 carry an _S suffix in QEMU's
GDB stub (the plain names are the Non-secure copies, which read 0 there),
and a few are named after their AArch64 twins (TTBR0_EL1, CONTEXTIDR_EL1);
read_cp15() picks the bank whose SCTLR has the MMU on.

Page tables are read through the kernel's linear map
(kva = pa - PHYS_OFFSET + PAGE_OFFSET), which every address space
shares; PHYS_OFFSET comes from the ELF file itself (its load addresses
are PHYS_OFFSET + offset, linker.ld).  With the MMU off, physical
addresses are read directly.

Stopped in user mode.  QEMU reads memory for GDB with the privilege of
the mode the CPU is in, so in user mode every kernel-only page (AP=001:
all of the kernel) is out of reach, and a plain `p current` fails with
"Cannot access memory".  The helpers read kernel memory through kread()
instead: when the plain read fails, they translate the address with the
tables in TTBR0 (the current task's, which map the kernel too) and read
the physical memory behind it (QEMU's physical-memory mode of its GDB
stub).  Structures are then copied whole into GDB values (kval) and
pointers followed with deref(), so `ps`, `vmas`, `pt VA PID`, `buddy`
and `slabs` work in any mode.  Plain GDB expressions on kernel
variables still need a stop in the kernel.
"""
import struct

import gdb

PAGE_OFFSET = 0xC0000000
TASK_SIZE = 0xBF000000
PAGE_SHIFT = 12

# QEMU 7.2 names some registers after their AArch64 twins.
ALIASES = {"TTBR0": "TTBR0_EL1", "TTBR1": "TTBR1_EL1", "CONTEXTIDR": "CONTEXTIDR_EL1",
           "VBAR": "VBAR_EL1"}


def _reg(n):
    try:
        v = gdb.parse_and_eval("$" + n)
        if v.type.code != gdb.TYPE_CODE_VOID:
            return int(v) & 0xFFFFFFFF
    except gdb.error:
        pass
    return None


def _secure_bank():
    """Which bank the kernel runs in, when the CPU has both (vexpress-a9 is
    Secure, others Non-secure): the one whose SCTLR has the MMU on; the
    Secure one if neither has (reset state)."""
    s, ns = _reg("SCTLR_S"), _reg("SCTLR")
    if s is None:
        return False
    if ns is not None and ns & 1 and not s & 1:
        return False
    return True


def read_cp15(name):
    """A CP15 register of the bank the kernel uses, or None."""
    plain = [ALIASES[name], name] if name in ALIASES else [name]
    names = [n + "_S" for n in plain] + plain if _secure_bank() else plain
    for n in names:
        v = _reg(n)
        if v is not None:
            return v
    return None


def fmt(v):
    return "unavailable" if v is None else "0x%08x" % v


# ------------------------------------------------------------ memory access

_phys_offset = None


def phys_offset():
    """PHYS_OFFSET of this build: the first PT_LOAD's p_paddr - p_vaddr + PAGE_OFFSET."""
    global _phys_offset
    if _phys_offset is not None:
        return _phys_offset
    path = gdb.current_progspace().filename
    with open(path, "rb") as f:
        elf = f.read(4096)
    phoff, = struct.unpack_from("<I", elf, 0x1C)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x2A)
    for i in range(phnum):
        p_type, _off, vaddr, paddr = struct.unpack_from("<4I", elf, phoff + i * phentsize)
        if p_type == 1 and vaddr >= PAGE_OFFSET:
            _phys_offset = (paddr - vaddr + PAGE_OFFSET) & 0xFFFFFFFF
            return _phys_offset
    raise gdb.GdbError("cannot find PHYS_OFFSET in %s" % path)


def pa_to_kva(pa):
    return (pa - phys_offset() + PAGE_OFFSET) & 0xFFFFFFFF


def _inferior_read(addr, n):
    return bytes(gdb.selected_inferior().read_memory(addr, n))


def _phys_read(pa, n):
    """n bytes of physical memory, in QEMU's physical-memory mode (the
    mode is switched back at once: GDB's own reads stay virtual)."""
    gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)
    try:
        return _inferior_read(pa, n)
    finally:
        gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)


def read_phys(pa, n):
    """n bytes of physical memory: directly with the MMU off, else through
    the linear map, else (HighMem, or stopped in user mode) in QEMU's
    physical-memory mode."""
    sctlr = read_cp15("SCTLR")
    if sctlr is not None and not sctlr & 1:
        return _inferior_read(pa, n)
    kva = pa_to_kva(pa)
    if PAGE_OFFSET <= kva and kva + n <= 0x100000000:
        try:
            return _inferior_read(kva, n)
        except gdb.MemoryError:
            pass
    try:
        return _phys_read(pa, n)
    except gdb.error:
        out = gdb.execute("monitor xp /%dwx 0x%x" % ((n + 3) // 4, pa), to_string=True)
        words = [int(w, 16) for line in out.splitlines() for w in line.split(":")[1].split()]
        return struct.pack("<%dI" % len(words), *words)[:n]


def read_phys_u32(pa):
    """A word of physical memory (read_phys)."""
    return struct.unpack("<I", read_phys(pa, 4))[0]


def translate(va):
    """The physical address of kernel address va, by the tables in TTBR0."""
    ttbr0 = read_cp15("TTBR0")
    if ttbr0 is None:
        raise gdb.MemoryError("cannot read TTBR0 to translate 0x%08x" % va)
    l1 = read_phys_u32((ttbr0 & 0xFFFFC000) + (va >> 20) * 4)
    if l1 & 3 == 2:
        size = 0x1000000 if (l1 >> 18) & 1 else 0x100000
        return (l1 & ~(size - 1) & 0xFFFFFFFF) | (va & (size - 1))
    if l1 & 3 == 1:
        l2 = read_phys_u32((l1 & 0xFFFFFC00) + ((va >> 12) & 0xFF) * 4)
        if l2 & 2:
            return (l2 & 0xFFFFF000) | (va & 0xFFF)
        if l2 & 3 == 1:
            return (l2 & 0xFFFF0000) | (va & 0xFFFF)
    raise gdb.MemoryError("0x%08x is not mapped" % va)


def kread(va, n):
    """n bytes of kernel memory at va, in whatever mode the CPU stopped."""
    try:
        return _inferior_read(va, n)
    except gdb.MemoryError:
        pass
    out = b""
    while n > 0:
        chunk = min(n, 0x1000 - (va & 0xFFF))
        out += read_phys(translate(va), chunk)
        va, n = va + chunk, n - chunk
    return out


def read_u32(addr):
    return struct.unpack("<I", kread(addr, 4))[0]


def kval(addr, typ):
    """The object of type typ at kernel address addr, copied into GDB."""
    return gdb.Value(kread(addr, typ.sizeof), typ)


def deref(ptr):
    """*ptr, for a pointer gdb.Value (read with kread)."""
    return kval(int(ptr), ptr.type.strip_typedefs().target())


def kvar(name):
    """A kernel variable's value, read with kread."""
    addr = gdb.parse_and_eval("&" + name)
    return kval(int(addr), addr.type.target())


def kstring(ptr, limit=64):
    """The NUL-terminated string at a char pointer."""
    raw = kread(int(ptr), limit)
    return raw.split(b"\0")[0].decode("utf-8", "replace")


def sym(name):
    return gdb.parse_and_eval(name)


def field_offset(typename, member):
    for f in gdb.lookup_type(typename).fields():
        if f.name == member:
            return f.bitpos // 8
    raise gdb.GdbError("%s has no member %s" % (typename, member))


def list_entries(head, typename, member, head_addr=None):
    """The entries of a struct list_head, as typename structures copied into
    GDB (kval).  head is the list head's value; head_addr its address
    (needed when head was copied with kval: a copy has none)."""
    for _, obj in list_entries_at(head, typename, member, head_addr):
        yield obj


def list_entries_at(head, typename, member, head_addr=None):
    """(kernel address, structure) of each entry of a list (list_entries)."""
    off = field_offset(typename, member)
    typ = gdb.lookup_type(typename)
    if head_addr is None:
        head_addr = int(head.address)
    node = int(head["next"])
    n = 0
    while node != head_addr:
        yield node - off, kval(node - off, typ)
        node = read_u32(node)            # list_head.next is its first word
        n += 1
        if n > 1000000:
            raise gdb.GdbError("list at 0x%x does not end" % head_addr)


def list_length(head_addr):
    """How many entries a list has, following only the next pointers."""
    node, n = read_u32(head_addr), 0
    while node != head_addr:
        node, n = read_u32(node), n + 1
        if n > 1000000:
            raise gdb.GdbError("list at 0x%x does not end" % head_addr)
    return n


def kvar_addr(name):
    return int(gdb.parse_and_eval("&" + name))


def tasks():
    return list_entries(kvar("task_list"), "struct task_struct", "tasks",
                        head_addr=kvar_addr("task_list"))


def tasks_at():
    """(address, task) of every task."""
    return list_entries_at(kvar("task_list"), "struct task_struct", "tasks",
                           head_addr=kvar_addr("task_list"))


def current():
    """The running task, copied (deref of the kernel's `current`)."""
    return deref(kvar("current"))


def find_task(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError("no task with pid %d" % pid)


def comm(t):
    return t["comm"].string(length=16).split("\0")[0]


def parse_args(arg, n):
    words = gdb.string_to_argv(arg)
    return [int(gdb.parse_and_eval(w)) & 0xFFFFFFFF for w in words[:n]] + [None] * (n - len(words))


# ------------------------------------------------------ descriptor decoding
#
# Short-descriptor format, ARM ARM DDI 0406C B3.5.1; access permissions
# with SCTLR.AFE = 0 (B3.7.1 Table B3-8); memory types with TEX remap off
# (B3.8.2 Table B3-10).

AP_TEXT = {0: "no access", 1: "kernel RW, user none", 2: "kernel RW, user RO",
           3: "kernel RW, user RW", 4: "reserved", 5: "kernel RO, user none",
           6: "kernel RO, user RO (deprecated)", 7: "kernel RO, user RO"}


def memtype(tex, c, b):
    if tex == 0:
        return {(0, 0): "strongly-ordered", (0, 1): "shareable device",
                (1, 0): "normal, write-through, no write-allocate",
                (1, 1): "normal, write-back, no write-allocate"}[(c, b)]
    if tex == 1:
        return {(0, 0): "normal, non-cacheable", (1, 1): "normal, write-back write-allocate"}.get(
            (c, b), "reserved")
    if tex == 2 and c == 0 and b == 0:
        return "non-shareable device"
    if tex & 4:
        pol = ["non-cacheable", "write-back write-allocate", "write-through",
               "write-back no write-allocate"]
        return "normal, inner %s, outer %s" % (pol[c * 2 + b], pol[tex & 3])
    return "reserved"


def rights(ap):
    return AP_TEXT[ap]


def decode_l1(d):
    """(kind, text, extra) for a first-level descriptor."""
    t = d & 3
    if t == 0:
        return "fault", "fault (invalid): nothing mapped in this MiB", None
    if t == 1:
        return "table", ("page table at PA 0x%08x  domain %d  NS=%d PXN=%d"
                         % (d & 0xFFFFFC00, (d >> 5) & 0xF, (d >> 3) & 1, (d >> 2) & 1)), d & 0xFFFFFC00
    if t == 2:
        sup = (d >> 18) & 1
        ap = ((d >> 15) & 1) << 2 | ((d >> 10) & 3)
        tex, c, b = (d >> 12) & 7, (d >> 3) & 1, (d >> 2) & 1
        base = d & (0xFF000000 if sup else 0xFFF00000)
        return "section", ("%s PA 0x%08x  AP=%d%d%d (%s)  XN=%d  nG=%d  S=%d  domain %d\n"
                           "             TEX=%d%d%d C=%d B=%d (%s)  NS=%d"
                           % ("supersection" if sup else "section", base, ap >> 2, (ap >> 1) & 1,
                              ap & 1, rights(ap), (d >> 4) & 1, (d >> 17) & 1, (d >> 16) & 1,
                              (d >> 5) & 0xF, tex >> 2, (tex >> 1) & 1, tex & 1, c, b,
                              memtype(tex, c, b), (d >> 19) & 1)), base
    return "reserved", "reserved (type 3)", None


def decode_l2(d):
    t = d & 3
    if t == 0:
        return "fault", "fault (invalid): page not present", None, None
    if t == 1:
        base = d & 0xFFFF0000
        ap = ((d >> 9) & 1) << 2 | ((d >> 4) & 3)
        tex, xn = (d >> 12) & 7, (d >> 15) & 1
    else:
        base = d & 0xFFFFF000
        ap = ((d >> 9) & 1) << 2 | ((d >> 4) & 3)
        tex, xn = (d >> 6) & 7, d & 1
    c, b = (d >> 3) & 1, (d >> 2) & 1
    text = ("%s PA 0x%08x  AP=%d%d%d (%s)  XN=%d  nG=%d  S=%d\n"
            "             TEX=%d%d%d C=%d B=%d (%s)"
            % ("large page" if t == 1 else "small page", base, ap >> 2, (ap >> 1) & 1, ap & 1,
               rights(ap), xn, (d >> 11) & 1, (d >> 10) & 1, tex >> 2, (tex >> 1) & 1, tex & 1,
               c, b, memtype(tex, c, b)))
    return ("large" if t == 1 else "small"), text, base, ap


# Entries the hardware ignores (bits [1:0] = 00) that the kernel still
# uses, in user tables (arch/arm/include/asm/mmu.h draws them):
#
#   entry   31 .............. 7   6   5 .. 2   1  0
#   swap    offset (25 bits)      0   type     0  0
#   old     base, attributes ...  1   ...      0  0     (XN kept in bit 11, nG)
L2_TEX0, L2_NG_BIT = 1 << 6, 1 << 11
PTE_SWP_TYPE_SHIFT, PTE_SWP_TYPE_MASK, PTE_SWP_OFFSET_SHIFT = 2, 0xF, 7
SWP_OFFSET_BITS = 25            # swp_entry_t's val: type << 25 | offset (mm/swapops.h)


def pte_is_swap(d):
    return d != 0 and not d & (3 | L2_TEX0)


def pte_is_old(d):
    return d & (3 | L2_TEX0) == L2_TEX0


def pte_swp(d):
    """(type, offset) of a swap entry in a PTE."""
    return (d >> PTE_SWP_TYPE_SHIFT) & PTE_SWP_TYPE_MASK, d >> PTE_SWP_OFFSET_SHIFT


def pte_young(d):
    """The young (valid) entry an old one stands for (asm/mmu.h pte_mkyoung)."""
    return (d & ~L2_NG_BIT) | L2_NG_BIT | 2 | (1 if d & L2_NG_BIT else 0)


def radix_lookup(root, index):
    """The item at index of a radix tree (mm/radix_tree.c), or 0."""
    h, node = int(root["height"]), int(root["rnode"])
    if not h or not node or index >> (6 * h):
        return 0
    ntype = gdb.lookup_type("struct radix_tree_node")
    while node:
        slot = int(kval(node, ntype)["slots"][(index >> ((h - 1) * 6)) & 63])
        if h == 1:
            return slot
        node, h = slot, h - 1
    return 0


def swap_slot(typ, off):
    """Lines about slot off of swap area typ: the area, the slot's count
    (include/mm/swapfile.h), and its page if the swap cache has one."""
    try:
        areas = int(gdb.parse_and_eval("sizeof(swap_info) / sizeof(swap_info[0])"))
    except gdb.error:
        return ["(this kernel has no swap)"]
    sip = int(kvar("swap_info")[typ]) if typ < areas else 0
    if not sip:
        return ["swap area %d: not on (swap_info[%d] is NULL)" % (typ, typ) if typ < areas
                else "type %d: no such area (there are %d)" % (typ, areas)]
    si = kval(sip, gdb.lookup_type("struct swap_info_struct"))
    name = "?"
    if int(si["swap_file"]):
        f = deref(si["swap_file"])
        name = d_path(f["f_path"]["mnt"], f["f_path"]["dentry"])
    mx = int(si["max"])
    lines = ["swap area %d: %s, slots 1-%d (slot 0 is the header), %d in use%s" % (
        typ, name, mx - 1, int(si["inuse_pages"]), "" if int(si["flags"]) & 2 else
        ", being turned off")]
    if not 0 < off < mx:
        return lines + ["slot %d: not a slot of this area" % off]
    count = struct.unpack("<H", kread(int(si["swap_map"]) + 2 * off, 2))[0]
    users = count & 0x7FFF
    text = "slot %d: swap_map 0x%04x: %s" % (off, count, "free" if not count else
                                             "a bad block" if users == 0x7FFF else
                                             "%d page-table entr%s" % (users, "y" if users == 1
                                                                       else "ies"))
    page = radix_lookup(si["cache"], off) if count & 0x8000 else 0
    if page:
        ptype = gdb.lookup_type("struct page")
        pa = ((page - int(kvar("mem_map"))) // ptype.sizeof + (phys_offset() >> PAGE_SHIFT)) \
            << PAGE_SHIFT
        pg = kval(page, ptype)
        text += "; in the swap cache: PA 0x%08x (struct page 0x%08x, %s, _refcount %d, " \
                "_mapcount %d)" % (pa, page, page_flags(pg), int(pg["_refcount"]),
                                   int(pg["_mapcount"]))
    elif count:
        text += "; not in the swap cache (a fault reads it from the area)"
    return lines + [text]


def page_info(pa):
    """The struct page of a RAM page: refcount and mapcount (COW tells)."""
    try:
        mem_map = int(kvar("mem_map"))
        if not mem_map:
            return None
        pfn = pa >> PAGE_SHIFT
        first = phys_offset() >> PAGE_SHIFT
        end = int(kvar("max_pfn"))
        if pfn < first or pfn >= end:
            return None
        ptype = gdb.lookup_type("struct page")
        addr = mem_map + (pfn - first) * ptype.sizeof
        page = kval(addr, ptype)
        ref, mapc = int(page["_refcount"]), int(page["_mapcount"])
        zero = int(kvar("zero_pfn")) == pfn
        return ("struct page 0x%08x: _refcount %d, _mapcount %d (mapped by %d page table%s)%s%s"
                % (addr, ref, mapc, mapc + 1, "" if mapc == 0 else "s",
                   "; one reference is the LRU add batch's" if in_lru_batch(addr) else "",
                   "  [the zero page]" if zero else ""))
    except gdb.error:
        return None


def in_lru_batch(page_addr):
    """Is the struct page at page_addr in CPU 0's lru_add_batch (mm/swap.c),
    which holds a reference on each page until it drains onto a list?"""
    # by address: some objects see only `extern struct lru_batch lru_add_batch[]`,
    # an array GDB cannot index
    b = kval(kvar_addr("lru_add_batch"), gdb.lookup_type("struct lru_batch"))
    return any(int(b["pages"][i]) == page_addr for i in range(int(b["nr"])))


def table_of(pid):
    """(pgd PA, description) of task pid's mm, or of TTBR0 (pid None)."""
    if pid is None:
        ttbr0 = read_cp15("TTBR0")
        if ttbr0 is None:
            raise gdb.GdbError("cannot read TTBR0")
        try:
            cur = current()
            who = "current: pid %d (%s)" % (int(cur["pid"]), comm(cur))
        except gdb.error:
            who = "current task unknown"
        return ttbr0 & 0xFFFFC000, "TTBR0 0x%08x, %s" % (ttbr0, who)
    t = find_task(pid)
    mmp = int(t["mm"]) or kvar_addr("init_mm")
    mm = kval(mmp, gdb.lookup_type("struct mm_struct"))
    return int(mm["pgd_pa"]), "pid %d (%s), mm 0x%08x, pgd 0x%08x" % (
        pid, comm(t), mmp, int(mm["pgd"]))


def walk(pgd_pa, va):
    """(l1 descriptor, l2 descriptor or None) for va."""
    l1 = read_phys_u32(pgd_pa + (va >> 20) * 4)
    if l1 & 3 == 1:
        return l1, read_phys_u32((l1 & 0xFFFFFC00) + ((va >> 12) & 0xFF) * 4)
    return l1, None


class Pt(gdb.Command):
    """pt VA [PID]: walk the page tables for VA and decode each descriptor.
Without PID: the table in TTBR0 (the running process, or the kernel).
With PID: that task's mm->pgd.  VA may be any expression ($fault_addr, buf)."""

    def __init__(self):
        super().__init__("pt", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        va, pid = parse_args(arg, 2)
        if va is None:
            raise gdb.GdbError("usage: pt VA [PID]")
        pgd_pa, who = table_of(pid)
        print("pt 0x%08x  (%s; L1 table at PA 0x%08x)" % (va, who, pgd_pa))
        l1 = read_phys_u32(pgd_pa + (va >> 20) * 4)
        kind, text, base = decode_l1(l1)
        print("  L1[0x%03x] @ PA 0x%08x = 0x%08x  %s" % (va >> 20, pgd_pa + (va >> 20) * 4, l1, text))
        if kind == "section":
            size = 0x1000000 if (l1 >> 18) & 1 else 0x100000
            pa = base | (va & (size - 1))
            ap = ((l1 >> 15) & 1) << 2 | ((l1 >> 10) & 3)
            self.result(va, pa, ap, (l1 >> 17) & 1, (l1 >> 4) & 1)
            return
        if kind != "table":
            print("  => not mapped: an access faults (translation fault, section)")
            return
        l2a = base + ((va >> 12) & 0xFF) * 4
        l2 = read_phys_u32(l2a)
        head = "  L2[0x%02x]  @ PA 0x%08x = 0x%08x  " % ((va >> 12) & 0xFF, l2a, l2)
        if pte_is_swap(l2):
            typ, off = pte_swp(l2)
            print(head + "swap entry: type %d offset %d (bits [1:0] = 00 and TEX[0] = 0: no "
                  "page; asm/mmu.h)" % (typ, off))
            print("  => not mapped: swapped out, to slot %d of swap area %d; an access faults "
                  "and do_swap_page brings the page back" % (off, typ))
            for line in swap_slot(typ, off):
                print("     " + line)
            return
        old = pte_is_old(l2)
        kind2, text2, base2, ap = decode_l2(pte_young(l2) if old else l2)
        if old:
            text2 = "old (invalid until used: the next access faults once, and the entry is " \
                    "made young again)\n             " + text2
        print(head + text2)
        if kind2 == "fault":
            print("  => not mapped: an access faults (translation fault, page)")
            return
        size = 0x10000 if kind2 == "large" else 0x1000
        d = pte_young(l2) if old else l2
        xn = (d >> 15) & 1 if kind2 == "large" else d & 1
        self.result(va, base2 | (va & (size - 1)), ap, (d >> 11) & 1, xn, old)

    @staticmethod
    def result(va, pa, ap, ng, xn, old=False):
        user = {2: "user read-only", 3: "user read-write", 6: "user read-only",
                7: "user read-only"}.get(ap, "kernel only")
        print("  => VA 0x%08x -> PA 0x%08x: %s, %s, %s%s" % (
            va, pa, user, "non-global (this ASID only)" if ng else "global",
            "execute-never" if xn else "executable", "; old" if old else ""))
        info = page_info(pa & ~0xFFF)
        if info:
            print("     " + info)


def vma_flags(f):
    return "%s%s%s%s%s" % ("r" if f & 1 else "-", "w" if f & 2 else "-", "x" if f & 4 else "-",
                           "s" if f & 8 else "p", " growsdown" if f & 0x100 else "")


def resident_pages(pgd_pa, start, end):
    n = 0
    va = start
    while va < end:
        l1 = read_phys_u32(pgd_pa + (va >> 20) * 4)
        mib_end = min(end, (va | 0xFFFFF) + 1)
        if l1 & 3 == 2:
            n += (mib_end - va) >> PAGE_SHIFT
        elif l1 & 3 == 1:
            first, last = (va >> 12) & 0xFF, ((mib_end - 1) >> 12) & 0xFF
            raw = read_phys((l1 & 0xFFFFFC00) + first * 4, (last - first + 1) * 4)
            n += sum(1 for (d,) in struct.iter_unpack("<I", raw) if d & 3)
        va = mib_end
    return n


def dentry_name(d):
    return kstring(d["d_name"]["name"], int(d["d_name"]["len"]) + 1)


def d_path(mnt, dentry):
    """The path of (mnt, dentry) from the root, as kernel/fs/dcache.c d_path
    makes it.  Every object is read with kread, so this works stopped in
    user mode too."""
    td, tm = gdb.lookup_type("struct dentry"), gdb.lookup_type("struct vfsmount")
    parts = []
    d, m = int(dentry), int(mnt)
    for _ in range(256):
        mv = kval(m, tm)
        if d == int(mv["mnt_root"]):
            if int(mv["mnt_parent"]) == m:
                break
            d, m = int(mv["mnt_mountpoint"]), int(mv["mnt_parent"])
            continue
        dv = kval(d, td)
        parts.append(dentry_name(dv))
        if int(dv["d_parent"]) == d:        # an unlinked file of an internal mount
            break
        d = int(dv["d_parent"])
    return "/" + "/".join(reversed(parts))


class Vmas(gdb.Command):
    """vmas [PID]: the VMAs of a process (default: current), with resident pages."""

    def __init__(self):
        super().__init__("vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pid, = parse_args(arg, 1)
        t = current() if pid is None else find_task(pid)
        mmp = int(t["mm"])
        if mmp == 0:
            print("pid %d (%s) is a kernel thread: no user address space" % (int(t["pid"]), comm(t)))
            return
        mm = kval(mmp, gdb.lookup_type("struct mm_struct"))
        print("pid %d (%s)  mm 0x%08x  pgd PA 0x%08x  ASID %d  %d VMAs  brk 0x%08x-0x%08x"
              % (int(t["pid"]), comm(t), mmp, int(mm["pgd_pa"]), int(mm["context_id"]) & 0xFF,
                 int(mm["map_count"]), int(mm["start_brk"]), int(mm["brk"])))
        print("  %-8s   %-8s  %-15s %8s %9s  %s" % ("start", "end", "flags", "pgoff", "resident", "name"))
        for v in list_entries(mm["mmap"], "struct vm_area_struct", "vm_list",
                              head_addr=mmp + field_offset("struct mm_struct", "mmap")):
            start, end, flags = int(v["vm_start"]), int(v["vm_end"]), int(v["vm_flags"])
            name = ""
            if int(v["vm_file"]):
                f = deref(v["vm_file"])
                name = d_path(f["f_path"]["mnt"], f["f_path"]["dentry"])
            elif int(v["vm_name"]):
                name = kstring(v["vm_name"])
            elif start <= int(mm["start_brk"]) < end or start < int(mm["brk"]) <= end:
                name = "[heap]"
            elif flags & 0x100:
                name = "[stack]"
            else:
                name = "[anon]"
            res = resident_pages(int(mm["pgd_pa"]), start, end)
            print("  %08x - %08x  %-15s %8d %4d/%-4d  %s" % (
                start, end, vma_flags(flags), int(v["vm_pgoff"]), res, (end - start) >> PAGE_SHIFT, name))


STATES = {0: "R", 1: "S", 2: "Z"}


class Ps(gdb.Command):
    """ps: every task: pid, parent, state, ASID, RSS, faults ('*' = current)."""

    def __init__(self):
        super().__init__("ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = int(kvar("current"))
        print("  %5s %5s %-2s %-16s %-10s %-5s %7s %8s %6s  %s" % (
            "PID", "PPID", "S", "COMM", "MM", "ASID", "RSS(kB)", "MINFLT", "MAJFLT", "WCHAN"))
        for addr, t in tasks_at():
            parent = t["parent"]
            ppid = int(deref(parent)["pid"]) if int(parent) else 0
            if int(t["mm"]):
                mm = deref(t["mm"])
                rss = sum(int(mm["rss"][i]) for i in range(3)) * 4
                asid = "%d" % (int(mm["context_id"]) & 0xFF)
                mms = "0x%08x" % int(t["mm"])
            else:
                rss, asid, mms = 0, "-", "(kernel)"
            wchan = int(t["wait_chan"])
            print("%s %5d %5d %-2s %-16s %-10s %-5s %7d %8d %6d  %s" % (
                "*" if addr == cur else " ", int(t["pid"]), ppid,
                STATES.get(int(t["state"]), "?"), comm(t), mms, asid, rss,
                int(t["min_flt"]), int(t["maj_flt"]), ("0x%08x" % wchan) if wchan else "-"))


class Buddy(gdb.Command):
    """buddy: free blocks per zone and order, and per migrate type."""

    def __init__(self):
        super().__init__("buddy", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pgdat = kvar("contig_page_data")
        zones = pgdat["node_zones"]
        nzones = zones.type.range()[1] + 1
        max_order = pgdat["node_zones"][0]["free_area"].type.range()[1] + 1
        mtypes = kvar("migratetype_names")
        nmt = mtypes.type.range()[1] + 1
        print("%-8s %-12s %s" % ("zone", "", " ".join("%6d" % o for o in range(max_order))))
        for z in range(nzones):
            zone = zones[z]
            if int(zone["managed_pages"]) == 0:
                continue
            name = kstring(zone["name"])
            fa = zone["free_area"]
            counts = [int(fa[o]["nr_free"]) for o in range(max_order)]
            print("%-8s %-12s %s" % (name, "blocks", " ".join("%6d" % c for c in counts)))
            for mt in range(nmt):
                per = []
                for o in range(max_order):
                    per.append(list_length(int(gdb.parse_and_eval(
                        "&contig_page_data.node_zones[%d].free_area[%d].free_list[%d]" % (z, o, mt)))))
                print("%-8s %-12s %s" % ("", kstring(mtypes[mt])[:12], " ".join("%6d" % c for c in per)))
            pages = sum(c << o for o, c in enumerate(counts))
            pcp = int(zone["pageset"][0]["count"])
            print("%-8s free_pages %d = sum(blocks << order) %d %s; per-CPU list %d pages; "
                  "watermarks min %d low %d high %d; managed %d"
                  % ("", int(zone["free_pages"]), pages,
                     "ok" if pages == int(zone["free_pages"]) else "MISMATCH", pcp,
                     int(zone["watermark"][0]), int(zone["watermark"][1]),
                     int(zone["watermark"][2]), int(zone["managed_pages"])))


class Slabs(gdb.Command):
    """slabs: every kmem cache, as /proc/slabinfo shows them: objsize is the
slot (the object, its alignment and, in debug builds, its red zones and
caller word); usable is what kmalloc's caller may use (ksize)."""

    def __init__(self):
        super().__init__("slabs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        print("%-20s %8s %8s %7s %6s %6s %5s %7s %6s" % (
            "name", "active", "objects", "objsize", "usable", "perslab", "pages", "slabs", "cpu"))
        n = 0
        for c in list_entries(kvar("slab_caches"), "struct kmem_cache", "list",
                              head_addr=kvar_addr("slab_caches")):
            num, slabs = int(c["num"]), int(c["num_slabs"])
            total = num * slabs
            active = total - int(c["free_objects"])
            print("%-20s %8d %8d %7d %6d %6d %5d %7d %6d" % (
                kstring(c["name"]), active, total, int(c["size"]), int(c["object_size"]), num,
                1 << int(c["order"]), slabs, int(c["cpu_cache"][0]["avail"])))
            n += 1
        print("%d caches" % n)


FS_TEXT = {
    0x01: "alignment fault", 0x02: "debug event", 0x03: "access flag fault (section)",
    0x04: "fault on instruction cache maintenance", 0x05: "translation fault (section)",
    0x06: "access flag fault (page)", 0x07: "translation fault (page)",
    0x08: "synchronous external abort", 0x09: "domain fault (section)",
    0x0B: "domain fault (page)", 0x0C: "external abort on table walk (level 1)",
    0x0D: "permission fault (section)", 0x0E: "external abort on table walk (level 2)",
    0x0F: "permission fault (page)", 0x10: "TLB conflict abort", 0x14: "lockdown (IMPLEMENTATION DEFINED)",
    0x16: "asynchronous external abort", 0x18: "asynchronous parity error",
    0x19: "synchronous parity error", 0x1A: "coprocessor abort (IMPLEMENTATION DEFINED)",
    0x1C: "parity error on table walk (level 1)", 0x1E: "parity error on table walk (level 2)",
}


def decode_fsr(fsr):
    fs = (fsr & 0xF) | ((fsr >> 6) & 0x10)
    return fs, FS_TEXT.get(fs, "reserved FS 0x%02x" % fs)


def handling_prefetch_abort():
    f = gdb.selected_frame()
    while f is not None:
        if f.name() in ("do_prefetch_abort", "vector_pabt"):
            return True
        if f.name() in ("do_data_abort", "vector_dabt"):
            return False
        f = f.older()
    return False


class Fault(gdb.Command):
    """fault: decode the fault being handled (DFSR/DFAR, or IFSR/IFAR when the
stack shows a prefetch abort).  Sets $fault_addr and $fault_fsr."""

    def __init__(self):
        super().__init__("fault", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        dfsr, dfar = read_cp15("DFSR"), read_cp15("DFAR")
        ifsr, ifar = read_cp15("IFSR"), read_cp15("IFAR")
        if dfsr is None:
            raise gdb.GdbError("cannot read DFSR (is the target connected?)")
        pabt = handling_prefetch_abort()
        for name, fsr, far, live in (("DFSR", dfsr, dfar, not pabt), ("IFSR", ifsr, ifar, pabt)):
            if fsr is None:
                continue
            fs, text = decode_fsr(fsr)
            extra = ""
            if name == "DFSR":
                extra = ", %s" % ("write (WnR=1)" if fsr & (1 << 11) else "read (WnR=0)")
            if fsr & (1 << 12):
                extra += ", ExT=1"
            print("%s%s 0x%08x  FS=0x%02x %s%s" % ("=> " if live else "   ", name, fsr, fs, text, extra))
            print("%s%s 0x%08x%s" % ("=> " if live else "   ", name.replace("SR", "AR"), far,
                                     "  (user address)" if far < TASK_SIZE else "  (kernel address)"))
        fsr, far = (ifsr, ifar) if pabt else (dfsr, dfar)
        gdb.set_convenience_variable("fault_addr", far)
        gdb.set_convenience_variable("fault_fsr", fsr)
        try:
            cur = current()
            print("in pid %d (%s); $fault_addr = 0x%08x: try `pt $fault_addr`"
                  % (int(cur["pid"]), comm(cur), far))
        except gdb.error:
            pass


class Cp15(gdb.Command):
    """Show SCTLR, TTBR0, TTBCR, DACR, CONTEXTIDR, DFSR/DFAR, IFSR/IFAR, VBAR."""

    def __init__(self):
        super().__init__("cp15", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        sctlr = read_cp15("SCTLR")
        if sctlr is not None:
            bits = [n for b, n in ((0, "M"), (1, "A"), (2, "C"), (11, "Z"),
                                   (12, "I"), (13, "V"), (28, "TRE"), (29, "AFE"))
                    if sctlr & (1 << b)]
            print("SCTLR      %s  [%s]" % (fmt(sctlr), " ".join(bits)))
        for name in ("TTBR0", "TTBCR", "DACR", "CONTEXTIDR", "DFSR", "DFAR",
                     "IFSR", "IFAR", "VBAR"):
            print("%-10s %s" % (name, fmt(read_cp15(name))))


class Mmu(gdb.Command):
    """One line: MMU on/off, first-level table address, current ASID."""

    def __init__(self):
        super().__init__("mmu", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        sctlr = read_cp15("SCTLR") or 0
        ttbr0 = read_cp15("TTBR0") or 0
        cid = read_cp15("CONTEXTIDR") or 0
        print("MMU %s, caches %s, L1 table at PA 0x%08x, ASID %d, high vectors %s" % (
            "on" if sctlr & 1 else "off", "on" if sctlr & 4 else "off",
            ttbr0 & ~0x3FFF, cid & 0xFF, "yes" if sctlr & (1 << 13) else "no"))


class Cp15Function(gdb.Function):
    """$cp15("NAME"): a CP15 register of the bank the kernel runs in, for
breakpoint conditions that work on every board:
    break vector_dabt if ($cp15("DFSR") & 0x80f) == 0x80f"""

    def __init__(self):
        super().__init__("cp15")

    def invoke(self, name):
        v = read_cp15(name.string())
        if v is None:
            raise gdb.GdbError("no CP15 register %s" % name.string())
        return v


def gdb_enum(typename, name):
    """The value of an enumerator (PG_dirty, ...) from the kernel's debug info."""
    return int(gdb.parse_and_eval("(int)%s" % name))


PAGE_FLAGS = ["locked", "uptodate", "dirty", "writeback", "error", "private",
              "lru", "active", "referenced", "unevictable", "mlocked", "reclaim",
              "swapbacked", "readahead", "waiters", "mappedtodisk"]


def page_flags(page):
    f = int(page["flags"])
    names = [n for n in PAGE_FLAGS if f & (1 << gdb_enum("enum pageflags", "PG_" + n))]
    return ",".join(names) if names else "-"


def as_pointer(addr, typename):
    return gdb.Value(addr).cast(gdb.lookup_type(typename).pointer())


def child_dentry(d, name):
    """The positive child dentry of d called name (a pointer), or None."""
    for addr, c in list_entries_at(d["d_subdirs"], "struct dentry", "d_child"):
        if dentry_name(c) == name and int(c["d_inode"]):
            return as_pointer(addr, "struct dentry")
    return None


def mounted_on(mnt, d):
    """What is mounted on dentry d of mount mnt (the last mount, a pointer), or None."""
    found = None
    for addr, m in list_entries_at(mnt["mnt_mounts"], "struct vfsmount", "mnt_child"):
        if int(m["mnt_mountpoint"]) == int(d):
            found = as_pointer(addr, "struct vfsmount")
    return found


def lookup_cached(path):
    """(mount, dentry) of path through the dentry cache only, or None."""
    mnt = sym("root_mnt")
    d = mnt["mnt_root"]
    for comp in [c for c in path.split("/") if c and c != "."]:
        if comp == "..":
            if int(d) == int(mnt["mnt_root"]) and int(mnt["mnt_parent"]) != int(mnt):
                d, mnt = mnt["mnt_mountpoint"], mnt["mnt_parent"]
            d = d["d_parent"]
            continue
        d = child_dentry(d, comp)
        if d is None:
            return None
        m = mounted_on(mnt, d)
        while m is not None:
            mnt, d = m, m["mnt_root"]
            m = mounted_on(mnt, d)
    return mnt, d


def radix_items(node, height):
    """(index offset, item) of every item below a radix tree node, in order."""
    shift = (height - 1) * 6
    for i in range(64):
        slot = node["slots"][i]
        if not int(slot):
            continue
        if height == 1:
            yield i, slot
        else:
            child = slot.cast(gdb.lookup_type("struct radix_tree_node").pointer())
            for off, item in radix_items(child, height - 1):
                yield (i << shift) + off, item


def mm_owners():
    """{mm address: "pid N (comm)"} of every task with an address space."""
    owners = {}
    for t in tasks():
        mm = int(t["mm"])
        if mm:
            owners.setdefault(mm, "pid %d (%s)" % (int(t["pid"]), comm(t)))
    return owners


def vmas_of(mmp):
    """(address, VMA) of each VMA of the mm at mmp, in address order."""
    mm = kval(mmp, gdb.lookup_type("struct mm_struct"))
    return list_entries_at(mm["mmap"], "struct vm_area_struct", "vm_list",
                           head_addr=mmp + field_offset("struct mm_struct", "mmap"))


def ptes_to(pgd_pa, start, end, pa):
    """(va, pte) of each small-page entry in [start, end) that maps pa: the
    second-level entries of each MiB read in one go, as resident_pages does."""
    va = start
    while va < end:
        l1 = read_phys_u32(pgd_pa + (va >> 20) * 4)
        mib_end = min(end, (va | 0xFFFFF) + 1)
        if l1 & 3 == 1:
            first, last = (va >> 12) & 0xFF, ((mib_end - 1) >> 12) & 0xFF
            raw = read_phys((l1 & 0xFFFFFC00) + first * 4, (last - first + 1) * 4)
            for i, (d,) in enumerate(struct.iter_unpack("<I", raw)):
                if d & 2 and d & 0xFFFFF000 == pa:
                    yield (va & ~0xFFFFF) | ((first + i) << 12), d
        va = mib_end


def pte_at(pgd_pa, va):
    """The second-level entry for va (0 if its MiB has no table)."""
    l1, l2 = walk(pgd_pa, va)
    return l2 or 0


class Rmap(gdb.Command):
    """rmap PFN: every page-table entry that maps page frame PFN (physical
address >> 12, as /proc/kpageflags numbers it): the process (pid and comm
of a task using the mm), the VMA, the virtual address and the PTE.

Both kinds are found the way mm/rmap.c finds them: a page of index i
is mapped by a VMA at vm_start + (i - vm_pgoff) * 4096 if that lies in
the VMA, and the PTE there is checked (a private VMA may hold its own
copy instead).  The VMAs tried are, for a file page (page->mapping an
address_space), those on the mapping's i_mmap list; for an anonymous
page (page->mapping its anon_vma | 1), those linked to its anon_vma by
an anon_vma_chain.  The zero page is mapped by any number of entries and
has no reverse map: for it every VMA of every address space is searched,
brute force."""

    def __init__(self):
        super().__init__("rmap", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pfn, = parse_args(arg, 1)
        if pfn is None:
            raise gdb.GdbError("usage: rmap PFN (a page frame number: physical address >> 12)")
        first, end = phys_offset() >> PAGE_SHIFT, int(kvar("max_pfn"))
        if not first <= pfn < end:
            print("rmap 0x%x: not a page of RAM (PFNs 0x%x - 0x%x): no struct page"
                  % (pfn, first, end - 1))
            return
        ptype = gdb.lookup_type("struct page")
        addr = int(kvar("mem_map")) + (pfn - first) * ptype.sizeof
        page = kval(addr, ptype)
        pa, mapping = pfn << PAGE_SHIFT, int(page["mapping"])
        zero = int(kvar("zero_pfn")) == pfn
        kind = ("the zero page" if zero else
                "anonymous, anon_vma 0x%08x index 0x%x" % (mapping & ~1, int(page["index"]))
                if mapping & 1 else
                "file, mapping 0x%08x index %d" % (mapping, int(page["index"])) if mapping
                else "not mapped by user space (no mapping)")
        print("rmap 0x%x: PA 0x%08x, struct page 0x%08x, %s; flags %s, _refcount %d, "
              "_mapcount %d" % (pfn, pa, addr, kind, page_flags(page), int(page["_refcount"]),
                                int(page["_mapcount"])))
        owners = mm_owners()
        found = 0
        if zero:
            found = self.brute_force(pa, owners)
            how = "brute force: every VMA of every address space"
        elif int(page["_mapcount"]) < 0:
            how = "not mapped: the reverse map is not walked"
        elif mapping & 1:
            found, tried = self.anon_page(page, mapping & ~1, pa, owners)
            how = "through its anon_vma: %d VMA%s tried" % (tried, "" if tried == 1 else "s")
        elif mapping:
            found = self.file_page(page, mapping, pa, owners)
            how = "through the mapping's i_mmap list"
        else:
            how = "no mapping: nothing to walk"
        print("  %d mapping%s (%s)" % (found, "" if found == 1 else "s", how))

    @staticmethod
    def show(owners, mmp, vaddr, v, va, pte):
        print("  %-20s mm 0x%08x  vma %08x-%08x %-4s  va 0x%08x  pte 0x%08x" % (
            owners.get(mmp, "(no task)"), mmp, int(v["vm_start"]), int(v["vm_end"]),
            vma_flags(int(v["vm_flags"])).split()[0], va, pte))

    def try_vma(self, owners, index, pa, vaddr, v):
        """Show and count v's entry for page index if it maps pa."""
        start, pgoff = int(v["vm_start"]), int(v["vm_pgoff"])
        va = start + ((index - pgoff) << PAGE_SHIFT)
        if index < pgoff or va >= int(v["vm_end"]):
            return 0
        mmp = int(v["vm_mm"])
        pte = pte_at(int(kval(mmp, gdb.lookup_type("struct mm_struct"))["pgd_pa"]), va)
        if pte & 2 and pte & 0xFFFFF000 == pa:
            self.show(owners, mmp, vaddr, v, va, pte)
            return 1
        return 0

    def file_page(self, page, mapping, pa, owners):
        asp = gdb.lookup_type("struct address_space")
        head = mapping + field_offset("struct address_space", "i_mmap")
        index, found = int(page["index"]), 0
        for vaddr, v in list_entries_at(kval(mapping, asp)["i_mmap"], "struct vm_area_struct",
                                        "vm_shared", head_addr=head):
            found += self.try_vma(owners, index, pa, vaddr, v)
        return found

    def anon_page(self, page, anon_vma, pa, owners):
        avt = gdb.lookup_type("struct anon_vma")
        head = anon_vma + field_offset("struct anon_vma", "head")
        vmt = gdb.lookup_type("struct vm_area_struct")
        index, found, tried = int(page["index"]), 0, 0
        for _, avc in list_entries_at(kval(anon_vma, avt)["head"], "struct anon_vma_chain",
                                      "same_anon_vma", head_addr=head):
            vaddr = int(avc["vma"])
            found += self.try_vma(owners, index, pa, vaddr, kval(vaddr, vmt))
            tried += 1
        return found, tried

    def brute_force(self, pa, owners):
        found = 0
        for mmp in sorted(owners):
            pgd_pa = int(kval(mmp, gdb.lookup_type("struct mm_struct"))["pgd_pa"])
            for vaddr, v in vmas_of(mmp):
                for va, pte in ptes_to(pgd_pa, int(v["vm_start"]), int(v["vm_end"]), pa):
                    self.show(owners, mmp, vaddr, v, va, pte)
                    found += 1
        return found


class Swp(gdb.Command):
    """swp ENTRY: a swap entry: its type (the area, in the order of swapon)
and offset (the slot), the area's device or file, the slot's count (the
page-table entries that hold it, and whether a page for it is in the
swap cache, include/mm/swapfile.h), and the PTE that holds it
(asm/mmu.h: offset << 7 | type << 2).  ENTRY is a swp_entry_t, as
do_swap_page's `e`, or its value (type << 25 | offset)."""

    def __init__(self):
        super().__init__("swp", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: swp ENTRY (a swp_entry_t, or its value)")
        v = gdb.parse_and_eval(arg)
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
            v = v["val"]
        val = int(v) & 0xFFFFFFFF
        typ, off = val >> SWP_OFFSET_BITS, val & ((1 << SWP_OFFSET_BITS) - 1)
        print("swap entry 0x%08x: type %d offset %d; in a PTE: 0x%08x" % (
            val, typ, off, (off << PTE_SWP_OFFSET_SHIFT | typ << PTE_SWP_TYPE_SHIFT) & 0xFFFFFFFF))
        for line in swap_slot(typ, off):
            print("  " + line)


class Pagecache(gdb.Command):
    """pagecache FILE: the pages of FILE in the page cache: index, physical
address, flags (PG_*), references and mappings; then the totals."""

    def __init__(self):
        super().__init__("pagecache", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        path = arg.strip()
        if not path.startswith("/"):
            raise gdb.GdbError("usage: pagecache /path/to/file")
        found = lookup_cached(path)
        if found is None:
            print("%s: not in the dentry cache (open or look it up first)" % path)
            return
        inode = found[1]["d_inode"]
        mapping = inode["i_mapping"]
        root = mapping["i_pages"]
        ptype = gdb.lookup_type("struct page").pointer()
        first = phys_offset() >> PAGE_SHIFT
        mem_map = int(sym("mem_map"))
        size = int(inode["i_size"])
        print("%s: inode %d, size %d, %d pages cached (mapping 0x%08x)"
              % (path, int(inode["i_ino"]), size, int(mapping["nrpages"]), int(mapping)))
        print("  %8s  %-10s  %-28s %4s %4s" % ("index", "phys", "flags", "refs", "maps"))
        dirty = wb = 0
        if int(root["rnode"]):
            for index, item in radix_items(root["rnode"], int(root["height"])):
                page = item.cast(ptype)
                pa = ((int(page) - mem_map) // ptype.target().sizeof + first) << PAGE_SHIFT
                flags = page_flags(page)
                dirty += "dirty" in flags
                wb += "writeback" in flags
                print("  %8d  0x%08x  %-28s %4d %4d" % (index, pa, flags, int(page["_refcount"]),
                                                        int(page["_mapcount"]) + 1))
        print("  dirty %d, under writeback %d" % (dirty, wb))


Pagecache()
Rmap()
Swp()
Cp15()
Cp15Function()
Mmu()
Pt()
Vmas()
Ps()
Buddy()
Slabs()
Fault()
