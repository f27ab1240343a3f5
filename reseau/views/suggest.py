"""`reseau suggest`: whom to approach next, why, and through whom (P1, P5, P6).

Four reasons, in this order: people introduced or referred to you and not yet
contacted (P1); people at the organisation of an open opportunity you have not
been in touch with since it opened, reached through whoever introduced you (P1,
P6); people who helped you before and have heard nothing for longer than their
cadence (a person who helped once is ready to help again); contacts never
approached at all (imports), last. A warm path is a chain of contacts that
starts with someone you are in touch with (an interaction happened, relation
not `cold`, not archived) and ends with the person: never the person alone,
never through a cold contact.
"""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass
from typing import Literal

from reseau.formats import escape
from reseau.i18n import ENGLISH, Translator
from reseau.ledger import Ledger
from reseau.present import Words, current_stage
from reseau.records import Contact, Interaction, Opportunity
from reseau.views.show import fold

Reason = Literal["introduced", "referred", "opportunity", "helped", "never"]
CLOSED_STAGES = ("accepted", "rejected", "withdrawn")
PER_OPPORTUNITY = 3  # the warmest few people at each open opportunity's organisation
PRINCIPLES: dict[Reason, str] = {
    "introduced": "P1",
    "referred": "P1",
    "opportunity": "P1, P6",
    "helped": "P5",
    "never": "P6",
}


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    reason: Reason
    by: tuple[str, ...] = ()  # who introduced or referred them (contact ids)
    since: dt.date | None = None  # referred on; the opportunity opened; last in touch (helped)
    opportunity: Opportunity | None = None
    helped: tuple[str, ...] = ()  # what they gave you, in order of first time
    way: tuple[str, ...] | WarmPath = ()  # the warm path, or where to find it when asked
    direct: bool = False  # you are in touch with them yourself

    @property
    def path(self) -> tuple[str, ...]:
        """The warm path: contact ids, the one in touch first, them last."""
        return self.way if isinstance(self.way, tuple) else self.way.path()


def in_touch(ledger: Ledger, cid: str, as_of: dt.date) -> Interaction | None:
    """The last interaction with cid if they can open a door: in touch, not cold, not archived."""
    contact = ledger.contacts.get(cid)
    if contact is None or contact.relation == "cold" or contact.status == "archived":
        return None
    return ledger.last_seen(cid, as_of)


def _approached(ledger: Ledger, cid: str, as_of: dt.date, since: dt.date | None = None) -> bool:
    """An interaction with cid happened (on or after since), or one is planned."""
    return any(
        (i.happened(as_of) and (since is None or i.date >= since)) or i.planned
        for i in ledger.by_contact.get(cid, ())
    )


class Doors:
    """For each contact, the nearest person in touch up their introduction chain (their
    door), found once per contact: a contact's door is their introducer when in touch, else
    their introducer's door. Every contact of a chain N deep costs N steps in all, not N²."""

    def __init__(self, ledger: Ledger, as_of: dt.date) -> None:
        self.ledger = ledger
        self.as_of = as_of
        self._touch: dict[str, bool] = {}
        self._door: dict[str, str | None] = {}

    def touching(self, cid: str) -> bool:
        found = self._touch.get(cid)
        if found is None:
            found = self._touch[cid] = in_touch(self.ledger, cid, self.as_of) is not None
        return found

    def _up(self, cid: str) -> str | None:
        contact = self.ledger.contacts.get(cid)
        return (contact.introduced_by or None) if contact is not None else None

    def door(self, cid: str) -> str | None:
        """The first person in touch in cid's introduction chain (never cid), or None."""
        memo = self._door
        if cid in memo:
            return memo[cid]
        walk: list[str] = []
        position: dict[str, int] = {}
        up: str | None = cid
        while up is not None and up not in memo and up not in position:
            position[up] = len(walk)
            walk.append(up)
            up = self._up(up)
        if up is not None and up in position:  # the walk went round a loop (L002)
            self._round(walk[position[up] :])
            del walk[position[up] :]
        for node in reversed(walk):  # each one's introducer is done: the next, or `up`
            intro = self._up(node)
            if intro is None:
                memo[node] = None
            else:
                memo[node] = intro if self.touching(intro) else memo.get(intro)
        return memo[cid]

    def _round(self, cycle: list[str]) -> None:
        """Doors in a loop of introductions, each one's next: the first in touch after it in
        the loop, itself left out (as Ledger.introducers stops before coming back)."""
        size = len(cycle)
        nearest: int | None = None
        for place in range(2 * size - 1, -1, -1):
            if place < size:
                door = None
                if nearest is not None and nearest < place + size:
                    door = cycle[nearest % size]
                self._door[cycle[place]] = door
            if self.touching(cycle[place % size]):
                nearest = place

    def path(self, cid: str) -> tuple[str, ...]:
        """The chain from cid's door down to cid, () when they have none."""
        door = self.door(cid)
        if door is None:
            return ()
        chain = [cid]
        while chain[-1] != door:
            up = self._up(chain[-1])
            assert up is not None  # the door is up the chain
            chain.append(up)
        return tuple(reversed(chain))


