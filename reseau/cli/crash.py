"""The last resort: an exception no command expected becomes one line and exit status 70.

The details (the traceback, the version, the command line) go to a file readable by its
owner only, in the store's folder or else the temporary folder, whose name the line gives.
Exit 70 is EX_SOFTWARE of sysexits.h: neither 0 nor 1, so a hook or a script can tell a
crash from problems found (docs/cli.md).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from reseau.i18n import ENGLISH, N_, Msg, msg

CRASHED = 70  # EX_SOFTWARE
IO_ERROR = 2  # an OSError no command caught: the system refused, reseau did not break

MSG_CRASH = N_("internal error ({kind}: {what}); details in {where}; please report it")
MSG_MEMORY = N_("out of memory (MemoryError); details in {where}")
MSG_OS = N_("{what}; details in {where}")
MSG_NOWHERE = N_("nowhere (no folder could be written)")


def details_file(text: str) -> str | Msg:
    """Write text to a new 0600 file (the store's folder, else $TMPDIR); its path, or a
    note saying none could be written."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    prefix = f"crash-{stamp}-{os.getpid()}-"
    for folder in _folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, path = tempfile.mkstemp(prefix=prefix, suffix=".txt", dir=folder)  # 0600
        except (OSError, RuntimeError):
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
                handle.write(text)
        except OSError:
            continue
        return path
    return msg(MSG_NOWHERE)


def _folders() -> list[Path]:
    from reseau.cache import cache_dir

    found = []
    try:
        found.append(cache_dir())
    except (OSError, RuntimeError):  # no home folder
        pass
    found.append(Path(tempfile.gettempdir()))
    return found


def report(exc: BaseException, translator: Callable[[], Callable[[Msg], str]] | None = None) -> int:
    """One line on standard error for exc, the details in a file; the exit status.
    translator gives the user's language (English when it fails or memory ran out)."""
    import reseau

    try:
        text = (
            f"reseau {reseau.__version__}, Python {sys.version.split()[0]}\n"
            f"command: {' '.join(sys.argv)}\n\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        )
    except MemoryError:  # too little left even to format the traceback: free it, say less
        exc.__traceback__ = None
        text = f"reseau {reseau.__version__}: {type(exc).__name__}\n"
    where = details_file(text)
    if isinstance(exc, MemoryError):
        message, code = msg(MSG_MEMORY, where=where), CRASHED
    elif isinstance(exc, OSError):
        what = exc.strerror or str(exc)
        if exc.filename is not None:
            what = f"{exc.filename}: {what}"
        message, code = msg(MSG_OS, what=what, where=where), IO_ERROR
    else:
        what = str(exc).splitlines()[0] if str(exc) else "no message"
        message = msg(MSG_CRASH, kind=type(exc).__name__, what=what[:200], where=where)
        code = CRASHED
    line = _render(message, None if isinstance(exc, MemoryError) else translator)
    try:
        from reseau.formats import escape

        sys.stderr.write(f"reseau: {escape(line)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, MemoryError):
        pass
    return code


def _render(message: Msg, translator: Callable[[], Callable[[Msg], str]] | None) -> str:
    """The message in the user's language; in English when finding the language fails."""
    if translator is not None:
        try:
            return translator()(message)
        except (Exception, MemoryError):  # noqa: BLE001 - a crash report must not crash
            pass
    return ENGLISH.render(message)
