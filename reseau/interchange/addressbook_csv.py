"""Read Google Contacts and Outlook CSV exports into people."""

from __future__ import annotations

from collections.abc import Callable

from reseau.interchange.csvtable import Row, read_table, split_multi
from reseau.interchange.datetext import parse_birthday
from reseau.interchange.people import PersonRecord


def _numbered(row: Row, template: str, limit: int = 10) -> list[str]:
    """Values of `E-mail 1 - Value`, `E-mail 2 - Value`, … (Google's several per cell too)."""
    values: list[str] = []
    for n in range(1, limit + 1):
        for value in split_multi(row.get(template.format(n))):
            if value not in values:
                values.append(value)
    return values


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v.strip()))


def _name(*parts: str) -> str | None:
    return " ".join(" ".join(parts).split()) or None


def _place(locality: str, country: str) -> str | None:
    return ", ".join(p for p in (locality, country) if p) or None


def _birthday(row: Row, raw: str, warnings: list[str], *, day_first: bool) -> str | None:
    if not raw or raw in ("0/0/00", "00.00.00", "0.0.00"):  # Outlook's "no birthday"
        return None
    value = parse_birthday(raw, day_first=day_first)
    if value is None:
        warnings.append(f"line {row.line}: birthday {raw!r} is not a date; left out")
    return value


def _google_record(row: Row, warnings: list[str]) -> PersonRecord | None:
    name = _name(
        row.get("name prefix"),
        row.get("first name", "given name"),
        row.get("middle name", "additional name"),
        row.get("last name", "family name"),
        row.get("name suffix"),
    )
    name = row.get("name") or name or row.get("file as")
    if not name:
        return None
    groups = split_multi(row.get("labels", "group membership"))
    tags = [g for g in groups if not g.startswith("*")]  # `* myContacts` is Google's own
    return PersonRecord(
        name=" ".join(name.split()),
        organization=row.get("organization name", "organization 1 - name") or None,
        role=row.get("organization title", "organization 1 - title") or None,
        emails=_unique(_numbered(row, "e-mail {} - value")),
        phones=_unique(_numbered(row, "phone {} - value")),
        links=_unique(_numbered(row, "website {} - value")),
        notes=row.get("notes") or None,
        location=_place(row.get("address 1 - city"), row.get("address 1 - country")),
        tags=_unique(tags),
        aliases=_unique(split_multi(row.get("nickname"))),
        birthday=_birthday(row, row.get("birthday"), warnings, day_first=False),
        line=row.line,
    )


def _outlook_record(row: Row, warnings: list[str]) -> PersonRecord | None:
    name = _name(
        row.get("title"),
        row.get("first name"),
        row.get("middle name"),
        row.get("last name"),
        row.get("suffix"),
    )
    name = name or row.get("display name", "name")
    if not name:
        return None
    emails = [row.get(c) for c in ("e-mail address", "e-mail 2 address", "e-mail 3 address")]
    phones = [
        row.get(c)
        for c in ("business phone", "mobile phone", "home phone", "primary phone", "other phone")
    ]
    links = [row.get(c) for c in ("web page", "personal web page", "business web page")]
    raw_birthday = row.get("birthday")
    return PersonRecord(
        name=name,
        organization=row.get("company") or None,
        role=row.get("job title") or None,
        emails=_unique([e for e in emails if "@" in e]),
        phones=_unique(phones),
        links=_unique(links),
        notes=row.get("notes") or None,
        location=_place(
            row.get("business city", "home city", "other city"),
            row.get("business country/region", "business country", "home country/region"),
        ),
        tags=_unique([t.strip() for t in row.get("categories").split(";")]),
        aliases=_unique([row.get("nickname")]),
        birthday=_birthday(row, raw_birthday, warnings, day_first="." in raw_birthday),
        line=row.line,
    )


def _read(
    text: str,
    kind: str,
    is_header: Callable[[list[str]], bool],
    build: Callable[[Row, list[str]], PersonRecord | None],
    expected: str,
) -> tuple[list[PersonRecord], list[str]]:
    warnings: list[str] = []
    table = read_table(text, is_header, warnings)
    if table is None:
        warnings.append(f"no {kind} CSV header found (expected columns like {expected})")
        return [], warnings
    records: list[PersonRecord] = []
    for row in table[1]:
        record = build(row, warnings)
        if record is None:
            warnings.append(f"line {row.line}: no name; row skipped")
        else:
            records.append(record)
    return records, warnings


def _google_header(keys: list[str]) -> bool:
    names = {"first name", "given name", "name"} & set(keys)
    return bool(names) and any(
        k.startswith(("e-mail 1", "phone 1", "labels", "group")) for k in keys
    )


def _outlook_header(keys: list[str]) -> bool:
    return "first name" in keys and ("e-mail address" in keys or "business phone" in keys)


def read_google_csv(text: str) -> tuple[list[PersonRecord], list[str]]:
    """Google Contacts' CSV (the current `First Name,…,E-mail 1 - Value` layout and the
    older `Name,Given Name,…` one); return (records, warnings)."""
    return _read(text, "Google", _google_header, _google_record, "'First Name', 'E-mail 1 - Value'")


def read_outlook_csv(text: str) -> tuple[list[PersonRecord], list[str]]:
    """Outlook's CSV export (`First Name,Middle Name,Last Name,…,E-mail Address,…`)."""
    return _read(
        text, "Outlook", _outlook_header, _outlook_record, "'First Name', 'E-mail Address'"
    )
