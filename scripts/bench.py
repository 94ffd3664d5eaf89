#!/usr/bin/env python3
"""make bench: boot the kernel under `qemu -icount shift=0,sleep=off`, where
one guest instruction takes one virtual nanosecond, so every figure below
is an instruction count that repeats exactly from run to run.

Runs (each a fresh boot with MEM=1024):
  1. a plain boot to power-off, for the boot figures (instructions to
     start_kernel and to power-off, from the board's counter);
  2. the in-kernel benchmarks: bench=all (page allocator, slab, vmalloc, kmap,
     zram);
  3. the user benchmark /bin/mmbench as pid 1 (init=/bin/mmbench), with a
     fresh 64 MiB ext2 disk (4 KiB blocks, made by mke2fs here) attached
     for its page-cache cases, drive cache=unsafe as the Linux figures were;
  4. `mmbench pressure` at MEM=128 with the disk of `make plot SCENARIO=read`
     (/big: three times RAM): reclaim and the OOM killer;
  5. `mmbench swap DEV` at MEM=128: a 192 MiB working set through swap on
     zram (/dev/zram0) and on a raw virtio disk (/dev/vda).
Prints one line per case: "name value unit".
"""
import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BOARDS = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    "virt": ["-M", "virt", "-cpu", "cortex-a15"],
}


def boot(board, build, bootargs, timeout=600, disk=None, mem=1024):
    cmd = ["qemu-system-arm"] + BOARDS[board] + [
        "-m", str(mem), "-nographic", "-no-reboot", "-monitor", "none",
        "-icount", "shift=0,sleep=off",
        "-kernel", os.path.join(build, "Image"),
        "-dtb", os.path.join(build, board + ".dtb"),
        "-append", "console=ttyAMA0 panic=poweroff " + bootargs]
    initrd = os.path.join(build, "initramfs.cpio")
    if os.path.exists(initrd):
        cmd += ["-initrd", initrd]
    if disk:
        cmd += ["-drive", "if=none,id=vd0,file=%s,format=raw,cache=unsafe" % disk,
                "-device", "virtio-blk-device,drive=vd0"]
    out = subprocess.run(cmd, capture_output=True, timeout=timeout,
                         stdin=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    return out.replace("\r\n", "\n")


def mke2fs():
    for d in ("/sbin", "/usr/sbin", ""):
        p = os.path.join(d, "mke2fs") if d else "mke2fs"
        if not d or os.path.exists(p):
            return p
    return "mke2fs"


def swap_disk(build):
    """A raw 512 MiB disk for `mmbench swap /dev/vda` (sparse; mmbench
    writes the swap header itself)."""
    path = os.path.join(build, "bench-swap.img")
    with open(path, "wb") as f:
        f.truncate(512 << 20)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", default="vexpress-a9")
    ap.add_argument("--build", required=True)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    results = []
    image = os.path.join(args.build, "Image")
    results.append(("kernel_image_bytes", os.path.getsize(image), "bytes"))

    # a plain boot (no benchmark runs) for the boot figures
    out = boot(args.board, args.build, "bench=none poweroff")
    for m in re.finditer(r"^bench: (boot_\S+) (\d+) (\S+)$", out, re.M):
        results.append((m.group(1), int(m.group(2)), m.group(3)))
    out = boot(args.board, args.build, "bench=all poweroff")
    if args.verbose:
        print(out)
    for m in re.finditer(r"^bench: (\S+) (\d+) (\S+)$", out, re.M):
        if not m.group(1).startswith("boot_"):
            results.append((m.group(1), int(m.group(2)), m.group(3)))

    if os.path.exists(os.path.join(args.build, "initramfs.cpio")):
        disk = os.path.join(args.build, "bench-disk.img")
        if os.path.exists(disk):
            os.remove(disk)
        subprocess.run([mke2fs(), "-q", "-F", "-t", "ext2", "-b", "4096", disk, "64M"],
                       check=True, stdout=subprocess.DEVNULL)
        out = boot(args.board, args.build, "init=/bin/mmbench", disk=disk)
        if args.verbose:
            print(out)
        for m in re.finditer(r"^(\w+_ns_per_\w+) (\d+) ns$", out, re.M):
            results.append((m.group(1), int(m.group(2)), "ns"))
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from plot import big_disk
        big = big_disk(os.path.join(args.build, "bench-big.img"), 128)
        out = boot(args.board, args.build, "init=/bin/mmbench -- pressure", disk=big, mem=128,
                   timeout=1200)
        if args.verbose:
            print(out)
        for m in re.finditer(r"^((?:reclaim|oom)_\w+) (\d+) (ns|permille|pages)$", out, re.M):
            results.append((m.group(1), int(m.group(2)), m.group(3)))
        # swap: a 192 MiB working set at MEM=128, on zram and on a raw disk
        for dev, disk in (("/dev/zram0", None), ("/dev/vda", swap_disk(args.build))):
            out = boot(args.board, args.build, "init=/bin/mmbench -- swap " + dev, disk=disk,
                       mem=128, timeout=1800)
            if args.verbose:
                print(out)
            if "mmbench swap:" in out:
                print(out[-3000:], file=sys.stderr)
            for m in re.finditer(r"^(swap_\w+) (\d+) (ns|pages|x100)$", out, re.M):
                results.append((m.group(1), int(m.group(2)), m.group(3)))
    for name, value, unit in results:
        print("%s %d %s" % (name, value, unit))
    return 0 if len(results) > 1 else 1


if __name__ == "__main__":
    sys.exit(main())
