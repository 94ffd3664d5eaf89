"""Memory pressure (docs/reclaim.md): the kernel reclaims first, kills
last, says what it did, and loses nothing.  At MEM=128, and where it
fits (the sizes scale with RAM) at MEM=64 too:

  file reclaim  a file of 3 x RAM on the virtio disk, read twice (dd, then
                cksum, which checks every byte against the host's): no OOM
                kill, pgsteal grows by nearly all of it, steal/scan >= 0.9,
                kswapd ran and is asleep again above its watermark, the
                LRU lines of meminfo add up, drop_caches under load is safe
  OOM killer    three processes: a hog protected by oom_score_adj -1000
                (the biggest), a small one at 0, and one that grows until
                memory is gone: the killer takes the grower (the highest
                score), never the protected one; the kernel lives on, and
                MemFree comes back once the hogs exit
  a tree of hogs three forked memhogs of 40 MiB each (120 MiB > RAM):
                the killer takes memhogs only, the others go on, and
                MemFree comes back when they are done
  mlock         a file of 8 MiB mapped and mlocked (memhog -l -f) beside a
                3 x RAM stream: its pages stay on the unevictable list,
                counted in Mlocked
  user suite    alltests beside a 100 MiB hog (about 80% of RAM, 90% of
                what is free after boot): every test passes (at 128 only:
                lazy_heap's malloc of 64 MiB cannot fit beside a hog in 64)
  shrinkers     page tables cached by exits go back (the pgtables
                shrinker) on the way to an OOM kill
  knobs         swappiness, panic_on_oom and oom_kill_allocating_task:
                defaults and ranges
"""
import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from plot import big_disk  # noqa: E402  (the image `make plot SCENARIO=read` uses)
from test_fuzz import shell  # noqa: E402

MEM = 128                       # the figures above are for this size
MEMS = [128, 64]
PS_HOG = r"^\s*\d+\s+\d+\s+[RSZ]\s.* memhog$"      # a memhog line of ps


def run(kernel, cmds, disk=None, timeout=300, mem=MEM):
    """Boot with mem MiB, run each command at the prompt; the outputs."""
    return shell(kernel, "", mem, cmds, timeout=timeout, disk=disk)


