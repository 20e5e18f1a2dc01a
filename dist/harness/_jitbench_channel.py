"""The harness's private message channel.

Benchmarks may print, write to fd 1 with os.write, or read stdin. None of that
may reach or disturb the protocol, so at startup the harness keeps private
duplicates of fd 0 and fd 1 and then points fd 1 (and sys.stdout) at stderr
and fd 0 (and sys.stdin) at /dev/null. Messages are one JSON object per line
on the private copy of stdout; every message has a "type".
"""

import json
import os
import sys

PROTOCOL_VERSION = 1


class Channel:
    def __init__(self, out_fd, in_fd):
        self._out_fd = out_fd
        self._in_fd = in_fd
        self._pending = b""

    def send(self, message):
        data = (json.dumps(message, ensure_ascii=True, allow_nan=False) + "\n").encode("ascii")
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._out_fd, view)
                view = view[written:]
        except OSError as exc:
            _channel_lost(exc)

    def read_line(self):
        """The next command line from the parent, without its newline; None at end of input."""
        while b"\n" not in self._pending:
            chunk = os.read(self._in_fd, 4096)
            if not chunk:
                if self._pending:
                    line, self._pending = self._pending, b""
                    return line.decode("utf-8", "replace").strip()
                return None
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode("utf-8", "replace").strip()


    def read_all(self):
        chunks = [self._pending]
        self._pending = b""
        while True:
            chunk = os.read(self._in_fd, 65536)
            if not chunk:
                return b"".join(chunks).decode("utf-8", "replace")
            chunks.append(chunk)


# Exit code of a harness whose channel is gone: no message can say why any more.
CHANNEL_LOST_EXIT = 3


def _channel_lost(exc):
    # A benchmark can reach the channel's descriptor and close it; stderr is the last word left.
    words = "jit-bench harness: its message channel was closed or broken, most likely by the benchmark"
    try:
        os.write(2, ("%s (%s)\n" % (words, exc)).encode("utf-8", "replace"))
    except OSError:
        pass
    os._exit(CHANNEL_LOST_EXIT)


def open_channel():
    """Takes fd 0 and fd 1 for the protocol; user code gets stderr and /dev/null instead."""
    sys.stdout.flush()
    out_fd = os.dup(1)  # os.dup makes the copies non-inheritable: child processes never see them
    in_fd = os.dup(0)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = sys.stderr
    try:
        sys.stdin = open(os.devnull, "r")
    except OSError:
        sys.stdin = None
    return Channel(out_fd, in_fd)


def flush_user_streams():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            pass
