"""The Click layer: options in, a plain command function called, its exit code out."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from reseau import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _parse_day(value: str) -> dt.date:
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            day = dt.date.fromisoformat(value)
            if 1900 <= day.year <= 2999:  # as the schemas: date arithmetic stays in range
                return day
            raise click.BadParameter(f"{value!r} is out of range: use a date from 1900 to 2999")
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD")


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is not None and value is not False:
        ctx.meta[f"reseau.{param.name}"] = _parse_day(value) if param.name == "as_of" else value


def global_options(func: F) -> F:
    """--ledger and --as-of, accepted before or after the command name."""
    func = click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Judge dates as of this day (default: $RESEAU_AS_OF, else today).",
    )(func)
    func = click.option(
        "--ledger",
        "ledger",
        metavar="DIR",
        expose_value=False,
        callback=_remember,
        is_eager=True,
        type=click.Path(path_type=Path, file_okay=True),
        help="The ledger folder (default: the first folder upwards holding reseau.yaml).",
    )(func)
    return func


def _as_of_from_environment() -> dt.date | None:
    """$RESEAU_AS_OF: the as-of day for hooks and CI that cannot pass --as-of."""
    value = os.environ.get("RESEAU_AS_OF", "")
    if not value:
        return None
    try:
        return _parse_day(value)
    except click.BadParameter as exc:
        raise click.UsageError(f"RESEAU_AS_OF: {exc.message}") from None


def env(ctx: click.Context) -> Any:
    """The global options as an Env."""
    from reseau.commands.common import Env

    as_of = ctx.meta.get("reseau.as_of") or _as_of_from_environment() or dt.date.today()
    return Env(
        ctx.meta.get("reseau.ledger"), as_of, Path.cwd(), bool(ctx.meta.get("reseau.no_cache"))
    )


def run(func: Callable[[], int]) -> None:
    """Call a command function; map its FatalError to a message and an exit code.

    The cyclic garbage collector is paused while a command runs: a command is short,
    builds hundreds of thousands of acyclic values, and full collections over the
    whole index would cost seconds on a large ledger for nothing.
    """
    from reseau.errors import FatalError

    collecting = gc.isenabled()
    gc.disable()
    try:
        code = func()
    except FatalError as exc:
        click.echo(f"reseau: {exc.message}", err=True)
        sys.exit(exc.code)
    finally:
        # Enabling it again would let the next allocation start a full collection over
        # everything the command built (~0.5 s on a large ledger): the `reseau` program
        # exits right after (see leave()), so only callers that go on (tests) enable it.
        if collecting and not _LEAVING:
            gc.enable()
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="reseau", message="%(prog)s %(version)s")
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    expose_value=False,
    callback=_remember,
    help="Read every file afresh, ignoring the parse cache.",
)
@global_options
def cli() -> None:
    """reseau keeps your professional network as a plain-text ledger in Git.

    Contacts, interactions and opportunities are YAML files; `reseau check`
    reports broken follow-up chains and `reseau report` writes your weekly review.
    """


def _register() -> None:
    from reseau.cli import check, gitcmds, interchange, views, write

    for module in (check, views, write, interchange, gitcmds):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


_LEAVING = False  # set by main(): the process ends when the command does


def main() -> None:
    """The `reseau` program: run the command, then leave without tearing the heap down."""
    global _LEAVING
    _LEAVING = True
    try:
        cli(prog_name="reseau")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    leave(code)


def leave(code: object) -> None:
    """Flush, run the atexit handlers, and exit at once, like `sys.exit(code)` would.

    Freeing a large ledger's index object by object takes longer than the rest of a
    warm check; the operating system reclaims the memory at once. (mypy does the same.)
    """
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`reseau check | head`), a closed stream
            status = status or 1
    atexit._run_exitfuncs()
    os._exit(status)
