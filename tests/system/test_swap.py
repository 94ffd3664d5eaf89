"""Swap (docs/swap.md): anonymous memory larger than RAM, through a swap
partition and a swap file on the virtio disk, checked page by page.

The disk is made here: an MBR with vda1, an ext2 file system (mke2fs),
and vda2, a swap area (Debian's mkswap, util-linux).  At MEM=64:

  - swapwork writes a 96 MiB working set (1.5x RAM) and reads it back
    twice, then a 40 MiB one after a fork where parent and child each
    rewrite half: every page checked, through the partition and then
    through a swap file made in the guest on vda1;
  - /proc/swaps, meminfo and vmstat as Linux shows them;
  - swapoff brings everything back: SwapTotal and SwapFree drop to 0,
    and MemFree and Committed_AS return to where they were;
  - OOM still comes when swap is full too, and the kernel lives on;
  - the errnos Linux gives (swapabi): bad pointers, the same area twice,
    a mounted partition, a file with holes, malformed headers, swapoff
    of what is not on, writes to an active swap file.
"""
import os
import re
import struct
import subprocess

import pytest

from test_fuzz import shell

SECT = 512
MIB = 1 << 20


def make_disk(path, ext2_mib=96, swap_mib=128):
    """vda1: ext2 of ext2_mib, vda2: swap of swap_mib (both 1 MiB aligned)."""
    p1, n1 = 2048, ext2_mib * 2048
    p2, n2 = p1 + n1, swap_mib * 2048
    total = (p2 + n2) * SECT
    fs, sw = path + ".ext2", path + ".swap"
    subprocess.run(["/sbin/mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-E",
                    "root_owner=0:0", fs, "%dM" % ext2_mib], check=True)
    with open(sw, "wb") as f:
        f.truncate(swap_mib * MIB)
    subprocess.run(["/sbin/mkswap", "-f", sw], check=True, capture_output=True)
    with open(path, "wb") as img:
        img.truncate(total)
        mbr = bytearray(512)
        for i, (start, count, kind) in enumerate([(p1, n1, 0x83), (p2, n2, 0x82)]):
            off = 446 + 16 * i
            mbr[off + 4] = kind
            struct.pack_into("<II", mbr, off + 8, start, count)
        mbr[510:512] = b"\x55\xaa"
        img.seek(0)
        img.write(mbr)
        for src, start in ((fs, p1), (sw, p2)):
            img.seek(start * SECT)
            with open(src, "rb") as f:
                while True:
                    chunk = f.read(MIB)
                    if not chunk:
                        break
                    img.write(chunk)
    os.unlink(fs)
    os.unlink(sw)
    return path


def meminfo(text):
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+(?:\(\w+\))?):\s+(\d+) kB", text, re.M)}


def vmstat(text):
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+) (\d+)$", text, re.M)}


def swaps_line(name, kind, size_kb, used_kb, prio):
    """A /proc/swaps line as Linux 6.1 prints it (mm/swapfile.c: swap_show)."""
    pad = 40 - len(name) if len(name) < 40 else 1
    return "%s%s%s\t%d\t%s%d\t%s%d" % (name, " " * pad, kind if kind == "partition" else "file\t",
                                      size_kb, "\t" if size_kb < 10000000 else "", used_kb,
                                      "\t" if used_kb < 10000000 else "", prio)


def workload_ok(out, forked=False):
    m = re.search(r"^swapwork: ok \((\d+) pages(, forked)?\)$", out, re.M)
    assert m and bool(m.group(2)) == forked, out[-3000:]
    io = re.search(r"pswpin \+(\d+) pswpout \+(\d+)", out)
    return (int(io.group(1)), int(io.group(2))) if io else (0, 0)


