"""zram (drivers/block/zram.c, mm/zsmalloc.c): /dev/zram0 driven from the
shell as one drives it on Linux 6.1, with Linux's files, formats and
errors under /sys/block/zram0/.

Two boots:
  1. MEM=256 with selftest=zram (the in-kernel test: HighMem pages,
     swap_slot_free_notify, a corrupt object failing its read with EIO,
     mem_limit): then, from the shell, the files before and after
     disksize, hostile writes to each, a mix of zero, text and random
     pages written with dd and read back with the same cksum, mm_stat's
     columns moving as each kind of page says (same_pages, huge_pages,
     orig_data_size, compr_data_size), 512-byte writes at odd offsets
     (read-modify-write in the page cache), reset refused while the
     device is open, I/O past the end, mem_limit failing writes cleanly,
     and reset giving every page back.
  2. A small ext2 image as vda: zram0 after it in /proc/diskstats with
     its own major; the image copied onto zram0 and mounted from there;
     reset refused while mounted, done after umount.
"""
import os
import re

import pexpect
import pytest

from test_user import PROMPT, Shell
from test_storage import mkfs

Z = "/sys/block/zram0/"
MM_STAT = ("orig_data_size", "compr_data_size", "mem_used_total", "mem_limit",
           "mem_used_max", "same_pages", "pages_compacted", "huge_pages", "huge_pages_since")
PAGE = 4096


def boot(kernel, bootargs="", mem=256, disk=None):
    con = kernel.spawn(bootargs, mem=mem, timeout=60, disk=disk)
    try:
        con.expect_exact(PROMPT, timeout=120)
    except (pexpect.EOF, pexpect.TIMEOUT):
        pytest.fail("no shell prompt; console:\n%s" % (con.before or "")[-3000:])
    return con, re.sub(r"\r+\n", "\n", con.before), Shell(con)


def fields8(text, n):
    """Numbers of a line in Linux's "%8llu %8llu ..." form, checked to the letter."""
    line = text.rstrip("\n")
    values = [int(x) for x in line.split()]
    assert len(values) == n and line == " ".join("%8d" % v for v in values), repr(text)
    return values


def mm_stat(sh):
    return dict(zip(MM_STAT, fields8(sh.run("cat %smm_stat" % Z), 9)))


def io_stat(sh):
    return dict(zip(("failed_reads", "failed_writes", "invalid_io", "notify_free"),
                    fields8(sh.run("cat %sio_stat" % Z), 4)))


def write(sh, value, name):
    """echo value > zram0/name: (the error echo printed or "", its exit status)."""
    out = sh.run("echo %s > %s%s; echo rc=$?" % (value, Z, name))
    rc = int(re.search(r"rc=(\d+)", out).group(1))
    err = re.search(r"^(?:echo: write error|sh: /sys/\S+): (.*)$", out, re.M)
    return (err.group(1) if err else ""), rc


def mem_free_kb(sh):
    sh.run("echo 3 > /proc/sys/vm/drop_caches")
    return int(re.search(r"^MemFree:\s+(\d+) kB", sh.run("cat /proc/meminfo"), re.M).group(1))


def cksum(out):
    return out.split()[:2]


LINUX_MODES = {     # ls -l /sys/block/zram0 on Linux 6.1 (without writeback, idle)
    "comp_algorithm": "-rw-r--r--", "compact": "--w-------", "debug_stat": "-r--r--r--",
    "disksize": "-rw-r--r--", "initstate": "-r--r--r--", "io_stat": "-r--r--r--",
    "max_comp_streams": "-rw-r--r--", "mem_limit": "--w-------", "mem_used_max": "--w-------",
    "mm_stat": "-r--r--r--", "reset": "--w-------", "dev": "-r--r--r--", "size": "-r--r--r--",
    "ro": "-r--r--r--", "stat": "-r--r--r--",
}

