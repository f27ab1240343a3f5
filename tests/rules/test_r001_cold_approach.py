"""R001 cold-approach: a first interaction initiated by you with someone nobody introduced."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
FIRST = "interactions/2016/2016-04-08-email-paul-roux.yaml"
LATER = "interactions/2016/2016-04-20-call-paul-roux.yaml"
MARC = {"contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n"}


def ledger(paul: str, initiated_by: str | None = "me", later: str | None = None) -> dict[str, str]:
    first = "date: 2016-04-08\nwith: [marc-leroy, paul-roux]\ngave: [interest]\n"
    if initiated_by is not None:
        first += f"initiated_by: {initiated_by}\n"
    files = {**MARC, "contacts/paul-roux.yaml": paul, FIRST: first}
    if later is not None:
        files[LATER] = f"date: 2016-04-20\nwith: [paul-roux]\ninitiated_by: {later}\n"
    return files


CASES = [
    pytest.param(ledger("name: Paul Roux\nrelation: cold\n"), [(FIRST, 2, 20)], id="cold"),
    pytest.param(ledger("name: Paul Roux\n"), [(FIRST, 2, 20)], id="no-relation"),
    pytest.param(
        ledger("name: Paul Roux\n", initiated_by=None),
        [(FIRST, 2, 20)],
        id="initiated_by-defaults-to-me",
    ),
    pytest.param(
        ledger("name: Paul Roux\n", later="me"), [(FIRST, 2, 20)], id="only-the-first-interaction"
    ),
    pytest.param(ledger("name: Paul Roux\nrelation: friend\n"), [], id="friend"),
    pytest.param(ledger("name: Paul Roux\nrelation: acquaintance\n"), [], id="acquaintance"),
    pytest.param(
        ledger("name: Paul Roux\nrelation: cold\nintroduced_by: marc-leroy\n"),
        [],
        id="cold-but-introduced",
    ),
    pytest.param(ledger("name: Paul Roux\nintroduced_by: marc-leroy\n"), [], id="introduced"),
    pytest.param(
        ledger("name: Paul Roux\nrelation: cold\n", initiated_by="them"), [], id="initiated-by-them"
    ),
    pytest.param(
        ledger("name: Paul Roux\nrelation: cold\n", initiated_by="them", later="me"),
        [],
        id="them-first-then-me",
    ),
]


@pytest.mark.parametrize(("files", "spots"), CASES)
def test_cases(check: CheckFn, files: dict[str, str], spots: list[tuple[str, int, int]]) -> None:
    result = check(files, AS_OF, "R001")
    assert result.spots == [(*spot, "warning") for spot in spots]
    for message in result.messages:
        assert "Paul Roux" in message
        assert "Marc Leroy" not in message


def test_first_by_date(check: CheckFn) -> None:
    files = {
        "contacts/paul-roux.yaml": "name: Paul Roux\n",
        "interactions/2016/2016-04-08-b-call.yaml": "date: 2016-04-08\nwith: [paul-roux]\n",
        "interactions/2016/2016-04-08-a-email.yaml": "date: 2016-04-08\nwith: [paul-roux]\n"
        "initiated_by: them\n",
        "interactions/2016/2016-04-01-z-email.yaml": "date: 2016-04-01\nwith: [paul-roux]\n"
        "initiated_by: them\n",
    }
    assert check(files, AS_OF, "R001").spots == []


def test_first_by_id_on_the_same_day(check: CheckFn) -> None:
    path = "interactions/2016/2016-04-08-a-email.yaml"
    files = {
        "contacts/paul-roux.yaml": "name: Paul Roux\n",
        "interactions/2016/2016-04-08-b-call.yaml": "date: 2016-04-08\nwith: [paul-roux]\n"
        "initiated_by: them\n",
        path: "date: 2016-04-08\nwith: [paul-roux]\n",
    }
    assert check(files, AS_OF, "R001").spots == [(path, 2, 8, "warning")]


def test_broken_contact_is_left_out(check: CheckFn) -> None:
    files = {**ledger("name: Paul Roux\nrelation: cold\nage: 40\n")}
    result = check(files, AS_OF, None, file_problems=True)
    assert [(p.path, p.rule) for p in result.problems if p.rule in ("R001", "L001", "S001")] == [
        ("contacts/paul-roux.yaml", "S001")
    ]


@pytest.mark.parametrize(
    ("paul", "advice"),
    [
        pytest.param(
            "name: Paul Roux\nrelation: cold\n",
            "Next time, ask someone who knows them to recommend you first (`reseau path ORG`); "
            "if someone did introduce you, set `introduced_by`",
            id="already-cold",
        ),
        pytest.param(
            "name: Paul Roux\n",
            "Ask someone who knows them to recommend you, or set their `relation`",
            id="no-relation",
        ),
    ],
)
def test_advice_fits_the_relation(check: CheckFn, paul: str, advice: str) -> None:
    result = check(ledger(paul), AS_OF, "R001")
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (2, 20, f"first contact with Paul Roux was cold: no one introduced you. {advice}")
    ]
