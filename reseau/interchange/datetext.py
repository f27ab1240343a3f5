"""Dates as address books and LinkedIn write them → `YYYY-MM-DD` (or `--MM-DD`)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Month names and abbreviations in the languages LinkedIn exports (en, fr, de, es),
# accents removed and lower-cased; matched on their first letters.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january janv janvier januar enero ene",
        "feb february fev fevr fevrier februar febrero",
        "mar march mars marz maerz marzo",
        "apr april avr avril abr abril",
        "may mai mayo",
        "jun june juin juni junio",
        "jul july juil juillet juli julio",
        "aug august aout ago agosto",
        "sep sept september septembre septiembre set",
        "oct october okt oktober octobre octubre",
        "nov november novembre noviembre",
        "dec december dez dezember decembre dic diciembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WORDY = re.compile(r"^(\d{1,2})\.?\s*(?:de\s+)?([^\W\d_]+)\.?,?\s*(?:de\s+)?(\d{4})$")
_WORDY_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$")
# Apple writes an unknown year as 1604 (with X-APPLE-OMIT-YEAR).
_NO_YEAR_PLACEHOLDERS = frozenset({1604})


def _plain(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _month(word: str) -> int | None:
    word = _plain(word)
    return _MONTHS.get(word) or _MONTHS.get(word[:3]) or _MONTHS.get(word[:4])


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_day(month: int, day: int) -> str | None:
    return f"--{month:02d}-{day:02d}" if _iso(2000, month, day) else None


def parse_date(text: str, *, day_first: bool = True) -> str | None:
    """`24 Aug 2023`, `24 août 2023`, `24. Aug. 2023`, `24 de ago. de 2023`, `Aug 24, 2023`,
    `2023-08-24`, `20230824`, `24/08/2023` (`08/24/2023` when not day_first) → ISO; else None.
    """
    text = " ".join(text.strip().split())
    if match := _ISO.match(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := _WORDY.match(text):
        month = _month(match[2])
        return _iso(int(match[3]), month, int(match[1])) if month else None
    if match := _WORDY_US.match(text):
        month = _month(match[1])
        return _iso(int(match[3]), month, int(match[2])) if month else None
    if match := _NUMERIC.match(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (first, second) if day_first else (second, first)
        return _iso(year, month, day)
    return None


def parse_birthday(text: str, *, day_first: bool = True) -> str | None:
    """A birthday: a date as `parse_date` reads it, or a month and day with no year
    (`--03-12`, `--0312`, Apple's 1604 year) → `--MM-DD`; else None."""
    text = text.strip()
    if match := _NO_YEAR.match(text):
        return _month_day(int(match[1]), int(match[2]))
    iso = parse_date(text, day_first=day_first)
    if iso is None:
        return None
    if int(iso[:4]) in _NO_YEAR_PLACEHOLDERS:
        return _month_day(int(iso[5:7]), int(iso[8:10]))
    return iso
