#!/usr/bin/env bash
# fresh-check: does a brand-new Debian 12 get from `git clone` to a passing
# `make test` with nothing typed but `make run` and `make test`?
#
# A working desktop hides missing packages: libc6-dev, python3 and the like
# are there already because something else pulled them in, so a setup.sh that
# forgets them still "works" for whoever wrote it.  This check starts from
# the smallest Debian there is (debootstrap --variant=minbase bookworm) plus
# only git and make, installed without their recommendations, and then, as
# root inside that chroot:
#
#   git clone <this tree's HEAD>            only committed files count
#   make run BOOTARGS=poweroff </dev/null   must install the tools by itself
#                                           (scripts/setup.sh), build, boot
#                                           and power off on its own
#   make test                               host unit tests + system tests
#
# It is slow (downloads and a full test run: 5-15 minutes) and needs root
# and deb.debian.org, so it is not part of `make test`; run it after touching
# scripts/setup.sh or adding a tool:  make fresh-check  (or this script).
#
#   scripts/fresh-check.sh [--fresh] [--keep] [DIR]
#
#   DIR      where the chroots live (default build/fresh-root):
#              DIR/base          minbase + git + make, made once and reused
#              DIR/run           a copy of base for each run (so every run
#                                starts from the pristine base)
#              DIR/apt-archives  downloaded .deb files, shared between runs
#                                (saves the downloads; apt still has to
#                                resolve and install every package itself)
#              DIR/logs          make-run.log, make-test.log
#   --fresh  delete DIR/base and debootstrap it again (also empties the
#            .deb cache)
#   --keep   leave DIR/run in place afterwards (to look around in it:
#            sudo chroot DIR/run); it is always replaced at the next run
#
# Exit status 0 and a last line "fresh-check: PASS ..." only if both steps
# passed.
set -eu

SUITE=bookworm
MIRROR=http://deb.debian.org/debian
RUN_TIMEOUT=1800        # make run: apt downloads + build + boot
TEST_TIMEOUT=3600       # make test: a few minutes normally

TOP=$(cd "$(dirname "$0")/.." && pwd)
FRESH=0
KEEP=0
DIR=""
while [ $# -gt 0 ]; do
	case "$1" in
	--fresh) FRESH=1 ;;
	--keep) KEEP=1 ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "fresh-check: unknown option $1" >&2; exit 2 ;;
	*) DIR=$1 ;;
	esac
	shift
done
DIR=${DIR:-$TOP/build/fresh-root}
mkdir -p "$DIR"         # before sudo, so that a new build/ stays the user's

# chroot, mount and debootstrap need root.
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { echo "fresh-check: needs root (or sudo)" >&2; exit 1; }
	args=()
	[ $FRESH = 1 ] && args+=(--fresh)
	[ $KEEP = 1 ] && args+=(--keep)
	exec sudo "$0" "${args[@]}" "$DIR"
fi

DIR=$(cd "$DIR" && pwd)
BASE=$DIR/base
RUN=$DIR/run
ARCHIVES=$DIR/apt-archives
LOGS=$DIR/logs
START=$(date +%s)

say() { echo "fresh-check: $*"; }

elapsed() {
	local s=$(( $(date +%s) - START ))
	printf '%dm%02ds' $((s / 60)) $((s % 60))
}

