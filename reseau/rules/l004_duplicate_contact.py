"""L004 duplicate-contact: two contact files for one person.

Two files that share an e-mail, a profile link or a name (compared without
case, accents or extra spaces; e-mails also whatever their Unicode form, NFC or
NFD as macOS and some vCard exports write them; names also without invisible
format characters such as a zero-width space) most likely describe the same person, whose
history is then split in two: reconnect dates, open loops and the
introduction chain all go wrong. Merge them, or give one a distinct name.

PASS: `contacts/helene-dupre.yaml` and `contacts/helene-martin.yaml`, different e-mails.

FAIL: `contacts/helene-dupre.yaml` and `contacts/h-dupre.yaml`, both with
`emails: [helene@datacorp.example]`  # L004 on the second, at the e-mail
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reseau.i18n import N_, msg
from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.records import Contact
from reseau.rules.base import Finding, RuleContext, at
from reseau.slug import normalise_email, normalise_link, normalise_name

ID = "L004"
NAME = "duplicate-contact"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    seen: dict[str, dict[str, str]] = {"name": {}, "e-mail": {}, "link": {}}  # what: key → id
    for cid in sorted(ledger.contacts):
        contact = ledger.contacts[cid]
        reported = False
        for what, path, key in _keys(contact):
            if not key:
                continue
            other = seen[what].setdefault(key, cid)
            if other != cid and not reported:
                reported = True
                yield at(
                    ledger,
                    contact,
                    path,
                    msg(SAME[what], other=other),
                    about=(cid, other),
                )


SAME = {
    "name": N_("same name as contacts/{other}.yaml: merge the two files or tell the people apart"),
    "e-mail": N_(
        "same e-mail as contacts/{other}.yaml: merge the two files or tell the people apart"
    ),
    "link": N_("same link as contacts/{other}.yaml: merge the two files or tell the people apart"),
}


def _keys(contact: Contact) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """What tells a contact apart, normalised: (what, where in the file, key)."""
    yield "name", ("name",), normalise_name(contact.name)
    for i, email in enumerate(contact.emails):
        yield "e-mail", ("emails", i), normalise_email(email)
    for i, link in enumerate(contact.links):
        yield "link", ("links", i), normalise_link(link)
