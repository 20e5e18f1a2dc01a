"""Importing benchmark files as modules, the same way in every process.

A file is imported under a name of its own, never "__main__", so an
`if __name__ == "__main__":` block does not run. The module is registered in
sys.modules before it runs (dataclasses and pickling look it up there).
A file inside a package (its folder has __init__.py) is imported by its
dotted package name instead, so relative imports work; the folder above the
top package goes on sys.path after the project root.
"""

import importlib
import importlib.util
import os
import re
import sys
import zlib

SEPARATOR = "::"


def relative(path, root):
    """The path as benchmark names and results show it: relative to root, with forward slashes."""
    try:
        shown = os.path.relpath(path, root)
    except ValueError:
        shown = path
    return shown.replace(os.sep, "/")


def _standalone_name(rel):
    stem = re.sub(r"[^0-9A-Za-z_]", "_", rel[:-3] if rel.endswith(".py") else rel)
    digest = "%08x" % (zlib.crc32(rel.encode("utf-8")) & 0xFFFFFFFF)
    return "_jitbench_suite_%s_%s" % (stem, digest)


def _package_name(path):
    """(folder to put on sys.path, dotted module name) when the file sits in a package, else None."""
    folder = os.path.dirname(path)
    if not os.path.isfile(os.path.join(folder, "__init__.py")):
        return None
    parts = [os.path.splitext(os.path.basename(path))[0]]
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.append(os.path.basename(folder))
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    if not all(part.isidentifier() for part in parts):
        return None
    return folder, ".".join(reversed(parts))


def _add_path(folder):
    if folder not in sys.path:
        # Root stays first: the project's own modules win over same-named ones beside the file.
        sys.path.insert(1 if sys.path else 0, folder)


def load(path, root):
    """Imports the file at `path` (absolute) and returns the module. Raises what the import raised."""
    package = _package_name(path)
    if package is not None:
        folder, name = package
        _add_path(folder)
        existing = sys.modules.get(name)
        if existing is not None and os.path.abspath(getattr(existing, "__file__", "") or "") == path:
            return existing
        return importlib.import_module(name)
    # A loose file may import its neighbours, as it would when run as a script.
    _add_path(os.path.dirname(path))
    name = _standalone_name(relative(path, root))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError("cannot import %s: not a Python source file" % relative(path, root))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def split_name(name):
    """'tests/x.py::bench_a' -> 'bench_a'; a bare name stays as it is."""
    return name.rsplit(SEPARATOR, 1)[-1]
