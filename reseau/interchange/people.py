"""The format-neutral person record that importers produce and exporters consume."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PersonRecord:
    """One person as read from or written to an interchange format.

    Text fields are `None` when absent (never empty strings); `connected_on`
    is an ISO date (`YYYY-MM-DD`); `birthday` is an ISO date or `--MM-DD`
    (year unknown); `introduced_by` and `id` are contact ids (`id` comes from
    our own `X-RESEAU-ID`, so an export imports back under the same ids).
    `line` is where the record starts in its file (0 when not from a file).
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
    location: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    birthday: str | None = None
    id: str | None = None
    line: int = field(default=0, compare=False)
