#!/usr/bin/env python3
"""Memory over time under a pressure scenario: `make plot SCENARIO=name`.

    scripts/plot.py --build build/vexpress-a9 --scenario read [--mem 128]

Boots the kernel in QEMU (128 MiB by default), runs the scenario at the
shell under memsample (user/bin/memsample.c), which prints /proc/meminfo
and /proc/vmstat as CSV every few milliseconds, and draws what it saw
with matplotlib:

    build/plot-SCENARIO.csv   memsample's lines (comment lines start with #)
    build/plot-SCENARIO.png   free memory, Active/Inactive file and anon,
                              Dirty, the zones' watermarks (min, low, high,
                              summed) over time; kswapd wake-ups and OOM
                              kills as vertical lines

Scenarios (SCENARIOS below):
    read    read a file of 3 x RAM from the virtio disk, twice (dd): the
            page cache fills memory, and - once reclaim exists - is
            reclaimed in a sawtooth between the watermarks
    oom     oomdemo: a child eats memory 1 MiB at a time until it is killed
    hog     memhog three times, 32, 64 and 96 MiB, each held for a second
    quick   memhog 8 MiB for half a second (the pipeline's own test)
    swap    zram of 256 MiB made swap first (SETUP), then swapwork: a 160 MiB working set
            written, read back twice and rewritten once (1.25 x RAM), and
            swapoff; the plot adds swap in use, SwapCached, and si/so (the
            pages swapped in and out per second, as vmstat 1 shows them)

OOM kills are marked from memsample's "# oom_kill" lines (oom_kill in
/proc/vmstat rising), or from the console's "Out of memory: Killed
process" line, marked at the sample before it.
"""
import argparse
import os
import re
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = "mmk# "
MACHINES = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    "virt": ["-M", "virt", "-cpu", "cortex-a15", "-nic", "none"],
}
DEATH = re.compile(r"Kernel panic|Unable to handle kernel|\*\*\* .* in \w+ mode \*\*\*")
# The kernel's own line when it kills for memory (today's fault path, and
# Linux's OOM killer wording once one exists).
KILL_LINE = re.compile(r"^killed: pid \d+ .*out of memory|Out of memory: Kill", re.M)

# name: (memsample interval in ms, the command it runs, needs the big disk?)
SCENARIOS = {
    "read": (50, "dd if=/mnt/big of=/dev/null bs=64K;dd if=/mnt/big of=/dev/null bs=64K",
             True),
    "oom": (10, "oomdemo", False),
    "hog": (20, "memhog -s 1 32m;memhog -s 1 64m;memhog -s 1 96m", False),
    "quick": (10, "memhog -s 1 8m", False),
    "swap": (50, "swapwork -r 1 160;swapoff /dev/zram0", False),
}
# Commands run at the prompt before memsample starts (not sampled).
SETUP = {
    "swap": ["echo 256M > /sys/block/zram0/disksize", "mkswap /dev/zram0", "swapon /dev/zram0"],
}
ROW = re.compile(r"^\d+(,\d+)+$")


def big_disk(path, mem_mib):
    """An ext2 image with /big, a file of 3 x RAM (not zeros: mke2fs -d
    would store zero blocks as holes, which are never read from disk).
    Kept between runs while it is big enough."""
    size = 3 * mem_mib << 20
    if os.path.exists(path) and os.path.getsize(path) >= size + (48 << 20):
        return path
    src = path + ".d"
    os.makedirs(src, exist_ok=True)
    block = bytes((i * 7 + 1) & 0xFF for i in range(1 << 20))
    with open(os.path.join(src, "big"), "wb") as f:
        for _ in range(size >> 20):
            f.write(block)
    subprocess.run(["/sbin/mke2fs", "-q", "-F", "-t", "ext2", "-b", "4096", "-E",
                    "root_owner=0:0", "-d", src, path, "%dM" % ((size >> 20) + 48)],
                   check=True, stdout=subprocess.DEVNULL)
    os.remove(os.path.join(src, "big"))
    os.rmdir(src)
    return path


