"""mkswap, swapon and swapoff against util-linux 2.38 on the host.

What needs no swap in the kernel is checked now, on one boot with an
ext2 disk (made here with mke2fs, holding the fake /proc/swaps files):

  - mkswap on files in /mnt: its output, messages and exit status are
    the host's /usr/sbin/mkswap's, run on a file of the same size and
    name with the same arguments (stdout and stderr in their order);
  - the header it wrote, read back from the image with debugfs and taken
    apart here (version, last_page, UUID, label, zeroed boot bits, the
    magic, the rest of the file untouched);
  - swapon --show / -s / --bytes / --raw / --noheadings: the host's
    swapon on the same file of /proc/swaps lines, given to both through
    libmount's LIBMOUNT_SWAPS variable;
  - the messages of swapon and swapoff that come before swapon(2) or
    swapoff(2) (bad options, no signature, holes, no fstab).

The tests at the end turn swap on and off in the guest (a swap file on
/mnt): /proc/swaps, swapon --show and -s, free's Swap row, priorities,
swapoff -a, and a header Linux refuses.  Nothing here calls the host's swapon(2) or
swapoff(2) on anything: every host run fails or stops before them.
"""
import os
import re
import shutil
import struct
import subprocess

import pytest

from test_storage import Machine, debugfs_cat, mkfs, tool

UUID = "01234567-89ab-cdef-0123-456789abcdef"
HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"

# /proc/swaps as Linux writes it (mm/swapfile.c, swap_show): the path,
# padded to 40 columns, type, size and used in KiB, priority.
FAKE_SWAPS = {
    "swaps-empty": HEADER,
    "swaps-two": HEADER
    + "/mnt/swapfile                           file\t\t61436\t\t0\t\t-2\n"
    + "/dev/vda2                               partition\t1048572\t\t12345\t\t5\n",
    "swaps-wide": HEADER
    + "/a/very/long/path/name/that/goes/beyond/forty/characters/swapfile file\t\t12000000\t0\t\t-3\n"
    + "/with\\040a\\040space                      file\t\t40956\t\t4\t\t-4\n"
    + "/dev/vdb                                partition\t1023\t\t1023\t\t32767\n"
    + "/odd\\011tab\\134xback\\134slash          file\t\t10000000\t9999999\t-5\n",
}


def host(name):
    path = tool(name)
    if not os.path.isabs(path):
        pytest.skip("no %s on the host (util-linux)" % name)
    return path


