"""User space on mmkernel: the shell, the tools and the test programs.

One boot for the whole module (the initramfs from `make initramfs`, /init
starting /bin/sh).  Every test types a command at the "mmk# " prompt and
reads what came back until the next prompt.  The user test programs print
exactly "NAME: ok" (or "NAME: FAIL <reason>"), and each checks by itself
that MemFree returns to its starting value after its children exit.

The last two tests end the shell (init must start a new one) and power off.
"""
import os
import re

import pexpect
import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMPT = "mmk# "

TEST_PROGRAMS = [
    "zero_page", "lazy_heap", "cow", "cow_reuse", "stack_growth", "segv_kills",
    "efault", "mmap_semantics", "exec_bad", "asid_rollover", "brk_shrink",
    "pgtables", "linux_abi", "ucopy", "tls", "pagemap", "overcommit",
    "mlock_madvise",
]

FREE_HEADER = ("               total        used        free      shared"
               "  buff/cache   available")


class Shell:
    """The console of the booted kernel, driven one command at a time."""

    def __init__(self, con):
        self.con = con

    def run(self, cmd, timeout=30):
        """Type cmd, wait for the next prompt; the output without the echo."""
        self.con.sendline(cmd)
        try:
            self.con.expect_exact(PROMPT, timeout=timeout)
        except (pexpect.EOF, pexpect.TIMEOUT) as e:
            pytest.fail("%r: no prompt after %ds (%s); console:\n%s"
                        % (cmd, timeout, type(e).__name__, (self.con.before or "")[-3000:]))
        out = self.con.before.replace("\r\n", "\n").replace("\r", "")
        # The console echoes what was typed: drop that first line.
        first, _, rest = out.partition("\n")
        return rest if first.strip().endswith(cmd.strip()) else out

    def pid(self):
        return int(self.run("echo $$").split()[0])


@pytest.fixture(scope="module")
def sh(kernel):
    if not os.path.exists(os.path.join(kernel.build, "initramfs.cpio")):
        pytest.fail("no initramfs: run `make initramfs`")
    con = kernel.spawn("", mem=1024, timeout=60)
    try:
        con.expect_exact(PROMPT, timeout=60)
    except (pexpect.EOF, pexpect.TIMEOUT):
        pytest.fail("no shell prompt after boot; console:\n%s" % (con.before or "")[-3000:])
    yield Shell(con)
    if con.isalive():
        con.terminate(force=True)


def numbers(line):
    return [int(x) for x in re.findall(r"\b\d+\b", line)]


def meminfo(sh):
    out = sh.run("cat /proc/meminfo")
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"^(\w+):\s+(\d+) kB$", out, re.M)}


# ------------------------------------------------------------------ the shell
def test_echo_and_variables(sh):
    out = sh.run('echo hello "two  spaces" $$')
    assert re.search(r"^hello two  spaces \d+$", out, re.M), out


def test_not_found(sh):
    out = sh.run("nosuchprogram")
    assert "sh: nosuchprogram: not found" in out
    assert sh.run("echo $?").strip() == "127"


def test_pipe_and_redirect_in(sh):
    out = sh.run("cat < /data/hello.txt | cat | cat")
    assert "Hello from the mmkernel initramfs." in out


# -------------------------------------------------------- the test programs
@pytest.mark.parametrize("name", TEST_PROGRAMS)
def test_program(sh, name):
    out = sh.run(name, timeout=120 if name == "asid_rollover" else 60)
    assert "%s: ok" % name in out, out
    assert "FAIL" not in out, out


def test_ok_lines_say_what_was_measured(sh):
    """zero_page and asid_rollover say what they saw, not only "ok"."""
    out = sh.run("zero_page")
    m = re.search(r"^zero_page: reading 1024 fresh pages: VmRSS ([+-]\d+) kB \(the shared "
                  r"zero page\); writing them: ([+-]\d+) kB\nzero_page: ok$", out, re.M)
    assert m and abs(int(m.group(1))) <= 16 and 4096 <= int(m.group(2)) <= 4096 + 128, out
    out = sh.run("asid_rollover", timeout=120)
    m = re.search(r"^asid_rollover: 640 processes; (\d+) ASIDs handed out, (\d+) rollovers "
                  r"\(/proc/tlbinfo\)\nasid_rollover: ok$", out, re.M)
    assert m and int(m.group(1)) >= 640 and int(m.group(2)) >= 2, out


