#!/usr/bin/env python3
"""Boot files and an SD-card image for booting mmkernel with U-Boot.

    make BOARD=virt sdcard         (scripts/targets.mk runs this script)
    make BOARD=beaglebone sdcard [MLO=path/MLO UBOOT_IMG=path/u-boot.img]

Writes into the build directory (build/<board>/):

    sdcard/            the files for the card's FAT boot partition
      uImage           the kernel as a U-Boot legacy image (mkimage -T kernel):
                       U-Boot copies it to its load address, PHYS_OFFSET +
                       0x10000, and enters it there
      zImage           the same kernel behind a zImage header, for bootz
                       (U-Boot runs it where it was loaded; the kernel copies
                       itself to PHYS_OFFSET + 0x10000, boot/head.S step 2)
      uInitrd          the initramfs as a U-Boot ramdisk image
      initramfs.cpio   the same, raw (for bootz ADDR:SIZE)
      <board>.dtb      the device tree (beaglebone; virt's comes from QEMU)
      boot.cmd         the boot script, readable; boot.scr is it compiled
      boot.scr         (mkimage -T script): U-Boot's distro boot and TI's
                       U-Boot both run it
      uEnv.txt         (beaglebone) for older TI U-Boots that only import
                       uEnv.txt and run `uenvcmd`
      MLO, u-boot.img  (beaglebone, when given) the boot loader itself;
                       both are checked first (check_mlo, check_uboot_img)
                       and refused with a message if they are not what the
                       AM335x ROM and TI's MLO expect
    sdcard.img         a disk image: MBR, one bootable FAT32 partition from
                       1 MiB holding the files above (built without root:
                       truncate, sfdisk, mkfs.vfat --offset, mcopy)
    uboot-env.img      (virt) a pflash image holding U-Boot's environment
                       with bootdelay=0, so that QEMU boots without waiting

Nothing here needs root.  Tools: mkimage and mkenvimage (u-boot-tools),
sfdisk (fdisk), mkfs.vfat (dosfstools), mcopy (mtools).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import zlib

TEXT_OFFSET = 0x10000
IMG_MIB = 64            # the whole card image
PART_START = 2048       # first sector of the FAT partition (1 MiB)

# U-Boot's addresses on each board (its environment's names).
BOARDS = {
    # QEMU virt with Debian's u-boot-qemu: RAM at 0x40000000; QEMU made the
    # DTB and U-Boot passes it on from fdt_addr.
    "virt": dict(phys=0x40000000, kernel="${kernel_addr_r}",
                 ramdisk="${ramdisk_addr_r}", fdt="${fdt_addr}",
                 console="ttyAMA0", dtb=None),
    # BeagleBone Black, TI's U-Boot: loadaddr 0x82000000, fdtaddr
    # 0x88000000, rdaddr 0x88080000 (fixed here rather than taken from the
    # environment: older TI U-Boots name them differently).
    "beaglebone": dict(phys=0x80000000, kernel="0x82000000",
                       ramdisk="0x88080000", fdt="0x88000000",
                       console="ttyS0,115200n8", dtb="beaglebone.dtb"),
    # QEMU cubieboard has no U-Boot in Debian; the card is for completeness.
    "cubieboard": dict(phys=0x40000000, kernel="0x42000000",
                       ramdisk="0x43300000", fdt="0x43000000",
                       console="ttyS0,115200n8", dtb="cubieboard.dtb"),
}

ZIMAGE_MAGIC = 0x016F2818
ARM_NOP = 0xE1A00000            # mov r0, r0


def run(cmd, **kw):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("sdcard: %s failed:\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r.stdout


def make_zimage(image, out):
    """A zImage header in front of the raw Image.

    U-Boot's bootz checks the magic at 0x24 and reads the start and end
    addresses at 0x28/0x2c (start 0: run where loaded).  The first eight
    words are NOPs, the ninth branches over the header to the Image, which
    starts at 0x30 with r0-r2 untouched; boot/head.S is position-independent
    until it has copied itself to PHYS_OFFSET + 0x10000.
    """
    body = open(image, "rb").read()
    hdr_len = 0x30
    branch = 0xEA000000 | ((hdr_len - (0x20 + 8)) // 4)   # b 0x30 from 0x20
    hdr = struct.pack("<8I", *([ARM_NOP] * 8))
    hdr += struct.pack("<4I", branch, ZIMAGE_MAGIC, 0, hdr_len + len(body))
    with open(out, "wb") as f:
        f.write(hdr + body)


def boot_script(b, bootargs):
    """boot.cmd: load from wherever U-Boot found this script, then bootm."""
    args = ("console=%s %s" % (b["console"], bootargs)).strip()
    # distro boot sets devtype/devnum/distro_bootpart; TI's envboot sets
    # mmcdev and loads from partition 1.
    loads = []
    for name, addr in (("uImage", b["kernel"]), ("uInitrd", b["ramdisk"])) + \
            (((b["dtb"], b["fdt"]),) if b["dtb"] else ()):
        loads.append((name, addr))
    lines = ["# mmkernel boot script (scripts/sdcard.py); compile with",
             "#   mkimage -A arm -O linux -T script -C none -d boot.cmd boot.scr",
             "echo mmkernel: booting from the SD card",
             "setenv bootargs \"%s\"" % args,
             "if test -n \"${devtype}\"; then"]
    for name, addr in loads:
        lines.append("  load ${devtype} ${devnum}:${distro_bootpart} %s %s" % (addr, name))
    lines.append("else")
    for name, addr in loads:
        lines.append("  load mmc ${mmcdev}:1 %s %s" % (addr, name))
    lines.append("fi")
    lines.append("bootm %s %s %s" % (b["kernel"], b["ramdisk"], b["fdt"]))
    return "\n".join(lines) + "\n"


def uenv_txt(b, bootargs):
    args = ("console=%s %s" % (b["console"], bootargs)).strip()
    load = "load mmc ${mmcdev}:1"
    cmd = "; ".join(["%s %s uImage" % (load, b["kernel"]),
                     "%s %s uInitrd" % (load, b["ramdisk"]),
                     "%s %s %s" % (load, b["fdt"], b["dtb"]),
                     "bootm %s %s %s" % (b["kernel"], b["ramdisk"], b["fdt"])])
    return ("# mmkernel for U-Boots that import uEnv.txt and run uenvcmd\n"
            "bootargs=%s\nuenvcmd=echo mmkernel: booting from uEnv.txt; %s\n" % (args, cmd))


def uboot_env(uboot_bin, out):
    """pflash image: U-Boot's whole default environment, bootdelay=0.

    The default environment is in the U-Boot binary as NUL-separated
    name=value strings starting at "bootcmd=", ending with two NULs.  It
    must be copied whole: an environment in flash replaces the default one.
    boot_targets is cut down to virtio0 (no USB or SCSI scan).
    Returns False (and QEMU keeps the 2 s bootdelay) if it is not found.
    """
    data = open(uboot_bin, "rb").read()
    start = data.find(b"\0bootcmd=")
    if start < 0:
        return False
    end = data.find(b"\0\0", start + 1)
    items = data[start + 1:end].decode("ascii", "replace").split("\0")
    if not all("=" in i for i in items) or not any(i.startswith("bootdelay=") for i in items):
        return False
    env = []
    for i in items:
        name = i.split("=", 1)[0]
        if name == "bootdelay":
            i = "bootdelay=0"
        elif name == "boot_targets":
            i = "boot_targets=virtio0"
        env.append(i)
    txt = out + ".txt"
    with open(txt, "w") as f:
        f.write("\n".join(env) + "\n")
    run(["mkenvimage", "-s", "0x40000", "-o", out, txt])
    with open(out, "r+b") as f:
        f.truncate(64 << 20)        # the size of QEMU virt's flash bank
    return True


# ------------------------------------------------------- boot-loader checks
#
# The AM335x ROM loads MLO into its internal SRAM and runs it; a file that
# is not an MLO gets no message from the board, only silence.  So check
# what the ROM reads (AM335x TRM, "Initialization", the image formats of
# memory booting):
#
#   offset 0     (optional) the table of contents of the MMC raw-mode
#                header: 32-byte items, the first named "CHSETTINGS", the
#                list ended by an item of 0xFF bytes; 512 bytes in all.
#                U-Boot's MLO (mkimage -T omapimage) starts with it.
#   then         the GP header: the image's size and its load address
#                (little-endian words), then the image itself.  The
#                load address is in the public SRAM, 0x402F0400 up to
#                0x4030B800, which also bounds the size (109 KiB).

SRAM_START, SRAM_END = 0x402F0400, 0x4030B800
TOC_SIZE = 512


def check_mlo(data):
    """None if data is an MLO the ROM will run, else why not."""
    off = 0
    if len(data) >= TOC_SIZE and data[20:30] == b"CHSETTINGS":
        end = [i for i in range(0, TOC_SIZE, 32) if data[i:i + 32] == b"\xff" * 32]
        if not end:
            return "its table of contents (CHSETTINGS) has no closing item of 0xFF bytes"
        off = TOC_SIZE
    if len(data) < off + 8:
        return "it is %d bytes long: too short for a GP header (size, load address)" % len(data)
    size, load = struct.unpack_from("<II", data, off)
    if not SRAM_START <= load < SRAM_END:
        return ("its GP header's load address is 0x%08x, outside the AM335x public SRAM "
                "(0x%08x-0x%08x): not an MLO (random bytes, or another file?)"
                % (load, SRAM_START, SRAM_END))
    if size == 0 or load + size > SRAM_END:
        return "its GP header's size (%d bytes at 0x%08x) does not fit the SRAM" % (size, load)
    if size > len(data) - off - 8:
        return "its GP header says %d bytes, but only %d follow it: the file is cut short" % (
            size, len(data) - off - 8)
    return None


def check_uboot_img(data):
    """None if data is a U-Boot image (legacy with good CRCs, or FIT), else why not."""
    if len(data) >= 8 and data[:4] == b"\xd0\x0d\xfe\xed":       # a FIT (flattened tree)
        total, = struct.unpack_from(">I", data, 4)
        return None if 40 <= total <= len(data) else \
            "its FIT header says %d bytes, the file has %d" % (total, len(data))
    if len(data) < 64 or struct.unpack_from(">I", data, 0)[0] != 0x27051956:
        return "it starts with neither the legacy image magic 0x27051956 nor a FIT's " \
               "0xd00dfeed (mkimage makes u-boot.img; random bytes, or a raw u-boot.bin?)"
    hcrc, size, dcrc = struct.unpack_from(">I", data, 4)[0], *struct.unpack_from(">I", data, 12), \
        struct.unpack_from(">I", data, 24)[0]
    header = data[:4] + b"\0\0\0\0" + data[8:64]
    if zlib.crc32(header) & 0xFFFFFFFF != hcrc:
        return "its header checksum is wrong: the header is damaged"
    if 64 + size > len(data):
        return "its header says %d bytes of data, only %d follow: the file is cut short" % (
            size, len(data) - 64)
    if zlib.crc32(data[64:64 + size]) & 0xFFFFFFFF != dcrc:
        return "its data checksum is wrong: the file is damaged"
    return None


def check_boot_loader(mlo, uboot_img):
    for path, name, fn in ((mlo, "MLO", check_mlo), (uboot_img, "u-boot.img", check_uboot_img)):
        with open(path, "rb") as f:
            why = fn(f.read())
        if why:
            sys.exit("sdcard: %s is not a usable %s: %s" % (path, name, why))


def disk_image(files, img):
    if os.path.exists(img):
        os.unlink(img)
    with open(img, "wb") as f:
        f.truncate(IMG_MIB << 20)
    run(["/usr/sbin/sfdisk", "--quiet", img],
        input="label: dos\nstart=%d, type=c, bootable\n" % PART_START)
    blocks = ((IMG_MIB << 20) - PART_START * 512) // 1024
    run(["/usr/sbin/mkfs.vfat", "-F", "32", "-n", "MMKBOOT", "--offset", str(PART_START),
         img, str(blocks)])
    # MLO first: the AM335x ROM reads the FAT root directory for it.
    for path in files:
        run(["mcopy", "-o", "-i", "%s@@%d" % (img, PART_START * 512), path, "::/"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--board", required=True, choices=sorted(BOARDS))
    ap.add_argument("--build", required=True, help="build directory (Image, initramfs.cpio, DTB)")
    ap.add_argument("--bootargs", default="", help="extra kernel command-line words")
    ap.add_argument("--mlo", default="", help="BeagleBone: path to MLO (first-stage loader)")
    ap.add_argument("--uboot-img", default="", help="BeagleBone: path to u-boot.img")
    ap.add_argument("--uboot-bin", default="/usr/lib/u-boot/qemu_arm/u-boot.bin")
    args = ap.parse_args()

    b = BOARDS[args.board]
    out = os.path.join(args.build, "sdcard")
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    load = "0x%08x" % (b["phys"] + TEXT_OFFSET)
    image = os.path.join(args.build, "Image")
    initrd = os.path.join(args.build, "initramfs.cpio")

    run(["mkimage", "-A", "arm", "-O", "linux", "-T", "kernel", "-C", "none",
         "-a", load, "-e", load, "-n", "mmkernel " + args.board,
         "-d", image, os.path.join(out, "uImage")])
    make_zimage(image, os.path.join(out, "zImage"))
    shutil.copy(initrd, os.path.join(out, "initramfs.cpio"))
    run(["mkimage", "-A", "arm", "-O", "linux", "-T", "ramdisk", "-C", "none",
         "-a", "0", "-e", "0", "-n", "mmkernel initramfs",
         "-d", initrd, os.path.join(out, "uInitrd")])
    if b["dtb"]:
        shutil.copy(os.path.join(args.build, b["dtb"]), os.path.join(out, b["dtb"]))
        with open(os.path.join(out, "uEnv.txt"), "w") as f:
            f.write(uenv_txt(b, args.bootargs))
    with open(os.path.join(out, "boot.cmd"), "w") as f:
        f.write(boot_script(b, args.bootargs))
    run(["mkimage", "-A", "arm", "-O", "linux", "-T", "script", "-C", "none",
         "-n", "mmkernel boot script", "-d", os.path.join(out, "boot.cmd"),
         os.path.join(out, "boot.scr")])

    files = []
    if args.board == "beaglebone":
        if bool(args.mlo) != bool(args.uboot_img):
            sys.exit("sdcard: give both MLO= and UBOOT_IMG= (or neither)")
        if args.mlo:
            stale = os.path.join(args.build, "sdcard.img")
            if os.path.exists(stale):
                os.unlink(stale)    # no card with an older boot loader is left behind
            check_boot_loader(args.mlo, args.uboot_img)
        for src, name in ((args.mlo, "MLO"), (args.uboot_img, "u-boot.img")):
            if src:
                shutil.copy(src, os.path.join(out, name))
                files.append(os.path.join(out, name))
    files += [os.path.join(out, f) for f in sorted(os.listdir(out))
              if f not in ("MLO", "u-boot.img")]

    img = os.path.join(args.build, "sdcard.img")
    if args.board != "beaglebone" or args.mlo:
        disk_image(files, img)
        print("sdcard: %s (%d MiB, FAT32 from sector %d): %s" % (
            img, IMG_MIB, PART_START, " ".join(os.path.basename(f) for f in files)))
    else:
        if os.path.exists(img):
            os.unlink(img)          # an older image would not match these files
        print("sdcard: no MLO/u-boot.img given: copy %s/* to the card's FAT boot "
              "partition (or give MLO=... UBOOT_IMG=... for a whole image)" % out)
    if args.board == "virt":
        env = os.path.join(args.build, "uboot-env.img")
        if uboot_env(args.uboot_bin, env):
            print("sdcard: %s: U-Boot environment with bootdelay=0" % env)
        elif os.path.exists(env):
            os.unlink(env)
    print("sdcard: files in %s: %s" % (out, " ".join(sorted(os.listdir(out)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
