#!/usr/bin/env python3
"""Grade a lab: `make grade LAB=n` (docs/labs/labN.md).

    scripts/grade.py --lab N [--tree DIR] [--board vexpress-a9|virt]

Builds the tree (the kernel, the initramfs, the host tests the lab needs),
then runs the lab's checks and prints one line per exercise and a total:

    exercise 1: 10/10  merging on free (__free_one_page)
    exercise 2:  5/10  splitting on allocation (__rmqueue_smallest, expand)
      FAIL host test_buddy: test_split_and_merge
    ...
    total: 25/30 (83%)

Each exercise's score is its points times the fraction of its checks that
pass.  The checks are the project's own tests, nothing secret:

    host    a cmocka test of build/host/ (tests/host/test_*.c), by name
    boot    boot QEMU with a command line (selftest=..., show=..., fault=...)
            and match the console output
    shell   a command typed at the shell of one booted kernel (mmk# )
    live    a probe of that same kernel: /proc files read from its shell, or
            GDB attached to it (scripts/gdb helpers, symbols)
    listing the disassembly, build/<board>/kernel.lst

LABS below also names the functions each exercise is about:
scripts/lab-handout.py replaces exactly those by stubs.
"""
import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))

QEMU_BOARD = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    "virt": ["-M", "virt", "-cpu", "cortex-a15", "-nic", "none"],
}
PROMPT = "mmk# "
# Seconds of console silence that mean "hung" (the longest silence of a good
# boot, selftest=all, is about 3 s here; MMK_GRADE_IDLE for slow hosts).
IDLE = int(os.environ.get("MMK_GRADE_IDLE", "12"))
# What a kernel prints when it stops for good without powering off.
HALTED = ("no power-off control; halting", "System halted.")
BOOT_TIMEOUT = 90       # a boot to power-off, at most

# The layout table of a 1024 MiB boot (docs/memory-layout.md).
LAYOUT_1024 = {"vector": (0xFFFF0000, 0xFFFF1000), "fixmap": (0xFFC00000, 0xFFF00000),
               "vmalloc": (0xF0800000, 0xFF800000), "lowmem": (0xC0000000, 0xF0000000),
               "pkmap": (0xBFE00000, 0xC0000000), "modules": (0xBF000000, 0xBFE00000)}


# ------------------------------------------------------------------ checks
#
# A check is a tuple: (kind, description, arguments...).  Their meaning is
# in Grader.run_check().

def host(binary, *tests):
    return ("host", "host %s: %s" % (binary, ", ".join(tests)), binary, tests)


def boot(args, *patterns, mem=1024, desc=None):
    return ("boot", desc or "boot '%s': %s" % (args, " / ".join(patterns)), args, patterns, mem)


def shell(cmd, *patterns, timeout=60, desc=None):
    return ("shell", desc or "shell '%s': %s" % (cmd, " / ".join(patterns)), cmd, patterns, timeout)


def live(desc, func):
    """func(gdb, shell): a check on the booted kernel, through its shell
    and/or GDB attached to it."""
    return ("live", desc, func)


def listing(desc, func):
    return ("listing", desc, func)


# ------------------------------------------------- the checks that need code

def check_layout(out):
    rows = {m.group(1): (int(m.group(2), 16), int(m.group(3), 16))
            for m in re.finditer(r"^\s+(\S+)\s*: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})", out, re.M)}
    bad = [k for k, v in LAYOUT_1024.items() if rows.get(k) != v]
    return not bad, "rows wrong or missing: %s" % ", ".join(bad) if bad else ""


def pt_kernel_section(g, sh):
    out = g.commands(["pt 0xc0400000"])
    ok = re.search(r"section PA 0x[0-9a-f]{3}00000  AP=001 \(kernel RW, user none\)  XN=1  nG=0", out) \
        and "TEX=001 C=1 B=1 (normal, write-back write-allocate)" in out
    return bool(ok), out


def pt_user_text(g, sh):
    pid = sh.pid()
    out = g.commands(["pt 0x10000 %d" % pid])
    ok = re.search(r"small page PA 0x[0-9a-f]{8}  AP=111 \(kernel RO, user RO\)  XN=0  nG=1", out) \
        and "user read-only, non-global (this ASID only), executable" in out
    return bool(ok), out


