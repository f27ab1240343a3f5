"""Run a pure function in a forked child, on the second core, and get its result back.

The rules are pure functions of an index that takes seconds to build: a child
made by fork() shares it, copy-on-write, for free. `start(func)` forks a
child that runs func() and sends the marshalled result through a pipe; the
returned `wait()` gives that result, or None when the child failed or could
not be started (then the caller runs func itself: the result is the same,
only slower).

Used only where it pays and is safe: a large ledger, a platform with fork()
(Linux), more than one CPU, and no other thread in the process (forking a
threaded process can deadlock the child).
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

MIN_RECORDS = 20_000  # below this, a fork costs about what it saves


def can_fork() -> bool:
    """Is forking safe here, and can a child run beside this process?"""
    return (
        sys.platform == "linux"
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


def available(records: int) -> bool:
    """Is forking worth it, and safe, for an index of this many records?"""
    return records >= MIN_RECORDS and can_fork()


def start(func: Callable[[], Any]) -> Callable[[], Any | None]:
    """Run func() in a child process; the returned function waits for its result.

    func's result must be marshal-able (plain values). wait() returns None when
    the child failed; it must be called exactly once (it reaps the child).
    """
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return lambda: None
    if pid == 0:  # the child: compute, send, leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            data = marshal.dumps(func())
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        except BaseException:  # noqa: B036 - whatever happens, the parent runs func itself
            pass
        finally:
            os._exit(code)
    os.close(write_end)

    def wait() -> Any | None:
        try:
            with os.fdopen(read_end, "rb") as inp:
                data = inp.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if status != 0:
            return None
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None

    return wait
