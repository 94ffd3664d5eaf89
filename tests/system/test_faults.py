"""Fault injection (kernel/fault_inject.c): the user test suite runs with
page and slab allocations failing at random, and the kernel survives it.

Boot options fail_page_alloc= and failslab= (Linux's format) make 2% of
the allocations of tasks with /proc/<pid>/make-it-fail set fail; the
`make-it-fail` tool sets it and runs alltests under it.  The tests inside
may fail (they see ENOMEM, or are killed); what must hold is:

  - no panic, no BUG, no slab or page-allocator report;
  - failures really were injected, into both allocators, at many sites;
  - after the runs, with caches dropped, every slab cache holds exactly
    as many objects as before, and MemFree is back where it was, but for
    slab pages holding those objects more spread out, second-level tables
    the kernel made for its own mappings (which it keeps), and pages init
    and the shell touched for the first time: nothing an unwinding error
    path forgot;
  - the kernel still works: alltests without injection passes.
"""
import re

import pexpect
import pytest

from test_user import TEST_PROGRAMS  # alltests runs each of them

PROMPT = "mmk# "
BAD = re.compile(r"Kernel panic|BUG|slab .*: |__free_pages|Unable to handle|corrupt")


def run(con, cmd, timeout=300):
    con.sendline(cmd)
    con.expect_exact(PROMPT, timeout=timeout)
    out = con.before.replace("\r", "")
    assert not BAD.search(out), "%s:\n%s" % (cmd, out[-4000:])
    return out


def snapshot(con):
    """MemFree, Slab, kernel page tables and the resident memory of init
    and the shell (kB), and the active objects of every slab cache."""
    run(con, "echo 3 > /proc/sys/vm/drop_caches")
    mi = run(con, "cat /proc/meminfo")
    vm = run(con, "cat /proc/vmstat")
    slabs = run(con, "cat /proc/slabinfo")
    shell_pid = int(run(con, "echo $$").split()[-1])
    rss = run(con, "cat /proc/1/status /proc/%d/status" % shell_pid)
    get = lambda text, key: int(re.search(r"^%s:?\s+(\d+)" % key, text, re.M).group(1))
    objs = {m.group(1): int(m.group(2)) for m in
            re.finditer(r"^([\w-]+)\s+(\d+)\s+\d+\s+\d+", slabs, re.M)}
    return dict(free=get(mi, "MemFree"), slab=get(mi, "Slab"),
                ktables=get(vm, "nr_kernel_pagetables") * 4, objs=objs,
                rss=sum(int(x) for x in re.findall(r"^VmRSS:\s+(\d+)", rss, re.M)))


CONFIGS = [
    # 2% of the calls, at random (two sequences)
    "fail_page_alloc=1,2,0,-1 failslab=1,2,0,-1 fail_seed=1",
    "fail_page_alloc=1,2,0,-1 failslab=1,2,0,-1 fail_seed=2",
    # every 37th page allocation and every 53rd slab allocation: later,
    # deeper paths get their turn
    "fail_page_alloc=37,100,0,-1 failslab=53,100,0,-1",
]


@pytest.mark.parametrize("bootargs", CONFIGS)
def test_user_suite_under_fault_injection(kernel, bootargs):
    con = kernel.spawn(bootargs, mem=256, timeout=60)
    try:
        con.expect_exact(PROMPT, timeout=60)
        run(con, "alltests")                        # warm-up, no injection
        before = snapshot(con)
        for _ in range(2):
            run(con, "make-it-fail alltests")
        fi = run(con, "cat /proc/fault_injection")
        after = snapshot(con)
        out = run(con, "alltests")
        assert "alltests: %d ok, 0 failed" % len(TEST_PROGRAMS) in out, out[-3000:]
        con.sendline("poweroff")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)
    injected = {m.group(1): int(m.group(2)) for m in
                re.finditer(r"^(\w+)\s+on\s.*injected (\d+)$", fi, re.M)}
    assert injected.get("fail_page_alloc", 0) > 0 and injected.get("failslab", 0) > 0, fi
    sites = re.findall(r"^\s+\d+\s+(fail_page_alloc|failslab)\s+(\S+)$", fi, re.M)
    assert len(sites) >= 5, fi
    assert after["objs"] == before["objs"], [
        (k, before["objs"][k], after["objs"].get(k)) for k in before["objs"]
        if before["objs"][k] != after["objs"].get(k)]
    # allowed to stay: slab pages holding the same objects more spread out,
    # kernel page tables (kept for good), and pages init and the shell ran
    # for the first time (their messages about killed programs)
    kept = (max(0, after["slab"] - before["slab"]) + after["ktables"] - before["ktables"] +
            max(0, after["rss"] - before["rss"]))
    assert before["free"] - after["free"] <= kept, (
        "MemFree %d kB before the injected runs, %d kB after (slab %d -> %d kB, "
        "kernel page tables %d -> %d kB, init + sh resident %d -> %d kB)\n%s" % (
            before["free"], after["free"], before["slab"], after["slab"], before["ktables"],
            after["ktables"], before["rss"], after["rss"], fi))