def run_host(args, cwd, env=None):
    """A util-linux program on the host, found in PATH so that its argv[0]
    is its bare name as in the guest's shell (glibc's getopt messages
    start with argv[0]): stdout and stderr in the order written (stdout
    line-buffered, as on a console), and the exit status."""
    host(args[0])
    e = dict(os.environ, LC_ALL="C", PATH="/usr/sbin:/sbin:/usr/bin:/bin", **(env or {}))
    r = subprocess.run(["stdbuf", "-oL"] + args, cwd=cwd, env=e, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return r.stdout.decode(), r.returncode


@pytest.fixture(scope="module")
def machine(kernel, tmp_path_factory):
    files = tmp_path_factory.mktemp("diskfiles")
    for name, text in FAKE_SWAPS.items():
        (files / name).write_text(text)
    disk = mkfs(str(tmp_path_factory.mktemp("disk") / "disk.img"), files=str(files))
    m = Machine(kernel, disk)
    m.disk = disk
    m.run("cd /mnt")
    yield m
    m.cut()


@pytest.fixture
def hostdir(tmp_path):
    return str(tmp_path)


def guest(m, cmd, timeout=120):
    """cmd in /mnt on the guest: its output and exit status."""
    out = m.run("%s; echo rc=$?" % cmd, timeout=timeout)
    lines = out.rstrip("\n").split("\n")
    assert lines[-1].startswith("rc="), out
    return "\n".join(lines[:-1]) + ("\n" if len(lines) > 1 else ""), int(lines[-1][3:])


def make_file(m, hostdir, name, pages, random=False):
    """The same file on both sides: pages of zeros (or, in the guest, of
    random bytes), mode 0644, written out (not sparse)."""
    src = "/dev/urandom" if random else "/dev/zero"
    m.run("rm -f %s; dd if=%s of=%s bs=4096 count=%d status=none" % (name, src, name, pages))
    path = os.path.join(hostdir, name)
    with open(path, "wb") as f:
        f.write(bytes(4096 * pages))
    os.chmod(path, 0o644)


def both(m, hostdir, prog, args, env=""):
    """prog args on the guest (in /mnt) and on the host (in hostdir)."""
    g = guest(m, ("%s %s %s" % (env, prog, args)).strip())
    envd = dict(kv.split("=", 1) for kv in env.split()) if env else None
    h = run_host([prog] + args.split(), hostdir, envd)
    return g, h


# ---------------------------------------------------------------- mkswap

@pytest.mark.parametrize("pages,args", [
    (10, "-L swap1 -U %s" % UUID),                  # the smallest area
    (2441, "-U %s" % UUID),                         # 9.5 MiB: a decimal
    (10240, "-L forty -U %s" % UUID),               # 40 MiB less a page: "40 MiB"
    (256, "-f -p 4096 -U %s" % UUID),
    (256, "-L 0123456789abcdefXYZ -U %s" % UUID),   # label cut to 15
    (256, "-U %s swapfile 100" % UUID),             # a size in KiB
    (256, "-U %s swapfile 2000" % UUID),            # more than the file
    (256, "-f -U %s swapfile 2000" % UUID),         # ... with -f
    (9, "-U %s" % UUID),                            # too small
    (256, "-U clear"),
])
def test_mkswap_like_util_linux(machine, hostdir, pages, args):
    make_file(machine, hostdir, "swapfile", pages)
    if "swapfile" not in args:
        args += " swapfile"
    g, h = both(machine, hostdir, "mkswap", args)
    assert g == h, "guest:\n%s\nhost:\n%s" % (g, h)
    # and again on the area just made: the old signature is wiped
    g, h = both(machine, hostdir, "mkswap", args)
    assert g == h, "guest:\n%s\nhost:\n%s" % (g, h)
    machine.run("rm -f swapfile")


@pytest.mark.parametrize("args", [
    "", "-x", "--lab", "--label", "-p 1000 swapfile", "-p abc swapfile", "-U foo swapfile",
    "-v 2 swapfile", "swapfile 1 2", "swapfile abc", "-c -q swapfile", "nonexistent",
    "--ver swapfile",
])
def test_mkswap_errors_like_util_linux(machine, hostdir, args):
    make_file(machine, hostdir, "swapfile", 16)
    g, h = both(machine, hostdir, "mkswap", args)
    assert g == h, "guest:\n%s\nhost:\n%s" % (g, h)
    assert g[1] != 0


def test_mkswap_random_uuid(machine):
    """No -U: a random (version 4) UUID, a new one each time."""
    machine.run("dd if=/dev/zero of=sw bs=4096 count=64 status=none")
    uuids = []
    for _ in range(2):
        out, rc = guest(machine, "mkswap sw")
        assert rc == 0, out
        m = re.search(r"^Setting up swapspace version 1, size = 252 KiB \(258048 bytes\)\n"
                      r"no label, UUID=([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                      r"-[0-9a-f]{12})$", out, re.M)
        assert m, out
        uuids.append(m.group(1))
    assert uuids[0] != uuids[1]
    out, rc = guest(machine, "mkswap -U time sw")
    assert rc == 0 and re.search(r"UUID=[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab]", out), out
    machine.run("rm -f sw")


def parse_header(page):
    """Linux's union swap_header (version 1) from the first 4096 bytes."""
    version, last_page, nr_bad = struct.unpack_from("<III", page, 1024)
    return {
        "bootbits": page[:1024], "version": version, "last_page": last_page,
        "nr_badpages": nr_bad, "uuid": page[1036:1052], "label": page[1052:1068],
        "padding": page[1068:1536], "badpages": page[1536:4086], "magic": page[4086:4096],
    }


def test_mkswap_header_on_disk(machine):
    """The header as the kernel will read it: debugfs reads the file from
    the image; the boot bits of a file of random bytes are zeroed, the
    pages after the header are left as they were."""
    m = machine
    m.run("dd if=/dev/urandom of=hdr bs=4096 count=300 status=none")
    before = m.run("dd if=hdr bs=4096 skip=1 status=none | cksum").split()[0]
    out, rc = guest(m, "mkswap -L mmk-swap -U %s hdr" % UUID)
    assert rc == 0, out
    assert m.run("dd if=hdr bs=4096 skip=1 status=none | cksum").split()[0] == before
    m.run("sync")
    data = debugfs_cat(m.disk, "/hdr")
    assert len(data) == 300 * 4096
    h = parse_header(data[:4096])
    assert h["bootbits"] == bytes(1024)
    assert (h["version"], h["last_page"], h["nr_badpages"]) == (1, 299, 0)
    assert h["uuid"] == bytes.fromhex(UUID.replace("-", ""))
    assert h["label"] == b"mmk-swap" + bytes(8)
    assert h["padding"] == bytes(468) and h["badpages"] == bytes(2550)
    assert h["magic"] == b"SWAPSPACE2"
    m.run("rm -f hdr")


def test_mkswap_refuses_a_mounted_device(machine):
    out, rc = guest(machine, "mkswap /dev/vda")
    assert (out, rc) == ("mkswap: error: /dev/vda is mounted; will not make swapspace\n", 1)


# ---------------------------------------------------------------- listing

@pytest.mark.parametrize("fake", sorted(FAKE_SWAPS))
@pytest.mark.parametrize("args", [
    "", "--show", "-s", "--summary", "--show=NAME,SIZE", "--show=size,PRIO,name", "--bytes",
    "--raw", "--noheadings", "--show --output-all", "--show=PRIO --noheadings --bytes",
    "--show=FOO,NAME", "--sh",
])
def test_swapon_listing_like_util_linux(machine, hostdir, fake, args):
    """The same /proc/swaps text, the same table: the kernel's file when
    swap is on, a fake one here (LIBMOUNT_SWAPS, libmount's variable)."""
    machine.run("rm -f swapfile")     # no header for UUID and LABEL to find
    g = guest(machine, "LIBMOUNT_SWAPS=/mnt/%s swapon %s" % (fake, args))
    path = os.path.join(hostdir, fake)
    with open(path, "w") as f:
        f.write(FAKE_SWAPS[fake])
    h = run_host(["swapon"] + args.split(), hostdir, {"LIBMOUNT_SWAPS": path})
    assert g == h, "guest:\n%s\nhost:\n%s" % (g, h)


def test_swapon_without_swaps_file(machine):
    """No /proc/swaps (no swap in the kernel yet): nothing, status 255."""
    assert guest(machine, "LIBMOUNT_SWAPS=/nonexistent swapon --show") == ("", 255)
    assert guest(machine, "LIBMOUNT_SWAPS=/nonexistent swapon -s") == ("", 255)


def test_swapoff_all_quiet(machine):
    """swapoff -a is quiet about areas it cannot turn off: 32, all failed."""
    out, rc = guest(machine, "LIBMOUNT_SWAPS=/mnt/swaps-two LIBMOUNT_FSTAB=/none swapoff -a")
    assert (out, rc) == ("", 32)
    assert guest(machine, "LIBMOUNT_SWAPS=/mnt/swaps-empty swapoff -a") == ("", 0)


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("prog,args", [
    ("swapon", "-p abc swapfile"), ("swapon", "-p 70000 swapfile"),
    ("swapon", "-d=bad swapfile"), ("swapon", "-x"), ("swapon", "--foo"),
    ("swapon", "-e swapfile"), ("swapon", "--show -s"), ("swapon", "--raw -a"),
    ("swapon", "/nonexistent"), ("swapon", "zeros"), ("swapon", "sparse"),
    ("swapon", "LABEL=nosuchlabel"), ("swapon", "-a"),
    ("swapoff", ""), ("swapoff", "-x"), ("swapoff", "--verb"), ("swapoff", "LABEL=nosuchlabel"),
])
def test_swap_errors_like_util_linux(machine, hostdir, prog, args):
    """What swapon and swapoff say before they get to the system call."""
    make_file(machine, hostdir, "zeros", 16)
    machine.run("rm -f sparse; truncate -s 1M sparse")
    with open(os.path.join(hostdir, "sparse"), "wb") as f:
        f.truncate(1 << 20)
    os.chmod(os.path.join(hostdir, "sparse"), 0o644)
    env = "LIBMOUNT_FSTAB=/nonexistent"
    g, h = both(machine, hostdir, prog, args, env)
    h = (h[0].replace(os.path.realpath(hostdir) + "/", "/mnt/"), h[1])
    assert g == h, "guest:\n%s\nhost:\n%s" % (g, h)
    assert g[1] != 0


# ---------------------------------------------------------------- swapon(2)

SWAP40 = 10240          # pages: 40 MiB


def make_swap(m, name="swapfile", pages=SWAP40):
    m.run("rm -f %s; dd if=/dev/zero of=%s bs=4096 count=%d status=none" % (name, name, pages))
    out, rc = guest(m, "mkswap -q %s" % name)
    assert rc == 0, out


def test_swapon_file(machine):
    """swapon on a file: /proc/swaps, swapon --show and free show it; swapoff
    takes it away again."""
    m = machine
    make_swap(m)
    out, rc = guest(m, "swapon swapfile")
    assert rc == 0, out
    assert "insecure permissions 0644, 0600 suggested." in out
    kib = (SWAP40 - 1) * 4
    swaps = m.run("cat /proc/swaps")
    assert swaps.startswith(HEADER), swaps
    assert re.search(r"^/mnt/swapfile +file\t\t%d\t\t0\t\t-2$" % kib, swaps, re.M), swaps
    out, rc = guest(m, "swapon -s")
    assert (out, rc) == (swaps, 0)
    out, rc = guest(m, "swapon --show")
    assert rc == 0 and out == ("NAME          TYPE SIZE USED PRIO\n"
                               "/mnt/swapfile file  40M   0B   -2\n"), out
    free = m.run("free")
    assert re.search(r"^Swap: +%d +0 +%d$" % (kib, kib), free, re.M), free
    out, rc = guest(m, "swapon swapfile")
    assert (out, rc) == ("swapon: /mnt/swapfile: insecure permissions 0644, 0600 suggested.\n"
                         "swapon: /mnt/swapfile: swapon failed: Device or resource busy\n", 255)
    assert guest(m, "swapoff swapfile") == ("", 0)
    assert guest(m, "swapon --show") == ("", 0)
    assert re.search(r"^Swap: +0 +0 +0$", m.run("free"), re.M)
    out, rc = guest(m, "swapoff swapfile")
    assert (out, rc) == ("swapoff: swapfile: swapoff failed: Invalid argument\n", 4)
    m.run("rm -f swapfile")


def test_swapon_priority_and_swapoff_all(machine):
    m = machine
    make_swap(m, "sw1", 2560)
    make_swap(m, "sw2", 2560)
    assert guest(m, "swapon -p 5 sw1 2>/dev/null")[1] == 0
    assert guest(m, "swapon --discard sw2 2>/dev/null")[1] == 0
    out = guest(m, "swapon --show=NAME,PRIO --noheadings")[0]
    assert out == "/mnt/sw1    5\n/mnt/sw2   -2\n", out
    assert guest(m, "swapoff -a") == ("", 0)
    assert guest(m, "swapon") == ("", 0)
    m.run("rm -f sw1 sw2")


def test_swapon_refusals_are_linux_einval(machine):
    """Headers Linux refuses are refused with EINVAL: the message and 255."""
    m = machine
    make_swap(m, "bad", 256)
    # last_page (at 1028) zeroed: "Empty swap-file"
    out, rc = guest(m, "dd if=/dev/zero of=bad bs=1 count=4 seek=1028 conv=notrunc "
                       "status=none; swapon bad")
    assert rc == 255 and out.endswith("swapon: /mnt/bad: swapon failed: Invalid argument\n"), out
    m.run("rm -f bad")
