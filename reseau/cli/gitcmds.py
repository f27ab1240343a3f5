"""Click commands for Git: init, hooks install.

Each callback takes `**params` and passes them on by name, to the command's Options
dataclass or function in reseau.commands (tests/core/test_cli_params.py: they agree).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from reseau.cli import env, global_options, run


@click.command()
@global_options
@click.argument("folder", required=False, metavar="[DIR]")
@click.option("--example", is_flag=True, help="Fill the ledger with the example story.")
@click.option(
    "--ci",
    type=click.Choice(["github", "gitlab"]),
    help="Also write a CI file: check on push and merge request, report as job summary.",
)
@click.option(
    "--ci-install",
    metavar="SPEC",
    help="The pip requirement the CI file installs (default: how this reseau was installed).",
)
@click.option(
    "--upgrade",
    is_flag=True,
    help="Refresh the schema/ copies from this reseau, saying what changed.",
)
@click.pass_context
def init(ctx: click.Context, /, **params: Any) -> None:
    """Create a ledger in DIR (default: here), or complete one; never overwrites a file.

    Writes contacts/, interactions/, opportunities/, reports/, reseau.yaml, the
    JSON Schemas in schema/ (for editors), .gitignore and a .pre-commit-config.yaml
    with the reseau-check hook (at the top of the Git repository), and runs
    `git init` when DIR is not inside a repository. Running it again changes nothing.
    """
    from reseau.commands.init import InitOptions
    from reseau.commands.init import run as run_init

    environment = env(ctx)
    here = str(environment.ledger) if environment.ledger is not None else "."
    options = InitOptions(**{**params, "folder": params["folder"] or here})
    run(lambda: run_init(environment.cwd, options, sys.stdout, environment.tr()))


@click.group()
def hooks() -> None:
    """Git hooks for users without the pre-commit framework."""


@hooks.command("install")
@global_options
@click.option("--force", is_flag=True, help="Replace a pre-commit hook reseau did not write.")
@click.pass_context
def hooks_install(ctx: click.Context, /, **params: Any) -> None:
    """Write the repository's pre-commit hook: `reseau check --staged` on every ledger in it.

    Respects core.hooksPath. Refuses to replace a hook it did not write unless --force.
    """
    from reseau.commands.hooks import install

    environment = env(ctx)
    run(lambda: install(environment, **params, out=sys.stdout))


COMMANDS: list[click.Command] = [init, hooks]
