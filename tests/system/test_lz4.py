"""LZ4 for zram on the target (selftest=lz4, kernel/selftest_lz4.c): the
ARM build's long copies and compares (LDM/STM) at every alignment, the
same blocks as the host tests make (tests/host/test_lz4.c), and corrupted
blocks refused without a byte written past the page.  One boot."""
import re


def test_lz4_selftest(kernel):
    out = kernel.run("selftest=lz4", mem=256, timeout=120)
    assert "selftest lz4: ok" in out, out[-3000:]
    m = re.search(r"^lz4: (\d+) pages round-tripped, workload (\d+) -> (\d+) bytes$", out, re.M)
    assert m, out[-3000:]
    assert int(m.group(1)) == 283
    assert int(m.group(2)) == 8 * 4096
    assert int(m.group(3)) * 3 < int(m.group(2))     # a quarter random: under a third
