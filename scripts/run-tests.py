#!/usr/bin/env python3
"""Run every test layer and end with one line: "N passed, N failed".

  1. host unit tests: build/host/test_* (cmocka, TAP output)
  2. system tests: tests/system (pytest + pexpect, booting QEMU), one
     QEMU per CPU at once (pytest-xdist)

Exit status 0 only if nothing failed.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_host_tests():
    passed = failed = 0
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    for exe in sorted(glob.glob(os.path.join(TOP, "build/host/test_*"))):
        if not os.access(exe, os.X_OK) or exe.endswith(".d"):
            continue
        name = os.path.basename(exe)
        proc = subprocess.run([exe], cwd=TOP, env=env, capture_output=True,
                              text=True, timeout=600)
        ok = len(re.findall(r"^ok \d+", proc.stdout, re.M))
        bad = len(re.findall(r"^not ok \d+", proc.stdout, re.M))
        if proc.returncode != 0 and bad == 0:
            bad = 1     # crashed (sanitizer report, abort) outside a test
        passed += ok
        failed += bad
        status = "ok" if bad == 0 else "FAILED"
        print("host  %-28s %3d passed %3d failed  %s" % (name, ok, bad, status))
        if bad:
            sys.stdout.write(proc.stdout[-4000:])
            sys.stdout.write(proc.stderr[-4000:])
    return passed, failed


def workers():
    """QEMUs to run at once: one per CPU, at most 4, if pytest-xdist is
    there (scripts/setup.sh installs it); each boot is one QEMU thread.
    A test file runs on one worker (--dist loadfile): the files that
    build something (other boards, the DEBUG=0 kernel, lab handouts) do it
    once, with no other worker building the same thing."""
    try:
        import xdist  # noqa: F401
    except ImportError:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def run_system_tests(board, extra):
    xml = os.path.join(TOP, "build", "system-tests-%s.xml" % board)
    if os.path.exists(xml):
        os.unlink(xml)
    n = workers()
    par = ["-n", str(n), "--dist", "loadfile"] if n > 1 else []
    cmd = ["/usr/bin/python3", "-m", "pytest", "-p", "no:cacheprovider", "-q",
           "-rfE", "--junitxml=" + xml] + par + ["tests/system", "--board", board] + extra
    subprocess.run(cmd, cwd=TOP)
    if not os.path.exists(xml):
        return 0, 1
    root = ET.parse(xml).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = fail = skipped = 0
    for s in suites:
        total += int(s.get("tests", 0))
        fail += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
    return total - fail - skipped, fail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--board", default="vexpress-a9")
    ap.add_argument("--host-only", action="store_true")
    ap.add_argument("pytest_args", nargs="*")
    args = ap.parse_args()
    hp, hf = run_host_tests()
    sp = sf = 0
    if not args.host_only:
        sp, sf = run_system_tests(args.board, args.pytest_args)
        print("system tests: %d passed, %d failed" % (sp, sf))
    print("host tests: %d passed, %d failed" % (hp, hf))
    print("%d passed, %d failed" % (hp + sp, hf + sf))
    return 1 if hf + sf else 0


if __name__ == "__main__":
    sys.exit(main())
