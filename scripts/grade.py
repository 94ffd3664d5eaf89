#!/usr/bin/env python3
"""Grade a lab: `make grade LAB=n` (docs/labs/labN.md).

    scripts/grade.py --lab N [--tree DIR] [--exercise M] [--board B] [-v] [--json FILE]
    scripts/grade.py --check-all            every lab: reference 100%, handouts and
                                            known wrong answers lose points (make lab-check)

Builds the tree (the kernel, the initramfs, the host tests the lab needs),
runs the lab's checks and prints one line per exercise and a total:

    exercise 1: 10/10  merging on free (__free_one_page)
    exercise 2:  5/10  splitting on allocation (__rmqueue_smallest, expand)
        FAIL host test_buddy: test_split_and_merge
             test_split_and_merge: tests/host/test_buddy.c:341 (in check_block)
                 assert_int_equal(page->private, order);
                 got 0x5, expected 0x6
    ...
    total: 25/30 (83%)

An exercise scores its points times the fraction of its checks that pass.
The checks (scripts/grade_labs.py) are the project's own tests:

    host     a cmocka test of build/host/ (tests/host/test_*.c), by name
    boot     boot QEMU with a command line (selftest=..., show=..., fault=...)
             and MEM=, and look at the console output
    shell    a command typed at the shell of one booted kernel (mmk# )
    live     a probe of that same kernel: /proc files read from its shell,
             or GDB attached to it (scripts/gdb helpers, symbols)
    listing  the disassembly, build/<board>/kernel.lst
    answers  the values in the lab's answers file, against the running kernel

Pristine tests.  A student's edits to the tests never count:

  - grading another tree (--tree DIR, the teacher's way) builds a copy of
    it, under this tree's build/grade/, in which every test file (the
    PROTECTED set below) is this tree's own;
  - grading this very tree (`make grade` in a handout) checks the test
    files against scripts/pristine.sha256, which `make lab-handout` wrote;
    the checks that depend on a changed file fail and name it.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

QEMU_BOARD = {
    "vexpress-a9": ["-M", "vexpress-a9", "-audiodev", "none,id=snd0",
                    "-global", "pl041.audiodev=snd0"],
    "virt": ["-M", "virt", "-cpu", "cortex-a15", "-nic", "none"],
}
PROMPT = "mmk# "
# Seconds of console silence that mean "hung" (the longest silence of a good
# boot, selftest=all, is about 3 s here; MMK_GRADE_IDLE for slow hosts).
IDLE = int(os.environ.get("MMK_GRADE_IDLE", "12"))
# What a kernel prints when it stops for good without powering off.
HALTED = ("no power-off control; halting", "System halted.")
BOOT_TIMEOUT = 90       # a boot to power-off, at most
SWAP_DISK_MIB = 96      # the swap area of a lab with disk="swap" (lab 10)

# ------------------------------------------------------------ pristine tests
#
# The files a student never needs to change, and whose changes never count:
# the tests, the user programs (tests and tools the checks run), the
# kernel's self-tests, the build rules and every script (this grader, the
# GDB helpers).
PROTECTED_DIRS = ("tests/", "user/", "scripts/")
PROTECTED_FILES = ("Makefile", "arch/arm/boards.mk", "kernel/selftest.c", "linker.ld")
PROTECTED_RE = re.compile(r"^(mm|arch/arm)/selftest_\w+\.c$")
MANIFEST = "scripts/pristine.sha256"
SKIP_DIRS = {"build", ".git", "__pycache__", ".pytest_cache"}


def is_protected(rel):
    return (rel.startswith(PROTECTED_DIRS) or rel in PROTECTED_FILES or
            bool(PROTECTED_RE.match(rel))) and rel != MANIFEST


def tree_files(top):
    """Every regular file of a source tree, as paths relative to it."""
    out = []
    for d, dirs, files in os.walk(top):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
        for f in files:
            p = os.path.join(d, f)
            if os.path.isfile(p) and not os.path.islink(p) and not f.endswith(".pyc"):
                out.append(os.path.relpath(p, top))
    return sorted(out)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_manifest(top):
    """scripts/pristine.sha256: the protected files of a handout, sha256sum's format."""
    lines = ["%s  %s\n" % (sha256(os.path.join(top, r)), r)
             for r in tree_files(top) if is_protected(r)]
    with open(os.path.join(top, MANIFEST), "w") as f:
        f.writelines(lines)


