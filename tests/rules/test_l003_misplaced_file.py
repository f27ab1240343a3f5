"""L003 misplaced-file: file names, folders, years and extensions that do not match the record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
HELENE = "name: Hélène Dupré\nrelation: friend\n"
CALL = "date: 2016-04-08\nwith: [helene-dupre]\ngave: [interest]\n"

FAILING = [
    pytest.param(
        "interactions/2015/2016-04-08-call-helene-dupre.yaml",
        CALL,
        1,
        7,
        "interactions/2016/2016-04-08-",
        id="wrong-year-folder",
    ),
    pytest.param(
        "interactions/2016/2016-04-09-call-helene-dupre.yaml",
        CALL,
        1,
        7,
        "interactions/2016/2016-04-08-",
        id="wrong-date-prefix",
    ),
    pytest.param(
        "interactions/2016/call-helene-dupre.yaml",
        CALL,
        1,
        7,
        "interactions/2016/2016-04-08-",
        id="no-date-prefix",
    ),
    pytest.param(
        "interactions/2016-04-08-call-helene-dupre.yaml",
        CALL,
        1,
        7,
        "interactions/2016/2016-04-08-",
        id="no-year-folder",
    ),
    pytest.param(
        "interactions/2016/04/2016-04-08-call-helene-dupre.yaml",
        CALL,
        1,
        7,
        "interactions/2016/2016-04-08-",
        id="nested-interaction",
    ),
    pytest.param(
        "interactions/2016/2016-04-08-call-helene-dupre.yml",
        CALL,
        1,
        1,
        ".yaml",
        id="yml-interaction",
    ),
    pytest.param(
        "contacts/karim-bonnet.yml", "name: Karim Bonnet\n", 1, 1, ".yaml", id="yml-contact"
    ),
    pytest.param(
        "contacts/work/karim-bonnet.yaml",
        "name: Karim Bonnet\n",
        1,
        1,
        "contacts/karim-bonnet.yaml",
        id="nested-contact",
    ),
    pytest.param(
        "contacts/Karim_Bonnet.yaml", "name: Karim Bonnet\n", 1, 1, "Karim_Bonnet", id="not-a-slug"
    ),
    pytest.param(
        "opportunities/acme/data-analyst.yaml",
        "title: Data analyst\norganization: Acme\nstages: [{date: 2016-04-11, stage: lead}]\n",
        1,
        1,
        "opportunities/data-analyst.yaml",
        id="nested-opportunity",
    ),
    pytest.param(
        "people/karim-bonnet.yaml", "name: Karim Bonnet\n", 1, 1, "people/", id="unknown-folder"
    ),
    pytest.param(
        "people/karim-bonnet.yaml", "not: [valid\n", 1, 1, "people/", id="unknown-folder-not-parsed"
    ),
]


@pytest.mark.parametrize(("path", "content", "line", "column", "word"), FAILING)
def test_failing(
    check: CheckFn, path: str, content: str, line: int, column: int, word: str
) -> None:
    result = check({"contacts/helene-dupre.yaml": HELENE, path: content}, AS_OF, "L003")
    assert result.spots == [(path, line, column, "warning")]
    assert word in result.messages[0]


PASSING = [
    pytest.param("interactions/2016/2016-04-08-call-helene-dupre.yaml", CALL, id="interaction"),
    pytest.param("interactions/2016/2016-04-08-helene.yaml", CALL, id="any-slug-after-date"),
    pytest.param("contacts/karim-bonnet-2.yaml", "name: Karim Bonnet\n", id="contact"),
    pytest.param(
        "opportunities/acme-data-analyst.yaml",
        "title: Data analyst\norganization: Acme\nstages: [{date: 2016-04-11, stage: lead}]\n",
        id="opportunity",
    ),
    pytest.param("reports/2016-W17.yaml", "not: [valid\n", id="reports-folder-ignored"),
    pytest.param(".github/workflows/check.yaml", "on: push\n", id="hidden-folder-ignored"),
    pytest.param("contacts/notes.txt", "not yaml\n", id="not-yaml-ignored"),
]


@pytest.mark.parametrize(("path", "content"), PASSING)
def test_passing(check: CheckFn, path: str, content: str) -> None:
    assert check({"contacts/helene-dupre.yaml": HELENE, path: content}, AS_OF, "L003").spots == []


def test_both_checks_on_one_file(check: CheckFn) -> None:
    """A .yml interaction in the wrong year folder: the extension, and the date."""
    path = "interactions/2015/2016-04-08-call-helene-dupre.yml"
    result = check({"contacts/helene-dupre.yaml": HELENE, path: CALL}, AS_OF, "L003")
    assert result.spots == [(path, 1, 1, "warning"), (path, 1, 7, "warning")]
