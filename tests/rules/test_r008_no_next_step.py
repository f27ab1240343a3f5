"""R008 no-next-step: the latest interaction with an active contact plans nothing to follow."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nrelation: friend\nstatus: dormant\n",
}
PATH = "interactions/2016/2016-04-20-meeting-helene-dupre.yaml"


def inter(
    day: str, extra: str = "", who: str = "helene-dupre", kind: str = "meeting"
) -> dict[str, str]:
    return {
        f"interactions/{day[:4]}/{day}-{kind}-{who.split(',')[0]}.yaml": f"date: {day}\nwith: [{who}]\ngave: [interest]\n{extra}"
    }


LAST = inter("2016-04-20")
NEXT = "next: {action: Send news, due: 2016-05-20}\n"

CASES = [
    pytest.param(LAST, "2016-04-22", [], id="within-grace"),
    pytest.param(LAST, "2016-04-23", [(PATH, 2, 8)], id="after-grace"),
    pytest.param(inter("2016-04-20", NEXT), "2016-05-03", [], id="next"),
    pytest.param(
        inter("2016-04-20", "next: {action: Ask Karim, due: 2016-05-20, with: [karim-bonnet]}\n"),
        "2016-05-03",
        [(PATH, 2, 8)],
        id="next-for-someone-else",
    ),
    pytest.param(
        inter(
            "2016-04-20",
            "next: {action: Ask, due: 2016-04-22, with: [karim-bonnet, helene-dupre]}\n",
        ),
        "2016-05-03",
        [],
        id="next-overdue-is-r007-not-r008",
    ),
    pytest.param(
        {**inter("2016-04-01", NEXT), **LAST},
        "2016-05-03",
        [(PATH, 2, 8)],
        id="only-the-latest-counts",
    ),
    pytest.param(
        {**LAST, **inter("2016-04-25", NEXT, kind="call")},
        "2016-04-24",
        [(PATH, 2, 8)],
        id="interaction-after-as-of-ignored",
    ),
    pytest.param(
        inter("2016-04-20", "promised: [{what: Send the article, due: 2016-06-01}]\n"),
        "2016-05-03",
        [],
        id="open-promise",
    ),
    pytest.param(
        {**inter("2016-04-01", "promised: [{what: Send the article}]\n"), **LAST},
        "2016-05-03",
        [],
        id="open-promise-earlier",
    ),
    pytest.param(
        inter("2016-04-20", "promised: [{what: Send it, due: 2016-04-22, done: 2016-04-21}]\n"),
        "2016-05-03",
        [(PATH, 2, 8)],
        id="kept-promise",
    ),
    pytest.param(
        inter("2016-04-20", "promised: [{what: Send it, due: 2016-04-22, done: 2016-05-10}]\n"),
        "2016-05-03",
        [],
        id="promise-done-after-as-of-is-open",
    ),
    pytest.param(
        {**LAST, **inter("2016-05-10", "planned: true\n", kind="lunch")},
        "2016-05-03",
        [],
        id="planned-ahead",
    ),
    pytest.param(
        {**LAST, **inter("2016-05-03", "planned: true\n", kind="lunch")},
        "2016-05-03",
        [],
        id="planned-today",
    ),
    pytest.param(
        {**LAST, **inter("2016-04-30", "planned: true\n", kind="lunch")},
        "2016-05-03",
        [(PATH, 2, 8)],
        id="planned-past",
    ),
    pytest.param(inter("2016-04-20", who="karim-bonnet"), "2016-05-03", [], id="dormant"),
    pytest.param(
        inter("2016-04-20", who="helene-dupre, karim-bonnet"),
        "2016-05-03",
        [(PATH, 2, 8)],
        id="group-only-the-active",
    ),
    pytest.param({}, "2016-05-03", [], id="never-seen"),
]


@pytest.mark.parametrize(("files", "as_of", "spots"), CASES)
def test_cases(
    check: CheckFn, files: dict[str, str], as_of: str, spots: list[tuple[str, int, int]]
) -> None:
    result = check({**PEOPLE, **files}, dt.date.fromisoformat(as_of), "R008")
    assert result.spots == [(*spot, "warning") for spot in spots]
    for message in result.messages:
        assert "Hélène Dupré" in message and "2016-04-20" in message


def test_archived_and_group(check: CheckFn) -> None:
    files = {
        **PEOPLE,
        "contacts/anna-petit.yaml": "name: Anna Petit\nstatus: archived\n",
        "contacts/marc-leroy.yaml": "name: Marc Leroy\n",
        **inter("2016-04-20", who="anna-petit, marc-leroy, helene-dupre"),
    }
    assert check(files, dt.date(2016, 5, 3), "R008").spots == [
        ("interactions/2016/2016-04-20-meeting-anna-petit.yaml", 2, 20, "warning"),
        ("interactions/2016/2016-04-20-meeting-anna-petit.yaml", 2, 32, "warning"),
    ]


def test_grace_days_from_settings(check: CheckFn) -> None:
    files = {
        "reseau.yaml": "owner: Camille Martin\nrules:\n  R008: {grace_days: 10}\n",
        **PEOPLE,
        **LAST,
    }
    assert check(files, dt.date(2016, 4, 30), "R008").spots == []
    assert check(files, dt.date(2016, 5, 1), "R008").spots == [(PATH, 2, 8, "warning")]


def test_grace_days_zero(check: CheckFn) -> None:
    files = {
        "reseau.yaml": "owner: Camille Martin\nrules:\n  R008: {grace_days: 0}\n",
        **PEOPLE,
        **LAST,
    }
    assert check(files, dt.date(2016, 4, 20), "R008").spots == []
    assert check(files, dt.date(2016, 4, 21), "R008").spots == [(PATH, 2, 8, "warning")]
