"""Click commands: ls, suggest.

Each callback takes `**params` and passes them on by name, to the command's function in
reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import env, global_options, run
from reseau.cli.complete import ORGANIZATION
from reseau.schema import enum

RELATIONS = enum("contact", "/properties/relation")
STATUSES = enum("contact", "/properties/status")
WHEN = "YYYY-MM-DD, or relative to --as-of: -30d, -2w, yesterday"


@click.command(name="ls")
@global_options
@click.argument("query", metavar="[QUERY]", required=False)
@click.option(
    "--org",
    metavar="ORG",
    shell_complete=ORGANIZATION,
    help="Only people at ORG (a fragment, case and accents ignored).",
)
@click.option("--tag", metavar="TAG", help="Only people with this tag.")
@click.option("--relation", type=click.Choice(RELATIONS), help="Only people you know this way.")
@click.option(
    "--status", type=click.Choice(STATUSES), help="Only active, dormant or archived people."
)
@click.option("--seen-before", metavar="DATE", help=f"Last in touch before DATE ({WHEN}).")
@click.option("--seen-after", metavar="DATE", help=f"Last in touch on or after DATE ({WHEN}).")
@click.option("--never", is_flag=True, help="Only people with no interaction that happened.")
@click.option(
    "--sort",
    type=click.Choice(["name", "last", "org"]),
    default="name",
    show_default=True,
    help="By name, by last interaction (most recent first), or by organisation.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table to read, or JSON for scripts.",
)
@click.pass_context
def ls(ctx: click.Context, /, **params: Any) -> None:
    """Contacts whose name, alias, organisation or id holds QUERY (case and accents
    ignored), and who pass the filters: one line each with their organisation, role, last
    interaction and open loops.

    `reseau ls --org datacorp` answers "who do I know there"; `reseau ls --never` lists
    the people you have not approached yet.
    """
    from reseau.commands.ls import run as run_ls

    run(lambda: run_ls(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Show at most this many people.",
)
@click.pass_context
def suggest(ctx: click.Context, /, **params: Any) -> None:
    """Whom to approach next, each with the reason and the warm path (P1, P6): people
    introduced or referred to you and not yet contacted; people at the organisation of an
    open opportunity, through whoever introduced you; people who helped you before and
    have heard nothing for longer than their cadence; contacts never approached, last.

    A warm path starts with someone you are in touch with, never with the person
    themselves and never with a `relation: cold` contact.
    """
    from reseau.commands.suggest import run as run_suggest

    run(lambda: run_suggest(env(ctx), **params, out=sys.stdout))


COMMANDS: list[click.Command] = [ls, suggest]
