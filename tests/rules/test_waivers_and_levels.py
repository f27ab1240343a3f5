"""Waivers (on records and on contacts, `until` inclusive) and levels/options from reseau.yaml."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


AS_OF = dt.date(2016, 5, 3)
JOB = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"


def waive(rule: str, until: str = "2016-12-31") -> str:
    return f"waive:\n  - {{rule: {rule}, until: {until}, reason: testing}}\n"


def job_ask(waiver: str = "", helene: str = "") -> dict[str, str]:
    return {
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n" + helene,
        JOB: "date: 2016-04-08\nwith: [helene-dupre]\nask: job\n" + waiver,
    }


@pytest.mark.parametrize(
    ("files", "as_of", "silenced"),
    [
        pytest.param(job_ask(), AS_OF, False, id="no-waiver"),
        pytest.param(job_ask(waive("R002")), AS_OF, True, id="on-the-record"),
        pytest.param(job_ask(waive("R002", "2016-05-03")), AS_OF, True, id="until-inclusive"),
        pytest.param(job_ask(waive("R002", "2016-05-02")), AS_OF, False, id="the-day-after"),
        pytest.param(job_ask(waive("R003")), AS_OF, False, id="another-rule"),
        pytest.param(job_ask(helene=waive("R002")), AS_OF, True, id="on-the-contact"),
        pytest.param(
            job_ask(helene=waive("R002", "2016-05-02")), AS_OF, False, id="on-the-contact-expired"
        ),
        pytest.param(job_ask(helene=waive("R009")), AS_OF, False, id="on-the-contact-another-rule"),
    ],
)
def test_record_and_contact_waivers(
    check: CheckFn, files: dict[str, str], as_of: dt.date, silenced: bool
) -> None:
    assert check(files, as_of, "R002").spots == ([] if silenced else [(JOB, 3, 6, "warning")])


def test_until_is_judged_against_as_of(check: CheckFn) -> None:
    files = job_ask(waive("R002", "2016-05-03"))
    assert check(files, dt.date(2016, 5, 3), "R002").spots == []
    assert check(files, dt.date(2016, 5, 4), "R002").spots == [(JOB, 3, 6, "warning")]


# Marc introduced Hélène; the first interaction with her owes Marc an update (R005).
FIRST = "interactions/2016/2016-04-01-call-helene-dupre.yaml"


def introduced(marc: str = "", helene: str = "", karim: str = "", call: str = "") -> dict[str, str]:
    return {
        "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n" + marc,
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\nintroduced_by: marc-leroy\n" + helene,
        "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nrelation: friend\n" + karim,
        FIRST: "date: 2016-04-01\nwith: [helene-dupre]\ngave: [interest]\n" + call,
    }


@pytest.mark.parametrize(
    ("files", "silenced"),
    [
        pytest.param(introduced(), False, id="no-waiver"),
        pytest.param(introduced(marc=waive("R005")), True, id="on-the-person-to-inform"),
        pytest.param(introduced(karim=waive("R005")), False, id="on-someone-else"),
        pytest.param(introduced(marc=waive("R007")), False, id="another-rule"),
        pytest.param(introduced(call=waive("R005")), True, id="on-the-interaction"),
    ],
)
def test_contact_waiver_for_r005_elsewhere(
    check: CheckFn, files: dict[str, str], silenced: bool
) -> None:
    result = check(files, AS_OF, "R005")
    assert result.spots == ([] if silenced else [(FIRST, 2, 8, "warning")])


NEXT = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"


@pytest.mark.parametrize(
    ("karim", "silenced"),
    [
        pytest.param("", False, id="no-waiver"),
        pytest.param(waive("R007"), True, id="on-the-person-in-next-with"),
        pytest.param(waive("R007", "2016-05-02"), False, id="expired"),
        pytest.param(waive("R008"), False, id="another-rule"),
    ],
)
def test_contact_waiver_for_r007_elsewhere(check: CheckFn, karim: str, silenced: bool) -> None:
    files = {
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
        "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nrelation: friend\n" + karim,
        NEXT: "date: 2016-04-08\nwith: [helene-dupre]\n"
        "next: {action: Call Karim, due: 2016-04-20, with: [karim-bonnet]}\n",
    }
    assert check(files, AS_OF, "R007").spots == ([] if silenced else [(NEXT, 3, 33, "warning")])


def test_waiver_on_the_contact_file_itself(check: CheckFn) -> None:
    files = {
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\ncadence: 10\n" + waive("R009"),
        "contacts/marc-leroy.yaml": "name: Marc Leroy\ncadence: 10\n",
        "interactions/2016/2016-04-01-call-helene-dupre.yaml": "date: 2016-04-01\nwith: [helene-dupre, marc-leroy]\n",
    }
    assert check(files, AS_OF, "R009").spots == [("contacts/marc-leroy.yaml", 2, 10, "info")]


def test_waiver_on_an_opportunity(check: CheckFn) -> None:
    opp = (
        "title: Data analyst\norganization: Acme\nvia: marc-leroy\n"
        "stages: [{date: 2016-04-18, stage: applied}]\n"
    )
    files = {
        "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
        "opportunities/acme.yaml": opp,
    }
    assert check(files, AS_OF, "R005").spots == [("opportunities/acme.yaml", 4, 36, "warning")]
    files["opportunities/acme.yaml"] = opp + waive("R005")
    assert check(files, AS_OF, "R005").spots == []


def settings(rules: str) -> dict[str, str]:
    return {"reseau.yaml": "owner: Camille Martin\n" + (f"rules:\n{rules}" if rules else "")}


R005_LEDGER = {
    **introduced(),
    "opportunities/acme.yaml": "title: Data analyst\norganization: Acme\nvia: marc-leroy\n"
    "stages: [{date: 2016-04-18, stage: applied}]\n",
}
R005_SPOTS = [(FIRST, 2, 8), ("opportunities/acme.yaml", 4, 36)]


@pytest.mark.parametrize(
    ("rules", "level"),
    [
        pytest.param("", "warning", id="default"),
        pytest.param("  R005: {level: error}\n", "error", id="error"),
        pytest.param("  R005: {level: info, days: 7}\n", "info", id="info"),
        pytest.param("  R005: {level: off}\n", None, id="off"),
        pytest.param("  R004: {level: off}\n", "warning", id="another-rule-off"),
    ],
)
def test_level_of_every_problem(check: CheckFn, rules: str, level: str | None) -> None:
    result = check({**R005_LEDGER, **settings(rules)}, AS_OF, "R005")
    assert result.spots == ([(*spot, level) for spot in R005_SPOTS] if level else [])


@pytest.mark.parametrize(
    ("rules", "levels"),
    [
        pytest.param("", ("error", "warning"), id="default"),
        pytest.param("  L005: {level: info}\n", ("info", "info"), id="info"),
        pytest.param("  L005: {level: warning}\n", ("warning", "warning"), id="warning"),
        pytest.param("  L005: {level: error}\n", ("error", "error"), id="error"),
        pytest.param("  L005: {level: 'off'}\n", (), id="off"),
    ],
)
def test_l005_level_override_covers_both_cases(
    check: CheckFn, rules: str, levels: tuple[str, ...]
) -> None:
    future = "interactions/2016/2016-05-10-call-helene-dupre.yaml"
    past = "interactions/2016/2016-04-20-lunch-helene-dupre.yaml"
    files = {
        **settings(rules),
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\n",
        future: "date: 2016-05-10\nwith: [helene-dupre]\n",
        past: "date: 2016-04-20\nwith: [helene-dupre]\nplanned: true\n",
    }
    # the future one is an error by default, the past plan a warning
    expected = [(future, 1, 7, levels[0]), (past, 3, 10, levels[1])] if levels else []
    assert sorted(check(files, AS_OF, "L005").spots) == sorted(expected)


@pytest.mark.parametrize(
    ("rules", "spots"),
    [
        pytest.param("", [], id="default-14"),
        pytest.param("  R004: {days: 3}\n", [(5, 15, "error")], id="days-3"),
        pytest.param("  R004: {days: 5}\n", [(5, 15, "warning")], id="days-5"),
        pytest.param("  R004: {days: 3, level: info}\n", [(5, 15, "info")], id="days-and-level"),
    ],
)
def test_r004_days(check: CheckFn, rules: str, spots: list[tuple[int, int, str]]) -> None:
    path = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
    files = {
        **settings(rules),
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\n",
        "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
        path: "date: 2016-04-08\nwith: [helene-dupre]\ngave: [interest]\n"
        "received:\n  - referral: karim-bonnet\n",
    }
    assert check(files, dt.date(2016, 4, 16), "R004").spots == [(path, *s) for s in spots]


def test_a_waived_problem_stays_silent_whatever_its_level(check: CheckFn) -> None:
    files = {**job_ask(waive("R002")), **settings("  R002: {level: error}\n")}
    assert check(files, AS_OF, "R002").spots == []
