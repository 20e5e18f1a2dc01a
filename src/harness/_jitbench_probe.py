"""Interpreter facts and a machine fingerprint, in the shapes of the results file."""

import os
import platform
import sys

# Imported now, before any benchmark runs: a benchmark may empty sys.path, and
# the peak memory asked for after it must not silently turn into "unknown".
try:
    import resource
except ImportError:
    resource = None


def interpreter():
    import sysconfig

    config_args = sysconfig.get_config_var("CONFIG_ARGS")
    # Cut to the lengths the results schema accepts; a distribution's configure line can be long.
    return {
        "implementation": platform.python_implementation()[:100],
        "version": platform.python_version()[:100],
        "build": sys.version[:1000],
        "executable": (sys.executable or "")[:4096],
        "configArgs": config_args[:20000] if isinstance(config_args, str) else None,
    }


def _cpu_model():
    try:
        with open("/proc/cpuinfo", "r", encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        text = ""
    # x86 says "model name"; ARM kernels say "Model" or "Hardware", sometimes only "CPU part".
    for key in ("model name", "Model", "Hardware", "cpu model", "CPU part"):
        for line in text.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip() == key and value.strip():
                return value.strip()[:500]
    processor = platform.processor()
    return processor[:500] if processor else None


def fingerprint(environ):
    image = environ.get("JIT_BENCH_IMAGE") or None
    return {
        "cpuModel": _cpu_model(),
        "cores": os.cpu_count(),
        "kernel": platform.release() or None,
        "platform": platform.platform()[:500],
        "machine": platform.machine()[:100],
        "containerImage": image[:500] if image else None,
    }


def peak_rss_kb():
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    if sys.platform == "darwin":
        peak = peak / 1024.0
    return peak if peak > 0 else None
