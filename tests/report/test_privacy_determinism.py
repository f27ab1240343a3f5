"""No contact detail in a report; the same ledger and as-of give the same bytes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from reseau.engine import check_ledger, ledger_loops
from reseau.ledger import Ledger
from reseau.load import load_ledger
from reseau.report.activity import Activity
from reseau.report.markdown import render
from reseau.report.model import build_report
from reseau.report.privacy import scrub
from reseau.report.weeks import week_of
from tests.conftest import STORY_AS_OF, Result

LEAKY = {
    "contacts/ana-silva.yaml": """\
        name: Ana Silva
        organization: Globex
        emails: [ana.silva@globex.example, Ana@Home.example]
        phones: ["+33 6 12 34 56 78", "(555) 010-2030"]
        notes: Call her on 06 12 34 56 78 or mail ana.silva@globex.example.
        cadence: 7
        """,
    "contacts/bob-roy.yaml": """\
        name: Bob Roy
        introduced_by: ana-silva
        emails: [bob@roy.example]
        phones: ["0478123456"]
        """,
    "interactions/2016/2016-04-20-call-ana-silva.yaml": """\
        date: 2016-04-20
        with: [ana-silva]
        summary: Rang +33612345678; she gave me bob@roy.example and 04 78 12 34 56.
        gave: [interest]
        received: [{referral: bob-roy}]
        promised:
          - {what: "Mail ANA@HOME.EXAMPLE the deck, call (555) 010-2030", due: 2016-04-25}
        next: {action: "Ring Bob on 04.78.12.34.56 or +1 555 010 2030", due: 2016-04-22, with: [bob-roy]}
        """,
    "interactions/2016/2016-05-10-meeting-ana-silva.yaml": """\
        date: 2016-05-10
        with: [ana-silva]
        summary: Lunch; confirm at ana.silva@globex.example or 06-12-34-56-78.
        planned: true
        """,
    "opportunities/globex-dev.yaml": """\
        title: Dev (ask ana.silva@globex.example, +33 6 12 34 56 78)
        organization: Globex
        via: ana-silva
        stages:
          - {date: 2016-04-20, stage: lead}
          - {date: 2016-05-02, stage: interview, note: "call back on 06 12 34 56 78"}
        """,
}


def test_no_email_or_phone(
    make_ledger: Callable[[dict[str, str]], Path], cli: Callable[..., Result]
) -> None:
    root = make_ledger(dict(LEAKY))
    for as_of in ("2016-05-03", "2016-06-30"):
        for lang in ("en", "fr"):
            out = cli("--ledger", str(root), "report", "--as-of", as_of, "--lang", lang).out
            assert "@" not in out
            digits = re.sub(r"\D", "", out)
            for number in ("612345678", "478123456", "5550102030"):
                assert number not in digits, (as_of, lang, number)
            assert "Ana Silva" in out and "(phone hidden)" in out and "(email hidden)" in out
            assert "Call her on" not in out  # notes are never printed


def test_scrub_leaves_dates_and_counts(story: Path) -> None:
    ledger = load_ledger(story).ledger
    text = "2016-05-03 · 1234567 · W18 · [a](interactions/2016/2016-04-04-call.yaml) · 55 days"
    assert scrub(text, ledger) == text


def _render(ledger: Ledger, as_of: dt.date) -> str:
    loaded_problems = check_ledger(ledger, [], as_of)
    report = build_report(
        ledger,
        loaded_problems,
        ledger_loops(ledger, as_of),
        as_of,
        week_of(as_of),
        Activity("not-git"),
    )
    return render(report, "en")


def test_same_bytes_twice(story: Path, cli: Callable[..., Result]) -> None:
    args = ("--ledger", str(story), "report", "--as-of", STORY_AS_OF)
    assert cli(*args).out == cli(*args).out


def test_no_dependence_on_record_order(story: Path) -> None:
    """Records listed in reverse order (as another file system might) give the same report."""
    as_of = dt.date(2016, 6, 30)
    ledger = load_ledger(story).ledger

    def reversed_dict(d: dict) -> dict:  # type: ignore[type-arg]
        return dict(reversed(list(d.items())))

    shuffled = Ledger(
        ledger.root,
        ledger.settings,
        reversed_dict(ledger.contacts),
        reversed_dict(ledger.interactions),
        reversed_dict(ledger.opportunities),
        tuple(reversed(ledger.files)),
        ledger.contact_ids,
        ledger.opportunity_ids,
    )
    assert _render(shuffled, as_of) == _render(ledger, as_of)