# Mount points below $1, deepest first (from /proc/self/mounts; octal
# escapes such as \040 for a space are left as they are: our paths have none).
mounts_below() {
	awk -v r="$1" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

# What the chroot needs: /proc (ASan reads /proc/self/maps; apt and ps use
# it too), /sys, and a /dev.  The /dev is a small one of its own rather than
# a bind of the host's, so that an `rm -rf build` while a check runs cannot
# delete the host's device nodes: the usual character devices, a private
# devpts instance (pexpect runs QEMU on a pseudo-terminal) and a /dev/shm.
mount_chroot() {
	local r=$1 d=$1/dev
	mount -t proc proc "$r/proc"
	mount -t sysfs sysfs "$r/sys"
	mount -t tmpfs -o mode=0755,nosuid tmpfs "$d"
	mknod -m 666 "$d/null" c 1 3
	mknod -m 666 "$d/zero" c 1 5
	mknod -m 666 "$d/full" c 1 7
	mknod -m 666 "$d/random" c 1 8
	mknod -m 666 "$d/urandom" c 1 9
	mknod -m 666 "$d/tty" c 5 0
	ln -s /proc/self/fd "$d/fd"
	ln -s /proc/self/fd/0 "$d/stdin"
	ln -s /proc/self/fd/1 "$d/stdout"
	ln -s /proc/self/fd/2 "$d/stderr"
	mkdir "$d/pts" "$d/shm"
	mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$d/pts"
	ln -s pts/ptmx "$d/ptmx"
	mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$d/shm"
	mkdir -p "$ARCHIVES/partial" "$r/var/cache/apt/archives"
	mount --bind "$ARCHIVES" "$r/var/cache/apt/archives"
}

# Stop whatever still runs inside the chroot (only processes whose root
# directory is $1: ours), then unmount everything below it.
umount_chroot() {
	local r=$1 p m
	for p in /proc/[0-9]*; do
		if [ "$(readlink "$p/root" 2>/dev/null)" = "$r" ]; then
			kill -KILL "${p#/proc/}" 2>/dev/null || true
		fi
	done
	sleep 1
	for m in $(mounts_below "$r"); do
		umount "$m" 2>/dev/null || umount -l "$m" || true
	done
	if [ -n "$(mounts_below "$r")" ]; then
		echo "fresh-check: WARNING: still mounted below $r (do not rm -rf it):" >&2
		mounts_below "$r" >&2
		return 1
	fi
}

# rm -rf, but never through a mount (a bound /dev, say) into the host.
remove_tree() {
	[ -e "$1" ] || return 0
	if [ -n "$(mounts_below "$1")" ]; then
		echo "fresh-check: $1 has mounts below it; not deleting it" >&2
		exit 1
	fi
	rm -rf --one-file-system "$1"
}

# Run a shell command in chroot $1 as root, with the environment of a
# fresh root login rather than ours.  (env --default-signal: see step.)
in_chroot() {
	local r=$1
	shift
	env --default-signal=INT,QUIT chroot "$r" /usr/bin/env -i \
		HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=xterm \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash -c "$*"
}

# step ROOT LOG COMMAND: in_chroot with its output in LOG and its exit
# status in STEP_RC.  It runs in the background while we wait for it, so
# that Ctrl-C or a kill runs the exit trap (which stops the chroot's
# processes and unmounts) at once rather than after the step.  Bash makes
# background commands ignore SIGINT and SIGQUIT; in_chroot's env
# --default-signal undoes that, so the step runs as it would from a terminal.
step() {
	local r=$1 log=$2
	shift 2
	in_chroot "$r" "$*" > "$log" 2>&1 &
	STEP_RC=0
	wait $! || STEP_RC=$?
}

MOUNTED=""
cleanup() {
	local rc=$?
	if [ -n "$MOUNTED" ]; then
		umount_chroot "$MOUNTED" || rc=1
		MOUNTED=""
	fi
	if [ $KEEP = 0 ] && [ -d "$RUN" ] && [ -z "$(mounts_below "$RUN")" ]; then
		rm -rf --one-file-system "$RUN"
	fi
	exit $rc
}
trap cleanup EXIT
trap 'echo; say "FAIL: interrupted ($(elapsed))"; exit 130' INT
trap 'say "FAIL: terminated ($(elapsed))"; exit 143' TERM

fail() {
	say "FAIL: $* ($(elapsed); logs in $LOGS)"
	exit 1
}

# --------------------------------------------------------------- the host
if ! command -v debootstrap >/dev/null && [ ! -x /usr/sbin/debootstrap ]; then
	say "installing debootstrap on the host"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || true       # a broken third-party source must not stop us
	apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends debootstrap
fi
export PATH=$PATH:/usr/sbin:/sbin

HEAD=$(git -C "$TOP" rev-parse HEAD)
if [ -n "$(git -C "$TOP" status --porcelain --untracked-files=no)" ]; then
	say "note: $TOP has uncommitted changes; only the committed HEAD is checked"
fi

# --------------------------------------------------------------- the base
if [ $FRESH = 1 ]; then
	say "--fresh: deleting $BASE and the .deb cache"
	remove_tree "$BASE"
	remove_tree "$ARCHIVES"
fi
if [ ! -e "$BASE/.fresh-check-base" ]; then
	remove_tree "$BASE"
	say "debootstrap --variant=minbase $SUITE into $BASE"
	debootstrap --variant=minbase "$SUITE" "$BASE" "$MIRROR" > "$DIR/debootstrap.log" 2>&1 ||
		{ tail -20 "$DIR/debootstrap.log"; fail "debootstrap (see $DIR/debootstrap.log)"; }
	cp -L /etc/resolv.conf "$BASE/etc/resolv.conf"
	# git and make only, without recommendations (git recommends patch,
	# less, ssh-client and ca-certificates): the least a user could have.
	MOUNTED=$BASE
	mount_chroot "$BASE"
	step "$BASE" "$DIR/base-install.log" 'export DEBIAN_FRONTEND=noninteractive &&
		apt-get update -q && apt-get install -y -q --no-install-recommends git make'
	[ $STEP_RC = 0 ] ||
		{ tail -20 "$DIR/base-install.log"; fail "installing git and make in the base"; }
	umount_chroot "$BASE"
	MOUNTED=""
	touch "$BASE/.fresh-check-base"
else
	say "reusing $BASE (--fresh to start over)"
fi

# ---------------------------------------------------------------- the run
remove_tree "$RUN"
say "copying the base to $RUN"
cp -a "$BASE" "$RUN"
rm -f "$RUN/.fresh-check-base"
cp -L /etc/resolv.conf "$RUN/etc/resolv.conf"
# Every installed Debian has an /etc/hosts (the installer writes it; so do
# container runtimes); debootstrap leaves it out, and without it "localhost"
# does not resolve (gdb's `target remote :PORT` needs it).
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$RUN/etc/hosts"
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log

say "cloning $TOP at ${HEAD:0:12} into /root/mmkernel"
git clone -q --no-hardlinks "$TOP" "$RUN/root/mmkernel"
git -C "$RUN/root/mmkernel" checkout -q --detach "$HEAD" ||
	fail "HEAD $HEAD is not on a branch, so the clone does not have it"

MOUNTED=$RUN
mount_chroot "$RUN"

say "make run BOOTARGS=poweroff (installs the tools through scripts/setup.sh; log: $LOGS/make-run.log)"
step "$RUN" "$LOGS/make-run.log" \
	"cd /root/mmkernel && timeout -k 30 $RUN_TIMEOUT make run BOOTARGS=poweroff </dev/null"
rc=$STEP_RC
tail -5 "$LOGS/make-run.log" | sed 's/^/  | /'
[ $rc = 124 ] && fail "make run did not finish within ${RUN_TIMEOUT}s"
[ $rc = 0 ] || fail "make run exited with status $rc"
grep -q "^setup: installing" "$LOGS/make-run.log" ||
	fail "make run did not install anything through scripts/setup.sh"
grep -q "Power down\." "$LOGS/make-run.log" ||
	fail "make run exited but the kernel did not power off"
in_chroot "$RUN" "cd /root/mmkernel && scripts/setup.sh --check" ||
	fail "scripts/setup.sh --check still misses packages after make run"
say "make run: ok ($(elapsed))"

say "make test (log: $LOGS/make-test.log)"
step "$RUN" "$LOGS/make-test.log" \
	"cd /root/mmkernel && timeout -k 30 $TEST_TIMEOUT make test </dev/null"
rc=$STEP_RC
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/make-test.log" | tail -1)
grep -E '^(host|system) tests:|^FAILED|^ERROR|FAILED$' "$LOGS/make-test.log" | sed 's/^/  | /'
[ $rc = 124 ] && fail "make test did not finish within ${TEST_TIMEOUT}s"
[ -n "$summary" ] || { tail -20 "$LOGS/make-test.log"; fail "make test exited with status $rc and no summary line"; }
[ $rc = 0 ] || fail "make test: $summary (exit status $rc)"

say "PASS: make run powered off; make test: $summary ($(elapsed))"
