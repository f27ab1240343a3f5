"""R006 promise-overdue: a promise past `due` without `done:`; only `done:` closes it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


PEOPLE = {"contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n"}
PATH = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"


def promise(extra: str = "", planned: bool = False, day: str = "2016-04-08") -> dict[str, str]:
    text = f"""
        date: {day}
        with: [helene-dupre]
        promised:
          - what: Send the article on data mesh
            due: 2016-04-22
        """
    text = text.rstrip(" ") + "".join(f"        {line}\n" for line in extra.splitlines())
    if planned:
        text += "        planned: true\n"
    return {f"interactions/2016/{day}-meeting-helene-dupre.yaml": text}


def call(day: str) -> dict[str, str]:
    return {
        f"interactions/2016/{day}-call-helene-dupre.yaml": f"date: {day}\nwith: [helene-dupre]\ngave: [article]\n"
    }


CASES = [
    pytest.param({}, "2016-04-22", None, id="on-the-due-day"),
    pytest.param({}, "2016-04-23", "error", id="a-day-late"),
    pytest.param(promise("    done: 2016-04-20"), "2016-05-03", None, id="done-early"),
    pytest.param(promise("    done: 2016-04-30"), "2016-05-03", None, id="done-late-is-closed"),
    pytest.param(promise("    done: 2016-04-30"), "2016-04-25", "error", id="done-after-as-of"),
    pytest.param(call("2016-04-20"), "2016-04-23", "error", id="an-interaction-does-not-close-it"),
    pytest.param(call("2016-04-08"), "2016-04-23", "error", id="same-day-does-not-close-it"),
]


@pytest.mark.parametrize(("files", "as_of", "level"), CASES)
def test_cases(check: CheckFn, files: dict[str, str], as_of: str, level: str | None) -> None:
    result = check({**PEOPLE, **promise(), **files}, dt.date.fromisoformat(as_of), "R006")
    assert result.spots == ([(PATH, 5, 10, level)] if level else [])
    for message in result.messages:
        for word in (
            "Hélène Dupré",
            "Send the article on data mesh",
            "2016-04-22",
            "reseau done 2016-04-08-meeting-helene-dupre",
        ):
            assert word in message


def test_each_promise(check: CheckFn) -> None:
    files = {
        **PEOPLE,
        PATH: """
        date: 2016-04-08
        with: [helene-dupre]
        promised:
          - what: Send the article
            due: 2016-04-10
            done: 2016-04-10
          - what: No date, never overdue
          - {what: Introduce her to Anna, due: 2016-04-15}
        """,
    }
    result = check(files, dt.date(2016, 5, 3), "R006")
    assert result.spots == [(PATH, 8, 40, "error")]
    assert "Introduce her to Anna" in result.messages[0]


def test_promise_in_a_planned_meeting_is_not_yet_made(check: CheckFn) -> None:
    files = {**PEOPLE, **promise(planned=True)}
    assert check(files, dt.date(2016, 4, 23), "R006").spots == []
