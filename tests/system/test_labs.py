"""The labs' graders (scripts/grade.py, grade_labs.py, grade_mutations.py)
and handouts (scripts/lab-handout.py).

  - the full tree grades 100% on every lab (docs/labs/lab1..10.md);
  - every lab's handout can be made (each stubbed function is found) and
    records its test files in scripts/pristine.sha256;
  - a few handouts, graded from this tree, lose points in every exercise
    (all seven, and every known wrong answer: `make lab-check`);
  - a student's edits to the tests never count: graded from this tree, the
    reference's tests are used; graded in the handout itself, the checks
    of the changed test file fail and say why;
  - the short set of known wrong answers (grade_mutations.py, quick=True)
    each lose points in their own exercise and nowhere else: the ASID-0
    page flush, the layout table printed from literals, the fork that
    leaves the parent writable, the swap-in that maps a page a fork
    shared writable;
  - feedback: a failed host test shows where, the assertion and the values;
    a kernel panic is shown whole.
"""
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import TOP

sys.path.insert(0, os.path.join(TOP, "scripts"))
import grade_mutations  # noqa: E402

GRADE = [sys.executable, os.path.join(TOP, "scripts", "grade.py")]
HANDOUT = [sys.executable, os.path.join(TOP, "scripts", "lab-handout.py")]
LABS = range(1, 11)


def grade(lab, tree, board, timeout=900, script=None, extra=()):
    cmd = ([sys.executable, script] if script else GRADE) + [
        "--lab", str(lab), "--tree", str(tree), "--board", board] + list(extra)
    proc = subprocess.run(cmd, cwd=TOP, capture_output=True, text=True, timeout=timeout)
    m = re.search(r"^total: (\d+)/(\d+) \(\d+%\)$", proc.stdout, re.M)
    assert m, proc.stdout[-3000:] + proc.stderr[-3000:]
    exercises = [int(x) for x in re.findall(r"^exercise \d+:\s+(\d+)/\d+", proc.stdout, re.M)]
    return int(m.group(1)), int(m.group(2)), exercises, proc.stdout


def handout(lab, out, board, *extra):
    subprocess.run(HANDOUT + ["--lab", str(lab), "--out", str(out), "--seed-build", board]
                   + list(extra), cwd=TOP, check=True, capture_output=True, timeout=120)


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
    manifest = (out / "scripts" / "pristine.sha256").read_text()
    assert re.search(r"^[0-9a-f]{64}  tests/host/test_buddy\.c$", manifest, re.M), manifest[:500]
    assert re.search(r"^[0-9a-f]{64}  user/tests/cow\.c$", manifest, re.M)
    assert not re.search(r"  mm/page_alloc\.c$", manifest, re.M)     # the student's file


# Handouts graded from this tree: one arch lab, one lab graded mostly on
# the host, one graded through /proc and GDB.  Each exercise is built with
# the reference's code for the others, so every stub costs its own points.
@pytest.mark.parametrize("lab", [1, 2, 7])
def test_handout_grades_less(kernel, lab, tmp_path):
    out = tmp_path / ("handout-lab%d" % lab)
    handout(lab, out, kernel.board)
    score, total, exercises, text = grade(lab, out, kernel.board)
    assert "kernel build failed" not in text and "build of build/host" not in text, text
    assert score < total, text
    assert all(e < 10 for e in exercises[:3]), text  # every exercise's stub is noticed
    assert exercises[3] == 0, text                    # the questions: the answers are blank


def test_one_exercise_handout(kernel, tmp_path):
    """Lab 6 with only cow_decide stubbed (always copy): exercise 1 loses
    its points, exercises 2 and 3 keep theirs (the questions, blank in
    every handout, lose theirs)."""
    out = tmp_path / "handout-lab6-ex1"
    handout(6, out, kernel.board, "--exercise", "1")
    score, total, exercises, text = grade(6, out, kernel.board)
    assert exercises[0] < 10 and exercises[1:3] == [10, 10] and exercises[3] == 0, text


# ------------------------------------------------------------ tampering

FAILING = ("test_split_and_merge", "test_every_order_aligned",
           "test_steal_whole_pageblock", "test_small_steal_keeps_pageblock")


def tamper(tree):
    """What a student might do: make the failing host tests return at once."""
    path = tree / "tests" / "host" / "test_buddy.c"
    text = path.read_text()
    for name in FAILING:
        text, n = re.subn(r"(static void %s\(void \*\*state\)\n\{\n)" % name, r"\1\treturn;\n",
                          text)
        assert n == 1, name
    path.write_text(text)


@pytest.fixture(scope="module")
def tampered_lab2(kernel, tmp_path_factory):
    """Lab 2's handout with exercise 2 stubbed and its host tests emptied."""
    out = tmp_path_factory.mktemp("tamper") / "handout-lab2"
    handout(2, out, kernel.board, "--exercise", "2")
    tamper(out)
    return out


