"""Click commands: add, log, done, fmt.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import F, env, global_options, run
from reseau.cli.complete import CONTACT, INTERACTION, OPPORTUNITY
from reseau.i18n import msg
from reseau.schema import enum

# The choices are the schemas' enums (reading two small JSON files, not jsonschema).
CHANNELS = enum("interaction", "/properties/channel")
INITIATORS = enum("interaction", "/properties/initiated_by")
ASKS = enum("interaction", "/properties/ask")
GAVE = enum("interaction", "/properties/gave/items")
RECEIVED = enum("interaction", "/properties/received/items/oneOf/0")
RELATIONS = enum("contact", "/properties/relation")
DATE_HELP = "YYYY-MM-DD, today, tomorrow, +3d, +2w or a weekday name"


def what_happened(func: F) -> F:
    """The options of what an interaction held, shared by `log` and `held`."""
    func = click.option(
        "--received",
        multiple=True,
        type=click.Choice(RECEIVED),
        help="What you received (repeatable).",
    )(func)
    func = click.option(
        "--gave", multiple=True, type=click.Choice(GAVE), help="What you gave (repeatable)."
    )(func)
    func = click.option("--ask", type=click.Choice(ASKS), help="What you asked for.")(func)
    return click.option("--summary", metavar="TEXT", help="What was said, in a sentence.")(func)


class Terminal:
    """Questions and $EDITOR through Click, when stdin is a terminal."""

    @property
    def interactive(self) -> bool:
        return sys.stdin.isatty()

    def confirm(self, text: str) -> bool:
        return bool(click.confirm(text, default=True, err=True))

    def prompt(self, text: str, default: str) -> str:
        return str(click.prompt(text, default=default, err=True))

    def edit(self, text: str) -> str | None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            from reseau.errors import FatalError

            raise FatalError(msg("--edit needs a terminal (it opens $EDITOR)"))
        result = click.edit(text, extension=".yaml", require_save=True)
        return result if isinstance(result, str) else None


@click.command()
@global_options
@click.argument("name")
@click.option("--org", "organization", metavar="TEXT", help="Organization.")
@click.option("--role", metavar="TEXT", help="Role or job title.")
@click.option(
    "--introduced-by",
    shell_complete=CONTACT,
    metavar="REF",
    help="The contact who recommended you (id or name).",
)
@click.option("--relation", type=click.Choice(RELATIONS), help="How you know them.")
@click.option("--email", "emails", multiple=True, metavar="ADDRESS", help="E-mail (repeatable).")
@click.option("--link", "links", multiple=True, metavar="URL", help="Profile or page (repeatable).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Tag (repeatable).")
@click.option(
    "--cadence",
    type=click.IntRange(min=1),
    metavar="DAYS",
    help="How often you mean to be in touch, in days.",
)
@click.option("--new", is_flag=True, help="Another person of a name already in the ledger.")
@click.option("--commit", is_flag=True, help="Commit the new file.")
@click.pass_context
def add(ctx: click.Context, /, **params: Any) -> None:
    """Add a contact: writes contacts/<id>.yaml and prints its path.

    Refuses a name already in the ledger (and says which `reseau set` to run instead)
    unless --new; warns when a contact with the same e-mail or link exists.

    Example: reseau add "Claire Fontaine" --org "Lumen Santé" --introduced-by dupre
    """
    from reseau.commands.add import AddOptions
    from reseau.commands.add import run as run_add

    options = AddOptions(**params)
    run(lambda: run_add(env(ctx), options, sys.stdout, sys.stderr))


@click.command()
@global_options
@click.argument("people", nargs=-1, metavar="WITH...", shell_complete=CONTACT)
@click.option("--channel", type=click.Choice(CHANNELS), help="How you met.")
@click.option("--date", metavar="DATE", help=f"When ({DATE_HELP}; default: as-of).")
@click.option("--initiated-by", type=click.Choice(INITIATORS), help="Who reached out.")
@what_happened
@click.option(
    "--referral",
    "referrals",
    multiple=True,
    shell_complete=CONTACT,
    metavar="ID",
    help="They recommended you to this contact (repeatable).",
)
@click.option(
    "--promise",
    "promises",
    multiple=True,
    metavar="WHAT",
    help="Something you promised them (repeatable).",
)
@click.option(
    "--promise-due",
    "promise_dues",
    multiple=True,
    metavar="DATE",
    help="Due date of the promise given at the same position.",
)
@click.option("--next", "next_action", metavar="ACTION", help="The next occasion to reconnect.")
@click.option("--next-due", metavar="DATE", help="When the next step is due.")
@click.option(
    "--opportunity", metavar="ID", shell_complete=OPPORTUNITY, help="The opportunity this is about."
)
@click.option("--planned", is_flag=True, help="A meeting scheduled in the future.")
@click.option("--edit", is_flag=True, help="Open $EDITOR on a prefilled template.")
@click.option("--commit", is_flag=True, help="Commit the new file(s).")
@click.pass_context
def log(ctx: click.Context, /, **params: Any) -> None:
    """Record an interaction with one or more contacts (their ids).

    Writes interactions/<YYYY>/<date>-<channel>-<id>.yaml and prints its path.
    """
    from reseau.commands.log import LogOptions
    from reseau.commands.log import run as run_log

    options = LogOptions(**params)
    run(lambda: run_log(env(ctx), options, Terminal(), sys.stdout, sys.stderr))


@click.command()
@global_options
@click.argument("ref", metavar="REF", shell_complete=INTERACTION)
@click.option("--commit", "do_commit", is_flag=True, help="Commit the change.")
@click.pass_context
def done(ctx: click.Context, /, **params: Any) -> None:
    """Mark a promise kept: REF is an interaction id, with #N for its N-th promise.

    Adds `done: <as-of>` and changes nothing else in the file.
    """
    from reseau.commands.done import run as run_done

    run(lambda: run_done(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--check", is_flag=True, help="Write nothing; list the files that would change (exit 1)."
)
@click.pass_context
def fmt(ctx: click.Context, /, **params: Any) -> None:
    """Put records in canonical key order and layout, keeping comments and quoting.

    Files with YAML errors are reported and left alone (exit 1).
    """
    from reseau.commands.fmt import run as run_fmt

    run(lambda: run_fmt(env(ctx), **params, out=sys.stdout, err=sys.stderr))


COMMANDS: list[click.Command] = [add, log, done, fmt]
