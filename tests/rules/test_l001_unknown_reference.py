"""L001 unknown-reference: every id field that names no record, and the rules that then stay quiet."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
HELENE = {"contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n"}
MEETING = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"

FAILING = [
    pytest.param(
        {
            **HELENE,
            MEETING: """
        date: 2016-04-08
        with: [helene-dupre, marc-leroi]
        gave: [interest]
        """,
        },
        [(MEETING, 2, 22, "error")],
        "marc-leroi",
        id="with",
    ),
    pytest.param(
        {
            **HELENE,
            "contacts/karim-bonnet.yaml": """
        name: Karim Bonnet
        introduced_by: marc-leroi
        """,
        },
        [("contacts/karim-bonnet.yaml", 2, 16, "error")],
        "marc-leroi",
        id="introduced_by",
    ),
    pytest.param(
        {
            **HELENE,
            MEETING: """
        date: 2016-04-08
        with: [helene-dupre]
        gave: [interest]
        next:
          action: Call back
          due: 2016-05-20
          with: [helene-dupre, marc-leroi]
        """,
        },
        [(MEETING, 7, 24, "error")],
        "marc-leroi",
        id="next-with",
    ),
    pytest.param(
        {
            **HELENE,
            MEETING: """
        date: 2016-04-08
        with: [helene-dupre]
        gave: [interest]
        received:
          - advice
          - referral: marc-leroi
        """,
        },
        [(MEETING, 6, 15, "error")],
        "marc-leroi",
        id="referral",
    ),
    pytest.param(
        {
            **HELENE,
            MEETING: """
        date: 2016-04-08
        with: [helene-dupre]
        opportunity: acme-data-analyst
        """,
        },
        [(MEETING, 3, 14, "error")],
        "opportunities/acme-data-analyst.yaml",
        id="opportunity",
    ),
    pytest.param(
        {
            **HELENE,
            "opportunities/acme-data-analyst.yaml": """
        title: Data analyst
        organization: Acme
        via: marc-leroi
        stages:
          - {date: 2016-04-11, stage: lead}
        """,
        },
        [("opportunities/acme-data-analyst.yaml", 3, 6, "error")],
        "contacts/marc-leroi.yaml",
        id="via",
    ),
    pytest.param(
        {
            **HELENE,
            MEETING: """
        date: 2016-04-08
        with: [marc-leroi, paul-roux]
        received: [{referral: marc-leroi}]
        """,
        },
        [(MEETING, 2, 8, "error"), (MEETING, 2, 20, "error"), (MEETING, 3, 23, "error")],
        "marc-leroi",
        id="every-reference",
    ),
]


@pytest.mark.parametrize(("files", "spots", "word"), FAILING)
def test_failing(
    check: CheckFn, files: dict[str, str], spots: list[tuple[str, int, int, str]], word: str
) -> None:
    result = check(files, AS_OF, "L001")
    assert result.spots == spots
    assert all(word in m or "paul-roux" in m for m in result.messages)


PASSING = [
    pytest.param(
        {
            **HELENE,
            "contacts/karim-bonnet.yaml": """
        name: Karim Bonnet
        introduced_by: helene-dupre
        """,
            MEETING: """
        date: 2016-04-08
        with: [helene-dupre]
        gave: [interest]
        received: [{referral: karim-bonnet}]
        next: {action: Call back, due: 2016-05-20, with: [karim-bonnet]}
        opportunity: acme-data-analyst
        """,
            "opportunities/acme-data-analyst.yaml": """
        title: Data analyst
        organization: Acme
        via: karim-bonnet
        stages:
          - {date: 2016-04-11, stage: lead}
        """,
        },
        id="all-known",
    ),
]


@pytest.mark.parametrize("files", PASSING)
def test_passing(check: CheckFn, files: dict[str, str]) -> None:
    assert check(files, AS_OF, "L001").spots == []


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param("nom: Marc Leroy\n", id="schema"),
        pytest.param("name: [Marc Leroy\n", id="yaml-syntax"),
        pytest.param("name: Marc Leroy\nname: Marc\n", id="duplicate-key"),
    ],
)
def test_broken_records_still_exist(check: CheckFn, broken: str) -> None:
    """Records failing Y/S checks are left out of the rules, but their ids name a record."""
    files = {
        **HELENE,
        "contacts/marc-leroy.yaml": broken,
        "opportunities/acme-data-analyst.yaml": "title: Data analyst\n",
        "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: marc-leroy\n",
        MEETING: """
                 date: 2016-04-08
                 with: [helene-dupre, marc-leroy]
                 gave: [interest]
                 received: [{referral: marc-leroy}]
                 opportunity: acme-data-analyst
                 """,
    }
    result = check(files, AS_OF, "L001", file_problems=True)
    assert result.spots == []
    assert {p.path for p in result.file_problems} == {
        "contacts/marc-leroy.yaml",
        "opportunities/acme-data-analyst.yaml",
    }


def test_only_l001_for_unknown_references(check: CheckFn) -> None:
    """Rules skip references reported as L001: no R001, R003, R004, R007, R008, L006 for them."""
    files = {
        **HELENE,
        MEETING: """
        date: 2016-04-08
        with: [helene-dupre, marc-leroi]
        gave: [interest]
        received:
          - referral: karim-bonnet
        promised: [{what: Send the article}]
        next: {action: Call back, due: 2016-04-15, with: [marc-leroi]}
        """,
        "interactions/2016/2016-04-01-email-marc-leroi.yaml": """
        date: 2016-04-01
        with: [marc-leroi]
        received: [advice]
        """,
    }
    result = check(files, dt.date(2016, 5, 20), None)
    assert [(p.path, p.line, p.column, p.rule) for p in result.problems] == [
        ("interactions/2016/2016-04-01-email-marc-leroi.yaml", 2, 8, "L001"),
        (MEETING, 2, 22, "L001"),
        (MEETING, 5, 15, "L001"),
        (MEETING, 7, 51, "L001"),
    ]


def test_a_typo_gets_the_closest_id(check: CheckFn) -> None:
    files = {
        "contacts/claire-fontaine.yaml": "name: Claire Fontaine\nrelation: friend\n",
        "contacts/claude-fontan.yaml": "name: Claude Fontan\nrelation: friend\n",
        "opportunities/acme-data-analyst.yaml": (
            "title: Data analyst\norganization: Acme\nstages:\n  - {date: 2016-04-11, stage: lead}\n"
        ),
        MEETING: """
        date: 2016-04-08
        with: [claire-fontain, zoe-martin]
        gave: [interest]
        opportunity: acme-data
        """,
    }
    result = check(files, AS_OF, "L001")
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (2, 8, "no contact 'claire-fontain': did you mean claire-fontaine?"),
        (2, 24, "no contact 'zoe-martin': create contacts/zoe-martin.yaml or fix the id"),
        (4, 14, "no opportunity 'acme-data': did you mean acme-data-analyst?"),
    ]
