"""Introduction chains thousands deep (issue 19, finding 4): loops, rules and every view grow
with the ledger, not with its square, in reads of the index and in memory."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from reseau.engine import check_ledger, ledger_loops
from reseau.ledger import Ledger
from reseau.records import Contact, Interaction, NextStep, Settings
from reseau.report.activity import Activity
from reseau.report.model import build_report, reconnect
from reseau.report.weeks import week_of
from reseau.views.agenda import agenda
from reseau.views.graph import mermaid, network
from reseau.views.show import show
from reseau.views.suggest import render as suggestions
from reseau.views.suggest import suggest

AS_OF = dt.date(2016, 6, 30)


class Counting(dict[str, Contact]):
    """The contacts by id, counting every lookup by id (what walking a chain does)."""

    reads = 0

    def get(self, key: str, default: object = None) -> Contact | None:  # type: ignore[override]
        Counting.reads += 1
        return super().get(key)

    def __getitem__(self, key: str) -> Contact:
        Counting.reads += 1
        return super().__getitem__(key)


def chain(n: int) -> Ledger:
    """c0 ← c1 ← … ← c{n-1}, each introduced by the one before; calls with the last, the one
    in the middle and the first, each with a next step."""
    contacts = Counting()
    for i in range(n):
        intro = f"c{i - 1}" if i else None
        contacts[f"c{i}"] = Contact(
            f"c{i}", f"contacts/c{i}.yaml", f"Person {i}", introduced_by=intro
        )
    interactions = {}
    for day, i in enumerate((n - 1, n // 2, 0), start=1):
        iid = f"2016-04-0{day}-call-c{i}"
        step = NextStep("Follow up", dt.date(2016, 5, 1), None)
        interactions[iid] = Interaction(
            iid, f"interactions/2016/{iid}.yaml", dt.date(2016, 4, day), (f"c{i}",), next=step
        )
    ids = frozenset(contacts)
    return Ledger(Path("/x"), Settings(), contacts, interactions, {}, (), ids, frozenset())


def everything(ledger: Ledger) -> int:
    """check, agenda, show, graph, suggest and the report's model, as the commands run them
    (rendering is text, line by line); the number of R005 problems (one per person up the
    chain of each contact met)."""
    loops = ledger_loops(ledger, AS_OF)
    problems = check_ledger(ledger, [], AS_OF, loops)
    agenda(ledger, loops, reconnect(ledger, AS_OF), AS_OF)
    show(ledger, loops, f"c{len(ledger.contacts) - 1}", AS_OF)
    mermaid(network(ledger, AS_OF))
    suggestions(ledger, suggest(ledger, AS_OF), AS_OF, 10)
    build_report(ledger, problems, loops, AS_OF, week_of(AS_OF), Activity("not-git"))
    return sum(p.rule == "R005" for p in problems)


def measured(n: int) -> tuple[int, int, int]:
    """(index reads, peak bytes allocated, R005 problems) of everything() on a chain n deep."""
    ledger = chain(n)
    Counting.reads = 0
    tracemalloc.start()
    try:
        informs = everything(ledger)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Counting.reads, peak, informs


def test_chains_10000_and_40000_deep_grow_linearly() -> None:
    small, large = measured(10_000), measured(40_000)
    # The people to inform: the last contact's chain and the middle one's, minus the first.
    assert (small[2], large[2]) == (10_000 - 1 + 5_000, 40_000 - 1 + 20_000)
    # Four times the contacts: about four times the reads and the memory (walking every
    # contact's chain, as before, read 16 times as much).
    assert large[0] <= 5 * small[0], (small, large)
    assert large[1] <= 5 * small[1], (small, large)
