"""Where a benchmark spends its time: stack samples, collapsed with counts.

The calling thread runs the benchmark over and over while a sampler thread
wakes every `interval_s` seconds, reads the calling thread's current frame
with sys._current_frames() and walks it back to the benchmark's own call.
Each sample becomes one "module:function;module:function;leaf" line, and
equal lines are counted. Only the standard library is used, so this works
on every CPython from 3.9 on, in a bare container, with no ptrace and no
perf: the JIT keeps ordinary interpreter frames for the Python functions
it runs, so they show here whether their code ran jitted or not.

This runs in a process of its own that is never timed: the sampler thread
takes the GIL from the benchmark a thousand times a second, which is fine
for seeing where the time goes and wrong for measuring how much there is.

Why 1 ms by default: about a thousand samples a second, so a two-second
profile resolves frames down to about 1% of the time. A finer interval
mostly adds GIL hand-overs. The switch interval is lowered while sampling
because a thread that wants the GIL waits for the switch interval (5 ms by
default) before the running thread is asked to give it up; without this,
a 1 ms sampler would really sample every 5 ms, at moments that line up with
the holder's own rhythm.
"""

import inspect
import os
import sys
import threading
import time

METHOD = "sys._current_frames"
DEFAULT_INTERVAL_S = 0.001
# Bounds that keep a pathological benchmark (deep recursion, endless distinct stacks) from
# producing a result too big to send or to draw.
MAX_DEPTH = 256
MAX_STACKS = 20000
MAX_KEY_CHARS = 8000000  # all distinct stacks' text together: the result stays one sendable line
MAX_NAME = 300
CUT_MARKER = "(deeper frames cut)"
_SUITE_PREFIX = "_jitbench_suite_"


class _Sampler(object):
    def __init__(self, target_ident, driver, region, interval_s, max_samples):
        self.target_ident = target_ident
        # Identities, not code objects: hashing a code object hashes its contents, on every frame.
        self.driver = id(driver)
        self.region = id(region)
        self.interval_s = interval_s
        self.max_samples = max_samples
        self.stacks = {}
        self.samples = 0
        self.outside = 0
        self.dropped = 0
        self._key_chars = 0
        self.stop = threading.Event()
        # A plain list, not an Event: the driver reads it between calls, and an Event's
        # is_set() is a Python function that would show up in the samples.
        self.full = [False]
        self._names = {}
        self._thread = threading.Thread(target=self._run, name="jit-bench-sampler")
        self._thread.daemon = True

    def start(self):
        self._thread.start()

    def join(self):
        self.stop.set()
        self._thread.join()

    def _run(self):
        while not self.stop.wait(self.interval_s):
            frame = sys._current_frames().get(self.target_ident)
            if frame is not None:
                self._record(frame)
            del frame
            if self.max_samples is not None and self.samples >= self.max_samples:
                self.full[0] = True
                return

    def _record(self, frame):
        above = []  # frames the driver called, leaf first
        while frame is not None:
            code = id(frame.f_code)
            if code == self.driver or code == self.region:
                break
            above.append(frame)
            frame = frame.f_back
        if frame is None:
            return  # not in the sampled region: before or after the sampled calls
        if id(frame.f_code) == self.region or not above:
            # Between two calls, or (async) in the event loop while the benchmark is not running.
            self.outside += 1
            return
        above.reverse()
        names = [self._name(f) for f in above[:MAX_DEPTH]]
        if len(above) > MAX_DEPTH:
            names[-1] = CUT_MARKER
        key = ";".join(names)
        if key in self.stacks:
            self.stacks[key] += 1
        elif len(self.stacks) < MAX_STACKS and self._key_chars + len(key) <= MAX_KEY_CHARS:
            self.stacks[key] = 1
            self._key_chars += len(key)
        else:
            self.dropped += 1
            return
        self.samples += 1

    def _name(self, frame):
        code = frame.f_code
        known = self._names.get(id(code))
        if known is None:
            # The entry keeps the code object alive, so its id cannot be reused by another.
            known = (code, frame_name(code, frame.f_globals.get("__name__")))
            self._names[id(code)] = known
        return known[1]


