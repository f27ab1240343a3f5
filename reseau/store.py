"""Safe writes: exclusive creation, atomic replacement, schema modelines.

The write rule (docs/architecture.md), which every writer follows by calling this module:

- the file's own name is never followed: a new file is linked to its name (`link(2)`
  refuses any existing entry, a dangling link included), a replaced file is renamed over
  in its folder, and an existing link, folder or special file under that name is refused;
- no folder on the way may be a link out of the ledger: the folder is resolved, checked
  to be inside the ledger, then opened component by component with `O_NOFOLLOW`, and the
  file is written through that folder's descriptor, so a link swapped in meanwhile is
  refused too;
- an edit replaces only what it read: `read_snapshot` keeps the file's identity and bytes,
  and `replace_atomic(..., expected=snapshot)` compares them again right before the
  rename; a file changed meanwhile (content, identity or kind) is left alone;
- an `--output` outside the ledger is written where the user's path leads, its own name
  still never followed; a path that enters the ledger on its way is held to the rules above.

Every failure is a `Refused` (a FatalError, exit 2) with a one-line message; a write that
fails leaves the old file whole and no temporary behind.
"""

from __future__ import annotations

import errno
import os
import posixpath
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reseau.errors import FatalError
from reseau.i18n import N_, Msg, msg

MODELINE_PREFIX = "# yaml-language-server:"

# docs/ledger-format.md's key order for each kind, and for the mappings nested in records.
KEY_ORDER: dict[str, tuple[str, ...]] = {
    "contact": (
        "name",
        "organization",
        "role",
        "introduced_by",
        "relation",
        "emails",
        "phones",
        "links",
        "location",
        "tags",
        "aliases",
        "cadence",
        "status",
        "birthday",
        "connected",
        "history",
        "notes",
        "waive",
    ),
    "interaction": (
        "date",
        "with",
        "channel",
        "initiated_by",
        "summary",
        "ask",
        "gave",
        "received",
        "promised",
        "next",
        "opportunity",
        "planned",
        "waive",
    ),
    "opportunity": ("title", "organization", "via", "stages", "waive"),
    "settings": ("owner", "week_starts", "defaults", "rules", "goals"),
    "promised": ("what", "due", "done", "dropped", "reason"),
    "next": ("action", "due", "with", "dropped", "reason"),
    "history": ("organization", "role", "until"),
    "waive": ("rule", "until", "reason"),
    "stages": ("date", "stage", "note"),
}


# The messages of the write rule, in one place (translated where they are shown).
MSG_NOT_RELATIVE = N_("{path}: not a ledger-relative path")
MSG_OUTSIDE = N_(
    "{path}: leaves the ledger folder {root} (through a link or '..'); nothing written"
)
MSG_LINK = N_("{path}: is a symbolic link; reseau never writes through a link it did not create")
MSG_FOLDER = N_("{path}: is a folder; give a file name")
MSG_SPECIAL = N_("{path}: is not a regular file; nothing written")
MSG_CHANGED = N_(
    "{path}: changed while reseau was working on it; nothing written: run the command again"
)
MSG_CANNOT_WRITE = N_("{path}: cannot write: {reason}; nothing written")


class Refused(FatalError):
    """A write the rule refuses, or one the system failed: a one-line message, exit 2."""


class OutsideLedger(Refused):
    """A path that would leave the ledger folder (`..`, absolute, or through a link)."""


