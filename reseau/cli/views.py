"""Click commands: report, agenda, show, graph, path.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import env, global_options, run
from reseau.cli.complete import CONTACT, ORGANIZATION


@click.command()
@global_options
@click.option(
    "--week",
    metavar="YYYY-Www",
    help="The ISO week to report on (default: the week holding --as-of).",
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    help="Write the report to FILE (links are made relative to it) instead of stdout.",
)
@click.option(
    "--link-base",
    metavar="URL",
    help="Link files as URL/path (e.g. the repository's files at a commit, for a CI job summary).",
)
@click.pass_context
def report(ctx: click.Context, /, **params: Any) -> None:
    """Write the weekly review as Markdown: broken chains, what is coming, whom to reconnect
    with, referral chains, reciprocity, opportunities and the week's commits.

    The same ledger and --as-of give the same bytes. Email addresses and phone
    numbers never appear.
    """
    from reseau.commands.report import ReportOptions
    from reseau.commands.report import run as run_report

    options = ReportOptions(**params)
    run(lambda: run_report(env(ctx), options, sys.stdout, sys.stderr))


@click.command()
@global_options
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=14,
    show_default=True,
    help="Show loops due within this many days.",
)
@click.pass_context
def agenda(ctx: click.Context, /, **params: Any) -> None:
    """What to do next, one line each: overdue loops (most late first), loops coming
    within --days, then people to reconnect with.

    Colour only on a terminal, never under NO_COLOR or TERM=dumb.
    """
    from reseau.commands.agenda import run as run_agenda

    run(lambda: run_agenda(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.argument("cid", metavar="ID", shell_complete=CONTACT)
@click.pass_context
def show(ctx: click.Context, /, **params: Any) -> None:
    """A contact's card (contact details included), introduction chain, timeline
    (newest first) and open loops."""
    from reseau.commands.show import run as run_show

    run(lambda: run_show(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mermaid", "dot"]),
    default="mermaid",
    show_default=True,
    help="Mermaid (renders on GitHub) or Graphviz dot.",
)
@click.pass_context
def graph(ctx: click.Context, /, **params: Any) -> None:
    """Who introduced and referred whom, and which contact opened each opportunity."""
    from reseau.commands.graph import run as run_graph

    run(lambda: run_graph(env(ctx), **params, out=sys.stdout))


@click.command()
@global_options
@click.argument("org", metavar="ORG", shell_complete=ORGANIZATION)
@click.pass_context
def path(ctx: click.Context, /, **params: Any) -> None:
    """Who you know at ORG (case and accents ignored), through whom, and whom to ask
    for an introduction. Exit 1 when nobody matches."""
    from reseau.commands.path import run as run_path

    run(lambda: run_path(env(ctx), **params, out=sys.stdout, err=sys.stderr))


COMMANDS: list[click.Command] = [report, agenda, show, graph, path]
