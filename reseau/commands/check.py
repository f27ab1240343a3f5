"""`reseau check`: index the whole ledger, show the problems of the chosen paths."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reseau import formats, policy
from reseau.commands.common import Env, check_findings, settings_lang
from reseau.discover import SETTINGS_FILE
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.problems import Problem

BLOCK_VARIABLE = "RESEAU_BLOCK"  # the policy for this run: set by `--commit` for the hooks


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...] = ()
    format: str = "text"
    strict: bool = False
    verbose: bool = False
    staged: bool = False
    block: str | None = None  # integrity | errors | warnings: exit 1 only for what blocks
    hook: bool = False  # as the hooks run it: the policy of reseau.yaml, the rest short


def ledger_relative(root: Path, cwd: Path, path: str) -> str:
    """A user-given path as a ledger-relative prefix ('' for the whole ledger)."""
    absolute = (cwd / path).resolve()
    try:
        rel = absolute.relative_to(root)
    except ValueError:
        raise FatalError(
            msg("{path}: not inside the ledger {root}", path=path, root=str(root))
        ) from None
    text = rel.as_posix()
    return "" if text == "." else text


def selected(problem: Problem, prefixes: list[str]) -> bool:
    return not prefixes or any(
        p == "" or problem.path == p or problem.path.startswith(p + "/") for p in prefixes
    )


def run(env: Env, options: CheckOptions, out: TextIO, err: TextIO) -> int:
    found, files_read, settings_ok = check_findings(env, options.staged)
    configured = _configured_block(env.root()) if options.hook else None
    root = env.root()
    prefixes = [ledger_relative(root, env.cwd, p) for p in options.paths]
    problems = [p for p in found if selected(p, prefixes)]
    shown = (
        problems
        if options.verbose or options.format in ("json", "sarif")
        else [p for p in problems if p.level != "info"]
    )
    block = chosen_block(options, configured)
    setting = None if env.lang else settings_lang(root)
    tr = env.translator(setting)
    # JSON is read by scripts: its messages stay English unless --lang or `lang:` say otherwise.
    json_tr = tr if env.lang or setting else env.translator("en")
    if block is not None and options.hook and options.format == "text":
        out.write(formats.text(policy.blocking(shown, block), tr))
        out.write(policy.summary(shown, block, tr=tr))
    elif options.format == "json":
        out.write(formats.as_json(shown, files_read, json_tr))
    elif options.format == "github":
        out.write(formats.github(shown, _repo_prefix(root, env.cwd)))
    elif options.format == "gitlab":
        out.write(formats.gitlab(shown, _repo_prefix(root, env.cwd)))
    elif options.format == "sarif":
        from reseau import __version__
        from reseau.commands.rules import descriptors

        out.write(formats.sarif(shown, descriptors(), __version__, _repo_prefix(root, env.cwd)))
    else:
        out.write(formats.text(shown, tr))
    _warn_stale_schemas(root, err)
    failing = {"error", "warning"} if options.strict else {"error"}
    if not settings_ok:
        err.write(
            tr.gettext(
                "reseau: reseau.yaml is invalid (see above); rules ran with default settings"
            )
            + "\n"
        )
        return 2
    if block is not None:
        return 1 if policy.blocking(shown, block) else 0
    return 1 if any(p.level in failing for p in shown) else 0


def chosen_block(options: CheckOptions, configured: str | None) -> policy.Block | None:
    """--block, else (with --hook) $RESEAU_BLOCK, else reseau.yaml's hooks.block, else the
    default; None without either option (check's own exit codes, docs/cli.md)."""
    if options.block is not None:
        return _block(options.block, "--block")
    if not options.hook:
        return None
    variable = os.environ.get(BLOCK_VARIABLE, "")
    if variable:
        return _block(variable, BLOCK_VARIABLE)
    return policy.parse_block(configured) or policy.DEFAULT_BLOCK


def _block(value: str, where: str) -> policy.Block:
    block = policy.parse_block(value)
    if block is None:
        raise FatalError(
            msg(
                "{where}: {value} is not a policy (use {blocks})",
                where=where,
                value=repr(value),
                blocks=str(" | ".join(policy.BLOCKS)),
            )
        )
    return block


def _configured_block(root: Path) -> str | None:
    """reseau.yaml's hooks.block, read on its own (the store answered without the settings)."""
    from reseau.parse import parse_document

    try:
        value = parse_document((root / SETTINGS_FILE).read_bytes()).value
    except OSError:
        return None
    hooks = value.get("hooks") if isinstance(value, dict) else None
    return hooks.get("block") if isinstance(hooks, dict) else None


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
