#!/usr/bin/env python3
"""Generate the kernel symbol table used by backtraces (kernel/kallsyms.c).

Reads `nm -n` output on stdin and writes an assembly file with three
arrays in section .kallsyms: kallsyms_num, kallsyms_addresses[] (sorted)
and kallsyms_names (NUL-separated, in the same order).  Only text
symbols (T/t) are kept: the table exists to name code addresses.

  --empty   write an empty table (first link pass)
"""
import sys


def main():
    syms = []
    if "--empty" not in sys.argv:
        for line in sys.stdin:
            parts = line.split()
            if len(parts) != 3:
                continue
            addr, kind, name = parts
            if kind not in "Tt" or name.startswith("$") or name.startswith(".L"):
                continue
            syms.append((int(addr, 16), name))
    syms.sort()
    out = ['\t.section .kallsyms, "a"', "\t.balign 4",
           "\t.globl kallsyms_num", "kallsyms_num:", "\t.word %d" % len(syms),
           "\t.globl kallsyms_addresses", "kallsyms_addresses:"]
    out += ["\t.word 0x%08x" % a for a, _ in syms]
    out += ["\t.globl kallsyms_names", "kallsyms_names:"]
    out += ['\t.asciz "%s"' % n for _, n in syms]
    print("\n".join(out))


if __name__ == "__main__":
    main()
