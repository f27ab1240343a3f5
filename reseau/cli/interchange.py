"""Click commands: import, export.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import click

from reseau.cli import env, global_options, run


def _progress(items: list[Any]) -> AbstractContextManager[Iterable[Any]]:
    return click.progressbar(items, label="importing", file=sys.stderr)


def _meter(length: int, label: str) -> AbstractContextManager[Any]:
    return click.progressbar(length=length, label=label, file=sys.stderr)


@click.command(name="import")
@global_options
@click.argument(
    "kind", type=click.Choice(["linkedin", "vcard", "google", "outlook", "ics", "mail"])
)
@click.argument("files", nargs=-1, required=True, metavar="FILE…", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing.")
@click.option("--commit", "do_commit", is_flag=True, help="Commit the files written.")
@click.option("--update", is_flag=True, help="Also apply the changes the import proposes.")
@click.option(
    "--encoding",
    metavar="NAME",
    help="Read FILE in this encoding (default: BOM, UTF-8, declared CHARSET, then detection).",
)
@click.option("--since", metavar="DATE", help="ics, mail: only what is dated on or after DATE.")
@click.option(
    "--until",
    metavar="DATE",
    help="ics, mail: only what is dated on or before DATE (ics default: a year after as-of).",
)
@click.option("--no-subjects", is_flag=True, help="ics, mail: keep no title or subject.")
@click.option(
    "--create-contacts",
    is_flag=True,
    help="ics: offer to add attendees not in the ledger (name from CN).",
)
@click.pass_context
def import_(ctx: click.Context, /, **params: Any) -> None:
    """Import contacts from LinkedIn's Connections.csv, a vCard file (2.1, 3.0, 4.0),
    or a Google Contacts or Outlook CSV export; or interactions from iCalendar files
    (ics) and from mbox files or Maildir folders (mail).

    Existing contacts are matched by id (X-RESEAU-ID), link, e-mail, then name;
    their empty fields are filled. A value that changed since (a new title) is
    proposed, and written only with --update. Running it twice writes nothing
    the second time. Cards or rows left out are reported with their line.

    ics and mail: events and threads with contacts (matched by e-mail) become
    meetings and e-mails, each with its `source`; what was imported before, or
    logged by hand the same day with the same people, is not written again.
    Only mail headers are read: no message body reaches the ledger.
    """
    from reseau.cli.write import Terminal
    from reseau.commands.capture import dispatch

    tty = sys.stderr.isatty()
    progress = _progress if tty else None
    meter = _meter if tty else None
    run(
        lambda: dispatch(
            env(ctx),
            **params,
            progress=progress,
            meter=meter,
            prompter=Terminal(),
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@click.command()
@global_options
@click.argument("what", type=click.Choice(["vcard", "ics", "json"]))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Write to FILE instead of standard output.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="json: replace names, e-mails, phones, links, notes and summaries with pseudonyms.",
)
@click.option(
    "--salt",
    envvar="RESEAU_REDACT_SALT",
    metavar="TEXT",
    help="Secret for --redact pseudonyms (default: $RESEAU_REDACT_SALT, else a fixed one).",
)
@click.pass_context
def export(ctx: click.Context, /, **params: Any) -> None:
    """Export contacts as vCard 4.0, open dated loops as iCalendar, or everything as JSON."""
    from reseau.commands.export import run as run_export

    out = sys.stdout.buffer
    run(lambda: run_export(env(ctx), **params, out=out))


COMMANDS: list[click.Command] = [import_, export]
