"""Commands of the harness. Each is `python <harness> <command> '<request json>'`.

probe        {"root"}                           -> probe {interpreter, fingerprint, jit}
discover     {"root", "paths", "include", "exclude"} -> discovery {benchmarks, problems, missing}
calibrate    {"root", "file", "name", "minTimeNs", "timer"?}
                                                -> calibration {loops, ns, overheadNs, resolutionNs}
measure      {"root", "file", "name", "loops", "timer"?, "cpu"?}
                                                -> ready {jit, pin?}; then per stdin line
                                                   "value" -> value {ns, wallNs, cpuNs, queueNs?}; "done" -> done
                                                   {peakRssKb, jit, sampler, engagement, loopOverheadNs,
                                                   loadAverage}
             timer is "cpu" or "wall" (the default): the clock whose time is `ns`.
             cpu is a slot: the process pins itself to that position of its allowed CPUs
             (_jitbench_pin.py), and ready.pin says {cpu, reason, cpus}.
profile      {"root", "file", "name", "seconds", "intervalS"}
                                                -> profile {method, stacks, samples, ..., jit}
probe-parse  canned facts as JSON on stdin      -> jit {jit} (for tests of builds we do not have)

Every command first sends hello. A benchmark that raises or calls sys.exit
produces an error message and exit code 1; the harness's own failures
produce an error with kind "harness" and exit code 2.

One module on purpose: it is the table of commands above and the glue each
needs (reading the request, loading the benchmark, answering); the work
itself is in the _jitbench_* modules it imports.
"""

import json
import os
import sys
import threading
import types

# Every harness module is imported here, up front: __main__ imports this one while
# bytecode writing is off, so none of them leaves a .pyc beside the harness.
import _jitbench_channel
import _jitbench_discover
import _jitbench_errors
import _jitbench_executors
import _jitbench_guard
import _jitbench_jit
import _jitbench_load
import _jitbench_pin
import _jitbench_probe
import _jitbench_run

# The one harness module not imported up front: only the profile command loads it, so a timed
# process can prove it never sampled (see _sampler_loaded).
SAMPLER_MODULE = "_jitbench_profile"
SAMPLER_THREAD = "jit-bench-sampler"
# The profile message must stay one line the parent accepts (protocol.ts: MAX_LINE_BYTES, 16 MiB).
MAX_PROFILE_MESSAGE_BYTES = 12 * 1024 * 1024
MAX_PROFILE_SECONDS = 3600.0

# Read before any user code can change the environment.
_ENVIRON = dict(os.environ)
# The harness folder and the project root, absolute; set once by main() and _enter_root().
_HARNESS_DIR = [""]
_ROOT = [""]


class RequestError(Exception):
    """The caller's request cannot be served (bad root, unknown benchmark): not the benchmark's fault."""

    def __init__(self, kind, message):
        Exception.__init__(self, message)
        self.kind = kind


def _enter_root(request):
    root = request.get("root")
    if not isinstance(root, str) or not root:
        raise RequestError("request", "the request has no root")
    root = os.path.abspath(root)
    try:
        os.chdir(root)
    except OSError as exc:
        raise RequestError("root", str(exc.strerror or exc))
    _ROOT[0] = root
    # The harness folder was sys.path[0]; the project takes its place, as if run from its root.
    if sys.path and os.path.abspath(sys.path[0] or ".") == _HARNESS_DIR[0]:
        sys.path[0] = root
    else:
        sys.path.insert(0, root)
    return root


class ImportFailure(Exception):
    """Importing the benchmark's file raised; `original` is what it raised."""

    def __init__(self, original):
        Exception.__init__(self, str(original))
        self.original = original



def _probe(channel, request):
    _enter_root(request)
    facts = _jitbench_jit.gather_facts(_ENVIRON)
    facts["executors"] = _jitbench_jit.self_check()
    channel.send(
        {
            "type": "probe",
            "interpreter": _jitbench_probe.interpreter(),
            "fingerprint": _jitbench_probe.fingerprint(_ENVIRON),
            "jit": _jitbench_jit.decide(facts),
        }
    )


def _probe_parse(channel, _request):
    facts = json.loads(channel.read_all() or "{}")
    channel.send({"type": "jit", "jit": _jitbench_jit.decide(facts)})


def _discover(channel, request):
    root = _enter_root(request)
    result = _jitbench_discover.discover(
        root,
        [str(p) for p in request.get("paths") or []],
        [str(p) for p in request.get("include") or []],
        [str(p) for p in request.get("exclude") or []],
        _HARNESS_DIR[0],
    )
    result["type"] = "discovery"
    channel.send(result)


def _load_benchmark(request):
    func, is_async, loop = _load_function(request)
    return _jitbench_run.Benchmark(func, is_async, loop)


