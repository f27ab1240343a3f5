"""Safe writes inside the ledger: exclusive creation, atomic replacement, schema modelines."""

from __future__ import annotations

import os
import posixpath
import tempfile
from pathlib import Path

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


class OutsideLedger(Exception):
    """A path that would leave the ledger folder (`..`, absolute, or through a link)."""


def ledger_path(root: Path, rel: str) -> Path:
    """The absolute path of a ledger-relative path, refused when it would leave the ledger.

    Every existing part of the path is resolved (links followed) and must stay
    under the resolved root, so a symbolic link cannot carry a write elsewhere.
    """
    real_root = Path(os.path.realpath(root))
    if not rel or posixpath.isabs(rel) or os.path.isabs(rel) or "\\" in rel:
        raise OutsideLedger(f"{rel!r}: not a ledger-relative path")
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OutsideLedger(f"{rel!r}: not a ledger-relative path")
    target = real_root.joinpath(*parts)
    resolved = Path(os.path.realpath(target))
    if not resolved.is_relative_to(real_root) or resolved == real_root:
        raise OutsideLedger(f"{rel}: leaves the ledger folder {real_root}")
    return resolved


def _make_parent(root: Path, rel: str) -> None:
    folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
    if folder:
        parent = ledger_path(root, folder)
        parent.mkdir(parents=True, exist_ok=True)
        ledger_path(root, folder)  # again: a link may have appeared meanwhile


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


def create_exclusive(root: Path, rel: str, content: str | bytes) -> Path:
    """Create a new file; FileExistsError when the name is taken (never overwrites).

    The content is written to a temporary dot-file first, then linked to its name
    (atomic and exclusive): a process killed at any moment leaves either no record
    or the whole record, never an empty one.
    """
    _make_parent(root, rel)
    path = ledger_path(root, rel)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        data = _encode(content)
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.chmod(tmp, 0o666 & ~_umask())
        os.link(tmp, path)  # fails with FileExistsError when the name is taken
    finally:
        if fd >= 0:
            os.close(fd)
        os.unlink(tmp)
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_atomic(root: Path, rel: str, content: str | bytes) -> Path:
    """Replace a file's content through a temporary file and a rename, keeping its mode."""
    path = ledger_path(root, rel)
    try:
        mode: int | None = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_encode(content))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