def test_alltests_summary(sh):
    out = sh.run("alltests zero_page cow", timeout=60)
    assert "zero_page: ok" in out and "cow: ok" in out, out
    assert "alltests: 2 ok, 0 failed" in out, out


def test_killed_program_reported(sh):
    # The reports are rate-limited (20 every 5 s): the test programs before
    # this one may have used up the budget of the current interval.
    sh.run("sleep 6", timeout=30)
    out = sh.run("crash null")
    m = re.search(r"^Segmentation fault \(pid (\d+)\)$", out, re.M)
    assert m, out
    pid = m.group(1)
    # The kernel's own one-line report names the process (pid and name).
    report = [l for l in out.splitlines()
              if re.search(r"\b%s\b" % pid, l) and "crash" in l and "Segmentation" not in l]
    assert report, out
    assert sh.run("echo $?").strip() == "139"


def test_mmbench_names(sh):
    out = sh.run("mmbench", timeout=120)
    names = re.findall(r"^(\w+) (\d+) ns$", out, re.M)
    cases = [
        "anon_write_fault_ns_per_page", "anon_read_fault_ns_per_page",
        "cow_write_fault_ns_per_page", "young_fault_ns_per_page", "fork_small_ns_per_fork",
        "fork_exit_wait_small_ns_per_round", "fork_16m_rss_ns_per_fork",
        "brk_grow_touch_ns_per_page", "mmap_munmap_1m_ns_per_pair",
        "context_switch_ns_per_roundtrip", "pipe_pingpong_ns_per_roundtrip",
        "svc_null_ns_per_call", "dabt_reuse_ns_per_fault",
        "clear_page_ns_per_page", "copy_page_ns_per_page"]
    # each case fresh, then in a process with a history (_warm)
    assert [n for n, _ in names] == [n + w for n in cases for w in ("", "_warm")], out


# ------------------------------------------------------------------- tools
def test_cat_meminfo(sh):
    mi = meminfo(sh)
    assert mi.get("MemTotal", 0) > 0 and 0 < mi.get("MemFree", 0) <= mi["MemTotal"], mi


def test_free(sh):
    total = meminfo(sh)["MemTotal"]
    lines = sh.run("free").splitlines()
    assert FREE_HEADER in lines, lines
    mem = [l for l in lines if l.startswith("Mem:")]
    swap = [l for l in lines if l.startswith("Swap:")]
    assert len(mem) == 1 and len(swap) == 1, lines
    t, used, free, shared, cache, avail = numbers(mem[0])
    assert t == total
    assert free <= t and used <= t and avail <= t
    assert len(numbers(swap[0])) == 3


def test_ps(sh):
    me = sh.pid()
    sh.run("sleep 3 &")
    out = sh.run("ps")
    assert re.search(r"^\s*PID\s+PPID\s+STATE\s+ASID\s+VSZ\s+RSS\s+NAME$", out, re.M), out
    rows = {}
    for l in out.splitlines():
        f = l.split()
        if len(f) == 7 and f[0].isdigit():
            rows[int(f[0])] = f
    assert rows[1][6] == "init", out
    assert rows[me][6] == "sh" and rows[me][1] == "1", out
    assert any(f[6] == "ps" and f[1] == str(me) for f in rows.values()), out
    # A process that ran since the last rollover has an ASID (1..255) of the
    # current generation, its own; one asleep since then shows "-" (it gets
    # a new ASID when it next runs).  The shell and ps are running now.
    asids = [f[3] for f in rows.values() if f[3] != "-"]
    assert all(a.isdigit() and 0 < int(a) < 256 for a in asids), out
    assert len(set(asids)) == len(asids), out
    assert rows[me][3].isdigit() and any(f[6] == "ps" and f[3].isdigit() for f in rows.values()), out
    assert sh.run("cat /proc/%d/asid" % me).strip() == rows[me][3]


