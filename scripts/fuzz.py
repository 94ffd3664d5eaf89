#!/usr/bin/env python3
"""Run the system-call fuzzer (user/tests/fuzz.c) in QEMU: `make fuzz`.

    scripts/fuzz.py --build build/vexpress-a9 --seeds "1 2 3" --calls 100000 [--inject]

Boots the kernel once, runs `fuzz -s SEED -n CALLS -w WORKERS` for each
seed at the shell, and ends with one line:

    fuzz total: 300000 calls in 3 runs, 0 failed

With --inject the kernel boots with fail_page_alloc=1,1,0,-1 and
failslab=1,1,0,-1, the workers set make-it-fail (fuzz -f), and the fault
injection counts are printed after the runs.  A kernel panic, a BUG or an
oops ends the run at once with the last of the console.
"""
import argparse
import os
import re
import sys
import time

import pexpect

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = "mmk# "
MACHINES = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    "virt": ["-M", "virt", "-cpu", "cortex-a15", "-nic", "none"],
}
DEATH = re.compile(r"Kernel panic|Unable to handle kernel|\*\*\* .* in \w+ mode \*\*\*")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", default="vexpress-a9")
    ap.add_argument("--build", default=None)
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--calls", type=int, default=100000)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--mem", default="256")
    ap.add_argument("--inject", action="store_true")
    a = ap.parse_args()
    build = a.build or os.path.join(TOP, "build", a.board)
    bootargs = "console=ttyAMA0 panic=poweroff"
    if a.inject:
        bootargs += " fail_page_alloc=1,1,0,-1 failslab=1,1,0,-1"
    cmd = ["qemu-system-arm"] + MACHINES[a.board] + [
        "-m", a.mem, "-nographic", "-no-reboot", "-kernel", os.path.join(build, "Image"),
        "-initrd", os.path.join(build, "initramfs.cpio"), "-append", bootargs]
    dtb = os.path.join(build, a.board + ".dtb")
    if os.path.exists(dtb):
        cmd += ["-dtb", dtb]
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=120, encoding="utf-8",
                        codec_errors="replace", env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    con.expect_exact(PROMPT)
    total = failed = runs = 0
    start = time.time()
    for seed in a.seeds.split():
        line = "fuzz -s %s -n %d -w %d%s" % (seed, a.calls, a.workers, " -f" if a.inject else "")
        con.sendline(line)
        out = ""
        while True:
            i = con.expect([PROMPT, pexpect.TIMEOUT, pexpect.EOF], timeout=600)
            out += con.before
            if i == 0 or DEATH.search(out):
                break
            if i == 2:
                break
        out = out.replace("\r", "")
        runs += 1
        m = re.search(r"fuzz: (ok|FAIL) seed \d+: (\d+) calls.*$", out, re.M)
        if DEATH.search(out) or not m:
            print(out[-6000:])
            print("fuzz: the kernel died (or the run ended without its summary) "
                  "during seed %s" % seed)
            return 1
        print(m.group(0))
        sys.stdout.flush()
        total += int(m.group(2))
        failed += m.group(1) != "ok"
    if a.inject:
        con.sendline("cat /proc/fault_injection")
        con.expect_exact(PROMPT)
        print(con.before.replace("\r", "").split("\n", 1)[-1].rstrip())
    con.sendline("poweroff")
    con.expect(pexpect.EOF, timeout=60)
    print("fuzz total: %d calls in %d runs, %d failed (%.0f s)"
          % (total, runs, failed, time.time() - start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