def test_swap_partition_and_file(kernel, tmp_path):
    disk = make_disk(str(tmp_path / "disk.img"))
    cmds = [
        "cat /proc/meminfo",                                    # 0 baseline
        "swapon /dev/vda2",                                     # 1
        "cat /proc/swaps",                                      # 2
        "swapon /dev/vda2",                                     # 3 again: EBUSY
        "swapon /dev/vda1",                                     # 4 ext2: swapon(8) refuses
        "swapwork -s 96",                                       # 5
        "swapwork -s -f 40",                                    # 6
        "cat /proc/meminfo",                                    # 7
        "swapoff /dev/vda2",                                    # 8
        "cat /proc/meminfo",                                    # 9
        "swapoff /dev/vda2",                                    # 10 not on: EINVAL
        "dd if=/dev/zero of=/mnt/swapfile bs=1M count=64",      # 11
        "mkswap /mnt/swapfile",                                 # 12
        "swapon -p 7 /mnt/swapfile",                            # 13
        "cat /proc/swaps",                                      # 14
        "echo x >> /mnt/swapfile",                              # 15 ETXTBSY
        "swapwork -s 96",                                       # 16
        "swapwork -s -f 40",                                    # 17
        "swapoff /mnt/swapfile",                                # 18
        "cat /proc/meminfo",                                    # 19
        "swapabi",                                              # 20 the errnos
        "cat /proc/vmstat",                                     # 21
    ]
    out = shell(kernel, "", 64, cmds, timeout=900, disk=disk)
    base = meminfo(out[0])
    assert base["SwapTotal"] == base["SwapFree"] == 0
    assert "Adding 131068k swap on /dev/vda2.  Priority:-2 extents:1 across:131068k" in out[1]
    assert swaps_line("/dev/vda2", "partition", 131068, 0, -2) in out[2], out[2]
    assert out[2].split("\n")[1] == "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority"
    assert "swapon: /dev/vda2: swapon failed: Device or resource busy" in out[3]
    assert "swapon: /dev/vda1: read swap header failed" in out[4]     # util-linux's check
    sin, sout = workload_ok(out[5])
    assert sout > 24576 // 2 and sin > 24576 // 2, (sin, sout)   # half the set went out and came back
    workload_ok(out[6], forked=True)
    m = meminfo(out[7])
    assert m["SwapTotal"] == 131068 and m["SwapFree"] <= 131068
    after = meminfo(out[9])
    assert after["SwapTotal"] == after["SwapFree"] == 0
    assert after["Committed_AS"] == base["Committed_AS"], (base["Committed_AS"], after["Committed_AS"])
    assert abs(after["MemFree"] - base["MemFree"]) < 1024, (base["MemFree"], after["MemFree"])
    assert "swapoff: /dev/vda2: swapoff failed: Invalid argument" in out[10]
    assert "Setting up swapspace version 1, size = 64 MiB (67104768 bytes)" in out[12], out[12]
    assert swaps_line("/mnt/swapfile", "file", 65532, 0, 7) in out[14], out[14]
    assert "Text file busy" in out[15], out[15]
    sin, sout = workload_ok(out[16])
    assert sout > 0 and sin > 0
    workload_ok(out[17], forked=True)
    after = meminfo(out[19])
    assert after["SwapTotal"] == after["SwapFree"] == 0
    assert after["Committed_AS"] == base["Committed_AS"]
    assert "swapabi: ok" in out[20], out[20]
    v = vmstat(out[21])
    assert v["pswpout"] > 0 and v["pswpin"] > 0 and v["swap_ra"] > 0 and v["swap_ra_hit"] > 0
    assert v["oom_kill"] == 0


def test_swap_full_then_oom(kernel, tmp_path):
    """RAM + swap too small for the set: the OOM killer takes the
    process (not a panic, not a hang), and every slot comes back."""
    disk = make_disk(str(tmp_path / "disk.img"), ext2_mib=16, swap_mib=16)
    out = shell(kernel, "", 64, ["swapon /dev/vda2", "echo 1 > /proc/sys/vm/overcommit_memory",
                                 "swapwork 120", "cat /proc/meminfo",
                                 "swapwork -s 24", "cat /proc/vmstat"], timeout=900, disk=disk)
    assert re.search(r"Out of memory: Killed process \d+ \(swapwork\)", out[2]), out[2][-3000:]
    assert "swapwork: ok" not in out[2]
    m = meminfo(out[3])
    assert m["SwapTotal"] == 16380
    assert m["SwapTotal"] - m["SwapFree"] < 64     # what the shell and init keep out
    workload_ok(out[4])                            # still works after the OOM
    assert vmstat(out[5])["oom_kill"] == 1


def test_swap_zram(kernel):
    """zram of twice RAM as the only swap, at MEM=64: the 1.5x-RAM set and
    the forked one, compressed at least 3.5 to 1 (the issue's bar; the
    pages are the Linux figure's kind: a quarter random); swapoff brings
    it all back and reset frees zram's memory; the zram device cannot be
    reset while it is swap."""
    cmds = [
        "cat /proc/meminfo",                                    # 0
        "echo 128M > /sys/block/zram0/disksize",                # 1
        "mkswap /dev/zram0",                                    # 2
        "swapon /dev/zram0",                                    # 3
        "cat /proc/swaps",                                      # 4
        "swapwork -s 96",                                       # 5
        "swapwork -s -f 40",                                    # 6
        "echo 1 > /sys/block/zram0/reset",                      # 7 EBUSY
        "swapoff /dev/zram0",                                   # 8
        "echo 1 > /sys/block/zram0/reset",                      # 9
        "cat /sys/block/zram0/mm_stat",                         # 10
        "cat /proc/meminfo",                                    # 11
    ]
    out = shell(kernel, "", 64, cmds, timeout=900)
    base = meminfo(out[0])
    assert "Adding 131068k swap on /dev/zram0.  Priority:-2 extents:1 across:131068k SS" in out[3]
    assert swaps_line("/dev/zram0", "partition", 131068, 0, -2) in out[4], out[4]
    for i, forked in ((5, False), (6, True)):
        sin, sout = workload_ok(out[i], forked)
        assert sin > 0 and sout > 0, out[i]
        m = re.search(r"zram0 holds (\d+) bytes in (\d+)", out[i])
        assert m and int(m.group(1)) > 0, out[i]
        assert int(m.group(1)) * 10 >= 35 * int(m.group(2)), m.group(0)   # ratio >= 3.5
    assert "Device or resource busy" in out[7], out[7]
    assert out[10].split("\n", 1)[1].split() == ["0"] * 9, out[10]
    after = meminfo(out[11])
    assert after["SwapTotal"] == after["SwapFree"] == 0
    assert after["Committed_AS"] == base["Committed_AS"]
    assert abs(after["MemFree"] - base["MemFree"]) < 1024, (base["MemFree"], after["MemFree"])
