"""The GDB walkthrough of docs/gdb.md, in batch mode.

QEMU starts halted with a GDB stub on a free port (what `make debug`
does on :1234); gdb-multiarch loads scripts/gdb/gdbinit (what `make gdb`
does) and runs the walkthrough as a Python command file:

  break do_page_fault if the process is "cow" and the fault is a write
      to a present read-only page (a permission fault: copy-on-write)
  continue                      the test types `cow` at the shell meanwhile
  bt, fault, pt $fault_addr     read-only before (AP=111), refcount > 1
  vmas, ps, buddy, slabs        the helpers, at the moment of the fault
  finish                        back in the abort vector (vector_dabt)
  pt $fault_addr                read-write after (AP=011), its own page

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

gdb.execute("target remote :@PORT@")
gdb.execute('break do_page_fault if $_streq(current->comm, "cow") && '
            '(fsr & 0x80f) == 0x80f && (fsr & 0x400) == 0')
print("@@@ ready")
gdb.execute("continue")
for c in ("bt", "fault", "pt $fault_addr", "p/x regs->pc", "x/i regs->pc",
          "vmas", "ps", "buddy", "slabs"):
    step(c)
gdb.execute("delete")
step("finish")
step("pt $fault_addr", "pt after")
step("info symbol $pc")
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


@pytest.fixture(scope="module")
def walkthrough(kernel, tmp_path_factory):
    if not os.path.exists(os.path.join(kernel.build, "initramfs.cpio")):
        pytest.fail("no initramfs: run `make initramfs`")
    port = free_port()
    tmp = tmp_path_factory.mktemp("gdb")
    cmds = tmp / "walk.py"
    cmds.write_text(WALK.replace("@PORT@", str(port)))
    cmd = kernel.qemu_cmd("", extra=["-gdb", "tcp:127.0.0.1:%d" % port, "-S"])
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
        qemu.sendline("cow")
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


def test_breakpoint_hit_in_cow(walkthrough):
    s = sections(walkthrough)
    assert "ready" in s and "bt" in s, walkthrough[-3000:]
    assert "GDB-ERROR" not in walkthrough, walkthrough[-3000:]
    bt = s["bt"]
    assert re.search(r"#0 .*do_page_fault \(addr=", bt), bt
    assert "vector_dabt" in bt, bt          # the abort vector, arch/arm/entry.S


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


def test_pt_read_write_after(walkthrough):
    s = sections(walkthrough)
    assert "vector_dabt () at arch/arm/entry.S" in s["finish"], s["finish"]
    assert "vector_dabt" in s["info symbol $pc"], s["info symbol $pc"]
    before, after = s["pt $fault_addr"], s["pt after"]
    assert "AP=011 (kernel RW, user RW)" in after, after
    assert "user read-write, non-global" in after, after
    before_pa = re.search(r"=> VA 0x[0-9a-f]{8} -> PA (0x[0-9a-f]{8})", before).group(1)
    after_pa = re.search(r"=> VA 0x[0-9a-f]{8} -> PA (0x[0-9a-f]{8})", after).group(1)
    m = re.search(r"_refcount (\d+), _mapcount (-?\d+)", after)
    # copied (a new page, refcount 1) or reused (the same page, now ours alone)
    assert (after_pa != before_pa and m.group(1) == "1") or (after_pa == before_pa), after


def test_user_instruction(walkthrough):
    s = sections(walkthrough)
    assert re.search(r"\$\d+ = 0x[0-9a-f]+", s["p/x regs->pc"]), s["p/x regs->pc"]
    # a store: str, strb, strd, stm or push (stmdb sp!)
    assert re.search(r":\s+(str|stm|push)", s["x/i regs->pc"]), s["x/i regs->pc"]


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
    for name in ("kmem_cache", "kmalloc-32", "vm_area_struct", "mm_struct", "task_struct"):
        assert re.search(r"^%s\s+\d+\s+\d+\s+\d+" % re.escape(name), sl, re.M), (name, sl)
