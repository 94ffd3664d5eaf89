"""Disks: virtio-mmio and virtio-blk on vexpress-a9 and virt (legacy and
modern transports), the block layer, partitions from an MBR,
/proc/partitions and /proc/diskstats in Linux 6.1's formats, and the
in-kernel self-test (selftest=blk, kernel/block/selftest_blk.c): reads
into lowmem and HighMem pages with the DMA log showing their cache
maintenance, I/O refused past the end of a disk or partition, writes split
into requests, flushes, a task that sleeps while the disk works.  What the
self-test wrote is checked here byte by byte once QEMU has exited, and so
is every other sector: nothing else may change.

Every test attaches an image of its own in tmp_path: a copy of the
build's disk.img (kernel.disk_copy), or a partitioned scratch image
written here.  The build's image itself is never attached.
"""
import hashlib
import json
import os
import re
import struct
import subprocess

import pexpect
import pytest

from conftest import Kernel, TOP
from test_boards import make

PROMPT = "mmk# "
SECT = 512

# The scratch image: 32 MiB, MBR with a primary, an extended partition
# and two logical partitions (numbers as Linux gives them), and the
# scratch mark in the boot code area naming sectors the self-test may write.
SCRATCH_MIB = 32
SCRATCH_FIRST, SCRATCH_COUNT = 4096, 64         # inside vda1
LAYOUT = {                                      # name: (first sector, sectors)
    "vda1": (2048, 20480),
    "vda2": (22528, 65536 - 22528),             # extended: shows as 2 sectors
    "vda5": (24576, 8192),
    "vda6": (34816, 65536 - 34816),
}


def mbr_entry(img, sector, i, boot, kind, start, count):
    off = sector * SECT + 446 + 16 * i
    img[off] = boot
    img[off + 4] = kind
    struct.pack_into("<II", img, off + 8, start, count)
    img[sector * SECT + 510:sector * SECT + 512] = b"\x55\xaa"


def scratch_image(path, partitioned=True):
    """Write the scratch image; returns its bytes."""
    total = SCRATCH_MIB << 11
    img = bytearray(total * SECT)
    if partitioned:
        mbr_entry(img, 0, 0, 0x80, 0x83, 2048, 20480)
        mbr_entry(img, 0, 1, 0, 0x05, 22528, total - 22528)
        mbr_entry(img, 22528, 0, 0, 0x83, 2048, 8192)               # vda5
        mbr_entry(img, 22528, 1, 0, 0x05, 10240, total - 32768)     # next EBR
        mbr_entry(img, 32768, 0, 0, 0x82, 2048, total - 34816)      # vda6
    img[0:16] = b"mmkernel scratch"
    struct.pack_into("<II", img, 16, SCRATCH_FIRST, SCRATCH_COUNT)
    with open(path, "wb") as f:
        f.write(img)
    return bytes(img)


def pattern(sector, i, npass):
    """Byte i of sector as the self-test writes it (selftest_blk.c: pattern)."""
    return ((sector * 7 + i + npass * 13) ^ 0x5a) & 0xff


