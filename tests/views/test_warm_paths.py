"""Warm paths up introduction chains, found once per contact (issue 19, finding 4): the same
paths as walking each contact's chain, loops of introductions included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reseau.ledger import Ledger
from reseau.records import Contact, Interaction, Settings
from reseau.views.suggest import Doors, in_touch

AS_OF = dt.date(2016, 6, 30)


def ledger_of(introducers: list[int | None], seen: set[int], unknown: int | None) -> Ledger:
    """Contacts c0..cN-1, ci introduced by c{introducers[i]}; an interaction with each seen;
    one introducer, when asked, names nobody in the ledger."""
    contacts = {}
    for i, up in enumerate(introducers):
        intro = "ghost" if i == unknown else (f"c{up}" if up is not None else None)
        contacts[f"c{i}"] = Contact(f"c{i}", f"contacts/c{i}.yaml", f"C{i}", introduced_by=intro)
    interactions = {
        f"i{i}": Interaction(
            f"i{i}", f"interactions/2016/i{i}.yaml", dt.date(2016, 4, 1), (f"c{i}",)
        )
        for i in sorted(seen)
        if i < len(introducers)
    }
    ids = frozenset(contacts)
    return Ledger(Path("/x"), Settings(), contacts, interactions, {}, (), ids, frozenset())


def walked(ledger: Ledger, cid: str) -> tuple[str, ...]:
    """The warm path as each contact's whole chain gives it (what `suggest` did before)."""
    chain = [cid, *ledger.introducers(cid)]
    for depth in range(1, len(chain)):
        if in_touch(ledger, chain[depth], AS_OF) is not None:
            return tuple(reversed(chain[: depth + 1]))
    return ()


GRAPHS = st.integers(min_value=1, max_value=9).flatmap(
    lambda n: st.tuples(
        st.lists(st.one_of(st.none(), st.integers(0, n - 1)), min_size=n, max_size=n),
        st.sets(st.integers(0, n - 1)),
        st.one_of(st.none(), st.integers(0, n - 1)),
        st.permutations(range(n)),
    )
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(graph=GRAPHS)
def test_doors_give_the_walked_paths(
    graph: tuple[list[int | None], set[int], int | None, list[int]],
) -> None:
    introducers, seen, unknown, order = graph
    ledger = ledger_of(introducers, seen, unknown)
    doors = Doors(ledger, AS_OF)  # asked in any order: the memo must not depend on it
    for i in order:
        assert doors.path(f"c{i}") == walked(ledger, f"c{i}"), f"c{i}"


def test_a_chain_40000_deep_costs_steps_in_proportion() -> None:
    """Every contact of a deep chain asks for its door: the introducers read grow with the
    chain (4x the contacts, about 4x the reads), where walking each chain grew 16x."""

    class Counting(dict[str, Contact]):
        reads = 0

        def get(self, key: str, default: object = None) -> Contact | None:  # type: ignore[override]
            Counting.reads += 1
            return super().get(key)

    reads = []
    for n in (10_000, 40_000):
        ledger = ledger_of([None, *range(n - 1)], {0}, None)
        ledger.contacts = Counting(ledger.contacts)
        Counting.reads = 0
        doors = Doors(ledger, AS_OF)
        assert all(doors.door(f"c{i}") == "c0" for i in range(1, n))
        reads.append(Counting.reads)
    assert reads[1] <= 4.5 * reads[0], reads