@dataclass(frozen=True)
class WarmPath:
    """A warm path up an introduction chain, made when shown (it can be thousands long)."""

    doors: Doors
    cid: str

    def __bool__(self) -> bool:
        return self.doors.door(self.cid) is not None

    def path(self) -> tuple[str, ...]:
        return self.doors.path(self.cid)


def warm_path(
    ledger: Ledger,
    cid: str,
    as_of: dt.date,
    first: tuple[str, ...] = (),
    doors: Doors | None = None,
) -> tuple[str, ...] | WarmPath:
    """The shortest chain to cid through someone in touch: the people in `first` (who
    referred them), then up cid's introduction chain (a WarmPath, false when there is none)."""
    for door in first:
        if door != cid and in_touch(ledger, door, as_of) is not None:
            return (door, cid)
    return WarmPath(doors if doors is not None else Doors(ledger, as_of), cid)


def _referrals(ledger: Ledger, as_of: dt.date) -> dict[str, tuple[dt.date, list[str]]]:
    """For each contact referred to you: the first day, and who referred them (not themselves)."""
    found: dict[str, tuple[dt.date, list[str]]] = {}
    for inter in sorted(ledger.interactions.values(), key=lambda i: (i.date, i.id)):
        if not inter.happened(as_of):
            continue
        for item in inter.received:
            target = item.referral
            if target is None or target not in ledger.contacts:
                continue
            day, people = found.setdefault(target, (inter.date, []))
            people += [c for c in inter.with_ if c != target and c not in people]
    return found


def _helped(ledger: Ledger, cid: str, as_of: dt.date) -> tuple[str, ...]:
    """What cid gave you in what happened, and `opportunity` when they opened one."""
    words: list[str] = []
    for inter in ledger.by_contact.get(cid, ()):
        if inter.happened(as_of):
            for item in inter.received:
                word = item.word if item.word is not None else "referral"
                if word not in words:
                    words.append(word)
    if any(o.via == cid for o in ledger.opportunities.values()):
        words.append("opportunity")
    return tuple(words)


