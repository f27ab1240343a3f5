"""Click commands: set, edit, held, drop, rename, merge, opp add, opp stage.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import env, global_options, run
from reseau.cli.complete import CONTACT, OPPORTUNITY
from reseau.cli.write import DATE_HELP, RELATIONS, Terminal, what_happened
from reseau.schema import enum

STATUSES = enum("contact", "/properties/status")
STAGES = enum("opportunity", "/properties/stages/items/properties/stage")


@click.command(name="set")
@global_options
@click.argument("ref", metavar="REF", shell_complete=CONTACT)
@click.option("--name", metavar="TEXT", help="Their name.")
@click.option(
    "--org",
    "organization",
    metavar="TEXT",
    help="Organization (the previous one goes to history; '' removes it).",
)
@click.option("--role", metavar="TEXT", help="Role (the previous one goes to history).")
@click.option("--relation", type=click.Choice(RELATIONS), help="How you know them.")
@click.option("--status", type=click.Choice(STATUSES), help="active, dormant or archived.")
@click.option("--cadence", type=click.IntRange(min=1), metavar="DAYS", help="Days between touches.")
@click.option(
    "--introduced-by",
    metavar="REF",
    shell_complete=CONTACT,
    help="The contact who recommended you.",
)
@click.option("--location", metavar="TEXT", help="City or region ('' removes it).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Add a tag (repeatable).")
@click.option("--untag", "untags", multiple=True, metavar="TAG", help="Remove a tag (repeatable).")
@click.option("--email", "emails", multiple=True, metavar="ADDRESS", help="Add an e-mail.")
@click.option("--no-email", "no_emails", multiple=True, metavar="ADDRESS", help="Remove an e-mail.")
@click.option("--link", "links", multiple=True, metavar="URL", help="Add a link (repeatable).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME", help="Add an alias.")
@click.option(
    "--date", metavar="DATE", help=f"When the change happened ({DATE_HELP}; default as-of)."
)
@click.option("--commit", is_flag=True, help="Commit the change.")
@click.pass_context
def set_(ctx: click.Context, /, **params: Any) -> None:
    """Change a contact's fields in place, keeping comments and layout. A new organisation
    or role keeps the old one in the contact's history.
    """
    from reseau.commands.set_contact import SetOptions
    from reseau.commands.set_contact import run as run_set

    options = SetOptions(**params)
    run(lambda: run_set(env(ctx), options, sys.stdout))


@click.command()
@global_options
@click.argument("ref", metavar="REF", shell_complete=CONTACT)
@click.option("--commit", "do_commit", is_flag=True, help="Commit the change.")
@click.pass_context
def edit(ctx: click.Context, /, **params: Any) -> None:
    """Open a record in $VISUAL or $EDITOR: a contact (REF), an interaction or opportunity
    id, or reseau.yaml. Re-opened with its problems on top until it is sound; a buffer
    saved unchanged writes nothing.
    """
    from reseau.commands.edit import run as run_edit

    run(lambda: run_edit(env(ctx), **params, prompter=Terminal(), out=sys.stdout))


@click.command()
@global_options
@click.argument("ref", metavar="REF", shell_complete=CONTACT)
@click.option(
    "--date", metavar="DATE", help=f"When it took place, if not as planned ({DATE_HELP})."
)
@what_happened
@click.option(
    "--referral",
    "referrals",
    multiple=True,
    metavar="REF",
    shell_complete=CONTACT,
    help="They recommended you to REF.",
)
@click.option("--next", "next_action", metavar="ACTION", help="The next occasion to reconnect.")
@click.option("--next-due", metavar="DATE", help="When the next step is due.")
@click.option("--commit", is_flag=True, help="Commit the change.")
@click.pass_context
def held(ctx: click.Context, /, **params: Any) -> None:
    """A planned interaction took place: REF is its id, or a contact with one planned.
    `planned` goes; with --date the date and the file's name follow.
    """
    from reseau.commands.held import HeldOptions
    from reseau.commands.held import run as run_held

    options = HeldOptions(**params)
    run(lambda: run_held(env(ctx), options, sys.stdout))


@click.command()
@global_options
@click.argument("ref", metavar="REF[#N]", shell_complete=CONTACT)
@click.option("--reason", required=True, metavar="TEXT", help="Why you give it up (kept).")
@click.option("--commit", "do_commit", is_flag=True, help="Commit the change.")
@click.pass_context
def drop(ctx: click.Context, /, **params: Any) -> None:
    """Give up a next step (REF: an interaction id, or a contact with one open) or a
    promise (ID#N). The loop is closed and never shown again; the reason is kept.
    """
    from reseau.commands.drop import run as run_drop

    run(lambda: run_drop(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.argument("old", metavar="OLD", shell_complete=CONTACT)
@click.argument("new", metavar="NEW")
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing.")
@click.option("--commit", "do_commit", is_flag=True, help="Commit the rename.")
@click.pass_context
def rename(ctx: click.Context, /, **params: Any) -> None:
    """Give a contact or an opportunity a new id: its file moves (git mv when tracked),
    every reference is rewritten and interaction files named after it are renamed.
    Interrupted, the same command run again finishes the job.
    """
    from reseau.commands.rename import rename as run_rename

    run(lambda: run_rename(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.argument("duplicate", metavar="DUPLICATE", shell_complete=CONTACT)
@click.argument("into", metavar="INTO", shell_complete=CONTACT)
@click.option("--dry-run", is_flag=True, help="Print the plan; write nothing.")
@click.option("--commit", "do_commit", is_flag=True, help="Commit the merge.")
@click.pass_context
def merge(ctx: click.Context, /, **params: Any) -> None:
    """Make two contacts one: every reference to DUPLICATE names INTO, their e-mails,
    phones, links, tags and aliases are united (DUPLICATE's name becomes an alias), its
    notes go below INTO's, and its file is removed.
    """
    from reseau.commands.rename import merge as run_merge

    run(lambda: run_merge(env(ctx), **params, out=sys.stdout))


@click.group()
def opp() -> None:
    """Opportunities: `opp add` a new one, `opp stage` when it moves."""


@opp.command(name="add")
@global_options
@click.argument("title")
@click.option("--org", "organization", required=True, metavar="TEXT", help="The organisation.")
@click.option(
    "--via", metavar="REF", shell_complete=CONTACT, help="The contact who opened the door."
)
@click.option(
    "--stage", type=click.Choice(STAGES), default="lead", show_default=True, help="First stage."
)
@click.option("--date", metavar="DATE", help=f"The stage's date ({DATE_HELP}; default: as-of).")
@click.option("--note", metavar="TEXT", help="A note on the stage.")
@click.option("--id", "id", metavar="ID", help="The id (default: from the organisation and title).")
@click.option("--commit", is_flag=True, help="Commit the new file.")
@click.pass_context
def opp_add(ctx: click.Context, /, **params: Any) -> None:
    """Add an opportunity: writes opportunities/<id>.yaml with its first stage."""
    from reseau.commands.opp import OppAddOptions
    from reseau.commands.opp import add as run_add

    options = OppAddOptions(**params)
    run(lambda: run_add(env(ctx), options, sys.stdout))


@opp.command(name="stage")
@global_options
@click.argument("ref", metavar="ID", shell_complete=OPPORTUNITY)
@click.argument("stage", type=click.Choice(STAGES))
@click.option("--date", metavar="DATE", help=f"When ({DATE_HELP}; default: as-of).")
@click.option("--note", metavar="TEXT", help="A note on the stage.")
@click.option("--commit", "do_commit", is_flag=True, help="Commit the change.")
@click.pass_context
def opp_stage(ctx: click.Context, /, **params: Any) -> None:
    """Append a stage to an opportunity (never dated before the last one)."""
    from reseau.commands.opp import stage as run_stage

    run(lambda: run_stage(env(ctx), **params, out=sys.stdout))


COMMANDS: list[click.Command] = [set_, edit, held, drop, rename, merge, opp]
