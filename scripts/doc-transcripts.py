#!/usr/bin/env python3
"""Docs that cannot rot: the GDB transcripts of docs/gdb.md and docs/boot.md
come from a GDB run, and `--check` (tests/system/test_docs.py) fails when
the docs and a fresh run disagree.

    scripts/doc-transcripts.py --update   rewrite the marked blocks (make docs)
    scripts/doc-transcripts.py --check    compare them with a fresh run

A block the script owns is a fenced code block (or a table) right after a
marker line:

    <!-- transcript: cow-fault -->          a code block: GDB commands and output
    <!-- table: boot-registers -->          the first-stop register table

What differs from build to build (kernel addresses, the physical pages the
allocator happened to pick, source line numbers, counters of other
processes) is masked when comparing, so a change elsewhere in the kernel
does not fail the check; every value that teaches something (the user
addresses, the registers at the first instruction, the FSR, the
descriptor fields, the pids, the ASID, the VMAs) must match exactly.
Kernel addresses the docs write as "0xc00109a0 <ret_from_exception+104>"
are checked against build/<board>/System.map; after a change that moves
kernel code, `make docs` refreshes them.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time

import pexpect

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU_BOARD = ["-M", "vexpress-a9", "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"]
DOCS = ["docs/gdb.md", "docs/boot.md", "docs/physical-memory.md"]

# ---------------------------------------------------------------- the runs

PRELUDE = r'''
import gdb

def step(cmd, label=None, show=True):
    print("@@@ " + (label or cmd))
    if show:
        print("(gdb) " + cmd)
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("GDB-ERROR: %s" % e)

gdb.execute("target remote 127.0.0.1:@PORT@")
'''

# The walkthrough of docs/gdb.md: one COW fault of /bin/cow.
COW = PRELUDE + r'''
gdb.execute('break vector_dabt if $_streq(current->comm, "cow") && '
            '$_streq(current->parent->comm, "sh") && ($cp15("DFSR") & 0x80f) == 0x80f')
print("@@@ ready")
step("continue", "stop")
for c in ("info registers pc lr cpsr", "x/i $lr - 8", "fault", "pt $fault_addr", "vmas", "ps"):
    step(c)
gdb.execute("delete")
gdb.execute("break handle_mm_fault")
step("continue", "handler")
step("bt")
gdb.execute("delete")
gdb.execute('break ret_from_exception if (((struct pt_regs *)$r4)->cpsr & 0x1f) == 0x10 && '
            '$_streq(current->comm, "cow") && $_streq(current->parent->comm, "sh")')
step("continue", "return")
gdb.execute("delete")
step("pt $fault_addr", "pt after")
dis = gdb.execute("x/40i ret_from_exception", to_string=True)
rfe = [l for l in dis.splitlines() if "rfeia" in l][0].replace("=>", "").split(":")[0].strip()
print("@@@ rfe address\n%s" % rfe)
gdb.execute("tbreak *%s if ((*(unsigned *)($sp + 4)) & 0x1f) == 0x10 && "
            "$_streq(current->comm, \"cow\") && $_streq(current->parent->comm, \"sh\")"
            % rfe.split()[0])
step("continue", "advance")
step("x/2wx $sp")
step("stepi")
step("info registers pc cpsr", "user regs")
step("x/i $pc", "user insn")
print("@@@ end")
gdb.execute("kill")
'''

# The first instructions, for docs/boot.md.
BOOT = PRELUDE + r'''
step("info registers pc r0 r1 r2 cpsr", "first stop")
step('p/x $cp15("SCTLR")', "first sctlr")
step("hbreak *0x60010000", "hbreak", show=False)
step("continue", "to _start", show=False)
step("info registers pc r0 r1 r2 cpsr", "at _start")
step("x/wx $r2", "dtb magic")
gdb.execute("delete")
gdb.execute("hbreak start_kernel")
step("continue", "start_kernel", show=False)
step("mmu")
step("cp15")
print("@@@ end")
gdb.execute("kill")
'''


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_gdb(build, script, shell_cmd=None, timeout=120):
    """Boot QEMU halted, run script in gdb-multiarch, type shell_cmd at the
    shell meanwhile; returns {label: output} of the script's steps."""
    port = free_port()
    path = os.path.join(build, "doc-walk-%d.py" % port)
    with open(path, "w") as f:
        f.write(script.replace("@PORT@", str(port)))
    cmd = ["qemu-system-arm"] + QEMU_BOARD + [
        "-m", "1024", "-nographic", "-no-reboot", "-kernel", os.path.join(build, "Image"),
        "-dtb", os.path.join(build, "vexpress-a9.dtb"),
        "-initrd", os.path.join(build, "initramfs.cpio"),
        "-append", "console=ttyAMA0", "-gdb", "tcp:127.0.0.1:%d" % port, "-S"]
    qemu = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8", codec_errors="replace",
                         env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    gdb = None
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        gdb = subprocess.Popen(["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/gdbinit",
                                "-x", path, os.path.join(build, "kernel.elf")],
                               cwd=TOP, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if shell_cmd:
            qemu.expect_exact("mmk# ", timeout=60)
            qemu.sendline(shell_cmd)
        out, _ = gdb.communicate(timeout=timeout)
    finally:
        if os.path.exists(path):
            os.unlink(path)
        if gdb and gdb.poll() is None:
            gdb.kill()
        qemu.close(force=True)
    out = re.sub(r"^(Temporary breakpoint|Breakpoint|Hardware assisted breakpoint) \d+ at .*\n",
                 "", out, flags=re.M)       # GDB's chatter when a breakpoint is set
    parts = re.split(r"^@@@ (.*)$", out, flags=re.M)
    sec = {parts[i]: parts[i + 1].strip("\n") for i in range(1, len(parts) - 1, 2)}
    if "end" not in parts:
        raise RuntimeError("the GDB run did not finish:\n" + out[-3000:])
    return sec


# --------------------------------------------------------- the doc blocks

def cow_blocks(s):
    def cont(label):
        return s[label].replace("(gdb) continue\n\n", "(gdb) continue\n")
    rfe = s["rfe address"].strip()
    return {
        "cow-stop": cont("stop") + "\n" + s["info registers pc lr cpsr"],
        "cow-store": s["x/i $lr - 8"],
        "cow-walk": s["fault"] + "\n" + s["pt $fault_addr"],
        "cow-vmas": s["vmas"] + "\n" + s["ps"],
        "cow-handler": "(gdb) delete\n(gdb) break handle_mm_fault\n" + cont("handler") + "\n" +
        s["bt"],
        "cow-after": "(gdb) delete\n(gdb) break ret_from_exception if (((struct pt_regs *)$r4)"
        "->cpsr & 0x1f) == 0x10 && $_streq(current->comm, \"cow\") && "
        "$_streq(current->parent->comm, \"sh\")\n" + cont("return") + "\n" + s["pt after"],
        "cow-rfe": "(gdb) x/40i ret_from_exception          # find \"rfeia sp!\": %s here\n" % rfe +
        "(gdb) tbreak *%s if ((*(unsigned *)($sp + 4)) & 0x1f) == 0x10 && $_streq(current->comm, "
        "\"cow\") && $_streq(current->parent->comm, \"sh\")\n" % rfe.split()[0] +
        cont("advance") + "\n" + s["x/2wx $sp"] + "\n" + s["stepi"] + "\n" +
        s["user regs"] + "\n" + s["user insn"],
    }


def reg(text, name):
    m = re.search(r"^%s\s+(0x[0-9a-f]+)" % name, text, re.M)
    return int(m.group(1), 16) if m else None


def boot_blocks(s):
    first, start = s["first stop"], s["at _start"]
    sctlr = int(re.search(r"= (0x[0-9a-f]+)", s["first sctlr"]).group(1), 16)
    magic = int(s["dtb magic"].split(":")[1].split()[0], 16)
    rows = ["| register | first stop (QEMU's loader) | at `_start` (0x60010000) | meaning |",
            "|---|---|---|---|",
            "| pc | 0x%08x | 0x%08x | QEMU's few-instruction loader in the first page of RAM, "
            "then `_start` at its physical address |" % (reg(first, "pc"), reg(start, "pc")),
            "| r0 | 0x%x | 0x%x | always 0 |" % (reg(first, "r0"), reg(start, "r0")),
            "| r1 | 0x%x | 0x%x | machine id (vexpress, 0x8e0 = 2272); unused with a DTB |"
            % (reg(first, "r1"), reg(start, "r1")),
            "| r2 | 0x%x | 0x%08x | the loader's own value, then the DTB's physical address "
            "(its first word reads 0x%08x: the magic 0xd00dfeed, big-endian) |"
            % (reg(first, "r2"), reg(start, "r2"), magic),
            "| cpsr | 0x%08x | 0x%08x | SVC mode, IRQ/FIQ/async aborts masked |"
            % (reg(first, "cpsr"), reg(start, "cpsr")),
            "| SCTLR | 0x%08x | (the same) | MMU, caches off |" % sctlr]
    return {"boot-registers": "\n".join(rows),
            "boot-first": s["first stop"],
            "boot-start-kernel": s["mmu"] + "\n" + s["cp15"]}


def boot_console(build):
    """The console of a plain boot to power-off (MEM=1024)."""
    cmd = ["qemu-system-arm"] + QEMU_BOARD + [
        "-m", "1024", "-nographic", "-no-reboot", "-kernel", os.path.join(build, "Image"),
        "-dtb", os.path.join(build, "vexpress-a9.dtb"),
        "-initrd", os.path.join(build, "initramfs.cpio"), "-append", "console=ttyAMA0 poweroff"]
    out = subprocess.run(cmd, capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                         env=dict(os.environ, QEMU_AUDIO_DRV="none")).stdout
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


def console_blocks(out):
    keep = re.compile(r"^(mem_map: |memblock: |Zone ranges:|  (DMA|Normal|HighMem) |Memory: )")
    return {"boot-memory": "\n".join(l for l in out.split("\n") if keep.match(l))}


def run_all(build):
    blocks = console_blocks(boot_console(build))
    blocks.update(boot_blocks(run_gdb(build, BOOT)))
    blocks.update(cow_blocks(run_gdb(build, COW, "cow")))
    return blocks


MARK = re.compile(r"^<!-- (transcript|table|console): ([\w-]+) -->\n", re.M)


def doc_blocks(text):
    """{name: (start, end, body)} of the marked blocks of a doc."""
    out = {}
    for m in MARK.finditer(text):
        kind, name = m.groups()
        pos = m.end()
        if kind in ("transcript", "console"):
            b = re.compile(r"```\n(.*?)\n```\n", re.S).match(text, pos)
        else:
            b = re.compile(r"((?:\|.*\|\n)+)").match(text, pos)
        if not b:
            raise RuntimeError("marker %s: no %s right after it" % (name, kind))
        out[name] = (b.start(1), b.end(1), b.group(1).rstrip("\n"))
    return out


def update(blocks):
    for doc in DOCS:
        path = os.path.join(TOP, doc)
        text = open(path).read()
        for name, (a, b, _) in sorted(doc_blocks(text).items(), key=lambda kv: -kv[1][0]):
            if name not in blocks:
                raise RuntimeError("%s: no transcript named %s" % (doc, name))
            text = text[:a] + blocks[name] + ("\n" if text[b - 1] == "\n" else "") + text[b:]
        with open(path, "w") as f:
            f.write(text)


# ------------------------------------------------------------- checking

MASKS = [
    (r"\b0x(c0|ef|8f|9f)[0-9a-f]{6}\b", r"0x\1......"),     # kernel text/data, heap, tables, pages
    (r"\b(c0|ef)[0-9a-f]{6}\b", r"\1......"),
    (r"<(\w+)\+\d+>", r"<\1+N>"),
    (r"\.(c|S):\d+", r".\1:N"),
    (r"^\d+\t.*$", "LINE"),                                  # GDB's current source line
    (r"IFAR 0x[0-9a-f]{8}", "IFAR ..."),                     # an older prefetch abort
    (r"0x68[0-9a-f]{6}", "0x68......"),                      # the DTB: after the initrd
    (r"page table at PA 0x[0-9a-f]{8}", "page table at PA ..."),
    (r"^(TTBR0\s+)0x600[0-9a-f]{5}", r"\g<1>0x600....."),     # the early table: after the image
    (r"(L1 table at PA )0x600[0-9a-f]{5}", r"\g<1>0x600....."),
    # boot figures that follow the size of the image and of the initrd
    (r"initialised in \d+ ns", "initialised in N ns"),
    (r"^(memblock: reserved\[[03]\] 0x6[0-9a-f]{7}-)0x6[0-9a-f]{7}\s+\d+ KiB", r"\1..."),
    (r"managed \d+ pages$", "managed N pages"),
    (r"^Memory: \d+K/(\d+K) available \(\d+K reserved, (\d+K highmem)\), min_free_kbytes \d+",
     r"Memory: NK/\1 available (NK reserved, \2), min_free_kbytes N"),
]
# The store that takes the first COW fault: the parent's first write after
# fork, in one of two functions depending on whether the child ran first
# (check_user_pc holds the transcripts to one value for it).
USER_PC = [
    (r"^(lr\s+)0x1[0-9a-f]{4}(\s+)\d+$", r"\1USERPC+8\2N"),
    (r"^(pc\s+)0x1[0-9a-f]{4}(\s+)0x1[0-9a-f]{4}$", r"\1USERPC\2USERPC"),
    (r"\b0x0001[0-9a-f]{4}\b", "USERPC"),
    (r"\b0x1[0-9a-f]{4}(:\s)", r"USERPC\1"),
]
# In `ps`, the columns other processes' work changes (RSS, faults, wchan).
PS_ROW = re.compile(r"^([* ]\s+\d+\s+\d+ \w\s+\S+\s+\S+\s+\S+)\s+\d+\s+\d+\s+\d+\s+\S+$", re.M)


# kswapd0 naps 100 ms after boot before it sleeps for good (mm/vmscan.c,
# kswapd_try_to_sleep): whether the nap has ended, leaving it runnable
# until the scheduler next picks it, depends on how long the run took.
KSWAPD_STATE = re.compile(r"^(\s+\d+\s+\d+ )[RS](\s+kswapd0\s)", re.M)


def normal(text):
    text = PS_ROW.sub(r"\1 ...", text)
    text = KSWAPD_STATE.sub(r"\1.\2", text)
    for a, b in USER_PC:
        text = re.sub(a, b, text, flags=re.M)
    for a, b in MASKS:
        text = re.sub(a, b, text, flags=re.M)
    return text


def system_map(build):
    syms = {}
    for line in open(os.path.join(build, "System.map")):
        a, kind, name = line.split()
        if kind in "Tt":
            syms.setdefault(name, int(a, 16))
    return syms


def check_addresses(build):
    """Every "0xc0xxxxxx <sym+off>" of the docs is sym + off of System.map."""
    syms, bad = system_map(build), []
    for doc in [os.path.join("docs", f) for f in sorted(os.listdir(os.path.join(TOP, "docs")))
                if f.endswith(".md")]:
        text = open(os.path.join(TOP, doc)).read()
        for m in re.finditer(r"\b0x(c0[0-9a-f]{6})\s+<(\w+)(?:\+(\d+))?>", text):
            addr, name, off = int(m.group(1), 16), m.group(2), int(m.group(3) or 0)
            if name not in syms:
                bad.append("%s: %s: no such symbol in System.map" % (doc, m.group(0)))
            elif syms[name] + off != addr:
                bad.append("%s: %s, but System.map puts %s+%d at 0x%08x" % (
                    doc, m.group(0), name, off, syms[name] + off))
    return bad


def check_early_table(blocks, build):
    """The early table the docs show is swapper_pg_dir, at its physical address."""
    m = re.search(r"L1 table at PA (0x[0-9a-f]{8})", blocks.get("boot-start-kernel", ""))
    syms = {}
    for line in open(os.path.join(build, "System.map")):
        a, _, name = line.split()
        syms[name] = int(a, 16)
    want = syms["swapper_pg_dir"] - 0xC0000000 + 0x60000000
    if not m or int(m.group(1), 16) != want:
        return ["at start_kernel, mmu shows %s; swapper_pg_dir is at PA 0x%08x"
                % (m.group(0) if m else "no L1 table", want)]
    return []


def check_user_pc(blocks):
    """Every place the COW transcripts show the faulting store shows the
    same address: lr - 8 at the abort, the pc the frame holds, the pc after
    rfeia."""
    text = "\n".join(blocks.get(k, "") for k in ("cow-stop", "cow-store", "cow-rfe"))
    lr = re.search(r"^lr\s+(0x[0-9a-f]+)", text, re.M)
    pcs = re.findall(r"^0x[0-9a-f]+:\s+(0x[0-9a-f]+)\s+0x20000010|^\s+(0x[0-9a-f]+):\s+push|"
                     r"^(?:=> )?(0x[0-9a-f]+):\s|^(0x[0-9a-f]+) in \?\?|"
                     r"^pc\s+(0x[0-9a-f]+)", text, re.M)
    vals = {int(v, 16) for row in pcs for v in row if v and int(v, 16) < 0xBF000000}
    if not lr or len(vals) != 1 or int(lr.group(1), 16) - 8 not in vals:
        return ["the COW transcripts disagree on the faulting store: lr %s, pcs %s" % (
            lr.group(1) if lr else "?", sorted(hex(v) for v in vals))]
    return []


def check(blocks, build):
    bad = check_addresses(build) + check_early_table(blocks, build) + check_user_pc(blocks)
    for doc in DOCS:
        text = open(os.path.join(TOP, doc)).read()
        for name, (_, _, body) in doc_blocks(text).items():
            want = blocks.get(name)
            if want is None:
                bad.append("%s: no transcript named %s" % (doc, name))
                continue
            a, b = normal(body).split("\n"), normal(want).split("\n")
            if a != b:
                diff = [l for l in __import__("difflib").unified_diff(
                    a, b, "%s (%s)" % (doc, name), "a GDB run now", lineterm="")]
                bad.append("\n".join(diff[:60]))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--build", default=os.path.join(TOP, "build", "vexpress-a9"))
    args = ap.parse_args()
    blocks = run_all(args.build)
    if args.update:
        update(blocks)
    bad = check(blocks, args.build)
    if bad:
        print("\n\n".join(bad))
        print("\nthe docs disagree with the kernel: `make docs` rewrites the GDB transcripts")
        return 1
    print("docs/gdb.md and docs/boot.md agree with a GDB run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