def mib(mem, at128):
    """A size of at128 MiB at MEM=128, scaled to mem: "56m" -> "28m" at 64."""
    return "%dm" % (at128 * mem // 128)


def numbers(text):
    """'name value' lines (/proc/vmstat) or 'Name:  value kB' (meminfo)."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^([A-Za-z_()]+):?\s+(\d+)", text, re.M)}


@pytest.fixture(scope="module")
def disks(tmp_path_factory):
    """disks(mem): the image with a file of 3 x mem MiB (made once per mem)."""
    made = {}

    def disk(mem):
        if mem not in made:
            made[mem] = big_disk(str(tmp_path_factory.mktemp("reclaim") / "big.img"), mem)
        return made[mem]
    return disk


def expected_cksum(mem):
    """The host's cksum(1) of /big as big_disk writes it (a 1 MiB block,
    3 x mem times): (crc, size)."""
    block = bytes((i * 7 + 1) & 0xFF for i in range(1 << 20))
    p = subprocess.Popen(["cksum"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for _ in range(3 * mem):
        p.stdin.write(block)
    out = p.communicate()[0].split()
    return int(out[0]), int(out[1])


@pytest.mark.parametrize("mem", MEMS)
def test_file_reclaim_3x_ram(kernel, disks, mem):
    crc, size = expected_cksum(mem)
    outs = run(kernel, [
        "cat /proc/vmstat",
        "dd if=/mnt/big of=/dev/null bs=4096",
        "cksum /mnt/big",
        "cat /proc/vmstat; cat /proc/meminfo; cat /proc/vmstat",
        # drop_caches while a reader fills the cache again
        "dd if=/mnt/big of=/dev/null bs=64K count=1500 & echo 3 > /proc/sys/vm/drop_caches;"
        " echo 1 > /proc/sys/vm/drop_caches; sleep 2; echo 3 > /proc/sys/vm/drop_caches",
        "sleep 2; ps; cat /proc/vmstat; cat /proc/zoneinfo",
    ], disk=disks(mem), timeout=600, mem=mem)
    assert "%d bytes" % size in outs[1], outs[1]
    assert re.search(r"^%d %d /mnt/big$" % (crc, size), outs[2], re.M), \
        "data read back under pressure differs:\n" + outs[2]
    before, after = numbers(outs[0]), numbers(outs[3])
    # numbers() keeps the last of a repeated name: the second vmstat read
    first = numbers(outs[3].split("MemTotal:")[0])
    pages = size // 4096
    steal = sum(after[k] - before[k] for k in ("pgsteal_kswapd", "pgsteal_direct"))
    scan = sum(after[k] - before[k] for k in ("pgscan_kswapd", "pgscan_direct"))
    assert after["oom_kill"] == 0 and "Out of memory" not in "".join(outs), outs[3]
    # two passes of 3 x RAM: all but what stays cached must have been freed
    assert steal >= 2 * pages - (mem << 20) // 4096, (steal, scan)
    assert steal >= 0.9 * scan, (steal, scan)
    assert after["pgscan_kswapd"] > before["pgscan_kswapd"]
    assert after["pageoutrun"] > before["pageoutrun"]
    # meminfo's LRU lines are the vmstat counters, and add up.  The file
    # lists move between the reads: each cat's own faults fill the per-CPU
    # LRU batch, whose drain lists the last pages cksum read (and kswapd
    # may still be reclaiming), so meminfo, read between two vmstats, must
    # lie between their values.  (The anon lists hold the cats' own pages.)
    mi = after
    assert mi["Active"] == mi["Active(anon)"] + mi["Active(file)"]
    assert mi["Inactive"] == mi["Inactive(anon)"] + mi["Inactive(file)"]
    # (A list may also grow and shrink again between the reads - a batch
    # drained, then kswapd's next pass - so one LRU batch of slack.)
    for line, counter in (("Inactive(file)", "nr_inactive_file"), ("Active(file)", "nr_active_file")):
        lo, hi = sorted((first[counter] * 4, after[counter] * 4))
        assert lo - 15 * 4 <= mi[line] <= hi + 15 * 4, (line, mi[line], first[counter], after[counter])
    assert mi["Inactive(file)"] > (mem << 10) // 2       # the cache filled memory
    # afterwards: kswapd asleep, a zone above its high watermark
    end = outs[5]
    assert re.search(r"^\s+2\s+0\s+S\s.*kswapd0$", end, re.M), end
    zones = re.findall(r"pages free\s+(\d+)\n\s+min\s+(\d+)\n\s+low\s+(\d+)\n\s+high\s+(\d+)", end)
    assert zones and any(int(free) >= int(high) for free, _, _, high in zones), zones
    assert numbers(end)["oom_kill"] == 0


@pytest.mark.parametrize("mem", MEMS)
def test_oom_kills_the_highest_score(kernel, mem):
    outs = run(kernel, [
        "cat /proc/meminfo",
        # the biggest hog, protected; a small one at 0 (both wait to be killed)
        "sh -c 'echo -1000 > /proc/$$/oom_score_adj; memhog -h %s' &"
        " memhog -h %s & sleep 3" % (mib(mem, 56), mib(mem, 8)),
        "ps",
        "oomdemo 0",
        "ps",
        "cat /proc/vmstat",
    ], timeout=600, mem=mem)
    ps = outs[2]
    hogs = re.findall(r"^\s+(\d+)\s+\d+\s+\S\s+\S+\s+\d+\s+(\d+) memhog$", ps, re.M)
    assert len(hogs) == 2, ps
    log = outs[3]
    m = re.search(r"child (\d+) eats memory", log)
    assert m, log
    victim = m.group(1)
    kills = re.findall(r"Out of memory: Killed process (\d+) \((\w+)\) total-vm:\d+kB, "
                       r"anon-rss:\d+kB, file-rss:\d+kB, shmem-rss:\d+kB, UID:0 "
                       r"pgtables:\d+kB oom_score_adj:(-?\d+)", log)
    assert kills and kills[0][0] == victim, log[-3000:]
    assert all(adj != "-1000" for _, _, adj in kills), kills
    assert re.search(r"invoked oom-killer: gfp_mask=0x[0-9a-f]+, order=0", log), log[-3000:]
    assert re.search(r"^\[\s*pid\s*\]\s+uid\s+tgid\s+total_vm\s+rss\s+pgtables_bytes\s+"
                     r"swapents\s+oom_score_adj\s+name$", log, re.M), log[-3000:]
    assert "killed by signal 9" in log, log[-3000:]
    # both hogs live on, the protected one untouched
    assert len(re.findall(PS_HOG, outs[4], re.M)) == 2, outs[4]
    assert numbers(outs[5])["oom_kill"] >= 1


@pytest.mark.parametrize("mem", MEMS)
def test_memfree_returns_after_oom(kernel, mem):
    outs = run(kernel, [
        "cat /proc/meminfo",
        "oomdemo 1000",
        "oomdemo 1000",
        "sleep 1; cat /proc/meminfo",
    ], timeout=600, mem=mem)
    assert outs[1].count("killed by signal 9") == 1 and outs[2].count("killed by signal 9") == 1
    free0, free1 = numbers(outs[0])["MemFree"], numbers(outs[3])["MemFree"]
    assert abs(free1 - free0) <= 1024, (free0, free1)


@pytest.mark.parametrize("mem", MEMS)
def test_mlocked_pages_are_never_reclaimed(kernel, disks, mem):
    outs = run(kernel, [
        "memhog -l -f /mnt/locked -h 8m & sleep 3; cat /proc/meminfo",
        "dd if=/mnt/big of=/dev/null bs=64K; dd if=/mnt/big of=/dev/null bs=64K",
        "cat /proc/meminfo; cat /proc/vmstat",
    ], disk=disks(mem), timeout=600, mem=mem)
    assert "memhog: locked 8192 kB" in outs[0], outs[0]
    before, after = numbers(outs[0]), numbers(outs[2])
    # (a page locked while still in the LRU batch reaches the unevictable
    # list when the batch drains: up to LRU_BATCH pages later)
    assert before["Mlocked"] >= 8192 and before["Unevictable"] >= 8192 - 15 * 4, outs[0]
    assert after["pgsteal_kswapd"] + after["pgsteal_direct"] > 2 * (mem << 8), outs[2]
    # under the pressure of two passes over 3 x RAM the locked pages stayed
    assert after["Mlocked"] == before["Mlocked"], (before["Mlocked"], after["Mlocked"])
    assert after["Unevictable"] >= 8192 - 15 * 4, outs[2]
    assert after["nr_unevictable"] * 4 == after["Unevictable"]
    assert after["oom_kill"] == 0


def test_user_suite_under_a_hog(kernel):
    from test_user import TEST_PROGRAMS
    outs = run(kernel, ["memhog -h 100m > /dev/null & sleep 3; cat /proc/meminfo",
                        "alltests", "ps"], timeout=900)
    assert numbers(outs[0])["AnonPages"] >= 100 * 1024, outs[0]
    assert "alltests: %d ok, 0 failed" % len(TEST_PROGRAMS) in outs[1], outs[1][-3000:]
    assert re.search(PS_HOG, outs[2], re.M), outs[2]     # the hog lived through it


@pytest.mark.parametrize("mem", MEMS)
def test_forked_tree_of_hogs(kernel, mem):
    hog = "memhog -s 8 %s" % mib(mem, 40)
    outs = run(kernel, [
        "sleep 1; cat /proc/meminfo",
        "sh -c '%s & %s & %s & sleep 4'; ps" % (hog, hog, hog),
        "sleep 8; cat /proc/meminfo; cat /proc/vmstat",
    ], timeout=600, mem=mem)
    kills = re.findall(r"Out of memory: Killed process (\d+) \((\w+)\)", outs[1])
    assert kills and all(name == "memhog" for _, name in kills), outs[1][-3000:]
    assert 1 <= len(re.findall(PS_HOG, outs[1], re.M)) <= 2, outs[1][-2000:]
    after = numbers(outs[2])
    assert after["oom_kill"] == len(kills), (after["oom_kill"], kills)
    free0 = numbers(outs[0])["MemFree"]
    assert abs(after["MemFree"] - free0) <= 1024, (free0, after["MemFree"])


def shrinkers(text):
    """/proc/shrinkers: name -> (objects, scanned, freed)."""
    return {m.group(1): tuple(int(x) for x in m.group(2, 3, 4))
            for m in re.finditer(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)$", text, re.M)}


@pytest.mark.parametrize("mem", MEMS)
def test_shrinkers_give_back_before_oom(kernel, mem):
    """Six processes exit at once and leave their page tables on the
    quicklists; on the way to an OOM kill, reclaim (at a low priority)
    takes them back through the pgtables shrinker."""
    hogs = " & ".join(["memhog -s 2 1m"] * 6)
    outs = run(kernel, [
        "%s & sleep 4; cat /proc/shrinkers" % hogs,
        "oomdemo 1000 > /dev/null; cat /proc/shrinkers",
    ], timeout=600, mem=mem)
    before, after = shrinkers(outs[0]), shrinkers(outs[1])
    assert set(before) == {"pgtables", "slab", "dcache", "icache"}, outs[0]
    assert before["pgtables"][0] >= 8 and before["pgtables"][2] == 0, outs[0]
    assert "Out of memory: Killed process" in outs[1], outs[1][-2000:]
    assert after["pgtables"][1] > 0 and after["pgtables"][2] > 0, outs[1][-600:]


def test_reclaim_knobs(kernel):
    outs = run(kernel, [
        "cat /proc/sys/vm/swappiness /proc/sys/vm/panic_on_oom "
        "/proc/sys/vm/oom_kill_allocating_task",
        "echo 201 > /proc/sys/vm/swappiness; echo 3 > /proc/sys/vm/panic_on_oom;"
        " echo -1 > /proc/sys/vm/swappiness; echo 200 > /proc/sys/vm/swappiness;"
        " cat /proc/sys/vm/swappiness",
        "cat /proc/vmscan_trace",
    ])
    assert outs[0].split()[-3:] == ["60", "0", "0"], outs[0]
    assert outs[1].count("Invalid argument") == 3 and outs[1].split()[-1] == "200", outs[1]
    assert re.search(r"time\s+who\s+pid\s+prio\s+order\s+scanned\s+reclaimed\s+slab", outs[2])
