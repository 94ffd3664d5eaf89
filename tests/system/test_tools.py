"""The tools tell the truth: /proc/stat, /proc/uptime and /proc/meminfo in
Linux's formats with values that add up, vmstat's columns computed from
them, the shell's help and background jobs, make help, and one clock in
the boot banner.

One boot for the module; each test types commands at the shell.
"""
import os
import re
import subprocess
import time

import pexpect
import pytest

from conftest import TOP

PYTHON = "/usr/bin/python3"
PROMPT = "mmk# "

# Linux 6.1's /proc/meminfo on a 32-bit ARM with HIGHMEM, ZSWAP and CMA.
MEMINFO = ["MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active",
           "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)", "Inactive(file)",
           "Unevictable", "Mlocked", "HighTotal", "HighFree", "LowTotal", "LowFree",
           "SwapTotal", "SwapFree", "Zswap", "Zswapped", "Dirty", "Writeback", "AnonPages",
           "Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim",
           "KernelStack", "PageTables", "NFS_Unstable", "Bounce", "WritebackTmp",
           "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed", "VmallocChunk",
           "Percpu", "CmaTotal", "CmaFree"]


class Shell:
    def __init__(self, con):
        self.con = con

    def run(self, cmd, timeout=30):
        self.con.sendline(cmd)
        self.con.expect_exact(PROMPT, timeout=timeout)
        out = self.con.before.replace("\r\n", "\n").replace("\r", "")
        first, _, rest = out.partition("\n")
        return rest if first.strip().endswith(cmd.strip()) else out


@pytest.fixture(scope="module")
def boot(kernel):
    con = kernel.spawn("", mem=1024, timeout=60)
    con.expect_exact(PROMPT, timeout=60)
    banner = con.before.replace("\r", "")
    yield Shell(con), banner
    con.close(force=True)


@pytest.fixture(scope="module")
def sh(boot):
    return boot[0]


def stat(sh):
    return dict((l.split()[0], l.split()[1:]) for l in sh.run("cat /proc/stat").splitlines()
                if l.strip())


def test_proc_stat_format(sh):
    text = sh.run("cat /proc/stat")
    names = [l.split()[0] for l in text.splitlines() if l.strip()]
    assert names == ["cpu", "cpu0", "intr", "ctxt", "btime", "processes", "procs_running",
                     "procs_blocked", "softirq"], text
    assert re.match(r"^cpu  \d+( \d+){9}\n", text), text       # "cpu", two spaces, 10 columns
    s = stat(sh)
    assert s["cpu"] == s["cpu0"] and len(s["cpu"]) == 10        # one CPU
    nice, irq, softirq, steal, guest, guest_nice = (int(s["cpu"][i]) for i in (1, 5, 6, 7, 8, 9))
    assert nice == irq == softirq == steal == guest == guest_nice == 0, s["cpu"]
    intr = [int(x) for x in s["intr"]]
    assert intr[0] == sum(intr[1:]) and intr[0] > 0, s["intr"][:40]
    assert len(s["softirq"]) == 11
    # btime: the boot's wall-clock second, from the board's RTC (QEMU's PL031
    # starts at the host's time), so within a day of now
    assert abs(int(s["btime"][0]) - time.time()) < 86400, s["btime"]
    assert int(s["procs_running"][0]) >= 1 and s["procs_blocked"] == ["0"]


def test_proc_stat_counts(sh):
    a = stat(sh)
    sh.run("true; true; true")
    b = stat(sh)
    assert int(b["processes"][0]) - int(a["processes"][0]) >= 4     # 3 forks, and cat's
    assert int(b["ctxt"][0]) > int(a["ctxt"][0])


def test_ticks_add_up_to_uptime(sh):
    """The cpu columns count every tick: over 2 s they grow by about 200
    (HZ = USER_HZ = 100), as /proc/uptime does, mostly as idle."""
    a, ua = stat(sh), sh.run("cat /proc/uptime").split()
    sh.run("sleep 2")
    b, ub = stat(sh), sh.run("cat /proc/uptime").split()
    d = [int(y) - int(x) for x, y in zip(a["cpu"], b["cpu"])]
    up = round((float(ub[0]) - float(ua[0])) * 100)
    assert 190 <= up <= 260, (ua, ub)
    assert abs(sum(d) - up) <= 5, (d, up)
    assert d[3] > sum(d) * 0.7, d                  # sleep: the CPU idles
    idle = round((float(ub[1]) - float(ua[1])) * 100)
    assert abs(idle - d[3]) <= 2, (idle, d)


def test_proc_uptime_format(sh):
    out = sh.run("cat /proc/uptime")
    m = re.match(r"^(\d+)\.(\d\d) (\d+)\.(\d\d)\n$", out)
    assert m, out
    assert float(m.group(3) + "." + m.group(4)) <= float(m.group(1) + "." + m.group(2))


def meminfo(sh):
    text = sh.run("cat /proc/meminfo")
    rows = re.findall(r"^(\S+):\s+(\d+) kB$", text, re.M)
    return text, rows


