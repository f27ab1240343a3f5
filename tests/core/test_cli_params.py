"""Each CLI parameter is written twice: its Click decorator (flag, help, type) and, in
reseau.commands, the typed field or argument it fills. The Click callbacks take
`**params` and pass them on by name; this test proves the two writes agree."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import click

from reseau.cli import cli
from reseau.commands import (
    add,
    agenda,
    capture,
    check,
    done,
    drop,
    edit,
    export,
    fmt,
    graph,
    held,
    hooks,
    init,
    log,
    ls,
    opp,
    path,
    rename,
    report,
    rules,
    set_contact,
    show,
    suggest,
)

# What each command's parameters fill: an Options dataclass, or the command function.
TARGETS: dict[str, type[Any] | Callable[..., int]] = {
    "add": add.AddOptions,
    "log": log.LogOptions,
    "done": done.run,
    "fmt": fmt.run,
    "check": check.CheckOptions,
    "rules": rules.run,
    "report": report.ReportOptions,
    "agenda": agenda.run,
    "show": show.run,
    "graph": graph.run,
    "path": path.run,
    "ls": ls.run,
    "suggest": suggest.run,
    "import": capture.dispatch,
    "export": export.run,
    "init": init.InitOptions,
    "hooks install": hooks.install,
    "set": set_contact.SetOptions,
    "edit": edit.run,
    "held": held.HeldOptions,
    "drop": drop.run,
    "rename": rename.rename,
    "merge": rename.merge,
    "opp add": opp.OppAddOptions,
    "opp stage": opp.stage,
}
# What the Click layer passes itself, not from the command line.
PLUMBING = {"env", "cwd", "out", "err", "prompter", "progress", "meter"}


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def filled(target: type[Any] | Callable[..., int]) -> dict[str, str]:
    """{name: annotation} of what the parameters fill."""
    if dataclasses.is_dataclass(target):
        return {f.name: str(f.type) for f in dataclasses.fields(target)}
    return {
        name: str(p.annotation)
        for name, p in inspect.signature(target).parameters.items()
        if name not in PLUMBING
    }


def test_every_command_has_a_target() -> None:
    assert {name for name, _ in commands(cli)} == set(TARGETS)


def test_click_params_and_their_targets_agree() -> None:
    for name, command in commands(cli):
        given = {p.name: p for p in command.params if p.expose_value}
        wanted = filled(TARGETS[name])
        assert list(given) == list(wanted), name  # the same names, in the same order
        for key, param in given.items():
            multiple = getattr(param, "multiple", False) or param.nargs == -1
            flag = getattr(param, "is_flag", False)
            assert wanted[key].startswith("tuple[") == multiple, (name, key)
            assert (wanted[key] == "bool") == flag, (name, key)