def test_pmap_of_shell(sh):
    out = sh.run("pmap %d" % sh.pid())
    assert "Address   Kbytes     RSS   Dirty Mode  Mapping" in out, out
    rows = re.findall(r"^([0-9a-f]{8}) +(\d+) +(\d+) +(\d+) ([-rwxs]{5}) +(.*)$", out, re.M)
    names = [r[5].strip() for r in rows]
    assert "[ stack ]" in names and "[ heap ]" in names, out
    assert any(r[5] == "sh" and r[4].startswith("r-x") for r in rows), out
    total = re.search(r"^total kB +(\d+) +(\d+) +(\d+)$", out, re.M)
    assert total and int(total.group(1)) == sum(int(r[1]) for r in rows), out


def test_vmstat(sh):
    lines = [l for l in sh.run("vmstat").splitlines() if l.strip()]
    assert lines[0].startswith("procs -----------memory----------"), lines
    assert lines[1].split() == ["r", "b", "swpd", "free", "buff", "cache", "si", "so",
                                "bi", "bo", "in", "cs", "us", "sy", "id", "wa", "st"]
    assert len(numbers(lines[2])) == 17, lines


def test_slabtop(sh):
    out = sh.run("slabtop")
    assert re.search(r"^ Active / Total Objects \(% used\)\s+: \d+ / \d+ ", out, re.M), out
    assert "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME" in out
    assert re.search(r"^ *\d+ +\d+ +\d+% +\d+\.\d\dK +\d+ +\d+ +\d+K \S+", out, re.M), out


def test_smem(sh):
    out = sh.run("smem")
    assert re.search(r"^\s*PID User\s+Command\s+Swap\s+USS\s+PSS\s+RSS\s*$", out, re.M), out
    rows = re.findall(r"^\s*(\d+) (\S+)\s+(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$",
                      out, re.M)
    # Command is the command line: "/init" or "init", "sh"
    cmds = [os.path.basename(r[2].split()[0]) for r in rows]
    assert "init" in cmds and "sh" in cmds, out
    for r in rows:
        uss, pss, rss = int(r[4]), int(r[5]), int(r[6])
        assert uss <= pss <= rss, r


def test_proc_knobs(sh):
    before = int(sh.run("cat /proc/sys/vm/min_free_kbytes").split()[0])
    out = sh.run("echo %d > /proc/sys/vm/min_free_kbytes" % (before + 64))
    assert "sh:" not in out, out
    assert int(sh.run("cat /proc/sys/vm/min_free_kbytes").split()[0]) == before + 64
    sh.run("echo %d > /proc/sys/vm/min_free_kbytes" % before)
    out = sh.run("echo 1 > /proc/sys/vm/drop_caches")
    assert "sh:" not in out, out


def test_kill_background(sh):
    m = re.search(r"^\[(\d+)\]$", sh.run("sleep 30 &"), re.M)
    assert m
    pid = m.group(1)
    out = sh.run("kill -9 %s" % pid) + sh.run("sleep 1") + sh.run("ps")
    assert "Killed (pid %s)" % pid in out, out
    assert not re.search(r"^\s*%s\s" % pid, out.split("PID")[-1], re.M), out
    assert "No such process" in sh.run("kill %s" % pid)


def test_orphans_reaped_by_init(sh):
    sh.run('sh -c "sleep 1 &"')           # the sleep outlives its parent
    sh.run("sleep 2")
    out = sh.run("ps")
    assert not re.search(r"^\s*\d+\s+\d+\s+Z", out, re.M), out
    assert " sleep" not in out, out


def test_init_restarts_shell(sh):
    old = sh.pid()
    sh.con.sendline("exit 7")
    sh.con.expect(r"init: sh \(pid (\d+)\) exited with status 7, restarting", timeout=30)
    assert int(sh.con.match.group(1)) == old
    sh.con.expect_exact(PROMPT, timeout=30)
    assert sh.pid() != old


def test_poweroff(sh):
    sh.con.sendline("poweroff")
    sh.con.expect(pexpect.EOF, timeout=30)
    assert "Power down." in sh.con.before
