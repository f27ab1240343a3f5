"""Read LinkedIn's `Connections.csv` export (English, French, German, Spanish) into people."""

from __future__ import annotations

from reseau.interchange.csvtable import Row, column_key, read_table
from reseau.interchange.datetext import parse_date
from reseau.interchange.people import PersonRecord

# Each field's header in the languages LinkedIn exports, as `column_key` writes them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("first name", "prénom", "vorname", "nombre"),
    "last": ("last name", "nom", "nom de famille", "nachname", "apellidos", "apellido"),
    "url": ("url", "profile url", "url du profil", "profil-url", "url del perfil"),
    "email": (
        "email address",
        "e-mail address",
        "adresse e-mail",
        "adresse email",
        "e-mail-adresse",
        "dirección de correo electrónico",
        "correo electrónico",
    ),
    "company": ("company", "entreprise", "société", "unternehmen", "firma", "empresa"),
    "position": ("position", "poste", "titre", "cargo", "puesto"),
    "connected": (
        "connected on",
        "connecté le",
        "connecté(e) le",
        "date de connexion",
        "verbunden am",
        "vernetzt am",
        "conectado el",
        "fecha de conexión",
    ),
}
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def parse_linkedin_date(text: str) -> str | None:
    """`24 Aug 2023`, `24 août 2023`, `24.08.2023`, an ISO date… → `2023-08-24`; else None.

    Month names are matched in English, French, German and Spanish without the
    locale, so the result does not depend on the machine's settings.
    """
    return parse_date(text)


def _is_header(keys: list[str]) -> bool:
    return any(k in COLUMNS["first"] for k in keys) and any(k in COLUMNS["last"] for k in keys)


def _clean(text: str) -> str | None:
    """Collapse whitespace (embedded newlines included); empty → `None`."""
    return " ".join(text.split()) or None


def _record(row: Row, warnings: list[str]) -> PersonRecord | None:
    def cell(field: str) -> str:
        return row.get(*COLUMNS[field])

    name = _clean(f"{cell('first')} {cell('last')}")
    if name is None:
        warnings.append(f"line {row.line}: no first or last name; row skipped")
        return None
    connected_on = None
    if raw_date := cell("connected"):
        connected_on = parse_linkedin_date(raw_date)
        if connected_on is None:
            warnings.append(f"line {row.line}: unreadable date {raw_date!r} for {name}")
    email, url = cell("email"), cell("url")
    return PersonRecord(
        name=name,
        organization=_clean(cell("company")),
        role=_clean(cell("position")),
        emails=(email,) if email else (),
        links=(url,) if url else (),
        connected_on=connected_on,
        line=row.line,
    )


def read_linkedin_csv(text: str) -> tuple[list[PersonRecord], list[str]]:
    """Parse a LinkedIn connections export; return (records, warnings).

    Everything before the header (LinkedIn's "Notes:" preamble) is skipped.
    Columns are found by name in any of the export's languages, so a reordered,
    shortened or translated header still works; `;`-separated Excel saves too.
    Warnings name the physical line.
    """
    warnings: list[str] = []
    table = read_table(text, _is_header, warnings)
    if table is None:
        expected = ",".join(HEADER)
        warnings.append(
            f"no LinkedIn header found (expected a line like '{expected}', "
            "or its French, German or Spanish translation); nothing imported"
        )
        return [], warnings
    records = [r for row in table[1] if (r := _record(row, warnings)) is not None]
    return records, warnings


__all__ = ["COLUMNS", "HEADER", "column_key", "parse_linkedin_date", "read_linkedin_csv"]
