"""Boot: banner, layout table, permissions, deliberate faults, power-off."""
import os
import re
import subprocess

import pexpect
import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def layout(out):
    """The 'Virtual kernel memory layout' table as {name: (start, end)}."""
    rows = {}
    for m in re.finditer(r"^\s+(\S+)\s*: 0x([0-9a-f]{8}) - 0x([0-9a-f]{8})", out, re.M):
        rows[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))
    return rows


@pytest.fixture(scope="module")
def boot1024(kernel):
    return kernel.run("hello=world", mem=1024)


@pytest.mark.vexpress
def test_banner(boot1024):
    out = boot1024
    assert "mmkernel" in out
    assert "Board: V2P-CA9 (QEMU vexpress-a9) (BOARD=vexpress-a9)" in out
    assert re.search(r"CPU: Cortex-A9 r\dp\d \(MIDR 0x41.fc09.\b", out), out[:2000]
    assert "RAM: 1024 MiB at 0x60000000 - 0xa0000000" in out
    assert re.search(r"Kernel command line: .*hello=world", out)
    assert "Power down." in out


def test_layout_table_1024(boot1024):
    rows = layout(boot1024)
    assert rows["vector"] == (0xFFFF0000, 0xFFFF1000)
    assert rows["fixmap"] == (0xFFC00000, 0xFFF00000)
    assert rows["vmalloc"] == (0xF0800000, 0xFF800000)
    assert rows["lowmem"] == (0xC0000000, 0xF0000000)      # 768 MiB
    assert rows["pkmap"] == (0xBFE00000, 0xC0000000)
    assert rows["modules"] == (0xBF000000, 0xBFE00000)
    for sec in (".text", ".rodata", ".data", ".bss"):
        s, e = rows[sec]
        assert 0xC0000000 <= s <= e < 0xF0000000
    assert rows[".text"][0] == 0xC0010000
    assert rows[".text"][1] <= rows[".rodata"][0] <= rows[".data"][0] <= rows[".bss"][0]
    assert rows[".text"][1] % 4096 == 0 and rows[".rodata"][1] % 4096 == 0


def test_layout_table_512(kernel):
    rows = layout(kernel.run("", mem=512))
    assert rows["lowmem"] == (0xC0000000, 0xE0000000)       # all RAM is lowmem
    assert rows["vmalloc"] == (0xE0800000, 0xFF800000)


def test_layout_vmalloc_param(kernel):
    rows = layout(kernel.run("vmalloc=480M", mem=1024))
    assert rows["vmalloc"][1] - rows["vmalloc"][0] == 480 << 20
    assert rows["lowmem"] == (0xC0000000, 0xE1000000)


def test_docs_match_banner(boot1024):
    """docs/memory-layout.md shows the same table the kernel prints."""
    doc = open(os.path.join(TOP, "docs", "memory-layout.md")).read()
    rows = layout(boot1024)
    doc_rows = layout(doc)
    for name in ("vector", "fixmap", "vmalloc", "lowmem", "pkmap", "modules"):
        assert doc_rows.get(name) == rows[name], name


def fault_report(kernel, kind):
    return kernel.run("fault=" + kind)


def test_fault_null(kernel):
    out = fault_report(kernel, "null")
    assert "*** Unable to handle kernel data abort in SVC mode ***" in out
    assert "fault: translation fault (section), level 1, read at address 0x00000000" in out
    assert re.search(r"FSR 0x00000005  FAR 0x00000000", out)
    assert re.search(r"pc : \[<c0[0-9a-f]{6}>\] deliberate_fault\+0x", out)
    assert "Backtrace:" in out
    assert re.search(r"\] kernel_late_init\+0x", out)
    assert re.search(r"\] start_kernel\+0x", out)
    assert re.search(r"r3 : [0-9a-f]{8}  r2 : [0-9a-f]{8}", out)
    assert "mode SVC" in out


def test_fault_write_rodata(kernel):
    out = fault_report(kernel, "rodata")
    assert "fault: permission fault (page), level 2, write at address 0xc0" in out
    assert "FSR 0x0000080f" in out


def test_fault_write_text(kernel):
    out = fault_report(kernel, "text")
    assert "fault: permission fault (page), level 2, write at address 0xc0010000" in out


def test_fault_execute_never(kernel):
    out = fault_report(kernel, "xn")
    assert "*** Unable to handle kernel prefetch abort in SVC mode ***" in out
    assert "fault: permission fault (page), level 2, instruction fetch at address 0xc0" in out


def test_fault_undefined(kernel):
    out = fault_report(kernel, "undef")
    assert "*** Undefined instruction in SVC mode ***" in out
    assert re.search(r"pc : \[<c0[0-9a-f]{6}>\] deliberate_fault\+0x", out)


def test_init_exit_backtrace_names_callers(kernel):
    """init exiting panics (as Linux); the backtrace names each caller by
    the call site, so exit_group's wrapper appears as w_exit, not as the
    function after it (a noreturn call ends its function)."""
    con = kernel.spawn("init=/bin/true", mem=256)
    con.expect(pexpect.EOF, timeout=60)     # panic=poweroff ends QEMU
    out = con.before.replace("\r", "")
    assert "Kernel panic: Attempted to kill init! exit code 0x00000000" in out, out
    frames = re.findall(r"^  \[<[0-9a-f]{8}>\] (\w+)\+0x[0-9a-f]+$", out, re.M)
    assert frames[:2] == ["do_exit", "w_exit"], frames
    assert "do_svc" in frames, frames


