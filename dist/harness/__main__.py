# jit-bench harness: `python <this folder> <command> '<request json>'`.
#
# This file must parse and run on any Python, old ones included (2.7, 3.6),
# so that an interpreter too old for the harness answers with one clear
# protocol line instead of a SyntaxError: keep it free of f-strings and
# other newer syntax. Everything else lives in the _jitbench_* modules.
import os
import sys

MINIMUM = (3, 9)
TOO_OLD_EXIT_CODE = 3


def _implementation():
    try:
        return sys.implementation.name
    except AttributeError:
        return "cpython"


if tuple(sys.version_info[:2]) < MINIMUM:
    sys.stdout.write(
        '{"type": "too-old", "version": "%d.%d.%d", "implementation": "%s", "minimum": "%d.%d"}\n'
        % (
            sys.version_info[0],
            sys.version_info[1],
            sys.version_info[2],
            _implementation(),
            MINIMUM[0],
            MINIMUM[1],
        )
    )
    sys.stdout.flush()
    sys.exit(TOO_OLD_EXIT_CODE)

_here = os.path.dirname(os.path.abspath(__file__))
# `-P` or `-I` can keep the folder off sys.path; the harness needs it to import itself.
if _here not in sys.path:
    sys.path.insert(0, _here)

# The harness may live in a read-only or shipped folder: never leave .pyc files beside it.
_write_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True
import _jitbench_main  # noqa: E402

sys.dont_write_bytecode = _write_bytecode

_jitbench_main.main(sys.argv[1:], _here)