MAKE_DATA = (   # 64 zero pages, 64 pages of text, 64 random pages: /mix
    "dd if=/dev/zero of=/zero bs=4096 count=64 status=none; "
    "dd if=/dev/urandom of=/rnd bs=4096 count=64 status=none; "
    "cat" + " /data/pages.txt" * 16 + " > /t16; "
    "dd if=/t16 of=/txt bs=4096 count=64 status=none; cat /zero /txt /rnd > /mix; cksum /mix")


def check_fresh_device(sh):
    """The files of a zram0 never sized, as Linux shows them."""
    modes = {m.group(2): m.group(1) for m in
             re.finditer(r"^(\S{10}) .* (\S+)$", sh.run("ls -l " + Z), re.M)}
    assert modes == LINUX_MODES
    assert sh.run("cat %sdisksize %sinitstate %ssize" % (Z, Z, Z)) == "0\n0\n0\n"
    assert sh.run("cat %scomp_algorithm" % Z) == "[lz4] \n"
    assert sh.run("cat %smax_comp_streams" % Z) == "1\n"
    assert sh.run("cat %sdebug_stat" % Z) == "version: 1\n       0        0\n"
    assert mm_stat(sh) == dict.fromkeys(MM_STAT, 0)
    assert io_stat(sh) == dict.fromkeys(("failed_reads", "failed_writes", "invalid_io",
                                         "notify_free"), 0)
    assert fields8(sh.run("cat %sstat" % Z), 17) == [0] * 17
    assert re.search(r"^ 252       0 zram0( 0){17}$", sh.run("cat /proc/diskstats"), re.M)
    assert "zram0" not in sh.run("cat /proc/partitions")


def check_hostile_before_init(sh):
    for bad in ("garbage", "0", "xyz", "-1", "16E"):     # 16E wraps to 0, as on Linux
        assert write(sh, bad, "disksize") == ("Invalid argument", 1), bad
    assert write(sh, "bogus", "comp_algorithm") == ("Invalid argument", 1)
    assert write(sh, "lzo", "comp_algorithm") == ("Invalid argument", 1)     # not built here
    assert write(sh, "lz4", "comp_algorithm") == ("", 0)
    assert write(sh, "1", "reset") == ("", 0)                 # nothing to reset: fine
    assert write(sh, "0", "reset") == ("Invalid argument", 1)
    assert write(sh, "abc", "reset") == ("Invalid argument", 1)
    assert write(sh, "70000", "reset") == ("Result too large", 1)     # a u16
    assert write(sh, "1", "compact") == ("Invalid argument", 1)
    assert write(sh, "1", "mem_used_max") == ("Invalid argument", 1)
    assert write(sh, "1", "initstate") == ("Permission denied", 1)    # read-only
    assert "I/O error" in sh.run("cat %sreset" % Z)                   # write-only
    assert sh.run("cat %sdisksize" % Z) == "0\n"


def check_sizes(sh):
    """disksize is a limit, not an allocation: 2G on 256 MiB is fine; 1T needs
    a 2 GiB table and is not; memparse's hex; rounding up to a page."""
    assert write(sh, "2G", "disksize") == ("", 0)
    assert sh.run("cat %sdisksize" % Z) == "2147483648\n"
    assert write(sh, "1", "reset") == ("", 0)
    assert write(sh, "1T", "disksize") == ("Not enough space", 1)     # newlib's ENOMEM
    assert write(sh, "0x100000", "disksize") == ("", 0)
    assert sh.run("cat %sdisksize %ssize" % (Z, Z)) == "1048576\n2048\n"
    assert write(sh, "1", "reset") == ("", 0)
    assert write(sh, "4097", "disksize") == ("", 0)
    assert sh.run("cat %sdisksize" % Z) == "8192\n"
    assert write(sh, "1", "reset") == ("", 0)


