#!/usr/bin/env python3
"""Make malformed ELF files from a good one, for the exec_bad test.

Usage: mkbadelf.py GOOD_ELF OUTDIR

GOOD_ELF must be a static ELF32 little-endian ARM executable with at least
two PT_LOAD segments (text, then data), as user/lib/user.ld makes them.
Each file written to OUTDIR breaks exactly one rule an ELF loader has to
check; mmkernel's execve must refuse every one with -ENOEXEC (and print why),
leaving the caller running.

    magic           e_ident does not start with 0x7f 'E' 'L' 'F'
    class64         EI_CLASS says ELFCLASS64
    msb             EI_DATA says big-endian
    etype           e_type is ET_REL (1), not ET_EXEC
    machine         e_machine is EM_386 (3), not EM_ARM (40)
    phentsize       e_phentsize is not sizeof(Elf32_Phdr) (32)
    phnum           e_phnum = 32767: a 1 MiB table, far past the file end
    trunc_phdrs     file cut in the middle of the program header table
    trunc_segment   file cut in the middle of the data segment's bytes
    noload          no PT_LOAD segment at all (all turned into PT_NULL)
    overlap         the data segment is moved on top of the text segment
    filesz          a segment with p_filesz > p_memsz
    task_size       a segment that starts below TASK_SIZE (0xBF000000) and
                    ends above it
    wrap            a segment whose p_vaddr + p_memsz wraps past 4 GiB (to
                    a small address: a check of the end alone would pass)
    entry           e_entry outside every PT_LOAD segment

(Linux itself accepts "entry" and "noload" and lets the process fault; the
others it refuses too.  mmkernel checks all of them up front.)
"""
import os
import struct
import sys

EHDR = struct.Struct("<16sHHIIIIIHHHHHH")   # Elf32_Ehdr, 52 bytes
PHDR = struct.Struct("<IIIIIIII")           # Elf32_Phdr, 32 bytes
PT_NULL, PT_LOAD = 0, 1
EM_ARM, EM_386 = 40, 3
TASK_SIZE = 0xBF000000


class Elf:
    """The good file, its header and program headers as lists to edit."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.eh = list(EHDR.unpack_from(self.data, 0))
        ident, etype, machine = self.eh[0], self.eh[1], self.eh[2]
        if ident[:4] != b"\x7fELF" or ident[4] != 1 or ident[5] != 1:
            sys.exit("mkbadelf: not an ELF32 little-endian file")
        if etype != 2 or machine != EM_ARM:
            sys.exit("mkbadelf: not an ARM executable")
        self.phoff, self.phentsize, self.phnum = self.eh[5], self.eh[9], self.eh[10]
        self.ph = [list(PHDR.unpack_from(self.data, self.phoff + i * PHDR.size))
                   for i in range(self.phnum)]
        self.loads = [i for i, p in enumerate(self.ph) if p[0] == PT_LOAD]
        if len(self.loads) < 2:
            sys.exit("mkbadelf: need a text and a data PT_LOAD segment")

    def build(self, eh=None, ph=None):
        """The file with a (possibly edited) header and program headers."""
        out = bytearray(self.data)
        EHDR.pack_into(out, 0, *(eh or self.eh))
        for i, p in enumerate(ph or self.ph):
            PHDR.pack_into(out, self.phoff + i * PHDR.size, *p)
        return bytes(out)

    def with_header(self, **changes):
        names = ["ident", "type", "machine", "version", "entry", "phoff", "shoff",
                 "flags", "ehsize", "phentsize", "phnum", "shentsize", "shnum",
                 "shstrndx"]
        eh = list(self.eh)
        for k, v in changes.items():
            eh[names.index(k)] = v
        return self.build(eh=eh)

    def with_segment(self, which, **changes):
        """Change fields of the which-th PT_LOAD (0 = text, 1 = data)."""
        names = ["type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align"]
        ph = [list(p) for p in self.ph]
        p = ph[self.loads[which]]
        for k, v in changes.items():
            p[names.index(k)] = v
        return self.build(ph=ph)


def variants(elf):
    ident = elf.eh[0]
    text = elf.ph[elf.loads[0]]
    data = elf.ph[elf.loads[1]]
    d_off, d_filesz = data[1], data[4]
    page_in = d_off % 4096              # keep vaddr == offset (mod 4096)
    ph_end = elf.phoff + elf.phnum * PHDR.size
    no_load = [list(p) for p in elf.ph]
    for p in no_load:
        if p[0] == PT_LOAD:
            p[0] = PT_NULL

    return {
        "magic": elf.with_header(ident=b"\x7fELG" + ident[4:]),
        "class64": elf.with_header(ident=ident[:4] + b"\x02" + ident[5:]),
        "msb": elf.with_header(ident=ident[:5] + b"\x02" + ident[6:]),
        "etype": elf.with_header(type=1),
        "machine": elf.with_header(machine=EM_386),
        "phentsize": elf.with_header(phentsize=PHDR.size + 8),
        "phnum": elf.with_header(phnum=0x7FFF),
        "trunc_phdrs": elf.build()[:elf.phoff + PHDR.size + PHDR.size // 2],
        "trunc_segment": elf.build()[:d_off + max(d_filesz // 2, 1)],
        "noload": elf.build(ph=no_load),
        "overlap": elf.with_segment(1, vaddr=text[2] + page_in, paddr=text[2] + page_in),
        "filesz": elf.with_segment(1, filesz=data[5] + 4096),
        "task_size": elf.with_segment(1, vaddr=TASK_SIZE - 0x1000 + page_in,
                                      paddr=TASK_SIZE - 0x1000 + page_in,
                                      memsz=max(data[5], 0x3000)),
        "wrap": elf.with_segment(1, memsz=(1 << 32) - data[2] + 0x1000),
        "entry": elf.with_header(entry=0x8000),
    }, ph_end


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as f:
        elf = Elf(f.read())
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    files, _ = variants(elf)
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        os.chmod(os.path.join(out, name), 0o755)


if __name__ == "__main__":
    main()
