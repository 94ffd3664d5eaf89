#!/usr/bin/env bash
# Install what the build, the emulator, the debugger and the tests need,
# from Debian's (or Ubuntu's) own package archive, and nothing else.
#
#   scripts/setup.sh          install whatever is missing (sudo when not root)
#   scripts/setup.sh --check  exit 0 if everything is present, 1 otherwise
#
# `make run` and `make test` call this when a tool is missing, so a new user
# types nothing else.
set -eu

# package -> a file that proves it is installed
#
# Everything is installed with --no-install-recommends, so whatever a tool
# only recommends has to be listed here itself.  scripts/fresh-check.sh
# proves the list on a minimal Debian 12 (debootstrap minbase + git + make);
# a working desktop hides what is missing.  Entries that are not obvious:
#   libc6-dev  the host C library's headers and crt files for the host unit
#              tests (gcc only recommends it: without it `make test` stops at
#              "stdlib.h: No such file or directory")
#   python3    `make run` already runs /usr/bin/python3 (kallsyms,
#              initramfs), not only the tests; listed for itself rather than
#              left to come in as a dependency of python3-pytest
#   e2fsprogs  mke2fs makes the ext2 disk image `make run` attaches
#              (Priority: required in Debian, so usually there already)
#   python3-matplotlib  `make plot` draws its PNG with it (scripts/plot.py)
#   util-linux, mount   the host's mkswap and swapon: the swap tools' tests
#              compare ours with them (required in Debian, so usually there)
#   python3-pytest-xdist  `make test` runs the system tests' QEMUs one per
#              CPU at once (scripts/run-tests.py)
#   liblz4-dev the reference LZ4 the host tests check kernel/lz4.c against
#              (tests/host/test_lz4.c links -llz4)
# (gcc-12 itself depends on libasan8 and libubsan1, the sanitizer runtimes the
# host tests link against.)
PKGS="
gcc-arm-none-eabi:/usr/bin/arm-none-eabi-gcc
libnewlib-arm-none-eabi:/usr/lib/arm-none-eabi/lib/libc.a
qemu-system-arm:/usr/bin/qemu-system-arm
gdb-multiarch:/usr/bin/gdb-multiarch
device-tree-compiler:/usr/bin/dtc
u-boot-tools:/usr/bin/mkimage
u-boot-qemu:/usr/lib/u-boot/qemu_arm/u-boot.bin
libcmocka-dev:/usr/include/cmocka.h
liblz4-dev:/usr/include/lz4.h
python3-pytest:/usr/lib/python3/dist-packages/pytest/__init__.py
python3-pexpect:/usr/lib/python3/dist-packages/pexpect/__init__.py
python3-pytest-xdist:/usr/lib/python3/dist-packages/xdist/__init__.py
python3-matplotlib:/usr/lib/python3/dist-packages/matplotlib/__init__.py
cpio:/usr/bin/cpio
mtools:/usr/bin/mcopy
dosfstools:/usr/sbin/mkfs.vfat
fdisk:/usr/sbin/sfdisk
e2fsprogs:/sbin/mke2fs
util-linux:/sbin/mkswap
mount:/sbin/swapon
gcc:/usr/bin/gcc
libc6-dev:/usr/include/stdlib.h
python3:/usr/bin/python3
make:/usr/bin/make
"

missing=""
for entry in $PKGS; do
	pkg=${entry%%:*}
	file=${entry#*:}
	[ -e "$file" ] || missing="$missing $pkg"
done

if [ "${1:-}" = "--check" ]; then
	[ -z "$missing" ] && exit 0
	echo "setup: missing packages:$missing" >&2
	exit 1
fi

if [ -z "$missing" ]; then
	echo "setup: all dependencies present"
	exit 0
fi

echo "setup: installing:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { echo "setup: need root or sudo to install:$missing" >&2; exit 1; }
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
echo "setup: done"
