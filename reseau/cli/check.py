"""Click commands: check, rules.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import env, global_options, run
from reseau.cli.complete import RULE


@click.command()
@global_options
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "format",
    type=click.Choice(["text", "json", "github", "gitlab", "sarif"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("-v", "--verbose", is_flag=True, help="Show info-level problems too.")
@click.option("--staged", is_flag=True, help="Judge what is staged in Git, not the work tree.")
@click.option(
    "--block",
    type=click.Choice(["integrity", "errors", "warnings"]),
    help="Exit 1 only for what this policy blocks: integrity (errors of the Y, S and L rules), "
    "errors, or warnings (errors and warnings).",
)
@click.option(
    "--hook",
    is_flag=True,
    help="Run as the pre-commit hooks do: refuse what reseau.yaml's hooks.block blocks "
    "(default integrity; --block overrides), list the rest short, most urgent first.",
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    expose_value=False,
    callback=lambda ctx, p, v: ctx.meta.__setitem__("reseau.no_cache", True) if v else None,
    help="Read every file afresh, without the store of parsed files and findings.",
)
@click.pass_context
def check(ctx: click.Context, /, **params: Any) -> None:
    """Check the whole ledger; PATHS only filter which problems are shown.

    Exit status: 0 clean, 1 errors (or warnings with --strict; with --block or
    --hook, only what the policy blocks), 2 usage or configuration error.
    """
    from reseau.commands.check import CheckOptions
    from reseau.commands.check import run as run_check

    options = CheckOptions(**params)
    run(lambda: run_check(env(ctx), options, sys.stdout, sys.stderr))


@click.command()
@global_options
@click.argument("rule_id", required=False, metavar="[ID]", shell_complete=RULE)
@click.pass_context
def rules(ctx: click.Context, /, **params: Any) -> None:
    """List the rules, or print one rule's documentation (e.g. `reseau rules R005`)."""
    from reseau.commands.rules import run as run_rules

    run(lambda: run_rules(**params, out=sys.stdout, env=env(ctx)))


COMMANDS = [check, rules]
