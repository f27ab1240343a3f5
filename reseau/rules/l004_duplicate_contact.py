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

import unicodedata
from collections.abc import Iterator
from typing import Any

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
                    f"same {what} as contacts/{other}.yaml: merge the two files "
                    "or tell the people apart",
                    about=(cid, other),
                )


def _keys(contact: Contact) -> Iterator[tuple[str, tuple[str | int, ...], str]]:
    """What tells a contact apart, normalised: (what, where in the file, key)."""
    yield "name", ("name",), normalise_name(_visible(contact.name))
    for i, email in enumerate(contact.emails):
        yield "e-mail", ("emails", i), _email_key(email)
    for i, link in enumerate(contact.links):
        yield "link", ("links", i), normalise_link(link)


def _visible(text: str) -> str:
    """text without format characters (Unicode category Cf: zero-width spaces and joiners,
    soft hyphens, bidirectional marks), which show nothing and split a name in two."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _email_key(email: str) -> str:
    """An e-mail compared in one Unicode form (NFC) and without case: `he\u0301lene@` (NFD)
    and `hélène@` (NFC) are the same address."""
    if email.isascii():
        return normalise_email(email)
    folded = normalise_email(unicodedata.normalize("NFC", email))
    return unicodedata.normalize("NFC", folded)  # casefolding can decompose (İ → i̇)
