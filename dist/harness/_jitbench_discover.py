"""Finding benchmarks.

A benchmark is a module-level function whose name starts with "bench_",
plain or `async def`, defined in the file itself (names imported from
elsewhere are not counted twice) and callable with no arguments.

Paths may be files or folders, relative to the project root or absolute.
A file given explicitly is always loaded, whatever its name. A folder is
searched recursively, in sorted order, for files named bench*.py
(benchmark_engine.py, bench_io.py, ...) or *_bench.py, *_benchmark.py,
*_benchmarks.py; hidden folders, __pycache__, node_modules and virtual
environments are skipped.

A benchmark is named by its function name. When the same function name
occurs in more than one file, each of them is named
"relative/path/file.py::bench_x" instead, so names stay unique and do not
depend on the order of the paths. Include and exclude patterns (fnmatch,
case-sensitive) match either form. A file that fails to import is reported
with the reason (kind "import"), a bench_* function that needs arguments
likewise (kind "arguments"); the other files and functions still count.
"""

import fnmatch
import os

import _jitbench_errors
import _jitbench_load

_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages"}
_SUFFIXES = ("_bench.py", "_benchmark.py", "_benchmarks.py")


def is_benchmark_file(filename):
    return filename.endswith(".py") and (filename.startswith("bench") or filename.endswith(_SUFFIXES))


def _skipped(folder):
    name = os.path.basename(folder)
    if name.startswith(".") or name in _SKIP_DIRS:
        return True
    return os.path.isfile(os.path.join(folder, "pyvenv.cfg"))


def _walk(folder):
    found = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _skipped(os.path.join(current, d)))
        found.extend(os.path.join(current, f) for f in sorted(files) if is_benchmark_file(f))
    return found


def collect_files(root, paths):
    """(files in order without duplicates, paths that do not exist)."""
    files, missing, seen = [], [], set()
    for given in paths:
        path = os.path.abspath(os.path.join(root, given))
        if os.path.isdir(path):
            candidates = _walk(path)
        elif os.path.isfile(path):
            candidates = [path]
        else:
            missing.append(given)
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                files.append(candidate)
    return files, missing


def _required_parameters(func):
    import inspect

    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in signature.parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]


def benchmarks_in(module):
    """[(function name, function)] in definition order."""
    import inspect

    found = []
    for name, value in list(vars(module).items()):
        if not name.startswith("bench_") or not inspect.isfunction(value):
            continue
        if getattr(value, "__module__", None) != module.__name__:
            continue
        found.append((name, value))
    return found


def _matches(patterns, names):
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns for name in names)


def discover(root, paths, include, exclude, harness_dir):
    # inspect is imported where it is used: a timed process imports this module but never
    # discovers, and inspect alone costs it about 20 ms of start-up.
    import inspect

    files, missing = collect_files(root, paths)
    problems = []
    entries = []
    for path in files:
        rel = _jitbench_load.relative(path, root)
        try:
            module = _jitbench_load.load(path, root)
        except BaseException as exc:  # a file may raise anything, SystemExit included
            if isinstance(exc, KeyboardInterrupt):
                raise
            description = _jitbench_errors.describe(exc, root, harness_dir)
            problems.append({"file": rel, "kind": "import", "reason": _jitbench_errors.one_line(description)})
            continue
        for name, func in benchmarks_in(module):
            required = _required_parameters(func)
            if required:
                problems.append(
                    {
                        "file": rel,
                        "kind": "arguments",
                        "reason": "%s takes arguments (%s); benchmarks are called with none" % (name, ", ".join(required)),
                    }
                )
                continue
            entries.append({"function": name, "file": rel, "async": inspect.iscoroutinefunction(func)})

    counts = {}
    for entry in entries:
        counts[entry["function"]] = counts.get(entry["function"], 0) + 1
    benchmarks = []
    for entry in entries:
        qualified = entry["file"] + _jitbench_load.SEPARATOR + entry["function"]
        name = entry["function"] if counts[entry["function"]] == 1 else qualified
        forms = (entry["function"], qualified)
        if include and not _matches(include, forms):
            continue
        if exclude and _matches(exclude, forms):
            continue
        benchmarks.append({"name": name, "file": entry["file"], "async": entry["async"]})
    return {"benchmarks": benchmarks, "problems": problems, "missing": missing}