def _load_function(request):
    """(function, is it async, the process's event loop) for the benchmark the request names."""
    root = _enter_root(request)
    file = request.get("file")
    name = request.get("name")
    if not isinstance(file, str) or not isinstance(name, str):
        raise RequestError("request", "the request needs file and name")
    path = os.path.abspath(os.path.join(root, file))
    if not os.path.isfile(path):
        raise RequestError("missing", "%s does not exist under %s" % (file, root))
    # A file that may use asyncio gets the event loop before its import, so that code asking for
    # the current loop at import time finds it. Other files skip asyncio's import, tens of
    # milliseconds of every fresh process's start-up.
    loop = _jitbench_run.new_event_loop() if _may_use_asyncio(path) else None
    try:
        module = _jitbench_load.load(path, root)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise ImportFailure(exc)
    function = _jitbench_load.split_name(name)
    func = getattr(module, function, None)
    if func is None or not callable(func):
        raise RequestError("missing", "%s has no function %s" % (file, function))
    is_async = _is_coroutine_function(func)
    if loop is None and (is_async or "asyncio" in sys.modules):
        loop = _jitbench_run.new_event_loop()
    return func, is_async, loop


def _may_use_asyncio(path):
    """Whether the file's text mentions async at all (asyncio, async def); true when unreadable."""
    try:
        with open(path, "rb") as handle:
            return b"async" in handle.read()
    except OSError:
        return True


# inspect.CO_COROUTINE, without importing inspect (about 20 ms) for the common case.
_CO_COROUTINE = 0x80


def _is_coroutine_function(func):
    """inspect.iscoroutinefunction, answered from the code flags for a plain function."""
    if isinstance(func, types.FunctionType) and not hasattr(func, "_is_coroutine_marker"):
        return bool(func.__code__.co_flags & _CO_COROUTINE)
    import inspect

    return inspect.iscoroutinefunction(func)


def _timer(request):
    timer = request.get("timer", "wall")
    if timer not in _jitbench_run.TIMERS:
        raise RequestError("request", "timer must be one of %s" % ", ".join(_jitbench_run.TIMERS))
    return timer


def _calibrate(channel, request):
    min_time_ns = request.get("minTimeNs")
    if not isinstance(min_time_ns, (int, float)) or min_time_ns <= 0:
        raise RequestError("request", "minTimeNs must be a positive number")
    timer = _timer(request)
    bench = _load_benchmark(request)
    resolutions = _jitbench_run.resolutions_ns()
    loops, ns = _jitbench_run.calibrate(bench, min_time_ns, timer, resolutions)
    overhead_ns = _jitbench_run.loop_overhead_ns()
    channel.send(
        {"type": "calibration", "loops": loops, "ns": ns, "overheadNs": overhead_ns, "resolutionNs": resolutions}
    )