def proc_numbers(sh, name):
    """/proc/NAME's "key value" lines as {key: int} (vmstat, tlbinfo)."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+)\s+(\d+)\s*$", sh.run("cat /proc/" + name), re.M)}


def cow_counters(prog, counter):
    """prog's COW faults show in /proc/vmstat's counter."""
    def check(g, sh):
        before = proc_numbers(sh, "vmstat").get(counter, 0)
        out = sh.run(prog, 120)
        after = proc_numbers(sh, "vmstat").get(counter, 0)
        ok = after > before and "%s: ok" % prog in out
        return ok, "/proc/vmstat %s %d -> %d; %s" % (counter, before, after, out.strip()[-200:])
    return check


def asid_rollover_counters(g, sh):
    t0 = proc_numbers(sh, "tlbinfo")
    out = sh.run("asid_rollover", 180)
    t1 = proc_numbers(sh, "tlbinfo")
    d = {k: t1.get(k, 0) - t0.get(k, 0) for k in
         ("asids_allocated", "asid_rollovers", "tlb_flush_all")}
    ok = ("asid_rollover: ok" in out and d["asids_allocated"] >= 640 and
          d["asid_rollovers"] >= 2 and d["tlb_flush_all"] == d["asid_rollovers"])
    return ok, ("/proc/tlbinfo: asids_allocated +%(asids_allocated)d, asid_rollovers "
                "+%(asid_rollovers)d, tlb_flush_all +%(tlb_flush_all)d (want >= 640, >= 2, "
                "one flush per rollover)" % d)


def distinct_asids(g, sh):
    sh.run("sleep 4 &")
    sh.run("sleep 4 &")
    sh.run("sleep 4 &")
    sh.run("true")
    out = g.python(
        "gen = int(gdb.parse_and_eval('asid_generation'))\n"
        "res = []\n"
        "for t in mmkernel.tasks():\n"
        "    mm = t['mm']\n"
        "    if int(mm):\n"
        "        res.append([int(t['pid']), int(mm), int(mm['context_id'])])\n"
        "print('JSON' + json.dumps([gen, res]))\n")
    m = re.search(r"^JSON(.*)$", out, re.M)
    if not m:
        return False, out[-500:]
    gen, tasks = json.loads(m.group(1))
    live = {}
    for pid, mm, cid in tasks:
        if cid >> 8 == gen >> 8 and cid:
            live[mm] = cid & 0xFF
    asids = list(live.values())
    ok = len(asids) >= 4 and 0 not in asids and len(set(asids)) == len(asids)
    return ok, "ASIDs of the current generation by mm: %s" % sorted(asids)


def switch_state(g, sh):
    """Stopped on the way back to user mode: CONTEXTIDR holds current's ASID
    and TTBR0 its table."""
    script = (
        "gdb.execute('tbreak ret_from_exception if "
        "(((struct pt_regs *)$r4)->cpsr & 0x1f) == 0x10')\n"
        "gdb.execute('continue')\n"
        "cur = gdb.parse_and_eval('current')\n"
        "mm = cur['mm']\n"
        "print('JSON' + json.dumps([int(mm['context_id']), int(mm['pgd_pa']),\n"
        "      mmkernel.read_cp15('CONTEXTIDR'), mmkernel.read_cp15('TTBR0')]))\n")
    out = g.python(script, while_running=lambda: sh.send("true"))
    sh.resync()
    m = re.search(r"^JSON(.*)$", out, re.M)
    if not m:
        return False, out[-500:]
    cid, pgd, ctx, ttbr0 = json.loads(m.group(1))
    ok = ctx is not None and (ctx & 0xFF) == (cid & 0xFF) != 0 and (ttbr0 & ~0x3FFF) == pgd
    return ok, "mm context_id 0x%x pgd 0x%x; CONTEXTIDR 0x%x TTBR0 0x%x" % (
        cid, pgd, ctx or 0, ttbr0 or 0)


def tlb_flush_on_cow(g, sh):
    t0, v0 = proc_numbers(sh, "tlbinfo"), proc_numbers(sh, "vmstat")
    out = sh.run("cow", 120)
    t1, v1 = proc_numbers(sh, "tlbinfo"), proc_numbers(sh, "vmstat")
    cows = sum(v1.get(k, 0) - v0.get(k, 0) for k in ("cow_copy", "cow_reuse"))
    mva = t1.get("tlb_flush_mva", 0) - t0.get("tlb_flush_mva", 0)
    full = t1.get("tlb_flush_all", 0) - t0.get("tlb_flush_all", 0)
    ok = "cow: ok" in out and cows > 0 and mva >= cows and full == 0
    return ok, ("COW faults %d; tlb_flush_mva +%d (want >= %d); tlb_flush_all +%d (want 0)"
                % (cows, mva, cows, full))


MCR = re.compile(r"^\s*[0-9a-f]+:\s+[0-9a-f]{8}\s+mcr\s+(?:p?15), 0, \w+, c?r?(\d+), c?r?(\d+), \{?(\d)\}?")
FUNC = re.compile(r"^[0-9a-f]{8} <([^>]+)>:$")


def switch_order(lst):
    """In the ASID code, every TTBR0 write is bracketed by CONTEXTIDR writes
    (B3.10.4), with an ISB before it, and every CONTEXTIDR write has a DSB
    before it (Cortex-A9 erratum 754322)."""
    funcs = ("switch_mm", "new_context", "cpu_switch_mm")
    cur, events = None, []
    for line in lst.splitlines():
        m = FUNC.match(line)
        if m:
            cur = m.group(1)
            continue
        if cur not in funcs:
            continue
        m = MCR.match(line)
        if m:
            reg = {("13", "0", "1"): "CONTEXTIDR", ("2", "0", "0"): "TTBR0"}.get(m.groups())
            if reg:
                events.append((cur, reg))
        elif re.search(r"\sisb\b", line):
            events.append((cur, "isb"))
        elif re.search(r"\sdsb\b", line):
            events.append((cur, "dsb"))
    writes = [(i, e) for i, e in enumerate(events) if e[1] == "TTBR0"]
    if not writes:
        return False, "no TTBR0 write found in %s" % ", ".join(funcs)
    for i, (fn, reg) in enumerate(events):
        if reg == "CONTEXTIDR" and (not i or events[i - 1] != (fn, "dsb")):
            return False, "in %s: a CONTEXTIDR write without a DSB just before it " \
                          "(Cortex-A9 erratum 754322): %s" % (fn, [e[1] for e in events if e[0] == fn])
    for i, (fn, _) in writes:
        before = [e[1] for e in events[:i] if e[0] == fn and e[1] not in ("isb", "dsb")]
        after = [e[1] for e in events[i + 1:] if e[0] == fn and e[1] not in ("isb", "dsb")]
        isb = events[i - 1][1] == "isb" if i else False
        if not before or before[-1] != "CONTEXTIDR" or not after or after[0] != "CONTEXTIDR" or not isb:
            return False, "in %s: TTBR0 write not between CONTEXTIDR writes (with an ISB " \
                          "before it): %s" % (fn, [e[1] for e in events if e[0] == fn])
    return True, "%d TTBR0 write(s), each between CONTEXTIDR writes" % len(writes)


# --------------------------------------------------------------------- labs
#
# functions: (file, function, stub body) for scripts/lab-handout.py.  A stub
# may name a static helper with (void) so that the handout still compiles
# with -Werror when the helper's only caller became the stub.

LABS = {
    1: dict(title="Boot and the MMU", exercises=[
        dict(title="section descriptors (mk_sect)", points=10,
             functions=[("arch/arm/mmu.c", "mk_sect", "return 0;")],
             checks=[boot("", r"Memory: \d+K/\d+K available", r"Boot complete", r"Power down\."),
                     live("pt 0xc0400000: a kernel RW, XN, global, write-back section", pt_kernel_section),
                     boot("selftest=ioremap_huge", r"selftest ioremap_huge: ok")]),
        dict(title="small-page descriptors (pte_prot_bits)", points=10,
             functions=[("arch/arm/mmu.c", "pte_prot_bits", "return 0;")],
             checks=[boot("fault=text", r"permission fault \(page\), level 2, write at address 0xc0010000"),
                     boot("fault=rodata", r"permission fault \(page\), level 2, write at address 0xc0"),
                     boot("fault=xn", r"prefetch abort", r"permission fault \(page\), level 2, instruction fetch"),
                     live("pt 0x10000 PID: the shell's text is user RO, executable, non-global", pt_user_text),
                     shell("segv_kills", r"segv_kills: ok")]),
        dict(title="the layout banner (print_memory_layout)", points=10,
             functions=[("arch/arm/setup.c", "print_memory_layout", "(void)layout_line;")],
             checks=[("bootfn", "boot '': the layout table of docs/memory-layout.md", "", check_layout),
                     boot("", r"\.text\s+: 0xc0010000 - 0xc0[0-9a-f]{6}")]),
    ]),
    2: dict(title="The buddy allocator", exercises=[
        dict(title="merging on free (__free_one_page)", points=10,
             functions=[("mm/page_alloc.c", "__free_one_page", "")],
             checks=[host("test_buddy", "test_random_coalescing_three_zones",
                          "test_random_coalescing_lowmem_only",
                          "test_random_coalescing_unaligned_zones", "test_no_merge_across_zones"),
                     boot("show=buddyinfo", r"Node 0, zone\s+Normal(\s+\d+){10}\s+[1-9]\d*\s*$",
                          desc="boot 'show=buddyinfo': order-10 blocks in Normal")]),
        dict(title="splitting on allocation (__rmqueue_smallest, expand)", points=10,
             functions=[("mm/page_alloc.c", "expand", ""),
                        ("mm/page_alloc.c", "__rmqueue_smallest", "return NULL;")],
             checks=[host("test_buddy", "test_split_and_merge", "test_every_order_aligned",
                          "test_steal_whole_pageblock", "test_small_steal_keeps_pageblock"),
                     boot("selftest=buddy", r"selftest buddy: ok")]),
        dict(title="watermarks (zone_watermark_ok)", points=10,
             functions=[("mm/page_alloc.c", "zone_watermark_ok", "return true;")],
             checks=[host("test_buddy", "test_watermark_behaviour", "test_zone_fallback_order"),
                     shell("free", r"Mem:\s+\d+")]),
    ]),
    3: dict(title="The slab allocator", exercises=[
        dict(title="slab sizing (choose_order)", points=10,
             functions=[("mm/slab.c", "choose_order", "")],
             checks=[host("test_slab", "test_multi_page_slabs_and_shrink", "test_colour_offsets",
                          "test_kmalloc_size_classes"),
                     boot("show=slabinfo", r"^kmalloc-8k\s+\d+\s+\d+\s+\d+\s+3\s+8\b",
                          desc="boot 'show=slabinfo': kmalloc-8k has 3 objects in 8 pages")]),
        dict(title="a slab's free list (slab_get_obj, free_block)", points=10,
             functions=[("mm/slab.c", "slab_get_obj", "return NULL;"),
                        ("mm/slab.c", "free_block", "")],
             checks=[host("test_slab", "test_object_accounting", "test_ctor_once_per_object",
                          "test_double_free_detected"),
                     boot("selftest=slab", r"selftest slab: ok")]),
        dict(title="the per-CPU array cache (cache_alloc_refill, cache_flusharray)", points=10,
             functions=[("mm/slab.c", "cache_alloc_refill", "(void)cache_grow;\n\treturn NULL;"),
                        ("mm/slab.c", "cache_flusharray", "")],
             checks=[host("test_slab", "test_kmalloc_selftest", "test_zones_of_slabs"),
                     boot("selftest=kmalloc", r"selftest kmalloc: ok"),
                     shell("slabtop", r"kmalloc-64")]),
    ]),
    4: dict(title="vmalloc, kmap and ioremap", exercises=[
        dict(title="the vmalloc range allocator (fit_in, find_free_piece)", points=10,
             functions=[("mm/vmalloc.c", "fit_in", "return 0;"),
                        ("mm/vmalloc.c", "find_free_piece", "(void)fit_in;\n\treturn NULL;")],
             checks=[host("test_vmalloc", "test_vmalloc_maps_pages_and_guard",
                          "test_ranges_keep_a_guard_gap", "test_fragmentation_and_reuse",
                          "test_range_exhaustion", "test_huge_vmalloc_uses_sections"),
                     boot("selftest=vmalloc", r"selftest vmalloc: ok")]),
        dict(title="kmap's pkmap slots (map_new_virtual, flush_all_zero_pkmaps)", points=10,
             functions=[("mm/highmem.c", "map_new_virtual",
                         "(void)flush_all_zero_pkmaps;\n\treturn -1;"),
                        ("mm/highmem.c", "flush_all_zero_pkmaps", "(void)pkmap_hash_del;")],
             checks=[host("test_highmem", "test_pkmap_slot_states", "test_one_flush_per_wrap",
                          "test_exhaustion_and_recovery", "test_kmap_every_highmem_page"),
                     boot("selftest=kmap_highmem,kmap_exhaust", r"selftest kmap_highmem: ok",
                          r"selftest kmap_exhaust: ok")]),
        dict(title="ioremap", points=10,
             functions=[("mm/ioremap.c", "ioremap", "(void)range_is_ram;\n\treturn NULL;")],
             checks=[host("test_vmalloc", "test_ioremap"),
                     boot("selftest=ioremap,ioremap_huge", r"selftest ioremap: ok",
                          r"selftest ioremap_huge: ok", r"console: \S+ .*through ioremap at 0x")]),
    ]),
    5: dict(title="Page faults and lazy allocation", exercises=[
        dict(title="anonymous pages on demand (do_anonymous_page)", points=10,
             functions=[("mm/memory.c", "do_anonymous_page", "return VM_FAULT_OOM;")],
             checks=[host("test_memory", "test_zero_page_then_write"),
                     shell("zero_page", r"zero_page: ok"),
                     shell("lazy_heap", r"lazy_heap: ok"),
                     shell("brk_shrink", r"brk_shrink: ok")]),
        dict(title="growing the stack (expand_stack)", points=10,
             functions=[("mm/memory.c", "expand_stack", "return -ENOMEM;")],
             checks=[host("test_memory", "test_stack_growth"),
                     shell("stack_growth", r"stack_growth: ok", timeout=90)]),
        dict(title="finding the VMA (find_vma)", points=10,
             functions=[("mm/vma.c", "find_vma", "return NULL;")],
             checks=[host("test_vma", "test_insert_find_remove", "test_random_split_merge"),
                     shell("segv_kills", r"segv_kills: ok"),
                     shell("mmap_semantics", r"mmap_semantics: ok")]),
    ]),
    6: dict(title="Copy-on-write fork", exercises=[
        dict(title="the COW rule (cow_decide)", points=10,
             functions=[("mm/memory.c", "cow_decide", "return COW_COPY;")],
             checks=[host("test_memory", "test_cow_rule", "test_fork_cow_copy_then_reuse"),
                     shell("cow_reuse", r"cow_reuse: ok", timeout=120),
                     live("/proc/vmstat cow_reuse grows while cow_reuse runs",
                         cow_counters("cow_reuse", "cow_reuse"))]),
        dict(title="the write fault (do_wp_page)", points=10,
             functions=[("mm/memory.c", "do_wp_page", "return VM_FAULT_OOM;")],
             checks=[shell("cow", r"cow: ok", timeout=120),
                     live("/proc/vmstat cow_copy grows while cow runs", cow_counters("cow", "cow_copy"))]),
        dict(title="sharing the pages at fork (copy_l2)", points=10,
             functions=[("arch/arm/pgtable.c", "copy_l2", "")],
             checks=[shell("echo forked", r"^forked$"),
                     shell("cow", r"cow: ok", timeout=120),
                     shell("asid_rollover", r"asid_rollover: ok", timeout=180)]),
    ]),
    7: dict(title="ASIDs and the TLB", exercises=[
        dict(title="handing out ASIDs, rollover (new_context)", points=10,
             functions=[("arch/arm/asid.c", "new_context", "(void)next_asid;")],
             checks=[live("asid_rollover: >= 640 ASIDs, >= 2 rollovers, one TLB flush each",
                         asid_rollover_counters),
                     live("live processes have distinct non-zero ASIDs", distinct_asids)]),
        dict(title="the switch sequence (cpu_switch_mm)", points=10,
             functions=[("arch/arm/asid.c", "cpu_switch_mm", "")],
             checks=[listing("TTBR0 written between CONTEXTIDR writes, after an ISB; "
                             "a DSB before each CONTEXTIDR write", switch_order),
                     live("back in user mode: CONTEXTIDR = current's ASID, TTBR0 = its table",
                         switch_state),
                     shell("mmap_semantics", r"mmap_semantics: ok")]),
        dict(title="flushing one page (arch_flush_user_page)", points=10,
             functions=[("arch/arm/asid.c", "arch_flush_user_page", "")],
             checks=[live("a COW fault flushes one page of one ASID, never the whole TLB",
                         tlb_flush_on_cow)]),
    ]),
}


# ------------------------------------------------------------------ machinery

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Shell:
    """One booted kernel at its shell prompt, with a GDB stub on `port`."""

    def __init__(self, grader):
        self.g = grader
        self.port = free_port()
        cmd = grader.qemu_cmd("", 1024) + ["-gdb", "tcp:127.0.0.1:%d" % self.port]
        self.con = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8",
                                 codec_errors="replace", env=dict(os.environ, QEMU_AUDIO_DRV="none"))
        self.error = None
        try:
            if self.con.expect_exact([PROMPT] + list(HALTED), timeout=30) != 0:
                raise pexpect.EOF("halted")
        except (pexpect.TIMEOUT, pexpect.EOF):
            self.error = "no shell prompt after boot: %s" % (self.con.before or "")[-300:].strip()

    def run(self, cmd, timeout=60):
        if self.error:
            raise RuntimeError(self.error)
        self.con.sendline(cmd)
        try:
            self.con.expect_exact(PROMPT, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            self.error = "'%s': no prompt (%s)" % (cmd, type(e).__name__)
            raise RuntimeError(self.error + ": " + (self.con.before or "")[-300:])
        out = self.con.before.replace("\r\n", "\n").replace("\r", "")
        first, _, rest = out.partition("\n")
        return rest if first.strip().endswith(cmd.strip()) else out

    def send(self, cmd):
        self.con.sendline(cmd)

    def resync(self):
        self.con.expect_exact(PROMPT, timeout=30)

    def pid(self):
        return int(self.run("echo $$").split()[0])

    def close(self):
        self.con.close(force=True)


class Gdb:
    """gdb-multiarch in batch mode against the shell's QEMU (which it stops
    while it reads, and lets go on at `detach`)."""

    def __init__(self, grader, shell_):
        self.g, self.sh = grader, shell_

    def _run(self, exs, while_running=None, timeout=60):
        if self.sh.error:
            raise RuntimeError(self.sh.error)
        cmd = ["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/gdbinit",
               "-ex", "target remote 127.0.0.1:%d" % self.sh.port]
        for e in exs:
            cmd += ["-ex", e]
        cmd += ["-ex", "detach", os.path.join(self.g.build, "kernel.elf")]
        proc = subprocess.Popen(cmd, cwd=self.g.tree, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        if while_running:
            time.sleep(1.0)
            while_running()
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            raise RuntimeError("gdb timed out: " + out[-300:])
        return out

    def commands(self, cmds):
        return self._run(cmds)

    def python(self, script, while_running=None):
        path = os.path.join(self.g.build, "grade-gdb.py")
        with open(path, "w") as f:
            f.write("import gdb, json\nimport mmkernel\n" + script)
        return self._run(["python import sys; sys.path.insert(0, 'scripts/gdb')",
                          "source " + path], while_running=while_running)

    def eval(self, exprs):
        out = self.python("print('JSON' + json.dumps([int(gdb.parse_and_eval(e)) for e in %r]))\n"
                          % list(exprs))
        m = re.search(r"^JSON(.*)$", out, re.M)
        if not m:
            raise RuntimeError("gdb could not read %s: %s" % (", ".join(exprs), out[-300:]))
        return json.loads(m.group(1))


class Grader:
    def __init__(self, tree, board, verbose=False):
        self.tree = os.path.abspath(tree)
        self.board = board
        self.build = os.path.join(self.tree, "build", board)
        self.verbose = verbose
        self.boots = {}
        self.hosts = {}
        self.built = None
        self.sh = None
        self.dead = None        # set when a boot hung before "Boot complete"

    # ---- building
    def make(self, *targets):
        proc = subprocess.run(["make", "-s", "-j2", "BOARD=" + self.board] + list(targets),
                              cwd=self.tree, capture_output=True, text=True, timeout=900)
        return proc.returncode == 0, (proc.stdout + proc.stderr)[-2000:]

    def kernel_built(self):
        if self.built is None:
            self.built = self.make("all")
        return self.built

    # ---- booting
    def qemu_cmd(self, bootargs, mem):
        dtb = os.path.join(self.build, self.board + ".dtb")
        cmd = ["qemu-system-arm"] + QEMU_BOARD[self.board] + [
            "-m", str(mem), "-nographic", "-no-reboot", "-monitor", "none",
            "-kernel", os.path.join(self.build, "Image"),
            "-initrd", os.path.join(self.build, "initramfs.cpio"),
            "-append", "console=ttyAMA0 panic=poweroff " + bootargs]
        if os.path.exists(dtb):
            cmd[-2:-2] = ["-dtb", dtb]
        return cmd

    def boot(self, args, mem):
        """Console output of a boot to power-off.  A kernel that prints
        nothing for IDLE seconds is taken as hung (and killed); one that hung
        before "Boot complete" is dead: later checks fail at once."""
        key = (args, mem)
        if key in self.boots:
            return self.boots[key]
        if self.dead:
            raise RuntimeError(self.dead)
        cmd = self.qemu_cmd(args + " poweroff", mem)
        con = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                            env=dict(os.environ, QEMU_AUDIO_DRV="none"))
        chunks, hung, deadline = [], False, time.time() + BOOT_TIMEOUT
        while True:
            try:
                chunks.append(con.read_nonblocking(65536, timeout=IDLE))
                if any(h in chunks[-1] or h in "".join(chunks[-2:]) for h in HALTED):
                    break
            except pexpect.TIMEOUT:
                hung = True
                break
            except pexpect.EOF:
                break
            if time.time() > deadline:
                hung = True
                break
        con.close(force=True)
        out = "".join(chunks).replace("\r\n", "\n")
        if hung:
            out += "\n[grader: no output for %d s, or no power-off in %d s: killed]" % (
                IDLE, BOOT_TIMEOUT)
        if hung or any(h in out for h in HALTED):
            if "Boot complete" not in out:
                self.dead = "the kernel does not boot (hung: %s)" % out.strip()[-300:]
        self.boots[key] = out
        return out

    def shell(self):
        if self.dead:
            raise RuntimeError(self.dead)
        if self.sh is None:
            self.sh = Shell(self)
            if self.sh.error:
                self.dead = self.sh.error
        return self.sh

    # ---- host tests
    def host(self, binary):
        if binary not in self.hosts:
            ok, log = self.make("build/host/" + binary)
            if not ok:
                self.hosts[binary] = (None, "build of build/host/%s failed: %s" % (binary, log[-500:]))
            else:
                proc = subprocess.run([os.path.join(self.tree, "build/host", binary)], cwd=self.tree,
                                      capture_output=True, text=True, timeout=600,
                                      env=dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP"))
                res = {m.group(2): m.group(1) == "ok"
                       for m in re.finditer(r"^(ok|not ok) \d+ - (\S+)", proc.stdout, re.M)}
                self.hosts[binary] = (res, proc.stdout[-1000:] + proc.stderr[-1000:])
        return self.hosts[binary]

    # ---- one check -> (passed, detail)
    def run_check(self, check):
        kind = check[0]
        try:
            if kind == "host":
                _, _, binary, tests = check
                res, log = self.host(binary)
                if res is None:
                    return False, log
                bad = [t for t in tests if not res.get(t)]
                return not bad, ("failed or missing: %s" % ", ".join(bad)) if bad else ""
            ok, log = self.kernel_built()
            if not ok:
                return False, "kernel build failed: " + log[-500:]
            if kind == "boot":
                _, _, args, patterns, mem = check
                out = self.boot(args, mem)
                bad = [p for p in patterns if not re.search(p, out, re.M)]
                return not bad, ("not in the console output: %s" % " / ".join(bad)) if bad else ""
            if kind == "bootfn":
                _, _, args, fn = check
                return fn(self.boot(args, 1024))
            if kind == "listing":
                _, _, fn = check
                return fn(open(os.path.join(self.build, "kernel.lst")).read())
            sh = self.shell()
            if kind == "shell":
                _, _, cmd, patterns, timeout = check
                out = sh.run(cmd, timeout)
                bad = [p for p in patterns if not re.search(p, out, re.M)]
                return not bad, ("not in the output of '%s': %s" % (cmd, out.strip()[-300:])) if bad else ""
            if kind == "live":
                _, _, fn = check
                return fn(Gdb(self, sh), sh)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            return False, str(e)[-500:]
        raise ValueError("unknown check kind %s" % kind)

    def close(self):
        if self.sh:
            self.sh.close()


def grade(lab_no, tree, board, verbose=False):
    lab = LABS[lab_no]
    g = Grader(tree, board, verbose)
    total = score = 0
    shown_dead = False
    print("lab %d: %s  (tree %s, BOARD=%s)" % (lab_no, lab["title"], g.tree, board))
    try:
        for n, ex in enumerate(lab["exercises"], 1):
            results = [(c[1],) + g.run_check(c) for c in ex["checks"]]
            passed = sum(1 for r in results if r[1])
            pts = ex["points"] * passed // len(results)
            total += ex["points"]
            score += pts
            print("exercise %d: %2d/%d  %s" % (n, pts, ex["points"], ex["title"]))
            for desc, ok, detail in results:
                if ok and not verbose:
                    continue
                print("    %-4s %s" % ("ok" if ok else "FAIL", desc))
                if not detail:
                    continue
                if g.dead and detail == g.dead:
                    if shown_dead:
                        detail = "(the kernel does not boot: see above)"
                    shown_dead = True
                elif not verbose:
                    detail = detail.strip()[:300]
                print("         " + detail.strip().replace("\n", "\n         "))
    finally:
        g.close()
    print("total: %d/%d (%d%%)" % (score, total, 100 * score // total))
    return score, total


def main():
    ap = argparse.ArgumentParser(description="Grade an mmkernel lab (docs/labs/).")
    ap.add_argument("--lab", type=int, choices=sorted(LABS))
    ap.add_argument("--check-all", action="store_true",
                    help="grade every lab on this tree (must be 100%%) and on a fresh "
                         "handout of it (must be less)")
    ap.add_argument("--tree", default=os.path.dirname(HERE),
                    help="the source tree to grade (default: this one)")
    ap.add_argument("--board", default="vexpress-a9", choices=sorted(QEMU_BOARD))
    ap.add_argument("-v", "--verbose", action="store_true", help="show every check")
    args = ap.parse_args()
    if args.check_all:
        return check_all(args.tree, args.board)
    if args.lab is None:
        ap.error("--lab N is required")
    grade(args.lab, args.tree, args.board, args.verbose)
    return 0


def check_all(tree, board):
    """The teacher's check: reference tree 100%, every handout below."""
    sys.path.insert(0, HERE)
    handout = __import__("lab-handout")
    bad = []
    for n in sorted(LABS):
        score, total = grade(n, tree, board)
        if score != total:
            bad.append("lab %d: the full tree grades %d/%d" % (n, score, total))
        out = os.path.join(os.path.abspath(tree), "build", "handout-lab%d" % n)
        handout.make_handout(n, out, src=os.path.abspath(tree), seed_board=board)
        score, total = grade(n, out, board)
        if score >= total:
            bad.append("lab %d: the handout grades %d/%d" % (n, score, total))
    print("\n".join(bad) if bad else "lab-check: every lab grades 100% on the tree and "
          "less on its handout")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
