#!/usr/bin/env python3
"""Make a student's starting point for a lab: `make lab-handout LAB=n`.

    scripts/lab-handout.py --lab N [--exercise M ...] [--out DIR]

Copies the source tree (everything but build/ and .git) to
build/handout-labN/ and replaces the body of each function the lab's
exercises are about (the table LABS in scripts/grade_labs.py) by a stub that
compiles and does nothing useful:

    static void __free_one_page(pfn_t pfn, struct zone *zone, ...)
    {
            /* LAB 2, exercise 1 (docs/labs/lab2.md): write this function.
             * This stub ... */
    }

The handout builds as it is (-Werror included) and `make grade LAB=N`
in it scores below 100% until the exercises are done.  The handout's
scripts/pristine.sha256 records its test files: `make grade` in the
handout fails the checks whose test files were changed.  --exercise limits
the stubs to some exercises (the others keep the reference code).  The
teacher keeps the full tree; students get the handout directory.
"""
import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from grade_labs import LABS  # noqa: E402
from grade import write_manifest  # noqa: E402

SKIP = {"build", ".git", "__pycache__", ".pytest_cache"}


def copy_tree(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)

    def ignore(d, names):
        return [n for n in names if n in SKIP and os.path.samefile(d, src)] + \
               [n for n in names if n in ("__pycache__", ".pytest_cache")]
    shutil.copytree(src, dst, ignore=ignore, symlinks=True)


def find_body(lines, name):
    """(first, last) line index of the body braces of function `name`'s
    definition: the signature starts at column 0; the body opens with a
    "{" line and ends with the next "}" line (kernel style)."""
    sig = re.compile(r"^(?![#\s/*])[^;=(]*?[\s\*]%s\s*\(" % re.escape(name))
    for i, line in enumerate(lines):
        if not sig.match(line):
            continue
        for j in range(i, min(i + 12, len(lines))):
            if lines[j].rstrip().endswith(";"):
                break               # a prototype
            if lines[j].rstrip() == "{":
                for k in range(j + 1, len(lines)):
                    if lines[k].rstrip() == "}":
                        return j, k
                break
    return None


def stub(lab, ex, body):
    text = ["{",
            "\t/*",
            "\t * LAB %d, exercise %d (docs/labs/lab%d.md): write this function." % (lab, ex, lab),
            "\t * The handout's stub below compiles but does not do the job:",
            "\t * `make grade LAB=%d` fails until you replace it." % lab,
            "\t */"]
    for line in body.split("\n"):
        if line.strip():
            text.append("\t" + line.strip())
    text.append("}")
    return text


def seed_build(src, out, board):
    """Copy src's build/<board> (objects, user programs, initramfs) with their
    times, so that the handout's first build recompiles only what the stubs
    changed.  Boot-media images are left out (they are big)."""
    b = os.path.join(src, "build", board)
    if not os.path.isdir(b):
        return
    shutil.copytree(b, os.path.join(out, "build", board), symlinks=True,
                    ignore=shutil.ignore_patterns("*.img", "sdcard", "grade-gdb.py"))


def blank_answers(out):
    """Every docs/labs/answers/labN.txt of a handout keeps its questions and
    keys, without the teacher's values."""
    d = os.path.join(out, "docs", "labs", "answers")
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        path = os.path.join(d, f)
        lines = []
        for line in open(path).read().split("\n"):
            if line.startswith("# These are the teacher's"):
                line = "# Fill in each value; the grader never shows the right one."
            elif line.startswith("# answers; a handout has them blank."):
                continue
            elif line and not line.startswith("#") and ":" in line:
                line = line.split(":", 1)[0] + ": "
            lines.append(line)
        with open(path, "w") as fh:
            fh.write("\n".join(lines))


def make_handout(lab_no, out, exercises=None, src=None, seed_board=None):
    src = src or os.path.dirname(HERE)
    lab = LABS[lab_no]
    copy_tree(src, out)
    if seed_board:
        seed_build(src, out, seed_board)
    done = []
    for n, ex in enumerate(lab["exercises"], 1):
        if exercises and n not in exercises:
            continue
        for path, func, body in ex["functions"]:
            f = os.path.join(out, path)
            lines = open(f).read().split("\n")
            span = find_body(lines, func)
            if span is None:
                sys.exit("lab-handout: cannot find the definition of %s in %s" % (func, path))
            first, last = span
            lines[first:last + 1] = stub(lab_no, n, body)
            with open(f, "w") as fh:
                fh.write("\n".join(lines))
            done.append("%s:%s (exercise %d)" % (path, func, n))
    blank_answers(out)
    write_manifest(out)
    with open(os.path.join(out, "HANDOUT.md"), "w") as fh:
        fh.write("# Lab %d: %s\n\nThis tree is the starting point of lab %d "
                 "(docs/labs/lab%d.md).  These functions are yours to write; each "
                 "is a stub marked `LAB %d`:\n\n%s\n\nCheck your work with "
                 "`make grade LAB=%d`.\n"
                 % (lab_no, lab["title"], lab_no, lab_no, lab_no,
                    "\n".join("- " + d for d in done), lab_no))
    return done


def main():
    ap = argparse.ArgumentParser(description="Make a lab handout (a tree with stubs).")
    ap.add_argument("--lab", type=int, required=True, choices=sorted(LABS))
    ap.add_argument("--exercise", type=int, action="append",
                    help="stub only this exercise (repeatable; default: all)")
    ap.add_argument("--out", help="default: build/handout-labN")
    ap.add_argument("--seed-build", metavar="BOARD",
                    help="also copy this tree's build/BOARD, so that building the handout "
                         "recompiles only the stubbed files (tests, make lab-check)")
    args = ap.parse_args()
    top = os.path.dirname(HERE)
    out = args.out or os.path.join(top, "build", "handout-lab%d" % args.lab)
    done = make_handout(args.lab, out, args.exercise, seed_board=args.seed_build)
    print("lab-handout: %s" % out)
    for d in done:
        print("  stub: %s" % d)
    shown = os.path.relpath(out) if os.path.abspath(out).startswith(top + os.sep) else out
    print("  students: cd %s && make grade LAB=%d" % (shown, args.lab))
    return 0


if __name__ == "__main__":
    sys.exit(main())
