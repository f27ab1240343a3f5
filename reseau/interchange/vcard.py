"""Read vCard 3.0/4.0 files and write vCard 4.0 with vobject."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

import vobject
from vobject.base import getLogicalLines, textLineToContentLine

from reseau.interchange.people import PersonRecord

PRODID = "-//reseau//reseau//EN"
URN_PREFIX = "urn:reseau:"
X_ID = "X-RESEAU-ID"
X_INTRODUCED_BY = "X-RESEAU-INTRODUCED-BY"
X_CONNECTED_ON = "X-RESEAU-CONNECTED-ON"

# Properties whose value is a URI: vobject would split them at a bare comma, so
# they are read from the raw content line and written unescaped.
_URI_PROPERTIES = frozenset({"URL", "RELATED", "UID"})

# Raw URI-valued properties of a card: name → [(value, params)].
_UriValues = dict[str, list[tuple[str, dict[str, list[str]]]]]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_TEXT_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_WANTED_LINE = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?:URL|RELATED|UID|BEGIN|END)[;:]", re.IGNORECASE)
_UNSAFE_RAW = re.compile(r"[\\\x00-\x1f\x7f]")


# --------------------------------------------------------------------- reading


def _split_cards(text: str, warnings: list[str]) -> Iterator[tuple[int, str]]:
    """Yield (first line number, text) for each top-level `BEGIN:VCARD … END:VCARD`."""
    lines = _LINE_BREAK.split(text.lstrip("\ufeff"))
    depth, start, stray = 0, 0, 0
    buffer: list[str] = []
    for number, line in enumerate(lines, start=1):
        if depth == 0:
            if _BEGIN.match(line):
                depth, start, buffer = 1, number, [line]
            elif line.strip():
                stray += 1
            continue
        buffer.append(line)
        if _BEGIN.match(line):
            depth += 1
        elif _END.match(line):
            depth -= 1
            if depth == 0:
                yield start, "\r\n".join(_close_dangling_escapes(buffer)) + "\r\n"
    if depth:
        warnings.append(f"line {start}: vCard never closed (no END:VCARD); skipped")
    if stray:
        warnings.append(f"{stray} line(s) outside any BEGIN:VCARD … END:VCARD ignored")


def _close_dangling_escapes(lines: list[str]) -> list[str]:
    """Double a lone backslash ending a logical line (vobject would read `\\eof`)."""
    fixed = list(lines)
    for index, line in enumerate(fixed):
        continued = index + 1 < len(fixed) and fixed[index + 1][:1] in (" ", "\t")
        trailing = len(line) - len(line.rstrip("\\"))
        if trailing % 2 and not continued:
            fixed[index] = line + "\\"
    return fixed


def _unescape(value: str) -> str:
    """Undo vCard text escaping (`\\,` `\\;` `\\\\` `\\n`)."""
    return _TEXT_ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _raw_uri_values(card_text: str) -> _UriValues:
    """Top-level URI-valued properties of one card, undecoded by vobject."""
    found: _UriValues = {}
    depth = 0
    for line, number in getLogicalLines(io.StringIO(card_text), True):
        if not _WANTED_LINE.match(line):
            continue
        content = textLineToContentLine(line, number)
        name = str(content.name).upper()
        if name == "BEGIN":
            depth += 1
        elif name == "END":
            depth -= 1
        elif depth == 1 and name in _URI_PROPERTIES:
            params = {str(k).upper(): [str(v) for v in vs] for k, vs in content.params.items()}
            found.setdefault(name, []).append((_unescape(str(content.value)), params))
    return found


def _text(card: Any, name: str, *, strip: bool = True) -> list[str]:
    """Decoded, non-blank values of a text property (stripped unless told not to)."""
    values: list[str] = []
    for line in card.contents.get(name.lower(), []):
        value = line.value
        if isinstance(value, list):
            value = ", ".join(str(part) for part in value if str(part).strip())
        text = str(value)
        if text.strip():
            values.append(text.strip() if strip else text)
    return values


def _name(card: Any) -> str | None:
    for name in _text(card, "FN"):
        return name
    for line in card.contents.get("n", []):
        parsed = line.value
        parts: list[str] = []
        for field in ("prefix", "given", "additional", "family", "suffix"):
            value = getattr(parsed, field, "")
            parts.extend(value if isinstance(value, list) else [value])
        joined = " ".join(" ".join(str(p) for p in parts).split())
        if joined:
            return joined
    return None


def _organization(card: Any) -> str | None:
    for line in card.contents.get("org", []):
        value = line.value
        parts = value if isinstance(value, list) else [value]
        joined = ", ".join(str(p).strip() for p in parts if str(p).strip())
        if joined:
            return joined
    return None


def _phones(card: Any) -> tuple[str, ...]:
    """TEL values; a `tel:` URI (`VALUE=uri`, vCard 4.0) loses its scheme."""
    phones: list[str] = []
    for line in card.contents.get("tel", []):
        text = str(line.value).strip()
        kinds = {str(v).lower() for v in line.params.get("VALUE", [])}
        if "uri" in kinds and text.lower().startswith("tel:"):
            text = text[len("tel:") :].strip()
        if text:
            phones.append(text)
    return tuple(phones)


def _introducer(card: Any, uris: _UriValues) -> str | None:
    for value in _text(card, X_INTRODUCED_BY):
        return value
    related = uris.get("RELATED", [])
    # Prefer TYPE=contact, but accept any RELATED that names a reseau contact.
    ranked = sorted(
        related,
        key=lambda item: (
            "contact" not in {t.lower() for v in item[1].get("TYPE", []) for t in v.split(",")}
        ),
    )
    for value, _params in ranked:
        if value.lower().startswith(URN_PREFIX) and value[len(URN_PREFIX) :].strip():
            return value[len(URN_PREFIX) :].strip()
    return None


def _record(card: Any, uris: _UriValues) -> PersonRecord | None:
    name = _name(card)
    if name is None:
        return None
    notes = "\n".join(_text(card, "NOTE", strip=False)) or None
    return PersonRecord(
        name=name,
        organization=_organization(card),
        role=next(iter(_text(card, "TITLE")), None),
        emails=tuple(_text(card, "EMAIL")),
        phones=_phones(card),
        links=tuple(value.strip() for value, _ in uris.get("URL", []) if value.strip()),
        introduced_by=_introducer(card, uris),
        connected_on=next(iter(_text(card, X_CONNECTED_ON)), None),
        notes=notes,
    )


def read_vcards(text: str) -> tuple[list[PersonRecord], list[str]]:
    """Parse every vCard (2.1, 3.0 or 4.0) in `text`; return (records, warnings).

    A card that cannot be parsed, or has neither FN nor N, gives a warning
    naming its first line; the other cards are still read.
    """
    records: list[PersonRecord] = []
    warnings: list[str] = []
    for line, card_text in _split_cards(text, warnings):
        try:
            card = vobject.readOne(card_text, allowQP=True)
            uris = _raw_uri_values(card_text)
            record = _record(card, uris)
        except Exception as error:  # noqa: BLE001 - vobject raises many kinds on bad input
            message = " ".join(str(error).split())[:200]
            warnings.append(
                f"line {line}: unreadable vCard ({type(error).__name__}: {message}); skipped"
            )
            continue
        if record is None:
            warnings.append(f"line {line}: vCard has no name (FN or N); skipped")
            continue
        records.append(record)
    return records, warnings


# --------------------------------------------------------------------- writing


def _split_name(name: str) -> tuple[str, str]:
    """(family, given) guessed from a full name: the last word is the family name."""
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def _add(card: Any, name: str, value: object, params: dict[str, list[str]] | None = None) -> None:
    line = card.add(name.lower())
    line.value = value
    for key, values in (params or {}).items():
        line.params[key] = values


def _add_uri(card: Any, name: str, value: str, params: dict[str, list[str]] | None = None) -> None:
    """Add a URI-valued property unescaped, unless it holds a backslash or control."""
    _add(card, name, value, params)
    if not _UNSAFE_RAW.search(value):
        card.contents[name.lower()][-1].encoded = True


def _card(contact_id: str, person: PersonRecord) -> Any:
    card = vobject.vCard()
    _add(card, "VERSION", "4.0")
    card.contents["version"][-1].encoded = True
    _add(card, "PRODID", PRODID)
    _add_uri(card, "UID", f"{URN_PREFIX}{contact_id}")
    _add(card, "FN", person.name)
    family, given = _split_name(person.name)
    _add(card, "N", vobject.vcard.Name(family=family, given=given))
    if person.organization is not None:
        _add(card, "ORG", [person.organization])
    if person.role is not None:
        _add(card, "TITLE", person.role)
    for email in person.emails:
        _add(card, "EMAIL", email)
    for phone in person.phones:
        _add(card, "TEL", phone)
    for link in person.links:
        _add_uri(card, "URL", link)
    if person.notes is not None:
        _add(card, "NOTE", person.notes)
    if person.introduced_by is not None:
        _add_uri(
            card,
            "RELATED",
            f"{URN_PREFIX}{person.introduced_by}",
            {"TYPE": ["contact"]},
        )
        _add(card, X_INTRODUCED_BY, person.introduced_by)
    if person.connected_on is not None:
        _add(card, X_CONNECTED_ON, person.connected_on)
    _add(card, X_ID, contact_id)
    return card


def write_vcards(people: Iterable[tuple[str, PersonRecord]]) -> str:
    """Serialise (contact id, person) pairs as vCard 4.0, one card each, CRLF-terminated.

    The introducer is written both as `RELATED;TYPE=contact:urn:reseau:<id>`
    and as `X-RESEAU-INTRODUCED-BY`, so `read_vcards` gives back the same
    records. Output depends only on the input (cards in input order).
    """
    return "".join(str(_card(contact_id, person).serialize()) for contact_id, person in people)