def test_meminfo_lines(sh):
    text, rows = meminfo(sh)
    assert [r[0] for r in rows] == MEMINFO, text
    for line in text.splitlines():
        assert re.match(r"^\S+:\s+\d{1,8} kB$", line) and len(line) == 27, line


def test_mem_available_as_linux(sh):
    """MemAvailable = MemFree - the zones' high watermarks + the file cache
    and reclaimable slab less what must stay (half, at most the low marks)."""
    zi = sh.run("cat /proc/zoneinfo")
    high = sum(int(x) for x in re.findall(r"^\s+high\s+(\d+)$", zi, re.M))
    low = sum(int(x) for x in re.findall(r"^\s+low\s+(\d+)$", zi, re.M))
    text, rows = meminfo(sh)
    m = {k: int(v) // 4 for k, v in rows}           # pages
    cache = m["Cached"] + m["Buffers"] - m["Shmem"]
    want = (m["MemFree"] - high + cache - min(cache // 2, low) +
            m["SReclaimable"] - min(m["SReclaimable"] // 2, low))
    assert m["MemAvailable"] == max(want, 0), (m, high, low)
    assert m["MemAvailable"] < m["MemFree"]          # the reserves count
    assert m["Slab"] == m["SReclaimable"] + m["SUnreclaim"] and m["Slab"] > 0
    assert m["KernelStack"] > 0 and m["Committed_AS"] > 0 and m["AnonPages"] > 0


def test_vmstat_intervals(sh):
    out = sh.run("vmstat 1 3", timeout=30)
    lines = [l for l in out.splitlines() if l.strip()]
    assert len(lines) == 5, out
    head = lines[1].split()
    assert head == ["r", "b", "swpd", "free", "buff", "cache", "si", "so", "bi", "bo",
                    "in", "cs", "us", "sy", "id", "wa", "st"], out
    for l in lines[2:]:
        v = dict(zip(head, (int(x) for x in l.split())))
        assert len(l.split()) == 17, l
        assert 98 <= v["us"] + v["sy"] + v["id"] + v["wa"] + v["st"] <= 102, l
        assert v["r"] >= 1
    for l in lines[3:]:                  # the intervals: the 100 Hz tick, and more
        v = dict(zip(head, (int(x) for x in l.split())))
        assert 95 <= v["in"] <= 150, out
        assert v["cs"] > 0 and v["id"] > 50, out


def test_vmstat_memory_columns(sh):
    out = sh.run("vmstat; cat /proc/meminfo")
    v = dict(zip(out.splitlines()[1].split(), (int(x) for x in out.splitlines()[2].split())))
    m = dict(re.findall(r"^(\S+):\s+(\d+) kB$", out, re.M))
    assert abs(v["free"] - int(m["MemFree"])) <= 64, out
    assert v["cache"] == int(m["Cached"]) + int(m["SReclaimable"]) or \
        abs(v["cache"] - int(m["Cached"]) - int(m["SReclaimable"])) <= 16, out
    assert v["buff"] == int(m["Buffers"]) and v["swpd"] == 0


def test_vmstat_usage(sh):
    out = sh.run("vmstat x; echo status $?")
    assert "usage: vmstat [delay [count]]" in out and "status 2" in out, out


def test_help_lists_every_program(sh):
    progs = sh.run("ls /bin").split()
    assert len(progs) > 20
    out = sh.run("help")
    assert out.startswith("built-ins: exit [N], poweroff, cd [DIR|-], pwd, help"), out
    listed = re.findall(r"^(\S+) .*\S$", out.split("programs in /bin:\n", 1)[1], re.M)
    assert sorted(listed) == sorted(progs), (listed, progs)
    assert all(len(l) <= 79 for l in out.splitlines()), out


def test_background_then_foreground(sh):
    """`a & b`: a runs in the background while b runs now."""
    t0 = time.time()
    out = sh.run("sleep 3 & echo second")
    assert time.time() - t0 < 2.5, out
    assert re.search(r"^\[\d+\]\nsecond$", out, re.M), out
    out = sh.run("true & true & echo third")
    assert len(re.findall(r"^\[\d+\]$", out, re.M)) == 2 and "third" in out, out
    assert "syntax error" in sh.run("true & | true")


def test_banner_has_one_clock(boot):
    """Times in the banner come from one clock: the boot completes after
    mem_map was initialised, so later than that took."""
    banner = boot[1]
    init = int(re.search(r"initialised in (\d+) ns", banner).group(1))
    done = int(re.search(r"Boot complete at (\d+) ns", banner).group(1))
    assert done > init, banner[-2000:]


def test_make_help_lists_every_target():
    out = subprocess.run(["make", "-s", "help"], cwd=TOP, capture_output=True, text=True,
                         timeout=60).stdout
    listed = re.findall(r"^  make (\S+)\s+\S", out, re.M)
    targets = set()
    for f in ("Makefile", "scripts/targets.mk", "user/user.mk"):
        targets |= set(re.findall(r"^([a-z][a-z-]*):", open(os.path.join(TOP, f)).read(), re.M))
    assert sorted(set(listed)) == sorted(targets), (sorted(listed), sorted(targets))
    for t in ("run", "test", "debug", "gdb", "grade", "lab-check", "help"):
        assert t in listed


# ------------------------------------------------------------ pressure tools
def test_memhog_anon_and_file(sh):
    """memhog writes, verifies and releases; with -f through a file."""
    before = int(re.search(r"^MemFree:\s+(\d+)", sh.run("cat /proc/meminfo"), re.M).group(1))
    out = sh.run("memhog -s 1 16m; echo status $?")
    assert re.search(r"^memhog: wrote 4096 pages \(16384 kB\) of anonymous memory, pattern "
                     r"page number\nmemhog: verified 4096 pages\nmemhog: holding for 1 s\n"
                     r"memhog: done\nstatus 0$", out, re.M), out
    out = sh.run("memhog -p 0x5a -f /memhog.dat 3000k; echo status $?; ls -l /memhog.dat; "
                 "rm /memhog.dat")
    assert "wrote 750 pages (3000 kB) to /memhog.dat, pattern byte" in out, out
    assert "verified 750 pages" in out and "status 0" in out, out
    assert re.search(r" 3072000 .*/memhog.dat$", out, re.M), out
    after = int(re.search(r"^MemFree:\s+(\d+)", sh.run("cat /proc/meminfo"), re.M).group(1))
    assert abs(after - before) < 1024, (before, after)
    out = sh.run("memhog 0; memhog -p 256 1m; memhog; echo status $?")
    assert out.count("usage: memhog") == 3 and "status 2" in out, out


def test_oomdemo_stops_at_max(sh):
    """With a limit the child stops by itself; its oom_score_adj is set."""
    out = sh.run("oomdemo 500 32; echo status $?")
    assert re.search(r"^oomdemo: MemFree \d+ kB; child (\d+) eats memory \(oom_score_adj 500\)$",
                     out, re.M), out
    assert "oomdemo: child has 16 MiB\noomdemo: child has 32 MiB\n" in out, out
    assert re.search(r"child \d+ exited with status 0 after 32 MiB\n"
                     r"oomdemo: MemFree (\d+) kB before, (\d+) kB after\nstatus 0$", out, re.M), out
    assert "usage: oomdemo" in sh.run("oomdemo 2000")


def test_memsample_columns(sh):
    out = sh.run("memsample -i 20 -n 3")
    lines = out.strip().splitlines()
    assert re.match(r"^# memsample interval_ms=20 total_kb=\d+ wmark_min_kb=\d+ "
                    r"wmark_low_kb=\d+ wmark_high_kb=\d+$", lines[0]), out
    head = lines[1].split(",")
    assert head[:3] == ["t_ms", "free_kb", "active_anon_kb"] and "oom_kill" in head, out
    rows = [[int(x) for x in l.split(",")] for l in lines[2:]]
    assert len(rows) == 3 and all(len(r) == len(head) for r in rows), out
    assert rows[0][0] == 0 and rows[1][0] >= 15 and rows[2][0] >= 35, out
    assert rows[0][1] > 0, out


def png_size(path):
    """(width, height) of a PNG file, after checking its signature and IHDR."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    assert data[-8:-4] == b"IEND"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def run_plot(kernel, tmp_path, scenario):
    t0 = time.time()
    r = subprocess.run([PYTHON, "scripts/plot.py", "--board", kernel.board, "--build",
                        kernel.build, "--scenario", scenario, "--out", str(tmp_path),
                        "--timeout", "50"], cwd=TOP, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert time.time() - t0 < 60
    csv = (tmp_path / ("plot-%s.csv" % scenario)).read_text().splitlines()
    head = [l for l in csv if l.startswith("t_ms,")][0].split(",")
    rows = [[int(x) for x in l.split(",")] for l in csv if not l.startswith(("#", "t_ms"))]
    assert rows and all(len(row) == len(head) for row in rows), csv[:5]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    w, h = png_size(str(tmp_path / ("plot-%s.png" % scenario)))
    assert w >= 640 and h >= 400, (w, h)
    return r.stdout, csv, head, rows


def test_plot_pipeline(kernel, tmp_path):
    """make plot end to end on a short scenario: boot at 128 MiB, memhog
    8 MiB under memsample; the CSV parses and shows the 8 MiB come and
    go; the PNG is a PNG."""
    out, csv, head, rows = run_plot(kernel, tmp_path, "quick")
    assert re.search(r"^plot: \d+ samples over [\d.]+ s", out, re.M), out
    assert csv[0].startswith("# memsample interval_ms=10 total_kb=12"), csv[0]
    free = [row[head.index("free_kb")] for row in rows]
    assert max(free) - min(free) >= 7 * 1024, free
    assert [l for l in csv if l.startswith("# exit t_ms=")] and free[-1] > max(free) - 1024, csv


def test_plot_oom_marked(kernel, tmp_path):
    """The oom scenario: the child is killed, and the kill is marked (from
    oom_kill in /proc/vmstat, or the kernel's console line)."""
    out, csv, head, rows = run_plot(kernel, tmp_path, "oom")
    assert re.search(r"1 OOM kills?", out), out
    assert [l for l in csv if l.startswith(("# oom_kill", "# console"))], csv
