"""Timing one benchmark: calibrating the inner loop count and taking values.

One timed value is `loops` calls in a row, timed with two clocks at once:
perf_counter_ns (wall time) and process_time_ns (the process's CPU time, user
plus system, all threads), each reported as nanoseconds per call. The run's
`timer` setting says which of the two its statistics use; the other is kept
so a result can be compared again with it, and so waiting (wall time the CPU
did not spend) and a busy machine (wall time stretched by other work) show. Async benchmarks run on one event loop per
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

import itertools
import os
import time

MAX_LOOPS = 2**40
# Growth per calibration step is capped so one surprisingly fast value cannot overshoot wildly.
MAX_GROWTH = 1024


class Benchmark:
    def __init__(self, func, is_async, loop):
        self.func = func
        self.is_async = is_async
        self._loop = loop

    def time(self, loops):
        """(wall ns, CPU ns, run-queue ns or None) for `loops` calls (the whole value, not per call).

        The run-queue time is how long this thread was ready to run but waited for a CPU, read
        before and after the timed region from the kernel's scheduler statistics: wall time minus
        CPU time minus this is time the benchmark itself spent waiting (sleep, I/O, a lock).
        """
        before = _QUEUE.read()
        if self.is_async:
            wall_ns, cpu_ns = self._loop.run_until_complete(_timed_async(self.func, loops))
        else:
            wall_ns, cpu_ns = _timed_sync(self.func, loops)
        after = _QUEUE.read()
        queue_ns = None if before is None or after is None else max(0, after - before)
        return wall_ns, cpu_ns, queue_ns


class _RunQueue:
    """The calling thread's time spent runnable but not running (Linux schedstat), or None."""

    PATHS = ("/proc/thread-self/schedstat", "/proc/self/schedstat")

    def __init__(self):
        self._fd = None
        for path in self.PATHS:
            try:
                self._fd = os.open(path, os.O_RDONLY)
                break
            except (OSError, AttributeError):
                continue
        if self.read() is None:
            self._fd = None

    def read(self):
        if self._fd is None:
            return None
        try:
            return int(os.pread(self._fd, 100, 0).split()[1])
        except (OSError, ValueError, IndexError, AttributeError):
            return None


_QUEUE = _RunQueue()



# The CPU clock is read outside the wall clock's reads on both ends, so neither clock's read
# lands inside the other's interval more on one end than on the other.
def _timed_sync(func, loops):
    wall = time.perf_counter_ns
    cpu = time.process_time_ns
    iterations = itertools.repeat(None, loops)
    cpu_start = cpu()
    start = wall()
    for _ in iterations:
        func()
    end = wall()
    return end - start, cpu() - cpu_start


async def _timed_async(func, loops):
    wall = time.perf_counter_ns
    cpu = time.process_time_ns
    iterations = itertools.repeat(None, loops)
    cpu_start = cpu()
    start = wall()
    for _ in iterations:
        await func()
    end = wall()
    return end - start, cpu() - cpu_start


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
    """The process's one event loop, also made current for code that asks for it outside a coroutine.

    asyncio is imported here rather than up front: it takes tens of milliseconds, which every
    fresh process of a benchmark that never uses it would pay before its first value.
    """
    import asyncio
    import warnings

    loop = asyncio.new_event_loop()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            asyncio.set_event_loop(loop)
        except Exception:
            pass
    return loop


TIMERS = ("cpu", "wall")
# A value must last this many ticks of the clock that times it, so a tick is at most 1% of it.
RESOLUTION_TICKS = 100
# Steps per resolution estimate, and the most wall time one estimate may take: a clock that ticks
# every 10 ms still shows a few steps in that time.
RESOLUTION_STEPS = 2000
RESOLUTION_MAX_NS = 50 * 10**6
# Longest calibration value in wall time (unless min-time asks for more): a benchmark that mostly
# waits would otherwise grow its loop count without end while its CPU time stays below the CPU
# clock's ticks.
MAX_VALUE_NS = 2 * 10**9


def clock_resolution_ns(clock, steps=RESOLUTION_STEPS, max_ns=RESOLUTION_MAX_NS):
    """The smallest step the clock was seen to take between two reads, in nanoseconds.

    Declared resolutions (time.get_clock_info) are what the system promises, not what a read
    returns: a process CPU clock may advance only at the scheduler's tick on some systems. The
    loop spins, so a CPU clock advances while it looks.
    """
    wall = time.perf_counter_ns
    deadline = wall() + max_ns
    smallest = None
    last = clock()
    for _ in range(steps):
        now = clock()
        while now == last:
            now = clock()
        step = now - last
        if smallest is None or step < smallest:
            smallest = step
        last = now
        if wall() > deadline:
            break
    return smallest


def resolutions_ns():
    """{"wall": ns, "cpu": ns}: the measured resolution of each clock in this process."""
    return {"wall": clock_resolution_ns(time.perf_counter_ns), "cpu": clock_resolution_ns(time.process_time_ns)}


def calibrate(bench, min_time_ns, timer="wall", resolutions=None):
    """(loops, ns per call of the last value on the chosen clock): the smallest power of two
    whose value lasts min_time_ns of wall time and RESOLUTION_TICKS of the chosen clock's ticks.
    """
    if resolutions is None:
        resolutions = {"wall": 1, "cpu": 1}
    ticks_ns = RESOLUTION_TICKS * resolutions[timer]
    bench.time(1)  # a first call pays for imports, caches and specialisation, not the timed values
    loops = 1
    while True:
        wall_ns, cpu_ns, _queue_ns = bench.time(loops)
        chosen_ns = cpu_ns if timer == "cpu" else wall_ns
        long_enough = wall_ns >= min_time_ns and chosen_ns >= ticks_ns
        if long_enough or loops >= MAX_LOOPS or wall_ns >= max(MAX_VALUE_NS, min_time_ns):
            return loops, chosen_ns / loops
        need = max(min_time_ns / max(wall_ns, 1), ticks_ns / max(chosen_ns, 1))
        factor = 2
        while factor < MAX_GROWTH and factor < need:
            factor *= 2
        loops = min(loops * factor, MAX_LOOPS)
