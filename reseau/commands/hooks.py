"""`reseau hooks install`: the plain Git pre-commit hook, for users without the pre-commit framework."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from reseau.commands.common import Env
from reseau.errors import FatalError
from reseau.i18n import N_, msg
from reseau.store import Refused, read_file, write_output

# The template's second line: how an installed hook is recognised as reseau's own.
MARKER = b"# reseau: plain Git pre-commit hook, written by `reseau hooks install`."


def hooks_template_dir() -> Path:
    """The hook templates shipped in the wheel, or the checkout's top-level hooks/ folder."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data" / "hooks"
    if packaged.is_dir():
        return packaged
    return package.parent / "hooks"


def hook_template() -> bytes:
    return (hooks_template_dir() / "pre-commit").read_bytes()


def hooks_folder(start: Path) -> tuple[Path, Path]:
    """The repository's top and its hooks folder (`core.hooksPath` respected, not resolved:
    the write rule judges the links on the way), from a folder inside it."""
    from reseau.gitsource import git_bytes, open_repo, top_of

    repo = open_repo(start)
    if repo is None:
        raise FatalError(
            msg("{start} is not inside a Git repository: run `git init` first", start=str(start))
        )
    rel = git_bytes(repo, "rev-parse", "--git-path", "hooks").decode().strip()
    top = top_of(repo)
    return top, Path(os.path.abspath(top / rel))


def install(env: Env, force: bool, out: TextIO) -> int:
    start = (env.cwd / env.ledger) if env.ledger is not None else env.cwd
    top, folder = hooks_folder(start)
    target = folder / "pre-commit"
    template = hook_template()
    tr = env.tr()
    shown = _shown(target, env.cwd)
    try:
        current = read_file(target)
    except Refused as exc:
        raise Refused(
            msg("{problem} (remove it, then run reseau hooks install)", problem=exc.message)
        ) from None
    except OSError as exc:
        raise FatalError(
            msg("{path}: cannot read: {strerror}", path=shown, strerror=exc.strerror or str(exc))
        ) from None
    if current is not None:
        if current == template and os.access(target, os.X_OK):
            out.write(tr("unchanged {path}", path=shown) + "\n")
            return 0
        if MARKER not in current and not force:
            raise FatalError(
                msg(
                    "{shown} exists and was not written by reseau: keep it, add `reseau check --staged` to it yourself, or replace it with `reseau hooks install --force`",
                    shown=shown,
                ),
                1,
            )
        done = N_("replaced {path}") if MARKER not in current else N_("updated {path}")
    else:
        done = N_("created {path}")
    # Through the write rule: no link followed inside the repository, none as the name.
    write_output(top, top, target, template, 0o777 & ~_umask())
    out.write(tr(done, path=shown) + "\n")
    return 0


def _shown(path: Path, cwd: Path) -> str:
    rel = os.path.relpath(path, cwd)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask
