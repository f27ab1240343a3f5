"""R005 referrer-not-informed: updates owed up the introduction chain and the referral chain."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.rules.conftest import CheckFn


# Marc introduced Hélène, who introduced Karim.
PEOPLE = {
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: former-colleague\n",
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nintroduced_by: marc-leroy\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
}
CALL = "interactions/2016/2016-04-12-call-karim-bonnet.yaml"
FIRST = {CALL: "date: 2016-04-12\nwith: [karim-bonnet]\ngave: [interest]\n"}
SPOT = (CALL, 2, 8)


def inter(
    day: str, who: str, extra: str = "gave: [update]\n", kind: str = "email"
) -> dict[str, str]:
    """An interaction; by default it gives an update, the only thing that informs (docs/chains-and-loops.md)."""
    return {
        f"interactions/{day[:4]}/{day}-{kind}-{who.split(',')[0]}.yaml": f"date: {day}\nwith: [{who}]\n{extra}"
    }


def owed(
    check: CheckFn, files: dict[str, str], as_of: str, path: str | None = None
) -> list[tuple[str, int, int, str, str]]:
    """(path, line, column, level, whom to inform) of every R005 problem (in path)."""
    result = check({**PEOPLE, **files}, dt.date.fromisoformat(as_of), "R005")
    out: list[tuple[str, int, int, str, str]] = []
    for problem in result.problems:
        if path is not None and problem.path != path:
            continue
        whom = [
            n
            for n in ("Marc Leroy", "Hélène Dupré", "Karim Bonnet")
            if f"tell {n}" in problem.message.replace("Tell", "tell")
        ]
        assert len(whom) == 1, problem.message
        out.append((problem.path, problem.line, problem.column, problem.level, whom[0]))
    return out


CHAIN = [
    pytest.param({}, "2016-04-19", [], id="on-the-due-day"),
    pytest.param({}, "2016-04-20", ["Hélène Dupré", "Marc Leroy"], id="whole-chain"),
    pytest.param(
        inter("2016-04-14", "helene-dupre"), "2016-04-20", ["Marc Leroy"], id="first-level-informed"
    ),
    pytest.param(
        inter("2016-04-14", "marc-leroy"),
        "2016-04-20",
        ["Hélène Dupré"],
        id="second-level-informed",
    ),
    pytest.param(
        inter("2016-04-12", "helene-dupre, marc-leroy"), "2016-04-20", [], id="same-day-other-file"
    ),
    pytest.param(
        {**inter("2016-04-30", "helene-dupre"), **inter("2016-05-02", "marc-leroy")},
        "2016-05-03",
        [],
        id="informed-late-is-closed",
    ),
    pytest.param(
        inter("2016-04-10", "helene-dupre, marc-leroy"),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="before-does-not-count",
    ),
    pytest.param(
        inter("2016-04-21", "helene-dupre, marc-leroy"),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="after-as-of-does-not-count",
    ),
    pytest.param(
        inter("2016-04-14", "helene-dupre, marc-leroy", "planned: true\n"),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="planned-does-not-count",
    ),
    pytest.param(
        inter("2016-04-14", "helene-dupre, marc-leroy", "gave: [interest]\n"),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="no-update-does-not-inform",
    ),
    pytest.param(
        inter("2016-04-14", "helene-dupre, marc-leroy", "summary: Happy birthday!\n"),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="a-birthday-message-does-not-inform",
    ),
    pytest.param(
        inter("2016-04-14", "helene-dupre, marc-leroy", "gave: [article, thanks]\n"),
        "2016-04-20",
        [],
        id="thanks-informs",
    ),
    pytest.param(
        {
            **inter("2016-04-13", "helene-dupre", "gave: [interest]\n"),
            **inter("2016-04-18", "helene-dupre", kind="call"),
        },
        "2016-04-20",
        ["Marc Leroy"],
        id="the-first-update-closes",
    ),
    pytest.param(
        inter(
            "2016-04-14",
            "helene-dupre",
            "promised:\n  - {what: Send the article, due: 2016-04-20, done: 2016-04-14}\n",
        ),
        "2016-04-20",
        ["Hélène Dupré", "Marc Leroy"],
        id="a-kept-promise-is-not-an-update",
    ),
    pytest.param(
        {
            **inter("2016-04-14", "helene-dupre, marc-leroy"),
            **inter("2016-04-25", "karim-bonnet", kind="call"),
        },
        "2016-05-20",
        [],
        id="only-the-first-interaction-opens",
    ),
]


@pytest.mark.parametrize(("files", "as_of", "whom"), CHAIN)
def test_introduction_chain(
    check: CheckFn, files: dict[str, str], as_of: str, whom: list[str]
) -> None:
    found = owed(check, {**FIRST, **files}, as_of, CALL)
    assert found == [(*SPOT, "warning", name) for name in whom]


def test_message_names_both_people_and_due_date(check: CheckFn) -> None:
    result = check(
        {**PEOPLE, **FIRST, **inter("2016-04-14", "marc-leroy")}, dt.date(2016, 4, 21), "R005"
    )
    [message] = result.messages
    assert "Hélène Dupré" in message and "Karim Bonnet" in message
    assert "2016-04-19" in message


def test_the_first_interaction_with_the_introducer_opens_her_own_loop(check: CheckFn) -> None:
    """Hélène's first interaction owes Marc an update; it does not close it."""
    files = inter("2016-04-01", "helene-dupre", "gave: [interest]\n")
    assert owed(check, files, "2016-04-09") == [
        ("interactions/2016/2016-04-01-email-helene-dupre.yaml", 2, 8, "warning", "Marc Leroy")
    ]


