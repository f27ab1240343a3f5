"""The report's own words, in English and French, shaped like reseau.present's tables.

Phrases with a count have a singular and a plural form (French takes the singular for 0
and 1), so the table moves into a gettext catalogue as `ngettext` entries in one step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reseau.present import Lang, Words

WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "week_short": "W{number:02d}",
        "this_week": "This week",
        "this_week_none": "Nothing to do this week: no loop is late or due, nobody to reconnect with.",
        "do_promise": "Keep your promise to {person}: {text}",
        "do_next": "Next step with {person}: {text}",
        "do_referral": "Get in touch with {person}, referred by {by}",
        "do_referral_bare": "Get in touch with {person}",
        "do_inform": "Tell {person} how it went with {subject}",
        "do_inform_opp": "Tell {person} about {title} at {org}: {stage}",
        "do_reconnect": "Get back in touch with {person}",
        "why_reconnect": "last in touch {date}, {days} ago; your cadence is {cadence}",
        "late": "{days} late",
        "today": "due today",
        "tomorrow": "due tomorrow",
        "soon": "due {date}, in {days}",
        "chart_title": "Interactions per week (line: your goal of {goal})",
        "chart_title_bare": "Interactions per week",
        "check": "`reseau check`: {errors}, {warnings}, {info}.",
        "more_git": "`git log` lists them all",
        "broken_further": "Also overdue:",
        "broken_none_recent": "Nothing overdue from the last twelve months.",
        "chains_intro": "The chains that carry an open loop, most urgent first "
        "(`reseau graph` draws the whole network). An arrow: introduced; a thick arrow: "
        "referred; a dotted arrow: opened an opportunity.",
        "chains_more_graph": "The graph draws the first {shown} chains.",
    },
    "fr": {
        "week_short": "S{number:02d}",
        "this_week": "Cette semaine",
        "this_week_none": "Rien à faire cette semaine : aucune relance en retard ni attendue, "
        "personne à recontacter.",
        "do_promise": "Tenir votre promesse à {person} : {text}",
        "do_next": "Prochaine étape avec {person} : {text}",
        "do_referral": "Prendre contact avec {person}, de la part de {by}",
        "do_referral_bare": "Prendre contact avec {person}",
        "do_inform": "Tenir {person} au courant de votre échange avec {subject}",
        "do_inform_opp": "Tenir {person} au courant pour le poste {title} chez {org} : {stage}",
        "do_reconnect": "Relancer {person}",
        "why_reconnect": "dernier échange le {date}, il y a {days} ; votre rythme : {cadence}",
        "late": "{days} de retard",
        "today": "pour aujourd'hui",
        "tomorrow": "pour demain",
        "soon": "pour le {date}, dans {days}",
        "chart_title": "Échanges par semaine (ligne : votre objectif de {goal})",
        "chart_title_bare": "Échanges par semaine",
        "check": "`reseau check` : {errors}, {warnings}, {info}.",
        "more_git": "`git log` les liste tous",
        "broken_further": "Autres retards :",
        "broken_none_recent": "Aucune relance en retard depuis moins d'un an.",
        "chains_intro": "Les chaînes où une relance reste à faire, les plus urgentes d'abord "
        "(`reseau graph` dessine tout le réseau). Une flèche : a présenté ; une flèche "
        "épaisse : a recommandé ; une flèche en pointillé : a ouvert une opportunité.",
        "chains_more_graph": "Le graphe dessine les {shown} premières chaînes.",
    },
}

# (singular, plural), each with {n}.
PLURALS: dict[Lang, dict[str, tuple[str, str]]] = {
    "en": {
        "days": ("{n} day", "{n} days"),
        "further": (
            "1 loop overdue, {days} late",
            "{n} loops overdue, the oldest {days} late",
        ),
        "more_people": (
            "… and 1 more person (`reseau agenda` lists every loop).",
            "… and {n} more people (`reseau agenda` lists every loop).",
        ),
        "stale": (
            "1 loop more than a year late is not listed (due {date}): drop it with "
            "`reseau drop` or keep it; `reseau agenda` lists it.",
            "{n} loops more than a year late are not listed (the oldest due {date}): "
            "drop them with `reseau drop` or keep them; `reseau agenda` lists them.",
        ),
        "errors": ("{n} error", "{n} errors"),
        "warnings": ("{n} warning", "{n} warnings"),
        "info": ("{n} info", "{n} info"),
        "more_loops": ("… and 1 more loop", "… and {n} more loops"),
    },
    "fr": {
        "days": ("{n} jour", "{n} jours"),
        "further": (
            "1 relance en retard de {days}",
            "{n} relances en retard, la plus ancienne de {days}",
        ),
        "more_people": (
            "… et 1 personne de plus (`reseau agenda` liste toutes les relances).",
            "… et {n} personnes de plus (`reseau agenda` liste toutes les relances).",
        ),
        "stale": (
            "1 relance en retard de plus d'un an n'est pas listée (prévue le {date}) : "
            "abandonnez-la avec `reseau drop` ou gardez-la ; `reseau agenda` la liste.",
            "{n} relances en retard de plus d'un an ne sont pas listées (la plus ancienne "
            "prévue le {date}) : abandonnez-les avec `reseau drop` ou gardez-les ; "
            "`reseau agenda` les liste.",
        ),
        "errors": ("{n} erreur", "{n} erreurs"),
        "warnings": ("{n} avertissement", "{n} avertissements"),
        "info": ("{n} info", "{n} infos"),
        "more_loops": ("… et 1 autre relance", "… et {n} autres relances"),
    },
}


@dataclass(frozen=True)
class ReportWords:
    """The report's words in one language, beside reseau.present.Words (`w.base`)."""

    lang: Lang

    @property
    def base(self) -> Words:
        return Words(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        return WORDS[self.lang][key].format(**values)

    def plural(self, key: str, n: int, **values: object) -> str:
        singular, plural = PLURALS[self.lang][key]
        one = n == 1 if self.lang == "en" else n <= 1
        return (singular if one else plural).format(n=n, **values)

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
