"""Memory management at boot and under user load: zones at three RAM sizes,
the in-kernel self-tests, the views, and the ASID/TLB counters."""
import re

import pytest

PROMPT = "mmk# "


@pytest.mark.parametrize("mem", [1024, 512, 256])
def test_selftests_all(kernel, mem):
    out = kernel.run("selftest=all", mem=mem, timeout=120)
    m = re.search(r"selftests: (\d+) run, (\d+) failed", out)
    assert m, out[-3000:]
    assert int(m.group(2)) == 0, out[-5000:]
    assert int(m.group(1)) >= 13
    for name in ("buddy", "slab", "kmalloc", "vmalloc", "ioremap", "ioremap_huge",
                 "kmap_exhaust", "dma_coherent", "dma_streaming", "mmu_map",
                 "vmalloc_sync", "vmalloc_ttbr0"):
        assert "selftest %s: ok" % name in out, name


def zones(out):
    return {m.group(1): (int(m.group(2), 16), int(m.group(3), 16), int(m.group(4)))
            for m in re.finditer(r"^\s+(DMA|Normal|HighMem)\s+pfn 0x([0-9a-f]+)-0x([0-9a-f]+)"
                                 r"\s+phys \S+\s+(\d+) MiB", out, re.M)}


@pytest.mark.vexpress
def test_zones_1024(kernel):
    z = zones(kernel.run("", mem=1024))
    assert z["DMA"] == (0x60000, 0x60fff, 16)
    assert z["Normal"] == (0x61000, 0x8ffff, 752)
    assert z["HighMem"] == (0x90000, 0x9ffff, 256)


def test_zones_512_no_highmem(kernel):
    z = zones(kernel.run("", mem=512))
    assert "HighMem" not in z
    assert z["DMA"][2] + z["Normal"][2] == 512


def test_zones_256_and_mem_dma(kernel):
    z = zones(kernel.run("mem_dma=32M", mem=256))
    assert z["DMA"][2] == 32 and z["Normal"][2] == 224 and "HighMem" not in z


@pytest.mark.vexpress
def test_views(kernel):
    out = kernel.run("show=buddyinfo,zoneinfo,pagetypeinfo,meminfo,slabinfo,"
                     "vmallocinfo,vmstat,tlbinfo")
    assert re.search(r"^Node 0, zone   Normal(\s+\d+){11}\s*$", out, re.M)
    assert re.search(r"^\s+pages free\s+\d+$", out, re.M)
    assert re.search(r"^\s+high:\s+\d+$", out, re.M)
    assert re.search(r"^MemTotal:\s+\d+ kB$", out, re.M)
    assert re.search(r"^HighTotal:\s+262144 kB$", out, re.M)
    assert "slabinfo - version: 2.1" in out
    assert re.search(r"^task_struct\s+\d+\s+\d+\s+\d+", out, re.M)
    assert re.search(r"^0x[0-9a-f]{8}-0x[0-9a-f]{8}\s+\d+ pl011_probe\+0x[0-9a-f]+ "
                     r"phys=0x10009000 ioremap$", out, re.M)
    assert re.search(r"^pgfault \d+$", out, re.M)
    assert re.search(r"^asid_rollovers \d+$", out, re.M)


@pytest.fixture(scope="module")
def shell(kernel):
    con = kernel.spawn("", timeout=60)
    con.expect_exact(PROMPT)
    yield con
    con.close(force=True)


def tlbinfo(con):
    con.sendline("cat /proc/tlbinfo")
    con.expect_exact(PROMPT)
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+) (\d+)\r*$", con.before, re.M)}


def test_context_switch_flushes_nothing(shell):
    """Two processes alternating 2000 times with sched_yield: thousands of
    address-space switches, and no TLB flush caused by them."""
    before = tlbinfo(shell)
    shell.sendline("mmbench context_switch_ns_per_roundtrip")
    shell.expect_exact(PROMPT, timeout=60)
    after = tlbinfo(shell)
    switches = after["mm_switches"] - before["mm_switches"]
    assert switches > 4000
    assert after["tlb_flush_all"] == before["tlb_flush_all"]
    # the few by-ASID flushes come from fork's write-protect, and from exit
    # and munmap freeing page tables (the ASID and the reserved ASID 0 each:
    # arch_flush_user_tables), not from the switches
    assert after["tlb_flush_asid"] - before["tlb_flush_asid"] < 80


def test_asid_rollover(shell):
    """600+ processes over time: the 8-bit ASID space wraps at least twice,
    each wrap flushing the TLB once, and every process still sees only its
    own page (the test program checks that)."""
    before = tlbinfo(shell)
    shell.sendline("asid_rollover")
    shell.expect(r"asid_rollover: (ok|FAIL.*)\r", timeout=120)
    assert shell.match.group(1) == "ok", shell.match.group(1)
    shell.expect_exact(PROMPT)
    after = tlbinfo(shell)
    rollovers = after["asid_rollovers"] - before["asid_rollovers"]
    assert rollovers >= 2
    assert after["tlb_flush_all"] - before["tlb_flush_all"] >= rollovers
    assert after["asids_allocated"] - before["asids_allocated"] >= 600


@pytest.mark.parametrize("how", ["undef", "fpu"])
def test_undefined_instruction_kills_only_the_program(shell, how):
    shell.sendline("crash " + how)
    shell.expect(r"sigill: pid (\d+) \(crash\) pc 0x[0-9a-f]{8}: undefined instruction")
    shell.expect_exact("Illegal instruction")
    shell.expect_exact(PROMPT)
    shell.sendline("echo still here")
    shell.expect_exact("still here")
    shell.expect_exact(PROMPT)


def test_ctrl_c_interrupts_the_program_not_the_shell(shell):
    import time
    shell.sendline("sleep 100")
    time.sleep(0.5)
    shell.send("\x03")
    shell.expect_exact("^C")
    shell.expect_exact(PROMPT, timeout=10)      # long before 100 s
    shell.sendline("echo shell alive")
    shell.expect_exact("shell alive")
    shell.expect_exact(PROMPT)
