"""Pinning a timed process to one CPU, for paired measurement.

The two processes of a pair (one per leg) are asked for the same slot. A slot
is a position in the sorted set of CPUs this process may run on, taken modulo
its size, so both processes of a pair land on the same CPU without the parent
knowing which CPUs a container or a cgroup allows. On a shared cloud machine
the speed of a CPU changes from one second to the next; two processes that
share a CPU and alternate their values see the same speed in adjacent values.
"""

import os


def pin(slot):
    """Pins this process to the CPU at `slot`; returns {"cpu", "reason"}: the CPU, or None and why not."""
    if slot is None:
        return {"cpu": None, "reason": "not asked"}
    get = getattr(os, "sched_getaffinity", None)
    set_ = getattr(os, "sched_setaffinity", None)
    if get is None or set_ is None:
        return {"cpu": None, "reason": "this platform has no os.sched_setaffinity"}
    try:
        cpus = sorted(get(0))
    except OSError as exc:
        return {"cpu": None, "reason": "os.sched_getaffinity failed: %s" % (exc.strerror or exc)}
    if len(cpus) < 1:
        return {"cpu": None, "reason": "no CPU is allowed"}
    cpu = cpus[slot % len(cpus)]
    try:
        set_(0, {cpu})
    except OSError as exc:
        return {"cpu": None, "reason": "os.sched_setaffinity failed: %s" % (exc.strerror or exc)}
    return {"cpu": cpu, "reason": None}


def allowed_cpus():
    """How many CPUs this process may run on, or None where the platform cannot tell."""
    get = getattr(os, "sched_getaffinity", None)
    if get is None:
        return None
    try:
        return len(get(0))
    except OSError:
        return None
