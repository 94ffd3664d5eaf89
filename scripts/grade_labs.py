"""The labs' exercises and their checks, for scripts/grade.py.

LABS[n]["exercises"] is a list of exercises, each with
  title, points
  functions   (file, function, stub body) for scripts/lab-handout.py: the
              handout replaces exactly these bodies.  A stub may name a
              static helper with (void) so that the handout still compiles
              with -Werror when the helper's only caller became the stub.
  checks      Check objects (below).  Each must be able to tell a right
              answer from a plausible wrong one: scripts/grade_mutations.py
              holds the wrong answers that prove it.

A check looks only at what its own exercise controls, so that a mistake in
one exercise costs points in that exercise alone.
"""
import json
import re

from grade import describe_console

# ------------------------------------------------------------------ checks


class Check:
    kind = None

    def __init__(self, desc):
        self.desc = desc

    def run(self, g):
        raise NotImplementedError


class Host(Check):
    """cmocka tests of one build/host program, by name."""
    kind = "host"

    def __init__(self, binary, *tests):
        super().__init__("host %s: %s" % (binary, ", ".join(tests)))
        self.binary, self.tests = binary, tests

    def run(self, g):
        return g.host_detail(self.binary, self.tests)


class Boot(Check):
    """Boot with a command line (and MEM=) and find every pattern in the console."""
    kind = "boot"

    def __init__(self, args, *patterns, mem=1024, desc=None):
        super().__init__(desc or "boot '%s'%s: %s" % (
            args, "" if mem == 1024 else " MEM=%d" % mem, " / ".join(patterns)))
        self.args, self.patterns, self.mem = args, patterns, mem

    def run(self, g):
        out = g.boot(self.args, self.mem)
        bad = [p for p in self.patterns if not re.search(p, out, re.M)]
        if not bad:
            return True, ""
        return False, "not in the console of a boot with '%s' (MEM=%d): %s\n%s" % (
            self.args, self.mem, " / ".join(bad), describe_console(out))


class BootFn(Check):
    """Boot, then fn(console) -> (ok, detail)."""
    kind = "boot"

    def __init__(self, desc, args, fn, mem=1024):
        super().__init__(desc)
        self.args, self.fn, self.mem = args, fn, mem

    def run(self, g):
        out = g.boot(self.args, self.mem)
        ok, detail = self.fn(out)
        if not ok and "Boot complete" not in out:
            detail += "\n" + describe_console(out)
        return ok, detail


class Shell(Check):
    """A command at the shell; every pattern must be in its output."""
    kind = "shell"

    def __init__(self, cmd, *patterns, timeout=60, desc=None, mem=1024):
        super().__init__(desc or "shell '%s'%s: %s" % (
            cmd, "" if mem == 1024 else " (MEM=%d)" % mem, " / ".join(patterns)))
        self.cmd, self.patterns, self.timeout, self.mem = cmd, patterns, timeout, mem

    def run(self, g):
        out = g.shell(self.mem).run(self.cmd, self.timeout)
        bad = [p for p in self.patterns if not re.search(p, out, re.M)]
        if not bad:
            return True, ""
        shown = out.strip()
        return False, "'%s' %s; expected a match for %s" % (
            self.cmd, "printed nothing" if not shown else "printed:\n" + shown,
            " / ".join(bad))


class Live(Check):
    """fn(gdb, shell) on the booted kernel -> (ok, detail)."""
    kind = "live"

    def __init__(self, desc, fn, mem=1024):
        super().__init__(desc)
        self.fn, self.mem = fn, mem

    def run(self, g):
        from grade import Gdb
        sh = g.shell(self.mem)
        return self.fn(Gdb(g, sh), sh)


class Listing(Check):
    """fn(the kernel's disassembly) -> (ok, detail)."""
    kind = "listing"

    def __init__(self, desc, fn):
        super().__init__(desc)
        self.fn = fn

    def run(self, g):
        import os
        return self.fn(open(os.path.join(g.build, "kernel.lst")).read())


class Answer(Check):
    """A graded question: the student's answer, in docs/labs/answers/labN.txt
    ("key: value" lines), must equal what the running kernel shows
    (fn(grader) -> the value, as a string).  The question's exercise has no
    functions of its own, so in teacher mode it is built with the
    reference's code: the answer is checked against a correct kernel.  A
    wrong answer is told so without the right value."""
    kind = "answers"

    def __init__(self, lab, key, question, fn):
        super().__init__("question %s: %s" % (key, question))
        self.lab, self.key, self.fn = lab, key, fn

    def run(self, g):
        import os
        path = os.path.join(g.student, "docs", "labs", "answers", "lab%d.txt" % self.lab)
        answers = read_answers(path)
        mine = answers.get(self.key, "")
        if not mine:
            return False, "no answer for '%s' in docs/labs/answers/lab%d.txt" % (self.key, self.lab)
        want = self.fn(g)
        if want is None:
            return False, "the grader could not read the value from the kernel"
        if normal_answer(mine) == normal_answer(want):
            return True, ""
        return False, "'%s: %s' is not what the kernel shows (look again: docs/labs/lab%d.md)" % (
            self.key, mine, self.lab)


def read_answers(path):
    try:
        text = open(path).read()
    except OSError:
        return {}
    out = {}
    for line in text.split("\n"):
        line = line.split("#", 1)[0].strip()
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def normal_answer(v):
    """Numbers compare by value (0x10 = 16); other answers as lower-case words."""
    v = str(v).strip().lower()
    try:
        return str(int(v, 0))
    except ValueError:
        return " ".join(v.split())


def in_shell(fn, mem=1024):
    """fn(shell) on the booted kernel."""
    def run(g):
        return fn(g.shell(mem))
    return run


def in_gdb(fn, mem=1024):
    """fn(gdb, shell) on the booted kernel."""
    def run(g):
        from grade import Gdb
        sh = g.shell(mem)
        return fn(Gdb(g, sh), sh)
    return run


def gdb_value(expr):
    return in_gdb(lambda gdb, sh: str(gdb.eval([expr])[0]))


def zone_field(zone, field):
    def fn(sh):
        m = re.search(r"^Node \d+, zone\s+%s\n(?:.*\n)*?\s+%s\s+(\d+)" % (zone, field),
                      sh.run("cat /proc/zoneinfo"), re.M)
        return m.group(1) if m else None
    return in_shell(fn)


def slabinfo_field(cache, column):
    def fn(sh):
        for line in sh.run("cat /proc/slabinfo").splitlines():
            f = line.split()
            if f and f[0] == cache:
                return f[{"objsize": 3, "objperslab": 4, "pagesperslab": 5}[column]]
        return None
    return in_shell(fn)


def meminfo_kb(key):
    def fn(sh):
        m = re.search(r"^%s:\s+(\d+) kB" % re.escape(key), sh.run("cat /proc/meminfo"), re.M)
        return m.group(1) if m else None
    return in_shell(fn)


def pt_field(va, pattern, of_shell=False):
    def fn(gdb, sh):
        cmd = "pt %s%s" % (va, " %d" % sh.pid() if of_shell else "")
        m = re.search(pattern, gdb.commands([cmd]))
        return m.group(1) if m else None
    return in_gdb(fn)


def banner_row(name, mem):
    def fn(g):
        m = re.search(r"^\s+%s\s*: (0x[0-9a-f]{8}) - " % name, g.boot("", mem), re.M)
        return m.group(1) if m else None
    return fn


def zero_page_figure(which):
    def fn(sh):
        m = re.search(r"VmRSS ([+-]\d+) kB \(the shared zero page\); writing them: ([+-]\d+) kB",
                      sh.run("zero_page"))
        return m.group(1 if which == "read" else 2) if m else None
    return in_shell(fn)


def fork_mapping(which):
    def fn(gdb, sh):
        out = gdb.python("import re\n" + FORK_COPY, while_running=lambda: sh.send("true"),
                         timeout=30)
        sh.resync()
        m = re.search(r"^JSON(.*)$", out, re.M)
        if not m or not json.loads(m.group(1))[2]:
            return None
        va, s_, d, mapc = json.loads(m.group(1))[2][0]
        return str(mapc) if which == "mapcount" else \
            format(((s_ >> 9) & 1) << 2 | ((s_ >> 4) & 3), "03b")
    return in_gdb(fn)