def suggest(ledger: Ledger, as_of: dt.date) -> list[Suggestion]:
    """Every suggestion, most worth doing first."""
    active = {c.id: c for c in ledger.contacts.values() if c.status == "active"}
    referred = _referrals(ledger, as_of)
    out: list[Suggestion] = []
    taken: set[str] = set()
    warm = Doors(ledger, as_of)

    # 1. Introduced or referred to you, not yet contacted: the oldest referral first.
    waiting: list[tuple[tuple[int, int, str, str], Suggestion]] = []
    for cid, contact in active.items():
        if _approached(ledger, cid, as_of):
            continue
        if cid in referred:
            day, people = referred[cid]
            by = tuple(people)
            path = warm_path(ledger, cid, as_of, by, warm)
            found = Suggestion(contact, "referred", by, day, way=path)
            waiting.append(((0, day.toordinal(), fold(contact.name), cid), found))
        elif contact.introduced_by and contact.introduced_by != cid:
            by = (contact.introduced_by,)
            path = warm_path(ledger, cid, as_of, by, warm)
            found = Suggestion(contact, "introduced", by, way=path)
            waiting.append(((1, 0, fold(contact.name), cid), found))
    for _, found in sorted(waiting, key=lambda pair: pair[0]):
        out.append(found)
        taken.add(found.contact.id)

    # 2. At the organisation of an open opportunity, not in touch since it opened.
    openings = []
    for opp in ledger.opportunities.values():
        stage = current_stage(opp, as_of)
        if stage is not None and stage.stage not in CLOSED_STAGES:
            openings.append((-stage.date.toordinal(), opp.id, opp))
    at_org: dict[str, list[Contact]] = {}  # by folded organisation, folded once per contact
    for contact in active.values():
        at_org.setdefault(fold(contact.organization or ""), []).append(contact)
    for *_, opp in sorted(openings):
        opened = opp.stages[0].date
        via = (opp.via,) if opp.via is not None else ()
        here = []
        for contact in at_org.get(fold(opp.organization), ()):
            if contact.id in taken:
                continue
            if _approached(ledger, contact.id, as_of, opened):
                continue
            last = in_touch(ledger, contact.id, as_of)
            path = () if last is not None else warm_path(ledger, contact.id, as_of, via, warm)
            # The warmest first: known directly (most recently seen first), then a warm path.
            warmth = (-last.date.toordinal() if last is not None else 0, not path)
            here.append((last is None, warmth, fold(contact.name), contact.id, path, last))
        for *_, cid, path, last in sorted(here, key=lambda row: row[:4])[:PER_OPPORTUNITY]:
            out.append(
                Suggestion(
                    active[cid],
                    "opportunity",
                    since=opened,
                    opportunity=opp,
                    way=path,
                    direct=last is not None,
                )
            )
            taken.add(cid)

    # 3. Helped you before, and heard nothing for longer than their cadence.
    helpers = []
    for cid, contact in active.items():
        if cid in taken or any(
            i.planned and i.date >= as_of for i in ledger.by_contact.get(cid, ())
        ):
            continue
        last = ledger.last_seen(cid, as_of)
        cadence = contact.cadence or ledger.settings.default_cadence
        if last is None or (as_of - last.date).days <= cadence:
            continue
        gave = _helped(ledger, cid, as_of)
        if gave:
            ratio = (as_of - last.date).days / cadence
            helpers.append((-ratio, fold(contact.name), cid, gave, last.date))
    for _, _, cid, gave, day in sorted(helpers):
        out.append(Suggestion(active[cid], "helped", since=day, helped=gave, direct=True))
        taken.add(cid)

    # 4. Never approached, nobody introduced them: those with a colleague in touch first.
    doors: dict[str, tuple[int, str]] = {}  # organisation: the colleague in touch most recently
    for other in active.values():
        last = in_touch(ledger, other.id, as_of) if other.organization else None
        if other.organization and last is not None:
            key = (-last.date.toordinal(), other.id)
            org = fold(other.organization)
            doors[org] = min(doors.get(org, key), key)
    never = []
    for cid, contact in active.items():
        if cid in taken or _approached(ledger, cid, as_of):
            continue
        door = doors.get(fold(contact.organization or ""))
        path = (door[1], cid) if door is not None and door[1] != cid else ()
        never.append((not path, fold(contact.name), cid, path))
    for _, _, cid, path in sorted(never):
        out.append(Suggestion(active[cid], "never", way=path))
    return out


