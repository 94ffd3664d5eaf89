"""The system-call fuzzer and the exhaustion tests: nothing a user
program does may crash, hang or leak the kernel.

  fuzz      user/tests/fuzz.c: workers issue random system calls with
            hostile arguments; at the end the kernel must be alive and
            every page and slab object back.  A short, seeded campaign on
            the debug build and on the DEBUG=0 build, and one with fault
            injection in the workers.  Long campaigns: `make fuzz`.
  exhaust   user/tests/exhaust.c at MEM=128 and MEM=64: memory, processes,
            mappings, files and pipes until each runs out, and back.
"""
import os
import re
import subprocess

import pexpect
import pytest

from conftest import Kernel, TOP

PROMPT = "mmk# "
DEATH = re.compile(r"Kernel panic|Unable to handle kernel|BUG|\*\*\* .* in \w+ mode \*\*\*")


def shell(kernel, bootargs, mem, cmds, timeout=300, disk=None):
    """Boot (with disk: that image as vda), run each command at the
    prompt, power off; the outputs."""
    con = kernel.spawn(bootargs, mem=mem, timeout=60, disk=disk)
    outs = []
    try:
        con.expect_exact(PROMPT, timeout=60)
        for c in cmds:
            con.sendline(c)
            con.expect_exact(PROMPT, timeout=timeout)
            out = con.before.replace("\r", "")
            assert not DEATH.search(out), "%s:\n%s" % (c, out[-4000:])
            outs.append(out)
        con.sendline("poweroff")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)
    return outs


def fuzz_ok(out):
    m = re.search(r"^fuzz: ok seed \d+: (\d+) calls", out, re.M)
    assert m, out[-3000:]
    return int(m.group(1))


class NodebugKernel(Kernel):
    """The DEBUG=0 build (build/<board>/nodebug), made on first use."""

    def __init__(self, board):
        super().__init__(board)
        self.build = os.path.join(TOP, "build", board, "nodebug")
        subprocess.run(["make", "-s", "-j2", "BOARD=" + board, "DEBUG=0", "all"], cwd=TOP,
                       check=True, capture_output=True, timeout=900)


def test_fuzz_debug_build(kernel):
    out = shell(kernel, "", 256, ["fuzz -s 1 -n 20000 -w 4"])[0]
    assert fuzz_ok(out) >= 20000


def test_fuzz_nodebug_build(kernel):
    out = shell(NodebugKernel(kernel.board), "", 256, ["fuzz -s 2 -n 20000 -w 4"])[0]
    assert fuzz_ok(out) >= 20000


def test_fuzz_with_fault_injection(kernel):
    outs = shell(kernel, "fail_page_alloc=1,1,0,-1 failslab=1,1,0,-1", 256,
                 ["fuzz -s 3 -n 10000 -w 4 -f", "cat /proc/fault_injection"])
    fuzz_ok(outs[0])
    injected = re.findall(r"^(fail_page_alloc|failslab)\s+on .*injected (\d+)$", outs[1], re.M)
    assert len(injected) == 2 and all(int(n) > 0 for _, n in injected), outs[1]


@pytest.mark.parametrize("mem", [128, 64])
def test_exhaustion(kernel, mem):
    out = shell(kernel, "", mem, ["exhaust"], timeout=600)[0]
    assert "exhaust: ok" in out, out[-3000:]
