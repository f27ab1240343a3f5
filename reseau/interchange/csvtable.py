"""CSV exports found by their header: any preamble, `,` `;` or tab, cells by column name."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass


def column_key(text: str) -> str:
    """A header cell compared loosely: `E-mail Address ` ~ `e-mail address`, accents kept."""
    text = unicodedata.normalize("NFC", text.strip().lstrip("\ufeff").strip('"'))
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Row:
    """A data row: its first physical line and its cells by column key."""

    line: int
    cells: dict[str, str]

    def get(self, *columns: str) -> str:
        """The first non-blank cell among these columns (keys as `column_key` makes them)."""
        for column in columns:
            value = self.cells.get(column, "").strip()
            if value:
                return value
        return ""


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    previous = 0
    for row in reader:
        yield previous + 1, row
        previous = reader.line_num


def read_table(
    text: str, is_header: Callable[[list[str]], bool], warnings: list[str]
) -> tuple[list[str], list[Row]] | None:
    """(header keys, data rows) of the first row that `is_header` accepts, trying `,` then
    `;` (Excel in many locales) then tab; None when no delimiter gives such a header."""
    text = text.lstrip("\ufeff")
    for delimiter in (",", ";", "\t"):
        header: list[str] | None = None
        rows: list[Row] = []
        try:
            for line, cells in _rows(text, delimiter):
                keys = [column_key(c) for c in cells]
                if header is None:
                    if is_header(keys):
                        header = keys
                    continue
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                    warnings.append(f"line {line}: more cells than columns; extra cells ignored")
                rows.append(Row(line, dict(zip(header, cells, strict=False))))
        except csv.Error as error:
            warnings.append(f"unreadable CSV ({error}); rest of file skipped")
        if header is not None:
            return header, rows
    return None


def split_multi(value: str) -> list[str]:
    """Google's several values in one cell: `a@x ::: b@y`."""
    return [part.strip() for part in value.split(":::") if part.strip()]