def _load_average():
    """The 1-minute load average when the system reports one, else None."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def _measure(channel, request):
    loops = request.get("loops")
    if not isinstance(loops, int) or isinstance(loops, bool) or loops < 1:
        raise RequestError("request", "loops must be a positive integer")
    timer = _timer(request)
    slot = request.get("cpu")
    if slot is not None and (not isinstance(slot, int) or isinstance(slot, bool) or slot < 0):
        raise RequestError("request", "cpu must be a whole number of at least 0")
    cpus = _jitbench_pin.allowed_cpus()
    facts = _jitbench_jit.gather_facts(_ENVIRON)
    bench = _load_benchmark(request)
    # After the import, before anything is timed: the two processes of a pair import side by side
    # on whichever CPUs are free (one after the other on the pair's CPU took tens of milliseconds
    # more per pair), and every value, warm-ups included, is taken on the pinned CPU.
    pinned = _jitbench_pin.pin(slot)
    pinned["cpus"] = cpus
    # After the import, before the first call: what the import compiled is invalidated, and what the
    # benchmark's calls compile from here on is the benchmark's.
    scanner = _scanner()
    scanner.baseline()
    ready = {"type": "ready", "jit": _jitbench_jit.decide(facts)}
    if slot is not None:
        ready["pin"] = pinned
    channel.send(ready)
    while True:
        line = channel.read_line()
        if line is None:
            return  # the parent went away: nothing left to answer
        if line == "value":
            wall_ns, cpu_ns, queue_ns = bench.time(loops)
            chosen_ns = cpu_ns if timer == "cpu" else wall_ns
            value = {"type": "value", "ns": chosen_ns / loops, "wallNs": wall_ns / loops, "cpuNs": cpu_ns / loops}
            if queue_ns is not None:
                value["queueNs"] = queue_ns / loops
            channel.send(value)
        elif line == "done":
            engagement = scanner.scan()
            facts["executors"] = _executors_in_process(engagement)
            channel.send(
                {
                    "type": "done",
                    "peakRssKb": _jitbench_probe.peak_rss_kb(),
                    "jit": _jitbench_jit.decide(facts),
                    "sampler": _sampler_loaded(),
                    "engagement": engagement,
                    # Measured after the scan, so its own loop's executor is not counted above.
                    "loopOverheadNs": _jitbench_run.loop_overhead_ns(),
                    "loadAverage": _load_average(),
                }
            )
            return
        else:
            raise RequestError("request", "unknown command line %r" % line[:100])


def _scanner():
    return _jitbench_executors.Scanner(
        _jitbench_executors.real_get_executor(),
        _jitbench_run.timing_codes(),
        _HARNESS_DIR[0],
        _ROOT[0],
        reset=_jitbench_executors.real_reset(),
    )


def _executors_in_process(engagement):
    """What proves the JIT ran in this process at all: the benchmark's executors and the loop's."""
    if engagement is None:
        return None
    return engagement["executors"] + engagement["timingLoopExecutors"]


def _sampler_loaded():
    """True when anything in this process could have sampled stacks: the timed values must say False."""
    if SAMPLER_MODULE in sys.modules:
        return True
    return any(thread.name == SAMPLER_THREAD for thread in threading.enumerate())


def _import_sampler():
    # Before _enter_root: the harness folder is still on sys.path. Bytecode stays off, as for the
    # modules imported up front, so no .pyc appears beside the harness.
    saved = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        import _jitbench_profile
    finally:
        sys.dont_write_bytecode = saved
    return _jitbench_profile


def _positive_number(request, key, most):
    value = request.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= most:
        raise RequestError("request", "%s must be a number above 0 and at most %g" % (key, most))
    return float(value)


def _profile(channel, request):
    seconds = _positive_number(request, "seconds", MAX_PROFILE_SECONDS)
    interval_s = _positive_number(request, "intervalS", seconds)
    sampler = _import_sampler()
    facts = _jitbench_jit.gather_facts(_ENVIRON)
    func, is_async, loop = _load_function(request)
    scanner = _scanner()
    scanner.baseline()
    result = sampler.profile_callable(func, is_async, seconds, interval_s, None, loop)
    facts["executors"] = _executors_in_process(scanner.scan())
    result.update({"type": "profile", "async": is_async, "jit": _jitbench_jit.decide(facts)})
    channel.send(_fit_profile(result, MAX_PROFILE_MESSAGE_BYTES))


def _fit_profile(result, limit):
    """Keeps the most frequent stacks that fit in one message; the rest count as dropped samples."""
    stacks = result["stacks"]
    size = sum(_json_size(stack) for stack in stacks)
    if size <= limit:
        return result
    kept = {}
    used = 0
    for stack, count in sorted(stacks.items(), key=lambda item: -item[1]):
        cost = _json_size(stack)
        if used + cost > limit:
            result["dropped"] += count
            result["samples"] -= count
            continue
        kept[stack] = count
        used += cost
    result["stacks"] = kept
    return result


def _json_size(stack):
    # Quotes, colon, comma and a count of up to 20 digits; names may be escaped to \uXXXX.
    return len(json.dumps(stack, ensure_ascii=True)) + 24


COMMANDS = {
    "probe": _probe,
    "probe-parse": _probe_parse,
    "discover": _discover,
    "calibrate": _calibrate,
    "measure": _measure,
    "profile": _profile,
}


def _describe(exc):
    # Paths in tracebacks are shown relative to the root, even if the benchmark changed directory.
    return _jitbench_errors.describe(exc, _ROOT[0] or os.path.abspath(os.curdir), _HARNESS_DIR[0])


def _finish(code):
    _jitbench_channel.flush_user_streams()
    # Whatever the benchmark started, in its session or another, ends with the worker.
    _jitbench_guard.kill_descendants()
    # os._exit: user atexit handlers and leftover non-daemon threads must not keep the process alive.
    os._exit(code)


def main(argv, harness_dir):
    _HARNESS_DIR[0] = os.path.abspath(harness_dir)
    _jitbench_guard.start()
    channel = _jitbench_channel.open_channel()
    channel.send(
        {
            "type": "hello",
            "protocol": _jitbench_channel.PROTOCOL_VERSION,
            "implementation": _jitbench_probe.interpreter()["implementation"],
            "version": list(sys.version_info[:3]),
        }
    )
    try:
        import faulthandler

        # A crash in C code then leaves a Python traceback in the stderr tail of the failure.
        faulthandler.enable(file=sys.__stderr__)
    except Exception:
        pass
    if not argv or argv[0] not in COMMANDS:
        channel.send({"type": "error", "kind": "harness", "message": "unknown command %r" % (argv[:1],)})
        _finish(2)
    try:
        request = json.loads(argv[1]) if len(argv) > 1 else {}
    except ValueError:
        request = None
    if not isinstance(request, dict):
        channel.send({"type": "error", "kind": "harness", "message": "the request must be a JSON object"})
        _finish(2)
    try:
        COMMANDS[argv[0]](channel, request)
    except RequestError as exc:
        channel.send({"type": "error", "kind": exc.kind, "message": str(exc)})
        _finish(2)
    except ImportFailure as failure:
        description = _describe(failure.original)
        description.update({"type": "error", "kind": "import", "file": request.get("file")})
        channel.send(description)
        _finish(1)
    except SystemExit as exc:
        description = _describe(exc)
        code = exc.code
        if code is None:
            code = 0
        description.update({"type": "error", "kind": "exit", "exitCode": code if isinstance(code, int) else 1})
        channel.send(description)
        _finish(1)
    except BaseException as exc:
        description = _describe(exc)
        description.update({"type": "error", "kind": "exception"})
        channel.send(description)
        _finish(1)
    _finish(0)
