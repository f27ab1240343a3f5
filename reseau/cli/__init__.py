"""The Click layer: options in, a plain command function called, its exit code out."""

from __future__ import annotations

import datetime as dt
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
    from reseau.dates import not_a_day

    raise click.BadParameter(not_a_day(value))


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value is not None and value is not False:
        ctx.meta[f"reseau.{param.name}"] = _parse_day(value) if param.name == "as_of" else value


def global_options(func: F) -> F:
    """--ledger, --as-of and --lang, accepted before or after the command name."""
    func = click.option(
        "--lang",
        "lang",
        type=click.Choice(["en", "fr"]),
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Language of messages and reports (default: reseau.yaml's lang, else the locale).",
    )(func)
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
        ctx.meta.get("reseau.ledger"),
        as_of,
        Path.cwd(),
        bool(ctx.meta.get("reseau.no_cache")),
        ctx.meta.get("reseau.lang"),
    )


def run(func: Callable[[], int]) -> None:
    """Call a command function; map its FatalError to a message and an exit code."""
    from reseau.cli import crash, streams
    from reseau.errors import FatalError
    from reseau.formats import escape

    try:
        code = func()
    except FatalError as exc:
        message = exc.message
        if not isinstance(message, str):
            message = _error_translator().render(message)
        click.echo(f"reseau: {escape(message, keep_newlines=True)}", err=True)
        sys.exit(exc.code)
    except (click.ClickException, click.exceptions.Exit, click.Abort, streams.OutputError):
        raise  # Click's own endings and a failed standard output are handled by main()
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - the one place a crash is caught
        sys.exit(crash.report(exc, _crash_language))
    sys.exit(code)


def _crash_language() -> Callable[[Any], str]:
    render: Callable[[Any], str] = _error_translator().render
    return render


def _error_translator() -> Any:
    """The language of an error: --lang, else the ledger's reseau.yaml if one is found,
    else the locale."""
    from reseau.commands.common import error_translator

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    return error_translator(meta.get("reseau.lang"), meta.get("reseau.ledger"), Path.cwd())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="reseau", message="%(prog)s %(version)s")
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    expose_value=False,
    callback=_remember,
    help="Read every file afresh, without the store of parsed files and findings.",
)
@global_options
def cli() -> None:
    """reseau keeps your professional network as a plain-text ledger in Git.

    Contacts, interactions and opportunities are YAML files; `reseau check`
    reports broken follow-up chains and `reseau report` writes your weekly review.
    """


def _register() -> None:
    from reseau.cli import check, edits, finding, gitcmds, interchange, views, write

    for module in (check, views, write, edits, interchange, gitcmds, finding):
        for command in module.COMMANDS:
            cli.add_command(command)
    from reseau.cli.examples import add_examples

    add_examples(cli)


_register()


def main() -> None:
    """The `reseau` program. When standard output cannot be written (closed, full, or a pipe
    whose reader stopped, as in `reseau check | head -1`), it ends with one line on standard
    error (none for a broken pipe) and status 74, or 141 for a broken pipe (docs/cli.md).
    An exception no command expected ends with one line and status 70 (reseau.cli.crash)."""
    from reseau.cli import streams

    stdout = streams.guard_stdout()
    code: str | int | None = 0
    try:
        cli(prog_name="reseau")
    except SystemExit as exc:
        code = exc.code
    except streams.OutputError:
        pass  # stdout.failure holds it
    except (Exception, MemoryError) as exc:  # noqa: BLE001 - outside any command: parsing, Click
        from reseau.cli import crash

        code = crash.report(exc, _crash_language)
    if stdout.failure is None:
        try:
            sys.stdout.flush()
        except streams.OutputError:
            pass
    if stdout.failure is not None:
        code = streams.ending(stdout.failure)
    sys.exit(code)