def manifest_changes(top):
    """Protected files of `top` that differ from its manifest (changed,
    removed or added), or [] when there is no manifest."""
    path = os.path.join(top, MANIFEST)
    if not os.path.exists(path):
        return []
    want = {}
    for line in open(path):
        h, _, rel = line.rstrip("\n").partition("  ")
        want[rel] = h
    have = {r: sha256(os.path.join(top, r)) for r in tree_files(top) if is_protected(r)}
    return sorted(r for r in set(want) | set(have) if want.get(r) != have.get(r)
                  and not r.endswith(".pyc"))


# Which kinds of check a changed protected file can falsify.
def kinds_affected(rel):
    if rel.startswith("tests/host/"):
        return {"host"}
    if rel.startswith(("tests/system/", "tests/boot/")):
        return set()                        # not used by the grader
    if rel.startswith("user/"):
        return {"shell", "live", "answers"}
    if PROTECTED_RE.match(rel) or rel == "kernel/selftest.c":
        return {"boot"}
    return {"host", "boot", "shell", "live", "listing", "answers"}


def read_tree(top, protected):
    """{rel: bytes} of the tree's protected (or unprotected) files."""
    out = {}
    for rel in tree_files(top):
        if is_protected(rel) == protected:
            with open(os.path.join(top, rel), "rb") as f:
                out[rel] = f.read()
    return out


def substitute(text, func, source):
    """text with the body of func replaced by its body in source (both C
    files), or None if either has no such function."""
    handout = __import__("lab-handout")
    a, b = text.split("\n"), source.split("\n")
    sa, sb = handout.find_body(a, func), handout.find_body(b, func)
    if not sa or not sb:
        return None
    a[sa[0]:sa[1] + 1] = b[sb[0]:sb[1] + 1]
    return "\n".join(a)


