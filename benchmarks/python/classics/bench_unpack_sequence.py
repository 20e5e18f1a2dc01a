"""Unpack sequence: destructuring ten-element tuples and lists into locals, and packing them back.

Each round unpacks a tuple and rebuilds it rotated one place to the left,
and unpacks a list and rebuilds it rotated one place to the right, then
reversed; the loop body does this twice for each, so unpacking rather than
the loop counter dominates.

What it measures: the UNPACK_SEQUENCE and BUILD_TUPLE / BUILD_LIST
instructions and local variable traffic, nothing else. The specialising
interpreter already has fast paths for exactly-sized tuples and lists; this
shows whether the JIT adds anything on top of them.

One call runs ROUNDS rounds.
Cost: about 1.2 ms per call on CPython 3.11.7, 2-core x86-64
(``python3 -m timeit -s "import bench_unpack_sequence as b" "b.bench_unpack_sequence()"``).

Self-check at import: the results after a few round counts (ROUNDS among
them) are compared with the same moves done by slicing and `reversed`.
"""

from __future__ import annotations

ROUNDS = 5000

_START = tuple(range(10))


def shuffle(start: tuple[int, ...], rounds: int) -> tuple[tuple[int, ...], list[int]]:
    t = start
    items = list(start)
    for _ in range(rounds):
        a, b, c, d, e, f, g, h, i, j = t
        t = b, c, d, e, f, g, h, i, j, a
        a, b, c, d, e, f, g, h, i, j = items
        items = [j, a, b, c, d, e, f, g, h, i]
        a, b, c, d, e, f, g, h, i, j = t
        t = b, c, d, e, f, g, h, i, j, a
        a, b, c, d, e, f, g, h, i, j = items
        items = [j, i, h, g, f, e, d, c, b, a]
    return t, items


def bench_unpack_sequence() -> tuple[tuple[int, ...], list[int]]:
    return shuffle(_START, ROUNDS)


def _by_slicing(start: tuple[int, ...], rounds: int) -> tuple[tuple[int, ...], list[int]]:
    shift = (2 * rounds) % len(start)
    items = list(start)
    for _ in range(rounds):
        items = list(reversed(items[-1:] + items[:-1]))
    return start[shift:] + start[:shift], items


def _self_check() -> None:
    for rounds in (0, 1, 2, 3, 7, ROUNDS):
        t, items = shuffle(_START, rounds)
        if (t, items) != _by_slicing(_START, rounds):
            raise RuntimeError(
                f"bench_unpack_sequence self-check failed after {rounds} rounds: {t}, {items}"
            )


_self_check()
