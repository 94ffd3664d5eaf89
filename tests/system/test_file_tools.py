"""The file tools and the shell's redirections on mmkernel.

One boot for the module, with no disk attached: listing, stat, checksums
and dd on the initramfs's /data files, 2> and 2>&1, pwd, vmstat's interval
lines, and that init says nothing about disks when there is none.  The
tools on a writable file system, and fs_semantics and fs_stress, run on
the ext2 disk in test_storage.py.
"""
import os
import re

import pytest

from test_user import PROMPT, Shell

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(TOP, "user", "data")


def posix_cksum(data):
    """POSIX cksum (CRC-32, polynomial 0x04C11DB7, MSB first, length appended)."""
    crc = 0
    length = len(data)
    tail = bytearray()
    while length:
        tail.append(length & 0xff)
        length >>= 8
    for byte in bytes(data) + bytes(tail):
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xffffffff
    return crc ^ 0xffffffff


def data_file(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


@pytest.fixture(scope="module")
def booted(kernel):
    con = kernel.spawn("", mem=256, timeout=60)
    try:
        con.expect_exact(PROMPT, timeout=60)
    except Exception:
        pytest.fail("no shell prompt after boot; console:\n%s" % (con.before or "")[-3000:])
    boot = con.before.replace("\r\n", "\n")
    yield Shell(con), boot
    if con.isalive():
        con.terminate(force=True)


@pytest.fixture
def sh(booted):
    return booted[0]


def test_init_quiet_without_disk(booted):
    _, boot = booted
    assert not re.search(r"^init: .*mount", boot, re.M), boot[-2000:]


def test_ls_long(sh):
    out = sh.run("ls -l /data")
    assert re.search(r"^total \d+$", out, re.M), out
    size = len(data_file("hello.txt"))
    assert re.search(r"^-rw-r--r-- +\d+ +0 +0 +%d \w{3} [ \d]\d +(\d\d:\d\d|\d{4}) hello.txt$"
                     % size, out, re.M), out


def test_stat(sh):
    out = sh.run("stat /data/hello.txt")
    size = len(data_file("hello.txt"))
    assert "  File: /data/hello.txt" in out, out
    assert re.search(r"^  Size: %d +\tBlocks: \d+ +IO Block: \d+ +regular file$" % size,
                     out, re.M), out
    assert re.search(r"^Device: \d+,\d+\tInode: \d+ +Links: \d+$", out, re.M), out
    assert "Access: (0644/-rw-r--r--)" in out, out
    for label in ("Access", "Modify", "Change"):
        assert re.search(r"^%s: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$" % label,
                         out, re.M), out


def test_cksum(sh):
    for name in ("hello.txt", "pages.txt"):
        data = data_file(name)
        out = sh.run("cksum /data/%s" % name)
        assert "%d %d /data/%s" % (posix_cksum(data), len(data), name) in out, out


def test_dd_summary_and_data(sh):
    data = data_file("pages.txt")
    full, part = divmod(len(data), 4096)
    out = sh.run("dd if=/data/pages.txt bs=4k | cksum")
    assert "%d+%d records in" % (full, 1 if part else 0) in out, out
    assert "%d+%d records out" % (full, 1 if part else 0) in out, out
    assert re.search(r"^%d bytes \(\d+ kB, \d+ KiB\) copied, [\d.e+-]+ s, [\d.]+ [kMG]?B/s$"
                     % len(data), out, re.M), out
    assert "%d %d" % (posix_cksum(data), len(data)) in out, out
    out = sh.run("dd if=/data/hello.txt bs=1 skip=6 count=4 status=none")
    assert out.startswith(data_file("hello.txt")[6:10].decode()), out


def test_redirect_stderr(sh):
    out = sh.run("cat /nonexistent 2>&1 | cat")
    assert "cat: /nonexistent: No such file or directory" in out, out
    assert sh.run("echo $?").strip() == "0"       # the status of the last command
    out = sh.run("ls /nonexistent /data 2>&1 | cat")
    assert "ls: cannot access '/nonexistent'" in out and "hello.txt" in out, out
    out = sh.run("cat /nonexistent 2> /proc/self/nope")
    assert "sh: /proc/self/nope:" in out, out           # the redirection itself failed


def test_pwd(sh):
    assert sh.run("pwd").strip() == "/"


def test_vmstat_interval(sh):
    lines = [l for l in sh.run("vmstat 1 3").splitlines() if l.strip()]
    rows = [l for l in lines if re.match(r"^\s*\d", l)]
    assert len(rows) == 3, lines
    assert all(len(r.split()) == 17 for r in rows), rows
