"""Standard output that fails as Unix tools do: closed, full or a broken pipe.

`main()` puts a `GuardedOutput` in place of `sys.stdout`. Its first failed write raises
`OutputError`, which is not an `OSError`: no command mistakes it for a failure of the file it
is writing, and Click does not turn a broken pipe into exit status 1. After that first
failure the stream swallows everything, so Python's own flush at exit stays quiet.
"""

from __future__ import annotations

import errno
import io
import os
import sys

WRITE_FAILED = 74  # EX_IOERR of sysexits.h: standard output could not be written
BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `yes | head -1`


class OutputError(Exception):
    """Standard output could not be written; errno says why."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror)
        self.errno = error.errno
        self.strerror = error.strerror or os.strerror(error.errno or errno.EIO)


class _Descriptor(io.RawIOBase):
    """File descriptor 1, or a closed one (every write fails with EBADF)."""

    def __init__(self, fd: int, closed: bool) -> None:
        super().__init__()
        self.fd = fd
        self.was_closed = closed
        self.failure: OutputError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return not self.was_closed and os.isatty(self.fd)

    def write(self, data: bytes | bytearray | memoryview, /) -> int:  # type: ignore[override]
        if self.failure is not None:
            return len(data)  # already reported: swallow the rest
        try:
            if self.was_closed:
                raise OSError(errno.EBADF, os.strerror(errno.EBADF))
            return os.write(self.fd, data)
        except OSError as exc:
            self.failure = OutputError(exc)
            raise self.failure from None


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def guard_stdout() -> _Descriptor:
    """Replace sys.stdout by a guarded stream on fd 1; return its descriptor.

    A closed fd 1 is first pointed at /dev/null, so that no file the command opens (the cache,
    a record) gets descriptor 1 and receives what a child process prints.
    """
    closed = not _is_open(1)
    for fd in (0, 1, 2):
        if not _is_open(fd):
            spare = os.open(os.devnull, os.O_RDWR)
            if spare != fd:
                os.dup2(spare, fd)
                os.close(spare)
    current = sys.stdout
    raw = _Descriptor(1, closed)
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(raw),
        encoding=getattr(current, "encoding", None) or "utf-8",
        errors=getattr(current, "errors", None) or "strict",
        line_buffering=bool(getattr(current, "line_buffering", False)),
    )
    return raw


def ending(failure: OutputError) -> int:
    """The exit status for a failed standard output, after a one-line message on standard
    error (none for a broken pipe: the reader chose to stop, as with other Unix tools)."""
    if failure.errno == errno.EPIPE:
        return BROKEN_PIPE
    if sys.stderr is not None:
        try:
            sys.stderr.write(f"reseau: cannot write to standard output: {failure.strerror}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    return WRITE_FAILED
