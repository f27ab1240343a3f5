"""Bytes of an address-book file → text: BOM, UTF-8, a declared charset, then detection."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# vCard 2.1 cards name their charset per property (`N;CHARSET=Shift_JIS:…`).
_DECLARED = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)

# A vCard line folded inside a UTF-8 sequence: the sequence's tail moves before the line
# break (the line count stays the same), so the file decodes and unfolds whole.
_SPLIT_SEQUENCE = re.compile(rb"([\xc2-\xf4][\x80-\xbf]*)(\r\n|\r|\n)([ \t])([\x80-\xbf]+)")

_CENTRAL_EUROPEAN = frozenset({"cp1250", "iso8859_2", "mac_latin2", "cp852"})


class EncodingError(ValueError):
    """The bytes are not text in any encoding we could name."""


@dataclass(frozen=True)
class Decoded:
    """A file's text and how it was obtained (`how` is shown to the user)."""

    text: str
    encoding: str
    how: str  # "bom" | "utf-8" | "given" | "declared" | "detected"


def codec_name(name: str) -> str | None:
    """Python's name for an encoding label (`Shift_JIS` → `shift_jis`), or None."""
    try:
        return codecs.lookup(name.strip().strip('"')).name
    except LookupError:
        return None


def _declared(data: bytes) -> str | None:
    """The one charset the file's properties declare, if they agree on one."""
    names = {codec_name(m.decode("ascii")) for m in _DECLARED.findall(data)}
    names.discard(None)
    names.discard("utf-8")
    return names.pop() if len(names) == 1 else None


def decode(data: bytes, given: str | None = None) -> Decoded:
    """Decode data: `given` (--encoding) wins; then a BOM, strict UTF-8, a single declared
    CHARSET, and last charset-normalizer's detection. EncodingError when nothing fits."""
    if given is not None:
        name = codec_name(given)
        if name is None:
            raise EncodingError(f"unknown encoding {given!r}")
        try:
            return Decoded(data.decode(name).lstrip("\ufeff"), name, "given")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"not {given} text ({exc.reason} at byte {exc.start})") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name).lstrip("\ufeff"), name, "bom")
            except UnicodeDecodeError:
                break
    for candidate in (data, _SPLIT_SEQUENCE.sub(rb"\1\4\2\3", data)):
        try:
            return Decoded(candidate.decode("utf-8"), "utf-8", "utf-8")
        except UnicodeDecodeError:
            pass
    declared = _declared(data)
    if declared is not None:
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    name = None if best is None else codec_name(best.encoding) or best.encoding
    if best is not None and best.encoding in _CENTRAL_EUROPEAN:
        # Short Western text fits cp1250 as well as cp1252; the Western one is likelier.
        if "cp1252" in best.could_be_from_charset:
            name = "cp1252"  # the same text either way: name the likelier
        else:
            western = [r for r in results if r.encoding == "cp1252" and r.chaos <= best.chaos]
            best, name = (western[0], "cp1252") if western else (best, name)
    if best is None or "\x00" in str(best):
        raise EncodingError("not text in any encoding that could be detected; try --encoding")
    return Decoded(str(best), name or best.encoding, "detected")
