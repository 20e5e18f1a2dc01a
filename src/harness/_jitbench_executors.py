"""Where the JIT compiled code in this process: executors on any live code object.

CPython's tier-2 optimizer (the JIT, or the micro-op interpreter) turns a hot
loop into an executor and attaches it to the code object at the loop's
backward jump. `_opcode.get_executor(code, offset)` finds it there. A
benchmark's hot loop is rarely in the benchmark function itself: it is in a
helper, a method, a closure, a coroutine or library code. So the scan looks
at every code object the process can still reach (functions, generators,
coroutines, frames, and the code objects nested in their constants), and
credits the benchmark with the executors that appeared after a baseline
taken before its first call.

Before that baseline every executor is invalidated (sys._clear_internal_caches,
3.13+): a module that runs its hot code at import (a self-check, a table
built in a loop) has it compiled already, and the benchmark would then run
compiled code that the baseline hides. Invalidated, that code is compiled
again during the warm-up if, and only if, the benchmark runs it hot.

The harness's own timing loop gets compiled too (it calls the benchmark
`loops` times in a row), which can make the JIT leg's loop faster around the
same call. Executors on it are counted apart and never as the benchmark's.

Nothing here reads the interpreter's JIT settings: `get_executor` is passed
in, so tests can stand in for builds this machine does not have.
"""

import gc
import os
import sys
import time
import types

try:
    import _opcode
except ImportError:
    _opcode = None

try:
    import opcode as _opcode_names

    ENTER_EXECUTOR = _opcode_names.opmap.get("ENTER_EXECUTOR")
except ImportError:
    ENTER_EXECUTOR = None

# How many functions a process reports as holding most of the benchmark's executors.
HOTSPOTS = 3
MAX_NAME = 300
MAX_FILE = 1000

_GENERATOR_TYPES = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)


def real_get_executor():
    """The interpreter's `_opcode.get_executor`, or None where it cannot tell."""
    if _opcode is None:
        return None
    return getattr(_opcode, "get_executor", None)


def real_reset():
    """The interpreter's way to invalidate every executor, or None before 3.13."""
    return getattr(sys, "_clear_internal_caches", None)


def _code_of(obj):
    if isinstance(obj, types.FunctionType):
        return obj.__code__
    if isinstance(obj, types.GeneratorType):
        return obj.gi_code
    if isinstance(obj, types.CoroutineType):
        return obj.cr_code
    if isinstance(obj, types.AsyncGeneratorType):
        return obj.ag_code
    if isinstance(obj, types.FrameType):
        return obj.f_code
    return None


def live_codes():
    """Every code object this process can still reach. Code objects are not tracked by the
    garbage collector, so they are found through what holds them."""
    roots = []
    for obj in gc.get_objects():
        code = _code_of(obj)
        if code is not None:
            roots.append(code)
    frame = sys._getframe()
    while frame is not None:
        roots.append(frame.f_code)
        frame = frame.f_back
    seen = {}
    stack = roots
    while stack:
        code = stack.pop()
        if id(code) in seen:
            continue
        seen[id(code)] = code
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                stack.append(const)
    return list(seen.values())


def _offsets(code):
    """Offsets that may hold an executor. The adaptive bytecode shows ENTER_EXECUTOR where one
    is attached (co_code shows the original instruction), so only those are asked; without it,
    every offset is."""
    adaptive = getattr(code, "_co_code_adaptive", None)
    if ENTER_EXECUTOR is None or not isinstance(adaptive, bytes):
        return range(0, len(code.co_code), 2)
    marker = bytes((ENTER_EXECUTOR,))
    found = []
    at = adaptive.find(marker)
    while at != -1:
        if at % 2 == 0:
            found.append(at)
        at = adaptive.find(marker, at + 1)
    return found


def executors_in(codes, get_executor, scan_all_offsets=False):
    """[(code, executor)] for every valid executor attached to these code objects."""
    found = []
    for code in codes:
        offsets = range(0, len(code.co_code), 2) if scan_all_offsets else _offsets(code)
        for offset in offsets:
            try:
                executor = get_executor(code, offset)
            except (ValueError, TypeError, RuntimeError):
                continue
            if executor is None:
                continue
            valid = getattr(executor, "is_valid", None)
            try:
                if valid is not None and not valid():
                    continue
            except Exception:
                continue
            found.append((code, executor))
    return found


class Scanner:
    """Takes a baseline before the benchmark's first call, then counts what it added.

    `timing_codes` are the harness's timing-loop code objects; `harness_dir` is where the
    harness's files are (executors on its other code are neither the benchmark's nor the loop's).
    `reset` invalidates every executor before the baseline (None: nothing is invalidated).
    `scan_all_offsets` asks get_executor at every offset, for stand-ins that keep no bytecode.
    """

    def __init__(self, get_executor, timing_codes, harness_dir, root, reset=None, scan_all_offsets=False):
        self._get_executor = get_executor
        self._reset = reset
        self._timing = set(id(code) for code in timing_codes)
        self._timing_codes = list(timing_codes)
        self._harness_dir = os.path.abspath(harness_dir) if harness_dir else None
        self._root = os.path.abspath(root) if root else None
        self._all = scan_all_offsets
        # The baseline's executors are kept alive, so that a new executor cannot reuse an id.
        self._baseline = {}
        self._baseline_taken = False

    def baseline(self):
        if self._get_executor is None:
            return
        if self._reset is not None:
            self._reset()
        for _, executor in executors_in(live_codes() + self._timing_codes, self._get_executor, self._all):
            self._baseline[id(executor)] = executor
        self._baseline_taken = True

    def scan(self):
        """The engagement record (see docs/results-schema.md), or None when this build cannot tell."""
        if self._get_executor is None or not self._baseline_taken:
            return None
        started = time.perf_counter_ns()
        codes = live_codes()
        known = set(id(code) for code in codes)
        codes.extend(code for code in self._timing_codes if id(code) not in known)
        benchmark = 0
        timing = 0
        per_code = {}
        for code, executor in executors_in(codes, self._get_executor, self._all):
            if id(executor) in self._baseline:
                continue
            if id(code) in self._timing:
                timing += 1
                continue
            if self._is_harness(code):
                continue
            benchmark += 1
            entry = per_code.get(id(code))
            if entry is None:
                per_code[id(code)] = [code, 1]
            else:
                entry[1] += 1
        hotspots = sorted(per_code.values(), key=lambda item: (-item[1], self._where(item[0])))
        return {
            "executors": benchmark,
            "timingLoopExecutors": timing,
            "hotspots": [self._hotspot(code, count) for code, count in hotspots[:HOTSPOTS]],
            "functionsWithExecutors": len(per_code),
            "codeObjectsScanned": len(codes),
            "scanNs": time.perf_counter_ns() - started,
        }

    def _is_harness(self, code):
        if self._harness_dir is None:
            return False
        folder = os.path.dirname(os.path.abspath(code.co_filename or ""))
        return folder == self._harness_dir

    def _where(self, code):
        return (code.co_filename or "", code.co_firstlineno or 0)

    def _hotspot(self, code, count):
        name = getattr(code, "co_qualname", None) or code.co_name
        return {
            "function": str(name)[:MAX_NAME],
            "file": self._relative(code.co_filename or "")[:MAX_FILE],
            "line": int(code.co_firstlineno or 0),
            "executors": count,
        }

    def _relative(self, filename):
        if self._root and filename.startswith(self._root + os.sep):
            return filename[len(self._root) + 1:]
        return filename