def test_tampered_tests_do_not_count_from_the_reference(kernel, tampered_lab2):
    score, total, exercises, text = grade(2, tampered_lab2, kernel.board)
    assert exercises[:3] == [10, 0, 10], text
    assert re.search(r"^note: your changes to these files were not used .*tests/host/test_buddy\.c",
                     text, re.M), text


def test_tampered_tests_fail_in_the_handout(kernel, tampered_lab2):
    """`make grade` in the handout itself: its grader checks its tests
    against scripts/pristine.sha256; the host checks fail and say why."""
    script = str(tampered_lab2 / "scripts" / "grade.py")
    score, total, exercises, text = grade(2, tampered_lab2, kernel.board, script=script)
    assert exercises[1] < 10 and score < total, text
    assert "not graded: these test files differ from the handout's" in text, text
    assert "tests/host/test_buddy.c" in text


# ------------------------------------------------------ known wrong answers

QUICK = [m for m in grade_mutations.MUTATIONS if m.quick]


def test_every_lab_has_three_wrong_answers():
    for lab in LABS:
        per_ex = {}
        for m in grade_mutations.MUTATIONS:
            if m.lab == lab:
                per_ex[m.exercise] = per_ex.get(m.exercise, 0) + 1
        assert sum(per_ex.values()) >= 3, (lab, per_ex)


@pytest.mark.parametrize("m", QUICK, ids=[m.slug for m in QUICK])
def test_wrong_answer_loses_points_in_its_exercise(kernel, m, tmp_path):
    ok, line, res = grade_mutations.run_mutation(m, TOP, kernel.board, str(tmp_path))
    scores = {e["n"]: e["score"] for e in res["exercises"]}
    assert ok, line + "\n" + json.dumps(res, indent=1)[-3000:]
    points = {e["n"]: e["points"] for e in res["exercises"]}
    assert scores[m.exercise] < points[m.exercise]
    assert all(s == points[n] for n, s in scores.items() if n != m.exercise), line


def failed(res, exercise):
    return "\n".join(d for e in res["exercises"] if e["n"] == exercise
                     for _, ok, d in e["checks"] if not ok)


def test_feedback_names_the_assertion_and_values(kernel, tmp_path):
    m = [x for x in grade_mutations.MUTATIONS if x.lab == 2 and x.exercise == 3][0]
    ok, line, res = grade_mutations.run_mutation(m, TOP, kernel.board, str(tmp_path))
    text = failed(res, 3)
    assert re.search(r"test_watermark_behaviour failed at tests/host/test_buddy\.c:\d+ "
                     r"\(in test_watermark_behaviour\)\n\s+assert_int_equal\(", text), text
    assert re.search(r"got \d+.*, expected \d+", text), text


def test_feedback_shows_the_whole_panic(kernel, tmp_path):
    m = [x for x in grade_mutations.MUTATIONS if x.lab == 6 and "reference" in x.name][0]
    ok, line, res = grade_mutations.run_mutation(m, TOP, kernel.board, str(tmp_path))
    text = failed(res, 3)
    # which check trips first depends on the order of the unmaps (a freed
    # page still mapped, or init killed by what it finds in the freed
    # page); either way the whole report must be shown
    assert "Kernel panic:" in text, text
    # the whole report: the message, then the backtrace to its end
    report = text[text.index("Kernel panic:"):]
    assert "Backtrace:" in report and re.search(r"\[<c0[0-9a-f]{6}>\] \w+\+0x", report), report


# ------------------------------------------------------------- questions

def test_answers_are_graded(kernel, tmp_path):
    """Lab 4's questions: the teacher's answers score full marks, a wrong
    value loses that question's points (and the feedback does not give
    the right value away), and nothing else changes."""
    from grade import grade as grade_tree
    handout_mod = __import__("lab-handout")
    tree = tmp_path / "lab4"
    handout_mod.copy_tree(TOP, str(tree))
    path = tree / "docs" / "labs" / "answers" / "lab4.txt"
    text = path.read_text()
    assert re.search(r"^pkmap_slots: 512$", text, re.M), text
    path.write_text(text.replace("pkmap_slots: 512", "pkmap_slots: 1024"))
    res = grade_tree(4, str(tree), kernel.board, reference=TOP, exercises=[4], quiet=True)
    q = res["exercises"][0]
    assert (q["n"], q["score"], q["points"]) == (4, 2, 4), q
    bad = [c for c in q["checks"] if not c[1]]
    assert len(bad) == 1 and "pkmap_slots: 1024" in bad[0][2] and "512" not in bad[0][2], bad
