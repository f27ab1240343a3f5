"""`reseau check`: index the whole ledger, show the problems of the chosen paths."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reseau import formats
from reseau.commands.common import Env, check_findings
from reseau.errors import FatalError
from reseau.problems import Problem


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...] = ()
    format: str = "text"
    strict: bool = False
    verbose: bool = False
    staged: bool = False


def ledger_relative(root: Path, cwd: Path, path: str) -> str:
    """A user-given path as a ledger-relative prefix ('' for the whole ledger)."""
    absolute = (cwd / path).resolve()
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        raise FatalError(f"{path}: not inside the ledger {root}") from None
    text = rel.as_posix()
    return "" if text == "." else text


def selected(problem: Problem, prefixes: list[str]) -> bool:
    return not prefixes or any(
        p == "" or problem.path == p or problem.path.startswith(p + "/") for p in prefixes
    )


def run(env: Env, options: CheckOptions, out: TextIO, err: TextIO) -> int:
    found, files_read, settings_ok = check_findings(env, options.staged)
    root = env.root()
    prefixes = [ledger_relative(root, env.cwd, p) for p in options.paths]
    problems = [p for p in found if selected(p, prefixes)]
    shown = (
        problems
        if options.verbose or options.format in ("json", "sarif")
        else [p for p in problems if p.level != "info"]
    )
    if options.format == "json":
        out.write(formats.as_json(shown, files_read))
    elif options.format == "github":
        out.write(formats.github(shown, _repo_prefix(root, env.cwd)))
    elif options.format == "gitlab":
        out.write(formats.gitlab(shown, _repo_prefix(root, env.cwd)))
    elif options.format == "sarif":
        from reseau import __version__
        from reseau.commands.rules import descriptors

        out.write(formats.sarif(shown, descriptors(), __version__, _repo_prefix(root, env.cwd)))
    else:
        out.write(formats.text(shown))
    _warn_stale_schemas(root, err)
    failing = {"error", "warning"} if options.strict else {"error"}
    if not settings_ok:
        err.write("reseau: reseau.yaml is invalid (see above); rules ran with default settings\n")
        return 2
    return 1 if any(p.level in failing for p in shown) else 0


def _repo_prefix(root: Path, cwd: Path) -> str:
    """The ledger's folder relative to the current directory, for annotation paths."""
    rel = os.path.relpath(root, cwd)
    return "" if rel == "." or rel.startswith("..") else rel.replace(os.sep, "/") + "/"


def _warn_stale_schemas(root: Path, err: TextIO) -> None:
    """Editors validate against the ledger's schema/ copies: say when they are not this
    reseau's (on stderr: the problems and the exit status stay what they are)."""
    from reseau import __version__
    from reseau.schema import stale_copies

    stale = stale_copies(root)
    if stale:
        err.write(
            f"reseau: warning: {', '.join(stale)} differ{'s' if len(stale) == 1 else ''} from "
            f"the schemas of reseau {__version__}, so your editor checks other rules than "
            "`reseau check`: run `reseau init --upgrade` to refresh them\n"
        )
