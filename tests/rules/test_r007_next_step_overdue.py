"""R007 next-step-overdue: `next.due` passed with no interaction since with anyone in `next.with`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nrelation: friend\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
}
PATH = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"


def opener(with_: str | None = None, planned: bool = False) -> dict[str, str]:
    text = """
        date: 2016-04-08
        with: [helene-dupre]
        next:
          action: Tell her how the call with Karim went
          due: 2016-04-15
        """
    if with_ is not None:
        text += f"  with: [{with_}]\n"
    if planned:
        text += "planned: true\n"
    return {PATH: text}


def inter(day: str, who: str, extra: str = "") -> dict[str, str]:
    return {
        f"interactions/{day[:4]}/{day}-call-{who.split(',')[0]}.yaml": f"date: {day}\nwith: [{who}]\n{extra}"
    }


CASES = [
    pytest.param(opener(), "2016-04-15", None, id="on-the-due-day"),
    pytest.param(opener(), "2016-04-16", "Hélène Dupré", id="a-day-late"),
    pytest.param(
        {**opener(), **inter("2016-04-14", "helene-dupre")}, "2016-04-20", None, id="done-in-time"
    ),
    pytest.param(
        {**opener(), **inter("2016-04-20", "helene-dupre")},
        "2016-04-25",
        None,
        id="done-late-is-closed",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-08", "helene-dupre")},
        "2016-04-20",
        None,
        id="same-day-other-file",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-01", "helene-dupre")},
        "2016-04-20",
        "Hélène Dupré",
        id="before-does-not-count",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-21", "helene-dupre")},
        "2016-04-20",
        "Hélène Dupré",
        id="after-as-of-does-not-count",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-14", "helene-dupre", "planned: true\n")},
        "2016-04-20",
        "Hélène Dupré",
        id="planned-and-past-does-not-count",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-22", "helene-dupre", "planned: true\n")},
        "2016-04-20",
        "Hélène Dupré",
        id="planned-ahead-does-not-count",
    ),
    pytest.param(
        {**opener(), **inter("2016-04-14", "karim-bonnet")},
        "2016-04-20",
        "Hélène Dupré",
        id="someone-else",
    ),
    pytest.param(
        {**opener("karim-bonnet"), **inter("2016-04-14", "helene-dupre")},
        "2016-04-20",
        "Karim Bonnet",
        id="next-with-others",
    ),
    pytest.param(
        {**opener("karim-bonnet"), **inter("2016-04-14", "karim-bonnet")},
        "2016-04-20",
        None,
        id="next-with-done",
    ),
    pytest.param(
        {**opener("karim-bonnet, marc-leroy"), **inter("2016-04-14", "marc-leroy")},
        "2016-04-20",
        None,
        id="anyone-in-next-with",
    ),
    pytest.param(opener(planned=True), "2016-04-20", None, id="next-of-a-planned-meeting"),
]


@pytest.mark.parametrize(("files", "as_of", "who"), CASES)
def test_cases(check: CheckFn, files: dict[str, str], as_of: str, who: str | None) -> None:
    result = check({**PEOPLE, **files}, dt.date.fromisoformat(as_of), "R007")
    assert result.spots == ([(PATH, 5, 8, "warning")] if who else [])
    for message in result.messages:
        assert who is not None and who in message
        assert "Tell her how the call with Karim went" in message
        assert "2016-04-15" in message


def test_next_with_both_named(check: CheckFn) -> None:
    result = check({**PEOPLE, **opener("karim-bonnet, marc-leroy")}, dt.date(2016, 4, 20), "R007")
    assert "Karim Bonnet" in result.messages[0] and "Marc Leroy" in result.messages[0]


def test_the_opening_interaction_does_not_close_it(check: CheckFn) -> None:
    """Its `with` is the default `next.with`, yet the loop stays open."""
    assert check({**PEOPLE, **opener()}, dt.date(2016, 5, 3), "R007").spots == [
        (PATH, 5, 8, "warning")
    ]
