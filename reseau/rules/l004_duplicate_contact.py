"""L004 duplicate-contact: two contact files for one person.

Two files that share an e-mail, a profile link or a name (compared without
case, accents or extra spaces) most likely describe the same person, whose
history is then split in two: reconnect dates, open loops and the
introduction chain all go wrong. Merge them, or give one a distinct name.

PASS: `contacts/helene-dupre.yaml` and `contacts/helene-martin.yaml`, different e-mails.

FAIL: `contacts/helene-dupre.yaml` and `contacts/h-dupre.yaml`, both with
`emails: [helene@datacorp.example]`  # L004 on the second, at the e-mail
"""

from __future__ import annotations

from typing import Any, Iterator

from reseau.ledger import Ledger
from reseau.problems import Level
from reseau.rules.base import Finding, RuleContext, at
from reseau.slug import normalise_email, normalise_link, normalise_name

ID = "L004"
NAME = "duplicate-contact"
LEVEL: Level = "warning"
OPTIONS: dict[str, Any] = {}


def check(ledger: Ledger, ctx: RuleContext) -> Iterator[Finding]:
    seen: dict[tuple[str, str], str] = {}
    for cid in sorted(ledger.contacts):
        contact = ledger.contacts[cid]
        keys: list[tuple[tuple[str, str], tuple[str | int, ...], str]] = [
            (("name", normalise_name(contact.name)), ("name",), "name")]
        keys += [(("email", normalise_email(e)), ("emails", i), "e-mail") for i, e in enumerate(contact.emails)]
        keys += [(("link", normalise_link(u)), ("links", i), "link") for i, u in enumerate(contact.links)]
        reported = False
        for key, path, what in keys:
            if not key[1]:
                continue
            other = seen.get(key)
            if other is not None and other != cid and not reported:
                reported = True
                yield at(contact, path, f"same {what} as contacts/{other}.yaml: merge the two files "
                         "or tell the people apart", about=(cid, other))
            seen.setdefault(key, cid)
