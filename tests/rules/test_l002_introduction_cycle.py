"""L002 introduction-cycle: `introduced_by` links that loop, reported on every member."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)


def contact(name: str, introduced_by: str | None = None) -> str:
    return f"name: {name}\n" + (f"introduced_by: {introduced_by}\n" if introduced_by else "")


FAILING = [
    pytest.param(
        {"contacts/helene-dupre.yaml": contact("Hélène Dupré", "helene-dupre")},
        [("contacts/helene-dupre.yaml", 2, 16, "error")],
        ["Hélène Dupré"],
        id="self",
    ),
    pytest.param(
        {
            "contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroy"),
            "contacts/marc-leroy.yaml": contact("Marc Leroy", "helene-dupre"),
        },
        [
            ("contacts/helene-dupre.yaml", 2, 16, "error"),
            ("contacts/marc-leroy.yaml", 2, 16, "error"),
        ],
        ["Hélène Dupré", "Marc Leroy"],
        id="two",
    ),
    pytest.param(
        {
            "contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroy"),
            "contacts/marc-leroy.yaml": contact("Marc Leroy", "karim-bonnet"),
            "contacts/karim-bonnet.yaml": contact("Karim Bonnet", "helene-dupre"),
            # introduced by a member of the cycle, but not in it
            "contacts/anna-petit.yaml": contact("Anna Petit", "karim-bonnet"),
            "contacts/zoe-blanc.yaml": contact("Zoé Blanc", "anna-petit"),
        },
        [
            ("contacts/helene-dupre.yaml", 2, 16, "error"),
            ("contacts/karim-bonnet.yaml", 2, 16, "error"),
            ("contacts/marc-leroy.yaml", 2, 16, "error"),
        ],
        ["Hélène Dupré", "Marc Leroy", "Karim Bonnet"],
        id="three",
    ),
]


@pytest.mark.parametrize(("files", "spots", "names"), FAILING)
def test_failing(
    check: CheckFn, files: dict[str, str], spots: list[tuple[str, int, int, str]], names: list[str]
) -> None:
    result = check(files, AS_OF, "L002")
    assert result.spots == spots
    for message in result.messages:
        assert all(name in message for name in names)
        assert "circle" in message


PASSING = [
    pytest.param(
        {
            "contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroy"),
            "contacts/marc-leroy.yaml": contact("Marc Leroy", "karim-bonnet"),
            "contacts/karim-bonnet.yaml": contact("Karim Bonnet"),
        },
        id="chain-ends",
    ),
    pytest.param(
        {
            "contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroy"),
            "contacts/karim-bonnet.yaml": contact("Karim Bonnet", "marc-leroy"),
            "contacts/marc-leroy.yaml": contact("Marc Leroy"),
        },
        id="shared-introducer",
    ),
    pytest.param(
        {"contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroi")},
        id="unknown-introducer-is-l001-only",
    ),
]


@pytest.mark.parametrize("files", PASSING)
def test_passing(check: CheckFn, files: dict[str, str]) -> None:
    assert check(files, AS_OF, "L002").spots == []


def test_cycle_through_a_broken_record_is_not_followed(check: CheckFn) -> None:
    """A contact failing S001 is left out: the chain stops there, no cycle is seen."""
    files = {
        "contacts/helene-dupre.yaml": contact("Hélène Dupré", "marc-leroy"),
        "contacts/marc-leroy.yaml": "name: Marc Leroy\nintroduced_by: helene-dupre\nage: 40\n",
    }
    result = check(files, AS_OF, None, file_problems=True)
    assert [(p.path, p.rule) for p in result.problems] == [("contacts/marc-leroy.yaml", "S001")]