def check_mix(sh, mix_sum):
    """The data back, and mm_stat's columns as each kind of page says."""
    out = sh.run("dd if=/mix of=/dev/zram0 bs=4096 status=none; "
                 "dd if=/dev/zram0 bs=4096 count=192 status=none | cksum")
    assert cksum(out) == mix_sum, out
    st = mm_stat(sh)
    assert st["orig_data_size"] == 192 * PAGE
    assert st["same_pages"] == 64
    assert 64 <= st["huge_pages"] <= 66 and st["huge_pages_since"] == st["huge_pages"], st
    text = st["compr_data_size"] - st["huge_pages"] * PAGE    # what the text pages took
    assert 0 < text < 64 * PAGE * 3 // 4, st
    assert st["compr_data_size"] <= st["mem_used_total"] <= st["compr_data_size"] * 1.25, st
    assert st["mem_used_max"] >= st["mem_used_total"] and st["mem_limit"] == 0, st
    assert st["pages_compacted"] == 0
    # each page written once (at the last close), then read once: /sys/block/zram0/stat
    # and /proc/diskstats agree
    stat = fields8(sh.run("cat %sstat" % Z), 17)
    assert (stat[4], stat[6]) == (192, 192 * 8) and stat[2] >= 192 * 8, stat
    line = re.search(r"^ 252       0 zram0 (.*)$", sh.run("cat /proc/diskstats"), re.M).group(1)
    assert [int(x) for x in line.split()][:7] == stat[:7]
    return st


def check_partial_writes(sh):
    """512-byte writes at odd offsets: the page cache reads the page,
    changes 3 sectors (across pages 0 and 1) and writes whole pages."""
    out = sh.run("dd if=/rnd of=/p512 bs=512 count=3 status=none; "
                 "dd if=/p512 of=/dev/zram0 bs=512 seek=7 conv=notrunc status=none; "
                 "dd if=/p512 of=/mix bs=512 seek=7 conv=notrunc status=none; cksum /mix; "
                 "dd if=/dev/zram0 bs=4096 count=192 status=none | cksum")
    sums = out.split("\n")
    assert cksum(sums[0]) == cksum(sums[1]), out
    st = mm_stat(sh)
    assert st["same_pages"] == 62 and st["orig_data_size"] == 192 * PAGE, st
    return cksum(sums[1])


def check_busy_and_bounds(sh, before):
    out = sh.run("sleep 3 < /dev/zram0 & sleep 1; echo 1 > %sreset; echo rc=$?; sleep 3" % Z)
    assert "echo: write error: Device or resource busy" in out and "rc=1" in out, out
    assert mm_stat(sh) == before
    out = sh.run("dd if=/rnd of=/dev/zram0 bs=4096 seek=16384 count=1")
    assert "No space left on device" in out and "0+0 records out" in out, out
    assert "0+0 records in" in sh.run("dd if=/dev/zram0 of=/dev/null bs=4096 skip=16384 count=1")
    assert write(sh, "64M", "disksize") == ("Device or resource busy", 1)
    assert write(sh, "lz4", "comp_algorithm") == ("Device or resource busy", 1)
    assert write(sh, "bogus", "comp_algorithm") == ("Invalid argument", 1)


def check_mem_limit(sh, mix_sum):
    """A limit of 1 MiB, 4 MiB of random pages: the writes past it fail
    (fsync says EIO), the pool stays at the limit, the old data is intact;
    without the limit, writes work again."""
    assert write(sh, "1M", "mem_limit") == ("", 0)
    out = sh.run("dd if=/dev/urandom of=/dev/zram0 bs=4096 count=1024 seek=1000 conv=fsync "
                 "status=none; echo rc=$?", timeout=120)
    assert "dd: fsync failed for '/dev/zram0': I/O error" in out and "rc=1" in out, out
    st, io = mm_stat(sh), io_stat(sh)
    assert st["mem_limit"] == 1 << 20 and st["mem_used_total"] <= 1 << 20, st
    assert st["mem_used_max"] <= (1 << 20) + 4 * PAGE, st     # one zspage over at most
    assert 0 < io["failed_writes"] < 1024 and io["failed_reads"] == 0, io
    assert cksum(sh.run("dd if=/dev/zram0 bs=4096 count=192 status=none | cksum")) == mix_sum
    assert write(sh, "0", "mem_limit") == ("", 0)
    out = sh.run("dd if=/rnd of=/dev/zram0 bs=4096 seek=3000 conv=fsync status=none; echo rc=$?")
    assert "rc=0" in out, out
    assert write(sh, "0", "mem_used_max") == ("", 0)
    st = mm_stat(sh)
    assert st["mem_used_max"] == st["mem_used_total"] and st["mem_limit"] == 0, st


