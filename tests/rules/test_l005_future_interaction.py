"""L005 future-interaction: after as-of without `planned` (error); planned and past (warning)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
HELENE = {"contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n"}


def meeting(day: str, planned: bool | None = None) -> dict[str, str]:
    text = f"date: {day}\nwith: [helene-dupre]\n"
    if planned is not None:
        text += f"planned: {'true' if planned else 'false'}\n"
    return {**HELENE, f"interactions/{day[:4]}/{day}-meeting-helene-dupre.yaml": text}


CASES = [
    pytest.param(
        "2016-05-04",
        None,
        [(1, 7, "error")],
        ["2016-05-04", "planned: true"],
        id="tomorrow-not-planned",
    ),
    pytest.param("2017-01-10", False, [(1, 7, "error")], ["2017-01-10"], id="planned-false"),
    pytest.param(
        "2016-04-20",
        True,
        [(3, 10, "warning")],
        ["2016-04-20", "record what happened"],
        id="planned-and-past",
    ),
    pytest.param("2016-05-02", True, [(3, 10, "warning")], ["2016-05-02"], id="planned-yesterday"),
    pytest.param("2016-05-03", True, [], [], id="planned-today"),
    pytest.param("2016-05-10", True, [], [], id="planned-ahead"),
    pytest.param("2016-05-03", None, [], [], id="today"),
    pytest.param("2016-04-20", False, [], [], id="past"),
]


@pytest.mark.parametrize(("day", "planned", "spots", "words"), CASES)
def test_cases(
    check: CheckFn,
    day: str,
    planned: bool | None,
    spots: list[tuple[int, int, str]],
    words: list[str],
) -> None:
    result = check(meeting(day, planned), AS_OF, "L005")
    path = f"interactions/{day[:4]}/{day}-meeting-helene-dupre.yaml"
    assert result.spots == [(path, *spot) for spot in spots]
    for word in words:
        assert word in result.messages[0]


def test_judged_against_as_of(check: CheckFn) -> None:
    files = meeting("2016-05-10")
    assert check(files, dt.date(2016, 5, 10), "L005").spots == []
    assert check(files, dt.date(2016, 5, 9), "L005").spots == [
        ("interactions/2016/2016-05-10-meeting-helene-dupre.yaml", 1, 7, "error")
    ]
