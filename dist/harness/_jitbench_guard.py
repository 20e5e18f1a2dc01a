"""Keeps what a benchmark starts inside the run (Linux; elsewhere a no-op).

The worker becomes a child subreaper, so a process the benchmark starts
that leaves it (a daemon's double fork, a new session, an empty
environment) is re-parented to the worker rather than to init, and is still
found as a descendant: the worker kills its descendants when it finishes,
and the parent kills the worker's descendants before the worker.

The worker also asks the kernel for a signal when its parent dies (the run
was SIGKILLed, say): it then kills its descendants and itself, rather than
measuring on for nobody until its timeout that no one enforces any more.
"""

import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
# The parent's death is told with a signal benchmarks have no business with.
PARENT_GONE_SIGNAL = getattr(signal, "SIGUSR2", None)
# The parent puts its pid here, so that a parent that died before the request was made is noticed.
PARENT_VARIABLE = "JIT_BENCH_PARENT_PID"


def start():
    if not sys.platform.startswith("linux") or PARENT_GONE_SIGNAL is None:
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        signal.signal(PARENT_GONE_SIGNAL, _parent_gone)
        libc.prctl(PR_SET_PDEATHSIG, int(PARENT_GONE_SIGNAL), 0, 0, 0)
    except Exception:
        return
    expected = os.environ.get(PARENT_VARIABLE, "")
    if expected.isdigit() and os.getppid() != int(expected):
        _parent_gone(None, None)


def _parent_gone(signum, frame):
    kill_descendants()
    try:
        os.killpg(os.getpgid(0), signal.SIGKILL)
    finally:
        os._exit(1)


def _children_by_parent():
    children = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return children
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 2 or fields[0] in (b"Z", b"X"):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def kill_descendants():
    """SIGKILLs every live descendant of this process, again until none is left."""
    if not sys.platform.startswith("linux"):
        return
    me = os.getpid()
    for _ in range(20):
        children = _children_by_parent()
        found = []
        queue = list(children.get(me, []))
        while queue:
            pid = queue.pop()
            found.append(pid)
            queue.extend(children.get(pid, []))
        if not found:
            return
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
