"""Read LinkedIn's `Connections.csv` export into person records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from reseau.interchange.people import PersonRecord

HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "jan",
            "feb",
            "mar",
            "apr",
            "may",
            "jun",
            "jul",
            "aug",
            "sep",
            "oct",
            "nov",
            "dec",
        ),
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -,]*(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_linkedin_date(text: str) -> str | None:
    """`24 Aug 2023` (or an ISO date) → `2023-08-24`; `None` if unreadable.

    Month names are matched in English without the locale, so the result does
    not depend on the machine's settings.
    """
    text = text.strip()
    try:
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text).isoformat()
        match = _DAY_MONTH_YEAR.match(text)
        if match is None:
            return None
        month = _MONTHS.get(match.group(2).lower())
        if month is None:
            return None
        return dt.date(int(match.group(3)), month, int(match.group(1))).isoformat()
    except ValueError:
        return None


def _clean(text: str) -> str | None:
    """Collapse whitespace (embedded newlines included); empty → `None`."""
    joined = " ".join(text.split())
    return joined or None


def _header_index(row: list[str]) -> dict[str, int] | None:
    """Column positions if `row` is LinkedIn's header, else `None`."""
    names = [cell.strip().lstrip("\ufeff").casefold() for cell in row]
    if "first name" not in names or "last name" not in names:
        return None
    return {
        column: names.index(column.casefold()) for column in HEADER if column.casefold() in names
    }


def _record(
    row: list[str], columns: dict[str, int], line: int, warnings: list[str]
) -> PersonRecord | None:
    """One data row → a record, or `None` (with a warning) when it has no name."""

    def cell(column: str) -> str:
        index = columns.get(column)
        return row[index] if index is not None and index < len(row) else ""

    name = _clean(f"{cell('First Name')} {cell('Last Name')}")
    if name is None:
        warnings.append(f"line {line}: no first or last name; row skipped")
        return None
    connected_on = None
    raw_date = cell("Connected On").strip()
    if raw_date:
        connected_on = parse_linkedin_date(raw_date)
        if connected_on is None:
            warnings.append(f"line {line}: unreadable date {raw_date!r} for {name}")
    email = cell("Email Address").strip()
    url = cell("URL").strip()
    return PersonRecord(
        name=name,
        organization=_clean(cell("Company")),
        role=_clean(cell("Position")),
        emails=(email,) if email else (),
        links=(url,) if url else (),
        connected_on=connected_on,
    )


def read_linkedin_csv(text: str) -> tuple[list[PersonRecord], list[str]]:
    """Parse a LinkedIn connections export; return (records, warnings).

    Everything before the `First Name,Last Name,…` header (LinkedIn's
    "Notes:" preamble) is skipped. Columns are found by name, so a reordered
    or shortened header still works. Warnings name the physical line.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=False)
    records: list[PersonRecord] = []
    warnings: list[str] = []
    columns: dict[str, int] | None = None
    previous_line = 0
    try:
        for row in reader:
            start_line, previous_line = previous_line + 1, reader.line_num
            if columns is None:
                columns = _header_index(row)
                continue
            if not any(cell.strip() for cell in row):
                continue
            record = _record(row, columns, start_line, warnings)
            if record is not None:
                records.append(record)
    except csv.Error as error:
        warnings.append(f"line {reader.line_num}: unreadable CSV ({error}); rest of file skipped")
    if columns is None:
        warnings.append(
            "no LinkedIn header found (expected a line starting "
            "'First Name,Last Name,URL,Email Address,…'); nothing imported"
        )
    return records, warnings
