"""R003 give-first: something received from someone who had been given nothing yet."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
}
EARLY = "interactions/2016/2016-04-01-call-helene-dupre.yaml"
MAIN = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
LATE = "interactions/2016/2016-04-20-email-helene-dupre.yaml"


def inter(day: str, body: str, with_: str = "helene-dupre") -> str:
    return f"date: {day}\nwith: [{with_}]\n{body}"


CASES = [
    pytest.param(
        {
            EARLY: inter(
                "2016-04-01", "promised:\n  - {what: Send the article, done: 2016-04-03}\n"
            ),
            MAIN: inter("2016-04-08", "received: [advice]\n"),
        },
        [],
        [],
        id="a-kept-promise-counts-as-given",
    ),
    pytest.param(
        {
            EARLY: inter(
                "2016-04-01", "promised:\n  - {what: Send the article, due: 2016-04-30}\n"
            ),
            MAIN: inter("2016-04-08", "received: [advice]\n"),
        },
        [(MAIN, 3, 11)],
        ["Hélène Dupré"],
        id="an-open-promise-is-not-given",
    ),
    pytest.param(
        {MAIN: inter("2016-04-08", "received: [advice]\n")},
        [(MAIN, 3, 11)],
        ["Hélène Dupré"],
        id="received-nothing-given",
    ),
    pytest.param(
        {MAIN: inter("2016-04-08", "received:\n  - referral: karim-bonnet\n")},
        [(MAIN, 4, 3)],
        ["Hélène Dupré"],
        id="referral-counts-as-received",
    ),
    pytest.param(
        {MAIN: inter("2016-04-08", "gave: []\nreceived: [advice]\n")},
        [(MAIN, 4, 11)],
        ["Hélène Dupré"],
        id="gave-empty",
    ),
    pytest.param(
        {
            MAIN: inter("2016-04-08", "received: [advice]\n"),
            LATE: inter("2016-04-20", "gave: [thanks]\n"),
        },
        [(MAIN, 3, 11)],
        ["Hélène Dupré"],
        id="gave-later-does-not-count",
    ),
    pytest.param(
        {
            EARLY: inter("2016-04-01", "gave: [interest]\n", "marc-leroy"),
            MAIN: inter("2016-04-08", "received: [advice]\n"),
        },
        [(MAIN, 3, 11)],
        ["Hélène Dupré"],
        id="gave-someone-else",
    ),
    pytest.param(
        {
            MAIN: inter("2016-04-08", "received: [advice]\n", "helene-dupre, marc-leroy"),
            EARLY: inter("2016-04-01", "gave: [interest]\n", "marc-leroy"),
        },
        [(MAIN, 3, 11)],
        ["Hélène Dupré"],
        id="group-one-given-before",
    ),
    pytest.param(
        {MAIN: inter("2016-04-08", "received: [advice]\n", "helene-dupre, marc-leroy")},
        [(MAIN, 3, 11), (MAIN, 3, 11)],
        ["Hélène Dupré", "Marc Leroy"],
        id="group-neither-given",
    ),
    pytest.param(
        {
            MAIN: inter("2016-04-08", "received: [advice]\n"),
            LATE: inter("2016-04-20", "received: [news]\n"),
        },
        [(MAIN, 3, 11), (LATE, 3, 11)],
        ["Hélène Dupré", "Hélène Dupré"],
        id="every-interaction-until-given",
    ),
    pytest.param(
        {MAIN: inter("2016-04-08", "gave: [interest]\nreceived: [advice]\n")},
        [],
        [],
        id="gave-in-same",
    ),
    pytest.param(
        {
            EARLY: inter("2016-04-01", "gave: [article]\n"),
            MAIN: inter("2016-04-08", "received: [advice]\n"),
        },
        [],
        [],
        id="gave-in-earlier",
    ),
    pytest.param(
        {
            MAIN: inter("2016-04-08", "gave: [interest]\nreceived: [advice]\n"),
            LATE: inter("2016-04-20", "received: [news]\n"),
        },
        [],
        [],
        id="given-once-is-enough",
    ),
    pytest.param(
        {
            MAIN: inter(
                "2016-04-08", "gave: [interest]\nreceived: [advice]\n", "helene-dupre, marc-leroy"
            )
        },
        [],
        [],
        id="group-gave",
    ),
    pytest.param({MAIN: inter("2016-04-08", "summary: Coffee\n")}, [], [], id="received-nothing"),
]


@pytest.mark.parametrize(("files", "spots", "names"), CASES)
def test_cases(
    check: CheckFn, files: dict[str, str], spots: list[tuple[str, int, int]], names: list[str]
) -> None:
    result = check({**PEOPLE, **files}, AS_OF, "R003")
    assert result.spots == [(*spot, "warning") for spot in spots]
    assert sorted(names) == sorted(
        n for n in ("Hélène Dupré", "Marc Leroy") for m in result.messages if n in m
    )
