"""What `reseau import ics` and `reseau import mail` share: contacts found by e-mail address
(Gmail and Outlook aliases included), the items they capture, and the index that makes a
second import write nothing new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from reseau.records import Contact, Interaction

# Gmail ignores dots and a +tag in the local part; googlemail.com is the same mailbox.
_GMAIL = frozenset({"gmail.com", "googlemail.com"})
# Outlook.com, Hotmail and Live ignore a +tag.
_OUTLOOK_PREFIXES = ("outlook.", "hotmail.", "live.", "msn.")
# Channels a calendar event or a mail thread can stand for, when the user logged it by hand.
SAME_KIND = {
    "ics": frozenset({"meeting", "video", "call", "event"}),
    "mail": frozenset({"email"}),
}

Key = tuple[str, str, str]  # ("ics", UID, occurrence) or ("mail", Message-ID, day)


def canonical_address(address: str) -> str:
    """The form two spellings of one mailbox share: `Jane.Doe+cv@GoogleMail.com` and
    `janedoe@gmail.com` → `janedoe@gmail.com`; other addresses are only casefolded."""
    text = address.strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    local, at, domain = text.casefold().rpartition("@")
    if not at or not local:
        return text.casefold()
    if domain in _GMAIL:
        return local.split("+", 1)[0].replace(".", "") + "@gmail.com"
    if domain.startswith(_OUTLOOK_PREFIXES):
        return local.split("+", 1)[0] + "@" + domain
    return local + "@" + domain


class AddressBook:
    """Contacts by canonical address, and the owner's own addresses (`me: {emails: …}`)."""

    def __init__(self, contacts: Iterable[Contact], me: Iterable[str]) -> None:
        self.contacts: dict[str, str] = {}
        for contact in sorted(contacts, key=lambda c: c.id):
            for email in contact.emails:
                self.contacts.setdefault(canonical_address(email), contact.id)
        self.me = frozenset(canonical_address(e) for e in me)

    def contact(self, address: str) -> str | None:
        return self.contacts.get(canonical_address(address))

    def is_me(self, address: str) -> bool:
        return canonical_address(address) in self.me

    def add(self, address: str, cid: str) -> None:
        self.contacts.setdefault(canonical_address(address), cid)


@dataclass
class Captured:
    """One interaction an import would write."""

    key: Key
    day: dt.date
    people: list[str]
    channel: str
    initiated_by: str
    summary: str | None
    source: dict[str, str]
    origin: str = ""  # the file it came from (its name), for the report
    planned: bool = False

    def values(self) -> dict[str, object]:
        """The record's fields, as `reseau log` writes them."""
        values: dict[str, object] = {
            "date": self.day,
            "with": list(self.people),
            "channel": self.channel,
            "initiated_by": self.initiated_by,
            "summary": self.summary,
            "planned": True if self.planned else None,
            "source": dict(self.source),
        }
        return {k: v for k, v in values.items() if v not in (None, "", [])}


def source_key(interaction: Interaction) -> Key | None:
    """The key of an interaction written by an import, None for one logged by hand."""
    items = dict(interaction.source)
    if "ics" in items:
        return ("ics", items["ics"], items.get("occurrence", ""))
    if "mail" in items:
        return ("mail", items["mail"], interaction.date.isoformat())
    return None


@dataclass
class SourceIndex:
    """The ledger's imported interactions by key, and its hand-logged ones by day."""

    imported: dict[Key, Interaction] = field(default_factory=dict)
    by_hand: dict[dt.date, list[Interaction]] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)  # hand-logged ones matched already

    @classmethod
    def of(cls, interactions: Iterable[Interaction]) -> SourceIndex:
        index = cls()
        for interaction in sorted(interactions, key=lambda i: i.path):
            key = source_key(interaction)
            if key is not None:
                index.imported.setdefault(key, interaction)
            else:
                index.by_hand.setdefault(interaction.date, []).append(interaction)
        return index

    def hand_logged(self, item: Captured) -> Interaction | None:
        """An interaction logged by hand on the same day with one of the same people, by a
        channel of the same kind (or none): the import reports it instead of writing."""
        kinds = SAME_KIND[item.key[0]]
        for interaction in self.by_hand.get(item.day, ()):
            if interaction.path in self.claimed or set(interaction.with_).isdisjoint(item.people):
                continue
            if interaction.channel is None or interaction.channel in kinds:
                self.claimed.add(interaction.path)
                return interaction
        return None