@pytest.mark.vexpress
def test_no_dtb_is_refused(kernel):
    """Without -dtb QEMU passes ATAGs: the kernel says so and stops cleanly
    (it cannot know the command line, so it halts rather than powers off)."""
    import pexpect
    cmd = kernel.qemu_cmd("")
    i = cmd.index("-dtb")
    del cmd[i:i + 2]
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=30, encoding="utf-8")
    try:
        con.expect(r"Kernel panic: setup_dtb: DTB at 0x60000100 refused: "
                   r"bad magic \(not a DTB\)")
        con.expect("System halted.")
    finally:
        con.close(force=True)


def test_poweroff_exits_quickly(kernel):
    import time
    t = time.time()
    out = kernel.run("", timeout=30)
    assert "Boot complete" in out and "Power down." in out
    assert time.time() - t < 30


def test_no_fpu_instructions(kernel):
    """The kernel is built soft-float and never uses the FPU: the only FP
    instruction is the one in boot/head.S that turns it off (FPEXC = 0)."""
    lst = open(os.path.join(kernel.build, "kernel.lst")).read()
    fp = re.findall(r"^\s*[0-9a-f]+:\s+[0-9a-f]{8}\s+((?:v[a-z]+\.?\S*|vmrs|vmsr|vpush|vpop)\s.*)$",
                    lst, re.M)
    assert [f.split()[:2] for f in fp] == [["vmsreq", "fpexc,"]], fp[:10]


def listing_functions(lst):
    """{function: [instruction text, ...]} from the disassembly listing."""
    funcs, cur = {}, None
    for line in lst.splitlines():
        m = re.match(r"^[0-9a-f]{8} <([^>]+)>:$", line)
        if m:
            cur = funcs.setdefault(m.group(1), [])
            continue
        m = re.match(r"^\s*[0-9a-f]+:\s+[0-9a-f]{8}\s+(.*)$", line)
        if m and cur is not None:
            cur.append(" ".join(m.group(1).split("@")[0].split()))
    return funcs


def test_final_table_switch_is_break_before_make(kernel):
    """paging_init leaves the early table only through the identity-mapped
    trampoline: no TTBR0 write anywhere in the C path, and in the
    trampoline TTBR0 (identity-only table), ISB, TLB and branch predictor
    invalidate, DSB, ISB, TTBR0 (the final table), ISB, in that order."""
    funcs = listing_functions(open(os.path.join(kernel.build, "kernel.lst")).read())
    for f in ("paging_init", "switch_to_final_table"):
        assert not any("cr2, cr0, {0}" in i for i in funcs.get(f, [])), (f, funcs.get(f))
    body = [i for i in funcs["idmap_switch_ttbr0"] if not i.startswith("mov")]
    ops = ["ttbr0" if "cr2, cr0, {0}" in i else
           "tlbiall" if "cr8, cr3, {0}" in i or "cr8, cr7, {0}" in i else
           "bpiall" if "cr7, cr1, {6}" in i or "cr7, cr5, {6}" in i else i.split()[0]
           for i in body]
    assert ops == ["dsb", "ttbr0", "isb", "tlbiall", "bpiall", "dsb", "isb", "ttbr0", "isb",
                   "bx"], ops


@pytest.mark.vexpress
def test_hostile_loader(kernel):
    """A loader that leaves the MMU, the caches and the PL310 outer cache on,
    and enters a copy of the kernel at another address: the kernel notices,
    cleans and switches everything off, relocates itself and boots."""
    subprocess.run(["make", "-s", "hostile-loader"], cwd=TOP, check=True, timeout=120)
    cmd = ["qemu-system-arm", "-M", "vexpress-a9", "-m", "256", "-nographic", "-no-reboot",
           "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0",
           "-kernel", os.path.join(kernel.build, "hostile-loader.bin"),
           "-device", "loader,file=%s,addr=0x62000000" % os.path.join(kernel.build, "Image"),
           "-dtb", os.path.join(kernel.build, "vexpress-a9.dtb"),
           "-initrd", os.path.join(kernel.build, "initramfs.cpio"),
           "-append", "console=ttyAMA0 panic=poweroff"]
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8", codec_errors="replace")
    try:
        con.expect("Boot entry: the loader left the MMU or D-cache on: cleaned and "
                   "invalidated to the PoC, then turned off")
        con.expect("outer cache: PL310 at 0x1e00a000 was on \\(left by the boot loader\\): "
                   "cleaned, invalidated and turned off")
        con.expect_exact("mmk# ")
        con.sendline("cow")
        con.expect_exact("cow: ok")
        con.expect_exact("mmk# ")
        con.sendline("poweroff")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)


def test_kernel_monitor_interactive(kernel):
    """With no init program the kernel offers its own small monitor."""
    con = kernel.spawn("init=/no/such/init")
    try:
        con.expect("No /no/such/init in the initramfs")
        con.expect("kmon> ")
        con.sendline("views")
        con.expect("views:")
        con.expect("kmon> ")
        con.sendline("poweroff")
        con.expect("Power down.")
        con.expect(pytest.importorskip("pexpect").EOF)
    finally:
        con.close(force=True)
