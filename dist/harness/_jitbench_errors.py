"""Exceptions from user code, described for a person: type, message, where, a short traceback."""

import os

MAX_MESSAGE = 1000
MAX_FRAMES = 8


def _type_name(exc):
    cls = type(exc)
    module = getattr(cls, "__module__", "builtins")
    name = getattr(cls, "__qualname__", cls.__name__)
    return name if module in ("builtins", "__main__") else "%s.%s" % (module, name)


def _shown_path(filename, root):
    try:
        relative = os.path.relpath(filename, root)
    except ValueError:
        return filename
    return filename if relative.startswith("..") else relative.replace(os.sep, "/")


def _is_harness(filename, harness_dir):
    return os.path.dirname(os.path.abspath(filename)) == harness_dir


def describe(exc, root, harness_dir):
    # Imported only when something failed: it costs every fresh process about 15 ms otherwise.
    import traceback

    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if not _is_harness(frame.filename, harness_dir) and "importlib._bootstrap" not in frame.filename
    ]
    where = None
    # Point at the user's own code when it is in the traceback, not at the stdlib it called.
    for frame in reversed(frames):
        shown = _shown_path(frame.filename, root)
        if shown != frame.filename:
            where = "%s:%s in %s" % (shown, frame.lineno, frame.name)
            break
    if where is None and frames:
        last = frames[-1]
        where = "%s:%s in %s" % (_shown_path(last.filename, root), last.lineno, last.name)
    if where is None and isinstance(exc, SyntaxError) and exc.filename:
        where = "%s:%s" % (_shown_path(exc.filename, root), exc.lineno)
    lines = ["%s:%s in %s" % (_shown_path(f.filename, root), f.lineno, f.name) for f in frames[-MAX_FRAMES:]]
    message = str(exc)
    if isinstance(exc, SyntaxError):
        message = exc.msg or message
    return {
        "exceptionType": _type_name(exc),
        "message": message[:MAX_MESSAGE],
        "where": where,
        "traceback": lines,
    }


def one_line(description):
    """'ValueError: boom (at bench.py:3 in bench_x)'"""
    text = description["exceptionType"]
    message = description["message"].strip()
    if message:
        text += ": " + message.splitlines()[0]
    if description.get("where"):
        text += " (at %s)" % description["where"]
    return text
