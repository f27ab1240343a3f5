"""The format-neutral person record that importers produce and exporters consume."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonRecord:
    """One person as read from or written to an interchange format.

    Text fields are `None` when absent (never empty strings); `connected_on`
    is an ISO date (`YYYY-MM-DD`); `introduced_by` is a contact id.
    """

    name: str
    organization: str | None = None
    role: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    introduced_by: str | None = None
    connected_on: str | None = None
    notes: str | None = None
