"""The hook policy (docs/cli.md): what blocks under each setting, and the short lines of the rest."""

from __future__ import annotations

import pytest

from reseau.policy import blocking, summary, summary_lines, to_do
from reseau.problems import Problem

P = "interactions/2016/2016-04-01-call-marc-leroy.yaml"
PROMISE = Problem(
    P,
    9,
    10,
    "R006",
    "promise-overdue",
    "error",
    "you promised Marc Leroy: Send the article (due 2016-04-10, 23 days late); keep it, then "
    "run `reseau done 2016-04-01-call-marc-leroy`",
)
REFERRAL = Problem(P, 7, 16, "R004", "referral-not-followed", "error", "Marc referred you")
COLD = Problem(P, 2, 8, "R001", "cold-approach", "warning", "first contact was cold")
SYNTAX = Problem("contacts/x.yaml", 3, 1, "Y001", "yaml-syntax", "error", "not valid YAML")
MISPLACED = Problem("contacts/y.yaml", 1, 1, "L003", "misplaced-file", "warning", "rename it")
RECONNECT = Problem("contacts/z.yaml", 1, 1, "R009", "reconnect", "info", "reconnect")
ALL = [COLD, MISPLACED, PROMISE, RECONNECT, REFERRAL, SYNTAX]


@pytest.mark.parametrize(
    ("block", "refused"),
    [
        ("integrity", [SYNTAX]),
        ("errors", [PROMISE, REFERRAL, SYNTAX]),
        ("warnings", [COLD, MISPLACED, PROMISE, REFERRAL, SYNTAX]),
    ],
)
def test_what_blocks(block: str, refused: list[Problem]) -> None:
    assert blocking(ALL, block) == refused  # type: ignore[arg-type]


def test_the_rest_most_urgent_first_without_info() -> None:
    assert to_do(ALL, "integrity") == [PROMISE, REFERRAL, COLD, MISPLACED]
    assert to_do(ALL, "warnings") == []


def test_short_lines_drop_the_how_to() -> None:
    assert summary([PROMISE], "integrity") == (
        "reseau: 1 thing to do (they do not block commits), most urgent first:\n"
        f"  error   R006 {P}:9: you promised Marc Leroy: Send the article "
        "(due 2016-04-10, 23 days late)\n"
    )
    assert summary([SYNTAX], "integrity") == ""


def test_a_long_message_keeps_how_late_it_is() -> None:
    long = Problem(
        P,
        9,
        10,
        "R007",
        "next-step-overdue",
        "warning",
        "next step: " + "x" * 200 + " (due 2016-04-10, 3 days late)",
    )
    [line] = summary_lines([long])
    assert line.endswith("x… (due 2016-04-10, 3 days late)")
    assert len(line) <= len(f"warning R007 {P}:9: ") + 100


def test_at_most_ten_lines_then_the_agenda() -> None:
    many = [
        Problem(P, n, 1, "R008", "no-next-step", "warning", f"nothing planned {n}")
        for n in range(1, 14)
    ]
    lines = summary_lines(to_do(many, "integrity"))
    assert len(lines) == 11
    assert lines[-1] == "… and 3 more: reseau agenda"
