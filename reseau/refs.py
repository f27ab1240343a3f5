"""REF: a contact (or opportunity) named by its id or by a unique fragment of its name or
aliases, case- and accent-insensitive (DESIGN §5). Nothing is ever chosen on a guess: an
ambiguous fragment is a usage error that lists the candidates."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from reseau.errors import FatalError
from reseau.i18n import N_, Msg, msg
from reseau.ledger import Ledger
from reseau.present import joined
from reseau.slug import normalise_name

MAX_LISTED = 10


def fold(text: str) -> str:
    """The form fragments are compared in: `Hélène  DUPRÉ` → `helene dupre`, `marc-leroy` →
    `marc leroy`."""
    return normalise_name(text.replace("-", " "))


def _stem(ref: str, folder: str) -> str:
    """`contacts/marc-leroy.yaml` → `marc-leroy`: a path is accepted for an id."""
    text = ref.strip()
    if text.startswith(f"{folder}/"):
        text = text[len(folder) + 1 :]
    return text.removesuffix(".yaml")


def matches(key: str, names: Mapping[str, Iterable[str]]) -> list[str]:
    """The ids one of whose names holds the folded fragment key; an id whose name *is* the
    fragment wins over ids whose names only contain it."""
    found: list[str] = []
    exact: list[str] = []
    for rid, texts in names.items():
        folded = [fold(t) for t in texts]
        if key in folded:
            exact.append(rid)
        elif any(key in t for t in folded):
            found.append(rid)
    return sorted(exact) if exact else sorted(found)


def _resolve(
    ref: str,
    kind: str,
    ids: frozenset[str],
    names: Mapping[str, Iterable[str]],
    describe: Mapping[str, str],
    option: str,
) -> str:
    where = f"{option}: " if option else ""
    if ref in ids:
        return ref
    key = fold(ref)
    words = _WORDS[kind]
    if not key:
        raise FatalError(msg(words[0], where=where, ref=repr(ref)))
    found = matches(key, names)
    if len(found) == 1:
        return found[0]
    if not found:
        close = difflib.get_close_matches(ref, sorted(ids), n=3, cutoff=0.6)
        if close:
            hint = msg(" (did you mean {ids}?)", ids=joined(close))
            raise FatalError(msg(words[2], where=where, ref=repr(ref), hint=hint))
        raise FatalError(msg(words[1], where=where, ref=repr(ref)))
    width = max(len(rid) for rid in found[:MAX_LISTED])
    listed = "\n".join(f"  {rid:<{width}}  {describe.get(rid, rid)}" for rid in found[:MAX_LISTED])
    more: Msg | str = ""
    if len(found) > MAX_LISTED:
        more = msg("\n  … and {n} more", n=len(found) - MAX_LISTED)
    raise FatalError(
        msg(words[3], where=where, ref=repr(ref), n=len(found), listed=listed, more=more)
    )


# What a REF that names nothing, or several, says: by the kind of record it looks for.
_WORDS = {
    "contact": (
        N_("{where}{ref} names no contact: give an id or part of a name"),
        N_("{where}no contact {ref} in the ledger"),
        N_("{where}no contact {ref} in the ledger{hint}"),
        N_("{where}{ref} matches {n} contacts; give one of these ids:\n{listed}{more}"),
    ),
    "opportunity": (
        N_("{where}{ref} names no opportunity: give an id or part of a name"),
        N_("{where}no opportunity {ref} in the ledger"),
        N_("{where}no opportunity {ref} in the ledger{hint}"),
        N_("{where}{ref} matches {n} opportunities; give one of these ids:\n{listed}{more}"),
    ),
}


def contact_names(ledger: Ledger) -> dict[str, list[str]]:
    """Every contact's id, name and aliases (a file with problems: its id only)."""
    names: dict[str, list[str]] = {cid: [cid] for cid in ledger.contact_ids}
    for cid, contact in ledger.contacts.items():
        names[cid] = [cid, contact.name, *contact.aliases]
    return names


def _contact_line(ledger: Ledger, cid: str) -> str:
    contact = ledger.contacts.get(cid)
    if contact is None:
        return f"(contacts/{cid}.yaml has problems)"
    return contact.name + (f" ({contact.organization})" if contact.organization else "")


def resolve_contact(ledger: Ledger, ref: str, option: str = "") -> str:
    """The id of the contact REF names; FatalError (exit 2) when it names none or several."""
    stem = _stem(ref, "contacts")
    if stem in ledger.contact_ids:
        return stem
    names = contact_names(ledger)
    describe = {cid: _contact_line(ledger, cid) for cid in names}
    return _resolve(stem, "contact", ledger.contact_ids, names, describe, option)


def find_contact(ledger: Ledger, ref: str, option: str = "") -> str | None:
    """Like resolve_contact, but None when REF names nobody (a new person, e.g. a referral);
    still FatalError when it names several."""
    stem = _stem(ref, "contacts")
    if stem in ledger.contact_ids:
        return stem
    key = fold(stem)
    if not key or not matches(key, contact_names(ledger)):
        return None
    return resolve_contact(ledger, stem, option)


def resolve_contacts(ledger: Ledger, refs: Iterable[str], option: str = "") -> list[str]:
    """Each REF's id, in order, without repeats."""
    return list(dict.fromkeys(resolve_contact(ledger, ref, option) for ref in refs))


def resolve_opportunity(ledger: Ledger, ref: str, option: str = "") -> str:
    """The id of the opportunity REF names: its id, or a unique fragment of its id, title or
    organisation."""
    stem = _stem(ref, "opportunities")
    if stem in ledger.opportunity_ids:
        return stem
    names: dict[str, list[str]] = {oid: [oid] for oid in ledger.opportunity_ids}
    describe: dict[str, str] = {}
    for oid, opp in ledger.opportunities.items():
        names[oid] = [oid, opp.title, f"{opp.title} {opp.organization}", opp.organization]
        describe[oid] = f"{opp.title} at {opp.organization}"
    return _resolve(stem, "opportunity", ledger.opportunity_ids, names, describe, option)