def sync_tree(work, files, reference, board):
    """Make `work` a source tree holding exactly `files` ({rel: bytes}),
    ready for an incremental build.

    Its build/ starts as a copy of the reference's, so that only what
    differs is compiled: a file whose content is the reference's keeps the
    reference's time, any other the current time, and make rebuilds
    exactly what the differences touch.  Nothing of a student's build/ is
    ever used."""
    fresh = not os.path.isdir(work)
    if fresh:
        for sub in (os.path.join("build", board), os.path.join("build", "host")):
            src = os.path.join(reference, sub)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(work, sub), symlinks=True,
                                ignore=shutil.ignore_patterns("*.img", "sdcard", "grade-gdb.py"))
    now = time.time()
    for rel, data in files.items():
        dst = os.path.join(work, rel)
        if os.path.exists(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        ref = os.path.join(reference, rel)
        os.chmod(dst, os.stat(ref).st_mode if os.path.exists(ref) else 0o644)
        same = False
        if fresh and os.path.exists(ref):
            with open(ref, "rb") as f:
                same = f.read() == data
        if same:
            st = os.stat(ref)
            os.utime(dst, (st.st_atime, st.st_mtime))
        else:
            os.utime(dst, (now, now))
    for rel in tree_files(work):
        if rel not in files:
            os.unlink(os.path.join(work, rel))
    return work


def work_name(student):
    """The directory under build/grade/ for a student's tree."""
    return re.sub(r"[^\w.-]", "_", os.path.abspath(student).strip("/"))[-80:]


def plan_builds(lab, student, reference, board):
    """Teacher mode: the tree each exercise is built and checked in.

    The student's sources with the reference's test files; and for
    exercise n, the functions of the *other* exercises replaced by the
    reference's, so that a mistake in one exercise costs points in that
    exercise alone.  A plan whose files are exactly the reference's is
    built in the reference itself.  Returns ({n: tree}, notes)."""
    ref_src, ref_prot = read_tree(reference, False), read_tree(reference, True)
    mine = read_tree(student, False)
    theirs = read_tree(student, True)
    notes = []
    changed = sorted(r for r in set(theirs) | set(ref_prot) if theirs.get(r) != ref_prot.get(r)
                     and r != MANIFEST)
    if changed:
        notes.append("your changes to these files were not used (graded with the reference's): "
                     + ", ".join(changed))
    name = work_name(student)
    plans, trees = {}, {}
    for n, ex in enumerate(lab["exercises"], 1):
        files = dict(mine)
        for m, other in enumerate(lab["exercises"], 1):
            if m == n:
                continue
            for path, func, _ in other.get("functions", []):
                if path in files and path in ref_src:
                    new = substitute(files[path].decode(), func, ref_src[path].decode())
                    if new is not None:
                        files[path] = new.encode()
        if files == ref_src:
            plans[n] = reference
            continue
        key = tuple(sorted((r, hashlib.sha1(d).hexdigest()) for r, d in files.items()))
        if key not in trees:
            files.update(ref_prot)
            trees[key] = sync_tree(os.path.join(reference, "build", "grade", name, "ex%d" % n),
                                   files, reference, board)
        plans[n] = trees[key]
    return plans, notes


# ------------------------------------------------------------------ feedback

PANIC_START = re.compile(r"^(Kernel panic: |\*\*\* .* \*\*\*$)", re.M)


def panic_message(out):
    """The whole panic or oops report in a console log (from its first line to
    the end of its backtrace), or None."""
    m = PANIC_START.search(out)
    if not m:
        return None
    text = out[m.start():]
    end = re.search(r"^(Power down\.|System halted\.|\[grader:)", text, re.M)
    return text[:end.start()].rstrip() if end else text.rstrip()


def console_tail(out, lines=12):
    rows = [r for r in out.replace("\r", "").split("\n")]
    while rows and not rows[-1].strip():
        rows.pop()
    return "\n".join(rows[-lines:])


def describe_console(out):
    """What a reader needs of a console log that did not say what it should:
    the whole panic report if there is one, else its last lines."""
    p = panic_message(out)
    if p:
        return "the kernel died:\n" + p
    kills = re.findall(r"^(?:segfault|killed|sigbus|sigill|sigtrap): pid .*$", out, re.M)
    tail = console_tail(out)
    if kills:
        return "\n".join(kills[-5:]) + "\nlast lines of the console:\n" + tail
    return "last lines of the console:\n" + tail


def assertion_detail(tree, name, comments):
    """A failed cmocka test's "# ..." lines, made readable: where it failed,
    the assertion's source line, and the values."""
    msgs = [c for c in comments if not re.match(r"^\S+:\d+: error: Failure!$", c)]
    where = [re.match(r"^(\S+):(\d+): error: Failure!$", c) for c in comments]
    where = [w for w in where if w]
    lines = ["%s failed" % name]
    if where:
        path, line = where[-1].group(1), int(where[-1].group(2))
        src, fn = source_line(tree, path, line)
        lines[0] += " at %s:%d%s" % (path, line, " (in %s)" % fn if fn else "")
        if src:
            lines.append("    " + src.strip())
    for msg in msgs:
        m = re.match(r"^(\S+) != (\S+)$", msg)
        if m:
            lines.append("    got %s, expected %s" % (number(m.group(1)), number(m.group(2))))
        else:
            lines.append("    " + msg)
    return "\n".join(lines)


def number(text):
    """cmocka prints integers in hex: show them in decimal too."""
    try:
        v = int(text, 16) if text.startswith("0x") else int(text)
    except ValueError:
        return text
    return "%d (%s)" % (v, text) if text.startswith("0x") and v > 9 else str(v)


def source_line(tree, path, line):
    """(the source line, the function it is in) of path:line in the tree."""
    for p in (os.path.join(tree, path), os.path.join(tree, "tests", "host", os.path.basename(path))):
        if os.path.exists(p):
            rows = open(p, errors="replace").read().split("\n")
            if not 0 < line <= len(rows):
                return None, None
            fn = None
            for r in reversed(rows[:line]):
                m = re.match(r"^(?:static\s+)?[\w\s\*]+?\b(\w+)\(.*\)\s*$", r)
                if m and not r.startswith((" ", "\t")):
                    fn = m.group(1)
                    break
            return rows[line - 1], fn
    return None, None


def parse_tap(text):
    """{test name: (passed, [comment lines])} from cmocka's TAP output."""
    res, cur = {}, None
    for line in text.split("\n"):
        m = re.match(r"^(ok|not ok) \d+ - (\S+)", line)
        if m:
            cur = m.group(2)
            res[cur] = (m.group(1) == "ok", [])
        elif line.startswith("# ") and cur and not res[cur][0]:
            res[cur][1].append(line[2:])
    return res


def sanitizer_report(stderr):
    """The first report of AddressSanitizer/UBSan in stderr, whole."""
    m = re.search(r"^(=+\d+=+ERROR|\S+:\d+:\d+: runtime error).*", stderr, re.M)
    if not m:
        return stderr.strip()
    rows = stderr[m.start():].split("\n")
    keep = []
    for r in rows:
        keep.append(r)
        if r.startswith("SUMMARY:") or len(keep) >= 40:
            break
    return "\n".join(keep)


# ------------------------------------------------------------------ machinery

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class ShellDied(RuntimeError):
    pass


class Shell:
    """One booted kernel at its shell prompt, with a GDB stub on `port`.
    Everything the console printed is kept in self.log."""

    def __init__(self, grader, mem=1024, args=""):
        self.g = grader
        self.port = free_port()
        self.log = []
        cmd = grader.qemu_cmd(args, mem) + ["-gdb", "tcp:127.0.0.1:%d" % self.port]
        self.con = pexpect.spawn(cmd[0], cmd[1:], timeout=60, encoding="utf-8",
                                 codec_errors="replace", env=dict(os.environ, QEMU_AUDIO_DRV="none"))
        self.error = None
        self.pending = False
        try:
            if self.con.expect_exact([PROMPT] + list(HALTED), timeout=30) != 0:
                raise pexpect.EOF("halted")
            self.log.append(self.con.before + PROMPT)
        except (pexpect.TIMEOUT, pexpect.EOF):
            out = (self.con.before or "").replace("\r", "")
            self.error = "no shell prompt after boot; " + describe_console(out)

    def run(self, cmd, timeout=60):
        if self.error:
            raise ShellDied(self.error)
        if self.pending:        # a command sent with send() whose prompt is still to come
            self.resync()
        self.con.sendline(cmd)
        try:
            self.con.expect_exact(PROMPT, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF) as e:
            out = (self.con.before or "").replace("\r", "")
            self.log.append(out)
            self.error = "'%s': no prompt came back (%s): %s" % (
                cmd, "hung" if isinstance(e, pexpect.TIMEOUT) else "QEMU exited",
                describe_console(out))
            raise ShellDied(self.error)
        out = self.con.before.replace("\r\n", "\n").replace("\r", "")
        self.log.append(out + PROMPT)
        first, _, rest = out.partition("\n")
        return rest if first.strip().endswith(cmd.strip()) else out

    def send(self, cmd):
        self.con.sendline(cmd)
        self.pending = True

    def resync(self):
        """Wait for the prompt after a command sent with send()."""
        self.pending = False
        try:
            self.con.expect_exact(PROMPT, timeout=30)
        except (pexpect.TIMEOUT, pexpect.EOF):
            out = (self.con.before or "").replace("\r", "")
            self.log.append(out)
            self.error = "no prompt came back: " + describe_console(out)
            raise ShellDied(self.error)
        self.log.append(self.con.before + PROMPT)

    def pid(self):
        return int(self.run("echo $$").split()[0])

    def error_text(self):
        return self.error or describe_console("".join(self.log[-2:]))

    def close(self):
        self.con.close(force=True)


def gdb_where(out):
    """The "Program received signal SIGINT" stop GDB printed, briefly."""
    m = re.search(r"^(?:Program received signal SIGINT.*\n)?(0x[0-9a-f]+ in .*)$", out, re.M)
    return m.group(1) if m else (out.strip().split("\n") or ["?"])[-1]


class Gdb:
    """gdb-multiarch in batch mode against the shell's QEMU (which it stops
    while it reads, and lets go on at `detach`)."""

    def __init__(self, grader, shell_):
        self.g, self.sh = grader, shell_

    def _run(self, exs, while_running=None, timeout=60):
        if self.sh.error:
            raise ShellDied(self.sh.error)
        cmd = ["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/gdbinit",
               "-ex", "target remote 127.0.0.1:%d" % self.sh.port]
        for e in exs:
            cmd += ["-ex", e]
        cmd += ["-ex", "detach", os.path.join(self.g.build, "kernel.elf")]
        proc = subprocess.Popen(cmd, cwd=self.g.tree, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        early = ""
        if while_running:
            early = self._wait_ready(proc, timeout)
            while_running()
        try:
            out, _ = proc.communicate(timeout=timeout)
            out = early + out
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)      # stops the target: the script goes on
            try:
                out, _ = proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
            raise RuntimeError("GDB waited %d s for the kernel to reach a breakpoint and gave up "
                               "(the program that should reach it did not run?); where the "
                               "kernel was: %s" % (timeout, gdb_where(out)))
        return out

    @staticmethod
    def _wait_ready(proc, timeout):
        """GDB's output up to the script's READY line (printed once its
        breakpoints are set, right before it lets the kernel go on), so that
        what the shell is then given to do cannot run before them."""
        import select
        seen, deadline = [], time.time() + timeout
        while time.time() < deadline:
            r, _, _ = select.select([proc.stdout], [], [], 1.0)
            if not r:
                if proc.poll() is not None:
                    break
                continue
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.strip() == "@@READY":
                break
        return "".join(seen)

    def commands(self, cmds):
        return self._run(cmds)

    def python(self, script, while_running=None, timeout=60):
        path = os.path.join(self.g.build, "grade-gdb.py")
        if while_running:      # say when the breakpoints are set (_wait_ready)
            script = re.sub(r"""gdb\.execute\((['"])continue\1\)""",
                            'print("@@READY", flush=True); gdb.execute("continue")', script, count=1)
        with open(path, "w") as f:
            f.write("import gdb, json\nimport mmkernel\n" + script)
        return self._run(["python import sys; sys.path.insert(0, 'scripts/gdb')",
                          "source " + path], while_running=while_running, timeout=timeout)

    def eval(self, exprs):
        out = self.python("print('JSON' + json.dumps([int(gdb.parse_and_eval(e)) for e in %r]))\n"
                          % list(exprs))
        m = re.search(r"^JSON(.*)$", out, re.M)
        if not m:
            raise RuntimeError("gdb could not read %s: %s" % (", ".join(exprs), out[-600:]))
        return json.loads(m.group(1))


class Grader:
    def __init__(self, tree, board, verbose=False, student=None, werror=True):
        self.tree = os.path.abspath(tree)         # what is built and run
        self.student = student or self.tree        # what the student handed in
        self.werror = werror
        self.board = board
        self.build = os.path.join(self.tree, "build", board)
        self.verbose = verbose
        self.boots = {}
        self.hosts = {}
        self.built = None
        self.shells = {}
        self.dead = None        # set when a boot hung before "Boot complete"
        self.tampered = {}      # kind -> changed protected files (manifest mode)
        self.disk = False       # to each boot: a fresh copy of build/<board>/disk.img
                                # (True), or a fresh swap area ("swap"): fresh_disk
        self.disk_dir, self.disks = None, 0

    # ---- building
    def make(self, *targets):
        proc = subprocess.run(["make", "-s", "-j2", "BOARD=" + self.board,
                               "WERROR=%d" % self.werror] + list(targets),
                              cwd=self.tree, capture_output=True, text=True, timeout=900)
        return proc.returncode == 0, proc.stdout + proc.stderr

    def kernel_built(self):
        if self.built is None:
            ok, log = self.make("all")
            errs = [l for l in log.split("\n") if re.search(r"error|Error", l)]
            self.built = (ok, "\n".join(errs[:30]) if errs else log[-3000:])
        return self.built

    # ---- booting
    def qemu_cmd(self, bootargs, mem):
        dtb = os.path.join(self.build, self.board + ".dtb")
        cmd = ["qemu-system-arm"] + QEMU_BOARD[self.board] + [
            "-m", str(mem), "-nographic", "-no-reboot", "-monitor", "none",
            "-kernel", os.path.join(self.build, "Image"),
            "-initrd", os.path.join(self.build, "initramfs.cpio"),
            "-append", "console=ttyAMA0 panic=poweroff " + bootargs]
        if os.path.exists(dtb):
            cmd[-2:-2] = ["-dtb", dtb]
        if self.disk:
            cmd[-2:-2] = ["-drive", "if=none,id=vd0,file=%s,format=raw,cache=unsafe"
                          % self.fresh_disk(), "-device", "virtio-blk-device,drive=vd0"]
        return cmd

    def fresh_disk(self):
        """A disk for one boot, which no other boot sees: a copy of the
        build's ext2 image (build/<board>/disk.img), or for a lab with
        disk="swap" a new swap area of SWAP_DISK_MIB, made by the host's
        mkswap (util-linux): the header is Linux's own, not ours."""
        import shutil
        import tempfile
        if self.disk_dir is None:
            self.disk_dir = tempfile.mkdtemp(prefix="mmk-grade-disk-")
        self.disks += 1
        path = os.path.join(self.disk_dir, "disk%d.img" % self.disks)
        if self.disk != "swap":
            shutil.copyfile(os.path.join(self.build, "disk.img"), path)
            return path
        mkswap = shutil.which("mkswap") or next(
            (p for p in ("/usr/sbin/mkswap", "/sbin/mkswap") if os.path.exists(p)), None)
        if not mkswap:
            raise RuntimeError("no mkswap on this host (util-linux; scripts/setup.sh installs it)")
        with open(path, "wb") as f:
            f.truncate(SWAP_DISK_MIB << 20)
        os.chmod(path, 0o600)
        proc = subprocess.run([mkswap, "-q", path], capture_output=True, text=True, timeout=30)
        if proc.returncode:
            raise RuntimeError("%s -q %s failed: %s" % (mkswap, path, proc.stdout + proc.stderr))
        return path

    def boot(self, args, mem):
        """Console output of a boot to power-off.  A kernel that prints
        nothing for IDLE seconds is taken as hung (and killed); one that hung
        before "Boot complete" in a plain boot is dead: later checks fail at
        once."""
        key = (args, mem)
        if key in self.boots:
            return self.boots[key]
        if self.dead:
            raise RuntimeError(self.dead)
        cmd = self.qemu_cmd(args + " poweroff", mem)
        con = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                            env=dict(os.environ, QEMU_AUDIO_DRV="none"))
        chunks, hung, deadline = [], False, time.time() + BOOT_TIMEOUT
        while True:
            try:
                chunks.append(con.read_nonblocking(65536, timeout=IDLE))
                if any(h in chunks[-1] or h in "".join(chunks[-2:]) for h in HALTED):
                    break
            except pexpect.TIMEOUT:
                hung = True
                break
            except pexpect.EOF:
                break
            if time.time() > deadline:
                hung = True
                break
        con.close(force=True)
        out = "".join(chunks).replace("\r\n", "\n")
        if hung:
            out += "\n[grader: no output for %d s, or no power-off in %d s: killed]" % (
                IDLE, BOOT_TIMEOUT)
        if (hung or any(h in out for h in HALTED)) and "Boot complete" not in out and \
                not args.strip():
            self.dead = "the kernel does not boot (MEM=%d): %s" % (mem, describe_console(out))
        self.boots[key] = out
        return out

    def shell(self, mem=1024, args=""):
        key = (mem, args)
        if self.dead:
            raise RuntimeError(self.dead)
        if key not in self.shells:
            for k in list(self.shells):         # one QEMU at a time
                self.shells.pop(k).close()
            self.shells[key] = Shell(self, mem, args)
            if self.shells[key].error and key == (1024, ""):
                self.dead = self.shells[key].error
        return self.shells[key]

    # ---- host tests
    def run_host(self, binary, only=None):
        env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
        if only:
            env["MMK_TEST_FILTER"] = only
        proc = subprocess.run([os.path.join(self.tree, "build/host", binary)],
                              cwd=self.tree, capture_output=True, text=True, timeout=600, env=env)
        return parse_tap(proc.stdout), proc.stderr

    def host(self, binary):
        """(results {test: (passed, comments)}, {test: stderr of its crash})"""
        if binary not in self.hosts:
            ok, log = self.make("build/host/" + binary)
            if not ok:
                errs = [l for l in log.split("\n") if "error" in l]
                self.hosts[binary] = (None, "build of build/host/%s failed:\n%s" % (
                    binary, "\n".join(errs[:20]) or log[-2000:]))
            else:
                res, stderr = self.run_host(binary)
                self.hosts[binary] = (res, {"": stderr})
        return self.hosts[binary]

    def host_result(self, binary, test):
        """One test's (passed, comments, crash report).  A test that did not
        run because an earlier one crashed the program is run on its own."""
        res, crashes = self.host(binary)
        if test not in res and test not in crashes:
            one, stderr = self.run_host(binary, only=test)
            res.update(one)
            crashes[test] = stderr
        if test in res:
            return res[test][0], res[test][1], ""
        return False, [], crashes.get(test) or crashes.get("", "")

    def host_detail(self, binary, tests):
        res, log = self.host(binary)
        if res is None:
            return False, log
        out = []
        for t in tests:
            ok, comments, crash = self.host_result(binary, t)
            if ok:
                continue
            if comments:
                out.append(assertion_detail(self.tree, t, comments))
            else:
                out.append("%s crashed the test program%s" % (
                    t, ":\n" + sanitizer_report(crash) if crash.strip() else ""))
        return not out, "\n".join(out)

    # ---- one check -> (passed, detail)
    def run_check(self, check):
        kind = check.kind
        changed = self.tampered.get(kind)
        if changed:
            return False, ("not graded: these test files differ from the handout's "
                           "(scripts/pristine.sha256): %s; restore them" % ", ".join(changed))
        try:
            if kind != "host":
                ok, log = self.kernel_built()
                if not ok:
                    return False, "kernel build failed:\n" + log
            return check.run(self)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
            return False, str(e)

    def close(self):
        for sh in self.shells.values():
            sh.close()
        self.shells = {}
        if self.disk_dir:
            import shutil
            shutil.rmtree(self.disk_dir, ignore_errors=True)
            self.disk_dir = None


