"""The report's own words: English templates marked for the catalogue (the French is in
reseau/locale/fr/LC_MESSAGES/reseau.po), beside reseau.present's tables.

Phrases with a count are `N_n(singular, plural)` pairs, translated with `ngettext`, so each
language has its own plural forms (French takes the singular for 0 and 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reseau.i18n import N_, N_n, Translator
from reseau.present import Lang, Words

WORDS: dict[str, str] = {
    "week_short": N_("W{number:02d}"),
    "this_week": N_("This week"),
    "this_week_none": N_(
        "Nothing to do this week: no loop is late or due, nobody to reconnect with."
    ),
    "do_promise": N_("Keep your promise to {person}: {text}"),
    "do_next": N_("Next step with {person}: {text}"),
    "do_referral": N_("Get in touch with {person}, referred by {by}"),
    "do_referral_bare": N_("Get in touch with {person}"),
    "do_inform": N_("Tell {person} how it went with {subject}"),
    "do_inform_opp": N_("Tell {person} about {title} at {org}: {stage}"),
    "do_reconnect": N_("Get back in touch with {person}"),
    "why_reconnect": N_("last in touch {date}, {days} ago; your cadence is {cadence}"),
    "late": N_("{days} late"),
    "today": N_("due today"),
    "tomorrow": N_("due tomorrow"),
    "soon": N_("due {date}, in {days}"),
    "chart_title": N_("Interactions per week (line: your goal of {goal})"),
    "chart_title_bare": N_("Interactions per week"),
    "check": N_("`reseau check`: {errors}, {warnings}, {info}."),
    "more_git": N_("`git log` lists them all"),
    "broken_further": N_("Also overdue:"),
    "broken_none_recent": N_("Nothing overdue from the last twelve months."),
    "chains_intro": N_(
        "The chains that carry an open loop, most urgent first "
        "(`reseau graph` draws the whole network). An arrow: introduced; a thick arrow: "
        "referred; a dotted arrow: opened an opportunity."
    ),
    "chains_more_graph": N_("The graph draws the first {shown} chains."),
}

# (singular, plural), each with {n}.
PLURALS: dict[str, tuple[str, str]] = {
    "days": N_n("{n} day", "{n} days"),
    "further": N_n(
        "1 loop overdue, {days} late",
        "{n} loops overdue, the oldest {days} late",
    ),
    "more_people": N_n(
        "… and 1 more person (`reseau agenda` lists every loop).",
        "… and {n} more people (`reseau agenda` lists every loop).",
    ),
    "stale": N_n(
        "1 loop more than a year late is not listed (due {date}): drop it with "
        "`reseau drop` or keep it; `reseau agenda` lists it.",
        "{n} loops more than a year late are not listed (the oldest due {date}): "
        "drop them with `reseau drop` or keep them; `reseau agenda` lists them.",
    ),
    "errors": N_n("{n} error", "{n} errors"),
    "warnings": N_n("{n} warning", "{n} warnings"),
    "info": N_n("{n} info", "{n} info"),
    "more_loops": N_n("… and 1 more loop", "… and {n} more loops"),
}


@dataclass(frozen=True)
class ReportWords:
    """The report's words in one language, beside reseau.present.Words (`w.base`)."""

    lang: Lang

    @property
    def base(self) -> Words:
        return Words(self.lang)

    @property
    def tr(self) -> Translator:
        return Translator(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        template = self.tr.gettext(WORDS[key])
        return template.format(**values) if values else template

    def plural(self, key: str, n: int, **values: object) -> str:
        tr = self.tr
        return tr.ngettext(*PLURALS[key], n).format(n=tr.number(n), **values)

    def days(self, n: int) -> str:
        return self.plural("days", n)

    def week(self, number: int) -> str:
        return self("week_short", number=number)

    def when(self, due: dt.date, as_of: dt.date) -> str:
        """`3 days late`, `due today`, `due tomorrow`, `due 6 May, in 3 days`."""
        delta = (due - as_of).days
        if delta < 0:
            return self("late", days=self.days(-delta))
        if delta == 0:
            return self("today")
        if delta == 1:
            return self("tomorrow")
        return self("soon", date=self.base.date(due, as_of), days=self.days(delta))
