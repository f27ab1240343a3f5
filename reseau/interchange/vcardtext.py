"""vCard 2.1, 3.0 and 4.0 text → cards of content lines, as clients really write them.

vobject is not used for reading: it applies vCard 3.0 list rules to every
property (so `FN:Dupont, Jean` loses `Jean`), and one bad PHOTO, an iPhone's
CR CR LF or a missing END:VCARD costs whole cards. This module only unfolds
lines, splits parameters and decodes values; what a property means is
decided in `vcard`.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reseau.interchange.encoding import codec_name

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Names as clients write them: KDE's `X-messaging/xmpp-All` has a slash.
_NAME = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_/-]+)(?=[;:])")
_PROPERTY_START = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_/-]+[;:]")
_QP = re.compile(r"^[^:]*;\s*(?:ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*[;:]", re.IGNORECASE)
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"}
_BLOBS = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})


@dataclass
class Property:
    """One content line: upper-case name and parameter names, raw value as written."""

    name: str
    params: dict[str, list[str]]
    value: str
    line: int

    def param(self, key: str) -> set[str]:
        """Lower-cased values of a parameter, comma lists split (`TYPE=work,pref`)."""
        return {
            part.strip().lower()
            for value in self.params.get(key, [])
            for part in value.split(",")
            if part.strip()
        }


@dataclass
class Card:
    """The properties of one `BEGIN:VCARD … END:VCARD`, nested cards left out."""

    line: int
    version: str = "3.0"
    properties: list[Property] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first physical line, unfolded line): folding, QP soft breaks, blank and `#` lines."""
    number, current, start, blob = 0, None, 0, False
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # iPhone's CR CR LF gives empty lines between folded ones
        if current is not None:
            if _QP.match(current) and current.endswith("=") and not _PROPERTY_START.match(line):
                current = current[:-1] + line  # quoted-printable soft line break
                continue
            if not _PROPERTY_START.match(line):
                trailing = len(current) - len(current.rstrip("\\"))
                if trailing % 2:  # a backslash continuation: the value goes on
                    current = current[:-1] + "\\n" + line
                    continue
                if blob:  # base64 written without folding spaces (old Outlook)
                    current += line.strip()
                    continue
            yield start, current
        current, start = line, number
        blob = bool(re.match(r"^[^:]*;\s*(ENCODING\s*=\s*)?(B|BASE64)\s*[;:]", line, re.I))
    if current is not None:
        yield start, current


def _split_params(head: str) -> dict[str, list[str]]:
    """`;TYPE=work;PREF=1;QUOTED-PRINTABLE` → {"TYPE": ["work"], …}; quoted values kept whole."""
    params: dict[str, list[str]] = {}
    for item in re.findall(r';((?:[^;"]|"[^"]*")*)', head):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            key, _, value = item.partition("=")
            values = [v.strip().strip('"') for v in re.findall(r'(?:[^,"]|"[^"]*")+', value)]
            params.setdefault(key.strip().upper(), []).extend(values or [""])
        elif item.upper() in _BARE_ENCODINGS:
            params.setdefault("ENCODING", []).append(item)
        else:  # vCard 2.1: `TEL;WORK;VOICE:`
            params.setdefault("TYPE", []).append(item)
    return params


def parse_line(line: str, number: int) -> Property | None:
    """One unfolded content line, or None when it is not `[group.]NAME[;params]:value`."""
    match = _NAME.match(line)
    if match is None:
        return None
    rest = line[match.end() :]
    # the value starts at the first colon outside a quoted parameter value
    colon = re.match(r'((?:[^:"]|"[^"]*")*):', rest)
    if colon is None:
        return None
    return Property(
        match.group(2).upper(), _split_params(colon.group(1)), rest[colon.end() :], number
    )


def split_cards(text: str, warnings: list[str]) -> Iterator[Card]:
    """Every top-level card; a card missing END:VCARD ends where the next one begins and is
    reported (by name and line) instead of swallowing the cards after it."""
    card: Card | None = None
    depth, stray = 0, 0
    for number, line in _logical_lines(text):
        prop = parse_line(line, number)
        if prop is None:
            if card is None:
                stray += 1
            else:
                warnings.append(f"line {number}: not a vCard property, ignored: {line[:60]!r}")
            continue
        kind = prop.value.strip().upper()
        if prop.name == "BEGIN" and kind == "VCARD":
            if card is not None and depth == 1 and not _embedding(card):
                warnings.append(_unclosed(card))
                card, depth = None, 0
            if card is None:
                card, depth = Card(number), 1
            else:
                depth += 1
            continue
        if card is None:
            stray += 1
            continue
        if prop.name == "END" and kind == "VCARD":
            depth -= 1
            if depth == 0:
                yield card
                card = None
            continue
        if depth == 1:
            if prop.name == "VERSION":
                card.version = prop.value.strip()
            card.properties.append(prop)
    if card is not None:
        warnings.append(_unclosed(card))
    if stray:
        warnings.append(f"{stray} line(s) outside any BEGIN:VCARD … END:VCARD ignored")


def _embedding(card: Card) -> bool:
    """vCard 2.1 embeds an AGENT's card right after `AGENT:` with no value."""
    return bool(card.properties) and card.properties[-1].name == "AGENT"


def _unclosed(card: Card) -> str:
    names = [p.value.strip() for p in card.properties if p.name in ("FN", "N") and p.value.strip()]
    who = f" ({names[0]!r})" if names else ""
    return f"line {card.line}: vCard{who} has no END:VCARD; skipped"


def raw_value(prop: Property, file_encoding: str, warnings: list[str]) -> str | None:
    """The property's value as text: quoted-printable and CHARSET decoded; None for blobs."""
    encodings = prop.param("ENCODING")
    if encodings & {"b", "base64"} or (prop.name in _BLOBS and "uri" not in prop.param("VALUE")):
        return None
    charset = next(iter(prop.params.get("CHARSET", [])), None)
    wanted = codec_name(charset) if charset else None
    if charset and wanted is None:
        warnings.append(f"line {prop.line}: unknown CHARSET {charset!r} on {prop.name}; ignored")
    if "quoted-printable" in encodings:
        data = quopri.decodestring(prop.value.encode("latin-1", "replace"))
        for name in (wanted, "utf-8", file_encoding):
            if name is None:
                continue
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
        warnings.append(
            f"line {prop.line}: {prop.name} is not valid quoted-printable text; "
            "undecodable bytes replaced"
        )
        return data.decode("utf-8", "replace")
    if wanted is not None and wanted != file_encoding:
        try:  # a property in another charset than the file was decoded with
            return prop.value.encode(file_encoding).decode(wanted)
        except (UnicodeError, LookupError):
            pass
    return prop.value


_ESCAPES = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


def unescape(text: str) -> str:
    """Undo text escaping (`\\,` `\\;` `\\\\` `\\n`); an unknown `\\x` is kept as written."""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text, flags=re.S)


def split_unescaped(text: str, separator: str) -> list[str]:
    """Split at separators that no backslash escapes; parts stay escaped."""
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts
