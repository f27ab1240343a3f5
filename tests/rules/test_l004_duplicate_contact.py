"""L004 duplicate-contact: shared e-mail, link or normalised name, reported on the later id."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
FIRST = "contacts/helene-dupre.yaml"
SECOND = "contacts/helene-dupre-2.yaml"
HELENE = """
    name: Hélène Dupré
    emails: [helene@datacorp.example, hélène@datacorp.example]
    links: [https://www.linkedin.com/in/example]
    """

FAILING = [
    pytest.param(
        "name: H. Dupré\nemails: [Helene@DataCorp.EXAMPLE]\n", (2, 10), "e-mail", id="email-case"
    ),
    pytest.param(
        "name: H. Dupré\nemails: [other@example.org, ' helene@datacorp.example']\n",
        (2, 29),
        "e-mail",
        id="email-second-and-spaces",
    ),
    pytest.param(
        "name: H. Dupré\nlinks: [https://www.linkedin.com/in/example/]\n",
        (2, 9),
        "link",
        id="link-trailing-slash",
    ),
    pytest.param(
        "name: H. Dupré\nlinks: ['http://linkedin.com/in/Example']\n",
        (2, 9),
        "link",
        id="link-scheme-www-case",
    ),
    pytest.param("name: HELENE DUPRE\n", (1, 7), "name", id="name-case-accents"),
    # Issue 19, finding 8: NFD e-mails (macOS, vCard exports) and invisible characters.
    pytest.param(
        'name: H. D.\nemails: ["he\\u0301le\\u0300ne@datacorp.example"]\n',
        (2, 10),
        "e-mail",
        id="email-nfd",
    ),
    pytest.param(
        'name: "H\\u00e9l\\u200be\\u0300ne Dupr\\u00e9"\n',
        (1, 7),
        "name",
        id="name-zero-width-space",
    ),
    pytest.param(
        'name: "H\\u00e9l\\u00ade\\u0300ne\\u200d Dupr\\u00e9\\u200e"\n',
        (1, 7),
        "name",
        id="name-soft-hyphen-joiner-mark",
    ),
    pytest.param("name: '  hélène   dupré '\n", (1, 7), "name", id="name-spaces"),
    pytest.param(
        "name: Hélène Dupré\nemails: [helene@datacorp.example]\n",
        (1, 7),
        "name",
        id="reported-once",
    ),
]


@pytest.mark.parametrize(("second", "position", "what"), FAILING)
def test_failing(check: CheckFn, second: str, position: tuple[int, int], what: str) -> None:
    result = check({FIRST: HELENE, SECOND: second}, AS_OF, "L004")
    assert result.spots == [(SECOND, *position, "warning")]
    assert f"same {what}" in result.messages[0]
    assert FIRST in result.messages[0]


def test_reported_on_the_id_that_sorts_later(check: CheckFn) -> None:
    files = {"contacts/b-dupre.yaml": HELENE, "contacts/a-dupre.yaml": "name: Helene Dupre\n"}
    assert check(files, AS_OF, "L004").spots == [("contacts/b-dupre.yaml", 1, 7, "warning")]


def test_three_copies(check: CheckFn) -> None:
    files = {
        FIRST: HELENE,
        SECOND: "name: Hélène Dupré\n",
        "contacts/helene-dupre-3.yaml": "name: Other\nemails: [helene@datacorp.example]\n",
    }
    assert check(files, AS_OF, "L004").spots == [
        (SECOND, 1, 7, "warning"),
        ("contacts/helene-dupre-3.yaml", 2, 10, "warning"),
    ]


PASSING = [
    pytest.param("name: Hélène Martin\nemails: [helene@martin.example]\n", id="different"),
    pytest.param("name: Hélène Dupré-Martin\n", id="longer-name"),
    pytest.param("name: Other\nlinks: [https://www.linkedin.com/in/example-2]\n", id="other-link"),
]


@pytest.mark.parametrize("second", PASSING)
def test_passing(check: CheckFn, second: str) -> None:
    assert check({FIRST: HELENE, SECOND: second}, AS_OF, "L004").spots == []


def test_one_contact_repeating_its_own_email(check: CheckFn) -> None:
    files = {FIRST: "name: Hélène Dupré\nemails: [h@d.example, H@D.example]\n"}
    assert check(files, AS_OF, "L004").spots == []