def boot_and_run(a, interval, command, disk):
    """The console output of `memsample -i interval CMD` at the shell."""
    import pexpect
    build = a.build
    cmd = ["qemu-system-arm"] + MACHINES[a.board] + [
        "-m", str(a.mem), "-nographic", "-no-reboot",
        "-kernel", os.path.join(build, "Image"),
        "-initrd", os.path.join(build, "initramfs.cpio"),
        "-append", "console=ttyAMA0 panic=poweroff"]
    dtb = os.path.join(build, a.board + ".dtb")
    if os.path.exists(dtb):
        cmd += ["-dtb", dtb]
    if disk:
        cmd += ["-drive", "if=none,id=vd0,file=%s,format=raw,cache=unsafe" % disk,
                "-device", "virtio-blk-device,drive=vd0"]
    con = pexpect.spawn(cmd[0], cmd[1:], timeout=a.timeout, encoding="utf-8",
                        codec_errors="replace", env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    try:
        con.expect_exact(PROMPT)
        for setup in SETUP.get(a.scenario, []):
            con.sendline(setup)
            con.expect_exact(PROMPT)
        # the shell runs "memsample ... sh -c ..." only through sh: one line
        line = 'memsample -i %d sh -c "%s"' % (interval, command)
        con.sendline(line)
        con.expect_exact(PROMPT)
        out = con.before
        con.sendline("poweroff")
        con.expect(pexpect.EOF, timeout=30)
    except (pexpect.TIMEOUT, pexpect.EOF):
        sys.exit("plot: the scenario did not finish in %d s; console:\n%s"
                 % (a.timeout, (con.before or "")[-3000:]))
    finally:
        con.close(force=True)
    out = out.replace("\r", "")
    if DEATH.search(out):
        sys.exit("plot: the kernel died:\n" + out[-3000:])
    return out


def parse(console):
    """(csv lines to keep, header dict, column names, rows, kswapd times,
    oom times) from the console; times in seconds."""
    keep, rows, kswapd, oom, console_kills = [], [], [], [], []
    info, names = {}, None
    for line in console.split("\n"):
        line = line.strip()
        if line.startswith("# memsample "):
            info = dict(kv.split("=", 1) for kv in line.split()[2:])
            keep.append(line)
        elif line.startswith("t_ms,"):
            names = line.split(",")
            keep.append(line)
        elif names and ROW.match(line) and len(line.split(",")) == len(names):
            rows.append([int(x) for x in line.split(",")])
            keep.append(line)
        elif re.match(r"^# (kswapd|oom_kill|exit|unreadable) t_ms=\d+", line):
            t = int(re.search(r"t_ms=(\d+)", line).group(1)) / 1000.0
            if line.startswith("# kswapd"):
                kswapd.append(t)
            elif line.startswith("# oom_kill"):
                oom.append(t)
            keep.append(line)
        elif KILL_LINE.search(line) and rows:
            console_kills.append(rows[-1][0] / 1000.0)
            keep.append("# console t_ms=%d %s" % (rows[-1][0], line))
    if not names or not rows:
        sys.exit("plot: no memsample lines in the console output:\n" + console[-3000:])
    return keep, info, names, rows, kswapd, oom or console_kills


def draw(png, title, info, names, rows, kswapd, oom):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    col = {n: i for i, n in enumerate(names)}
    t = [r[0] / 1000.0 for r in rows]

    def mib(name):
        return [r[col[name]] / 1024.0 for r in rows]

    fig, ax = plt.subplots(figsize=(10, 5.5), dpi=100)
    for name, label, style in (("free_kb", "MemFree", "k-"),
                               ("active_file_kb", "Active(file)", "b-"),
                               ("inactive_file_kb", "Inactive(file)", "c-"),
                               ("active_anon_kb", "Active(anon)", "r-"),
                               ("inactive_anon_kb", "Inactive(anon)", "m-"),
                               ("anon_kb", "AnonPages", "r:"),
                               ("cached_kb", "Cached", "b:"),
                               ("dirty_kb", "Dirty", "y-")):
        ax.plot(t, mib(name), style, label=label, linewidth=1.2)
    for key, label, color in (("wmark_min_kb", "min", "#d62728"), ("wmark_low_kb", "low", "#ff7f0e"),
                              ("wmark_high_kb", "high", "#2ca02c")):
        if key in info:
            ax.axhline(int(info[key]) / 1024.0, color=color, linestyle="--", linewidth=0.8,
                       label="watermark %s" % label)
    for i, x in enumerate(kswapd):
        ax.axvline(x, color="orange", alpha=0.35, linewidth=0.8,
                   label="kswapd wakes" if i == 0 else None)
    for i, x in enumerate(oom):
        ax.axvline(x, color="red", linewidth=2, label="OOM kill" if i == 0 else None)
    if "swap_total_kb" in col and any(r[col["swap_total_kb"]] for r in rows):
        used = [(r[col["swap_total_kb"]] - r[col["swap_free_kb"]]) / 1024.0 for r in rows]
        ax.plot(t, used, "g-", label="swap used", linewidth=1.5)
        ax.plot(t, mib("swap_cached_kb"), "g:", label="SwapCached", linewidth=1.2)
        rate = ax.twinx()
        for name, label, style in (("pswpin", "si (MiB/s)", "#17becf"),
                                   ("pswpout", "so (MiB/s)", "#8c564b")):
            v = [r[col[name]] for r in rows]
            per_s = [0.0] + [(v[i] - v[i - 1]) * 4 / 1024.0 / max(t[i] - t[i - 1], 1e-3)
                             for i in range(1, len(v))]
            rate.plot(t, per_s, color=style, linewidth=0.8, alpha=0.8, label=label)
        rate.set_ylabel("MiB/s swapped")
        rate.set_ylim(bottom=0)
        rate.legend(loc="upper left", fontsize=8)
    ax.set_xlabel("seconds")
    ax.set_ylabel("MiB")
    ax.set_title(title)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(png)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", default="vexpress-a9")
    ap.add_argument("--build", default=None)
    ap.add_argument("--scenario", default="oom", choices=sorted(SCENARIOS))
    ap.add_argument("--mem", type=int, default=128)
    ap.add_argument("--out", default=os.path.join(TOP, "build"))
    ap.add_argument("--timeout", type=int, default=600)
    a = ap.parse_args()
    a.build = a.build or os.path.join(TOP, "build", a.board)
    try:
        import matplotlib  # noqa: F401  (fail before booting, not after)
    except ImportError:
        sys.exit("plot: python3-matplotlib is missing: scripts/setup.sh installs it")
    interval, command, needs_disk = SCENARIOS[a.scenario]
    os.makedirs(a.out, exist_ok=True)
    disk = big_disk(os.path.join(a.out, "plot-disk.img"), a.mem) if needs_disk else None
    start = time.time()
    console = boot_and_run(a, interval, command, disk)
    keep, info, names, rows, kswapd, oom = parse(console)
    base = os.path.join(a.out, "plot-%s" % a.scenario)
    with open(base + ".csv", "w") as f:
        f.write("\n".join(keep) + "\n")
    draw(base + ".png", "mmkernel, %s, MEM=%d: %s" % (a.board, a.mem, a.scenario),
         info, names, rows, kswapd, oom)
    print("plot: %d samples over %.1f s, %d kswapd wake-ups, %d OOM kills (%.0f s); "
          "%s.csv, %s.png" % (len(rows), rows[-1][0] / 1000.0, len(kswapd), len(oom),
                              time.time() - start, base, base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
