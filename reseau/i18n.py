"""The language of every command and its translator: gettext catalogues and Babel.

English is the source language: its translator returns the strings of the code as they
are and imports neither Babel nor a catalogue. Other languages read
`reseau/locale/<lang>/LC_MESSAGES/reseau.po` (the file translators edit) and format
dates and numbers with Babel (CLDR data).

Strings meant for users are marked for Babel's extractor (tests/i18n checks the
catalogue against what it finds): `tr.gettext(...)`/`tr.ngettext(...)` where a translator
is at hand (or `tr(template, **values)`), `msg(...)`/`msg_n(...)` for a message rendered
later (a problem's message, kept in the store in no language), `N_(...)` for a template in
a table, `N_n(singular, plural)` for a pair of plural forms in a table.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Union

import msgspec

if TYPE_CHECKING:
    import gettext

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")
DOMAIN = "reseau"

# The keywords Babel's extractor looks for (the argument positions that are msgids).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "gettext": None,
    "tr": None,  # a Translator called: tr("{n} files", n=3)
    "ngettext": (1, 2),
    "N_": None,
    "N_n": (1, 2),
    "msg": None,
    "msg_n": (1, 2),
}


def N_(text: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a template for the catalogue; it is translated where it is used."""
    return text


def N_n(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - the gettext convention
    """Mark a template with plural forms for the catalogue; `ngettext` chooses the form."""
    return singular, plural


class Day(msgspec.Struct, frozen=True, array_like=True, tag=True, gc=False):
    """A date argument: ISO in English messages, `14 avril 2016` in French."""

    iso: str


class Msg(msgspec.Struct, frozen=True, array_like=True, tag=True):
    """A message in no language yet: its English template (the msgid), the English plural
    template when it has one (then the argument `n` chooses the form), and its arguments,
    which may be messages themselves."""

    id: str
    args: tuple[tuple[str, Union[str, int, Day, Msg]], ...] = ()  # noqa: UP007 - msgspec
    plural: str = ""


Arg = Union[str, int, dt.date, Msg]  # noqa: UP007


def _arg(value: Arg) -> str | int | Day | Msg:
    return Day(value.isoformat()) if isinstance(value, dt.date) else value


def msg(template: str, **args: Arg) -> Msg:
    """A message to render later with a translator: `msg("no contact {id}", id=cid)`."""
    return Msg(template, tuple((k, _arg(v)) for k, v in args.items()))


def msg_n(singular: str, plural: str, n: int, **args: Arg) -> Msg:
    """A message with plural forms chosen by n (also available to the template as {n})."""
    items = tuple((k, _arg(v)) for k, v in {"n": n, **args}.items())
    return Msg(singular, items, plural)


def locale_lang(environ: Mapping[str, str]) -> Lang | None:
    """The language the POSIX locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is
    set (`fr_FR.UTF-8` is French); None for C, POSIX, a language reseau does not speak, or
    nothing set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            return code if code in LANGS else None
    return None


def parse_lang(value: str) -> Lang | None:
    """`fr`, `FR`, `fr_FR`, `fr-CA` → fr; None when reseau does not speak it."""
    code = value.strip().replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGS else None


def resolve(
    option: str | None, setting: str | None, environ: Mapping[str, str] | None = None
) -> Lang:
    """--lang, else reseau.yaml `lang:`, else the locale, else English."""
    for value in (option, setting):
        if value:
            lang = parse_lang(value)
            if lang is not None:
                return lang
    return locale_lang(os.environ if environ is None else environ) or "en"


@functools.cache
def _catalogue(lang: Lang) -> gettext.GNUTranslations:
    """The catalogue of a language: the .mo the wheel's build compiled, read by the
    standard library; in a source checkout, the .po itself, read with Babel."""
    import gettext
    import io
    from importlib.resources import files

    folder = files("reseau") / "locale" / lang / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (folder / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Translator:
    """One language: messages, plurals, dates and numbers."""

    lang: Lang

    def gettext(self, text: str) -> str:
        return text if self.lang == "en" else _catalogue(self.lang).gettext(text)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.lang == "en":
            return singular if n == 1 else plural
        return _catalogue(self.lang).ngettext(singular, plural, n)

    def __call__(self, text: str, **values: object) -> str:
        """The translation of a template, filled in: `tr("{n} files", n=3)`."""
        return self.gettext(text).format(**values) if values else self.gettext(text)

    def render(self, message: Msg | str) -> str:
        if isinstance(message, str):
            return message
        values = {name: self._value(value) for name, value in message.args}
        if message.plural:
            n = next((v for k, v in message.args if k == "n" and isinstance(v, int)), 0)
            template = self.ngettext(message.id, message.plural, n)
        else:
            template = self.gettext(message.id)
        return template.format(**values)

    def _value(self, value: str | int | Day | Msg) -> str:
        if isinstance(value, Msg):
            return self.render(value)
        if isinstance(value, Day):
            return self.iso_or_long(dt.date.fromisoformat(value.iso))
        if isinstance(value, int):
            return self.number(value)
        return value

    def number(self, n: int) -> str:
        if self.lang == "en":
            return str(n)
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.lang)

    def iso_or_long(self, day: dt.date) -> str:
        """A date in a message: ISO in English (as it always was), `14 avril 2016` otherwise."""
        if self.lang == "en":
            return day.isoformat()
        return self.babel_date(day, "d MMMM y")

    def babel_date(self, day: dt.date, pattern: str) -> str:
        from babel.dates import format_date

        text: str = format_date(day, pattern, locale=self.lang)
        return text.replace("1 ", "1er ", 1) if self.lang == "fr" and day.day == 1 else text

    def short_date(self, day: dt.date, ref: dt.date | None = None) -> str:
        """`6 May` (`6 mai`), with the year when it differs from ref's or ref is None."""
        same_year = ref is not None and ref.year == day.year
        if self.lang == "en":
            text = f"{day.day} {_EN_MONTHS[day.month - 1]}"
            return text if same_year else f"{text} {day.year}"
        return self.babel_date(day, "d MMM" if same_year else "d MMM y")

    def days(self, n: int) -> str:
        """`1 day`, `3 days` (`1 jour`, `3 jours`)."""
        return self.ngettext("{n} day", "{n} days", n).format(n=self.number(n))

    def week(self, year: int, week: int) -> str:
        """An ISO week: `2016-W15` in English, `S15 2016` in French."""
        return self.gettext("{year}-W{week:02d}").format(year=year, week=week)


def translator(lang: Lang) -> Translator:
    return Translator(lang)


ENGLISH = Translator("en")
