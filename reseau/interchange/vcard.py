"""Read vCard 2.1/3.0/4.0 files (through `vcardtext`) and write vCard 4.0."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reseau.interchange.datetext import parse_birthday, parse_date
from reseau.interchange.people import PersonRecord
from reseau.interchange.vcardtext import Card, Property, raw_value, split_cards, split_unescaped
from reseau.interchange.vcardtext import unescape as _unescape
from reseau.slug import is_slug

PRODID = "-//reseau//reseau//EN"
URN_PREFIX = "urn:reseau:"
X_ID = "X-RESEAU-ID"
X_INTRODUCED_BY = "X-RESEAU-INTRODUCED-BY"
X_CONNECTED_ON = "X-RESEAU-CONNECTED-ON"

# --------------------------------------------------------------------- reading


class _Reader:
    """One card's values, decoded per its version's rules; changes reported in warnings."""

    def __init__(self, card: Card, encoding: str, warnings: list[str]) -> None:
        self.card, self.encoding, self.warnings = card, encoding, warnings

    def raw(self, prop: Property) -> str | None:
        return raw_value(prop, self.encoding, self.warnings)

    def texts(self, name: str) -> list[str]:
        """Single-text values (FN, TITLE, NOTE…): commas are text, not separators."""
        values = []
        for prop in self.card.all(name):
            raw = self.raw(prop)
            if raw is not None and _unescape(raw).strip():
                values.append(_unescape(raw))
        return values

    def first(self, name: str) -> str | None:
        return next((v.strip() for v in self.texts(name)), None)

    def lists(self, name: str) -> list[str]:
        """List values (NICKNAME, CATEGORIES): split at unescaped commas."""
        items: list[str] = []
        for prop in self.card.all(name):
            raw = self.raw(prop)
            if raw is None:
                continue
            for part in split_unescaped(raw, ","):
                text = _unescape(part).strip()
                if text and text not in items:
                    items.append(text)
        return items

    def structured(self, prop: Property) -> list[str]:
        """Components of N, ADR or ORG: split at unescaped `;`; a component's comma list
        (vCard 3.0/4.0 N and ADR) is joined with spaces."""
        raw = self.raw(prop) or ""
        lists = prop.name != "ORG" and not self.card.version.startswith("2")
        parts = []
        for part in split_unescaped(raw, ";"):
            items = split_unescaped(part, ",") if lists else [part]
            parts.append(" ".join(_unescape(i).strip() for i in items if i.strip()))
        return parts

    def name(self) -> str | None:
        if (full := self.first("FN")) is not None:
            return full
        for prop in self.card.all("N"):
            parts = (self.structured(prop) + [""] * 5)[:5]
            family, given, additional, prefix, suffix = parts
            joined = " ".join(" ".join((prefix, given, additional, family, suffix)).split())
            if joined:
                return joined
        return None

    def organization(self) -> str | None:
        for prop in self.card.all("ORG"):
            joined = ", ".join(p for p in self.structured(prop) if p)
            if joined:
                return joined
        return None

    def location(self) -> str | None:
        """`locality, country` of the work address, else the preferred, else the first."""
        ranked = sorted(
            self.card.all("ADR"),
            key=lambda p: ("work" not in p.param("TYPE"), "pref" not in p.param("TYPE")),
        )
        for prop in ranked:
            parts = (self.structured(prop) + [""] * 7)[:7]
            locality, region, country = parts[3], parts[4], parts[6]
            place = ", ".join(p for p in (locality or region, country) if p)
            if place:
                return place
        return None

    def phones(self) -> tuple[str, ...]:
        phones: list[str] = []
        for text in self.texts("TEL"):
            text = text.strip()
            if text.lower().startswith("tel:"):
                text = text[len("tel:") :].strip()
            if text:
                phones.append(text)
        return tuple(phones)

    def emails(self) -> tuple[str, ...]:
        emails: list[str] = []
        for text in self.texts("EMAIL"):
            text = text.strip().removeprefix("mailto:")
            if text:
                emails.append(text)
        return tuple(emails)

    def links(self) -> tuple[str, ...]:
        links: list[str] = []
        for text in self.texts("URL"):
            if text.strip():
                links.append(text.strip())
        return tuple(links)

    def birthday(self) -> str | None:
        for prop in self.card.all("BDAY"):
            raw = (self.raw(prop) or "").strip()
            if not raw:
                continue
            if "1604" in raw[:4] or prop.param("X-APPLE-OMIT-YEAR"):
                raw = "--" + raw.replace("-", "")[4:8]
            value = parse_birthday(raw)
            if value is None:
                self.warnings.append(f"line {prop.line}: BDAY {raw!r} is not a date; left out")
            return value
        return None

    def introducer(self) -> str | None:
        if (value := self.first(X_INTRODUCED_BY)) is not None:
            return value
        ranked = sorted(self.card.all("RELATED"), key=lambda p: "contact" not in p.param("TYPE"))
        for prop in ranked:
            value = _unescape(self.raw(prop) or "").strip()
            if value.lower().startswith(URN_PREFIX) and value[len(URN_PREFIX) :].strip():
                return value[len(URN_PREFIX) :].strip()
        return None

    def own_id(self) -> str | None:
        value = self.first(X_ID)
        if value is None:
            for prop in self.card.all("UID"):
                uid = (self.raw(prop) or "").strip()
                if uid.lower().startswith(URN_PREFIX):
                    value = uid[len(URN_PREFIX) :]
        return value if value is not None and is_slug(value) else None

    def connected(self) -> str | None:
        value = self.first(X_CONNECTED_ON)
        return parse_date(value) if value is not None else None

    def record(self) -> PersonRecord | None:
        name = self.name()
        if name is None:
            return None
        notes = "\n".join(self.texts("NOTE")) or None
        return PersonRecord(
            name=name,
            organization=self.organization(),
            role=self.first("TITLE"),
            emails=self.emails(),
            phones=self.phones(),
            links=self.links(),
            introduced_by=self.introducer(),
            connected_on=self.connected(),
            notes=notes,
            location=self.location(),
            tags=tuple(self.lists("CATEGORIES")),
            aliases=tuple(a for a in self.lists("NICKNAME") if a != name),
            birthday=self.birthday(),
            id=self.own_id(),
            line=self.card.line,
        )


def read_vcards(text: str, encoding: str = "utf-8") -> tuple[list[PersonRecord], list[str]]:
    """Parse every vCard (2.1, 3.0 or 4.0) in `text`; return (records, warnings).

    `encoding` is what the file was decoded with (for CHARSET parameters).
    A card with neither FN nor N, or with no END:VCARD, gives a warning naming
    its first line; the other cards are still read.
    """
    records: list[PersonRecord] = []
    warnings: list[str] = []
    for card in split_cards(text.lstrip("\ufeff"), warnings):
        record = _Reader(card, encoding, warnings).record()
        if record is None:
            warnings.append(f"line {card.line}: vCard has no name (FN or N); skipped")
            continue
        records.append(record)
    return records, warnings


# --------------------------------------------------------------------- writing


_ORGANISATION = re.compile(
    r"\b(?:inc|ltd|llc|llp|gmbh|ag|sa|sas|sarl|corp|co|plc|bv|nv|srl|spa)\.?$", re.IGNORECASE
)


def split_name(name: str) -> tuple[str, str, str, str, str]:
    """(family, given, additional, prefix, suffix) of a full name, by nameparser."""
    from nameparser import HumanName

    if _ORGANISATION.search(name):  # a company card: RFC 6350 leaves N empty
        return "", "", "", "", ""
    parsed = HumanName(name)
    family, given = str(parsed.last), str(parsed.first)
    if not family and not given:
        return name.strip(), "", "", "", ""
    return family, given, str(parsed.middle), str(parsed.title), str(parsed.suffix)


def _escape(text: str) -> str:
    """RFC 6350 text escaping: backslash, comma, semicolon, line breaks."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _uri(text: str) -> str:
    """A URI value as written, escaped only where it would break the line."""
    if any(c == "\\" or ord(c) < 32 or ord(c) == 127 for c in text):
        return _escape(text)
    return text


