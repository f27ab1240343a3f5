"""The report's figures as values: weeks, counts, reconnect ranking, chains, reciprocity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from reseau.engine import ledger_loops, run_rules
from reseau.load import load_ledger
from reseau.report.model import (
    broken_chains,
    chains,
    coming_up,
    reciprocity,
    reconnect,
    stale_loops,
    this_week,
    week_figures,
)
from reseau.report.weeks import Week, parse_week, week_of

D = dt.date


def test_weeks() -> None:
    assert week_of(D(2016, 5, 3)) == Week(2016, 18) == parse_week("2016-W18")
    assert (Week(2016, 18).start, Week(2016, 18).end) == (D(2016, 5, 2), D(2016, 5, 8))
    assert week_of(D(2016, 1, 1)) == Week(2015, 53)
    assert Week(2016, 1).shifted(-1) == Week(2015, 53)
    with pytest.raises(ValueError):
        parse_week("2016-W00")


def test_story_week_figures(story: Path) -> None:
    ledger = load_ledger(story).ledger
    as_of = D(2016, 5, 3)
    assert dict(week_figures(ledger, Week(2016, 14), as_of).counts) == {
        "interactions": 3,
        "new_contacts": 2,
        "referrals": 2,
        "promises_made": 1,
        "promises_kept": 0,
        "stage_changes": 0,
    }
    assert dict(week_figures(ledger, Week(2016, 17), as_of).counts) == {
        "interactions": 5,
        "new_contacts": 0,
        "referrals": 0,
        "promises_made": 1,
        "promises_kept": 1,
        "stage_changes": 2,
    }
    # The planned meeting of 10 May is not counted, even in its own week.
    assert week_figures(ledger, Week(2016, 19), D(2016, 5, 31)).count("interactions") == 0


def test_reconnect_ranked_by_ratio_with_waivers(
    make_ledger: Callable[[dict[str, str]], Path],
) -> None:
    root = make_ledger(
        {
            "reseau.yaml": "owner: C\ndefaults: {cadence: 60}\n",
            "contacts/a.yaml": "name: A\ncadence: 10\n",  # 30 days / 10 = 3.0
            "contacts/b.yaml": "name: B\n",  # 90 days / 60 = 1.5
            "contacts/c.yaml": "name: C\ncadence: 20\nwaive: [{rule: R009, until: 2016-12-31}]\n",
            "contacts/d.yaml": "name: D\ncadence: 5\nstatus: dormant\n",
            "contacts/e.yaml": "name: E\ncadence: 100\n",  # within cadence
            "interactions/2016/2016-04-01-call-b.yaml": "date: 2016-04-01\nwith: [b, c, d]\n",
            "interactions/2016/2016-06-01-call-a.yaml": "date: 2016-06-01\nwith: [a]\n",
            "interactions/2016/2016-06-02-call-e.yaml": "date: 2016-06-02\nwith: [e]\n",
        }
    )
    ledger = load_ledger(root).ledger
    found = reconnect(ledger, D(2016, 6, 30))
    assert [(r.contact.id, r.days, r.cadence) for r in found] == [("a", 29, 10), ("b", 90, 60)]


def test_reconnect_lists_whom_r009_reports(story: Path) -> None:
    """The report asks R009 (reconnects) and applies the engine's waivers: the same people."""
    ledger = load_ledger(story).ledger
    as_of = D(2016, 6, 30)
    reported = [ledger.by_path[p.path].id for p in run_rules(ledger, as_of, rules={"R009"})]
    assert len(reported) >= 2
    assert sorted(r.contact.id for r in reconnect(ledger, as_of)) == sorted(reported)


def test_reconnect_off(make_ledger: Callable[[dict[str, str]], Path]) -> None:
    root = make_ledger(
        {
            "reseau.yaml": "owner: C\nrules: {R009: {level: 'off'}}\n",
            "contacts/a.yaml": "name: A\ncadence: 1\n",
            "interactions/2016/2016-04-01-call-a.yaml": "date: 2016-04-01\nwith: [a]\n",
        }
    )
    assert reconnect(load_ledger(root).ledger, D(2016, 6, 30)) == ()


def test_broken_grouped_most_urgent_first(story: Path) -> None:
    """The promise (an error) first, then Marc's update owed 52 days late for a 7-day
    allowance, then Karim's next step 36 days late for 30 days."""
    ledger = load_ledger(story).ledger
    as_of = D(2016, 6, 30)
    groups = broken_chains(ledger, ledger_loops(ledger, as_of), as_of)
    assert [(g.people, [lp.due.isoformat() for lp in g.loops]) for g in groups] == [
        (("helene-dupre",), ["2016-05-06", "2016-05-09"]),
        (("marc-leroy",), ["2016-05-09", "2016-05-12"]),
        (("karim-bonnet",), ["2016-05-25"]),
    ]
    as_of = D(2016, 5, 3)
    assert broken_chains(ledger, ledger_loops(ledger, as_of), as_of) == ()


