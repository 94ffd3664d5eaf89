#!/bin/sh
# qemu-run.sh - run the initramfs's programs on Linux, under qemu-arm.
#
#   user/qemu-run.sh build/vexpress-a9/initramfs.cpio alltests
#   user/qemu-run.sh build/vexpress-a9/initramfs.cpio sh -c 'free; ps'
#   user/qemu-run.sh build/vexpress-a9/initramfs.cpio init    (the shell; ^D)
#
# The archive is unpacked into a temporary directory, which becomes the root
# (chroot) of private user, mount and pid namespaces: the program started
# is pid 1 there (so `init` gets the orphans, and ps shows only our
# processes).  In those namespaces only,
# binfmt_misc hands every ARM executable to qemu-arm, so that execve("/bin/sh")
# by one of our programs starts our ARM shell, and open("/data/hello.txt")
# finds the initramfs's file.  /proc is a fresh one for the new pid
# namespace (its meminfo, slabinfo, ... are still the host's); /dev and /usr
# (qemu-arm and its libraries) are the host's.  The host's own binfmt_misc is not touched.
#
# Needs Linux >= 6.7 (binfmt_misc mountable inside a user namespace),
# qemu-user (qemu-arm), cpio and util-linux's unshare.
set -e
[ $# -ge 2 ] || { echo "usage: $0 INITRAMFS.cpio PROGRAM [ARG]..." >&2; exit 2; }
cpio_file=$(realpath "$1")
shift
root=$(mktemp -d /tmp/mmk-root.XXXXXX)
trap 'rm -rf "$root"' EXIT
(cd "$root" && cpio -idm --quiet < "$cpio_file")
mkdir -p "$root/usr" "$root/proc" "$root/dev" "$root/tmp"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"

# ELF32, little-endian, version 1, ET_EXEC or ET_DYN, EM_ARM (40).
magic='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00'
mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
# P: keep argv[0] (the -binfmt-P name tells qemu-arm so); F: open qemu now.
rule=":mmk-arm:M::$magic:$mask:/usr/libexec/qemu-binfmt/arm-binfmt-P:PF"

unshare --user --map-root-user --mount --propagation private \
	--pid --fork --mount-proc sh -c '
	set -e
	root=$1; rule=$2; shift 2
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	printf "%s" "$rule" > /proc/sys/fs/binfmt_misc/register
	mount --rbind /usr "$root/usr"
	mount --rbind /proc "$root/proc"
	mount --rbind /dev "$root/dev"
	ulimit -c 0		# qemu-arm would dump a core for every SIGSEGV test
	prog=$1; shift
	case "$prog" in /*) ;; *) prog=/bin/$prog ;; esac
	exec chroot "$root" "$prog" "$@"
' sh "$root" "$rule" "$@"
