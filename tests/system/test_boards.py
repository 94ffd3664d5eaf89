"""Boards: virt, the Cortex-A8 check board, the BeagleBone Black build, and
booting from an SD-card image through U-Boot.

These tests build the boards they need (`make BOARD=...`), whatever board
`make test` runs for, so they run the same way under every --board:

  virt          QEMU -M virt -cpu cortex-a15: boots to the shell
  cubieboard    QEMU's Allwinner A10 (Cortex-A8), built with the BeagleBone's
                CPU settings (no CONFIG_CPU_MP): boots, runs the self-tests
                and user programs through the A8's local TLB/cache operations
  beaglebone    no emulator: the build has no inner-shareable maintenance
                operation (UNDEFINED on the A8), the boot files and images
                are right (mkimage -l), and its boot script runs in U-Boot
  U-Boot        `make BOARD=virt run-uboot`: Debian's U-Boot, distro boot,
                boot.scr, bootm, to the shell, with no key pressed
"""
import json
import os
import re
import struct
import subprocess
import time

import pexpect
import pytest

from conftest import Kernel, TOP

PROMPT = "mmk# "
_built = set()


def make(board, *targets, **variables):
    """Build (once per session for the same arguments); fail with the log."""
    key = (board, targets, tuple(sorted(variables.items())))
    if key in _built:
        return
    cmd = ["make", "-s", "-j2", "BOARD=" + board] + list(targets) + \
          ["%s=%s" % kv for kv in variables.items()]
    proc = subprocess.run(cmd, cwd=TOP, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.fail("%s failed:\n%s%s" % (" ".join(cmd), proc.stdout[-3000:], proc.stderr[-3000:]))
    _built.add(key)


def build_dir(board):
    return os.path.join(TOP, "build", board)


def shell_command(con, cmd, timeout=60):
    con.sendline(cmd)
    con.expect_exact(PROMPT, timeout=timeout)
    return con.before.replace("\r\n", "\n")


# ------------------------------------------------------- inner-shareable ops
#
# MCR p15 encodings (ARM ARM B3.18.6, B4.2.1): with the Multiprocessing
# Extensions the broadcast ("inner shareable") forms are CRn=c8, CRm=c3
# (TLBIALLIS, TLBIMVAIS, TLBIASIDIS, TLBIMVAAIS) and CRn=c7, CRm=c1
# (ICIALLUIS, BPIALLIS).  They are UNDEFINED on a Cortex-A8.

MCR_RE = re.compile(r"^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+mcr\s+(?:p?15), (\d), (\w+), c?r?(\d+), c?r?(\d+), \{?(\d)\}?",
                    re.M)


def cp15_writes(board):
    lst = open(os.path.join(build_dir(board), "kernel.lst")).read()
    return [(m.group(1), int(m.group(5)), int(m.group(6)), int(m.group(7)))
            for m in MCR_RE.finditer(lst) if m.group(3) == "0"]


def inner_shareable(ops):
    return [o for o in ops if (o[1], o[2]) in ((8, 3), (7, 1))]


@pytest.mark.parametrize("board", ["beaglebone", "cubieboard"])
def test_a8_build_has_no_inner_shareable_ops(board):
    make(board)
    ops = cp15_writes(board)
    assert len(ops) > 20, "too few MCR p15 found: is kernel.lst there?"
    assert inner_shareable(ops) == [], inner_shareable(ops)
    # ... and uses the local forms instead: TLBIALL, TLBIASID, TLBIMVA, ICIALLU
    kinds = {(o[1], o[2], o[3]) for o in ops}
    for op in ((8, 7, 0), (8, 7, 1), (8, 7, 2), (7, 5, 0)):
        assert op in kinds, "no mcr p15, 0, rX, c%d, c%d, %d" % op


def test_mp_build_uses_inner_shareable_ops():
    """The check above can see them: the Cortex-A9 build has them."""
    make("vexpress-a9")
    assert inner_shareable(cp15_writes("vexpress-a9"))


# ------------------------------------------------------------------- virt

def test_virt_boots_to_shell():
    make("virt")
    con = Kernel("virt").spawn("", timeout=60)
    try:
        con.expect(r"CPU: Cortex-A15")
        con.expect(r"Boot entry: SVC mode")
        con.expect(r"GIC: distributor 0x08000000")
        con.expect(r"timer: generic timer")
        con.expect_exact(PROMPT)
        assert "cow: ok" in shell_command(con, "cow")
        con.sendline("poweroff")
        con.expect_exact("Power down.")
        con.expect(pexpect.EOF, timeout=30)     # PSCI SYSTEM_OFF: QEMU exits
    finally:
        con.close(force=True)


def test_virt_entered_in_hyp_mode():
    """With the Virtualization Extensions on, QEMU enters the kernel in HYP
    mode, as a loader on a real Cortex-A15 board may: head.S opens the
    timer to PL1, leaves HYP for SVC, and everything works from there."""
    make("virt")
    cmd = Kernel("virt").qemu_cmd("", mem=512)
    cmd[cmd.index("virt")] = "virt,virtualization=on"
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8", codec_errors="replace")
    try:
        con.expect(r"Boot entry: HYP mode \(left for SVC")
        con.expect(r"timer: generic timer")
        con.expect_exact(PROMPT)
        assert "cow: ok" in shell_command(con, "cow")
        assert "tls: ok" in shell_command(con, "tls")
        con.sendline("poweroff")
        con.expect_exact("Power down.")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)


