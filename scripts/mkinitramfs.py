#!/usr/bin/env python3
"""Pack files into an initramfs: a cpio archive in the "newc" format.

Usage:
    mkinitramfs.py -o OUT.cpio [--dir PATH]... [--tree DEST=SRCDIR[:MODE]]...
                   [DEST=SRC[:MODE]]...

    --dir bin              an empty directory /bin (mode 0755)
    --tree bin=build/x:0755  every regular file of build/x (not starting with
                           '.') as /bin/<name>, with mode 0755
    init=build/x/init:0755 one file, /init

Parent directories are created as needed.  No root rights are needed: owner
and group are 0 and times are 0, so the archive is the same byte for byte
for the same inputs.

The newc format, as the kernel's unpacker reads it: for each entry a
110-byte ASCII header, the name, the data, then a trailer entry:

    "070701"  magic
    13 fields of 8 hex digits: ino, mode, uid, gid, nlink, mtime, filesize,
              devmajor, devminor, rdevmajor, rdevminor, namesize
              (including the NUL), check (0)
    name      NUL-terminated, then zero padding to a multiple of 4 bytes
              (counted from the start of the header)
    data      filesize bytes, zero padding to a multiple of 4
    ...
    "TRAILER!!!" entry with all-zero fields: the end.

Names are stored without a leading '/' ("bin/sh").
"""
import argparse
import os
import stat
import sys

S_IFDIR = 0o040000
S_IFREG = 0o100000


def pad4(n):
    return (4 - n % 4) % 4


def entry(ino, mode, nlink, name, data=b""):
    """One newc record: header + name + padding + data + padding."""
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(name_b), 0]
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
    assert len(hdr) == 110
    out = hdr + name_b + b"\0" * pad4(len(hdr) + len(name_b))
    return out + data + b"\0" * pad4(len(data))


def parse_spec(spec, default_mode):
    """"DEST=SRC[:MODE]" -> (dest, src, mode)."""
    if "=" not in spec:
        sys.exit("mkinitramfs: bad argument %r (want DEST=SRC[:MODE])" % spec)
    dest, src = spec.split("=", 1)
    mode = default_mode
    if ":" in src:
        src, m = src.rsplit(":", 1)
        mode = int(m, 8)
    return dest.strip("/"), src, mode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--dir", action="append", default=[])
    ap.add_argument("--tree", action="append", default=[])
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    dirs = set()
    files = {}                          # dest -> (src, mode)

    def add_dir(path):
        while path:
            dirs.add(path)
            path = os.path.dirname(path)

    for d in args.dir:
        add_dir(d.strip("/"))
    for spec in args.tree:
        dest, src, mode = parse_spec(spec, 0o644)
        add_dir(dest)
        for name in sorted(os.listdir(src)):
            p = os.path.join(src, name)
            if name.startswith(".") or not os.path.isfile(p):
                continue
            files[dest + "/" + name] = (p, mode)
    for spec in args.files:
        dest, src, mode = parse_spec(spec, 0o644)
        files[dest] = (src, mode)
        add_dir(os.path.dirname(dest))

    out = bytearray()
    ino = 1
    # Sorted names put every directory before what it contains.
    for name in sorted(dirs | set(files)):
        if name in files:
            src, mode = files[name]
            with open(src, "rb") as f:
                data = f.read()
            out += entry(ino, S_IFREG | mode, 1, name, data)
        else:
            out += entry(ino, S_IFDIR | 0o755, 2, name)
        ino += 1
    out += entry(0, 0, 1, "TRAILER!!!")
    with open(args.output + ".tmp", "wb") as f:
        f.write(out)
    os.replace(args.output + ".tmp", args.output)


if __name__ == "__main__":
    main()