def _fold(line: str) -> str:
    """Fold at 75 octets (RFC 6350 3.2), never inside a UTF-8 sequence."""
    out: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out) + "\r\n"


def _card(contact_id: str, person: PersonRecord) -> str:
    lines = ["BEGIN:VCARD", "VERSION:4.0", f"PRODID:{PRODID}", f"UID:{URN_PREFIX}{contact_id}"]
    lines.append(f"FN:{_escape(person.name)}")
    lines.append("N:" + ";".join(_escape(part) for part in split_name(person.name)))
    if person.aliases:
        lines.append("NICKNAME:" + ",".join(_escape(a) for a in person.aliases))
    if person.organization is not None:
        lines.append(f"ORG:{_escape(person.organization)}")
    if person.role is not None:
        lines.append(f"TITLE:{_escape(person.role)}")
    lines.extend(f"EMAIL:{_escape(email)}" for email in person.emails)
    lines.extend(f"TEL:{_escape(phone)}" for phone in person.phones)
    if person.location is not None:
        locality, _, country = person.location.rpartition(", ")
        if not locality:
            locality, country = country, ""
        lines.append(f"ADR:;;;{_escape(locality)};;;{_escape(country)}")
    lines.extend(f"URL:{_uri(link)}" for link in person.links)
    if person.birthday is not None:
        birthday = person.birthday
        lines.append(
            f"BDAY:--{birthday[2:].replace('-', '')}"
            if birthday[:2] == "--"
            else f"BDAY:{birthday.replace('-', '')}"
        )
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in person.tags))
    if person.notes is not None:
        lines.append(f"NOTE:{_escape(person.notes)}")
    if person.introduced_by is not None:
        lines.append(f"RELATED;TYPE=contact:{URN_PREFIX}{_uri(person.introduced_by)}")
        lines.append(f"{X_INTRODUCED_BY}:{_escape(person.introduced_by)}")
    if person.connected_on is not None:
        lines.append(f"{X_CONNECTED_ON}:{person.connected_on}")
    lines.append(f"{X_ID}:{contact_id}")
    lines.append("END:VCARD")
    return "".join(_fold(line) for line in lines)


def write_vcards(people: Iterable[tuple[str, PersonRecord]]) -> str:
    """Serialise (contact id, person) pairs as vCard 4.0, one card each, CRLF-terminated.

    The introducer is written both as `RELATED;TYPE=contact:urn:reseau:<id>`
    and as `X-RESEAU-INTRODUCED-BY`, the id as `X-RESEAU-ID`, so `read_vcards`
    gives back the same records. Output depends only on the input.
    """
    return "".join(_card(contact_id, person) for contact_id, person in people)