# ------------------------------------------------- the Cortex-A8 check board

def test_cubieboard_a8_boots_to_shell():
    """The A8 build (no CONFIG_CPU_MP) runs: MMU, allocators, self-tests,
    interrupts and the tick, user programs with ASIDs, COW and TLB flushes."""
    make("cubieboard")
    con = Kernel("cubieboard").spawn("selftest=all", timeout=90)
    try:
        con.expect(r"CPU: Cortex-A8 ")
        con.expect(r"IC: Allwinner A10 interrupt controller")
        con.expect(r"console: 16550 UART at 0x01c28000 \(irq 1, reg-shift 2\)")
        con.expect(r"timer: A10 timer 0 .* 100 Hz tick")
        con.expect(r"selftests: (\d+) run, (\d+) failed")
        assert int(con.match.group(1)) >= 10 and con.match.group(2) == "0", con.before
        con.expect_exact(PROMPT)
        for prog in ("cow", "cow_reuse", "lazy_heap", "asid_rollover"):
            assert "%s: ok" % prog in shell_command(con, prog, timeout=120)
        t = time.time()
        shell_command(con, "sleep 1")          # needs the tick (timer 0, line 22)
        assert time.time() - t >= 0.9
        con.sendline("poweroff")
        con.expect_exact("Power down.")
        con.expect("no power-off control; halting")
    finally:
        con.close(force=True)


# ------------------------------------------------------- BeagleBone Black

def mkimage_l(path):
    return subprocess.run(["mkimage", "-l", path], capture_output=True, text=True).stdout


def test_beaglebone_sdcard_files():
    make("beaglebone", "sdcard")
    d = os.path.join(build_dir("beaglebone"), "sdcard")
    for f in ("uImage", "zImage", "uInitrd", "initramfs.cpio", "beaglebone.dtb",
              "boot.scr", "boot.cmd", "uEnv.txt"):
        assert os.path.exists(os.path.join(d, f)), f
    k = mkimage_l(os.path.join(d, "uImage"))
    assert "ARM Linux Kernel Image (uncompressed)" in k, k
    assert re.search(r"Load Address:\s+80010000", k), k
    assert re.search(r"Entry Point:\s+80010000", k), k
    r = mkimage_l(os.path.join(d, "uInitrd"))
    assert "ARM Linux RAMDisk Image (uncompressed)" in r, r
    s = mkimage_l(os.path.join(d, "boot.scr"))
    assert "ARM Linux Script" in s, s
    # zImage header: magic at 0x24, start 0 (position-independent), end = size
    z = open(os.path.join(d, "zImage"), "rb").read()
    magic, start, end = struct.unpack_from("<3I", z, 0x24)
    assert (magic, start, end) == (0x016F2818, 0, len(z))
    # TI's addresses: kernel 0x82000000, fdt 0x88000000, ramdisk 0x88080000
    cmd = open(os.path.join(d, "boot.cmd")).read()
    assert "bootm 0x82000000 0x88080000 0x88000000" in cmd, cmd
    env = open(os.path.join(d, "uEnv.txt")).read()
    assert re.search(r"^uenvcmd=.*0x82000000 uImage.*bootm 0x82000000 0x88080000 0x88000000$",
                     env, re.M), env
    assert "console=ttyS0,115200n8" in cmd and "console=ttyS0,115200n8" in env
    # no whole-card image without the boot loader
    assert "no MLO" in subprocess.run(
        ["make", "-s", "BOARD=beaglebone", "sdcard"], cwd=TOP, capture_output=True,
        text=True).stdout


