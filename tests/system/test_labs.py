"""The labs' graders (scripts/grade.py) and handouts (scripts/lab-handout.py).

  - the full tree grades 100% on every lab (docs/labs/lab1..7.md);
  - every lab's handout can be made (each stubbed function is found);
  - a few handouts, built in their own directory, grade less than 100%
    (all seven: `make lab-check`, which takes a few minutes);
  - a handout of one exercise loses exactly that exercise's points where
    the rest of the kernel still works (lab 6, exercise 1).
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import TOP

GRADE = [sys.executable, os.path.join(TOP, "scripts", "grade.py")]
HANDOUT = [sys.executable, os.path.join(TOP, "scripts", "lab-handout.py")]
LABS = range(1, 8)


def grade(lab, tree, board, timeout=600):
    proc = subprocess.run(GRADE + ["--lab", str(lab), "--tree", str(tree), "--board", board],
                          cwd=TOP, capture_output=True, text=True, timeout=timeout)
    m = re.search(r"^total: (\d+)/(\d+) \(\d+%\)$", proc.stdout, re.M)
    assert m, proc.stdout[-3000:] + proc.stderr[-3000:]
    exercises = [int(x) for x in re.findall(r"^exercise \d+:\s+(\d+)/\d+", proc.stdout, re.M)]
    return int(m.group(1)), int(m.group(2)), exercises, proc.stdout


@pytest.mark.parametrize("lab", LABS)
def test_full_tree_grades_100(kernel, lab):
    score, total, exercises, out = grade(lab, TOP, kernel.board)
    assert len(exercises) >= 3
    assert score == total, out


@pytest.mark.parametrize("lab", LABS)
def test_handout_stubs_found(lab, tmp_path):
    out = tmp_path / ("handout-lab%d" % lab)
    proc = subprocess.run(HANDOUT + ["--lab", str(lab), "--out", str(out)], cwd=TOP,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stubs = re.findall(r"^  stub: (\S+):(\w+) \(exercise (\d+)\)$", proc.stdout, re.M)
    assert len({s[2] for s in stubs}) >= 3, proc.stdout
    for path, func, ex in stubs:
        text = open(out / path).read()
        assert "LAB %d, exercise %s (docs/labs/lab%d.md)" % (lab, ex, lab) in text, (path, func)
    assert not os.path.exists(out / "build")
    assert (out / "HANDOUT.md").exists()


# Handouts built and graded: one arch lab (the kernel does not boot), one
# lab graded mostly on the host, one graded through /proc and GDB.
@pytest.mark.parametrize("lab", [1, 2, 7])
def test_handout_grades_less(kernel, lab, tmp_path):
    out = tmp_path / ("handout-lab%d" % lab)
    subprocess.run(HANDOUT + ["--lab", str(lab), "--out", str(out), "--seed-build", kernel.board],
                   cwd=TOP, check=True, capture_output=True, timeout=120)
    score, total, exercises, text = grade(lab, out, kernel.board, timeout=900)
    assert "kernel build failed" not in text and "build of build/host" not in text, text
    assert score < total, text
    assert all(e < 10 for e in exercises), text     # every exercise's stub is noticed


def test_one_exercise_handout(kernel, tmp_path):
    """Lab 6 with only cow_decide stubbed (always copy): the kernel works,
    cow_reuse still passes its own checks, but /proc/vmstat shows no reuse;
    exercises 2 and 3 keep their points."""
    out = tmp_path / "handout-lab6-ex1"
    subprocess.run(HANDOUT + ["--lab", "6", "--exercise", "1", "--out", str(out),
                              "--seed-build", kernel.board],
                   cwd=TOP, check=True, capture_output=True, timeout=120)
    score, total, exercises, text = grade(6, out, kernel.board, timeout=900)
    assert exercises[0] < 10 and exercises[1:] == [10, 10], text
