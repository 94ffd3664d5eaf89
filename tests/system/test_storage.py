"""Files on a disk: ext2 on virtio-blk through the VFS and the page cache.

Every test makes its own ext2 image with the host's mke2fs, boots with it
attached (init mounts /dev/vda on /mnt), works on it through the shell,
powers off (cleanly, or by killing QEMU: a power cut), and then checks
the image on the host with e2fsprogs: `e2fsck -fn` (no repair, exit 0 for
a clean file system) and `debugfs -R 'cat PATH'` for file contents.

wbtest (user/tests/wbtest.c) does what needs a program: the flusher's
timing, throttling, drop_caches, msync, unlink-while-open, ENOSPC.
"""
import os
import re
import shutil
import subprocess

import pexpect
import pytest

from test_user import PROMPT, Shell


def tool(name):
    for d in ("/sbin", "/usr/sbin", "/bin", "/usr/bin"):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    return name


def mkfs(path, size="64M", block=4096, files=None):
    """A fresh ext2 image at path (with the files of directory `files`)."""
    cmd = [tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", str(block), "-E", "root_owner=0:0"]
    if files:
        cmd += ["-d", files]
    subprocess.run(cmd + [path, size], check=True, stdout=subprocess.DEVNULL)
    return path


def fsck(path):
    """e2fsck -fn: (exit status, output); 0 means clean."""
    r = subprocess.run([tool("e2fsck"), "-fn", path], capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def debugfs_cat(path, name):
    r = subprocess.run([tool("debugfs"), "-R", "cat %s" % name, path], capture_output=True)
    return r.stdout


class Machine:
    """A booted kernel with a disk; its shell; power off or cut."""

    def __init__(self, kernel, disk, mem=256, bootargs=""):
        self.con = kernel.spawn(bootargs, mem=mem, timeout=60, disk=disk)
        try:
            self.con.expect_exact(PROMPT, timeout=60)
        except (pexpect.EOF, pexpect.TIMEOUT):
            pytest.fail("no shell prompt; console:\n%s" % (self.con.before or "")[-3000:])
        self.boot = self.con.before.replace("\r\n", "\n")
        self.sh = Shell(self.con)

    def run(self, cmd, timeout=60):
        out = self.sh.run(cmd, timeout=timeout)
        assert not re.search(r"Kernel panic|Unable to handle kernel|BUG", out), out
        return out

    def poweroff(self):
        self.con.sendline("poweroff")
        self.con.expect(pexpect.EOF, timeout=60)
        self.con.close()

    def cut(self):
        """Power cut: QEMU killed, nothing written back."""
        self.con.terminate(force=True)


@pytest.fixture
def disk(tmp_path):
    return mkfs(str(tmp_path / "disk.img"))


def test_mounted_at_boot(kernel, disk):
    m = Machine(kernel, disk)
    mounts = m.run("cat /proc/mounts")
    assert re.search(r"^/dev/vda /mnt ext2 rw,relatime 0 0$", mounts, re.M), mounts
    df = m.run("df /mnt")
    assert re.search(r"/dev/vda\s+\d+\s+\d+\s+\d+\s+\d+% /mnt", df), df
    m.poweroff()
    assert fsck(disk)[0] == 0, fsck(disk)[1]


def test_writeback_knobs_linux_defaults(kernel, disk):
    """The four knobs of docs/storage.md, with Linux's defaults."""
    m = Machine(kernel, disk)
    want = {"dirty_background_ratio": "10", "dirty_ratio": "20",
            "dirty_expire_centisecs": "3000", "dirty_writeback_centisecs": "500"}
    for knob, value in want.items():
        out = m.run("cat /proc/sys/vm/%s" % knob).strip().splitlines()
        assert out and out[-1].strip() == value, (knob, out)
    m.poweroff()


def test_write_sync_poweroff(kernel, disk):
    """echo hi > /mnt/x; sync; power off: the host reads hi, e2fsck clean."""
    m = Machine(kernel, disk)
    m.run("echo hi > /mnt/x")
    m.run("mkdir /mnt/dir; echo deeper > /mnt/dir/y; ln -s dir/y /mnt/link")
    m.run("sync")
    m.poweroff()
    rc, out = fsck(disk)
    assert rc == 0, out
    assert debugfs_cat(disk, "/x") == b"hi\n"
    assert debugfs_cat(disk, "/dir/y") == b"deeper\n"


def test_poweroff_without_sync(kernel, disk):
    """A power cut loses at most what was not synced: the file synced
    before is intact."""
    m = Machine(kernel, disk)
    m.run("echo synced > /mnt/a; sync")
    m.run("echo never-synced > /mnt/b")
    m.cut()
    assert debugfs_cat(disk, "/a") == b"synced\n"


def test_files_from_the_host(kernel, tmp_path):
    """Files mke2fs put on the disk read back exactly (and big ones by
    read-ahead: pgpgin counts them)."""
    src = tmp_path / "src"
    src.mkdir()
    blob = bytes((i * 7 + i // 4096) & 0xff for i in range(3 * 1024 * 1024 + 123))
    (src / "blob").write_bytes(blob)
    (src / "small.txt").write_text("from the host\n")
    img = mkfs(str(tmp_path / "d.img"), files=str(src))
    expect = subprocess.run(["cksum"], input=blob, capture_output=True).stdout.split()
    m = Machine(kernel, img)
    assert m.run("cat /mnt/small.txt").strip() == "from the host"
    out = m.run("cksum /mnt/blob")
    assert out.split()[:2] == [expect[0].decode(), expect[1].decode()], out
    m.poweroff()


def wbtest(m, args, timeout=120):
    out = m.run("wbtest " + args, timeout=timeout)
    assert re.search(r"^wbtest: ok", out, re.M), out
    return out


def test_flusher_writes_by_time(kernel, disk):
    """With dirty_expire 1 s and a flusher pass every 0.5 s, a dirty page
    is written back within 1.5 s (+ slack), not before 1 s."""
    m = Machine(kernel, disk)
    m.run("echo 100 > /proc/sys/vm/dirty_expire_centisecs")
    m.run("echo 50 > /proc/sys/vm/dirty_writeback_centisecs")
    out = wbtest(m, "expire /mnt/e")
    assert "flush-254:0" in m.run("ps"), "the disk's flusher thread"
    m.poweroff()
    assert fsck(disk)[0] == 0


def test_writer_throttled(kernel, tmp_path):
    """A writer over dirty_ratio waits: Dirty + Writeback stays near the
    limit while 48 MiB go to a machine of 96 MiB."""
    img = mkfs(str(tmp_path / "big.img"), size="128M")
    m = Machine(kernel, img, mem=96)
    m.run("echo 10 > /proc/sys/vm/dirty_ratio; echo 5 > /proc/sys/vm/dirty_background_ratio")
    wbtest(m, "throttle /mnt/big 48", timeout=300)
    m.run("sync")
    m.poweroff()
    assert fsck(img)[0] == 0


def test_drop_caches_and_reread(kernel, disk):
    m = Machine(kernel, disk)
    wbtest(m, "dropcache /mnt/d 8")
    m.poweroff()


def test_map_shared_reaches_disk(kernel, disk):
    """A MAP_SHARED store, msync(MS_SYNC), then a power cut: the host sees it."""
    m = Machine(kernel, disk)
    wbtest(m, "mmap /mnt/m")
    m.cut()
    data = debugfs_cat(disk, "/m")
    assert data[4096:4096 + 33] == b"written through MAP_SHARED\nagain\n", data[4096:4200]


def test_unlink_while_open(kernel, disk):
    m = Machine(kernel, disk)
    wbtest(m, "unlinkopen /mnt/u")
    m.poweroff()
    assert fsck(disk)[0] == 0, fsck(disk)[1]


def test_enospc_keeps_data(kernel, tmp_path):
    """Filling the disk gives ENOSPC; e2fsck stays clean, and the files
    written before read back right on the host."""
    img = mkfs(str(tmp_path / "small.img"), size="8M", block=1024)
    m = Machine(kernel, img)
    m.run("mkdir /mnt/fill")
    out = wbtest(m, "enospc /mnt/fill", timeout=180)
    n = int(re.search(r"(\d+) files, (\d+) bytes", out).group(1))
    m.poweroff()
    rc, fout = fsck(img)
    assert rc == 0, fout
    for i in range(n - 1):      # the last may be partial: the others are whole
        data = debugfs_cat(img, "/fill/fill%d" % i)
        assert len(data) == 4 << 20 or i == n - 2, (i, len(data))
        want = bytes((ord('a') + (i + j * 7) % 26) for j in range(65536))
        assert data[:65536] == want, i


def test_fs_semantics_on_ext2(kernel, disk):
    m = Machine(kernel, disk)
    out = m.run("fs_semantics -q /mnt/sem", timeout=300)
    assert re.search(r"^fs_semantics: ok", out, re.M), out
    m.run("rm -r /mnt/sem")
    m.poweroff()
    assert fsck(disk)[0] == 0, fsck(disk)[1]


def test_fs_stress_tree_matches_host(kernel, disk, tmp_path):
    """fs_stress's tree checksum on ext2 equals the host's, read from the image."""
    m = Machine(kernel, disk)
    out = m.run("fs_stress -n 1500 /mnt/st", timeout=300)
    got = re.search(r"^fs_stress: ok .* tree (\d+) (\d+)$", out, re.M)
    assert got, out
    m.poweroff()
    assert fsck(disk)[0] == 0, fsck(disk)[1]
    dump = tmp_path / "dump"
    dump.mkdir()
    subprocess.run([tool("debugfs"), "-R", "rdump /st %s" % dump, disk], check=True,
                   capture_output=True)
    host = subprocess.run("cd %s/st/fs_stress && find . -type f | sed 's|^\\./||' | "
                          "LC_ALL=C sort | xargs -r cksum | cksum" % dump, shell=True,
                          capture_output=True, text=True).stdout.split()
    assert host == [got.group(1), got.group(2)], (host, got.groups())


def test_init_args_after_dashes(kernel, disk):
    """Words after -- become init's arguments (run once as a command)."""
    m = Machine(kernel, disk, bootargs="-- echo args reached init")
    assert "args reached init" in m.boot, m.boot[-2000:]
    m.poweroff()


def test_virt_board_with_a_disk(tmp_path):
    """The other QEMU board: ext2 on its virtio disk, written and synced,
    clean on the host."""
    from conftest import Kernel
    from test_boards import make
    make("virt")
    img = mkfs(str(tmp_path / "virt.img"))
    m = Machine(Kernel("virt"), img)
    m.run("echo from virt > /mnt/v; sync")
    m.poweroff()
    assert fsck(img)[0] == 0
    assert debugfs_cat(img, "/v") == b"from virt\n"
