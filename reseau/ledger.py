"""The index: every valid record by id, and the questions rules ask of it."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Protocol

from reseau.discover import LedgerFile
from reseau.parse import ParsedDoc, Position
from reseau.parse import Path as JsonPath
from reseau.records import Contact, Interaction, Opportunity, Record, Settings

_BY_DATE = attrgetter("date", "id")


class Documents(Protocol):
    """The parsed documents of a ledger's valid records, by path (for positions and values)."""

    def get(self, path: str) -> ParsedDoc: ...

    def positioned(self, path: str) -> ParsedDoc:
        """A document with at least the positions (its value may be left out)."""
        ...


class NoDocuments:
    """For a ledger built in memory: every position is the file's start."""

    def get(self, path: str) -> ParsedDoc:
        return ParsedDoc(None)

    def positioned(self, path: str) -> ParsedDoc:
        return ParsedDoc(None)


_DATE = attrgetter("date")


@dataclass
class Ledger:
    root: Path
    settings: Settings
    contacts: dict[str, Contact]
    interactions: dict[str, Interaction]
    opportunities: dict[str, Opportunity]
    files: tuple[LedgerFile, ...]
    contact_ids: frozenset[str]  # every contacts/ file stem, valid or not
    opportunity_ids: frozenset[str]
    documents: Documents = field(default_factory=NoDocuments, repr=False)
    by_contact: dict[str, list[Interaction]] = field(default_factory=dict)
    by_path: dict[str, Record] = field(default_factory=dict)
    # Each contact's introduction chain, walked once when first asked for.
    _introducers: dict[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_contact = self.by_contact
        for interaction in sorted(self.interactions.values(), key=_BY_DATE):
            people = interaction.with_
            for cid in people if len(people) == 1 else dict.fromkeys(people):
                timeline = by_contact.get(cid)
                if timeline is None:
                    by_contact[cid] = [interaction]
                else:
                    timeline.append(interaction)
        by_path = self.by_path
        for records in (self.contacts, self.interactions, self.opportunities):
            by_path.update({record.path: record for record in records.values()})

    def where(self, path: str, at: JsonPath) -> Position:
        """The 1-based (line, column) of the value at `at` in the record file `path` (else of
        its deepest known ancestor, else the file's start)."""
        return self.documents.positioned(path).pos(at)

    def value(self, path: str) -> Any:
        """The parsed YAML value of a valid record's file (plain dicts, lists and scalars)."""
        return self.documents.get(path).value

    def name(self, cid: str) -> str:
        contact = self.contacts.get(cid)
        return contact.name if contact is not None else cid

    def introducers(self, cid: str) -> tuple[str, ...]:
        """X's introduction chain without X: introducer, their introducer, ... (stops at loops).

        Walked once per contact, in steps as many as its links; a caller that needs chains
        asks only for the contacts it reports on (asking for every contact of a chain N deep
        is N² steps, whatever the memo)."""
        found = self._introducers.get(cid)
        if found is not None:
            return found
        chain: list[str] = []
        seen = {cid}
        contact = self.contacts.get(cid)
        while contact is not None and contact.introduced_by and contact.introduced_by not in seen:
            chain.append(contact.introduced_by)
            seen.add(contact.introduced_by)
            contact = self.contacts.get(contact.introduced_by)
        known = self.contact_ids
        found = self._introducers[cid] = tuple(c for c in chain if c in known)
        return found

    def happened_with(self, cid: str, as_of: dt.date) -> list[Interaction]:
        """Interactions that happened with cid by as_of, oldest first."""
        return [i for i in self.by_contact.get(cid, ()) if i.happened(as_of)]

    def first_contact_after(
        self, cid: str, since: dt.date, as_of: dt.date, exclude: str | None = None
    ) -> Interaction | None:
        """The first interaction that happened with cid on or after since, other than exclude."""
        timeline = self.by_contact.get(cid, ())
        for index in range(bisect_left(timeline, since, key=_DATE), len(timeline)):
            interaction = timeline[index]
            if interaction.date > as_of:
                return None
            if interaction.id != exclude and not interaction.planned:
                return interaction
        return None

    def last_seen(self, cid: str, as_of: dt.date) -> Interaction | None:
        """The last interaction that happened with cid by as_of."""
        timeline = self.by_contact.get(cid, ())
        for index in range(bisect_right(timeline, as_of, key=_DATE) - 1, -1, -1):
            if not timeline[index].planned:
                return timeline[index]
        return None
