"""What this interpreter process says about CPython's experimental JIT.

The answer has the JitState shape of the results file: compiled, tier2,
enabled, active, method, detail. It is computed in two steps so that builds
we do not have can be tested: gather_facts() reads the running interpreter,
decide() turns facts (real or canned, see the `probe-parse` command) into a
JitState without looking at anything else.

Rules, as CPython implements them:
- 3.14 and newer have sys._jit: is_available() says the JIT was compiled in,
  is_enabled() says this process turned it on.
- 3.13 has no sys._jit; the build flags in sysconfig tell. configure's
  --enable-experimental-jit adds -D_Py_JIT (machine-code JIT) and
  -D_Py_TIER2=<n> (the tier-2 optimizer): yes -> JIT, n=1; yes-off -> JIT,
  n=3; interpreter -> n=4; interpreter-off -> n=6; no -> neither. Bit 2 of n
  means "off unless asked". At startup CPython reads PYTHON_JIT: when it is
  set and non-empty, it turns tier 2 on unless its first character is "0".
  -E and -I make CPython ignore the variable. When perf profiling support is
  active (-X perf, -X perf_jit, PYTHONPERFSUPPORT), CPython leaves the
  machine-code JIT off.
- "enabled" means the thing PYTHON_JIT switches is on in this process: the
  JIT, or on an interpreter-only build the tier-2 micro-op interpreter.
- "active" is the proof: executors attached to code that really ran hot.
"""

import re
import sys

# Imports _opcode before any benchmark runs (it may live in lib-dynload): a benchmark that
# empties sys.path must not make the proof of an active JIT unknowable.
import _jitbench_executors

_TIER2_RE = re.compile(r"-D_Py_TIER2=(\d+)")
_JIT_RE = re.compile(r"-D_Py_JIT(?![A-Za-z0-9_])")
_CONFIGURE_RE = re.compile(r"--enable-experimental-jit(?:=([A-Za-z-]+))?")
_CONFIGURE_MEANING = {
    "yes": (True, 1),
    "yes-off": (True, 3),
    "interpreter": (False, 4),
    "interpreter-off": (False, 6),
    "no": (False, 0),
}
# Where CPython's build keeps the compiler flags that carry -D_Py_JIT / -D_Py_TIER2.
CONFIG_VARS = ("PY_CORE_CFLAGS", "PY_CFLAGS_NODIST", "CFLAGS_NODIST", "PY_CFLAGS", "CFLAGS", "CONFIG_ARGS")
PERF_XOPTIONS = ("perf", "perf_jit")
PERF_ENV = ("PYTHONPERFSUPPORT", "PYTHON_PERF_JIT_SUPPORT")


def gather_facts(environ):
    """Everything decide() needs, read from this process. `environ` is os.environ as started."""
    import platform
    import sysconfig

    facts = {
        "implementation": platform.python_implementation(),
        "version": list(sys.version_info[:3]),
        "configVars": {},
        "env": {},
        "ignoreEnvironment": bool(sys.flags.ignore_environment or getattr(sys.flags, "isolated", 0)),
        "xoptions": sorted(str(key) for key in getattr(sys, "_xoptions", {})),
        "perfTrampolineActive": None,
        "sysJit": None,
        "executors": None,
    }
    for name in CONFIG_VARS:
        value = sysconfig.get_config_var(name)
        if isinstance(value, str):
            facts["configVars"][name] = value
    for name in ("PYTHON_JIT",) + PERF_ENV:
        if name in environ:
            facts["env"][name] = environ[name]
    trampoline = getattr(sys, "is_stack_trampoline_active", None)
    if trampoline is not None:
        try:
            facts["perfTrampolineActive"] = bool(trampoline())
        except Exception:
            pass
    jit = getattr(sys, "_jit", None)
    if jit is not None:
        try:
            facts["sysJit"] = {"available": bool(jit.is_available()), "enabled": bool(jit.is_enabled())}
        except Exception:
            facts["sysJit"] = None
    return facts


def build_flags(config_vars):
    """(jit compiled, tier2 level or 0, where it was read) from sysconfig values."""
    text = " ".join(str(config_vars.get(name) or "") for name in CONFIG_VARS)
    tier2 = 0
    match = _TIER2_RE.search(text)
    if match:
        tier2 = int(match.group(1))
    jit = bool(_JIT_RE.search(text))
    if jit or tier2:
        return jit, tier2, "compiler flags"
    configure = _CONFIGURE_RE.search(str(config_vars.get("CONFIG_ARGS") or ""))
    if configure:
        meaning = _CONFIGURE_MEANING.get(configure.group(1) or "yes")
        if meaning is not None:
            return meaning[0], meaning[1], "configure arguments"
    return False, 0, None


def _perf_active(facts):
    if facts.get("perfTrampolineActive"):
        return True
    if any(option in PERF_XOPTIONS for option in facts.get("xoptions") or ()):
        return True
    if facts.get("ignoreEnvironment"):
        return False
    env = facts.get("env") or {}
    return any((env.get(name) or "") not in ("", "0") for name in PERF_ENV)


