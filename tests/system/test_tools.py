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
