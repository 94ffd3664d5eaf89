"""System-test harness: boot the kernel in QEMU and talk to its console.

Every test gets `kernel`, a factory:

    out = kernel.run("poweroff show=meminfo")      # boot, wait for exit
    con = kernel.spawn("")                          # pexpect, interactive

run() boots with the given command line (plus panic=poweroff, so that a
kernel that dies still lets QEMU exit) and returns the whole console
output once QEMU has exited; a boot that does not finish in time fails
the test with the output so far.

Both take disk=PATH to attach a raw image as a virtio-blk disk (vda), as
`make run` does.  A test never attaches the build's own image
(build/<board>/disk.img) but a copy: kernel.disk_copy(tmp_path).
"""
import os
import shlex
import shutil
import subprocess

import pexpect
import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BOARDS = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    # -nic none: QEMU 7.2's virt otherwise wants efi-virtio.rom (not installed)
    "virt": ["-M", "virt", "-cpu", "cortex-a15", "-nic", "none"],
    # the Cortex-A8 check board (no power-off: the kernel halts)
    "cubieboard": ["-M", "cubieboard"],
}


def pytest_addoption(parser):
    parser.addoption("--board", default="vexpress-a9")


def pytest_configure(config):
    config.addinivalue_line("markers", "vexpress: checks facts of the vexpress-a9 "
                            "board (addresses, model, ATAG boot); skipped elsewhere")


def pytest_runtest_setup(item):
    board = item.config.getoption("--board")
    if item.get_closest_marker("vexpress") and board != "vexpress-a9":
        pytest.skip("vexpress-a9 specific (BOARD=%s)" % board)


class Kernel:
    def __init__(self, board):
        self.board = board
        self.build = os.path.join(TOP, "build", board)

    def disk_copy(self, directory):
        """A fresh copy of the build's disk image in directory (a test's
        tmp_path), for a test to attach and the kernel to write to."""
        copy = os.path.join(str(directory), "disk.img")
        shutil.copyfile(os.path.join(self.build, "disk.img"), copy)
        return copy

    def qemu_cmd(self, bootargs, mem=1024, extra=(), disk=None):
        image = os.path.join(self.build, "Image")
        dtb = os.path.join(self.build, board_dtb(self.board))
        cmd = ["qemu-system-arm"] + BOARDS[self.board] + [
            "-m", str(mem), "-nographic", "-no-reboot",
            "-kernel", image]
        if os.path.exists(dtb):      # virt: QEMU makes the DTB itself
            cmd += ["-dtb", dtb]
        cmd += ["-append", "console=ttyAMA0 panic=poweroff " + bootargs]
        initrd = os.path.join(self.build, "initramfs.cpio")
        if os.path.exists(initrd):
            cmd += ["-initrd", initrd]
        if disk:
            cmd += disk_args(disk)
        return cmd + list(extra)

    def run(self, bootargs="", mem=1024, timeout=60, extra=(), disk=None):
        cmd = self.qemu_cmd(bootargs + " poweroff", mem, extra, disk)
        env = dict(os.environ, QEMU_AUDIO_DRV="none")
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            pytest.fail("QEMU did not exit within %ds; console so far:\n%s" % (timeout, out[-3000:]))
        return proc.stdout.decode("utf-8", "replace").replace("\r\n", "\n")

    def spawn(self, bootargs="", mem=1024, timeout=30, extra=(), disk=None):
        cmd = self.qemu_cmd(bootargs, mem, extra, disk)
        env = dict(os.environ, QEMU_AUDIO_DRV="none")
        child = pexpect.spawn(cmd[0], cmd[1:], env=env, timeout=timeout,
                              encoding="utf-8", codec_errors="replace")
        return child


def disk_args(path):
    """QEMU's arguments for a virtio-blk disk on image path (the Makefile's
    QEMU_DISK): raw, and cache=unsafe so that guest flushes cost the host
    nothing."""
    return ["-drive", "if=none,id=vd0,file=%s,format=raw,cache=unsafe" % path,
            "-device", "virtio-blk-device,drive=vd0"]


def board_dtb(board):
    return board + ".dtb"


@pytest.fixture(scope="session")
def kernel(request):
    return Kernel(request.config.getoption("--board"))
