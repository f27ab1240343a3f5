"""R002 job-ask: `ask: job` in an interaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
PATH = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
}

CASES = [
    pytest.param("ask: job\n", [(3, 6)], id="job"),
    pytest.param("summary: Asked for a job\nask: 'job'\n", [(4, 6)], id="quoted"),
    pytest.param("ask: advice\n", [], id="advice"),
    pytest.param("ask: introduction\n", [], id="introduction"),
    pytest.param("ask: none\n", [], id="none"),
    pytest.param("summary: Talked about jobs\n", [], id="no-ask"),
]


@pytest.mark.parametrize(("extra", "spots"), CASES)
def test_cases(check: CheckFn, extra: str, spots: list[tuple[int, int]]) -> None:
    files = {**PEOPLE, PATH: "date: 2016-04-08\nwith: [helene-dupre, marc-leroy]\n" + extra}
    result = check(files, AS_OF, "R002")
    assert result.spots == [(PATH, *spot, "warning") for spot in spots]
    for message in result.messages:
        assert "Hélène Dupré" in message and "Marc Leroy" in message
        assert "advice" in message


def test_planned_job_ask_is_reported(check: CheckFn) -> None:
    """A planned meeting to ask for a job is worth rethinking before it happens."""
    path = "interactions/2016/2016-05-10-meeting-helene-dupre.yaml"
    files = {**PEOPLE, path: "date: 2016-05-10\nwith: [helene-dupre]\nplanned: true\nask: job\n"}
    assert check(files, AS_OF, "R002").spots == [(path, 4, 6, "warning")]