def fake_boot_loader(tmp_path, toc=True):
    """An MLO and a u-boot.img of the right formats (they would not run):
    the MMC raw-mode table of contents, a GP header loading 4 KiB at the
    start of the AM335x SRAM, and a legacy U-Boot firmware image."""
    image = b"\x00\x00\xa0\xe1" * 1024                       # 4 KiB of nop
    head = bytearray(512)
    head[20:30] = b"CHSETTINGS"
    head[32:64] = b"\xff" * 32
    mlo = tmp_path / "MLO"
    mlo.write_bytes((bytes(head) if toc else b"") + struct.pack("<II", len(image), 0x402F0400)
                    + image)
    payload = tmp_path / "u-boot.bin"
    payload.write_bytes(image)
    uboot = tmp_path / "u-boot.img"
    subprocess.run(["mkimage", "-A", "arm", "-O", "u-boot", "-T", "firmware", "-C", "none",
                    "-a", "0x80800000", "-e", "0x80800000", "-n", "U-Boot", "-d", str(payload),
                    str(uboot)], check=True, capture_output=True)
    return mlo, uboot


@pytest.mark.parametrize("what,data,why", [
    ("MLO", b"first stage" * 10, "outside the AM335x public SRAM"),
    ("MLO", b"\x10\x00\x00\x00\x00\x04\x2f\x40" + b"x" * 8, "the file is cut short"),
    ("u-boot.img", b"second stage" * 10, "neither the legacy image magic"),
    ("u-boot.img", None, "data checksum is wrong"),
])
def test_beaglebone_refuses_a_bad_boot_loader(tmp_path, what, data, why):
    """Random bytes or a damaged file as MLO or u-boot.img: refused with a
    message that says why, and no card image is made."""
    mlo, uboot = fake_boot_loader(tmp_path)
    bad = mlo if what == "MLO" else uboot
    if data is None:                                   # one flipped byte in the data
        raw = bytearray(bad.read_bytes())
        raw[-1] ^= 1
        data = bytes(raw)
    bad.write_bytes(data)
    proc = subprocess.run(["make", "-s", "BOARD=beaglebone", "sdcard", "MLO=%s" % mlo,
                           "UBOOT_IMG=%s" % uboot], cwd=TOP, capture_output=True, text=True)
    assert proc.returncode != 0, proc.stdout
    assert "is not a usable %s" % what in proc.stderr and why in proc.stderr, proc.stderr
    assert not os.path.exists(os.path.join(build_dir("beaglebone"), "sdcard.img"))
    _built.discard(("beaglebone", ("sdcard",), ()))


def test_beaglebone_flashable_image(tmp_path):
    mlo, uboot = fake_boot_loader(tmp_path)
    make("beaglebone", "sdcard", MLO=str(mlo), UBOOT_IMG=str(uboot))
    img = os.path.join(build_dir("beaglebone"), "sdcard.img")
    part = json.loads(subprocess.run(["/usr/sbin/sfdisk", "-J", img], capture_output=True,
                                     text=True).stdout)["partitiontable"]["partitions"][0]
    assert part["start"] == 2048 and part["type"] == "c" and part.get("bootable"), part
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    listing = subprocess.run(["mdir", "-b", "-i", img + "@@1M", "::/"], capture_output=True,
                             text=True, env=env).stdout
    names = [os.path.basename(x) for x in listing.split()]
    assert names[0].upper() == "MLO", names       # first in the root directory
    for f in ("u-boot.img", "uImage", "uInitrd", "beaglebone.dtb", "boot.scr", "uEnv.txt"):
        assert f.lower() in [n.lower() for n in names], (f, names)
    # leave the tree as `make BOARD=beaglebone sdcard` would
    _built.discard(("beaglebone", ("sdcard",), ()))


