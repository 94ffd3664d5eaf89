#!/usr/bin/env python3
"""The shell's `help` index: one line per program, from its source.

    mkhelp.py OUT SOURCE.c...

Each program's source starts with a comment whose first sentence is
"NAME [ARGS] - what it does."; the index line is the synopsis and the
description up to the first full stop, colon or semicolon (without its
asides in parentheses, or up to its first comma, if it is too long):

    vmstat [delay [count]]    Linux vmstat(8)'s report, procps's columns

A program without such a first sentence is an error, so the index cannot
miss one (the initramfs carries it as /etc/help).
"""
import os
import re
import sys


def first_sentence(path):
    text = open(path).read()
    m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    if not m:
        sys.exit("mkhelp: %s does not start with a comment" % path)
    lines = [re.sub(r"^\s*\*?\s?", "", l) for l in m.group(1).split("\n")]
    para = []
    for l in lines:
        if not l.strip():
            if para:
                break
            continue
        para.append(l.strip())
    text = " ".join(para)
    m = re.match(r"(\S.*?) - (.*)", text)
    name = os.path.splitext(os.path.basename(path))[0]
    if not m or not m.group(1).split()[0] == name:
        sys.exit("mkhelp: %s: the comment must start with '%s ... - what it does'" % (path, name))
    return m.group(1).strip(), first_clause(m.group(2))


def first_clause(text):
    """text up to its first '.', ':' or ';' outside parentheses (not e.g.)."""
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0 and c in ".:;" and (i + 1 == len(text) or text[i + 1] == " ") \
                and not text[:i + 1].endswith(("e.g.", "i.e.")):
            return text[:i].strip()
    return text.strip()


WIDTH, COLUMN = 79, 26


def shorten(desc, room):
    """desc cut to its first part when it does not fit: without its
    parenthesised asides, then up to its first comma or \"and\", then in
    whole words."""
    if len(desc) > room:
        desc = re.sub(r"\s*\([^()]*\)", "", desc)
    if len(desc) > room and "," in desc:
        desc = desc[:desc.index(",")]
    if len(desc) > room and " and " in desc:
        desc = desc[:desc.index(" and ")]
    while len(desc) > room and " " in desc:          # the last resort: whole words
        desc = desc[:desc.rindex(" ")]
    return desc


def one_line(synopsis, desc, path):
    """The index line: the synopsis in a column of its own, then the
    description; one that cannot be made to fit stops the build."""
    desc = shorten(desc, WIDTH - COLUMN)
    if len(synopsis) >= COLUMN or COLUMN + len(desc) > WIDTH:
        sys.exit("mkhelp: %s: shorten the first sentence of the comment to a synopsis "
                 "of %d and a description of %d characters: %s - %s"
                 % (path, COLUMN - 1, WIDTH - COLUMN, synopsis, desc))
    return "%-*s%s" % (COLUMN, synopsis, desc)


def main():
    out, sources = sys.argv[1], sys.argv[2:]
    rows = sorted(first_sentence(p) + (p,) for p in sources)
    with open(out, "w") as f:
        for synopsis, desc, path in rows:
            f.write(one_line(synopsis, desc, path) + "\n")


if __name__ == "__main__":
    main()