def check_written(before, path, first, last, npass):
    """Sectors first..last hold the pattern; every other one is unchanged."""
    after = open(path, "rb").read()
    assert len(after) == len(before)
    changed = [s for s in range(len(after) // SECT)
               if after[s * SECT:(s + 1) * SECT] != before[s * SECT:(s + 1) * SECT]]
    assert changed == list(range(first, last + 1)), changed[:20]
    for s in range(first, last + 1):
        want = bytes(pattern(s, i, npass) for i in range(SECT))
        assert after[s * SECT:(s + 1) * SECT] == want, "sector %d" % s


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def shell(con, cmd):
    con.sendline(cmd)
    con.expect_exact(PROMPT, timeout=30)
    return re.sub(r"\r+\n", "\n", con.before).split("\n", 1)[1]


def partitions_text(disk_sectors, parts):
    """/proc/partitions as Linux 6.1 prints it (block/genhd.c show_partition)."""
    text = "major minor  #blocks  name\n\n"
    text += "%4d  %7d %10d %s\n" % (254, 0, disk_sectors // 2, "vda")
    for name, (first, count) in parts:
        text += "%4d  %7d %10d %s\n" % (254, int(name[3:]), count // 2, name)
    return text


def view(out, name):
    """The text of view `name` printed by show=: the lines after its
    header that look like /proc/partitions or /proc/diskstats lines (the
    header, the empty line after it, and lines starting with a space)."""
    lines = []
    for line in out.split("---- %s ----\n" % name, 1)[1].split("\n"):
        if not (line == "" or line.startswith(" ") or line.startswith("major minor")):
            break
        lines.append(line + "\n")
    return "".join(lines)


def diskstats(text):
    """{name: [17 numbers]} from /proc/diskstats (20 fields a line)."""
    stats = {}
    for line in text.rstrip("\n").split("\n"):
        f = line.split()
        assert len(f) == 20, line
        assert re.match(r"^ {0,3}\d{1,4} {1,7}\d{1,7} \S+( \d+){17}$", line), line
        stats[f[2]] = [int(x) for x in f[3:]]
    return stats


# ------------------------------------------------------------------ the default disk

def test_default_disk_is_read_only_to_the_selftest(kernel, tmp_path):
    """The build's ext2 image (a copy): vda of the right size, no partition
    table, /proc/partitions and /proc/diskstats as Linux prints them, and
    the self-test only reads it."""
    build_img = os.path.join(kernel.build, "disk.img")
    build_sum = sha(build_img)
    img = kernel.disk_copy(tmp_path)
    size = os.path.getsize(img)
    out = kernel.run("selftest=blk show=partitions,diskstats", disk=img)
    assert re.search(r"^vda: virtio\d+ at 0x[0-9a-f]{8} \(legacy\), %d sectors \(%d MiB\), "
                     r"512-byte blocks, \d+ segments, write cache$" % (size // SECT, size >> 20),
                     out, re.M), out[-3000:]
    assert view(out, "partitions") == partitions_text(size // SECT, [])
    stats = diskstats(view(out, "diskstats"))
    # views run before the self-tests: only the partition-table read so far
    assert stats["vda"][0:4:2] == [1, 1] and stats["vda"][4:9] == [0, 0, 0, 0, 0]
    assert "selftest blk: vda: no scratch mark: read only" in out
    assert "selftest blk: ok" in out, out[-3000:]
    assert sha(img) == build_sum and sha(build_img) == build_sum


def test_disk_image_is_ext2_with_4k_blocks(kernel):
    """What `make run` attaches: e2fsck finds it clean, 4 KiB blocks, 64 MiB,
    the files of disk/ on it."""
    img = os.path.join(kernel.build, "disk.img")
    assert os.path.getsize(img) == 64 << 20
    fsck = subprocess.run(["/sbin/e2fsck", "-fn", img], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    head = subprocess.run(["/sbin/dumpe2fs", "-h", img], capture_output=True, text=True).stdout
    assert re.search(r"^Block size:\s+4096$", head, re.M)
    readme = subprocess.run(["/sbin/debugfs", "-R", "cat /README.txt", img],
                            capture_output=True, text=True).stdout
    assert readme == open(os.path.join(TOP, "disk", "README.txt")).read()


def test_make_run_disk_arguments(kernel):
    """make run's QEMU command: the build's image by default, DISK=path, DISK=none."""
    def qemu_line(*args):
        out = subprocess.run(["make", "-n", "-s", "BOARD=" + kernel.board, "run"] + list(args),
                             cwd=TOP, capture_output=True, text=True).stdout
        return [l for l in out.split("\n") if l.startswith("qemu-system-arm")][-1]
    drive = "-drive if=none,id=vd0,file=%s,format=raw,cache=unsafe " \
            "-device virtio-blk-device,drive=vd0"
    assert drive % ("build/%s/disk.img" % kernel.board) in qemu_line()
    assert drive % "/tmp/other.img" in qemu_line("DISK=/tmp/other.img")
    assert "-drive" not in qemu_line("DISK=none")


def test_no_disk(kernel):
    out = kernel.run("selftest=blk show=partitions,diskstats")
    assert "selftest blk: no disk (vda): skipped" in out
    # only zram0, never sized: as Linux's, /proc/partitions has its header
    # (there is a disk) and no line (it has no size), /proc/diskstats its line
    assert view(out, "partitions") == "major minor  #blocks  name\n\n"
    assert view(out, "diskstats") == " 252       0 zram0" + " 0" * 17 + "\n"
    assert "virtio" not in out.split("Boot complete")[0].split("Kernel command line")[1]


# ------------------------------------------------------------------ a partitioned scratch disk

def test_partitions_writes_diskstats_and_dma(kernel, tmp_path):
    """The MBR image: partitions as Linux numbers them (and as sfdisk reads
    the same bytes); the self-test writes its range through vda and vda1,
    with HighMem pages; afterwards /proc/diskstats has counted reads,
    writes and flushes where they belong, the DMA log shows an invalidate
    of a HighMem page through a kmap_atomic address, and on the host only
    the scratch sectors changed."""
    img = str(tmp_path / "scratch.img")
    before = scratch_image(img)
    sf = json.loads(subprocess.run(["/usr/sbin/sfdisk", "--json", img], capture_output=True,
                                   text=True).stdout)["partitiontable"]["partitions"]
    assert {p["node"][-1]: (p["start"], p["size"]) for p in sf} == \
        {k[-1]: v for k, v in LAYOUT.items()}
    con = kernel.spawn("selftest=blk", disk=img, timeout=60)
    try:
        con.expect(r"HighMem\s+pfn \S+\s+phys 0x([0-9a-f]{8})-")
        highmem = int(con.match.group(1), 16)
        con.expect(r"(vda: virtio0 at [^\r\n]*)\r")
        boot_line = con.match.group(1)
        con.expect_exact(" vda: vda1 vda2 < vda5 vda6 >")
        con.expect(r"selftest blk: vda: scratch sectors (\d+)-(\d+) hold pattern pass (\d+)")
        first, last, npass = (int(g) for g in con.match.groups())
        con.expect(r"selftest blk: (\S+)")
        assert con.match.group(1) == "ok", con.before
        con.expect_exact(PROMPT)
        parts = shell(con, "cat /proc/partitions")
        stats_text = shell(con, "cat /proc/diskstats")
        stats = diskstats(stats_text)
        dma = shell(con, "cat /proc/dmainfo")
        virtio = shell(con, "cat /proc/virtio")
        con.sendline("poweroff")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)
    shown = [(n, (LAYOUT[n][0], 2 if n == "vda2" else LAYOUT[n][1])) for n in sorted(LAYOUT)]
    assert parts == partitions_text(SCRATCH_MIB << 11, shown)
    assert list(stats) == ["vda", "vda1", "vda2", "vda5", "vda6", "zram0"]
    vda, vda1 = stats["vda"], stats["vda1"]
    # the partition scan's reads (MBR, two EBRs), the self-test's fixed
    # sequence (kernel/block/selftest_blk.c), and init's mount of vda1 as
    # ext2, which reads the 1 KiB super block (2 sectors) and gives up:
    # counts, sectors, flushes
    assert (vda[0], vda[2], vda[4], vda[6], vda[15]) == (24, 153, 12, 72, 3), vda
    assert vda[1] == vda[5] == 0                # nothing merges
    # vda1: exactly the one write made through it (18 sectors), and the
    # super block read by the mount
    assert (vda1[0], vda1[2], vda1[4], vda1[6], vda1[15]) == (1, 2, 1, 18, 0), vda1
    assert vda[8] == 0 and vda1[8] == 0         # nothing in flight
    assert vda[11:15] == [0, 0, 0, 0]           # no discards
    assert stats["vda2"] == [0] * 17 and stats["vda5"] == [0] * 17
    assert stats["zram0"] == [0] * 17             # never sized: no I/O
    check_docs_samples(parts, stats_text)
    assert re.search(r"^  queue 0 \(requests\): 128 entries, 128 descriptors free, ", virtio,
                     re.M), virtio
    if kernel.board == "vexpress-a9":           # the lines docs/block.md shows
        assert boot_line == "vda: virtio0 at 0x10013600 (legacy), 65536 sectors (32 MiB), " \
                            "512-byte blocks, 126 segments, write cache"
        assert virtio.split("\n")[0] == "virtio0: mmio 0x10013600 irq 75, legacy (version 1), " \
                                        "device 2 (virtio_blk), features 0x244"
    # an invalidate of a HighMem page, done through a fixmap (kmap_atomic) address
    assert any(int(m.group(1), 16) >= 0xffc00000 and int(m.group(2), 16) >= highmem
               for m in re.finditer(r"^\s+inv\s+0x([0-9a-f]{8})-0x[0-9a-f]{8}\s+pa 0x([0-9a-f]{8})$",
                                    dma, re.M)), dma
    assert (first, last) == (SCRATCH_FIRST, SCRATCH_FIRST + 17)
    check_written(before, img, first, last, npass)


TIME_FIELDS = (3, 7, 9, 10, 16)     # diskstats fields 4, 8, 10, 11, 17: milliseconds


def check_docs_samples(parts, stats_text):
    """docs/block.md shows this run's /proc/partitions as it is, and its
    /proc/diskstats but for the times."""
    doc = open(os.path.join(TOP, "docs", "block.md")).read()
    sample = doc.split("mmk# cat /proc/partitions\n")[1].split("mmk# ")[0]
    assert sample == parts
    sample = doc.split("mmk# cat /proc/diskstats\n")[1].split("```")[0]
    live = diskstats(stats_text)
    for name, numbers in diskstats(sample).items():
        assert [n for i, n in enumerate(numbers) if i not in TIME_FIELDS] == \
            [n for i, n in enumerate(live[name]) if i not in TIME_FIELDS], name


@pytest.mark.vexpress
def test_qemu_virtio_transports():
    """Where QEMU puts its virtio-mmio transports (docs/block.md): four on
    vexpress-a9 at 0x10013000 + 0x200 n, SPI 40-43, added to the DTB it is
    given; 32 on virt, the last at 0x0a003e00 with SPI 47."""
    def nodes(*args):
        dtb = subprocess.run(["qemu-system-arm"] + list(args) + ["-nographic"],
                             capture_output=True, text=True, cwd=TOP)
        dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", "/dev/stdin"],
                             input=open(args[1].split("dumpdtb=")[1], "rb").read(),
                             capture_output=True).stdout.decode()
        return re.findall(r"virtio_mmio@([0-9a-f]+) \{[^}]*interrupts = <0x00 (0x[0-9a-f]+) "
                          r"0x01>;", dts)
    vx = nodes("-M", "vexpress-a9,dumpdtb=%s/build/vx-dump.dtb" % TOP, "-dtb",
               os.path.join(TOP, "build", "vexpress-a9", "vexpress-a9.dtb"),
               "-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0")
    assert sorted(vx) == [("%x" % (0x10013000 + 0x200 * n), hex(40 + n)) for n in range(4)]
    virt = nodes("-M", "virt,dumpdtb=%s/build/virt-dump.dtb" % TOP, "-nic", "none")
    assert len(virt) == 32 and ("a003e00", hex(47)) in virt


def test_modern_transport(kernel, tmp_path):
    """virtio-mmio version 2 (QEMU's -global virtio-mmio.force-legacy=false):
    VIRTIO_F_VERSION_1 negotiated, the queue given by three addresses."""
    img = str(tmp_path / "scratch.img")
    before = scratch_image(img, partitioned=False)
    out = kernel.run("selftest=blk show=virtio", disk=img,
                     extra=["-global", "virtio-mmio.force-legacy=false"])
    assert re.search(r"^vda: virtio0 at 0x[0-9a-f]{8} \(modern\)", out, re.M), out[-3000:]
    m = re.search(r"^virtio0: mmio 0x[0-9a-f]{8} irq \d+, modern \(version 2\), device 2 "
                  r"\(virtio_blk\), features 0x([0-9a-f]+)$", out, re.M)
    assert m and int(m.group(1), 16) & (1 << 32), out[-3000:]
    assert "selftest blk: ok" in out, out[-3000:]
    m = re.search(r"scratch sectors (\d+)-(\d+) hold pattern pass (\d+)", out)
    check_written(before, img, *(int(g) for g in m.groups()))


def test_virt_disk(tmp_path):
    """The same on QEMU's virt board, whose transports the kernel finds in
    QEMU's own DTB (32 of them, filled from the top)."""
    make("virt")
    img = str(tmp_path / "scratch.img")
    before = scratch_image(img)
    out = Kernel("virt").run("selftest=blk", disk=img)
    assert re.search(r"^vda: virtio0 at 0x0a003e00 \(legacy\), %d sectors" % (SCRATCH_MIB << 11),
                     out, re.M), out[-3000:]
    assert " vda: vda1 vda2 < vda5 vda6 >" in out
    assert "selftest blk: ok" in out, out[-3000:]
    m = re.search(r"scratch sectors (\d+)-(\d+) hold pattern pass (\d+)", out)
    check_written(before, img, *(int(g) for g in m.groups()))
