"""`reseau export vcard|ics|json`: contacts as vCard 4.0, open dated loops as iCalendar,
the whole index as JSON (optionally with stable pseudonyms instead of personal data)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from reseau.commands.common import Env, open_ledger
from reseau.errors import FatalError
from reseau.i18n import msg
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.records import Contact
from reseau.store import write_output

if TYPE_CHECKING:
    from reseau.interchange.ics import CalendarItem
    from reseau.interchange.people import PersonRecord

DEFAULT_SALT = "reseau"
LABELS = {
    "promise": "Promise to {}",
    "next": "Next step with {}",
    "planned": "Planned with {}",
    "referral": "Referral: {}",
    "inform": "Update owed: {}",
    "birthday": "Birthday: {}",
}


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def person_record(ledger: Ledger, contact: Contact) -> PersonRecord:
    """What `export vcard` writes of a contact (and `import vcard` reads back)."""
    from reseau.interchange.people import PersonRecord

    doc = dict(ledger.value(contact.path))
    return PersonRecord(
        contact.name,
        contact.organization,
        contact.role,
        contact.emails,
        contact.phones,
        contact.links,
        contact.introduced_by if contact.introduced_by in ledger.contact_ids else None,
        _iso(doc.get("connected")),
        contact.notes,
        location=contact.location,
        tags=contact.tags,
        aliases=contact.aliases,
        birthday=_iso(doc.get("birthday")),
        id=contact.id,
    )


def vcard_bytes(ledger: Ledger) -> bytes:
    from reseau.interchange.vcard import write_vcards

    people = [
        (c.id, person_record(ledger, c))
        for c in sorted(ledger.contacts.values(), key=lambda c: c.id)
    ]
    return write_vcards(people).encode("utf-8")


def birthday_items(ledger: Ledger) -> list[CalendarItem]:
    """A yearly all-day event per contact birthday (P5: an occasion to get in touch);
    a birthday without its year (`--MM-DD`) starts in 2000 (a leap year, for 29 Feb)."""
    from reseau.interchange.ics import CalendarItem

    items = []
    for contact in sorted(ledger.contacts.values(), key=lambda c: c.id):
        if contact.status == "archived":
            continue
        text = _iso(dict(ledger.value(contact.path)).get("birthday"))
        if not text:
            continue
        try:
            day = dt.date.fromisoformat("2000" + text[1:] if text.startswith("--") else text)
        except ValueError:
            continue
        summary = LABELS["birthday"].format(contact.name)
        items.append(
            CalendarItem(f"birthday-{contact.id}@reseau", day, summary, summary, contact.path, True)
        )
    return items


def loop_uid(loop: Loop) -> str:
    key = "|".join(
        [
            loop.kind,
            loop.path,
            "/".join(map(str, loop.at)),
            ",".join(loop.people),
            loop.subject or "",
        ]
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@reseau"


def open_dated_loops(ledger: Ledger, as_of: dt.date) -> list[Loop]:
    from reseau.engine import ledger_loops

    return [loop for loop in ledger_loops(ledger, as_of) if loop.is_open()]


def ics_bytes(ledger: Ledger, as_of: dt.date) -> bytes:
    from reseau.interchange.ics import CalendarItem, write_ics

    items = []
    for loop in open_dated_loops(ledger, as_of):
        names = ", ".join(ledger.name(p) for p in loop.people)
        if loop.kind in ("referral", "inform"):
            summary = LABELS[loop.kind].format(loop.action)
        else:
            summary = f"{LABELS[loop.kind].format(names)}: {loop.action}"
        description = f"{summary}\nOpened {loop.opened} in {loop.path}; due {loop.due}."
        items.append(CalendarItem(loop_uid(loop), loop.due, summary, description, loop.path))
    items.extend(birthday_items(ledger))
    owner = ledger.settings.owner
    return write_ics(items, f"reseau: {owner}" if owner else "reseau")


def index_json(ledger: Ledger, as_of: dt.date) -> dict[str, Any]:
    """Every valid record (as written, with id and path) and every loop as of the day."""

    def records(table: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {"id": rid, "path": rec.path, **copy.deepcopy(dict(ledger.value(rec.path)))}
            for rid, rec in sorted(table.items())
        ]

    from reseau.engine import ledger_loops

    loops = [
        {
            "kind": lp.kind,
            "source": lp.source.id,
            "path": lp.path,
            "opened": lp.opened.isoformat(),
            "due": lp.due.isoformat(),
            "people": list(lp.people),
            "subject": lp.subject,
            "action": lp.action,
            "closed": lp.closed.isoformat() if lp.closed else None,
            "closed_by": lp.closed_by,
            "overdue": lp.overdue(as_of),
        }
        for lp in ledger_loops(ledger, as_of)
    ]
    return {
        "as_of": as_of.isoformat(),
        "contacts": records(ledger.contacts),
        "interactions": records(ledger.interactions),
        "opportunities": records(ledger.opportunities),
        "loops": loops,
    }


class Redactor:
    """Stable pseudonyms for everything that identifies a person or holds free text."""

    def __init__(self, salt: str) -> None:
        from reseau.interchange.redact import pseudonym

        self._pseudonym = pseudonym
        self.salt = salt

    def __call__(self, kind: str, value: str) -> str:
        return self._pseudonym(kind, value, self.salt)

    def person(self, cid: Any) -> Any:
        return self("person", cid) if isinstance(cid, str) else cid

    def index(self, data: dict[str, Any]) -> dict[str, Any]:
        iids = {i["id"]: self("interaction", i["id"]) for i in data["interactions"]}
        for contact in data["contacts"]:
            contact["id"] = self.person(contact["id"])
            contact["path"] = f"contacts/{contact['id']}.yaml"
            contact["name"] = self("name", contact["name"])
            for key, kind in (
                ("aliases", "name"),
                ("emails", "email"),
                ("phones", "phone"),
                ("links", "link"),
            ):
                if key in contact:
                    contact[key] = [self(kind, str(v)) for v in contact[key]]
            if "introduced_by" in contact:
                contact["introduced_by"] = self.person(contact["introduced_by"])
            if "notes" in contact:
                contact["notes"] = self("note", str(contact["notes"]))
            self._waivers(contact)
        for inter in data["interactions"]:
            inter["path"] = inter["path"].rsplit("/", 1)[0] + f"/{iids[inter['id']]}.yaml"
            inter["id"] = iids[inter["id"]]
            inter["with"] = [self.person(c) for c in inter["with"]]
            if "summary" in inter:
                inter["summary"] = self("summary", str(inter["summary"]))
            if "received" in inter:
                inter["received"] = [
                    {"referral": self.person(r["referral"])} if isinstance(r, dict) else r
                    for r in inter["received"]
                ]
            for promise in inter.get("promised", []):
                promise["what"] = self("text", str(promise["what"]))
            if "next" in inter:
                inter["next"]["action"] = self("text", str(inter["next"]["action"]))
                if "with" in inter["next"]:
                    inter["next"]["with"] = [self.person(c) for c in inter["next"]["with"]]
            self._waivers(inter)
        for opp in data["opportunities"]:
            if "via" in opp:
                opp["via"] = self.person(opp["via"])
            for stage in opp.get("stages", []):
                if "note" in stage:
                    stage["note"] = self("text", str(stage["note"]))
            self._waivers(opp)
        for loop in data["loops"]:
            if loop["source"] in iids:
                loop["path"] = loop["path"].rsplit("/", 1)[0] + f"/{iids[loop['source']]}.yaml"
                loop["source"] = iids[loop["source"]]
            if loop["closed_by"] in iids:
                loop["closed_by"] = iids[loop["closed_by"]]
            loop["people"] = [self.person(c) for c in loop["people"]]
            loop["subject"] = self.person(loop["subject"])
            loop["action"] = self("text", loop["action"])
        return data

    def _waivers(self, record: dict[str, Any]) -> None:
        for waiver in record.get("waive", []):
            if "reason" in waiver:
                waiver["reason"] = self("text", str(waiver["reason"]))


def run(
    env: Env, what: str, output: Path | None, redact: bool, salt: str | None, out: BinaryIO
) -> int:
    if redact and what != "json":
        raise FatalError(msg("--redact applies to `export json` only"))
    ledger = open_ledger(env).ledger
    if what == "vcard":
        data = vcard_bytes(ledger)
    elif what == "ics":
        data = ics_bytes(ledger, env.as_of)
    else:
        index = index_json(ledger, env.as_of)
        if redact:
            index = Redactor(salt or DEFAULT_SALT).index(index)
        data = (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if output is None:
        out.write(data)
        out.flush()
        return 0
    write_output(ledger.root, env.cwd, output, data)
    return 0