def uboot_qemu(img, env_img, mem):
    cmd = ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-nic", "none",
           "-m", str(mem), "-nographic", "-no-reboot", "-monitor", "none",
           "-bios", "/usr/lib/u-boot/qemu_arm/u-boot.bin",
           "-drive", "if=none,file=%s,format=raw,id=hd0" % img,
           "-device", "virtio-blk-device,drive=hd0"]
    if os.path.exists(env_img):
        cmd += ["-drive", "if=pflash,unit=1,format=raw,file=" + env_img]
    return cmd


def test_beaglebone_boot_script_runs_in_uboot(tmp_path):
    """The BeagleBone card's boot.scr, run by a real U-Boot (QEMU virt with
    2 GiB, so that TI's addresses are RAM): it loads the three files where
    TI's U-Boot puts them and bootm accepts them, up to the jump."""
    make("virt", "sdcard")
    mlo, uboot = fake_boot_loader(tmp_path, toc=False)
    make("beaglebone", "sdcard", MLO=str(mlo), UBOOT_IMG=str(uboot))
    _built.discard(("beaglebone", ("sdcard",), ()))
    img = os.path.join(build_dir("beaglebone"), "sdcard.img")
    cmd = uboot_qemu(img, os.path.join(build_dir("virt"), "uboot-env.img"), 2048)
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=30, encoding="utf-8", codec_errors="replace")
    try:
        con.expect_exact("mmkernel: booting from the SD card")
        con.expect(r"Booting kernel from Legacy Image at 82000000")
        con.expect(r"Load Address: 80010000")
        con.expect(r"Verifying Checksum \.\.\. OK")
        con.expect(r"Loading init Ramdisk from Legacy Image at 88080000")
        con.expect(r"Verifying Checksum \.\.\. OK")
        con.expect(r"Booting using the fdt blob at 0x88000000")
        con.expect_exact("Starting kernel ...")
    finally:
        con.close(force=True)


# ----------------------------------------------------------- U-Boot on virt

def test_virt_sdcard_image():
    make("virt", "sdcard")
    d = build_dir("virt")
    k = mkimage_l(os.path.join(d, "sdcard", "uImage"))
    assert re.search(r"Load Address:\s+40010000", k) and re.search(r"Entry Point:\s+40010000", k), k
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    listing = subprocess.run(["mdir", "-b", "-i", os.path.join(d, "sdcard.img") + "@@1M", "::/"],
                             capture_output=True, text=True, env=env).stdout.lower()
    for f in ("boot.scr", "uimage", "uinitrd", "zimage"):
        assert f in listing, listing


def test_make_run_uboot_reaches_shell():
    """`make BOARD=virt run-uboot`: U-Boot's distro boot finds boot.scr on
    the virtio disk, bootm starts the kernel, the shell comes up; no key."""
    make("virt", "sdcard")
    t = time.time()
    con = pexpect.spawn("make", ["-s", "BOARD=virt", "run-uboot"], cwd=TOP, timeout=60,
                        encoding="utf-8", codec_errors="replace")
    try:
        con.expect(r"U-Boot 20\d\d")
        con.expect_exact("Found U-Boot script /boot.scr")
        con.expect_exact("Starting kernel ...")
        con.expect(r"DTB: at 0x40000000")
        con.expect(r"initrd: 0x4400")
        con.expect_exact(PROMPT)
        assert time.time() - t < 60
        assert "zero_page: ok" in shell_command(con, "zero_page")
        con.sendline("poweroff")
        con.expect_exact("Power down.")
        con.expect(pexpect.EOF, timeout=30)
    finally:
        con.close(force=True)
