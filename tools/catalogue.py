"""Bring reseau/locale/<lang>/LC_MESSAGES/reseau.po in step with the code.

    python tools/catalogue.py [--lang fr] [--fill translations.json]

Extracts the messages with Babel (the keywords of reseau.i18n.KEYWORDS) and every
check's documentation (reseau.commands.rules.texts), keeps the translations the
catalogue already has, drops entries the code no longer has, takes new translations
from --fill (a JSON object: msgid -> msgstr, or a list of plural forms), and prints the
msgids still untranslated (tests/i18n/test_catalogue.py fails while there are any).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import warnings
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reseau.commands.rules import texts  # noqa: E402
from reseau.i18n import DOMAIN, KEYWORDS  # noqa: E402

HEADER = (
    "# {language} translations of reseau's messages (gettext catalogue, domain reseau).\n"
    "# Checked against the code by tests/i18n/test_catalogue.py; updated by "
    "tools/catalogue.py.\n"
)
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}
LANGUAGES = {"fr": "French"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--fill", type=Path, help="JSON: msgid -> translation")
    args = parser.parse_args(argv)
    po = ROOT / "reseau" / "locale" / args.lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    old = read_po(po.open("rb"), locale=args.lang) if po.exists() else None
    fill = json.loads(args.fill.read_text(encoding="utf-8")) if args.fill else {}
    new = Catalog(locale=args.lang, domain=DOMAIN, project="reseau", fuzzy=False)
    missing = []

    def add(message: str | tuple[str, str], where: str, comments: list[str]) -> None:
        key = message if isinstance(message, str) else message[0]
        kept = old.get(key) if old is not None else None
        string: str | tuple[str, ...] | None = None
        if kept is not None and kept.string and (kept.id == message) and all(kept.string):
            string = kept.string
        elif key in fill:
            given = fill[key]
            string = given if isinstance(given, str) else tuple(given)
        if not string:
            missing.append(key)
            string = "" if isinstance(message, str) else ("", "")
        new.add(message, string, locations=[(where, 0)], auto_comments=comments)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # f-strings passed as arguments, not msgids
        for file, _line, message, comments, _ctx in extract_from_dir(
            ROOT / "reseau", method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            add(message, f"reseau/{file}", list(comments))
    for rid, doc in texts().items():
        add(doc, "reseau/commands/rules.py", [f"The documentation of {rid} (reseau rules {rid})."])
    buffer = io.BytesIO()
    write_po(buffer, new, width=100, include_lineno=False)
    text = buffer.getvalue().decode()
    text = (
        HEADER.format(language=LANGUAGES.get(args.lang, args.lang)) + text[text.index('msgid ""') :]
    )
    drop = ("POT-Creation-Date", "PO-Revision-Date", "Last-Translator", "Language-Team")
    drop += ("Report-Msgid-Bugs-To",)
    for field in drop:
        text = re.sub(rf'"{field}: [^"]*"\n', "", text)
    text = text.replace(
        '"Project-Id-Version: reseau VERSION\\n"', '"Project-Id-Version: reseau\\n"'
    )
    if args.lang in PLURAL_FORMS:
        forms = PLURAL_FORMS[args.lang]
        text = re.sub(r'"Plural-Forms: [^"]*"', f'"Plural-Forms: {forms}\\\\n"', text)
        text = re.sub(r'msgstr\[[2-9]\] "[^"]*"\n', "", text)
    po.parent.mkdir(parents=True, exist_ok=True)
    po.write_text(text, encoding="utf-8", newline="\n")
    for key in missing:
        print(f"untranslated: {key!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