def shell_asid_after_boot(g):
    """The shell's ASID in a kernel just booted (earlier checks ran
    programs in the shared one, which moved the allocator on)."""
    for k in list(g.shells):
        g.shells.pop(k).close()
    sh = g.shell(1024)
    try:
        return sh.run("cat /proc/%d/asid" % sh.pid()).strip()
    finally:
        g.shells.pop((1024, "")).close()


def questions(lab, *qs):
    """The exercise of a lab's graded questions (docs/labs/labN.md)."""
    return dict(title="questions (docs/labs/answers/lab%d.txt)" % lab, points=2 * len(qs),
                functions=[], checks=[Answer(lab, *q) for q in qs])


# ------------------------------------------------ lab 8: the page cache
#
# Every boot of lab 8 gets a fresh copy of the build's ext2 image, mounted
# on /mnt by init.  Each check sets the knobs it needs first, so the order
# of the checks does not matter.

WB_KNOBS = "/proc/sys/vm/"


def knobs(**kv):
    return "; ".join("echo %d > %s%s" % (v, WB_KNOBS, k) for k, v in kv.items())


def wb_shell(desc, scenario, timeout=60, **kv):
    """A wbtest scenario on /mnt with the given knobs (Linux's defaults
    are put back afterwards)."""
    cmd = "%s; wbtest %s; %s" % (
        knobs(**kv), scenario, knobs(dirty_expire_centisecs=3000, dirty_writeback_centisecs=500,
                                     dirty_ratio=20, dirty_background_ratio=10))
    return Shell(cmd, r"^wbtest: ok", timeout=timeout, desc=desc)


def dirty_thresholds(settings):
    """nr_dirty_threshold / nr_dirty_background_threshold against Linux's
    rule, computed from the same read of /proc/vmstat: dirtyable = free +
    (page cache - shmem); each threshold its ratio of it, and a background
    ratio at or above the dirty ratio means half the dirty threshold."""
    def fn(gdb, sh):
        bad = []
        for bg, ratio in settings:
            sh.run(knobs(dirty_background_ratio=bg, dirty_ratio=ratio))
            text = sh.run("cat /proc/vmstat")
            v = {m.group(1): int(m.group(2)) for m in
                 re.finditer(r"^(\w+) (\d+)$", text, re.M)}
            need = ("nr_free_pages", "nr_file_pages", "nr_shmem", "nr_dirty_threshold",
                    "nr_dirty_background_threshold")
            if any(k not in v for k in need):
                bad.append("/proc/vmstat lacks one of %s" % ", ".join(need))
                break
            avail = v["nr_free_pages"] + v["nr_file_pages"] - v["nr_shmem"]
            want_t = avail * ratio // 100
            want_b = avail * bg // 100
            if want_b >= want_t:
                want_b = want_t // 2
            # the file's own reading moves free memory by a few pages, and
            # rounding may differ by up to the ratio: that much is allowed
            slack = max(bg, ratio) + 64
            for name, want in (("nr_dirty_threshold", want_t),
                               ("nr_dirty_background_threshold", want_b)):
                if abs(v[name] - want) > slack:
                    bad.append("dirty_background_ratio %d, dirty_ratio %d: %s %d, expected "
                               "about %d (dirtyable %d pages)" % (bg, ratio, name, v[name],
                                                                 want, avail))
        sh.run(knobs(dirty_background_ratio=10, dirty_ratio=20))
        return not bad, "\n".join(bad)
    return fn


def flusher_thread(g):
    out = g.shell(1024).run("ps")
    m = re.search(r"\b(flush-\d+:\d+)\b", out)
    return m.group(1) if m else None


