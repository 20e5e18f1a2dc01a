"""Float: many small point objects, normalised and reduced to a component-wise maximum.

Point i sits at (sin i, 3 cos i, sin(i)^2 / 2). Each point is scaled to unit
length, then the points are folded into one whose every coordinate is the
largest seen.

What it measures: allocation of many short-lived instances with float
attributes, method calls, and calls into `math`. Boxing floats and creating
objects is exactly what a JIT cannot remove without escape analysis, so this
shows how much of the win survives an allocation-heavy workload.

One call creates POINTS points.
Cost: about 2.6 ms per call on CPython 3.11.7, 2-core x86-64
(``python3 -m timeit -s "import bench_float as b" "b.bench_float()"``).

Self-check at import: the result is recomputed with plain tuples and
`math.hypot`, a different code path; both must agree to 1e-12, and the
result must be a unit-length-bounded point.
"""

from __future__ import annotations

import math

POINTS = 5_000


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i: int) -> None:
        x = math.sin(i)
        self.x = x
        self.y = math.cos(i) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self) -> None:
        norm = math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other: Point) -> Point:
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def largest_components(count: int) -> tuple[float, float, float]:
    points = [Point(i) for i in range(count)]
    for point in points:
        point.normalize()
    best = points[0]
    for point in points[1:]:
        best = best.maximize(point)
    return best.x, best.y, best.z


def bench_float() -> tuple[float, float, float]:
    return largest_components(POINTS)


def _reference(count: int) -> tuple[float, float, float]:
    unit = []
    for i in range(count):
        x, y = math.sin(i), math.cos(i) * 3.0
        z = x * x / 2.0
        length = math.hypot(x, y, z)
        unit.append((x / length, y / length, z / length))
    return tuple(max(p[axis] for p in unit) for axis in range(3))  # type: ignore[return-value]


def _self_check() -> None:
    count = 1000
    got = largest_components(count)
    want = _reference(count)
    if any(abs(a - b) > 1e-12 for a, b in zip(got, want)) or not all(0 < c <= 1 for c in got):
        raise RuntimeError(f"bench_float self-check failed: got {got}, expected {want}")


_self_check()
