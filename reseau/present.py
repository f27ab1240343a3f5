"""What the report and the views both present, so neither imports the other.

The words in English and French (headings, phrases, dates, stage names, a loop as
something to do), a contact's introduction chain and an opportunity's current stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from reseau.dates import MONTH_NAMES
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.records import Interaction, Opportunity, Stage

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")

HEADINGS: dict[Lang, tuple[str, ...]] = {
    "en": (
        "At a glance",
        "Broken chains",
        "Coming up",
        "Reconnect",
        "Referral chains",
        "Reciprocity",
        "Opportunities",
        "Ledger activity",
    ),
    "fr": (
        "En bref",
        "Chaînes rompues",
        "À venir",
        "Reprendre contact",
        "Chaînes de recommandation",
        "Réciprocité",
        "Opportunités",
        "Activité du registre",
    ),
}

_MONTHS = {
    "en": MONTH_NAMES,
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
_SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}

WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "title": "Weekly review — {week} ({span})",
        "title_owner": "{owner}'s weekly review — {week} ({span})",
        "as_of": "As of {date}.",
        "partial": "This week's counts stop at the as-of date.",
        "metric": "Per week",
        "goal": "goal",
        "of_goal": "{metric} {count} of {goal}",
        "interactions": "interactions",
        "new_contacts": "new contacts",
        "referrals": "referrals received",
        "promises_made": "promises made",
        "promises_kept": "promises kept",
        "stage_changes": "opportunity stage changes",
        "met": "goal met",
        "short_of": "{n} short of the goal",
        "goals_line": "This week against your goals: {items}.",
        "no_goals": "No weekly goals set (`goals:` in reseau.yaml).",
        "check_clean": "`reseau check`: no error, no warning.",
        "check": "`reseau check`: {errors} error(s), {warnings} warning(s), {info} info.",
        "chart_title": "Interactions per week",
        "chart_y": "interactions",
        "broken_none": "No broken chain: every loop past its date is closed.",
        "more": "… and {n} more ({where}).",
        "more_agenda": "`reseau agenda` lists them all",
        "more_show": "`reseau show ID` for each person",
        "more_opps": "each has its file under opportunities/",
        "more_graph": "The graph shows the chains listed below; `reseau graph` draws the whole network ({nodes} people and opportunities).",
        "coming_none": "Nothing due in the next seven days.",
        "reconnect_none": "Everyone active is within their cadence.",
        "reconnect_off": "Reconnect reminders are turned off (R009 in reseau.yaml).",
        "reconnect_item": "last in touch {date} ({days} ago); your cadence is {cadence}",
        "chains_intro": "Who introduced, referred and opened doors for you:",
        "chains_none": "No introduction or referral recorded yet.",
        "chains_open": "Chains still carrying an open loop:",
        "chains_open_none": "No chain carries an open loop.",
        "recip_none": "Nothing given or received yet.",
        "contact": "Contact",
        "gave": "You gave",
        "received": "You received",
        "balance": "Balance",
        "opp_none": "No opportunity recorded.",
        "opp_stages": "Current stages: {items}.",
        "opp_moved": "Moved this week:",
        "opp_moved_none": "No opportunity moved this week.",
        "opportunity": "Opportunity",
        "stage": "Stage",
        "came_through": "Came through",
        "direct": "(direct)",
        "activity_not_git": "The ledger is not in a Git repository: no activity to show.",
        "activity_no_commits": "The ledger's Git repository has no commit yet.",
        "activity_none": "No commit touched the ledger this week.",
        "activity_intro": "Commits touching the ledger this week (author date):",
        "commit": "Commit",
        "date": "Date",
        "subject": "Subject",
        "files": "Files",
        "today": "due today",
        "in_days": "due {date}, in {days}",
        "late": "due {date}, {days} late",
        "day": "day",
        "days": "days",
        "or": " or ",
        "and": ", ",
        "and_last": " and ",
        "colon": ": ",
        "semicolon": "; ",
        "promise": "Keep your promise to {people}: {text}",
        "next": "Next step with {people}: {text}",
        "referral": "Get in touch with {subject}, referred by {referrer}",
        "referral_bare": "Get in touch with {subject}",
        "inform": "Tell {people} how it went with {subject}",
        "inform_opp": "Tell {people} about {title} at {org}: {stage}",
        "planned": "Planned {channel} with {people}: {text}",
        "opp_label": "{title} at {org}",
        "introduced": "introduced",
        "referred": "referred",
        "opened": "opened",
        "suggest_title": "Whom to approach next (`reseau suggest`):",
        "suggest_none": "Nobody waiting to be approached: everyone introduced or referred to you "
        "has been contacted, and everyone who helped you is within their cadence.",
        "why_referred": "referred by {by} on {date}, not contacted yet",
        "why_introduced": "introduced by {by}, not contacted yet",
        "why_opportunity": "at {org}, where {title} is open ({stage}); "
        "not in touch since it opened on {date}",
        "why_helped": "helped you before ({what}); last in touch {date}, {days} ago",
        "why_never": "never contacted",
        "path_direct": "you know them directly",
        "path_direct_since": "you know them directly; last in touch {date}",
        "path_through": "through {chain}",
        "path_none": "no warm path yet",
        "helped_opportunity": "opportunity",
    },
    "fr": {
        "title": "Revue de la semaine — {week} ({span})",
        "title_owner": "Revue de la semaine de {owner} — {week} ({span})",
        "as_of": "À la date du {date}.",
        "partial": "Les chiffres de cette semaine s'arrêtent à cette date.",
        "metric": "Par semaine",
        "goal": "objectif",
        "of_goal": "{metric} {count} sur {goal}",
        "interactions": "échanges",
        "new_contacts": "nouveaux contacts",
        "referrals": "recommandations reçues",
        "promises_made": "promesses faites",
        "promises_kept": "promesses tenues",
        "stage_changes": "étapes d'opportunités",
        "met": "objectif atteint",
        "short_of": "{n} de moins que l'objectif",
        "goals_line": "Cette semaine face à vos objectifs : {items}.",
        "no_goals": "Aucun objectif hebdomadaire (`goals:` dans reseau.yaml).",
        "check_clean": "`reseau check` : aucune erreur, aucun avertissement.",
        "check": "`reseau check` : {errors} erreur(s), {warnings} avertissement(s), {info} info.",
        "chart_title": "Échanges par semaine",
        "chart_y": "échanges",
        "broken_none": "Aucune chaîne rompue : tout ce qui était dû est fait.",
        "more": "… et {n} de plus ({where}).",
        "more_agenda": "`reseau agenda` les liste tous",
        "more_show": "`reseau show ID` pour chaque personne",
        "more_opps": "chacune a son fichier dans opportunities/",
        "more_graph": "Le graphe montre les chaînes listées ci-dessous ; `reseau graph` dessine tout le réseau ({nodes} personnes et opportunités).",
        "coming_none": "Rien d'attendu dans les sept prochains jours.",
        "reconnect_none": "Tous vos contacts actifs sont dans leur rythme.",
        "reconnect_off": "Les rappels sont désactivés (R009 dans reseau.yaml).",
        "reconnect_item": "dernier échange le {date} (il y a {days}) ; votre rythme : {cadence}",
        "chains_intro": "Qui vous a présenté, recommandé et ouvert des portes :",
        "chains_none": "Aucune présentation ni recommandation enregistrée.",
        "chains_open": "Chaînes qui portent encore une boucle ouverte :",
        "chains_open_none": "Aucune chaîne ne porte de boucle ouverte.",
        "recip_none": "Rien de donné ni de reçu pour l'instant.",
        "contact": "Contact",
        "gave": "Donné",
        "received": "Reçu",
        "balance": "Solde",
        "opp_none": "Aucune opportunité enregistrée.",
        "opp_stages": "Étapes en cours : {items}.",
        "opp_moved": "Ce qui a bougé cette semaine :",
        "opp_moved_none": "Aucune opportunité n'a bougé cette semaine.",
        "opportunity": "Opportunité",
        "stage": "Étape",
        "came_through": "Par",
        "direct": "(direct)",
        "activity_not_git": "Le registre n'est pas dans un dépôt Git : pas d'activité à montrer.",
        "activity_no_commits": "Le dépôt Git du registre n'a encore aucun commit.",
        "activity_none": "Aucun commit n'a touché le registre cette semaine.",
        "activity_intro": "Commits qui touchent le registre cette semaine (date d'auteur) :",
        "commit": "Commit",
        "date": "Date",
        "subject": "Sujet",
        "files": "Fichiers",
        "today": "pour aujourd'hui",
        "in_days": "pour le {date}, dans {days}",
        "late": "prévu le {date}, {days} de retard",
        "day": "jour",
        "days": "jours",
        "or": " ou ",
        "and": ", ",
        "and_last": " et ",
        "colon": " : ",
        "semicolon": " ; ",
        "promise": "Tenir votre promesse à {people} : {text}",
        "next": "Prochaine étape avec {people} : {text}",
        "referral": "Prendre contact avec {subject}, de la part de {referrer}",
        "referral_bare": "Prendre contact avec {subject}",
        "inform": "Dire à {people} comment s'est passé le contact avec {subject}",
        "inform_opp": "Informer {people} pour {title} chez {org} : {stage}",
        "planned": "Prévu avec {people} ({channel}) : {text}",
        "opp_label": "{title} chez {org}",
        "introduced": "a présenté",
        "referred": "a recommandé",
        "opened": "a ouvert",
        "suggest_title": "Qui contacter ensuite (`reseau suggest`) :",
        "suggest_none": "Personne n'attend d'être contacté : chaque personne présentée ou "
        "recommandée a été contactée, et chacune de celles qui vous ont aidé est dans son rythme.",
        "why_referred": "recommandation de {by} le {date}, pas encore de contact",
        "why_introduced": "présentation par {by}, pas encore de contact",
        "why_opportunity": "chez {org}, où {title} est en cours ({stage}) ; "
        "pas d'échange depuis son ouverture le {date}",
        "why_helped": "aide reçue ({what}) ; dernier échange le {date}, il y a {days}",
        "why_never": "aucun échange à ce jour",
        "path_direct": "contact direct",
        "path_direct_since": "contact direct ; dernier échange le {date}",
        "path_through": "par {chain}",
        "path_none": "pas encore d'intermédiaire",
        "helped_opportunity": "opportunité",
    },
}

STAGE_WORDS: dict[Lang, dict[str, str]] = {
    "en": {},
    "fr": {
        "lead": "piste",
        "applied": "candidature",
        "interview": "entretien",
        "offer": "offre",
        "accepted": "acceptée",
        "rejected": "refusée",
        "withdrawn": "abandonnée",
    },
}

ITEM_WORDS: dict[Lang, dict[str, str]] = {
    "en": {"promise": "promise kept"},
    "fr": {
        "promise": "promesse tenue",
        "interest": "intérêt",
        "thanks": "remerciements",
        "update": "nouvelles",
        "article": "article",
        "introduction": "présentation",
        "help": "aide",
        "recommendation": "recommandation",
        "other": "autre",
        "advice": "conseil",
        "information": "information",
        "feedback": "retour",
        "news": "nouvelles",
        "referral": "recommandation",
    },
}

CHANNEL_WORDS: dict[Lang, dict[str, str]] = {
    "en": {},
    "fr": {
        "meeting": "rendez-vous",
        "call": "appel",
        "video": "visio",
        "email": "e-mail",
        "message": "message",
        "event": "événement",
        "letter": "lettre",
    },
}


@dataclass(frozen=True)
class Words:
    """One language: templates, dates, and the phrasing of loops."""

    lang: Lang

    def __call__(self, key: str, **values: object) -> str:
        return WORDS[self.lang][key].format(**values)

    def stage(self, stage: str) -> str:
        return STAGE_WORDS[self.lang].get(stage, stage)

    def item(self, word: str) -> str:
        return ITEM_WORDS[self.lang].get(word, word)

    def channel(self, word: str) -> str:
        return CHANNEL_WORDS[self.lang].get(word, word)

    def days(self, n: int) -> str:
        return f"{n} {self('day') if n == 1 else self('days')}"

    def date(self, day: dt.date, ref: dt.date | None = None) -> str:
        """`6 May` (with the year when it differs from ref's, or when ref is None: `6 May 2016`)."""
        text = f"{day.day} {_SHORT_MONTHS[self.lang][day.month - 1]}"
        return text if ref is not None and ref.year == day.year else f"{text} {day.year}"

    def long_date(self, day: dt.date) -> str:
        return (
            f"{_WEEKDAYS[self.lang][day.weekday()]} {day.day} "
            f"{_MONTHS[self.lang][day.month - 1]} {day.year}"
        )

    def span(self, start: dt.date, end: dt.date) -> str:
        months = _SHORT_MONTHS[self.lang]
        first = f"{start.day} {months[start.month - 1]}"
        if start.year != end.year:
            first += f" {start.year}"
        return f"{first} – {end.day} {months[end.month - 1]} {end.year}"

    def people(self, ledger: Ledger, ids: tuple[str, ...]) -> str:
        return self("or").join(ledger.name(c) for c in ids)

    def together(self, ledger: Ledger, ids: tuple[str, ...]) -> str:
        """Everyone at once, for a planned meeting: `A and B`, `A, B and C`."""
        names = [ledger.name(c) for c in ids]
        if len(names) < 2:
            return "".join(names)
        return self("and").join(names[:-1]) + self("and_last") + names[-1]

    def when(self, loop: Loop, as_of: dt.date) -> str:
        """`due 14 Apr, 3 days late`, `due today`, `due 6 May, in 3 days`."""
        delta = (loop.due - as_of).days
        if delta == 0:
            return self("today")
        if delta > 0:
            return self("in_days", date=self.date(loop.due, as_of), days=self.days(delta))
        return self("late", date=self.date(loop.due, as_of), days=self.days(-delta))

    def action(self, ledger: Ledger, loop: Loop) -> str:
        """The concrete thing to do, naming the people in full."""
        people = self.people(ledger, loop.people)
        source = loop.source
        if loop.kind == "promise":
            return self("promise", people=people, text=loop.action)
        if loop.kind == "next":
            return self("next", people=people, text=loop.action)
        if loop.kind == "referral":
            subject = ledger.name(loop.subject or loop.people[0])
            referrers = (
                tuple(c for c in source.with_ if c != loop.subject)
                if isinstance(source, Interaction)
                else ()
            )
            if referrers:
                return self(
                    "referral",
                    subject=subject,
                    referrer=self("and").join(ledger.name(c) for c in referrers),
                )
            return self("referral_bare", subject=subject)
        if loop.kind == "inform" and isinstance(source, Opportunity):
            index = loop.at[1] if len(loop.at) > 1 and isinstance(loop.at[1], int) else -1
            return self(
                "inform_opp",
                people=people,
                title=source.title,
                org=source.organization,
                stage=self.stage(source.stages[index].stage),
            )
        if loop.kind == "inform":
            return self("inform", people=people, subject=ledger.name(loop.subject or ""))
        assert isinstance(source, Interaction)
        return self(
            "planned",
            people=self.together(ledger, loop.people),
            channel=self.channel(source.channel or "meeting"),
            text=source.summary or source.id,
        )


def introduction_chain(ledger: Ledger, cid: str) -> tuple[str, ...]:
    """cid's introduction chain, the one known directly first, cid last."""
    return tuple(reversed([cid, *ledger.introducers(cid)]))


def current_stage(opp: Opportunity, as_of: dt.date) -> Stage | None:
    past = [s for s in opp.stages if s.date <= as_of]
    return past[-1] if past else None
