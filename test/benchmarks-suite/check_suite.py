"""Imports every module of a benchmark suite and calls each bench_* function twice.

Usage: python check_suite.py SUITE_DIR [--without MODULE]...

Prints one JSON object on stdout:
  {"python": "3.11.7",
   "files": {"aria/bench_chat.py": "ok" | "error: ..."},
   "benchmarks": {"bench_x": "ok" | "skipped: <reason>" | "error: <what>"},
   "duplicates": ["bench_y", ...]}

`--without yaml` makes `import yaml` fail as if PyYAML were not installed, so
one interpreter can check both sides of an optional dependency. Standard
library only, and written for Python 3.9+.
"""

import asyncio
import importlib.abc
import importlib.util
import inspect
import json
import sys
import traceback
import unittest
from pathlib import Path


class _Without(importlib.abc.MetaPathFinder):
    def __init__(self, names):
        self.names = set(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _describe(error):
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def _call(function, loop):
    if inspect.iscoroutinefunction(function):
        return loop.run_until_complete(function())
    return function()


def _check(function, loop):
    try:
        first = _call(function, loop)
        second = _call(function, loop)
    except unittest.SkipTest as skip:
        return f"skipped: {skip}"
    except Exception as error:  # noqa: BLE001 - every failure is reported, none is fatal
        return f"error: {_describe(error)}"
    if repr(first) != repr(second):
        return "error: the result changed between two calls (state leaks across calls)"
    return "ok"


def main(argv):
    suite = Path(argv[0]).resolve()
    without = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--without"]
    if without:
        sys.meta_path.insert(0, _Without(without))
    for name in without:
        sys.modules.pop(name, None)

    report = {
        "python": ".".join(str(part) for part in sys.version_info[:3]),
        "files": {},
        "benchmarks": {},
        "duplicates": [],
    }
    loop = asyncio.new_event_loop()
    files = sorted(p for p in suite.rglob("*.py") if "__pycache__" not in p.parts)
    for index, path in enumerate(files):
        relative = path.relative_to(suite).as_posix()
        module_name = f"_suite_check_{index}_{path.stem}"
        try:
            spec = importlib.util.spec_from_file_location(module_name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
        except BaseException as error:  # noqa: BLE001 - SystemExit from a module is a failure too
            report["files"][relative] = f"error: {_describe(error)}"
            continue
        report["files"][relative] = "ok"
        for name, value in vars(module).items():
            if not name.startswith("bench_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module_name:
                continue
            if name in report["benchmarks"]:
                report["duplicates"].append(name)
            report["benchmarks"][name] = _check(value, loop)
    loop.close()
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
