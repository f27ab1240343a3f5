"""The French catalogue holds every message the code marks, translated, and nothing else.

Babel's extractor reads reseau/ with the keywords of reseau.i18n (gettext, ngettext, tr,
N_, msg, msg_n), and every check's documentation (`reseau rules ID`) is a msgid too; each
must be in reseau/locale/fr/LC_MESSAGES/reseau.po with a
translation (every plural form), no entry may be fuzzy or obsolete, and a translation
keeps the placeholders of its msgid.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reseau.commands.rules import texts
from reseau.i18n import KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "reseau" / "locale" / "fr" / "LC_MESSAGES" / "reseau.po"
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")


def extracted() -> dict[str, tuple[str, ...]]:
    """msgid → every msgid of the entry (two for a plural), as Babel extracts them."""
    found: dict[str, tuple[str, ...]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "reseau", method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            ids = (message,) if isinstance(message, str) else tuple(message)
            found[ids[0]] = ids
    for doc in texts().values():
        found[doc] = (doc,)
    return found


def catalogue() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]]:
    with PO.open("rb") as handle:
        po = read_po(handle, locale="fr")
    entries = {}
    for entry in po:
        if not entry.id:
            continue
        ids = (entry.id,) if isinstance(entry.id, str) else tuple(entry.id)
        strings = (entry.string,) if isinstance(entry.string, str) else tuple(entry.string)
        entries[ids[0]] = (ids, strings, entry.fuzzy)
    assert not po.obsolete, f"obsolete entries: {list(po.obsolete)}"
    return entries


def test_every_marked_message_is_in_the_catalogue() -> None:
    missing = sorted(set(extracted()) - set(catalogue()))
    assert missing == [], "run Babel's extractor and translate: " + repr(missing)


def test_the_catalogue_holds_no_message_the_code_lost() -> None:
    stale = sorted(set(catalogue()) - set(extracted()))
    assert stale == [], "remove from reseau.po: " + repr(stale)


def test_every_entry_is_translated_with_its_placeholders() -> None:
    code = extracted()
    for key, (ids, strings, fuzzy) in catalogue().items():
        assert not fuzzy, key
        assert ids == code.get(key, ids), f"plural changed: {key!r}"
        assert len(strings) == len(ids), f"every plural form: {key!r}"
        for string in strings:
            assert string, f"untranslated: {key!r}"
            wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
            assert set(PLACEHOLDER.findall(string)) <= wanted, (key, string)
