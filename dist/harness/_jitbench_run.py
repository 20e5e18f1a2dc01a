"""Timing one benchmark: calibrating the inner loop count and taking values.

One timed value is `loops` calls in a row, timed with perf_counter_ns, and
reported as nanoseconds per call. Async benchmarks run on one event loop per
process, created once; the calls of one value are awaited in a loop inside
a single coroutine, so the loop's scheduling overhead is the same in every
value and in both legs.

The loop itself costs a few nanoseconds per call. It stays inside every value,
as it does in timeit and pyperf: subtracting an estimate of it would make a
tiny benchmark's figure an unstable difference of two measurements, and the
JIT may treat the loop differently from the body. Instead it is iterated over
itertools.repeat, which hands out the same None each time (a range would
create an int object per call beyond 256), and its per-call cost is measured
on its own and reported beside the values (loop_overhead_ns).
"""

import asyncio
import itertools
import time
import warnings

MAX_LOOPS = 2**40
# Growth per calibration step is capped so one surprisingly fast value cannot overshoot wildly.
MAX_GROWTH = 1024


class Benchmark:
    def __init__(self, func, is_async, loop):
        self.func = func
        self.is_async = is_async
        self._loop = loop

    def time(self, loops):
        """Nanoseconds for `loops` calls (the whole value, not per call)."""
        if self.is_async:
            return self._loop.run_until_complete(_timed_async(self.func, loops))
        return _timed_sync(self.func, loops)



def _timed_sync(func, loops):
    clock = time.perf_counter_ns
    iterations = itertools.repeat(None, loops)
    start = clock()
    for _ in iterations:
        func()
    return clock() - start


async def _timed_async(func, loops):
    clock = time.perf_counter_ns
    iterations = itertools.repeat(None, loops)
    start = clock()
    for _ in iterations:
        await func()
    return clock() - start


def timing_codes():
    """The timing loops' code objects: executors on them are the harness's, not the benchmark's."""
    return [_timed_sync.__code__, _timed_async.__code__]


# Iterations of the empty loop per overhead value: about a millisecond, long next to the clock's resolution.
OVERHEAD_LOOPS = 2**17
OVERHEAD_VALUES = 5


def _empty_loop(loops):
    clock = time.perf_counter_ns
    iterations = itertools.repeat(None, loops)
    start = clock()
    for _ in iterations:
        pass
    return clock() - start


def loop_overhead_ns():
    """Nanoseconds per iteration of the timing loop with nothing in it: the floor under every value.

    The smallest of a few values, because interruptions only ever add time.
    """
    return min(_empty_loop(OVERHEAD_LOOPS) for _ in range(OVERHEAD_VALUES)) / OVERHEAD_LOOPS


def new_event_loop():
    """The process's one event loop, also made current for code that asks for it outside a coroutine."""
    loop = asyncio.new_event_loop()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            asyncio.set_event_loop(loop)
        except Exception:
            pass
    return loop


def calibrate(bench, min_time_ns):
    """(loops, ns per call of the last value): the smallest power of two whose value lasts min_time_ns."""
    bench.time(1)  # a first call pays for imports, caches and specialisation, not the timed values
    loops = 1
    while True:
        elapsed = bench.time(loops)
        if elapsed >= min_time_ns or loops >= MAX_LOOPS:
            return loops, elapsed / loops
        if elapsed <= 0:
            factor = MAX_GROWTH
        else:
            factor = 2
            while factor < MAX_GROWTH and elapsed * factor < min_time_ns:
                factor *= 2
        loops = min(loops * factor, MAX_LOOPS)