def readahead_first_window(g):
    """Pages in the cache after one 4 KiB read of a cold 1 MiB file."""
    sh = g.shell(1024)
    sh.run("dd if=/dev/zero of=/mnt/lab8.ra bs=65536 count=16 status=none; sync; "
           "echo 3 > /proc/sys/vm/drop_caches")
    def cached():
        m = re.search(r"^Cached:\s+(\d+) kB", sh.run("cat /proc/meminfo"), re.M)
        return int(m.group(1)) if m else None
    before = cached()
    sh.run("dd if=/mnt/lab8.ra of=/dev/null bs=4096 count=1 status=none")
    after = cached()
    sh.run("rm /mnt/lab8.ra")
    if before is None or after is None:
        return None
    return str((after - before) // 4)


# --------------------------------------------------------- lab 1: the layout
#
# The banner's table must follow the RAM size and vmalloc=: the grader
# computes each row from the rules of docs/memory-layout.md and boots with
# several sizes, so a table printed from literals cannot pass.

MiB = 1 << 20
PAGE_OFFSET, VMALLOC_END, VMALLOC_OFFSET = 0xC0000000, 0xFF800000, 8 * MiB
FIXED_ROWS = [("vector", 0xFFFF0000, 0xFFFF1000), ("fixmap", 0xFFC00000, 0xFFF00000)]
LAYOUT_ORDER = ["vector", "fixmap", "vmalloc", "lowmem", "pkmap", "modules"]


def expected_layout(mem_mib, vmalloc_mib=None):
    """The six rows for a boot with MEM=mem_mib and vmalloc=vmalloc_mib M."""
    size = (vmalloc_mib if vmalloc_mib is not None else 240) * MiB
    size = max(size, 16 * MiB)
    size = min(size, VMALLOC_END - VMALLOC_OFFSET - PAGE_OFFSET - 64 * MiB)
    size = (size + MiB - 1) & ~(MiB - 1)
    lowmem = min(mem_mib * MiB, VMALLOC_END - size - VMALLOC_OFFSET - PAGE_OFFSET)
    high = PAGE_OFFSET + lowmem
    vstart = (high + VMALLOC_OFFSET) & ~(VMALLOC_OFFSET - 1)
    rows = dict((r[0], (r[1], r[2])) for r in FIXED_ROWS)
    rows.update(vmalloc=(vstart, VMALLOC_END), lowmem=(PAGE_OFFSET, high),
                pkmap=(0xBFE00000, 0xC0000000), modules=(0xBF000000, 0xBFE00000))
    return rows


def layout_check(mem, vmalloc=None):
    def fn(out):
        want = expected_layout(mem, vmalloc)
        got = [(m.group(1), (int(m.group(2), 16), int(m.group(3), 16))) for m in
               re.finditer(r"^\s+(\S+)\s*: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})", out, re.M)]
        rows = dict(got)
        bad = []
        for name in LAYOUT_ORDER:
            if rows.get(name) != want[name]:
                bad.append("%s: expected 0x%08x - 0x%08x, got %s" % (
                    name, want[name][0], want[name][1],
                    "0x%08x - 0x%08x" % rows[name] if name in rows else "no row"))
        order = [n for n, _ in got if n in LAYOUT_ORDER]
        if not bad and order != LAYOUT_ORDER:
            bad.append("rows in the order %s; expected %s" % (order, LAYOUT_ORDER))
        return not bad, "\n".join(bad)
    args = "vmalloc=%dM" % vmalloc if vmalloc is not None else ""
    desc = "the layout table with MEM=%d%s" % (mem, " " + args if args else "")
    return BootFn(desc, args, fn, mem=mem)


def pt_kernel_section(g, sh):
    out = g.commands(["pt 0xc0400000"])
    ok = re.search(r"section PA 0x[0-9a-f]{3}00000  AP=001 \(kernel RW, user none\)  XN=1  nG=0", out) \
        and "TEX=001 C=1 B=1 (normal, write-back write-allocate)" in out
    return bool(ok), "pt 0xc0400000 should show a section, AP=001, XN=1, nG=0, TEX=001 C=1 B=1; " \
                     "GDB printed:\n" + out.strip()


def pt_user_text(g, sh):
    pid = sh.pid()
    out = g.commands(["pt 0x10000 %d" % pid])
    ok = re.search(r"small page PA 0x[0-9a-f]{8}  AP=111 \(kernel RO, user RO\)  XN=0  nG=1", out) \
        and "user read-only, non-global (this ASID only), executable" in out
    return bool(ok), "pt 0x10000 %d (the shell's text) should show a small page, AP=111, " \
                     "XN=0, nG=1; GDB printed:\n%s" % (pid, out.strip())


# ------------------------------------------------------------ /proc helpers

def zone_mins(sh):
    """{zone: min watermark} from /proc/zoneinfo (the first zone's block
    starts with the node's "per-node stats", as in Linux)."""
    text = sh.run("cat /proc/zoneinfo")
    return {m.group(1): int(m.group(2)) for m in
            re.finditer(r"^Node \d+, zone\s+(\w+)\n(?:[ \t].*\n)*?\s+pages free\s+\d+\n"
                        r"\s+min\s+(\d+)", text, re.M)}


def refused_at_min(g, sh):
    """A process takes memory until the kernel refuses a page (exhaust --anon,
    at MEM=64: DMA and Normal, no HighMem).  A user page may not take a
    zone below its min watermark, so when the allocation fails the free
    pages are exactly the sum of the zones' min watermarks: the kernel's
    "page allocation failure" warning says how many there were."""
    mins = zone_mins(sh)
    out = sh.run("exhaust --anon", 120)
    log = "".join(sh.log[-1:])
    m = re.search(r"page allocation failure: order 0, gfp 0x[0-9a-f]+, (\d+) pages free", log)
    want = sum(mins.values())
    if not m:
        return False, "no 'page allocation failure' warning while a process took all memory " \
                      "(the allocator never refused?); exhaust --anon printed: " + (out.strip() or "nothing")
    got = int(m.group(1))
    return got == want, "the allocation failed with %d pages free; the zones' min watermarks " \
                        "add up to %d (%s)" % (got, want, ", ".join("%s %d" % kv for kv in mins.items()))

def proc_numbers(sh, name):
    """/proc/NAME's "key value" lines as {key: int} (vmstat, tlbinfo)."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+)\s+(\d+)\s*$", sh.run("cat /proc/" + name), re.M)}


def tlb_log(sh, after=0):
    """/proc/tlblog's entries with seq > after, as dicts."""
    rows = []
    for m in re.finditer(r"^(\d+)\s+(all|asid|mva|fault)\s+(0x[0-9a-f]{8}|-)\s+(\d+|-)\s+"
                         r"(\d+)\s+(\d+)\s+(.*)$", sh.run("cat /proc/tlblog", 60), re.M):
        seq = int(m.group(1))
        if seq <= after:
            continue
        rows.append(dict(seq=seq, op=m.group(2),
                         va=int(m.group(3), 16) if m.group(3) != "-" else None,
                         asid=int(m.group(4)) if m.group(4) != "-" else None,
                         ctx=int(m.group(5)), pid=int(m.group(6)), caller=m.group(7).strip()))
    return rows


def cow_counters(prog, counter):
    """prog's COW faults show in /proc/vmstat's counter."""
    def check(g, sh):
        before = proc_numbers(sh, "vmstat").get(counter, 0)
        out = sh.run(prog, 120)
        after = proc_numbers(sh, "vmstat").get(counter, 0)
        ok = after > before and "%s: ok" % prog in out
        return ok, "/proc/vmstat %s %d -> %d while '%s' ran (it should grow); %s printed: %s" % (
            counter, before, after, prog, prog, out.strip() or "nothing")
    return check


def tlb_totals(sh):
    """/proc/tlblog's totals: {(op, function): count}."""
    text = sh.run("cat /proc/tlblog", 60)
    part = text[text.find("totals:"):]
    return {(m.group(1), m.group(3)): int(m.group(2)) for m in
            re.finditer(r"^(?:totals:)?\s+(all|asid|mva|any)\s+(\d+)\s+(\S+)", part, re.M)}


# The functions of lab 7's exercise 3 (and the whole-mm flush beside it):
# their flushes are not the ASID allocator's.
PAGE_FLUSHERS = ("arch_flush_user_page", "arch_flush_user_mm")


def asid_rollover_counters(g, sh):
    """asid_rollover forks 640 processes: the allocator hands out at least
    640 ASIDs, rolls over at least twice, starts a new generation and
    flushes the whole TLB exactly once per rollover (flushes issued by the
    page-flush functions are theirs, not the allocator's), and never lets a
    process run with the reserved ASID 0."""
    def allocator_flushes(tot):
        return sum(c for (op, fn), c in tot.items() if op == "all" and fn not in PAGE_FLUSHERS)
    t0, f0 = proc_numbers(sh, "tlbinfo"), allocator_flushes(tlb_totals(sh))
    out = sh.run("asid_rollover", 180)
    t1, f1 = proc_numbers(sh, "tlbinfo"), allocator_flushes(tlb_totals(sh))
    d = {k: t1.get(k, 0) - t0.get(k, 0) for k in
         ("asids_allocated", "asid_rollovers", "asid_generation", "mm_switches_to_asid_0")}
    d["flush_all"] = f1 - f0
    problems = []
    if "asid_rollover: ok" not in out:
        problems.append("asid_rollover printed: " + (out.strip() or "nothing"))
    if d["asids_allocated"] < 640 or d["asid_rollovers"] < 2:
        problems.append("/proc/tlbinfo: asids_allocated +%(asids_allocated)d, asid_rollovers "
                        "+%(asid_rollovers)d (want >= 640 and >= 2)" % d)
    if d["asid_generation"] != d["asid_rollovers"]:
        problems.append("asid_generation +%(asid_generation)d for +%(asid_rollovers)d rollovers "
                        "(want one new generation per rollover)" % d)
    if d["flush_all"] != d["asid_rollovers"]:
        problems.append("%d whole-TLB flushes by the ASID code (/proc/tlblog totals, outside %s) "
                        "for %d rollovers (want exactly one per rollover)"
                        % (d["flush_all"], "/".join(PAGE_FLUSHERS), d["asid_rollovers"]))
    if d["mm_switches_to_asid_0"]:
        problems.append("%(mm_switches_to_asid_0)d switches to a process whose ASID is 0 "
                        "(/proc/tlbinfo mm_switches_to_asid_0; ASID 0 is reserved)" % d)
    return not problems, "\n".join(problems) or (
        "+%(asids_allocated)d ASIDs, +%(asid_rollovers)d rollovers, +%(flush_all)d flushes" % d)


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
        return False, out[-800:]
    gen, tasks = json.loads(m.group(1))
    live = {}
    for pid, mm, cid in tasks:
        if cid >> 8 == gen >> 8 and cid:
            live[mm] = cid & 0xFF
    asids = list(live.values())
    ok = len(asids) >= 4 and 0 not in asids and len(set(asids)) == len(asids)
    return ok, "ASIDs of the current generation by mm: %s (want >= 4, distinct, none 0)" % sorted(asids)


# TTBR_FLAGS (arch/arm/include/asm/hw.h): inner and outer write-back
# write-allocate walks, in the encoding of CPUs with the MP Extensions.
TTBR_FLAGS = {"vexpress-a9": 0x48, "virt": 0x48}


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
        return False, out[-800:]
    cid, pgd, ctx, ttbr0 = json.loads(m.group(1))
    flags = TTBR_FLAGS[g.g.board]
    ok = ctx is not None and ttbr0 is not None and (ctx & 0xFF) == (cid & 0xFF) != 0 and \
        (ttbr0 & ~0x3FFF) == pgd and ttbr0 & 0x3FFF == flags
    return ok, "mm context_id 0x%x pgd 0x%x; CONTEXTIDR 0x%x TTBR0 0x%x (want the ASID in " \
               "CONTEXTIDR, and in TTBR0 the table with the walk attributes TTBR_FLAGS, 0x%x)" % (
                   cid, pgd, ctx or 0, ttbr0 or 0, flags)


def tlb_flush_on_cow(g, sh):
    """A COW fault (a write to a present read-only page: FSR 0x80f) is
    followed by an invalidation of that one page, for the faulting
    process's ASID (the one in CONTEXTIDR, never 0); nothing flushes the
    whole TLB.  /proc/tlblog keeps the last entries with their operands:
    every COW fault it shows is checked."""
    last = max([e["seq"] for e in tlb_log(sh)] or [0])
    t0, v0 = proc_numbers(sh, "tlbinfo"), proc_numbers(sh, "vmstat")
    out = sh.run("cow", 120)
    t1, v1 = proc_numbers(sh, "tlbinfo"), proc_numbers(sh, "vmstat")
    log = tlb_log(sh, last)
    cows = sum(v1.get(k, 0) - v0.get(k, 0) for k in ("cow_copy", "cow_reuse"))
    full = t1.get("tlb_flush_all", 0) - t0.get("tlb_flush_all", 0)
    problems, seen, matched = [], 0, 0
    for i, e in enumerate(log):
        if e["op"] != "fault" or e["va"] >= 0xBF000000:
            continue
        m = re.search(r"fsr 0x([0-9a-f]+)", e["caller"])
        if not m or int(m.group(1), 16) & 0x80F != 0x80F:
            continue
        nxt = [x for x in log[i + 1:] if x["pid"] == e["pid"]][:1]
        if not nxt:
            continue            # the log ended first
        seen += 1
        f = nxt[0]
        if f["op"] == "mva" and f["va"] == e["va"] & ~0xFFF and f["asid"] == f["ctx"] != 0:
            matched += 1
        elif len(problems) < 6:
            if f["op"] == "mva":
                what = "page 0x%08x for ASID %d (running: ASID %d)" % (f["va"], f["asid"], f["ctx"])
            else:
                what = "%s%s" % (f["op"], "" if f["op"] != "asid" else " %d" % f["asid"])
            problems.append("COW fault of pid %d at 0x%08x (ASID %d): the next TLB operation "
                            "was %s; expected page 0x%08x for ASID %d" % (
                                e["pid"], e["va"], e["ctx"], what, e["va"] & ~0xFFF, e["ctx"]))
    if "cow: ok" not in out:
        problems.append("cow printed: " + (out.strip() or "nothing"))
    if cows == 0 or seen < min(cows, 20):
        problems.append("%d COW faults counted in /proc/vmstat, %d in /proc/tlblog" % (cows, seen))
    elif matched < seen:
        problems.insert(0, "%d of the %d COW faults in /proc/tlblog were not followed by an "
                        "invalidation of the faulting page for the faulting process's ASID"
                        % (seen - matched, seen))
    if full:
        problems.append("tlb_flush_all +%d (want 0: one page changed, not the address space)"
                        % full)
    return not problems, "\n".join(problems) or "%d COW faults checked in /proc/tlblog" % seen


def ttbr0_writes(lst, funcs=("switch_mm", "new_context", "cpu_switch_mm")):
    """Addresses of the TTBR0 writes (mcr p15, 0, rX, c2, c0, 0) in funcs."""
    cur, out = None, []
    for line in lst.splitlines():
        m = FUNC.match(line)
        if m:
            cur = m.group(1)
            continue
        m = MCR.match(line)
        if cur in funcs and m and m.groups() == ("2", "0", "0"):
            out.append(int(line.split(":")[0], 16))
    return out


def reserved_asid_at_ttbr0_write(g, sh):
    """Stopped at each TTBR0 write while processes switch: CONTEXTIDR holds
    the reserved ASID 0, so that no walk of the new table can be tagged
    with an ASID a process owns (B3.10.4)."""
    import os
    addrs = ttbr0_writes(open(os.path.join(g.g.build, "kernel.lst")).read())
    if not addrs:
        return False, "no TTBR0 write (mcr p15, 0, rX, c2, c0, 0) in switch_mm/cpu_switch_mm"
    script = "".join("gdb.execute('break *0x%x')\n" % a for a in addrs) + (
        "seen = []\n"
        "for i in range(6):\n"
        "    gdb.execute('continue')\n"
        "    seen.append([int(gdb.parse_and_eval('$pc')), mmkernel.read_cp15('CONTEXTIDR')])\n"
        "gdb.execute('delete')\n"
        "print('JSON' + json.dumps(seen))\n")
    out = g.python(script, while_running=lambda: sh.send("true; true; true"))
    sh.resync()
    m = re.search(r"^JSON(.*)$", out, re.M)
    if not m:
        return False, out[-800:]
    seen = json.loads(m.group(1))
    bad = [(pc, ctx) for pc, ctx in seen if ctx is None or ctx & 0xFF]
    return not bad, "CONTEXTIDR at the TTBR0 writes: %s (want ASID 0 at every one)" % ", ".join(
        "0x%x at pc 0x%x" % (ctx if ctx is not None else -1, pc) for pc, ctx in seen)


FORK_COPY = r"""
gdb.execute("break arch_mmu_copy_range if cow && end == 0xbf000000")
gdb.execute("continue")
f = gdb.selected_frame()
dst, src = int(f.read_var("dst")), int(f.read_var("src"))
start, end = int(f.read_var("start")), int(f.read_var("end"))
mmt = gdb.lookup_type("struct mm_struct").pointer()
dpgd = int(gdb.Value(dst).cast(mmt)["pgd_pa"])
spgd = int(gdb.Value(src).cast(mmt)["pgd_pa"])
gdb.execute("delete")
gdb.execute("finish")
rows = []
va = start
while va < end and len(rows) < 64:
    sl1, sl2 = mmkernel.walk(spgd, va)
    dl1, dl2 = mmkernel.walk(dpgd, va)
    if sl2:
        info = mmkernel.page_info(sl2 & 0xFFFFF000) or ""
        m = re.search(r"_mapcount (-?\d+)", info)
        rows.append([va, sl2, dl2 or 0, int(m.group(1)) if m else None])
    va += 4096
print("JSON" + json.dumps([start, end, rows]))
"""


def fork_shares_read_only(g, sh):
    """Stopped right after fork copied the stack's page tables (a private
    writable VMA, arch_mmu_copy_range with cow): every present page is mapped in both
    tables, at the same physical address, read-only for the user in both
    (AP=111), and its struct page counts both mappings (_mapcount >= 1)."""
    out = g.python("import re\n" + FORK_COPY, while_running=lambda: sh.send("true"), timeout=30)
    try:
        sh.resync()
    except Exception:
        return False, "the shell did not come back after 'true' (a fork): " + sh.error_text()
    m = re.search(r"^JSON(.*)$", out, re.M)
    if not m:
        return False, "GDB did not stop in a fork: " + out[-800:]
    start, end, rows = json.loads(m.group(1))
    problems = []
    for va, s_, d, mapc in rows:
        ap = lambda x: ((x >> 9) & 1) << 2 | ((x >> 4) & 3)
        if not d or (d & ~0xFFF) != (s_ & ~0xFFF):
            problems.append("0x%08x: the child's entry 0x%08x does not map the parent's page "
                            "(parent 0x%08x)" % (va, d, s_))
        elif ap(s_) != 7 or ap(d) != 7:
            problems.append("0x%08x: AP parent %s, child %s (want 111 in both: user read-only)"
                            % (va, format(ap(s_), "03b"), format(ap(d), "03b")))
        elif mapc is None or mapc < 1:
            problems.append("0x%08x: the page's _mapcount is %s (want >= 1: two page tables "
                            "map it)" % (va, mapc))
    if not rows:
        problems.append("no page present in 0x%08x-0x%08x to check" % (start, end))
    return not problems, "\n".join(problems[:6]) or "%d page(s) of 0x%08x-0x%08x shared read-only" % (
        len(rows), start, end)


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

# ------------------------------------------------ lab 9: memory pressure
#
# MEM=64 with the build's ext2 image attached: /dev/vda is 64 MiB of disk
# to read through the block device's page cache (file LRU pages), more
# than the RAM there is.


def meminfo_all(sh):
    """/proc/meminfo as {name: kB}."""
    return {m.group(1): int(m.group(2)) for m in
            re.finditer(r"^([\w()]+):\s+(\d+) kB", sh.run("cat /proc/meminfo"), re.M)}


def second_chance(g, sh):
    """4 MiB of the disk read once stays inactive; read again, it is active."""
    sh.run("echo 3 > /proc/sys/vm/drop_caches")
    sh.run("dd if=/dev/vda of=/dev/null bs=64K count=64 status=none", 60)
    once = meminfo_all(sh)
    sh.run("dd if=/dev/vda of=/dev/null bs=64K count=64 status=none", 60)
    twice = meminfo_all(sh)
    if once["Active(file)"] >= 1024 or once["Inactive(file)"] < 4096:
        return False, ("after one read of 4 MiB: Active(file) %d kB, Inactive(file) %d kB; a page "
                       "used once must stay inactive" % (once["Active(file)"],
                                                        once["Inactive(file)"]))
    if twice["Active(file)"] < 4096 - 256:
        return False, ("after the second read of the same 4 MiB: Active(file) %d kB; a page used "
                       "twice while inactive must become active" % twice["Active(file)"])
    return True, ""


def hog_pids(sh):
    """The pids of the memhog processes (ps)."""
    return re.findall(r"^\s*(\d+)\s+\d+\s+\S+\s+\S+\s+\d+\s+\d+ memhog$", sh.run("ps"), re.M)


def killed_pids(out):
    return re.findall(r"Out of memory: Killed process (\d+) \((\w+)\)", out)


def oom_protected_grower(g, sh):
    """A 16 MiB hog (oom_score_adj 0) and a grower with -1000 that stops at
    40 MiB by itself: when memory runs out the grower is the bigger, but
    the killer must take the hog, never the grower."""
    sh.run("memhog -h 16m > /dev/null & sleep 2", 60)
    hogs = hog_pids(sh)
    out = sh.run("oomdemo -1000 40", 300)
    for pid in hog_pids(sh):
        sh.run("kill %s" % pid)
    kills = killed_pids(out)
    if not re.search(r"child \d+ exited with status 0 after 40 MiB", out):
        return False, "the protected child (oom_score_adj -1000) did not reach its 40 MiB:\n" + \
            out.strip()[-1500:]
    if not kills or any(pid not in hogs for pid, _ in kills):
        return False, "killed %s; the only right victim was the 16 MiB memhog (pid %s)" % (
            ", ".join("%s (%s)" % k for k in kills) or "nothing", ", ".join(hogs))
    return True, ""


def oom_adj_first(g, sh):
    """A 30 MiB hog at 0 and a grower at +1000: the grower goes first,
    though it is smaller when memory runs out."""
    sh.run("memhog -h 30m > /dev/null & sleep 2", 60)
    hogs = hog_pids(sh)
    out = sh.run("oomdemo 1000", 300)
    alive = hog_pids(sh)
    for pid in alive:
        sh.run("kill %s" % pid)
    m = re.search(r"child (\d+) eats memory", out)
    kills = killed_pids(out)
    if not m or not kills or kills[0][0] != m.group(1):
        return False, "the first victim was %s; with oom_score_adj 1000 the growing child " \
            "(pid %s) goes first" % (" ".join("%s (%s)" % k for k in kills[:1]) or "nobody",
                                     m.group(1) if m else "?")
    if alive != hogs:
        return False, "the 30 MiB memhog (pid %s) was killed too" % ", ".join(hogs)
    return True, ""


def aging(g, sh):
    """32 MiB of the disk read twice (active), then the other 32 MiB
    streamed twice: the active list must be aged down to about the
    inactive one's size (pgdeactivate), not keep its pages for ever."""
    sh.run("echo 3 > /proc/sys/vm/drop_caches")
    for _ in range(2):
        sh.run("dd if=/dev/vda of=/dev/null bs=64K count=512 status=none", 120)
    before = proc_numbers(sh, "vmstat")
    for _ in range(2):
        sh.run("dd if=/dev/vda of=/dev/null bs=64K skip=512 status=none", 120)
    after, mi = proc_numbers(sh, "vmstat"), meminfo_all(sh)
    deact = after["pgdeactivate"] - before["pgdeactivate"]
    act, inact = mi["Active(file)"], mi["Inactive(file)"]
    if deact <= 0:
        return False, "no page was deactivated (pgdeactivate +0) while the inactive list " \
            "shrank below the active one"
    if act > inact * 12 // 10 + 1024:
        return False, "after the stream: Active(file) %d kB, Inactive(file) %d kB; the active " \
            "list should have been aged down to about the inactive one" % (act, inact)
    return True, ""


def swappiness_default(sh):
    return sh.run("cat /proc/sys/vm/swappiness").split()[-1]


def reclaim_thread(sh):
    m = re.search(r"^\s*\d+\s+0\s+\S+\s+-\s+\d+\s+\d+ (kswapd\w*)$", sh.run("ps"), re.M)
    return m.group(1) if m else None


# ------------------------------------------------------ lab 10: swap
#
# MEM=64 with a fresh swap area of 96 MiB as /dev/vda, made for each boot
# by the host's mkswap (Grader.fresh_disk): init cannot mount it (it is
# not ext2) and says so; a check turns it on (swapon) when it is off.
# Linux's pagemap layout (Documentation/admin-guide/mm/pagemap.rst):
# bit 63 present, bit 62 swapped, then type in bits 0-4, offset in 5-54.

SWAP_AREA_KB = 96 * 1024 - 4        # /proc/swaps Size: every page but the header
SWAP_SLACK_KB = 512                 # init's and the shell's pages pressure may swap out
PM_PRESENT, PM_SWAP = 1 << 63, 1 << 62


def pm_swap(e):
    """(type, offset) of a pagemap entry."""
    return e & 0x1F, (e >> 5) & ((1 << 50) - 1)


def swap_areas(sh):
    """/proc/swaps as [(name, type, size kB, used kB, priority)]."""
    rows = []
    for line in sh.run("cat /proc/swaps").splitlines()[1:]:
        f = line.split()
        if len(f) == 5 and f[2].isdigit() and f[3].isdigit():
            rows.append((f[0], f[1], int(f[2]), int(f[3]), f[4]))
    return rows


def swap_used(sh):
    """Used kB of /dev/vda, the only area (turned on first if it is off)."""
    rows = swap_areas(sh)
    if not rows:
        out = sh.run("swapon /dev/vda; echo status $?")
        rows = swap_areas(sh)
        if not rows:
            raise RuntimeError("swapon /dev/vda did not turn the area on:\n" + out.strip())
    if [r[0] for r in rows] != ["/dev/vda"] or rows[0][2] != SWAP_AREA_KB:
        raise RuntimeError("/proc/swaps should list /dev/vda alone, %d kB: %s" % (
            SWAP_AREA_KB, rows))
    return rows[0][3]


def swapentry_held(sh, pages):
    """`swapentry -h PAGES` in the background: (its pid or None, [(va,
    pagemap entry)] of its pages, what it printed).  Its lines come while
    the shell sleeps: a slow host may need a few more seconds."""
    out = sh.run("swapentry -h %d & sleep 1" % pages, 60)
    for _ in range(10):
        if re.search(r"^swapentry: (pid \d+ holding|.*not in swap|.*: not 0)", out, re.M) or \
                "done, exit status" in out or "Killed" in out:
            break
        out += sh.run("sleep 1", 30)
    rows = [(int(va, 16), int(pm, 16)) for va, pm in re.findall(
        r"^swapentry: page \d+ va (0x[0-9a-f]+) pagemap (0x[0-9a-f]{16}) swap type", out, re.M)]
    m = re.search(r"^swapentry: pid (\d+) holding$", out, re.M)
    return (int(m.group(1)) if m else None), rows, out


def kill_and_wait(sh, pid):
    """Kill pid and wait (a few looks at ps) until it is gone."""
    sh.run("kill %d" % pid)
    for _ in range(20):
        if not re.search(r"^\s*%d\s" % pid, sh.run("ps"), re.M):
            return


def l2_entries(text):
    """The second-level entries in the output of GDB's pt commands, in order."""
    return [int(x, 16) for x in re.findall(
        r"^  L2\[0x[0-9a-f]{2}\]  @ PA 0x[0-9a-f]{8} = (0x[0-9a-f]{8})", text, re.M)]


def entry_problems(rows, ptes):
    """What is wrong with swap entries: pagemap's (va, entry) against the
    second-level entries GDB read for the same pages."""
    bad, offsets = [], []
    for (va, e), pte in zip(rows, ptes):
        typ, off = pm_swap(e)
        offsets.append(off)
        if not e & PM_SWAP or e & PM_PRESENT or typ != 0 or not 0 < off <= SWAP_AREA_KB // 4:
            bad.append("0x%08x: pagemap 0x%016x; want bit 62 (swapped) and not 63 (present), "
                       "type 0 (bits 0-4: the only area), an offset (bits 5-54) from 1 to %d"
                       % (va, e, SWAP_AREA_KB // 4))
            continue
        want = (off << 7 | typ << 2) & 0xFFFFFFFF
        if pte != want:
            bad.append("0x%08x: the page-table entry is 0x%08x; swap type %d offset %d is "
                       "0x%08x (asm/mmu.h: offset from bit 7, type at 5:2, TEX[0] and bits "
                       "1:0 clear)" % (va, pte, typ, off, want))
    if len(set(offsets)) != len(offsets):
        bad.append("pages share a slot: offsets %s" % offsets)
    return bad


def swap_entries_in_tables(gdb, sh):
    """swapentry -h 8 pages out 8 pages of its own and holds them: pagemap
    says each is swapped, in area 0, each in a slot of its own; /proc/swaps
    counts 32 kB more; each page-table entry (GDB: pt VA PID) is the swap
    entry in the layout of asm/mmu.h; once swapentry is killed (the
    entries zapped) Used is back where it was."""
    used0 = swap_used(sh)
    pid, rows, out = swapentry_held(sh, 8)
    if pid is None or len(rows) != 8:
        if pid:
            kill_and_wait(sh, pid)
        return False, "'swapentry -h 8' should page out 8 pages and hold them; it printed:\n" + \
            out.strip()[-1500:]
    try:
        used1 = swap_used(sh)
        text = gdb.commands(["pt 0x%x %d" % (va, pid) for va, _ in rows])
    finally:
        kill_and_wait(sh, pid)
    ptes = l2_entries(text)
    if len(ptes) != len(rows):
        return False, "GDB's pt did not show a second-level entry for each page:\n" + text[-1500:]
    bad = entry_problems(rows, ptes)
    if used1 - used0 != 32:
        bad.append("/proc/swaps Used went from %d to %d kB with 8 pages in swap (want +32)"
                   % (used0, used1))
    used2 = swap_used(sh)
    if used2 != used0:
        bad.append("once swapentry was killed, Used is %d kB, not %d kB again: the slots of its "
                   "swap entries were not freed when its page tables went (zap_l2)" % (used2, used0))
    return not bad, "\n".join(bad[:6])


def swapwork_check(args, pages):
    """swapwork -s ARGS ends with its ok line, moved pages both ways, and
    afterwards the area's Used is back to where it was (give or take the
    few pages of init and the shell that the pressure swapped out)."""
    def fn(gdb, sh):
        used0 = swap_used(sh)
        out = sh.run("swapwork -s %s" % args, 240)
        used1 = swap_used(sh)
        ok = re.search(r"^swapwork: ok \(%d pages" % pages, out, re.M)
        m = re.search(r"^swapwork: pswpin \+(\d+) pswpout \+(\d+)$", out, re.M)
        if not ok:
            return False, "'swapwork -s %s' printed:\n%s" % (args, out.strip()[-2500:])
        if not m or not int(m.group(1)) or not int(m.group(2)):
            return False, "swapwork -s %s passed without pages going out and back in: %s" % (
                args, m.group(0) if m else "no pswpin/pswpout line")
        if used1 > used0 + SWAP_SLACK_KB:
            return False, ("swapwork -s %s has exited, and the area's Used is %d kB (%d kB before): "
                           "slots of entries that are gone stay taken, SwapFree never comes back"
                           % (args, used1, used0))
        return True, m.group(0)
    return fn


def swapped_back(args, ok_line):
    """swapentry ARGS: 8 pages out, then read back (faults on swap
    entries), right where they should be, and pagemap agrees; when it
    has exited, the area's Used is where it was: every slot freed."""
    def fn(gdb, sh):
        used0 = swap_used(sh)
        out = sh.run("swapentry %s" % args, 60)
        used1 = swap_used(sh)
        if not re.search(r"^swapentry: ok \(%s\)$" % re.escape(ok_line), out, re.M):
            return False, "'swapentry %s' printed:\n%s" % (args, out.strip()[-2500:])
        if used1 != used0:
            return False, ("'swapentry %s' read its pages back and exited, and the area's Used "
                           "is %d kB, not %d kB: the slot of an entry that was read back was "
                           "not freed" % (args, used1, used0))
        return True, ""
    return fn


def swapoff_clean(gdb, sh):
    """swapoff brings every page back and the area goes: /proc/swaps lists
    nothing, free and /proc/meminfo say no swap."""
    swap_used(sh)
    out = sh.run("swapoff /dev/vda; echo status $?", 120)
    rows, free, mi = swap_areas(sh), sh.run("free"), meminfo_all(sh)
    bad = []
    if not re.search(r"^status 0$", out, re.M):
        bad.append("'swapoff /dev/vda' failed:\n" + out.strip()[-1000:])
    if rows:
        bad.append("/proc/swaps still lists %s" % rows)
    if not re.search(r"^Swap:\s+0\s+0\s+0$", free, re.M) or mi.get("SwapTotal") or \
            mi.get("SwapFree"):
        bad.append("free says %s; SwapTotal %s kB, SwapFree %s kB (want 0 everywhere)" % (
            (re.findall(r"^Swap:.*$", free, re.M) or ["no Swap: line"])[0],
            mi.get("SwapTotal"), mi.get("SwapFree")))
    return not bad, "\n".join(bad)


def first_swap_pte(g):
    """The page-table entry of the first page swapentry pages out on an
    area just turned on (GDB's pt)."""
    from grade import Gdb
    sh = g.shell(64)
    if swap_areas(sh):
        sh.run("swapoff /dev/vda", 120)
    if swap_used(sh) != 0:
        return None
    pid, rows, _ = swapentry_held(sh, 1)
    if not pid or not rows:
        return None
    try:
        ptes = l2_entries(Gdb(g, sh).commands(["pt 0x%x %d" % (rows[0][0], pid)]))
    finally:
        kill_and_wait(sh, pid)
    return "0x%08x" % ptes[0] if ptes else None


def swap_readahead_pages(sh):
    return str(1 << int(sh.run("cat /proc/sys/vm/page-cluster").split()[-1]))


LABS = {
    1: dict(title="Boot and the MMU", exercises=[
        dict(title="section descriptors (mk_sect)", points=10,
             functions=[("arch/arm/mmu.c", "mk_sect", "return 0;")],
             checks=[Boot("", r"Memory: \d+K/\d+K available", r"Boot complete", r"Power down\."),
                     Live("pt 0xc0400000: a kernel RW, XN, global, write-back section",
                          pt_kernel_section),
                     Boot("selftest=ioremap_huge", r"selftest ioremap_huge: ok")]),
        dict(title="small-page descriptors (pte_prot_bits)", points=10,
             functions=[("arch/arm/mmu.c", "pte_prot_bits", "return 0;")],
             checks=[Boot("fault=text", r"permission fault \(page\), level 2, write at address 0xc0010000"),
                     Boot("fault=rodata", r"permission fault \(page\), level 2, write at address 0xc0"),
                     Boot("fault=xn", r"prefetch abort", r"permission fault \(page\), level 2, instruction fetch"),
                     Live("pt 0x10000 PID: the shell's text is user RO, executable, non-global",
                          pt_user_text),
                     Shell("segv_kills", r"segv_kills: ok")]),
        dict(title="the layout banner (print_memory_layout)", points=10,
             functions=[("arch/arm/setup.c", "print_memory_layout", "(void)layout_line;")],
             checks=[layout_check(1024), layout_check(512), layout_check(1024, 100),
                     layout_check(256, 400),
                     Boot("", r"\.text\s+: 0xc0010000 - 0xc0[0-9a-f]{6}")]),
        questions(1, ("pa_of_c0400000", "the physical address behind VA 0xc0400000 (pt)",
                            pt_field("0xc0400000", r"-> PA (0x[0-9a-f]{8})")),
                ("ap_of_shell_text", "the AP bits (three digits) of the shell's page at 0x10000",
                 pt_field("0x10000", r"AP=(\d{3})", of_shell=True)),
                ("vmalloc_start_mem_512", "where the vmalloc area starts with MEM=512",
                 banner_row("vmalloc", 512))),
    ]),
    2: dict(title="The buddy allocator", exercises=[
        dict(title="merging on free (__free_one_page)", points=10,
             functions=[("mm/page_alloc.c", "__free_one_page", "")],
             checks=[Host("test_buddy", "test_random_coalescing_three_zones",
                          "test_random_coalescing_lowmem_only",
                          "test_random_coalescing_unaligned_zones", "test_no_merge_across_zones"),
                     Boot("show=buddyinfo", r"Node 0, zone\s+Normal(\s+\d+){10}\s+[1-9]\d*\s*$",
                          desc="boot 'show=buddyinfo': order-10 blocks in Normal")]),
        dict(title="splitting on allocation (__rmqueue_smallest, expand)", points=10,
             functions=[("mm/page_alloc.c", "expand", ""),
                        ("mm/page_alloc.c", "__rmqueue_smallest", "return NULL;")],
             checks=[Host("test_buddy", "test_split_and_merge", "test_every_order_aligned",
                          "test_steal_whole_pageblock", "test_small_steal_keeps_pageblock"),
                     Boot("selftest=buddy", r"selftest buddy: ok")]),
        dict(title="watermarks (zone_watermark_ok)", points=10,
             functions=[("mm/page_alloc.c", "zone_watermark_ok", "return true;")],
             checks=[Host("test_buddy", "test_watermark_behaviour", "test_watermark_counts_the_request",
                          "test_zone_fallback_order"),
                     Live("MEM=64: a process that takes all memory is refused at the min "
                          "watermarks", refused_at_min, mem=64)]),
        questions(2, ("highmem_managed_pages", "managed pages of zone HighMem, MEM=1024",
                            zone_field("HighMem", "managed")),
                ("normal_min_watermark", "the min watermark of zone Normal, in pages",
                 zone_field("Normal", "min")),
                ("free_area_orders", "how many orders (free lists) a zone has",
                 gdb_value("sizeof(contig_page_data.node_zones[0].free_area) / "
                           "sizeof(contig_page_data.node_zones[0].free_area[0])"))),
    ]),
    3: dict(title="The slab allocator", exercises=[
        dict(title="slab sizing (choose_order)", points=10,
             functions=[("mm/slab.c", "choose_order", "")],
             checks=[Host("test_slab", "test_slab_order_rule", "test_multi_page_slabs_and_shrink",
                          "test_colour_offsets", "test_kmalloc_size_classes"),
                     Boot("show=slabinfo", r"^kmalloc-8k\s+\d+\s+\d+\s+\d+\s+3\s+8\b",
                          desc="boot 'show=slabinfo': kmalloc-8k has 3 objects in 8 pages")]),
        dict(title="a slab's free list (slab_get_obj, free_block)", points=10,
             functions=[("mm/slab.c", "slab_get_obj", "return NULL;"),
                        ("mm/slab.c", "free_block", "")],
             checks=[Host("test_slab", "test_object_accounting", "test_ctor_once_per_object",
                          "test_double_free_detected"),
                     Boot("selftest=slab", r"selftest slab: ok")]),
        dict(title="the per-CPU array cache (cache_alloc_refill, cache_flusharray)", points=10,
             functions=[("mm/slab.c", "cache_alloc_refill", "(void)cache_grow;\n\treturn NULL;"),
                        ("mm/slab.c", "cache_flusharray", "")],
             checks=[Host("test_slab", "test_array_cache_keeps_the_newest",
                          "test_refill_prefers_partial_slabs"),
                     Host("test_slab", "test_kmalloc_selftest", "test_zones_of_slabs"),
                     Boot("selftest=kmalloc", r"selftest kmalloc: ok"),
                     Shell("slabtop", r"kmalloc-64")]),
        questions(3, ("kmalloc_64_slot_bytes", "bytes per slot of kmalloc-64 in a debug build",
                            slabinfo_field("kmalloc-64", "objsize")),
                ("task_struct_per_slab", "task_structs per slab", 
                 slabinfo_field("task_struct", "objperslab")),
                ("kmalloc_8k_pages_per_slab", "pages per slab of kmalloc-8k",
                 slabinfo_field("kmalloc-8k", "pagesperslab"))),
    ]),
    4: dict(title="vmalloc, kmap and ioremap", exercises=[
        dict(title="the vmalloc range allocator (fit_in, find_free_piece)", points=10,
             functions=[("mm/vmalloc.c", "fit_in", "return 0;"),
                        ("mm/vmalloc.c", "find_free_piece", "(void)fit_in;\n\treturn NULL;")],
             checks=[Host("test_vmalloc", "test_vmalloc_maps_pages_and_guard",
                          "test_ranges_keep_a_guard_gap", "test_fragmentation_and_reuse",
                          "test_range_exhaustion", "test_huge_vmalloc_uses_sections"),
                     Host("test_vmalloc", "test_alignment_and_placement"),
                     Boot("selftest=vmalloc", r"selftest vmalloc: ok")]),
        dict(title="kmap's pkmap slots (map_new_virtual, flush_all_zero_pkmaps)", points=10,
             functions=[("mm/highmem.c", "map_new_virtual",
                         "(void)flush_all_zero_pkmaps;\n\treturn -1;"),
                        ("mm/highmem.c", "flush_all_zero_pkmaps", "(void)pkmap_hash_del;")],
             checks=[Host("test_highmem", "test_pkmap_slot_states", "test_one_flush_per_wrap",
                          "test_exhaustion_and_recovery", "test_kmap_every_highmem_page"),
                     Boot("selftest=kmap_highmem,kmap_exhaust", r"selftest kmap_highmem: ok",
                          r"selftest kmap_exhaust: ok")]),
        dict(title="ioremap", points=10,
             functions=[("mm/ioremap.c", "ioremap", "(void)range_is_ram;\n\treturn NULL;")],
             checks=[Host("test_vmalloc", "test_ioremap"),
                     Boot("selftest=ioremap,ioremap_huge", r"selftest ioremap: ok",
                          r"selftest ioremap_huge: ok", r"console: \S+ .*through ioremap at 0x")]),
        questions(4, ("pkmap_slots", "how many kmap slots there are",
                            gdb_value("sizeof(pkmap_count) / sizeof(pkmap_count[0])")),
                ("vmalloc_total_kb", "the size of the vmalloc area in kB, MEM=1024",
                 meminfo_kb("VmallocTotal"))),
    ]),
    5: dict(title="Page faults and lazy allocation", exercises=[
        dict(title="anonymous pages on demand (do_anonymous_page)", points=10,
             functions=[("mm/memory.c", "do_anonymous_page", "return VM_FAULT_OOM;")],
             checks=[Host("test_memory", "test_zero_page_then_write"),
                     Shell("zero_page", r"zero_page: ok"),
                     Shell("lazy_heap", r"lazy_heap: ok"),
                     Shell("brk_shrink", r"brk_shrink: ok")]),
        dict(title="growing the stack (expand_stack)", points=10,
             functions=[("mm/memory.c", "expand_stack", "return -ENOMEM;")],
             checks=[Host("test_memory", "test_stack_growth"),
                     Shell("stack_growth", r"stack_growth: ok", timeout=90)]),
        dict(title="finding the VMA (find_vma)", points=10,
             functions=[("mm/vma.c", "find_vma", "return NULL;")],
             checks=[Host("test_vma", "test_insert_find_remove", "test_random_split_merge"),
                     Shell("segv_kills", r"segv_kills: ok"),
                     Shell("mmap_semantics", r"mmap_semantics: ok")]),
        questions(5, ("zero_page_read_rss_kb", "how much VmRSS grows when zero_page reads its pages",
                            zero_page_figure("read")),
                ("zero_page_write_rss_kb", "... and when it writes them",
                 zero_page_figure("write"))),
    ]),
    6: dict(title="Copy-on-write fork", exercises=[
        dict(title="the COW rule (cow_decide)", points=10,
             functions=[("mm/memory.c", "cow_decide", "return COW_COPY;")],
             checks=[Host("test_memory", "test_cow_rule", "test_fork_cow_copy_then_reuse"),
                     Shell("cow_reuse", r"cow_reuse: ok", timeout=120),
                     Live("/proc/vmstat cow_reuse grows while cow_reuse runs",
                          cow_counters("cow_reuse", "cow_reuse"))]),
        dict(title="the write fault (do_wp_page)", points=10,
             functions=[("mm/memory.c", "do_wp_page", "return VM_FAULT_OOM;")],
             checks=[Shell("cow", r"cow: ok", timeout=120),
                     Live("/proc/vmstat cow_copy grows while cow runs", cow_counters("cow", "cow_copy"))]),
        dict(title="sharing the pages at fork (copy_l2)", points=10,
             functions=[("arch/arm/pgtable.c", "copy_l2", "")],
             checks=[Live("right after a fork: each page of a writable private VMA mapped in "
                          "parent and child, read-only in both, counted twice",
                          fork_shares_read_only),
                     Shell("echo forked", r"^forked$"),
                     Shell("cow", r"cow: ok", timeout=120),
                     Shell("asid_rollover", r"asid_rollover: ok", timeout=180)]),
        questions(6, ("mapcount_after_fork", "_mapcount of a stack page right after fork",
                            fork_mapping("mapcount")),
                ("ap_after_fork", "the AP bits of the parent's stack page right after fork",
                 fork_mapping("ap"))),
    ]),
    7: dict(title="ASIDs and the TLB", exercises=[
        dict(title="handing out ASIDs, rollover (new_context)", points=10,
             functions=[("arch/arm/asid.c", "new_context", "(void)next_asid;")],
             checks=[Live("asid_rollover: >= 640 ASIDs, >= 2 rollovers, one TLB flush each",
                          asid_rollover_counters),
                     Live("live processes have distinct non-zero ASIDs", distinct_asids)]),
        dict(title="the switch sequence (cpu_switch_mm)", points=10,
             functions=[("arch/arm/asid.c", "cpu_switch_mm", "")],
             checks=[Listing("TTBR0 written between CONTEXTIDR writes, after an ISB; "
                             "a DSB before each CONTEXTIDR write", switch_order),
                     Live("back in user mode: CONTEXTIDR = current's ASID, TTBR0 = its table",
                          switch_state),
                     Live("at every TTBR0 write, CONTEXTIDR holds the reserved ASID 0",
                          reserved_asid_at_ttbr0_write),
                     Shell("mmap_semantics", r"mmap_semantics: ok")]),
        dict(title="flushing one page (arch_flush_user_page)", points=10,
             functions=[("arch/arm/asid.c", "arch_flush_user_page", "")],
             checks=[Live("each COW fault of 'cow' invalidates the faulting page for the "
                          "faulting process's ASID (/proc/tlblog), never the whole TLB",
                          tlb_flush_on_cow)]),
        questions(7, ("asid_of_shell", "the shell's ASID right after boot (/proc/PID/asid or GDB)",
                            shell_asid_after_boot),
                ("contextidr_at_ttbr0_write", "CONTEXTIDR's ASID at a TTBR0 write",
                 lambda g: "0")),
    ]),
    8: dict(title="The page cache and writeback", disk=True, exercises=[
        dict(title="which inodes a pass writes (queue_io)", points=10,
             functions=[("kernel/fs/fs-writeback.c", "queue_io", "(void)io;")],
             checks=[wb_shell("one dirty file is written after dirty_expire_centisecs, not before",
                              "expire /mnt/lab8.e", timeout=60,
                              dirty_expire_centisecs=300, dirty_writeback_centisecs=50),
                     wb_shell("of two files dirtied 2 s apart, each is written at its own expiry",
                              "expire2 /mnt", timeout=60,
                              dirty_expire_centisecs=300, dirty_writeback_centisecs=50),
                     Shell("echo x > /mnt/lab8.s; sync; cat /proc/meminfo",
                           r"^Dirty:\s+0 kB", r"^Writeback:\s+0 kB",
                           desc="sync leaves nothing dirty")]),
        dict(title="the dirty limits (global_dirty_limits)", points=10,
             functions=[("mm/page-writeback.c", "global_dirty_limits",
                         "*background = *dirty = global_dirtyable_memory();")],
             checks=[Live("nr_dirty_threshold and nr_dirty_background_threshold follow the "
                          "ratios (10/20, 5/40)", dirty_thresholds([(10, 20), (5, 40)])),
                     Live("a background ratio above the dirty ratio (30/20) gives half the "
                          "dirty threshold", dirty_thresholds([(30, 20)]))]),
        dict(title="noticing the next store (page_mkclean)", points=10,
             functions=[("mm/rmap.c", "page_mkclean", "return 0;")],
             checks=[wb_shell("after msync the page is clean, and the next store dirties it again",
                              "mmap /mnt/lab8.m"),
                     wb_shell("two mappings of one page: after msync, a store through either "
                              "dirties it and reaches the disk", "mmap2 /mnt/lab8.m2")]),
        questions(8, ("flusher_thread", "the name of the disk's flusher thread (ps)",
                      flusher_thread),
                  ("readahead_first_window", "pages in the page cache after one 4 KiB read "
                   "of a cold 1 MiB file", readahead_first_window)),
    ]),
    9: dict(title="Memory pressure", disk=True, exercises=[
        dict(title="the second chance (mark_page_accessed)", points=10,
             functions=[("mm/swap.c", "mark_page_accessed", "(void)page;")],
             checks=[Host("test_reclaim", "test_second_chance", "test_second_chance_in_batch"),
                     Live("MEM=64: a page read once stays inactive, read twice becomes active",
                          second_chance, mem=64)]),
        dict(title="choosing the victim (oom_badness)", points=10,
             functions=[("mm/oom_kill.c", "oom_badness", "return LONG_MIN;")],
             checks=[Host("test_reclaim", "test_oom_badness"),
                     Live("MEM=64: a process with oom_score_adj -1000 is never chosen",
                          oom_protected_grower, mem=64),
                     Live("MEM=64: oom_score_adj 1000 goes first", oom_adj_first, mem=64)]),
        dict(title="aging the active list (shrink_active_list)", points=10,
             functions=[("mm/vmscan.c", "shrink_active_list", "(void)nr;")],
             checks=[Live("MEM=64: a stream ages a long active list down (pgdeactivate)",
                          aging, mem=64)]),
        questions(9, ("reclaim_thread", "the name of the reclaim thread (ps)",
                      in_shell(reclaim_thread)),
                  ("swappiness_default", "the default of /proc/sys/vm/swappiness",
                   in_shell(swappiness_default)),
                  ("lru_batch_pages", "pages in the per-CPU LRU batch before it goes onto the lists",
                   gdb_value("sizeof(lru_add_batch[0].pages) / sizeof(lru_add_batch[0].pages[0])"))),
    ]),
    10: dict(title="Swap entries and the swap-in path", disk="swap", exercises=[
        dict(title="the swap entry's bits (pte_mkswap, pte_swp_type, pte_swp_offset)",
             points=10,
             functions=[("arch/arm/include/asm/mmu.h", "pte_mkswap", "return 0;"),
                        ("arch/arm/include/asm/mmu.h", "pte_swp_type", "return 0;"),
                        ("arch/arm/include/asm/mmu.h", "pte_swp_offset", "return 0;")],
             checks=[Host("test_swap_pte", "test_swap_pte_layout", "test_swap_pte_round_trip"),
                     Live("MEM=64: 8 pages paged out: pagemap says swapped, area 0, a slot each; "
                          "each page-table entry is offset << 7 | type << 2; the slots are free "
                          "again when the process dies", swap_entries_in_tables, mem=64),
                     Live("MEM=64: swapwork -s 80, a working set of 80 MiB through the 96 MiB "
                          "area", swapwork_check("80", 20480), mem=64)]),
        dict(title="telling a swap entry from an old one (pte_is_swap)", points=10,
             functions=[("arch/arm/include/asm/mmu.h", "pte_is_swap", "return false;")],
             checks=[Host("test_swap_pte", "test_swap_pte_is_swap"),
                     Live("MEM=64: swap entries and old entries side by side, through a fork "
                          "and both exits (swapentry -f -o 8), and every slot free again",
                          swapped_back("-f -o 8", "8 pages out or old, shared by a fork, back "
                                       "in both"), mem=64)]),
        dict(title="mapping the page that came back (swapin_map_page)", points=10,
             functions=[("mm/memory.c", "swapin_map_page", "return VM_FAULT_SIGBUS;")],
             checks=[Live("MEM=64: 8 pages out and back in (swapentry 8): right, and every slot "
                          "free again", swapped_back("8", "8 pages out, and back"), mem=64),
                     Live("MEM=64: 8 pages out, then shared by a fork, back in both (swapentry "
                          "-f 8): read-only while shared, the reverse map reaches both, every "
                          "slot free again",
                          swapped_back("-f 8", "8 pages out, shared by a fork, back in both"),
                          mem=64),
                     Live("MEM=64: swapwork -s -f 40: pages a fork shared stay shared and right "
                          "through swap", swapwork_check("-f 40", 10240), mem=64),
                     Live("MEM=64: swapoff brings every page back; no swap left in /proc/swaps, "
                          "free, /proc/meminfo", swapoff_clean, mem=64)]),
        questions(10, ("swap_readahead_pages", "slots one swap-in fault reads at most "
                       "(/proc/sys/vm/page-cluster)", in_shell(swap_readahead_pages, mem=64)),
                  ("max_swap_areas", "how many swap areas can be on at once",
                   in_gdb(lambda gdb, sh: str(gdb.eval(
                       ["sizeof(swap_info) / sizeof(swap_info[0])"])[0]), mem=64)),
                  ("first_swap_pte", "the page-table entry (hex) of the first page "
                   "`swapentry -h 1` pages out, right after swapon", first_swap_pte)),
    ]),
}