def test_zram_from_the_shell(kernel):
    con, log, sh = boot(kernel, "selftest=zram", mem=256)
    try:
        assert "zram: Added device: zram0\n" in log
        assert "selftest zram: ok" in log, log[-3000:]
        assert "zram: Decompression failed! err=-22, page=2" in log    # the corrupt object
        check_fresh_device(sh)
        check_hostile_before_init(sh)
        check_sizes(sh)
        mix_sum = cksum(sh.run(MAKE_DATA))
        free0 = mem_free_kb(sh)
        out = sh.run("echo 64M > %sdisksize; cat %sdisksize %sinitstate %ssize" % (Z, Z, Z, Z))
        assert out == "zram0: detected capacity change from 0 to 131072\n" \
                      "67108864\n1\n131072\n", out
        assert re.search(r"^ 252        0      65536 zram0$", sh.run("cat /proc/partitions"),
                         re.M)
        before = check_mix(sh, mix_sum)
        mix_sum = check_partial_writes(sh)
        before = mm_stat(sh)
        check_busy_and_bounds(sh, before)
        check_mem_limit(sh, mix_sum)
        out = sh.run("echo 1 > %sreset; cat %sdisksize %sinitstate" % (Z, Z, Z))
        assert out == "zram0: detected capacity change from 131072 to 0\n0\n0\n", out
        assert mm_stat(sh) == dict.fromkeys(MM_STAT, 0)
        assert fields8(sh.run("cat %sstat" % Z), 17) == [0] * 17     # Linux zeroes them
        assert "zram0" not in sh.run("cat /proc/partitions")
        free1 = mem_free_kb(sh)
        assert abs(free1 - free0) <= 64, (free0, free1)     # 16 pages: slab caches move
        check_fresh_device(sh)
    finally:
        con.close(force=True)


def test_zram_holds_a_file_system(kernel, tmp_path):
    """An ext2 image copied onto zram0 mounts from there; the mount holds
    the device (reset: EBUSY) until umount; zram0 comes after vda in
    /proc/diskstats, with its own major."""
    files = tmp_path / "files"
    files.mkdir()
    (files / "hello.txt").write_text("hello from zram\n")
    img = mkfs(str(tmp_path / "small.img"), size="4M", files=str(files))
    con, log, sh = boot(kernel, "", mem=1024, disk=img)
    try:
        names = [l.split()[2] for l in sh.run("cat /proc/diskstats").strip().split("\n")]
        assert names == ["vda", "zram0"]
        assert sh.run("cat /sys/block/vda/dev /sys/block/zram0/dev") == "254:0\n252:0\n"
        assert write(sh, "8M", "disksize") == ("", 0)
        out = sh.run("dd if=/dev/vda of=/dev/zram0 bs=64K status=none; mkdir /mnt2; "
                     "mount -t ext2 /dev/zram0 /mnt2; cat /mnt2/hello.txt", timeout=60)
        assert out.endswith("hello from zram\n"), out
        assert write(sh, "1", "reset") == ("Device or resource busy", 1)
        assert "/dev/zram0 /mnt2 ext2" in sh.run("cat /proc/mounts")
        st = mm_stat(sh)
        assert st["orig_data_size"] == 1024 * PAGE and st["same_pages"] > 900, st
        sh.run("umount /mnt2")
        assert write(sh, "1", "reset") == ("", 0)
        assert mm_stat(sh) == dict.fromkeys(MM_STAT, 0)
        assert sh.run("cat /mnt/hello.txt") == "hello from zram\n"    # vda itself, untouched
    finally:
        con.close(force=True)