def frame_name(code, module):
    """'module:qualified.name', safe for a collapsed line (no ';', no line breaks)."""
    if not isinstance(module, str) or not module:
        module = os.path.splitext(os.path.basename(code.co_filename))[0] or "?"
    elif module.startswith(_SUITE_PREFIX):
        # The harness imports loose suite files under made-up names; the file's own stem reads better.
        module = os.path.splitext(os.path.basename(code.co_filename))[0]
    function = getattr(code, "co_qualname", None) or code.co_name
    text = "%s:%s" % (module, function)
    for bad in (";", "\r", "\n", "\t"):
        text = text.replace(bad, ",")
    return text[:MAX_NAME]


def _drive_sync(fn, deadline, full):
    clock = time.perf_counter
    calls = 0
    while clock() < deadline and not full[0]:
        fn()
        calls += 1
    return calls


async def _drive_async(fn, deadline, full):
    clock = time.perf_counter
    calls = 0
    while clock() < deadline and not full[0]:
        await fn()
        calls += 1
    return calls


def profile_callable(fn, is_async, seconds, interval_s=DEFAULT_INTERVAL_S, max_samples=None, loop=None):
    """Calls `fn` repeatedly for about `seconds` while sampling; returns the profile as a dict.

    An async `fn` is awaited on `loop` (a new one is made and closed when none is given).
    One unsampled call comes first, so imports and first-call caches do not count.
    Exceptions raised by `fn` propagate, after the sampler has stopped.
    """
    if seconds <= 0 or interval_s <= 0:
        raise ValueError("seconds and interval_s must be positive")
    own_loop = None
    if is_async and loop is None:
        import _jitbench_run

        loop = own_loop = _jitbench_run.new_event_loop()
    driver = _drive_async.__code__ if is_async else _drive_sync.__code__
    sampler = _Sampler(threading.get_ident(), driver, profile_callable.__code__, interval_s, max_samples)
    switch = sys.getswitchinterval()
    try:
        if is_async:
            loop.run_until_complete(fn())
        else:
            fn()
        sys.setswitchinterval(min(switch, interval_s / 4))
        started = time.perf_counter()
        sampler.start()
        try:
            if is_async:
                calls = loop.run_until_complete(_drive_async(fn, started + seconds, sampler.full))
            else:
                calls = _drive_sync(fn, started + seconds, sampler.full)
        finally:
            sampler.join()
            elapsed = time.perf_counter() - started
            sys.setswitchinterval(switch)
    finally:
        if own_loop is not None:
            own_loop.close()
    return {
        "method": METHOD,
        "intervalS": interval_s,
        "seconds": elapsed,
        "calls": calls,
        "samples": sampler.samples,
        "outside": sampler.outside,
        "dropped": sampler.dropped,
        "stacks": sampler.stacks,
    }


def profile_benchmark(root, file, name, seconds, interval_s=DEFAULT_INTERVAL_S, max_samples=None):
    """Loads benchmark `name` from `file` (relative to `root`) the way the harness does and profiles it.

    Raises what importing the file raises, and LookupError when the function is missing.
    """
    import _jitbench_load
    import _jitbench_run

    path = os.path.abspath(os.path.join(root, file))
    module = _jitbench_load.load(path, root)
    func = getattr(module, _jitbench_load.split_name(name), None)
    if func is None or not callable(func):
        raise LookupError("%s has no function %s" % (file, _jitbench_load.split_name(name)))
    is_async = inspect.iscoroutinefunction(func)
    loop = _jitbench_run.new_event_loop() if is_async else None
    try:
        result = profile_callable(func, is_async, seconds, interval_s, max_samples, loop)
    finally:
        if loop is not None:
            loop.close()
    result["benchmark"] = name
    result["async"] = is_async
    return result
