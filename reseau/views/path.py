"""`reseau path ORG`: who you know at an organisation, through whom, and whom to ask."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reseau.formats import escape
from reseau.i18n import ENGLISH, Translator
from reseau.ledger import Ledger
from reseau.present import Words, current_stage, introduction_chain
from reseau.records import Contact, Opportunity
from reseau.views.show import fold
from reseau.views.suggest import in_touch


@dataclass(frozen=True)
class OrgMatch:
    organizations: tuple[str, ...]  # the organisation names matched, as written
    contacts: tuple[Contact, ...]
    opportunities: tuple[Opportunity, ...]


def _matches(wanted: str, organization: str | None, exact: bool) -> bool:
    if not organization:
        return False
    return fold(organization) == wanted if exact else wanted in fold(organization)


def find_org(ledger: Ledger, org: str) -> OrgMatch | None:
    """Contacts and opportunities at org: exact (case/accent-insensitive) names, else substrings."""
    wanted = fold(org)
    if not wanted:
        return None
    for exact in (True, False):
        contacts = tuple(
            ledger.contacts[c]
            for c in sorted(ledger.contacts)
            if _matches(wanted, ledger.contacts[c].organization, exact)
        )
        opps = tuple(
            ledger.opportunities[o]
            for o in sorted(ledger.opportunities)
            if _matches(wanted, ledger.opportunities[o].organization, exact)
        )
        if contacts or opps:
            names = {c.organization or "" for c in contacts} | {o.organization for o in opps}
            return OrgMatch(tuple(sorted(names)), contacts, opps)
    return None


def organizations(ledger: Ledger) -> list[str]:
    names = {c.organization for c in ledger.contacts.values() if c.organization}
    names |= {o.organization for o in ledger.opportunities.values()}
    return sorted(names, key=fold)


def _cold(ledger: Ledger, cid: str) -> bool:
    contact = ledger.contacts.get(cid)
    return contact is not None and contact.relation == "cold"


def _arrow(ledger: Ledger, chain: tuple[str, ...]) -> str:
    return " → ".join(ledger.name(c) for c in chain)


def _asks(
    ledger: Ledger, match: OrgMatch, as_of: dt.date, tr: Translator = ENGLISH
) -> list[tuple[str, str]]:
    """Whom to ask, warmest first: (contact id, why). People there you are in touch with,
    most recently seen first; then, for the others, the nearest introducer you are in
    touch with; then whoever opened an opportunity there."""
    found: dict[str, str] = {}
    seen = sorted(
        (
            (last.date, c.id)
            for c in match.contacts
            if (last := ledger.last_seen(c.id, as_of)) is not None
        ),
        reverse=True,
    )
    for day, cid in seen:
        if in_touch(ledger, cid, as_of) is not None:  # a cold contact opens no door
            found.setdefault(cid, tr("works there; last in touch {date}", date=tr.iso_or_long(day)))
    for contact in match.contacts:
        chain = [c for c in ledger.introducers(contact.id) if not _cold(ledger, c)]
        if contact.id in found or not chain:
            continue
        warm = [c for c in chain if in_touch(ledger, c, as_of) is not None]
        cid = warm[0] if warm else chain[0]
        found.setdefault(
            cid,
            tr("introduced you to {name}", name=contact.name)
            if cid == chain[0]
            else tr("on the introduction chain to {name}", name=contact.name),
        )
    for opp in match.opportunities:
        if opp.via is not None and opp.via in ledger.contact_ids and not _cold(ledger, opp.via):
            found.setdefault(opp.via, tr("opened {title} there", title=opp.title))
    return list(found.items())


def render_path(ledger: Ledger, match: OrgMatch, as_of: dt.date, tr: Translator = ENGLISH) -> str:
    w = Words(tr.lang)
    lines = [tr("At {orgs}:", orgs=", ".join(match.organizations))]
    if match.contacts:
        lines += ["", tr.gettext("People you know there:")]
    for contact in match.contacts:
        role = f", {contact.role}" if contact.role else ""
        lines.append(f"  {contact.name}{role} ({contact.path})")
        chain = introduction_chain(ledger, contact.id)
        last = ledger.last_seen(contact.id, as_of)
        if len(chain) > 1:
            lines.append("    " + tr("through: {chain}", chain=_arrow(ledger, chain)))
        elif contact.relation == "cold":
            lines.append("    " + tr.gettext("cold: nobody introduced you (relation: cold)"))
        elif last is None and contact.relation is None:
            lines.append("    " + tr.gettext("not met yet, and nobody introduced you"))
        else:
            lines.append("    " + tr.gettext("known directly"))
        when = tr.iso_or_long(last.date) if last else tr.gettext("never")
        lines.append("    " + tr("last in touch: {date}", date=when))
    if match.opportunities:
        lines += ["", tr.gettext("Opportunities there:")]
    for opp in match.opportunities:
        stage = current_stage(opp, as_of)
        state = (
            tr("{stage} since {date}", stage=w.stage(stage.stage), date=tr.iso_or_long(stage.date))
            if stage
            else tr.gettext("not started")
        )
        lines.append(f"  {opp.title} ({state}) ({opp.path})")
        if opp.via is not None and opp.via in ledger.contact_ids:
            chain_text = _arrow(ledger, introduction_chain(ledger, opp.via))
            lines.append("    " + tr("came through: {chain}", chain=chain_text))
    asks = _asks(ledger, match, as_of, tr)
    if asks:
        lines += ["", tr.gettext("Whom to ask for an introduction, warmest first:")]
        lines += [f"  {ledger.name(cid)} ({why})" for cid, why in asks]
    return "\n".join(escape(line) for line in lines) + "\n"  # one line stays one line
