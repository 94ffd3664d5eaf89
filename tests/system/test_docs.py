"""Docs that cannot rot.

  - The GDB transcripts of docs/gdb.md and docs/boot.md, the first-stop
    register table, and the boot figures of docs/physical-memory.md are
    compared with a fresh run (scripts/doc-transcripts.py --check; `make
    docs` rewrites them); annotated kernel addresses ("0xc00109a0
    <ret_from_exception+104>") are checked against System.map.
  - The comparison tells a wrong value from a right one: changing one
    value that teaches something in a fresh transcript makes it fail.
  - No doc or code comment cites documents that are not in this
    repository (a "SPEC" section, a "seed", an "issue" number).
  - docs/README.md links every chapter, and every link of every doc
    resolves inside the repository.
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import TOP

sys.path.insert(0, os.path.join(TOP, "scripts"))
dt = __import__("doc-transcripts")


@pytest.fixture(scope="module")
def blocks(kernel):
    if kernel.board != "vexpress-a9":
        pytest.skip("the transcripts are of vexpress-a9")
    return dt.run_all(kernel.build)


def test_docs_agree_with_a_run(kernel, blocks):
    bad = dt.check(blocks, kernel.build)
    assert not bad, "\n\n".join(bad) + "\n\n(make docs rewrites the transcripts)"


@pytest.mark.parametrize("name,value", [
    ("cow-walk", r"AP=111"),                       # a descriptor field
    ("cow-stop", r"0x20000197"),                   # cpsr at the abort
    ("cow-vmas", r"ASID \d+"),
    ("cow-rfe", r"0x000[0-9a-f]{5}"),               # the user pc it returns to
    ("boot-registers", r"0x60000000"),             # the first stop (the old doc said 0x60010000)
    ("boot-memory", r"752 MiB"),
])
def test_a_wrong_value_is_caught(kernel, blocks, name, value):
    m = re.search(value, blocks[name])
    assert m, (name, blocks[name])
    old = m.group(0)
    new = old[:-1] + ("1" if old[-1] != "1" else "2")          # one digit off
    wrong = dict(blocks)
    wrong[name] = blocks[name][:m.start()] + new + blocks[name][m.end():]
    assert dt.check(wrong, kernel.build), (name, old, new)


def test_annotated_addresses_match_system_map(kernel):
    assert not dt.check_addresses(kernel.build)
    text = open(os.path.join(TOP, "docs", "gdb.md")).read()
    assert re.search(r"0xc0[0-9a-f]{6} <ret_from_exception\+\d+>", text), "the rfeia address"


CITES = re.compile(r"\bSPEC\b|shared/spec|\bseed 0\d\d\b|\bseed concept|concept \(seed\)|"
                   r"\bissue \d|package mirror")


def repo_files():
    out = subprocess.run(["git", "ls-files"], cwd=TOP, capture_output=True, text=True).stdout
    return [f for f in out.split() if f.endswith((".md", ".c", ".h", ".S", ".py", ".mk", ".ld"))
            or f == "Makefile"]


def test_no_citations_of_documents_outside_the_repository():
    bad = []
    for f in repo_files():
        if f == "tests/system/test_docs.py":
            continue
        for n, line in enumerate(open(os.path.join(TOP, f), errors="replace"), 1):
            if CITES.search(line):
                bad.append("%s:%d: %s" % (f, n, line.strip()))
    assert not bad, "\n".join(bad[:40])


def test_reading_order_links_every_chapter():
    readme = open(os.path.join(TOP, "docs", "README.md")).read()
    linked = set(re.findall(r"\]\(([\w/.-]+\.md)\)", readme))
    chapters = {f for f in os.listdir(os.path.join(TOP, "docs")) if f.endswith(".md")} - {"README.md"}
    assert chapters <= linked, sorted(chapters - linked)


def test_links_resolve():
    bad = []
    for f in repo_files():
        if not f.endswith(".md"):
            continue
        text = open(os.path.join(TOP, f)).read()
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path = os.path.normpath(os.path.join(TOP, os.path.dirname(f), target))
            if not path.startswith(TOP) or not os.path.exists(path):
                bad.append("%s: %s" % (f, target))
    assert not bad, "\n".join(bad)


def test_figures_are_current_and_shown():
    """The SVG figures are what scripts/figures.py draws (the address-space
    one from the layout table the banner is checked against), valid XML,
    and each is shown by a chapter; a PNG (a `make plot` picture) is a
    valid PNG, shown by a chapter too."""
    import xml.dom.minidom
    out = subprocess.run([sys.executable, os.path.join(TOP, "scripts", "figures.py"), "--check"],
                         cwd=TOP, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    figs = os.listdir(os.path.join(TOP, "docs", "figures"))
    assert len(figs) >= 5, figs
    shown = "".join(open(os.path.join(TOP, "docs", f)).read()
                    for f in os.listdir(os.path.join(TOP, "docs")) if f.endswith(".md"))
    for f in figs:
        path = os.path.join(TOP, "docs", "figures", f)
        if f.endswith(".png"):
            with open(path, "rb") as png:
                assert png.read(8) == b"\x89PNG\r\n\x1a\n", f
        else:
            xml.dom.minidom.parse(path)
        assert "](figures/%s)" % f in shown, f
    svg = open(os.path.join(TOP, "docs", "figures", "address-space.svg")).read()
    for addr in ("0xc0000000", "0xf0800000", "0xff800000", "0xbfe00000"):
        assert addr in svg, addr
