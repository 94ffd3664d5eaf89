"""GDB helpers for mmkernel (loaded by scripts/gdb/gdbinit).

  cp15          the MMU-related CP15 registers, decoded
  mmu           one line: is the MMU on, where is the table, which ASID

Secure-state CP15 registers on vexpress-a9 carry an _S suffix in QEMU's
GDB stub, and a few are named after their AArch64 twins (TTBR0_EL1,
CONTEXTIDR_EL1); read_cp15() tries those names first, then the plain one.
"""
import gdb


# QEMU 7.2 names some registers after their AArch64 twins.
ALIASES = {"TTBR0": "TTBR0_EL1", "TTBR1": "TTBR1_EL1", "CONTEXTIDR": "CONTEXTIDR_EL1",
           "VBAR": "VBAR_EL1"}


def read_cp15(name):
    names = [name + "_S", name]
    if name in ALIASES:
        names = [ALIASES[name] + "_S", ALIASES[name]] + names
    for n in names:
        try:
            v = gdb.parse_and_eval("$" + n)
            if v.type.code != gdb.TYPE_CODE_VOID:
                return int(v) & 0xFFFFFFFF
        except gdb.error:
            pass
    return None


def fmt(v):
    return "unavailable" if v is None else "0x%08x" % v


class Cp15(gdb.Command):
    """Show SCTLR, TTBR0, TTBCR, DACR, CONTEXTIDR, DFSR/DFAR, IFSR/IFAR, VBAR."""

    def __init__(self):
        super().__init__("cp15", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        sctlr = read_cp15("SCTLR")
        if sctlr is not None:
            bits = [n for b, n in ((0, "M"), (1, "A"), (2, "C"), (11, "Z"),
                                   (12, "I"), (13, "V"), (28, "TRE"), (29, "AFE"))
                    if sctlr & (1 << b)]
            print("SCTLR      %s  [%s]" % (fmt(sctlr), " ".join(bits)))
        for name in ("TTBR0", "TTBCR", "DACR", "CONTEXTIDR", "DFSR", "DFAR",
                     "IFSR", "IFAR", "VBAR"):
            print("%-10s %s" % (name, fmt(read_cp15(name))))


class Mmu(gdb.Command):
    """One line: MMU on/off, first-level table address, current ASID."""

    def __init__(self):
        super().__init__("mmu", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        sctlr = read_cp15("SCTLR") or 0
        ttbr0 = read_cp15("TTBR0") or 0
        cid = read_cp15("CONTEXTIDR") or 0
        print("MMU %s, caches %s, L1 table at PA 0x%08x, ASID %d, high vectors %s" % (
            "on" if sctlr & 1 else "off", "on" if sctlr & 4 else "off",
            ttbr0 & ~0x3FFF, cid & 0xFF, "yes" if sctlr & (1 << 13) else "no"))


Cp15()
Mmu()
