"""Aria's start-up config read: parsing pyproject.toml with the standard library's tomllib.

tomllib is pure Python (a hand-written recursive-descent parser over str
slices and regular expressions), so this is ordinary interpreter work that
every service does at start-up and every CLI does on every run.

The fixture is ../pyproject.toml: a service's project file with dependency
lists, tool tables, arrays of tables, inline tables and a multi-line string.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python 3.9 and 3.10: tomllib arrived in 3.11.
    tomllib = None

PYPROJECT_PATH = Path(__file__).resolve().parent.parent / "pyproject.toml"
# Read once: the benchmark times parsing, not the disk.
PYPROJECT_TEXT = PYPROJECT_PATH.read_text(encoding="utf-8")


def bench_toml_parsing() -> dict[str, Any]:
    """Parse pyproject.toml into dictionaries.

    Setup choice: the file's text is read once at import and parsed from
    memory each call, so the time is the parse alone; opening and reading a
    4 KB file would only add file-system noise that no JIT can change.
    Skipped before Python 3.11, which has no tomllib. About 0.7 ms per call
    on CPython 3.11.7.
    """
    if tomllib is None:
        import unittest

        version = ".".join(str(part) for part in sys.version_info[:3])
        raise unittest.SkipTest(f"tomllib needs Python 3.11+ (this is {version})")
    return tomllib.loads(PYPROJECT_TEXT)


def _self_check() -> None:
    if tomllib is None:
        return
    parsed = tomllib.loads(PYPROJECT_TEXT)
    engine = parsed["tool"]["aria"]["engine"]
    if parsed["project"]["name"] != "aria" or engine["context_window"] != 30:
        raise RuntimeError(
            "bench_pyproject self-check failed: the fixture did not parse as expected"
        )


_self_check()
