"""Loops (docs/chains-and-loops.md): what opens them, their due dates and people, and what closes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau.engine import ledger_loops
from reseau.load import load_ledger
from reseau.loops import Loop, compute_loops
from reseau.rules import r004_referral_not_followed as r004
from reseau.rules import r005_referrer_not_informed as r005

D = dt.date.fromisoformat
PEOPLE = {
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
    "contacts/helene-dupre.yaml": "name: Hélène Dupré\nintroduced_by: marc-leroy\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: helene-dupre\n",
}
MEETING = "interactions/2016/2016-04-08-meeting-helene-dupre.yaml"
OPENER = """
    date: 2016-04-08
    with: [helene-dupre]
    gave: [interest]
    received:
      - referral: karim-bonnet
    promised:
      - {what: Send the article, due: 2016-04-22}
    next: {action: Tell her how it went, due: 2016-04-15}
    """
Row = tuple[str, str, str, str, tuple[str, ...], str | None, str | None, str | None]
LoopsFn = Callable[..., list[Loop]]


@pytest.fixture
def loops(make_ledger: Callable[[dict[str, str | bytes]], Path]) -> LoopsFn:
    def run(
        files: dict[str, str | bytes], as_of: str, engine: bool = False, **days: int
    ) -> list[Loop]:
        loaded = load_ledger(make_ledger(dict(files)))
        assert loaded.problems == []
        if engine:
            return ledger_loops(loaded.ledger, D(as_of))
        defaults = {"referral_days": r004.OPTIONS["days"], "inform_days": r005.OPTIONS["days"]}
        return compute_loops(loaded.ledger, D(as_of), **{**defaults, **days})

    return run


def rows(found: list[Loop], kind: str | None = None) -> list[Row]:
    """(kind, path, opened, due, people, subject, closed, closed_by) of each loop."""
    return [
        (
            lp.kind,
            lp.path,
            lp.opened.isoformat(),
            lp.due.isoformat(),
            lp.people,
            lp.subject,
            lp.closed.isoformat() if lp.closed else None,
            lp.closed_by,
        )
        for lp in found
        if kind is None or lp.kind == kind
    ]


def inter(day: str, who: str, extra: str = "", kind: str = "call") -> dict[str, str]:
    return {
        f"interactions/{day[:4]}/{day}-{kind}-{who.split(',')[0]}.yaml": f"date: {day}\nwith: [{who}]\n{extra}"
    }


def test_every_kind_opened_by_an_interaction(loops: LoopsFn) -> None:
    found = loops({**PEOPLE, MEETING: OPENER}, "2016-04-09")
    # Hélène's first interaction also owes Marc, her introducer, an update.
    # Sorted by due date, then file, then position in the file.
    assert rows(found) == [
        ("next", MEETING, "2016-04-08", "2016-04-15", ("helene-dupre",), None, None, None),
        (
            "inform",
            MEETING,
            "2016-04-08",
            "2016-04-15",
            ("marc-leroy",),
            "helene-dupre",
            None,
            None,
        ),
        ("promise", MEETING, "2016-04-08", "2016-04-22", ("helene-dupre",), None, None, None),
        (
            "referral",
            MEETING,
            "2016-04-08",
            "2016-04-22",
            ("karim-bonnet",),
            "karim-bonnet",
            None,
            None,
        ),
    ]
    at = {lp.kind: lp.at for lp in found}
    assert at == {
        "inform": ("with", 0),
        "next": ("next", "due"),
        "promise": ("promised", 0, "due"),
        "referral": ("received", 0, "referral"),
    }
    assert [lp.overdue(D("2016-04-16")) for lp in found] == [True, True, False, False]


def test_closing(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        MEETING: OPENER,
        **inter("2016-04-08", "karim-bonnet"),  # same day, another file: closes
        # late: closes; its update informs Hélène and Marc of the call with Karim
        **inter("2016-04-20", "helene-dupre, marc-leroy", "gave: [update]\n", kind="lunch"),
        **inter("2016-04-10", "helene-dupre", "planned: true\n", kind="visio"),
    }  # planned
    found = loops(files, "2016-05-03")
    lunch = "2016-04-20-lunch-helene-dupre"
    assert rows(found, "next") == [
        ("next", MEETING, "2016-04-08", "2016-04-15", ("helene-dupre",), None, "2016-04-20", lunch)
    ]
    assert rows(found, "referral")[0][6:] == ("2016-04-08", "2016-04-08-call-karim-bonnet")
    assert rows(found, "promise")[0][6:] == (None, None)  # an interaction never keeps a promise
    assert all(not lp.overdue(D("2016-05-03")) for lp in found if lp.kind != "promise")


@pytest.mark.parametrize(
    ("files", "as_of", "closed"),
    [
        pytest.param({}, "2016-05-03", None, id="nothing"),
        pytest.param(inter("2016-04-01", "helene-dupre"), "2016-05-03", None, id="before"),
        pytest.param(
            inter("2016-04-08", "helene-dupre"), "2016-05-03", "2016-04-08", id="same-day"
        ),
        pytest.param(inter("2016-04-30", "helene-dupre"), "2016-05-03", "2016-04-30", id="late"),
        pytest.param(inter("2016-05-04", "helene-dupre"), "2016-05-03", None, id="after-as-of"),
        pytest.param(
            inter("2016-05-03", "helene-dupre"), "2016-05-03", "2016-05-03", id="on-as-of"
        ),
        pytest.param(
            inter("2016-04-12", "helene-dupre", "planned: true\n"),
            "2016-05-03",
            None,
            id="planned-past",
        ),
        pytest.param(
            inter("2016-05-10", "helene-dupre", "planned: true\n"),
            "2016-05-03",
            None,
            id="planned-ahead",
        ),
        pytest.param(
            {
                **inter("2016-04-12", "helene-dupre", "planned: true\n", kind="visio"),
                **inter("2016-04-14", "helene-dupre"),
            },
            "2016-05-03",
            "2016-04-14",
            id="first-that-happened",
        ),
        pytest.param(
            {**inter("2016-04-12", "karim-bonnet")}, "2016-05-03", None, id="someone-else"
        ),
    ],
)
def test_what_closes_a_next_step(
    loops: LoopsFn, files: dict[str, str], as_of: str, closed: str | None
) -> None:
    [row] = rows(loops({**PEOPLE, MEETING: OPENER, **files}, as_of), "next")
    assert row[6] == closed


def test_an_inform_loop_closes_only_with_an_update(loops: LoopsFn) -> None:
    """docs/chains-and-loops.md: a message that gives nothing does not inform; the first update does."""
    files = {
        **PEOPLE,
        MEETING: OPENER,
        **inter("2016-04-10", "marc-leroy", "summary: Happy birthday!\n", kind="message"),
        **inter("2016-04-11", "marc-leroy", "gave: [article]\n", kind="email"),
    }
    [inform] = rows(loops(files, "2016-05-03"), "inform")
    assert inform[6:] == (None, None)
    files.update(inter("2016-04-13", "marc-leroy", "gave: [interest, update]\n"))
    [inform] = rows(loops(files, "2016-05-03"), "inform")
    assert inform[6:] == ("2016-04-13", "2016-04-13-call-marc-leroy")
    # The next step with Hélène and the referral close with any interaction, as before.
    files.update(inter("2016-04-12", "helene-dupre", "summary: Happy birthday!\n"))
    assert rows(loops(files, "2016-05-03"), "next")[0][6] == "2016-04-12"


def test_an_opportunity_stage_is_informed_only_by_an_update(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        "opportunities/acme.yaml": "title: Analyst\norganization: Acme\nvia: marc-leroy\n"
        "stages:\n  - {date: 2016-04-11, stage: lead}\n  - {date: 2016-04-18, stage: interview}\n",
        **inter("2016-04-18", "marc-leroy", "gave: [interest]\n", kind="meeting"),
        **inter("2016-04-19", "marc-leroy", "gave: [thanks]\n", kind="email"),
    }
    [inform] = rows(loops(files, "2016-05-03"), "inform")
    assert inform[6:] == ("2016-04-19", "2016-04-19-email-marc-leroy")


def test_the_opener_does_not_close_its_own_loops(loops: LoopsFn) -> None:
    opener = OPENER.replace(
        "with: [helene-dupre]", "with: [helene-dupre, karim-bonnet, marc-leroy]"
    )
    found = loops({**PEOPLE, MEETING: opener}, "2016-05-03")
    assert all(lp.closed is None for lp in found)
    # The introducers were at the meeting: no update is owed to them (docs/architecture.md).
    assert sorted(lp.kind for lp in found) == ["next", "promise", "referral"]


def test_next_with_names_the_people(loops: LoopsFn) -> None:
    opener = OPENER.replace(
        "due: 2016-04-15}", "due: 2016-04-15, with: [karim-bonnet, marc-leroy]}"
    )
    files = {
        **PEOPLE,
        MEETING: opener,
        **inter("2016-04-12", "helene-dupre"),
        **inter("2016-04-13", "marc-leroy"),
    }
    assert rows(loops(files, "2016-05-03"), "next") == [
        (
            "next",
            MEETING,
            "2016-04-08",
            "2016-04-15",
            ("karim-bonnet", "marc-leroy"),
            None,
            "2016-04-13",
            "2016-04-13-call-marc-leroy",
        )
    ]


def test_unknown_ids_open_nothing(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        MEETING: """
        date: 2016-04-08
        with: [helene-dupre]
        received: [{referral: karim-bonet}]
        next: {action: Call, due: 2016-04-15, with: [marc-leroi]}
        """,
    }
    assert [lp.kind for lp in loops(files, "2016-05-03")] == ["inform"]


def test_promises(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        MEETING: """
        date: 2016-04-08
        with: [helene-dupre, karim-bonnet]
        promised:
          - {what: Kept, due: 2016-04-20, done: 2016-04-18}
          - {what: Kept late, due: 2016-04-20, done: 2016-04-25}
          - {what: Kept after as-of, due: 2016-04-20, done: 2016-05-10}
          - {what: Open, due: 2016-04-20}
          - {what: No date}
        """,
    }
    found = [lp for lp in loops(files, "2016-05-03") if lp.kind == "promise"]
    assert [(lp.action, lp.people, lp.closed) for lp in found] == [
        ("Kept", ("helene-dupre", "karim-bonnet"), D("2016-04-18")),
        ("Kept late", ("helene-dupre", "karim-bonnet"), D("2016-04-25")),
        ("Kept after as-of", ("helene-dupre", "karim-bonnet"), None),
        ("Open", ("helene-dupre", "karim-bonnet"), None),
    ]
    assert [lp.overdue(D("2016-05-03")) for lp in found] == [False, False, True, True]
    assert found[2].days_late(D("2016-05-03")) == 13


def test_planned_interactions(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        **inter(
            "2016-05-10",
            "helene-dupre, karim-bonnet",
            "planned: true\n"
            "next: {action: Follow up, due: 2016-05-20}\n"
            "promised: [{what: Bring the report, due: 2016-05-10}]\n"
            "received: [{referral: marc-leroy}]\n",
            kind="lunch",
        ),
        **inter("2016-05-03", "marc-leroy", "planned: true\n", kind="visio"),
        **inter("2016-04-20", "marc-leroy", "planned: true\n", kind="coffee"),
    }
    found = loops(files, "2016-05-03")
    # A planned interaction on or after as-of is a next step with its people; what it plans
    # itself (next, promises, referrals) has not happened; a past plan is nothing (L005).
    assert rows(found) == [
        (
            "planned",
            "interactions/2016/2016-05-03-visio-marc-leroy.yaml",
            "2016-05-03",
            "2016-05-03",
            ("marc-leroy",),
            None,
            None,
            None,
        ),
        (
            "planned",
            "interactions/2016/2016-05-10-lunch-helene-dupre.yaml",
            "2016-05-10",
            "2016-05-10",
            ("helene-dupre", "karim-bonnet"),
            None,
            None,
            None,
        ),
    ]


def test_inform_for_the_introduction_chain(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        **inter("2016-04-12", "karim-bonnet"),
        **inter("2016-04-20", "karim-bonnet"),
        **inter("2016-04-14", "marc-leroy", "gave: [update]\n"),
    }
    path = "interactions/2016/2016-04-12-call-karim-bonnet.yaml"
    assert rows(loops(files, "2016-05-03"), "inform") == [
        ("inform", path, "2016-04-12", "2016-04-19", ("helene-dupre",), "karim-bonnet", None, None),
        (
            "inform",
            path,
            "2016-04-12",
            "2016-04-19",
            ("marc-leroy",),
            "karim-bonnet",
            "2016-04-14",
            "2016-04-14-call-marc-leroy",
        ),
    ]


def test_inform_from_the_first_interaction_that_happened(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        **inter("2016-04-10", "karim-bonnet", "planned: true\n", kind="visio"),
        **inter("2016-04-12", "karim-bonnet"),
    }
    assert {r[1] for r in rows(loops(files, "2016-05-03"), "inform")} == {
        "interactions/2016/2016-04-12-call-karim-bonnet.yaml"
    }
    assert rows(loops(files, "2016-04-11"), "inform") == []


def test_inform_for_the_referral_chain(loops: LoopsFn) -> None:
    opp = "opportunities/acme.yaml"
    files = {
        **PEOPLE,
        opp: """
        title: Data analyst
        organization: Acme
        via: karim-bonnet
        stages:
          - {date: 2016-04-11, stage: lead}
          - {date: 2016-04-18, stage: interview}
          - {date: 2016-05-10, stage: offer}
        """,
        **inter("2016-04-18", "karim-bonnet, helene-dupre", "gave: [update]\n"),
        **inter("2016-04-25", "marc-leroy", "gave: [thanks]\n"),
    }
    found = [r for r in rows(loops(files, "2016-05-03"), "inform") if r[1] == opp]
    assert found == [
        (
            "inform",
            opp,
            "2016-04-18",
            "2016-04-25",
            ("helene-dupre",),
            "karim-bonnet",
            "2016-04-18",
            "2016-04-18-call-karim-bonnet",
        ),
        (
            "inform",
            opp,
            "2016-04-18",
            "2016-04-25",
            ("karim-bonnet",),
            "karim-bonnet",
            "2016-04-18",
            "2016-04-18-call-karim-bonnet",
        ),
        (
            "inform",
            opp,
            "2016-04-18",
            "2016-04-25",
            ("marc-leroy",),
            "karim-bonnet",
            "2016-04-25",
            "2016-04-25-call-marc-leroy",
        ),
    ]
    assert {lp.at for lp in loops(files, "2016-05-03") if lp.path == opp} == {
        ("stages", 1, "stage")
    }


def test_introduction_cycle_terminates(loops: LoopsFn) -> None:
    files = {
        "contacts/a.yaml": "name: A\nintroduced_by: b\n",
        "contacts/b.yaml": "name: B\nintroduced_by: a\n",
        **inter("2016-04-12", "a"),
    }
    assert [lp.people for lp in loops(files, "2016-05-03")] == [("b",)]


def test_days(loops: LoopsFn) -> None:
    files = {**PEOPLE, MEETING: OPENER}
    found = loops(files, "2016-05-03", referral_days=3, inform_days=1)
    assert {lp.kind: lp.due.isoformat() for lp in found if lp.kind in ("referral", "inform")} == {
        "referral": "2016-04-11",
        "inform": "2016-04-09",
    }


def test_ledger_loops_reads_days_from_settings(loops: LoopsFn) -> None:
    files = {
        "reseau.yaml": "owner: Camille Martin\nrules:\n  R004: {days: 3}\n  R005: {days: 1}\n",
        **PEOPLE,
        MEETING: OPENER,
    }
    found = loops(files, "2016-05-03", engine=True)
    assert {lp.kind: lp.due.isoformat() for lp in found if lp.kind in ("referral", "inform")} == {
        "referral": "2016-04-11",
        "inform": "2016-04-09",
    }


def test_ledger_loops_defaults(loops: LoopsFn) -> None:
    found = loops({**PEOPLE, MEETING: OPENER}, "2016-05-03", engine=True)
    assert {lp.kind: lp.due.isoformat() for lp in found if lp.kind in ("referral", "inform")} == {
        "referral": "2016-04-22",
        "inform": "2016-04-15",
    }


def test_sorted_by_due_date(loops: LoopsFn) -> None:
    files = {
        **PEOPLE,
        MEETING: OPENER,
        **inter("2016-04-01", "marc-leroy", "next: {action: Call, due: 2016-04-30}\n"),
    }
    found = loops(files, "2016-05-03")
    assert [lp.due for lp in found] == sorted(lp.due for lp in found)