def _env_setting(facts):
    """True/False when PYTHON_JIT decides, None when it is unset, empty or ignored."""
    value = (facts.get("env") or {}).get("PYTHON_JIT")
    if value is None or value == "" or facts.get("ignoreEnvironment"):
        return None
    return not value.startswith("0")


def _env_words(facts):
    value = (facts.get("env") or {}).get("PYTHON_JIT")
    if value is None:
        return "PYTHON_JIT is not set"
    if facts.get("ignoreEnvironment"):
        return "PYTHON_JIT=%s is ignored because Python runs with -E or -I" % value
    if value == "":
        return "PYTHON_JIT is empty, which leaves the default"
    return "PYTHON_JIT=%s" % value


def _state(compiled, tier2, enabled, active, method, detail):
    return {
        "compiled": bool(compiled),
        "tier2": bool(tier2),
        "enabled": bool(enabled),
        "active": active,
        "method": method,
        "detail": detail,
    }


def decide(facts):
    """The JitState for a set of facts (see gather_facts). Pure: reads nothing else."""
    implementation = str(facts.get("implementation") or "CPython")
    version = list(facts.get("version") or [0, 0, 0])
    version_text = ".".join(str(part) for part in version[:3])
    short = "%s.%s" % (version[0], version[1])
    if implementation.lower() != "cpython":
        return _state(
            False, False, False, False, "unsupported",
            "%s %s is not CPython; PYTHON_JIT only means something to CPython 3.13 and newer." % (implementation, version_text),
        )
    if tuple(version[:2]) < (3, 13):
        return _state(
            False, False, False, False, "unsupported",
            "CPython %s has no JIT; the JIT first shipped, experimental, in CPython 3.13." % short,
        )

    jit_flag, tier2_level, flags_source = build_flags(facts.get("configVars") or {})
    sys_jit = facts.get("sysJit")
    env_setting = _env_setting(facts)
    perf = _perf_active(facts)
    notes = []

    if sys_jit is not None:
        method = "sys._jit"
        compiled = bool(sys_jit.get("available"))
        enabled = bool(sys_jit.get("enabled"))
        tier2 = bool(tier2_level) or compiled or enabled
        if compiled and enabled:
            notes.append("CPython %s was built with the JIT and sys._jit says it is on (%s)." % (version_text, _env_words(facts)))
        elif compiled:
            why = _env_words(facts)
            if perf and env_setting is not False:
                why += "; perf profiling support is active, which keeps the JIT off"
            notes.append("CPython %s was built with the JIT but sys._jit says it is off (%s)." % (version_text, why))
        elif enabled:
            notes.append("CPython %s has the tier-2 interpreter on but no machine-code JIT (%s)." % (version_text, _env_words(facts)))
        else:
            notes.append("CPython %s was built without the JIT (sys._jit.is_available() is False); PYTHON_JIT has no effect." % version_text)
    else:
        method = "sysconfig"
        compiled = jit_flag
        tier2 = bool(tier2_level)
        if not tier2 and not compiled:
            enabled = False
            notes.append(
                "CPython %s was built without the JIT (no -D_Py_JIT or -D_Py_TIER2 in its build flags); PYTHON_JIT has no effect."
                % version_text
            )
        else:
            on_by_default = not (tier2_level & 2) if tier2_level else True
            enabled = on_by_default if env_setting is None else env_setting
            what = "the JIT" if compiled else "the tier-2 micro-op interpreter (no machine-code JIT)"
            default_words = "on" if on_by_default else "off"
            if compiled and enabled and perf:
                enabled = False
                reason = "perf profiling support is active, which switches the JIT off"
            else:
                reason = _env_words(facts)
            notes.append(
                "CPython %s was built with %s, %s by default (%s, _Py_TIER2=%d); it is %s in this process (%s)."
                % (version_text, what, default_words, flags_source, tier2_level, "on" if enabled else "off", reason)
            )

    active = None
    executors = facts.get("executors")
    if executors is not None:
        active = executors > 0
        if active:
            notes.append("%d executor(s) were found on code that ran hot, so it really ran." % executors)
            if not enabled:
                enabled = True
                tier2 = True
                notes.append("They show it is on even though the settings suggested it was off.")
        elif enabled:
            notes.append("No executors were found on the code that ran hot, so it did not take effect there.")
    elif not enabled and not tier2 and not compiled:
        active = False
    return _state(compiled, tier2, enabled, active, method, " ".join(notes))


def count_executors(codes):
    """Executors attached to these code objects and the code objects they own. None if unknowable."""
    get_executor = _jitbench_executors.real_get_executor()
    if get_executor is None:
        return None
    found = {}
    stack = list(codes)
    while stack:
        code = stack.pop()
        if id(code) in found:
            continue
        found[id(code)] = code
        stack.extend(const for const in code.co_consts if hasattr(const, "co_code"))
    return len(_jitbench_executors.executors_in(list(found.values()), get_executor))


def _self_check_loop(n):
    total = 0
    for i in range(n):
        total += i & 7
    return total


def self_check():
    """Runs a small hot loop (past 3.14's 4096 back-edge trace threshold) and counts its executors."""
    if sys.version_info < (3, 13):
        return None
    for _ in range(3):
        _self_check_loop(10000)
    return count_executors([_self_check_loop.__code__])