class Changed(Refused):
    """The file changed between the read and the write: nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file as an edit read it: its identity and its bytes (at most MAX_BYTES + 1)."""

    data: bytes
    identity: tuple[int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns


def before_replace(rel: str) -> None:
    """Called between writing the temporary file and the last comparison before the rename.
    It does nothing: tests wrap it to change the file at exactly that moment."""


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _check_rel(rel: str) -> list[str]:
    if not rel or posixpath.isabs(rel) or os.path.isabs(rel) or "\\" in rel:
        raise OutsideLedger(msg(MSG_NOT_RELATIVE, path=repr(rel)))
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OutsideLedger(msg(MSG_NOT_RELATIVE, path=repr(rel)))
    return parts


def _within(path: str, real_root: str) -> bool:
    return path == real_root or path.startswith(real_root.rstrip(os.sep) + os.sep)


def ledger_path(root: Path, rel: str) -> Path:
    """The absolute path of a ledger-relative path, refused when it would leave the ledger.

    Every existing part of the path is resolved (links followed) and must stay
    under the resolved root: for reading. Writes go through the functions below.
    """
    real_root = os.path.realpath(root)
    parts = _check_rel(rel)
    resolved = os.path.realpath(os.path.join(real_root, *parts))
    if not _within(resolved, real_root) or resolved == real_root:
        raise OutsideLedger(msg(MSG_OUTSIDE, path=rel, root=real_root))
    return Path(resolved)


_DIR = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _folder(root: Path, parts: list[str], create: bool, shown: str) -> int:
    """A descriptor of the folder holding a ledger file (parts: its folders), created when
    asked; OutsideLedger when a folder on the way is a link out of the ledger."""
    real_root = os.path.realpath(root)
    walk: list[str] = []
    if parts:
        resolved = os.path.realpath(os.path.join(real_root, *parts))
        if not _within(resolved, real_root):
            raise OutsideLedger(msg(MSG_OUTSIDE, path=shown, root=real_root))
        if resolved != real_root:
            walk = os.path.relpath(resolved, real_root).split(os.sep)
    fd = os.open(real_root, _DIR)
    try:
        for part in walk:
            try:
                child = os.open(part, _DIR | _NOFOLLOW, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(part, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                child = os.open(part, _DIR | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # a link or a file swapped in meanwhile
            raise OutsideLedger(msg(MSG_OUTSIDE, path=shown, root=real_root)) from None
        raise
    return fd


def _lstat(dfd: int, name: str) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dfd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _refuse_kind(info: os.stat_result | None, shown: str) -> None:
    if info is None or stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISLNK(info.st_mode):
        raise Refused(msg(MSG_LINK, path=shown))
    if stat.S_ISDIR(info.st_mode):
        raise Refused(msg(MSG_FOLDER, path=shown))
    raise Refused(msg(MSG_SPECIAL, path=shown))


def _write_temp(dfd: int, name: str, data: bytes, mode: int | None) -> str:
    """A new dot-file beside name holding data (fsynced); mode, else 0666 less the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = f".{name[:200]}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666, dir_fd=dfd)
            break
        except FileExistsError:
            continue
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink(dfd, tmp)
        raise
    os.close(fd)
    return tmp


def _unlink(dfd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dfd)
    except OSError:
        pass


def modeline(rel: str, kind: str) -> str:
    """`# yaml-language-server: $schema=../schema/<kind>.schema.json`, relative to the file."""
    depth = rel.count("/")
    prefix = "../" * depth
    return f"{MODELINE_PREFIX} $schema={prefix}schema/{kind}.schema.json"


def has_modeline(text: str) -> bool:
    """True when the first comment block (before any content) names a schema."""
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            return False
        if stripped.startswith(MODELINE_PREFIX):
            return True
    return False


def with_modeline(text: str, rel: str, kind: str) -> str:
    """Text with the schema modeline as its first line, unless its header already has one."""
    if has_modeline(text):
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return bom + modeline(rel, kind) + newline + text[len(bom) :]


def _encode(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _failed(shown: str, exc: OSError) -> Refused:
    return Refused(msg(MSG_CANNOT_WRITE, path=shown, reason=exc.strerror or str(exc)))


def _split(root: Path, rel: str) -> tuple[list[str], str]:
    parts = _check_rel(rel)
    return parts[:-1], parts[-1]


def create_exclusive(root: Path, rel: str, content: str | bytes) -> Path:
    """Create a new file; FileExistsError when the name is taken (never overwrites).

    The content is written to a temporary dot-file first, then linked to its name
    (atomic and exclusive): a process killed at any moment leaves either no record
    or the whole record, never an empty one.
    """
    folders, name = _split(root, rel)
    try:
        dfd = _folder(root, folders, True, rel)
    except OSError as exc:
        raise _failed(rel, exc) from None
    try:
        tmp = _write_temp(dfd, name, _encode(content), None)
        try:
            os.link(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd, follow_symlinks=False)
        finally:
            _unlink(dfd, tmp)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _failed(rel, exc) from None
    finally:
        os.close(dfd)
    return Path(os.path.realpath(root)).joinpath(*folders, name)


def read_file(path: Path) -> bytes | None:
    """A file's bytes by its own name (a link is Refused, a FIFO or folder is an OSError);
    None when there is none: for writers that look before replacing (hooks install)."""
    from reseau.discover import read_regular

    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(msg(MSG_LINK, path=str(path))) from None
        raise
    with _reader(fd) as handle:
        return read_regular(handle)[0]


def read_snapshot(root: Path, rel: str) -> Snapshot:
    """The file's bytes and identity, for an edit that will replace it. The same bounded,
    non-blocking read as `check` (a FIFO or a folder is an OSError, a huge file is read up
    to one byte over the parser's limit); a link as the file's name is Refused."""
    from reseau.discover import read_regular

    folders, name = _split(root, rel)
    dfd = _folder(root, folders, False, rel)
    try:
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK, dir_fd=dfd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise Refused(msg(MSG_LINK, path=rel)) from None
            raise
        with _reader(fd) as handle:
            data, info = read_regular(handle)
    finally:
        os.close(dfd)
    return Snapshot(data, _identity(info))


def _unchanged(dfd: int, name: str, expected: Snapshot) -> bool:
    from reseau.discover import read_regular

    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK, dir_fd=dfd)
        with _reader(fd) as handle:
            data, info = read_regular(handle)
    except OSError:  # gone, a link, a folder, a FIFO: not the file that was read
        return False
    return _identity(info) == expected.identity and data == expected.data


def _reader(fd: int) -> BinaryIO:
    """A buffered binary reader of fd, closed with it (a folder is an IsADirectoryError)."""
    try:
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _replace_in(
    dfd: int,
    name: str,
    data: bytes,
    shown: str,
    expected: Snapshot | None,
    mode: int | None = None,
) -> None:
    current = _lstat(dfd, name)
    if expected is not None and (current is None or _identity(current) != expected.identity):
        raise Changed(msg(MSG_CHANGED, path=shown))
    _refuse_kind(current, shown)
    if mode is None and current is not None:
        mode = stat.S_IMODE(current.st_mode)
    tmp = _write_temp(dfd, name, data, mode)
    try:
        before_replace(shown)
        if expected is not None and not _unchanged(dfd, name, expected):
            raise Changed(msg(MSG_CHANGED, path=shown))
        os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
    except BaseException:
        _unlink(dfd, tmp)
        raise


def replace_atomic(
    root: Path,
    rel: str,
    content: str | bytes,
    expected: Snapshot | None = None,
    mode: int | None = None,
) -> Path:
    """Replace (or create) a file through a temporary file and a rename in its folder,
    keeping its mode. With expected (from read_snapshot), only if the file is still the
    one that was read: Changed otherwise, and nothing is written."""
    folders, name = _split(root, rel)
    try:
        dfd = _folder(root, folders, True, rel)
    except OSError as exc:
        raise _failed(rel, exc) from None
    try:
        _replace_in(dfd, name, _encode(content), rel, expected, mode)
    except OSError as exc:
        raise _failed(rel, exc) from None
    finally:
        os.close(dfd)
    return Path(os.path.realpath(root)).joinpath(*folders, name)


def make_folder(root: Path, rel: str) -> bool:
    """Create a folder inside root (and those above it) by the write rule; True when it was
    not there (a link out of root on the way is OutsideLedger, a file there an error)."""
    parts = _check_rel(rel)
    real_root = os.path.realpath(root)
    existed = os.path.isdir(os.path.join(real_root, *parts))
    try:
        os.close(_folder(root, parts, True, rel))
    except OSError as exc:
        raise _failed(rel, exc) from None
    return not existed


def move_new(root: Path, old: str, new: str) -> None:
    """old -> new by their names (a link moves as a link, is never followed), never over an
    existing entry (FileExistsError); killed in between, both names hold the same file."""
    old_folders, old_name = _split(root, old)
    new_folders, new_name = _split(root, new)
    try:
        src = _folder(root, old_folders, False, old)
        try:
            dst = _folder(root, new_folders, True, new)
            try:
                os.link(old_name, new_name, src_dir_fd=src, dst_dir_fd=dst, follow_symlinks=False)
                os.unlink(old_name, dir_fd=src)
            finally:
                os.close(dst)
        finally:
            os.close(src)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _failed(new, exc) from None


def remove_file(root: Path, rel: str) -> None:
    """Delete a ledger file by its own name (a link is removed, never what it points to)."""
    folders, name = _split(root, rel)
    try:
        dfd = _folder(root, folders, False, rel)
        try:
            os.unlink(name, dir_fd=dfd)
        finally:
            os.close(dfd)
    except OSError as exc:
        raise _failed(rel, exc) from None


def _retold(message: str | Msg, rel: str, shown: str) -> str | Msg:
    """A refusal about rel told with the path the user typed."""
    if isinstance(message, str):
        return message.replace(rel, shown, 1)
    args = tuple((k, shown if k == "path" and v == rel else v) for k, v in message.args)
    return Msg(message.id, args, message.plural)


def output_rel(root: Path, target: Path) -> str | None:
    """The ledger-relative path of an absolute output path whose way enters the ledger (the
    first folder on it that resolves inside), else None."""
    real_root = os.path.realpath(root)
    parts = target.parts
    for i in range(1, len(parts)):
        prefix = os.path.realpath(os.path.join(*parts[:i]))
        if _within(prefix, real_root):
            base = os.path.relpath(prefix, real_root)
            rest = list(parts[i:])
            return "/".join(rest if base == "." else [*base.split(os.sep), *rest])
    return None


def write_output(
    root: Path, cwd: Path, typed: str | Path, content: str | bytes, mode: int | None = None
) -> Path:
    """`--output FILE`: atomically, by the write rule when the path enters the ledger (root);
    elsewhere along the user's own path, the file's own name never followed. mode: the
    file's mode (default: an existing file's, else 0666 less the umask)."""
    shown = os.fspath(typed)
    target = Path(os.path.abspath(cwd / typed))
    rel = output_rel(root, target)
    if rel is not None:
        try:
            replace_atomic(root, rel, content, mode=mode)
        except Refused as exc:  # say it with the path the user typed
            raise Refused(_retold(exc.message, rel, shown)) from None
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dfd = os.open(target.parent, _DIR)
    except OSError as exc:
        raise _failed(shown, exc) from None
    try:
        _replace_in(dfd, target.name, _encode(content), shown, None, mode)
    except OSError as exc:
        raise _failed(shown, exc) from None
    finally:
        os.close(dfd)
    return target