def test_introducers_present_at_the_first_meeting_are_not_owed_an_update(check: CheckFn) -> None:
    """Meeting Karim with Hélène and Marc present: they saw how it went (docs/architecture.md)."""
    files = inter("2016-04-12", "karim-bonnet, helene-dupre, marc-leroy", kind="lunch")
    assert owed(check, files, "2016-04-20") == []


def test_an_introducer_absent_from_the_first_meeting_is_still_owed(check: CheckFn) -> None:
    """Meeting Karim with Hélène: Marc, further up Karim's chain, was not there."""
    files = inter("2016-04-12", "karim-bonnet, helene-dupre", kind="lunch")
    path = "interactions/2016/2016-04-12-lunch-karim-bonnet.yaml"
    # Hélène's first interaction too: Marc is owed news of her and of Karim.
    assert owed(check, files, "2016-04-20") == [
        (path, 2, 8, "warning", "Marc Leroy"),
        (path, 2, 22, "warning", "Marc Leroy"),
    ]


def test_days_from_settings(check: CheckFn) -> None:
    files = {
        "reseau.yaml": "owner: Camille Martin\nrules:\n  R005: {days: 3}\n",
        **FIRST,
        **inter("2016-04-13", "marc-leroy"),
    }
    assert owed(check, files, "2016-04-15") == []
    assert owed(check, files, "2016-04-16") == [(*SPOT, "warning", "Hélène Dupré")]


def test_no_introducer_no_update(check: CheckFn) -> None:
    files = {
        "contacts/helene-dupre.yaml": "name: Hélène Dupré\nrelation: friend\n",
        "contacts/paul-roux.yaml": "name: Paul Roux\nintroduced_by: marc-leroi\n",
        **inter("2016-04-01", "helene-dupre"),
        **inter("2016-04-02", "paul-roux"),
    }
    result = check(files, dt.date(2016, 5, 3), "R005")
    assert result.spots == []


OPPORTUNITY = "opportunities/acme-data-analyst.yaml"


def opportunity(via: str | None, *stages: str) -> dict[str, str]:
    text = "title: Data analyst\norganization: Acme\n"
    if via:
        text += f"via: {via}\n"
    text += "stages:\n" + "".join(
        f"  - {{date: {s.split()[0]}, stage: {s.split()[1]}}}\n" for s in stages
    )
    return {OPPORTUNITY: text}


STAGES = [
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead"), {}, "2016-05-03", [], id="lead-only"
    ),
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead", "2016-04-18 interview"),
        {},
        "2016-04-25",
        [],
        id="on-the-due-day",
    ),
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead", "2016-04-18 interview"),
        {},
        "2016-04-26",
        [(6, 31, "Karim Bonnet"), (6, 31, "Hélène Dupré"), (6, 31, "Marc Leroy")],
        id="whole-referral-chain",
    ),
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead", "2016-04-18 interview"),
        inter("2016-04-20", "karim-bonnet, helene-dupre"),
        "2016-04-26",
        [(6, 31, "Marc Leroy")],
        id="two-informed",
    ),
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead", "2016-04-18 interview"),
        inter("2016-04-17", "karim-bonnet, helene-dupre, marc-leroy"),
        "2016-04-26",
        [(6, 31, "Karim Bonnet"), (6, 31, "Hélène Dupré"), (6, 31, "Marc Leroy")],
        id="informed-before-the-stage",
    ),
    pytest.param(
        opportunity(
            "karim-bonnet", "2016-04-11 lead", "2016-04-18 interview", "2016-04-25 rejected"
        ),
        inter("2016-04-20", "karim-bonnet, helene-dupre, marc-leroy"),
        "2016-05-03",
        [(7, 31, "Karim Bonnet"), (7, 31, "Hélène Dupré"), (7, 31, "Marc Leroy")],
        id="each-stage",
    ),
    pytest.param(
        opportunity("helene-dupre", "2016-04-18 applied"),
        {},
        "2016-04-26",
        [(5, 31, "Hélène Dupré"), (5, 31, "Marc Leroy")],
        id="via-first-level",
    ),
    pytest.param(
        opportunity("karim-bonnet", "2016-04-11 lead", "2016-05-10 interview"),
        {},
        "2016-05-03",
        [],
        id="stage-after-as-of",
    ),
    pytest.param(
        opportunity(None, "2016-04-11 lead", "2016-04-18 interview"),
        {},
        "2016-05-03",
        [],
        id="no-via",
    ),
]


@pytest.mark.parametrize(("opp", "files", "as_of", "spots"), STAGES)
def test_opportunity_stages(
    check: CheckFn,
    opp: dict[str, str],
    files: dict[str, str],
    as_of: str,
    spots: list[tuple[int, int, str]],
) -> None:
    found = owed(check, {**opp, **files}, as_of, OPPORTUNITY)
    assert sorted(found) == sorted(
        (OPPORTUNITY, line, column, "warning", name) for line, column, name in spots
    )


def test_stage_message(check: CheckFn) -> None:
    files = {
        **opportunity("helene-dupre", "2016-04-18 interview"),
        **inter("2016-04-19", "helene-dupre"),
    }
    result = check({**PEOPLE, **files}, dt.date(2016, 4, 26), "R005")
    [problem] = [p for p in result.problems if p.path == OPPORTUNITY]
    for word in ("Marc Leroy", "Data analyst", "Acme", "interview", "2016-04-25"):
        assert word in problem.message