URGENCY_LEDGER = {
    "contacts/ana.yaml": "name: Ana\n",
    "contacts/bo.yaml": "name: Bo\n",
    "contacts/cy.yaml": "name: Cy\n",
    "contacts/di.yaml": "name: Di\n",
    "contacts/ed.yaml": "name: Ed\n",
    "contacts/fa.yaml": "name: Fa\n",
    "contacts/gu.yaml": "name: Gu\ncadence: 10\n",
    # a promise 10 days late for a 10-day allowance: an error (R006)
    "interactions/2016/2016-05-21-call-ana.yaml": "date: 2016-05-21\nwith: [ana]\n"
    "promised: [{what: Send the deck, due: 2016-05-31}]\n",
    # a next step 30 days late for 30 days
    "interactions/2016/2016-04-11-call-bo.yaml": "date: 2016-04-11\nwith: [bo]\n"
    "next: {action: Call Bo, due: 2016-05-11}\n",
    # a next step 10 days late for 2 days: before Bo's
    "interactions/2016/2016-05-29-call-cy.yaml": "date: 2016-05-29\nwith: [cy]\n"
    "next: {action: Call Cy, due: 2016-05-31}\n",
    # more than a year late: summarised, not listed
    "interactions/2015/2015-04-01-call-di.yaml": "date: 2015-04-01\nwith: [di]\n"
    "next: {action: Call Di, due: 2015-05-01}\n",
    # Fa referred Ed 30 days ago: 16 days past the 14 allowed, an error (R004)
    "interactions/2016/2016-05-11-call-fa.yaml": "date: 2016-05-11\nwith: [fa]\n"
    "received: [{referral: ed}]\n",
    # due tomorrow
    "interactions/2016/2016-06-08-call-fa.yaml": "date: 2016-06-08\nwith: [fa]\n"
    "next: {action: Send Fa the notes, due: 2016-06-11}\n",
    # last seen 40 days ago, cadence 10
    "interactions/2016/2016-05-01-call-gu.yaml": "date: 2016-05-01\nwith: [gu]\n"
    "next: {action: Call Gu, due: 2016-05-05}\ngave: [update]\n",
    "interactions/2016/2016-05-04-call-gu.yaml": "date: 2016-05-04\nwith: [gu]\n",
}


def test_urgency_errors_then_lateness_for_the_time_given(
    make_ledger: Callable[[dict[str, str]], Path],
) -> None:
    ledger = load_ledger(make_ledger(URGENCY_LEDGER)).ledger
    as_of = D(2016, 6, 10)
    loops = ledger_loops(ledger, as_of)
    groups = broken_chains(ledger, loops, as_of)
    assert [(g.people, [lp.kind for lp in g.loops]) for g in groups] == [
        (("ed",), ["referral"]),  # error, 16 days late for 14
        (("ana",), ["promise"]),  # error, 10 days late for 10
        (("cy",), ["next"]),  # 10 days late for 2
        (("bo",), ["next"]),  # 30 days late for 30
    ]
    assert [lp.people for lp in stale_loops(loops, as_of)] == [("di",)]
    actions = this_week(groups, coming_up(loops, as_of), reconnect(ledger, as_of))
    assert [(a.why, a.people) for a in actions] == [
        ("broken", ("ed",)),
        ("broken", ("ana",)),
        ("broken", ("cy",)),
        ("broken", ("bo",)),
        ("coming", ("fa",)),
        ("reconnect", ("di",)),  # 436 days for a cadence of 60 (the default)
        ("reconnect", ("gu",)),  # the seventh place, left by the loops, goes to a reconnect
    ]


def test_coming_chains_reciprocity(story: Path) -> None:
    ledger = load_ledger(story).ledger
    as_of = D(2016, 5, 3)
    loops = ledger_loops(ledger, as_of)
    assert [(lp.kind, lp.due.isoformat()) for lp in coming_up(loops, as_of)] == [
        ("promise", "2016-05-06"),
        ("inform", "2016-05-09"),
        ("inform", "2016-05-09"),
        ("planned", "2016-05-10"),
    ]
    assert [(c.links, c.opportunity, len(c.loops)) for c in chains(ledger, loops, as_of)] == [
        (("marc-leroy", "helene-dupre"), None, 2),
        (("marc-leroy", "helene-dupre"), "datacorp-data-analyst", 2),
        (("marc-leroy", "helene-dupre", "karim-bonnet"), None, 1),
    ]
    assert [(r.contact, r.gave_total, r.received_total) for r in reciprocity(ledger, as_of)] == [
        ("marc-leroy", 9, 2),
        ("helene-dupre", 8, 3),  # the article promised on 8 April was kept
        ("karim-bonnet", 4, 2),
    ]
