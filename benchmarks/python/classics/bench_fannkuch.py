"""Fannkuch-redux: pancake flips over every permutation of 1..N.

For each permutation, take the first element k and reverse the first k
elements, until 1 comes first; count the flips. Report the largest count and
a checksum that adds the counts of even-numbered permutations and subtracts
those of odd-numbered ones (numbered in the order generated below, which is
the benchmark's defined order: rotate the first r+1 elements left and use a
counter per position to know when to widen r).

What it measures: list indexing and slice assignment in small integer loops,
with data-dependent branches. Little allocation, no floats, no calls: a
pure interpreter-dispatch workload.

One call enumerates all N! = 5040 permutations of N = 7 elements.
Cost: about 4.9 ms per call on CPython 3.11.7, 2-core x86-64
(``python3 -m timeit -s "import bench_fannkuch as b" "b.bench_fannkuch()"``).

Self-check at import: for N = 7 the published answer is checksum 228 and
at most 16 flips; the check is one call.
"""

from __future__ import annotations

N = 7


def fannkuch(n: int) -> tuple[int, int]:
    """Returns (checksum, max_flips)."""
    order = list(range(n))
    counters = [0] * n
    checksum = 0
    max_flips = 0
    parity = 0
    width = n
    while True:
        while width != 1:
            counters[width - 1] = width
            width -= 1

        flips = 0
        first = order[0]
        if first:
            stack = order[:]
            while first:
                stack[: first + 1] = stack[first::-1]
                flips += 1
                first = stack[0]
        if flips > max_flips:
            max_flips = flips
        checksum += -flips if parity else flips

        # Advance to the next permutation in the defined order.
        while True:
            if width == n:
                return checksum, max_flips
            head = order[0]
            order[:width] = order[1 : width + 1]
            order[width] = head
            counters[width] -= 1
            if counters[width] > 0:
                break
            width += 1
        parity ^= 1


def bench_fannkuch() -> tuple[int, int]:
    return fannkuch(N)


def _self_check() -> None:
    result = fannkuch(7)
    if result != (228, 16):
        raise RuntimeError(
            f"bench_fannkuch self-check failed: (checksum, max flips) = {result}, "
            "expected (228, 16)"
        )


_self_check()
