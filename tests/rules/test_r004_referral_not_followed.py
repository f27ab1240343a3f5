"""R004 referral-not-followed: a referral with no interaction with that person in `days` (14)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
}
REFERRAL = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
OPENER = {
    REFERRAL: """
    date: 2016-04-08
    with: [helene-dupre]
    gave: [interest]
    received:
      - referral: karim-bonnet
    """
}
SPOT = (REFERRAL, 5, 15)


def karim(day: str, extra: str = "", name: str = "call-karim-bonnet") -> dict[str, str]:
    return {
        f"interactions/{day[:4]}/{day}-{name}.yaml": f"date: {day}\nwith: [karim-bonnet]\n{extra}"
    }


CASES = [
    pytest.param({}, "2016-04-22", None, id="on-the-due-day"),
    pytest.param({}, "2016-04-23", "warning", id="a-day-late"),
    pytest.param({}, "2016-05-06", "warning", id="twice-days-is-still-a-warning"),
    pytest.param({}, "2016-05-07", "error", id="error-after-twice-days"),
    pytest.param(karim("2016-04-12"), "2016-05-20", None, id="followed"),
    pytest.param(karim("2016-05-01"), "2016-05-20", None, id="followed-late-is-closed"),
    pytest.param(karim("2016-04-08"), "2016-05-20", None, id="same-day-other-file"),
    pytest.param(karim("2016-04-01"), "2016-04-25", "warning", id="before-the-referral"),
    pytest.param(karim("2016-04-26"), "2016-04-25", "warning", id="after-as-of"),
    pytest.param(
        karim("2016-04-20", "planned: true\n"), "2016-04-25", "warning", id="planned-and-past"
    ),
    pytest.param(
        karim("2016-04-28", "planned: true\n"), "2016-04-25", "warning", id="planned-ahead"
    ),
]


@pytest.mark.parametrize(("files", "as_of", "level"), CASES)
def test_cases(check: CheckFn, files: dict[str, str], as_of: str, level: str | None) -> None:
    result = check({**PEOPLE, **OPENER, **files}, dt.date.fromisoformat(as_of), "R004")
    assert result.spots == ([(*SPOT, level)] if level else [])
    for message in result.messages:
        assert "Hélène Dupré" in message and "Karim Bonnet" in message
        assert "2016-04-22" in message


def test_the_opening_interaction_does_not_close_it(check: CheckFn) -> None:
    files = {
        **PEOPLE,
        REFERRAL: """
        date: 2016-04-08
        with: [helene-dupre, karim-bonnet]
        gave: [interest]
        received: [{referral: karim-bonnet}]
        """,
    }
    result = check(files, dt.date(2016, 4, 23), "R004")
    assert result.spots == [(REFERRAL, 4, 23, "warning")]
    assert "Hélène Dupré" in result.messages[0]
    assert "Karim Bonnet referred" not in result.messages[0]  # not by himself


def test_days_from_settings(check: CheckFn) -> None:
    files = {
        "reseau.yaml": "owner: Camille Martin\nrules:\n  R004: {days: 3}\n",
        **PEOPLE,
        **OPENER,
    }
    assert check(files, dt.date(2016, 4, 11), "R004").spots == []
    assert check(files, dt.date(2016, 4, 12), "R004").spots == [(*SPOT, "warning")]
    assert "2016-04-11" in check(files, dt.date(2016, 4, 12), "R004").messages[0]
    assert check(files, dt.date(2016, 4, 14), "R004").spots == [(*SPOT, "warning")]
    assert check(files, dt.date(2016, 4, 15), "R004").spots == [(*SPOT, "error")]


def test_each_referral_is_a_loop(check: CheckFn) -> None:
    files = {
        **PEOPLE,
        "contacts/anna-petit.yaml": "name: Anna Petit\nintroduced_by: helene-dupre\n",
        REFERRAL: """
                 date: 2016-04-08
                 with: [helene-dupre]
                 gave: [interest]
                 received:
                   - referral: karim-bonnet
                   - advice
                   - referral: anna-petit
                 """,
        **karim("2016-04-10"),
    }
    result = check(files, dt.date(2016, 4, 25), "R004")
    assert result.spots == [(REFERRAL, 7, 15, "warning")]
    assert "Anna Petit" in result.messages[0]


def test_referral_to_unknown_id_is_l001_only(check: CheckFn) -> None:
    files = {**PEOPLE, REFERRAL: OPENER[REFERRAL].replace("karim-bonnet", "karim-bonet")}
    result = check(files, dt.date(2016, 6, 1), None)
    assert [
        (p.path, p.line, p.column, p.rule)
        for p in result.problems
        if p.rule in ("L001", "L006", "R004", "R005")
    ] == [(*SPOT, "L001")]


def test_referral_in_a_broken_interaction_opens_nothing(check: CheckFn) -> None:
    broken = {REFERRAL: OPENER[REFERRAL].replace("gave: [interest]", "gave: interest")}
    result = check({**PEOPLE, **broken}, dt.date(2016, 6, 1), "R004", file_problems=True)
    assert result.spots == [] and [p.rule for p in result.file_problems] == ["S001"]


def test_referral_in_a_planned_interaction_opens_nothing(check: CheckFn) -> None:
    planned = "interactions/2016/2016-06-08-meeting-helene-dupre.yaml"
    files = {**PEOPLE, planned: OPENER[REFERRAL].replace("04-08", "06-08") + "planned: true\n"}
    assert check(files, dt.date(2016, 6, 1), "R004").spots == []