def why(w: Words, ledger: Ledger, s: Suggestion, as_of: dt.date) -> str:
    """The reason, in words: `referred by Hélène Dupré on 8 Apr, not contacted yet`."""
    by = w("and").join(ledger.name(c) for c in s.by)
    if s.reason == "referred":
        assert s.since is not None
        return w("why_referred", by=by, date=w.date(s.since, as_of))
    if s.reason == "introduced":
        return w("why_introduced", by=by)
    if s.reason == "opportunity":
        assert s.opportunity is not None
        stage = current_stage(s.opportunity, as_of)
        assert s.since is not None
        return w(
            "why_opportunity",
            org=s.opportunity.organization,
            title=s.opportunity.title,
            stage=w.stage(stage.stage if stage else ""),
            date=w.date(s.since, as_of),
        )
    if s.reason == "helped":
        assert s.since is not None
        return w(
            "why_helped",
            what=w("and").join(
                w("helped_opportunity") if x == "opportunity" else w.item(x) for x in s.helped
            ),
            date=w.date(s.since, as_of),
            days=w.days((as_of - s.since).days),
        )
    return w("why_never")


def through(w: Words, ledger: Ledger, s: Suggestion, as_of: dt.date) -> str:
    """`through Hélène Dupré → Karim Bonnet`, `you know them directly`, `no warm path yet`."""
    if s.direct:
        last = ledger.last_seen(s.contact.id, as_of)
        if s.reason != "helped" and last is not None:
            return w("path_direct_since", date=w.date(last.date, as_of))
        return w("path_direct")
    if s.path:
        return w("path_through", chain=" → ".join(ledger.name(c) for c in s.path))
    return w("path_none")


def _how(ledger: Ledger, s: Suggestion, tr: Translator = ENGLISH) -> str:
    """What to do with the path, on the terminal."""
    if s.reason == "helped":
        return tr.gettext(
            " — tell them what came of their help, and plan the next occasion (P4, P5)"
        )
    if s.direct or not s.path:
        if not s.direct:
            org = s.contact.organization
            if org:
                return tr(
                    " — find someone who knows them first (`reseau path {org}`)",
                    org=shlex.quote(org),
                )
            return tr.gettext(" — find someone who knows them first")
        return ""
    door = ledger.name(s.path[0])
    if s.reason in ("referred", "introduced") and s.path[0] in s.by:
        return tr(" — mention {door}'s recommendation, then tell {door} how it went", door=door)
    return tr(" — ask {door} to introduce you", door=door)


def render(
    ledger: Ledger, found: list[Suggestion], as_of: dt.date, limit: int, tr: Translator = ENGLISH
) -> str:
    """The terminal view: numbered, with the reason and the warm path."""
    w = Words(tr.lang)
    if not found:
        return (
            tr.gettext(
                "Nobody to approach right now: everyone introduced or referred to you has been "
                "contacted, nobody at an open opportunity's organisation is waiting, and everyone "
                "who helped you is within their cadence."
            )
            + "\n"
            + tr.gettext(
                "Add the people you would like to meet (`reseau add NAME --introduced-by ID`), or "
                "import your address book (`reseau import linkedin FILE`)."
            )
            + "\n"
        )
    shown = found[:limit]
    lines = [tr("Whom to approach next, as of {date}:", date=tr.iso_or_long(as_of))]
    for n, s in enumerate(shown, 1):
        contact = s.contact
        where = ", ".join(x for x in (contact.role, contact.organization) if x)
        reason = tr(
            "why: {reason} ({principles})",
            reason=why(w, ledger, s, as_of),
            principles=PRINCIPLES[s.reason],
        )
        path = tr("path: {path}", path=through(w, ledger, s, as_of) + _how(ledger, s, tr))
        lines += [
            "",
            f"{n}. {contact.name}{f' ({where})' if where else ''}  {contact.path}",
            f"   {reason}",
            f"   {path}",
        ]
    if len(found) > limit:
        more = len(found) - limit
        lines += [
            "",
            tr("… and {n} more (--limit {all} shows them all).", n=tr.number(more), all=len(found)),
        ]
    return "\n".join(escape(line) for line in lines) + "\n"  # one line stays one line