def grade(lab_no, tree, board, verbose=False, exercises=None, reference=None,
          pristine=True, quiet=False):
    """Grade lab_no on tree.  Returns {"score", "total", "exercises": [{"n",
    "title", "score", "points", "checks": [[desc, ok, detail]]}], "notes"}.

    Teacher mode (tree is not the grader's own tree): every exercise is
    built with the reference's test files, and with the reference's code
    for the other exercises' functions (plan_builds).  Student mode (the
    grader's own tree, e.g. `make grade` in a handout): the tree as it is,
    with its test files checked against scripts/pristine.sha256."""
    from grade_labs import LABS
    lab = LABS[lab_no]
    tree = os.path.abspath(tree)
    reference = os.path.abspath(reference or os.path.dirname(HERE))
    notes, tampered = [], {}
    teacher = pristine and tree != reference
    if teacher:
        plans, notes = plan_builds(lab, tree, reference, board)
    else:
        plans = {n: tree for n in range(1, len(lab["exercises"]) + 1)}
        if pristine:
            for rel in manifest_changes(tree):
                for kind in kinds_affected(rel):
                    tampered.setdefault(kind, []).append(rel)
    out = print if not quiet else (lambda *a: None)
    result = dict(lab=lab_no, score=0, total=0, exercises=[], notes=notes)
    out("lab %d: %s  (tree %s, BOARD=%s)" % (lab_no, lab["title"], tree, board))
    if not teacher and any(ex.get("functions") for ex in lab["exercises"]):
        out("note: graded as one kernel: a mistake in one exercise can cost points in "
            "another (graded from the reference tree, each exercise is built with the "
            "reference's code for the others)")
    for n in notes:
        out("note: " + n)
    graders, shown_dead = {}, set()
    try:
        for n, ex in enumerate(lab["exercises"], 1):
            if exercises and n not in exercises:
                continue
            where = plans[n]
            if where not in graders:
                for g in graders.values():
                    g.close()           # one QEMU at a time
                graders[where] = Grader(where, board, verbose, student=tree,
                                        werror=not teacher)
                graders[where].tampered = tampered
                graders[where].disk = lab.get("disk", False)   # labs 8, 9: ext2; 10: swap
            g = graders[where]
            results = []
            for c in ex["checks"]:
                ok, detail = g.run_check(c)
                results.append([c.desc, bool(ok), detail or ""])
            passed = sum(1 for r in results if r[1])
            pts = ex["points"] * passed // len(results)
            result["total"] += ex["points"]
            result["score"] += pts
            result["exercises"].append(dict(n=n, title=ex["title"], score=pts,
                                            points=ex["points"], checks=results))
            out("exercise %d: %2d/%d  %s" % (n, pts, ex["points"], ex["title"]))
            for desc, ok, detail in results:
                if ok and not verbose:
                    continue
                out("    %-4s %s" % ("ok" if ok else "FAIL", desc))
                if not detail:
                    continue
                if g.dead and g.dead in detail:
                    if (where, g.dead) in shown_dead:
                        detail = "(the kernel does not boot: see above)"
                    shown_dead.add((where, g.dead))
                out("         " + detail.strip().replace("\n", "\n         "))
    finally:
        for g in graders.values():
            g.close()
    total = result["total"] or 1
    out("total: %d/%d (%d%%)" % (result["score"], result["total"], 100 * result["score"] // total))
    return result


def main():
    ap = argparse.ArgumentParser(description="Grade an mmkernel lab (docs/labs/).")
    ap.add_argument("--lab", type=int)
    ap.add_argument("--exercise", type=int, action="append",
                    help="grade only this exercise (repeatable)")
    ap.add_argument("--check-all", action="store_true",
                    help="every lab: this tree grades 100%%, every handout less, and every "
                         "known wrong answer (scripts/grade_mutations.py) loses points in "
                         "its own exercise")
    ap.add_argument("--mutations", choices=("quick", "all"),
                    help="only the known wrong answers (quick: the short set of make test)")
    ap.add_argument("--tree", default=os.path.dirname(HERE),
                    help="the source tree to grade (default: this one)")
    ap.add_argument("--board", default="vexpress-a9", choices=sorted(QEMU_BOARD))
    ap.add_argument("--no-pristine", action="store_true",
                    help="build the tree's own test files (for the project's own tests)")
    ap.add_argument("--json", help="also write the result as JSON to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every check")
    args = ap.parse_args()
    if args.check_all or args.mutations:
        import grade_mutations
        return grade_mutations.main(args)
    if args.lab is None:
        ap.error("--lab N is required")
    res = grade(args.lab, args.tree, args.board, args.verbose, args.exercise,
                pristine=not args.no_pristine)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
