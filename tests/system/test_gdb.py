"""The GDB walkthrough of docs/gdb.md, in batch mode.

QEMU starts halted with a GDB stub on a free port (what `make debug`
does on :1234); gdb-multiarch loads scripts/gdb/gdbinit (what `make gdb`
does) and runs the walkthrough as a Python command file:

  break vector_dabt if the process is "cow" and DFSR says a write to a
      present read-only page (a permission fault: copy-on-write)
  continue                      the test types `cow` at the shell meanwhile
  cpsr, x/i $lr-8, fault        Abort mode, the store, DFSR/DFAR decoded
  pt $fault_addr                read-only before (AP=111), refcount > 1
  vmas, ps, buddy, slabs        the helpers, at the moment of the fault
  pagecache /bin/cow            the program's pages in the page cache
  break handle_mm_fault, bt     the handler's call chain
  break ret_from_exception      (returning to user mode)
  pt $fault_addr                read-write after (AP=011), its own page
  advance to rfeia, stepi       back in User mode at the same store

Each step's output is delimited so the test can check it step by step.
"""
import os
import re
import socket
import subprocess
import time

import pexpect
import pytest

from conftest import TOP

WALK = r'''
import gdb

def step(cmd, label=None):
    print("@@@ " + (label or cmd))
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("GDB-ERROR: %s" % e)

gdb.execute("target remote 127.0.0.1:@PORT@")
# 1. the abort vector, a COW fault (permission fault, page, write) of "cow"
gdb.execute('break vector_dabt if $_streq(current->comm, "cow") && '
            '($cp15("DFSR") & 0x80f) == 0x80f')
print("@@@ ready")
gdb.execute("continue")
for c in ("p/x $cpsr", "p/x $lr - 8", "x/i $lr - 8", "fault", "pt $fault_addr",
          "vmas", "ps", "buddy", "slabs", "pagecache /bin/cow", "pagecache /nothere"):
    step(c)
print("@@@ to the handler")
# 2. into the handler
gdb.execute("delete")
gdb.execute("break handle_mm_fault")
gdb.execute("continue")
step("bt")
# 3. on the way back to user mode: the entry after, then rfeia to user mode
gdb.execute("delete")
# (cow's next return to user mode is this fault's: another process's
# return, after an interrupt that switched tasks, could come first)
gdb.execute('break ret_from_exception if (((struct pt_regs *)$r4)->cpsr & 0x1f) == 0x10 && '
            '$_streq(current->comm, "cow")')
gdb.execute("continue")
gdb.execute("delete")
step("pt $fault_addr", "pt after")
dis = gdb.execute("x/40i ret_from_exception", to_string=True)
rfe = [l.split()[l.split().index("=>") + 1 if "=>" in l else 0] for l in dis.splitlines()
       if "rfeia" in l][0]
# only an rfeia that returns to User mode (others can come first: an IRQ
# taken by another task in the kernel returns through the same rfeia)
gdb.execute("tbreak *%s if ((*(unsigned *)($sp + 4)) & 0x1f) == 0x10 && "
            "$_streq(current->comm, \"cow\")" % rfe)
step("continue", "advance")
step("x/i $pc", "at rfe")
step("stepi")
step("p/x $pc", "user pc")
step("p/x $cpsr", "user cpsr")
gdb.execute("kill")
'''


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sections(out):
    """{command: its output} from the @@@-delimited log."""
    parts = re.split(r"^@@@ (.*)$", out, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def run_walk(kernel, tmp, script, command, disk=None):
    """QEMU halted with a GDB stub; gdb-multiarch runs script (a Python
    command file, @PORT@ filled in) while the shell is given command
    (with disk: that image as /dev/vda).  Returns GDB's output."""
    if not os.path.exists(os.path.join(kernel.build, "initramfs.cpio")):
        pytest.fail("no initramfs: run `make initramfs`")
    port = free_port()
    cmds = tmp / "walk.py"
    cmds.write_text(script.replace("@PORT@", str(port)))
    cmd = kernel.qemu_cmd("", extra=["-gdb", "tcp:127.0.0.1:%d" % port, "-S"], disk=disk)
    env = dict(os.environ, QEMU_AUDIO_DRV="none")
    qemu = pexpect.spawn(cmd[0], cmd[1:], env=env, timeout=60, encoding="utf-8",
                         codec_errors="replace")
    log = open(tmp / "gdb.log", "w")
    gdb = None
    try:
        for _ in range(50):                 # wait for the stub to listen
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        gdb = subprocess.Popen(
            ["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/gdbinit",
             "-x", str(cmds), os.path.join(kernel.build, "kernel.elf")],
            cwd=TOP, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        qemu.expect_exact("mmk# ", timeout=60)
        qemu.sendline(command)
        gdb.wait(timeout=120)
    except (pexpect.TIMEOUT, pexpect.EOF, subprocess.TimeoutExpired) as e:
        log.flush()
        pytest.fail("walkthrough did not finish (%s); gdb said:\n%s\nconsole:\n%s"
                    % (type(e).__name__, open(tmp / "gdb.log").read()[-3000:],
                       (qemu.before or "")[-2000:]))
    finally:
        if gdb and gdb.poll() is None:
            gdb.kill()
            gdb.wait()
        qemu.close(force=True)
        log.close()
    return open(tmp / "gdb.log").read()


@pytest.fixture(scope="module")
def walkthrough(kernel, tmp_path_factory):
    return run_walk(kernel, tmp_path_factory.mktemp("gdb"), WALK, "cow")


def test_stopped_at_abort_vector(walkthrough):
    s = sections(walkthrough)
    assert "ready" in s and "fault" in s, walkthrough[-3000:]
    assert "GDB-ERROR" not in walkthrough, walkthrough[-3000:]
    assert "Breakpoint 1, vector_dabt () at arch/arm/entry.S" in walkthrough
    cpsr = int(re.search(r"= (0x[0-9a-f]+)", s["p/x $cpsr"]).group(1), 16)
    assert cpsr & 0x1F == 0x17, hex(cpsr)           # Abort mode
    # the faulting instruction (lr - 8): a store, in user space
    assert re.search(r"0x[0-9a-f]+:\s+(str|stm|push)", s["x/i $lr - 8"]), s["x/i $lr - 8"]


def test_fault_decoded(walkthrough):
    f = sections(walkthrough)["fault"]
    assert re.search(r"=> DFSR 0x0000080f  FS=0x0f permission fault \(page\), write \(WnR=1\)", f), f
    assert re.search(r"=> DFAR 0x[0-9a-f]{8}  \(user address\)", f), f
    assert re.search(r"in pid \d+ \(cow\)", f), f


def test_pt_read_only_before(walkthrough):
    pt = sections(walkthrough)["pt $fault_addr"]
    assert re.search(r"L1\[0x[0-9a-f]{3}\] @ PA 0x[0-9a-f]{8} = 0x[0-9a-f]{8}  page table at PA", pt), pt
    assert re.search(r"L2\[0x[0-9a-f]{2}\]  @ PA .* small page PA 0x[0-9a-f]{8}  AP=111 \(kernel RO, user RO\)", pt), pt
    assert "nG=1" in pt and "TEX=001 C=1 B=1 (normal, write-back write-allocate)" in pt, pt
    assert "user read-only, non-global" in pt, pt
    m = re.search(r"_refcount (\d+), _mapcount (\d+)", pt)
    assert m and int(m.group(1)) >= 2 and int(m.group(2)) >= 1, pt   # shared since fork


def test_handler_path(walkthrough):
    bt = sections(walkthrough)["bt"]
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) \(", bt, re.M)
    assert frames[:4] == ["handle_mm_fault", "handle_user_fault", "do_page_fault",
                          "vector_dabt"], bt


def test_pt_read_write_after(walkthrough):
    s = sections(walkthrough)
    before, after = s["pt $fault_addr"], s["pt after"]
    assert "AP=011 (kernel RW, user RW)" in after, after
    assert "user read-write, non-global" in after, after
    before_pa = re.search(r"=> VA 0x[0-9a-f]{8} -> PA (0x[0-9a-f]{8})", before).group(1)
    after_pa = re.search(r"=> VA 0x[0-9a-f]{8} -> PA (0x[0-9a-f]{8})", after).group(1)
    m = re.search(r"_refcount (\d+), _mapcount (-?\d+) \(mapped by 1 page table\)"
                  r"(; one reference is the LRU add batch's)?", after)
    assert m, after
    # copied: a new page, mapped once; its references are the page table's
    # and, until the per-CPU batch drains onto the inactive anon list, the
    # batch's (mm/swap.c).  Or reused: the same page, now ours alone.
    if after_pa != before_pa:
        assert m.group(1) == ("2" if m.group(3) else "1"), after


def test_return_to_user_mode(walkthrough):
    s = sections(walkthrough)
    assert "rfeia" in s["at rfe"], s["at rfe"]
    cpsr = int(re.search(r"= (0x[0-9a-f]+)", s["user cpsr"]).group(1), 16)
    assert cpsr & 0x1F == 0x10, hex(cpsr)           # User mode
    pc = re.search(r"= (0x[0-9a-f]+)", s["user pc"]).group(1)
    assert pc == re.search(r"= (0x[0-9a-f]+)", s["p/x $lr - 8"]).group(1)   # the same store again


def test_vmas_ps(walkthrough):
    s = sections(walkthrough)
    v = s["vmas"]
    assert re.search(r"pid \d+ \(cow\)  mm 0x[0-9a-f]{8}  pgd PA 0x[0-9a-f]{8}  ASID \d+", v), v
    assert re.search(r"^  00010000 - [0-9a-f]{8}  r-xp .* /bin/cow$", v, re.M), v
    assert re.search(r"rw-p growsdown .*\[stack\]", v), v
    # the faulting address lies in a writable private VMA
    addr = int(re.search(r"DFAR 0x([0-9a-f]{8})", s["fault"]).group(1), 16)
    vmas = [(int(a, 16), int(b, 16), fl) for a, b, fl in
            re.findall(r"^  ([0-9a-f]{8}) - ([0-9a-f]{8})  (\S+)", v, re.M)]
    assert [fl for a, b, fl in vmas if a <= addr < b] == ["rw-p"], (hex(addr), v)
    p = s["ps"]
    assert re.search(r"^\*\s+\d+\s+\d+ R\s+cow\s+0x", p, re.M), p   # current, running
    assert re.search(r"^\s+1\s+0 S\s+init\s", p, re.M), p
    assert re.search(r"^\s+0\s+0 R\s+swapper\s+\(kernel\)", p, re.M), p


def test_buddy_slabs(walkthrough):
    s = sections(walkthrough)
    b = s["buddy"]
    assert re.search(r"^Normal\s+blocks(\s+\d+){11}$", b, re.M), b
    assert re.search(r"^\s+Movable(\s+\d+){11}$", b, re.M), b
    assert "MISMATCH" not in b and re.search(r"free_pages \d+ = sum\(blocks << order\) \d+ ok", b), b
    sl = s["slabs"]
    for name in ("kmem_cache", "kmalloc-64", "vm_area_struct", "mm_struct", "task_struct"):
        assert re.search(r"^%s\s+\d+\s+\d+\s+\d+" % re.escape(name), sl, re.M), (name, sl)


def test_pagecache(walkthrough):
    """/bin/cow is in the page cache (unpacked into tmpfs: every page uptodate
    and dirty for good), its text page 0 mapped by the running program."""
    out = sections(walkthrough)["pagecache /bin/cow"]
    m = re.search(r"^/bin/cow: inode \d+, size (\d+), (\d+) pages cached", out, re.M)
    assert m, out
    size, cached = int(m.group(1)), int(m.group(2))
    assert cached == (size + 4095) // 4096, out
    rows = re.findall(r"^\s+(\d+)\s+0x([0-9a-f]{8})\s+(\S+)\s+(\d+)\s+(\d+)$", out, re.M)
    assert len(rows) == cached, out
    assert [int(r[0]) for r in rows] == list(range(cached)), out
    for index, pa, flags, refs, maps in rows:
        assert "uptodate" in flags.split(",") and "dirty" in flags.split(","), out
        assert "swapbacked" in flags.split(","), out
        assert int(refs) >= 1 + int(maps), out
    assert int(rows[0][4]) >= 1, "page 0 (text) of the running cow is mapped: " + out
    assert "not in the dentry cache" in sections(walkthrough)["pagecache /nothere"]
# Stopped in user mode, QEMU reads memory for GDB with user privileges:
# every kernel page is out of reach of a plain read.  The helpers read
# through the tables in TTBR0 and physical memory instead.
USER_WALK = r'''
import gdb

def step(cmd, label=None):
    print("@@@ " + (label or cmd))
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("GDB-ERROR: %s" % e)

gdb.execute("target remote 127.0.0.1:@PORT@")
# sleep's return from nanosleep (r7 = 162): its text page is present then
gdb.execute('break ret_from_exception if (((struct pt_regs *)$r4)->cpsr & 0x1f) == 0x10 && '
            '$_streq(current->comm, "sleep") && ((struct pt_regs *)$r4)->r[7] == 162')
gdb.execute("continue")
gdb.execute("delete")
pid = int(gdb.parse_and_eval("current->pid"))
dis = gdb.execute("x/40i ret_from_exception", to_string=True)
rfe = [l.split()[l.split().index("=>") + 1 if "=>" in l else 0] for l in dis.splitlines()
       if "rfeia" in l][0]
gdb.execute("tbreak *%s if ((*(unsigned *)($sp + 4)) & 0x1f) == 0x10 && "
            "$_streq(current->comm, \"sleep\")" % rfe)
gdb.execute("continue")
gdb.execute("stepi")
step("p/x $cpsr", "cpsr")
step("p current", "plain read")
for c in ("ps", "vmas", "pt $pc", "pt $pc %d" % pid, "pt 0xc0400000", "buddy", "slabs",
          "fault"):
    step(c)
print("@@@ end")
gdb.execute("kill")
'''


@pytest.fixture(scope="module")
def user_mode(kernel, tmp_path_factory):
    return sections(run_walk(kernel, tmp_path_factory.mktemp("gdbu"), USER_WALK, "sleep 1"))


def test_helpers_in_user_mode(user_mode):
    s = user_mode
    assert "end" in s, s
    assert int(re.search(r"= (0x[0-9a-f]+)", s["cpsr"]).group(1), 16) & 0x1F == 0x10, s["cpsr"]
    assert "Cannot access memory" in s["plain read"], s["plain read"]   # why the helpers need this
    for c, v in s.items():
        assert "GDB-ERROR" not in v or c == "plain read", (c, v)
    assert re.search(r"^\*\s+\d+\s+\d+ R\s+sleep\s+0x", s["ps"], re.M), s["ps"]
    assert re.search(r"^\s+1\s+0 S\s+init\s", s["ps"], re.M), s["ps"]
    assert re.search(r"pid \d+ \(sleep\)  mm 0x[0-9a-f]{8}", s["vmas"]) and "[stack]" in s["vmas"]
    own = [k for k in s if k.startswith("pt $pc ")][0]
    for k in ("pt $pc", own):         # the page it runs in: user text
        assert re.search(r"=> VA 0x000[0-9a-f]{5} -> PA 0x[0-9a-f]{8}: user read-only, "
                         r"non-global \(this ASID only\), executable", s[k]), s[k]
        assert "struct page 0x" in s[k], s[k]
    assert "AP=001 (kernel RW, user none)" in s["pt 0xc0400000"], s["pt 0xc0400000"]
    assert re.search(r"free_pages \d+ = sum\(blocks << order\) \d+ ok", s["buddy"]), s["buddy"]
    assert re.search(r"^task_struct\s+\d+", s["slabs"], re.M), s["slabs"]


# rmap at the same COW fault, in a boot of its own: its walks (and the
# zero page's brute force) take long enough for a timer tick to be due
# when cow goes on, and the walkthrough above wants cow's very next
# return to user mode.
RMAP_WALK = r'''
import gdb, re

def step(cmd, label=None):
    print("@@@ " + (label or cmd))
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("GDB-ERROR: %s" % e)

gdb.execute("target remote 127.0.0.1:@PORT@")
gdb.execute('break vector_dabt if $_streq(current->comm, "cow") && '
            '($cp15("DFSR") & 0x80f) == 0x80f')
gdb.execute("continue")
step("fault")
# the page being copied (anonymous, shared since fork), and /bin/cow's
# page 0 (a file page, mapped as text)
pt = gdb.execute("pt $fault_addr", to_string=True)
step("rmap %d" % (int(re.search(r"-> PA (0x[0-9a-f]+)", pt).group(1), 16) >> 12), "rmap anon")
pc = gdb.execute("pagecache /bin/cow", to_string=True)
step("rmap %d" % (int(re.search(r"^\s+0\s+(0x[0-9a-f]+)", pc, re.M).group(1), 16) >> 12),
     "rmap file")
step("rmap 0", "rmap 0")
step("rmap %d" % int(gdb.parse_and_eval("zero_pfn")), "rmap zero")
print("@@@ end")
gdb.execute("kill")
'''


@pytest.fixture(scope="module")
def rmap_walk(kernel, tmp_path_factory):
    return sections(run_walk(kernel, tmp_path_factory.mktemp("gdbr"), RMAP_WALK, "cow"))


def test_rmap(rmap_walk):
    """rmap finds both mappings of the page being copied (parent and child
    of the fork) through the page's anon_vma, and the text mappings of
    /bin/cow's page 0 through its i_mmap list."""
    s = rmap_walk
    assert "end" in s and not [k for k, v in s.items() if "GDB-ERROR" in v], s
    anon, text = s["rmap anon"], s["rmap file"]
    addr = int(re.search(r"DFAR 0x([0-9a-f]{8})", s["fault"]).group(1), 16) & ~0xFFF
    assert re.search(r"^rmap 0x[0-9a-f]+: PA 0x[0-9a-f]{8}, struct page 0x[0-9a-f]{8}, "
                     r"anonymous, anon_vma 0x[0-9a-f]{8} index 0x([0-9a-f]+); flags \S+, "
                     r"_refcount \d+, _mapcount (\d+)", anon, re.M), anon
    rows = re.findall(r"^  pid (\d+) \(cow\)\s+mm 0x[0-9a-f]{8}  vma ([0-9a-f]{8})-([0-9a-f]{8}) "
                      r"rw-p  va 0x([0-9a-f]{8})  pte 0x([0-9a-f]{8})$", anon, re.M)
    assert len(rows) >= 2 and len({r[0] for r in rows}) == len(rows), anon
    assert all(int(r[3], 16) == addr for r in rows), (hex(addr), anon)
    assert len({int(r[4], 16) & ~0xFFF for r in rows}) == 1, anon      # one frame
    mapc = int(re.search(r"_mapcount (\d+)", anon).group(1))
    tried = re.search(r"^  %d mappings \(through its anon_vma: (\d+) VMAs? tried\)$" % len(rows),
                      anon, re.M)
    assert tried and int(tried.group(1)) >= len(rows), anon
    assert mapc + 1 == len(rows), anon
    # an anonymous page's index is its address in pages (mm/rmap.c)
    index = int(re.search(r"anon_vma 0x[0-9a-f]{8} index 0x([0-9a-f]+)", anon).group(1), 16)
    assert index == addr >> 12, (hex(addr), anon)
    assert re.search(r"file, mapping 0x[0-9a-f]{8} index 0;", text), text
    tr = re.findall(r"^  pid \d+ \(cow\)\s+mm 0x[0-9a-f]{8}  vma 00010000-[0-9a-f]{8} r-xp  "
                    r"va 0x00010000  pte 0x[0-9a-f]{8}$", text, re.M)
    assert tr and re.search(r"^  %d mappings? \(through the mapping's i_mmap list\)" % len(tr),
                            text, re.M), text
    assert "rmap 0x0: not a page of RAM" in s["rmap 0"], s["rmap 0"]
    zero = s["rmap zero"]
    zrows = re.findall(r"^  pid \d+ \(\S+\)\s+mm 0x[0-9a-f]{8}  vma [0-9a-f]{8}-[0-9a-f]{8} "
                       r"\S+  va 0x[0-9a-f]{8}  pte 0x[0-9a-f]{8}$", zero, re.M)
    assert "the zero page;" in zero and re.search(
        r"^  %d mappings? \(brute force: every VMA of every address space\)$" % len(zrows),
        zero, re.M), zero


# A swap-in, stopped at do_swap_page: swapentry pages out two pages of its
# own (MADV_PAGEOUT) and reads them back.  pt shows the faulting address's
# entry as the swap entry it holds, and swp the same entry from
# do_swap_page's argument; after the fault the entry maps the page again,
# read-only while the page stays in the swap cache.
SWAP_WALK = r"""
import gdb, re

def step(cmd, label=None):
    print("@@@ " + (label or cmd))
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("GDB-ERROR: %s" % e)

gdb.execute("target remote 127.0.0.1:@PORT@")
gdb.execute('break do_swap_page if $_streq(current->comm, "swapentry")')
gdb.execute("continue")
addr = int(gdb.parse_and_eval("addr"))
val = int(gdb.parse_and_eval("e.val"))
print("@@@ args\naddr 0x%08x e.val 0x%08x" % (addr, val))
step("pt addr", "pt swapped")
step("swp e", "swp")
gdb.execute("delete")
gdb.execute("finish")
step("pt 0x%x" % addr, "pt back")
step("swp 0x%x" % val, "swp back")
print("@@@ end")
gdb.execute("kill")
"""


def swap_image(tmp):
    """A 16 MiB swap area made by the host's mkswap (util-linux)."""
    import shutil
    mkswap = shutil.which("mkswap") or "/usr/sbin/mkswap"
    path = tmp / "swap.img"
    with open(path, "wb") as f:
        f.truncate(16 << 20)
    os.chmod(path, 0o600)
    subprocess.run([mkswap, "-q", str(path)], check=True, capture_output=True)
    return str(path)


@pytest.fixture(scope="module")
def swap_walk(kernel, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gdbs")
    return sections(run_walk(kernel, tmp, SWAP_WALK, "swapon /dev/vda; swapentry 2",
                             disk=swap_image(tmp)))


def test_pt_swap_entry(swap_walk):
    """At do_swap_page: the faulting page's entry is a swap entry (the
    first slot of area 0: swapentry's first page), pt and swp agree with
    do_swap_page's argument; after it, the entry maps a page again."""
    s = swap_walk
    assert "end" in s and not [k for k, v in s.items() if "GDB-ERROR" in v], s
    m = re.search(r"addr 0x([0-9a-f]{8}) e\.val 0x([0-9a-f]{8})", s["args"])
    addr, val = int(m.group(1), 16), int(m.group(2), 16)
    assert addr == 0x40000000 and val == 1, s["args"]         # area 0, slot 1
    pt = s["pt swapped"]
    assert re.search(r"^  L2\[0x00\]  @ PA 0x[0-9a-f]{8} = 0x00000080  swap entry: type 0 "
                     r"offset 1 ", pt, re.M), pt
    assert "=> not mapped: swapped out, to slot 1 of swap area 0" in pt, pt
    assert re.search(r"swap area 0: /dev/vda, slots 1-4095 \(slot 0 is the header\), 2 in use",
                     pt), pt
    # one user; the page itself may still sit in the swap cache (written,
    # and waiting for reclaim to free it), or be gone (read from the area)
    slot = re.search(r"slot 1: swap_map 0x(0001: 1 page-table entry; not in the swap cache|"
                     r"8001: 1 page-table entry; in the swap cache: PA 0x[0-9a-f]{8})", pt)
    assert slot, pt
    sw = s["swp"]
    assert sw.strip().startswith("swap entry 0x00000001: type 0 offset 1; in a PTE: 0x00000080"), sw
    assert slot.group(0) in sw, sw
    back = s["pt back"]
    assert re.search(r"small page PA 0x[0-9a-f]{8}  AP=111 \(kernel RO, user RO\)", back), back
    assert re.search(r"=> VA 0x40000000 -> PA 0x[0-9a-f]{8}: user read-only", back), back
    # read, not written: the page stays in the swap cache (its slot too),
    # mapped read-only until a write frees the slot (do_wp_page)
    m = re.search(r"slot 1: swap_map 0x8000: 0 page-table entries; in the swap cache: "
                  r"PA (0x[0-9a-f]{8})", s["swp back"])
    assert m and m.group(1) in back, s["swp back"]
