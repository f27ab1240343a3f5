"""`reseau report`: the weekly Markdown review, to stdout or to a file (links relative to it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reseau.commands.common import Env, findings, open_ledger
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.present import Lang
from reseau.report.activity import read_activity
from reseau.report.markdown import render
from reseau.report.model import build_report
from reseau.report.weeks import parse_week, week_of
from reseau.store import write_output


@dataclass(frozen=True)
class ReportOptions:
    week: str | None = None
    output: str | None = None
    link_base: str | None = None


def link_prefix(root: Path, output: Path | None) -> str:
    """The ledger root as seen from the report's folder ('' when the report is at the root)."""
    if output is None:
        return ""
    rel = os.path.relpath(root.resolve(), output.parent.resolve()).replace(os.sep, "/")
    return "" if rel == "." else rel


def run(env: Env, options: ReportOptions, out: TextIO, err: TextIO) -> int:
    try:
        week = parse_week(options.week) if options.week else week_of(env.as_of)
    except ValueError as exc:
        raise FatalError(msg("--week: {exc}", exc=str(exc))) from None
    if options.link_base is not None and "://" not in options.link_base:
        raise FatalError(
            msg("--link-base {link_base}: give a URL (https://…)", link_base=options.link_base)
        )
    output = Path(os.path.abspath(env.cwd / options.output)) if options.output else None
    if output is not None and output.is_dir():
        raise FatalError(
            msg("--output {output}: is a folder; give a file name", output=str(options.output))
        )
    loaded = open_ledger(env)
    ledger = loaded.ledger
    lang: Lang = env.translator(ledger.settings.lang).lang  # --lang, `lang:`, the locale
    problems, loops = findings(loaded, env.as_of)  # the loops that are still open
    activity = read_activity(ledger.root, week, env.as_of)
    report = build_report(ledger, problems, loops, env.as_of, week, activity)
    prefix = options.link_base or link_prefix(ledger.root, output)
    text = render(report, lang, prefix)
    if output is None:
        out.write(text)
    else:
        assert options.output is not None
        write_output(ledger.root, env.cwd, options.output, text.encode("utf-8"))
    if not loaded.settings_ok:
        err.write(
            "reseau: reseau.yaml is invalid (see `reseau check`); "
            "the report used default settings\n"
        )
        return 2
    return 0
