"""L006 referral-mismatch: X was referred by someone X's `introduced_by` does not name."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 4, 15)
KARIM = "contacts/karim-bonnet.yaml"
PEOPLE = {
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
}


def referral(day: str, who: str, to: str = "karim-bonnet") -> dict[str, str]:
    return {
        f"interactions/2016/{day}-meeting-{who}.yaml": f"""
        date: {day}
        with: [{who}]
        gave: [interest]
        received:
          - referral: {to}
        """
    }


CASES = [
    pytest.param(
        "name: Karim Bonnet\nintroduced_by: marc-leroy\n",
        referral("2016-04-08", "helene-dupre"),
        [(2, 16)],
        ["Hélène Dupré", "Karim Bonnet", "Marc Leroy", "helene-dupre"],
        id="introduced_by-wrong",
    ),
    pytest.param(
        "name: Karim Bonnet\n",
        referral("2016-04-08", "helene-dupre"),
        [(1, 7)],
        ["Hélène Dupré", "Karim Bonnet", "introduced_by: helene-dupre"],
        id="introduced_by-missing",
    ),
    pytest.param(
        "name: Karim Bonnet\nrelation: introduced\nintroduced_by: marc-leroy\n",
        {
            **referral("2016-04-08", "helene-dupre"),
            "interactions/2016/2016-04-09-call-helene-dupre.yaml": """
                      date: 2016-04-09
                      with: [helene-dupre, karim-bonnet]
                      gave: [thanks]
                      received: [{referral: karim-bonnet}]
                      """,
        },
        [(3, 16)],
        ["Hélène Dupré", "helene-dupre"],
        id="referred-twice-by-one",
    ),
    pytest.param(
        "name: Karim Bonnet\nintroduced_by: karim-bonnet\n",
        referral("2016-04-08", "helene-dupre"),
        [(2, 16)],
        ["Hélène Dupré"],
        id="introduced_by-self",
    ),
    pytest.param(
        "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
        referral("2016-04-08", "helene-dupre"),
        [],
        [],
        id="introduced_by-right",
    ),
    pytest.param(
        "name: Karim Bonnet\nintroduced_by: marc-leroy\n",
        {**referral("2016-04-08", "helene-dupre"), **referral("2016-04-10", "marc-leroy")},
        [],
        [],
        id="one-of-two-referrers",
    ),
    pytest.param("name: Karim Bonnet\n", {}, [], [], id="never-referred"),
]


@pytest.mark.parametrize(("karim", "interactions", "spots", "words"), CASES)
def test_cases(
    check: CheckFn,
    karim: str,
    interactions: dict[str, str],
    spots: list[tuple[int, int]],
    words: list[str],
) -> None:
    result = check({**PEOPLE, KARIM: karim, **interactions}, AS_OF, "L006")
    assert result.spots == [(KARIM, *spot, "warning") for spot in spots]
    for word in words:
        assert word in result.messages[0]


def test_referral_to_unknown_id_is_l001_only(check: CheckFn) -> None:
    result = check(
        {**PEOPLE, **referral("2016-04-08", "helene-dupre", to="karim-bonet")},
        dt.date(2016, 6, 1),
        None,
    )
    assert [
        (p.rule, p.line, p.column)
        for p in result.problems
        if p.rule in ("L001", "L006", "R004", "R005")
    ] == [("L001", 5, 15)]


def test_referral_from_unknown_id_is_l001_only(check: CheckFn) -> None:
    """The only referrer is an unknown id (L001): no L006 asking to name it as introducer."""
    result = check(
        {**PEOPLE, KARIM: "name: Karim Bonnet\n", **referral("2016-04-08", "marc-leroi")},
        AS_OF,
        None,
    )
    assert [(p.path, p.rule) for p in result.problems] == [
        ("interactions/2016/2016-04-08-meeting-marc-leroi.yaml", "L001")
    ]


def test_referral_in_a_broken_interaction_is_left_out(check: CheckFn) -> None:
    files = {
        **PEOPLE,
        KARIM: "name: Karim Bonnet\n",
        "interactions/2016/2016-04-08-meeting-helene-dupre.yaml": """
                 date: 2016-04-08
                 with: [helene-dupre]
                 chanel: meeting
                 received: [{referral: karim-bonnet}]
                 """,
    }
    result = check(files, AS_OF, "L006", file_problems=True)
    assert result.spots == []
    assert [p.rule for p in result.file_problems] == ["S001"]
