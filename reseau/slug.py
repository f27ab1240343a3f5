"""Slugs for ids and file names, and normal forms used to detect duplicates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from urllib.parse import urlsplit, urlunsplit

from anyascii import anyascii

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 60
FALLBACK_SLUG = "contact"

# Names Windows refuses as file stems, whatever the extension (`con.yaml`).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['`\u2019\u02bc]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# A link with a lowercase http(s) scheme and host and a plain path, nothing else.
_SIMPLE_URL = re.compile(r"(https?)://([a-z0-9.-]+)(/[A-Za-z0-9._~%/-]*)?\Z")


class _AsciiTable(dict[int, str]):
    """A str.translate table: symbols and controls become spaces, other chars their anyascii
    transliteration (which is char by char). Filled as chars are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = " " if unicodedata.category(char)[0] in ("S", "C") else anyascii(char)
        return value


_ASCII_TABLE = _AsciiTable()


def _ascii(text: str) -> str:
    """Transliterate to ASCII; symbols (emoji, ™, €, =) and controls become spaces."""
    return unicodedata.normalize("NFKC", text).translate(_ASCII_TABLE)


def _truncate(slug: str, limit: int) -> str:
    """Cut `slug` to at most `limit` characters, at a `-` when there is one."""
    if len(slug) <= limit:
        return slug
    if slug[limit] == "-":
        return slug[:limit]
    head = slug[:limit]
    cut = head.rfind("-")
    return head[:cut] if cut > 0 else head


def is_slug(text: str) -> bool:
    """True when `text` is a valid id: `^[a-z0-9]+(-[a-z0-9]+)*$`, 60 chars at most."""
    return len(text) <= MAX_SLUG_LENGTH and SLUG_RE.match(text) is not None


def slugify(name: str) -> str:
    """Make a safe id from any name: `Hélène Dupré` → `helene-dupre`."""
    slug = _NON_ALNUM.sub("-", _ascii(name).lower()).strip("-")
    slug = _truncate(slug, MAX_SLUG_LENGTH)
    if not slug:
        return FALLBACK_SLUG
    if slug in WINDOWS_RESERVED:
        return f"{slug}-{FALLBACK_SLUG}"
    return slug


def unique_slug(base: str, taken: Callable[[str], bool] | Container[str]) -> str:
    """Return `base` if free, else the first free `base-2`, `base-3`, …."""
    if not is_slug(base):
        raise ValueError(f"not a slug: {base!r}")
    is_taken = taken if callable(taken) else taken.__contains__
    if not is_taken(base):
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        stem = _truncate(base, MAX_SLUG_LENGTH - len(suffix)).rstrip("-")
        candidate = f"{stem}{suffix}"
        if not is_taken(candidate):
            return candidate
        n += 1


def normalise_name(name: str) -> str:
    """Normal form of a name for duplicate detection: `Hélène  DUPRÉ` → `helene dupre`;
    invisible format characters (Unicode category Cf: zero-width spaces and joiners, soft
    hyphens, bidirectional marks) are dropped first, as they split a name in two."""
    if not name.isascii():
        name = "".join(c for c in name if unicodedata.category(c) != "Cf")
    text = _ascii(name.casefold()).casefold()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def normalise_email(email: str) -> str:
    """Normal form of an e-mail address: stripped, `mailto:` removed, casefolded, in one
    Unicode form (NFC): `he\u0301lene@` (NFD, as macOS writes it) is `hélène@`."""
    text = email.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    text = text.strip()
    if text.isascii():
        return text.casefold()
    # casefolding can decompose (İ → i̇): normalise on both sides of it
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def _is_linkedin(host: str) -> bool:
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def normalise_link(url: str) -> str:
    """Normal form of a link for duplicate detection.

    Lowercases scheme and host, treats `http` as `https`, drops `www.` and a
    trailing `/`; for LinkedIn profiles (`linkedin.com/in/…`) also drops the
    country subdomain, query, fragment and case of the path.
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    scheme: str
    host: str
    path: str
    simple = _SIMPLE_URL.match(text)
    if simple is not None:  # what urlsplit finds in such a link, without its general parsing
        scheme, host, path, query, fragment = simple[1], simple[2], simple[3] or "", "", ""
    else:
        parts = urlsplit(text)
        scheme, host, path = parts.scheme.lower(), parts.netloc.lower(), parts.path
        query, fragment = parts.query, parts.fragment
    if scheme == "http":
        scheme = "https"
    host = host.removeprefix("www.")
    path = path.rstrip("/")
    if _is_linkedin(host.split(":")[0]):
        labels = host.split(".")
        if len(labels) == 3 and len(labels[0]) == 2:  # fr.linkedin.com
            host = "linkedin.com"
        if path.lower().startswith("/in/"):
            path, query, fragment = path.lower(), "", ""
    if scheme and host and not query and not fragment and path[:1] in ("", "/"):
        return f"{scheme}://{host}{path}"  # what urlunsplit gives for these parts
    return urlunsplit((scheme, host, path, query, fragment))
